"""交付 inside the replica: the persons of a request, the rules, 発行番号, the signature, and the 交付履歴.

Every 交付, every refusal and every 交付の取消し is a document of class `kofu` (replicated like every document): time,
terminal, staff, the request, the persons, the items printed, 手数料, 発行番号, digest and 処分, and the rows printed
(each by the 異動 document that holds it, and a 除票 by the 異動 that began its stay); a cancellation names the 交付
it cancels, a 再交付 the 交付 it repeats and prints its rows again (`domain.kofu_history`). The municipality's
signing key stays here: the form gets a callable that signs one copy's digest under its own 発行番号, and nothing
else.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from domain.certificate_items import (
    Certificate,
    build_certificate,
    certificate_message,
    issue_number,
    signatory,
)
from domain.errors import ValidationError
from domain.history import HistoryStep, Residence, RowRef, Step, numbered, residences
from domain.household import household_order
from domain.kofu_history import ISSUED, Entry, cancellation, cancellations, find
from domain.kofu_rules import (
    JOHYO_KINDS,
    MOVE_OUT_KINDS,
    CertificateKind,
    Decision,
    Disposal,
    Item,
    KofuIncomplete,
    KofuOnHold,
    KofuRequest,
    check_entitled,
    check_kind,
    decide,
    johyo_stay,
    lives_here,
    request_from,
)
from domain.records import Person
from domain.wareki import RegDate
from local_store import derived, documents
from local_store import settings as stored_settings
from local_store.database import Connection
from local_store.errors import StoreError
from local_store.numbering import Numbering

KOFU = "kofu"
DEFAULT_PRINTER = "プリンタ001"


class RenderedCertificate(Protocol):
    pdf: bytes
    digest: bytes


Renderer = Callable[[Certificate, Callable[[bytes], bytes]], RenderedCertificate]
# A check of the persons to be printed before the rules decide (支援措置): raises to refuse, or returns what the
# 交付履歴 keeps of it.
Guard = Callable[[list[Person]], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Issued:
    pdfs: list[bytes]  # one PDF per copy, each with its own 発行番号
    issue_numbers: list[str]
    decision: Decision
    persons: list[Person]
    request: KofuRequest  # as answered (its 本人等 named from the registry)
    reissue_of: str = ""  # a 再交付: the 発行番号 of the 交付 it repeats


@dataclass(frozen=True, slots=True)
class Counter:
    """Where and by whom: the 交付場所 and the staff of the 交付履歴."""

    now: dt.datetime
    terminal: str
    staff: str
    municipality: str
    prefecture: str
    printer: str


def certificate_signer(conn: Connection) -> Callable[[bytes], bytes]:
    """What signs a copy's message on this terminal.

    The terminal that holds the municipality's key signs with it (a 64-byte signature). A terminal that joined signs
    with its own key, which the municipality certified at enrollment: the signature is followed by that key and its
    certificate (64 + 32 + 64 bytes), so anyone with the municipality's public key can check the chain.
    """
    secrets_here = dict(conn.execute("SELECT name, value FROM secrets WHERE name IN "
                                     "('signing_key', 'terminal_signing_key')").fetchall())
    if "signing_key" in secrets_here:
        return Ed25519PrivateKey.from_private_bytes(secrets_here["signing_key"]).sign
    cert = conn.execute("SELECT value FROM meta WHERE key = 'terminal_key_cert'").fetchone()
    if "terminal_signing_key" not in secrets_here or cert is None:
        raise StoreError("この端末には証明書の署名鍵がないため証明書を交付できません（管理者に連絡してください）",
                         "no signing key on this terminal")
    key = Ed25519PrivateKey.from_private_bytes(secrets_here["terminal_signing_key"])
    chain = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) + bytes.fromhex(cert[0])
    return lambda message: key.sign(message) + chain


def public_key(conn: Connection) -> Ed25519PublicKey:
    row = conn.execute("SELECT value FROM meta WHERE key = 'signing_public_key'").fetchone()
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(row[0]))


class _Row(NamedTuple):
    """A person's row as a certificate prints it, with the 異動 document that holds it (an immutable document: a
    再交付 reads the same row again) and whether the person has concurrent 異動 not resolved yet."""

    person: Person
    doc_id: str
    forked: bool

    def to_json(self) -> dict[str, str]:
        return {"atena_no": self.person.atena_no, "doc_id": self.doc_id}


@dataclass(frozen=True, slots=True)
class _Selection:
    """What a certificate prints: the persons' rows in the household's order, the 世帯主's, the 異動 of each person's
    stay where its 異動の履歴 is printed, and for a 除票 the stay of each (its `Residence.key`), by 宛名番号."""

    rows: list[_Row]
    head: _Row | None
    steps: dict[str, tuple[Step, ...]]
    stays: dict[str, str]

    @property
    def persons(self) -> list[Person]:
        return [r.person for r in self.rows]

    @property
    def forked(self) -> list[str]:
        return [r.person.atena_no for r in self.rows if r.forked]

    def record(self, history: bool) -> dict[str, Any]:
        """What the 交付履歴 keeps of it: every row printed by its 異動 document, so that a 再交付 prints them again."""
        return {"rows": [r.to_json() for r in self.rows], "head": self.head.to_json() if self.head else None,
                **({"stays": self.stays} if self.stays else {}),
                **({"steps": {a: [s.doc_id for s in steps] for a, steps in self.steps.items()}} if history else {})}


def _current(conn: Connection, atena_no: str, role: str = "") -> _Row:
    found = derived.current_row(conn, atena_no)
    if found is None:
        raise KofuIncomplete(f"{role}宛名番号 {atena_no} の人は登録されていません")
    return _Row(Person.from_json(found[0]), found[1][0], len(found[1]) > 1)


def named(conn: Connection, request: KofuRequest) -> KofuRequest:
    """The request with the names of the 本人等 it names by 宛名番号 (the 請求者, a 代理人's 委任者) as the registry
    holds them: never as typed. A 宛名番号 the registry does not hold leaves the name empty (`issue` refuses it)."""
    requester = request.requester

    def name(atena_no: str) -> str:
        found = derived.current_row(conn, atena_no) if atena_no else None
        return Person.from_json(found[0]).name if found is not None else ""

    if requester.atena_no:
        requester = replace(requester, name=name(requester.atena_no))
    if requester.principal_atena:
        requester = replace(requester, principal_name=name(requester.principal_atena))
    return replace(request, requester=requester)


def _step(conn: Connection, number: int, doc_id: str, atena_no: str) -> HistoryStep:
    """One row of a person's history, read from the 異動 document that wrote it."""
    body = documents.body_of(conn, doc_id)
    notified = body.get("notified_on")
    return HistoryStep(number, doc_id, body["reason"], RegDate.from_json(body["idou_date"]),
                       RegDate.from_json(notified) if notified else None,
                       Person.from_json(derived.row_in(body, atena_no)))


def stays(conn: Connection, atena_no: str) -> list[Residence]:
    """A person's stays in the town (`domain.history.residences`), read from their 異動 documents."""
    rows = derived.history_rows(conn, atena_no)
    return residences(_step(conn, number, ref.doc_id, atena_no)
                      for number, ref in numbered(RowRef(doc_id, tuple(parents), at) for doc_id, parents, at, _ in rows))


def _persons(conn: Connection, request: KofuRequest, today: dt.date) -> _Selection:
    """The persons in the household's order, the 世帯主, and the 異動 of their stays when the history is asked for.
    A 世帯連記式 holds one household. A 除票 is the row that ended the stay the request names."""
    chosen = [_current(conn, a) for a in dict.fromkeys(request.atena_nos)]
    johyo: dict[str, Residence] = {}
    if request.kind in JOHYO_KINDS:
        johyo = {r.person.atena_no: johyo_stay(stays(conn, r.person.atena_no), request.residence, today)
                 for r in chosen}
        chosen = [r._replace(person=johyo[r.person.atena_no].row, doc_id=johyo[r.person.atena_no].steps[-1].doc_id)
                  for r in chosen]
    if request.one_household and len({r.person.setai_no for r in chosen}) > 1:
        raise KofuIncomplete("世帯連記式の証明書には一つの世帯の人だけを記載できます（別の世帯の人は個人票で請求してください）")
    setai_no = chosen[0].person.setai_no
    members = [_current(conn, r[0]) for r in conn.execute(
        "SELECT atena_no FROM persons WHERE setai_no = ? ORDER BY atena_no", (setai_no,))]
    if request.kind in MOVE_OUT_KINDS:  # those who left together
        first = chosen[0].person
        household = [m for m in members if m.person.status is first.status and m.person.removal == first.removal]
    else:
        household = [m for m in members if lives_here(m.person, today)]
    picked = household if request.household and request.kind not in JOHYO_KINDS else chosen
    by_person = {id(r.person): r for r in picked}
    rows = [by_person[id(p)] for p in household_order(r.person for r in picked)]
    head = next((m for m in household if m.person.is_head), None)
    if head is None and request.kind in MOVE_OUT_KINDS:  # one who leaves alone: the 世帯主 of the 住民票 left
        head = next((m for m in members if m.person.is_head and lives_here(m.person, today)), None)
    if request.kind in JOHYO_KINDS:  # the 除票's own 世帯主: the person, one still in that 世帯, or one who left with them
        first = chosen[0]
        left_with = next((m for m in members if m.person.is_head and m.person.removal == first.person.removal), None)
        head = first if first.person.is_head else head or left_with
    steps = {a: stay.steps for a, stay in johyo.items()}
    if Item.HISTORY in request.include and not johyo:  # the 住民票 one lives under
        steps = {r.person.atena_no: stays(conn, r.person.atena_no)[-1].steps for r in rows}
    return _Selection(rows, head, steps, {a: stay.key for a, stay in johyo.items()})


def _printed(conn: Connection, original: Mapping[str, str]) -> _Selection:
    """What the 交付 `original` (its doc_id and 発行番号) printed, read again from the 異動 documents it names: a 再交付
    prints the same rows as the 交付 it repeats, whatever was recorded since (§4.1.3.0.3), and the same 除票 whatever
    its number is now."""
    record = documents.body_of(conn, original["doc_id"]).get("printed")
    if record is None:
        raise KofuIncomplete(f"発行番号 {original['issue_number']} の交付は印字した住民票の行を記録していないため、同じ内容では"
                             "再交付できません。今日の記録で新たに交付してください（転出証明書は元の交付を取り消してから）")

    named = [r["doc_id"] for r in record["rows"]] + ([record["head"]["doc_id"]] if record["head"] else [])
    named += [d for ids in record.get("steps", {}).values() for d in ids]
    if missing := [d for d in named if (found := documents.get(conn, d)) is None or found.doc_class != derived.IDOU]:
        raise KofuOnHold("再交付", f"発行番号 {original['issue_number']} の交付で印字した住民票の行（異動 {missing[0]}）がこの"
                                "端末にまだ届いていません。同期してから再交付してください")

    def row(kept: Mapping[str, str]) -> _Row:
        found = derived.current_row(conn, kept["atena_no"])
        person = Person.from_json(derived.row_in(documents.body_of(conn, kept["doc_id"]), kept["atena_no"]))
        return _Row(person, kept["doc_id"], found is not None and len(found[1]) > 1)

    steps = {a: tuple(_step(conn, n, d, a) for n, d in enumerate(ids, start=1))
             for a, ids in record.get("steps", {}).items()}
    return _Selection([row(r) for r in record["rows"]], row(record["head"]) if record["head"] else None, steps,
                      dict(record.get("stays", {})))


def issue(conn: Connection, data_key: bytes, numbering: Numbering, request: KofuRequest, render: Renderer,
          at: Counter, guard: Guard | None = None, extra: Mapping[str, Any] | None = None) -> Issued:
    """Decide, number, render and sign every copy, and record the 交付 (in the caller's transaction).

    `request` as `named` gives it. Its 本人等 (the 請求者, a 代理人's 委任者) must be 本人等 of every person printed, as
    the registry holds them (法12条1項); the rules then decide, and `guard` checks the persons printed (支援措置).
    `extra`: what else the 交付履歴 keeps of it (the 交付 a 再交付 repeats). A 再交付 prints the rows the 交付 it
    repeats printed (`_printed`), marked 「再交付」; any other 交付 prints the record as it stands today, and the
    交付履歴 keeps which rows it printed."""
    today = at.now.date()
    kept = dict(extra or {})
    if "reissue_of" not in kept:
        chosen = _persons(conn, request, today)
        if request.kind is CertificateKind.TENSHUTSU:
            check_kind(request, chosen.persons, today)
            kept |= _earlier_tenshutsu(conn, chosen.persons)
    if "reissue_of" in kept:
        chosen = _printed(conn, kept["reissue_of"])
    persons = chosen.persons
    for role, atena_no in request.requester.vouched():
        check_entitled(request, role, _current(conn, atena_no, f"{role}の").person, persons, today)
    settings = stored_settings.read(conn)
    decision = decide(request, persons, chosen.forked, today, stored_settings.fee_table(settings))
    checked = guard(persons) if guard is not None else {}
    signed_by = signatory(settings, at.prefecture, today)
    seal = base64.b64decode(settings["seal_png"]) if settings.get("seal_png") else None
    sign = certificate_signer(conn)
    history = Item.HISTORY in decision.items
    if request.kind is CertificateKind.TENSHUTSU:
        kept["move_out"] = _moves(persons)
    head = chosen.head.person if chosen.head else None
    pdfs, numbers, digests = [], [], []
    for _ in range(request.copies):
        number = issue_number(today, at.municipality, at.terminal, at.printer, numbering.draw_serial("hakko"))
        cert = build_certificate(request, decision, persons, head, signed_by=signed_by, issued_on=today,
                                 issue_no=number, seal_png=seal, steps=chosen.steps if history else None,
                                 reissue="reissue_of" in kept)
        rendered = render(cert, lambda d, n=number: sign(certificate_message(n, d)))
        pdfs.append(rendered.pdf)
        numbers.append(number)
        digests.append(rendered.digest.hex())
    items = sorted(i.value for i in decision.items)
    documents.put_new(conn, data_key, KOFU, _history(at, request, [p.atena_no for p in persons], decision.disposal,
                                                     reason="", items=items, fee=decision.fee, numbers=numbers,
                                                     digests=digests, extra={"fee_category": decision.fee_category,
                                                                             **checked, **kept,
                                                                             "printed": chosen.record(history)}))
    return Issued(pdfs, numbers, decision, persons, request, kept.get("reissue_of", {}).get("issue_number", ""))


def _moves(persons: list[Person]) -> dict[str, Any]:
    """The 転出 a 転出証明書 certifies, by 宛名番号 (what the 交付履歴 keeps of it)."""
    return {p.atena_no: p.removal.to_json() for p in persons if p.removal is not None}


def _earlier_tenshutsu(conn: Connection, persons: list[Person]) -> dict[str, Any]:
    """When a 転出証明書 of the same 転出 of the same persons was issued before (and not cancelled), that this one is
    its 再交付 (a lost one, §4.1.3.0.3); nothing when none was. One that printed only some of them (or others too)
    cannot be issued again as this request: KofuIncomplete names it."""
    moves = _moves(persons)
    every = entries(conn)
    cancelled = cancellations(every)
    for doc_id, body in reversed(every):
        if (body["request"]["kind"] != CertificateKind.TENSHUTSU.value or body["disposal"] not in ISSUED
                or doc_id in cancelled):
            continue
        earlier = body.get("move_out", {})
        if earlier == moves:
            return {"reissue_of": {"doc_id": doc_id, "issue_number": body["issue_numbers"][0]}}
        if both := [a for a, m in moves.items() if earlier.get(a) == m]:
            raise KofuIncomplete(f"宛名番号 {'、'.join(both)} の転出証明書は発行番号 {body['issue_numbers'][0]} で交付済みです"
                                 "（再交付はその交付と同じ人で請求し、ほかの人は別に請求してください）")
    return {}


def record_refusal(conn: Connection, data_key: bytes, request: KofuRequest, at: Counter, reason: str,
                   extra: Mapping[str, Any] | None = None) -> None:
    documents.put_new(conn, data_key, KOFU, _history(at, request, list(request.atena_nos), Disposal.REFUSED,
                                                     reason=reason, items=[], fee=0, numbers=[], digests=[],
                                                     extra=extra or {}))


def _history(at: Counter, request: KofuRequest, persons: list[str], disposal: Disposal, *, reason: str,
             items: list[str], fee: int, numbers: list[str], digests: list[str],
             extra: Mapping[str, Any]) -> dict[str, Any]:
    return {"at": at.now.isoformat(timespec="milliseconds"), "terminal": at.terminal, "staff": at.staff,
            "request": request.to_json(), "persons": persons, "items": items, "fee": fee,
            "issue_numbers": numbers, "digests": digests, "disposal": disposal.value, "refusal": reason, **extra}


def record_cancellation(conn: Connection, data_key: bytes, at: Counter, original: Entry, reason: str) -> Entry:
    """A 交付の取消し of `original` in the 交付履歴 (in the caller's transaction); the 交付 itself stays."""
    body = {"at": at.now.isoformat(timespec="milliseconds"), "terminal": at.terminal, "staff": at.staff,
            **cancellation(original, reason)}
    return documents.put_new(conn, data_key, KOFU, body).id, body


def entries(conn: Connection, atena_no: str | None = None) -> list[Entry]:
    """The 交付履歴 as (document id, body), in the order recorded here; of one person when `atena_no` is given."""
    return [(d.id, d.body) for d in documents.iter_class(conn, KOFU)
            if atena_no is None or atena_no in d.body["persons"]]


def history(conn: Connection, atena_no: str | None = None) -> list[dict[str, Any]]:
    """The 交付履歴, in the order recorded here; of one person when `atena_no` is given."""
    return [body for _, body in entries(conn, atena_no)]


def issued_as(every: list[Entry], issue_no: str) -> Entry:
    """Of the entries `every`, the 交付 that printed the copy numbered `issue_no`; ValidationError when there is
    none."""
    found = find(every, issue_no)
    if found is None:
        raise ValidationError("発行番号", f"発行番号 {issue_no} の交付は交付履歴にありません")
    return found


def request_of(request: Mapping[str, Any]) -> KofuRequest:
    """The request of a 交付履歴 entry (as recorded), as the 交付 screen or the command line would have given it."""
    requester = request["requester"]
    professional = requester.get("professional") or {}
    return request_from({
        "kind": request["kind"], "requester": requester["kind"], "atena_nos": request["atena_nos"],
        "requester_atena": requester.get("atena_no", ""), "requester_name": requester.get("name", ""),
        "requester_address": requester.get("address", ""), "identification": requester.get("identification", ""),
        "proxy_letter": requester.get("proxy_letter", ""), "principal_atena": requester.get("principal_atena", ""),
        "evidence": requester.get("evidence", ""), "agency_officer": requester.get("agency_officer", ""),
        "legal_basis": requester.get("legal_basis", ""), "reason": request.get("reason", ""),
        "qualification": professional.get("qualification"),
        **{key: professional.get(key, "") for key in ("registration_no", "office", "form_no", "client")},
        "household": request.get("household", False), "individual": request.get("individual", False),
        "include": request.get("include", []), "copies": request.get("copies", 1),
        "fee_category": request.get("fee_category", ""), "residence": request.get("residence", 0)})
