"""The pool of 住民票コード: importing a file and leasing codes (管理者, on the numbering authority), what is left on
this terminal, who is waiting for a code, and filling their codes in (each a 住民票コードの職権記載)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.errors import ValidationError
from domain.juminhyo_pool import CodeLine, code_entry
from domain.roles import Permission
from domain.wareki import format_short
from local_store import audit, juminhyo_pool, search
from local_store.audit import ENROLLED
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.errors import StoreError
from local_store.idou_service import IdouService
from local_store.numbering import Numbering
from local_store.staff import Staff


@dataclass(frozen=True, slots=True)
class CodePoolState:
    left: int  # codes this terminal may still draw
    unleased: int | None  # codes imported but not leased yet (on the numbering authority; None elsewhere)


class CodesService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 idou: IdouService) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._disclosure = disclosure
        self._idou = idou

    def state(self, actor: Staff) -> CodePoolState:
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            unleased = len(juminhyo_pool.unleased(self._ctx.conn)) if self._numbering.signer is not None else None
            return CodePoolState(self._numbering.codes.left(), unleased)

    def awaiting(self, actor: Staff) -> list[search.PersonSummary]:
        """Current residents recorded while this terminal's pool was empty, still without a 住民票コード."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = self._waiting()
            shown = self._disclosure.listing(actor, "付番待ち一覧（住民票コード）", found, lambda p: (p.atena_no,))
        return self._disclosure.marked(shown)

    def _waiting(self) -> list[search.PersonSummary]:
        ids = juminhyo_pool.waiting_ids(self._ctx.conn)
        return search.summaries(self._ctx.conn, ids, self._ctx.today().isoformat())

    def import_codes(self, actor: Staff, lines: Sequence[CodeLine],
                     share: int = juminhyo_pool.SELF_SHARE) -> int:
        """Keep the codes of a file as a pool (管理者, on the numbering authority) and lease `share` of them to this
        terminal: every line, or (on the first error, named by its line) none. Returns how many were leased here."""
        signer = self._authority(actor)
        with self._ctx.write() as conn:
            now = self._ctx.now()
            juminhyo_pool.import_pool(conn, self._ctx.data_key, signer, list(lines), actor.user, now)
            leased = juminhyo_pool.lease(conn, self._ctx.data_key, signer, self._ctx.terminal_id, self._ctx.terminal,
                                         min(share, len(lines)), actor.user, now) if share > 0 else 0
            self._ctx.record(actor.user, "住民票コード取込", "", f"{len(lines)}件（この端末へ{leased}件）")
            return leased

    def terminals(self, actor: Staff) -> dict[str, str]:
        """Terminals that codes can be leased to, by name: this one and those enrolled from here (id by name)."""
        require(actor, Permission.CHANGE_SETTINGS)
        with self._ctx.lock:
            enrolled = audit.details_and_targets(self._ctx.conn, ENROLLED)
        return dict(enrolled) | {self._ctx.terminal: self._ctx.terminal_id}

    def lease(self, actor: Staff, terminal_name: str, count: int) -> int:
        """Lease `count` codes of the pool to a terminal, named (管理者, on the numbering authority); it receives them
        with the next sync. Returns how many were leased (fewer when the pool holds fewer)."""
        signer = self._authority(actor)
        terminal_id = self.terminals(actor).get(terminal_name.strip())
        if terminal_id is None:
            raise ValidationError("端末名", f"端末「{terminal_name}」はこの端末から登録されていません")
        with self._ctx.write() as conn:
            leased = juminhyo_pool.lease(conn, self._ctx.data_key, signer, terminal_id, terminal_name.strip(), count,
                                         actor.user, self._ctx.now())
            self._ctx.record(actor.user, "住民票コード払出し", terminal_id, f"{terminal_name} {leased}件")
            return leased

    def fill(self, actor: Staff) -> int:
        """Give the persons waiting for a 住民票コード one from this terminal's pool, each by a 住民票コードの職権記載:
        as many as the pool allows, in the order of the list. Returns how many were recorded."""
        require(actor, Permission.APPLY_IDOU)
        day = format_short(self._ctx.today())
        with self._ctx.lock:  # held through apply_batch: nothing else here draws in between
            waiting = [p.atena_no for p in self._waiting()]  # a person under 支援措置 too: nothing is disclosed
            codes = self._numbering.codes.free(len(waiting))
            if waiting and not codes:
                raise StoreError("この端末の住民票コードがありません。管理者に払出しを依頼してください",
                                 "no 住民票コード left on this terminal")
            requests = [code_entry(a, c, day) for a, c in zip(waiting, codes, strict=False)]
            return len(self._idou.apply_batch(actor, requests)) if requests else 0

    def _authority(self, actor: Staff) -> Ed25519PrivateKey:
        require(actor, Permission.CHANGE_SETTINGS)
        if self._numbering.signer is None:
            raise StoreError("住民票コードの取込みと払出しは町を作成した端末（番号の払い出し元）で行ってください",
                             "only the numbering authority imports and leases 住民票コード")
        return self._numbering.signer
