"""個人番号 付番待ち: the residents registered while the national system was out of reach, and filling their numbers
in from a file (each line a 異動, all or none)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import ValidationError
from domain.mynumber_import import NumberLine, request
from domain.roles import Permission
from domain.wareki import format_short
from local_store import derived, search
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.idou_service import IdouService
from local_store.staff import Staff


class MynumberService:
    def __init__(self, ctx: StoreContext, disclosure: DisclosureCheck, idou: IdouService) -> None:
        self._ctx = ctx
        self._disclosure = disclosure
        self._idou = idou

    def awaiting(self, actor: Staff) -> list[search.PersonSummary]:
        """Current residents whose 個人番号 is not yet known (registered offline: 付番待ち), by フリガナ."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            ids = derived.without_mynumber(self._ctx.conn)
            found = search.summaries(self._ctx.conn, ids, self._ctx.today().isoformat())
            self._disclosure.listing(actor, "付番待ち一覧", "", f"{len(found)}件")
        self._ctx.after_read()
        return found

    def fill(self, actor: Staff, lines: Sequence[NumberLine]) -> int:
        """Record the 個人番号 of persons waiting for one: every line or (on the first error, named by its line)
        none. Returns how many were recorded."""
        waiting = {p.atena_no for p in self.awaiting(actor)}
        day = format_short(self._ctx.today())
        requests = []
        for line in lines:
            if line.atena_no not in waiting:
                raise ValidationError(f"{line.line}行目", f"宛名番号 {line.atena_no} の人は付番待ちではありません")
            try:
                self._idou.check(actor, request(line, day))
            except ValidationError as exc:
                raise ValidationError(f"{line.line}行目", f"{exc.item}: {exc.message}") from None
            requests.append(request(line, day))
        return len(self._idou.apply_batch(actor, requests))
