"""File-carried sync: two terminals that exchange only signed files converge, forks kept and resolved; an altered
bundle, another municipality's, one for another terminal or one taken in twice changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from domain.roles import Role
from local_store import derived, documents, kofu
from local_store.audit import Filter
from local_store.context import Municipality
from local_store.errors import PermissionDenied
from local_store.registry import Registry
from local_store.staff import Staff
from sync import bundle
from sync.envelope import Sealer
from tests.support.builders import ADMIN, Clock, family
from tests.support.cli import cli


@dataclass
class Terminal:
    registry: Registry
    actor: Staff


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Terminal, Terminal]]:
    """Terminal A created the municipality; B joined it from an enrollment and holds nothing else yet."""
    a = Registry.create(tmp_path / "a", Municipality("みどり町", "さくら県", "131016", "町長 一郎"), "本庁1", ADMIN,
                        clock=Clock())
    admin_a = a.sign_in(ADMIN[0], ADMIN[2])
    a.apply(admin_a, family())
    b = Registry.join(tmp_path / "b", a.keys.enrollment(admin_a, "支所1"), clock=Clock())
    first = bundle.export_bundle(a, admin_a, tmp_path / "first.bundle", "支所1")
    bundle.import_bundle(b, _first_actor(), first.path)
    yield Terminal(a, admin_a), Terminal(b, b.sign_in(ADMIN[0], ADMIN[2]))
    a.close()
    b.close()


def _first_actor() -> Staff:
    """An empty replica knows no staff yet (a terminal joins through the cloud, which restores it): here its first
    bundle is taken in under the administrator's name, who signs in once the staff events are here."""
    return Staff(ADMIN[0], ADMIN[1], Role.ADMIN)


def _audit(registry: Registry, actor: Staff) -> list[Any]:
    registry.audit.flush()
    return registry.audit.entries(actor, Filter())


def state(registry: Registry) -> tuple[Any, ...]:
    """Everything a bundle may change: revisions, winners, derived tables, quarantine, and the marks kept."""
    conn = registry.store.conn
    revs = "SELECT doc_id, rev, parent_rev, deleted, class, body FROM revs ORDER BY doc_id, rev"
    return (conn.execute(revs).fetchall(),
            conn.execute("SELECT id, rev, class, deleted FROM docs ORDER BY id").fetchall(),
            derived.snapshot(conn),
            conn.execute("SELECT doc_id, rev, reason FROM quarantine ORDER BY doc_id").fetchall(),
            sorted(registry.replication.sync_state().items()))


def same_documents(x: Registry, y: Registry) -> bool:
    return state(x)[:3] == state(y)[:3]


def carry(source: Terminal, target: Terminal, path: Path, **options: Any) -> bundle.Imported:
    written = bundle.export_bundle(source.registry, source.actor, path, target.registry.terminal, **options)
    return bundle.import_bundle(target.registry, target.actor, written.path)


def test_two_terminals_exchanging_only_files_converge_with_a_fork_kept_and_resolved(
        pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = pair
    assert same_documents(a.registry, b.registry)
    assert b.registry.residents.counts() == {"residents": 4, "removed": 0, "households": 1, "forked": 0}
    hanako = b.registry.summaries(b.registry.search(b.actor, "ヤマダ ハナコ").ids)[0].atena_no
    mine = a.registry.apply(a.actor, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "A"}}})
    theirs = b.registry.apply(b.actor, {"reason": "職権修正", "idou_date": "R8.11.27",
                                        "set": {hanako: {"former_surname": "佐藤"}}})
    to_b = carry(a, b, tmp_path / "a-to-b.bundle")
    to_a = carry(b, a, tmp_path / "b-to-a.bundle")
    # Only what the other lacked: one 異動 each way (B does not send back what came from A).
    assert (to_b.header.count, to_b.result.accepted) == (1, 1)
    assert (to_a.header.count, to_a.result.accepted) == (1, 1)
    for t in (a, b):
        record = t.registry.person(t.actor, hanako)
        assert record.forked and set(record.tips) == {mine.doc_id, theirs.doc_id}
    assert same_documents(a.registry, b.registry)

    b.registry.apply(b.actor, {"reason": "職権修正", "idou_date": "R8.11.27",
                               "parents": {hanako: [mine.doc_id, theirs.doc_id]},
                               "set": {hanako: {"remarks": "A", "former_surname": "佐藤"}}})
    carry(b, a, tmp_path / "resolution.bundle")
    for t in (a, b):
        record = t.registry.person(t.actor, hanako)
        assert not record.forked and record.current.former_surname == "佐藤" and record.current.remarks == "A"
    assert same_documents(a.registry, b.registry)
    # Nothing new: an empty bundle, which changes nothing.
    assert carry(a, b, tmp_path / "empty.bundle").header.count == 0


def test_the_envelopes_stay_sealed_and_the_file_is_signed(pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = pair
    written = bundle.export_bundle(a.registry, a.actor, tmp_path / "x.bundle", everything=True)
    text = written.path.read_text(encoding="utf-8")
    assert "ヤマダ" not in text and "山田" not in text
    read = bundle.read_bundle(written.path)
    assert read.header.count == len(read.envelopes) > 0 and all("_revisions" in e for e in read.envelopes)
    assert bundle.signed_by_municipality(read, b.registry.kofu.public_key())
    # B signs with its certified terminal key: the chain is checked against the municipality's key.
    from_b = bundle.read_bundle(bundle.export_bundle(b.registry, b.actor, tmp_path / "y.bundle", everything=True).path)
    assert len(from_b.signature) == 160 and bundle.signed_by_municipality(from_b, a.registry.kofu.public_key())


def _altered(path: Path, out: Path, change: Any) -> Path:
    value = json.loads(path.read_text(encoding="utf-8"))
    change(value)
    out.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return out


def _flip(text: str) -> str:
    return ("B" if text[0] != "B" else "C") + text[1:]


def test_an_altered_bundle_is_refused_and_changes_nothing(pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = pair
    a.registry.apply(a.actor, family())
    good = bundle.export_bundle(a.registry, a.actor, tmp_path / "good.bundle", "支所1").path
    before = state(b.registry)
    envelope = _altered(good, tmp_path / "envelope.bundle",
                        lambda v: v["envelopes"][0].__setitem__("x", _flip(v["envelopes"][0]["x"])))
    header = _altered(good, tmp_path / "header.bundle", lambda v: v["header"].__setitem__("target", ""))
    dropped = _altered(good, tmp_path / "dropped.bundle", lambda v: v["envelopes"].pop())
    for path in (envelope, header, dropped):
        with pytest.raises(bundle.BundleError, match="署名が正しくありません"):
            bundle.import_bundle(b.registry, b.actor, path)
    broken = tmp_path / "broken.bundle"
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    broken.write_bytes(bytes(raw))
    with pytest.raises(bundle.BundleError):
        bundle.import_bundle(b.registry, b.actor, broken)
    assert state(b.registry) == before
    assert [e.action for e in _audit(b.registry, b.actor) if e.action.startswith("持込み")].count("持込み拒否") == 4
    # The genuine file still goes in.
    assert bundle.import_bundle(b.registry, b.actor, good).result.accepted == 2  # the 異動 and its 戸籍の附票


def test_another_municipalitys_bundle_is_refused(pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    _, b = pair
    other = Registry.create(tmp_path / "other", Municipality("あおば村", "ふじ県", "011002", "村長 二郎"), "役場1",
                            ADMIN, clock=Clock())
    actor = other.sign_in(ADMIN[0], ADMIN[2])
    other.apply(actor, family())
    path = bundle.export_bundle(other, actor, tmp_path / "other.bundle").path
    other.close()
    before = state(b.registry)
    with pytest.raises(bundle.BundleError, match="別の自治体（団体コード 011002）"):
        bundle.import_bundle(b.registry, b.actor, path)
    assert state(b.registry) == before


def test_a_bundle_taken_in_twice_changes_nothing_the_second_time(pair: tuple[Terminal, Terminal],
                                                                   tmp_path: Path) -> None:
    a, b = pair
    a.registry.apply(a.actor, family())
    path = bundle.export_bundle(a.registry, a.actor, tmp_path / "once.bundle", "支所1").path
    first = bundle.import_bundle(b.registry, b.actor, path)
    assert not first.result.already and first.result.accepted == 2  # the 異動 and its 戸籍の附票
    before = state(b.registry)
    again = bundle.import_bundle(b.registry, b.actor, path)
    assert again.result.already and again.result.imported_at == first.result.imported_at
    assert state(b.registry) == before


def test_a_bundle_for_another_terminal_is_refused(pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = pair
    a.registry.apply(a.actor, family())
    path = bundle.export_bundle(a.registry, a.actor, tmp_path / "elsewhere.bundle", "支所2").path
    before = state(b.registry)
    with pytest.raises(bundle.BundleError, match="端末「支所2」宛て"):
        bundle.import_bundle(b.registry, b.actor, path)
    assert state(b.registry) == before


def test_arrivals_are_checked_and_an_envelope_that_does_not_open_is_quarantined(
        pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    """A genuine signature does not make a document acceptable: what arrives passes the checks of a local write."""
    a, b = pair
    applied = a.registry.apply(a.actor, family())
    good = bundle.read_bundle(bundle.export_bundle(a.registry, a.actor, tmp_path / "g.bundle", "支所1").path)
    doc = a.registry.replication.document(applied.doc_id)
    assert doc is not None
    stranger = Sealer("131016", a.registry.terminal_id, b"\x01" * 32).seal(doc, None)
    envelopes = [*good.envelopes, stranger]
    header = bundle.Header(**{**good.header.to_json(), "count": len(envelopes), "bundle_id": "f" * 32})
    unsigned = bundle.Bundle(header, envelopes, b"")
    with a.registry.store.lock:
        sign = kofu.certificate_signer(a.registry.store.conn)
    path = tmp_path / "checked.bundle"
    path.write_bytes(bundle.Bundle(header, envelopes, sign(unsigned.message())).to_bytes())
    result = bundle.import_bundle(b.registry, b.actor, path).result
    assert (result.accepted, result.quarantined) == (2, 1)  # the 異動 and its 戸籍の附票; the stranger
    assert documents.get(b.registry.store.conn, applied.doc_id) is not None


def test_carrying_out_needs_an_administrator_and_is_audited(pair: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = pair
    a.registry.staff.add(a.actor, "clerk", "窓口　一", Role.COUNTER, "clerk-password")
    a.registry.staff.add(a.actor, "chief", "係長　一", Role.SUPERVISOR, "chief-password")
    clerk = a.registry.sign_in("clerk", "clerk-password")
    chief = a.registry.sign_in("chief", "chief-password")
    for who, approver in ((clerk, None), (chief, None), (clerk, chief)):
        with pytest.raises(PermissionDenied):
            bundle.export_bundle(a.registry, who, tmp_path / "no.bundle", "支所1", approver=approver)
    assert not (tmp_path / "no.bundle").exists()
    written = bundle.export_bundle(a.registry, clerk, tmp_path / "ok.bundle", "支所1", approver=a.actor)
    entry = [e for e in _audit(a.registry, a.actor) if e.action == "持出し"][-1]
    assert entry.staff == "clerk" and entry.target == "ok.bundle"
    assert "宛先 支所1" in entry.detail and "文書 2件" in entry.detail and "承認 admin" in entry.detail
    last = a.registry.bundles.last_carry_out()
    assert last is not None and (last.file_name, last.target, last.count) == ("ok.bundle", "支所1", 2)
    taken = bundle.import_bundle(b.registry, b.actor, written.path)
    assert taken.result.accepted == 2  # the two staff accounts
    assert any(e.action == "持込み" and e.target == "ok.bundle" for e in _audit(b.registry, b.actor))


def test_the_command_line_carries_a_bundle_and_refuses_a_clerk(tmp_path: Path, clock: Clock) -> None:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    made = cli(a_dir, "init", "--name", "みどり町", "--prefecture", "さくら県", "--code", "131016", "--mayor",
               "町長 一郎", "--admin", "admin", stdin="admin-password\n")
    assert made.returncode == 0, made.stderr
    a = Registry.open(a_dir, clock=clock)
    admin = a.sign_in("admin", "admin-password")
    a.apply(admin, family())
    a.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-password")
    b = Registry.join(b_dir, a.keys.enrollment(admin, "支所1"), clock=clock)
    a.close()
    b.close()
    out = tmp_path / "usb" / "to-b.bundle"
    out.parent.mkdir()
    refused = cli(a_dir, "--as", "clerk", "--password-stdin", "bundle", "export", "--out", str(out),
                  stdin="clerk-password\n")
    assert refused.returncode == 1 and "持出しファイルの作成" in refused.stderr and not out.exists()
    exported = cli(a_dir, "--as", "admin", "--password-stdin", "bundle", "export", "--out", str(out), "--for", "支所1",
                   stdin="admin-password\n")
    assert exported.returncode == 0, exported.stderr
    assert "端末「支所1」宛て" in exported.stdout and "文書 5 件" in exported.stdout
    b = Registry.open(b_dir, clock=clock)
    first = bundle.import_bundle(b, _first_actor(), out)  # B knows no staff until its first bundle is in
    b.close()
    assert first.result.accepted == 5  # with the 異動's 戸籍の附票
    again = cli(b_dir, "--as", "clerk", "--password-stdin", "bundle", "import", str(out), stdin="clerk-password\n")
    assert again.returncode == 0, again.stderr
    assert "取込み済みです。何も変更していません" in again.stdout
    wrong = tmp_path / "usb" / "for-someone-else.bundle"
    cli(a_dir, "--as", "admin", "--password-stdin", "bundle", "export", "--out", str(wrong), "--for", "支所2",
        stdin="admin-password\n")
    refused_in = cli(b_dir, "--as", "clerk", "--password-stdin", "bundle", "import", str(wrong),
                     stdin="clerk-password\n")
    assert refused_in.returncode == 1 and "端末「支所2」宛て" in refused_in.stderr
