"""The table of residents waiting for a number (付番待ち), shared by the 個人番号 and 住民票コード lists.

The list may be long (after a disaster, thousands wait): the columns are sized once after the rows are filled, not
again for each cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from local_store.search import PersonSummary

COLUMNS = ("宛名番号", "氏名", "フリガナ", "生年月日", "住所")  # the standard's item names, not translated


def waiting_table(name: str) -> QTableWidget:
    table = QTableWidget(0, len(COLUMNS))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(COLUMNS)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def show_waiting(table: QTableWidget, persons: Sequence[PersonSummary]) -> None:
    table.setUpdatesEnabled(False)
    try:
        table.setRowCount(len(persons))
        for row, person in enumerate(persons):
            for col, text in enumerate((person.atena_no, person.name, person.name_kana, person.birth, person.address)):
                table.setItem(row, col, QTableWidgetItem(text))
        table.resizeColumnsToContents()
    finally:
        table.setUpdatesEnabled(True)
