"""The 異動 entry at the counter with the keyboard alone, offscreen on a real replica: every 異動事由 from F6 to 登録 by
Tab, typing, arrow keys, Ctrl+Enter and Enter; Tab goes through a table once; Ctrl+N adds a person; a refusal is
scrolled into view, marked at its cell and gone once its field changes; a late 届出 is said at entry; what the
confirmation shows of a 転入, and how tall its rows are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QScrollArea, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from domain.check_digits import mynumber_check_digit
from domain.errors import ValidationError
from domain.juminhyo_pool import parse_codes
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import NOTIFIER, Clock, family, person, tennyu
from tests.support.qt import type_text
from ui.common.field_errors import error_text
from ui.common.styles import FIELD_ERROR_CELL
from ui.idou.dialog import OFFERED, IdouDialog
from ui.idou.sections import (
    COL_NEW_RELATIONSHIP,
    PERSON_KEYS,
    AddressSection,
    CorrectionSection,
    DeathMembers,
    MembersSection,
    NaturalizedSection,
    NotifierSection,
    PersonItemsSection,
    PersonsSection,
    SuccessorMembers,
    TextSection,
    sex_word,
)
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


# --- the keyboard ---------------------------------------------------------------------------------------------------

def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def typed(qtbot: QtBot, text: str) -> None:
    """Typed where the focus is: ASCII as key clicks, Japanese as an input method commits it."""
    if text.isascii():
        for character in text:  # each key to where the focus is then (the first may open a cell's editor)
            qtbot.keyClicks(focused(), character)
    else:
        type_text(focused(), text)


def within(widget: QWidget) -> Callable[[QWidget], bool]:
    return lambda w: w is widget or widget.isAncestorOf(w)


def at_cell(table: QTableWidget, row: int, column: int) -> Callable[[QWidget], bool]:
    return lambda w: within(table)(w) and (table.currentRow(), table.currentColumn()) == (row, column)


def tab_to(qtbot: QtBot, reached: Callable[[QWidget], bool], what: str, limit: int = 30) -> int:
    """Press Tab until the focus is where `reached` says; the number of presses."""
    for presses in range(limit):
        if reached(focused()):
            return presses
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"{limit} Tabs never reached {what}; the focus is on {focused()!r}")


def fill(qtbot: QtBot, reached: Callable[[QWidget], bool], what: str, text: str) -> None:
    tab_to(qtbot, reached, what)
    typed(qtbot, text)


def open_with_f6(qtbot: QtBot, window: MainWindow) -> IdouDialog:
    qtbot.keyClick(window.search_field, Qt.Key.Key_F6)
    dialog = window.idou_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


def choose_reason(qtbot: QtBot, dialog: IdouDialog, reason: str) -> None:
    """From the 異動日, where the entry opens: Shift+Tab to the 異動事由, arrow keys to the reason."""
    press(qtbot, Qt.Key.Key_Backtab)
    combo = dialog.form.reason
    assert focused() is combo
    step = Qt.Key.Key_Down if OFFERED.index(reason) > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(len(OFFERED)):
        if combo.currentText() == reason:
            return
        press(qtbot, step)
    assert combo.currentText() == reason


def section(dialog: IdouDialog, kind: type) -> QWidget:
    return next(s for s in dialog.form.sections if isinstance(s, kind))


def persons_of(dialog: IdouDialog) -> PersonsSection:
    found = section(dialog, PersonsSection)
    assert isinstance(found, PersonsSection)
    return found


def person_cell(dialog: IdouDialog, row: int, key: str) -> Callable[[QWidget], bool]:
    return at_cell(persons_of(dialog).table, row, PERSON_KEYS.index(key))


def type_person(qtbot: QtBot, dialog: IdouDialog, row: int, values: dict[str, str]) -> None:
    for key, value in values.items():
        fill(qtbot, person_cell(dialog, row, key), key, value)


def notifier_name(dialog: IdouDialog) -> Callable[[QWidget], bool]:
    notifier = section(dialog, NotifierSection)
    assert isinstance(notifier, NotifierSection)
    return within(notifier.name)


def date_and_notifier(qtbot: QtBot, dialog: IdouDialog, date: str, name: str = "山田　太郎") -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", date)
    fill(qtbot, notifier_name(dialog), "届出人の氏名", name)


def new_relationship(dialog: IdouDialog, row: int) -> Callable[[QWidget], bool]:
    members = section(dialog, MembersSection)
    assert isinstance(members, MembersSection)
    return at_cell(members.table, row, COL_NEW_RELATIONSHIP)


def text_section(dialog: IdouDialog) -> QLineEdit:
    found = section(dialog, TextSection)
    assert isinstance(found, TextSection)
    return found.edit


def address_of(dialog: IdouDialog) -> QLineEdit:
    found = section(dialog, AddressSection)
    assert isinstance(found, AddressSection)
    return found.text


def correction(dialog: IdouDialog, key: str) -> Callable[[QWidget], bool]:
    found = section(dialog, CorrectionSection)
    assert isinstance(found, CorrectionSection)
    return within(found.edits[key])


def confirm_and_record(qtbot: QtBot, dialog: IdouDialog) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)  # Enter: 登録
    assert dialog.pages.currentIndex() == 2, dialog.message.text()


# --- every 異動事由, start to 登録 --------------------------------------------------------------------------------------

SUZUKI = {"name": "鈴木　一郎", "name_kana": "スズキ　イチロウ", "birth": "S60.4.1", "sex": "1",
          "honseki.place": "東京都千代田区千代田1番", "honseki.head": "鈴木　一郎"}


def enter_tennyu(previous: str, items: dict[str, str] | None = None) -> Callable[[QtBot, IdouDialog, dict[str, str]],
                                                                                 None]:
    def enter(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
        date_and_notifier(qtbot, dialog, "R8.11.26", "鈴木　一郎")
        type_person(qtbot, dialog, 0, SUZUKI | (items or {}))
        fill(qtbot, within(address_of(dialog)), "住所", "さくら県みどり町西町8番地")
        fill(qtbot, within(text_section(dialog)), "転入前住所", previous)
    return enter


def enter_tenkyo(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    date_and_notifier(qtbot, dialog, "R8.11.26")
    fill(qtbot, within(address_of(dialog)), "新しい住所", NEW_ADDRESS)


def enter_move_out(destination: str) -> Callable[[QtBot, IdouDialog, dict[str, str]], None]:
    def enter(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
        date_and_notifier(qtbot, dialog, "R8.11.26")
        fill(qtbot, within(text_section(dialog)), "転出先住所", destination)
    return enter


def enter_withdrawal(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    date_and_notifier(qtbot, dialog, "R8.11.27")


def enter_head_change(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    date_and_notifier(qtbot, dialog, "R8.11.26")
    fill(qtbot, new_relationship(dialog, 0), "太郎の新しい続柄", "夫")
    press(qtbot, Qt.Key.Key_Tab)  # the next 新しい続柄
    fill(qtbot, new_relationship(dialog, 1), "花子の新しい続柄", "世帯主")


def enter_separation(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    date_and_notifier(qtbot, dialog, "R8.11.26", "山田　次郎")
    members = section(dialog, MembersSection)
    assert isinstance(members, MembersSection)
    tab_to(qtbot, within(members.table), "分離する人")
    assert members.table.currentRow() == 3  # 次郎, in 照会
    press(qtbot, Qt.Key.Key_End)  # along his row to 新しい続柄
    fill(qtbot, new_relationship(dialog, 3), "次郎の新しい続柄", "世帯主")


def enter_merger(qtbot: QtBot, dialog: IdouDialog, people: dict[str, str]) -> None:
    date_and_notifier(qtbot, dialog, "R8.11.26", "鈴木　花子")
    fill(qtbot, new_relationship(dialog, 0), "合併先の世帯主から見た続柄", "同居人")
    fill(qtbot, within(text_section(dialog)), "合併先の世帯番号", people["setai"])


def enter_birth(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.21")
    type_person(qtbot, dialog, 0, {"name": "山田　三郎", "name_kana": "ヤマダ　サブロウ", "sex": "M"})


def enter_death(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.25")


def enter_correction(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.27")
    fill(qtbot, correction(dialog, "name"), "氏名", "山田　花代")


def enter_misentry(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.27")
    fill(qtbot, correction(dialog, "birth"), "生年月日", "S52.3.13")


def enter_cancel(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    assert not dialog.form.idou_date.isEnabled()  # the 異動日 of what it undoes
    tab_to(qtbot, within(dialog.form.sections[0]), "取り消す異動")


Check = Callable[[Registry, Staff, dict[str, str]], bool]


def enter_unnotified(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.26")
    fill(qtbot, within(dialog.form.note), "留意事項", "実態調査により居住を確認")
    type_person(qtbot, dialog, 0, SUZUKI | {"juminhyo_code": "34567890123"})
    fill(qtbot, within(address_of(dialog)), "住所", "さくら県みどり町西町8番地")
    fill(qtbot, within(text_section(dialog)), "転入前住所", "東京都千代田区千代田1番1号")


def enter_naturalized(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.26")
    found = section(dialog, NaturalizedSection)
    assert isinstance(found, NaturalizedSection)
    edits = found.edits
    for key, value in (("name", "李田　明"), ("name_kana", "リタ　アキラ"), ("honseki.place", "さくら県みどり町中町5番地"),
                       ("honseki.head", "李田　明")):
        fill(qtbot, within(edits[key]), key, value)


def enter_date(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.26")


def enter_request(name: str = "山田　太郎", **items: str) -> Callable[[QtBot, IdouDialog, dict[str, str]], None]:
    def enter(qtbot: QtBot, dialog: IdouDialog, _people: dict[str, str]) -> None:
        date_and_notifier(qtbot, dialog, "R8.11.26", name)
        found = section(dialog, PersonItemsSection)
        assert isinstance(found, PersonItemsSection)
        edits = found.edits
        for key, value in items.items():
            fill(qtbot, within(edits[key]), key, value)
    return enter


def last_reason(atena_name: str, reason: str) -> Check:
    return lambda r, s, p: r.person(s, p[atena_name]).history[-1].reason == reason


# reason: (who is in 照会, how it is typed, what the registry then holds)
FLOWS: dict[str, tuple[str | None, Callable[[QtBot, IdouDialog, dict[str, str]], None], Check]] = {
    "国内転入": (None, enter_tennyu("東京都千代田区千代田1番1号"),
             lambda r, s, p: r.person(s, p["new"]).current.sex.value == "男"),
    "国外転入等": (None, enter_tennyu("アメリカ合衆国", {"juminhyo_code": "新規"}),
              lambda r, s, p: r.person(s, p["new"]).current.previous_address == "アメリカ合衆国"),
    "転居": ("山田　太郎", enter_tenkyo,
           lambda r, s, p: r.person(s, p["山田　花子"]).current.address.text == NEW_ADDRESS),
    "国内転出": ("山田　太郎", enter_move_out("東京都港区芝公園4丁目2番8号"),
             lambda r, s, p: not r.person(s, p["山田　太郎"]).current.is_resident),
    "国外転出": ("山田　太郎", enter_move_out("アメリカ合衆国"),
             lambda r, s, p: not r.person(s, p["山田　一郎"]).current.is_resident),
    "転出取消": ("山田　太郎", enter_withdrawal, lambda r, s, p: r.person(s, p["山田　太郎"]).current.is_resident),
    "世帯主変更": ("山田　太郎", enter_head_change,
              lambda r, s, p: r.person(s, p["山田　花子"]).current.relationship == "世帯主"),
    "世帯分離": ("山田　次郎", enter_separation,
             lambda r, s, p: r.person(s, p["山田　次郎"]).current.setai_no
             != r.person(s, p["山田　太郎"]).current.setai_no),
    "世帯合併": ("鈴木　花子", enter_merger,
             lambda r, s, p: r.person(s, p["鈴木　花子"]).current.setai_no == p["setai"]),
    "出生": ("山田　太郎", enter_birth, lambda r, s, p: r.person(s, p["new"]).current.name == "山田　三郎"),
    "死亡": ("山田　次郎", enter_death, lambda r, s, p: not r.person(s, p["山田　次郎"]).current.is_resident),
    "職権修正": ("山田　花子", enter_correction, lambda r, s, p: r.person(s, p["山田　花子"]).current.name == "山田　花代"),
    "誤記修正": ("山田　花子", enter_misentry,
             lambda r, s, p: r.person(s, p["山田　花子"]).current.birth.iso == "1977-03-13"),
    "異動の取消し": ("山田　太郎", enter_cancel, lambda r, s, p: not r.person(s, p["山田　太郎"]).current.is_resident),
    "未届転入": (None, enter_unnotified,
             lambda r, s, p: r.person(s, p["new"]).current.previous_address.endswith("（未届）")),
    "職権記載（帰化等）": ("李　明", enter_naturalized, lambda r, s, p: r.person(s, p["李　明"]).current.foreign is None),
    "職権消除（国籍喪失等）": ("山田　次郎", enter_date,
                     lambda r, s, p: not r.person(s, p["山田　次郎"]).current.is_resident),
    "改製": ("山田　太郎", enter_date, last_reason("山田　太郎", "改製")),
    "再製": ("山田　太郎", enter_date, last_reason("山田　太郎", "再製")),
    "個人番号の変更請求": ("山田　太郎", enter_request(), lambda r, s, p: r.person(s, p["山田　太郎"]).current.mynumber == ""),
    "住民票コードの変更請求": ("山田　太郎", enter_request(),
                     lambda r, s, p: r.person(s, p["山田　太郎"]).current.juminhyo_code == "90000000009"),
    "旧氏の記載": ("山田　太郎", enter_request(former_surname="佐藤", former_surname_kana="サトウ"),
              lambda r, s, p: r.person(s, p["山田　太郎"]).current.former_surname == "佐藤"),
    "旧氏の削除": ("山田　太郎", enter_request(), last_reason("山田　太郎", "旧氏の削除")),
    "通称の記載": ("李　明", enter_request("李　明", tsusho="木村　明"), last_reason("李　明", "通称の記載")),
    "通称の削除": ("李　明", enter_request("李　明"), last_reason("李　明", "通称の削除")),
}
LI = {"name": "李　明", "name_kana": "リ　メイ", "birth": "1985-04-01", "sex": "男", "relationship": "世帯主",
      "kind": "外国人", "juminhyo_code": "12345678901",
      "foreign": {"alphabet_name": "LI MING", "nationality": "中国", "category": "特別永住者",
                  "became_resident": "1985-04-01", "card_number": "AB12345678CD"}}
REQUESTER = {"name": "山田　太郎", "relation": "本人", "identification": "個人番号カード"}


def prepare(registry: Registry, admin: Staff, reason: str, people: dict[str, str]) -> None:
    """What a flow needs before it: a foreign resident, a 旧氏, a 通称, a 住民票コード and one more in the pool."""
    if reason in ("職権記載（帰化等）", "通称の記載", "通称の削除"):
        li = registry.apply(admin, tennyu(LI, address="さくら県みどり町中町5番地"))
        people["李　明"] = li.idou.rows[0].row.atena_no
    if reason == "通称の削除":
        registry.apply(admin, {"reason": "通称の記載", "idou_date": "R8.11.24", "notifier": REQUESTER,
                               "targets": [people["李　明"]], "tsusho": "木村　明"})
    if reason == "旧氏の削除":
        registry.apply(admin, {"reason": "旧氏の記載", "idou_date": "R8.11.24", "notifier": REQUESTER,
                               "targets": [people["山田　太郎"]], "former_surname": "佐藤"})
    if reason == "住民票コードの変更請求":
        registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.24",
                               "set": {people["山田　太郎"]: {"juminhyo_code": "34567890123"}}})
        registry.codes.import_codes(admin, parse_codes("90000000009\n"), share=1)


def test_every_reason_offered_has_its_keyboard_flow() -> None:
    assert set(FLOWS) == set(OFFERED)


@pytest.mark.parametrize("reason", OFFERED)
def test_every_reason_from_f6_to_its_record_with_the_keyboard_alone(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff, yamada: dict[str, str],
        reason: str) -> None:
    who, enter, recorded = FLOWS[reason]
    people = dict(yamada)
    people["setai"] = registry.person(admin, yamada["山田　太郎"]).current.setai_no
    if reason == "世帯合併":  # a household of one at the same address joins the 山田 household
        suzuki = registry.apply(admin, tennyu(person("鈴木　花子", "スズキ　ハナコ", "S40.2.2", "女", "世帯主")))
        people["鈴木　花子"] = suzuki.idou.rows[0].row.atena_no
    if reason == "転出取消":  # moving out on a day still to come
        registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.27",
                               "notifier": NOTIFIER, "targets": list(yamada.values()),
                               "destination": "東京都港区芝公園4丁目2番8号"})
    prepare(registry, admin, reason, people)
    if who is not None:
        window.open_person(people[who])
    dialog = open_with_f6(qtbot, window)
    assert focused() is dialog.form.idou_date
    choose_reason(qtbot, dialog, reason)
    enter(qtbot, dialog, people)
    before = registry.replication.last_seq()

    confirm_and_record(qtbot, dialog)
    assert dialog.result is not None and dialog.result.reason == reason
    assert registry.replication.last_seq() > before
    people["new"] = dialog.result.rows[0].row.atena_no
    assert recorded(registry, admin, people)


# --- Tab through the tables -----------------------------------------------------------------------------------------

def test_tab_leaves_the_members_table_and_reaches_the_new_address(qtbot: QtBot, window: MainWindow,
                                                                   yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_with_f6(qtbot, window)
    members = section(dialog, MembersSection)
    assert isinstance(members, MembersSection)
    tab_to(qtbot, within(members.table), "転居する人")
    assert tab_to(qtbot, within(address_of(dialog)), "新しい住所", limit=60) == 1


def test_space_and_arrows_choose_who_moves_and_tab_goes_on(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                           admin: Staff, yamada: dict[str, str]) -> None:
    """Only 花子 and 一郎 move: untick 太郎 and 次郎 with arrows and Space, make 花子 世帯主, Tab on."""
    window.open_person(yamada["山田　太郎"])
    dialog = open_with_f6(qtbot, window)
    date_and_notifier(qtbot, dialog, "R8.11.26", "山田　花子")
    members = section(dialog, MembersSection)
    assert isinstance(members, MembersSection)
    tab_to(qtbot, within(members.table), "転居する人")
    press(qtbot, Qt.Key.Key_Space)  # 太郎 stays
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # 次郎 stays
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_End)
    typed(qtbot, "世帯主")  # 花子 heads the new household
    press(qtbot, Qt.Key.Key_Tab)
    assert at_cell(members.table, 2, COL_NEW_RELATIONSHIP)(focused())  # 一郎 stays 子
    press(qtbot, Qt.Key.Key_Tab)
    assert at_cell(members.table, 3, COL_NEW_RELATIONSHIP)(focused())  # 次郎 stays 子 of 太郎
    press(qtbot, Qt.Key.Key_Tab)
    assert within(address_of(dialog))(focused())
    typed(qtbot, NEW_ADDRESS)
    confirm_and_record(qtbot, dialog)
    moved = registry.person(admin, yamada["山田　花子"]).current
    assert (moved.address.text, moved.relationship) == (NEW_ADDRESS, "世帯主")
    stayed = [registry.person(admin, yamada[name]).current for name in ("山田　太郎", "山田　次郎")]
    assert [(p.address.text, p.relationship) for p in stayed] == [("さくら県みどり町本町2丁目3番4号", "世帯主"),
                                                                  ("さくら県みどり町本町2丁目3番4号", "子")]


# --- the death of the 世帯主 (§4.0.4) ----------------------------------------------------------------------------------

def household_of(registry: Registry, admin: Staff, *members: dict[str, object]) -> dict[str, str]:
    """A household moving in (at its own address); 宛名番号 by name."""
    request = tennyu(*members, address="さくら県みどり町西町8番地")
    return {c.row.name: c.row.atena_no for c in registry.apply(admin, request).idou.rows}


def successor_of(dialog: IdouDialog) -> SuccessorMembers:
    dead = section(dialog, DeathMembers)
    assert isinstance(dead, DeathMembers)
    return dead.successor


def test_the_head_dies_and_the_staff_name_the_new_head_and_the_child_s_relationship(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff) -> None:
    sato = household_of(registry, admin, person("佐藤　健", "サトウ　ケン", "S45.1.1", "男", "世帯主"),
                        person("佐藤　恵", "サトウ　メグミ", "S47.2.2", "女", "妻"),
                        person("佐藤　翔", "サトウ　ショウ", "H15.3.3", "男", "子"))
    window.open_person(sato["佐藤　健"])
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "死亡")
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.25")
    dead = section(dialog, DeathMembers)
    assert isinstance(dead, DeathMembers)
    successor = successor_of(dialog)
    assert successor.isVisible()
    shown = [successor.table.item(row, 1).text() for row in range(successor.table.rowCount())
             if not successor.table.isRowHidden(row)]
    assert shown == ["佐藤　恵", "佐藤　翔"]  # the members who remain, their new 続柄 to be typed
    tab_to(qtbot, within(dead.table), "死亡した人")
    assert tab_to(qtbot, at_cell(successor.table, 1, COL_NEW_RELATIONSHIP), "恵の新しい続柄") == 1
    typed(qtbot, "世帯主")
    press(qtbot, Qt.Key.Key_Tab)
    assert at_cell(successor.table, 2, COL_NEW_RELATIONSHIP)(focused())
    typed(qtbot, "子")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    assert dialog.confirm_page.findChild(QLabel, "newHead").text() == "佐藤　恵"
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 2, dialog.message.text()

    assert registry.person(admin, sato["佐藤　健"]).current.removal is not None
    remaining = [registry.person(admin, sato[name]).current for name in ("佐藤　恵", "佐藤　翔")]
    assert [p.relationship for p in remaining] == ["世帯主", "子"]
    setai = registry.person(admin, sato["佐藤　恵"]).current.setai_no
    assert [m.name for m in registry.person(admin, sato["佐藤　恵"]).household
            if m.is_resident and m.is_head and m.setai_no == setai] == ["佐藤　恵"]


def test_the_sole_remaining_member_is_the_new_head_without_typing(qtbot: QtBot, window: MainWindow,
                                                                  registry: Registry, admin: Staff) -> None:
    sato = household_of(registry, admin, person("佐藤　健", "サトウ　ケン", "S45.1.1", "男", "世帯主"),
                        person("佐藤　恵", "サトウ　メグミ", "S47.2.2", "女", "妻"))
    window.open_person(sato["佐藤　健"])
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "死亡")
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.25")
    successor = successor_of(dialog)
    assert successor.isVisible()
    assert successor.table.item(1, COL_NEW_RELATIONSHIP).text() == "世帯主"  # by 職権
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    assert dialog.confirm_page.findChild(QLabel, "newHead").text() == "佐藤　恵"
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 2, dialog.message.text()
    assert registry.person(admin, sato["佐藤　恵"]).current.relationship == "世帯主"
    assert registry.person(admin, sato["佐藤　健"]).current.removal is not None


def test_the_remaining_members_are_asked_only_when_the_head_is_among_the_dead(
        qtbot: QtBot, window: MainWindow, yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　次郎"])
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "死亡")
    dead = section(dialog, DeathMembers)
    assert isinstance(dead, DeathMembers)
    successor = successor_of(dialog)
    assert not successor.isVisible()  # a child's death changes nobody's 続柄
    tab_to(qtbot, within(dead.table), "死亡した人")
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Up)  # to 太郎, the 世帯主
    press(qtbot, Qt.Key.Key_Space)
    assert successor.isVisible()
    assert [successor.table.isRowHidden(row) for row in range(4)] == [True, False, False, True]
    press(qtbot, Qt.Key.Key_Space)
    assert not successor.isVisible()
    assert "relationships" not in dialog.form.request()


def test_tab_leaves_the_persons_table_after_its_last_cell(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    persons = persons_of(dialog)
    tab_to(qtbot, within(persons.table), "転入する人")
    typed(qtbot, "鈴木　一郎")  # typing edits the cell; Tab then goes cell by cell
    assert persons.table.state() == QTableWidget.State.EditingState
    shown = [c for c in range(persons.table.columnCount()) if not persons.table.isColumnHidden(c)]
    for column in shown[1:]:
        press(qtbot, Qt.Key.Key_Tab)
        assert at_cell(persons.table, 0, column)(focused())
    press(qtbot, Qt.Key.Key_Tab)
    assert within(address_of(dialog))(focused())  # out of the table after its last cell
    assert persons.cell(0, "name") == "鈴木　一郎"
    press(qtbot, Qt.Key.Key_Backtab)  # back into the table, and Tab out again at once
    assert within(persons.table)(focused())
    assert tab_to(qtbot, within(address_of(dialog)), "住所", limit=60) == 1


def test_ctrl_n_adds_a_person_whose_relationship_is_left_to_type(qtbot: QtBot, window: MainWindow,
                                                                 registry: Registry, admin: Staff) -> None:
    dialog = open_with_f6(qtbot, window)
    date_and_notifier(qtbot, dialog, "R8.11.26", "鈴木　一郎")
    type_person(qtbot, dialog, 0, SUZUKI)
    fill(qtbot, within(address_of(dialog)), "住所", "さくら県みどり町西町8番地")
    persons = persons_of(dialog)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # from the 住所
    assert persons.table.rowCount() == 2 and person_cell(dialog, 1, "name")(focused())
    assert (persons.cell(0, "relationship"), persons.cell(1, "relationship")) == ("世帯主", "")
    assert persons.cell(1, "honseki.place") == SUZUKI["honseki.place"]
    type_person(qtbot, dialog, 1, {"name": "鈴木　花子", "name_kana": "すずき　はなこ", "birth": "S62.6.6",
                                   "sex": "F", "relationship": "妻"})
    fill(qtbot, within(text_section(dialog)), "転入前住所", "東京都千代田区千代田1番1号")
    confirm_and_record(qtbot, dialog)
    assert dialog.result is not None
    recorded = [(c.row.name, c.row.relationship, c.row.sex.value) for c in dialog.result.rows]
    assert recorded == [("鈴木　一郎", "世帯主", "男"), ("鈴木　花子", "妻", "女")]


@pytest.mark.parametrize(("typed_text", "sex"), [
    ("1", "男"), ("2", "女"), ("M", "男"), ("f", "女"), ("男", "男"), ("女", "女"), ("男性", "男"), ("女性", "女"),
    ("おとこ", "男"), ("おんな", "女"), ("１", "男"), ("Ｆ", "女"), ("ｵﾝﾅ", "女"),
])
def test_the_sex_is_read_as_staff_type_it(typed_text: str, sex: str) -> None:
    assert sex_word(typed_text) == sex


def test_the_sex_typed_in_a_cell_is_written_as_the_registry_has_it(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    persons = persons_of(dialog)
    tab_to(qtbot, within(persons.table), "転入する人")
    persons.table.setCurrentCell(0, PERSON_KEYS.index("sex"))
    typed(qtbot, "おんな")
    press(qtbot, Qt.Key.Key_Tab)
    assert persons.cell(0, "sex") == "女"
    assert sex_word("どちらでも") == "どちらでも"  # anything else is left for the registry to refuse


# --- Ctrl+Enter, errors ---------------------------------------------------------------------------------------------

def fill_tennyu_but(dialog: IdouDialog, *, keep_empty: str = "", mynumber: str = "",
                    date: str = "R8.11.26") -> PersonsSection:
    """A 転入 filled in without the keyboard (what this test is not about), but for one item ("" date: as typed)."""
    if date:
        dialog.form.idou_date.setText(date)
    notifier = section(dialog, NotifierSection)
    assert isinstance(notifier, NotifierSection)
    notifier.name.setText("鈴木　一郎")
    persons = persons_of(dialog)
    for key, value in {**SUZUKI, "sex": "男", "mynumber": mynumber}.items():
        if key != keep_empty:
            persons.set_cell(0, key, value)
    if keep_empty != "住所":
        address_of(dialog).setText("さくら県みどり町西町8番地")
    if keep_empty != "転入前住所":
        text_section(dialog).setText("東京都千代田区千代田1番1号")
    return persons


def test_ctrl_enter_while_a_cell_is_edited_confirms_with_its_text(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    persons = fill_tennyu_but(dialog, keep_empty="honseki.head")
    tab_to(qtbot, within(persons.table), "転入する人")
    persons.table.setCurrentCell(0, PERSON_KEYS.index("honseki.head"))
    typed(qtbot, "鈴木　太郎")
    assert persons.table.state() == QTableWidget.State.EditingState
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the first press confirms
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    assert dialog.planned is not None and dialog.planned.rows[0].row.honseki is not None
    assert dialog.planned.rows[0].row.honseki.head == "鈴木　太郎"
    press(qtbot, Qt.Key.Key_Escape)  # back to the form, where the focus was
    assert dialog.pages.currentIndex() == 0 and within(persons.table)(focused())


def test_an_error_is_scrolled_into_view_and_goes_once_its_field_changes(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    fill_tennyu_but(dialog, keep_empty="転入前住所")
    previous = text_section(dialog)
    scroll = dialog.form.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    scroll.verticalScrollBar().setValue(0)
    qtbot.wait(20)
    assert previous.visibleRegion().isEmpty()  # below the fold at 1280×720
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.isVisible() and dialog.message.text().startswith("転入前住所：")
    assert focused() is previous and not previous.visibleRegion().isEmpty()
    assert "b00020" in previous.styleSheet()

    address = address_of(dialog)
    type_text(address, "　")  # another field: the error stays
    assert dialog.message.isVisible()
    typed(qtbot, "東京都千代田区千代田1番1号")  # its field: the error goes
    assert not dialog.message.isVisible() and previous.styleSheet() == ""


def test_a_table_error_marks_its_cell_and_goes_when_the_cell_is_typed_again(qtbot: QtBot,
                                                                              window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    persons = fill_tennyu_but(dialog, mynumber="123456789012")  # a wrong check digit
    column = PERSON_KEYS.index("mynumber")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text().startswith("個人番号：")
    assert persons.table.styleSheet() == ""  # not the whole table
    assert persons.table.item(0, column).background().color() == QColor(FIELD_ERROR_CELL)
    assert persons.table.item(0, 0).background().style() == Qt.BrushStyle.NoBrush
    assert at_cell(persons.table, 0, column)(focused())

    first11 = "98765432109"
    typed(qtbot, first11 + str(mynumber_check_digit(first11)))  # typing on the marked cell edits it
    assert dialog.message.isVisible()  # not yet kept
    press(qtbot, Qt.Key.Key_Tab)
    assert not dialog.message.isVisible()
    assert persons.table.item(0, column).background().style() == Qt.BrushStyle.NoBrush
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()


def test_the_window_writes_an_item_and_its_message_one_way() -> None:
    assert error_text(ValidationError("交付請求", "請求者を入力してください")) == "交付請求：請求者を入力してください"


# --- what fits, what is late, what the confirmation shows -----------------------------------------------------------

def test_f6_opens_on_the_reason_that_fits_the_person_in_shokai(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                              admin: Staff, yamada: dict[str, str]) -> None:
    dialog = open_with_f6(qtbot, window)
    assert dialog.form.current_reason() == "国内転入"  # nobody in 照会
    dialog.reject()
    qtbot.waitUntil(lambda: window.idou_dialog is None, timeout=2000)

    window.open_person(yamada["山田　太郎"])
    dialog = open_with_f6(qtbot, window)
    assert dialog.form.current_reason() == "転居"  # a resident
    dialog.reject()
    qtbot.waitUntil(lambda: window.idou_dialog is None, timeout=2000)

    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.27",
                           "notifier": NOTIFIER, "targets": list(yamada.values()),
                           "destination": "東京都港区芝公園4丁目2番8号"})
    window.open_person(yamada["山田　太郎"])
    dialog = open_with_f6(qtbot, window)
    assert dialog.form.current_reason() == "転出取消"  # moving out on a day still to come


def test_a_late_notification_is_said_at_entry_and_still_recorded(qtbot: QtBot, window: MainWindow,
                                                                  registry: Registry) -> None:
    dialog = open_with_f6(qtbot, window)  # a 転入
    notifier = section(dialog, NotifierSection)
    assert isinstance(notifier, NotifierSection)
    typed(qtbot, "R8.11.1")  # 届出日 R8.11.27: 26 days, 12 past the 14
    assert notifier.late.isVisible() and notifier.late.text() == "届出期間（14日）を過ぎています（12日経過）"
    dialog.form.idou_date.clear()
    typed(qtbot, "R8.11.13")  # the 14th day: in time
    assert not notifier.late.isVisible()
    dialog.form.idou_date.clear()
    typed(qtbot, "R8.10.27")  # 31 days, 17 past
    assert notifier.late.isVisible() and notifier.late.text() == "届出期間（14日）を過ぎています（17日経過）"
    fill_tennyu_but(dialog, date="")
    confirm_and_record(qtbot, dialog)  # a warning, not a refusal
    late = registry.daily.report(window.staff, registry.today()).late
    assert [line.days_late for line in late] == [17]


def shown_text(widget: QWidget) -> str:
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    for table in widget.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                  if table.item(r, c) is not None]
    return "\n".join(texts)


def test_the_confirmation_of_a_tennyu_shows_what_it_records(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    fill_tennyu_but(dialog)
    section(dialog, AddressSection).katagaki.setText("みどりハイツ101号室")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    shown = shown_text(dialog.confirm_page)
    for text in ("みどりハイツ101号室", "フリガナ スズキ イチロウ", "本籍 東京都千代田区千代田1番", "筆頭者 鈴木　一郎",
                 "転入前住所 東京都千代田区千代田1番1号"):
        assert text in shown


def test_the_rows_of_the_confirmation_are_as_tall_as_their_text(qtbot: QtBot, window: MainWindow,
                                                                 yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　太郎"])
    dialog = open_with_f6(qtbot, window)
    dialog.form.set_reason("転居")
    dialog.form.idou_date.setText("R8.11.26")
    notifier = section(dialog, NotifierSection)
    assert isinstance(notifier, NotifierSection)
    notifier.name.setText("山田　太郎")
    address_of(dialog).setText(NEW_ADDRESS)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    planned = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    qtbot.wait(50)
    assert planned.rowCount() == 4
    least = planned.verticalHeader().minimumSectionSize()
    for row in range(planned.rowCount()):  # no taller than its text at the widths it is shown
        assert planned.rowHeight(row) <= max(planned.sizeHintForRow(row), least) + 1
