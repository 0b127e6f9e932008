"""閲覧 (法11条, 11条の2): requests received (窓口 and above), approved or refused (係長 and above, with the reason of a
refusal), the 閲覧用リスト of an approved request and the yearly 公表 (係長 and above: each is an audited export).

The list passes the disclosure check's rule for a 閲覧用リスト: a person under 支援措置 is never in it, whoever makes
it, nor in a copy printed or saved later (`recheck`: a measure may have started since). A request that names a 加害者
of a 支援措置 (the 申出者 or a 閲覧者, by canonical name) is flagged to 係長 and above, who approve it only with a
note of what they checked. 受付番号 are drawn from the terminal's leased range (`local_store.numbering`). Every request, decision and list is a document that replicates, and an entry of the audit that names the
request by its 受付番号 (the 申出者 is not written in the audit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from domain import etsuran as rules
from domain.errors import ValidationError
from domain.etsuran import Case, EtsuranList, Published, Stamp
from domain.roles import Permission, allowed
from local_store import etsuran
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import DisclosureCheck, Use
from local_store.numbering import Numbering
from local_store.settings_service import SettingsService
from local_store.staff import Staff

RECEIVED, APPROVED, REFUSED = "閲覧申出受付", "閲覧承認", "閲覧拒否"
LISTED, RELISTED, PUBLISHED = "閲覧用リスト作成", "閲覧用リスト再出力", "閲覧状況の公表"
OFFENDER_NAMED = "加害者と一致する者あり"  # in the audit of an approval, never the name


class EtsuranService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 settings_service: SettingsService) -> None:
        self._ctx = ctx
        self._numbering = numbering
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
            number = rules.request_number(year, self._ctx.terminal, self._numbering.draw_serial("etsuran"))
            doc_id = etsuran.put(conn, self._ctx.data_key, rules.request_event(number, request, self._stamp(actor)))
            self._ctx.record(actor.user, RECEIVED, number, f"{request.kind.article} {request.kind.value}")
            return self._case(conn, actor, doc_id)

    def cases(self, actor: Staff) -> list[Case]:
        """Every request, oldest first, with its decisions and lists (no resident's data: the 申出者 and 閲覧者), and,
        for 係長 and above, the names in it that are a 加害者's."""
        require(actor, Permission.RECEIVE_ETSURAN)
        with self._ctx.lock:
            return [self._flagged(self._ctx.conn, actor, c) for c in etsuran.all_cases(self._ctx.conn)]

    def approve(self, actor: Staff, key: str, note: str = "") -> Case:
        """Approve a request waiting for a decision (法11条の2第1項: 相当と認めるとき); one that names a 加害者 only with
        a note of what was checked."""
        return self._decide(actor, key, True, note.strip())

    def refuse(self, actor: Staff, key: str, reason: str) -> Case:
        """Refuse a request waiting for a decision, with the reason (法11条第1項, 11条の2第1項)."""
        return self._decide(actor, key, False, rules.check_reason(reason))

    def _decide(self, actor: Staff, key: str, approve: bool, reason: str) -> Case:
        require(actor, Permission.DECIDE_ETSURAN)
        with self._ctx.write() as conn:
            case = self._find(conn, actor, key)
            rules.check_decidable(case)
            if approve:
                rules.check_offenders_judged(case, reason)
            etsuran.put(conn, self._ctx.data_key, rules.decision_event(
                case.doc_id, approve, reason, self._stamp(actor), case.offenders if approve else ()))
            detail = f"{OFFENDER_NAMED}　{reason}" if case.offenders else reason
            self._ctx.record(actor.user, APPROVED if approve else REFUSED, case.number, detail)
            return self._case(conn, actor, case.doc_id)

    def make_list(self, actor: Staff, key: str, check: Callable[[], None] = lambda: None) -> EtsuranList:
        """The 閲覧用リスト of an approved request: 氏名, 生年月日, 性別 and 住所 of the residents of the 町字 and ages
        asked for (ages on today's date), in address order, without anyone under 支援措置 (the disclosure check); the
        list is recorded in the request's documents and the audit. One list per approval; for a 調査研究 or a 公益活動,
        only of `rules.MIN_HOUSEHOLDS` households or more. `check` is called once the residents are chosen, before
        anything is recorded: what it raises (a cancelled job) leaves no trace."""
        require(actor, Permission.DECIDE_ETSURAN)
        today = self._ctx.today()
        town = self._ctx.municipality
        book = self._settings.address_book()
        with self._ctx.write() as conn:
            case = self._find(conn, actor, key)
            rules.check_listable(case)
            rules.check_offenders_listable(case)
            chosen = rules.select(etsuran.residents(conn, today, town.full_name, book), case.request, today)
            withheld = set(self._disclosure.withheld(r.atena_no for r in chosen))
            rules.check_breadth(case, len({r.household for r in chosen if r.atena_no not in withheld}))
            check()
            shown = self._disclosure.listing(actor, LISTED, chosen, lambda r: (r.atena_no,), use=Use.ETSURAN,
                                             target=case.number, detail=case.request.scope)
            etsuran.put(conn, self._ctx.data_key, rules.list_event(case.doc_id, len(shown), today,
                                                                   self._stamp(actor)))
            return rules.listing(case.number, town.full_name, today, case.request, shown)

    def recheck(self, actor: Staff, made: EtsuranList) -> EtsuranList:
        """The list made, as it may be printed or saved again now: its request still approved (a refusal may have
        arrived from another terminal), and without anyone who came under 支援措置 since it was made (recorded)."""
        require(actor, Permission.DECIDE_ETSURAN)
        with self._ctx.write() as conn:
            case = self._find(conn, actor, made.number)
            if case.status is not rules.Status.APPROVED:
                raise ValidationError("閲覧の申出", f"受付番号 {case.number} の申出は{case.status.value}されたため、"
                                                 "この閲覧用リストは印刷も保存もできません")
            rules.check_offenders_listable(case)
            lines = self._disclosure.listing(actor, RELISTED, made.lines, lambda line: (line.atena_no,),
                                             use=Use.ETSURAN, target=case.number, detail=case.request.scope)
        return replace(made, lines=tuple(lines))

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

    def _find(self, conn: Connection, actor: Staff, key: str) -> Case:
        """A request by its 受付番号 or its document id, flagged as `actor` may see it."""
        wanted = key.strip()
        found = next((c for c in etsuran.all_cases(conn) if wanted in (c.number, c.doc_id)), None)
        if found is None:
            raise ValidationError("受付番号", f"受付番号 {wanted} の閲覧の申出はありません")
        return self._flagged(conn, actor, found)

    def _case(self, conn: Connection, actor: Staff, doc_id: str) -> Case:
        return self._find(conn, actor, doc_id)

    def _flagged(self, conn: Connection, actor: Staff, case: Case) -> Case:
        """The case with the names in it that are a 加害者 of a measure in force (for 係長 and above only: who is a
        加害者 is theirs to know; a clerk's view of the case does not approve it)."""
        if not allowed(actor.role, Permission.DECIDE_ETSURAN):
            return case
        return replace(case, offenders=tuple(self._disclosure.offenders_named(conn, case.names)))
