"""Work off the GUI thread: the one way the window runs disk and network work that takes longer than a keystroke.

A dialog, page or service makes one `BackgroundJob` and starts it again for each piece of work (a facade call, a
cloud round). The work runs on a worker thread and gets a `Progress` to report through; the job's signals arrive on
the GUI thread, whatever their receivers are (plain functions and lambdas too):

    job = BackgroundJob(self)
    job.counted.connect(self._progressed)      # (done, total): a progress bar
    job.succeeded.connect(self._show_result)   # the work's return value
    job.failed.connect(self._show_error)       # the error as a message in Japanese
    job.begin(lambda progress: registry.statistics.population(staff, as_of, progress=progress.count))

A page whose pieces of work each end their own way says so with each: `job.begin(work, then=shown,
otherwise=refused)` calls one of the two (on the GUI thread) before the signals.

`cancel()` asks the work to stop: its next report through `Progress` raises `Cancelled`, and the job ends with
`cancelled` (work that never reports runs to its end). A dialog that closes calls `stop()`, which cancels and waits
for the thread, so that no thread outlives the widgets it reports to; what the work still posts is then dropped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from domain.errors import ValidationError
from local_store.errors import StoreError
from sync.couch_client import CloudError
from ui.common.field_errors import error_text

COUNT_INTERVAL_S = 0.1  # counts reach the GUI thread at most this often (the last one always)
SUCCEEDED, FAILED, CANCELLED = "succeeded", "failed", "cancelled"


class Cancelled(Exception):
    """Raised by a `Progress` report once the job was cancelled."""


def error_message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return error_text(exc)
    if isinstance(exc, (StoreError, CloudError)):
        return exc.message
    return QCoreApplication.translate("BackgroundJob", "予期しないエラーが起きました（{kind}: {error}）").format(
        kind=type(exc).__name__, error=exc)


class Progress:
    """What the work sees of its job, on the worker thread: a line for the user (`say`), a count for a bar (`count`),
    an interim result for the page (`post`). Each raises `Cancelled` once the job was cancelled, and so does `check`,
    for work that can stop without reporting anything."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker
        self._last_count = 0.0

    def check(self) -> None:
        if self._worker.cancelling.is_set():
            raise Cancelled

    def say(self, text: str) -> None:
        self.check()
        self._worker.said.emit(self._worker.generation, text)

    def count(self, done: int, total: int) -> None:
        self.check()
        now = time.monotonic()
        if done >= total or now - self._last_count >= COUNT_INTERVAL_S:
            self._last_count = now
            self._worker.counted.emit(self._worker.generation, done, total)

    def post(self, value: object) -> None:
        self.check()
        self._worker.posted.emit(self._worker.generation, value)


Work = Callable[[Progress], Any]


class _Worker(QThread):
    """The thread of one job. Its signals carry the generation they belong to: a piece of work the job has stopped
    waiting for may still have reports on their way to the GUI thread."""

    said = Signal(int, str)
    counted = Signal(int, int, int)
    posted = Signal(int, object)
    ended = Signal(int, str, object)  # generation, outcome, the value or the message

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.work: Work | None = None
        self.generation = 0
        self.cancelling = threading.Event()

    def run(self) -> None:
        work, self.work = self.work, None
        assert work is not None
        try:
            value = work(Progress(self))
        except Cancelled:
            self.ended.emit(self.generation, CANCELLED, None)
        except Exception as exc:  # noqa: BLE001 - shown to the user, whatever it was: the thread must not die silently
            self.ended.emit(self.generation, FAILED, error_message(exc))
        else:
            self.ended.emit(self.generation, SUCCEEDED, value)


class BackgroundJob(QObject):
    """Runs one piece of work at a time on its own worker thread; every signal is emitted on the GUI thread, and
    `finished` follows `succeeded`, `failed` or `cancelled`.

    The thread is made once, with the job, and lives as long as it: the job is kept for the life of its page or
    dialog and never deleted from one of its own signals (a finished QThread deleted from its own `finished` signal
    can take the process down with it)."""

    said = Signal(str)
    counted = Signal(int, int)
    posted = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._then: Callable[[Any], None] | None = None
        self._otherwise: Callable[[str], None] | None = None
        self._held: tuple[QWidget, ...] = ()
        self._worker = _Worker(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.said.connect(self._said, queued)
        self._worker.counted.connect(self._counted, queued)
        self._worker.posted.connect(self._posted, queued)
        self._worker.ended.connect(self._ended, queued)

    def holds(self, *widgets: QWidget) -> None:
        """Widgets (the buttons that start work) disabled from `begin` until the work has ended."""
        self._held = widgets

    def _hold(self, held: bool) -> None:
        for widget in self._held:
            widget.setEnabled(not held)

    @property
    def running(self) -> bool:
        """From `begin` until `finished` is emitted (or `stop` returns)."""
        return self._running

    def begin(self, work: Work, *, then: Callable[[Any], None] | None = None,
              otherwise: Callable[[str], None] | None = None) -> None:
        """Start `work`; `then` (its value) or `otherwise` (the error's message) is called on the GUI thread before
        `succeeded` or `failed` is emitted, for a page whose pieces of work each end their own way."""
        if self._running:
            raise RuntimeError("a job is still running")
        self._then, self._otherwise = then, otherwise
        self._worker.work = work
        self._worker.generation += 1
        self._worker.cancelling.clear()
        self._running = True
        self._hold(True)
        self._worker.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next report; it ends with `cancelled`."""
        if self._running:
            self._worker.cancelling.set()

    def stop(self) -> None:
        """Cancel and wait for the thread, dropping what the work still posts: for a dialog that closes."""
        self.cancel()
        self._worker.wait()
        self._worker.generation += 1
        self._running = False
        self._hold(False)

    def _current(self, generation: int) -> bool:
        return self._running and generation == self._worker.generation

    @Slot(int, str)
    def _said(self, generation: int, text: str) -> None:
        if self._current(generation):
            self.said.emit(text)

    @Slot(int, int, int)
    def _counted(self, generation: int, done: int, total: int) -> None:
        if self._current(generation):
            self.counted.emit(done, total)

    @Slot(int, object)
    def _posted(self, generation: int, value: object) -> None:
        if self._current(generation):
            self.posted.emit(value)

    @Slot(int, str, object)
    def _ended(self, generation: int, outcome: str, value: object) -> None:
        if not self._current(generation):
            return
        self._worker.wait()  # at most the moment the thread takes to return from `run` after its last signal
        self._running = False
        self._hold(False)
        if outcome == SUCCEEDED:
            if self._then is not None:
                self._then(value)
            self.succeeded.emit(value)
        elif outcome == FAILED:
            if self._otherwise is not None:
                self._otherwise(str(value))
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.finished.emit()
