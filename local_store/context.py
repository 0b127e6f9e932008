"""The store context: what every service of the registry shares.

One connection and one writer: a lock serialises callers from several threads, and `write` runs one transaction
that also appends the audit entries held in memory and the values deferred to it (the last trusted time). The
clock is injected (the program passes the wall clock; tests pass one they move by hand): nothing below the window
reads the time but through it.

An audit entry recorded inside a write transaction is committed with it; one recorded outside (a read: a search, a
照会, a list, an export, a sign-in) is committed before `record` returns, so that no personal data leaves the
registry unrecorded, even when the process is killed right after. Each commit is synced to disk before the audit's
anchor outside the tables moves past it (`local_store.audit_anchor`).

`Registry` makes one context and hands it to each service it builds, as Anki's collection hands itself to its
managers; services never import the registry.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from domain.roles import Permission, allowed
from local_store import meta
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.errors import PermissionDenied
from local_store.staff import Staff

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class Municipality:
    name: str
    prefecture: str
    code: str  # 全国地方公共団体コード, six digits with its check digit
    mayor: str

    @property
    def full_name(self) -> str:
        """都道府県名 and 市区町村名, as addresses and forms write the town."""
        return self.prefecture + self.name


class StoreContext:
    """The replica as the services see it: connection, writer lock, audit, clock, data key, and who this terminal
    is (its name, its id, its municipality, its data folder)."""

    def __init__(self, data_dir: Path, conn: Connection, clock: Clock, data_key: bytes, terminal: str,
                 terminal_id: str, municipality: Municipality, audit: AuditLog) -> None:
        self.data_dir = data_dir
        self.conn = conn
        self.clock = clock
        self.data_key = data_key
        self.terminal = terminal
        self.terminal_id = terminal_id
        self.municipality = municipality
        self.lock = threading.RLock()
        self.audit = audit
        # A commit is on disk before the audit's anchor outside the tables moves past it: a power failure cannot
        # leave the anchor ahead of the tables, which would read as entries cut off.
        conn.execute("PRAGMA synchronous = FULL")
        self._deferred: dict[str, str] = {}  # meta values written with the next transaction
        self._deferred_lock = threading.Lock()  # taken without the writer lock: any thread may defer a value

    # --- time ------------------------------------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        """The registry's date, by which the rules decide."""
        return self.clock().date()

    def stamp(self) -> str:
        """The time now as documents record it (ISO 8601, milliseconds, with its offset)."""
        return self.clock().isoformat(timespec="milliseconds")

    def tz(self) -> dt.tzinfo:
        tz = self.clock().tzinfo
        assert tz is not None, "the registry's clock gives aware times"
        return tz

    # --- transactions ----------------------------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction; the audit entries held in memory and the deferred values are written in it (the
        audit's batch last, so that its anchor is marked just before the commit and settled just after)."""
        with self.lock:
            with self._deferred_lock:
                deferred = dict(self._deferred)
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                meta.put(self.conn, deferred)
                self.audit.flush(self.conn)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                self.audit.rolled_back()
                raise
            self.audit.committed()
            with self._deferred_lock:
                for key, value in deferred.items():
                    if self._deferred.get(key) == value:
                        del self._deferred[key]

    @contextmanager
    def trial(self) -> Iterator[Connection]:
        """A write transaction that is always rolled back: what a change would do, with nothing kept but the audit
        entries recorded in it."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            finally:
                self.conn.execute("ROLLBACK")
                self.flush_audit()

    def defer(self, values: Mapping[str, str]) -> None:
        """Meta values to write with the next transaction (from any thread, without waiting for the writer)."""
        with self._deferred_lock:
            self._deferred.update(values)

    @property
    def pending(self) -> bool:
        """Audit entries or deferred values are held in memory, not yet written."""
        return bool(self.audit.pending or self._deferred)

    def flush(self) -> None:
        """Write everything held in memory now (at close), and bring the audit's anchor up to date."""
        with self.lock:
            if self.pending:
                with self.write():
                    pass
            self.audit.close()

    def flush_audit(self) -> None:
        """Write the audit entries held in memory now (inside a write transaction they are written with it)."""
        with self.lock:
            if self.audit.pending and not self.conn.in_transaction:
                with self.write():
                    pass

    def record(self, staff: str, action: str, target: str = "", detail: str = "") -> None:
        """An audit entry: committed with the write transaction it is recorded in, or, recorded outside one (a
        read), committed before this returns. Text that cannot be stored as UTF-8 is kept escaped."""
        with self.lock:
            self.audit.record(staff, action, target, detail)
            self.flush_audit()


def require(actor: Staff, permission: Permission) -> None:
    """The acting staff member's role must allow `permission`."""
    if not allowed(actor.role, permission):
        raise PermissionDenied(f"{actor.role.value}の権限では「{permission.value}」はできません",
                               f"role {actor.role.name} may not {permission.name}")
