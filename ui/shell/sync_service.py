"""Continuous sync in the window: a round every half minute, or at once when asked, each run as a background job
(`ui.common.background`), reporting what staff and administrators need to see. The window never waits on the
network."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from local_store.bundle_service import CarryOut
from local_store.completeness import Gap
from local_store.errors import StoreError
from local_store.registry import Registry
from sync import cloud
from sync.couch_client import CloudError
from ui.common.background import BackgroundJob, Progress

INTERVAL_MS = 30_000


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    online: bool
    running: bool
    pending: int
    last_success: dt.datetime | None
    error: str
    forked: int
    conflicts: int
    quarantined: int
    skew_minutes: int  # this terminal's clock against the cloud's (positive: ahead)
    last_contact: dt.datetime | None = None  # when the cloud last answered (kept across restarts)
    last_carry_out: CarryOut | None = None  # where the last bundle went (file-carried sync)
    missing: tuple[Gap, ...] = ()  # documents of other terminals that the cloud has not handed over
    untrusted_time: dt.datetime | None = None  # a server time far ahead, waiting for a 管理者 (設定 → クラウド)


class SyncService(QObject):
    """Starts a round when the timer fires or `sync_now` is called; a request during a round runs one more round
    after it. `status` arrives on the GUI thread: as a round begins (when the cloud is set up) and when it ends.

    The rounds are pieces of work like any other dialog's, one at a time on the service's job; what lasts between
    them (the cloud link with its signed-in session, the last outcome) is touched only by the round running."""

    status = Signal(object)

    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self._last_success: dt.datetime | None = None
        self._online = False
        self._error = ""
        self._link: cloud.CloudLink | None = None
        self._last: SyncStatus | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.sync_now)
        self._job = BackgroundJob(self)
        self._job.posted.connect(self._show)
        self._job.succeeded.connect(self._show)
        self._job.failed.connect(self._failed)
        self._job.finished.connect(self._round_ended)

    def start(self) -> None:
        self._timer.start()
        self.sync_now()

    def sync_now(self) -> None:
        if self._job.running:
            self._again = True
            return
        self._job.begin(self._round)

    def shutdown(self) -> None:
        """Stops the timer; a round running stops after the batch it is writing, and the link is closed."""
        self._timer.stop()
        self._job.stop()
        if self._link is not None:
            self._link.close()
            self._link = None

    def _show(self, status: SyncStatus) -> None:
        self._last = status
        self.status.emit(status)

    def _failed(self, message: str) -> None:
        """An error no round expects: said in the status bar, rather than left at 同期中."""
        if self._last is not None:
            self._show(dataclasses.replace(self._last, running=False, error=message))

    def _round_ended(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()

    # --- on the worker thread ------------------------------------------------------------------------------------

    def _round(self, progress: Progress) -> SyncStatus:
        configured = bool(self._registry.replication.sync_state().get("cloud_url"))
        if configured:
            progress.post(self._status(configured, running=True))
            try:
                url = self._registry.replication.sync_state().get("cloud_url")
                if self._link is not None and self._link.client.db_url != url:  # an administrator changed it
                    self._link.close()
                    self._link = None
                if self._link is None:
                    self._link = cloud.CloudLink(self._registry)
                self._link.sync(lambda _phase, _count: progress.check())
                self._online, self._error, self._last_success = True, "", self._registry.now()
            except CloudError as exc:
                self._online, self._error = not exc.offline, exc.message
            except StoreError as exc:
                self._online, self._error = False, exc.message
        return self._status(configured, running=False)

    def _status(self, configured: bool, running: bool) -> SyncStatus:
        # All cheap: partial or primary-key indexes, never a scan of the persons (the window may be searching).
        return SyncStatus(configured, self._online, running, self._registry.replication.pending_changes(), self._last_success,
                          self._error, self._registry.review.fork_count(), len(self._registry.review.conflicts()),
                          self._registry.review.quarantine_count(),
                          round(self._registry.trusted_time.clock_skew().total_seconds() / 60),
                          self._registry.trusted_time.last_cloud_contact(), self._registry.bundles.last_carry_out(),
                          tuple(self._registry.replication.gaps()), self._registry.trusted_time.pending())
