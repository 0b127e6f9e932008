"""異動 entry in the window, offscreen on a real replica: F6, the form, the confirmation, the record; bad input shown
at its field with nothing written; a 異動 held for 支援措置 alerts without naming anyone and goes on only with a
係長's judgment; a 個人番号 that someone else holds is refused at its field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from domain.address_book import parse_csv
from domain.errors import ValidationError
from domain.idou_holds import HOLD_MESSAGE
from domain.kofu_rules import CertificateKind
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import NOTIFIER, TARO_MYNUMBER, Clock, family, person, tennyu
from tests.support.qt import search_typed, shown_names, type_text
from ui.common.idou_rows import NEW_NUMBER
from ui.idou.dialog import NEEDS_PERSON, IdouDialog
from ui.idou.sections import PERSON_KEYS, AddressSection, MembersSection, PersonsSection, TextSection
from ui.kofu.judgment_dialog import JudgmentDialog
from ui.search.person_table_model import COL_ADDRESS
from ui.shell.main_window import MainWindow

NEW_ADDRESS = "さくら県みどり町本町3丁目9番1号"


@pytest.fixture
def yamada(registry: Registry, admin: Staff) -> dict[str, str]:
    return {c.row.name: c.row.atena_no for c in registry.apply(admin, family()).idou.rows}


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock, yamada: dict[str, str]) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(qtbot: QtBot, win: MainWindow) -> IdouDialog:
    qtbot.keyClick(win.search_field, Qt.Key.Key_F6)
    dialog = win.idou_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def fill_notifier(dialog: IdouDialog) -> None:
    type_text(dialog.form.sections[0].name, "山田　太郎")  # the NotifierSection comes first


def forward(qtbot: QtBot, dialog: IdouDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def cells(table: QTableWidget, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_tenkyo_from_f6_is_confirmed_recorded_and_shown(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                        yamada: dict[str, str]) -> None:
    search_typed(qtbot, window, "やまだ")
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("転居")
    type_text(dialog.form.idou_date, "R8.11.26")
    fill_notifier(dialog)
    type_text(dialog.form.sections[-1].text, NEW_ADDRESS)
    before = registry.replication.last_seq()

    forward(qtbot, dialog)  # 確認: planned, nothing written
    assert dialog.pages.currentIndex() == 1 and registry.replication.last_seq() == before
    planned = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    assert cells(planned, 1) == ["山田　太郎", "山田　花子", "山田　一郎", "山田　次郎"]
    assert all(f"住所：さくら県みどり町本町2丁目3番4号 → {NEW_ADDRESS}" in c for c in cells(planned, 5))

    with qtbot.waitSignal(dialog.recorded) as recorded:
        forward(qtbot, dialog)  # 登録
    assert recorded.args == [yamada["山田　太郎"]] and dialog.pages.currentIndex() == 2
    assert registry.replication.last_seq() > before
    assert window.person_view.record is not None
    assert window.person_view.record.current.address.text == NEW_ADDRESS
    history = window.person_view.history_table
    assert [history.item(r, 1).text() for r in range(history.rowCount())].count("転居") == 1
    assert len(shown_names(window)) == 4  # the search ran again on the changed registry
    addresses = {window.model.data(window.model.index(row, COL_ADDRESS)) for row in range(4)}
    assert addresses == {NEW_ADDRESS}

    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter on the result closes it, the household in 照会
    qtbot.waitUntil(lambda: window.idou_dialog is None, timeout=2000)


def test_an_impossible_date_is_shown_at_its_field_and_nothing_is_written(
        qtbot: QtBot, window: MainWindow, registry: Registry, yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("転居")
    type_text(dialog.form.idou_date, "R8.2.30")
    fill_notifier(dialog)
    type_text(dialog.form.sections[-1].text, NEW_ADDRESS)
    before = registry.replication.last_seq()
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 0 and registry.replication.last_seq() == before
    assert dialog.message.isVisible() and dialog.message.text().startswith("異動日：")
    assert dialog.focusWidget() is dialog.form.idou_date
    assert "b00020" in dialog.form.idou_date.styleSheet()

    dialog.form.idou_date.clear()
    type_text(dialog.form.idou_date, "R8.11.26")  # corrected: the mark goes, and it goes through
    assert dialog.form.idou_date.styleSheet() == ""
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1


def test_tennyu_without_a_person_and_a_wrong_check_digit(qtbot: QtBot, window: MainWindow,
                                                         registry: Registry) -> None:
    dialog = open_dialog(qtbot, window)  # nobody in 照会: only 転入 can be chosen
    model = dialog.form.reason.model()
    enabled = [dialog.form.reason.itemText(i) for i in range(model.rowCount()) if model.item(i).isEnabled()]
    assert enabled == ["国内転入", "国外転入等", "未届転入"]
    assert dialog.form.reason.itemData(2, Qt.ItemDataRole.ToolTipRole) == NEEDS_PERSON
    type_text(dialog.form.idou_date, "R8.11.20")
    fill_notifier(dialog)
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    for key, value in {"name": "鈴木　一郎", "name_kana": "すずき　いちろう", "birth": "S60.4.1", "sex": "男",
                       "honseki.place": "東京都千代田区千代田1番", "honseki.head": "鈴木　一郎",
                       "mynumber": "123456789012"}.items():
        persons.set_cell(0, key, value)
    dialog.form.sections[2].text.setText("さくら県みどり町西町8番地")
    dialog.form.sections[3].edit.setText("東京都千代田区千代田1番1号")
    before = registry.replication.last_seq()
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 0 and registry.replication.last_seq() == before
    assert dialog.message.text().startswith("個人番号：") and dialog.focusWidget() is persons.table

    persons.set_cell(0, "mynumber", "")  # 付番待ち
    forward(qtbot, dialog)
    planned = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    assert cells(planned, 0) == [NEW_NUMBER] and cells(planned, 1) == ["鈴木　一郎"]
    with qtbot.waitSignal(dialog.recorded) as recorded:
        forward(qtbot, dialog)
    record = registry.person(window.staff, recorded.args[0])
    assert record.current.name_kana == "スズキ イチロウ" and record.current.mynumber == ""
    assert window.person_view.record is not None and window.person_view.record.current.name == "鈴木　一郎"


def test_birth_death_and_head_change(qtbot: QtBot, window: MainWindow, registry: Registry,
                                     yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("出生")
    type_text(dialog.form.idou_date, "R8.11.21")
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    assert persons.persons()[0]["honseki"] == {"place": "さくら県みどり町本町1番地", "head": "山田　太郎"}
    assert "birth" not in persons.persons()[0] and PERSON_KEYS.index("birth") not in (0, 1)
    persons.set_cell(0, "name", "山田　三郎")
    persons.set_cell(0, "name_kana", "ヤマダ　サブロウ")
    persons.set_cell(0, "sex", "男")
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    assert dialog.result is not None
    baby = dialog.result.rows[0].row
    assert baby.setai_no == registry.person(window.staff, yamada["山田　太郎"]).current.setai_no
    assert baby.birth.iso == "2026-11-21"
    dialog.accept()

    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("世帯主変更")
    fill_notifier(dialog)
    type_text(dialog.form.idou_date, "R8.11.22")
    members = next(s for s in dialog.form.sections if isinstance(s, MembersSection))
    new = {"山田　太郎": "夫", "山田　花子": "世帯主", "山田　一郎": "子", "山田　次郎": "子", "山田　三郎": "子"}
    for name, relationship in new.items():
        members.set_new_relationship(yamada.get(name, baby.atena_no), relationship)
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    head = registry.person(window.staff, yamada["山田　花子"]).current
    assert head.relationship == "世帯主"
    dialog.accept()

    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("死亡")
    type_text(dialog.form.idou_date, "R8.11.23")
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    assert registry.person(window.staff, yamada["山田　太郎"]).current.removal is not None


def test_esc_warns_once_about_unrecorded_input_then_closes(qtbot: QtBot, window: MainWindow,
                                                          yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    type_text(dialog.form.idou_date, "R8.11.26")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "まだ登録されていません" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.idou_dialog is None, timeout=2000)


def test_check_idou_writes_nothing_and_uses_up_no_number(registry: Registry, admin: Staff) -> None:
    request = tennyu(person("鈴木　一郎", "スズキ　イチロウ", "S60.4.1", "男", "世帯主"))
    before = registry.replication.last_seq()
    planned = registry.idou.check(admin, request)
    assert registry.replication.last_seq() == before and not registry.search(admin, "鈴木").ids
    applied = registry.apply(admin, request)
    assert applied.idou.rows[0].row.atena_no == planned.rows[0].row.atena_no
    with pytest.raises(ValidationError) as refused:
        registry.idou.check(admin, {**request, "idou_date": "R8.2.30"})
    assert refused.value.item == "異動日"


def test_the_address_book_offers_the_chouaza_and_gives_the_codes(qtbot: QtBot, window: MainWindow,
                                                                  registry: Registry, admin: Staff,
                                                                  yamada: dict[str, str]) -> None:
    registry.settings.set_address_book(admin, parse_csv("住所コード,町字,郵便番号,番地（から）,番地（まで）\n"
                                                        "001003,本町3丁目,321-4903,1,20\n"))
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("転居")
    address = next(s for s in dialog.form.sections if isinstance(s, AddressSection))
    assert address.text.completer().model().data(address.text.completer().model().index(0, 0)) == \
        "さくら県みどり町本町3丁目"
    type_text(address.text, "さくら県みどり町本町3丁目25番1号")
    assert address.hint.text() == "住所辞書：本町3丁目の番地は1〜20です"
    address.text.clear()
    type_text(address.text, NEW_ADDRESS)  # 本町3丁目9番1号
    assert address.postal_code.text() == "321-4903" and address.hint.text() == "住所コード 001003"
    type_text(dialog.form.idou_date, "R8.11.26")
    fill_notifier(dialog)
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    moved = registry.person(admin, yamada["山田　太郎"]).current.address
    assert (moved.code, moved.postal_code) == ("001003", "321-4903")


def test_a_tenkyo_cancelled_from_the_window(qtbot: QtBot, window: MainWindow, registry: Registry,
                                            yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("転居")
    type_text(dialog.form.idou_date, "R8.11.26")
    fill_notifier(dialog)
    type_text(dialog.form.sections[-1].text, NEW_ADDRESS)
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    dialog.accept()

    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("異動の取消し")
    assert not dialog.form.idou_date.isEnabled()
    assert dialog.form.sections[0].choice.currentText().startswith("履歴番号 2　転居")
    forward(qtbot, dialog)
    planned = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    assert all("→ さくら県みどり町本町2丁目3番4号" in c for c in cells(planned, 5))
    forward(qtbot, dialog)
    assert registry.person(window.staff, yamada["山田　太郎"]).current.address.text == "さくら県みどり町本町2丁目3番4号"


def test_a_former_resident_moving_back_is_recognised_and_keeps_the_number(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff, yamada: dict[str, str]) -> None:
    hanako = yamada["山田　花子"]
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.21", "notified_on": "R8.11.21",
                           "notifier": NOTIFIER, "targets": [hanako], "destination": "東京都港区芝公園4丁目2番8号"})
    dialog = open_dialog(qtbot, window)  # nobody in 照会: 転入
    type_text(dialog.form.idou_date, "R8.11.26")
    fill_notifier(dialog)
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    for key, value in {"name": "山田　花子", "name_kana": "ヤマダ　ハナコ", "birth": "S52.3.3", "sex": "女",
                       "honseki.place": "不明"}.items():
        persons.set_cell(0, key, value)
    dialog.form.sections[2].text.setText("さくら県みどり町中町5番地")
    dialog.form.sections[3].edit.setText("東京都港区芝公園4丁目2番8号")
    asked: list[str] = []

    def answer_same_person() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_same_person)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer_same_person)
    forward(qtbot, dialog)
    assert asked and hanako in asked[0] and dialog.pages.currentIndex() == 1
    planned = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    assert cells(planned, 0) == [hanako]
    forward(qtbot, dialog)
    assert registry.person(admin, hanako).current.is_resident


def test_a_move_out_goes_on_to_its_certificate_and_is_withdrawn_before_the_planned_day(
        qtbot: QtBot, window: MainWindow, registry: Registry, yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("国内転出")
    type_text(dialog.form.idou_date, "R8.12.10")
    fill_notifier(dialog)
    type_text(dialog.form.sections[-1].edit, "東京都港区芝公園4丁目2番8号")
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    assert dialog.tenshutsu_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_F8)  # on to the 転出証明書, for everyone who moves out together
    kofu = window.kofu_dialog
    assert kofu is not None and kofu.form.kind is CertificateKind.TENSHUTSU
    assert kofu.form.whole_household.isChecked()
    assert window.person_view.status_label.text() == "転出予定"
    kofu.reject()

    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("転出取消")
    assert dialog.form.idou_date.isEnabled()
    assert dialog.form.sections[-1].choice.count() == 1  # only the 転出届 can be withdrawn
    type_text(dialog.form.idou_date, "R8.11.27")
    fill_notifier(dialog)
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    record = registry.person(window.staff, yamada["山田　太郎"])
    assert record.current.is_resident and [h.reason for h in record.history][-2:] == ["国内転出", "転出取消"]


def test_a_misentry_corrected_from_the_window_names_the_idou(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                            yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　花子"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("誤記修正")
    chosen, correction = dialog.form.sections
    assert chosen.choice.currentText().startswith("履歴番号 1　国内転入")
    type_text(dialog.form.idou_date, "R8.11.27")
    correction.edits["birth"].clear()
    type_text(correction.edits["birth"], "S52.3.13")
    forward(qtbot, dialog)
    forward(qtbot, dialog)
    record = registry.person(window.staff, yamada["山田　花子"])
    assert record.current.birth.iso == "1977-03-13" and record.history[-1].reason == "誤記修正"
    assert registry.replication.document(record.history[-1].doc_id).body["corrects"] == record.history[0].doc_id


# --- 支援措置: held 異動 ------------------------------------------------------------------------------------------------

HER_ADDRESS = "さくら県みどり町西町1丁目2番3号"


def protect_her(registry: Registry, admin: Staff, yamada: dict[str, str]) -> str:
    """花子 and 一郎 move to HER_ADDRESS (a household of their own); she is protected from 太郎. Her 世帯番号."""
    hanako, ichiro = yamada["山田　花子"], yamada["山田　一郎"]
    moved = registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notified_on": "R8.11.26",
                                   "notifier": {**NOTIFIER, "name": "山田　花子"}, "targets": [hanako, ichiro],
                                   "relationships": {hanako: "世帯主", ichiro: "子"},
                                   "address": {"text": HER_ADDRESS}})
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.protection.add(registry.sign_in("chief", "chief-pw"), [hanako], list(Process),
                            [Offender("山田　太郎", "ヤマダ　タロウ", yamada["山田　太郎"])])
    return moved.idou.rows[0].row.setai_no


def when_asked(dialog: IdouDialog, act: Callable[[JudgmentDialog], None]) -> None:
    """Act on the judgment dialog once it is shown (it runs its own event loop until it closes)."""
    timer = QTimer(dialog)
    timer.setInterval(10)

    def tick() -> None:
        judging = dialog.judgment_dialog
        if judging is not None and judging.isVisible():
            timer.stop()
            act(judging)

    timer.timeout.connect(tick)
    timer.start()


def sign_in_as_judge(qtbot: QtBot, judging: JudgmentDialog, user: str, password: str, reason: str) -> None:
    judging.user_edit.clear()
    qtbot.keyClicks(judging.user_edit, user)
    qtbot.keyClicks(judging.password_edit, password)
    judging.reason_edit.clear()
    type_text(judging.reason_edit, reason)
    qtbot.mouseClick(judging.accept_button, Qt.MouseButton.LeftButton)


def shown_text(widget: QWidget) -> str:
    """Every text a person can read in the widget: labels and table cells."""
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    for table in widget.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                  if table.item(r, c) is not None]
    return "\n".join(texts)


def test_his_move_to_her_address_alerts_and_is_recorded_only_with_a_supervisor_s_judgment(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff, yamada: dict[str, str]) -> None:
    protect_her(registry, admin, yamada)
    window.open_person(yamada["山田　太郎"])
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("転居")  # 太郎 and 次郎, the whole household
    type_text(dialog.form.idou_date, "R8.11.27")
    fill_notifier(dialog)
    type_text(dialog.form.sections[-1].text, "さくら県みどり町西町１－２－３")
    before = registry.replication.last_seq()

    when_asked(dialog, lambda judging: judging.reject())
    forward(qtbot, dialog)  # 確認: held; the judgment is cancelled
    assert dialog.pages.currentIndex() == 0 and registry.replication.last_seq() == before
    assert dialog.hold_label.isVisible() and dialog.hold_label.text() == HOLD_MESSAGE
    assert "係長の判断" in dialog.hold_label.text() and "花子" not in shown_text(dialog)

    seen: list[str] = []

    def judge(judging: JudgmentDialog) -> None:
        seen.append(judging.accept_button.text())
        sign_in_as_judge(qtbot, judging, "admin", "admin-password", "本人の申出")  # the counter's own sign-in
        if judging.isVisible():
            return
        when_asked(dialog, lambda again: sign_in_as_judge(qtbot, again, "chief", "chief-pw", "実態調査で居住を確認"))

    when_asked(dialog, judge)
    forward(qtbot, dialog)  # 確認 again: the counter cannot judge their own 異動
    assert seen == ["判断して確認へ"] and dialog.pages.currentIndex() == 0
    assert dialog.message.text().startswith("判断者：") and dialog.judgment is None
    forward(qtbot, dialog)  # 確認 once more: 係長 一 judges
    assert dialog.pages.currentIndex() == 1 and dialog.judgment is not None
    assert "係長 一（係長）の判断により登録します" in shown_text(dialog.confirm_page)
    assert registry.replication.last_seq() == before

    forward(qtbot, dialog)  # 登録
    assert dialog.pages.currentIndex() == 2 and registry.replication.last_seq() > before
    result = shown_text(dialog.result_page)
    assert "係長 一（係長）の判断により登録しました" in result and "山田　太郎" in result and "花子" not in result
    assert registry.person(admin, yamada["山田　太郎"]).current.address.text == "さくら県みどり町西町１－２－３"
    assert window.person_view.record is not None
    assert window.person_view.record.current.address.text == "さくら県みどり町本町2丁目3番4号"  # no 照会 opened
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter closes
    qtbot.waitUntil(lambda: window.idou_dialog is None, timeout=2000)


def test_joining_her_household_from_the_window_shows_nothing_of_her(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff, yamada: dict[str, str]) -> None:
    her_setai = protect_her(registry, admin, yamada)
    taro, jiro = yamada["山田　太郎"], yamada["山田　次郎"]  # 太郎 moves alone to her address, with a judgment
    chief = registry.sign_in("chief", "chief-pw")
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.27", "notified_on": "R8.11.27", "notifier": NOTIFIER,
                           "targets": [taro], "relationships": {taro: "世帯主", jiro: "世帯主"},
                           "address": {"text": HER_ADDRESS}}, Judgment(chief, "実態調査"))
    window.open_person(taro)
    dialog = open_dialog(qtbot, window)
    dialog.form.set_reason("世帯合併")
    type_text(dialog.form.idou_date, "R8.11.27")
    fill_notifier(dialog)
    members = next(s for s in dialog.form.sections if isinstance(s, MembersSection))
    members.set_new_relationship(taro, "夫")
    into = next(s for s in dialog.form.sections if isinstance(s, TextSection))
    type_text(into.edit, her_setai)
    when_asked(dialog, lambda judging: sign_in_as_judge(qtbot, judging, "chief", "chief-pw", "調停で同居に合意"))
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    planned = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    assert cells(planned, 1) == ["山田　太郎"]
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 2
    assert "花子" not in shown_text(dialog) and "一郎" not in shown_text(dialog)
    assert taro in {p.atena_no for p in registry.person(chief, yamada["山田　花子"]).household}


def test_a_tennyu_with_a_number_someone_holds_is_refused_at_its_field(qtbot: QtBot, window: MainWindow,
                                                                    registry: Registry) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.form.idou_date, "R8.11.20")
    fill_notifier(dialog)
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    for key, value in {"name": "鈴木　一郎", "name_kana": "スズキ　イチロウ", "birth": "S60.4.1", "sex": "男",
                       "honseki.place": "不明", "mynumber": "１２３４ ５６７８ ９０１８"}.items():
        persons.set_cell(0, key, value)
    dialog.form.sections[2].text.setText("さくら県みどり町西町8番地")
    dialog.form.sections[3].edit.setText("東京都千代田区千代田1番1号")
    before = registry.replication.last_seq()
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 0 and registry.replication.last_seq() == before
    assert dialog.message.text().startswith("個人番号：この個人番号は別の人") and dialog.focusWidget() is persons.table
    assert TARO_MYNUMBER not in dialog.message.text()
