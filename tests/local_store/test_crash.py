"""A kill -9 at any moment leaves a replica that opens, passes integrity_check, and whose derived tables equal a rebuild.

These tests really start a process, let it write, and kill it with SIGKILL in the middle (what they start from is
made in this process).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from local_store import derived
from local_store.registry import Registry
from tests.support.builders import Clock
from tests.support.cli import cli
from tests.support.processes import ROOT, kill, wait_for

APPLY_LOOP = """
import sys
from tests.support.builders import Clock, family
from local_store.registry import Registry
from pathlib import Path

registry = Registry.open(Path(sys.argv[1]), clock=Clock())
actor = registry.sign_in("demo-admin", "demo")
for i in range(100000):
    applied = registry.apply(actor, family())
    head = applied.idou.rows[0].row.atena_no
    registry.apply(actor, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {head: {"remarks": f"修正{i}"}}})
    if i == 20:
        print("running", flush=True)
"""


def _check_replica(data_dir: Path) -> int:
    registry = Registry.open(data_dir, clock=Clock())
    try:
        conn = registry.store.conn
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        incremental = derived.snapshot(conn)
        actor = registry.sign_in("demo-admin", "demo")
        count = registry.residents.rebuild(actor)
        assert derived.snapshot(conn) == incremental
        return count
    finally:
        registry.close()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.7])
def test_kill_during_demo_init(tmp_path: Path, delay: float) -> None:
    data_dir = tmp_path / "replica"
    log = tmp_path / "stderr.txt"
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(data_dir), "init", "--demo", "50000"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        wait_for(log, "/50000", proc)
        time.sleep(delay)
        kill(proc)
    count = _check_replica(data_dir)
    assert 0 < count < 50000


@pytest.mark.slow
def test_kill_during_a_long_run_of_apply(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    made = cli(data_dir, "init", "--demo", "20")
    assert made.returncode == 0, made.stderr
    log = tmp_path / "stdout.txt"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", APPLY_LOOP, str(data_dir)], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
        wait_for(log, "running", proc)
        time.sleep(0.5)
        kill(proc)
    assert _check_replica(data_dir) > 20 + 80
