"""What the benchmarks of windows share: Qt offscreen in this process, no keyring (their replicas' keys are wrapped by
a fixed passphrase), waiting on the event loop, and the time from an action until the
event loop has handled what it caused and a view has painted (a filter on its viewport counts the paints; if it did
not paint, it is made to).

Import it before the program's packages: it puts the repository on the path (Qt and keyring read the environment
it sets when first used, so it may come after PySide6).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea


def wait(condition: Callable[[], bool], what: str, timeout_s: float = 120) -> None:
    """Let Qt run until `condition` holds, looking at it every millisecond."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(1)


class Paints(QObject):
    """The paints of a view's viewport, and the time an action takes until the view shows its effect."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__()
        self.view = view
        self.count = 0
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False

    def ms(self, action: Callable[[], None], done: Callable[[], bool] = lambda: True, what: str = "the effect") -> float:
        """Milliseconds from `action` until `done` holds, the event loop has handled what followed and the view has
        painted."""
        before = self.count
        started = time.perf_counter()
        action()
        wait(done, what)
        QCoreApplication.processEvents()
        if self.count == before:
            self.view.viewport().repaint()
        return (time.perf_counter() - started) * 1000
