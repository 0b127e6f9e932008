"""The results table view: fixed row heights (so only visible rows are fetched) and keyboard-first handling."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.search.person_table_model import (
    COL_ADDRESS,
    COL_ATENA_NO,
    COL_BIRTH,
    COL_KANA,
    COL_NAME,
    COL_PROTECTED,
    COL_SEX,
    COL_STATUS,
)

# Each column is as wide as a typical long value (measured in the font in use), never by reading the rows.
_SAMPLES = {COL_ATENA_NO: "0000000000", COL_NAME: "長谷川　美智太郎", COL_KANA: "ハセガワ　ミチタロウ",
            COL_BIRTH: "平成30年12月31日", COL_SEX: "性別", COL_STATUS: "住民　要確認", COL_PROTECTED: "支援"}


class ResultTable(QTableView):
    """Enter opens the current row (`openRequested(row)`); Esc, or Up on the first row, goes back to the search."""

    openRequested = Signal(int)
    escapePressed = Signal()
    leftUpward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(False)  # the facade orders by フリガナ; sorting here would fetch every row
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.hide()
        horizontal = self.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setStretchLastSection(False)
        self.doubleClicked.connect(lambda index: self.openRequested.emit(index.row()))

    def apply_column_widths(self) -> None:
        """Fixed widths (never ResizeToContents, which would read every row); 住所 takes the rest."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        for column, sample in _SAMPLES.items():
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal)) if self.model() else ""
            header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 20)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_ADDRESS, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self.openRequested.emit(self.currentIndex().row())
            return
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        if key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.leftUpward.emit()
            return
        super().keyPressEvent(event)
