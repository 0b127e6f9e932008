"""The facade's audit operations: browse and filter (係長, 管理者), export as CSV, verify the chains; and the calls
through which replication carries the chains between terminals.

A part of `Registry` (it inherits this class). Browsing, exporting and verifying are themselves recorded.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from domain.roles import Permission
from local_store import audit
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.replication import Refused, Replication
from local_store.staff import Staff


class AuditFacade:
    _conn: Connection
    _lock: threading.RLock
    _audit: AuditLog
    _clock: Callable[[], dt.datetime]
    terminal: str
    replication: Replication

    if TYPE_CHECKING:
        def _write(self) -> AbstractContextManager[Connection]: ...
        def require(self, actor: Staff, permission: Permission) -> None: ...
        def flush_audit(self) -> None: ...

    def audit_entries(self, actor: Staff, wanted: audit.Filter) -> list[audit.Stored]:
        """Entries of every chain held (this terminal's up to now), oldest first."""
        self.require(actor, Permission.VIEW_AUDIT)
        with self._lock:
            self.flush_audit()  # what is held in memory is written first, so that it is shown too
            found = audit.select(self._conn, wanted, self._tz())
            self._audit.record(actor.user, "操作記録の閲覧", "", f"{wanted.describe()} {len(found)}件")
        return found

    def export_audit(self, actor: Staff, wanted: audit.Filter) -> str:
        """The entries as CSV text (the caller writes the file); an export, recorded with what it held."""
        self.require(actor, Permission.EXPORT_AUDIT)
        with self._lock:
            self.flush_audit()
            found = audit.select(self._conn, wanted, self._tz())
            self._audit.record(actor.user, "操作記録の出力", "", f"{wanted.describe()} {len(found)}件")
            self.flush_audit()
        return audit.to_csv(found, self._tz())

    def verify_audit(self, actor: Staff) -> audit.Verdict:
        self.require(actor, Permission.VIEW_AUDIT)
        with self._lock:
            self.flush_audit()
            verdict = audit.verify(self._conn, self.terminal)
        result = "改ざんの疑い" if verdict.tampered else "未着あり" if verdict.pending else "異常なし"
        self._audit.record(actor.user, "操作記録の検証", "", f"{result} {verdict.checked}件")
        return verdict

    def audit_time(self, at: str) -> str:
        """An entry's time as the screens show it (this terminal's local time)."""
        return audit.local_time(at, self._tz())

    # --- replication ---------------------------------------------------------------------------------------------

    def audit_heads(self) -> dict[str, int]:
        """The highest sequence number held of each terminal's chain (cited at a sync)."""
        with self._lock:
            return audit.heads(self._conn)

    def audit_after(self, held: Mapping[str, int], limit: int = 1000) -> list[dict[str, Any]]:
        """Entries beyond what the other side holds, as JSON objects for its audit database."""
        with self._lock:
            self.flush_audit()
            return [e.to_json() for e in audit.entries_after(self._conn, held, limit)]

    def own_audit_after(self, after: int, limit: int = 1000) -> list[dict[str, Any]]:
        """This terminal's entries after a sequence number (what the cloud does not hold yet), as JSON objects."""
        with self._lock:
            self.flush_audit()
            return [e.to_json() for e in audit.chain_after(self._conn, self.terminal, after, limit)]

    def audit_digest(self, terminal: str, seq: int) -> str | None:
        """The hash of one entry held, or None."""
        with self._lock:
            return audit.entry_digest(self._conn, terminal, seq)

    def receive_audit(self, entries: Iterable[Mapping[str, Any]], *,
                      cited: Mapping[str, tuple[int, str]] | None = None, refused: Sequence[Refused] = (),
                      checkpoint: Mapping[str, str] | None = None) -> int:
        """Keep other terminals' entries as they arrive, in one transaction with the chain heads cited in the cloud,
        the records that did not open (quarantined) and the pull checkpoint; return how many entries were new.
        `verify_audit` judges them."""
        with self._write() as conn:
            added = audit.receive(conn, self.terminal, (audit.Stored.from_json(e) for e in entries))
            audit.cite(conn, cited or {})
            for item in refused:
                self.replication.hold_back(conn, item)
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             [(f"sync.{k}", v) for k, v in (checkpoint or {}).items()])
            return added

    def _tz(self) -> dt.tzinfo:
        tz = self._clock().tzinfo
        assert tz is not None
        return tz
