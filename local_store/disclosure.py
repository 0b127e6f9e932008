"""The one check every disclosure of personal data passes: the 照会 of a person, the 交付 of any certificate, a list
of persons on a screen, an export to a file.

It decides by the 支援措置 in force (and, for a certificate, by who asks and a supervisor's judgment) and records the
disclosure in the audit. Every business area calls it where its data leaves the registry; none decides for itself
who may see a protected person. `listing` only records a list for now: it is where the rules for lists go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain import protection as rules
from domain.errors import ValidationError
from domain.kofu_rules import KofuRequest
from domain.protection import Measure, Process
from domain.records import Person
from domain.roles import Permission
from local_store import protection
from local_store.context import StoreContext
from local_store.database import Connection
from local_store.protection import Judgment, Protection
from local_store.protection_service import ProtectionService
from local_store.staff import Staff
from local_store.staff_service import StaffService

INQUIRY, INQUIRY_PROTECTED = "照会", "照会（支援措置対象者）"


class CertificateCheck:
    """The check of one 交付, called inside its transaction with the persons the certificate prints; returns what
    the 交付履歴 keeps of it. When it refuses, `refused_by` names the measures, for the refusal's record."""

    def __init__(self, protections: ProtectionService, ctx: StoreContext, actor: Staff, request: KofuRequest,
                 judgment: Judgment | None) -> None:
        self._protections = protections
        self._ctx = ctx
        self._actor = actor
        self._request = request
        self._judgment = judgment
        self.refused_by: tuple[Measure, ...] = ()

    def __call__(self, printed: list[Person]) -> Mapping[str, Any]:
        conn, request, judgment = self._ctx.conn, self._request, self._judgment
        measures = self._protections.in_force(conn, [p.atena_no for p in printed], Process.KOFU)
        self.refused_by = tuple(measures)
        need = rules.kofu_check(request.requester, measures, protection.registered(conn, measures))
        if need == "判断" and judgment is None:
            raise rules.JudgmentRequired(rules.JUDGMENT_REQUIRED)
        self.refused_by = ()
        if need == "判断" and judgment is not None:
            self._ctx.record(judgment.judge.user, "支援措置判断", ",".join(p.atena_no for p in printed),
                             f"{request.kind.value} 請求者 {request.requester.kind.value} 窓口 {self._actor.user}: "
                             f"{judgment.reason.strip()}")
        return protection.kofu_record(need, measures, request.requester.identification, judgment) if need else {}


class DisclosureCheck:
    def __init__(self, ctx: StoreContext, protections: ProtectionService, staff: StaffService) -> None:
        self._ctx = ctx
        self._protections = protections
        self._staff = staff

    def inquiry(self, conn: Connection, actor: Staff, atena_no: str) -> tuple[Protection, ...]:
        """照会 of one person: the measures in force for them as the screen shows them (加害者 and note for 係長 and
        above only), and the audit entry, which says when the person is protected."""
        shown = self._protections.shown(actor, conn, atena_no)
        self._ctx.record(actor.user, INQUIRY_PROTECTED if shown else INQUIRY, atena_no)
        return shown

    def certificate(self, actor: Staff, request: KofuRequest, judgment: Judgment | None) -> CertificateCheck:
        """The check a 交付 passes for the persons it prints (see `CertificateCheck`). A judgment is accepted only
        from a supervisor in use here, with a reason."""
        if judgment is not None:
            if not judgment.reason.strip():
                raise ValidationError("判断の理由", "判断の理由を入力してください")
            self._staff.confirm(judgment.judge, Permission.JUDGE_PROTECTED, refused="支援措置判断拒否", verb="判断",
                                message="支援措置対象者への交付を判断できません（係長以上）",
                                detail="the judge may not judge requests for protected persons")
        return CertificateCheck(self._protections, self._ctx, actor, request, judgment)

    def listing(self, actor: Staff, action: str, target: str, detail: str) -> None:
        """A list of persons (or of records about them) shown or handed over: recorded as `action`."""
        self._ctx.record(actor.user, action, target, detail)

    def withheld(self, atena_nos: Iterable[str]) -> list[str]:
        """Of `atena_nos`, those a list for use outside the counter leaves out: persons under a measure in force."""
        protected = self._protections.protected_persons()
        return [a for a in atena_nos if a in protected]
