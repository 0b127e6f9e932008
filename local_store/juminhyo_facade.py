"""The facade's part for the pool of 住民票コード: importing a file and leasing codes (管理者, on the numbering
authority), what is left on this terminal, who is waiting for a code, and filling their codes in.

A part of `Registry` (it inherits this class).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.errors import ValidationError
from domain.juminhyo_pool import CodeLine, code_entry
from domain.roles import Permission
from domain.wareki import format_short
from local_store import juminhyo_pool, search
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.errors import StoreError
from local_store.numbering import Numbering
from local_store.staff import Staff

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from local_store.registry import Applied

ENROLLED = "端末登録コード発行"  # the audit action of an enrollment: target the terminal's id, detail its name


@dataclass(frozen=True, slots=True)
class CodePoolState:
    left: int  # codes this terminal may still draw
    unleased: int | None  # codes imported but not leased yet (on the numbering authority; None elsewhere)


class JuminhyoFacade:
    _conn: Connection
    _lock: threading.RLock
    _audit: AuditLog
    _numbering: Numbering
    _data_key: bytes
    _clock: Callable[[], dt.datetime]
    terminal: str
    terminal_id: str

    if TYPE_CHECKING:
        def require(self, actor: Staff, permission: Permission) -> None: ...
        def _after_read(self) -> None: ...
        def _write(self) -> AbstractContextManager[Connection]: ...
        def today(self) -> dt.date: ...
        def apply_batch(self, actor: Staff, requests: Sequence[Mapping[str, Any]]) -> list[Applied]: ...

    def juminhyo_pool_state(self, actor: Staff) -> CodePoolState:
        self.require(actor, Permission.VIEW)
        with self._lock:
            unleased = len(juminhyo_pool.unleased(self._conn)) if self._numbering.signer is not None else None
            return CodePoolState(self._numbering.codes.left(), unleased)

    def awaiting_juminhyo_code(self, actor: Staff) -> list[search.PersonSummary]:
        """Current residents recorded while this terminal's pool was empty, still without a 住民票コード."""
        self.require(actor, Permission.VIEW)
        with self._lock:
            ids = juminhyo_pool.waiting_ids(self._conn)
            found = search.summaries(self._conn, ids, self.today().isoformat())
            self._audit.record(actor.user, "付番待ち一覧（住民票コード）", "", f"{len(found)}件")
        self._after_read()
        return found

    def import_juminhyo_codes(self, actor: Staff, lines: Sequence[CodeLine],
                              share: int = juminhyo_pool.SELF_SHARE) -> int:
        """Keep the codes of a file as a pool (管理者, on the numbering authority) and lease `share` of them to this
        terminal: every line, or (on the first error, named by its line) none. Returns how many were leased here."""
        signer = self._authority(actor)
        with self._write() as conn:
            now = self._clock()
            juminhyo_pool.import_pool(conn, self._data_key, signer, list(lines), actor.user, now)
            leased = juminhyo_pool.lease(conn, self._data_key, signer, self.terminal_id, self.terminal,
                                         min(share, len(lines)), actor.user, now) if share > 0 else 0
            self._audit.record(actor.user, "住民票コード取込", "", f"{len(lines)}件（この端末へ{leased}件）")
            return leased

    def code_terminals(self, actor: Staff) -> dict[str, str]:
        """Terminals that codes can be leased to, by name: this one and those enrolled from here (id by name)."""
        self.require(actor, Permission.CHANGE_SETTINGS)
        with self._lock:
            enrolled = self._conn.execute(
                "SELECT detail, target FROM audit WHERE action = ? ORDER BY at", (ENROLLED,)).fetchall()
        return dict(enrolled) | {self.terminal: self.terminal_id}

    def lease_juminhyo_codes(self, actor: Staff, terminal_name: str, count: int) -> int:
        """Lease `count` codes of the pool to a terminal, named (管理者, on the numbering authority); it receives them
        with the next sync. Returns how many were leased (fewer when the pool holds fewer)."""
        signer = self._authority(actor)
        terminal_id = self.code_terminals(actor).get(terminal_name.strip())
        if terminal_id is None:
            raise ValidationError("端末名", f"端末「{terminal_name}」はこの端末から登録されていません")
        with self._write() as conn:
            leased = juminhyo_pool.lease(conn, self._data_key, signer, terminal_id, terminal_name.strip(), count,
                                         actor.user, self._clock())
            self._audit.record(actor.user, "住民票コード払出し", terminal_id, f"{terminal_name} {leased}件")
            return leased

    def fill_juminhyo_codes(self, actor: Staff) -> int:
        """Give the persons waiting for a 住民票コード one from this terminal's pool, each by a 住民票コードの職権記載:
        as many as the pool allows, in the order of the list. Returns how many were recorded."""
        self.require(actor, Permission.APPLY_IDOU)
        day = format_short(self.today())
        with self._lock:  # held through apply_batch: nothing else here draws in between
            waiting = [p.atena_no for p in self.awaiting_juminhyo_code(actor)]
            codes = self._numbering.codes.free(len(waiting))
            if waiting and not codes:
                raise StoreError("この端末の住民票コードがありません。管理者に払出しを依頼してください",
                                 "no 住民票コード left on this terminal")
            requests = [code_entry(a, c, day) for a, c in zip(waiting, codes, strict=False)]
            return len(self.apply_batch(actor, requests)) if requests else 0

    def _authority(self, actor: Staff) -> Ed25519PrivateKey:
        self.require(actor, Permission.CHANGE_SETTINGS)
        if self._numbering.signer is None:
            raise StoreError("住民票コードの取込みと払出しは町を作成した端末（番号の払い出し元）で行ってください",
                             "only the numbering authority imports and leases 住民票コード")
        return self._numbering.signer
