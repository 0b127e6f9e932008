"""The audit: who searched, viewed, changed or printed what, and when; one hash chain per terminal.

This terminal's entries are kept in memory and appended by the single writer in batches, inside the next write
transaction or when the batch is full or old, so that a search costs no commit of its own. Each entry carries its
terminal, its sequence number in that terminal's chain and the hash of the entry before it; the head of this
terminal's chain is also noted in `meta` with every batch. Other terminals' chains are stored as they arrive
(`receive`), perhaps with gaps that replication has not filled yet.

`verify` tells the two apart: in this terminal's own chain, and wherever entries are present on both sides of a
link, a missing, edited or moved entry is tampering; a gap in another terminal's chain is pending.

Each sync cites every terminal's chain head in the cloud (its sequence number and hash). The highest head seen of
each chain is kept here (`cite`), so a chain rewritten on its terminal afterwards, hashes and noted head included,
no longer matches what was cited: `verify` reports it on every terminal that has seen the cited head, the rewritten
one included once it has synced again. Audit records from the cloud that did not open are quarantined, and counted
as tampering too.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from local_store.database import Connection

GENESIS = "0" * 64
FLUSH_ENTRIES = 64
FLUSH_SECONDS = 5.0
HEAD_KEY = "audit_head"
CITED_PREFIX = "audit_cited:"
ENTRY_CLASS = "audit-entry"  # the audit database's documents: one entry of a chain,
HEAD_CLASS = "audit-head"  # and a terminal's chain head, cited at each sync
_COLUMNS = "terminal, seq, at, staff, action, target, detail, prev_hash, hash"
ENROLLED = "端末登録コード発行"  # the action of an enrollment: target the new terminal's id, detail its name


@dataclass(frozen=True, slots=True)
class Entry:
    at: str
    staff: str
    action: str
    target: str
    detail: str


@dataclass(frozen=True, slots=True)
class Stored:
    """An entry as it is kept: its place in its terminal's chain and the hashes that link it."""

    terminal: str
    seq: int
    at: str
    staff: str
    action: str
    target: str
    detail: str
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {"terminal": self.terminal, "seq": self.seq, "at": self.at, "staff": self.staff,
                "action": self.action, "target": self.target, "detail": self.detail, "prev_hash": self.prev_hash,
                "hash": self.hash}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Stored:
        return cls(str(value["terminal"]), int(value["seq"]), str(value["at"]), str(value["staff"]),
                   str(value["action"]), str(value["target"]), str(value["detail"]), str(value["prev_hash"]),
                   str(value["hash"]))


def entry_hash(prev_hash: str, seq: int, terminal: str, entry: Entry) -> str:
    payload = json.dumps(
        [prev_hash, seq, terminal, entry.at, entry.staff, entry.action, entry.target, entry.detail],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditLog:
    def __init__(self, terminal: str, clock: Callable[[], dt.datetime]) -> None:
        self.terminal = terminal
        self._clock = clock
        self._pending: list[Entry] = []
        self._oldest = 0.0

    def record(self, staff: str, action: str, target: str = "", detail: str = "") -> None:
        if not self._pending:
            self._oldest = time.monotonic()
        at = self._clock().astimezone(dt.UTC).isoformat(timespec="milliseconds")
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
        last = conn.execute("SELECT seq, hash FROM audit WHERE terminal = ? ORDER BY seq DESC LIMIT 1",
                            (self.terminal,)).fetchone()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        for entry in self._pending:
            seq += 1
            digest = entry_hash(prev, seq, self.terminal, entry)
            conn.execute(
                f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.terminal, seq, entry.at, entry.staff, entry.action, entry.target, entry.detail, prev, digest),
            )
            prev = digest
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (HEAD_KEY, f"{seq}:{prev}"))
        return len(self._pending)

    def committed(self, count: int) -> None:
        del self._pending[:count]


# --- replication of the chains -------------------------------------------------------------------------------------


def heads(conn: Connection) -> dict[str, int]:
    """The highest sequence number held of each terminal's chain."""
    return dict(conn.execute("SELECT terminal, max(seq) FROM audit GROUP BY terminal").fetchall())


def entries_after(conn: Connection, held: Mapping[str, int], limit: int) -> list[Stored]:
    """Entries of every chain beyond what the other side holds (`held`: terminal → highest sequence)."""
    found: list[Stored] = []
    for terminal in sorted(heads(conn)):
        rows = conn.execute(f"SELECT {_COLUMNS} FROM audit WHERE terminal = ? AND seq > ? ORDER BY seq LIMIT ?",
                            (terminal, held.get(terminal, 0), limit - len(found))).fetchall()
        found.extend(Stored(*r) for r in rows)
        if len(found) >= limit:
            break
    return found


def chain_after(conn: Connection, terminal: str, after: int, limit: int) -> list[Stored]:
    """One terminal's entries after a sequence number, oldest first."""
    return [Stored(*r) for r in conn.execute(
        f"SELECT {_COLUMNS} FROM audit WHERE terminal = ? AND seq > ? ORDER BY seq LIMIT ?", (terminal, after, limit))]


def entry_digest(conn: Connection, terminal: str, seq: int) -> str | None:
    """The hash of one entry held, or None."""
    row = conn.execute("SELECT hash FROM audit WHERE terminal = ? AND seq = ?", (terminal, seq)).fetchone()
    return None if row is None else str(row[0])


def cited(conn: Connection) -> dict[str, tuple[int, str]]:
    """The highest head cited in the cloud of each terminal's chain: terminal → (sequence, hash)."""
    found = {}
    for key, value in conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", (CITED_PREFIX + "%",)):
        seq, digest = value.split(":")
        found[key[len(CITED_PREFIX):]] = (int(seq), digest)
    return found


def cite(conn: Connection, heads: Mapping[str, tuple[int, str]]) -> None:
    """Keep chain heads cited in the cloud (inside the caller's transaction): a head higher than the one kept
    replaces it, and so does another hash for the same sequence number (the cloud's word, which this terminal
    cannot rewrite, overrides what is kept here)."""
    kept = cited(conn)
    for terminal, (seq, digest) in heads.items():
        if terminal not in kept or seq >= kept[terminal][0]:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (CITED_PREFIX + terminal, f"{seq}:{digest}"))


def receive(conn: Connection, own_terminal: str, entries: Iterable[Stored]) -> int:
    """Keep other terminals' entries as they arrive (inside the caller's transaction); return how many were new.

    An entry of this terminal's own chain is never taken from elsewhere. Nothing is judged here: `verify` does.
    """
    added = 0
    for e in entries:
        if e.terminal != own_terminal:
            added += conn.execute(
                f"INSERT OR IGNORE INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (e.terminal, e.seq, e.at, e.staff, e.action, e.target, e.detail, e.prev_hash, e.hash)).rowcount
    return added


# --- verification --------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What `verify` found: tampering (in plain words), gaps still pending, and the entries checked."""

    tampered: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    checked: int = 0
    chains: dict[str, int] = field(default_factory=dict)  # terminal → entries held

    @property
    def whole(self) -> bool:
        return not self.tampered and not self.pending


def verify(conn: Connection, own_terminal: str) -> Verdict:
    """Check every chain held: each entry against its hash, each link to the entry before it, this terminal's own
    chain for completeness (from its first entry up to the head noted with the last batch)."""
    verdict = Verdict()
    for (terminal,) in conn.execute("SELECT DISTINCT terminal FROM audit ORDER BY terminal").fetchall():
        rows = [Stored(*r) for r in conn.execute(
            f"SELECT {_COLUMNS} FROM audit WHERE terminal = ? ORDER BY seq", (terminal,))]
        verdict.chains[terminal] = len(rows)
        verdict.checked += len(rows)
        _check_chain(terminal, rows, terminal == own_terminal, verdict)
    head = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    if head is not None:
        seq, digest = head[0].split(":")
        last = conn.execute("SELECT seq, hash FROM audit WHERE terminal = ? AND seq = ?",
                            (own_terminal, int(seq))).fetchone()
        if last is None:
            verdict.tampered.append(f"端末「{own_terminal}」: 最後に記録した {seq} 番までの記録の一部が削除されています")
        elif last[1] != digest:
            verdict.tampered.append(f"端末「{own_terminal}」: {seq} 番の記録が書き換えられています")
    _check_cited(conn, own_terminal, verdict)
    refused = conn.execute("SELECT count(*) FROM quarantine WHERE class IN (?, ?)",
                           (ENTRY_CLASS, HEAD_CLASS)).fetchone()[0]
    if refused:
        verdict.tampered.append(f"クラウドの操作記録 {refused} 件が開けないため隔離しました（クラウド上で書き換えられたか、"
                                "別の記録の位置に移されています）")
    return verdict


def _check_cited(conn: Connection, own_terminal: str, verdict: Verdict) -> None:
    """Each chain against the head last cited for it in the cloud."""
    for terminal, (seq, digest) in sorted(cited(conn).items()):
        where = f"端末「{terminal}」"
        held = entry_digest(conn, terminal, seq)
        if held is None and terminal == own_terminal:
            verdict.tampered.append(f"{where}: 同期でクラウドに示した {seq} 番までの記録の一部が削除されています")
        elif held is None:
            top = conn.execute("SELECT coalesce(max(seq), 0) FROM audit WHERE terminal = ?", (terminal,)).fetchone()[0]
            if top < seq:
                verdict.pending.append(f"{where}: {top + 1}〜{seq} 番の記録がまだ同期で届いていません")
        elif held != digest:
            verdict.tampered.append(f"{where}: {seq} 番までの記録が、同期でクラウドに示されたものと違います（書き換え）")


def _check_chain(terminal: str, rows: list[Stored], own: bool, verdict: Verdict) -> None:
    where = f"端末「{terminal}」"
    expected, prev = 1, GENESIS
    for row in rows:
        if row.seq != expected:
            gap = f"{expected} 番" if row.seq == expected + 1 else f"{expected}〜{row.seq - 1} 番"
            if own:
                verdict.tampered.append(f"{where}: {gap}の記録が削除されています")
            else:
                verdict.pending.append(f"{where}: {gap}の記録がまだ同期で届いていません")
        elif row.prev_hash != prev:
            verdict.tampered.append(f"{where}: {row.seq} 番の記録が前の記録につながっていません"
                                    "（記録の削除・差し込み・並べ替え）")
        if entry_hash(row.prev_hash, row.seq, terminal, Entry(row.at, row.staff, row.action, row.target,
                                                               row.detail)) != row.hash:
            verdict.tampered.append(f"{where}: {row.seq} 番の記録が書き換えられているか、順序が入れ替えられています")
        expected, prev = row.seq + 1, row.hash


# --- browsing and export -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filter:
    """Which entries to show: local dates from and to (inclusive), a staff member, an action (part of its name)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    staff: str = ""
    action: str = ""
    limit: int = 10_000

    def describe(self) -> str:
        parts = [f"{self.date_from or ''}〜{self.date_to or ''}"]
        if self.staff:
            parts.append(f"職員 {self.staff}")
        if self.action:
            parts.append(f"操作 {self.action}")
        return " ".join(parts)


def select(conn: Connection, wanted: Filter, tz: dt.tzinfo) -> list[Stored]:
    """Entries of every chain held, oldest first."""
    clauses, params = [], []
    if wanted.date_from is not None:
        clauses.append("at >= ?")
        params.append(_utc_bound(wanted.date_from, tz))
    if wanted.date_to is not None:
        clauses.append("at < ?")
        params.append(_utc_bound(wanted.date_to + dt.timedelta(days=1), tz))
    if wanted.staff:
        clauses.append("staff = ?")
        params.append(wanted.staff)
    if wanted.action:
        clauses.append("instr(action, ?) > 0")
        params.append(wanted.action)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return [Stored(*r) for r in conn.execute(
        f"SELECT {_COLUMNS} FROM audit {where} ORDER BY at, terminal, seq LIMIT ?", (*params, wanted.limit))]


def _utc_bound(day: dt.date, tz: dt.tzinfo) -> str:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz).astimezone(dt.UTC).isoformat(timespec="milliseconds")


def local_time(at: str, tz: dt.tzinfo) -> str:
    return dt.datetime.fromisoformat(at).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


CSV_HEADERS = ["端末", "番号", "日時", "職員", "操作", "対象", "内容", "前の記録のハッシュ", "ハッシュ"]


def to_csv(entries: Iterable[Stored], tz: dt.tzinfo) -> str:
    """CSV for a spreadsheet (the caller writes it as UTF-8 with a byte order mark, as Excel expects). A cell that a
    spreadsheet would take for a formula is written with a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for e in entries:
        writer.writerow([_cell(v) for v in (e.terminal, str(e.seq), local_time(e.at, tz), e.staff, e.action,
                                            e.target, e.detail, e.prev_hash, e.hash)])
    return out.getvalue()


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def details_and_targets(conn: Connection, action: str) -> list[tuple[str, str]]:
    """(detail, target) of every entry held with this action, oldest first."""
    return conn.execute("SELECT detail, target FROM audit WHERE action = ? ORDER BY at", (action,)).fetchall()
