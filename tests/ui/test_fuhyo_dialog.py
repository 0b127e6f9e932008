"""The 戸籍の附票 room on a real replica, offscreen, driven by keys: a 附票 found by name, shown, its 写し issued with
F8; the 照会 pane shows a resident's 附票, and Shift+F8 (the 交付 key's other choice) opens it for her."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

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
