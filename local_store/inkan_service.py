"""印鑑登録 (窓口 and above): register a seal, confirm a registration by its 回答書, abolish it, stop a lost card, show a
person's registrations, the 印鑑登録原票 and the card, and issue the 印鑑登録証明書 on presenting the card.

Everything works on the replica alone and replicates; the rules are `domain.inkan`'s, the documents
`local_store.inkan`'s. Showing a person's registrations is a 照会 (the disclosure check's `inquiry`); the
certificate passes the check of every certificate (`certificate`): for a person under 支援措置 the card alone is not
enough. A refused card (unknown, stopped, abolished, waiting, forked) is recorded in the 交付履歴 as 拒否 and so
counted in the 日計, and in the audit; numbers of no card known here are counted per terminal and day, and the
tenth alerts in the audit and stops the terminal taking cards until the next day. A 代理人 or 保証人 named as a
加害者 of the applicant is refused (the disclosure check's `stand_in`).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from domain import inkan as rules
from domain.certificate_items import certificate_message, issue_number, signatory
from domain.errors import ValidationError
from domain.idou import Idou
from domain.inkan import (
    ABOLISH,
    CONFIRM,
    LOST,
    AbolishReason,
    Application,
    Impression,
    InkanCertificate,
    InkanRecord,
    InkanRequest,
    Registration,
    State,
)
from domain.kofu_rules import KofuIncomplete, KofuOnHold, Requester, RequesterKind
from domain.records import Person
from domain.roles import Permission
from local_store import inkan, kofu, settings
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import CertificateCheck, DisclosureCheck
from local_store.kofu_service import KofuService
from local_store.numbering import Numbering
from local_store.protection import Judgment
from local_store.staff import Staff


class RenderedInkan(Protocol):
    @property
    def pdf(self) -> bytes: ...

    @property
    def digest(self) -> bytes: ...


InkanRenderer = Callable[[InkanCertificate, Callable[[bytes], bytes]], RenderedInkan]
# The audit entries of the lists of persons (each through the disclosure check).
FORKS_LISTED, NAME_CHANGES_LISTED = "印鑑登録二重登録一覧", "印鑑登録氏名変更確認"
CARDS_STOPPED = "印鑑登録証受付停止"  # the alert: this terminal took too many numbers of no card today


@dataclass(frozen=True, slots=True)
class InkanIssued:
    pdf: bytes
    issue_number: str
    fee: int
    certificate: InkanCertificate


class InkanService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 kofu_service: KofuService) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._disclosure = disclosure
        self._kofu = kofu_service
        self._log = inkan.EventLog()

    # --- registering ------------------------------------------------------------------------------------------------

    def register(self, actor: Staff, application: Application, impression: Impression) -> Registration:
        """印鑑登録申請: the applicant may register (`domain.inkan.check_applicant`), the identity is confirmed by
        the method chosen, the impression measured and the seal's text confirmed by the clerk. By a photo ID or a
        保証書 it is in force at once; by the 照会書 (always for a 代理人) it waits for the 回答書 (`confirm`) until the
        day the town's period gives."""
        require(actor, Permission.REGISTER_INKAN)
        rules.check_impression(impression)
        with self._ctx.lock:
            conn = self._ctx.conn
            if application.proxy is not None:
                self._disclosure.stand_in(conn, actor, "印鑑登録", application.atena_no, "代理人", application.proxy.name)
            if application.method is rules.Method.GUARANTEE and application.guarantor_atena:
                guarantor = inkan.current(conn, application.guarantor_atena)
                self._disclosure.stand_in(conn, actor, "印鑑登録", application.atena_no, "保証人",
                                          guarantor.name if guarantor is not None else "", application.guarantor_atena)
        at = self._kofu.counter(actor)
        with self._ctx.write() as conn:
            found = self._log.registrations(conn, at.now.date())
            person = rules.check_applicant(inkan.current(conn, application.atena_no), application, at.now.date(),
                                           [r for r in found if r.atena_no == application.atena_no])
            rules.check_seal_text(person, application.seal_text)
            guarantor = next((r for r in found if r.atena_no == application.guarantor_atena and r.live), None)
            identification = rules.check_identity(application, guarantor,
                                                  inkan.current(conn, application.guarantor_atena))
            answer_by = None
            if application.method is rules.Method.INQUIRY:
                answer_by = rules.answer_by(at.now.date(), settings.inkan_answer_days(settings.read(conn)))
            reg_id = inkan.put_registration(conn, self._ctx.data_key, at, application, person, impression,
                                            identification, self._numbering.draw_serial("inkan"), answer_by)
            registration = self._one(conn, reg_id)
            self._ctx.record(actor.user, "印鑑登録", person.atena_no,
                             f"登録番号 {registration.registration_no} {application.method.value} "
                             f"{registration.state.value}")
        return registration

    def confirm(self, actor: Staff, registration_id: str) -> Registration:
        """The 回答書 came back to the counter: the registration waiting for it is in force, if it came in time."""
        require(actor, Permission.REGISTER_INKAN)
        at = self._kofu.counter(actor)
        with self._ctx.write() as conn:
            registration = self._one(conn, registration_id)
            if registration.state is State.EXPIRED:
                raise ValidationError("回答書", f"回答書の期限（{registration.answer_by}）が過ぎています。"
                                             "登録の申請をやり直してください")
            if registration.state is not State.PENDING:
                raise ValidationError("回答書", f"この印鑑登録は照会書の回答を待っていません（{registration.state.value}）")
            inkan.put_event(conn, self._ctx.data_key, at, CONFIRM, registration_id)
            self._ctx.record(actor.user, "印鑑登録（回答書）", registration.atena_no,
                             f"登録番号 {registration.registration_no}")
            return self._one(conn, registration_id)

    def abolish(self, actor: Staff, atena_no: str, reason: AbolishReason, registration_id: str = "") -> Registration:
        """廃止: on request (廃止申請), after a change of 氏名 the seal no longer matches, or one of two registrations
        made while apart (二重登録の整理, 係長 and above, naming which). Without `registration_id`, the person's one
        registration in force or waiting."""
        require(actor, Permission.RESOLVE_FORK if reason is AbolishReason.FORK else Permission.REGISTER_INKAN)
        if reason not in (AbolishReason.REQUEST, AbolishReason.NAME_CHANGED, AbolishReason.FORK):
            raise ValidationError("廃止の理由", "転出・死亡・職権消除による廃止は異動の登録と同時に行われます")
        at = self._kofu.counter(actor)
        with self._ctx.write() as conn:
            registration = self._live_one(conn, atena_no, registration_id)
            inkan.put_event(conn, self._ctx.data_key, at, ABOLISH, registration.id, reason=reason.value,
                            effective_on=at.now.date().isoformat(), idou="")
            self._ctx.record(actor.user, "印鑑登録廃止", atena_no,
                             f"登録番号 {registration.registration_no} {reason.value}")
            return self._one(conn, registration.id)

    def lost(self, actor: Staff, atena_no: str, registration_id: str = "") -> Registration:
        """印鑑登録証の亡失届: the card (and the registration) stops at once; a new registration needs a new
        application."""
        require(actor, Permission.REGISTER_INKAN)
        at = self._kofu.counter(actor)
        with self._ctx.write() as conn:
            registration = self._live_one(conn, atena_no, registration_id)
            inkan.put_event(conn, self._ctx.data_key, at, LOST, registration.id)
            self._ctx.record(actor.user, "印鑑登録証亡失", atena_no, f"登録番号 {registration.registration_no}")
            return self._one(conn, registration.id)

    def _one(self, conn: Connection, registration_id: str) -> Registration:
        found = next((r for r in self._log.registrations(conn, self._ctx.today()) if r.id == registration_id), None)
        if found is None:
            raise ValidationError("印鑑登録", f"印鑑登録 {registration_id} はありません")
        return found

    def _live_one(self, conn: Connection, atena_no: str, registration_id: str) -> Registration:
        live = [r for r in self._log.registrations(conn, self._ctx.today()) if r.atena_no == atena_no and r.live
                and (not registration_id or r.id == registration_id)]
        if not live:
            raise ValidationError("印鑑登録", f"宛名番号 {atena_no} の人に有効な印鑑登録はありません")
        if len(live) > 1:
            raise ValidationError("印鑑登録", "この人には印鑑登録が二つあります。どちらの登録か（登録のID）を指定してください")
        return live[0]

    # --- reading ------------------------------------------------------------------------------------------------------

    def show(self, actor: Staff, atena_no: str) -> list[Registration]:
        """A person's registrations, oldest first: a 照会 of the person, audited as one."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            if inkan.current(self._ctx.conn, atena_no) is None:
                raise ValidationError("宛名番号", f"宛名番号 {atena_no} の人は登録されていません")
            self._disclosure.inquiry(self._ctx.conn, actor, atena_no)
            return self.of_person(atena_no)

    def of_person(self, atena_no: str) -> list[Registration]:
        """A person's registrations, for the 照会 pane (whose 照会 is audited already by the person's record)."""
        with self._ctx.lock:
            return [r for r in self._log.registrations(self._ctx.conn, self._ctx.today()) if r.atena_no == atena_no]

    def record(self, actor: Staff, atena_no: str, registration_id: str = "") -> InkanRecord:
        """The 印鑑登録原票 of a person's registration (the one in force or waiting, or the one named), printed with
        the 印鑑登録証: a 照会 of the person, audited as one."""
        require(actor, Permission.REGISTER_INKAN)
        with self._ctx.lock:
            found = [r for r in self.show(actor, atena_no) if r.id == registration_id or not registration_id]
            registration = next((r for r in reversed(found) if r.live), found[-1] if found else None)
            if registration is None:
                raise ValidationError("印鑑登録", f"宛名番号 {atena_no} の人の印鑑登録はありません")
            person = inkan.current(self._ctx.conn, atena_no)
            assert person is not None
            return rules.build_record(registration, person, self._ctx.municipality.full_name)

    def forks(self, actor: Staff) -> dict[str, list[Registration]]:
        """Persons registered twice while two terminals were apart, for the review (a 係長 abolishes one): a list of
        persons through the disclosure check (a protected person's shown to 係長 and above only)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = rules.forked(self._log.registrations(self._ctx.conn, self._ctx.today()))
            return dict(self._disclosure.listing(actor, FORKS_LISTED, list(found.items()), lambda fork: (fork[0],)))

    def name_changes(self, actor: Staff, idou: Idou) -> list[Registration]:
        """The registrations of persons whose 氏名 the 異動 `idou` changed: the clerk is asked whether to abolish;
        through the disclosure check (a protected person's shown to 係長 and above only)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = inkan.name_changed(idou, self._log.registrations(self._ctx.conn, self._ctx.today()))
            if not found:
                return []
            return self._disclosure.listing(actor, NAME_CHANGES_LISTED, found, lambda r: (r.atena_no,))

    # --- the 印鑑登録証明書 ----------------------------------------------------------------------------------------

    def certificate(self, actor: Staff, card: str, render: InkanRenderer, *, identification: str = "",
                    proxy_name: str = "", fee_category: str = "", export: bool = False,
                    judgment: Judgment | None = None) -> InkanIssued:
        """Issue the 印鑑登録証明書 on presenting the card (its number as typed or scanned): anyone who holds it may ask
        (`proxy_name` when not the registered person). A number that is no card number is 入力不備 (read it again);
        a card unknown here, stopped, abolished, waiting for its 回答書, or of a person registered twice is refused
        and recorded. The disclosure check of every certificate applies. `export` (a file) needs 係長 or above."""
        require(actor, Permission.ISSUE_CERTIFICATE)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        card_no = rules.read_card_number(card)
        at = self._kofu.counter(actor)
        with self._ctx.write() as conn:
            found = self._log.registrations(conn, at.now.date())
            registration = next((r for r in found if r.card_no == card_no), None)
            person = inkan.current(conn, registration.atena_no) if registration is not None else None
            requester = (rules.card_holder(registration, person, identification, proxy_name)
                         if registration is not None and person is not None
                         else Requester(RequesterKind.HONNIN, "", identification or "印鑑登録証"))
            request = InkanRequest(card_no, requester, registration.registration_no if registration else "",
                                   fee_category)
            atena_no = registration.atena_no if registration is not None else ""
            check: CertificateCheck | None = None
            try:
                rules.check_card_guesses(inkan.unknown_cards(conn, at.now.date()))
                twins = sum(1 for r in found if r.live and r.atena_no == atena_no and r.id != registration.id) \
                    if registration is not None else 0
                registration = rules.check_certifiable(registration, twins, person, at.now.date())
                assert person is not None
                fee = settings.fee_table(settings.read(conn)).per_copy(rules.CERTIFICATE_KIND, fee_category)
                check = self._disclosure.certificate(actor, request, judgment,  # type: ignore[arg-type]
                                                     self._kofu.data_age())
                checked = check([person])
            except KofuIncomplete:
                raise
            except KofuOnHold as exc:
                self._ctx.record(actor.user, "交付保留", atena_no, f"{rules.CERTIFICATE_KIND} {exc.item}: {exc.message}")
                refused: ValidationError = exc
            except ValidationError as exc:
                reason = f"{exc.item}: {exc.message}"
                inkan.record_refusal(conn, self._ctx.data_key, at, request, atena_no, reason,
                                     check.refusal_record() if check is not None else {})
                self._ctx.record(actor.user, "交付拒否", atena_no, f"{rules.CERTIFICATE_KIND} {reason}")
                if registration is None:
                    self._count_unknown_card(conn, actor, at)
                refused = exc
            else:
                return self._issue(conn, actor, at, request, registration, person, fee, checked, render, export)
        raise refused  # recorded (a refusal in the 交付履歴, a hold in the audit) in the transaction above

    def _count_unknown_card(self, conn: Connection, actor: Staff, at: kofu.Counter) -> None:
        """A card number of no card known here: counted for this terminal and day; the one that reaches the limit
        alerts in the audit (the terminal then takes no card until tomorrow)."""
        count = inkan.count_unknown_card(conn, at.now.date())
        if count == rules.UNKNOWN_CARDS_PER_DAY:
            self._ctx.record(actor.user, CARDS_STOPPED, "", f"登録のない印鑑登録証の番号 本日{count}回 端末 {at.terminal}")

    def _issue(self, conn: Connection, actor: Staff, at: kofu.Counter, request: InkanRequest,
               registration: Registration, person: Person, fee: int, checked: Mapping[str, Any],
               render: InkanRenderer, export: bool) -> InkanIssued:
        today = at.now.date()
        chosen = settings.read(conn)
        seal = base64.b64decode(chosen["seal_png"]) if chosen.get("seal_png") else None
        issue_no = issue_number(today, at.municipality, at.terminal, at.printer, self._numbering.draw_serial("hakko"))
        cert = rules.build_certificate(registration, person, issue_number=issue_no, issued_on=today,
                                       signatory=signatory(chosen, self._ctx.municipality.prefecture, today),
                                       seal_png=seal)
        sign = kofu.certificate_signer(conn)
        rendered = render(cert, lambda d: sign(certificate_message(issue_no, d)))
        inkan.record_issue(conn, self._ctx.data_key, at, request, registration.atena_no, fee, request.fee_category,
                           issue_no, rendered.digest, checked)
        self._ctx.record(actor.user, "交付", registration.atena_no,
                         f"{rules.CERTIFICATE_KIND} 登録番号 {registration.registration_no} 請求者 "
                         f"{request.requester.kind.value} 手数料 {fee}円 {issue_no}")
        if export:
            self._ctx.record(actor.user, "証明書ファイル出力", registration.atena_no, issue_no)
        return InkanIssued(rendered.pdf, issue_no, fee, cert)
