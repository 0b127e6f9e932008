"""通知（送付・受付）: the notices the 異動 owe to other offices, written to a file (a 持出し a 管理者 approves), and
the notices received from other towns and the 戸籍 side, each recorded only when staff confirm it.

送付待ち lists the notices not sent yet (by kind) and writes them to a file in the documented format; the registry
marks them 送付済. 受付 takes a file of incoming notices in; a selected notice shows the 異動 it would record (or, for
a 附票 notice, the changes it would make to the 戸籍の附票), planned without writing; 「確認して登録」 asks once more and
records it; 「却下」 needs a reason. Every action is reachable from the keyboard. Writing and taking in a file
run off the GUI thread (`ui.common.background`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain import fuhyo as fuhyo_rules
from domain import notices as rules
from domain.errors import ValidationError
from domain.records import LABELS
from domain.roles import Permission, allowed
from domain.wareki import RegDate, format_wareki
from local_store.errors import StoreError
from local_store.notices import WAITING, Received
from local_store.notices_service import Exported, Imported, Proposal
from local_store.registry import Registry
from local_store.staff import Staff
from ui.common.approval import ApprovalDialog, with_approval
from ui.common.background import BackgroundJob
from ui.common.idou_rows import rows_table
from ui.common.styles import ERROR_STYLE, OK_STYLE

# 異動事由 and 異動日 are the standard's item names; the kinds of notice are the law's names: not translated
OUT_COLUMNS = (QT_TRANSLATE_NOOP("NoticesDialog", "種別"), QT_TRANSLATE_NOOP("NoticesDialog", "送付先"),
               QT_TRANSLATE_NOOP("NoticesDialog", "氏名"), "異動事由", "異動日",
               QT_TRANSLATE_NOOP("NoticesDialog", "処理日"))
IN_COLUMNS = (QT_TRANSLATE_NOOP("NoticesDialog", "受付日"), QT_TRANSLATE_NOOP("NoticesDialog", "差出人"),
              QT_TRANSLATE_NOOP("NoticesDialog", "種別"), QT_TRANSLATE_NOOP("NoticesDialog", "氏名"),
              QT_TRANSLATE_NOOP("NoticesDialog", "状態"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The items of a received notice, in the standard's names (not translated): a person's, and the notices' own.
NOTICE_ITEMS = LABELS | {"address": "転入先の住所", "moved_in": "転入日", "parent": "父母", "died_on": "死亡日",
                         "changed_on": "変更日", "changes": "変更内容", "place": "本籍", "head": "筆頭者"}
DATES = {"birth", "moved_in", "died_on", "changed_on"}
FUHYO_KINDS = (fuhyo_rules.NOTICE_KIND, fuhyo_rules.KOSEKI_NOTICE_KIND)  # recorded in the 附票, not as a 異動


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([QCoreApplication.translate("NoticesDialog", c) for c in columns])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _day(value: Any) -> str:
    return format_wareki(RegDate.from_json(value))


def _fill(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for row, (key, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, key)
            table.setItem(row, column, item)


def _value(key: str, value: Any) -> str:
    """One item of a received notice as staff read it: dates in 和暦, nested items by their names."""
    if isinstance(value, dict):
        return "、".join(f"{NOTICE_ITEMS.get(k, k)} {_value(k, v)}" for k, v in value.items())
    if key in DATES:
        return _day(value)
    return str(value)


def notice_text(notice: dict[str, Any]) -> str:
    """A received notice, one item per line."""
    lines = [f"{notice['kind']}（{notice['sender']}）"]
    lines += [f"{NOTICE_ITEMS.get(k, k)}：{_value(k, v)}" for k, v in notice["person"].items()]
    return "\n".join(lines)


def _file_row(edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


class NoticesDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.approval: ApprovalDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.proposal: Proposal | None = None
        self.fuhyo_changes: list[dict[str, Any]] = []  # the selected 附票 notice's, planned
        self._job = BackgroundJob(self)
        self.setWindowTitle(self.tr("通知（送付・受付）"))
        self.resize(980, 620)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._outbox_tab(), self.tr("送付待ち"))
        self.tabs.addTab(self._inbox_tab(), self.tr("受付"))
        self._job.holds(self.export_button, self.import_button)
        self.message = QLabel()
        self.message.setObjectName("noticesMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.load_outbox()
        self.load_inbox()

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)


    def done(self, result: int) -> None:
        """Closing waits for a file being written or taken in: its thread must not outlive the dialog."""
        self._job.stop()
        super().done(result)

    # --- 送付待ち --------------------------------------------------------------------------------------------------

    def _outbox_tab(self) -> QWidget:
        self.kind = QComboBox()
        self.kind.setObjectName("noticeKind")
        self.kind.addItem(self.tr("すべての種別"), None)
        for kind in rules.Outgoing:
            self.kind.addItem(kind.value, kind)
        self.kind.currentIndexChanged.connect(self.load_outbox)
        self.pending_count = QLabel()
        self.pending_count.setObjectName("pendingCount")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("種別")))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.pending_count)
        self.outbox = _table(OUT_COLUMNS, "outbox")
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("noticesOut")
        browse = QPushButton(self.tr("参照…"))
        browse.clicked.connect(self._choose_out)
        self.export_button = QPushButton(self.tr("通知ファイルを作成（送付済みにする）"))
        self.export_button.setObjectName("exportNotices")
        self.export_button.clicked.connect(self.export)
        if not allowed(self.staff.role, Permission.CARRY_OUT):
            self.export_button.setToolTip(self.tr("管理者の承認が必要です（作成するときに求められます）"))
        bottom = _file_row(self.out_edit, browse)
        bottom.addWidget(self.export_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.outbox, 1)
        layout.addWidget(QLabel(self.tr("書き出すファイル（持出し: 管理者の承認・監査記録あり）")))
        layout.addLayout(bottom)
        return tab

    def selected_kind(self) -> rules.Outgoing | None:
        data = self.kind.currentData()
        return rules.Outgoing(data) if data else None

    def load_outbox(self) -> None:
        found = self.registry.notices.outgoing(self.staff, self.selected_kind())
        _fill(self.outbox, [(n["id"], [n["kind"], n["addressee"], n["person"]["name"], n["idou"]["reason"],
                                       _day(n["idou"]["idou_date"]), _day(n["idou"]["processed_at"][:10])])
                            for n, _ in found])
        self.pending_count.setText(self.tr("送付待ち {count} 件").format(count=len(found)))

    def _choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("通知ファイルの保存先"), "notices.json",
                                              self.tr("通知ファイル (*.json)"))
        if path:
            self.out_edit.setText(path)

    def export(self) -> None:
        """Write the file; when the staff member signed in is not a 管理者, an administrator approves first."""
        if not self.out_edit.text().strip():
            self._show(self.tr("書き出すファイルを選んでください"), error=True)
            return
        self.approval = with_approval(self, self.registry, self.staff, self._export)

    def _export(self, approver: Staff | None) -> None:
        notices, staff = self.registry.notices, self.staff
        out, kind = Path(self.out_edit.text().strip()), self.selected_kind()
        self._show(self.tr("通知ファイルを書き出しています…"))
        self._job.begin(lambda _progress: notices.export(staff, out, kind, approver=approver), then=self._exported,
                        otherwise=lambda message: self._show(message, error=True))

    def _exported(self, written: Exported) -> None:
        self._show(self.tr("通知 {count} 件を {file} に書き出し、送付済みにしました").format(
            count=written.count, file=written.path.name))
        self.load_outbox()

    # --- 受付 -------------------------------------------------------------------------------------------------------

    def _inbox_tab(self) -> QWidget:
        self.in_edit = QLineEdit()
        self.in_edit.setObjectName("noticesIn")
        browse = QPushButton(self.tr("参照…"))
        browse.clicked.connect(self._choose_in)
        self.import_button = QPushButton(self.tr("取り込む"))
        self.import_button.setObjectName("importNotices")
        self.import_button.clicked.connect(self.take_in)
        top = _file_row(self.in_edit, browse)
        top.addWidget(self.import_button)
        self.inbox = _table(IN_COLUMNS, "inbox")
        self.inbox.itemSelectionChanged.connect(self.show_selected)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("noticeDetail")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("plannedIdou")
        self.plan_label.setWordWrap(True)
        self.plan_table: QTableWidget | None = None
        plan = QWidget()
        columns = QHBoxLayout(plan)
        received = QVBoxLayout()
        received.addWidget(QLabel(self.tr("受け付けた通知")))
        received.addWidget(self.notice_label)
        received.addStretch(1)
        columns.addLayout(received, 1)
        self.plan_layout = QVBoxLayout()
        self.plan_layout.addWidget(QLabel(self.tr("登録する異動（確認のための計画で、まだ登録していません）")))
        self.plan_layout.addWidget(self.plan_label)
        self.plan_layout.addStretch(1)
        columns.addLayout(self.plan_layout, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(plan)
        self.problem = QLabel()
        self.problem.setObjectName("noticeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.apply_button = QPushButton(self.tr("確認して登録"))
        self.apply_button.setObjectName("applyNotice")
        self.apply_button.clicked.connect(self.confirm)
        self.reason = QLineEdit()
        self.reason.setObjectName("rejectReason")
        self.reason.setPlaceholderText(self.tr("却下の理由"))
        self.reject_button = QPushButton(self.tr("却下"))
        self.reject_button.setObjectName("rejectNotice")
        self.reject_button.clicked.connect(self.reject_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.apply_button)
        actions.addStretch(1)
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.reject_button)
        body = QVBoxLayout()
        body.addWidget(self.inbox, 2)
        body.addWidget(scroll, 3)
        body.addWidget(self.problem)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("他の市区町村や戸籍からの通知のファイル")))
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(actions)
        self._enable(False, False)
        return tab

    def _enable(self, may_apply: bool, waiting: bool) -> None:
        self.apply_button.setEnabled(may_apply)
        self.reject_button.setEnabled(waiting)
        self.reason.setEnabled(waiting)

    def load_inbox(self, select: str = "") -> None:
        items: list[Received] = self.registry.notices.inbox(self.staff)
        _fill(self.inbox, [(r.id, [_day(r.received_on), r.notice["sender"], r.notice["kind"], r.notice["person"]["name"],
                                   r.state + (f"（{r.reason}）" if r.reason else "")
                                   + (self.tr("　要確認（二つの端末で処理）") if r.concurrent else "")]) for r in items])
        self.inbox.blockSignals(True)  # one look at the selected notice, after the rows are in
        self.inbox.clearSelection()
        for row, item in enumerate(items):
            if item.id == select:
                self.inbox.selectRow(row)
        self.inbox.blockSignals(False)
        self.show_selected()

    def _choose_in(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("取り込む通知ファイル"), "",
                                              self.tr("通知ファイル (*.json);;すべてのファイル (*)"))
        if path:
            self.in_edit.setText(path)

    def take_in(self) -> None:
        text = self.in_edit.text().strip()
        if not text:
            self._show(self.tr("取り込む通知ファイルを選んでください"), error=True)
            return
        notices, staff = self.registry.notices, self.staff
        self._show(self.tr("通知ファイルを取り込んでいます…"))
        self._job.begin(lambda _progress: notices.import_file(staff, Path(text)), then=self._taken_in,
                        otherwise=lambda message: self._show(
                            self.tr("取り込めません: {reason}（何も変更していません）").format(reason=message), error=True))

    def _taken_in(self, taken: Imported) -> None:
        self._show(self.tr("通知 {count} 件を受け付けました（受付済み {already} 件）。一件ずつ確認して登録してください").format(
            count=taken.taken, already=taken.already))
        self.load_inbox()

    def selected_id(self) -> str:
        rows = self.inbox.selectionModel().selectedRows()
        return str(self.inbox.item(rows[0].row(), 0).data(ID_ROLE)) if rows else ""

    def show_selected(self) -> None:
        notice_id = self.selected_id()
        if self.plan_table is not None:
            self.plan_table.deleteLater()
            self.plan_table = None
        if not notice_id:
            self.proposal = None
            self.notice_label.clear()
            self.plan_label.clear()
            self.problem.clear()
            self._enable(False, False)
            return
        self.fuhyo_changes = []
        if self._is_fuhyo(notice_id):
            self._show_fuhyo(notice_id)
            return
        self.proposal = self.registry.notices.proposal(self.staff, notice_id)
        received = self.proposal.received
        self.notice_label.setText(notice_text(received.notice))
        idou = self.proposal.idou
        self.plan_label.setText("" if idou is None else "　".join(
            [f"異動事由 {idou.reason}", f"異動日 {format_wareki(idou.idou_date)}"]
            + ([f"留意事項 {idou.note}"] if idou.note else [])))
        if idou is not None:
            # The rows as they stand now, to show what the 異動 changes (viewing them is a 照会).
            known = {c.row.atena_no: self.registry.person(self.staff, c.row.atena_no).current
                     for c in idou.rows if c.parents}
            request = self.proposal.request or {}
            existing = [request["household"]] if isinstance(request.get("household"), str) else []
            self.plan_table = rows_table(idou, known, numbered=False, households=existing)
            self.plan_table.setObjectName("plannedRows")
            self.plan_table.setMinimumHeight(120)
            self.plan_layout.insertWidget(self.plan_layout.count() - 1, self.plan_table)
        self.problem.setText(self.proposal.problem)
        waiting = received.state == WAITING
        self._enable(waiting and self.proposal.idou is not None, waiting)

    def _is_fuhyo(self, notice_id: str) -> bool:
        rows = self.inbox.selectionModel().selectedRows()
        return bool(rows) and self.inbox.item(rows[0].row(), 2).text() in FUHYO_KINDS and bool(notice_id)

    def _show_fuhyo(self, notice_id: str) -> None:
        """A 附票 notice: the changes it would make to the 戸籍の附票 (`FuhyoService.notice_plan`, its checks)."""
        self.proposal = None
        try:
            received, changes, problem = self.registry.fuhyo.notice_plan(self.staff, notice_id)
        except (ValidationError, StoreError) as exc:
            self.notice_label.clear()
            self.plan_label.clear()
            self.problem.setText(exc.message)
            self._enable(False, False)
            return
        self.fuhyo_changes = changes
        self.notice_label.setText(notice_text(received.notice))
        self.plan_label.setText("\n".join(self.tr("附票に記載: {change} {what}").format(
            change=c["change"], what=c.get("address") or c.get("name") or c.get("reason") or "") for c in changes))
        self.problem.setText(problem)
        waiting = received.state == WAITING
        self._enable(waiting and bool(changes) and not problem, waiting)

    def confirm(self) -> None:
        """Ask once more, naming what will be recorded; 「登録する」 records it."""
        proposal = self.proposal
        if self.fuhyo_changes:
            text = self.tr("戸籍の附票に {count} 件の記載をします").format(count=len(self.fuhyo_changes))
        elif proposal is None or proposal.idou is None:
            return
        else:
            text = self.tr("{reason}（異動日 {day}）を登録します: {names}").format(
                reason=proposal.idou.reason, day=format_wareki(proposal.idou.idou_date),
                names="、".join(c.row.name for c in proposal.idou.rows))
        self.confirmation = QMessageBox(QMessageBox.Icon.Question, self.tr("通知の登録"), text,
                                        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        self.confirmation.button(QMessageBox.StandardButton.Yes).setText(self.tr("登録する"))
        self.confirmation.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirmation.finished.connect(self._confirmed)
        self.confirmation.open()

    def _confirmed(self, result: int) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        if self.fuhyo_changes:
            self._record_fuhyo(self.selected_id())
            return
        if self.proposal is None:
            return
        notice_id = self.proposal.received.id
        try:
            applied = self.registry.notices.apply(self.staff, notice_id)
        except (ValidationError, StoreError) as exc:
            self._show(exc.message, error=True)
            return
        self._show(self.tr("{reason}を登録しました（文書ID {doc}）").format(reason=applied.idou.reason,
                                                                      doc=applied.doc_id[:8]))
        self.load_inbox(notice_id)
        self.load_outbox()

    def _record_fuhyo(self, notice_id: str) -> None:
        try:
            doc_id = self.registry.fuhyo.apply_notice(self.staff, notice_id)
        except (ValidationError, StoreError) as exc:
            self._show(exc.message, error=True)
            return
        self._show(self.tr("戸籍の附票に記載しました（文書ID {doc}）").format(doc=doc_id[:8]))
        self.load_inbox(notice_id)

    def reject_selected(self) -> None:
        notice_id = self.selected_id()
        if not notice_id:
            return
        try:
            self.registry.notices.reject(self.staff, notice_id, self.reason.text())
        except (ValidationError, StoreError) as exc:
            self._show(exc.message, error=True)
            return
        self.reason.clear()
        self._show(self.tr("通知を却下しました（何も登録していません）"))
        self.load_inbox(notice_id)
