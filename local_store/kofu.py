"""交付 inside the replica: the persons of a request, the rules, 発行番号, the signature, and the 交付履歴.

Every 交付, every refusal and every 交付の取消し is a document of class `kofu` (replicated like every document): time,
terminal, staff, the request, the persons, the items printed, 手数料, 発行番号, digest and 処分; a cancellation names
the 交付 it cancels, a 再交付 the 交付 it repeats (`domain.kofu_history`). The municipality's signing key stays here:
the form gets a callable that signs one copy's digest under its own 発行番号, and nothing else.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

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
from domain.history import HistoryStep, Residence, RowRef, numbered, residences
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
    KofuRequest,
    check_entitled,
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


def _current(conn: Connection, atena_no: str, role: str = "") -> tuple[Person, bool]:
    found = derived.current_row(conn, atena_no)
    if found is None:
        raise KofuIncomplete(f"{role}宛名番号 {atena_no} の人は登録されていません")
    return Person.from_json(found[0]), len(found[1]) > 1


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


def stays(conn: Connection, atena_no: str) -> list[Residence]:
    """A person's stays in the town (`domain.history.residences`), read from their 異動 documents."""
    rows = derived.history_rows(conn, atena_no)
    reasons = {doc_id: reason for doc_id, _, _, reason in rows}
    steps = []
    for number, ref in numbered(RowRef(doc_id, tuple(parents), at) for doc_id, parents, at, _ in rows):
        body = documents.body_of(conn, ref.doc_id)
        notified = body.get("notified_on")
        steps.append(HistoryStep(number, reasons[ref.doc_id], RegDate.from_json(body["idou_date"]),
                                 RegDate.from_json(notified) if notified else None,
                                 Person.from_json(derived.row_in(body, atena_no))))
    return residences(steps)


def _stay(conn: Connection, request: KofuRequest, person: Person, today: dt.date) -> Residence:
    """The stay a certificate of `person` prints: the 除票 the request names, or the 住民票 they live under."""
    found = stays(conn, person.atena_no)
    return johyo_stay(found, request.residence, today) if request.kind in JOHYO_KINDS else found[-1]


def _persons(conn: Connection, request: KofuRequest, today: dt.date) -> tuple[list[Person], Person | None, list[str]]:
    """The persons in the household's order, the 世帯主, and those with an unresolved fork. A 世帯連記式 holds one
    household. A 除票 is the row that ended the stay the request names."""
    chosen = [_current(conn, a) for a in dict.fromkeys(request.atena_nos)]
    if request.kind in JOHYO_KINDS:
        chosen = [(_stay(conn, request, p, today).row, forked) for p, forked in chosen]
    if request.one_household and len({p.setai_no for p, _ in chosen}) > 1:
        raise KofuIncomplete("世帯連記式の証明書には一つの世帯の人だけを記載できます（別の世帯の人は個人票で請求してください）")
    setai_no = chosen[0][0].setai_no
    members = [_current(conn, r[0]) for r in conn.execute(
        "SELECT atena_no FROM persons WHERE setai_no = ? ORDER BY atena_no", (setai_no,))]
    if request.kind in MOVE_OUT_KINDS:  # those who left together
        first = chosen[0][0]
        household = [m for m in members if m[0].status is first.status and m[0].removal == first.removal]
    else:
        household = [m for m in members if lives_here(m[0], today)]
    picked = household if request.household and request.kind not in JOHYO_KINDS else chosen
    ordered = household_order(p for p, _ in picked)
    head = next((p for p, _ in household if p.is_head), None)
    if head is None and request.kind in MOVE_OUT_KINDS:  # one who leaves alone: the 世帯主 of the 住民票 left
        head = next((p for p, _ in members if p.is_head and lives_here(p, today)), None)
    if request.kind in JOHYO_KINDS:  # the 除票's own 世帯主: the person, one still in that 世帯, or one who left with them
        first = chosen[0][0]
        left_with = next((p for p, _ in members if p.is_head and p.removal == first.removal), None)
        head = first if first.is_head else head or left_with
    return ordered, head, [p.atena_no for p, forked in picked if forked]


def issue(conn: Connection, data_key: bytes, numbering: Numbering, request: KofuRequest, render: Renderer,
          at: Counter, guard: Guard | None = None, extra: Mapping[str, Any] | None = None) -> Issued:
    """Decide, number, render and sign every copy, and record the 交付 (in the caller's transaction).

    `request` as `named` gives it. Its 本人等 (the 請求者, a 代理人's 委任者) must be 本人等 of every person printed, as
    the registry holds them (法12条1項); the rules then decide, and `guard` checks the persons printed (支援措置).
    `extra`: what else the 交付履歴 keeps of it (the 交付 a 再交付 repeats)."""
    today = at.now.date()
    persons, head, forked = _persons(conn, request, today)
    for role, atena_no in request.requester.vouched():
        check_entitled(request, role, _current(conn, atena_no, f"{role}の")[0], persons, today)
    settings = stored_settings.read(conn)
    decision = decide(request, persons, forked, today, stored_settings.fee_table(settings))
    checked = guard(persons) if guard is not None else {}
    signed_by = signatory(settings, at.prefecture, today)
    seal = base64.b64decode(settings["seal_png"]) if settings.get("seal_png") else None
    sign = certificate_signer(conn)
    steps = ({p.atena_no: _stay(conn, request, p, today).steps for p in persons}
             if Item.HISTORY in decision.items else None)
    kept = dict(extra or {})
    if request.kind is CertificateKind.TENSHUTSU:
        kept |= _move_out_record(conn, persons, kept)
    reissue = request.kind is CertificateKind.TENSHUTSU and "reissue_of" in kept  # printed 「再交付」
    pdfs, numbers, digests = [], [], []
    for _ in range(request.copies):
        number = issue_number(today, at.municipality, at.terminal, at.printer, numbering.draw_serial("hakko"))
        cert = build_certificate(request, decision, persons, head, signed_by=signed_by, issued_on=today,
                                 issue_no=number, seal_png=seal, steps=steps, reissue=reissue)
        rendered = render(cert, lambda d, n=number: sign(certificate_message(n, d)))
        pdfs.append(rendered.pdf)
        numbers.append(number)
        digests.append(rendered.digest.hex())
    items = sorted(i.value for i in decision.items)
    documents.put_new(conn, data_key, KOFU, _history(at, request, [p.atena_no for p in persons], decision.disposal,
                                                     reason="", items=items, fee=decision.fee, numbers=numbers,
                                                     digests=digests, extra={"fee_category": decision.fee_category,
                                                                             **checked, **kept}))
    return Issued(pdfs, numbers, decision, persons, request, kept.get("reissue_of", {}).get("issue_number", ""))


def _move_out_record(conn: Connection, persons: list[Person], extra: Mapping[str, Any]) -> dict[str, Any]:
    """What the 交付履歴 keeps of a 転出証明書: the 転出 it certifies, by 宛名番号; and, when a 転出証明書 of that same
    転出 was issued before (and not cancelled), that this one is its 再交付 (a lost one, §4.1.3.0.3), unless the
    caller already names the 交付 it repeats."""
    moves = {p.atena_no: p.removal.to_json() for p in persons if p.removal is not None}
    record: dict[str, Any] = {"move_out": moves}
    if "reissue_of" in extra:
        return record
    every = entries(conn)
    cancelled = cancellations(every)
    for doc_id, body in reversed(every):
        if (body["request"]["kind"] == CertificateKind.TENSHUTSU.value and body["disposal"] in ISSUED
                and doc_id not in cancelled and any(body.get("move_out", {}).get(a) == m for a, m in moves.items())):
            record["reissue_of"] = {"doc_id": doc_id, "issue_number": body["issue_numbers"][0]}
            break
    return record


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
