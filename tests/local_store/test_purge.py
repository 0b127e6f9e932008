"""Purge orders: a legally ordered erasure, signed with the municipality's key, obeyed here, on every terminal that
receives it, and in the cloud."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain import purge as rules
from domain.errors import ValidationError
from domain.roles import Role
from local_store import documents
from local_store.errors import PermissionDenied, StoreError
from local_store.registry import Registry
from local_store.replication import Arrival
from local_store.staff import Staff
from tests.support.builders import ADMIN, NOTIFIER, family, person, tennyu
from tests.support.terminals import Terminal, make_terminals

REASON = "裁判所の命令（令和8年(ワ)第123号）"
GROUND = "誤って記録された個人情報の消去"  # these orders erase 異動 the law keeps (tests/local_store/test_purge_retention.py)


def _rows(registry: Registry, doc_id: str) -> int:
    conn = registry.store.conn
    return sum(conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (doc_id,)).fetchone()[0]
               for table, column in (("revs", "doc_id"), ("docs", "id"), ("person_rows", "doc_id"),
                                     ("quarantine", "doc_id")))


def test_a_purge_erases_the_documents_and_the_persons_left_without_rows(registry: Registry, admin: Staff) -> None:
    kept = registry.apply(admin, family())
    erased = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
    assert registry.search(admin, "スズキ ハジメ").ids
    order = registry.purge.order(admin, [erased.doc_id], REASON, GROUND)
    assert order["doc_ids"] == [erased.doc_id] and order["by"] == ADMIN[0]
    assert _rows(registry, erased.doc_id) == 0 and registry.replication.document(erased.doc_id) is None
    assert not registry.search(admin, "スズキ ハジメ").ids
    assert not registry.search(admin, "鈴木").ids
    assert registry.residents.counts()["residents"] == 4 and registry.replication.document(kept.doc_id) is not None
    assert [o["reason"] for o in registry.purge.orders(admin)] == [REASON]


def test_a_parent_of_a_remaining_document_is_refused_unless_named_too(registry: Registry, admin: Staff) -> None:
    moved_in = registry.apply(admin, family())
    members = [c.row.atena_no for c in moved_in.idou.rows]
    moved = registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                                   "targets": members, "address": {"text": "さくら県みどり町本町3丁目9番1号"}})
    with pytest.raises(ValidationError, match="元になっている"):
        registry.purge.order(admin, [moved_in.doc_id], REASON, GROUND)
    assert registry.residents.counts()["residents"] == 4
    registry.purge.order(admin, [moved.doc_id], REASON, GROUND)
    assert registry.person(admin, members[0]).current.address.text != "さくら県みどり町本町3丁目9番1号"
    registry.purge.order(admin, [moved_in.doc_id], REASON, GROUND)
    assert registry.residents.counts()["residents"] == 0


def test_only_an_administrator_may_order_a_purge(registry: Registry, admin: Staff) -> None:
    applied = registry.apply(admin, family())
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password-1")
    clerk = registry.sign_in("clerk", "clerk-password-1")
    with pytest.raises(PermissionDenied):
        registry.purge.order(clerk, [applied.doc_id], REASON, GROUND)


def _synced(tmp_path: Path, cloud: Any) -> tuple[Terminal, Terminal]:
    return make_terminals(tmp_path, cloud, cloud.url)


def test_the_order_reaches_the_other_terminal_and_the_cloud(tmp_path: Path, cloud: Any) -> None:
    a, b = _synced(tmp_path, cloud)
    try:
        erased = a.registry.apply(a.actor, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
        a.sync(), b.sync()
        assert b.registry.search(b.actor, "スズキ ハジメ").ids
        stale = documents.get(b.registry.store.conn, erased.doc_id)
        assert stale is not None
        a.registry.purge.order(a.actor, [erased.doc_id], REASON, GROUND)
        report = a.sync()
        assert any(note.startswith("消去命令") for note in report.notes)
        # The cloud no longer serves the document's body.
        session = cloud.session("terminal-a")
        assert session.get(f"{cloud.url}/{erased.doc_id}").status_code == 404
        leaves = session.get(f"{cloud.url}/{erased.doc_id}", params={"open_revs": "all"},
                             headers={"Accept": "application/json"}).json()
        assert all("x" not in entry.get("ok", {}) for entry in leaves if isinstance(entry, dict))
        b.sync()
        assert _rows(b.registry, erased.doc_id) == 0 and not b.registry.search(b.actor, "スズキ ハジメ").ids
        assert b.registry.review.quarantine_count() == 0
        assert b.registry.residents.counts() == a.registry.residents.counts()
        # The document arriving again (from a terminal that had not heard of the order) is dropped.
        b.registry.replication.receive([Arrival(stale, None, a.registry.terminal_id, {})])
        assert _rows(b.registry, erased.doc_id) == 0 and b.registry.review.quarantine_count() == 0
        a.sync(), b.sync()
        assert _rows(a.registry, erased.doc_id) == 0 and b.registry.review.quarantine_count() == 0
    finally:
        a.registry.close()
        b.registry.close()


def test_only_the_terminal_with_the_municipality_key_orders_a_purge(tmp_path: Path, cloud: Any) -> None:
    a, b = _synced(tmp_path, cloud)
    try:
        doc_id = next(d.id for d in documents.iter_class(b.registry.store.conn, "idou"))
        with pytest.raises(StoreError, match="署名鍵"):
            b.registry.purge.order(b.actor, [doc_id], REASON, GROUND)
    finally:
        a.registry.close()
        b.registry.close()


def _order(doc_id: str, by: str, key: Ed25519PrivateKey) -> dict[str, Any]:
    unsigned = rules.PurgeOrder((doc_id,), REASON, by, "2026-11-27T10:00:00+09:00").unsigned()
    return {**unsigned, "signature": key.sign(rules.signed_bytes(unsigned)).hex()}


@pytest.mark.parametrize("forgery", ["another key", "not an administrator"])
def test_a_forged_order_is_quarantined(registry: Registry, admin: Staff, forgery: str) -> None:
    applied = registry.apply(admin, family())
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password-1")
    if forgery == "another key":
        body = _order(applied.doc_id, ADMIN[0], Ed25519PrivateKey.generate())
    else:
        key = registry.store.conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'").fetchone()[0]
        body = _order(applied.doc_id, "clerk", Ed25519PrivateKey.from_private_bytes(key))
    doc = documents.Document(documents.new_doc_id(), documents.revision_id(registry.store.data_key, None, False, body),
                             rules.PURGE, body)
    with pytest.raises(StoreError):
        registry.replication.ingest(doc, None, "elsewhere")
    assert registry.review.quarantine_count() == 1
    assert registry.replication.document(applied.doc_id) is not None and registry.residents.counts()["residents"] == 4
