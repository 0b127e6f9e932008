"""The 照会 pane's 戸籍の附票: for a resident whose 本籍 is in this town, her 附票 (本籍 and 筆頭者) and her entry in it,
each 住所 with the day it was set. Hidden for everyone else."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.fuhyo import Fuhyo, Member
from domain.wareki import format_wareki


class FuhyoSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("住所"), self.tr("住所を定めた年月日")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.setVisible(False)

    def show_entries(self, entries: list[tuple[Fuhyo, Member]]) -> None:
        """Her 附票 of this town (the first in use), or nothing."""
        self.setVisible(bool(entries))
        if not entries:
            return
        fuhyo, member = entries[0]
        kind = self.tr("除附票") if fuhyo.closed_on else self.tr("戸籍の附票")
        self.title.setText(self.tr("{kind}　本籍 {honseki}　筆頭者 {head}（Shift+F8 で附票の写し）").format(
            kind=kind, honseki=fuhyo.honseki, head=fuhyo.head))
        rows = [(self.tr("国外転出者") if line.abroad else line.address, format_wareki(line.since))
                for line in member.addresses]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
