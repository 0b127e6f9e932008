"""Disaster mode: a banner above the window's content while the cloud is out of reach (or was never set up).

It says since when this terminal has been offline, how many changes wait for the cloud, when the cloud was last
reached, and where the last bundle went, and points to file-carried sync. It follows the sync service's status,
so the window reads nothing from the replica for it.

An outage may last days: staff fold the banner to one line (its button, or Ctrl+B from anywhere in the window), which
keeps the headline and what waits for the cloud, and unfold it the same way.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from local_store.context import Clock
from ui.common.dates import when
from ui.shell.sync_service import SyncStatus

OFFLINE_AFTER = dt.timedelta(minutes=10)  # a short outage is the status bar's business; a longer one is this
FOLD_KEYS = "Ctrl+B"


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
        self.summary = QLabel()
        self.summary.setObjectName("disasterSummary")
        self.fold_button = QPushButton()
        self.fold_button.setObjectName("disasterFold")
        self.fold_button.setAutoDefault(False)
        self.fold_button.clicked.connect(self.toggle_folded)
        QShortcut(QKeySequence(FOLD_KEYS), self, self.toggle_folded)
        self.details = QLabel()
        self.details.setObjectName("disasterDetails")
        self.details.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.headline)
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self._offline_since: dt.datetime | None = None
        self.folded = False
        self._show_folded()
        self.hide()

    def toggle_folded(self) -> None:
        """One line (the headline and what waits for the cloud), or all of it."""
        self.folded = not self.folded
        self._show_folded()

    def _show_folded(self) -> None:
        self.details.setVisible(not self.folded)
        self.summary.setVisible(self.folded)
        self.fold_button.setText(self.tr("詳しく（{keys}）").format(keys=FOLD_KEYS) if self.folded
                                 else self.tr("たたむ（{keys}）").format(keys=FOLD_KEYS))

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
        self.summary.setText(self.tr("送信待ち %n 件", "", status.pending))
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
        lines = [self.tr("送信待ち %n 件", "", status.pending),
                 self.tr("最後にクラウドに接続した日時：{time}").format(time=contact),
                 self.tr("最後の持出し：{carried}").format(carried=carried)]
        hint = self.tr("窓口の業務はこのまま続けられます。ほかの端末とは「管理 → ファイルによる同期」で持出し・持込みできます")
        return "　".join(lines) + "\n" + hint
