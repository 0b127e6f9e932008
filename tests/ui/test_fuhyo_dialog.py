"""The 戸籍の附票 room on a real replica, offscreen, driven by keys: a 附票 found by name, shown, its 写し issued with
F8; the 照会 pane shows a resident's 附票, and Shift+F8 (the 交付 key's other choice) opens it for her."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family
from tests.support.pdf_text import page_texts
from ui.fuhyo.dialog import FuhyoDialog
from ui.shell.main_window import MainWindow


def test_a_fuhyo_is_found_shown_and_its_copy_issued_by_keys(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    dialog = FuhyoDialog(registry, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.search_field.setText("山田　次郎")  # typed through the input method
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Return)
    assert dialog.results.rowCount() == 1 and dialog.results.item(0, 1).text() == "山田　太郎"
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.results
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert "本籍 さくら県みどり町本町1番地" in dialog.heading.text()
    assert [dialog.members.item(r, 0).text() for r in range(dialog.members.rowCount())] == [r.name for r in rows]

    qtbot.keyClick(dialog.results, Qt.Key.Key_F8)  # nobody identified yet: refused at the counter, nothing issued
    assert dialog.issued is None and "本人確認" in dialog.message.text()
    dialog.requester_atena.setFocus()
    qtbot.keyClicks(dialog.requester_atena, rows[1].atena_no)
    dialog.identification.setFocus()
    for _ in range(dialog.identification.findText("運転免許証")):
        qtbot.keyClick(dialog.identification, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.identification, Qt.Key.Key_F8)
    assert dialog.issued is not None, dialog.message.text()
    assert "手数料 300円" in dialog.message.text() and dialog.print_button.isEnabled()
    assert "山田花子" in "".join(page_texts(dialog.issued.pdfs[0]))


def test_the_person_pane_shows_her_fuhyo_and_shift_f8_opens_it(qtbot: QtBot, registry: Registry,
                                                               admin: Staff) -> None:
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.open_person(rows[2].atena_no)
    section = window.person_view.fuhyo_section
    assert section.isVisible() and "本籍 さくら県みどり町本町1番地" in section.title.text()
    assert section.table.item(0, 0).text() == "さくら県みどり町本町2丁目3番4号"
    qtbot.keyClick(window.search_field, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    dialog = window.fuhyo_dialog
    assert dialog.isVisible() and dialog.fuhyo is not None
    assert dialog.requester_atena.text() == rows[2].atena_no and dialog.of.currentText() == "山田　一郎"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_a_supervisor_records_her_forwarded_measure_and_a_clerk_then_sees_no_address(
        qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    """Her 本籍 is here, she lives in 京都: 京都 forwarded her 支援措置; the 附票 room records it for her alone."""
    registry.fuhyo.import_text(admin, (
        "本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
        "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
        "さくら県みどり町西町1番地,青木　一,青木　幸子,S22.3.3,女,京都府京都市左京区1番地,H10.4.1,,,,\n"), "aoki.csv")
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    chief = FuhyoDialog(registry, registry.sign_in("chief", "chief-pw"))
    qtbot.addWidget(chief)
    chief.search_field.setText("青木　幸子")
    qtbot.keyClick(chief.search_field, Qt.Key.Key_Return)
    qtbot.keyClick(chief.results, Qt.Key.Key_Return)
    chief.of.setCurrentIndex(chief.of.findText("青木　幸子"))
    assert chief.protection_button.isEnabled()
    qtbot.keyClick(chief.protection_button, Qt.Key.Key_Space)
    shield = chief.protection_dialog
    assert shield is not None and "青木　幸子" in shield.person_label.text() and not shield.whole_household.isEnabled()
    shield.offenders.setItem(0, 0, QTableWidgetItem("青木　一"))
    assert shield.start_measure(), shield.message.text()
    assert shield.table.rowCount() == 1
    shield.reject()

    clerk = FuhyoDialog(registry, registry.sign_in("clerk", "clerk-pw"))
    qtbot.addWidget(clerk)
    assert not clerk.protection_button.isVisibleTo(clerk)
    clerk.search_field.setText("さくら県みどり町西町1番地")
    qtbot.keyClick(clerk.search_field, Qt.Key.Key_Return)
    qtbot.keyClick(clerk.results, Qt.Key.Key_Return)
    cells = [clerk.members.item(r, c).text() for r in range(clerk.members.rowCount()) for c in range(6)]
    assert "京都府京都市左京区1番地" not in cells and "支援措置（住所は表示しません）" in cells
