"""The status bar: who is signed in, where, on which terminal, and the plain state of cloud sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from domain.roles import Permission, allowed
from local_store.registry import Registry
from local_store.staff import Staff
from ui.sync_worker import SyncStatus

SYNC_NOT_SET_UP = "クラウド同期: 未設定"
SKEW_WARNING_MINUTES = 5


def sync_text(status: SyncStatus) -> str:
    """Always says online or offline, what waits for the cloud, and when the last sync succeeded."""
    if not status.configured:
        return SYNC_NOT_SET_UP
    if status.running:
        state = "同期中…"
    elif not status.online:
        state = "オフライン"
    else:
        state = "同期できません" if status.error else "オンライン"
    last = status.last_success.strftime("%H:%M") if status.last_success else "なし"
    parts = [f"クラウド: {state}", f"未送信 {status.pending} 件", f"最終同期 {last}"]
    if status.forked:
        parts.append(f"要確認 {status.forked} 人")
    if status.conflicts:
        parts.append(f"競合 {status.conflicts} 件")
    if status.quarantined:
        parts.append(f"隔離 {status.quarantined} 件")
    if abs(status.skew_minutes) >= SKEW_WARNING_MINUTES:
        way = "進んで" if status.skew_minutes > 0 else "遅れて"
        parts.append(f"端末の時計が{abs(status.skew_minutes)}分{way}います")
    return "　".join(parts)


class RegistryStatusBar(QStatusBar):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        town = registry.municipality
        self.place_label = QLabel(f"{town.prefecture}{town.name}")
        self.terminal_label = QLabel(f"端末: {registry.terminal}")
        self.sync_label = QLabel(SYNC_NOT_SET_UP)
        self.sync_label.setObjectName("sync")
        self.sync_label.setToolTip("この端末はまだ自治体クラウドと同期するよう設定されていません")
        self.sync_button = QPushButton("今すぐ同期")
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setEnabled(False)
        self.review_button = QPushButton("要確認・競合・隔離")
        self.review_button.setObjectName("review")
        self.staff_label = QLabel()
        self.show_staff(staff)
        self.addWidget(self.staff_label)
        if registry.is_demo:
            demo = QLabel("デモデータ（架空の住民）")
            demo.setStyleSheet("color: #8a4b00; font-weight: bold;")
            self.addWidget(demo)
        for label in (self.place_label, self.terminal_label, self.sync_label):
            label.setStyleSheet("padding: 0 8px; border-left: 1px solid #bbb;")
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.review_button)
        self.addPermanentWidget(self.sync_button)

    def show_staff(self, staff: Staff) -> None:
        self.staff_label.setText(f"職員: {staff.display_name}　権限: {staff.role.value}")
        self.review_button.setVisible(allowed(staff.role, Permission.RESOLVE_FORK))

    def show_sync(self, status: SyncStatus) -> None:
        self.sync_label.setText(sync_text(status))
        self.sync_label.setToolTip(status.error or "")
        self.sync_button.setEnabled(status.configured and not status.running)

    def texts(self) -> list[str]:
        return [w.text() for w in self.findChildren(QLabel)]
