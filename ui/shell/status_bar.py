"""The status bar: who is signed in, where, on which terminal, and the plain state of cloud sync."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from domain.roles import Permission, allowed
from local_store.completeness import describe
from local_store.registry import Registry
from local_store.staff import Staff
from ui.shell.sync_service import SyncStatus

SYNC_NOT_SET_UP = QT_TRANSLATE_NOOP("RegistryStatusBar", "クラウド同期: 未設定")
SKEW_WARNING_MINUTES = 5


def sync_text(status: SyncStatus) -> str:
    """Always says online or offline, what waits for the cloud, and when the last sync succeeded; warns of forks,
    conflicts, quarantined arrivals, documents the cloud has not handed over (未着), a clock far off and a server time
    that waits for a 管理者."""
    translate = QCoreApplication.translate
    if not status.configured:
        return translate("RegistryStatusBar", SYNC_NOT_SET_UP)
    if status.running:
        state = translate("RegistryStatusBar", "同期中…")
    elif not status.online:
        state = translate("RegistryStatusBar", "オフライン")
    elif status.error:
        state = translate("RegistryStatusBar", "同期できません")
    else:
        state = translate("RegistryStatusBar", "オンライン")
    last = (status.last_success.strftime("%H:%M") if status.last_success
            else translate("RegistryStatusBar", "なし"))
    parts = [translate("RegistryStatusBar", "クラウド: {state}").format(state=state),
             translate("RegistryStatusBar", "未送信 {count} 件").format(count=status.pending),
             translate("RegistryStatusBar", "最終同期 {time}").format(time=last)]
    if status.forked:
        parts.append(translate("RegistryStatusBar", "要確認 {count} 人").format(count=status.forked))
    if status.conflicts:
        parts.append(translate("RegistryStatusBar", "競合 {count} 件").format(count=status.conflicts))
    if status.quarantined:
        parts.append(translate("RegistryStatusBar", "隔離 {count} 件").format(count=status.quarantined))
    if status.missing:
        parts.append(translate("RegistryStatusBar", "未着 {count} 件").format(count=sum(g.count for g in status.missing)))
    if abs(status.skew_minutes) >= SKEW_WARNING_MINUTES:
        if status.skew_minutes > 0:
            text = translate("RegistryStatusBar", "端末の時計が{minutes}分進んでいます")
        else:
            text = translate("RegistryStatusBar", "端末の時計が{minutes}分遅れています")
        parts.append(text.format(minutes=abs(status.skew_minutes)))
    if status.untrusted_time is not None:
        parts.append(translate("RegistryStatusBar", "クラウドの時刻が確認待ち（管理者が設定で確認）"))
    return translate("RegistryStatusBar", "　", "separator between the parts").join(parts)


class RegistryStatusBar(QStatusBar):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        town = registry.municipality
        self.place_label = QLabel(f"{town.prefecture}{town.name}")
        self.terminal_label = QLabel(self.tr("端末: {terminal}").format(terminal=registry.terminal))
        self.sync_label = QLabel(self.tr(SYNC_NOT_SET_UP))
        self.sync_label.setObjectName("sync")
        self.sync_label.setToolTip(self.tr("この端末はまだ自治体クラウドと同期するよう設定されていません"))
        self.sync_button = QPushButton(self.tr("今すぐ同期"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setEnabled(False)
        self.review_button = QPushButton(self.tr("要確認・競合・隔離"))
        self.review_button.setObjectName("review")
        self.staff_label = QLabel()
        self.show_staff(staff)
        self.addWidget(self.staff_label)
        if registry.is_demo:
            demo = QLabel(self.tr("デモデータ（架空の住民）"))
            demo.setStyleSheet("color: #8a4b00; font-weight: bold;")
            self.addWidget(demo)
        for label in (self.place_label, self.terminal_label, self.sync_label):
            label.setStyleSheet("padding: 0 8px; border-left: 1px solid #bbb;")
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.review_button)
        self.addPermanentWidget(self.sync_button)

    def show_staff(self, staff: Staff) -> None:
        self.staff_label.setText(self.tr("職員: {name}　権限: {role}").format(name=staff.display_name,
                                                                          role=staff.role.value))
        self.review_button.setVisible(allowed(staff.role, Permission.RESOLVE_FORK))

    def show_signed_out(self) -> None:
        """After サインアウト: nobody's name until the next one signs in."""
        self.staff_label.setText(self.tr("職員: サインインしていません"))
        self.review_button.setVisible(False)

    def show_sync(self, status: SyncStatus) -> None:
        self.sync_label.setText(sync_text(status))
        missing = describe(list(status.missing)) if status.missing else ""
        self.sync_label.setToolTip("\n".join(t for t in (status.error, missing) if t))
        self.sync_button.setEnabled(status.configured and not status.running)

    def texts(self) -> list[str]:
        return [w.text() for w in self.findChildren(QLabel)]
