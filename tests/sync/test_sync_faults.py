"""What the server decides and must not: a lost answer to the checkpoint's PUT, a cloud that hangs, a document an
administrator deleted there, a document of another origin with a history of its own. The test cloud, and a server
on loopback in front of it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import requests

from cli.common import EXIT_PENDING, EXIT_QUARANTINED, EXIT_UNREACHABLE
from local_store.quarantine_reasons import explanation
from local_store.registry import Registry
from sync import cloud as cloud_sync
from sync import joining
from sync.couch_client import CloudConfig, CouchClient
from sync.replicator import Replicator
from tests.support.builders import ADMIN, TOWN, family
from tests.support.cli import cli
from tests.support.couch_proxy import FaultProxy
from tests.support.terminals import enroll, make_terminals, now_clock


def test_a_lost_answer_to_the_checkpoint_put_does_not_fail_the_round(tmp_path: Path, cloud: Any) -> None:
    """The server takes the checkpoint but its answer is lost: the retry finds a new revision there (409). The round
    reads the revision again and writes the checkpoint on it."""
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    a.apply(a.sign_in(ADMIN[0], ADMIN[2]), family())
    server, db = cloud.url.rsplit("/", 1)
    with FaultProxy(server) as proxy:
        client = CouchClient(CloudConfig(f"{proxy.url}/{db}", *cloud.login("terminal-a"), timeout=5, retries=2,
                                         backoff=0.05))
        Replicator(a, client).sync()
        a.apply(a.sign_in(ADMIN[0], ADMIN[2]), family())
        proxy.fail_next("drop", path_contains="_local/madoguchi-", method="PUT")
        report = Replicator(a, client).sync()
        assert proxy.pending() == 0 and report.pushed == 2  # the 異動 and the 戸籍の附票 it wrote (本籍 in the town)
        client.close()
    checkpoint = requests.get(f"{cloud.url}/_local/madoguchi-{a.terminal_id}", auth=cloud.admin, timeout=30).json()
    assert checkpoint["round"] == int(a.replication.sync_state()["round"]) == 2
    a.close()


def test_a_hung_cloud_is_given_up_on_the_command_line_within_its_timeout(tmp_path: Path, cloud: Any) -> None:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    a.close()
    server, db = cloud.url.rsplit("/", 1)
    with FaultProxy(server) as proxy:
        proxy.fail_next("stall", count=100, seconds=60, forward=False)
        started = time.monotonic()
        ran = cli(tmp_path / "a", "--as", ADMIN[0], "--password-stdin", "sync", "--remote", f"{proxy.url}/{db}",
                  "--timeout", "2", stdin=f"{ADMIN[2]}\n{cloud.login('terminal-a')[1]}\n", clock=now_clock())
        took = time.monotonic() - started
    assert ran.returncode == EXIT_UNREACHABLE, ran.stderr
    assert "クラウドが応答しません" in ran.stderr and "自動で再試行" not in ran.stderr
    assert took < 10


def test_a_document_deleted_in_the_cloud_is_named_as_such_and_kept(tmp_path: Path, cloud: Any) -> None:
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    applied = a.registry.apply(a.actor, family())
    a.sync(), b.sync()
    genuine = a.registry.replication.document(applied.doc_id)
    there = requests.get(f"{cloud.url}/{applied.doc_id}", auth=cloud.admin, timeout=30).json()
    assert requests.delete(f"{cloud.url}/{applied.doc_id}", params={"rev": there["_rev"]}, auth=cloud.admin,
                           timeout=30).ok
    b.sync()
    (held,) = b.registry.review.quarantined(b.actor)
    assert held.doc_id == applied.doc_id and explanation(held.reason).startswith("クラウドで削除された文書")
    assert b.registry.replication.document(applied.doc_id) == genuine
    joined = enroll(a.registry, a.actor, "支所2", tmp_path / "c", cloud.url, cloud.login("terminal-b"))
    assert joined.replication.document(applied.doc_id) == genuine  # the revision under the tombstone
    assert [q.doc_id for q in joined.review.quarantined(joined.sign_in(ADMIN[0], ADMIN[2]))] == [applied.doc_id]
    joined.close()
    a.registry.close()
    b.registry.close()


@pytest.mark.parametrize("compacted", [False, True])
def test_a_foreign_document_with_two_revisions_is_refused_alone(tmp_path: Path, cloud: Any, compacted: bool) -> None:
    """Written on the server by someone without the data key, then changed: its leaf is refused, and nothing is
    looked for behind it (no genuine revision of ours is there, lost or not)."""
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    first = requests.put(f"{cloud.url}/{'f' * 32}", json={"note": "written on the server"}, auth=cloud.admin,
                         timeout=30).json()
    second = requests.put(f"{cloud.url}/{'f' * 32}", json={"note": "changed", "_rev": first["rev"]}, auth=cloud.admin,
                          timeout=30).json()
    if compacted:
        assert requests.post(f"{cloud.url}/_compact", json={}, auth=cloud.admin, timeout=30).ok
        deadline = time.monotonic() + 30
        while requests.get(f"{cloud.url}/{'f' * 32}", params={"rev": first["rev"]}, auth=cloud.admin, timeout=30).ok:
            assert time.monotonic() < deadline, "the compaction did not drop the first revision's body"
            time.sleep(0.2)
    b.sync()
    assert [(q.doc_id, q.rev) for q in b.registry.review.quarantined(b.actor)] == [("f" * 32, second["rev"])]
    a.registry.close()
    b.registry.close()


def test_a_join_from_the_command_line_says_how_many_documents_it_quarantined(tmp_path: Path, cloud: Any) -> None:
    """A document altered on the server: the joining terminal takes the genuine revision under it, quarantines the
    altered one, and says so (with its exit status), pointing to review."""
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    actor = a.sign_in(ADMIN[0], ADMIN[2])
    applied = a.apply(actor, family())
    cloud_sync.sync_once(a)
    genuine = requests.get(f"{cloud.url}/{applied.doc_id}", auth=cloud.admin, timeout=30).json()
    altered = {**genuine, "x": ("A" if genuine["x"][0] != "A" else "B") + genuine["x"][1:]}
    assert requests.put(f"{cloud.url}/{applied.doc_id}", json=altered, auth=cloud.admin, timeout=30).ok
    code = joining.issue(a, actor, "支所1")
    user, password = cloud.login("terminal-b")
    join = ("init", "--join", cloud.url, "--user", user)
    claimed = cli(tmp_path / "b", *join, "--wait", "0", stdin=f"{password}\n{code}\n", clock=now_clock())
    assert claimed.returncode == EXIT_PENDING, claimed.stderr
    joining.confirm(a, actor)
    joined = cli(tmp_path / "b", *join, stdin=f"{password}\n{code}\n", clock=now_clock())
    assert joined.returncode == EXIT_QUARANTINED, joined.stderr
    assert "として参加し" in joined.stdout and "検査に通らなかった文書 1 件を隔離しました" in joined.stderr
    assert "review" in joined.stderr
    a.close()
