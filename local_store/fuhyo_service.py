"""The 戸籍の附票: found by 本籍, 筆頭者 or any person's name, shown, kept up to date, and its 写し issued.

- **Kept up to date** (法18条, 19条): a resident whose 本籍 is this town updates it from her own 異動, in the 異動's
  transaction (`from_idou`: no notice to itself); a person living elsewhere from the 附票記載事項通知 her town sends
  (法19条1項) and the 戸籍 side from its notices (入籍, 除籍, 転籍, 分籍, 死亡, 氏名の変更), both taken into the inbox
  and confirmed by staff (`record_notice`); a town starting with Madoguchi brings its 附票 from a file (`import_file`:
  all or nothing).
- **附票の写し** (法20条, 除附票 21条の3): the requester checked by the rules (`domain.fuhyo`), the persons printed
  through the disclosure check of every certificate (a 支援措置 covers her 附票: a 加害者 is refused), numbered,
  signed, and recorded in the 交付履歴 with the 手数料 of the town's table, so the 日計 counts it.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from domain import fuhyo as rules
from domain.certificate_items import Certificate, certificate_message, issue_number, signatory
from domain.errors import ValidationError
from domain.fuhyo import Change, Fuhyo, FuhyoItem, FuhyoRequest, Member, Relation
from domain.kofu_rules import Disposal, KofuIncomplete, KofuOnHold, KofuRefused, RequesterKind, fee_category
from domain.names import canonical
from domain.notices import in_town
from domain.records import Person, Status
from domain.roles import Permission
from domain.wareki import RegDate
from local_store import derived, documents, fuhyo, kofu, notices
from local_store import settings as stored_settings
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import CertificateCheck, DisclosureCheck
from local_store.kofu_service import KofuService
from local_store.notices import Received
from local_store.numbering import Numbering
from local_store.protection import Judgment
from local_store.staff import Staff


class RenderedFuhyo(Protocol):
    pdf: bytes
    digest: bytes


FuhyoRenderer = Callable[[Certificate, Callable[[bytes], bytes]], RenderedFuhyo]


@dataclass(frozen=True, slots=True)
class FuhyoIssued:
    pdfs: list[bytes]
    issue_numbers: list[str]
    fee: int
    items: frozenset[FuhyoItem]
    request: FuhyoRequest


@dataclass(frozen=True, slots=True)
class Shown:
    """A 附票 as the window and the command line show it, with the members under 支援措置 marked."""

    fuhyo: Fuhyo
    protected: frozenset[str]  # member keys


class FuhyoService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 kofu_service: KofuService) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._disclosure = disclosure
        self._kofu = kofu_service

    def _fresh(self) -> Connection:
        """The connection, with the derived tables brought up to date (in the caller's lock)."""
        conn = self._ctx.conn
        if fuhyo.stale(conn):
            with self._ctx.write() as conn:
                fuhyo.refresh(conn)
        return conn

    # --- finding and showing ---------------------------------------------------------------------------------------

    def search(self, actor: Staff, query: str) -> list[fuhyo.Found]:
        """The 附票 whose 本籍, 筆頭者 or any person's name holds `query` (residents or not): a search, every hit
        shown and audited, the protected persons among them named in the audit."""
        require(actor, Permission.SEARCH)
        with self._ctx.lock:
            found = fuhyo.find(self._fresh(), query)
            self._disclosure.lookup(actor, "附票検索", f"{len(found)}件",
                                    {a for f in found for a in (*f.atena_nos, *f.others)}, target=query.strip())
        return found

    def show(self, actor: Staff, fuhyo_id: str) -> Shown:
        """照会 of one 附票: each person in it who is (or was) a resident is a 照会 of that person; a person living
        elsewhere under a 支援措置 (forwarded by her 住所地, or kept since she moved out) is shown without her addresses
        to staff below 係長, and with them to 係長 and above, named in the audit as a 照会 of her
        (`DisclosureCheck.elsewhere`)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn = self._fresh()
            found = self._load(conn, fuhyo_id)
            protected = {m.key for m in found.members if m.atena_no and self._disclosure.inquiry(conn, actor, m.atena_no)}
            others = {m.atena_no or rules.member_target(found.id, m.key): m.key for m in found.members
                      if not _lives_here(conn, m)}
            under, details = self._disclosure.elsewhere(actor, "附票照会", others)
            masked = set() if details else {others[t] for t in under}
            protected |= {others[t] for t in under}
            self._ctx.record(actor.user, "附票照会", found.id, found.kind.value)
        members = tuple(replace(m, addresses=()) if m.key in masked else m for m in found.members)
        return Shown(replace(found, members=members), frozenset(protected))

    def of_person(self, actor: Staff, atena_no: str) -> list[tuple[Fuhyo, Member]]:
        """The 附票 of this town a resident is recorded in, with her entry: shown in her 照会 pane, part of the 照会
        that `ResidentsService.person` audits (the pane shows her own entry only)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn = self._fresh()
            return [(f, m) for f in fuhyo.load_many(conn, fuhyo.of_resident(conn, atena_no))
                    if (m := f.member(atena_no)) is not None]

    def _load(self, conn: Connection, fuhyo_id: str) -> Fuhyo:
        wanted = fuhyo_id.strip()
        found = fuhyo.load(conn, wanted)
        if found is None and len(wanted) >= 6:
            ids = [r[0] for r in conn.execute("SELECT fuhyo_id FROM fuhyo_index WHERE fuhyo_id LIKE ? || '%'",
                                              (wanted,))]
            found = fuhyo.load(conn, ids[0]) if len(ids) == 1 else None
        if found is None:
            raise ValidationError("附票", f"附票 {wanted} はありません")
        return found

    # --- the 附票の写し --------------------------------------------------------------------------------------------

    def issue(self, actor: Staff, request: FuhyoRequest, render: FuhyoRenderer, *, export: bool = False,
              judgment: Judgment | None = None) -> FuhyoIssued:
        """Answer a request for the 附票の写し or 除附票の写し (法20条, 21条の3): the rules decide who may ask and which
        items are printed, the disclosure check of every certificate decides for the persons printed (a named
        加害者 is refused whatever `judgment` says; the protected person needs a photo ID; anyone else a 係長's
        `judgment`), each copy is numbered, rendered and signed, and the 交付 recorded in the 交付履歴 with its 手数料.
        A refusal raises and is recorded in the 交付履歴 and the audit; a request only incomplete or waiting raises
        and is recorded in neither (a wait is audited as 交付保留). `export` (a file) needs 係長 or above."""
        require(actor, Permission.ISSUE_CERTIFICATE)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        at = self._kofu.counter(actor)
        age = self._kofu.data_age()
        refused: ValidationError
        check: CertificateCheck | None = None
        with self._ctx.write() as conn:
            fuhyo.refresh(conn)
            found = self._load(conn, request.fuhyo_id)
            request = replace(request, fuhyo_id=found.id)
            printed = rules.printed_members(request, found)
            persons = _residents(conn, printed)
            try:
                request = _vouched(conn, request, found)
                rules.check_requester(request, found)
                rules.check_issuable(request, found, at.now.date())
                items = rules.check_items(request)
                check = self._disclosure.certificate(actor, request, judgment, age)  # type: ignore[arg-type]
                checked = check(persons, rules.protection_targets(found.id, printed))
            except (KofuIncomplete, KofuOnHold) as exc:
                if isinstance(exc, KofuOnHold):
                    self._ctx.record(actor.user, "交付保留", _target(found, persons),
                                     f"{request.kind.value} {exc.item}: {exc.message}")
                refused = exc
            except KofuRefused as exc:
                reason = f"{exc.item}: {exc.message}"
                measures = check.refusal_record() if check is not None else {}
                documents.put_new(conn, self._ctx.data_key, kofu.KOFU, _history(
                    at, request, persons, Disposal.REFUSED, fee=0, numbers=[], digests=[], items=[], reason=reason,
                    extra=measures))
                self._ctx.record(actor.user, "交付拒否", _target(found, persons), f"{request.kind.value} {reason}")
                refused = exc
            else:
                return self._issue(conn, actor, at, request, found, persons, items, checked, render, export)
        raise refused

    def _issue(self, conn: Connection, actor: Staff, at: kofu.Counter, request: FuhyoRequest, found: Fuhyo,
               persons: list[Person], items: frozenset[FuhyoItem], checked: Mapping[str, Any],
               render: FuhyoRenderer, export: bool) -> FuhyoIssued:
        today = at.now.date()
        chosen = stored_settings.read(conn)
        category = fee_category(request.fee_category, request.requester.kind)
        fee = stored_settings.fee_table(chosen).per_copy(request.kind.value, category) * request.copies
        signed_by = signatory(chosen, self._ctx.municipality.prefecture, today)
        seal = base64.b64decode(chosen["seal_png"]) if chosen.get("seal_png") else None
        sign = kofu.certificate_signer(conn)
        pdfs, numbers, digests = [], [], []
        for _ in range(request.copies):
            number = issue_number(today, at.municipality, at.terminal, at.printer, self._numbering.draw_serial("hakko"))
            cert = rules.build_certificate(request, found, items, signed_by=signed_by, issued_on=today,
                                           issue_no=number, seal_png=seal)
            rendered = render(cert, lambda d, n=number: sign(certificate_message(n, d)))
            pdfs.append(rendered.pdf)
            numbers.append(number)
            digests.append(rendered.digest.hex())
        documents.put_new(conn, self._ctx.data_key, kofu.KOFU, _history(
            at, request, persons, Disposal.HANDED, fee=fee, numbers=numbers, digests=digests,
            items=sorted(i.value for i in items), reason="", extra={"fee_category": category, **checked}))
        target = _target(found, persons)
        self._ctx.record(actor.user, "交付", target, f"{request.kind.value} 附票 {found.id} 請求者 "
                                                     f"{request.requester.kind.value} {' / '.join(numbers)}")
        if export:
            self._ctx.record(actor.user, "証明書ファイル出力", target, " / ".join(numbers))
        return FuhyoIssued(pdfs, numbers, fee, items, request)

    # --- kept up to date ------------------------------------------------------------------------------------------

    def record(self, actor: Staff, changes: Sequence[Mapping[str, Any]], source: str) -> str:
        """A 処理 on the 附票 (法18条: 職権), its changes checked; returns its document id."""
        require(actor, Permission.APPLY_IDOU)
        for change in changes:
            if (problem := rules.change_problem(change)) is not None:
                raise ValidationError("附票の記載", problem)
        with self._ctx.write() as conn:
            fuhyo.refresh(conn)
            doc_id = fuhyo.put(conn, self._ctx.data_key, fuhyo.body(self._ctx, actor.user, source, list(changes)))
            ids = sorted({c["fuhyo"] for c in changes})
            self._ctx.record(actor.user, "附票の記載", ",".join(ids), f"{source} {len(changes)}件")
        return doc_id

    # --- incoming notices (法19条 and the 戸籍 side) ---------------------------------------------------------------

    def notice_plan(self, actor: Staff, notice_id: str) -> tuple[Received, list[dict[str, Any]], str]:
        """What a received 附票 notice would record, planned now: (the notice, its changes, the problem that stops
        it: "" when none)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn = self._fresh()
            received = _received(conn, notice_id)
            # A notice about a person of a 附票 under a 支援措置 (her 住所地 forwarded it) carries her new address:
            # shown to 係長 and above only, as if there were none.
            if not self._disclosure.listing(actor, "受付通知の確認", [received], lambda r: notices.about(conn, r),
                                            target=received.id):
                raise ValidationError("通知", f"受付した通知 {notice_id.strip()} が見つかりません")
            if received.state != notices.WAITING:
                return received, [], f"この通知はすでに{received.state}です"
            try:
                return received, self._changes(conn, received), ""
            except ValidationError as exc:
                return received, [], exc.message

    def apply_notice(self, actor: Staff, notice_id: str) -> str:
        """Record a received 附票 notice in the 附票 (confirmed by `actor`) and mark it 処理済, in one transaction;
        one whose 附票 or person is not here can only be rejected (`notices reject`). Returns the document id."""
        require(actor, Permission.APPLY_IDOU)
        try:
            with self._ctx.write() as conn:
                fuhyo.refresh(conn)
                received = _received(conn, notice_id)
                if received.state != notices.WAITING:
                    raise ValidationError("通知", f"この通知はすでに{received.state}です（{received.decided_by}）")
                changes = self._changes(conn, received)
                source = f"通知 {received.notice['kind']} {received.notice['sender']}"
                doc_id = fuhyo.put(conn, self._ctx.data_key, fuhyo.body(self._ctx, actor.user, source, changes))
                notices.put_decision(conn, self._ctx.data_key, {
                    "notice": received.id, "state": notices.DONE, "idou_doc": doc_id, "by": actor.user,
                    "at": self._ctx.now().isoformat(timespec="milliseconds"), "terminal": self._ctx.terminal})
                self._ctx.record(actor.user, "通知の処理", received.id, f"{received.notice['kind']} → 附票 {doc_id}")
                return doc_id
        except ValidationError as exc:
            with self._ctx.lock:
                self._ctx.record(actor.user, "通知の処理拒否", notice_id, f"{exc.item}: {exc.message}")
            raise

    def _changes(self, conn: Connection, received: Received) -> list[dict[str, Any]]:
        if received.notice["kind"] not in (rules.NOTICE_KIND, rules.KOSEKI_NOTICE_KIND):
            raise ValidationError("通知", "戸籍の附票の通知ではありません（notices apply で処理します）")
        town = self._ctx.municipality

        def find(place: str, head: str) -> Fuhyo | None:
            return next((f for f in fuhyo.load_many(conn, fuhyo.by_place(conn, place))
                         if f.closed_on is None and canonical(f.head) == canonical(head)), None)

        return rules.notice_changes(received.notice, find, lambda place: in_town(place, town.full_name, town.prefecture),
                                    lambda: secrets.token_hex(8))

    # --- the file of existing 附票 --------------------------------------------------------------------------------

    def import_file(self, actor: Staff, path: Path) -> int:
        """Take a town's existing 附票 from a CSV file (docs/fuhyo.md), all or nothing: every line is checked first,
        and a bad one named by its line number; a 附票 of a 本籍 and 筆頭者 already here is refused. A person who is
        a resident here (same 本籍, 氏名 and 生年月日) is linked to her record. Returns how many 附票 were made."""
        require(actor, Permission.IMPORT_FUHYO)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError("附票ファイル", f"UTF-8 のCSVとして読めません（{type(exc).__name__}）") from None
        return self.import_text(actor, text, path.name)

    def import_text(self, actor: Staff, text: str, name: str) -> int:
        """`import_file` of the file's text (`name`: the file's, for the record)."""
        require(actor, Permission.IMPORT_FUHYO)
        lines = rules.parse_import(text)
        today = RegDate.of(self._ctx.today())
        with self._ctx.write() as conn:
            fuhyo.refresh(conn)
            changes, made = _imported(conn, lines, today)
            fuhyo.put(conn, self._ctx.data_key, fuhyo.body(self._ctx, actor.user, f"{rules.IMPORT_SOURCE} {name}", changes))
            self._ctx.record(actor.user, "附票の移行", name, f"附票 {made}件 {len(lines)}行")
        return made


def _received(conn: Connection, notice_id: str) -> Received:
    """A received notice by its id, or by its first characters (at least six) when they name only one."""
    wanted = notice_id.strip()
    found = [r for r in notices.inbox(conn) if r.id == wanted or (len(wanted) >= 6 and r.id.startswith(wanted))]
    if len(found) != 1:
        raise ValidationError("通知", f"受付した通知 {wanted} が見つかりません" if not found
                              else f"受付した通知 {wanted} に当てはまるものが複数あります。IDをもっと長く指定してください")
    return found[0]


def _lives_here(conn: Connection, member: Member) -> bool:
    """Whether a person of a 附票 is a resident of this town now (her address is her 住民票's, shown by its rules)."""
    current = derived.current_row(conn, member.atena_no) if member.atena_no else None
    return current is not None and Person.from_json(current[0]).status is Status.RESIDENT


def _vouched(conn: Connection, request: FuhyoRequest, found: Fuhyo) -> FuhyoRequest:
    """The request with a resident 本人等 named by the registry (her name as it holds it, never as typed); 本人 is
    the person of the 附票 she is."""
    requester = request.requester
    if requester.kind is not RequesterKind.HONNIN or not requester.atena_no:
        return request
    current = derived.current_row(conn, requester.atena_no)
    if current is None:
        raise KofuIncomplete(f"請求者の宛名番号 {requester.atena_no} の人は登録されていません")
    requester = replace(requester, name=Person.from_json(current[0]).name)
    of = request.of
    if request.relation is Relation.SELF:
        member = found.member(requester.atena_no)
        if member is None:
            raise KofuRefused("請求者（本人）はこの附票に記録されていません（法20条1項）")
        of = member.key
    return replace(request, requester=requester, of=of)


def _residents(conn: Connection, members: Iterable[Member]) -> list[Person]:
    """The persons printed who are (or were) residents here, as the registry holds them: the disclosure check
    decides for them."""
    found = []
    for m in members:
        current = derived.current_row(conn, m.atena_no) if m.atena_no else None
        if current is not None:
            found.append(Person.from_json(current[0]))
    return found


def _target(found: Fuhyo, persons: list[Person]) -> str:
    return ",".join(p.atena_no for p in persons) or f"附票 {found.id}"


def _history(at: kofu.Counter, request: FuhyoRequest, persons: list[Person], disposal: Disposal, *, fee: int,
             numbers: list[str], digests: list[str], items: list[str], reason: str,
             extra: Mapping[str, Any]) -> dict[str, Any]:
    """The 交付履歴 entry of a 附票の写し, in the shape of every 交付's (the 日計 counts it by its kind)."""
    return {"at": at.now.isoformat(timespec="milliseconds"), "terminal": at.terminal, "staff": at.staff,
            "request": request.to_json(), "persons": [p.atena_no for p in persons], "items": items, "fee": fee,
            "issue_numbers": numbers, "digests": digests, "disposal": disposal.value, "refusal": reason, **extra}


def _imported(conn: Connection, lines: list[rules.ImportedLine], today: RegDate) -> tuple[list[dict[str, Any]], int]:
    """The changes that make the 附票 of a file; ValidationError naming each line of a 附票 already here."""
    changes: list[dict[str, Any]] = []
    fuhyo_ids: dict[tuple[str, str], str] = {}
    members: dict[tuple[str, str, str], str] = {}
    removed: dict[str, rules.Removal] = {}
    bad = []
    for line in lines:
        book = (rules.place_key(line.honseki), canonical(line.head))
        if book not in fuhyo_ids:
            here = [f for f in fuhyo.load_many(conn, fuhyo.by_place(conn, line.honseki))
                    if canonical(f.head) == book[1]]
            if here:
                bad.append(f"{line.number}行目: 本籍 {line.honseki}・筆頭者 {line.head} の附票はすでにあります")
                continue
            fuhyo_ids[book] = secrets.token_hex(16)
            changes.append({"change": Change.OPEN.value, "fuhyo": fuhyo_ids[book], "honseki": line.honseki,
                            "head": line.head, "date": today.to_json()})
        fuhyo_id = fuhyo_ids[book]
        person = rules.person_of(line)
        if person not in members:
            members[person] = key = secrets.token_hex(6)
            atena = _resident_here(conn, line)
            changes.append(fuhyo.enter(fuhyo_id, Member(key, line.name, line.birth, line.sex, atena_no=atena,
                                                   juminhyo_code=line.juminhyo_code), rules.IMPORT_SOURCE, today))
        key = members[person]
        if line.abroad:
            changes.append({"change": Change.ABROAD.value, "fuhyo": fuhyo_id, "member": key,
                            "since": line.since.to_json(), "date": today.to_json()})
        else:
            changes.append({"change": Change.ADDRESS.value, "fuhyo": fuhyo_id, "member": key, "address": line.address,
                            "since": line.since.to_json(), "date": today.to_json()})
        if line.removal is not None:
            removed[f"{fuhyo_id} {key}"] = line.removal
    if bad:
        raise ValidationError("附票ファイル", "\n".join(bad))
    for both, removal in removed.items():
        fuhyo_id, key = both.split(" ")
        changes.append({"change": Change.REMOVE.value, "fuhyo": fuhyo_id, "member": key, "reason": removal.reason,
                        "date": removal.date.to_json()})
    return changes, len(fuhyo_ids)


def _resident_here(conn: Connection, line: rules.ImportedLine) -> str:
    """The 宛名番号 of the one person of the registry with this 本籍, 氏名 and 生年月日; "" when none (or several)."""
    found = []
    for (atena_no,) in conn.execute("SELECT atena_no FROM persons WHERE birth = ?", (line.birth.iso,)):
        current = derived.current_row(conn, atena_no)
        if current is None:
            continue
        p = Person.from_json(current[0])
        if canonical(p.name) == canonical(line.name) and p.honseki is not None \
                and rules.place_key(p.honseki.place) == rules.place_key(line.honseki):
            found.append(atena_no)
    return found[0] if len(found) == 1 else ""
