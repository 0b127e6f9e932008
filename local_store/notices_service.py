"""Notices: the outbox (list, export to a file, marked 送付済) and the inbox (import from a file, then each notice
recorded as a 異動 or rejected by staff).

An export carries personal data out of the registry's segment on a file: it needs a 管理者 (the staff member, or an
administrator approving, as `bundle export` does) and is audited as a 持出し. Nothing received is recorded until a
staff member confirms it (`apply`), through the same planning as every 異動.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain import notices as rules
from domain.errors import ValidationError
from domain.idou import Idou
from domain.roles import Permission
from local_store import fuhyo, notices
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import DisclosureCheck, Use
from local_store.errors import StoreError
from local_store.idou_service import Applied, IdouService
from local_store.notices import Received, Sent
from local_store.staff import Staff
from local_store.staff_service import StaffService


@dataclass(frozen=True, slots=True)
class Proposal:
    """What an incoming notice would record: the 異動 request (None when no resident fits: `problem` says why), and
    the 異動 as planned now (None when the plan breaks a rule: `problem` says which)."""

    received: Received
    request: dict[str, Any] | None
    idou: Idou | None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    count: int


@dataclass(frozen=True, slots=True)
class Imported:
    taken: int
    already: int  # received before (same sender and id): not taken again


class NoticesService:
    def __init__(self, ctx: StoreContext, disclosure: DisclosureCheck, idou: IdouService,
                 staff: StaffService) -> None:
        self._ctx = ctx
        self._disclosure = disclosure
        self._idou = idou
        self._staff = staff
        self._outbox = notices.Outbox()  # the notices the 異動 owe

    # --- the outbox --------------------------------------------------------------------------------------------------

    def begin_outbox(self) -> None:
        """Notices are owed by the 異動 processed from now on (the demo town's made-up history owes none)."""
        with self._ctx.write() as conn:
            notices.begin_outbox(conn, self._ctx.now())

    def _owed(self, kind: rules.Outgoing | None, pending: bool) -> list[tuple[dict[str, Any], Sent | None]]:
        self._outbox.refresh(self._ctx.conn, self._ctx.municipality.full_name, self._ctx.municipality.prefecture)
        return self._outbox.notices(kind, pending=pending)

    def outgoing(self, actor: Staff, kind: rules.Outgoing | None = None, *, pending: bool = True
                         ) -> list[tuple[dict[str, Any], Sent | None]]:
        """The notices the 異動 owe (only those not sent yet, with `pending`), each with its sending; one about a
        person under 支援措置 only for 係長 and above. Audited."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = self._disclosure.listing(actor, "通知一覧", self._owed(kind, pending), _about,
                                             target=kind.value if kind else "")
        return found

    def export(self, actor: Staff, out: Path, kind: rules.Outgoing | None = None, *,
               approver: Staff | None = None) -> Exported:
        """Write the notices not sent yet (of one kind) to a file in the documented format and mark them 送付済 (a
        replicated mark): a 持出し that needs a 管理者, audited. The file appears whole or not at all; when it cannot
        be written nothing is marked. An export with nothing to send writes a file with no notices. Notices about a
        person under 支援措置 are written too (the law owes them), and named in the audit."""
        approved_by = self._staff.carry_out_approval(actor, approver)
        with self._ctx.write() as conn:
            if out.exists():  # a file not yet carried out would be lost while its notices stay marked 送付済
                raise StoreError(f"通知ファイル {out} はすでにあります。別の名前を指定してください",
                                 f"{out} exists already")
            owed = self._disclosure.listing(
                actor, "持出し", [notice for notice, _ in self._owed(kind, True)], _notice_about, use=Use.NOTICE,
                target=out.name, detail=f"通知（{kind.value if kind else 'すべての種別'}）　承認 {approved_by.user}")
            at = self._ctx.now().isoformat(timespec="seconds")
            content = rules.export_file(owed, self._ctx.municipality.full_name, self._ctx.municipality.code, at)
            partial = out.with_name(out.name + ".part")
            try:
                with partial.open("w", encoding="utf-8") as file:
                    file.write(json.dumps(content, ensure_ascii=False, indent=1) + "\n")
                    file.flush()
                    os.fsync(file.fileno())  # on disk before the 送付済 mark commits
                os.replace(partial, out)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                self._ctx.record(actor.user, "持出し失敗", out.name, type(exc).__name__)
                raise StoreError(f"通知ファイルを書き込めません（{out}）", f"cannot write the notices: {exc}") from None
            if owed:
                notices.put_sent(conn, self._ctx.data_key, {"ids": [n["id"] for n in owed], "by": actor.user,
                                                            "approver": approved_by.user, "at": at,
                                                            "file": out.name, "terminal": self._ctx.terminal})
            return Exported(out, len(owed))

    # --- the inbox -----------------------------------------------------------------------------------------------------

    def import_file(self, actor: Staff, path: Path) -> Imported:
        """Take the notices of a file into the inbox, every one checked first (a bad file changes nothing); those
        received before (same sender and id) are not taken again. Nothing is recorded until staff confirm one."""
        require(actor, Permission.APPLY_IDOU)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError("通知ファイル", f"UTF-8 のJSONとして読めません（{type(exc).__name__}）") from None
        incoming = rules.parse_file(value)
        now = self._ctx.now()
        with self._ctx.write() as conn:
            known = notices.received_keys(conn)
            fresh = [n for n in incoming if rules.key_of(n) not in known]
            for notice in fresh:
                notices.put_received(conn, self._ctx.data_key, {
                    "notice": notice, "file": path.name, "received_on": now.date().isoformat(), "by": actor.user,
                    "at": now.isoformat(timespec="milliseconds"), "terminal": self._ctx.terminal})
            self._ctx.record(actor.user, "通知の受付", path.name,
                             f"受付 {len(fresh)}件　受付済み {len(incoming) - len(fresh)}件")
        return Imported(len(fresh), len(incoming) - len(fresh))

    def inbox(self, actor: Staff) -> list[Received]:
        """Every received notice, oldest first; one about a person under 支援措置 (a resident, or a person of this
        town's 附票 living elsewhere) only for 係長 and above."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn = self._fresh()
            found = self._disclosure.listing(actor, "受付通知一覧", notices.inbox(conn), lambda r: notices.about(conn, r))
        return found

    def _fresh(self) -> Connection:
        """The connection, with the 附票 tables brought up to date: a notice may be about a person of a 附票 (in the
        caller's lock)."""
        if fuhyo.stale(self._ctx.conn):
            with self._ctx.write() as conn:
                fuhyo.refresh(conn)
        return self._ctx.conn

    def _received(self, conn: Connection, notice_id: str) -> Received:
        """A received notice by its id, or by its first characters (at least six) when they name only one."""
        wanted = notice_id.strip()
        found = [r for r in notices.inbox(conn) if r.id == wanted or (len(wanted) >= 6 and r.id.startswith(wanted))]
        if len(found) != 1:
            raise ValidationError("通知", f"受付した通知 {wanted} が見つかりません" if not found
                                  else f"受付した通知 {wanted} に当てはまるものが複数あります。IDをもっと長く指定してください")
        return found[0]

    def _request(self, conn: Connection, received: Received) -> dict[str, Any]:
        """The 異動 request of a received notice; raises Unmatched when no single resident fits it."""
        resident = rules.match(received.notice, notices.born_on(conn, rules.born_on(received.notice)))
        return rules.idou_request(received.notice, resident, received.received_on)

    def proposal(self, actor: Staff, notice_id: str) -> Proposal:
        """What a received notice would record, planned now without writing anything (`IdouService.check`)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = self._received(self._fresh(), notice_id)
            shown = self._disclosure.listing(actor, "受付通知の確認", [found], lambda r: notices.about(self._ctx.conn, r),
                                             target=found.id)
            if not shown:  # about a person under 支援措置, for 係長 and above only: as if there were none
                raise ValidationError("通知", f"受付した通知 {notice_id.strip()} が見つかりません")
            received = shown[0]
            try:
                request = self._request(self._ctx.conn, received)
            except rules.Unmatched as exc:
                return Proposal(received, None, None, exc.reason)
        if received.state != notices.WAITING:
            return Proposal(received, request, None, f"この通知は{received.state}です")
        try:
            return Proposal(received, request, self._idou.check(actor, request))
        except ValidationError as exc:
            return Proposal(received, request, None, f"{exc.item}: {exc.message}")
        except StoreError as exc:  # e.g. a clock behind the last trusted time: nothing may be recorded now
            return Proposal(received, request, None, exc.message)

    def apply(self, actor: Staff, notice_id: str) -> Applied:
        """Record the 異動 of a received notice (confirmed by `actor`) and mark the notice 処理済, in one transaction;
        a notice no resident fits, or one decided already, is refused."""
        self._idou.may_apply(actor)
        try:
            with self._ctx.write() as conn:
                received = self._waiting(conn, notice_id)
                try:
                    request = self._request(conn, received)
                except rules.Unmatched as exc:
                    raise ValidationError("通知の対象者", f"{exc.reason}（この通知は却下しかできません）") from None
                applied = self._idou.record(conn, actor, request)
                notices.put_decision(conn, self._ctx.data_key, {
                    "notice": received.id, "state": notices.DONE, "idou_doc": applied.doc_id, "by": actor.user,
                    "at": self._ctx.now().isoformat(timespec="milliseconds"), "terminal": self._ctx.terminal})
                self._ctx.record(actor.user, "通知の処理", received.id, f"{received.notice['kind']} → 異動 {applied.doc_id}")
                return applied
        except ValidationError as exc:
            with self._ctx.lock:
                self._ctx.record(actor.user, "通知の処理拒否", notice_id, f"{exc.item}: {exc.message}")
            raise

    def reject(self, actor: Staff, notice_id: str, reason: str) -> None:
        """却下: the notice is kept, marked rejected with the reason; nothing is recorded from it."""
        require(actor, Permission.APPLY_IDOU)
        if not reason.strip():
            raise ValidationError("却下の理由", "却下の理由を入力してください")
        with self._ctx.write() as conn:
            received = self._waiting(conn, notice_id)
            notices.put_decision(conn, self._ctx.data_key, {
                "notice": received.id, "state": notices.REJECTED, "reason": reason.strip(), "by": actor.user,
                "at": self._ctx.now().isoformat(timespec="milliseconds"), "terminal": self._ctx.terminal})
            self._ctx.record(actor.user, "通知の却下", received.id, reason.strip())

    def _waiting(self, conn: Connection, notice_id: str) -> Received:
        received = self._received(conn, notice_id)
        if received.state != notices.WAITING:
            raise ValidationError("通知", f"この通知はすでに{received.state}です（{received.decided_by}）")
        return received


def _notice_about(notice: dict[str, Any]) -> tuple[str]:
    """The resident an outgoing notice is about."""
    return (notice["atena_no"],)


def _about(item: tuple[dict[str, Any], Sent | None]) -> tuple[str]:
    return _notice_about(item[0])
