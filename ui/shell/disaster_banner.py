"""Disaster mode: a banner above the window's content while the cloud is out of reach (or was never set up).

It says since when this terminal has been offline, how many changes wait for the cloud, when the cloud was last
reached, and where the last bundle went, and points to file-carried sync. It follows the sync service's status,
so the window reads nothing from the replica for it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from local_store.context import Clock
from ui.common.dates import when
from ui.shell.sync_service import SyncStatus

OFFLINE_AFTER = dt.timedelta(minutes=10)  # a short outage is the status bar's business; a longer one is this


class DisasterBanner(QFrame):
    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setObjectName("disasterBanner")
        self.setStyleSheet("#disasterBanner { background: #fff3cd; border: 2px solid #b35c00; }"
                           "QLabel { color: #5c2e00; }")
        self.headline = QLabel()
        self.headline.setObjectName("disasterHeadline")
        self.headline.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.details = QLabel()
        self.details.setObjectName("disasterDetails")
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        self._offline_since: dt.datetime | None = None
        self.hide()

    def show_status(self, status: SyncStatus) -> None:
        """Shown when the cloud is not set up, or has not been reached for a while; hidden once it answers."""
        if status.running:
            return
        now = self._clock()
        if status.online:
            self._offline_since = None
            self.hide()
            return
        if self._offline_since is None:
            self._offline_since = now  # when this window first found the cloud out of reach
        contact = status.last_contact
        if status.configured and contact is not None and now - contact < OFFLINE_AFTER:
            self.hide()
            return
        if not status.configured:
            self.headline.setText(self.tr("オフライン：クラウドが設定されていません"))
        else:
            since = contact or self._offline_since
            self.headline.setText(self.tr("オフライン：{since} から").format(since=when(since)))
        self.details.setText(self._details(status))
        self.show()

    def _details(self, status: SyncStatus) -> str:
        contact = when(status.last_contact) if status.last_contact else self.tr("なし")
        last = status.last_carry_out
        if last is None:
            carried = self.tr("なし")
        else:
            to = last.target or self.tr("宛先の指定なし")
            carried = self.tr("{file}（{target}、{time}、{count}件）").format(
                file=last.file_name, target=to, time=when(last.at), count=last.count)
        lines = [self.tr("送信待ち {count} 件").format(count=status.pending),
                 self.tr("最後にクラウドに接続した日時：{time}").format(time=contact),
                 self.tr("最後の持出し：{carried}").format(carried=carried)]
        hint = self.tr("窓口の業務はこのまま続けられます。ほかの端末とは「管理 → ファイルによる同期」で持出し・持込みできます")
        return "　".join(lines) + "\n" + hint
