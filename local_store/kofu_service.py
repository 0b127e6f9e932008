"""交付 of the 住民票 family of certificates: the requester vouched for by the registry, the request checked by the
disclosure check and decided by the rules, each copy numbered, rendered and signed, the 交付 recorded in the
交付履歴 (who asked, who processed it, who judged it, how old this replica's data was); a 交付 cancelled (交付の取消し)
or issued again (再交付, through the same checks as any 交付); and the 交付履歴 read back. The documents themselves are
`local_store.kofu`'s, the rules of cancelling `domain.kofu_history`'s.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain.errors import ValidationError
from domain.kofu_history import IssueLine, cancellations, check_cancel, lines
from domain.kofu_rules import (
    NEED_FRESH_DATA,
    CertificateKind,
    DataAge,
    KofuIncomplete,
    KofuOnHold,
    KofuRequest,
)
from domain.roles import Permission, allowed
from local_store import kofu
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.numbering import Numbering
from local_store.protection import Judgment
from local_store.replication import Replication
from local_store.settings_service import SettingsService
from local_store.staff import Staff


class KofuService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 settings: SettingsService, replication: Replication) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._disclosure = disclosure
        self._settings = settings
        self._replication = replication

    def counter(self, actor: Staff) -> kofu.Counter:
        """Where and by whom a 交付 happens now: this terminal, its printer, the acting staff member."""
        town = self._ctx.municipality
        return kofu.Counter(self._ctx.now(), self._ctx.terminal, actor.user, town.name, town.prefecture,
                            self._settings.printer_name())

    def data_age(self) -> DataAge:
        """How old this replica's data is (its last complete pull from the cloud), against the municipality's limit:
        past it, 第三者 and 代理人 requests need a supervisor's judgment, and the 交付 screen says so."""
        return DataAge(self._replication.last_synced(), self._ctx.now(), self._settings.stale_after(),
                       self._replication.replicated())

    def issue(self, actor: Staff, request: KofuRequest, render: kofu.Renderer, *, export: bool = False,
              judgment: Judgment | None = None) -> kofu.Issued:
        """Answer a 交付請求: the disclosure check and the rules decide, each copy is numbered, rendered and signed,
        and the 交付 recorded.

        A refusal the law makes raises ValidationError, is recorded in the 交付履歴 (the 日計 counts it as 拒否) and
        changes nothing else. A request that only waits (KofuOnHold: for a 係長's judgment, for documents the cloud
        has not sent, for a number not given yet) or that a character no font can draw stops raises too, audited as
        交付保留 and recorded nowhere else; one that is only incomplete (KofuIncomplete: 入力不備, put right at the
        counter) raises and is recorded nowhere. `export` (a file rather than the printer) needs 係長 or
        above.
        本人等 (and a 代理人's 委任者) are named by 宛名番号: their names are the registry's, and they must be 本人等 of
        the persons printed. For a person under 支援措置: a named 加害者 (請求者, 委任者 or 依頼者) is refused whatever
        `judgment` says; the protected person needs a photo ID; anyone else needs `judgment`. On a replica whose data
        is old (`data_age`), 第三者 and 代理人 need `judgment` too. A judgment is a supervisor's other than `actor`'s,
        recorded with the 交付.
        """
        return self._issue(actor, request, render, export=export, judgment=judgment)

    def reissue(self, actor: Staff, issue_no: str, render: kofu.Renderer, *, export: bool = False,
                judgment: Judgment | None = None) -> kofu.Issued:
        """再交付: the request of the 交付 that printed the copy numbered `issue_no` (cancelled or not) answered again
        as `issue` answers any request (the disclosure check, the rules as they stand today, new 発行番号, the
        手数料 by the usual rules), the 交付 recorded as a 再交付 of that one. It prints the rows that 交付 printed,
        marked 「再交付」 (§4.1.3.0.3): no 異動 recorded since; a new `issue` prints today's record."""
        require(actor, Permission.ISSUE_CERTIFICATE)
        with self._ctx.lock:
            doc_id, original = kofu.issued_as(kofu.entries(self._ctx.conn), issue_no)
        if original["request"]["kind"] not in {k.value for k in CertificateKind}:
            raise ValidationError("再交付", f"{original['request']['kind']}はここでは再交付できません")
        return self._issue(actor, kofu.request_of(original["request"]), render, export=export, judgment=judgment,
                           reissue_of={"doc_id": doc_id, "issue_number": original["issue_numbers"][0]})

    def cancel(self, actor: Staff, issue_no: str, reason: str) -> IssueLine:
        """交付の取消し of the 交付 that printed the copy numbered `issue_no`, with `reason`: by the staff member who
        issued it on the day of the 交付, or by a 係長 or above (`domain.kofu_history`). The 交付 stays in the
        交付履歴 with the cancellation beside it; the 日計 of today gives its 手数料 back. Returns the cancelled 交付
        as the 交付履歴 now lists it."""
        require(actor, Permission.ISSUE_CERTIFICATE)
        with self._ctx.write() as conn:
            every = kofu.entries(conn)
            original = kofu.issued_as(every, issue_no)
            body = original[1]
            check_cancel(body, cancellations(every).get(original[0]), user=actor.user,
                         supervisor=allowed(actor.role, Permission.CANCEL_ISSUE), today=self._ctx.today().isoformat(),
                         reason=reason)
            cancelled = kofu.record_cancellation(conn, self._ctx.data_key, self.counter(actor), original, reason)
            self._ctx.record(actor.user, "交付取消", ",".join(body["persons"]),
                             f"{body['request']['kind']} {' / '.join(body['issue_numbers'])}（{body['staff']} "
                             f"{body['at'][:16]}）手数料 {body['fee']}円 理由: {reason.strip()}")
        return lines([original, cancelled])[0]

    def _issue(self, actor: Staff, request: KofuRequest, render: kofu.Renderer, *, export: bool,
               judgment: Judgment | None, reissue_of: dict[str, str] | None = None) -> kofu.Issued:
        require(actor, Permission.ISSUE_CERTIFICATE)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        with self._ctx.lock:
            request = kofu.named(self._ctx.conn, request)
        check = self._disclosure.certificate(actor, request, judgment, self.data_age())
        at = self.counter(actor)
        again = {"reissue_of": reissue_of} if reissue_of else {}
        try:
            if request.requester.kind in NEED_FRESH_DATA:
                self._wait_for_the_cloud()
            with self._ctx.write() as conn:
                issued = kofu.issue(conn, self._ctx.data_key, self._numbering, request, render, at, check, again)
                persons = ",".join(p.atena_no for p in issued.persons)
                mynumber = "個人番号あり" if any(i.value == "個人番号" for i in issued.decision.items) else "個人番号なし"
                of = f" 再交付（{issued.reissue_of}）" if issued.reissue_of else ""
                self._ctx.record(actor.user, "交付", persons,
                                 f"{request.kind.value} {issued.decision.disposal.value} {mynumber} 公印あり "
                                 f"{' / '.join(issued.issue_numbers)}{of}")
                if export:
                    self._ctx.record(actor.user, "証明書ファイル出力", persons, " / ".join(issued.issue_numbers))
                return issued
        except KofuIncomplete:
            raise  # put right at the counter: not a refusal
        except KofuOnHold as exc:
            self._ctx.record(actor.user, "交付保留", ",".join(request.atena_nos), f"{exc.item}: {exc.message}")
            raise
        except ValidationError as exc:
            with self._ctx.write() as conn:
                kofu.record_refusal(conn, self._ctx.data_key, request, at, f"{exc.item}: {exc.message}",
                                    {**check.refusal_record(), **again})
                self._ctx.record(actor.user, "交付拒否", ",".join(request.atena_nos), f"{exc.item}: {exc.message}")
            raise

    def _wait_for_the_cloud(self) -> None:
        """A document the cloud withheld may be a 支援措置: while one is missing the 交付 waits (not a refusal)."""
        try:
            self._replication.refuse_while_incomplete()
        except ValidationError as exc:
            raise KofuOnHold(exc.item, exc.message) from exc

    def history(self, actor: Staff, atena_no: str | None = None) -> list[dict[str, Any]]:
        """The 交付履歴 as recorded (every 交付, refusal and cancellation), in the order recorded here."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            return kofu.history(self._ctx.conn, atena_no)

    def lines_of(self, actor: Staff, atena_no: str) -> list[IssueLine]:
        """One person's 交付履歴 as lines, oldest first (the command line's; the 照会 pane has it in the person's
        record): a 照会 of the person, audited as one."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            if self._ctx.conn.execute("SELECT 1 FROM persons WHERE atena_no = ?", (atena_no,)).fetchone() is None:
                raise ValidationError("宛名番号", f"宛名番号 {atena_no} の人は登録されていません")
            self._disclosure.inquiry(self._ctx.conn, actor, atena_no)
            found = lines(kofu.entries(self._ctx.conn, atena_no))
        return found

    def public_key(self) -> Ed25519PublicKey:
        """The municipality's public key, for checking a certificate's signature."""
        with self._ctx.lock:
            return kofu.public_key(self._ctx.conn)
