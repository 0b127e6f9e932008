"""Disk and network work of a dialog on a worker thread: the window keeps painting, and hears of progress, the
result or the error by signals (delivered on the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from domain.errors import ValidationError
from local_store.errors import StoreError
from sync.couch_client import CloudError

Report = Callable[[str], None]  # a line of progress for the user
Work = Callable[[Report], Any]


def error_message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return f"{exc.item}: {exc.message}"
    if isinstance(exc, (StoreError, CloudError)):
        return exc.message
    return QCoreApplication.translate("BackgroundJob", "予期しないエラーが起きました（{kind}: {error}）").format(
        kind=type(exc).__name__, error=exc)


class BackgroundJob(QThread):
    """One per dialog page, made once and started again for each piece of work (never deleted while the page
    lives: a finished QThread deleted from its own `finished` signal can take the process down with it)."""

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work: Work | None = None

    def begin(self, work: Work) -> None:
        if self.isRunning():
            raise RuntimeError("a job is still running")
        self._work = work
        self.start()

    def run(self) -> None:
        assert self._work is not None
        try:
            result = self._work(self.progressed.emit)
        except Exception as exc:  # noqa: BLE001 - shown to the user, whatever it was: the thread must not die silently
            self.failed.emit(error_message(exc))
        else:
            self.succeeded.emit(result)
