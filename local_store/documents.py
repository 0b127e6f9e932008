"""Documents ready for replication: random ids, CouchDB-style revisions, revision history, local change sequence.

A revision id is `N-hash`, the hash being an HMAC under the municipality's data key over the canonical JSON of the
parent revision, the deleted flag and the body: identical edits give identical revisions and nothing leaks.

Each document a terminal creates (`put_new`: every class but the mutable settings) gets that terminal's next number
(`doc_numbers`, this terminal's under ''); it travels sealed with the document, so that every other terminal can
tell which of its documents have not arrived (`local_store.completeness`). Edits of a mutable document get none: a
terminal that joins receives only a document's latest revision.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from domain.canonical import canonical_json
from local_store.database import Connection


def pack(body: dict[str, Any]) -> bytes:
    """A body as stored: canonical JSON, compressed (a row of Japanese text shrinks to about a third)."""
    return pack_json(canonical_json(body))


def pack_json(body_json: bytes) -> bytes:
    """`pack` of a body whose canonical JSON the caller has already made."""
    return zlib.compress(body_json, 1)


def unpack(blob: bytes) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(zlib.decompress(blob))
    return body


def new_doc_id() -> str:
    """A random id that reveals nothing about the document."""
    return secrets.token_hex(16)


def revision_id(data_key: bytes, parent_rev: str | None, deleted: bool, body: dict[str, Any]) -> str:
    return revision_id_of_json(data_key, parent_rev, deleted, canonical_json(body))


def revision_id_of_json(data_key: bytes, parent_rev: str | None, deleted: bool, body_json: bytes) -> str:
    """`revision_id` of a body whose canonical JSON the caller has already made. The HMAC is over
    `canonical_json([parent_rev, deleted, body])`, written out here around the body's bytes."""
    generation = 1 if parent_rev is None else int(parent_rev.split("-", 1)[0]) + 1
    parent_json = b"null" if parent_rev is None else canonical_json(parent_rev)
    message = b"[" + parent_json + (b",true," if deleted else b",false,") + body_json + b"]"
    digest = hmac.new(data_key, message, hashlib.sha256).hexdigest()[:32]
    return f"{generation}-{digest}"


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    rev: str
    doc_class: str
    body: dict[str, Any]
    deleted: bool = False


def put_new(conn: Connection, data_key: bytes, doc_class: str, body: dict[str, Any]) -> Document:
    """Insert the first revision of a new document, with this terminal's next number (inside the caller's
    transaction)."""
    doc = Document(new_doc_id(), revision_id(data_key, None, False, body), doc_class, body)
    insert_revision(conn, doc, parent_rev=None)
    conn.execute("INSERT INTO doc_numbers (terminal, number, doc_id, rev) SELECT '', coalesce(max(number), 0) + 1, ?, ? "
                 "FROM doc_numbers WHERE terminal = ''", (doc.id, doc.rev))
    return doc


def number_revisions(conn: Connection, numbered: Iterable[tuple[str, int, str, str]]) -> None:
    """Record the numbers that arrived with revisions: (terminal, number, document id, revision); this terminal's
    own under ''. A number already recorded is kept."""
    conn.executemany("INSERT OR IGNORE INTO doc_numbers (terminal, number, doc_id, rev) VALUES (?, ?, ?, ?)", numbered)


def number_of(conn: Connection, doc_id: str, rev: str) -> int | None:
    """The number a revision was created with by its terminal (None: an edit, or made before documents had one)."""
    row = conn.execute("SELECT number FROM doc_numbers WHERE doc_id = ? AND rev = ?", (doc_id, rev)).fetchone()
    return None if row is None else int(row[0])


def put_edit(conn: Connection, data_key: bytes, doc_id: str, doc_class: str, body: dict[str, Any]) -> Document:
    """Write a new revision of a mutable document on top of its current one (or its first revision)."""
    current = conn.execute("SELECT rev FROM docs WHERE id = ?", (doc_id,)).fetchone()
    parent = current[0] if current else None
    doc = Document(doc_id, revision_id(data_key, parent, False, body), doc_class, body)
    insert_revision(conn, doc, parent_rev=parent)
    return doc


def insert_revision(conn: Connection, doc: Document, parent_rev: str | None, origin: str = "",
                    body_json: bytes | None = None) -> int | None:
    """Store one revision (`origin`: the terminal that wrote it, empty for this one; `body_json`: the body's
    canonical JSON when the caller has it) and choose the document's winning revision again; return its change
    sequence, or None when the revision was already here."""
    blob = pack_json(body_json) if body_json is not None else pack(doc.body)
    cur = conn.execute(
        "INSERT OR IGNORE INTO revs (doc_id, rev, parent_rev, deleted, class, body, origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.rev, parent_rev, int(doc.deleted), doc.doc_class, blob, origin),
    )
    if cur.rowcount == 0:
        return None
    seq = cur.lastrowid
    assert seq is not None
    if parent_rev is None and conn.execute(
            "INSERT OR IGNORE INTO docs (id, rev, seq, class, deleted) VALUES (?, ?, ?, ?, ?)",
            (doc.id, doc.rev, seq, doc.doc_class, int(doc.deleted))).rowcount == 1:
        return seq  # the first revision of a new document: its only leaf, so the winner
    _choose_winner(conn, doc, seq)
    return seq


@dataclass(frozen=True, slots=True)
class NewRevision:
    """A revision to store with `insert_revisions`: its document, parent, origin terminal and packed body."""

    doc: Document
    parent_rev: str | None
    origin: str
    packed: bytes  # `pack(doc.body)`


def insert_revisions(conn: Connection, revisions: Sequence[NewRevision]) -> None:
    """`insert_revision` for many revisions, none of them here yet, in one pass (inside the caller's transaction):
    the revisions in order, then each document's winning revision once, with the sequence of its last revision."""
    if not revisions:
        return
    before = conn.execute("SELECT coalesce(max(seq), 0) FROM revs").fetchone()[0]
    conn.executemany(
        "INSERT INTO revs (doc_id, rev, parent_rev, deleted, class, body, origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(r.doc.id, r.doc.rev, r.parent_rev, int(r.doc.deleted), r.doc.doc_class, r.packed, r.origin)
         for r in revisions])
    last_seq = {doc_id: seq for seq, doc_id in conn.execute(
        "SELECT seq, doc_id FROM revs WHERE seq > ? ORDER BY seq", (before,))}
    latest = {r.doc.id: r for r in revisions}
    counts: dict[str, int] = {}
    for r in revisions:
        counts[r.doc.id] = counts.get(r.doc.id, 0) + 1
    known = held_documents(conn, latest)
    # The first revision of a new document, alone in the batch: its only leaf, so the winner.
    first = [r for r in latest.values() if r.parent_rev is None and counts[r.doc.id] == 1 and r.doc.id not in known]
    conn.executemany("INSERT INTO docs (id, rev, seq, class, deleted) VALUES (?, ?, ?, ?, ?)",
                     [(r.doc.id, r.doc.rev, last_seq[r.doc.id], r.doc.doc_class, int(r.doc.deleted)) for r in first])
    chosen = {r.doc.id for r in first}
    for doc_id, r in latest.items():
        if doc_id not in chosen:
            _choose_winner(conn, r.doc, last_seq[doc_id])


def held_documents(conn: Connection, doc_ids: Iterable[str]) -> set[str]:
    """Of the documents named, those this replica holds."""
    return {r[0] for r in conn.execute("SELECT id FROM docs WHERE id IN (SELECT value FROM json_each(?))",
                                       (json.dumps(list(doc_ids)),))}


def held_revisions(conn: Connection, doc_ids: Iterable[str]) -> set[tuple[str, str]]:
    """Every revision this replica holds of the documents named, as (document id, revision)."""
    return {(r[0], r[1]) for r in conn.execute(
        "SELECT doc_id, rev FROM revs WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)),))}


def _choose_winner(conn: Connection, doc: Document, seq: int) -> None:
    """Choose the winning revision of a document again after its revision `doc` was stored with `seq`."""
    winner, deleted = winning_leaf(leaves(conn, doc.id))
    conn.execute(
        "INSERT INTO docs (id, rev, seq, class, deleted) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, deleted = excluded.deleted",
        (doc.id, winner, seq, doc.doc_class, int(deleted)),
    )


def _generation(rev: str) -> int:
    return int(rev.split("-", 1)[0])


def leaves(conn: Connection, doc_id: str) -> list[tuple[str, bool]]:
    """The revisions of a document that no other revision is based on: (rev, deleted)."""
    return [(r[0], bool(r[1])) for r in conn.execute(
        "SELECT rev, deleted FROM revs r WHERE doc_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM revs c WHERE c.doc_id = r.doc_id AND c.parent_rev = r.rev)", (doc_id,))]


def winning_leaf(candidates: list[tuple[str, bool]]) -> tuple[str, bool]:
    """CouchDB's rule: a live leaf before a deleted one, then the highest generation, then the greater hash."""
    return max(candidates, key=lambda leaf: (not leaf[1], _generation(leaf[0]), leaf[0].split("-", 1)[1]))


def conflicting_revs(conn: Connection, doc_id: str) -> list[str]:
    """The live leaves that lost to the winning revision: a conflict for an administrator to resolve."""
    found = leaves(conn, doc_id)
    if not found:
        return []
    winner, _ = winning_leaf(found)
    return sorted(rev for rev, deleted in found if not deleted and rev != winner)


def revision_path(conn: Connection, doc_id: str, rev: str) -> list[str]:
    """The revision and its ancestors that this replica holds, newest first."""
    path = [rev]
    while True:
        row = conn.execute("SELECT parent_rev FROM revs WHERE doc_id = ? AND rev = ?", (doc_id, path[-1])).fetchone()
        if row is None or row[0] is None:
            return path
        path.append(row[0])


def get_revision(conn: Connection, doc_id: str, rev: str) -> tuple[Document, str | None, str] | None:
    """One revision, its parent and its origin terminal."""
    row = conn.execute("SELECT class, body, deleted, parent_rev, origin FROM revs WHERE doc_id = ? AND rev = ?",
                       (doc_id, rev)).fetchone()
    if row is None:
        return None
    return Document(doc_id, rev, row[0], unpack(row[1]), bool(row[2])), row[3], row[4]


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


def winners(conn: Connection, doc_class: str) -> list[tuple[str, str]]:
    """(id, winning revision) of every document of a class, by id."""
    return conn.execute("SELECT id, rev FROM docs WHERE class = ? ORDER BY id", (doc_class,)).fetchall()


def body_of(conn: Connection, doc_id: str) -> dict[str, Any]:
    """The current body of a document that must exist."""
    row = conn.execute(
        "SELECT r.body FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev WHERE d.id = ?", (doc_id,)
    ).fetchone()
    return unpack(row[0])
