"""The 手数料 table in the window, offscreen on a real replica: the settings dialog shows and edits it with the
keyboard, an invalid amount is refused, and the 交付 form's 無料・減免 combo (real key events) charges and records
the category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family
from tests.support.qt import type_text
from tests.ui.test_kofu_dialog import dialog_for as kofu_dialog_for
from ui.admin.settings_dialog import SAVED, SettingsDialog


def settings_dialog(qtbot: QtBot, registry: Registry, admin: Staff) -> SettingsDialog:
    dialog = SettingsDialog(registry, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.tabs.setCurrentIndex(2)
    return dialog


def type_in_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Edit a cell with the keyboard: F2, select what is there, type, Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    [editor] = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, text)
    qtbot.keyPress(editor, Qt.Key.Key_Return)  # commits and closes the editor (no release: it is gone)
    qtbot.wait(10)


def test_the_settings_show_the_default_table_and_edit_it_with_the_keyboard(
        qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    dialog = settings_dialog(qtbot, registry, admin)
    kinds = {dialog.fee_kinds.item(r, 0).text(): dialog.fee_kinds.item(r, 1).text()
             for r in range(dialog.fee_kinds.rowCount())}
    assert kinds == {"住民票の写し": "300", "除票の写し": "300", "住民票記載事項証明書": "300", "転出証明書": "0",
                     "転出証明書に準ずる証明書": "300", "除票記載事項証明書": "300",
                     "罹災証明書": "0", "印鑑登録証明書": "300", "戸籍の附票の写し": "300", "除附票の写し": "300"}
    categories = [dialog.fee_categories.item(r, 0).text() for r in range(dialog.fee_categories.rowCount())]
    assert categories == ["公用", "生活保護", "罹災"]
    type_in_cell(qtbot, dialog.fee_kinds, 0, 1, "350")
    dialog.add_category("", 0)
    type_in_cell(qtbot, dialog.fee_categories, 3, 0, "ひとり親")
    type_in_cell(qtbot, dialog.fee_categories, 3, 1, "150")
    dialog.save_button.click()
    assert dialog.message.text() == SAVED
    fees = registry.settings.fees()
    assert fees.per_copy("住民票の写し") == 350 and fees.per_copy("住民票の写し", "ひとり親") == 150
    assert fees.per_copy("住民票の写し", "生活保護") == 0


def test_an_invalid_amount_is_refused_and_nothing_is_saved(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    before = registry.settings.get()
    dialog = settings_dialog(qtbot, registry, admin)
    type_in_cell(qtbot, dialog.fee_kinds, 0, 1, "10001")
    dialog.save_button.click()
    assert "住民票の写しの手数料は0から10000円までの整数です" in dialog.message.text()
    type_in_cell(qtbot, dialog.fee_kinds, 0, 1, "三百")
    dialog.save_button.click()
    assert "0から10000円までの整数" in dialog.message.text() and dialog.message.text() != SAVED
    assert registry.settings.get() == before


def test_the_kofu_form_chooses_the_category_with_the_keyboard(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    registry.settings.update(admin, {"fees": {"kinds": {"住民票の写し": 350},
                                              "categories": {"公用": 0, "生活保護": 0}}})
    dialog = kofu_dialog_for(qtbot, registry, admin, atena)
    form = dialog.form
    form.identification.setCurrentText("運転免許証")
    form.copies.setValue(2)
    assert form.fee_label.text() == "700円（350円×2通）"
    form.fee_category.setFocus()
    qtbot.keyClick(form.fee_category, Qt.Key.Key_Down)
    assert form.fee_category.currentText() == "生活保護"
    assert form.fee_label.text() == "0円（0円×2通）"
    form.copies.setFocus()
    qtbot.keyClick(form.copies, Qt.Key.Key_Return)  # Enter in the last field issues
    assert dialog.issued is not None, dialog.message.text()
    assert dialog.issued.decision.fee == 0
    [entry] = registry.kofu.history(admin, atena)
    assert entry["fee_category"] == "生活保護" and entry["fee"] == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
