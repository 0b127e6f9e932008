"""Disasters: damage assessments, the 被災者台帳 and the 罹災証明書 (窓口 and above).

Everything here works on the replica alone, with no network: the assessments and the 交付 replicate whenever the
cloud can be reached. Reading the 台帳 and exporting it pass the disclosure check; recording and issuing are
recorded in the audit.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from domain import disaster as rules
from domain.certificate_items import certificate_message, issue_number, signatory
from domain.disaster import Assessment, AssessmentInput, LedgerFilter, LedgerLine, Recorder, RisaiCertificate
from domain.errors import ValidationError
from domain.roles import Permission
from local_store import disaster, kofu, settings
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.kofu_service import KofuService
from local_store.numbering import Numbering
from local_store.settings_service import SettingsService
from local_store.staff import Staff


class RenderedRisai(Protocol):
    pdf: bytes
    digest: bytes


RisaiRenderer = Callable[[RisaiCertificate, Callable[[bytes], bytes]], RenderedRisai]


@dataclass(frozen=True, slots=True)
class RisaiIssued:
    pdf: bytes
    number: str  # 整理番号
    issue_number: str  # 発行番号 of the QR code
    certificate: RisaiCertificate


class DisasterService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 settings_service: SettingsService, kofu_service: KofuService) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._disclosure = disclosure
        self._settings = settings_service
        self._kofu = kofu_service

    def record_assessment(self, actor: Staff, entry: AssessmentInput) -> tuple[str, Assessment]:
        """Record a damage assessment of a registry household's dwelling (a 再調査 when the dwelling has one already:
        it replaces every current assessment of it). Returns (document id, assessment)."""
        require(actor, Permission.RECORD_DAMAGE)
        setai_no = rules.check_setai_no(entry.setai_no)
        with self._ctx.write() as conn:
            found = disaster.household(conn, setai_no)
            if found is None:
                raise ValidationError("世帯番号", f"世帯番号 {setai_no} の世帯に住民がいません")
            household, _ = found
            by = Recorder(actor.user, actor.display_name, self._ctx.terminal, self._ctx.now())
            planned = rules.plan_assessment(entry, household, by, ())
            assessment = replace(planned, supersedes=tuple(rules.tips_of(disaster.assessments(conn), planned.key)))
            doc_id = disaster.put(conn, self._ctx.data_key, assessment)
            kind = "再調査" if assessment.supersedes else "調査"
            self._ctx.record(actor.user, f"被害認定（{kind}）", setai_no, assessment.damage.value)
            return doc_id, assessment

    def ledger(self, actor: Staff, wanted: LedgerFilter | None = None) -> list[LedgerLine]:
        """The 被災者台帳: each dwelling with its assessment in force, filtered."""
        require(actor, Permission.RECORD_DAMAGE)
        lines = self._ledger(wanted or LedgerFilter())
        with self._ctx.lock:
            self._disclosure.listing(actor, "被災者台帳", "", f"{len(lines)}件")
        self._ctx.after_read()
        return lines

    def ledger_csv(self, actor: Staff, wanted: LedgerFilter | None = None) -> str:
        """The 台帳 as CSV text (係長 and above; audited as an export): write it as UTF-8 with a BOM."""
        require(actor, Permission.EXPORT_DISASTER_LEDGER)
        lines = self._ledger(wanted or LedgerFilter())
        with self._ctx.lock:
            self._disclosure.listing(actor, "被災者台帳の出力", "", f"{len(lines)}件")
        self._ctx.after_read()
        return rules.ledger_csv(lines)

    def household_dwellings(self, actor: Staff, setai_no: str) -> list[LedgerLine]:
        """The 台帳's dwellings of one household (what a 罹災証明書 may be issued for)."""
        require(actor, Permission.RECORD_DAMAGE)
        wanted = rules.check_setai_no(setai_no)
        lines = [line for line in self._ledger(LedgerFilter()) if line.dwelling.assessment.setai_no == wanted]
        with self._ctx.lock:
            self._disclosure.listing(actor, "被災者台帳", wanted, f"{len(lines)}件")
        self._ctx.after_read()
        return lines

    def _ledger(self, wanted: LedgerFilter) -> list[LedgerLine]:
        town = self._ctx.municipality
        prefix, book = town.prefecture + town.name, self._settings.address_book()
        with self._ctx.lock:
            dwellings = rules.dwellings(disaster.assessments(self._ctx.conn))
            issued = disaster.issued_for(self._ctx.conn)
            households: dict[str, Any] = {}
            lines = []
            for d in dwellings:
                a = d.assessment
                if a.setai_no not in households:
                    households[a.setai_no] = disaster.household(self._ctx.conn, a.setai_no)
                found = households[a.setai_no]
                head_name, head_address, members = ((found[0].head_name, found[0].address, found[0].members)
                                                    if found else (a.head_name, a.head_address, 0))
                line = LedgerLine(d, rules.chouaza_of(a.place, prefix, book), head_name, head_address, members,
                                  tuple(issued.get(d.doc_id, ())))
                if rules.keep(line, wanted):
                    lines.append(line)
        return lines

    def issue_risai(self, actor: Staff, assessment_id: str, render: RisaiRenderer, *,
                    export: bool = False) -> RisaiIssued:
        """Issue the 罹災証明書 of an assessment in force: a 整理番号 from this terminal's lease, the form rendered and
        signed, the 交付 recorded in the 交付履歴 (fee 0). An assessment replaced by a 再調査, or of a dwelling
        flagged for review, is refused. `export` (a file rather than the printer) needs 係長 or above, as for the
        other certificates."""
        require(actor, Permission.ISSUE_RISAI)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        at = self._kofu.counter(actor)
        now = at.now
        with self._ctx.write() as conn:
            dwelling = next((d for d in rules.dwellings(disaster.assessments(conn)) if assessment_id in d.tips), None)
            if dwelling is None:
                raise ValidationError("被害認定調査", "この調査は台帳にないか、再調査で置き換えられています")
            if dwelling.flagged:
                raise ValidationError("被害認定調査", "この住家には別の端末で同時に記録された調査があります。"
                                                "再調査を記録してから交付してください")
            assessment = dwelling.assessment
            found = disaster.household(conn, assessment.setai_no)
            chosen = settings.read(conn)
            signed_by = signatory(chosen, self._ctx.municipality.prefecture, now.date())
            seal = base64.b64decode(chosen["seal_png"]) if chosen.get("seal_png") else None
            serial = self._numbering.draw_serial("risai")
            number = str(serial)
            issue_no = issue_number(now.date(), at.municipality, at.terminal, at.printer, serial)
            cert = rules.build_risai(assessment, found[0] if found else None, number=number, issue_number=issue_no,
                                     issued_on=now.date(), signed_by=signed_by, seal_png=seal)
            sign = kofu.certificate_signer(conn)
            rendered = render(cert, lambda d: sign(certificate_message(issue_no, d)))
            head = next((p.atena_no for p in found[1] if p.is_head), found[1][0].atena_no) if found else ""
            disaster.record_issue(conn, self._ctx.data_key, at, dwelling.doc_id, assessment, head, number, issue_no,
                                  rendered.digest)
            self._ctx.record(actor.user, "交付", head or assessment.setai_no,
                             f"罹災証明書 整理番号 {number} {assessment.damage.value}")
            if export:
                self._ctx.record(actor.user, "証明書ファイル出力", head or assessment.setai_no, issue_no)
            return RisaiIssued(rendered.pdf, number, issue_no, cert)
