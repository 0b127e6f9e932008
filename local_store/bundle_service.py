"""File-carried sync (持出し and 持込み): what a bundle for another terminal holds, the marks that keep the next
bundle small, the approval an export needs, and the audit.

The file itself (sealing, signature, format) is `sync.bundle`'s; this side hands out the local revisions and the
signing function, and takes the opened arrivals in through `Replication.receive`, so they are checked and
quarantined exactly as those pulled from the cloud.

The marks live in the replica's sync state: per target, the last local change sequence carried out
(`bundle_sent.<target>`); per bundle taken in, when (`bundle_imported.<id>`, written in the same commit as its
documents); the terminals learnt from bundles taken in (`bundle_peer.<id>` = name); and the last export.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from local_store import kofu
from local_store.context import StoreContext
from local_store.replication import Arrival, LocalRevision, Refused, Replication
from local_store.staff import Staff
from local_store.staff_service import StaffService

SENT, IMPORTED, PEER, LAST_EXPORT = "bundle_sent.", "bundle_imported.", "bundle_peer.", "bundle_last_export"
ANY_TARGET = "*"
READ_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Outgoing:
    """What one bundle carries out: the local revisions after the target's mark, and how to sign the file."""

    target: str  # the target terminal's id when known, else as given; "" for any terminal
    target_name: str  # as the administrator named it (or the name learnt for the id)
    at: dt.datetime
    after_seq: int
    up_to: int  # the last local change sequence looked at
    changes: list[LocalRevision]
    sign: Callable[[bytes], bytes]
    approver: str


@dataclass(frozen=True, slots=True)
class CarriedIn:
    """The outcome of taking a bundle in. `already`: it was taken in before (at `imported_at`); nothing changed."""

    already: bool
    imported_at: str
    accepted: int = 0
    duplicates: int = 0  # revisions this replica held already
    quarantined: int = 0


@dataclass(frozen=True, slots=True)
class CarryOut:
    """The last export, for the disaster banner: where the last bundle went."""

    file_name: str
    target: str
    at: dt.datetime
    count: int


class BundleService:
    def __init__(self, ctx: StoreContext, replication: Replication, staff: StaffService) -> None:
        self._ctx = ctx
        self._replication = replication
        self._staff = staff

    # --- 持出し ------------------------------------------------------------------------------------------------------

    def carry_out(self, actor: Staff, target: str = "", *, everything: bool = False,
                  approver: Staff | None = None) -> Outgoing:
        """The local revisions a bundle for `target` (a terminal's id or name; "" for any) carries: those after the
        mark of the last bundle for it, less what that terminal wrote itself; with `everything`, all of them.

        Needs a 管理者: the acting staff member, or `approver`, an administrator who signed in to approve it."""
        approved_by = self._staff.carry_out_approval(actor, approver)
        target = target.strip()
        target_id, target_name = self._peer(target)
        state = self._replication.sync_state()
        # A terminal named before a bundle from it told its id has its mark under the name.
        marks = [int(state.get(SENT + key, "0")) for key in {target_id or ANY_TARGET, target_name or ANY_TARGET}]
        after = 0 if everything else max(marks)
        changes: list[LocalRevision] = []
        up_to = after
        while True:
            batch = self._replication.local_changes(up_to, READ_BATCH)
            if not batch:
                break
            up_to = batch[-1].seq
            changes += [c for c in batch if everything or not target_id or c.origin != target_id]
        with self._ctx.lock:
            sign = kofu.certificate_signer(self._ctx.conn)
        return Outgoing(target_id, target_name, self._ctx.now(), after, up_to, changes, sign, approved_by.user)

    def carried_out(self, actor: Staff, outgoing: Outgoing, file_name: str) -> None:
        """The bundle was written: move the target's mark on and record the 持出し (file, target, counts)."""
        at = self._ctx.now()
        last = {"file": file_name, "target": outgoing.target_name, "at": at.isoformat(timespec="seconds"),
                "count": len(outgoing.changes)}
        with self._ctx.lock:
            self._ctx.record(actor.user, "持出し", file_name,
                             f"宛先 {outgoing.target_name or '全端末'}　文書 {len(outgoing.changes)}件　"
                             f"変更番号 {outgoing.after_seq + 1}〜{outgoing.up_to}　承認 {outgoing.approver}")
            self._replication.set_sync_state({SENT + (outgoing.target or ANY_TARGET): str(outgoing.up_to),
                                              LAST_EXPORT: json.dumps(last, ensure_ascii=False)})

    def last_carry_out(self) -> CarryOut | None:
        found = self._replication.sync_state().get(LAST_EXPORT)
        if not found:
            return None
        last = json.loads(found)
        return CarryOut(last["file"], last["target"], dt.datetime.fromisoformat(last["at"]), int(last["count"]))

    # --- 持込み ------------------------------------------------------------------------------------------------------

    def carry_in(self, actor: Staff, file_name: str, bundle_id: str, source: tuple[str, str],
                 arrivals: Sequence[Arrival | Refused]) -> CarriedIn:
        """Take in the documents of a verified bundle (`source`: the id and name of the terminal that wrote it),
        checked like those pulled from the cloud. A bundle taken in before changes nothing and says so."""
        source_id, source_name = source
        done = self._replication.sync_state().get(IMPORTED + bundle_id)
        if done:
            with self._ctx.write():
                self._ctx.record(actor.user, "持込み", file_name, f"取込み済み（{done}）のため変更なし")
            return CarriedIn(True, done)
        at = self._ctx.now().isoformat(timespec="seconds")
        received = self._replication.receive(arrivals, {IMPORTED + bundle_id: at, PEER + source_id: source_name})
        with self._ctx.write():
            self._ctx.record(actor.user, "持込み", file_name,
                             f"作成端末 {source_name}　受入 {received.accepted}件　既存 {received.already}件　"
                             f"隔離 {received.quarantined}件")
        return CarriedIn(False, at, received.accepted, received.already, received.quarantined)

    def carry_in_refused(self, actor: Staff, file_name: str, reason: str) -> None:
        """A bundle that was not taken in (altered, another municipality's, for another terminal): audited only."""
        with self._ctx.write():
            self._ctx.record(actor.user, "持込み拒否", file_name, reason)

    # --- helpers ---------------------------------------------------------------------------------------------------

    def _peer(self, target: str) -> tuple[str, str]:
        """A target named by id or by name: its id and name when a bundle from it was taken in, else as given."""
        if not target:
            return "", ""
        peers = {k[len(PEER):]: v for k, v in self._replication.sync_state().items() if k.startswith(PEER)}
        if target in peers:
            return target, peers[target]
        by_name = [i for i, name in peers.items() if name == target]
        return (by_name[0], target) if len(by_name) == 1 else (target, target)
