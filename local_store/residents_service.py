"""Residents as the counter reads them: search, one person's record (照会) with the 異動履歴, the household and the
交付履歴, the 同一人 check on 転入, the 個人番号 shown in full, the counts; and the derived tables rebuilt from the
documents. Every read of a person passes the disclosure check and is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from domain.errors import ValidationError
from domain.history import RowRef, numbered
from domain.household import household_order
from domain.kofu_history import IssueLine, lines
from domain.kofu_rules import lives_here
from domain.population import age_on
from domain.records import Person, Status
from domain.roles import Permission
from domain.wareki import RegDate, parse_date
from local_store import derived, documents, kofu, returning, search
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.idou_service import RegistryState
from local_store.protection import Protection
from local_store.search import MAX_RESULTS, PersonSummary, SearchResult
from local_store.staff import Staff


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    number: int  # 履歴番号
    doc_id: str
    reason: str
    processed_at: str
    row: Person
    idou_date: RegDate | None = None  # 異動日
    notified_on: RegDate | None = None  # 届出日 (none for a 職権 異動)


@dataclass(frozen=True, slots=True)
class PersonRecord:
    current: Person
    tips: tuple[str, ...]
    history: list[HistoryEntry]
    household: list[Person]
    protection: tuple[Protection, ...] = ()  # 支援措置 in force for this person (the 照会 alerts)
    lives_here: bool = False  # a 住民, or one whose 転出予定日 has not come
    age: int | None = None  # 満年齢 on the registry's date (none for a 不詳日 or the deceased)
    issues: tuple[IssueLine, ...] = ()  # the 交付履歴 of the person, oldest first

    @property
    def moving_out(self) -> bool:
        """A 転出届 is recorded and its 予定日 has not come: shown as 転出予定."""
        return self.lives_here and not self.current.is_resident

    @property
    def forked(self) -> bool:
        return len(self.tips) > 1


def _history_entry(number: int, ref: RowRef, reason: str, body: dict[str, Any], atena_no: str) -> HistoryEntry:
    """One row of a person's 異動履歴, with the 異動日 and 届出日 of the 異動 that wrote it."""
    notified = body.get("notified_on")
    return HistoryEntry(number, ref.doc_id, reason, ref.processed_at, Person.from_json(derived.row_in(body, atena_no)),
                        RegDate.from_json(body["idou_date"]), RegDate.from_json(notified) if notified else None)


class ResidentsService:
    def __init__(self, ctx: StoreContext, disclosure: DisclosureCheck) -> None:
        self._ctx = ctx
        self._disclosure = disclosure

    def search(self, actor: Staff, query: str, *, include_removed: bool = False, mynumber: bool = False,
               resident_kind: str | None = None, limit: int = MAX_RESULTS) -> SearchResult:
        require(actor, Permission.SEARCH_MYNUMBER if mynumber else Permission.SEARCH)
        with self._ctx.lock:
            result = search.find(self._ctx.conn, query, today=self._ctx.today().isoformat(),
                                 include_removed=include_removed, mynumber=mynumber, resident_kind=resident_kind,
                                 limit=limit)
            described: dict[str, Any] = {"kind": result.kind, "query": query, "removed": include_removed,
                                         "hits": len(result.ids)}
            if resident_kind:
                described["resident_kind"] = resident_kind
            self._disclosure.search(self._ctx.conn, actor, "個人番号検索" if mynumber else "検索",
                                    json.dumps(described, ensure_ascii=False), result.ids)
            return result

    def summaries(self, ids: list[int]) -> list[PersonSummary]:
        """Table rows of an executed search (audited as part of it), a person under 支援措置 marked."""
        with self._ctx.lock:
            return self._disclosure.marked(search.summaries(self._ctx.conn, ids, self._ctx.today().isoformat()))

    def person(self, actor: Staff, atena_no: str) -> PersonRecord:
        """照会: one person's current record, 異動履歴 and household, with the 支援措置 in force for them."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn, today = self._ctx.conn, self._ctx.today()
            state = RegistryState(conn)
            current = state.current(atena_no)
            if current is None:
                raise ValidationError("宛名番号", f"宛名番号 {atena_no} の人は登録されていません")
            rows = derived.history_rows(conn, atena_no)
            reasons = {doc_id: reason for doc_id, _, _, reason in rows}
            history = [_history_entry(number, ref, reasons[ref.doc_id], documents.body_of(conn, ref.doc_id), atena_no)
                       for number, ref in numbered(RowRef(doc_id, tuple(parents), at) for doc_id, parents, at, _ in rows)]
            household = household_order(state.living_here(current.person.setai_no, today))
            issues = tuple(lines(kofu.entries(conn, atena_no)))
            protected = self._disclosure.inquiry(conn, actor, atena_no)
            p = current.person
            age = age_on(p.birth.iso, today) if p.birth.text is None and p.status is not Status.DECEASED else None
            return PersonRecord(p, current.tips, history, household, protected, lives_here(p, today), age, issues)

    def returning_candidates(self, actor: Staff, name_kana: str, birth: str) -> list[PersonSummary]:
        """同一人 check on 転入: persons of the 除票 with this フリガナ and 生年月日 (as typed, 和暦 or 西暦)."""
        require(actor, Permission.SEARCH)
        day = parse_date(birth, item="生年月日", allow_unknown=True, allow_noncalendar=True)
        with self._ctx.lock:
            found = returning.candidates(self._ctx.conn, name_kana, day.iso, self._ctx.today().isoformat())
            self._disclosure.lookup(actor, "同一人の確認", f"{len(found)}件", [p.atena_no for p in found])
            found = self._disclosure.marked(found)
        return found

    def record_mynumber_shown(self, actor: Staff, atena_no: str) -> None:
        """The 個人番号 of a person was shown in full on a screen: an audit entry of its own."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            self._disclosure.mynumber_shown(actor, atena_no)

    def living_alone(self) -> list[str]:
        """宛名番号 of residents who live alone, in number order (persons under 支援措置 left out)."""
        with self._ctx.lock:
            alone = derived.living_alone(self._ctx.conn)
        withheld = set(self._disclosure.withheld(alone))
        return [a for a in alone if a not in withheld]

    def counts(self) -> dict[str, int]:
        """住民, 除票, 世帯 and persons with a fork: the numbers the status bar and the command line show."""
        with self._ctx.lock:
            return derived.counts(self._ctx.conn)

    def rebuild(self, actor: Staff) -> int:
        """Rebuild the derived tables from the documents; return the number of persons."""
        require(actor, Permission.REBUILD)
        with self._ctx.write() as conn:
            count = derived.rebuild(conn, ((d.id, d.body) for d in documents.iter_class(conn, derived.IDOU)))
            self._disclosure.renumbered()
            conn.execute("ANALYZE")
            self._ctx.record(actor.user, "再構築", "", str(count))
            return count
