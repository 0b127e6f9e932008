"""Disasters: damage assessments, the 被災者台帳 and the 罹災証明書 (窓口 and above).

Everything here works on the replica alone, with no network: the assessments and the 交付 replicate whenever the
cloud can be reached. Reading the 台帳, exporting it and issuing a 罹災証明書 pass the disclosure check (a household
under 支援措置 is left out of the 台帳 for 窓口 and out of its CSV; its certificate follows the rule of every
certificate); recording and issuing are recorded in the audit.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from domain import disaster as rules
from domain.certificate_items import certificate_message, issue_number, signatory
from domain.disaster import (
    RISAI_KIND,
    Assessment,
    AssessmentInput,
    Household,
    LedgerFilter,
    LedgerLine,
    Recorder,
    RisaiCertificate,
    RisaiRequest,
)
from domain.errors import ValidationError
from domain.kofu_rules import KofuIncomplete, KofuOnHold, KofuRefused
from domain.records import Person
from domain.roles import Permission
from local_store import disaster, kofu, settings
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import CertificateCheck, DisclosureCheck, Use
from local_store.kofu_service import KofuService
from local_store.numbering import Numbering
from local_store.protection import Judgment
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
        """The 被災者台帳: each dwelling with its assessment in force, filtered. A household under 支援措置 is left out
        for 窓口 (the disclosure check's rule for lists); one household's dwellings (`wanted.setai_no`, a 世帯番号 the
        counter was given) are a look-up, shown to every staff member and audited as such."""
        require(actor, Permission.RECORD_DAMAGE)
        wanted = wanted or LedgerFilter()
        if wanted.setai_no:
            wanted = replace(wanted, setai_no=rules.check_setai_no(wanted.setai_no))
        with self._ctx.lock:
            lines = self._ledger(wanted)
            if wanted.setai_no:
                self._disclosure.lookup(actor, "被災者台帳", f"{len(lines)}件",
                                        {a for line in lines for a in _persons(line)}, target=wanted.setai_no)
            else:
                lines = self._disclosure.listing(actor, "被災者台帳", lines, _persons)
        return lines

    def ledger_csv(self, actor: Staff, wanted: LedgerFilter | None = None) -> str:
        """The 台帳 as CSV text (係長 and above; audited as an export): write it as UTF-8 with a BOM. A household
        under 支援措置 is left out of the file, whoever writes it."""
        require(actor, Permission.EXPORT_DISASTER_LEDGER)
        with self._ctx.lock:
            lines = self._disclosure.listing(actor, "被災者台帳の出力", self._ledger(wanted or LedgerFilter()), _persons,
                                             use=Use.FILE)
        return rules.ledger_csv(lines)

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
                if wanted.setai_no and a.setai_no != wanted.setai_no:
                    continue
                if a.setai_no not in households:
                    households[a.setai_no] = disaster.household(self._ctx.conn, a.setai_no)
                found = households[a.setai_no]
                head_name, head_address, members = ((found[0].head_name, found[0].address, found[0].members)
                                                    if found else (a.head_name, a.head_address, 0))
                line = LedgerLine(d, rules.chouaza_of(a.place, prefix, book), head_name, head_address, members,
                                  tuple(issued.get(d.doc_id, ())),
                                  tuple((p.atena_no, p.name) for p in found[1]) if found else ())
                if rules.keep(line, wanted):
                    lines.append(line)
        return lines

    def issue_risai(self, actor: Staff, request: RisaiRequest, render: RisaiRenderer, *, export: bool = False,
                    judgment: Judgment | None = None) -> RisaiIssued:
        """Issue the 罹災証明書 of an assessment in force to the requester: a 整理番号 from this terminal's lease, the
        form rendered and signed, the 交付 recorded in the 交付履歴 (fee 0) with who asked. An assessment replaced by
        a 再調査, or of a dwelling flagged for review, is refused. `export` (a file rather than the printer) needs
        係長 or above, as for the other certificates.

        Who asks is vouched for by the registry (`domain.disaster.vouched`: a 本人等, or a 代理人's 委任者, is a member
        of the household, named by 宛名番号). The certificate prints the household's 世帯主 and address, so it passes
        the disclosure check of every certificate for the household's members: for a member under 支援措置, a named
        加害者 is refused whatever `judgment` says, the protected person needs a photo ID, anyone else a supervisor's
        `judgment` (another staff member's than `actor`'s). A refusal (by that check or by who may ask) raises
        ValidationError and is recorded in the 交付履歴 and the audit."""
        require(actor, Permission.ISSUE_RISAI)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        at = self._kofu.counter(actor)
        with self._ctx.write() as conn:
            assessment, household, members = self._in_force(conn, request.assessment_id)
            persons = [p.atena_no for p in members]
            check: CertificateCheck | None = None
            try:
                request = replace(request, requester=rules.vouched(request.requester, members))
                # RisaiRequest has what the check reads of a request: its kind and its requester.
                check = self._disclosure.certificate(actor, request, judgment,  # type: ignore[arg-type]
                                                     self._kofu.data_age())
                checked = check(members)
            except (KofuIncomplete, KofuOnHold) as exc:  # put right at the counter, or waiting: not a refusal
                if isinstance(exc, KofuOnHold):
                    self._ctx.record(actor.user, "交付保留", ",".join(persons) or assessment.setai_no,
                                     f"{RISAI_KIND} {exc.item}: {exc.message}")
                refused = exc
            except KofuRefused as exc:
                reason = f"{exc.item}: {exc.message}"
                disaster.record_refusal(conn, self._ctx.data_key, at, request, assessment, persons, reason,
                                        check.refusal_record() if check is not None else {})
                self._ctx.record(actor.user, "交付拒否", ",".join(persons) or assessment.setai_no,
                                 f"{RISAI_KIND} {reason}")
                refused = exc
            else:
                return self._issue(conn, actor, at, request, assessment, household, persons, checked, render,
                                   export)
        raise refused  # recorded (a refusal in the 交付履歴, a hold in the audit) in the transaction above

    def _in_force(self, conn: Connection, assessment_id: str) -> tuple[Assessment, Household | None, list[Person]]:
        """The assessment in force a 罹災証明書 is asked for, its registry household (None when nobody lives in it any
        more) and the household's members, 世帯主 first; ValidationError when it is replaced or flagged."""
        dwelling = next((d for d in rules.dwellings(disaster.assessments(conn)) if assessment_id in d.tips), None)
        if dwelling is None:
            raise ValidationError("被害認定調査", "この調査は台帳にないか、再調査で置き換えられています")
        if dwelling.flagged:
            raise ValidationError("被害認定調査", "この住家には別の端末で同時に記録された調査があります。"
                                            "再調査を記録してから交付してください")
        found = disaster.household(conn, dwelling.assessment.setai_no)
        return dwelling.assessment, found[0] if found else None, found[1] if found else []

    def _issue(self, conn: Connection, actor: Staff, at: kofu.Counter, request: RisaiRequest,
               assessment: Assessment, household: Household | None, persons: list[str], checked: Mapping[str, Any],
               render: RisaiRenderer, export: bool) -> RisaiIssued:
        """Number, render, sign and record a 罹災証明書 the checks let through (in the caller's transaction)."""
        today = at.now.date()
        chosen = settings.read(conn)
        signed_by = signatory(chosen, self._ctx.municipality.prefecture, today)
        seal = base64.b64decode(chosen["seal_png"]) if chosen.get("seal_png") else None
        serial = self._numbering.draw_serial("risai")
        number = str(serial)
        issue_no = issue_number(today, at.municipality, at.terminal, at.printer, serial)
        cert = rules.build_risai(assessment, household, number=number, issue_number=issue_no, issued_on=today,
                                 signed_by=signed_by, seal_png=seal)
        sign = kofu.certificate_signer(conn)
        rendered = render(cert, lambda d: sign(certificate_message(issue_no, d)))
        disaster.record_issue(conn, self._ctx.data_key, at, request, assessment, persons, number, issue_no,
                              rendered.digest, checked)
        target = ",".join(persons) or assessment.setai_no
        self._ctx.record(actor.user, "交付", target, f"{RISAI_KIND} 整理番号 {number} {assessment.damage.value} "
                                                     f"請求者 {request.requester.kind.value}")
        if export:
            self._ctx.record(actor.user, "証明書ファイル出力", target, issue_no)
        return RisaiIssued(rendered.pdf, number, issue_no, cert)


def _persons(line: LedgerLine) -> list[str]:
    """The 宛名番号 a line of the 台帳 is about: its household's members."""
    return [atena_no for atena_no, _ in line.persons]
