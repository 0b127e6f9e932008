"""The request side of the 交付 screen: what is asked for, by whom, for whom; what the rules will allow.

The form only gathers plain values for `domain.kofu_rules.request_from` and explains the rules beforehand: kinds of
certificate and 省略 choices that the rules refuse for this person and requester are greyed out, with the reason
beside them and as their tooltip. The rules themselves still decide when the request is issued.

Who asks is shown by kind (法12条–12条の3): a 本人等 is picked from the household (the registry gives the name), a
代理人 states name and address with the 委任状 and picks its 委任者 from the household, a 第三者 states name, address,
請求事由 and 疎明資料 or makes a 職務上請求, 公用 names the office, the staff member in charge and the 法令上の根拠.
Changing the kind empties what the previous requester stated.

A 除票 is one of the person's ended stays in the town (`domain.history.Residence`): one who came back has the earlier
stay as a 除票 of its own. For a 除票 of the person opened, the 「除票」 choice names which (the latest by default), and
the rules are explained for that stay. The 異動の履歴 is a 個人票's: asking for it chooses the 個人票.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
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

from domain.history import Residence
from domain.kofu_rules import (
    IDENTIFICATIONS,
    JOHYO_KINDS,
    KOUYOU_CATEGORY,
    MAX_COPIES,
    CertificateKind,
    FeeTable,
    Item,
    KofuRequest,
    Qualification,
    RequesterKind,
    item_refusals,
    kind_refusal,
    suggested_kind,
)
from domain.records import Person
from local_store.search import display_birth

HOUSEHOLD_FORM, INDIVIDUAL_FORM = "世帯連記式", "個人票"  # the standard's names of the two forms, not translated
REASON_HINT = {RequesterKind.DAISANSHA: QT_TRANSLATE_NOOP("KofuForm", "必須（法12条の3）"),
               RequesterKind.KOUYOU: QT_TRANSLATE_NOOP("KofuForm", "必須（法12条の2）")}
# The label of the name field, by kind of requester (本人等 have none: the registry names them).
NAME_LABEL = {RequesterKind.DAIRININ: QT_TRANSLATE_NOOP("KofuForm", "代理人の氏名"),
              RequesterKind.DAISANSHA: QT_TRANSLATE_NOOP("KofuForm", "請求者の氏名・名称"),
              RequesterKind.KOUYOU: QT_TRANSLATE_NOOP("KofuForm", "機関の名称")}
MEMBER_LABEL = {RequesterKind.HONNIN: QT_TRANSLATE_NOOP("KofuForm", "請求者（本人等）"),
                RequesterKind.DAIRININ: QT_TRANSLATE_NOOP("KofuForm", "委任者（本人等）")}
ATENA_ROLE = Qt.ItemDataRole.UserRole + 1
HINT_STYLE = "color: #8a4b00;"


class KofuForm(QWidget):
    """The 交付請求 fields for one person (the one opened in 照会) and their household. `changed` on every edit."""

    changed = Signal()

    def __init__(self, person: Person, household: list[Person], today: dt.date, parent: QWidget | None = None, *,
                 fees: FeeTable | None = None, johyo: Sequence[Residence] = ()) -> None:
        """`johyo`: the person's 除票 (`domain.kofu_rules.ended`), oldest first."""
        super().__init__(parent)
        self.person = person
        self.today = today
        self.johyo = list(johyo)
        self.residence = QComboBox()
        self.residence.setObjectName("residence")
        for stay in self.johyo:
            self.residence.addItem(stay.describe(), stay.number)
        self.residence.setCurrentIndex(len(self.johyo) - 1)  # the latest
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
        self.member = QComboBox()  # a 本人等: the 請求者, or a 代理人's 委任者
        self.member.setObjectName("member")
        for m in members:
            self.member.addItem(f"{m.name}（{m.relationship}）", m.atena_no)
        self.requester_name = self._field("requesterName")
        self.requester_address = self._field("requesterAddress", self.tr("法人・職務上請求は事務所の所在地"))
        self.proxy_letter = self._field("proxyLetter", self.tr("例: 委任状（委任者の署名あり）"))
        self.agency_officer = self._field("agencyOfficer", self.tr("例: 納税課　主査　丙川　三郎"))
        self.legal_basis = self._field("legalBasis", self.tr("例: 地方税法第20条の11"))
        self.reason = self._field("reason")
        self.evidence = self._field("evidence", self.tr("例: 金銭消費貸借契約書の写し"))
        self.professional = QCheckBox(self.tr("職務上請求（特定事務受任者）"))
        self.professional.setObjectName("professional")
        self.qualification = QComboBox()
        self.qualification.setObjectName("qualification")
        for qualification in Qualification:
            self.qualification.addItem(qualification.value, qualification)
        self.registration_no = self._field("registrationNo")
        self.office = self._field("office")
        self.form_no = self._field("formNo")
        self.client = self._field("client")
        self.identification = QComboBox()
        self.identification.setEditable(True)
        self.identification.addItems(IDENTIFICATIONS)
        self.identification.setCurrentText("")
        self.identification.setObjectName("identification")
        self.identification.lineEdit().setPlaceholderText(self.tr("写真付きは1点、それ以外は2点"))

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

        self.fees = fees or FeeTable()
        self.fee_category = QComboBox()
        self.fee_category.setObjectName("feeCategory")
        self.fee_category.addItem(self.tr("なし"), "")
        for name in self.fees.categories:
            if name != KOUYOU_CATEGORY:  # a 公用請求 is free by law: chosen through the requester's kind
                self.fee_category.addItem(name, name)
        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setRange(1, MAX_COPIES)
        self.fee_label = QLabel()
        self.fee_label.setObjectName("fee")

        self.form = QFormLayout()
        form = self.form
        form.addRow(self.tr("証明書の種類"), self.kind_combo)
        form.addRow("", self.kind_note)
        form.addRow(self.tr("除票"), self.residence)
        form.addRow(self.tr("様式"), self.form_combo)
        form.addRow(self.tr("対象者"), self.whole_household)
        form.addRow("", self.members)
        form.addRow(self.tr("請求者の種別"), self.requester_combo)
        self.member_label = QLabel()
        form.addRow(self.member_label, self.member)
        self.name_label = QLabel()
        form.addRow(self.name_label, self.requester_name)
        form.addRow(self.tr("住所"), self.requester_address)
        form.addRow(self.tr("委任状"), self.proxy_letter)
        form.addRow(self.tr("担当者の職名・氏名"), self.agency_officer)
        form.addRow(self.tr("法令上の根拠"), self.legal_basis)
        form.addRow(self.tr("請求事由"), self.reason)
        form.addRow(self.tr("疎明資料"), self.evidence)
        form.addRow("", self.professional)
        form.addRow(self.tr("資格"), self.qualification)
        form.addRow(self.tr("登録番号"), self.registration_no)
        form.addRow(self.tr("事務所の名称"), self.office)
        form.addRow(self.tr("職務上請求書の番号"), self.form_no)
        form.addRow(self.tr("依頼者"), self.client)
        form.addRow(self.tr("本人確認書類"), self.identification)
        form.addRow(self.tr("記載する事項"), items_box)
        form.addRow(self.tr("無料・減免の区分"), self.fee_category)
        form.addRow(self.tr("通数"), self.copies)
        form.addRow(self.tr("手数料"), self.fee_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)

        for combo in (self.kind_combo, self.form_combo, self.residence):
            combo.currentIndexChanged.connect(self._update)
        self.items[Item.HISTORY].toggled.connect(self._update)
        self.requester_combo.currentIndexChanged.connect(self._requester_changed)
        self.whole_household.toggled.connect(self._whole_household_toggled)
        self.professional.toggled.connect(self._update)
        self.copies.valueChanged.connect(self._update)
        self.fee_category.currentIndexChanged.connect(self._update)
        for box in self.items.values():
            box.toggled.connect(self.changed)
        self.members.itemChanged.connect(self._update)  # a 除票 is chosen for the person opened alone
        for combo in (self.member, self.qualification):
            combo.currentIndexChanged.connect(self.changed)
        self.identification.currentTextChanged.connect(self.changed)

        self.set_kind(suggested_kind(person, today))
        self._update()

    def _field(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self.changed)
        return edit

    def _stated(self) -> list[QLineEdit]:
        """The fields in which a requester states who they are and why."""
        return [self.requester_name, self.requester_address, self.proxy_letter, self.agency_officer,
                self.legal_basis, self.reason, self.evidence, self.registration_no, self.office, self.form_no,
                self.client]

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

    def set_member(self, atena_no: str) -> None:
        """The 本人等 who asks (or the 委任者 of a 代理人), by 宛名番号."""
        self.member.setCurrentIndex(self.member.findData(atena_no))

    def load(self, request: KofuRequest, stays: Mapping[str, str]) -> None:
        """Show a request as it was recorded (a 再交付's): what was asked for, by whom, how they were identified; a
        除票 as the stay that was printed (`stays`: by 宛名番号, `Residence.key`), whatever its number is now."""
        self.set_kind(request.kind)
        self.form_combo.setCurrentText(INDIVIDUAL_FORM if request.individual else HOUSEHOLD_FORM)
        self.whole_household.setChecked(request.household)
        printed = [i for i, stay in enumerate(self.johyo) if stay.key == stays.get(self.person.atena_no)]
        if printed:
            self.residence.setCurrentIndex(printed[0])
        for i in range(self.members.count()):
            item = self.members.item(i)
            chosen = request.household or item.data(ATENA_ROLE) in request.atena_nos
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        requester = request.requester
        self.set_requester(requester.kind)
        self.set_member(requester.atena_no or requester.principal_atena)
        professional = requester.professional
        self.professional.setChecked(professional is not None)
        stated = {self.requester_name: requester.name, self.requester_address: requester.address,
                  self.proxy_letter: requester.proxy_letter, self.agency_officer: requester.agency_officer,
                  self.legal_basis: requester.legal_basis, self.reason: request.reason,
                  self.evidence: requester.evidence}
        if professional is not None:
            self.qualification.setCurrentIndex(self.qualification.findData(professional.qualification))
            stated |= {self.registration_no: professional.registration_no, self.office: professional.office,
                       self.form_no: professional.form_no, self.client: professional.client}
        for edit, text in stated.items():
            edit.setText(text)
        self.identification.setCurrentText(requester.identification)
        for item, box in self.items.items():
            box.setChecked(item in request.include)
        self.copies.setValue(request.copies)
        self.fee_category.setCurrentIndex(max(0, self.fee_category.findData(request.fee_category)))
        self._update()

    def chosen(self) -> list[str]:
        return [self.members.item(i).data(ATENA_ROLE) for i in range(self.members.count())
                if self.members.item(i).checkState() is Qt.CheckState.Checked]

    def values(self) -> dict[str, Any]:
        """The request as plain values for `request_from`: who asks, with what that kind of requester states."""
        whole = self.whole_household.isChecked() and self.whole_household.isEnabled()
        requester = self.requester
        values: dict[str, Any] = {
            "kind": self.kind, "requester": requester,
            "atena_nos": [self.person.atena_no] if whole else self.chosen(),
            "identification": self.identification.currentText(), "reason": self.reason.text(),
            "household": whole, "individual": self.form_combo.currentText() == INDIVIDUAL_FORM,
            "include": [item for item, box in self.items.items() if box.isChecked() and box.isEnabled()],
            "copies": self.copies.value(),
            "fee_category": "" if requester is RequesterKind.KOUYOU else self.fee_category.currentData(),
            "residence": self.residence.currentData() if self._names_johyo() else 0,
        }
        if requester is RequesterKind.HONNIN:
            return values | {"requester_atena": self.member.currentData()}
        values["requester_name"] = self.requester_name.text()
        if requester is RequesterKind.KOUYOU:
            return values | {"agency_officer": self.agency_officer.text(), "legal_basis": self.legal_basis.text()}
        values["requester_address"] = self.requester_address.text()
        if requester is RequesterKind.DAIRININ:
            return values | {"proxy_letter": self.proxy_letter.text(), "principal_atena": self.member.currentData()}
        if not self.professional.isChecked():
            return values | {"evidence": self.evidence.text()}
        return values | {"qualification": self.qualification.currentData(),
                         "registration_no": self.registration_no.text(), "office": self.office.text(),
                         "form_no": self.form_no.text(), "client": self.client.text()}

    def per_copy(self) -> int:
        """The 手数料 of one copy for this kind, requester and category (the town's table)."""
        category = KOUYOU_CATEGORY if self.requester is RequesterKind.KOUYOU else self.fee_category.currentData()
        return self.fees.per_copy(self.kind.value, category)

    def fee(self) -> int:
        return self.per_copy() * self.copies.value()

    def _whole_household_toggled(self, whole: bool) -> None:
        """The list shows who is printed: everyone for 世帯全員, else the person opened in 照会."""
        for i in range(self.members.count()):
            item = self.members.item(i)
            ticked = whole or item.data(ATENA_ROLE) == self.person.atena_no
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._update()

    def _requester_changed(self) -> None:
        """Another kind of requester is another person: what the previous one stated is emptied."""
        for edit in self._stated():
            edit.clear()
        self.identification.setCurrentText("")
        self.professional.setChecked(False)
        self.set_member(self.person.atena_no)
        self._update()

    # --- what the rules allow ---------------------------------------------------------------------------------------

    def _names_johyo(self) -> bool:
        """A 除票 of the person opened alone: the 「除票」 choice names which of their stays."""
        return self.kind in JOHYO_KINDS and bool(self.johyo) and self.chosen() == [self.person.atena_no]

    def _subject(self, kind: CertificateKind) -> Person:
        """The row the rules are explained for: the 除票 chosen (the latest one for another kind), else the person."""
        if kind not in JOHYO_KINDS or not self.johyo:
            return self.person
        return self.johyo[max(self.residence.currentIndex(), 0) if self._names_johyo() else -1].row

    def _update(self) -> None:
        self._grey_kinds()
        kind, requester = self.kind, self.requester
        self.kind_note.setText(kind_refusal(kind, requester, self._subject(kind), self.today))
        self.kind_note.setVisible(bool(self.kind_note.text()))
        self.form.setRowVisible(self.residence, kind in JOHYO_KINDS and bool(self.johyo))
        self.residence.setEnabled(self._names_johyo())
        johyo = kind in JOHYO_KINDS
        individual_only = johyo or (self.items[Item.HISTORY].isChecked() and self.items[Item.HISTORY].isEnabled())
        if individual_only:
            self.form_combo.setCurrentText(INDIVIDUAL_FORM)
        self.form_combo.setEnabled(not individual_only)
        self.form_combo.setToolTip(self.tr("除票は個人票だけです") if johyo
                                   else self.tr("異動の履歴は個人票に記載します") if individual_only else "")
        self.whole_household.setEnabled(not johyo)
        self.members.setEnabled(johyo or not self.whole_household.isChecked())
        refused = item_refusals(kind, requester, self._subject(kind))
        for item, box in self.items.items():
            reason = refused.get(item, "")
            box.setEnabled(not reason)
            box.setToolTip(reason)
            self.item_notes[item].setText(reason)
        self._show_requester_fields(requester)
        count = self.copies.value()
        self.copies.setSuffix(self.tr(" 通", "", count))  # 1 copy, 2 copies
        self.fee_category.setEnabled(requester is not RequesterKind.KOUYOU)
        self.fee_label.setText(self.tr("0円（公用）") if requester is RequesterKind.KOUYOU
                               else self.tr("{fee}円（{per_copy}円×{count}通）").format(
                                   fee=f"{self.fee():,}", per_copy=f"{self.per_copy():,}", count=count))
        self.changed.emit()

    def _show_requester_fields(self, requester: RequesterKind) -> None:
        """The fields this kind of requester fills in, and only those."""
        third = requester is RequesterKind.DAISANSHA
        professional = third and self.professional.isChecked()
        shown = {
            self.member: requester in MEMBER_LABEL,
            self.requester_name: requester in NAME_LABEL,
            self.requester_address: requester in (RequesterKind.DAIRININ, RequesterKind.DAISANSHA),
            self.proxy_letter: requester is RequesterKind.DAIRININ,
            self.agency_officer: requester is RequesterKind.KOUYOU,
            self.legal_basis: requester is RequesterKind.KOUYOU,
            self.evidence: third and not professional,
            self.professional: third,
            **dict.fromkeys((self.qualification, self.registration_no, self.office, self.form_no, self.client),
                            professional),
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        if requester in MEMBER_LABEL:
            self.member_label.setText(self.tr(MEMBER_LABEL[requester]))
        if requester in NAME_LABEL:
            self.name_label.setText(self.tr(NAME_LABEL[requester]))
        self.reason.setPlaceholderText(self.tr(REASON_HINT[requester]) if requester in REASON_HINT else self.tr("任意"))

    def _grey_kinds(self) -> None:
        """Kinds the rules refuse for this person and requester stay selectable (the rules decide), but greyed."""
        model = self.kind_combo.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(model.rowCount()):
            kind = CertificateKind(self.kind_combo.itemData(row))
            reason = kind_refusal(kind, self.requester, self._subject(kind), self.today)
            item = model.item(row)
            item.setForeground(Qt.GlobalColor.gray if reason else Qt.GlobalColor.black)
            item.setToolTip(reason)
