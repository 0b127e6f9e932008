"""The window's one helper for work off the GUI thread, with real threads and Qt's event loop: what the work reports
arrives on the GUI thread, errors come back in Japanese, cancelling stops the work at its next report, and a job
stopped by a closing dialog drops what its work still posts."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from local_store.errors import StoreError
from ui.common.background import BackgroundJob, Progress

TIMEOUT_MS = 10_000


def recorded(job: BackgroundJob) -> list[tuple[str, Any, bool]]:
    """Every signal of the job as (name, value, whether it came on the GUI thread), in order."""
    seen: list[tuple[str, Any, bool]] = []

    def note(name: str) -> Any:
        return lambda *args: seen.append((name, args[0] if len(args) == 1 else args,
                                          threading.current_thread() is threading.main_thread()))

    for name in ("said", "counted", "posted", "succeeded", "failed", "cancelled", "finished"):
        getattr(job, name).connect(note(name))
    return seen


def test_the_work_reports_and_returns_on_the_gui_thread(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    job = BackgroundJob(label)
    seen = recorded(job)
    job.said.connect(label.setText)
    worker_threads: list[bool] = []

    def work(progress: Progress) -> str:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        progress.say("読んでいます…")
        progress.post({"interim": 1})
        progress.count(3, 3)
        return "済み"

    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        job.begin(work)
        assert job.running
        with pytest.raises(RuntimeError):
            job.begin(work)  # one piece of work at a time
    assert worker_threads == [False]
    assert seen == [("said", "読んでいます…", True), ("posted", {"interim": 1}, True), ("counted", (3, 3), True),
                    ("succeeded", "済み", True), ("finished", (), True)]
    assert label.text() == "読んでいます…" and not job.running

    seen.clear()
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):  # the same job again, for the next piece of work
        job.begin(lambda progress: 42)
    assert seen == [("succeeded", 42, True), ("finished", (), True)]


def test_an_error_comes_back_as_a_message_in_japanese(qtbot: QtBot, qapp: QApplication) -> None:
    job = BackgroundJob(qapp)
    seen = recorded(job)

    def refused(_progress: Progress) -> None:
        raise StoreError("この操作は係長以上が行えます", "refused")

    def broken(_progress: Progress) -> None:
        raise RuntimeError("boom")

    for work in (refused, broken):
        with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
            job.begin(work)
    assert [(name, value) for name, value, _ in seen] == [
        ("failed", "この操作は係長以上が行えます"), ("finished", ()),
        ("failed", "予期しないエラーが起きました（RuntimeError: boom）"), ("finished", ())]
    job.deleteLater()


def test_cancelling_stops_the_work_at_its_next_report(qtbot: QtBot, qapp: QApplication) -> None:
    job = BackgroundJob(qapp)
    seen = recorded(job)
    started, go_on = threading.Event(), threading.Event()
    reached: list[int] = []

    def count(progress: Progress) -> str:
        started.set()
        go_on.wait(TIMEOUT_MS / 1000)
        for done in range(1, 1001):
            progress.count(done, 1000)
            reached.append(done)
        return "数え終わりました"

    job.begin(count)
    assert started.wait(TIMEOUT_MS / 1000)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        go_on.set()
    assert reached == [] and [name for name, _, _ in seen] == ["cancelled", "finished"]
    job.deleteLater()


def test_a_stopped_job_waits_for_its_thread_and_drops_what_the_work_still_posts(
        qtbot: QtBot, qapp: QApplication) -> None:
    job = BackgroundJob(qapp)
    seen = recorded(job)
    started, go_on = threading.Event(), threading.Event()
    finished_work: list[str] = []

    def slow(progress: Progress) -> str:
        progress.say("始めました")
        started.set()
        go_on.wait(TIMEOUT_MS / 1000)
        finished_work.append("done")  # work that never reports again runs to its end
        return "済み"

    job.begin(slow)
    assert started.wait(TIMEOUT_MS / 1000)
    threading.Timer(0.2, go_on.set).start()
    job.stop()  # as a dialog's done() does: returns once the thread has
    assert finished_work == ["done"] and not job.running
    qtbot.wait(100)  # what the work posted reaches the job now, and goes no further
    assert seen == []
    with qtbot.waitSignal(job.succeeded, timeout=TIMEOUT_MS) as answer:
        job.begin(lambda progress: "次")
    assert answer.args == ["次"]
    job.deleteLater()
