"""The audit as staff see it: browse and filter (係長, 管理者), export as CSV, verify the chains; and the calls
through which replication carries the chains between terminals. Browsing, exporting and verifying are themselves
recorded. The chains themselves are `local_store.audit`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from domain.roles import Permission
from local_store import audit, meta
from local_store.context import StoreContext, require
from local_store.replication import Refused, Replication
from local_store.staff import Staff


class AuditService:
    def __init__(self, ctx: StoreContext, replication: Replication) -> None:
        self._ctx = ctx
        self._replication = replication

    def flush(self) -> None:
        """Write the entries held in memory now (at sign-out and when the window locks)."""
        self._ctx.flush_audit()

    def entries(self, actor: Staff, wanted: audit.Filter) -> list[audit.Stored]:
        """Entries of every chain held (this terminal's up to now), oldest first."""
        require(actor, Permission.VIEW_AUDIT)
        with self._ctx.lock:
            self._ctx.flush_audit()  # what is held in memory is written first, so that it is shown too
            found = audit.select(self._ctx.conn, wanted, self._ctx.tz())
            self._ctx.record(actor.user, "操作記録の閲覧", "", f"{wanted.describe()} {len(found)}件")
        return found

    def export(self, actor: Staff, wanted: audit.Filter) -> str:
        """The entries as CSV text (the caller writes the file); an export, recorded with what it held."""
        require(actor, Permission.EXPORT_AUDIT)
        with self._ctx.lock:
            self._ctx.flush_audit()
            found = audit.select(self._ctx.conn, wanted, self._ctx.tz())
            self._ctx.record(actor.user, "操作記録の出力", "", f"{wanted.describe()} {len(found)}件")
        return audit.to_csv(found, self._ctx.tz())

    def verify(self, actor: Staff) -> audit.Verdict:
        require(actor, Permission.VIEW_AUDIT)
        with self._ctx.lock:
            self._ctx.flush_audit()
            verdict = audit.verify(self._ctx.conn, self._ctx.audit.chain, self._ctx.audit.anchor)
            result = "改ざんの疑い" if verdict.tampered else "未着あり" if verdict.pending else "異常なし"
            self._ctx.record(actor.user, "操作記録の検証", "", f"{result} {verdict.checked}件")
        return verdict

    def time(self, at: str) -> str:
        """An entry's time as the screens show it (this terminal's local time)."""
        return audit.local_time(at, self._ctx.tz())

    # --- replication ---------------------------------------------------------------------------------------------

    @property
    def chain(self) -> str:
        """This terminal's own chain: its name, or after a restore from a backup the new chain's."""
        return self._ctx.audit.chain

    def heads(self) -> dict[str, int]:
        """The highest sequence number held of each terminal's chain (cited at a sync)."""
        with self._ctx.lock:
            return audit.heads(self._ctx.conn)

    def after(self, held: Mapping[str, int], limit: int = 1000) -> list[dict[str, Any]]:
        """Entries beyond what the other side holds, as JSON objects for its audit database."""
        with self._ctx.lock:
            self._ctx.flush_audit()
            return [e.to_json() for e in audit.entries_after(self._ctx.conn, held, limit)]

    def own_after(self, after: int, limit: int = 1000) -> list[dict[str, Any]]:
        """This terminal's entries after a sequence number (what the cloud does not hold yet), as JSON objects."""
        with self._ctx.lock:
            self._ctx.flush_audit()
            return [e.to_json() for e in audit.chain_after(self._ctx.conn, self.chain, after, limit)]

    def digest(self, terminal: str, seq: int) -> str | None:
        """The hash of one entry held, or None."""
        with self._ctx.lock:
            return audit.entry_digest(self._ctx.conn, terminal, seq)

    def receive(self, entries: Iterable[Mapping[str, Any]], *, cited: Mapping[str, tuple[int, str]] | None = None,
                refused: Sequence[Refused] = (), checkpoint: Mapping[str, str] | None = None) -> int:
        """Keep other terminals' entries as they arrive, in one transaction with the chain heads cited in the cloud,
        the records that did not open (quarantined) and the pull checkpoint; return how many entries were new.
        `verify` judges them."""
        with self._ctx.write() as conn:
            added = audit.receive(conn, self.chain, (audit.Stored.from_json(e) for e in entries))
            audit.cite(conn, cited or {})
            for item in refused:
                self._replication.hold_back(conn, item)
            meta.put(conn, {f"sync.{k}": v for k, v in (checkpoint or {}).items()})
            return added

