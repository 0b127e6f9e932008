"""人口統計: the 地域・年齢別人口 of a date (係長 and above; audited), tabulated by `domain.population` from the 異動
history read in batches, so that the replica is let go between two of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from domain.population import MIN_AREA, Population, RowAsOf, tabulate
from domain.roles import Permission
from local_store import opendata
from local_store.context import StoreContext, require
from local_store.settings_service import SettingsService
from local_store.staff import Staff


class StatisticsService:
    def __init__(self, ctx: StoreContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def population(self, actor: Staff, as_of: dt.date, min_area: int = MIN_AREA,
                   progress: Callable[[int, int], None] | None = None) -> Population:
        """地域・年齢別人口 as of a date: see `domain.population` for the rules. `progress(done, total)` follows the
        documents read."""
        require(actor, Permission.STATISTICS)
        with self._ctx.lock:
            total = opendata.document_count(self._ctx.conn)
        rows: list[RowAsOf] = []
        done, after = 0, 0
        while True:
            with self._ctx.lock:
                batch, read, after = opendata.history_batch(self._ctx.conn, after)
            if not read:
                break
            rows.extend(batch)
            done += read
            if progress is not None:
                progress(done, total)
        result = tabulate(rows, as_of, self._ctx.municipality.full_name, min_area, self._settings.address_book())
        with self._ctx.lock:
            self._ctx.record(actor.user, "人口統計", "", as_of.isoformat())
        return result
