"""A table of the 異動 entry that the keyboard goes through like the fields around it.

Tab leaves the table; inside it the arrow keys move, typing (or F2) edits the cell, Space ticks a check box. While a
cell is edited, Tab keeps its text and goes on to the next cell to fill, and from the last one out of the table
(Shift+Tab the other way), so a row is typed like a form. Ctrl+Enter goes on to the dialog, which takes the text of
the cell being edited first (`commit_editing`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication, QTableWidget, QWidget

Hint = QAbstractItemDelegate.EndEditHint
INPUT_FLAGS = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable


class EntryTable(QTableWidget):
    """`start_row`: where the cursor goes when the table is entered without one (the first cell that takes input
    from that row on)."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.start_row = 0
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)

    def commit_editing(self) -> None:
        """Keep the text of the cell being edited (the editor closes as it would have)."""
        editor = self.focusWidget()
        if self.state() == QAbstractItemView.State.EditingState and editor is not None and editor is not self:
            self.commitData(editor)

    def _next(self, flags: Qt.ItemFlag, *, forward: bool, after: tuple[int, int]) -> QModelIndex | None:
        """The first shown cell with one of `flags` after the cell `after` (row, column), row by row, or before it
        going back; the cell itself need not be shown or exist ((-1, -1): from the first cell)."""
        model = self.model()
        cells = [model.index(row, column) for row in range(self.rowCount()) for column in range(self.columnCount())
                 if not self.isColumnHidden(column) and not self.isRowHidden(row)]
        if forward:
            found = (c for c in cells if (c.row(), c.column()) > after)
        else:
            found = (c for c in reversed(cells) if (c.row(), c.column()) < after)
        return next((c for c in found if c.flags() & flags), None)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        if hint not in (Hint.EditNextItem, Hint.EditPreviousItem):
            super().closeEditor(editor, hint)
            return
        forward = hint == Hint.EditNextItem
        current = self.currentIndex()
        target = self._next(Qt.ItemFlag.ItemIsEditable, forward=forward, after=(current.row(), current.column()))
        super().closeEditor(editor, Hint.NoHint)
        if target is None:
            self.focusNextPrevChild(forward)
            return
        self.setCurrentIndex(target)
        self.edit(target)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self.currentIndex().isValid():
            start = self._next(INPUT_FLAGS, forward=True, after=(self.start_row, -1))
            if start is None:
                start = self._next(INPUT_FLAGS, forward=True, after=(-1, -1))
            if start is not None:
                self.setCurrentIndex(start)
        super().focusInEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Text committed by an input method on a cell not being edited starts its editing with that text."""
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and event.commitString() and index.isValid()
                and index.flags() & Qt.ItemFlag.ItemIsEditable):
            self.edit(index)
            editor = self.focusWidget()
            if self.state() == QAbstractItemView.State.EditingState and editor is not None and editor is not self:
                QApplication.sendEvent(editor, event)
                event.accept()
                return
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # the dialog's: go on
            return
        super().keyPressEvent(event)
