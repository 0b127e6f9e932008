"""Documents ready for replication: random ids, CouchDB-style revisions, revision history, local change sequence.

A revision id is `N-hash`, the hash being an HMAC under the municipality's data key over the canonical JSON of the
parent revision, the deleted flag and the body: identical edits give identical revisions and nothing leaks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from local_store.database import Connection


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def pack(body: dict[str, Any]) -> bytes:
    """A body as stored: canonical JSON, compressed (a row of Japanese text shrinks to about a third)."""
    return zlib.compress(canonical_json(body), 1)


def unpack(blob: bytes) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(zlib.decompress(blob))
    return body


def new_doc_id() -> str:
    """A random id that reveals nothing about the document."""
    return secrets.token_hex(16)


def revision_id(data_key: bytes, parent_rev: str | None, deleted: bool, body: dict[str, Any]) -> str:
    generation = 1 if parent_rev is None else int(parent_rev.split("-", 1)[0]) + 1
    digest = hmac.new(data_key, canonical_json([parent_rev, deleted, body]), hashlib.sha256).hexdigest()[:32]
    return f"{generation}-{digest}"


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    rev: str
    doc_class: str
    body: dict[str, Any]
    deleted: bool = False


def put_new(conn: Connection, data_key: bytes, doc_class: str, body: dict[str, Any]) -> Document:
    """Insert the first revision of a new document (inside the caller's transaction)."""
    doc = Document(new_doc_id(), revision_id(data_key, None, False, body), doc_class, body)
    insert_revision(conn, doc, parent_rev=None)
    return doc


def put_edit(conn: Connection, data_key: bytes, doc_id: str, doc_class: str, body: dict[str, Any]) -> Document:
    """Write a new revision of a mutable document on top of its current one (or its first revision)."""
    current = conn.execute("SELECT rev FROM docs WHERE id = ?", (doc_id,)).fetchone()
    parent = current[0] if current else None
    doc = Document(doc_id, revision_id(data_key, parent, False, body), doc_class, body)
    insert_revision(conn, doc, parent_rev=parent)
    return doc


def insert_revision(conn: Connection, doc: Document, parent_rev: str | None) -> int:
    """Store one revision and make it the document's current one; return its change sequence."""
    cur = conn.execute(
        "INSERT INTO revs (doc_id, rev, parent_rev, deleted, class, body) VALUES (?, ?, ?, ?, ?, ?)",
        (doc.id, doc.rev, parent_rev, int(doc.deleted), doc.doc_class, pack(doc.body)),
    )
    seq = cur.lastrowid
    assert seq is not None
    conn.execute(
        "INSERT INTO docs (id, rev, seq, class, deleted) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, deleted = excluded.deleted",
        (doc.id, doc.rev, seq, doc.doc_class, int(doc.deleted)),
    )
    return seq


def get(conn: Connection, doc_id: str) -> Document | None:
    row = conn.execute(
        "SELECT d.id, d.rev, d.class, r.body, d.deleted FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
        "WHERE d.id = ?",
        (doc_id,),
    ).fetchone()
    return None if row is None else Document(row[0], row[1], row[2], unpack(row[3]), bool(row[4]))


def iter_class(conn: Connection, doc_class: str) -> Iterator[Document]:
    """Every current document of a class, in change order (read lazily)."""
    for r in conn.execute(
        "SELECT d.id, d.rev, d.class, r.body, d.deleted FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
        "WHERE d.class = ? ORDER BY d.seq",
        (doc_class,),
    ):
        yield Document(r[0], r[1], r[2], unpack(r[3]), bool(r[4]))


def body_of(conn: Connection, doc_id: str) -> dict[str, Any]:
    """The current body of a document that must exist."""
    row = conn.execute(
        "SELECT r.body FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev WHERE d.id = ?", (doc_id,)
    ).fetchone()
    return unpack(row[0])
