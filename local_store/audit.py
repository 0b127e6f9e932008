"""This terminal's audit chain: who searched, viewed, changed or printed what, and when.

Entries are kept in memory and appended by the single writer in batches, inside the next write transaction or
when the batch is full or old, so that a search costs no commit of its own. Each entry carries the hash of the one
before it; `verify` finds an edit, a removal or a reordering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass

from local_store.database import Connection

GENESIS = "0" * 64
FLUSH_ENTRIES = 64
FLUSH_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Entry:
    at: str
    staff: str
    action: str
    target: str
    detail: str


def entry_hash(prev_hash: str, seq: int, terminal: str, entry: Entry) -> str:
    payload = json.dumps(
        [prev_hash, seq, terminal, entry.at, entry.staff, entry.action, entry.target, entry.detail],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditLog:
    def __init__(self, terminal: str) -> None:
        self.terminal = terminal
        self._pending: list[Entry] = []
        self._oldest = 0.0

    def record(self, staff: str, action: str, target: str = "", detail: str = "") -> None:
        if not self._pending:
            self._oldest = time.monotonic()
        at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        self._pending.append(Entry(at, staff, action, target, detail))

    def due(self) -> bool:
        return bool(self._pending) and (
            len(self._pending) >= FLUSH_ENTRIES or time.monotonic() - self._oldest >= FLUSH_SECONDS
        )

    @property
    def pending(self) -> int:
        return len(self._pending)

    def flush(self, conn: Connection) -> int:
        """Append what is pending (inside the caller's write transaction); return how many entries.

        They stay pending until `committed`, so a transaction rolled back loses none of them.
        """
        if not self._pending:
            return 0
        last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        for entry in self._pending:
            seq += 1
            digest = entry_hash(prev, seq, self.terminal, entry)
            conn.execute(
                "INSERT INTO audit (seq, terminal, at, staff, action, target, detail, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, self.terminal, entry.at, entry.staff, entry.action, entry.target, entry.detail, prev, digest),
            )
            prev = digest
        return len(self._pending)

    def committed(self, count: int) -> None:
        del self._pending[:count]


def verify(conn: Connection) -> list[str]:
    """Problems found in the chain (empty when it is whole): a gap, an edited entry, a broken link."""
    problems = []
    prev, expected_seq = GENESIS, 1
    for seq, terminal, at, staff, action, target, detail, prev_hash, digest in conn.execute(
        "SELECT seq, terminal, at, staff, action, target, detail, prev_hash, hash FROM audit ORDER BY seq"
    ):
        if seq != expected_seq:
            problems.append(f"entries {expected_seq}..{seq - 1} are missing")
        if prev_hash != prev:
            problems.append(f"entry {seq} does not follow the entry before it")
        if entry_hash(prev_hash, seq, terminal, Entry(at, staff, action, target, detail)) != digest:
            problems.append(f"entry {seq} was altered")
        prev, expected_seq = digest, seq + 1
    return problems
