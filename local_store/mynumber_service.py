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
        """Current residents whose 個人番号 is not yet known (registered offline: 付番待ち), by フリガナ; a person
        under 支援措置 only for 係長 and above (marked)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = self._waiting()
            shown = self._disclosure.listing(actor, "付番待ち一覧", found, lambda p: (p.atena_no,))
        return self._disclosure.marked(shown)

    def _waiting(self) -> list[search.PersonSummary]:
        return search.summaries(self._ctx.conn, derived.without_mynumber(self._ctx.conn), self._ctx.today().isoformat())

    def fill(self, actor: Staff, lines: Sequence[NumberLine]) -> int:
        """Record the 個人番号 of persons waiting for one: every line or (on the first error, named by its line)
        none. Returns how many were recorded. A line may name a person under 支援措置 whom the list left out (the
        file names her; nothing is disclosed)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            waiting = {p.atena_no for p in self._waiting()}
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
