"""Driving the window in tests: text committed as an input method does, a search typed, the names shown."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.search.person_table_model import COL_NAME
from ui.shell.main_window import MainWindow


def type_text(widget: QWidget, text: str) -> None:
    """Commit text as a Japanese input method does (QTest's key clicks only know ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search_typed(qtbot: QtBot, win: MainWindow, text: str) -> None:
    type_text(win.search_field, text)
    qtbot.waitUntil(lambda: not win._debounce.isActive(), timeout=2000)


def shown_names(win: MainWindow) -> list[str]:
    return [win.model.data(win.model.index(row, COL_NAME)) for row in range(win.model.rowCount())]
