"""Measuring start-up (`main.py --as USER --password-stdin window --measure-startup`, used by
benchmarks/bench_startup.py): the window's start without the sign-in dialog.

Opens the replica (asking for the 端末の合言葉 on standard input if it has one), signs the named staff member in with
the password read next, shows the main window, types one search into its search box and waits for the answer, then
prints one JSON line with the time each step took and quits. Nothing else differs from a normal start: the same
application, fonts, replica and window.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from local_store.context import Clock
from local_store.registry import Registry
from ui.shell.app import application
from ui.shell.main_window import MainWindow

QUERY = "ヤマダ"


def measure_startup(data_dir: Path, user: str, secret: Callable[[str], str], clock: Clock) -> int:
    marks = [time.perf_counter()]
    app = application()
    marks.append(time.perf_counter())
    registry = Registry.open(data_dir, passphrase=lambda: secret("端末の合言葉"), clock=clock)
    marks.append(time.perf_counter())
    try:
        staff = registry.sign_in(user, secret("パスワード"))
        marks.append(time.perf_counter())
        window = MainWindow(registry, staff)
        window.show()
        app.processEvents()
        marks.append(time.perf_counter())
        window.search_field.setText(QUERY)
        window.search_now()
        app.processEvents()
        marks.append(time.perf_counter())
        if window.model.rowCount() == 0:
            print(f"「{QUERY}」で誰も見つかりません", file=sys.stderr)
            return 1
        steps = ("app_ms", "open_ms", "signin_ms", "window_ms", "search_ms")
        print(json.dumps({step: round((after - before) * 1000, 1)
                          for step, (before, after) in zip(steps, pairwise(marks), strict=True)}), flush=True)
        window.close()
        return 0
    finally:
        registry.close()
