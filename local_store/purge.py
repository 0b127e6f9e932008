"""Purge orders inside the replica: checking one, carrying it out, and remembering what must never come back.

Carrying out an order deletes every revision and body of the documents it names (`revs`, `docs`), their rows in the
derived tables (a person left with no rows disappears from `persons` and the search index; the others are
recomputed) and their quarantine rows. The order itself is kept (class `purge`, create-only): a named document
that arrives later, from a terminal that had not heard of the order, is dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain import purge as rules
from domain.errors import ValidationError
from domain.records import Person
from local_store import derived, documents, signing_keys
from local_store.database import Connection

PURGE = rules.PURGE
PURGEABLE = frozenset({"idou", "kofu", "higai"})  # documents about persons; never staff, settings or orders


def signature_problem(body: Any, public_key: Ed25519PublicKey) -> str | None:
    """A purge order is well formed and signed with the municipality's key; None when it is."""
    return signing_keys.municipality_signed_problem(body, public_key, rules.problem, "purge order")


def purged_ids(conn: Connection) -> set[str]:
    """Every document named by a purge order held here."""
    return {doc_id for doc in documents.iter_class(conn, PURGE) for doc_id in doc.body.get("doc_ids", [])}


def check_order(conn: Connection, doc_ids: Sequence[str], today: dt.date, override_ground: str) -> None:
    """Refuse an order that names a document not held here, one that may not be purged, a 異動 that a remaining
    document names as a parent (its later history would break), or — without a legal ground that overrides it — a
    異動 of a person whose record the law still keeps (施行令34条: 除票 150 years)."""
    named = set(doc_ids)
    classes = dict(conn.execute("SELECT id, class FROM docs WHERE id IN (SELECT value FROM json_each(?))",
                                (json.dumps(list(named)),)).fetchall())
    for doc_id in doc_ids:
        if doc_id not in classes:
            raise ValidationError("消去する文書", f"この端末にない文書です（{doc_id}）")
        if classes[doc_id] not in PURGEABLE:
            raise ValidationError("消去する文書", f"この種類の文書（{classes[doc_id]}）は消去できません（{doc_id}）")
    for child, parents in conn.execute("SELECT doc_id, parents FROM person_rows"):
        if child in named:
            continue
        for parent in json.loads(parents):
            if parent in named:
                raise ValidationError(
                    "消去する文書",
                    f"異動 {parent} は残る異動 {child} の元になっているため、単独では消去できません"
                    "（後の履歴が壊れます。後の異動も消去の対象に含めてください）")
    if not override_ground:
        _check_retention(conn, [d for d in doc_ids if classes[d] == "idou"], today)


def _check_retention(conn: Connection, idou_ids: list[str], today: dt.date) -> None:
    touched = conn.execute("SELECT DISTINCT atena_no, doc_id FROM person_rows "
                           "WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id, atena_no",
                           (json.dumps(idou_ids),)).fetchall()
    for atena_no, doc_id in touched:
        current = derived.current_row(conn, atena_no)
        if current is not None and rules.retained(Person.from_json(current[0]), today):
            raise ValidationError(
                "消去する文書",
                f"異動 {doc_id} は法令で保存する記録です（住民票・除票は消除から{rules.RETENTION_YEARS}年保存：施行令34条）。"
                "消去するには保存義務に優先する法的根拠（誤って記録された個人情報の消去など）を指定してください")


def erase(conn: Connection, doc_ids: Iterable[str]) -> list[str]:
    """Delete every revision of the documents named and what is derived from them (inside the caller's
    transaction); return the 宛名番号 of the persons they touched."""
    ids = json.dumps(sorted(set(doc_ids)))
    touched = [r[0] for r in conn.execute(
        "SELECT DISTINCT atena_no FROM person_rows WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))]
    conn.execute("DELETE FROM person_rows WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
    conn.execute("DELETE FROM revs WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
    conn.execute("DELETE FROM docs WHERE id IN (SELECT value FROM json_each(?))", (ids,))
    conn.execute("DELETE FROM quarantine WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
    left = {r[0] for r in conn.execute(
        "SELECT DISTINCT atena_no FROM person_rows WHERE atena_no IN (SELECT value FROM json_each(?))",
        (json.dumps(touched),))}
    gone = [a for a in touched if a not in left]
    conn.executemany("DELETE FROM person_fts WHERE rowid = (SELECT id FROM persons WHERE atena_no = ?)",
                     [(a,) for a in gone])
    conn.executemany("DELETE FROM persons WHERE atena_no = ?", [(a,) for a in gone])
    derived.refresh_persons(conn, [a for a in touched if a in left])
    return touched


def apply_orders(conn: Connection, bodies: Iterable[Mapping[str, Any]]) -> None:
    """Carry out purge orders that were just stored (arrivals: their checks passed)."""
    for body in bodies:
        erase(conn, body["doc_ids"])


def written_here(conn: Connection) -> list[tuple[str, list[str]]]:
    """The purge orders this terminal wrote, (id, documents named)."""
    return [(doc_id, documents.unpack(body)["doc_ids"]) for doc_id, body in conn.execute(
        "SELECT d.id, r.body FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
        "WHERE d.class = ? AND r.origin = '' ORDER BY d.seq", (PURGE,))]
