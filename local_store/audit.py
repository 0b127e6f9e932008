"""The audit: who searched, viewed, changed or printed what, and when; one hash chain per terminal.

Each entry carries its chain (the terminal's name; a restored terminal's new chain adds 「（復元 …）」), its
sequence number in that chain and the hash of the entry before it. This terminal's entries are appended by the single
writer: an entry recorded inside a write transaction is committed with it, one recorded outside (a read) at once
(`StoreContext.record`). Text that cannot be stored as UTF-8 (a lone surrogate, a byte of the command line that was
not UTF-8) is kept escaped, so that one bad input never blocks the writes after it. Other terminals' chains are
stored as they arrive (`receive`), perhaps with gaps that replication has not filled yet.

The head of this terminal's chain is anchored outside the tables after each batch (`local_store.audit_anchor`). A
batch starts from where the anchor says the chain is: when the tables no longer reach it (entries cut off, the chain
re-hashed or wiped) the terminal records what it found (操作記録の改ざん検知) and goes on from the anchored head, so
the entries cut off stay a gap and the re-hashed head stays a broken link, whatever is written after them.

A replica restored from a backup starts a new chain (`open`), whose first entry cites the head of the chain it
came from (バックアップから復元); the old chain is then like another terminal's, and replication fills in what it
recorded after the backup. So two different chains never share one name and sequence numbers.

`verify` tells tampering from what is pending: in this terminal's own chain, and wherever entries are present on
both sides of a link, a missing, edited or moved entry is tampering, and so is an anchor the tables no longer reach
and every 改ざん検知 entry of any chain; a gap in another terminal's chain is pending. A restore is reported as such.

Each sync cites every terminal's chain head in the cloud (its sequence number and hash). The highest head seen of
each chain is kept here (`cite`), so a chain rewritten on its terminal afterwards, anchor included, no longer
matches what was cited: `verify` reports it on every terminal that has seen the cited head, the rewritten one
included once it has synced again. Audit records from the cloud that did not open are quarantined, and counted as
tampering too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.csv_text import Cell, csv_text
from local_store import meta
from local_store.audit_anchor import ANCHOR_FILE, EMPTY, GENESIS, Anchor, AnchorStore, Head
from local_store.database import Connection

CITED_PREFIX = "audit_cited:"
ENTRY_CLASS = "audit-entry"  # the audit database's documents: one entry of a chain,
HEAD_CLASS = "audit-head"  # and a terminal's chain head, cited at each sync
_COLUMNS = "terminal, seq, at, staff, action, target, detail, prev_hash, hash"
ENROLLED = "端末登録コード発行"  # the action of an enrollment: target the new terminal's id, detail its name
KEY_ROTATED = "鍵の更新"  # the entry KeysService.rekey writes just before the terminal key changes
RESTORED = "バックアップから復元"  # a restored terminal's first entry: target the chain it came from, detail "seq:hash"
TAMPERING_FOUND = "操作記録の改ざん検知"  # written by the terminal when its tables do not reach its anchor
CHAIN_KEY = "audit_chain"  # meta: this replica's own chain,
REPLICA_KEY = "audit_replica"  # and the copy of the replica (terminal.json's id) that anchors it
PUSH_CHECKPOINT = "audit_pushed"  # the sync state of the own chain's push (a new chain starts it again)


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


def storable(text: str) -> str:
    """`text` as it can be stored: a lone surrogate (an undecodable byte of the command line, a bad escape in JSON)
    is written as its escape, `\\udcff`, instead of failing every batch after it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class AuditLog:
    """This terminal's chain as the writer appends it: the entries not written yet, and the anchored head."""

    def __init__(self, chain: str, clock: Callable[[], dt.datetime], anchors: AnchorStore) -> None:
        self.chain = chain
        self.anchor: Anchor | None = None  # the last settled anchor
        self._clock = clock
        self._anchors = anchors
        self._pending: list[Entry] = []
        self._meta: dict[str, str] = {}  # meta values written with the next batch
        self._batch: tuple[int, Anchor] | None = None  # written, not yet committed: (entries, anchor)

    @classmethod
    def open(cls, conn: Connection, anchors: AnchorStore, *, terminal: str, terminal_id: str, replica: str,
             clock: Callable[[], dt.datetime], new: bool = False) -> AuditLog:
        """This replica's chain, as the stored anchors and the tables say (reading only: what it decides is written
        with the first batch). `replica` names this copy (terminal.json's id); `new` for a replica being made.

        - the anchor of this copy holds: its chain goes on;
        - no anchor, and the tables were anchored by another copy, or made before anchors (None) by a copy that is
          not the original (a backup restored): a new chain, whose first entry cites the old chain's head;
        - no anchor, in a replica made before anchors: its chain is anchored from now on;
        - no anchor where this copy kept one, or an anchor that does not hold: tampering, recorded.
        """
        log = cls(meta.get(conn, CHAIN_KEY) or terminal, clock, anchors)
        named_replica = meta.get(conn, REPLICA_KEY)
        if new:
            log._claim(terminal, replica)
            return log
        loaded = anchors.load()
        for problem in loaded.problems:
            log._found(problem)
        anchor = loaded.anchor
        if anchor is not None and not anchor.under_current_key and not _rotated_at(conn, anchor):
            log._found(f"操作記録の控えが別の鍵で作られています（{anchor.current.seq} 番の鍵の更新の途中ではありません）")
            anchor = None
        if anchor is not None:
            anchor = _settled(conn, anchor)
            if anchor.current == EMPTY and anchor.chain != log.chain and _top(conn, anchor.chain) == EMPTY:
                anchor = None  # a new chain whose first batch was never committed (a restore cut short)
        if anchor is not None:
            if (log.chain, named_replica) != (anchor.chain, replica):  # cut short with its first batch, or removed
                log._claim(anchor.chain, replica)
            log.chain, log.anchor = anchor.chain, anchor
        elif loaded.problems:
            log._claim(log.chain, replica)
        elif named_replica != replica and (named_replica is not None or replica != terminal_id):
            log._restored(conn, terminal, replica)
        elif named_replica is None:
            log._claim(log.chain, replica)
        else:
            log._found(f"操作記録の控え（{ANCHOR_FILE} とキーリング）がありません（削除）")
        return log

    def _claim(self, chain: str, replica: str) -> None:
        self.chain = chain
        self._meta.update({CHAIN_KEY: chain, REPLICA_KEY: replica})

    def _found(self, problem: str) -> None:
        self._pending.append(Entry(self._at(), "", TAMPERING_FOUND, "", problem))

    def _restored(self, conn: Connection, terminal: str, replica: str) -> None:
        old, top = self.chain, _top(conn, self.chain)
        self._claim(f"{terminal}（復元 {secrets.token_hex(4)}）", replica)
        self._meta[f"sync.{PUSH_CHECKPOINT}"] = "0"
        self._pending.append(Entry(self._at(), "", RESTORED, old, f"{top.seq}:{top.hash}"))

    def _at(self) -> str:
        return self._clock().astimezone(dt.UTC).isoformat(timespec="milliseconds")

    def record(self, staff: str, action: str, target: str = "", detail: str = "") -> None:
        self._pending.append(Entry(self._at(), storable(staff), storable(action), storable(target), storable(detail)))

    @property
    def pending(self) -> bool:
        """Entries or values are waiting for the next batch."""
        return bool(self._pending or self._meta)

    def flush(self, conn: Connection) -> None:
        """Append what is pending (inside the caller's write transaction, as its last step before the commit) and
        mark the new head unsettled in the anchor. A batch goes on from the anchored head: where the tables no
        longer reach it, the terminal records what it found first, and the gap or broken link stays.

        The entries stay pending until `committed`, so a transaction rolled back loses none of them."""
        if not self.pending:
            return
        entries, top = list(self._pending), _top(conn, self.chain)
        base = top
        if self.anchor is not None:
            problem = _unreached(conn, self.anchor, top)
            if problem is not None:
                entries.insert(0, Entry(self._at(), "", TAMPERING_FOUND, "", problem))
                base = Head(max(top.seq, self.anchor.current.seq), self.anchor.current.hash)
        seq, prev = base.seq, base.hash
        for entry in entries:
            seq += 1
            digest = entry_hash(prev, seq, self.chain, entry)
            conn.execute(
                f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.chain, seq, entry.at, entry.staff, entry.action, entry.target, entry.detail, prev, digest),
            )
            prev = digest
        meta.put(conn, self._meta)
        anchor = Anchor(self.chain, base, Head(seq, prev), settled=False)
        self._batch = (len(self._pending), anchor)
        self._anchors.save(anchor)

    def committed(self) -> None:
        """The batch's transaction committed: the entries are written and the head is settled."""
        if self._batch is None:
            return
        count, anchor = self._batch
        self._batch = None
        del self._pending[:count]
        self._meta.clear()
        self.anchor = Anchor(anchor.chain, anchor.previous, anchor.current)
        self._anchors.save(self.anchor)

    def rolled_back(self) -> None:
        """The batch's transaction was rolled back: the stored anchor goes back to the last settled head."""
        if self._batch is None:
            return
        self._batch = None
        if self.anchor is not None:
            self._anchors.save(self.anchor)

    def close(self) -> None:
        """The registry closes: the keyring's copy of the anchor catches up."""
        self._anchors.keep(self.anchor)

    def rekeyed(self, terminal_key: bytes) -> None:
        """鍵の更新 is done: the anchor is kept again under the new terminal key."""
        self._anchors.rekey(terminal_key, self.anchor)


def _top(conn: Connection, chain: str) -> Head:
    row = conn.execute("SELECT seq, hash FROM audit WHERE terminal = ? ORDER BY seq DESC LIMIT 1",
                       (chain,)).fetchone()
    return EMPTY if row is None else Head(int(row[0]), str(row[1]))


def _held(conn: Connection, chain: str, seq: int) -> str | None:
    return GENESIS if seq == 0 else entry_digest(conn, chain, seq)


def _unreached(conn: Connection, anchor: Anchor, top: Head) -> str | None:
    """What is wrong when the tables (whose chain ends at `top`) do not reach the anchored head; None when they
    do, or when they end where an unsettled head's batch began (its commit never happened)."""
    current = anchor.current
    held = _held(conn, anchor.chain, current.seq)
    if held == current.hash or (not anchor.settled and top == anchor.previous):
        return None
    if held is None:
        return f"端末の控えにある {current.seq} 番の記録が削除されています（台帳の記録は {top.seq} 番まで）"
    return f"{current.seq} 番の記録が端末の控えと違います（書き換え）"


def _settled(conn: Connection, anchor: Anchor) -> Anchor:
    """An anchor loaded as it stands in the tables: an unsettled head is settled where the tables reached it, or
    put back to the head before it where they end there (its batch was never committed)."""
    if anchor.settled:
        return anchor
    if _held(conn, anchor.chain, anchor.current.seq) == anchor.current.hash:
        return Anchor(anchor.chain, anchor.previous, anchor.current)
    if _top(conn, anchor.chain) == anchor.previous:
        return Anchor(anchor.chain, anchor.previous, anchor.previous)
    return anchor


def _rotated_at(conn: Connection, anchor: Anchor) -> bool:
    """An anchor under a previous key holds only where it names the 鍵の更新 entry (a rotation cut short between
    the file's new key and the anchor made again under it)."""
    row = conn.execute("SELECT hash, action FROM audit WHERE terminal = ? AND seq = ?",
                       (anchor.chain, anchor.current.seq)).fetchone()
    return row is not None and tuple(row) == (anchor.current.hash, KEY_ROTATED)


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


def receive(conn: Connection, own_chain: str, entries: Iterable[Stored]) -> int:
    """Keep other terminals' entries as they arrive (inside the caller's transaction); return how many were new.

    An entry of this terminal's own chain is never taken from elsewhere. Nothing is judged here: `verify` does.
    """
    added = 0
    for e in entries:
        if e.terminal != own_chain:
            added += conn.execute(
                f"INSERT OR IGNORE INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (e.terminal, e.seq, e.at, e.staff, e.action, e.target, e.detail, e.prev_hash, e.hash)).rowcount
    return added


# --- verification --------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What `verify` found: tampering (in plain words), gaps still pending, restores (reported as such, not as
    faults), and the entries checked."""

    tampered: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    checked: int = 0
    chains: dict[str, int] = field(default_factory=dict)  # terminal → entries held

    @property
    def whole(self) -> bool:
        return not self.tampered and not self.pending


def verify(conn: Connection, own_chain: str, anchor: Anchor | None) -> Verdict:
    """Check every chain held: each entry against its hash, each link to the entry before it, the entries in which
    a terminal recorded tampering and the restores; this terminal's own chain for completeness, and against its
    anchor (`anchor`, the last settled one)."""
    verdict = Verdict()
    for (chain,) in conn.execute("SELECT DISTINCT terminal FROM audit ORDER BY terminal").fetchall():
        rows = [Stored(*r) for r in conn.execute(
            f"SELECT {_COLUMNS} FROM audit WHERE terminal = ? ORDER BY seq", (chain,))]
        verdict.chains[chain] = len(rows)
        verdict.checked += len(rows)
        _check_chain(chain, rows, chain == own_chain, verdict)
        _check_statements(conn, chain, rows, verdict)
    if anchor is not None:
        problem = _unreached(conn, anchor, _top(conn, own_chain))
        if problem is not None:
            verdict.tampered.append(f"端末「{own_chain}」: {problem}")
    _check_cited(conn, own_chain, verdict)
    refused = conn.execute("SELECT count(*) FROM quarantine WHERE class IN (?, ?)",
                           (ENTRY_CLASS, HEAD_CLASS)).fetchone()[0]
    if refused:
        verdict.tampered.append(f"クラウドの操作記録 {refused} 件が開けないため隔離しました（クラウド上で書き換えられたか、"
                                "別の記録の位置に移されています）")
    return verdict


def _check_statements(conn: Connection, chain: str, rows: list[Stored], verdict: Verdict) -> None:
    """What a terminal wrote into its chain about it: tampering it found, and the chain a restore came from (whose
    head then must be the one cited)."""
    where = f"端末「{chain}」"
    for row in rows:
        if row.action == TAMPERING_FOUND:
            verdict.tampered.append(f"{where}: {row.detail}（{row.seq} 番の記録で検知）")
        elif row.action == RESTORED:
            seq_text, _, digest = row.detail.partition(":")
            if not seq_text.isdigit():
                verdict.tampered.append(f"{where}: {row.seq} 番の復元の記録が読めません（{row.detail}）")
                continue
            seq, held = int(seq_text), _held(conn, row.target, int(seq_text))
            came_from = f"端末「{row.target}」の {seq} 番"
            if held == digest:
                verdict.restored.append(f"{where}: バックアップ（連番 {seq}）から復元（復元前の記録: {came_from}まで）")
            elif held is None:
                verdict.pending.append(f"{where}: 復元前の記録（{came_from}）がまだ同期で届いていません")
            else:
                verdict.tampered.append(f"{where}: 復元前の記録（{came_from}）が、復元の記録に示されたものと違います（書き換え）")


def _check_cited(conn: Connection, own_chain: str, verdict: Verdict) -> None:
    """Each chain against the head last cited for it in the cloud."""
    for terminal, (seq, digest) in sorted(cited(conn).items()):
        where = f"端末「{terminal}」"
        held = entry_digest(conn, terminal, seq)
        if held is None and terminal == own_chain:
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
    """CSV for a spreadsheet (`domain.csv_text`: a cell a spreadsheet would take for a formula is neutralised; the
    caller writes it as UTF-8 with a byte order mark, as Excel expects)."""
    rows: list[Sequence[Cell]] = [CSV_HEADERS]
    rows += [[e.terminal, e.seq, local_time(e.at, tz), e.staff, e.action, e.target, e.detail, e.prev_hash, e.hash]
             for e in entries]
    return csv_text(rows)


def details_and_targets(conn: Connection, action: str) -> list[tuple[str, str]]:
    """(detail, target) of every entry held with this action, oldest first."""
    return conn.execute("SELECT detail, target FROM audit WHERE action = ? ORDER BY at", (action,)).fetchall()
