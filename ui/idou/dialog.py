"""異動 entry: the request, a confirmation of what will be recorded, then the result.

The screen builds the same request as `python main.py apply FILE.json` (docs/idou-json.md) and hands it to the
registry's 異動 service: 「確認」 plans it without writing (`registry.idou.check`), so every rule of `domain/` is
checked before the confirmation and its message is shown at the field it names; 「登録」 records it
(`registry.idou.apply`). Bad input changes nothing.

Keyboard first: F6 opens it on the 異動事由 that fits the person in 照会 (転居 for a resident, 転出取消 for one moving
out, 転入 with nobody or a 除票 in 照会); Tab goes from field to field and through each table once (see entry_table.py);
Ctrl+Enter goes forward (確認, taking the text of a cell being edited), Enter or Ctrl+Enter on the confirmation
records; Esc goes back (from the confirmation to the field left) or closes; with unrecorded input, the first Esc warns
and the second closes. A refusal is shown below the form and at its field (scrolled into view), and goes once that
field changes.

For a household with a person under 支援措置 the screen says so at the top; the registry refuses a 届出 by the 加害者.
A 異動 that the registry holds for 支援措置 (someone moving to a protected person's address, a 加害者 into their
household) shows the hold's alert, which names nobody, and opens the judgment dialog: a 係長 other than the counter
signs in and states the reason, and the plan is confirmed and recorded with that judgment. The confirmation and the
result show only what the registry lets the counter see, and the window does not go on to the household's 照会.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.household import HEAD
from domain.idou import (
    CANCEL,
    LOST_NATIONALITY,
    MISENTRY,
    MOVE_OUT,
    NATURALIZED,
    NOTIFIED,
    REQUESTED,
    UNNOTIFIED_MOVE_IN,
    WITHDRAW_MOVE_OUT,
    Idou,
)
from domain.idou_holds import IdouHeld
from domain.protection import Process
from domain.records import ResidentKind
from domain.wareki import format_short, format_wareki
from local_store.errors import StoreError
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.residents_service import PersonRecord
from local_store.search import PersonSummary
from local_store.staff import Staff
from reports.code_notice_pdf import render as render_code_notice
from ui.common.field_errors import Cell, FieldError, error_text
from ui.common.idou_rows import rows_table
from ui.common.pdf_pages import MemoryPdf, join_copies, prepare_printer, print_pages
from ui.common.styles import ERROR_STYLE, PROTECTION_STYLE, WARNING_STYLE
from ui.idou.entry_table import EntryTable
from ui.idou.sections import (
    AddressSection,
    CancelSection,
    CertificateSection,
    CorrectedSection,
    CorrectionSection,
    DateEcho,
    DeathMembers,
    HeadChangeMembers,
    MembersSection,
    MergeMembers,
    MoveMembers,
    NaturalizedSection,
    NotifierSection,
    PersonItemsSection,
    PersonsSection,
    Places,
    Section,
    SeparationMembers,
    SuccessorMembers,
    TextSection,
    date_field,
)
from ui.kofu.judgment_dialog import JudgmentDialog

# The 異動事由 offered here, in the order counter staff meet them.
OFFERED = ("国内転入", "国外転入等", "転居", "国内転出", "国外転出", WITHDRAW_MOVE_OUT, "世帯主変更", "世帯分離", "世帯合併",
           "出生", "死亡", "職権修正", MISENTRY, CANCEL, UNNOTIFIED_MOVE_IN, NATURALIZED, LOST_NATIONALITY, "改製", "再製",
           "個人番号の変更請求", "住民票コードの変更請求", "旧氏の記載", "旧氏の削除", "通称の記載", "通称の削除")
WITHOUT_PERSON = ("国内転入", "国外転入等", UNNOTIFIED_MOVE_IN)
# The items each 請求 or 申出 takes (REQUESTED), as the request names them, and their labels.
REQUESTED_ITEMS: dict[str, dict[str, str]] = {
    "個人番号の変更請求": {"mynumber": "個人番号"},
    "旧氏の記載": {"former_surname": "旧氏", "former_surname_kana": "旧氏フリガナ"},
    "通称の記載": {"tsusho": "通称"},
}
NEEDS_PERSON = QT_TRANSLATE_NOOP(
    "IdouForm", "照会中の人がいません。転入以外は、対象の人を照会してから F6 を押してください")
UNSAVED_WARNING = QT_TRANSLATE_NOOP(
    "IdouDialog", "入力した異動はまだ登録されていません。閉じるにはもう一度 Esc を押してください")
CONFIRM_HINT = QT_TRANSLATE_NOOP(
    "IdouDialog", "次の内容で登録します。よろしければ「登録」（Enter）、直すときは「戻る」（Esc）を押してください。")
JUDGE_AND_RECORD = QT_TRANSLATE_NOOP("IdouDialog", "判断して確認へ")
PROTECTED = QT_TRANSLATE_NOOP("IdouDialog", "支援措置の対象者です。加害者からの届出は受け付けません。届出人を本人確認書類で確かめ、"
                              "新しい住所などを窓口で口にしないでください。")


def default_reason(record: PersonRecord | None) -> str:
    """The 異動事由 the entry opens on: what is most likely for the person in 照会."""
    if record is not None and record.current.is_resident:
        return "転居"
    if record is not None and record.moving_out:
        return WITHDRAW_MOVE_OUT
    return "国内転入"  # nobody in 照会, or a 除票: someone moving (back) in


def _sections(reason: str, record: PersonRecord | None, today_text: str, places: Places,
              idou_date: QLineEdit) -> list[Section]:
    """The parts of the form for one 異動事由, beside the 異動日 and 留意事項 every 異動 has."""
    translate = QCoreApplication.translate
    parts: list[Section] = [NotifierSection(today_text, idou_date)] if reason in NOTIFIED else []
    if reason in REQUESTED:
        parts.append(NotifierSection(today_text, idou_date, requested=True))
    if reason in WITHOUT_PERSON:
        parts.append(PersonsSection(translate("IdouForm", "転入する人"), with_birth=True,
                                    first={"relationship": HEAD}))
        parts.append(AddressSection(translate("IdouForm", "住所（新しい世帯）"), places))
        if reason == "国外転入等":
            placeholder = translate("IdouForm", "国名（例：アメリカ合衆国）")
        elif reason == UNNOTIFIED_MOVE_IN:
            placeholder = translate("IdouForm", "最後に分かっている住所（「（未届）」が付きます）")
        else:
            placeholder = translate("IdouForm", "例：東京都千代田区千代田1番1号")
        parts.append(TextSection("previous_address", "転入前住所", placeholder))
        if reason == "国内転入":
            parts.append(CertificateSection())
        return parts
    assert record is not None
    # A member whose 転出予定日 has not come is shown in 照会 but takes part in no other 異動.
    person, household = record.current, [m for m in record.household if m.is_resident]
    everyone = {m.atena_no for m in household}
    if reason == "転居":
        parts.append(MoveMembers(translate("IdouForm", "転居する人"), household, everyone, choose=True,
                                 relationships=True,
                                 hint=translate("IdouForm", "世帯の一部だけが転居するときは、その人たちの新しい続柄"
                                                "（世帯主を一人）を入力します。")))
        parts.append(AddressSection(translate("IdouForm", "新しい住所"), places))
    elif reason in MOVE_OUT:
        parts.append(MembersSection(translate("IdouForm", "転出する人"), household, everyone, choose=True,
                                    relationships=False))
        if reason == "国外転出":
            placeholder = translate("IdouForm", "国名")
        else:
            placeholder = translate("IdouForm", "例：東京都港区芝公園4丁目2番8号")
        parts.append(TextSection("destination", "転出先住所", placeholder))
    elif reason == "世帯主変更":
        parts.append(HeadChangeMembers(translate("IdouForm", "新しい続柄"), household, set(), choose=False,
                                       relationships=True,
                                       hint=translate("IdouForm", "新しい世帯主の「新しい続柄」を世帯主にし、ほかの人の"
                                                      "続柄を新しい世帯主から見た続柄に直します。")))
    elif reason == "世帯分離":
        parts.append(SeparationMembers(translate("IdouForm", "分離する人"), household, {person.atena_no},
                                       choose=True, relationships=True,
                                       hint=translate("IdouForm", "新しい世帯に移る人を選び、その新しい続柄"
                                                      "（世帯主を一人）を入力します。")))
    elif reason == "世帯合併":
        parts.append(MergeMembers(translate("IdouForm", "合併する世帯の人"), household,
                                  hint=translate("IdouForm", "この世帯の全員が合併先の世帯に入ります。"
                                                 "合併先の世帯主から見た続柄を入力します。")))
        parts.append(TextSection("into_household", "合併先の世帯番号", translate("IdouForm", "例：0001000004")))
    elif reason == "出生":
        honseki = person.honseki
        first = {"relationship": "子", "honseki.place": honseki.display() if honseki else "",
                 "honseki.head": honseki.head if honseki else "", "name": person.name.split("　")[0] + "　"}
        if person.foreign is not None:  # the parent's 住民種別 and 国籍; a child born here is 経過滞在者 (法30条の45)
            first |= {"kind": ResidentKind.FOREIGN.value, "foreign.nationality": person.foreign.nationality,
                      "foreign.category": "出生による経過滞在者"}
        title = translate("IdouForm", "生まれた子（{name}の世帯に入ります）").format(name=person.name)
        parts.append(PersonsSection(title, with_birth=False, first=first))
    elif reason == "死亡":
        successor = SuccessorMembers(translate("IdouForm", "残る世帯員（新しい世帯主と続柄）"), household,
                                     hint=translate("IdouForm", "世帯主が死亡するときは、残る世帯員の一人の「新しい続柄」を"
                                                    "世帯主にし、ほかの人の続柄を新しい世帯主から見た続柄で入力します。"
                                                    "残る世帯員が一人のときはその人が世帯主です。"))
        parts.append(DeathMembers(translate("IdouForm", "死亡した人"), household, {person.atena_no}, successor))
    elif reason == "職権修正":
        parts.append(CorrectionSection(person))
    elif reason == MISENTRY:
        parts.append(CorrectedSection(record.history))
        parts.append(CorrectionSection(person))
    elif reason == CANCEL:
        parts.append(CancelSection(record.history))
    elif reason == WITHDRAW_MOVE_OUT:
        parts.append(CancelSection(record.history, MOVE_OUT))
    elif reason in (LOST_NATIONALITY, "改製", "再製"):
        parts.append(MembersSection(translate("IdouForm", "対象の人"), household, {person.atena_no}, choose=True,
                                    relationships=False))
    elif reason == NATURALIZED:
        parts.append(NaturalizedSection(person))
    elif reason in REQUESTED:
        parts.append(PersonItemsSection(person, REQUESTED_ITEMS.get(reason, {})))
    return parts


def _successor(idou: Idou) -> str | None:
    """The name of the member a 死亡 makes 世帯主 (§4.0.4), if it does: the one row of it that is a 世帯主 still."""
    if idou.reason != "死亡":
        return None
    return next((c.row.name for c in idou.rows if c.row.is_head and c.row.removal is None), None)


def _household_of(reason: str, record: PersonRecord | None) -> str | None:
    return record.current.setai_no if reason == "出生" and record is not None else None


class IdouForm(QWidget):
    """The form of one 異動: 異動事由, 異動日, 留意事項 and the reason's own parts."""

    changed = Signal()

    def __init__(self, record: PersonRecord | None, today_text: str, places: Places | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record, self.today_text = record, today_text
        self.places = places or Places("")
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        for name in OFFERED:
            self.reason.addItem(name)
            if record is None and name not in WITHOUT_PERSON:
                index = self.reason.count() - 1
                self.reason.model().item(index).setEnabled(False)
                self.reason.setItemData(index, self.tr(NEEDS_PERSON), Qt.ItemDataRole.ToolTipRole)
        self.idou_date = date_field()
        self.idou_date.setObjectName("idouDate")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("任意"))
        date_row = QHBoxLayout()
        date_row.addWidget(self.idou_date, 1)
        date_row.addWidget(DateEcho(self.idou_date, "異動日", lenient=lambda: self.current_reason() in ("出生", "死亡")), 1)
        common = QGroupBox(self.tr("異動"))
        form = QFormLayout(common)
        form.addRow("異動事由", self.reason)
        form.addRow("異動日", date_row)
        form.addRow("留意事項", self.note)
        self.parts_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(common)
        layout.addLayout(self.parts_box)
        layout.addStretch(1)
        self.sections: list[Section] = []
        self.idou_date.textEdited.connect(self.changed)
        self.note.textEdited.connect(self.changed)
        self.reason.setCurrentText(default_reason(record))
        self.reason.currentTextChanged.connect(self._reason_changed)
        self._reason_changed(self.reason.currentText())

    def current_reason(self) -> str:
        return self.reason.currentText()

    def set_reason(self, reason: str) -> None:
        self.reason.setCurrentText(reason)

    def _reason_changed(self, reason: str) -> None:
        for section in self.sections:
            self.parts_box.removeWidget(section)
            section.hide()  # out of the focus chain at once, not when it is deleted
            section.deleteLater()
        self.sections = _sections(reason, self.record, self.today_text, self.places, self.idou_date)
        self.idou_date.setEnabled(reason != CANCEL)  # a cancellation takes the 異動日 of what it undoes
        for section in self.sections:
            self.parts_box.addWidget(section)
            section.show()  # in the focus chain at once, not when the event loop shows it
            section.changed.connect(self.changed)
        self.changed.emit()

    def request(self) -> dict[str, Any]:
        request: dict[str, Any] = {"reason": self.current_reason(), "idou_date": self.idou_date.text()}
        if self.note.text().strip():
            request["note"] = self.note.text()
        household = _household_of(self.current_reason(), self.record)
        if household is not None:
            request["household"] = household
        for section in self.sections:
            section.fill(request)
        return request

    def field_for(self, item: str) -> QWidget | None:
        fields: dict[str, QWidget] = {"異動事由": self.reason, "異動日": self.idou_date, "留意事項": self.note}
        for section in self.sections:
            fields.update(section.fields())
        return fields.get(item)

    def cells_for(self, item: str) -> list[Cell]:
        """The cells of the table `field_for(item)` that hold the item (none: the whole field)."""
        field = self.field_for(item)
        section = next((s for s in self.sections if field is not None and field in s.fields().values()), None)
        return section.cells(item) if section is not None else []

    def focused_field(self) -> QWidget | None:
        """The field that has the focus (a table, when one of its cells is being edited), if it is in the form."""
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return None
        return next((t for t in self.findChildren(EntryTable) if t.isAncestorOf(focused)), focused)

    def commit_editing(self) -> None:
        """Keep the text of a table cell being edited, as leaving it would."""
        for table in self.findChildren(EntryTable):
            table.commit_editing()


class IdouDialog(QDialog):
    """`recorded(宛名番号)` after a 異動 is recorded: the person the window should show next;
    `tenshutsuRequested(宛名番号)` when staff go on from a 国内転出 to its 転出証明書."""

    recorded = Signal(str)
    tenshutsuRequested = Signal(str)

    def __init__(self, registry: Registry, staff: Staff, record: PersonRecord | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff, self.record = registry, staff, record
        self.planned: Idou | None = None
        self.result: Idou | None = None
        self.judgment: Judgment | None = None  # a 係長's, for a 異動 held for 支援措置 (until the form changes)
        self.judgment_dialog: JudgmentDialog | None = None
        self._request: dict[str, Any] = {}
        self._asked: set[tuple[str, str]] = set()  # (フリガナ, 生年月日) already put to staff
        self._warned = False
        self._dirty = False
        if record is None:
            self.setWindowTitle(self.tr("異動の登録"))
        else:
            self.setWindowTitle(self.tr("異動の登録 ― {name}（宛名番号 {atena}）の世帯").format(
                name=record.current.name, atena=record.current.atena_no))

        town = registry.municipality
        places = Places(town.prefecture + town.name, tuple(registry.settings.address_book()))
        self.field_error = FieldError(self)  # the refusal shown at its field, until that field changes
        self.field_error.cleared.connect(lambda: self._show_message(""))
        self.form = IdouForm(record, format_short(registry.today()), places)
        self.form.changed.connect(self._form_changed)
        self.form.reason.currentTextChanged.connect(lambda _reason: self.field_error.clear())
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self._form_focus: QWidget | None = None  # where the focus was when the form was left for the confirmation
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.pages = QStackedWidget()
        self.pages.addWidget(self.form_scroll)
        self.confirm_page = QWidget()
        self.confirm_layout = QVBoxLayout(self.confirm_page)
        self.pages.addWidget(self.confirm_page)
        self.result_page = QWidget()
        self.result_layout = QVBoxLayout(self.result_page)
        self.pages.addWidget(self.result_page)

        self.forward_button = QPushButton()
        self.back_button = QPushButton()
        for button in (self.forward_button, self.back_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by their keys; Tab stays on the fields
            button.setAutoDefault(False)
        self.forward_button.clicked.connect(self.forward)
        self.back_button.clicked.connect(self.back)
        # The 転出証明書 is issued in the flow of a 国内転出 (§4.1.3.0.3).
        self.tenshutsu_button = QPushButton(self.tr("転出証明書の交付（F8）"))
        self.tenshutsu_button.setObjectName("tenshutsu")
        self.tenshutsu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tenshutsu_button.setAutoDefault(False)
        self.tenshutsu_button.clicked.connect(self.go_to_tenshutsu)
        self.tenshutsu_button.hide()
        # The 住民票コード通知 the law owes for a 住民票コード recorded anew (法30条の3第3項, 30条の4第3項).
        self.notice_button = QPushButton(self.tr("住民票コード通知票の印刷（F7）"))
        self.notice_button.setObjectName("codeNotice")
        self.notice_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notice_button.setAutoDefault(False)
        self.notice_button.clicked.connect(self.print_code_notices)
        self.notice_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.tenshutsu_button)
        buttons.addWidget(self.forward_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        self.protection_label = QLabel(self.tr(PROTECTED))
        self.protection_label.setObjectName("protectionNote")
        self.protection_label.setWordWrap(True)
        self.protection_label.setStyleSheet(PROTECTION_STYLE)
        self.protection_label.setVisible(record is not None and any(
            Process.IDOU in p.measure.processes for p in record.protection))
        layout.addWidget(self.protection_label)
        self.hold_label = QLabel()
        self.hold_label.setObjectName("holdAlert")
        self.hold_label.setWordWrap(True)
        self.hold_label.setStyleSheet(PROTECTION_STYLE)
        self.hold_label.hide()
        layout.addWidget(self.hold_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._show_page(0)
        self.resize(1280, 720)  # within a 1366×768 screen
        self.form.idou_date.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- steps ---------------------------------------------------------------------------------------------------

    def forward(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self.confirm()
        elif page == 1:
            self.record_idou()
        else:
            self.accept()

    def back(self) -> None:
        page = self.pages.currentIndex()
        if page == 1:
            self._show_page(0)
            if self._form_focus is not None and self.form.isAncestorOf(self._form_focus):
                self._form_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page == 0 and self._dirty and not self._warned:
            self._warned = True
            self._show_message(self.tr(UNSAVED_WARNING), error=True)
        else:
            self.reject()

    def confirm(self) -> None:
        """Plan the request; on a broken rule, show it at its field and stay on the form."""
        self.form.commit_editing()
        self.field_error.clear()
        if not self._checked_same_person():
            return
        request = self.form.request()
        try:
            self.planned = self.registry.idou.check(self.staff, request, self.judgment)
        except IdouHeld as exc:
            self.hold_label.setText(exc.message)
            self.hold_label.show()
            self.judgment = self.ask_judgment(exc.message)
            if self.judgment is not None:
                self.confirm()
            return
        except ValidationError as exc:
            self.judgment = None
            self._field_error(exc)
            return
        except StoreError as exc:
            self.judgment = None
            self._show_message(exc.message, error=True)
            return
        self._request = request
        hint = self.tr(CONFIRM_HINT)
        if self.judgment is not None:
            hint = self.tr("{judge}（{role}）の判断により登録します。").format(**self._judge()) + hint
        self._fill(self.confirm_layout, hint, self.planned, numbered=False,
                   warnings=self.registry.idou.warnings(self.staff, self.planned))
        self._form_focus = self.form.focused_field()
        self._show_page(1)

    def ask_judgment(self, asked: str) -> Judgment | None:
        """A 係長's sign-in and reason for a held 異動 (a modal dialog); None when cancelled."""
        self.judgment_dialog = JudgmentDialog(self.registry, asked, self, accept_text=self.tr(JUDGE_AND_RECORD))
        accepted = self.judgment_dialog.exec() == QDialog.DialogCode.Accepted
        judgment = self.judgment_dialog.judgment if accepted else None
        self.judgment_dialog.deleteLater()
        self.judgment_dialog = None
        return judgment

    def _judge(self) -> dict[str, str]:
        assert self.judgment is not None
        return {"judge": self.judgment.judge.display_name, "role": self.judgment.judge.role.value}

    def _checked_same_person(self) -> bool:
        """同一人 check on 転入: for each person moving in who matches a 除票 by フリガナ and 生年月日, ask once
        whether it is the same person (who then keeps the old 宛名番号). False when staff cancel."""
        section = next((s for s in self.form.sections if isinstance(s, PersonsSection) and s.with_birth), None)
        if section is None:
            return True
        for row in range(section.table.rowCount()):
            kana, birth = section.cell(row, "name_kana"), section.cell(row, "birth")
            if not kana or not birth or section.returning(row) or (kana, birth) in self._asked:
                continue
            try:
                found = self.registry.residents.returning_candidates(self.staff, kana, birth)
            except ValidationError:
                continue  # the plan names the wrong date at its field
            self._asked.add((kana, birth))
            for candidate in found:
                answer = self.ask_same_person(section.cell(row, "name"), candidate)
                if answer == QMessageBox.StandardButton.Cancel:
                    return False
                if answer == QMessageBox.StandardButton.Yes:
                    section.set_returning(row, candidate.atena_no)
                    break
        return True

    def ask_same_person(self, name: str, candidate: PersonSummary) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("同一人の確認"), self.tr(
            "除票に同じフリガナ・生年月日の人がいます。\n\n{0}（{1}）\n宛名番号 {2}　生年月日 {3}\n{4}　{5}\n\n"
            "{6}さんはこの人と同一人ですか？同一人なら元の宛名番号と履歴を続けます。").format(
                candidate.name, candidate.name_kana, candidate.atena_no, candidate.birth, candidate.address,
                candidate.status, name), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("samePerson")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("同一人（元の宛名番号を続ける）"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("別人"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("戻る"))
        return QMessageBox.StandardButton(box.exec())

    def record_idou(self) -> None:
        try:
            applied = self.registry.apply(self.staff, self._request, self.judgment)
        except ValidationError as exc:  # the registry changed since the confirmation (e.g. a sync)
            self.judgment = None
            self._show_page(0)
            self._field_error(exc)
            self.hold_label.setVisible(isinstance(exc, IdouHeld))
            self.hold_label.setText(exc.message)
            return
        except StoreError as exc:
            self._show_message(exc.message, error=True)
            return
        self.result = applied.idou
        self._dirty = False
        if applied.judged:  # the protected household's 照会 is not opened for the counter
            heading = self.tr("{reason}を{judge}（{role}）の判断により登録しました。Enter で閉じます。").format(
                reason=applied.idou.reason, **self._judge())
        else:
            heading = self.tr("{reason}を登録しました。Enter でこの世帯を照会します。").format(reason=applied.idou.reason)
        if applied.idou.reason == "国内転出":
            heading += self.tr("転出証明書は F8 で交付します。")
        if applied.idou.code_notices:
            heading += self.tr("住民票コード通知票を F7 で印刷し、本人に通知してください。")
        self._fill(self.result_layout, heading, applied.idou, numbered=True)
        self._show_page(2)
        self.tenshutsu_button.setVisible(applied.idou.reason == "国内転出")
        self.notice_button.setVisible(bool(applied.idou.code_notices))
        if not applied.judged:
            self.recorded.emit(applied.idou.rows[0].row.atena_no)

    def print_code_notices(self) -> None:
        """F7 after a 異動 that recorded a 住民票コード anew: its 住民票コード通知票, one for each person, printed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_code_notices_to(printer)

    def print_code_notices_to(self, printer: QPrinter) -> int:
        """Send the 住民票コード通知票 of the 異動 just recorded to `printer`; the pages printed."""
        if self.result is None or not self.result.code_notices:
            return 0
        try:
            pdfs = [render_code_notice(self.registry.idou.code_notice(self.staff, a)) for a in self.result.code_notices]
            pages = print_pages(MemoryPdf(join_copies(pdfs), self), printer)
        except ValidationError as exc:
            self._show_message(error_text(exc), error=True)
            return 0
        except OSError as exc:
            self._show_message(str(exc), error=True)
            return 0
        self._show_message(self.tr("住民票コード通知票 %n枚を印刷に送りました", "", pages))
        return pages

    # --- pages ---------------------------------------------------------------------------------------------------

    def _fill(self, layout: QVBoxLayout, heading: str, idou: Idou, *, numbered: bool,
              warnings: tuple[str, ...] = ()) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        title = QLabel(heading)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        if warnings:  # recorded all the same: staff make sure of them first
            warned = QLabel("\n".join(self.tr("注意：{0}").format(w) for w in warnings))
            warned.setObjectName("entryWarnings")
            warned.setWordWrap(True)
            warned.setStyleSheet(WARNING_STYLE)
            layout.addWidget(warned)
        summary = QFormLayout()
        summary.addRow("異動事由", QLabel(idou.reason))
        summary.addRow("異動日", QLabel(idou.idou_date.text or format_wareki(idou.idou_date)))
        if idou.notified_on is not None:
            summary.addRow("届出日", QLabel(format_wareki(idou.notified_on)))
        if idou.notifier is not None:
            summary.addRow("請求者" if idou.reason in REQUESTED else "届出人", QLabel(self.tr("{name}（{relation}）　本人確認：{identification}").format(
                name=idou.notifier.name, relation=idou.notifier.relation,
                identification=idou.notifier.identification)))
        if idou.note:
            summary.addRow("留意事項", QLabel(idou.note))
        if idou.certificate is not None:
            summary.addRow("転出証明書", QLabel(self.tr("{town}　転出予定日 {planned}　転出先 {destination}").format(
                town=idou.certificate.town, planned=format_wareki(idou.certificate.planned_on),
                destination=idou.certificate.destination)))
        successor = _successor(idou)
        if successor is not None:
            new_head = QLabel(successor)
            new_head.setObjectName("newHead")
            summary.addRow("新しい世帯主", new_head)
        box = QWidget()
        box.setLayout(summary)
        layout.addWidget(box)
        known = {p.atena_no: p for p in self.record.household} if self.record is not None else {}
        table = rows_table(idou, known, numbered=numbered)
        table.setObjectName("resultRows" if numbered else "plannedRows")
        layout.addWidget(table, 1)

    def go_to_tenshutsu(self) -> None:
        """Close, and have the window open the 交付 of the 転出証明書 for those who move out."""
        if self.result is not None:
            self.tenshutsuRequested.emit(self.result.rows[0].row.atena_no)
            self.accept()

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._show_message("")
        forward, back = ((self.tr("確認（Ctrl+Enter）"), self.tr("閉じる（Esc）")),
                         (self.tr("登録（Enter）"), self.tr("戻る（Esc）")),
                         (self.tr("照会（Enter）"), self.tr("閉じる（Esc）")))[page]
        self.forward_button.setText(forward)
        self.back_button.setText(back)
        self.form.setEnabled(page == 0)

    def _form_changed(self) -> None:
        self._dirty = True
        self._warned = False
        self.judgment = None  # a judgment is of the 異動 the 係長 saw
        self.hold_label.hide()

    def _field_error(self, exc: ValidationError) -> None:
        """The message below the form, and its field marked, in view and focused, until the field changes."""
        widget = self.form.field_for(exc.item)
        if widget is not None:
            self.field_error.show(widget, self.form.cells_for(exc.item), self.form_scroll)
        self._show_message(error_text(exc), error=True)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setVisible(bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back()
            return
        if event.key() == Qt.Key.Key_F8 and self.tenshutsu_button.isVisible():
            self.go_to_tenshutsu()
            return
        if event.key() == Qt.Key.Key_F7 and self.notice_button.isVisible():
            self.print_code_notices()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier or self.pages.currentIndex() > 0):
            self.forward()
            return
        super().keyPressEvent(event)
