"""The 法30条の45 items of each 区分 in the window, by the keyboard alone: the 転入 form's one cell for the 上陸期間 of a
一時庇護許可者 and the 仮滞在期間 of a 仮滞在許可者 (refused at that cell for another 区分) and its 氏名の優先区分; the
職権修正 of a foreign resident's items (a new 在留期間 and 在留カード), errors at the field; 照会 showing them; a child
born to a foreign parent starting as 外国人 of the parent's 国籍, 出生による経過滞在者."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from domain.records import NAME_ALPHABET, ResidentKind
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, person, tennyu
from tests.ui.test_idou_foreign import enter_family
from tests.ui.test_idou_keyboard import (
    choose_reason,
    confirm_and_record,
    fill,
    open_with_f6,
    persons_of,
    press,
    section,
    tab_to,
    typed,
    within,
)
from ui.idou.dialog import IdouDialog
from ui.idou.sections import PERMIT_PERIOD, PERSON_KEYS, CorrectionSection
from ui.shell.main_window import MainWindow

REFUGEE = {"name": "アフマド　カリム", "name_kana": "アフマド　カリム", "birth": "1988-02-03", "sex": "1", "kind": "2",
           "juminhyo_code": "新規", "foreign.alphabet_name": "AHMAD KARIM", "foreign.nationality": "アフガニスタン",
           "foreign.category": "3", "foreign.permit_period": "6月", "foreign.became_resident": "R8.11.20",
           "foreign.name_priority": "2"}
LI: dict[str, Any] = person("李　明", "リ　メイ", "1985-04-01", "男", "世帯主", kind="外国人", honseki=None,
                            juminhyo_code="12345678901",
                            foreign={"alphabet_name": "LI MING", "nationality": "中国", "category": "中長期在留者",
                                     "residence_status": "留学", "period": "1年", "period_expiry": "2027-03-31",
                                     "became_resident": "2026-11-18", "card_number": "AB12345678CD"})


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize(("category", "kept"), [("3", "landing_period"), ("4", "provisional_period")])
def test_the_permit_period_cell_follows_the_category(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                     admin: Staff, category: str, kept: str) -> None:
    """法30条の45: a 一時庇護許可者 (区分 3) is recorded with its 上陸期間, a 仮滞在許可者 (区分 4) with its 仮滞在期間,
    from the same cell; 「2」 in the 氏名の優先区分 puts the アルファベット name first."""
    dialog = open_with_f6(qtbot, window)
    enter_family(qtbot, dialog, REFUGEE | {"foreign.category": category})
    confirm_and_record(qtbot, dialog)
    assert dialog.result is not None
    items = registry.person(admin, dialog.result.rows[0].row.atena_no).current.foreign
    assert items is not None and getattr(items, kept) == "6月"
    assert items.name_priority == NAME_ALPHABET
    assert (items.landing_period, items.provisional_period).count("") == 1


def test_a_permit_period_of_another_category_is_refused_at_its_cell(qtbot: QtBot, window: MainWindow,
                                                                     registry: Registry) -> None:
    """法30条の45: a 中長期在留者 (区分 1) has no 上陸期間: the message names it and the cell is marked."""
    dialog = open_with_f6(qtbot, window)
    father = {**REFUGEE, "foreign.category": "1", "foreign.residence_status": "留学", "foreign.period": "1年",
              "foreign.period_expiry": "2027-11-19", "foreign.card_number": "AB12345678CD"}
    enter_family(qtbot, dialog, {key: father[key] for key in PERSON_KEYS if key in father})  # in the order of Tab
    before = registry.replication.last_seq()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 0
    assert dialog.message.text().startswith("上陸期間：中長期在留者に上陸期間は記載しません"), dialog.message.text()
    assert (0, PERSON_KEYS.index(PERMIT_PERIOD)) in dialog.field_error.cells
    assert registry.replication.last_seq() == before


def correction_of(qtbot: QtBot, window: MainWindow, atena: str) -> tuple[IdouDialog, CorrectionSection]:
    window.open_person(atena)
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "職権修正")
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.27")
    found = section(dialog, CorrectionSection)
    assert isinstance(found, CorrectionSection) and found.foreign is not None
    return dialog, found


def retype(qtbot: QtBot, edit: QLineEdit, what: str, text: str) -> None:
    """Tab to the field, select what it holds (Ctrl+A) and type over it (Delete to empty it)."""
    tab_to(qtbot, within(edit), what, limit=60)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        typed(qtbot, text)
    else:
        press(qtbot, Qt.Key.Key_Delete)


def test_a_foreign_resident_s_items_are_corrected_by_keyboard(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                              admin: Staff) -> None:
    """職権修正 after the 在留期間更新許可 (a new 在留期間, its 満了の日 and a new 在留カード): the rest is kept."""
    atena = registry.apply(admin, tennyu(LI)).idou.rows[0].row.atena_no
    dialog, correction = correction_of(qtbot, window, atena)
    assert correction.foreign is not None
    edits = correction.foreign.edits
    retype(qtbot, edits["period"], "在留期間", "2年")
    retype(qtbot, edits["period_expiry"], "在留期間の満了の日", "2029-03-31")
    retype(qtbot, edits["card_number"], "在留カード等の番号", "cd87654321ef")
    confirm_and_record(qtbot, dialog)
    items = registry.person(admin, atena).current.foreign
    assert items is not None and items.period_expiry is not None
    assert (items.period, items.period_expiry.iso, items.card_number) == ("2年", "2029-03-31", "CD87654321EF")
    assert (items.category, items.residence_status, items.became_resident.iso) == ("中長期在留者", "留学", "2026-11-18")


def test_a_correction_that_breaks_the_category_is_shown_at_the_field(qtbot: QtBot, window: MainWindow,
                                                                       registry: Registry, admin: Staff) -> None:
    """法30条の45: emptying the 在留カードの番号 of a 中長期在留者 is refused, named, at its field; nothing recorded."""
    atena = registry.apply(admin, tennyu(LI)).idou.rows[0].row.atena_no
    dialog, correction = correction_of(qtbot, window, atena)
    assert correction.foreign is not None
    card = correction.foreign.edits["card_number"]
    retype(qtbot, card, "在留カード等の番号", "")
    before = registry.replication.last_seq()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 0
    assert dialog.message.text().startswith("在留カード等の番号：中長期在留者は在留カード等の番号を記載します"), (
        dialog.message.text())
    assert dialog.field_error.widget is card
    assert registry.replication.last_seq() == before


def test_the_search_pane_shows_the_landing_period_and_the_name_priority(window: MainWindow, registry: Registry,
                                                                        admin: Staff) -> None:
    refugee = person("アフマド　カリム", "アフマド　カリム", "1988-02-03", "男", "世帯主", kind="外国人", honseki=None,
                     juminhyo_code="12345678901",
                     foreign={"alphabet_name": "AHMAD KARIM", "nationality": "アフガニスタン", "category": "一時庇護許可者",
                              "landing_period": "6月", "became_resident": "2026-11-18",
                              "name_priority": NAME_ALPHABET})
    atena = registry.apply(admin, tennyu(refugee)).idou.rows[0].row.atena_no
    window.open_person(atena)
    view = window.person_view
    assert (view.value("上陸期間"), view.value("氏名の優先区分")) == ("6月", NAME_ALPHABET)
    assert view.is_item_shown("上陸期間") and not view.is_item_shown("仮滞在期間")
    assert not view.is_item_shown("在留カード等の番号")


def test_a_child_born_to_a_foreign_parent_starts_as_a_foreign_resident(qtbot: QtBot, window: MainWindow,
                                                                        registry: Registry, admin: Staff) -> None:
    """出生 opened from a foreign parent: the child's 住民種別 is 外国人, of the parent's 国籍, 出生による経過滞在者
    (法30条の45); staff type the name and the rest and it is recorded so."""
    atena = registry.apply(admin, tennyu(LI)).idou.rows[0].row.atena_no
    window.open_person(atena)
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "出生")
    persons = persons_of(dialog)
    assert (persons.cell(0, "kind"), persons.cell(0, "foreign.nationality"), persons.cell(0, "foreign.category")) == (
        "外国人", "中国", "出生による経過滞在者")
    assert not persons.table.isColumnHidden(PERSON_KEYS.index("foreign.alphabet_name"))
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.25")
    persons.set_cell(0, "name", "李　小明")
    persons.set_cell(0, "name_kana", "リ　ショウメイ")
    persons.set_cell(0, "sex", "男")
    persons.set_cell(0, "foreign.alphabet_name", "LI XIAOMING")
    persons.set_cell(0, "foreign.became_resident", "R8.11.25")
    confirm_and_record(qtbot, dialog)
    assert dialog.result is not None
    child = dialog.result.rows[0].row
    assert child.kind is ResidentKind.FOREIGN and child.foreign is not None
    assert (child.foreign.nationality, child.foreign.category) == ("中国", "出生による経過滞在者")
