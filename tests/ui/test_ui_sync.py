"""The window's continuous sync, against the real test cloud: the status bar says what is true."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.replication import Arrival, Refused
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, family
from tests.support.terminals import now_clock
from ui.shell.main_window import MainWindow
from ui.shell.status_bar import SYNC_NOT_SET_UP, sync_text
from ui.shell.sync_service import SyncStatus


def test_the_status_bar_reports_a_real_sync_and_then_the_cloud_gone(qtbot: QtBot, tmp_path: Path, cloud: Any) -> None:
    clock = now_clock()
    registry = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=clock)
    actor = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.apply(actor, family())
    window = MainWindow(registry, actor)
    qtbot.addWidget(window)
    assert window.status.sync_label.text() == SYNC_NOT_SET_UP
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    assert registry.replication.pending_changes() == 4  # the administrator, the settings, the 異動 and its 附票 wait

    window.start_sync()
    qtbot.waitUntil(lambda: "オンライン" in window.status.sync_label.text(), timeout=30_000)
    assert "未送信 0 件" in window.status.sync_label.text()
    assert window.status.sync_button.isEnabled()
    stored = {d for d in cloud.document_ids()}
    assert {r[0] for r in registry.store.conn.execute("SELECT id FROM docs")} <= stored

    registry.apply(actor, family())
    cloud.drop()  # the database is gone: the server answers, the round fails, the change keeps waiting
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: "同期できません" in window.status.sync_label.text(), timeout=60_000)
    assert "未送信 2 件" in window.status.sync_label.text()  # the 異動 and its 戸籍の附票
    assert window.status.sync_label.toolTip()  # the reason, in Japanese

    registry.replication.set_sync_state({"cloud_url": "http://127.0.0.1:9/town"})  # nothing listens there: offline
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: "オフライン" in window.status.sync_label.text(), timeout=60_000)
    assert "未送信 2 件" in window.status.sync_label.text()
    window.close()
    registry.close()


def test_a_terminal_clock_far_from_the_cloud_s_is_shown_and_one_behind_refuses_idou(tmp_path: Path, cloud: Any) -> None:
    """The last trusted time only moves forward; a clock behind it refuses 異動, and a large skew is shown."""
    clock = now_clock()
    registry = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=clock)
    actor = registry.sign_in(ADMIN[0], ADMIN[2])
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))  # the server's Date is seen here
    clock.now -= dt.timedelta(hours=2)  # someone set this terminal's clock back
    try:
        registry.apply(actor, family())
        raise AssertionError("a 異動 was accepted from a clock behind the last trusted time")
    except StoreError as exc:
        assert "時計" in exc.message
    clock.now += dt.timedelta(hours=2)
    registry.apply(actor, family())
    clock.now += dt.timedelta(minutes=30)
    cloud_sync.sync_once(registry)
    status = SyncStatus(True, True, False, 0, None, "", 0, 0, 0, round(registry.trusted_time.clock_skew().total_seconds() / 60))
    assert "端末の時計が30分進んでいます" in sync_text(status)
    registry.close()


def test_the_review_lists_show_a_fork_and_resolve_a_conflict_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    """Two replicas of one terminal's documents make a fork and a settings conflict; the window lists and resolves.
    An arrival altered in the cloud is listed with why it was held back in Japanese, the recorded reason in its
    tooltip."""
    here = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    actor = here.sign_in(ADMIN[0], ADMIN[2])
    hanako = here.apply(actor, family()).idou.rows[1].row.atena_no
    here.close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    here, there = Registry.open(tmp_path / "a", clock=now_clock()), Registry.open(tmp_path / "b", clock=now_clock())
    other = there.sign_in(ADMIN[0], ADMIN[2])
    here.apply(actor, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "A"}}})
    theirs = there.apply(other, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "B"}}})
    here.settings.update(actor, {"mayor_name": "一"})
    there.settings.update(other, {"mayor_name": "二"})
    for doc_id in (theirs.doc_id, "settings"):
        doc = there.replication.document(doc_id)
        assert doc is not None
        parent = there.store.conn.execute("SELECT parent_rev FROM revs WHERE doc_id = ? AND rev = ?",
                                          (doc_id, doc.rev)).fetchone()[0]
        here.replication.receive([Arrival(doc, parent, "", {})])
    there.close()
    altered = "does not open: altered, or moved to another id"
    here.replication.receive([Refused("e" * 32, "1-" + "0" * 32, "idou", altered, {"_id": "e" * 32})])

    window = MainWindow(here, actor)  # the clock `here` was opened with
    qtbot.addWidget(window)
    assert window.status.review_button.isVisibleTo(window)
    window.open_review()
    dialog = window.review_dialog
    assert dialog.forks.rowCount() == 1 and dialog.forks.item(0, 0).text() == hanako
    assert dialog.conflicts.rowCount() == 1 and dialog.conflicts.item(0, 1).text() == "設定"
    assert dialog.quarantine.rowCount() == 1
    received, kind, why, doc_id = (dialog.quarantine.item(0, c) for c in range(4))
    assert received.text().startswith("令和") and (kind.text(), doc_id.text()) == ("異動", "e" * 32)
    assert "書き換えられた" in why.text() and why.toolTip() == altered
    dialog.keep_button.click()
    assert dialog.conflicts.rowCount() == 0 and here.review.conflicts() == []
    dialog.forks.itemActivated.emit(dialog.forks.item(0, 1))
    assert window.person_view.record is not None and window.person_view.record.forked
    window.close()
    here.close()
