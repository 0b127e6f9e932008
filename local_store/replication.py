"""The replica's side of replication: what arrives from the cloud (checked, then stored or quarantined), what waits
to be sent, and the checkpoints kept on this side.

`Registry` builds one `Replication` (`registry.replication`) over the store context, so arrivals are written by the
replica's single writer and audited like any other change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain.canonical import canonical_json
from domain.errors import ValidationError
from local_store import arrivals as arrivals_check
from local_store import completeness, derived, documents, meta, purge, staff
from local_store.context import StoreContext
from local_store.database import Connection
from local_store.errors import StoreError

# The quarantine's reason for a genuine revision hidden behind a refused one whose body the cloud no longer holds
# (CouchDB keeps only the leaves' bodies after a compaction): the terminals that hold it are the only copies. It
# leaves the quarantine when the revision arrives after all.
LOST = "behind a refused revision, and no longer held by the server"
# The sync state's mark of when this replica last took in everything the cloud held (the terminal's clock): how old
# its data may be (`KofuService.data_age`).
SYNCED = "synced_at"
# The sync state's record of the head document last sent (`head_revision`): its revision and body.
HEAD_SENT = "head_sent"
# The meta key of the last quarantine entry whose 隔離 is in the audit (`Replication._announce`). Absent: every entry
# so far was announced.
ANNOUNCED = "quarantine.announced"


@dataclass(frozen=True, slots=True)
class Arrival:
    """A document opened from an envelope, with its parent revision, the terminal that wrote it and that terminal's
    number for it (None for an edit, or a document made before documents had one).

    Its body's canonical JSON (which the revision id is checked against; made here unless the opener had it at
    hand) and its stored, compressed form are made with it, as the envelope is opened. `verified`: its revision id
    and its form were checked already, where it was opened (`verified()`); the replica checks the rest."""

    doc: documents.Document
    parent_rev: str | None
    origin: str
    envelope: Mapping[str, Any]
    body_json: bytes = field(default=b"", repr=False)
    packed: bytes = field(default=b"", repr=False)
    verified: bool = False
    number: int | None = None

    def __post_init__(self) -> None:
        if not self.body_json:
            object.__setattr__(self, "body_json", canonical_json(self.doc.body))
        if not self.packed:
            object.__setattr__(self, "packed", documents.pack_json(self.body_json))


@dataclass(frozen=True, slots=True)
class Refused:
    """An envelope that did not open (altered, moved, malformed): it goes straight to quarantine."""

    doc_id: str
    rev: str
    doc_class: str
    reason: str
    envelope: Mapping[str, Any]


def verified(arrival: Arrival, data_key: bytes, today: dt.date) -> Arrival | Refused:
    """The checks of an arrival that need no replica, made where its envelope is opened (in a second process during
    a large pull): its revision id is the HMAC of its parent revision, deleted flag and body, and its form passes
    the domain rules (`arrivals.form_problem`). What passes is marked verified; what fails is refused."""
    doc = arrival.doc
    reason = _revision_problem(arrival, data_key) or arrivals_check.form_problem(doc, today)
    if reason is not None:
        return Refused(doc.id, doc.rev, doc.doc_class, reason, arrival.envelope)
    return dataclasses.replace(arrival, verified=True)


def _revision_problem(arrival: Arrival, data_key: bytes) -> str | None:
    doc = arrival.doc
    try:
        expected = documents.revision_id_of_json(data_key, arrival.parent_rev, doc.deleted, arrival.body_json)
    except (ValueError, AttributeError, TypeError):  # written by a terminal holding the key, but not by ours
        return "malformed parent revision"
    return None if expected == doc.rev else "the revision does not match the body"


@dataclass
class Received:
    accepted: int = 0
    already: int = 0
    quarantined: int = 0


@dataclass(frozen=True, slots=True)
class LocalRevision:
    seq: int
    doc: documents.Document
    parent_rev: str | None
    origin: str
    path: list[str]  # this revision and its ancestors, newest first
    number: int | None  # its terminal's number for the document (`documents.put_new`)


@dataclass(frozen=True, slots=True)
class Quarantined:
    doc_id: str
    rev: str
    doc_class: str
    reason: str
    received_at: str


@dataclass(frozen=True, slots=True)
class Keys:
    """What envelopes are sealed with and arrivals checked against."""

    municipality: str  # 全国地方公共団体コード
    terminal_id: str
    data_key: bytes
    public_key: Ed25519PublicKey  # the municipality's signing key (staff events)


class Replication:
    def __init__(self, ctx: StoreContext, public_key: Ed25519PublicKey) -> None:
        self._conn = ctx.conn
        self._lock = ctx.lock
        self._write = ctx.write
        self._keys = Keys(ctx.municipality.code, ctx.terminal_id, ctx.data_key, public_key)
        self._name = ctx.terminal
        self._clock = ctx.clock
        self._record = ctx.record
        self._defer = ctx.defer
        self._synced = ""  # the last `mark_synced` here, until the transaction that writes it

    def today(self) -> dt.date:
        """The replica's date, which arrivals are checked against."""
        return self._clock().date()

    def document(self, doc_id: str) -> documents.Document | None:
        """A document as held here (its winning revision), or None."""
        with self._lock:
            return documents.get(self._conn, doc_id)

    def sealing(self) -> tuple[str, str, bytes]:
        """What envelopes are sealed with: the municipality code, this terminal's id and the data key."""
        return self._keys.municipality, self._keys.terminal_id, self._keys.data_key

    # --- arrivals --------------------------------------------------------------------------------------------------

    def ingest(self, doc: documents.Document, parent_rev: str | None = None, origin: str = "") -> None:
        """Accept one document made by another terminal, or raise StoreError after putting it in quarantine."""
        report = self.receive([Arrival(doc, parent_rev, origin, {})])
        if report.quarantined:
            raise StoreError("受け取った文書は検査に通らなかったため隔離しました", "arrival quarantined")

    def receive(self, arrivals: Sequence[Arrival | Refused], checkpoint: Mapping[str, str] | None = None,
                *, from_cloud: bool = False, announce: bool = True) -> Received:
        """Store what arrived from the cloud, in one transaction, with the pull checkpoint written in the same commit.

        Each document is checked like a local write (`local_store.arrivals`); one that fails goes to quarantine and
        touches nothing else. Staff events are taken first, in an order their authors allow, and a document held
        back because its author was not yet known is checked again when staff events arrive later. A revision
        already here is skipped, so applying a batch twice is harmless. A 異動 made on an older parent is kept; the
        person is then flagged for review. With `from_cloud`, when nothing local was waiting to be sent, the push
        checkpoint moves past what arrived: the cloud has it already.

        The numbers that came with documents are recorded (`local_store.completeness`), also of a document
        quarantined after it opened or dropped by a purge order; head documents are taken into the heads, never
        stored with the documents.

        With `announce` (the last batch of a pull, or arrivals on their own), what is still held back is announced:
        each entry of the quarantine gets its 隔離 in the audit. A pull's earlier batches announce nothing, so that a
        document whose author's account comes in a later batch of the same pull (a restored cloud, or a sharded one,
        lists documents in no causal order) is accepted without an alarm. `Received.quarantined` counts what was
        announced.

        Staff events are stored one by one, as the checks of what follows depend on them. The checks of the other
        classes read the staff table only (never documents of their own batch), so the other documents that pass
        are stored together at the end of the batch, and each person they touch is refreshed once.
        """
        received = Received()
        with self._write() as conn:
            checks = arrivals_check.Checks(conn, self._keys.public_key, self._clock().date())
            last = conn.execute("SELECT coalesce(max(seq), 0) FROM revs").fetchone()[0]
            pushed = conn.execute("SELECT value FROM meta WHERE key = 'sync.push_seq'").fetchone()
            nothing_waiting = from_cloud and int(pushed[0] if pushed else 0) >= last
            held = documents.held_revisions(conn, {a.doc.id for a in arrivals if isinstance(a, Arrival)})
            purged = purge.purged_ids(conn)  # documents erased by order: dropped, never stored again
            staff_events: list[Arrival] = []
            others: list[Arrival] = []
            numbered = [(a.origin, a.number, a.doc.id, a.doc.rev) for a in arrivals
                        if isinstance(a, Arrival) and a.number is not None]
            for arrival in arrivals:
                if (arrival.doc_id if isinstance(arrival, Refused) else arrival.doc.id) in purged:
                    continue
                if isinstance(arrival, Refused):
                    self._quarantine(conn, arrival.doc_id, arrival.rev, arrival.doc_class, arrival.reason,
                                     arrival.envelope, None)
                    continue
                if arrival.doc.doc_class == completeness.HEAD:
                    self._take_head(conn, arrival)
                    continue
                if (arrival.doc.id, arrival.doc.rev) in held:
                    received.already += 1
                    continue
                held.add((arrival.doc.id, arrival.doc.rev))  # a revision listed twice is taken once
                (staff_events if arrival.doc.doc_class == staff.STAFF else others).append(arrival)
            refused = self._take_staff_events(conn, checks, staff_events)
            staff_taken = len(staff_events) - len(refused)
            received.accepted += staff_taken
            staged: list[documents.NewRevision] = []
            for arrival in others:
                checked = self._check(checks, arrival)
                if isinstance(checked, str):
                    refused.append((arrival, checked))
                else:
                    staged.append(checked)
            self._store(conn, checks, staged)
            received.accepted += len(staged)
            for arrival, reason in refused:
                held.discard((arrival.doc.id, arrival.doc.rev))
                self._quarantine(conn, arrival.doc.id, arrival.doc.rev, arrival.doc.doc_class, reason,
                                 arrival.envelope, arrival)
            completeness.note_numbers(conn, self._keys.terminal_id, numbered)
            self._release_found(conn, held)
            if staff_taken:
                received.accepted += self._release_quarantined(conn, checks)
            if announce:
                received.quarantined = self._announce(conn)
            marks = dict(checkpoint or {})
            if nothing_waiting:
                marks["push_seq"] = str(conn.execute("SELECT coalesce(max(seq), 0) FROM revs").fetchone()[0])
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             [(f"sync.{k}", v) for k, v in marks.items()])
        return received

    def _take_head(self, conn: Connection, arrival: Arrival) -> None:
        """A terminal's head document: taken into the heads when it passes, quarantined (without its body: it is
        never stored as a document) when it does not."""
        keys = self._keys
        problem = (None if arrival.verified else _revision_problem(arrival, keys.data_key)) or \
            completeness.head_problem(arrival.doc.id, arrival.doc.body, keys.data_key, keys.municipality)
        if problem is None:
            completeness.take_head(conn, keys.terminal_id, arrival.doc.body)
        else:
            self._quarantine(conn, arrival.doc.id, arrival.doc.rev, arrival.doc.doc_class, problem, arrival.envelope,
                             None)

    def _take_staff_events(self, conn: Connection, checks: arrivals_check.Checks, events: Sequence[Arrival]
                           ) -> list[tuple[Arrival, str]]:
        """Store a batch's staff events in an order that their authors allow, whatever order they came in (an
        administrator's events may come before the creation of their account): the events refused are checked
        again after others were stored, until a pass stores none. Return those refused, with the reasons."""
        waiting = list(events)
        while True:
            refused: list[tuple[Arrival, str]] = []
            for arrival in waiting:
                checked = self._check(checks, arrival)
                if isinstance(checked, str):
                    refused.append((arrival, checked))
                else:
                    self._store(conn, checks, [checked])
            if len(refused) == len(waiting):
                return refused
            waiting = [arrival for arrival, _ in refused]

    def _check(self, checks: arrivals_check.Checks, arrival: Arrival) -> documents.NewRevision | str:
        """The revision to store when the arrival passes its checks; the reason it was refused otherwise."""
        doc = arrival.doc
        reason = checks.problem(doc, form_checked=arrival.verified)
        if reason is None and not arrival.verified:
            reason = _revision_problem(arrival, self._keys.data_key)
        if reason is not None:
            return reason
        return documents.NewRevision(doc, arrival.parent_rev, arrival.origin, arrival.packed)

    def _store(self, conn: Connection, checks: arrivals_check.Checks, revisions: Sequence[documents.NewRevision]
               ) -> None:
        """Store checked revisions and what is derived from them."""
        documents.insert_revisions(conn, revisions)
        derived.index_idous(conn, [(r.doc.id, r.doc.body) for r in revisions if r.doc.doc_class == derived.IDOU])
        purge.apply_orders(conn, [r.doc.body for r in revisions if r.doc.doc_class == purge.PURGE])
        for r in revisions:
            if r.doc.doc_class == staff.STAFF:
                staff.apply_event(conn, r.doc.body)
                checks.staff_changed()

    def _release_quarantined(self, conn: Connection, checks: arrivals_check.Checks) -> int:
        """Check held-back documents again (their author may be known now); return how many were accepted. One that
        arrived again and passed meanwhile is here already: it leaves the quarantine without being stored twice.
        While staff events leave it, the others are checked again after them (they may depend on one another)."""
        released = 0
        waiting = conn.execute("SELECT id, doc_id, rev, class, parent_rev, origin, deleted, body FROM quarantine "
                               "WHERE body IS NOT NULL ORDER BY id").fetchall()
        held = documents.held_revisions(conn, {row[1] for row in waiting})
        while waiting:
            still, staged, staff_taken = [], [], False
            for row in waiting:
                row_id, doc_id, rev, doc_class, parent, origin, deleted, body = row
                if (doc_id, rev) not in held:
                    doc = documents.Document(doc_id, rev, doc_class, documents.unpack(body), bool(deleted))
                    checked = self._check(checks, Arrival(doc, parent, origin or "", {}))
                    if isinstance(checked, str):
                        still.append(row)
                        continue
                    held.add((doc_id, rev))
                    if doc_class == staff.STAFF:
                        self._store(conn, checks, [checked])
                        staff_taken = True
                    else:
                        staged.append(checked)
                self._release(conn, row_id, doc_id)
                released += 1
            self._store(conn, checks, staged)
            if not staff_taken:
                return released
            waiting = still
        return released

    def _release_found(self, conn: Connection, held: set[tuple[str, str]]) -> None:
        """Entries of revisions recorded as lost (`LOST`) that are here now (brought over by file, or sent again)
        leave the quarantine."""
        for row_id, doc_id, rev in conn.execute("SELECT id, doc_id, rev FROM quarantine WHERE reason = ?",
                                                (LOST,)).fetchall():
            if (doc_id, rev) in held:
                self._release(conn, row_id, doc_id)

    def _release(self, conn: Connection, row_id: int, doc_id: str) -> None:
        """An entry leaves the quarantine: audited as 隔離解除 when its 隔離 was announced."""
        conn.execute("DELETE FROM quarantine WHERE id = ?", (row_id,))
        announced = meta.get(conn, ANNOUNCED)
        if announced is None or row_id <= int(announced):
            self._record("", "隔離解除", doc_id, "")

    def _quarantine(self, conn: Connection, doc_id: str, rev: str, doc_class: str, reason: str,
                    envelope: Mapping[str, Any], opened: Arrival | None) -> None:
        """Hold an arrival back; its 隔離 is announced later (`_announce`). Its entry's id is above every id
        announced, even one that has left the quarantine since (SQLite would give a deleted highest id again)."""
        announced = meta.get(conn, ANNOUNCED)
        highest = int(conn.execute("SELECT coalesce(max(id), 0) FROM quarantine").fetchone()[0])
        if announced is None:  # a replica whose every entry was announced as it was held back, as they once were
            announced = str(highest)
            meta.put(conn, {ANNOUNCED: announced})
        conn.execute(
            "INSERT OR IGNORE INTO quarantine (id, doc_id, rev, class, reason, envelope, received_at, parent_rev, "
            "origin, deleted, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (max(highest, int(announced)) + 1, doc_id, rev, doc_class, reason,
             json.dumps(envelope, ensure_ascii=False), self._clock().isoformat(timespec="seconds"),
             opened.parent_rev if opened else None, opened.origin if opened else None,
             int(opened.doc.deleted) if opened else None, opened.packed if opened else None),
        )

    def _announce(self, conn: Connection) -> int:
        """Audit as 隔離 the entries held back and not yet announced; return how many."""
        announced = meta.get(conn, ANNOUNCED)
        if announced is None:
            return 0
        rows = conn.execute("SELECT id, doc_id, reason FROM quarantine WHERE id > ? ORDER BY id",
                            (int(announced),)).fetchall()
        for _, doc_id, reason in rows:
            self._record("", "隔離", doc_id, reason)
        if rows:
            meta.put(conn, {ANNOUNCED: str(rows[-1][0])})
        return len(rows)

    def hold_back(self, conn: Connection, refused: Refused) -> None:
        """Quarantine a record that did not open, and announce it (inside the caller's write transaction)."""
        self._quarantine(conn, refused.doc_id, refused.rev, refused.doc_class, refused.reason, refused.envelope, None)
        self._announce(conn)

    # --- completeness --------------------------------------------------------------------------------------------

    def gaps(self) -> list[completeness.Gap]:
        """The documents of other terminals that have not arrived here, by their numbers (`local_store.completeness`):
        none when this replica holds everything the heads it knows of say was written."""
        with self._lock:
            return completeness.gaps(self._conn)

    def refuse_while_incomplete(self) -> None:
        """Raise ValidationError while documents of other terminals are missing: the cloud cannot tell documents apart,
        so any of them may be a 支援措置. The 交付 to a 第三者 or 代理人 waits for them."""
        found = self.gaps()
        if found:
            raise ValidationError("交付", f"{completeness.describe(found)}。届くまで第三者・代理人の請求には交付できません"
                                          "（同期して、届いてからもう一度請求を処理してください）")

    def head_revision(self, pushed_seq: int, again: bool = False) -> LocalRevision | None:
        """A new revision of this terminal's head document when what it says changed since the last one sent (or
        `again`, when the cloud may have lost it): the highest number among the revisions sent (local sequence up to
        `pushed_seq`), the heads known of the others, the numbers of erased documents. None when there is nothing
        new to say. It is never stored here as a document: `head_sent` records it once the cloud took it."""
        last = json.loads(self.sync_state().get(HEAD_SENT, "{}"))
        with self._lock:
            number = max(int(last.get("body", {}).get("number", 0)), completeness.own_head(self._conn, pushed_seq))
            body = completeness.head_body(self._conn, self._keys.terminal_id, self._name, number)
        if (body == last.get("body") and not again) or (not last and not (number or body["known"] or body["void"])):
            return None
        parent = last.get("rev")
        doc = documents.Document(completeness.head_id(self._keys.data_key, self._keys.municipality, self._keys.terminal_id),
                                 documents.revision_id(self._keys.data_key, parent, False, body), completeness.HEAD, body)
        return LocalRevision(0, doc, parent, "", [doc.rev] + ([parent] if parent else []), None)

    def head_sent(self, revision: LocalRevision) -> None:
        """The cloud took this head revision (`head_revision`)."""
        self.set_sync_state({HEAD_SENT: json.dumps({"rev": revision.doc.rev, "body": revision.doc.body},
                                                   ensure_ascii=False)})

    def quarantined(self) -> list[Quarantined]:
        """The arrivals held back, oldest first (`ReviewService.quarantined` checks who may see them)."""
        with self._lock:
            return [Quarantined(*r) for r in self._conn.execute(
                "SELECT doc_id, rev, class, reason, received_at FROM quarantine ORDER BY id")]

    def quarantine_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM quarantine").fetchone()[0])

    # --- checkpoints and what waits to be sent -------------------------------------------------------------------

    def sync_state(self) -> dict[str, str]:
        """The replication checkpoints and marks kept on this side (keys without the `sync.` prefix)."""
        with self._lock:
            return {k[5:]: v for k, v in self._conn.execute("SELECT key, value FROM meta WHERE key LIKE 'sync.%'")}

    def set_sync_state(self, values: Mapping[str, str]) -> None:
        with self._write() as conn:
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             [(f"sync.{k}", v) for k, v in values.items()])

    def mark_synced(self, since: dt.datetime) -> None:
        """A pull that began at `since` took in everything the cloud held: the data here is at least that fresh.
        Written with the next transaction (a sync with nothing to do writes nothing)."""
        self._synced = since.isoformat(timespec="seconds")
        self._defer({f"sync.{SYNCED}": self._synced})

    def last_synced(self) -> dt.datetime | None:
        """When the last complete pull began (None: this replica never took in what the cloud holds)."""
        found = self._synced or self.sync_state().get(SYNCED)
        return dt.datetime.fromisoformat(found) if found else None

    def replicated(self) -> bool:
        """Whether this replica syncs with a cloud (one is set up here); a replica on its own is the only copy."""
        return bool(self.sync_state().get("cloud_url"))

    def last_seq(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT coalesce(max(seq), 0) FROM revs").fetchone()[0])

    def pending_changes(self) -> int:
        """Revisions this replica holds that it has not yet sent to the cloud."""
        with self._lock:
            after = int(self.sync_state().get("push_seq", "0"))
            # Sequences are AUTOINCREMENT, never reused, and revisions are never deleted: the difference is the
            # count, read from the end of the table instead of counting every row after the checkpoint.
            return max(0, self.last_seq() - after)

    def local_changes(self, after_seq: int, limit: int) -> list[LocalRevision]:
        """Revisions stored here after `after_seq` (local change sequence), oldest first, with their history."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, doc_id, rev FROM revs WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)
            ).fetchall()
            changes = []
            for seq, doc_id, rev in rows:
                found = documents.get_revision(self._conn, doc_id, rev)
                assert found is not None
                doc, parent, origin = found
                changes.append(LocalRevision(seq, doc, parent, origin, documents.revision_path(self._conn, doc_id, rev),
                                             documents.number_of(self._conn, doc_id, rev)))
            return changes

    def missing_revs(self, wanted: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
        """Of the revisions named, those this replica does not hold (as `_revs_diff` answers)."""
        with self._lock:
            held = documents.held_revisions(self._conn, wanted)
        missing = {doc_id: [rev for rev in revs if (doc_id, rev) not in held] for doc_id, revs in wanted.items()}
        return {doc_id: revs for doc_id, revs in missing.items() if revs}
