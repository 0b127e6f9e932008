"""The counter's day: the 異動一覧 with its 点検 and the 日計 (係長 and 管理者). Reading the day passes the
disclosure check; marking 点検 is recorded in the audit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from domain.daily import DailyReport
from domain.errors import ValidationError
from domain.roles import Permission
from local_store import daily
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.staff import Staff


class DailyService:
    def __init__(self, ctx: StoreContext, disclosure: DisclosureCheck) -> None:
        self._ctx = ctx
        self._disclosure = disclosure

    def report(self, actor: Staff, day: dt.date) -> DailyReport:
        """The 異動 processed on `day` (every terminal's, as far as replicated) and the 日計 of its 交付; the 異動一覧
        passes the disclosure check (係長 and above see every 異動 of the day, those of protected persons named in
        the audit)."""
        require(actor, Permission.DAILY_CHECK)
        with self._ctx.lock:
            found = daily.report(self._ctx.conn, day.isoformat())
            lines = self._disclosure.listing(actor, "異動一覧・日計", found.idou, lambda line: (a for a, _ in line.persons),
                                             target=day.isoformat())
        return replace(found, idou=lines)

    def mark_checked(self, actor: Staff, day: dt.date, doc_ids: Iterable[str]) -> int:
        """点検: mark 異動 of `day` as checked by `actor`; those already checked keep their first mark. Returns how
        many were newly marked."""
        require(actor, Permission.DAILY_CHECK)
        wanted = list(dict.fromkeys(doc_ids))
        with self._ctx.write() as conn:
            of_day = daily.of_day(conn, day.isoformat(), wanted)  # only these: the day may hold thousands
            strangers = [d for d in wanted if d not in of_day]
            if strangers:
                raise ValidationError("点検", f"{day.isoformat()} に処理された異動ではありません（{strangers[0]}）")
            checked = daily.marks(conn)
            new = [d for d in wanted if d not in checked]
            if new:
                at = self._ctx.now().isoformat(timespec="seconds")
                daily.put_mark(conn, self._ctx.data_key, {"day": day.isoformat(), "doc_ids": new,
                                                          "by": actor.user, "at": at})
                self._ctx.record(actor.user, "点検", day.isoformat(), f"{len(new)}件")
            return len(new)

    def marks(self, actor: Staff, day: dt.date, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Who checked each of these 異動 of `day` first, and when (those not checked are left out): what a screen
        shows after marking, without reading the whole day again."""
        require(actor, Permission.DAILY_CHECK)
        wanted = list(dict.fromkeys(doc_ids))
        with self._ctx.lock:
            of_day = daily.of_day(self._ctx.conn, day.isoformat(), wanted)
            checked = daily.marks(self._ctx.conn)
        return {d: checked[d] for d in wanted if d in of_day and d in checked}
