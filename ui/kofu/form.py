"""The request side of the 交付 screen: what is asked for, by whom, for whom; what the rules will allow.

The form only gathers plain values for `domain.kofu_rules.request_from` and explains the rules beforehand: kinds of
certificate and 省略 choices that the rules refuse for this person and requester are greyed out, with the reason
beside them and as their tooltip. The rules themselves still decide when the request is issued.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.kofu_rules import (
    FEE_PER_COPY,
    MAX_COPIES,
    CertificateKind,
    Item,
    RequesterKind,
    item_refusals,
    kind_refusal,
    suggested_kind,
)
from domain.records import Person
from local_store.search import display_birth

HOUSEHOLD_FORM, INDIVIDUAL_FORM = "世帯連記式", "個人票"  # the standard's names of the two forms, not translated
# The documents as recorded in the 交付履歴: data, not translated.
IDENTIFICATIONS = ("運転免許証", "個人番号カード", "旅券", "在留カード", "健康保険証と年金手帳", "公用請求書", "職務上請求書")
REASON_HINT = {RequesterKind.DAISANSHA: QT_TRANSLATE_NOOP("KofuForm", "必須（法12条の3）"),
               RequesterKind.KOUYOU: QT_TRANSLATE_NOOP("KofuForm", "必須（法12条の2）")}
ATENA_ROLE = Qt.ItemDataRole.UserRole + 1
HINT_STYLE = "color: #8a4b00;"


class KofuForm(QWidget):
    """The 交付請求 fields for one person (the one opened in 照会) and their household. `changed` on every edit."""

    changed = Signal()

    def __init__(self, person: Person, household: list[Person], today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.today = today
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind")
        for kind in CertificateKind:
            self.kind_combo.addItem(kind.value, kind)
        self.kind_note = QLabel()
        self.kind_note.setStyleSheet(HINT_STYLE)
        self.kind_note.setWordWrap(True)
        self.form_combo = QComboBox()
        self.form_combo.addItems([HOUSEHOLD_FORM, INDIVIDUAL_FORM])
        self.whole_household = QCheckBox(self.tr("世帯全員"))
        self.members = QListWidget()
        self.members.setObjectName("members")
        members = household if any(m.atena_no == person.atena_no for m in household) else [person, *household]
        for m in members:
            item = QListWidgetItem(f"{m.relationship}　{m.name}　{display_birth(m)}")
            item.setData(ATENA_ROLE, m.atena_no)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.atena_no == person.atena_no else Qt.CheckState.Unchecked)
            self.members.addItem(item)
        self.members.setFixedHeight(min(len(members), 5) * 22 + 6)

        self.requester_combo = QComboBox()
        self.requester_combo.setObjectName("requester")
        for kind in RequesterKind:
            self.requester_combo.addItem(kind.value, kind)
        self.requester_name = QLineEdit(person.name)
        self.requester_name.setObjectName("requesterName")
        self.identification = QComboBox()
        self.identification.setEditable(True)
        self.identification.addItems(IDENTIFICATIONS)
        self.identification.setCurrentText("")
        self.identification.setObjectName("identification")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.proxy_letter = QLineEdit()
        self.proxy_letter.setObjectName("proxyLetter")
        self.proxy_letter.setPlaceholderText(self.tr("代理人のみ（例: 委任状（本人の署名あり））"))

        self.items: dict[Item, QCheckBox] = {}
        self.item_notes: dict[Item, QLabel] = {}
        items_box = QGridLayout()
        for row, item in enumerate(Item):
            box = QCheckBox(item.value)
            note = QLabel()
            note.setStyleSheet(HINT_STYLE)
            self.items[item] = box
            self.item_notes[item] = note
            items_box.addWidget(box, row, 0)
            items_box.addWidget(note, row, 1)
        items_box.setColumnStretch(1, 1)

        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setSuffix(self.tr(" 通"))
        self.fee_label = QLabel()
        self.fee_label.setObjectName("fee")

        form = QFormLayout()
        form.addRow(self.tr("証明書の種類"), self.kind_combo)
        form.addRow("", self.kind_note)
        form.addRow(self.tr("様式"), self.form_combo)
        form.addRow(self.tr("対象者"), self.whole_household)
        form.addRow("", self.members)
        form.addRow(self.tr("請求者の種別"), self.requester_combo)
        form.addRow(self.tr("請求者の氏名"), self.requester_name)
        form.addRow(self.tr("本人確認の方法"), self.identification)
        form.addRow(self.tr("請求事由"), self.reason)
        form.addRow(self.tr("委任状"), self.proxy_letter)
        form.addRow(self.tr("記載する事項"), items_box)
        form.addRow(self.tr("通数"), self.copies)
        form.addRow(self.tr("手数料"), self.fee_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)

        for combo in (self.kind_combo, self.form_combo, self.requester_combo):
            combo.currentIndexChanged.connect(self._update)
        self.whole_household.toggled.connect(self._whole_household_toggled)
        self.copies.valueChanged.connect(self._update)
        for box in self.items.values():
            box.toggled.connect(self.changed)
        self.members.itemChanged.connect(self.changed)
        for edit in (self.requester_name, self.reason, self.proxy_letter):
            edit.textEdited.connect(self.changed)
        self.identification.currentTextChanged.connect(self.changed)

        self.set_kind(suggested_kind(person, today))
        self._update()

    # --- reading and setting ----------------------------------------------------------------------------------------

    @property
    def kind(self) -> CertificateKind:
        return CertificateKind(self.kind_combo.currentData())  # Qt hands the enum back as its str

    @property
    def requester(self) -> RequesterKind:
        return RequesterKind(self.requester_combo.currentData())

    def set_kind(self, kind: CertificateKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def set_requester(self, kind: RequesterKind) -> None:
        self.requester_combo.setCurrentIndex(self.requester_combo.findData(kind))

    def chosen(self) -> list[str]:
        return [self.members.item(i).data(ATENA_ROLE) for i in range(self.members.count())
                if self.members.item(i).checkState() is Qt.CheckState.Checked]

    def values(self) -> dict[str, Any]:
        """The request as plain values for `request_from`."""
        whole = self.whole_household.isChecked() and self.whole_household.isEnabled()
        return {
            "kind": self.kind, "requester": self.requester,
            "atena_nos": [self.person.atena_no] if whole else self.chosen(),
            "requester_name": self.requester_name.text(), "identification": self.identification.currentText(),
            "reason": self.reason.text(),
            "proxy_letter": self.proxy_letter.text() if self.requester is RequesterKind.DAIRININ else "",
            "household": whole, "individual": self.form_combo.currentText() == INDIVIDUAL_FORM,
            "include": [item for item, box in self.items.items() if box.isChecked() and box.isEnabled()],
            "copies": self.copies.value(),
        }

    def fee(self) -> int:
        return 0 if self.requester is RequesterKind.KOUYOU else FEE_PER_COPY * self.copies.value()

    def _whole_household_toggled(self, whole: bool) -> None:
        """The list shows who is printed: everyone for 世帯全員, else the person opened in 照会."""
        for i in range(self.members.count()):
            item = self.members.item(i)
            ticked = whole or item.data(ATENA_ROLE) == self.person.atena_no
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._update()

    # --- what the rules allow ---------------------------------------------------------------------------------------

    def _update(self) -> None:
        self._grey_kinds()
        kind, requester = self.kind, self.requester
        self.kind_note.setText(kind_refusal(kind, requester, self.person, self.today))
        self.kind_note.setVisible(bool(self.kind_note.text()))
        johyo = kind is CertificateKind.JOHYO
        if johyo:
            self.form_combo.setCurrentText(INDIVIDUAL_FORM)
        self.form_combo.setEnabled(not johyo)
        self.form_combo.setToolTip(self.tr("除票の写しは個人票だけです") if johyo else "")
        self.whole_household.setEnabled(not johyo)
        self.members.setEnabled(johyo or not self.whole_household.isChecked())
        refused = item_refusals(kind, requester, self.person)
        for item, box in self.items.items():
            reason = refused.get(item, "")
            box.setEnabled(not reason)
            box.setToolTip(reason)
            self.item_notes[item].setText(reason)
        self.reason.setPlaceholderText(self.tr(REASON_HINT[requester]) if requester in REASON_HINT else self.tr("任意"))
        self.proxy_letter.setEnabled(requester is RequesterKind.DAIRININ)
        count = self.copies.value()
        self.fee_label.setText(self.tr("0円（公用）") if requester is RequesterKind.KOUYOU
                               else self.tr("{fee}円（{per_copy}円×{count}通）").format(
                                   fee=f"{self.fee():,}", per_copy=FEE_PER_COPY, count=count))
        self.changed.emit()

    def _grey_kinds(self) -> None:
        """Kinds the rules refuse for this person and requester stay selectable (the rules decide), but greyed."""
        model = self.kind_combo.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(model.rowCount()):
            reason = kind_refusal(CertificateKind(self.kind_combo.itemData(row)), self.requester, self.person, self.today)
            item = model.item(row)
            item.setForeground(Qt.GlobalColor.gray if reason else Qt.GlobalColor.black)
            item.setToolTip(reason)
