"""The search box: a line edit that hands Down and Esc to the window instead of swallowing them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

PLACEHOLDER = QT_TRANSLATE_NOOP(
    "SearchField", "氏名・フリガナ・生年月日・住所・宛名番号で検索（個人番号は Enter）")


class SearchField(QLineEdit):
    downPressed = Signal()
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.setPlaceholderText(self.tr(PLACEHOLDER))
        self.setClearButtonEnabled(True)
        font = self.font()
        font.setPointSize(font.pointSize() + 3)
        self.setFont(font)
        self.setMinimumHeight(self.sizeHint().height() + 6)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.downPressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)
