"""The last trusted time: the latest time the municipality's cloud has sent this terminal, which only moves forward.

Kept in meta `sync.trusted_time` (with the skew last seen, `sync.clock_skew_s`). A terminal clock behind it refuses
異動; a measure of 支援措置 past its 終了日 stays in force until this date is past it too, so the terminal's own clock
never ends a measure alone (`domain.protection`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping

from local_store import meta
from local_store.context import StoreContext
from local_store.errors import StoreError

TRUSTED, SKEW = "sync.trusted_time", "sync.clock_skew_s"
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


class TrustedTime:
    def __init__(self, ctx: StoreContext, stored: Mapping[str, str]) -> None:
        """`stored`: the replica's meta values as the registry read them when it opened."""
        self._ctx = ctx
        self._trusted = stored.get(TRUSTED, "")
        self._skew: dt.timedelta | None = None
        self._moving = threading.Lock()  # answers arrive on several threads: the time only ever moves forward

    def note_server_time(self, server_time: dt.datetime) -> None:
        """The cloud answered at `server_time`: the last trusted time moves forward to it, and how far this
        terminal's clock was from it is kept (the skew the status bar warns of). Called for every answer from the
        cloud, from any thread: kept in memory without waiting for the writer, written with the next transaction."""
        stamp = server_time.astimezone(dt.UTC).isoformat(timespec="seconds")
        skew = self._ctx.now() - server_time
        with self._moving:
            self._skew = skew
            if stamp > self._trusted:
                self._trusted = stamp
                self._ctx.defer({TRUSTED: stamp, SKEW: str(round(skew.total_seconds()))})

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
