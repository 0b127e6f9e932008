"""操作記録（監査ログ） (係長, 管理者): browse and filter every terminal's entries held here, check the chains for
改ざん, and export what is shown as CSV.

Browsing, checking and exporting go through the registry, which checks the role and records them in turn; checking
and exporting run off the GUI thread (`ui.common.background`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
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

from domain.roles import Permission, allowed
from local_store.audit import Filter, Verdict
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.csv_file import encoded, write_csv
from ui.common.background import BackgroundJob, Progress
from ui.common.styles import ERROR_STYLE

COLUMNS = (QT_TRANSLATE_NOOP("AuditDialog", "日時"), QT_TRANSLATE_NOOP("AuditDialog", "端末"),
           QT_TRANSLATE_NOOP("AuditDialog", "番号"), QT_TRANSLATE_NOOP("AuditDialog", "職員"),
           QT_TRANSLATE_NOOP("AuditDialog", "操作"), QT_TRANSLATE_NOOP("AuditDialog", "対象"),
           QT_TRANSLATE_NOOP("AuditDialog", "内容"))
LIMIT = 5_000
OK_STYLE = "color: #1b5e20; font-weight: bold;"
PENDING_STYLE = "color: #8a5a00; font-weight: bold;"


def verdict_text(verdict: Verdict) -> tuple[str, str]:
    """What a check found, in words, and the style to show it in."""
    translate = QCoreApplication.translate
    chains = translate("AuditDialog", "、", "separator between the terminals").join(
        translate("AuditDialog", "{terminal} {count}件").format(terminal=terminal, count=count)
        for terminal, count in verdict.chains.items())
    if verdict.tampered:
        return (translate("AuditDialog", "改ざんの疑いがあります（{chains}を検証）:").format(chains=chains) + "\n"
                + "\n".join(verdict.tampered), ERROR_STYLE)
    if verdict.pending:
        return (translate("AuditDialog", "改ざんは見つかりません。同期でまだ届いていない記録があります（{chains}を検証）:"
                          ).format(chains=chains) + "\n" + "\n".join(verdict.pending), PENDING_STYLE)
    return translate("AuditDialog", "異常はありません。すべての記録がつながっています（{chains}を検証）").format(
        chains=chains), OK_STYLE


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class AuditDialog(QDialog):
    def __init__(self, registry: Registry, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("操作記録（監査ログ）"))
        self.resize(1100, 640)
        self._registry = registry
        self._actor = actor
        self._job = BackgroundJob(self)

        today = registry.today()
        self.date_from = QDateEdit(_qdate(today))
        self.date_to = QDateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.staff_edit = QLineEdit()
        self.staff_edit.setObjectName("staff")
        self.staff_edit.setPlaceholderText(self.tr("ユーザID（空欄: 全員）"))
        self.action_edit = QLineEdit()
        self.action_edit.setObjectName("action")
        self.action_edit.setPlaceholderText(self.tr("操作（例: 交付、サインイン）"))
        self.show_button = QPushButton(self.tr("表示"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        self.staff_edit.returnPressed.connect(self.load)
        self.action_edit.returnPressed.connect(self.load)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("期間"), self.date_from), (self.tr("〜"), self.date_to),
                              (self.tr("職員"), self.staff_edit), (self.tr("操作"), self.action_edit)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")

        self.verify_button = QPushButton(self.tr("改ざんの検証"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("CSVで出力…"))
        self.export_button.setVisible(allowed(actor.role, Permission.EXPORT_AUDIT))
        self.export_button.clicked.connect(self.choose_export_file)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        acts = QHBoxLayout()
        acts.addWidget(self.count_label, 1)
        acts.addWidget(self.verify_button)
        acts.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる（Esc）"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(acts)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self._job.holds(self.verify_button, self.export_button)
        self.load()

    def current_filter(self) -> Filter:
        return Filter(_day(self.date_from.date()), _day(self.date_to.date()), self.staff_edit.text().strip(),
                      self.action_edit.text().strip(), LIMIT)

    def load(self) -> None:
        try:
            entries = self._registry.audit.entries(self._actor, self.current_filter())
        except StoreError as exc:
            self.show_result(exc.message, ERROR_STYLE)
            return
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            cells = (self._registry.audit.time(e.at), e.terminal, str(e.seq), e.staff, e.action, e.target, e.detail)
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        more = (self.tr("（最初の{limit}件を表示しています。期間を短くしてください）").format(limit=LIMIT)
                if len(entries) >= LIMIT else "")
        self.count_label.setText(self.tr("{count}件").format(count=len(entries)) + more)

    def show_result(self, text: str, style: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(style)


    def done(self, result: int) -> None:
        """Closing waits for a check or an export under way: its thread must not outlive the dialog."""
        self._job.stop()
        super().done(result)

    def verify(self) -> None:
        audit, actor = self._registry.audit, self._actor
        self.show_result(self.tr("検証しています…"), "")
        self._job.begin(lambda _progress: audit.verify(actor),
                        then=lambda verdict: self.show_result(*verdict_text(verdict)),
                        otherwise=lambda message: self.show_result(message, ERROR_STYLE))

    def choose_export_file(self) -> None:
        wanted = self.current_filter()
        name = self.tr("操作記録_{start}-{end}.csv").format(start=f"{wanted.date_from:%Y%m%d}",
                                                          end=f"{wanted.date_to:%Y%m%d}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("操作記録をCSVで出力"), str(Path.home() / name), "CSV (*.csv)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the entries the filters select as CSV (UTF-8 with a byte order mark, for spreadsheets)."""
        audit, actor, wanted = self._registry.audit, self._actor, self.current_filter()
        unwritable = self.tr("ファイルに書き込めませんでした（{error}）")

        def work(_progress: Progress) -> int:
            text = audit.export(actor, wanted)
            try:
                write_csv(path, encoded(text))
            except OSError as exc:
                raise StoreError(unwritable.format(error=exc.strerror or type(exc).__name__)) from None
            return text.count(chr(10)) - 1

        self.show_result(self.tr("出力しています…"), "")
        self._job.begin(work, then=lambda count: self.show_result(
                            self.tr("{file} に {count}件を出力しました").format(file=path.name, count=count), OK_STYLE),
                        otherwise=lambda message: self.show_result(message, ERROR_STYLE))
