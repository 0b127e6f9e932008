"""印鑑登録: who may register a seal, how identity is confirmed, the registration's events and state, the card number
and the 印鑑登録証明書's items (印鑑登録証明事務処理要領, as the town's 条例 applies it).

A registration is a log of create-only events that replicate (as 支援措置's are):

- 登録 (`register`): the person (宛名番号), the 登録番号 and the 印鑑登録証's number, how identity was confirmed, the
  impression as measured (PNG, size in mm, SHA-256), which of the person's names the seal shows (the clerk
  confirms it). By a photo ID from a public office or a 保証書 of someone registered in the town, it is in force at
  once; by the 照会書 method (and always for a 代理人 with a 委任状) it waits for the 回答書 until the day the town's
  period gives.
- 回答 (`confirm`): the 回答書 came back in time; the registration is in force.
- 廃止 (`abolish`): on request, or with the 異動 that removes the person (転出 at its 消除, 死亡, 職権消除), or after a
  change of 氏名 the seal no longer matches; `effective_on` is the day it ends (a 転出's 転出予定日). An abolition that
  came with a 異動 (`idou`) is void once that 異動 is cancelled (a 転出取消 before the 転出予定日, a 異動の取消し of a
  死亡 recorded in error): the registration stays in force, on every terminal that knows both.
- 亡失 (`lost`): 印鑑登録証の亡失届: the card is stopped at once, and the registration with it.

The most restrictive event wins, whatever order the events arrive in: an abolition or a loss known on a terminal ends
the registration there, so no certificate is issued on any terminal once it knows. Two registrations of one person in
force at once (two terminals registered her while apart) are a fork: no certificate for her until a supervisor
abolishes one of them.

Pure data in and out: no I/O, no clock (the day comes in as an argument).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.certificate_items import Signatory
from domain.errors import ValidationError
from domain.kofu_rules import INKAN_KIND, PHOTO_IDS, Requester, RequesterKind, lives_here
from domain.records import Person, ResidentKind
from domain.seal_impression import Impression as Measured
from domain.seal_impression import check_side
from domain.wareki import format_seireki, format_wareki

INKAN = "inkan"  # the class of its documents
CERTIFICATE_KIND = INKAN_KIND  # its kind in the 交付履歴 and the fee table
REGISTER, CONFIRM, ABOLISH, LOST = "register", "confirm", "abolish", "lost"
EVENTS = (REGISTER, CONFIRM, ABOLISH, LOST)
MIN_AGE = 15
DEFAULT_ANSWER_DAYS = 30  # the 回答書's period when the town sets none
MAX_ANSWER_DAYS = 90
ATTESTATION = "この写しは、登録されている印影と相違ないことを証明する。"
CARD_DIGITS = 12  # the 印鑑登録証's number: 8 of the 登録番号, 3 random, 1 check digit
# Card numbers of no card known here that one terminal takes in a day before it stops taking cards until the next
# day: a number read wrong fails its check digit, so these are numbers tried (the 登録番号 is printed on every
# certificate; the three random digits are what is guessed).
UNKNOWN_CARDS_PER_DAY = 10


class Method(StrEnum):
    """How identity was confirmed at the registration."""

    PHOTO_ID = "官公署発行の写真付き証明書"
    GUARANTEE = "保証書"
    INQUIRY = "照会書"


METHOD_NAMES = {"photo-id": Method.PHOTO_ID, "guarantee": Method.GUARANTEE, "inquiry": Method.INQUIRY}


class SealText(StrEnum):
    """What the seal's text is, of the person's names, as the clerk confirmed it."""

    FULL = "氏名"
    SURNAME = "氏"
    GIVEN = "名"
    FORMER_SURNAME = "旧氏"
    TSUSHO = "通称"
    COMBINED = "氏名の組合せ"


SEAL_TEXT_NAMES = {"full": SealText.FULL, "surname": SealText.SURNAME, "given": SealText.GIVEN,
                   "former-surname": SealText.FORMER_SURNAME, "tsusho": SealText.TSUSHO,
                   "combined": SealText.COMBINED}


class State(StrEnum):
    PENDING = "照会中"  # waiting for the 回答書
    REGISTERED = "登録"
    EXPIRED = "回答期限切れ"  # the 回答書 did not come back in time: never registered
    ABOLISHED = "廃止"
    LOST = "亡失"  # the card was reported lost: stopped


LIVE = frozenset({State.PENDING, State.REGISTERED})


class AbolishReason(StrEnum):
    REQUEST = "廃止申請"
    MOVED_OUT = "転出"
    DEATH = "死亡"
    REMOVED = "職権消除"
    NAME_CHANGED = "氏名の変更"
    FORK = "二重登録の整理"


ABOLISH_NAMES = {"request": AbolishReason.REQUEST, "name-changed": AbolishReason.NAME_CHANGED,
                 "fork": AbolishReason.FORK}
# The 消除事由 of a 異動 that abolishes a registration in the same transaction, by the reason recorded.
REMOVAL_REASONS = {"国内転出": AbolishReason.MOVED_OUT, "国外転出": AbolishReason.MOVED_OUT,
                   "死亡": AbolishReason.DEATH, "職権消除": AbolishReason.REMOVED,
                   "職権消除（国籍喪失等）": AbolishReason.REMOVED}


@dataclass(frozen=True, slots=True)
class Impression:
    """The seal's impression as measured in the scan (`domain.seal_impression.measure`): the side of the smallest
    square it fits in, the cropped image (PNG, with its resolution) and its size on paper, and the image's hash."""

    png: bytes
    side_mm: float
    width_mm: float
    height_mm: float
    sha256: str

    @classmethod
    def of(cls, measured: Measured) -> Impression:
        return cls(measured.png, measured.side_mm, measured.width_mm, measured.height_mm, measured.sha256)

    def to_json(self) -> dict[str, Any]:
        return {"png": base64.b64encode(self.png).decode("ascii"), "side_mm": self.side_mm,
                "width_mm": round(self.width_mm, 3), "height_mm": round(self.height_mm, 3), "sha256": self.sha256}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Impression:
        return cls(base64.b64decode(value["png"], validate=True), float(value["side_mm"]), float(value["width_mm"]),
                   float(value["height_mm"]), str(value["sha256"]))


def check_impression(impression: Impression) -> Impression:
    """The impression fits a square of 25 mm and does not fit one of 8 mm, and its hash is its image's (checked
    again here, and on arrival, whatever measured it)."""
    if hashlib.sha256(impression.png).hexdigest() != impression.sha256:
        raise ValidationError("印影", "印影の画像とハッシュが一致しません")
    check_side(impression.side_mm)
    return impression


@dataclass(frozen=True, slots=True)
class Proxy:
    """A 代理人 who applies with a 委任状."""

    name: str
    letter: str  # the 委任状

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "letter": self.letter}


@dataclass(frozen=True, slots=True)
class Application:
    """A 印鑑登録申請 as the counter takes it."""

    atena_no: str
    method: Method
    identification: str = ""  # PHOTO_ID: the document shown
    guarantor_atena: str = ""  # GUARANTEE: the 保証人, registered in the town
    proxy: Proxy | None = None
    seal_text: SealText = SealText.FULL  # confirmed by the clerk
    lacks_capacity: bool = False  # 意思能力を有しない者, as the clerk found


@dataclass(frozen=True, slots=True)
class Registration:
    """One registration as its events give it, on a given day."""

    id: str
    atena_no: str
    registration_no: str
    card_no: str
    method: Method
    seal_text: SealText
    impression: Impression
    registered_at: str  # ISO time of the 登録 (the 申請)
    registered_on: str  # ISO day it came into force ("" while pending)
    name: str  # 氏名 at the registration
    state: State
    answer_by: str = ""  # 照会書: the last day the 回答書 is accepted
    ended_on: str = ""  # ABOLISHED or LOST: the day
    ended_because: str = ""
    staff: str = ""
    terminal: str = ""
    guarantor: str = ""  # 保証人's 宛名番号
    proxy: str = ""  # 代理人's name

    @property
    def live(self) -> bool:
        return self.state in LIVE


def age_on(birth: tuple[int, int, int], today: dt.date) -> int:
    """満年齢 on `today` of one born on (year, month, day); an unknown month or day counts as its latest."""
    year, month, day = birth
    month, day = month or 12, day or 31
    return today.year - year - ((today.month, today.day) < (month, day))


def check_applicant(person: Person | None, application: Application, today: dt.date,
                    live: Iterable[Registration]) -> Person:
    """Who may register: a person recorded here, living here (a 住民), not under 15, not 意思能力を有しない者, with no
    other registration in force or waiting (one seal a person)."""
    if person is None:
        raise ValidationError("宛名番号", f"宛名番号 {application.atena_no} の人は登録されていません")
    if not person.is_resident:
        raise ValidationError("申請者", f"{person.status.value}の人は印鑑登録できません（この町の住民に限ります）")
    if age_on(person.birth.numbers, today) < MIN_AGE:
        raise ValidationError("申請者", f"{MIN_AGE}歳未満の人は印鑑登録できません")
    if application.lacks_capacity:
        raise ValidationError("申請者", "意思能力を有しない者は印鑑登録できません")
    if any(r.live for r in live):
        raise ValidationError("申請者", "すでに印鑑登録があります（一人一印です。廃止してから登録してください）")
    return person


def check_seal_text(person: Person, seal_text: SealText) -> SealText:
    """The seal shows one of the person's names: a 旧氏 or 通称 only where the registry records one."""
    if seal_text is SealText.FORMER_SURNAME and not person.former_surname:
        raise ValidationError("印影の文字", "旧氏が住民票に記載されていないため、旧氏の印鑑は登録できません")
    if seal_text is SealText.TSUSHO and not (person.foreign is not None and person.foreign.tsusho):
        raise ValidationError("印影の文字", "通称が住民票に記載されていないため、通称の印鑑は登録できません")
    return seal_text


def check_identity(application: Application, guarantor: Registration | None, guarantor_person: Person | None) -> str:
    """How identity is confirmed: returns what the registration records (the document shown, or the 保証人's
    登録番号, or the 照会書); ValidationError when the method cannot be used."""
    if application.proxy is not None:
        if not application.proxy.name.strip():
            raise ValidationError("代理人", "代理人の氏名を入力してください")
        if not application.proxy.letter.strip():
            raise ValidationError("代理人", "代理人による申請には委任状が必要です")
        if application.method is not Method.INQUIRY:
            raise ValidationError("本人確認", "代理人による申請は照会書の方法によります（本人の住所に照会書を郵送します）")
    match application.method:
        case Method.PHOTO_ID:
            if application.identification not in PHOTO_IDS:
                raise ValidationError("本人確認", "官公署が発行した写真付きの証明書（" + "・".join(PHOTO_IDS)
                                      + "）を選んでください")
            return application.identification
        case Method.GUARANTEE:
            if not application.guarantor_atena or application.guarantor_atena == application.atena_no:
                raise ValidationError("保証人", "保証人（この町で印鑑登録している本人以外の人）の宛名番号を入力してください")
            if guarantor_person is None or not guarantor_person.is_resident:
                raise ValidationError("保証人", "保証人はこの町の住民に限ります")
            if guarantor is None or guarantor.state is not State.REGISTERED:
                raise ValidationError("保証人", "保証人はこの町で印鑑登録している人に限ります（登録がないか、廃止されています）")
            return f"保証書（保証人 登録番号 {guarantor.registration_no}）"
        case Method.INQUIRY:
            return "照会書"
    raise AssertionError(application.method)


def answer_by(today: dt.date, days: int) -> dt.date:
    """The last day a 回答書 mailed today is accepted."""
    return today + dt.timedelta(days=days)


def check_answer_days(days: Any) -> int:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_ANSWER_DAYS:
        raise ValidationError("照会書の回答期限", f"照会書の回答期限は1から{MAX_ANSWER_DAYS}日までです")
    return days


# --- the card number ------------------------------------------------------------------------------------------------

def _check_digit(digits: str) -> int:
    """Modulus 10, weights 3 and 1 from the right (as the JAN bar codes a scanner reads)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def card_number(registration_no: int, random_part: int) -> str:
    """The 印鑑登録証's number: the 登録番号 (8 digits), 3 random digits (a card cannot be guessed from the 登録番号),
    and a check digit."""
    base = f"{registration_no % 10**8:08d}{random_part % 1000:03d}"
    return base + str(_check_digit(base))


def read_card_number(text: str) -> str:
    """A card number as typed or read by a bar code scanner (full-width digits, spaces and hyphens allowed);
    ValidationError when it is no card number."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch not in " -\t\r\n")
    if len(digits) != CARD_DIGITS or not digits.isascii() or not digits.isdigit():
        raise ValidationError("印鑑登録証", f"印鑑登録証の番号は{CARD_DIGITS}桁の数字です")
    if _check_digit(digits[:-1]) != int(digits[-1]):
        raise ValidationError("印鑑登録証", "印鑑登録証の番号が正しくありません（読み取り直してください）")
    return digits


# --- events -------------------------------------------------------------------------------------------------------

def problem(body: Any) -> str | None:
    """What is wrong with the form of an event (for arrivals), or None."""
    if not isinstance(body, dict) or body.get("event") not in EVENTS:
        return "a malformed 印鑑登録 event"
    try:
        if not all(isinstance(body[k], str) and body[k] for k in ("registration", "at", "staff", "terminal")):
            return "a malformed 印鑑登録 event"
        if body["event"] == REGISTER:
            if not all(isinstance(body[k], str) and body[k] for k in ("atena_no", "registration_no", "card_no")):
                return "a malformed 印鑑登録"
            Method(body["method"])
            SealText(body["seal_text"])
            if len(body["card_no"]) != CARD_DIGITS or read_card_number(body["card_no"]) != body["card_no"]:
                return "a 印鑑登録 with a malformed card number"
            check_impression(Impression.from_json(body["impression"]))
        elif body["event"] == ABOLISH:
            AbolishReason(body["reason"])
            dt.date.fromisoformat(body["effective_on"])
    except ValidationError as exc:
        return f"invalid 印鑑登録: {exc.item}: {exc.message}"
    except (KeyError, TypeError, ValueError) as exc:
        return f"malformed 印鑑登録: {type(exc).__name__}"
    return None


def registrations(events: Iterable[Mapping[str, Any]], today: dt.date,
                  cancelled: frozenset[str] = frozenset()) -> list[Registration]:
    """The registrations the events give, as they stand on `today`, in the order registered. An abolition or a
    loss ends a registration whatever else is known of it (the most restrictive wins), but for an abolition that
    came with a 異動 since cancelled (its document in `cancelled`, see `voided`)."""
    by_id: dict[str, list[Mapping[str, Any]]] = {}
    for event in events:
        by_id.setdefault(event["registration"], []).append(event)
    found = []
    for reg_id, group in by_id.items():
        start = next((e for e in group if e["event"] == REGISTER), None)
        if start is None:
            continue  # its 登録 has not arrived: nothing to show yet
        found.append(_fold(reg_id, start, [e for e in group if not voided(e, cancelled)], today))
    return sorted(found, key=lambda r: (r.registered_at, r.id))


def voided(event: Mapping[str, Any], cancelled: frozenset[str]) -> bool:
    """An abolition that came with a 異動 since cancelled (転出取消, 異動の取消し): it ends nothing."""
    return event["event"] == ABOLISH and bool(event.get("idou")) and event["idou"] in cancelled


def abolishing_idou(events: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The 異動 documents that abolished a registration, each with the 宛名番号 of the person registered."""
    events = list(events)
    persons = {e["registration"]: e["atena_no"] for e in events if e["event"] == REGISTER}
    return {e["idou"]: persons[e["registration"]] for e in events
            if e["event"] == ABOLISH and e.get("idou") and e["registration"] in persons}


def _fold(reg_id: str, start: Mapping[str, Any], group: list[Mapping[str, Any]], today: dt.date) -> Registration:
    confirmed = sorted(e["at"] for e in group if e["event"] == CONFIRM)
    lost = sorted(e["at"][:10] for e in group if e["event"] == LOST)
    abolished = sorted((e["effective_on"], e["reason"]) for e in group if e["event"] == ABOLISH)
    day = today.isoformat()
    pending = Method(start["method"]) is Method.INQUIRY and not confirmed
    registered_on = "" if pending else (confirmed[0][:10] if confirmed else start["at"][:10])
    state, ended_on, because = State.REGISTERED, "", ""
    if pending:
        state = State.EXPIRED if day > start["answer_by"] else State.PENDING
    if abolished and abolished[0][0] <= day:
        state, ended_on, because = State.ABOLISHED, abolished[0][0], abolished[0][1]
    if lost:
        state, ended_on, because = State.LOST, lost[0], "印鑑登録証の亡失"
    return Registration(
        reg_id, start["atena_no"], start["registration_no"], start["card_no"], Method(start["method"]),
        SealText(start["seal_text"]), Impression.from_json(start["impression"]), start["at"], registered_on,
        start.get("name", ""), state, answer_by=start.get("answer_by", ""), ended_on=ended_on, ended_because=because,
        staff=start["staff"], terminal=start["terminal"], guarantor=start.get("guarantor", ""),
        proxy=(start.get("proxy") or {}).get("name", ""))


def forked(found: Iterable[Registration]) -> dict[str, list[Registration]]:
    """Persons with two or more registrations in force or waiting (registered on two terminals while apart)."""
    live: dict[str, list[Registration]] = {}
    for r in found:
        if r.live:
            live.setdefault(r.atena_no, []).append(r)
    return {a: rs for a, rs in live.items() if len(rs) > 1}


def check_card_guesses(unknown_today: int) -> None:
    """A terminal that took `UNKNOWN_CARDS_PER_DAY` card numbers of no card today takes no card until tomorrow."""
    if unknown_today >= UNKNOWN_CARDS_PER_DAY:
        raise ValidationError("印鑑登録証", f"この端末では本日、登録のない印鑑登録証の番号が{unknown_today}回入力されたため、"
                                        "明日まで印鑑登録証明書を交付できません。係長に連絡してください")


def check_certifiable(registration: Registration | None, others_live: int, person: Person | None,
                      today: dt.date) -> Registration:
    """A certificate is issued only for a registration in force that is not forked, of a person who lives here (a
    registration made on a terminal that did not yet know of her 転出 or 死亡 is as good as abolished)."""
    if registration is None:
        raise ValidationError("印鑑登録証", "この番号の印鑑登録証はありません")
    if registration.state is State.LOST:
        raise ValidationError("印鑑登録証", "この印鑑登録証は亡失の届出により使用停止されています")
    if registration.state is State.ABOLISHED:
        raise ValidationError("印鑑登録証", "この印鑑登録は廃止されています")
    if registration.state is State.PENDING:
        raise ValidationError("印鑑登録証", "この印鑑登録は照会書の回答を待っています（まだ登録されていません）")
    if registration.state is State.EXPIRED:
        raise ValidationError("印鑑登録証", "照会書の回答期限が過ぎたため、この印鑑登録はされていません")
    if others_live:
        raise ValidationError("印鑑登録証", "この人には別の端末で同時にされた印鑑登録があります（要確認）。"
                                        "係長が一方を廃止するまで証明書は交付できません")
    if person is None or not lives_here(person, today):
        raise ValidationError("印鑑登録証", "登録した人はこの町の住民ではありません（転出・死亡などにより登録は効力を"
                                        "失っています）")
    return registration


# --- the 印鑑登録証明書 -------------------------------------------------------------------------------------------

class InkanKind(StrEnum):
    CERTIFICATE = CERTIFICATE_KIND


@dataclass(frozen=True, slots=True)
class InkanRequest:
    """A request for a 印鑑登録証明書, as the 交付履歴 records it and the disclosure check reads it (`kind`,
    `requester`): whoever presents the card stands for the registered person (a `domain.kofu_rules.Requester`)."""

    card_no: str
    requester: Requester
    registration_no: str = ""  # of the card's registration, when the card is known here
    fee_category: str = ""
    kind: InkanKind = InkanKind.CERTIFICATE

    def to_json(self) -> dict[str, Any]:
        """As the 交付履歴 keeps it: the card's number masked but for its last four digits (whoever reads the
        history must not be able to present the card), and the registration's number."""
        return {"kind": self.kind.value, "card": "*" * (len(self.card_no) - 4) + self.card_no[-4:],
                "registration_no": self.registration_no, "requester": self.requester.to_json(),
                **({"fee_category": self.fee_category} if self.fee_category else {})}


@dataclass(frozen=True, slots=True)
class InkanCertificate:
    """What the 印鑑登録証明書 prints, as plain strings and the impression (the form only places them)."""

    registration_no: str
    name: str
    former_surname: str
    tsusho: str
    birth: str
    sex: str
    address: str
    impression: Impression
    issued_on: str  # 和暦
    issue_number: str
    signatory_title: str
    signatory_name: str
    seal_png: bytes | None
    attestation: str = ATTESTATION

    def items(self) -> list[tuple[str, str]]:
        """The items the certificate prints, as (label, value), for its QR code too."""
        found = [("登録番号", self.registration_no), ("氏名", self.name)]
        if self.former_surname:
            found.append(("旧氏", self.former_surname))
        if self.tsusho:
            found.append(("通称", self.tsusho))
        return found + [("生年月日", self.birth), ("性別", self.sex), ("住所", self.address)]


def person_names(person: Person) -> tuple[str, str]:
    """(旧氏, 通称) as the registry records them, empty when not."""
    tsusho = person.foreign.tsusho if person.kind is ResidentKind.FOREIGN and person.foreign is not None else ""
    return person.former_surname, tsusho


def card_holder(registration: Registration, person: Person, identification: str, proxy_name: str = "") -> Requester:
    """Who presents the card, as the 交付履歴 and the disclosure check take them: the registered person (本人), or
    anyone else holding the card for them (a 代理人 whose 委任 the card stands for)."""
    if proxy_name.strip():
        return Requester(RequesterKind.DAIRININ, proxy_name.strip(), identification.strip(), proxy_letter="印鑑登録証",
                         principal_atena=registration.atena_no, principal_name=person.name)
    return Requester(RequesterKind.HONNIN, person.name, identification.strip() or "印鑑登録証",
                     atena_no=registration.atena_no)


def _birth(person: Person) -> str:
    foreign = person.kind is ResidentKind.FOREIGN and not person.birth.is_unknown
    return format_seireki(person.birth) if foreign else format_wareki(person.birth)


def build_certificate(registration: Registration, person: Person, *, issue_number: str, issued_on: dt.date,
                      signatory: Signatory, seal_png: bytes | None) -> InkanCertificate:
    """The 印鑑登録証明書 of a registration in force, with the person's items as the registry holds them today."""
    former, tsusho = person_names(person)
    return InkanCertificate(registration.registration_no, person.name, former, tsusho, _birth(person),
                            person.sex.value, person.address.full(), registration.impression,
                            format_wareki(issued_on), issue_number, signatory.title, signatory.name, seal_png)


@dataclass(frozen=True, slots=True)
class InkanRecord:
    """The 印鑑登録原票 of a registration (and what the printed 印鑑登録証 shows of it)."""

    registration_no: str
    card_no: str
    registered_on: str  # 和暦; "" while the 回答書 is awaited
    state: str
    method: str
    seal_text: str
    name: str
    former_surname: str
    tsusho: str
    birth: str
    sex: str
    address: str
    impression: Impression
    town: str

    def items(self) -> list[tuple[str, str]]:
        found = [("登録番号", self.registration_no), ("登録年月日", self.registered_on or "（照会中）"),
                 ("状態", self.state), ("氏名", self.name)]
        if self.former_surname:
            found.append(("旧氏", self.former_surname))
        if self.tsusho:
            found.append(("通称", self.tsusho))
        return found + [("生年月日", self.birth), ("性別", self.sex), ("住所", self.address),
                        ("本人確認", self.method), ("印影の文字", self.seal_text)]


def build_record(registration: Registration, person: Person, town: str) -> InkanRecord:
    former, tsusho = person_names(person)
    registered = format_wareki(dt.date.fromisoformat(registration.registered_on)) if registration.registered_on else ""
    return InkanRecord(registration.registration_no, registration.card_no, registered, registration.state.value,
                       registration.method.value, registration.seal_text.value, person.name, former, tsusho,
                       _birth(person), person.sex.value, person.address.full(), registration.impression, town)
