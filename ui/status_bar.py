"""The status bar: who is signed in, where, on which terminal, and the plain state of cloud sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from local_store.registry import Registry
from local_store.staff import Staff

# Sync is not built yet: say so plainly, never show an online state that is not real.
SYNC_NOT_SET_UP = "クラウド同期: 未設定"


class RegistryStatusBar(QStatusBar):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.staff_label = QLabel(f"職員: {staff.display_name}　権限: {staff.role.value}")
        town = registry.municipality
        self.place_label = QLabel(f"{town.prefecture}{town.name}")
        self.terminal_label = QLabel(f"端末: {registry.terminal}")
        self.sync_label = QLabel(SYNC_NOT_SET_UP)
        self.sync_label.setObjectName("sync")
        self.sync_label.setToolTip("この端末はまだ自治体クラウドと同期するよう設定されていません")
        self.addWidget(self.staff_label)
        if registry.is_demo:
            demo = QLabel("デモデータ（架空の住民）")
            demo.setStyleSheet("color: #8a4b00; font-weight: bold;")
            self.addWidget(demo)
        for label in (self.place_label, self.terminal_label, self.sync_label):
            label.setStyleSheet("padding: 0 8px; border-left: 1px solid #bbb;")
            self.addPermanentWidget(label)

    def texts(self) -> list[str]:
        return [w.text() for w in self.findChildren(QLabel)]
