"""Who may receive what: the rules of 住民基本台帳法 12条–12条の3 for a 交付請求 (registry facts §1.4, §9).

A 交付 answers a request. The request names the certificate, the persons, the 請求者 and its 種別, how the
person at the counter was identified, the 請求事由, the items asked for beyond the defaults, and the copies.
`decide` either returns what may be printed and how it is handed over, or refuses with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.errors import ValidationError
from domain.idou import MOVE_OUT
from domain.names import check_name
from domain.records import Person, Status


class CertificateKind(StrEnum):
    JUMINHYO = "住民票の写し"
    JOHYO = "除票の写し"
    KISAI = "住民票記載事項証明書"
    TENSHUTSU = "転出証明書"


class RequesterKind(StrEnum):
    HONNIN = "本人等"  # 本人 or a member of the same 世帯 (法12条)
    KOUYOU = "公用"  # 国・地方公共団体の機関 (法12条の2)
    DAISANSHA = "第三者"  # a stated legitimate need (法12条の3)
    DAIRININ = "代理人"  # on behalf of the 本人, with a 委任状


class Item(StrEnum):
    """Items printed only when asked for (the 省略 choices; 法12条5項 omits them by default)."""

    SETAINUSHI = "世帯主・続柄"
    HONSEKI = "本籍・筆頭者"
    MYNUMBER = "個人番号"
    JUMINHYO_CODE = "住民票コード"
    ZAIRYU = "在留資格等"  # 法第30条の45区分, 在留資格, 在留期間, 満了日, 在留カード等の番号


class Disposal(StrEnum):
    """処分: what became of the request."""

    HANDED = "交付"
    MAILED = "郵送"  # a copy with 個人番号 for a voluntary 代理人 goes to the 本人's address
    REFUSED = "拒否"


# The command line's names for the kinds and items.
KIND_NAMES = {"juminhyo": CertificateKind.JUMINHYO, "johyo": CertificateKind.JOHYO,
              "kisai": CertificateKind.KISAI, "tenshutsu": CertificateKind.TENSHUTSU}
REQUESTER_NAMES = {"honnin": RequesterKind.HONNIN, "kouyou": RequesterKind.KOUYOU,
                   "daisansha": RequesterKind.DAISANSHA, "dairinin": RequesterKind.DAIRININ}
ITEM_NAMES = {"setainushi": Item.SETAINUSHI, "honseki": Item.HONSEKI, "mynumber": Item.MYNUMBER,
              "juminhyo-code": Item.JUMINHYO_CODE, "zairyu": Item.ZAIRYU}

FEE_PER_COPY = 300  # 円; 公用 is free
MAX_COPIES = 20
NEVER_TO_THIRD_PARTIES = frozenset({Item.MYNUMBER, Item.JUMINHYO_CODE})
THIRD_PARTY_LAW = "（法12条の3）"


class KofuRefused(ValidationError):
    """A request the rules refuse; the reason is shown to staff and recorded in the 交付履歴."""

    def __init__(self, message: str) -> None:
        super().__init__("交付請求", message)


@dataclass(frozen=True, slots=True)
class Requester:
    kind: RequesterKind
    name: str
    identification: str  # 本人確認の方法 of whoever stands at the counter
    proxy_letter: str = ""  # 委任状 (代理人 only)

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind.value, "name": self.name, "identification": self.identification,
                "proxy_letter": self.proxy_letter}


@dataclass(frozen=True, slots=True)
class KofuRequest:
    kind: CertificateKind
    atena_nos: tuple[str, ...]
    requester: Requester
    reason: str = ""  # 請求事由
    household: bool = False  # 世帯全員
    individual: bool = False  # 個人票 rather than 世帯連記式
    include: frozenset[Item] = field(default_factory=frozenset)
    copies: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "atena_nos": list(self.atena_nos), "requester": self.requester.to_json(),
                "reason": self.reason, "household": self.household, "individual": self.individual,
                "include": sorted(i.value for i in self.include), "copies": self.copies}


@dataclass(frozen=True, slots=True)
class Decision:
    items: frozenset[Item]
    basic_only: bool  # a 第三者 receives the 基礎証明事項 (氏名, 生年月日, 性別, 住所) and what its need names
    disposal: Disposal
    fee: int


def request_from(values: Mapping[str, Any]) -> KofuRequest:
    """A request from plain values (the command line, the dialog); a missing or wrong value is a ValidationError."""
    try:
        kind = CertificateKind(values["kind"])
        requester_kind = RequesterKind(values["requester"])
    except (KeyError, ValueError):
        raise ValidationError("交付請求", "証明書の種類と請求者の種別を選んでください") from None
    atena_nos = tuple(str(a).strip() for a in values.get("atena_nos", ()) if str(a).strip())
    if not atena_nos:
        raise ValidationError("対象者", "証明書の対象者を指定してください")
    copies = values.get("copies", 1)
    if not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise ValidationError("通数", f"通数は1から{MAX_COPIES}までです")
    requester = Requester(requester_kind, check_name(str(values.get("requester_name", "")).strip(), "請求者の氏名"),
                          str(values.get("identification", "")).strip(), str(values.get("proxy_letter", "")).strip())
    return KofuRequest(kind, atena_nos, requester, str(values.get("reason", "")).strip(),
                       bool(values.get("household")), bool(values.get("individual")),
                       frozenset(Item(i) for i in values.get("include", ())), copies)


def moving_out_later(person: Person, today: dt.date) -> bool:
    """A 転出 recorded whose 転出予定日 has not come: the person still lives here, and its items are not printed."""
    removal = person.removal
    return (person.status is Status.MOVED_OUT and removal is not None and removal.reason in MOVE_OUT
            and removal.date.iso > today.isoformat())


def lives_here(person: Person, today: dt.date) -> bool:
    return person.is_resident or moving_out_later(person, today)


def decide(request: KofuRequest, persons: Iterable[Person], forked: Iterable[str], today: dt.date) -> Decision:
    """What may be printed for this request, and how it is handed over; KofuRefused with the reason otherwise."""
    persons = list(persons)
    requester = request.requester
    if not requester.name:
        raise KofuRefused("請求者の氏名（公用は機関名）を入力してください")
    if not requester.identification:
        raise KofuRefused("本人確認の方法を入力してください（法12条3項）")
    if requester.kind in (RequesterKind.DAISANSHA, RequesterKind.KOUYOU) and not request.reason:
        raise KofuRefused(f"{requester.kind.value}による請求には請求事由が必要です")
    if requester.kind is RequesterKind.DAIRININ and not requester.proxy_letter:
        raise KofuRefused("代理人による請求には委任状が必要です")
    if requester.kind is RequesterKind.DAISANSHA and request.include & NEVER_TO_THIRD_PARTIES:
        names = "・".join(sorted(i.value for i in request.include & NEVER_TO_THIRD_PARTIES))
        raise KofuRefused(f"第三者による請求には{names}を記載できません{THIRD_PARTY_LAW}")
    if unresolved := sorted(forked):
        raise KofuRefused(f"宛名番号 {'、'.join(unresolved)} の人には並行した異動があり要確認です。係長が確定するまで交付できません")
    _check_kind(request, persons, today)
    items = request.include
    disposal = Disposal.HANDED
    if requester.kind is RequesterKind.DAIRININ and Item.MYNUMBER in items:
        disposal = Disposal.MAILED
    fee = 0 if requester.kind is RequesterKind.KOUYOU else FEE_PER_COPY * request.copies
    return Decision(items, requester.kind is RequesterKind.DAISANSHA, disposal, fee)


def _check_kind(request: KofuRequest, persons: list[Person], today: dt.date) -> None:
    kind = request.kind
    if kind in (CertificateKind.JUMINHYO, CertificateKind.KISAI):
        for p in persons:
            if not lives_here(p, today):
                raise KofuRefused(f"{p.name}（{p.atena_no}）は住民ではありません（除票の写しを請求してください）")
    elif kind is CertificateKind.JOHYO:
        for p in persons:
            if lives_here(p, today):
                when = "（転出予定日の前です）" if moving_out_later(p, today) else ""
                raise KofuRefused(f"{p.name}（{p.atena_no}）の住民票はまだ除票になっていません{when}")
    elif kind is CertificateKind.TENSHUTSU:
        if request.requester.kind not in (RequesterKind.HONNIN, RequesterKind.DAIRININ):
            raise KofuRefused("転出証明書は転出する本人等（または代理人）にだけ交付します")
        for p in persons:
            if p.status is not Status.MOVED_OUT or p.removal is None or p.removal.reason != "国内転出":
                raise KofuRefused(f"{p.name}（{p.atena_no}）には国内転出の届出が記録されていません")


def item_refusals(kind: CertificateKind, requester: RequesterKind, person: Person) -> dict[Item, str]:
    """The 省略 choices that cannot be asked for in this request, each with the reason (for the 交付 screen)."""
    if kind is CertificateKind.TENSHUTSU:
        return {item: "転出証明書には全項目を記載します" for item in Item}
    refused: dict[Item, str] = {}
    if requester is RequesterKind.DAISANSHA:
        refused |= {item: f"第三者による請求には記載できません{THIRD_PARTY_LAW}" for item in NEVER_TO_THIRD_PARTIES}
    if person.foreign is None:
        refused[Item.ZAIRYU] = "外国人住民の項目です"
    else:
        refused[Item.HONSEKI] = "外国人住民には本籍がありません"
    return refused


def kind_refusal(kind: CertificateKind, requester: RequesterKind, person: Person, today: dt.date) -> str:
    """Why this kind of certificate cannot be issued for this person to this requester ("" when it can)."""
    request = KofuRequest(kind, (person.atena_no,), Requester(requester, "", ""))
    try:
        _check_kind(request, [person], today)
    except KofuRefused as exc:
        return exc.message
    return ""


def suggested_kind(person: Person, today: dt.date) -> CertificateKind:
    """The certificate the counter most likely wants: a 転出証明書 right after a 国内転出, a 除票 for a former
    resident, a 住民票の写し otherwise."""
    removal = person.removal
    if person.status is Status.MOVED_OUT and removal is not None and removal.reason == "国内転出":
        return CertificateKind.TENSHUTSU
    return CertificateKind.JUMINHYO if lives_here(person, today) else CertificateKind.JOHYO
