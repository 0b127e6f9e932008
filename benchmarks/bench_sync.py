"""Replication speed against one local PouchDB Server, and PouchDB's own replicator pulling the same database.

    python benchmarks/bench_sync.py [--docs 20000] [--repeat 3]

Starts PouchDB Server (installed by scripts/test.sh under .cache/node) on a loopback port, builds a replica with
about N 異動 documents, and prints one JSON object: docs, push_docs_per_s (sending them), pull_docs_per_s (our first
pull into an empty replica: a terminal joining), pouchdb_pull_docs_per_s (PouchDB's replicator with the memory adapter,
pulling the same database in the same run), pull_ratio (ours over PouchDB's), pull_cpu_s and pull_opener_cpu_s (the
processor time of our pull in this process and in the process that opens envelopes; the server's is not counted),
noop_sync_ms and noop_sync_requests (a round with nothing to do in the window, whose connection stays signed in), and
noop_cli_sync_requests (the same from the command line: a staff sign-in, a new connection, one round). Requests are
counted at the cloud's door, by a proxy in front of the server.
The two pulls take turns `--repeat` times (a new terminal joins each time); the figures are medians, pull_ratio the
median of each turn's ratio, so that a moment of load on a shared machine does not decide them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"

from local_store.context import Municipality
from local_store.registry import Registry
from sync import cloud, joining
from tests.support.couch_proxy import Proxy
from tests.support.couch_server import create_database, start_pouchdb

TOWN = Municipality("みどり町", "さくら県", "993018", "緑川　誠一")
NOTIFIER = {"name": "本人", "relation": "本人", "identification": "運転免許証"}


def wall_clock() -> dt.datetime:
    """Benchmarks run on the real clock (the cloud's Date headers are real too)."""
    return dt.datetime.now().astimezone()


def _request(i: int) -> dict[str, object]:
    """One 国内転入 of one synthetic person: one document."""
    return {"reason": "国内転入", "idou_date": "2026-11-01", "notified_on": "2026-11-02", "notifier": NOTIFIER,
            "address": {"text": f"さくら県みどり町本町{i % 9 + 1}丁目{i % 50 + 1}番{i % 20 + 1}号"},
            "previous_address": "東京都千代田区千代田1番1号",
            "persons": [{"name": f"試験　{i}", "name_kana": "シケン　タロウ", "birth": "1980-01-01", "sex": "男",
                         "relationship": "世帯主", "honseki": {"place": "さくら県みどり町本町1番地", "head": f"試験　{i}"}}]}


def _pouchdb_pull(db: Any) -> float:
    """PouchDB's replicator pulling the whole database into memory: documents per second."""
    user, password = db.login("terminal-b")
    node = subprocess.run(["node", str(ROOT / "benchmarks" / "pouchdb_pull.js"), db.url, user],
                          input=password, capture_output=True, text=True, check=True,
                          env={**os.environ, "NODE_PATH": str(ROOT / ".cache" / "node" / "node_modules")})
    pouch = json.loads(node.stdout)
    return float(pouch["docs"] / pouch["seconds"])


def _children_cpu() -> float:
    """Processor time of the child processes that have ended (the opening process of a pull, once it is over)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # Made here, not on import: the process that opens a large pull (sync.opening) imports this module too.
    work = Path(tempfile.mkdtemp(prefix="madoguchi-bench-sync-"))
    os.environ["XDG_DATA_HOME"] = str(work / "keyring")
    server = start_pouchdb(work / "server")
    try:
        db = create_database(server, "bench", ["terminal-a", "terminal-b"])
        a = Registry.create(work / "a", TOWN, "本庁1", ("admin", "管理者", "admin-password"), clock=wall_clock)
        actor = a.sign_in("admin", "admin-password")
        for start in range(0, args.docs, 500):
            a.idou.apply_batch(actor, [_request(i) for i in range(start, min(start + 500, args.docs))])
        total_docs = a.replication.last_seq()
        cloud.login(a, db.url, *db.login("terminal-a"))
        started = time.perf_counter()
        cloud.sync_once(a)
        push_s = time.perf_counter() - started

        ours, theirs, cpu, opener_cpu = [], [], [], []
        for turn in range(1, args.repeat + 1):
            code = joining.issue(a, actor, f"支所{turn}")
            with contextlib.suppress(joining.EnrollmentPending):  # claimed: confirmed here, then the join itself
                joining.join(work / f"b{turn}", db.url, *db.login("terminal-b"), code, clock=wall_clock)
            joining.confirm(a, actor)
            started, cpu_before, children_before = time.perf_counter(), time.process_time(), _children_cpu()
            b = joining.join(work / f"b{turn}", db.url, *db.login("terminal-b"), code, clock=wall_clock)
            ours.append(b.replication.last_seq() / (time.perf_counter() - started))
            cpu.append(time.process_time() - cpu_before)
            opener_cpu.append(_children_cpu() - children_before)  # the opening process, ended with the pull
            b.close()
            theirs.append(_pouchdb_pull(db))

        link = cloud.CloudLink(a)
        link.sync()  # signs in: the no-op rounds below run with a valid session
        noop_ms = []
        for _ in range(5):
            started = time.perf_counter()
            link.sync()
            noop_ms.append((time.perf_counter() - started) * 1000)
        link.close()
        with Proxy(server.url) as door:  # the rounds again, their requests counted at the door (and slowed by it)
            cloud.login(a, door.url_for(db.url), *db.login("terminal-a"))
            link = cloud.CloudLink(a)
            link.sync()
            noop_requests, noop_cli_requests = [], []
            for _ in range(3):
                before = len(door.requests)
                link.sync()
                noop_requests.append(len(door.requests) - before)
            link.close()
            for _ in range(3):
                before = len(door.requests)
                a.sign_in("admin", "admin-password")  # as the command line does for every command
                cloud.sync_once(a)
                noop_cli_requests.append(len(door.requests) - before)
        a.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({
        "docs": total_docs,
        "push_docs_per_s": round(total_docs / push_s, 1),
        "pull_docs_per_s": round(statistics.median(ours), 1),
        "pouchdb_pull_docs_per_s": round(statistics.median(theirs), 1),
        "pull_ratio": round(statistics.median(o / t for o, t in zip(ours, theirs, strict=True)), 2),
        "pull_cpu_s": round(statistics.median(cpu), 2),
        "pull_opener_cpu_s": round(statistics.median(opener_cpu), 2),
        "noop_sync_ms": round(statistics.median(noop_ms), 1),
        "noop_sync_requests": max(noop_requests),
        "noop_cli_sync_requests": max(noop_cli_requests),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
