"""Replication against a real CouchDB-protocol server (PouchDB Server started by the test run): two terminals and
the cloud, forks and conflicts, end-to-end encryption, checked arrivals, a server that misbehaves or forgets."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader

from domain.kofu_rules import CertificateKind, RequesterKind, request_from
from local_store import derived, documents
from local_store.registry import Registry
from local_store.replication import LOST, Refused
from reports.certificate_pdf import render
from reports.qr_payload import Payload
from reports.verify import qr_texts, verify_pdf
from sync import bundle, joining
from sync import cloud as cloud_sync
from sync.couch_client import CloudAuthError, CloudConfig, CloudError, CouchClient
from sync.enrollment import EnrollmentError
from sync.replicator import Replicator
from tests.support.builders import ADMIN, TOWN, Clock, family, person, tennyu
from tests.support.cli import Ran, cli
from tests.support.couch_proxy import FaultProxy, OpaqueSequenceProxy, Proxy
from tests.support.terminals import Terminal, enroll, join_with, make_terminals, now_clock


@pytest.fixture(params=["direct", "opaque sequences"])
def terminals(request: pytest.FixtureRequest, tmp_path: Path, cloud: Any) -> Iterator[tuple[Terminal, Terminal]]:
    """Terminal A created the municipality; terminal B joined it with an enrollment code. Run once against the
    server directly and once through a proxy that makes every sequence an opaque string, as CouchDB 3.x does."""
    if request.param == "direct":
        a, b = make_terminals(tmp_path, cloud, cloud.url)
        yield a, b
    else:
        with OpaqueSequenceProxy(cloud.url.rsplit("/", 1)[0]) as proxy:
            a, b = make_terminals(tmp_path, cloud, proxy.url + "/" + cloud.url.rsplit("/", 1)[1])
            yield a, b
    a.registry.close()
    b.registry.close()


def snapshot(registry: Registry) -> tuple[Any, ...]:
    conn = registry.store.conn
    return (conn.execute("SELECT doc_id, rev, parent_rev, deleted, class, body FROM revs ORDER BY doc_id, rev").fetchall(),
            derived.snapshot(conn))


def test_a_joined_terminal_holds_the_same_documents_and_derived_tables(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    assert b.registry.residents.counts() == a.registry.residents.counts() == {"residents": 4, "removed": 0, "households": 1, "forked": 0}
    assert snapshot(b.registry) == snapshot(a.registry)
    assert b.registry.terminal == "支所1" and b.registry.terminal_id != a.registry.terminal_id


def test_changes_on_each_terminal_reach_the_other(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    b.registry.apply(b.actor, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
    a.registry.apply(a.actor, tennyu(person("佐藤　二", "サトウ　ツギ", "S61.1.1", "女", "世帯主")))
    b.sync(), a.sync(), b.sync()
    for t in (a, b):
        assert t.registry.search(t.actor, "スズキ ハジメ").ids and t.registry.search(t.actor, "サトウ ツギ").ids
    assert snapshot(a.registry) == snapshot(b.registry)


def test_two_terminals_offline_never_hand_out_the_same_number(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    numbers = []
    for t in (a, b):
        for _ in range(3):
            numbers += [c.row.atena_no for c in t.registry.apply(t.actor, family()).idou.rows]
    assert len(numbers) == len(set(numbers)) == 24


def test_a_fork_is_kept_on_both_and_a_resolution_reaches_the_other(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    atena = a.registry.search(a.actor, "ヤマダ ハナコ").ids
    hanako = a.registry.summaries(atena)[0].atena_no
    mine = a.registry.apply(a.actor, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "A"}}})
    theirs = b.registry.apply(b.actor, {"reason": "職権修正", "idou_date": "R8.11.27",
                                        "set": {hanako: {"former_surname": "佐藤"}}})
    a.sync(), b.sync(), a.sync()
    for t in (a, b):
        record = t.registry.person(t.actor, hanako)
        assert record.forked and set(record.tips) == {mine.doc_id, theirs.doc_id}
    b.registry.apply(b.actor, {"reason": "職権修正", "idou_date": "R8.11.27",
                               "parents": {hanako: [mine.doc_id, theirs.doc_id]},
                               "set": {hanako: {"remarks": "A", "former_surname": "佐藤"}}})
    b.sync(), a.sync()
    for t in (a, b):
        record = t.registry.person(t.actor, hanako)
        assert not record.forked and record.current.former_surname == "佐藤" and record.current.remarks == "A"
    assert snapshot(a.registry) == snapshot(b.registry)


def _join_another(a: Terminal, cloud_db: Any, data_dir: Path) -> Registry:
    return enroll(a.registry, a.actor, "支所9", data_dir, a.url, cloud_db.login("terminal-b"))


def _leaves(registry: Registry) -> tuple[Any, ...]:
    """Each document's winner and leaves: what a terminal that joins must hold (earlier revisions it need not)."""
    conn = registry.store.conn
    winners = conn.execute("SELECT id, rev, deleted FROM docs ORDER BY id").fetchall()
    return winners, {doc_id: sorted(documents.leaves(conn, doc_id)) for doc_id, _, _ in winners}


def test_a_conflict_of_a_mutable_document_is_shown_resolved_and_replicated(
        terminals: tuple[Terminal, Terminal], cloud: Any, tmp_path: Path) -> None:
    a, b = terminals
    a.registry.settings.update(a.actor, {"mayor_name": "緑川　一"})
    b.registry.settings.update(b.actor, {"mayor_name": "緑川　二"})
    a.sync(), b.sync(), a.sync()
    for t in (a, b):
        (conflict,) = t.registry.review.conflicts()
        assert conflict.doc_id == "settings" and len(conflict.losers) == 1
    assert a.registry.settings.get() == b.registry.settings.get()  # CouchDB's winner, the same everywhere
    # A terminal joining now gets the winner with the changes and the losing leaf by `_bulk_get`.
    joined = _join_another(a, cloud, tmp_path / "c")
    assert _leaves(joined) == _leaves(a.registry) and joined.review.conflicts() == a.registry.review.conflicts()
    joined.close()
    a.registry.review.resolve_conflict(a.actor, "settings", {**a.registry.settings.get(), "mayor_name": "緑川　三"})
    a.sync(), b.sync()
    for t in (a, b):
        assert t.registry.review.conflicts() == [] and t.registry.settings.get()["mayor_name"] == "緑川　三"
    joined = _join_another(a, cloud, tmp_path / "d")  # and now the deleted leaves too
    assert _leaves(joined) == _leaves(a.registry) and joined.review.conflicts() == []
    assert derived.snapshot(joined.store.conn) == derived.snapshot(a.registry.store.conn)
    joined.close()


def test_a_sync_with_nothing_to_do_costs_two_requests(terminals: tuple[Terminal, Terminal]) -> None:
    a, _ = terminals
    link = cloud_sync.CloudLink(a.registry, a.url)
    link.sync()  # signs in
    report = link.sync()
    link.close()
    assert (report.pulled, report.pushed, report.requests) == (0, 0, 2)


def test_a_sync_with_nothing_to_do_costs_two_requests_in_the_window_and_four_from_the_command_line(
        tmp_path: Path, cloud: Any) -> None:
    """Counted at the cloud's door. The window's connection stays signed in: checkpoint and `_changes`. The command
    line, a process of its own, signs in first and pulls the audit database (unchanged: one request); the サインイン
    it records waits for an entry worth a push, or until it is five minutes old."""
    with Proxy(cloud.url.rsplit("/", 1)[0]) as proxy:
        remote = proxy.url_for(cloud.url)
        a, b = make_terminals(tmp_path, cloud, remote)
        b.registry.close()
        database = "/" + cloud.url.rsplit("/", 1)[1]
        noop = [("GET", f"{database}/_local/madoguchi-{a.registry.terminal_id}"), ("GET", f"{database}/_changes")]

        def counted(run: Any) -> tuple[Any, list[tuple[str, str]]]:
            before = len(proxy.requests)
            result = run()
            return result, proxy.requests[before:]

        link = cloud_sync.CloudLink(a.registry)
        link.sync()  # signs in, sends what waits to be sent
        report, sent = counted(link.sync)
        assert sent == noop and report.requests == 2
        link.close()

        def sync_from_the_command_line(clock: Clock) -> Ran:
            ran = cli(a.registry.data_dir, "--as", ADMIN[0], "--password-stdin", "sync", stdin=ADMIN[2] + "\n",
                      clock=clock)
            assert ran.returncode == 0, ran.stderr
            return ran

        for _ in range(2):
            ran, sent = counted(lambda: sync_from_the_command_line(now_clock()))
            assert sent == [("POST", "/_session"), *noop, ("GET", f"{database}-audit/_changes")]
            assert "（通信 4 回）" in ran.stdout
        own = a.registry.audit.heads()[a.registry.terminal]
        assert int(a.registry.replication.sync_state()["audit_pushed"]) < own  # the two サインイン wait
        later = Clock(dt.datetime.now().astimezone() + dt.timedelta(minutes=6))
        ran, sent = counted(lambda: sync_from_the_command_line(later))
        assert len(sent) == 4 + 3 and "（通信 7 回）" in ran.stdout  # and head read, entries sent, head written
        assert int(a.registry.replication.sync_state()["audit_pushed"]) == own + 1  # with this run's サインイン
        a.registry.close()


def _server_docs(cloud_db: Any) -> list[dict[str, Any]]:
    answer = requests.get(cloud_db.url + "/_all_docs", params={"include_docs": "true"}, auth=cloud_db.admin, timeout=30)
    answer.raise_for_status()
    return [row["doc"] for row in answer.json()["rows"]]


def test_the_cloud_holds_no_plaintext(tmp_path: Path, cloud: Any) -> None:
    from demo.replica import create_demo

    registry = create_demo(tmp_path / "demo", 120, 4, clock=now_clock())
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    conn = registry.store.conn
    clerk = registry.sign_in("demo-admin", "demo")
    for name, atena_no in conn.execute("SELECT name, atena_no FROM persons LIMIT 5").fetchall():
        registry.search(clerk, name)  # the audit holds the queries and the 宛名番号 viewed
        registry.person(clerk, atena_no)
    cloud_sync.sync_once(registry)
    assert conn.execute("SELECT count(*) FROM audit WHERE action = '照会'").fetchone()[0] == 5
    secrets = {r[0] for r in conn.execute("SELECT name FROM persons")}
    secrets |= {r[0] for r in conn.execute("SELECT address FROM persons")}
    secrets |= {r[0] for r in conn.execute("SELECT mynumber FROM persons WHERE mynumber != ''")}
    secrets |= {r[0] for r in conn.execute("SELECT atena_no FROM persons")}
    secrets |= {part for name in list(secrets) for part in name.split("　") if len(part) >= 2}
    stored = _server_docs(cloud)
    checkpoint = requests.get(cloud.url + "/_local/madoguchi-" + registry.terminal_id, auth=cloud.admin, timeout=30)
    assert checkpoint.status_code == 200
    audited = [row for row in requests.get(cloud.audit_url + "/_all_docs", params={"include_docs": "true"},
                                           auth=cloud.admin, timeout=30).json()["rows"]
               if not row["id"].startswith("_design/")]  # the design document `cloud setup` puts there
    assert len(audited) >= 10
    blob = json.dumps(stored, ensure_ascii=False) + checkpoint.text + json.dumps(audited, ensure_ascii=False)
    assert len(stored) > 50
    leaked = sorted(s for s in secrets | {registry.terminal, "demo-admin", "照会"} if s in blob)
    assert leaked == []
    assert all(set(d) <= {"_id", "_rev", "_deleted", "v", "c", "t", "k", "n", "x"} for d in stored)
    assert all(set(row["doc"]) <= {"_id", "_rev", "v", "c", "k", "n", "x"} for row in audited)
    registry.close()


def test_documents_altered_or_moved_on_the_server_go_to_quarantine(terminals: tuple[Terminal, Terminal],
                                                                   cloud: Any) -> None:
    a, b = terminals
    applied = a.registry.apply(a.actor, family())
    a.sync()
    envelope = requests.get(f"{cloud.url}/{applied.doc_id}", auth=cloud.admin, timeout=30).json()
    sealed = bytearray(envelope["x"].encode())
    sealed[10] = ord("A") if sealed[10] != ord("A") else ord("B")
    altered = {**envelope, "x": sealed.decode()}
    assert requests.put(f"{cloud.url}/{applied.doc_id}", json=altered, auth=cloud.admin, timeout=30).ok
    moved = {k: v for k, v in envelope.items() if k != "_rev"}
    moved["_id"] = "0" * 32
    assert requests.put(f"{cloud.url}/{'0' * 32}", json=moved, auth=cloud.admin, timeout=30).ok
    before = snapshot(b.registry)
    report = b.sync()
    assert report.quarantined >= 2
    reasons = {q.doc_id: q.reason for q in b.registry.review.quarantined(b.actor)}
    assert "0" * 32 in reasons and applied.doc_id in reasons
    # neither the altered revision nor the moved copy touches anything; the genuine revision under the altered one
    # arrives (test_a_genuine_revision_behind_an_altered_one_is_still_pulled)
    assert b.registry.replication.document("0" * 32) is None
    assert b.registry.replication.document(applied.doc_id) == a.registry.replication.document(applied.doc_id)
    assert snapshot(b.registry)[1] == snapshot(a.registry)[1] != before[1]


def _bury(cloud: Any, doc_id: str, how: str) -> str:
    """Write on the server, as someone with access to it but not to the data key, an altered revision on top of the
    genuine one of a document: a child by an ordinary update, or a grandchild pushed as a replicator would, whose
    parent has no body. Either way the altered revision is the only leaf, so `_changes` names only it. Return its
    revision."""
    genuine = requests.get(f"{cloud.url}/{doc_id}", auth=cloud.admin, timeout=30).json()
    sealed = bytearray(genuine["x"].encode())
    sealed[10] = ord("A") if sealed[10] != ord("A") else ord("B")
    altered = {**genuine, "x": sealed.decode()}
    if how == "child":
        answer = requests.put(f"{cloud.url}/{doc_id}", json=altered, auth=cloud.admin, timeout=30)
        assert answer.ok
        return str(answer.json()["rev"])
    start, genuine_hash = genuine["_rev"].split("-", 1)
    altered["_rev"] = f"{int(start) + 2}-{'f' * 32}"
    altered["_revisions"] = {"start": int(start) + 2, "ids": ["f" * 32, "e" * 32, genuine_hash]}
    assert requests.post(f"{cloud.url}/_bulk_docs", json={"docs": [altered], "new_edits": False}, auth=cloud.admin,
                         timeout=30).ok
    return str(altered["_rev"])


@pytest.mark.parametrize("how", ["child", "grandchild"])
def test_a_genuine_revision_behind_an_altered_one_is_still_pulled(terminals: tuple[Terminal, Terminal], cloud: Any,
                                                                   tmp_path: Path, how: str) -> None:
    a, b = terminals
    applied = a.registry.apply(a.actor, family())
    a.sync()
    genuine = a.registry.replication.document(applied.doc_id)
    assert genuine is not None
    altered_rev = _bury(cloud, applied.doc_id, how)
    leaves = requests.get(f"{cloud.url}/{applied.doc_id}", params={"open_revs": "all"}, auth=cloud.admin,
                          headers={"Accept": "application/json"}, timeout=30).json()
    assert [leaf["ok"]["_rev"] for leaf in leaves] == [altered_rev]
    joined = _join_another(a, cloud, tmp_path / "c")  # a first pull: the changes come with the (altered) documents
    b.sync()  # a later pull: the revisions listed are fetched with their history
    for registry, staff in ((b.registry, b.actor), (joined, joined.sign_in(ADMIN[0], ADMIN[2]))):
        assert registry.replication.document(applied.doc_id) == genuine
        assert [(q.doc_id, q.rev) for q in registry.review.quarantined(staff)] == [(applied.doc_id, altered_rev)]
        assert snapshot(registry)[1] == snapshot(a.registry)[1]
    joined.close()


def test_a_genuine_revision_the_server_compacted_away_is_recorded_as_lost(terminals: tuple[Terminal, Terminal],
                                                                          cloud: Any, tmp_path: Path) -> None:
    """After a compaction the server keeps only the leaves' bodies, so the genuine revision under an altered one is
    gone from it. A terminal that never held it stores nothing of the document and quarantines, beside the altered
    revision, the genuine one as lost; the terminal that holds it sees only the altered one. Brought over by file,
    the genuine revision is stored and leaves the quarantine."""
    a, b = terminals
    applied = a.registry.apply(a.actor, family())
    a.sync()
    genuine = a.registry.replication.document(applied.doc_id)
    assert genuine is not None
    altered_rev = _bury(cloud, applied.doc_id, "child")
    assert requests.post(f"{cloud.url}/_compact", json={}, auth=cloud.admin, timeout=30).ok
    deadline = time.monotonic() + 30
    while requests.get(f"{cloud.url}/{applied.doc_id}", params={"rev": genuine.rev}, auth=cloud.admin,
                       timeout=30).ok:
        assert time.monotonic() < deadline, "the compaction did not drop the genuine revision's body"
        time.sleep(0.2)
    b.sync()
    a.sync()
    assert b.registry.replication.document(applied.doc_id) is None
    altered = (applied.doc_id, altered_rev, "does not open: altered, or moved to another id")
    assert sorted((q.doc_id, q.rev, q.reason) for q in b.registry.review.quarantined(b.actor)) == sorted(
        [altered, (applied.doc_id, genuine.rev, LOST)])
    assert [(q.doc_id, q.rev, q.reason) for q in a.registry.review.quarantined(a.actor)] == [altered]

    carried = bundle.export_bundle(a.registry, a.actor, tmp_path / "a-to-b.bundle", b.registry.terminal)
    bundle.import_bundle(b.registry, b.actor, carried.path)
    assert b.registry.replication.document(applied.doc_id) == genuine
    assert [(q.doc_id, q.rev, q.reason) for q in b.registry.review.quarantined(b.actor)] == [altered]


@pytest.mark.parametrize("kind", ["500", "truncate", "malformed", "content_type", "drop", "stall"])
def test_a_misbehaving_server_is_retried_or_refused_and_the_replica_stays_consistent(
        tmp_path: Path, cloud: Any, kind: str) -> None:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    actor = a.sign_in(ADMIN[0], ADMIN[2])
    for _ in range(3):
        a.apply(actor, family())
    server, db = cloud.url.rsplit("/", 1)
    with FaultProxy(server) as proxy:
        client = CouchClient(CloudConfig(f"{proxy.url}/{db}", *cloud.login("terminal-a"),
                                         timeout=1.5, retries=2, backoff=0.05))
        for path in ("_changes", "_revs_diff", "_bulk_docs"):
            proxy.fail_next(kind, count=1, path_contains=path)
        Replicator(a, client).sync()  # one failure each is retried
        proxy.fail_next(kind, count=10, path_contains="_changes")
        before = snapshot(a)
        with pytest.raises(CloudError) as err:
            Replicator(a, client).sync()
        assert err.value.message and "HTTP" not in err.value.message
        assert snapshot(a) == before
        client.close()
    stored = {d["_id"] for d in _server_docs(cloud)}
    assert {r[0] for r in a.store.conn.execute("SELECT id FROM docs")} <= stored
    a.close()


def test_wrong_credentials_and_bad_codes_change_nothing(tmp_path: Path, cloud: Any, terminals: tuple[Terminal, Terminal]
                                                        ) -> None:
    a, _ = terminals
    with pytest.raises(CloudAuthError) as err:
        cloud_sync.login(a.registry, a.url, cloud.login("terminal-a")[0], "wrong password")
    assert "パスワード" in err.value.message
    with pytest.raises(EnrollmentError):
        joining.join(tmp_path / "c", a.url, *cloud.login("terminal-b"), "AAAAA-BBBBB-CCCCC-DDDDD", clock=now_clock())
    assert not (tmp_path / "c").exists()
    code = joining.issue(a.registry, a.actor, "支所2", valid_hours=1)
    later = Clock(dt.datetime.now().astimezone() + dt.timedelta(hours=2))
    with pytest.raises(EnrollmentError) as expired:
        joining.join(tmp_path / "d", a.url, *cloud.login("terminal-b"), code, clock=later)
    assert "期限切れ" in expired.value.message and not (tmp_path / "d").exists()
    code = joining.issue(a.registry, a.actor, "支所3")
    join_with(a.registry, a.actor, code, tmp_path / "e", a.url, cloud.login("terminal-b")).close()
    with pytest.raises(EnrollmentError) as used:  # a code works once
        joining.join(tmp_path / "f", a.url, *cloud.login("terminal-b"), code, clock=now_clock())
    assert used.value.message == "この登録コードは既に使われています" and not (tmp_path / "f" / "terminal.json").exists()


def test_a_recreated_cloud_database_gets_everything_back(terminals: tuple[Terminal, Terminal], cloud: Any) -> None:
    a, b = terminals
    b.registry.apply(b.actor, family())
    b.sync(), a.sync()
    held = {r[0] for r in a.registry.store.conn.execute("SELECT id FROM docs")}
    cloud.recreate()
    report = a.sync()
    assert report.reset == "recreated"
    assert held <= {d["_id"] for d in _server_docs(cloud)}
    assert b.sync().reset == "recreated"


def test_a_cloud_restored_from_an_older_backup_gets_the_rest_back(terminals: tuple[Terminal, Terminal],
                                                                  cloud: Any) -> None:
    a, _ = terminals
    a.sync()
    backup = _server_docs(cloud)
    checkpoint = requests.get(f"{cloud.url}/_local/madoguchi-{a.registry.terminal_id}", auth=cloud.admin,
                              timeout=30).json()
    a.registry.apply(a.actor, family())
    a.sync()
    held = {r[0] for r in a.registry.store.conn.execute("SELECT id FROM docs")}
    cloud.recreate()
    restored = [{k: v for k, v in d.items()} for d in backup]
    assert requests.post(f"{cloud.url}/_bulk_docs", json={"docs": restored, "new_edits": False}, auth=cloud.admin,
                         timeout=30).ok
    del checkpoint["_rev"]
    assert requests.put(f"{cloud.url}/_local/madoguchi-{a.registry.terminal_id}", json=checkpoint, auth=cloud.admin,
                        timeout=30).ok
    report = a.sync()
    assert report.reset == "restored"
    assert held <= {d["_id"] for d in _server_docs(cloud)}


def test_a_joined_terminal_issues_certificates_that_verify_under_the_municipality_s_key(
        terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    head = b.registry.summaries(b.registry.search(b.actor, "ヤマダ タロウ").ids)[0].atena_no
    request = request_from({"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [head],
                            "requester_atena": head, "identification": "運転免許証"})
    issued = b.registry.kofu.issue(b.actor, request, render)
    key = a.registry.kofu.public_key()
    assert verify_pdf(issued.pdfs[0], key).ok
    payload = Payload.parse(qr_texts(PdfReader(io.BytesIO(issued.pdfs[0])).pages[0])[0])
    assert len(payload.signature) == 64 + 32 + 64  # signed with B's own key, certified by the municipality
    assert not verify_pdf(issued.pdfs[0], Ed25519PrivateKey.generate().public_key()).genuine
    assert issued.issue_numbers[0] != a.registry.kofu.issue(a.actor, request, render).issue_numbers[0]


def test_forks_conflicts_and_quarantine_are_listed_and_resolved_from_the_command_line(
        terminals: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = terminals
    a.registry.settings.update(a.actor, {"mayor_name": "緑川　一"})
    b.registry.settings.update(b.actor, {"mayor_name": "緑川　二"})
    a.sync(), b.sync(), a.sync()

    def as_admin(*args: str) -> Ran:
        return cli(a.registry.data_dir, "--as", ADMIN[0], "--password-stdin", *args, stdin=ADMIN[2] + "\n",
                   clock=now_clock())

    altered = "does not open: altered, or moved to another id"
    a.registry.replication.receive([Refused("e" * 32, "1-" + "0" * 32, "idou", altered, {"_id": "e" * 32})])
    shown = as_admin("review")
    assert shown.returncode == 0, shown.stderr
    assert "settings（設定）" in shown.stdout and f"{'e' * 32}（異動）  クラウド上で書き換えられたか" in shown.stdout
    assert altered in shown.stdout  # the reason as recorded, under the explanation
    listed = as_admin("review", "--json")
    assert listed.returncode == 0, listed.stderr
    review = json.loads(listed.stdout)
    assert [c["doc_id"] for c in review["conflicts"]] == ["settings"] and review["forks"] == []
    merged = tmp_path / "merged.json"
    merged.write_text(json.dumps({**a.registry.settings.get(), "mayor_name": "緑川　三"}, ensure_ascii=False),
                      encoding="utf-8")
    resolved = as_admin("resolve-conflict", "settings", str(merged))
    assert resolved.returncode == 0 and "解決しました" in resolved.stdout
    assert as_admin("resolve-conflict", "settings", str(merged)).returncode == 2  # nothing left to resolve
    a.sync(), b.sync()
    assert b.registry.review.conflicts() == [] and b.registry.settings.get()["mayor_name"] == "緑川　三"
