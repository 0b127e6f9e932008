"""異動一覧・日計 (係長 and above): the 異動 of a day with their 点検, the 日計 of 交付 for the cash check, and the
printed sheet (PDF, with the audit chain heads).

The 係長 ticks the 異動 they have checked and presses 「点検済みにする」: the facade records who and when (the first
mark of a 異動 stays) and the mark replicates to every terminal.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.daily import DailyReport
from domain.errors import ValidationError
from domain.wareki import format_short, format_wareki, parse_date
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.daily_pdf import render_daily
from ui.common.pdf_pages import MemoryPdf, prepare_printer, print_pages
from ui.common.styles import ERROR_STYLE, OK_STYLE

# 異動事由, 異動日 and 証明書の種別 are the standard's item names, not translated
IDOU_COLUMNS = (QT_TRANSLATE_NOOP("DailyDialog", "点検"), QT_TRANSLATE_NOOP("DailyDialog", "処理時刻"), "異動事由", "異動日",
                QT_TRANSLATE_NOOP("DailyDialog", "届出期間"), QT_TRANSLATE_NOOP("DailyDialog", "対象者"),
                QT_TRANSLATE_NOOP("DailyDialog", "職員"), QT_TRANSLATE_NOOP("DailyDialog", "端末"))
LATE_STYLE = QColor(255, 224, 224)
KOFU_COLUMNS = ("証明書の種別", QT_TRANSLATE_NOOP("DailyDialog", "件数"), QT_TRANSLATE_NOOP("DailyDialog", "通数"),
                QT_TRANSLATE_NOOP("DailyDialog", "手数料"), QT_TRANSLATE_NOOP("DailyDialog", "拒否"))
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([QCoreApplication.translate("DailyDialog", column) for column in columns])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DailyDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.report: DailyReport | None = None
        self.setWindowTitle(self.tr("異動一覧・日計"))
        self.day = QLineEdit(format_short(registry.today()))
        self.day.setObjectName("day")
        self.day.setMaximumWidth(160)
        self.day.returnPressed.connect(self.load)
        show = QPushButton(self.tr("表示"))
        show.clicked.connect(self.load)
        self.idou = _table(IDOU_COLUMNS)
        self.idou.setObjectName("idou")
        self.idou.horizontalHeader().setSectionResizeMode(IDOU_COLUMNS.index("対象者"),
                                                          QHeaderView.ResizeMode.Stretch)
        self.check_button = QPushButton(self.tr("選んだ異動を点検済みにする"))
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.check_ticked)
        self.kofu = _table(KOFU_COLUMNS)
        self.kofu.setObjectName("kofu")
        self.kofu.setMaximumHeight(160)
        self.kofu.horizontalHeader().setStretchLastSection(False)
        self.kofu.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        save = QPushButton(self.tr("PDFで保存…"))
        save.clicked.connect(self._save_clicked)
        print_button = QPushButton(self.tr("印刷…"))
        print_button.clicked.connect(self._print_clicked)
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.reject)
        for button in (show, self.check_button, save, print_button, close):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("処理日")))
        top.addWidget(self.day)
        top.addWidget(show)
        top.addStretch(1)
        checks = QHBoxLayout()
        checks.addWidget(self.check_button)
        checks.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(save)
        bottom.addWidget(print_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.idou_title = QLabel(self.tr("異動一覧"))
        layout.addWidget(self.idou_title)
        layout.addWidget(self.idou, 1)
        layout.addLayout(checks)
        layout.addWidget(QLabel(self.tr("日計（交付）")))
        layout.addWidget(self.kofu)
        layout.addWidget(self.total)
        layout.addLayout(bottom)
        self.resize(1000, 700)
        self.load()

    def _date(self) -> dt.date | None:
        try:
            return parse_date(self.day.text(), item=self.tr("処理日")).to_date()
        except ValidationError as exc:
            self._show_message(f"{exc.item}：{exc.message}", error=True)
            return None

    def load(self) -> None:
        day = self._date()
        if day is None:
            return
        try:
            self.report = self.registry.daily.report(self.staff, day)
        except StoreError as exc:
            self._show_message(exc.message, error=True)
            return
        self._show_message("")
        self._fill()

    def _fill(self) -> None:
        assert self.report is not None
        report = self.report
        self.idou_title.setText(self.tr("異動一覧（{date}　{count}件、未点検 {unchecked}件、届出期間経過 {late}件）").format(
            date=format_wareki(dt.date.fromisoformat(report.day)), count=len(report.idou), unchecked=report.unchecked,
            late=len(report.late)))
        self.idou.setRowCount(len(report.idou))
        for row, line in enumerate(report.idou):
            check = QTableWidgetItem(f"{line.checked_by} {line.checked_at[11:16]}" if line.checked_by
                                     else self.tr("未"))
            check.setData(DOC_ID_ROLE, line.doc_id)
            if not line.checked_by:
                check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                check.setCheckState(Qt.CheckState.Unchecked)
            persons = "、".join(f"{name}（{atena}）" for atena, name in line.persons)
            self.idou.setItem(row, 0, check)
            late = self.tr("{days}日経過（法52条）").format(days=line.days_late) if line.days_late else ""
            for col, text in enumerate((line.processed_at[11:16], line.reason,
                                        line.idou_date.text or format_wareki(line.idou_date), late, persons,
                                        line.staff, line.terminal), start=1):
                item = QTableWidgetItem(text)
                if line.days_late:
                    item.setBackground(LATE_STYLE)
                self.idou.setItem(row, col, item)
        self.kofu.setRowCount(len(report.kofu))
        for row, total in enumerate(report.kofu):
            for col, text in enumerate((total.kind, self.tr("{count}件").format(count=total.requests),
                                        self.tr("{count}通").format(count=total.copies),
                                        self.tr("{fee}円").format(fee=f"{total.fee:,}"),
                                        self.tr("{count}件").format(count=total.refused))):
                self.kofu.setItem(row, col, QTableWidgetItem(text))
        self.total.setText(self.tr("手数料の合計 {fee}円（{copies}通）").format(fee=f"{report.fee:,}",
                                                                  copies=sum(t.copies for t in report.kofu)))
        self.check_button.setEnabled(report.unchecked > 0)

    def ticked(self) -> list[str]:
        found = []
        for row in range(self.idou.rowCount()):
            item = self.idou.item(row, 0)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                found.append(item.data(DOC_ID_ROLE))
        return found

    def check_ticked(self) -> None:
        if self.report is None:
            return
        ticked = self.ticked()
        if not ticked:
            self._show_message(self.tr("点検した異動の「点検」欄にチェックを入れてください"), error=True)
            return
        try:
            marked = self.registry.daily.mark_checked(self.staff, dt.date.fromisoformat(self.report.day), ticked)
        except (ValidationError, StoreError) as exc:
            self._show_message(exc.message, error=True)
            return
        self.load()
        self._show_message(self.tr("{count}件を点検済みにしました").format(count=marked))

    def pdf(self) -> bytes:
        assert self.report is not None
        town = self.registry.municipality
        return render_daily(self.report, town.prefecture + town.name, self.registry.audit.heads(),
                            self.staff.display_name, self.registry.now())

    def _save_clicked(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("PDFで保存"), f"daily-{self.report.day}.pdf", "PDF (*.pdf)")
        if path:
            try:
                with open(path, "wb") as out:
                    out.write(self.pdf())
            except OSError as exc:
                self._show_message(self.tr("ファイルに書けませんでした（{error}）").format(error=exc.strerror), error=True)
                return
            self._show_message(self.tr("保存しました"))

    def _print_clicked(self) -> None:
        if self.report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pages(MemoryPdf(self.pdf(), self), printer)
        except OSError as exc:
            self._show_message(self.tr("印刷できませんでした（{error}）").format(error=exc), error=True)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
