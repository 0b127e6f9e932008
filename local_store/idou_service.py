"""異動: plan a request by the domain's rules against the registry as it is inside the transaction, check it (rights,
the clock, a 届出人 who is a named 加害者, the 住民票コード and 個人番号 it gives), store it as one immutable document
and index it. A batch is recorded whole or not at all; a refusal is audited and changes nothing else.

A 異動 that records a 住民票コード anew names the persons owed a 住民票コード通知 (`domain.code_notice`); `code_notice`
makes it, a 照会 of the person in the disclosure check: the notice is hers alone, sent to her own 住所, so a 支援措置
does not withhold it.

A 異動 that brings someone to the address of a person under 支援措置, or a 加害者 into their household, is held
(`domain.idou_holds`): it is recorded only with a 係長's judgment (another staff member than the one recording it,
signed in here, with a reason), the hold and the judgment are audited, and what the counter is shown of it (the plan,
the result) leaves out the rows of the protected household.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from domain import code_notice
from domain.certificate_items import signatory
from domain.errors import ValidationError
from domain.idou import Context, Current, Idou, certificate_warning, plan_idou
from domain.idou_documents import check_document
from domain.idou_holds import Hold, IdouHeld
from domain.records import Person
from domain.roles import Permission
from local_store import derived, documents, fuhyo, inkan, juminhyo_pool, mynumbers, returning
from local_store import settings as stored_settings
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import DisclosureCheck
from local_store.numbering import Numbering
from local_store.protection import Judgment
from local_store.protection_service import ProtectionService
from local_store.staff import Staff
from local_store.staff_service import StaffService
from local_store.trusted_time import TrustedTime


@dataclass(frozen=True, slots=True)
class Applied:
    doc_id: str
    idou: Idou  # as the counter may see it: a held 異動 without the rows of the protected household
    judged: bool = False  # held for 支援措置 and recorded with a 係長's judgment
    warnings: tuple[str, ...] = ()  # what staff should make sure of, though it was recorded (`IdouService.warnings`)


class RegistryState:
    """The registry's current state as the domain sees it while a 異動 is planned (inside the transaction)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def current(self, atena_no: str) -> Current | None:
        found = derived.current_row(self._conn, atena_no)
        return None if found is None else Current(Person.from_json(found[0]), tuple(found[1]))

    def document(self, doc_id: str) -> Idou | None:
        found = documents.get(self._conn, doc_id)
        return Idou.from_json(found.body) if found is not None and found.doc_class == derived.IDOU else None

    def household(self, setai_no: str) -> list[Current]:
        return [c for c in map(self.current, derived.residents_of(self._conn, setai_no)) if c is not None]

    def living_here(self, setai_no: str, today: dt.date) -> list[Person]:
        """The members a screen shows: the 住民, and those whose 転出予定日 has not come."""
        atenas = derived.living_here(self._conn, setai_no, today.isoformat())
        return [c.person for c in map(self.current, atenas) if c is not None]


class Numbers:
    """The numbers a plan draws, from this terminal's leases (in the planning transaction)."""

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._codes: set[str] = set()  # 住民票コード drawn while planning, not yet in the persons table

    def next_atena_no(self) -> str:
        return self._numbering.draw("atena")

    def next_setai_no(self) -> str:
        return self._numbering.draw("setai")

    def next_juminhyo_code(self) -> str:
        code = self._numbering.codes.draw(self._codes)
        if code:
            self._codes.add(code)
        return code


class IdouService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, protection: ProtectionService,
                 trusted: TrustedTime, staff: StaffService, disclosure: DisclosureCheck) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._protection = protection
        self._trusted = trusted
        self._staff = staff
        self._disclosure = disclosure

    def apply(self, actor: Staff, request: Mapping[str, Any], judgment: Judgment | None = None) -> Applied:
        """Validate and record one 異動; a broken rule raises ValidationError and nothing is written. A 異動 held
        for 支援措置 raises IdouHeld unless `judgment` (a 係長's) lets it through."""
        return self.apply_batch(actor, [request], judgment)[0]

    def apply_batch(self, actor: Staff, requests: Iterable[Mapping[str, Any]],
                    judgment: Judgment | None = None) -> list[Applied]:
        """Record several 異動 in one transaction: all of them, or (on the first error) none."""
        self.may_apply(actor)
        self._confirm(actor, judgment)
        try:
            with self._ctx.write() as conn:
                numbers = Numbers(self._numbering)
                return [self.record(conn, actor, request, numbers, judgment) for request in requests]
        except IdouHeld as exc:
            self._record_hold(actor, exc.hold)
            raise
        except ValidationError as exc:
            with self._ctx.lock:
                self._ctx.record(actor.user, "異動拒否", "", f"{exc.item}: {exc.message}")
            raise

    def check(self, actor: Staff, request: Mapping[str, Any], judgment: Judgment | None = None) -> Idou:
        """Plan one 異動 exactly as `apply` would and write nothing: the window's confirmation step. Returns it as
        the counter may see it; a 異動 held for 支援措置 raises IdouHeld (audited) unless `judgment` is given.

        The planning runs in a transaction that is rolled back, so numbers drawn for it are not used up; the ones
        shown may differ from those `apply` draws when another 異動 is recorded in between.
        """
        self.may_apply(actor)
        self._confirm(actor, judgment)
        try:
            with self._ctx.trial() as conn:
                idou, hold = self._plan(conn, actor, request, Numbers(self._numbering), judgment)
                shown = _shown(idou, hold)
        except IdouHeld as exc:
            self._record_hold(actor, exc.hold)
            raise
        with self._ctx.lock:
            return self._seen(self._ctx.conn, actor, shown)

    def may_apply(self, actor: Staff) -> None:
        """The actor may record 異動, and this terminal's clock is not behind the last trusted time."""
        require(actor, Permission.APPLY_IDOU)
        self._trusted.check_not_behind()

    def record(self, conn: Connection, actor: Staff, request: Mapping[str, Any], numbers: Numbers | None = None,
               judgment: Judgment | None = None) -> Applied:
        """Plan and store one 異動 inside the caller's transaction (checked for `actor`'s rights, and `judgment`
        confirmed, by the caller)."""
        idou, hold = self._plan(conn, actor, request, numbers or Numbers(self._numbering), judgment)
        warnings = self._warnings(conn, actor, idou)
        body = idou.to_json()
        doc = documents.put_new(conn, self._ctx.data_key, derived.IDOU, body)
        derived.index_idou(conn, doc.id, body)
        fuhyo.record_idou(conn, self._ctx, doc.id, idou, actor.user)
        self._ctx.record(actor.user, "異動", doc.id, idou.reason)
        for atena_no in inkan.abolish_removed(conn, self._ctx.data_key, idou, doc.id, actor.user, self._ctx.terminal,
                                              self._ctx.now()):
            self._ctx.record(actor.user, "印鑑登録廃止", atena_no, f"{idou.reason} 文書 {doc.id}")
        if hold is not None and judgment is not None:
            self._ctx.record(judgment.judge.user, "支援措置判断", ",".join(hold.moved),
                             f"{idou.reason} 文書 {doc.id} 支援措置 {','.join(hold.measures)} 窓口 {actor.user}: "
                             f"{judgment.reason.strip()}")
        return Applied(doc.id, self._seen(conn, actor, _shown(idou, hold)), judged=hold is not None, warnings=warnings)

    def _seen(self, conn: Connection, actor: Staff, shown: Idou) -> Idou:
        """The 異動 as the counter is shown it: the row of each person under a measure in it is a 照会 of her in the
        disclosure check (改製 and 再製 change nothing, so `check` alone would otherwise read her row unrecorded)."""
        protected = self._protection.protected_persons()
        for atena_no in sorted({c.row.atena_no for c in shown.rows} & protected):
            self._disclosure.inquiry(conn, actor, atena_no)
        return shown

    def warnings(self, actor: Staff, idou: Idou) -> tuple[str, ...]:
        """What the confirmation step warns of in a planned 異動 (`check`), as `apply` does; nothing is refused."""
        self.may_apply(actor)
        with self._ctx.lock:
            return self._warnings(self._ctx.conn, actor, idou)

    def _warnings(self, conn: Connection, actor: Staff, idou: Idou) -> tuple[str, ...]:
        """A 転入 whose 転出証明書 names another 転出先; a person newly recorded whose 氏名, 生年月日 and 性別 are a
        current resident's (同一人の疑い: perhaps one person recorded twice). A match under 支援措置 is not named, and
        the match is a look-up in the disclosure check (a protected one audited as a 照会 of her, as a search is)."""
        town = self._ctx.municipality
        found = [w for w in (certificate_warning(idou, (town.full_name, town.name)),) if w]
        protected = self._protection.protected_persons()
        for change in idou.rows:
            if change.parents or not change.row.is_resident:
                continue
            same = returning.same_residents(conn, change.row)
            if not same:
                continue
            self._disclosure.lookup(actor, "同一人の疑い（異動）", f"{len(same)}件", same)
            shown = [a for a in same if a not in protected]
            numbers = f"（宛名番号 {', '.join(shown)}）" if shown == same else "（係長に確認してください）"
            found.append(f"同一人の疑い: {change.row.name}さんと氏名・生年月日・性別が同じ住民がいます{numbers}。"
                         "同じ人を二度記載していないか確かめてください")
        return tuple(found)

    def code_notice(self, actor: Staff, atena_no: str, *, export: bool = False) -> code_notice.CodeNotice:
        """The 住民票コード通知 owed to a person for the 異動 that recorded their present 住民票コード (法30条の3第3項,
        30条の4第3項), by whoever records 異動; to a file (`export`) 係長 or above. A 照会 of the person, audited as
        one, and recorded (without the code) as 住民票コード通知."""
        require(actor, Permission.APPLY_IDOU)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        with self._ctx.lock:
            conn, today = self._ctx.conn, self._ctx.today()
            current = RegistryState(conn).current(atena_no)
            if current is None:
                raise ValidationError("宛名番号", f"宛名番号 {atena_no} の人は登録されていません")
            history = [code_notice.Recorded(doc_id, Idou.from_json(documents.body_of(conn, doc_id)))
                       for doc_id, _, _, _ in sorted(derived.history_rows(conn, atena_no), key=lambda r: (r[2], r[0]))]
            recorded = code_notice.owed(current.person, history)
            town = self._ctx.municipality
            signed_by = signatory(stored_settings.read(conn), town.prefecture, today)
            self._disclosure.inquiry(conn, actor, atena_no)
            self._ctx.record(actor.user, "住民票コード通知", atena_no, f"{recorded.idou.reason} 文書 {recorded.doc_id}")
            if export:
                self._ctx.record(actor.user, "住民票コード通知ファイル出力", atena_no, "")
            return code_notice.build(current.person, recorded, town.full_name, signed_by, today)

    def _plan(self, conn: Connection, actor: Staff, request: Mapping[str, Any], numbers: Numbers,
              judgment: Judgment | None) -> tuple[Idou, Hold | None]:
        now = self._ctx.now()
        context = Context(today=now.date(), processed_at=now.isoformat(timespec="milliseconds"),
                          terminal=self._ctx.terminal, staff=actor.user, town=self._ctx.municipality.full_name)
        idou = plan_idou(request, RegistryState(conn), numbers, context)
        check_document(idou)
        if any(len(c.parents) > 1 for c in idou.rows):
            require(actor, Permission.RESOLVE_FORK)
        hold = self._protection.check_idou(conn, idou)
        if hold is not None and judgment is None:  # before the numbers: what is wrong is for the 係長 to hear
            raise IdouHeld(hold)
        juminhyo_pool.check_new_codes(conn, idou)
        mynumbers.check_new_numbers(conn, idou)
        return idou, hold

    def _confirm(self, actor: Staff, judgment: Judgment | None) -> None:
        """A judgment is accepted from a supervisor in use here, other than the one recording, with a reason."""
        if judgment is None:
            return
        if not judgment.reason.strip():
            raise ValidationError("判断の理由", "判断の理由を入力してください")
        if judgment.judge.user == actor.user:
            raise ValidationError("判断者", "判断は、異動を登録する職員とは別の係長が行ってください")
        self._staff.confirm(judgment.judge, Permission.JUDGE_PROTECTED, refused="支援措置判断拒否", verb="判断",
                            message="支援措置の対象者に関わる異動を判断できません（係長以上）",
                            detail="the judge may not judge a 異動 held for a protected person")

    def _record_hold(self, actor: Staff, hold: Hold) -> None:
        """A held 異動, in the audit: who brought whom, for which measures (nothing is written else)."""
        with self._ctx.lock:
            self._ctx.record(actor.user, "異動保留", ",".join(hold.moved), f"支援措置 {','.join(hold.measures)}")


def _shown(idou: Idou, hold: Hold | None) -> Idou:
    """The 異動 as the counter may see it: a held one without the rows of the protected household."""
    if hold is None:
        return idou
    return replace(idou, rows=tuple(c for c in idou.rows if c.row.atena_no not in hold.withheld),
                   code_notices=tuple(a for a in idou.code_notices if a not in hold.withheld))
