"""The counter window on a large replica, offscreen: process start to a searchable window, and keystroke to rows
shown.

    python benchmarks/bench_ui.py [--residents 300000] [--seed 1] [--queries 100] [--runs 5]

Uses the replica of bench_startup.py (built once in benchmarks/.cache/, its key under a fixed passphrase: synthetic
data only). `ready_ms` is bench_startup's measure from source: from starting `main.py window --measure-startup` to
its window answering a search, less the sign-in (a memory-hard hash), the median of `--runs` starts after one that
warms the file cache. For the keystrokes, each of the typical queries of bench_search.py (フリガナ, 漢字の氏,
生年月日 in 和暦 or 西暦, 住所; drawn from the replica) is committed into the search box of a window in this process as
an input method commits a word, after the box was cleared and the typing pause let pass; the time runs from that
keystroke until the event loop has handled what it caused, including the result table painting its rows (a filter
on the table's viewport checks that it did paint; if not, it is made to). Prints one JSON object: residents,
ready_ms, queries, keystroke_p50_ms, keystroke_p95_ms, keystroke_max_ms, and the mix.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from bench_search import _percentile, typical_queries
from bench_startup import CACHE, PASSPHRASE, build, measure, wall_clock
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from window_bench import ROOT, Paints  # before the program's packages: it puts them on the path

from local_store.registry import Registry
from ui.shell.app import application
from ui.shell.main_window import DEBOUNCE_MS, MainWindow


def commit_text(window: MainWindow, text: str) -> None:
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(window.search_field, event)


def keystroke_ms(window: MainWindow, painted: Paints, query: str) -> float:
    window.search_field.clear()
    QTest.qWait(DEBOUNCE_MS + 30)  # a pause in typing, as between two residents
    return painted.ms(lambda: commit_text(window, query))


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench_ui")
    parser.add_argument("--residents", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data_dir = CACHE / f"startup-{args.residents}-{args.seed}"
    build(data_dir, args.residents, args.seed)
    ready = measure([sys.executable, str(ROOT / "main.py")], data_dir, args.runs)
    app = application()
    registry = Registry.open(data_dir, passphrase=lambda: PASSPHRASE, clock=wall_clock)
    try:
        staff = registry.sign_in("demo", "demo")
        window = MainWindow(registry, staff)
        window.resize(1280, 800)
        window.show()
        QTest.qWait(100)
        painted = Paints(window.table)
        queries = typical_queries(registry, args.queries, args.seed)
        for _, query in queries[:5]:  # warm the page cache as a day at the counter would have
            keystroke_ms(window, painted, query)
        timings: dict[str, list[float]] = {}
        for mix, query in queries:
            timings.setdefault(mix, []).append(keystroke_ms(window, painted, query))
        window.close()
        app.processEvents()
    finally:
        registry.close()
    every = [t for values in timings.values() for t in values]
    print(json.dumps({
        "residents": args.residents,
        "ready_ms": ready["ready_ms"],
        "queries": len(every),
        "keystroke_p50_ms": round(statistics.median(every), 2),
        "keystroke_p95_ms": round(_percentile(every, 0.95), 2),
        "keystroke_max_ms": round(max(every), 2),
        "mix": {mix: {"count": len(values), "p95_ms": round(_percentile(values, 0.95), 2)}
                for mix, values in timings.items()},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
