"""異動一覧・日計 (係長 and above): the 異動 of a day with their 点検, the 日計 of 交付 for the cash check, and the
printed sheet (PDF, with the audit chain heads).

The 係長 ticks the 異動 they have checked (Space in the 点検 column, or a click) and presses 「選んだ異動を点検済みにする」:
the facade records who and when (the first mark of a 異動 stays) and the mark replicates to every terminal. Reading
the day and marking run in the background, one at a time (the button waits meanwhile): a day may hold thousands of
異動, and only the rows marked change, in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.daily import DailyReport
from domain.errors import ValidationError
from domain.wareki import format_short, parse_date
from local_store.registry import Registry
from local_store.staff import Staff
from reports.daily_pdf import render_daily
from ui.admin.idou_day_model import COL_CHECK, COL_PERSONS, COLUMNS, DayRow, IdouDayModel, day_rows, day_title
from ui.common.background import BackgroundJob, Progress
from ui.common.field_errors import error_text
from ui.common.pdf_pages import MemoryPdf, prepare_printer, print_pages
from ui.common.styles import ERROR_STYLE, OK_STYLE

# 証明書の種別 is the standard's item name, not translated
KOFU_COLUMNS = ("証明書の種別", QT_TRANSLATE_NOOP("DailyDialog", "件数"), QT_TRANSLATE_NOOP("DailyDialog", "通数"),
                QT_TRANSLATE_NOOP("DailyDialog", "手数料"), QT_TRANSLATE_NOOP("DailyDialog", "拒否"))
CATEGORY_COLUMNS = (QT_TRANSLATE_NOOP("DailyDialog", "無料・減免の区分"), QT_TRANSLATE_NOOP("DailyDialog", "件数"),
                    QT_TRANSLATE_NOOP("DailyDialog", "通数"), QT_TRANSLATE_NOOP("DailyDialog", "手数料"))
Loaded = tuple[DailyReport, list[DayRow]]
Marked = tuple[int, dict[str, tuple[str, str]]]  # how many were newly marked; the marks of those ticked


def _kofu_table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([QCoreApplication.translate("DailyDialog", column) for column in columns])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _idou_table(model: IdouDayModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    # Sized once for each day shown (never per row): every column to its contents, 対象者 taking the rest.
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setSectionResizeMode(COL_PERSONS, QHeaderView.ResizeMode.Stretch)
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
        self.show_button = QPushButton(self.tr("表示"))
        self.show_button.clicked.connect(self.load)
        self.model = IdouDayModel(self)
        self.idou = _idou_table(self.model)
        self.idou.setObjectName("idou")
        self.check_button = QPushButton(self.tr("選んだ異動を点検済みにする"))
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.check_ticked)
        self.kofu = _kofu_table(KOFU_COLUMNS)
        self.kofu.setObjectName("kofu")
        self.kofu.setMaximumHeight(160)
        self.categories = _kofu_table(CATEGORY_COLUMNS)
        self.categories.setObjectName("categories")
        self.categories.setMaximumHeight(120)
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
        for button in (self.show_button, self.check_button, save, print_button, close):
            button.setAutoDefault(False)
        self._job = BackgroundJob(self)
        self._job.holds(self.show_button, self.check_button)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("処理日")))
        top.addWidget(self.day)
        top.addWidget(self.show_button)
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
        layout.addWidget(self.categories)
        layout.addWidget(self.total)
        layout.addLayout(bottom)
        self.resize(1100, 700)
        self.load()

    @property
    def busy(self) -> bool:
        """Reading the day or marking 点検, in the background."""
        return self._job.running

    def _date(self) -> dt.date | None:
        try:
            return parse_date(self.day.text(), item=self.tr("処理日")).to_date()
        except ValidationError as exc:
            self._show_message(error_text(exc), error=True)
            return None

    def load(self) -> None:
        """The day's 異動 and 日計, read in the background."""
        day = self._date()
        if day is None or self.busy:
            return
        registry, staff = self.registry, self.staff
        self._show_message(self.tr("読み込んでいます…"))

        def read(_progress: Progress) -> Loaded:
            report = registry.daily.report(staff, day)
            return report, day_rows(report)

        self._job.begin(read, then=self._loaded, otherwise=self._failed)

    def _loaded(self, loaded: Loaded) -> None:
        report, rows = loaded
        self.report = report
        self._show_message("")
        self.model.show_rows(rows, report.names)
        self._fit_columns()
        if self.model.rowCount():
            self.idou.setCurrentIndex(self.model.index(0, COL_CHECK))
        self.kofu.setRowCount(len(report.kofu))
        for row, total in enumerate(report.kofu):
            for col, text in enumerate((total.kind, self.tr("{count}件").format(count=total.requests),
                                        self.tr("{count}通").format(count=total.copies),
                                        self.tr("{fee}円").format(fee=f"{total.fee:,}"),
                                        self.tr("{count}件").format(count=total.refused))):
                self.kofu.setItem(row, col, QTableWidgetItem(text))
        self.categories.setRowCount(len(report.categories))
        for row, category in enumerate(report.categories):
            for col, text in enumerate((category.category, self.tr("{count}件").format(count=category.requests),
                                        self.tr("{count}通").format(count=category.copies),
                                        self.tr("{fee}円").format(fee=f"{category.fee:,}"))):
                self.categories.setItem(row, col, QTableWidgetItem(text))
        self.total.setText(self.tr("手数料の合計 {fee}円（{copies}）").format(
            fee=f"{report.fee:,}", copies=self.tr("%n通", "", sum(t.copies for t in report.kofu)))
            + "".join(self.tr("\n取消 {time} {staff}: {kind} {numbers}　-{fee}円　理由: {reason}").format(
                time=c.at[11:16], staff=c.staff, kind=c.kind, numbers=" / ".join(c.issue_numbers),
                fee=f"{c.fee:,}", reason=c.reason) for c in report.cancellations))
        self._show_counts()

    def _fit_columns(self) -> None:
        """Each column but 対象者 (which takes the rest) as wide as its widest text, measured once per distinct
        text: never per row, nor again when rows change."""
        style, metrics, header = self.idou.style(), self.idou.fontMetrics(), self.idou.horizontalHeader()
        padding = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.idou) + 1) + 8
        box = (style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self.idou)
               + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self.idou))
        for column in range(len(COLUMNS)):
            if column == COL_PERSONS:
                continue
            widest = max((metrics.horizontalAdvance(text) for text in self.model.distinct_texts(column)), default=0)
            width = widest + padding + (box if column == COL_CHECK else 0)
            self.idou.setColumnWidth(column, max(width, header.sectionSizeFromContents(column).width()))

    def _show_counts(self) -> None:
        assert self.report is not None
        rows = self.model.rows()
        self.idou_title.setText(day_title(self.report, rows))
        self.check_button.setEnabled(any(not row.line.checked_by for row in rows))

    def ticked(self) -> list[str]:
        return self.model.ticked()

    def check_ticked(self) -> None:
        """点検済みにする: in the background; a second press while marking is ignored (the button waits too)."""
        if self.report is None or self.busy:
            return
        ticked = self.ticked()
        if not ticked:
            self._show_message(self.tr("点検した異動の「点検」欄にチェックを入れてください"), error=True)
            return
        registry, staff, day = self.registry, self.staff, dt.date.fromisoformat(self.report.day)

        def mark(_progress: Progress) -> Marked:
            count = registry.daily.mark_checked(staff, day, ticked)
            return count, registry.daily.marks(staff, day, ticked)

        self._show_message(self.tr("点検済みにしています…"))
        self._job.begin(mark, then=self._marked, otherwise=self._failed)

    def _marked(self, marked: Marked) -> None:
        count, marks = marked
        self.model.mark(marks)
        assert self.report is not None
        self.report = dataclasses.replace(self.report, idou=[row.line for row in self.model.rows()])
        self._show_counts()
        self._show_message(self.tr("{count}件を点検済みにしました").format(count=count))

    def _failed(self, message: str) -> None:
        self._show_message(message, error=True)
        if self.report is not None:
            self._show_counts()

    def done(self, result: int) -> None:
        """Closing waits for the work running: its thread must not outlive the dialog."""
        self._job.stop()
        super().done(result)

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
