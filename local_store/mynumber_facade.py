"""The facade's part for 個人番号 付番待ち: who is waiting, and filling the numbers in from a file.

A part of `Registry` (it inherits this class).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from domain.errors import ValidationError
from domain.mynumber_import import NumberLine, request
from domain.roles import Permission
from domain.wareki import format_short
from local_store import search
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.staff import Staff

if TYPE_CHECKING:
    import datetime as dt

    from domain.idou import Idou
    from local_store.registry import Applied


class MynumberFacade:
    _conn: Connection
    _lock: threading.RLock
    _audit: AuditLog

    if TYPE_CHECKING:
        def require(self, actor: Staff, permission: Permission) -> None: ...
        def _after_read(self) -> None: ...
        def today(self) -> dt.date: ...
        def check_idou(self, actor: Staff, request: Mapping[str, Any]) -> Idou: ...
        def apply_batch(self, actor: Staff, requests: Sequence[Mapping[str, Any]]) -> list[Applied]: ...

    def awaiting_mynumber(self, actor: Staff) -> list[search.PersonSummary]:
        """Current residents whose 個人番号 is not yet known (registered offline: 付番待ち), by フリガナ."""
        self.require(actor, Permission.VIEW)
        with self._lock:
            ids = [r[0] for r in self._conn.execute(
                "SELECT id FROM persons WHERE resident = 1 AND mynumber = '' ORDER BY kana_full, atena_no")]
            found = search.summaries(self._conn, ids, self.today().isoformat())
            self._audit.record(actor.user, "付番待ち一覧", "", f"{len(found)}件")
        self._after_read()
        return found

    def fill_mynumbers(self, actor: Staff, lines: Sequence[NumberLine]) -> int:
        """Record the 個人番号 of persons waiting for one: every line or (on the first error, named by its line)
        none. Returns how many were recorded."""
        waiting = {p.atena_no for p in self.awaiting_mynumber(actor)}
        day = format_short(self.today())
        requests = []
        for line in lines:
            if line.atena_no not in waiting:
                raise ValidationError(f"{line.line}行目", f"宛名番号 {line.atena_no} の人は付番待ちではありません")
            try:
                self.check_idou(actor, request(line, day))
            except ValidationError as exc:
                raise ValidationError(f"{line.line}行目", f"{exc.item}: {exc.message}") from None
            requests.append(request(line, day))
        return len(self.apply_batch(actor, requests))
