"""The audit chains replicated through the municipality's audit database on a real CouchDB-protocol server: each
terminal ends up holding the other's chain whole; an entry altered, moved or held back in the cloud; a chain
rewritten on its terminal after a sync, anchor and all; a terminal restored from a backup; a round cut short by a
failing cloud."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from local_store import audit
from local_store.registry import Registry
from sync import cloud as cloud_sync
from sync.couch_client import CloudError
from sync.envelope import Sealer
from tests.support.builders import ADMIN
from tests.support.cli import Ran, cli
from tests.support.couch_proxy import FaultProxy, OpaqueSequenceProxy
from tests.support.tampering import forge_anchor, rehash
from tests.support.terminals import Terminal, make_terminals, now_clock


@pytest.fixture
def terminals(tmp_path: Path, cloud: Any) -> Iterator[tuple[Terminal, Terminal]]:
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    yield a, b
    a.registry.close()
    b.registry.close()


def searches(t: Terminal, *queries: str) -> None:
    for query in queries:
        t.registry.search(t.actor, query)
    t.registry.audit.flush()


def verify_cli(registry: Registry) -> Ran:
    return cli(registry.data_dir, "--as", ADMIN[0], "--password-stdin", "audit", "verify", stdin=ADMIN[2] + "\n",
               clock=now_clock())


def audit_docs(cloud_db: Any) -> list[dict[str, Any]]:
    answer = requests.get(cloud_db.audit_url + "/_all_docs", params={"include_docs": "true"}, auth=cloud_db.admin,
                          timeout=30)
    answer.raise_for_status()
    return [row["doc"] for row in answer.json()["rows"] if not row["id"].startswith("_design/")]


def entry_url(cloud_db: Any, registry: Registry, terminal: str, seq: int) -> str:
    doc_id = Sealer(*registry.replication.sealing()).record_id("a-", "entry", terminal, seq)
    return f"{cloud_db.audit_url}/{doc_id}"


@pytest.mark.parametrize("through", ["direct", "opaque sequences"])
def test_two_terminals_each_hold_the_other_s_chain_whole(tmp_path: Path, cloud: Any, through: str) -> None:
    if through == "direct":
        a, b = make_terminals(tmp_path, cloud, cloud.url)
        _exchange_and_verify(a, b, cloud)
    else:
        with OpaqueSequenceProxy(cloud.url.rsplit("/", 1)[0]) as proxy:
            a, b = make_terminals(tmp_path, cloud, proxy.url + "/" + cloud.url.rsplit("/", 1)[1])
            _exchange_and_verify(a, b, cloud)
    a.registry.close()
    b.registry.close()


def _exchange_and_verify(a: Terminal, b: Terminal, cloud_db: Any) -> None:
    searches(a, "ヤマダ タロウ", "サトウ")
    searches(b, "スズキ")
    a.sync(), b.sync()
    report = a.sync()
    assert report.audit_pulled > 0
    own_a, own_b = (t.registry.audit.heads()[t.registry.terminal] for t in (a, b))
    for t in (a, b):
        heads = t.registry.audit.heads()
        assert heads["本庁1"] >= own_a - 1 and heads["支所1"] >= own_b - 1  # each holds the other's chain
        verdict = t.registry.audit.verify(t.actor)
        assert verdict.whole, (verdict.tampered, verdict.pending)
        assert set(audit.cited(t.registry.store.conn)) == {"本庁1", "支所1"}
    done = verify_cli(b.registry)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "本庁1" in done.stdout and "支所1" in done.stdout
    stored = audit_docs(cloud_db)
    assert {d["c"] for d in stored} == {audit.ENTRY_CLASS, audit.HEAD_CLASS}
    assert all(set(d) <= {"_id", "_rev", "v", "c", "k", "n", "x"} for d in stored)


def test_an_entry_altered_or_moved_in_the_cloud_is_quarantined_and_reported_as_tampering(
        terminals: tuple[Terminal, Terminal], cloud: Any) -> None:
    a, b = terminals
    first = b.registry.audit.heads()["本庁1"] + 1  # the first entry of A that B does not hold yet
    searches(a, "ヤマダ", "サトウ", "スズキ")
    a.sync()
    url = entry_url(cloud, a.registry, "本庁1", first)
    envelope = requests.get(url, auth=cloud.admin, timeout=30).json()
    sealed = bytearray(envelope["x"].encode())
    sealed[12] = ord("A") if sealed[12] != ord("A") else ord("B")
    assert requests.put(url, json={**envelope, "x": sealed.decode()}, auth=cloud.admin, timeout=30).ok
    moved = {k: v for k, v in requests.get(entry_url(cloud, a.registry, "本庁1", first + 1), auth=cloud.admin,
                                           timeout=30).json().items() if k != "_rev"}
    moved_url = entry_url(cloud, a.registry, "本庁1", 9999)
    moved["_id"] = moved_url.rsplit("/", 1)[1]
    assert requests.put(moved_url, json=moved, auth=cloud.admin, timeout=30).ok
    report = b.sync()
    assert report.quarantined == 2
    reasons = {q.doc_id: q.reason for q in b.registry.review.quarantined(b.actor)}
    assert "does not open" in reasons[url.rsplit("/", 1)[1]] and "another" in reasons[moved["_id"]]
    verdict = b.registry.audit.verify(b.actor)
    assert any("開けないため隔離" in t for t in verdict.tampered)
    assert f"端末「本庁1」: {first} 番の記録がまだ同期で届いていません" in verdict.pending
    done = verify_cli(b.registry)
    assert done.returncode == 4 and "改ざんの疑い" in done.stdout


def test_an_entry_not_yet_pulled_is_pending_until_replication_brings_it(terminals: tuple[Terminal, Terminal],
                                                                       cloud: Any) -> None:
    a, b = terminals
    first = b.registry.audit.heads()["本庁1"] + 1
    searches(a, "ヤマダ", "サトウ", "スズキ")
    a.sync()
    url = entry_url(cloud, a.registry, "本庁1", first)
    envelope = requests.get(url, auth=cloud.admin, timeout=30).json()
    # The entry has not reached this copy of the database yet (a lagging node): held back, then let through.
    gone = requests.delete(url, params={"rev": envelope["_rev"]}, auth=cloud.admin, timeout=30)
    assert gone.ok
    b.sync()
    verdict = b.registry.audit.verify(b.actor)
    assert verdict.tampered == [] and verdict.pending == [f"端末「本庁1」: {first} 番の記録がまだ同期で届いていません"]
    done = verify_cli(b.registry)
    assert done.returncode == 3 and "未着" in done.stdout
    # Written again as a new document over the deletion (CouchDB refuses a write naming the deleted revision).
    back = {key: value for key, value in envelope.items() if key != "_rev"}
    assert requests.put(url, json=back, auth=cloud.admin, timeout=30).ok
    b.sync()
    assert b.registry.audit.verify(b.actor).whole


def test_a_chain_rewritten_on_its_terminal_after_a_sync_is_caught_by_its_anchor_and_by_the_cited_head(
        terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    searches(a, "ヤマダ", "サトウ")
    a.sync(), b.sync()
    assert a.registry.audit.verify(a.actor).whole and b.registry.audit.verify(b.actor).whole
    head = rehash(a.registry, (2, "forged"))
    found = audit.verify(a.registry.store.conn, "本庁1", a.registry.store.audit.anchor).tampered
    assert any("端末の控えと違います" in t for t in found) and any("同期でクラウドに示されたもの" in t for t in found)
    # Whoever also forges the anchor with the key and forgets the heads cited leaves nothing on the terminal...
    forge_anchor(a.registry, head)
    a.registry.store.conn.execute("DELETE FROM meta WHERE key LIKE ?", (audit.CITED_PREFIX + "%",))
    a.registry.close()
    a.registry = Registry.open(a.registry.data_dir, clock=now_clock())
    a.actor = a.registry.sign_in(ADMIN[0], ADMIN[2])
    assert audit.verify(a.registry.store.conn, "本庁1", a.registry.store.audit.anchor).whole
    searches(a, "スズキ")
    report = a.sync()  # ...until its next round reads the head it cited in the cloud
    assert report.audit_pushed > 0
    found = a.registry.audit.verify(a.actor).tampered
    assert any("同期でクラウドに示されたものと違います" in t for t in found)
    b.sync()  # the other terminal holds the original chain: the entries sent since do not link to it
    assert any("本庁1" in t and "つながっていません" in t for t in b.registry.audit.verify(b.actor).tampered)


BACKUP_PASSPHRASE = "backup-passphrase-1"


def test_a_terminal_restored_from_a_backup_starts_a_new_chain_reported_alike_everywhere(
        terminals: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    """The restored copy used to go on with the old chain from the backup's number, so two chains had one name from
    there on: verified whole after one sync, as tampering after the next, and differently on each terminal."""
    a, b = terminals
    searches(a, "ヤマダ")
    a.sync(), b.sync()
    backup = tmp_path / "a.backup"
    a.registry.keys.backup(a.actor, backup, BACKUP_PASSPHRASE)
    cut = a.registry.audit.heads()["本庁1"]
    backed_up = a.registry.audit.digest("本庁1", cut)
    searches(a, "サトウ", "スズキ")  # recorded after the backup: the restored copy never had them
    a.sync(), b.sync()
    a.registry.close()  # the terminal is lost
    restored_dir = tmp_path / "restored"
    done = cli(restored_dir, "restore", str(backup), stdin=BACKUP_PASSPHRASE + "\n", clock=now_clock())
    assert done.returncode == 0, done.stdout + done.stderr
    restored = Registry.open(restored_dir, clock=now_clock())
    chain = restored.audit.chain
    assert chain.startswith("本庁1（復元 ") and restored.store.conn.execute(
        "SELECT action, target, detail FROM audit WHERE terminal = ? AND seq = 1", (chain,)).fetchone() == (
        audit.RESTORED, "本庁1", f"{cut}:{backed_up}")
    r = Terminal(restored, restored.sign_in(ADMIN[0], ADMIN[2]), a.url)
    for round_ in range(2):
        searches(r, f"タナカ{round_}")
        searches(b, f"イトウ{round_}")
        r.sync(), b.sync(), r.sync()
        for t in (r, b):
            done = verify_cli(t.registry)
            assert done.returncode == 0, done.stdout + done.stderr
            assert f"復元: 端末「{chain}」: バックアップ（連番 {cut}）から復元" in done.stdout
            assert "改ざん" not in done.stdout
        assert r.registry.audit.heads()["本庁1"] == b.registry.audit.heads()["本庁1"] > cut  # the old chain, whole
    restored.close()


def test_a_round_cut_short_leaves_nothing_half_written_and_a_retry_is_idempotent(
        terminals: tuple[Terminal, Terminal], cloud: Any) -> None:
    a, b = terminals
    server, name = cloud.url.rsplit("/", 1)
    with FaultProxy(server) as proxy:
        remote = f"{proxy.url}/{name}"
        searches(a, "ヤマダ", "サトウ")
        a.sync(remote)
        searches(a, "スズキ", "タナカ")
        pushed = a.registry.replication.sync_state()["audit_pushed"]
        proxy.fail_next("500", count=5, path_contains="-audit/_bulk_docs")  # every attempt
        with pytest.raises(CloudError):
            a.sync(remote)
        assert a.registry.replication.sync_state()["audit_pushed"] == pushed  # the registry's round went through, not this
        proxy.fail_next("truncate", count=1, path_contains="-audit/_bulk_docs")  # written, the answer lost
        proxy.fail_next("drop", count=1, path_contains=f"-audit/{_head_id(a)}")  # the head read, no answer
        a.sync(remote)
        before = b.registry.replication.sync_state().get("audit_pull_since")
        held = b.registry.audit.heads().get("本庁1")
        proxy.fail_next("malformed", count=5, path_contains="-audit/_changes")
        with pytest.raises(CloudError):
            b.sync(remote)
        assert b.registry.replication.sync_state().get("audit_pull_since") == before and b.registry.audit.heads().get("本庁1") == held
        b.sync(remote)
    assert b.registry.review.quarantine_count() == 0 and a.registry.review.quarantine_count() == 0
    assert a.registry.audit.verify(a.actor).whole
    verdict = b.registry.audit.verify(b.actor)
    assert verdict.whole, (verdict.tampered, verdict.pending)
    own = [d for d in audit_docs(cloud) if d["c"] == audit.ENTRY_CLASS]
    assert len(own) == len({d["_id"] for d in own}) and all(d["_rev"].startswith("1-") for d in own)


def _head_id(t: Terminal) -> str:
    return Sealer(*t.registry.replication.sealing()).record_id("h-", "head", t.registry.terminal)


def test_a_sync_with_nothing_to_do_adds_no_request_for_the_audit(terminals: tuple[Terminal, Terminal]) -> None:
    a, _ = terminals
    link = cloud_sync.CloudLink(a.registry, a.url)
    first = link.sync()  # signs in, pushes the sign-in's entries, pulls the audit database
    assert first.audit_pushed > 0
    assert link.sync().requests == 2
    link.audit.pull_interval = 0  # the pull is due again: one request more
    assert link.sync().requests == 3
    searches(a, "ヤマダ")  # something new here: head read, entries sent, head written, pull
    assert link.sync().requests == 2 + 4
    link.close()
    assert json.loads(a.registry.replication.sync_state()["audit_pull_since"]) not in ("0", 0)
