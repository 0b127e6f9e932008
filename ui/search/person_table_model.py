"""The search results table: a lazy model that holds only the persons' ids and fetches rows a page at a time. A person
under 支援措置 is marked 「支援」 (with a tooltip) for every staff member, so the counter knows to be careful.

A search returns up to a thousand ids; the table's rows come from `summaries(ids)` in pages of 100, when a view
first asks for a row of that page, and a few recent pages are kept. Nothing here needs a view, so it can be tested
on its own.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from local_store.search import PersonSummary, SearchResult

PAGE_SIZE = 100
CACHED_PAGES = 8

# 住所 comes last: it is the long one, and takes whatever width is left. The standard's item names, not translated;
# 支援 (the 支援措置 marker) is ours, and is.
COLUMNS = ("宛名番号", "氏名", "フリガナ", "生年月日", "性別", "住民状態", "支援", "住所")
COL_ATENA_NO, COL_NAME, COL_KANA, COL_BIRTH, COL_SEX, COL_STATUS, COL_PROTECTED, COL_ADDRESS = range(len(COLUMNS))

FORKED_MARK = QT_TRANSLATE_NOOP("PersonTableModel", "要確認")
FORKED_TOOLTIP = QT_TRANSLATE_NOOP("PersonTableModel",
                                   "並行して登録された異動があります。内容を確認してください")
PROTECTED_MARK = QT_TRANSLATE_NOOP("PersonTableModel", "支援")  # the column's title and its mark
PROTECTED_TOOLTIP = QT_TRANSLATE_NOOP("PersonTableModel",
                                      "支援措置の対象者です。住所や連絡先を本人以外に伝えないでください（照会で制限の内容を表示します）")
UNREADABLE = QT_TRANSLATE_NOOP("PersonTableModel", "（読み込めません）")

ATENA_NO_ROLE = Qt.ItemDataRole.UserRole + 1
FORKED_ROLE = Qt.ItemDataRole.UserRole + 2

_FORKED_BACKGROUND = QBrush(QColor(255, 236, 179))
_PROTECTED_FOREGROUND = QBrush(QColor(139, 0, 0))
_REMOVED_FOREGROUND = QBrush(QColor(110, 110, 110))
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ANSWERED = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, ATENA_NO_ROLE, FORKED_ROLE, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole))

Index = QModelIndex | QPersistentModelIndex


class SummarySource(Protocol):
    """Where rows come from: the facade (`Registry.summaries`) or anything with the same method."""

    def summaries(self, ids: list[int]) -> list[PersonSummary]: ...


class PersonTableModel(QAbstractTableModel):
    def __init__(self, source: SummarySource, *, page_size: int = PAGE_SIZE, cached_pages: int = CACHED_PAGES,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, PersonSummary]] = OrderedDict()
        self.kind = ""
        self.truncated = False

    # --- contents ------------------------------------------------------------------------------------------------

    def set_result(self, result: SearchResult) -> None:
        """Show a new search result (the model resets; no row is fetched until asked for)."""
        self.beginResetModel()
        self._ids = list(result.ids)
        self._pages.clear()
        self.kind = result.kind
        self.truncated = result.truncated
        self.endResetModel()

    def clear(self) -> None:
        self.set_result(SearchResult("", [], False))

    def invalidate(self) -> None:
        """Forget fetched rows (after a 異動, say); the view fetches them again when it repaints."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def summary(self, row: int) -> PersonSummary | None:
        """The row's summary (fetching its page if needed); None outside the table or when it cannot be read."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // self._page_size
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def atena_no(self, row: int) -> str | None:
        found = self.summary(row)
        return None if found is None else found.atena_no

    def _fetch(self, page: int) -> dict[int, PersonSummary]:
        start = page * self._page_size
        wanted = self._ids[start:start + self._page_size]
        rows = {s.id: s for s in self._source.summaries(wanted)}
        self._pages[page] = rows
        while len(self._pages) > self._cached_pages:
            self._pages.popitem(last=False)
        return rows

    # --- QAbstractTableModel -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == COL_PROTECTED:
                return self.tr(PROTECTED_MARK)
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.summary(index.row()) is None:
            return _NO_FLAGS  # shown, but cannot be selected or opened
        return _SELECTABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():  # the view asks ~10 roles per cell on every paint
            return None
        row = self.summary(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if row is None:
                return self.tr(UNREADABLE) if column == COL_NAME else ""
            return self._display(row, column)
        if row is None:
            return None
        if role == ATENA_NO_ROLE:
            return row.atena_no
        if role == FORKED_ROLE:
            return row.forked
        if role == Qt.ItemDataRole.BackgroundRole and row.forked:
            return _FORKED_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_PROTECTED:
                return _PROTECTED_FOREGROUND
            return None if row.lives_here else _REMOVED_FOREGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_PROTECTED and row.protected:
                return self.tr(PROTECTED_TOOLTIP)
            if row.forked:
                return self.tr(FORKED_TOOLTIP)
            if column in (COL_ADDRESS, COL_NAME, COL_KANA):  # the long ones, elided in their fixed widths
                return self._display(row, column)
        return None

    @staticmethod
    def _display(row: PersonSummary, column: int) -> str:
        if column == COL_ATENA_NO:
            return row.atena_no
        if column == COL_NAME:
            return row.name
        if column == COL_KANA:
            return row.name_kana
        if column == COL_BIRTH:
            return row.birth
        if column == COL_SEX:
            return row.sex
        if column == COL_ADDRESS:
            return row.address
        if column == COL_STATUS:
            if not row.forked:
                return row.status
            return f"{row.status}　{QCoreApplication.translate('PersonTableModel', FORKED_MARK)}"
        if column == COL_PROTECTED:
            return QCoreApplication.translate("PersonTableModel", PROTECTED_MARK) if row.protected else ""
        return ""
