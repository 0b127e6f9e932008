"""The numbering authority's top-up of the terminals it enrolled: each terminal enrolled before a kind existed is
granted a range of it, once, in one transaction audited once; a revoked terminal gets nothing; a lease document is
accepted on arrival only under the municipality's key; a terminal without a range tells its staff to sync.

A terminal "enrolled before the kind existed" is simulated by enrolling it while `KINDS` (as the enrollment reads it)
is the tuple of the old kinds."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from local_store import arrivals, documents, keys_service, numbering
from local_store.backup import restore
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, Clock

OLD_KINDS = ("atena", "setai", "hakko", "risai")  # the kinds before 閲覧 and 印鑑登録 were added
NEW_KINDS = ["etsuran", "inkan"]


def enroll_old(registry: Registry, admin: Staff, name: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The enrollment of a terminal made by the program as it was before the new kinds."""
    with monkeypatch.context() as old_program:
        old_program.setattr(keys_service, "KINDS", OLD_KINDS)
        return registry.keys.enrollment(admin, name)


def granted(registry: Registry) -> list[dict[str, Any]]:
    return [d.body for d in documents.iter_class(registry.store.conn, numbering.NLEASE)]


def audited(registry: Registry) -> list[tuple[str, str]]:
    registry.store.flush()
    return registry.store.conn.execute("SELECT target, detail FROM audit WHERE action = ?",
                                       (keys_service.LEASES_GRANTED,)).fetchall()


def test_each_terminal_is_granted_the_kinds_it_lacks_once(registry: Registry, admin: Staff,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    b = enroll_old(registry, admin, "支所1", monkeypatch)["terminal_id"]
    c = enroll_old(registry, admin, "支所2", monkeypatch)["terminal_id"]
    registry.keys.enrollment(admin, "支所3")  # enrolled with every kind: nothing is due
    assert registry.keys.top_up_leases() == 4
    leases = granted(registry)
    assert sorted((body["terminal"], body["kind"]) for body in leases) == sorted(
        (t, k) for t in (b, c) for k in NEW_KINDS)
    assert all(numbering.lease_problem(body, registry._numbering.public_key) is None for body in leases)
    assert audited(registry) == [(" ".join(sorted((b, c))), "; ".join(
        f"{name}: 閲覧の受付番号、印鑑登録の登録番号" for _, name in sorted([(b, "支所1"), (c, "支所2")])))]
    ranges = sorted((body["first"], body["last"]) for body in leases if body["kind"] == "inkan")
    ranges.append((registry._numbering.grant("inkan", registry.terminal_id)["first"], 10**9))
    assert all(one[1] < other[0] for one, other in itertools.pairwise(ranges))  # never overlapping

    assert registry.keys.top_up_leases() == 0  # the second time: nothing more, and no audit entry
    assert len(granted(registry)) == 4 and len(audited(registry)) == 1


def test_a_revoked_terminal_gets_no_new_lease(registry: Registry, admin: Staff,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    b = enroll_old(registry, admin, "支所1", monkeypatch)["terminal_id"]
    enroll_old(registry, admin, "支所2", monkeypatch)
    registry.keys.revoke_signing_key(admin, "支所2", "端末の紛失")
    assert registry.keys.top_up_leases() == 2
    assert {body["terminal"] for body in granted(registry)} == {b}


def test_a_terminal_without_a_range_tells_its_staff_to_sync(registry: Registry, admin: Staff, clock: Clock,
                                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    joined = Registry.join(tmp_path / "b", enroll_old(registry, admin, "支所1", monkeypatch), clock=clock)
    try:
        assert joined.keys.top_up_leases() == 0  # not the numbering authority: it grants nothing
        waiting = "閲覧の受付番号の払い出し範囲がありません。番号の払い出しを待っています。同期してから、もう一度行ってください"
        with pytest.raises(StoreError, match=waiting), joined.store.write():
            joined._numbering.draw_serial("etsuran")
        # a backup sets a reserve of every kind aside: it too waits for the ranges, and says so
        with pytest.raises(StoreError, match="閲覧の受付番号の払い出し範囲の残りが少なく.*同期して"), joined.store.write():
            joined._numbering.reserve_for_backup()
    finally:
        joined.close()


def test_a_lease_document_is_accepted_only_under_the_municipalitys_key(registry: Registry, admin: Staff,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    enroll_old(registry, admin, "支所1", monkeypatch)
    registry.keys.top_up_leases()
    lease = granted(registry)[0]
    checks = arrivals.Checks(registry.store.conn, registry._numbering.public_key, registry.today())

    def problem(body: dict[str, Any]) -> str | None:
        return checks.problem(documents.Document("doc", "1-x", numbering.NLEASE, body))

    assert problem(lease) is None
    forger = Ed25519PrivateKey.generate()  # a terminal that holds the data key but not the municipality's key
    wider = {**lease, "last": lease["last"] + 10**6}
    assert problem(wider) == "a number lease with a bad signature"
    payload = numbering._payload(lease["id"], "inkan", lease["terminal"], 1, 2, lease["issued_at"])
    forged = {**lease, "kind": "inkan", "first": 1, "last": 2, "signature": forger.sign(payload).hex()}
    assert problem(forged) == "a number lease with a bad signature"
    assert problem({**lease, "kind": "unknown"}) == "a lease of an unknown kind or an empty range"
    assert problem({"id": "x"}) == "a malformed lease"


def test_a_restored_replica_never_takes_a_lease_its_backup_held_unused(
        registry: Registry, admin: Staff, clock: Clock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The terminal may have taken the lease into use after the backup, so its restored copy abandons it with the
    rest, and a lease granted to it after the backup and before the restore too. Every range counts as nearly used up here (the low-water mark above any range), so that the authority
    grants B a second 宛名番号 range that B holds unused when its backup is made."""
    b = Registry.join(tmp_path / "b", registry.keys.enrollment(admin, "支所1"), clock=clock)
    try:
        for doc in documents.iter_class(registry.store.conn, "staff"):  # as the first sync would bring them
            b.replication.ingest(doc)
        monkeypatch.setattr(numbering, "LOW_WATER", 10**12)
        registry.keys.top_up_leases()
        for doc in documents.iter_class(registry.store.conn, numbering.NLEASE):
            b.replication.ingest(doc)
        b.keys.backup(b.sign_in(ADMIN[0], ADMIN[2]), tmp_path / "b.mdgbak", "backup-passphrase")
    finally:
        b.close()
    registry.keys.top_up_leases()  # granted after the backup, before the restore: B may have drawn from it since
    restore(tmp_path / "b.mdgbak", tmp_path / "copy", "backup-passphrase", None, clock=clock)
    copy = Registry.open(tmp_path / "copy", clock=clock)
    try:
        for doc in documents.iter_class(registry.store.conn, numbering.NLEASE):  # the copy's first sync
            copy.replication.ingest(doc)
        drawn: list[str] = []
        with pytest.raises(StoreError, match="宛名番号の払い出し範囲がありません"), copy.store.write():
            while True:  # the reserve, and then nothing: not the unused lease
                drawn.append(copy._numbering.draw("atena"))
        unused = [d.body for d in documents.iter_class(copy.store.conn, numbering.NLEASE)
                  if d.body["kind"] == "atena"]
        assert len(unused) == 2 and len(drawn) > numbering.RESERVE_SIZE * 0.8
        assert not any(u["first"] <= int(n[:-1]) <= u["last"] for u in unused for n in drawn)
    finally:
        copy.close()
