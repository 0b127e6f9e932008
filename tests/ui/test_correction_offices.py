"""The 法7条9号〜11号の2 items (選挙人名簿, 国保, 後期高齢者医療, 介護保険, 国民年金, 児童手当) set by a 職権修正 in the
異動 window with the keyboard alone, as `apply` takes them in `offices`: recorded; an item emptied is no longer
recorded; a wrong one is shown at its field and nothing is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.records import OfficeItems
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from tests.ui.test_idou_keyboard import (
    choose_reason,
    confirm_and_record,
    fill,
    focused,
    open_with_f6,
    press,
    section,
    tab_to,
    within,
)
from ui.idou.dialog import IdouDialog
from ui.idou.sections import CorrectionSection, OfficeSection
from ui.shell.main_window import MainWindow


@pytest.fixture
def taro(registry: Registry, admin: Staff) -> str:
    return registry.apply(admin, family()).idou.rows[0].row.atena_no


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock, taro: str) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_person(taro)
    return win


def open_correction(qtbot: QtBot, window: MainWindow) -> tuple[IdouDialog, OfficeSection]:
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "職権修正")
    fill(qtbot, within(dialog.form.idou_date), "異動日", "R8.11.27")
    correction = section(dialog, CorrectionSection)
    assert isinstance(correction, CorrectionSection)
    return dialog, correction.offices


def choose(qtbot: QtBot, combo: object, text: str, what: str) -> None:
    """Tab to a list and choose by the arrow keys."""
    tab_to(qtbot, within(combo), what, limit=40)  # type: ignore[arg-type]
    for _ in range(5):
        if focused().currentText() == text:  # type: ignore[attr-defined]
            return
        press(qtbot, Qt.Key.Key_Down)
    raise AssertionError(f"{text} is not in {what}")


def enter_offices(qtbot: QtBot, offices: OfficeSection, number: str = "1234-567890") -> None:
    choose(qtbot, offices.elector, "登録", "選挙人名簿への登録")
    fill(qtbot, within(offices.edits["kokuho"]["acquired"]), "国保の資格取得", "R8.11.20")
    tab_to(qtbot, within(offices.retired), "退職被保険者等")
    press(qtbot, Qt.Key.Key_Space)
    choose(qtbot, offices.pension_kind, "第1号被保険者", "国民年金の種別")
    fill(qtbot, within(offices.edits["nenkin"]["number"]), "基礎年金番号", number)
    fill(qtbot, within(offices.edits["nenkin"]["acquired"]), "国民年金の資格取得", "R7.4.1")
    fill(qtbot, within(offices.edits["jidou_teate"]["began"]), "児童手当の支給開始", "R8.6")


def test_the_office_items_are_set_by_keyboard_and_recorded(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                           admin: Staff, taro: str) -> None:
    dialog, offices = open_correction(qtbot, window)
    assert offices.elector.currentText() == "記載なし"
    enter_offices(qtbot, offices)
    confirm_and_record(qtbot, dialog)
    recorded = registry.person(admin, taro).current.offices
    assert recorded.elector is True
    assert recorded.kokuho is not None and recorded.kokuho.acquired.iso == "2026-11-20" and recorded.kokuho.retired
    assert recorded.nenkin is not None and (recorded.nenkin.kind, recorded.nenkin.number) == (
        "第1号被保険者", "1234567890")
    assert recorded.nenkin.acquired.iso == "2025-04-01"
    assert recorded.jidou_teate is not None and recorded.jidou_teate.began.iso == "2026-06-01"
    assert (recorded.kouki, recorded.kaigo) == (None, None)


def test_an_item_emptied_is_no_longer_recorded_and_the_others_stay(qtbot: QtBot, window: MainWindow,
                                                                   registry: Registry, admin: Staff,
                                                                   taro: str) -> None:
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26", "set": {taro: {"offices": {
        "elector": True, "kokuho": {"acquired": "R8.11.20"}, "jidou_teate": {"began": "R8.6"}}}}})
    window.open_person(taro)
    dialog, offices = open_correction(qtbot, window)
    acquired = offices.edits["kokuho"]["acquired"]
    assert acquired.text() == "令和8年11月20日" and offices.edits["jidou_teate"]["began"].text() == "令和8年6月"
    tab_to(qtbot, within(acquired), "国保の資格取得", limit=40)
    acquired.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    confirm_and_record(qtbot, dialog)
    recorded = registry.person(admin, taro).current.offices
    assert recorded.kokuho is None and recorded.elector is True
    assert recorded.jidou_teate is not None and recorded.jidou_teate.began.iso == "2026-06-01"


@pytest.mark.parametrize(("field", "text", "item"), [
    (("nenkin", "number"), "12345", "基礎年金番号"),
    (("kokuho", "lost"), "R8.11.1", "国民健康保険の資格喪失年月日"),  # before its 資格取得
    (("jidou_teate", "began"), "R8.13", "児童手当の支給開始年月"),
])
def test_a_wrong_office_item_is_shown_at_its_field_and_nothing_is_recorded(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff, taro: str, field: tuple[str, str],
        text: str, item: str) -> None:
    dialog, offices = open_correction(qtbot, window)
    enter_offices(qtbot, offices)
    key, name = field
    edit = offices.edits[key][name]
    tab_to(qtbot, within(edit), item, limit=60)
    edit.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    fill(qtbot, within(edit), item, text)
    before = registry.replication.last_seq()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 0
    assert dialog.message.text().startswith(f"{item}："), dialog.message.text()
    assert focused() is edit and "b00020" in edit.styleSheet()
    assert registry.replication.last_seq() == before
    assert registry.person(admin, taro).current.offices == OfficeItems()


def test_the_retired_box_alone_asks_for_the_date_of_acquisition(qtbot: QtBot, window: MainWindow) -> None:
    dialog, offices = open_correction(qtbot, window)
    tab_to(qtbot, within(offices.retired), "退職被保険者等", limit=40)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text().startswith("国民健康保険の資格取得年月日："), dialog.message.text()
    assert focused() is offices.edits["kokuho"]["acquired"]
