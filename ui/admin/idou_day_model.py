"""The 異動一覧 of a day as a table model: one row per 異動, its 点検 box ticked in place, and rows marked in place
once the facade has recorded their 点検 (only those rows change: a day may hold thousands).

The rows' texts are made once, by `day_rows`, which may run on a worker thread with the reading of the day; the
model then only hands them out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from domain.daily import DailyReport, IdouLine
from domain.wareki import format_wareki

# 異動事由 and 異動日 are the standard's item names, not translated
COLUMNS = (QT_TRANSLATE_NOOP("DailyDialog", "点検"), QT_TRANSLATE_NOOP("DailyDialog", "処理時刻"), "異動事由", "異動日",
           QT_TRANSLATE_NOOP("DailyDialog", "届出期間"), QT_TRANSLATE_NOOP("DailyDialog", "対象者"),
           QT_TRANSLATE_NOOP("DailyDialog", "職員"), QT_TRANSLATE_NOOP("DailyDialog", "端末"))
COL_CHECK, COL_TIME, COL_REASON, COL_DATE, COL_LATE, COL_PERSONS, COL_STAFF, COL_TERMINAL = range(len(COLUMNS))
LATE_BACKGROUND = QColor(255, 224, 224)

Index = QModelIndex | QPersistentModelIndex


def _translate(text: str) -> str:
    return QCoreApplication.translate("DailyDialog", text)


def late_text(days: int) -> str:
    return QCoreApplication.translate("DailyDialog", "%n日経過（法52条）", "", days) if days else ""


@dataclass(slots=True)
class DayRow:
    """One 異動 of the day with the texts of its columns."""

    line: IdouLine
    texts: list[str]
    late: bool


def _check_text(line: IdouLine, names: Mapping[str, str]) -> str:
    if not line.checked_by:
        return QCoreApplication.translate("DailyDialog", "未")
    return f"{names.get(line.checked_by, line.checked_by)} {line.checked_at[11:16]}"


def day_rows(report: DailyReport) -> list[DayRow]:
    """The rows of the day's 異動, their texts made once (the staff by name, the 届出期間 written out)."""
    names = report.names
    rows = []
    for line in report.idou:
        days = line.days_late
        texts = [_check_text(line, names), line.processed_at[11:16], line.reason,
                 line.idou_date.text or format_wareki(line.idou_date), late_text(days),
                 "、".join(f"{name}（{atena}）" for atena, name in line.persons), names.get(line.staff, line.staff),
                 line.terminal]
        rows.append(DayRow(line, texts, bool(days)))
    return rows


def day_title(report: DailyReport, rows: list[DayRow]) -> str:
    return QCoreApplication.translate("DailyDialog", "異動一覧（{date}　{count}件、未点検 {unchecked}件、届出期間経過 {late}件）").format(
        date=format_wareki(dt.date.fromisoformat(report.day)), count=len(rows),
        unchecked=sum(1 for row in rows if not row.line.checked_by), late=sum(1 for row in rows if row.late))


class IdouDayModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DayRow] = []
        self._by_id: dict[str, int] = {}
        self._names: Mapping[str, str] = {}
        self._ticked: set[str] = set()

    def show_rows(self, rows: list[DayRow], names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._by_id = {row.line.doc_id: number for number, row in enumerate(rows)}
        self._names = names
        self._ticked = set()
        self.endResetModel()

    def rows(self) -> list[DayRow]:
        return list(self._rows)

    def line(self, row: int) -> IdouLine:
        return self._rows[row].line

    def distinct_texts(self, column: int) -> set[str]:
        return {row.texts[column] for row in self._rows}

    def ticked(self) -> list[str]:
        """The 異動 whose 点検 box is ticked, in the list's order."""
        return [row.line.doc_id for row in self._rows if row.line.doc_id in self._ticked]

    def mark(self, marks: Mapping[str, tuple[str, str]]) -> None:
        """The 点検 recorded for these 異動 (who, when): their rows change, and nothing else."""
        for doc_id, (by, at) in marks.items():
            number = self._by_id.get(doc_id)
            if number is None:
                continue
            row = self._rows[number]
            row.line = dataclasses.replace(row.line, checked_by=by, checked_at=at)
            row.texts[COL_CHECK] = _check_text(row.line, self._names)
            self._ticked.discard(doc_id)
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

    # --- the model ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _translate(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_CHECK and not self._rows[index.row()].line.checked_by:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_CHECK and not row.line.checked_by:
            return Qt.CheckState.Checked if row.line.doc_id in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and row.late and column != COL_CHECK:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PERSONS:
            return row.texts[column]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        doc_id = self._rows[index.row()].line.doc_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(doc_id)
        else:
            self._ticked.discard(doc_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
