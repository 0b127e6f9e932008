"""The last trusted time: the latest time the municipality's cloud has sent this terminal, which only moves forward.

Kept in meta `sync.trusted_time` (with the skew last seen, `sync.clock_skew_s`). A terminal clock behind it refuses
異動; a measure of 支援措置 past its 終了日 stays in force until this date is past it too, so the terminal's own clock
never ends a measure alone (`domain.protection`).

A server time more than a day ahead of both the last trusted time and this terminal's clock is not trusted: a
server that lies about the date (or a fake one) would otherwise stop every 異動 for good. It is kept as pending
(`sync.pending_time`, the latest such time) until a 管理者 accepts it; a wrong trusted time is forgotten by a
管理者 too, and the next answer from the cloud sets it again. Both are audited.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping

from domain.roles import Permission
from local_store import meta
from local_store.context import StoreContext, require
from local_store.errors import StoreError
from local_store.staff import Staff

TRUSTED, SKEW, PENDING = "sync.trusted_time", "sync.clock_skew_s", "sync.pending_time"
CLOCK_TOLERANCE = dt.timedelta(minutes=5)
LEAP_LIMIT = dt.timedelta(days=1)  # a server time further ahead of the trusted time and the clock waits for a 管理者


class TrustedTime:
    def __init__(self, ctx: StoreContext, stored: Mapping[str, str]) -> None:
        """`stored`: the replica's meta values as the registry read them when it opened."""
        self._ctx = ctx
        self._trusted = stored.get(TRUSTED, "")
        self._pending = stored.get(PENDING, "")
        self._skew: dt.timedelta | None = None
        self._moving = threading.Lock()  # answers arrive on several threads: the time only ever moves forward

    def note_server_time(self, server_time: dt.datetime) -> None:
        """The cloud answered at `server_time`: the last trusted time moves forward to it, and how far this
        terminal's clock was from it is kept (the skew the status bar warns of); a time too far ahead waits as
        pending instead. Called for every answer from the cloud, from any thread: kept in memory without waiting
        for the writer, written with the next transaction."""
        stamp = server_time.astimezone(dt.UTC).isoformat(timespec="seconds")
        now = self._ctx.now()
        skew = now - server_time
        with self._moving:
            self._skew = skew
            if stamp <= self._trusted:
                return
            known = max([now] + ([dt.datetime.fromisoformat(self._trusted)] if self._trusted else []))
            if server_time - known > LEAP_LIMIT:
                if stamp > self._pending:
                    self._pending = stamp
                    self._ctx.defer({PENDING: stamp})
                return
            self._trusted = stamp
            self._ctx.defer({TRUSTED: stamp, SKEW: str(round(skew.total_seconds()))})

    def pending(self) -> dt.datetime | None:
        """A server time too far ahead to be trusted without a 管理者 (the latest seen), in the terminal's time zone."""
        return dt.datetime.fromisoformat(self._pending).astimezone(self._ctx.tz()) if self._pending else None

    def accept_pending(self, actor: Staff) -> dt.datetime:
        """管理者: the pending server time becomes the last trusted time (audited). Returns it."""
        require(actor, Permission.CHANGE_SETTINGS)
        with self._moving:
            if not self._pending:
                raise StoreError("確認を待つクラウドの時刻はありません", "no pending server time")
            accepted, self._pending = self._pending, ""
            self._trusted = max(self._trusted, accepted)
            self._ctx.defer({TRUSTED: self._trusted, PENDING: ""})
        with self._ctx.write():
            self._ctx.record(actor.user, "信頼する時刻の承認", "", accepted)
        return dt.datetime.fromisoformat(accepted).astimezone(self._ctx.tz())

    def reset(self, actor: Staff) -> None:
        """管理者: forget the last trusted time and any pending one (audited): a wrong one stops every 異動. The next
        answer from the cloud sets it again (within a day of this terminal's clock)."""
        require(actor, Permission.CHANGE_SETTINGS)
        with self._moving:
            forgotten = self._trusted
            self._trusted = self._pending = ""
            self._ctx.defer({TRUSTED: "", PENDING: ""})
        with self._ctx.write():
            self._ctx.record(actor.user, "信頼する時刻の取消し", "", forgotten or "（なし）")

    def clock_skew(self) -> dt.timedelta:
        """This terminal's clock minus the cloud's, when last seen (positive: ahead)."""
        if self._skew is not None:
            return self._skew
        with self._ctx.lock:
            return dt.timedelta(seconds=int(meta.get(self._ctx.conn, SKEW) or "0"))

    def clock_behind(self) -> dt.timedelta:
        """How far this terminal's clock is behind the last trusted time (zero when it is not)."""
        if not self._trusted:
            return dt.timedelta(0)
        return max(dt.timedelta(0), dt.datetime.fromisoformat(self._trusted) - self._ctx.now())

    def check_not_behind(self) -> None:
        """Refuse a 異動 while this terminal's clock is behind the last trusted time (beyond a small tolerance)."""
        if self.clock_behind() > CLOCK_TOLERANCE:
            raise StoreError("端末の時計がクラウドの時刻より遅れています。時計を合わせるまで異動は登録できません",
                             "the terminal clock is behind the last trusted time")

    def trusted_today(self) -> dt.date | None:
        """The date of the last trusted time in the terminal's time zone; None when the cloud never answered."""
        if not self._trusted:
            return None
        return dt.datetime.fromisoformat(self._trusted).astimezone(self._ctx.tz()).date()

    def last_cloud_contact(self) -> dt.datetime | None:
        """When the cloud last answered (the last trusted time), in the terminal's time zone; None if it never did."""
        return dt.datetime.fromisoformat(self._trusted).astimezone(self._ctx.tz()) if self._trusted else None
