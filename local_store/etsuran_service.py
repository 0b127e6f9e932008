"""閲覧 (法11条, 11条の2): requests received (窓口 and above), approved or refused (係長 and above, with the reason of a
refusal), the 閲覧用リスト of an approved request and the yearly 公表 (係長 and above: each is an audited export).

The list passes the disclosure check's rule for a 閲覧用リスト: a person under 支援措置 is never in it, whoever makes
it. Every request, decision and list is a document that replicates, and an entry of the audit that names the
request by its 受付番号 (the 申出者 is not written in the audit)."""

from __future__ import annotations

from typing import Any

from domain import etsuran as rules
from domain.errors import ValidationError
from domain.etsuran import Case, EtsuranList, Published, Stamp
from domain.roles import Permission
from local_store import etsuran
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import DisclosureCheck, Use
from local_store.settings_service import SettingsService
from local_store.staff import Staff

RECEIVED, APPROVED, REFUSED = "閲覧申出受付", "閲覧承認", "閲覧拒否"
LISTED, PUBLISHED = "閲覧用リスト作成", "閲覧状況の公表"


class EtsuranService:
    def __init__(self, ctx: StoreContext, disclosure: DisclosureCheck, settings_service: SettingsService) -> None:
        self._ctx = ctx
        self._disclosure = disclosure
        self._settings = settings_service

    def _stamp(self, actor: Staff) -> Stamp:
        return Stamp(actor.user, self._ctx.terminal, self._ctx.stamp())

    def receive(self, actor: Staff, raw: Any) -> Case:
        """Record a request (a 請求 under 法11条 or a 申出 under 法11条の2) as the law asks for it; RequestInvalid names
        every item missing or wrong. It gets its 受付番号 and waits for a decision."""
        require(actor, Permission.RECEIVE_ETSURAN)
        request = rules.read_request(raw, self._ctx.today())
        with self._ctx.write() as conn:
            year = self._ctx.today().year
            number = rules.request_number(year, self._ctx.terminal,
                                          etsuran.requests_from(conn, self._ctx.terminal, year) + 1)
            doc_id = etsuran.put(conn, self._ctx.data_key, rules.request_event(number, request, self._stamp(actor)))
            self._ctx.record(actor.user, RECEIVED, number, f"{request.kind.article} {request.kind.value}")
            return self._case(conn, doc_id)

    def cases(self, actor: Staff) -> list[Case]:
        """Every request, oldest first, with its decisions and lists (no resident's data: the 申出者 and 閲覧者)."""
        require(actor, Permission.RECEIVE_ETSURAN)
        with self._ctx.lock:
            return etsuran.all_cases(self._ctx.conn)

    def approve(self, actor: Staff, key: str, note: str = "") -> Case:
        """Approve a request waiting for a decision (法11条の2第1項: 相当と認めるとき)."""
        return self._decide(actor, key, True, note.strip())

    def refuse(self, actor: Staff, key: str, reason: str) -> Case:
        """Refuse a request waiting for a decision, with the reason (法11条第1項, 11条の2第1項)."""
        return self._decide(actor, key, False, rules.check_reason(reason))

    def _decide(self, actor: Staff, key: str, approve: bool, reason: str) -> Case:
        require(actor, Permission.DECIDE_ETSURAN)
        with self._ctx.write() as conn:
            case = self._find(conn, key)
            rules.check_decidable(case)
            etsuran.put(conn, self._ctx.data_key, rules.decision_event(case.doc_id, approve, reason,
                                                                        self._stamp(actor)))
            self._ctx.record(actor.user, APPROVED if approve else REFUSED, case.number, reason)
            return self._case(conn, case.doc_id)

    def make_list(self, actor: Staff, key: str) -> EtsuranList:
        """The 閲覧用リスト of an approved request: 氏名, 生年月日, 性別 and 住所 of the residents of the 町字 and ages
        asked for (ages on today's date), in address order, without anyone under 支援措置 (the disclosure check); the
        list is recorded in the request's documents and the audit."""
        require(actor, Permission.DECIDE_ETSURAN)
        today = self._ctx.today()
        town = self._ctx.municipality
        book = self._settings.address_book()
        with self._ctx.write() as conn:
            case = self._find(conn, key)
            rules.check_listable(case)
            chosen = rules.select(etsuran.residents(conn, today, town.full_name, book), case.request, today)
            shown = self._disclosure.listing(actor, LISTED, chosen, lambda r: (r.atena_no,), use=Use.ETSURAN,
                                             target=case.number, detail=case.request.scope)
            etsuran.put(conn, self._ctx.data_key, rules.list_event(case.doc_id, len(shown), today,
                                                                   self._stamp(actor)))
            return rules.listing(case.number, town.full_name, today, case.request, shown)

    def publication(self, actor: Staff, year: int) -> list[Published]:
        """The 公表 of the year's 閲覧 (法11条第3項, 11条の2第12項): each approved request viewed in the year."""
        require(actor, Permission.DECIDE_ETSURAN)
        rules.check_year(year)
        with self._ctx.lock:
            lines = rules.publication(etsuran.all_cases(self._ctx.conn), year)
            self._ctx.record(actor.user, PUBLISHED, str(year), f"{len(lines)}件")
        return lines

    def publication_csv(self, actor: Staff, year: int) -> str:
        """The 公表 as CSV text (write it with reports.csv_file)."""
        return rules.publication_csv(self.publication(actor, year))

    def _find(self, conn: Connection, key: str) -> Case:
        """A request by its 受付番号 or its document id."""
        wanted = key.strip()
        found = next((c for c in etsuran.all_cases(conn) if wanted in (c.number, c.doc_id)), None)
        if found is None:
            raise ValidationError("受付番号", f"受付番号 {wanted} の閲覧の申出はありません")
        return found

    def _case(self, conn: Connection, doc_id: str) -> Case:
        return self._find(conn, doc_id)
