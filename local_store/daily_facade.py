"""The facade's part for the counter's day: the 異動一覧 with its 点検 and the 日計 (係長 and 管理者).

A part of `Registry` (it inherits this class). Reading the day and marking 点検 are recorded in the audit.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from domain.daily import DailyReport
from domain.errors import ValidationError
from domain.roles import Permission
from local_store import daily
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.staff import Staff


class DailyFacade:
    _conn: Connection
    _lock: threading.RLock
    _audit: AuditLog
    _clock: Callable[[], dt.datetime]
    _data_key: bytes

    if TYPE_CHECKING:
        def _write(self) -> AbstractContextManager[Connection]: ...
        def _after_read(self) -> None: ...
        def require(self, actor: Staff, permission: Permission) -> None: ...

    def daily_report(self, actor: Staff, day: dt.date) -> DailyReport:
        """The 異動 processed on `day` (every terminal's, as far as replicated) and the 日計 of its 交付."""
        self.require(actor, Permission.DAILY_CHECK)
        with self._lock:
            found = daily.report(self._conn, day.isoformat())
            self._audit.record(actor.user, "異動一覧・日計", "", day.isoformat())
        self._after_read()
        return found

    def mark_checked(self, actor: Staff, day: dt.date, doc_ids: Iterable[str]) -> int:
        """点検: mark 異動 of `day` as checked by `actor`; those already checked keep their first mark. Returns how
        many were newly marked."""
        self.require(actor, Permission.DAILY_CHECK)
        wanted = list(dict.fromkeys(doc_ids))
        with self._write() as conn:
            report = daily.report(conn, day.isoformat())
            of_day = {line.doc_id: line for line in report.idou}
            strangers = [d for d in wanted if d not in of_day]
            if strangers:
                raise ValidationError("点検", f"{day.isoformat()} に処理された異動ではありません（{strangers[0]}）")
            new = [d for d in wanted if not of_day[d].checked_by]
            if new:
                at = self._clock().isoformat(timespec="seconds")
                daily.put_mark(conn, self._data_key, {"day": day.isoformat(), "doc_ids": new, "by": actor.user,
                                                      "at": at})
                self._audit.record(actor.user, "点検", day.isoformat(), f"{len(new)}件")
            return len(new)
