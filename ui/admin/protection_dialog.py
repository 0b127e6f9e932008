"""支援措置 (係長 and above): the measures of one person, and 開始, 延長 and 終了.

The person is the one shown in 照会, or any other by 宛名番号, or a person of this town's 戸籍の附票 who lives
elsewhere (opened from the 附票 room: her 住所地 forwarded her 支援措置 to this 本籍地; `domain.fuhyo.member_target`). 開始 names the processes restricted (異動・交付・照会),
the persons (the person, or the whole household), 開始日 and 終了日 (one year by default), the 加害者 where known and a
note; 延長 adds a year from one month before the 終了日; 終了 needs its reason. The facade writes each as an event
that replicates, checks the rights and audits it; this screen only gathers the values and shows the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
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

from domain import protection as rules
from domain.errors import ValidationError
from domain.protection import Measure, Offender, Process
from domain.wareki import format_wareki
from local_store.errors import StoreError
from local_store.protection import Protection
from local_store.registry import Registry
from local_store.residents_service import PersonRecord
from local_store.staff import Staff
from ui.common.field_errors import error_text
from ui.common.styles import ERROR_STYLE

COLUMNS = (QT_TRANSLATE_NOOP("ProtectionDialog", "状態"), QT_TRANSLATE_NOOP("ProtectionDialog", "抑止する事務"),
           QT_TRANSLATE_NOOP("ProtectionDialog", "開始日"), QT_TRANSLATE_NOOP("ProtectionDialog", "終了日"),
           QT_TRANSLATE_NOOP("ProtectionDialog", "加害者"), QT_TRANSLATE_NOOP("ProtectionDialog", "対象者"),
           QT_TRANSLATE_NOOP("ProtectionDialog", "備考"), "ID")
# フリガナ is the standard's item name, not translated
OFFENDER_COLUMNS = (QT_TRANSLATE_NOOP("ProtectionDialog", "加害者の氏名"), "フリガナ",
                    QT_TRANSLATE_NOOP("ProtectionDialog", "宛名番号（分かれば）"))
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 1


def state_text(item: Protection) -> str:
    translate = QCoreApplication.translate
    m = item.measure
    if not item.in_force:
        return translate("ProtectionDialog", "終了") if m.ended else translate("ProtectionDialog", "期間満了")
    if item.kept_by_untrusted_time:
        return translate("ProtectionDialog", "継続中（時刻未確認）")
    return translate("ProtectionDialog", "要確認・継続中") if m.concurrent else translate("ProtectionDialog", "継続中")


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ProtectionDialog(QDialog):
    """`changed(宛名番号)` after a measure was started, extended or ended (the window shows the person again)."""

    changed = Signal(str)

    def __init__(self, registry: Registry, staff: Staff, record: PersonRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.staff = staff
        self.record: PersonRecord | None = None
        self.target = ""  # how the measures name the person shown: her 宛名番号, or her 附票 and her key in it
        self.measures: list[Protection] = []
        self.setWindowTitle(self.tr("支援措置"))

        self.atena_edit = QLineEdit()
        self.atena_edit.setObjectName("atena")
        self.atena_edit.setPlaceholderText("宛名番号")  # the standard's item name
        self.atena_edit.setFixedWidth(self.atena_edit.fontMetrics().horizontalAdvance("0" * 14))
        self.atena_edit.returnPressed.connect(self.load_from_field)
        load = QPushButton(self.tr("表示"))
        load.setAutoDefault(False)
        load.clicked.connect(self.load_from_field)
        self.person_label = QLabel()
        self.person_label.setObjectName("personLabel")
        self.person_label.setStyleSheet("font-weight: bold; font-size: 13pt;")
        top = QHBoxLayout()
        top.addWidget(QLabel("宛名番号"))
        top.addWidget(self.atena_edit)
        top.addWidget(load)
        top.addWidget(self.person_label, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("measures")
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("この人の支援措置")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self._selected_box())
        layout.addWidget(self._new_box())
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        close = QPushButton(self.tr("閉じる"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(980, 720)
        if record is not None:
            self.show_person(record)
        else:
            self._enable(False)

    # --- building -----------------------------------------------------------------------------------------------------

    def _selected_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("選んだ支援措置の延長・終了"))
        self.extend_end = QDateEdit()
        self.extend_end.setObjectName("extendEnd")
        self.extend_end.setCalendarPopup(True)
        self.extend_end.setDisplayFormat("yyyy-MM-dd")
        self.extend_button = QPushButton(self.tr("延長"))
        self.extend_button.setObjectName("extend")
        self.extend_button.clicked.connect(self.extend_selected)
        self.end_reason = QLineEdit()
        self.end_reason.setObjectName("endReason")
        self.end_reason.setPlaceholderText(self.tr("終了の理由（例: 申出者からの取下げ）"))
        self.end_button = QPushButton(self.tr("終了"))
        self.end_button.setObjectName("end")
        self.end_button.clicked.connect(self.end_selected)
        row = QHBoxLayout(box)
        row.addWidget(QLabel(self.tr("延長後の終了日")))
        row.addWidget(self.extend_end)
        row.addWidget(self.extend_button)
        row.addSpacing(24)
        row.addWidget(self.end_reason, 1)
        row.addWidget(self.end_button)
        for button in (self.extend_button, self.end_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        return box

    def _new_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("新しい支援措置（開始）"))
        self.process_boxes = {p: QCheckBox(p.value) for p in Process}  # the 事務, as the standard names them
        processes = QHBoxLayout()
        for p, check in self.process_boxes.items():
            check.setObjectName(f"process-{p.name}")
            check.setChecked(True)
            processes.addWidget(check)
        processes.addStretch(1)
        self.whole_household = QCheckBox(self.tr("世帯全員を対象にする"))
        self.whole_household.setObjectName("household")
        self.start_date = QDateEdit()
        self.start_date.setObjectName("startDate")
        self.end_date = QDateEdit()
        self.end_date.setObjectName("endDate")
        for edit in (self.start_date, self.end_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumWidth(160)
        today = self.registry.today()
        self.start_date.setDate(_qdate(today))
        self.end_date.setDate(_qdate(rules.default_end(today)))
        self.start_date.dateChanged.connect(
            lambda d: self.end_date.setDate(_qdate(rules.default_end(d.toPython()))))
        self.offenders = QTableWidget(2, len(OFFENDER_COLUMNS))
        self.offenders.setObjectName("offenders")
        self.offenders.setHorizontalHeaderLabels([self.tr(column) for column in OFFENDER_COLUMNS])
        self.offenders.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.offenders.verticalHeader().hide()
        self.offenders.setFixedHeight(90)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("例: 配偶者からの暴力（DV）。申出書 令和8年11月27日受付"))
        self.start_button = QPushButton(self.tr("支援措置を開始"))
        self.start_button.setObjectName("start")
        self.start_button.setAutoDefault(False)
        self.start_button.clicked.connect(self.start_measure)
        form = QFormLayout(box)
        form.addRow(self.tr("抑止する事務"), processes)
        form.addRow(self.tr("対象者"), self.whole_household)
        form.addRow(self.tr("開始日"), self.start_date)
        form.addRow(self.tr("終了日（既定は1年）"), self.end_date)
        form.addRow(self.tr("加害者"), self.offenders)
        form.addRow(self.tr("備考"), self.note)
        form.addRow("", self.start_button)
        self.new_box = box
        return box

    # --- the person ---------------------------------------------------------------------------------------------------

    def load_from_field(self) -> None:
        atena = self.atena_edit.text().strip()
        if not atena:
            return
        try:
            record = self.registry.person(self.staff, atena)
        except (ValidationError, StoreError) as exc:
            self.show_message(exc.message, error=True)
            return
        self.show_person(record)

    def show_person(self, record: PersonRecord) -> None:
        self.record = record
        p = record.current
        self.target = p.atena_no
        self.atena_edit.setText(p.atena_no)
        self.person_label.setText(f"{p.name}（{p.name_kana}）　{p.address.full()}")
        self.setWindowTitle(self.tr("支援措置 ― {name}（宛名番号 {atena}）").format(name=p.name, atena=p.atena_no))
        self._enable(True)
        self.refresh()

    def show_elsewhere(self, target: str, label: str) -> None:
        """A person of this town's 附票 who lives elsewhere (`target`: `domain.fuhyo.member_target`), shown as
        `label`: her measures, and a new one for her alone (she has no household here)."""
        self.record, self.target = None, target
        self.atena_edit.clear()
        self.person_label.setText(label)
        self.setWindowTitle(self.tr("支援措置 ― {name}（戸籍の附票）").format(name=label))
        self._enable(True)
        self.whole_household.setChecked(False)
        self.whole_household.setEnabled(False)
        self.refresh()

    def _enable(self, enabled: bool) -> None:
        self.new_box.setEnabled(enabled)
        self.whole_household.setEnabled(enabled)

    def refresh(self) -> None:
        if not self.target:
            return
        try:
            self.measures = self.registry.protection.measures(self.staff, self.target)
        except StoreError as exc:
            self.show_message(exc.message, error=True)
            return
        self.table.setRowCount(len(self.measures))
        for row, item in enumerate(self.measures):
            m = item.measure
            values = (state_text(item), "・".join(p.value for p in Process if p in m.processes),
                      format_wareki(m.start), format_wareki(m.end),
                      "、".join(o.name or o.kana for o in m.offenders), self.tr("{count}人").format(count=len(m.targets)), m.note, m.id[:8])
            for col, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(MEASURE_ROLE, m.id)
                cell.setToolTip(text)
                if item.in_force and col == 0:
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, cell)
        self._selection_changed()

    def selected(self) -> Protection | None:
        rows = self.table.selectionModel().selectedRows()
        return self.measures[rows[0].row()] if rows else None

    def select(self, measure_id: str) -> None:
        for row, item in enumerate(self.measures):
            if item.measure.id == measure_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        item = self.selected()
        usable = item is not None and item.in_force
        self.extend_button.setEnabled(usable)
        self.end_button.setEnabled(usable)
        if item is not None:
            self.extend_end.setDate(_qdate(rules.extended_end(item.measure.end)))

    # --- acting -------------------------------------------------------------------------------------------------------

    def offender_values(self) -> list[Offender]:
        found = []
        for row in range(self.offenders.rowCount()):
            cells = [self.offenders.item(row, col) for col in range(3)]
            name, kana, atena = (c.text().strip() if c is not None else "" for c in cells)
            if name or kana or atena:
                found.append(Offender(name, kana, atena))
        return found

    def start_measure(self) -> bool:
        if not self.target:
            return False
        atena = self.target
        processes = [p for p, check in self.process_boxes.items() if check.isChecked()]
        return self._act(lambda: self.registry.protection.add(
            self.staff, [atena], processes, self.offender_values(),
            household=self.whole_household.isChecked(), start=self.start_date.date().toPython(),
            end=self.end_date.date().toPython(), note=self.note.text()), self.tr("支援措置を開始しました"))

    def extend_selected(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        end = self.extend_end.date().toPython()
        return self._act(lambda: self.registry.protection.extend(self.staff, item.measure.id, end),
                         self.tr("{date}まで延長しました").format(date=format_wareki(end)))

    def end_selected(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        return self._act(lambda: self.registry.protection.end(self.staff, item.measure.id, self.end_reason.text()),
                         self.tr("支援措置を終了しました"))

    def _act(self, call: Callable[[], Measure], done: str) -> bool:
        try:
            measure = call()
        except (ValidationError, StoreError) as exc:
            self.show_message(error_text(exc) if isinstance(exc, ValidationError) else exc.message, error=True)
            return False
        self.note.clear()
        self.end_reason.clear()
        self.offenders.clearContents()
        self.refresh()
        self.select(measure.id)
        self.show_message(self.tr("{done}（次の同期で他の端末に届きます）").format(done=done))
        if self.record is not None:
            self.changed.emit(self.record.current.atena_no)
        return True

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1e4620;")
        self.message.setVisible(bool(text))
