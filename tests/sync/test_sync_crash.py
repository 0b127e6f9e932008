"""kill -9 of a syncing process at random moments, twenty times in each direction: after a restart everything
converges, with no document lost, duplicated or corrupted."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from demo.replica import create_demo
from local_store import derived
from local_store.registry import Registry
from sync import cloud as cloud_sync
from tests.support.builders import family
from tests.support.terminals import enroll, now_clock

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
MAX_ATTEMPTS = 60




def _sync_process(data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "main.py", "--data-dir", str(data_dir), "--as", "demo-admin", "--password-stdin", "sync", "--batch", "2"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_at_random(data_dir: Path, rng: random.Random) -> bool:
    """Start a sync and kill it after a random delay; True when it was still running."""
    proc = _sync_process(data_dir)
    assert proc.stdin is not None
    proc.stdin.write(b"demo\n")
    proc.stdin.close()
    time.sleep(rng.uniform(0.4, 1.0))  # interpreter start-up, then somewhere inside the round
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.stderr is not None
    errors = proc.stderr.read().decode(errors="replace")
    assert alive or proc.returncode == 0, errors  # a round that ended by itself ended well
    return alive


def _consistent(registry: Registry) -> tuple[Any, ...]:
    conn = registry.store.conn
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT count(*) FROM revs").fetchone()[0] == \
        conn.execute("SELECT count(DISTINCT doc_id || rev) FROM revs").fetchone()[0]
    incremental = derived.snapshot(conn)
    registry.residents.rebuild(registry.sign_in("demo-admin", "demo"))
    assert derived.snapshot(conn) == incremental
    # Every leaf revision with its body: replication carries leaves (an ancestor's body stays where it was made).
    leaves = conn.execute("SELECT doc_id, rev, body FROM revs r WHERE NOT EXISTS (SELECT 1 FROM revs c WHERE "
                          "c.doc_id = r.doc_id AND c.parent_rev = r.rev) ORDER BY doc_id, rev").fetchall()
    return (leaves, incremental)


@pytest.mark.slow
def test_kill_during_sync_in_both_directions_converges(tmp_path: Path, cloud: Any) -> None:
    rng = random.Random(20261127)
    a = create_demo(tmp_path / "a", 300, 9, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    actor = a.sign_in("demo-admin", "demo")
    # push: each round has a hundred new 異動 to send in small batches; rounds go on until twenty were cut off
    # while they ran (a round that finished first does not count)
    killed = attempts = 0
    while killed < KILLS and attempts < MAX_ATTEMPTS:
        a.idou.apply_batch(actor, [family() for _ in range(100)])
        a.close()
        killed += _kill_at_random(tmp_path / "a", rng)
        attempts += 1
        a = Registry.open(tmp_path / "a", clock=now_clock())
        actor = a.sign_in("demo-admin", "demo")
    assert killed == KILLS
    cloud_sync.sync_once(a)
    enroll(a, actor, "支所1", tmp_path / "b", cloud.url, cloud.login("terminal-b")).close()
    # pull: each round B has a hundred new 異動 to receive, until twenty rounds were cut off
    killed = attempts = 0
    while killed < KILLS and attempts < MAX_ATTEMPTS:
        a.idou.apply_batch(actor, [family() for _ in range(100)])
        cloud_sync.sync_once(a)
        killed += _kill_at_random(tmp_path / "b", rng)
        attempts += 1
    assert killed == KILLS
    link = cloud_sync.CloudLink(a)
    link.sync()
    assert link.sync().requests == 2  # nothing left to do
    link.close()
    expected = _consistent(a)
    a.close()
    b = Registry.open(tmp_path / "b", clock=now_clock())
    cloud_sync.sync_once(b)
    assert _consistent(b) == expected
    b.close()
