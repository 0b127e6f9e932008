"""Continuous sync in the window: a worker thread runs a round every half minute, or at once when asked, and
reports what staff and administrators need to see. The window never waits on the network."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from local_store.bundle_facade import CarryOut
from local_store.errors import StoreError
from local_store.registry import Registry
from sync import cloud
from sync.couch_client import CloudError

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


class _Worker(QObject):
    status = Signal(object)

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self._registry = registry
        self._last_success: dt.datetime | None = None
        self._online = False
        self._error = ""
        self._timer: QTimer | None = None
        self._link: cloud.CloudLink | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.run_round)
        self._timer.start(INTERVAL_MS)
        self.run_round()

    @Slot()
    def stop(self) -> None:
        """On the worker's own thread: a timer is stopped and freed where it lives."""
        if self._timer is not None:
            self._timer.stop()
            self._timer.setParent(None)
            self._timer = None
        if self._link is not None:
            self._link.close()
            self._link = None

    @Slot()
    def run_round(self) -> None:
        configured = bool(self._registry.sync_state().get("cloud_url"))
        if configured:
            self.status.emit(self._status(configured, running=True))
            try:
                url = self._registry.sync_state().get("cloud_url")
                if self._link is not None and self._link.client.db_url != url:  # an administrator changed it
                    self._link.close()
                    self._link = None
                if self._link is None:
                    self._link = cloud.CloudLink(self._registry)
                self._link.sync()
                self._online, self._error, self._last_success = True, "", dt.datetime.now().astimezone()
            except CloudError as exc:
                self._online, self._error = not exc.offline, exc.message
            except StoreError as exc:
                self._online, self._error = False, exc.message
        self.status.emit(self._status(configured, running=False))

    def _status(self, configured: bool, running: bool) -> SyncStatus:
        # All cheap: partial or primary-key indexes, never a scan of the persons (the window may be searching).
        return SyncStatus(configured, self._online, running, self._registry.pending_changes(), self._last_success,
                          self._error, len(self._registry.forked_persons()), len(self._registry.conflicts()),
                          self._registry.quarantine_count(),
                          round(self._registry.clock_skew().total_seconds() / 60),
                          self._registry.last_cloud_contact(), self._registry.last_carry_out())


class SyncService(QObject):
    """Owns the worker thread; `status` arrives on the GUI thread."""

    status = Signal(object)
    _sync_now = Signal()

    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(registry)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._worker.status.connect(self.status)
        self._sync_now.connect(self._worker.run_round)

    def start(self) -> None:
        self._thread.start()

    def sync_now(self) -> None:
        self._sync_now.emit()

    def shutdown(self) -> None:
        if self._thread.isRunning():
            QMetaObject.invokeMethod(self._worker, "stop", Qt.ConnectionType.BlockingQueuedConnection)
            self._thread.quit()
            self._thread.wait(60_000)
