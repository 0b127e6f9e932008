"""Schema migrations, one step per `user_version`, each in its own transaction.

Documents (`revs`, `docs`) are the truth and replicate. `person_rows`, `persons`, `person_fts` are derived from
them and can be rebuilt at any time (`rebuild`). `meta`, `secrets`, `leases`, `audit` and `staff` belong to this
terminal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from local_store import derived, documents, staff
from local_store.database import Connection
from local_store.errors import StoreError

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;

-- Every revision of every document; seq is the local change sequence.
CREATE TABLE revs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    parent_rev TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    class TEXT NOT NULL,
    body BLOB NOT NULL,  -- canonical JSON, zlib-compressed
    UNIQUE (doc_id, rev)
);
-- The winning revision of each document.
CREATE TABLE docs (
    id TEXT PRIMARY KEY,
    rev TEXT NOT NULL,
    seq INTEGER NOT NULL,
    class TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX docs_seq ON docs (seq);

-- Derived: where each person's history rows are (the rows themselves are in the 異動 documents).
CREATE TABLE person_rows (
    atena_no TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    parents TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (atena_no, doc_id)
) WITHOUT ROWID;

-- Derived: each person's current row (the tip of their rows), with search keys.
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    atena_no TEXT NOT NULL UNIQUE,
    setai_no TEXT NOT NULL,
    resident INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_kana TEXT NOT NULL,
    kana_family TEXT NOT NULL,
    kana_given TEXT NOT NULL,
    kana_full TEXT NOT NULL,
    name_key TEXT NOT NULL,
    address_key TEXT NOT NULL,
    birth TEXT NOT NULL,
    birth_text TEXT NOT NULL,
    sex TEXT NOT NULL,
    relationship TEXT NOT NULL,
    status TEXT NOT NULL,
    address TEXT NOT NULL,
    mynumber TEXT NOT NULL,
    tips TEXT NOT NULL,  -- JSON list of the documents holding the current row(s), newest first
    forked INTEGER NOT NULL
);
CREATE INDEX persons_kana ON persons (kana_family, kana_given);
CREATE INDEX persons_given ON persons (kana_given);
CREATE INDEX persons_full ON persons (kana_full);
CREATE INDEX persons_birth ON persons (birth);
CREATE INDEX persons_setai ON persons (setai_no);
CREATE INDEX persons_mynumber ON persons (mynumber) WHERE mynumber != '';
CREATE INDEX persons_forked ON persons (forked) WHERE forked = 1;

-- Derived: 漢字 names and addresses as overlapping character bigrams (two-character names such as 田中 and places
-- such as 本町 are single tokens, so they are found as fast as longer ones); each bigram is written as the hex of
-- its UTF-8 bytes so that the tokenizer's idea of a letter never matters. Candidates are checked against
-- persons.name_key / address_key for the exact substring.
CREATE VIRTUAL TABLE person_fts USING fts5 (
    name, address, content='', contentless_delete=1, tokenize='ascii', detail='column'
);

-- Number ranges leased to this terminal by the numbering authority, signed.
CREATE TABLE leases (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    terminal TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    issued_at TEXT NOT NULL,
    signature TEXT NOT NULL,
    next INTEGER NOT NULL
) WITHOUT ROWID;

-- Derived: staff accounts, from the staff event documents.
CREATE TABLE staff (
    user TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL
) WITHOUT ROWID;

-- This terminal's audit chain: append-only, each entry hashing the one before.
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    terminal TEXT NOT NULL,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
"""


# Replication: who wrote each revision (the clear `t` of its envelope, kept so it is forwarded unchanged), and the
# quarantine of arrivals that failed their checks.
_V2 = """
ALTER TABLE revs ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    class TEXT NOT NULL,
    reason TEXT NOT NULL,
    envelope TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- the opened document when it opened (checked again when what it depends on arrives later)
    parent_rev TEXT,
    origin TEXT,
    deleted INTEGER,
    body BLOB,
    UNIQUE (doc_id, rev)
);
"""


Step = Callable[[Connection, dt.datetime], None]  # a migration step, given the time of the upgrade


def _statements(script: str) -> Step:
    def run(conn: Connection, now: dt.datetime) -> None:
        for statement in script.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return run


# Documents by class: the conflicts of mutable documents, a rebuild, the 交付履歴 (without it, each a full scan).
_V3 = """
CREATE INDEX docs_class ON docs (class, seq);
"""

# Staff as a log of events: each event indexed by its id, the second factor and what is concurrent in the account;
# failed sign-ins and used one-time passwords (this terminal's own). The audit keeps one chain per terminal: this
# terminal's and those that arrive from others, keyed by terminal and sequence.
_V4 = """
ALTER TABLE staff ADD COLUMN totp_seed TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN concurrent TEXT NOT NULL DEFAULT '';
CREATE TABLE staff_events (id TEXT PRIMARY KEY, user TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX staff_events_user ON staff_events (user);
CREATE TABLE sign_in_guard (
    user TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until TEXT NOT NULL,
    last_otp_step INTEGER NOT NULL
) WITHOUT ROWID;
DROP TRIGGER audit_no_update;
DROP TRIGGER audit_no_delete;
ALTER TABLE audit RENAME TO audit_v3;
CREATE TABLE audit (
    terminal TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
INSERT INTO audit SELECT terminal, seq, at, staff, action, target, detail, prev_hash, hash FROM audit_v3;
DROP TABLE audit_v3;
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
"""


def _v4(conn: Connection, now: dt.datetime) -> None:
    _statements(_V4)(conn, now)
    for doc in documents.iter_class(conn, staff.STAFF):
        staff.apply_event(conn, doc.body)


def _v5(conn: Connection, now: dt.datetime) -> None:
    """The 転出予定日 of each person, so that one who filed a 転出届 is found as living here until that day."""
    conn.execute("ALTER TABLE persons ADD COLUMN leaves_on TEXT NOT NULL DEFAULT ''")
    for atena_no, tips in conn.execute("SELECT atena_no, tips FROM persons WHERE status = '転出'").fetchall():
        row = derived.row_in(documents.body_of(conn, json.loads(tips)[0]), atena_no)
        conn.execute("UPDATE persons SET leaves_on = ? WHERE atena_no = ?", (derived.leaves_on(row), atena_no))


def _v6(conn: Connection, now: dt.datetime) -> None:
    """The 住民票コード of each person, so that a code of the pool held by anyone is never handed out again."""
    conn.execute("ALTER TABLE persons ADD COLUMN juminhyo_code TEXT NOT NULL DEFAULT ''")
    conn.execute("CREATE INDEX persons_juminhyo_code ON persons (juminhyo_code)")
    by_tip: dict[str, list[str]] = {}
    for atena_no, tips in conn.execute("SELECT atena_no, tips FROM persons").fetchall():
        by_tip.setdefault(json.loads(tips)[0], []).append(atena_no)
    for doc_id, atenas in by_tip.items():
        body = documents.body_of(conn, doc_id)
        conn.executemany("UPDATE persons SET juminhyo_code = ? WHERE atena_no = ?",
                         [(derived.row_in(body, a).get("juminhyo_code", ""), a) for a in atenas])


def _v7(conn: Connection, now: dt.datetime) -> None:
    """The notices outbox of a replica made before it begins now: its history owes no notices (a new replica's
    outbox begins when it is made)."""
    conn.execute("INSERT INTO meta (key, value) SELECT 'notices_from', ? WHERE EXISTS "
                 "(SELECT 1 FROM meta WHERE key = 'created_at')", (now.astimezone(dt.UTC).isoformat(),))


def _refresh_search_keys(conn: Connection, now: dt.datetime) -> None:
    """Each person's search keys and index entries made again, as `local_store.derived` makes them now."""
    atenas = [a for (a,) in conn.execute("SELECT atena_no FROM persons ORDER BY atena_no")]
    for start in range(0, len(atenas), derived.REFRESH_CHUNK):
        derived.refresh_persons(conn, atenas[start:start + derived.REFRESH_CHUNK])


# Completeness of what arrived: the number each terminal gave each document it created (this terminal's under ''; a
# number whose document was erased by a purge order stays, its revision '' when it never arrived here), and the
# highest number each other terminal has written as far as this replica knows (its head), with the terminal's name.
_V9 = """
CREATE TABLE doc_numbers (
    terminal TEXT NOT NULL,
    number INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    PRIMARY KEY (terminal, number, doc_id)
) WITHOUT ROWID;
CREATE INDEX doc_numbers_rev ON doc_numbers (doc_id, rev);
CREATE TABLE heads (terminal TEXT PRIMARY KEY, name TEXT NOT NULL, number INTEGER NOT NULL) WITHOUT ROWID;
"""

_V11 = """
CREATE TABLE fuhyo_docs (doc_id TEXT NOT NULL, fuhyo_id TEXT NOT NULL, PRIMARY KEY (fuhyo_id, doc_id)) WITHOUT ROWID;
CREATE TABLE fuhyo_index (
    fuhyo_id TEXT PRIMARY KEY,
    honseki TEXT NOT NULL,
    honseki_key TEXT NOT NULL,
    head TEXT NOT NULL,
    head_key TEXT NOT NULL,
    closed_on TEXT NOT NULL,
    last TEXT NOT NULL,
    state TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX fuhyo_index_honseki ON fuhyo_index (honseki_key);
CREATE TABLE fuhyo_members (
    fuhyo_id TEXT NOT NULL,
    member TEXT NOT NULL,
    name_key TEXT NOT NULL,
    atena_no TEXT NOT NULL,
    PRIMARY KEY (fuhyo_id, member)
) WITHOUT ROWID;
CREATE INDEX fuhyo_members_atena ON fuhyo_members (atena_no);
CREATE TABLE fuhyo_indexed (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
"""


MIGRATIONS: list[Step] = [
    _statements(_V1), _statements(_V2), _statements(_V3), _v4, _v5, _v6, _v7,
    _refresh_search_keys,  # 8: every search key in the canonical form of domain.names (invisible characters dropped,
    # the 異体字 families folded to one, addresses like names)
    _statements(_V9),
    _refresh_search_keys,  # 10: addresses keyed as domain.address_key keys them (漢数字 and 算用数字 one, 丁目・番地・号
    # and hyphens between numbers one boundary)
    _statements(_V11),  # 11: the 戸籍の附票 found by 本籍, 筆頭者 and members (local_store.fuhyo)
]
LATEST = len(MIGRATIONS)


def migrate(conn: Connection, now: dt.datetime) -> int:
    """Bring the schema to the latest version, one step per transaction, at `now` (the registry's clock); return
    the version found."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > LATEST:
        raise StoreError(
            "この台帳は新しい版のMadoguchiで作られています。プログラムを更新してください",
            f"schema version {found} is newer than this program's {LATEST}",
        )
    for version in range(found + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn, now)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found
