"""A 外国人住民 moving in, entered in the 異動 window with the keyboard alone (法30条の45 items, as `apply` takes them):
the 住民種別 typed 外国人 opens the row's foreign items and closes its 本籍; a family is recorded with them, its 通称
with its 記載; a wrong 在留カード等の番号 is shown at its cell and nothing is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from domain.records import FOREIGN_CATEGORIES, ResidentKind
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock
from tests.ui.test_idou_keyboard import (
    address_of,
    at_cell,
    choose_reason,
    date_and_notifier,
    fill,
    focused,
    open_with_f6,
    persons_of,
    press,
    text_section,
    type_person,
    within,
)
from ui.common.styles import FIELD_ERROR_CELL
from ui.idou.dialog import IdouDialog
from ui.idou.sections import FOREIGN_KEYS, PERSON_KEYS, category_word, kind_word
from ui.shell.main_window import MainWindow

FATHER = {"name": "グエン　ヴァン　アン", "name_kana": "グエン　ヴァン　アン", "birth": "1990-05-01", "sex": "1",
          "kind": "2", "juminhyo_code": "新規", "foreign.alphabet_name": "NGUYEN VAN AN",
          "foreign.nationality": "ベトナム", "foreign.category": "1",
          "foreign.residence_status": "技術・人文知識・国際業務", "foreign.period": "5年",
          "foreign.period_expiry": "2031-03-31", "foreign.card_number": "ab12345678cd",
          "foreign.became_resident": "R8.11.20", "foreign.tsusho": "阮　安"}
MOTHER = {"name": "グエン　ティ　ラン", "name_kana": "グエン　ティ　ラン", "birth": "1992-08-15", "sex": "2",
          "relationship": "妻", "juminhyo_code": "新規", "foreign.alphabet_name": "NGUYEN THI LAN",
          "foreign.category": "中長期", "foreign.residence_status": "家族滞在", "foreign.period": "5年",
          "foreign.period_expiry": "2031-03-31", "foreign.card_number": "CD87654321EF",
          "foreign.became_resident": "R8.11.20"}


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def enter_family(qtbot: QtBot, dialog: IdouDialog, father: dict[str, str]) -> None:
    """A 国外転入等 of a couple from Viet Nam, typed from the 異動日 to the 転入前住所."""
    choose_reason(qtbot, dialog, "国外転入等")
    date_and_notifier(qtbot, dialog, "R8.11.20", "グエン　ヴァン　アン")
    type_person(qtbot, dialog, 0, father)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the wife: her 住民種別 and 国籍 are the family's
    type_person(qtbot, dialog, 1, MOTHER)
    fill(qtbot, within(address_of(dialog)), "住所", "さくら県みどり町西町8番地")
    fill(qtbot, within(text_section(dialog)), "転入前住所", "ベトナム")


def test_kind_and_category_are_read_as_staff_type_them() -> None:
    assert [kind_word(w) for w in ("2", "外", "外国", "１", "日本人")] == ["外国人", "外国人", "外国人", "日本人", "日本人"]
    assert [category_word(w) for w in ("1", "２", "特別", "仮滞在", "国籍")] == [
        "中長期在留者", "特別永住者", "特別永住者", "仮滞在許可者", "国籍喪失による経過滞在者"]
    assert category_word("経過滞在") == "経過滞在"  # two 区分 have it: left as typed for the registry to refuse
    assert category_word("6") == FOREIGN_CATEGORIES[5]


def test_the_foreign_columns_go_with_the_last_foreign_row(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_with_f6(qtbot, window)
    type_person(qtbot, dialog, 0, {"name": "鈴木　一郎"})
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_person(qtbot, dialog, 1, {"name": "グエン　ティ　ラン", "kind": "外"})
    press(qtbot, Qt.Key.Key_Tab)  # kept as the cell is left
    persons = persons_of(dialog)
    card = PERSON_KEYS.index("foreign.card_number")
    assert persons.cell(1, "kind") == "外国人" and not persons.table.isColumnHidden(card)
    assert persons.table.item(0, card).flags() & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)  # 日本人 row
    press(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # the cursor is on her row
    assert persons.table.rowCount() == 1 and persons.table.isColumnHidden(card)


def test_a_foreign_family_moving_in_is_entered_by_keyboard_and_recorded(qtbot: QtBot, window: MainWindow,
                                                                        registry: Registry, admin: Staff) -> None:
    dialog = open_with_f6(qtbot, window)
    hidden = persons_of(dialog).table.isColumnHidden
    assert all(hidden(PERSON_KEYS.index(k)) for k in FOREIGN_KEYS)  # until a row is a 外国人住民
    enter_family(qtbot, dialog, FATHER)
    persons = persons_of(dialog)
    table = persons.table
    assert not any(table.isColumnHidden(PERSON_KEYS.index(k)) for k in FOREIGN_KEYS)
    assert persons.cell(1, "kind") == "外国人" and persons.cell(1, "foreign.nationality") == "ベトナム"
    place = table.item(0, PERSON_KEYS.index("honseki.place"))
    assert not place.flags() & Qt.ItemFlag.ItemIsEditable  # no 本籍 for a 外国人住民: Tab passes it by

    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 2, dialog.message.text()
    assert dialog.result is not None
    rows = {c.row.name: c.row for c in dialog.result.rows}
    father, mother = rows["グエン　ヴァン　アン"], rows["グエン　ティ　ラン"]
    assert father.kind is ResidentKind.FOREIGN and father.honseki is None and father.foreign is not None
    items = father.foreign
    assert (items.alphabet_name, items.nationality, items.category, items.residence_status, items.period) == (
        "NGUYEN VAN AN", "ベトナム", "中長期在留者", "技術・人文知識・国際業務", "5年")
    assert items.card_number == "AB12345678CD" and items.period_expiry is not None
    assert items.period_expiry.iso == "2031-03-31" and items.became_resident.iso == "2026-11-20"
    assert items.tsusho == "阮　安" and [(e.tsusho, e.recorded_on.iso) for e in items.tsusho_history] == [
        ("阮　安", "2026-11-20")]
    assert mother.foreign is not None and mother.foreign.category == "中長期在留者"
    assert mother.foreign.nationality == "ベトナム" and mother.relationship == "妻"
    recorded = registry.person(admin, father.atena_no).current
    assert recorded.foreign == items


@pytest.mark.parametrize(("key", "value", "item"), [
    ("foreign.became_resident", "", "外国人住民となった年月日"),
    ("foreign.category", "経過滞在", "法第30条の45に規定する区分"),  # two 区分 have it
    ("foreign.period_expiry", "", "在留期間の満了の日"),
    ("foreign.alphabet_name", "", "氏名（アルファベット）"),
])
def test_each_foreign_item_the_registry_refuses_is_shown_at_its_cell(qtbot: QtBot, window: MainWindow, key: str,
                                                                    value: str, item: str) -> None:
    dialog = open_with_f6(qtbot, window)
    father = {k: value if k == key else v for k, v in FATHER.items() if k != key or value}  # in the order of Tab
    enter_family(qtbot, dialog, father)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 0
    assert dialog.message.text().startswith(f"{item}："), dialog.message.text()
    assert (0, PERSON_KEYS.index(key)) in dialog.field_error.cells


def test_a_wrong_residence_card_number_is_shown_at_its_cell_and_nothing_is_recorded(
        qtbot: QtBot, window: MainWindow, registry: Registry) -> None:
    dialog = open_with_f6(qtbot, window)
    enter_family(qtbot, dialog, FATHER | {"foreign.card_number": "AB1234"})
    before = registry.replication.last_seq()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 0
    assert dialog.message.text().startswith("在留カード等の番号："), dialog.message.text()
    table = persons_of(dialog).table
    column = PERSON_KEYS.index("foreign.card_number")
    assert dialog.field_error.widget is table and dialog.field_error.cells == [(0, column), (1, column)]
    assert table.item(0, column).background().color() == QColor(FIELD_ERROR_CELL)
    assert at_cell(table, 0, column)(focused())
    assert registry.replication.last_seq() == before and dialog.result is None
