"""A refusal shown where it happened: its text as every window writes it (「項目：メッセージ」), and the field it names
outlined (in a table, the cells tinted), scrolled into view and focused, until that field changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from domain.errors import ValidationError
from ui.common.styles import ERROR_STYLE, FIELD_ERROR_CELL, FIELD_ERROR_STYLE

# Between the item and the message, in every window: 「住所：住所を入力してください」.
SEPARATOR = "："

Cell = tuple[int, int]


def error_label() -> QLabel:
    """The hidden, red, wrapping label (object name "error") where a dialog shows why it cannot go on."""
    label = QLabel()
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def error_text(exc: ValidationError) -> str:
    """How a window shows a ValidationError: the item, 「：」, the message."""
    return f"{exc.item}{SEPARATOR}{exc.message}"


class FieldError(QObject):
    """The one error shown at a field of a form. `cleared` once the field changes, or when `clear` is called."""

    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widget: QWidget | None = None
        self._cells: list[Cell] = []
        self._disconnect: Callable[[], None] = lambda: None

    @property
    def widget(self) -> QWidget | None:
        return self._widget

    @property
    def cells(self) -> list[Cell]:
        return list(self._cells)

    def show(self, widget: QWidget, cells: Sequence[Cell] = (), scroll: QScrollArea | None = None) -> None:
        """Mark `widget` (or, in a table, its `cells`), bring it into view and focus it."""
        self.clear()
        self._widget, self._cells = widget, list(cells)
        if isinstance(widget, QTableWidget) and self._cells:
            self._tint(widget, QColor(FIELD_ERROR_CELL))
            row, column = self._cells[0]
            widget.clearSelection()  # the selection's colour would hide the tint
            widget.selectionModel().setCurrentIndex(widget.model().index(row, column),
                                                    QItemSelectionModel.SelectionFlag.NoUpdate)
            item = widget.item(row, column)
            if item is not None:
                widget.scrollToItem(item)
        else:
            widget.setStyleSheet(FIELD_ERROR_STYLE)
        self._watch(widget)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        widget, self._widget = self._widget, None
        if widget is None:
            return
        self._disconnect()
        self._disconnect = lambda: None
        if shiboken6.isValid(widget):
            if isinstance(widget, QTableWidget) and self._cells:
                self._tint(widget, None)
            else:
                widget.setStyleSheet("")
        self._cells = []
        self.cleared.emit()

    def _tint(self, table: QTableWidget, colour: QColor | None) -> None:
        """Tint the cells without it counting as an edit (itemChanged is the form's signal of a change)."""
        blocked = table.blockSignals(True)
        try:
            for row, column in self._cells:
                item = table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(colour) if colour is not None else QBrush())
        finally:
            table.blockSignals(blocked)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            signal = widget.textChanged
            slot: Callable[..., None] = self._changed
        elif isinstance(widget, QComboBox):
            signal, slot = widget.currentTextChanged, self._changed
        elif isinstance(widget, QTableWidget):
            signal, slot = widget.itemChanged, self._item_changed
        else:
            return
        signal.connect(slot)

        def disconnect() -> None:
            if shiboken6.isValid(widget):
                signal.disconnect(slot)

        self._disconnect = disconnect

    def _changed(self, *_args: object) -> None:
        self.clear()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if not self._cells or (item.row(), item.column()) in self._cells:
            self.clear()
