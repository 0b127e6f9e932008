"""The window's confirmation step warns of 同一人の疑い without naming a person under 支援措置: neither her 宛名番号
nor her address, in the warning or in the planned rows (offscreen, on a real replica)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from domain.protection import Offender, Process
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family
from tests.support.qt import type_text
from ui.idou.sections import NotifierSection, PersonsSection
from ui.shell.main_window import MainWindow


def test_the_confirmation_warns_without_naming_her(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    rows = registry.apply(admin, family()).idou.rows
    taro, hanako = rows[0].row, rows[1].row
    registry.protection.add(admin, [hanako.atena_no], list(Process), [Offender(taro.name, taro.name_kana, taro.atena_no)])
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.keyClick(win.search_field, Qt.Key.Key_F6)
    dialog = win.idou_dialog
    assert dialog is not None
    dialog.form.set_reason("国内転入")
    type_text(dialog.form.idou_date, "R8.11.26")
    notifier = next(s for s in dialog.form.sections if isinstance(s, NotifierSection))
    type_text(notifier.name, "山田　太郎")
    persons = next(s for s in dialog.form.sections if isinstance(s, PersonsSection))
    for key, value in {"name": "山田　花子", "name_kana": "ヤマダ　ハナコ", "birth": "S52.3.3", "sex": "女",
                       "honseki.place": "不明", "juminhyo_code": "34567890123"}.items():
        persons.set_cell(0, key, value)
    dialog.form.sections[2].text.setText("さくら県みどり町東町8番地")
    dialog.form.sections[3].edit.setText("東京都千代田区千代田1番1号")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()
    warned = dialog.confirm_page.findChild(QLabel, "entryWarnings")
    assert warned is not None and "同一人の疑い" in warned.text()
    shown = [warned.text()] + [label.text() for label in dialog.confirm_page.findChildren(QLabel)]
    table = dialog.confirm_page.findChild(QTableWidget, "plannedRows")
    assert table is not None
    shown += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
              if table.item(r, c) is not None]
    assert not any(hanako.atena_no in text or hanako.address.text in text or "本町" in text for text in shown)
