"""The 転入 form's 住民票コード column and 転出証明書, and the warnings of the confirmation step (a 転出先 other than the
address; 同一人の疑い), offscreen on a real replica."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from tests.support.qt import type_text
from ui.idou.dialog import IdouDialog
from ui.idou.sections import CertificateSection, NotifierSection, PersonsSection
from ui.shell.main_window import MainWindow

ICHIRO = {"name": "山田　一郎", "name_kana": "ヤマダ　イチロウ", "birth": "H20.5.5", "sex": "男",
          "honseki.place": "不明"}


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> MainWindow:
    registry.apply(admin, family())
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def tennyu_dialog(qtbot: QtBot, win: MainWindow, reason: str, values: dict[str, str]) -> IdouDialog:
    qtbot.keyClick(win.search_field, Qt.Key.Key_F6)
    dialog = win.idou_dialog
    assert dialog is not None
    dialog.form.set_reason(reason)
    type_text(dialog.form.idou_date, "R8.11.26")
    notifier = next(s for s in dialog.form.sections if isinstance(s, NotifierSection))
    type_text(notifier.name, "山田　一郎")
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    for key, value in values.items():
        persons.set_cell(0, key, value)
    dialog.form.sections[2].text.setText("さくら県みどり町西町8番地")
    dialog.form.sections[3].edit.setText("東京都千代田区千代田1番1号" if reason == "国内転入" else "アメリカ合衆国")
    return dialog


def forward(qtbot: QtBot, dialog: IdouDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def warnings_shown(dialog: IdouDialog) -> str:
    label = dialog.confirm_page.findChild(QLabel, "entryWarnings")
    return label.text() if label is not None else ""


def test_the_code_and_the_certificate_are_sent_and_another_destination_warned_of(
        qtbot: QtBot, window: MainWindow, registry: Registry, admin: Staff) -> None:
    """法30条の3: the mover's 住民票コード from the 転出証明書; the 転出証明書 recorded; its 転出先 differing from the new
    address is a warning in the confirmation, and the 転入 is recorded all the same."""
    dialog = tennyu_dialog(qtbot, window, "国内転入", {"name": "鈴木　一郎", "name_kana": "スズキ　イチロウ",
                                                     "birth": "S60.4.1", "sex": "男", "honseki.place": "不明",
                                                     "juminhyo_code": "34567890123"})
    certificate = next(s for s in dialog.form.sections if isinstance(s, CertificateSection))
    type_text(certificate.town, "東京都千代田区")
    type_text(certificate.planned_on, "R8.11.20")
    type_text(certificate.destination, "さくら県みどり町東町1番地")
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    assert "転出証明書の転出先" in warnings_shown(dialog)
    with qtbot.waitSignal(dialog.recorded) as recorded:
        forward(qtbot, dialog)
    record = registry.person(admin, recorded.args[0])
    assert record.current.juminhyo_code == "34567890123"
    assert dialog.result is not None and dialog.result.certificate is not None
    assert dialog.result.certificate.destination == "さくら県みどり町東町1番地"


def test_a_new_code_only_when_the_form_says_first_record(qtbot: QtBot, window: MainWindow) -> None:
    dialog = tennyu_dialog(qtbot, window, "国外転入等", {"name": "鈴木　一郎", "name_kana": "スズキ　イチロウ",
                                                       "birth": "S60.4.1", "sex": "男", "honseki.place": "不明"})
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 0 and dialog.message.text().startswith("住民票コード：")
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    persons.set_cell(0, "juminhyo_code", "新規")
    assert dialog.form.request()["persons"][0]["first_record"] is True
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    assert warnings_shown(dialog) == ""


def test_a_newcomer_like_a_resident_is_warned_of_at_the_confirmation(qtbot: QtBot, window: MainWindow) -> None:
    dialog = tennyu_dialog(qtbot, window, "国内転入", ICHIRO)
    forward(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    assert "同一人の疑い" in warnings_shown(dialog) and "山田　一郎" in warnings_shown(dialog)
