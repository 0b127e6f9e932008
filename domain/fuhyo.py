"""戸籍の附票 (住民基本台帳法16条〜20条, 除附票 21条〜21条の3; see docs/fuhyo.md for the articles relied on).

One 附票 per 戸籍 whose 本籍 is in this town (法16条), with each person's 氏名, 住所 and 住所を定めた年月日 in order,
生年月日, 男女の別 and 住民票コード (法17条); a 国外転出者 is recorded as such, with the 転出の予定年月日, and the
addresses before it stay (the last one is the 最終住所); a registration in the 在外選挙人名簿 is recorded with its town
(法17条の2). A 附票 closed by a 転籍, or whose every person was removed (除籍), is a 除附票: kept 150 years and issued like
a 除票.

A 附票 is never edited: each 処理 (法18条: 記載, 消除, 記載の修正, always 職権) is one immutable document holding its
changes, whichever terminal made it; `fold` reads them, oldest first, into the 附票 of today. The rules of the
附票の写し (法20条) are here as functions: who may ask, and which items are printed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from domain.address_key import address_key
from domain.certificate_items import Certificate, Field, Signatory
from domain.errors import ValidationError
from domain.kofu_rules import (
    FUHYO_KIND,
    IDENTIFICATIONS,
    JOFUHYO_KIND,
    MAX_COPIES,
    KofuIncomplete,
    KofuRefused,
    Professional,
    Qualification,
    Requester,
    RequesterKind,
)
from domain.names import canonical, check_name
from domain.records import Sex
from domain.wareki import RegDate, format_wareki, parse_date

RETENTION_YEARS = 150  # 除附票 (法21条, 施行令34条)
ABROAD = "国外転出者"  # what the 住所 of a 国外転出者 reads (法17条3号)
IMPORT_SOURCE = "移行"  # the source of the 附票 taken from a file


class FuhyoKind(StrEnum):
    FUHYO = FUHYO_KIND  # 法20条
    JOFUHYO = JOFUHYO_KIND  # 法21条の3


class Relation(StrEnum):
    """Who a 本人等 is to the persons of the 附票 (法20条1項)."""

    SELF = "本人"  # recorded in the 附票 (or removed from it)
    SPOUSE = "配偶者"
    ASCENDANT = "直系尊属"
    DESCENDANT = "直系卑属"


class FuhyoItem(StrEnum):
    """Items the 附票の写し leaves out unless specially asked for."""

    HONSEKI = "本籍・筆頭者"  # 戸籍の表示 (施行令: 特別の請求がない限り省略)
    JUMINHYO_CODE = "住民票コード"  # 本人等 only


class Change(StrEnum):
    OPEN = "開設"  # a 附票 for a 戸籍 of this town
    ENTER = "記載"  # a person enters it (出生, 入籍, 分籍 into a new 戸籍, 移行)
    ADDRESS = "住所"  # a new 住所 and the day it was set
    ABROAD = "国外転出"  # 国外転出者 from the 転出の予定年月日 (法17条3号・4号)
    CORRECT = "記載の修正"  # 氏名, 住民票コード, 宛名番号 of a person
    DISPLAY = "戸籍の表示"  # the 本籍 or the 筆頭者's 氏名 changed in the 戸籍 itself
    VOTER = "在外選挙人名簿"  # registered (the town) or struck off ("") (法17条の2)
    REMOVE = "消除"  # a person leaves it (除籍: 婚姻, 死亡, 分籍, 転籍 …)
    CLOSE = "閉鎖"  # the whole 附票 (転籍, 全員除籍): a 除附票


# --- the 附票 ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddressLine:
    address: str  # "" for a 国外転出者
    since: RegDate  # 住所を定めた年月日; for a 国外転出者 the 転出の予定年月日
    abroad: bool = False


@dataclass(frozen=True, slots=True)
class Removal:
    reason: str
    date: RegDate


@dataclass(frozen=True, slots=True)
class Member:
    key: str  # the person's id inside the 附票
    name: str
    birth: RegDate
    sex: Sex
    addresses: tuple[AddressLine, ...] = ()
    atena_no: str = ""  # when the person is (or was) a resident of this town
    juminhyo_code: str = ""
    voter_town: str = ""  # 在外選挙人名簿 of this town (法17条の2)
    removed: Removal | None = None

    @property
    def abroad(self) -> bool:
        return bool(self.addresses) and self.addresses[-1].abroad

    @property
    def last_address(self) -> str:
        """最終住所: the last address in Japan."""
        return next((line.address for line in reversed(self.addresses) if not line.abroad), "")

    @property
    def current_address(self) -> str:
        return ABROAD if self.abroad else self.last_address


@dataclass(frozen=True, slots=True)
class Fuhyo:
    id: str
    honseki: str
    head: str  # 筆頭者
    opened: RegDate
    members: tuple[Member, ...] = ()
    closure: Removal | None = None  # 閉鎖 (転籍, 全員除籍)

    @property
    def closed_on(self) -> RegDate | None:
        """The day it became a 除附票: closed, or its every person removed."""
        if self.closure is not None:
            return self.closure.date
        if self.members and all(m.removed is not None for m in self.members):
            return max(m.removed.date for m in self.members if m.removed is not None)
        return None

    @property
    def kind(self) -> FuhyoKind:
        return FuhyoKind.FUHYO if self.closed_on is None else FuhyoKind.JOFUHYO

    def member(self, key: str) -> Member | None:
        return next((m for m in self.members if m.key == key or (m.atena_no and m.atena_no == key)), None)


# A 支援措置 names the persons it protects by 宛名番号; a person of a 附票 here who lives elsewhere (her 住所地 forwarded
# her 支援措置 to this 本籍地) has none, and is named by her 附票 and her key in it.
MEMBER_TARGET = "附票:"


def member_target(fuhyo_id: str, key: str) -> str:
    """How a 支援措置 names a person of a 附票 who is not a resident here."""
    return f"{MEMBER_TARGET}{fuhyo_id}:{key}"


def parse_member_target(target: str) -> tuple[str, str] | None:
    """(附票 id, member key) of a `member_target`; None for anything else (a 宛名番号)."""
    if not target.startswith(MEMBER_TARGET):
        return None
    fuhyo_id, _, key = target.removeprefix(MEMBER_TARGET).partition(":")
    return (fuhyo_id, key) if fuhyo_id and key else None


def protection_targets(fuhyo_id: str, members: Iterable[Member]) -> list[str]:
    """What a 支援措置 covering these members names: a resident's 宛名番号, or the others' `member_target`."""
    return [m.atena_no or member_target(fuhyo_id, m.key) for m in members]


def fuhyo_json(fuhyo: Fuhyo) -> dict[str, Any]:
    """A 附票 as the derived tables keep it folded (`fuhyo_from_json` reads it back)."""
    def removal(r: Removal | None) -> dict[str, Any] | None:
        return None if r is None else {"reason": r.reason, "date": r.date.to_json()}

    return {"id": fuhyo.id, "honseki": fuhyo.honseki, "head": fuhyo.head, "opened": fuhyo.opened.to_json(),
            "closure": removal(fuhyo.closure),
            "members": [{"key": m.key, "name": m.name, "birth": m.birth.to_json(), "sex": m.sex.value,
                         "addresses": [[a.address, a.since.to_json(), a.abroad] for a in m.addresses],
                         "atena_no": m.atena_no, "juminhyo_code": m.juminhyo_code, "voter_town": m.voter_town,
                         "removed": removal(m.removed)} for m in fuhyo.members]}


def fuhyo_from_json(value: Mapping[str, Any]) -> Fuhyo:
    def removal(r: Mapping[str, Any] | None) -> Removal | None:
        return None if r is None else Removal(r["reason"], RegDate.from_json(r["date"]))

    members = tuple(Member(m["key"], m["name"], RegDate.from_json(m["birth"]), Sex(m["sex"]),
                           tuple(AddressLine(a, RegDate.from_json(since), abroad) for a, since, abroad in m["addresses"]),
                           m["atena_no"], m["juminhyo_code"], m["voter_town"], removal(m["removed"]))
                    for m in value["members"])
    return Fuhyo(value["id"], value["honseki"], value["head"], RegDate.from_json(value["opened"]), members,
                 removal(value["closure"]))


def kept_until(fuhyo: Fuhyo) -> dt.date | None:
    """The last day a 除附票 is kept and issued (150 years from its closing, 施行令34条); None while open."""
    closed = fuhyo.closed_on
    if closed is None or not closed.is_calendar:
        return None
    day = closed.to_date()
    try:
        return day.replace(year=day.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + RETENTION_YEARS, day=28)


def search_keys(fuhyo: Fuhyo) -> tuple[str, str, list[str]]:
    """What a 附票 is found by: its 本籍, its 筆頭者 and every member's name, as search compares them."""
    return place_key(fuhyo.honseki), canonical(fuhyo.head), [canonical(m.name) for m in fuhyo.members]


def place_key(place: str) -> str:
    """A 本籍 as compared (漢数字 and 算用数字 alike, spaces dropped)."""
    return address_key(place)


# --- changes and their documents ----------------------------------------------------------------------------------

_CHANGE_KEYS: dict[Change, tuple[set[str], set[str]]] = {  # (required, optional) besides change, fuhyo and date
    Change.OPEN: ({"honseki", "head"}, set()),
    Change.ENTER: ({"member", "name", "birth", "sex", "reason"}, {"atena_no", "juminhyo_code"}),
    Change.ADDRESS: ({"member", "address", "since"}, set()),
    Change.ABROAD: ({"member", "since"}, set()),
    Change.CORRECT: ({"member"}, {"name", "juminhyo_code", "atena_no"}),
    Change.DISPLAY: ({"honseki", "head"}, set()),
    Change.VOTER: ({"member", "town"}, set()),
    Change.REMOVE: ({"member", "reason"}, set()),
    Change.CLOSE: ({"reason"}, set()),
}
DOCUMENT_KEYS = {"at", "by", "terminal", "source", "changes"}


def change_problem(change: Any) -> str | None:
    """Why one change is malformed, in plain words; None when it is well formed."""
    if not isinstance(change, Mapping):
        return "a 附票 change is not an object"
    try:
        kind = Change(change.get("change"))
    except ValueError:
        return f"unknown 附票 change {change.get('change')!r}"
    required, optional = _CHANGE_KEYS[kind]
    keys = set(change) - {"change", "fuhyo", "date"}
    if not isinstance(change.get("fuhyo"), str) or not change["fuhyo"]:
        return "a 附票 change names no 附票"
    if missing := required - keys:
        return f"a {kind.value} change lacks {', '.join(sorted(missing))}"
    if unknown := keys - required - optional:
        return f"a {kind.value} change has unknown items {', '.join(sorted(unknown))}"
    texts = (required | optional) - {"birth", "since"}
    if not all(isinstance(change[k], str) for k in texts if k in change):
        return f"a {kind.value} change holds an item that is not text"
    try:
        for key in ("date", "birth", "since"):
            if key in change:
                RegDate.from_json(change[key])
        if "sex" in change:
            Sex(change["sex"])
        for key in texts & keys:
            check_name(change[key], key)
    except (ValidationError, ValueError) as exc:
        return f"a {kind.value} change holds a bad item: {exc}"
    if "date" not in change:
        return f"a {kind.value} change has no date"
    return None


def document_problem(body: Any) -> str | None:
    """Why a 附票 document is malformed; None when it is well formed."""
    if not isinstance(body, Mapping) or not DOCUMENT_KEYS <= set(body):
        return "a 附票 document needs at, by, terminal, source and changes"
    if not all(isinstance(body[k], str) for k in ("at", "by", "terminal", "source")):
        return "a 附票 document's at, by, terminal and source are not text"
    if not isinstance(body["changes"], list) or not body["changes"]:
        return "a 附票 document without changes"
    for change in body["changes"]:
        if (problem := change_problem(change)) is not None:
            return problem
    return None


def fold(docs: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, Fuhyo]:
    """The 附票 as their documents (id, body) make them, applied in the order they were made (their time, then
    id: the same on every terminal). A change to a 附票 or a person not here yet (its document has not arrived)
    waits: it changes nothing."""
    found: dict[str, Fuhyo] = {}
    for _, body in sorted(docs, key=lambda d: (d[1]["at"], d[0])):
        for change in body["changes"]:
            apply(found, change)
    return found


def apply(found: dict[str, Fuhyo], change: Mapping[str, Any]) -> None:
    """Apply one well-formed change to the 附票 `found` (by id)."""
    kind, fuhyo_id = Change(change["change"]), change["fuhyo"]
    date = RegDate.from_json(change["date"])
    if kind is Change.OPEN:
        found.setdefault(fuhyo_id, Fuhyo(fuhyo_id, change["honseki"], change["head"], date))
        return
    fuhyo = found.get(fuhyo_id)
    if fuhyo is None:
        return
    if kind is Change.DISPLAY:
        found[fuhyo_id] = replace(fuhyo, honseki=change["honseki"], head=change["head"])
        return
    if kind is Change.CLOSE:
        if fuhyo.closure is None:
            found[fuhyo_id] = replace(fuhyo, closure=Removal(change["reason"], date))
        return
    if kind is Change.ENTER:
        if fuhyo.member(change["member"]) is None:
            member = Member(change["member"], change["name"], RegDate.from_json(change["birth"]), Sex(change["sex"]),
                            atena_no=change.get("atena_no", ""), juminhyo_code=change.get("juminhyo_code", ""))
            found[fuhyo_id] = replace(fuhyo, members=(*fuhyo.members, member))
        return
    member = next((m for m in fuhyo.members if m.key == change["member"]), None)
    if member is None:
        return
    if kind is Change.ADDRESS:
        line = AddressLine(change["address"], RegDate.from_json(change["since"]))
        member = replace(member, addresses=_in_order(member.addresses, line))
    elif kind is Change.ABROAD:
        line = AddressLine("", RegDate.from_json(change["since"]), abroad=True)
        member = replace(member, addresses=_in_order(member.addresses, line))
    elif kind is Change.CORRECT:
        member = replace(member, **{k: change[k] for k in ("name", "juminhyo_code", "atena_no") if k in change})
    elif kind is Change.VOTER:
        member = replace(member, voter_town=change["town"])
    elif kind is Change.REMOVE and member.removed is None:
        member = replace(member, removed=Removal(change["reason"], date))
    found[fuhyo_id] = replace(fuhyo, members=tuple(member if m.key == member.key else m for m in fuhyo.members))


def _in_order(lines: tuple[AddressLine, ...], line: AddressLine) -> tuple[AddressLine, ...]:
    """The lines with `line` added in the order of their dates (a line already there is not added twice)."""
    if line in lines:
        return lines
    return tuple(sorted((*lines, line), key=lambda item: item.since.iso))


def address_changes(fuhyo_id: str, member: Member, address: str, since: RegDate, *, abroad: bool,
                    date: RegDate) -> list[dict[str, Any]]:
    """The change that brings a member's 住所 to `address` set on `since` (a 国外転出 from `since` when `abroad`);
    none when the 附票 has it already."""
    line = AddressLine("" if abroad else address, since, abroad)
    if line in member.addresses:
        return []
    if abroad:
        return [{"change": Change.ABROAD.value, "fuhyo": fuhyo_id, "member": member.key, "since": since.to_json(),
                 "date": date.to_json()}]
    return [{"change": Change.ADDRESS.value, "fuhyo": fuhyo_id, "member": member.key, "address": address,
             "since": since.to_json(), "date": date.to_json()}]


# --- the 附票の写し (法20条) ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FuhyoRequest:
    """A request for the 附票の写し (or 除附票の写し) of one 附票: of every person in it, or of `members` only.

    The disclosure check reads its `kind` and `requester` as it reads every certificate's. A 本人等 states their
    `relation` to the person `of` (a member key, or a 宛名番号): 本人 is that person; a 本人等 who is a resident
    of this town is named by 宛名番号 (`requester.atena_no`), and their name is then the registry's."""

    fuhyo_id: str
    requester: Requester
    kind: FuhyoKind = FuhyoKind.FUHYO
    members: tuple[str, ...] = ()  # member keys (or 宛名番号); () for all
    relation: Relation | None = None  # 本人等 and the 委任者 of a 代理人
    of: str = ""  # the member the 本人等 (or the 委任者) is, or is the relative of
    reason: str = ""  # 請求事由
    include: frozenset[FuhyoItem] = field(default_factory=frozenset)
    copies: int = 1
    fee_category: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "fuhyo": self.fuhyo_id, "members": list(self.members),
                "requester": self.requester.to_json(), "relation": self.relation.value if self.relation else "",
                "of": self.of, "reason": self.reason, "include": sorted(i.value for i in self.include),
                "copies": self.copies, "fee_category": self.fee_category}


RELATION_NAMES = {"honnin": Relation.SELF, "haigusha": Relation.SPOUSE, "sonzoku": Relation.ASCENDANT,
                  "hizoku": Relation.DESCENDANT}
ITEM_NAMES = {"honseki": FuhyoItem.HONSEKI, "juminhyo-code": FuhyoItem.JUMINHYO_CODE}


def _text(values: Mapping[str, Any], key: str) -> str:
    return str(values.get(key) or "").strip()


def request_from(values: Mapping[str, Any]) -> FuhyoRequest:
    """A request from plain values (the command line, the window); a wrong value is a ValidationError. What each
    requester must state is checked when it is decided (`check_request`)."""
    try:
        kind = RequesterKind(values["requester"])
        fuhyo_kind = FuhyoKind(values.get("kind") or FuhyoKind.FUHYO)
        relation = Relation(values["relation"]) if values.get("relation") else None
        qualification = Qualification(values["qualification"]) if values.get("qualification") else None
        include = frozenset(FuhyoItem(i) for i in values.get("include", ()))
    except (KeyError, ValueError):
        raise ValidationError("交付請求", "証明書の種類、請求者の種別（本人等は続柄）と記載する項目を選んでください") from None
    copies = values.get("copies", 1)
    if not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise ValidationError("通数", f"通数は1から{MAX_COPIES}までです")
    third, kouyou = kind is RequesterKind.DAISANSHA, kind is RequesterKind.KOUYOU
    professional = None
    if third and qualification is not None:
        professional = Professional(qualification, _text(values, "registration_no"), _text(values, "office"),
                                    _text(values, "form_no"), check_name(_text(values, "client"), "依頼者の氏名"))
    requester = Requester(
        kind, check_name(_text(values, "requester_name"), "請求者の氏名"), _text(values, "identification"),
        atena_no=_text(values, "requester_atena") if kind is RequesterKind.HONNIN else "",
        address=_text(values, "requester_address") if kind is not RequesterKind.KOUYOU else "",
        proxy_letter=_text(values, "proxy_letter") if kind is RequesterKind.DAIRININ else "",
        evidence=_text(values, "evidence") if third else "", professional=professional,
        agency_officer=_text(values, "agency_officer") if kouyou else "",
        legal_basis=_text(values, "legal_basis") if kouyou else "")
    members = tuple(str(m).strip() for m in values.get("members", ()) if str(m).strip())
    return FuhyoRequest(_text(values, "fuhyo"), requester, fuhyo_kind, members=members, relation=relation, of=_text(values, "of"),
                        reason=_text(values, "reason"), include=include, copies=copies,
                        fee_category=_text(values, "fee_category"))


def check_requester(request: FuhyoRequest, fuhyo: Fuhyo) -> None:
    """What each requester must state (法20条5項 with 12条3項, 12条の2第2項, 12条の3第4項 as it applies them);
    KofuIncomplete names what is missing, KofuRefused who may not ask (法20条1項〜4項)."""
    requester, kind = request.requester, request.requester.kind
    if not requester.identification:
        raise KofuIncomplete("本人確認の方法を入力してください（法20条5項・12条3項）")
    if requester.identification not in IDENTIFICATIONS and kind is not RequesterKind.KOUYOU:
        raise KofuIncomplete(f"本人確認書類「{requester.identification}」は使えません")
    if kind in (RequesterKind.HONNIN, RequesterKind.DAIRININ):
        if request.relation is None:
            raise KofuIncomplete("本人等の続柄（本人・配偶者・直系尊属・直系卑属）を選んでください（法20条1項）")
        if fuhyo.member(request.of) is None:
            raise KofuRefused("本人等の請求は、この附票に記録されている人（除かれた人を含む）又はその配偶者・直系尊属・"
                              "直系卑属に限ります。誰の本人等かを附票の人から選んでください（法20条1項）")
        if not requester.name:
            raise KofuIncomplete("請求者の氏名を入力してください")
    if kind is RequesterKind.DAIRININ:
        if not requester.address:
            raise KofuIncomplete("代理人の氏名と住所を入力してください")
        if not requester.proxy_letter:
            raise KofuIncomplete("代理人による請求には委任状が必要です")
    if kind is RequesterKind.KOUYOU:
        if not requester.name:
            raise KofuIncomplete("公用請求には請求する機関の名称を入力してください（法20条2項）")
        if not requester.agency_officer:
            raise KofuIncomplete("公用請求には請求の任に当たる職員の職名と氏名を入力してください（法20条2項）")
        if not requester.legal_basis:
            raise KofuIncomplete("公用請求には法令上の根拠（条項）を入力してください（法20条2項）")
    if kind is RequesterKind.DAISANSHA:
        if not requester.name or not requester.address:
            raise KofuIncomplete("第三者による請求には請求者の氏名と住所（法人・職務上請求は名称と所在地）が必要です"
                                 "（法20条3項）")
        if requester.professional is not None and (missing := requester.professional.missing()):
            raise KofuIncomplete(f"職務上請求には{'・'.join(missing)}の記載が必要です（法20条4項）")
        if requester.professional is None and not requester.evidence:
            raise KofuIncomplete("第三者による請求には正当な理由を明らかにする疎明資料が必要です（法20条3項）")
    if kind in (RequesterKind.DAISANSHA, RequesterKind.KOUYOU) and not request.reason:
        raise KofuIncomplete(f"{kind.value}による請求には請求事由が必要です（法20条2項・3項）")


def check_items(request: FuhyoRequest) -> frozenset[FuhyoItem]:
    """The items asked for beyond the defaults, if the requester may have them: 本籍・筆頭者 for anyone who asks
    specially (施行令: omitted unless asked for), the 住民票コード only for a 本人等 or their 代理人 (法30条の37・38:
    nobody else may use it)."""
    kind = request.requester.kind
    if FuhyoItem.JUMINHYO_CODE in request.include and kind not in (RequesterKind.HONNIN, RequesterKind.DAIRININ):
        raise KofuRefused(f"住民票コードは{kind.value}の請求には記載できません（本人等の請求に限ります）")
    return request.include


def check_issuable(request: FuhyoRequest, fuhyo: Fuhyo, today: dt.date) -> None:
    """A 附票の写し for a 附票 in use, a 除附票の写し for a closed one kept within its 150 years (法21条の3, 施行令34条);
    the persons asked for must be in it."""
    if request.kind is not fuhyo.kind:
        raise KofuIncomplete(f"この附票は{fuhyo.kind.value.removesuffix('の写し')}です。{fuhyo.kind.value}を請求してください")
    until = kept_until(fuhyo)
    if until is not None and today > until:
        raise KofuRefused(f"保存期間（{RETENTION_YEARS}年）を過ぎた除附票は交付できません（施行令34条）")
    for key in request.members:
        if fuhyo.member(key) is None:
            raise KofuIncomplete(f"この附票に {key} の人は記録されていません")


def printed_members(request: FuhyoRequest, fuhyo: Fuhyo) -> list[Member]:
    """The persons the copy prints, in the 附票's order: all, or those asked for (一部の写し)."""
    if not request.members:
        return list(fuhyo.members)
    wanted = {m.key for key in request.members if (m := fuhyo.member(key)) is not None}
    return [m for m in fuhyo.members if m.key in wanted]


def attestation(kind: FuhyoKind) -> str:
    return ("この写しは、戸籍の附票の原本と相違ないことを証明する。" if kind is FuhyoKind.FUHYO
            else "この写しは、除附票の原本と相違ないことを証明する。")


ROWS_PER_PAGE = 22  # the rows of persons a page holds (and its QR code carries)


def member_fields(member: Member, items: frozenset[FuhyoItem]) -> tuple[Field, ...]:
    """What the copy prints of one person: 氏名, 生年月日, 性別, (住民票コード), each 住所 with the day it was set in
    order (a 国外転出者 as such, with the 転出の予定年月日), the 在外選挙人名簿 and a 消除."""
    found = [Field("氏名", member.name), Field("生年月日", format_wareki(member.birth)), Field("性別", member.sex.value)]
    if FuhyoItem.JUMINHYO_CODE in items:
        found.append(Field("住民票コード", member.juminhyo_code or "（未記載）"))
    for line in member.addresses:
        if line.abroad:
            found += [Field("住所", ABROAD), Field("転出の予定年月日", format_wareki(line.since))]
        else:
            found += [Field("住所", line.address), Field("住所を定めた年月日", format_wareki(line.since))]
    if member.voter_town:
        found.append(Field("在外選挙人名簿", f"{member.voter_town}に登録"))
    if member.removed is not None:
        found.append(Field("消除", f"{format_wareki(member.removed.date)} {member.removed.reason}"))
    return tuple(found)


def _rows(fields: Sequence[Field]) -> int:
    """About how many rows of the form a person's fields take (a wide field a row, the others two by two)."""
    return sum(2 if f.label in ("氏名", "住所", "在外選挙人名簿", "消除") else 1 for f in fields) // 2 + 1


def build_certificate(request: FuhyoRequest, fuhyo: Fuhyo, items: frozenset[FuhyoItem], *, signed_by: Signatory,
                      issued_on: dt.date, issue_no: str, seal_png: bytes | None) -> Certificate:
    """The copy as the form prints it: 本籍・筆頭者 at the top of every page when asked for, the persons in pages."""
    pages: list[list[tuple[Field, ...]]] = [[]]
    used = 0
    for member in printed_members(request, fuhyo):
        fields = member_fields(member, items)
        if pages[-1] and used + _rows(fields) > ROWS_PER_PAGE:
            pages.append([])
            used = 0
        pages[-1].append(fields)
        used += _rows(fields)
    header = (Field("本籍", fuhyo.honseki), Field("筆頭者", fuhyo.head)) if FuhyoItem.HONSEKI in items else ()
    return Certificate(title=request.kind.value, kouyou=request.requester.kind is RequesterKind.KOUYOU,
                       individual=False, header=header, pages=tuple(tuple(p) for p in pages),
                       attestation=attestation(request.kind), issued_on=format_wareki(issued_on), signatory=signed_by,
                       issue_number=issue_no, seal_png=seal_png)


# --- the file of existing 附票 (移行) --------------------------------------------------------------------------------

IMPORT_COLUMNS = ("本籍", "筆頭者", "氏名", "生年月日", "性別", "住所", "住所を定めた年月日", "国外転出", "消除事由",
                  "消除日", "住民票コード")


@dataclass(frozen=True, slots=True)
class ImportedLine:
    number: int  # line in the file (the header is line 1)
    honseki: str
    head: str
    name: str
    birth: RegDate
    sex: Sex
    address: str
    since: RegDate
    abroad: bool
    removal: Removal | None
    juminhyo_code: str


def parse_import(text: str) -> list[ImportedLine]:
    """The lines of a file of existing 附票 (docs/fuhyo.md): a header of IMPORT_COLUMNS, then one line per 住所 of a
    person, in order. Every line is checked before any is taken: ValidationError names each bad line."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or tuple(c.strip() for c in rows[0]) != IMPORT_COLUMNS:
        raise ValidationError("附票ファイル", f"1行目は見出し（{','.join(IMPORT_COLUMNS)}）にしてください")
    found, bad = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            found.append(_line(number, row))
        except ValidationError as exc:
            bad.append(f"{number}行目: {exc.item}: {exc.message}")
    if bad:
        raise ValidationError("附票ファイル", "\n".join(bad))
    if not found:
        raise ValidationError("附票ファイル", "附票の行が一行もありません")
    return found


def _line(number: int, row: Sequence[str]) -> ImportedLine:
    if len(row) != len(IMPORT_COLUMNS):
        raise ValidationError("列の数", f"{len(IMPORT_COLUMNS)}列のはずが{len(row)}列です")
    cells = dict(zip(IMPORT_COLUMNS, (c.strip() for c in row), strict=True))
    for item in ("本籍", "筆頭者", "氏名", "生年月日", "性別", "住所を定めた年月日"):
        if not cells[item]:
            raise ValidationError(item, "入力されていません")
        check_name(cells[item], item)
    try:
        sex = Sex(cells["性別"])
    except ValueError:
        raise ValidationError("性別", "性別は「男」か「女」です") from None
    abroad = cells["国外転出"] in ("1", "国外転出")
    if cells["国外転出"] not in ("", "1", "国外転出"):
        raise ValidationError("国外転出", "国外転出は空欄か「1」です")
    if not abroad and not cells["住所"]:
        raise ValidationError("住所", "入力されていません（国外転出者は国外転出を「1」に）")
    check_name(cells["住所"], "住所")
    if bool(cells["消除事由"]) != bool(cells["消除日"]):
        raise ValidationError("消除", "消除事由と消除日は両方を入力してください")
    removal = Removal(check_name(cells["消除事由"], "消除事由"), parse_date(cells["消除日"], item="消除日")) \
        if cells["消除事由"] else None
    code = cells["住民票コード"]
    if code and not (len(code) == 11 and code.isdigit()):
        raise ValidationError("住民票コード", "住民票コードは11桁の数字です")
    return ImportedLine(number, cells["本籍"], cells["筆頭者"], cells["氏名"],
                        parse_date(cells["生年月日"], item="生年月日", allow_unknown=True), sex, cells["住所"],
                        parse_date(cells["住所を定めた年月日"], item="住所を定めた年月日"), abroad, removal, code)


def person_of(line: ImportedLine) -> tuple[str, str, str]:
    """What makes lines one person's in the file: 本籍, 氏名 and 生年月日."""
    return place_key(line.honseki), canonical(line.name), line.birth.iso


# --- incoming notices (法19条, and the 戸籍 side) ----------------------------------------------------------------------

NOTICE_KIND = "附票記載事項通知"  # from the town of the 住所 (法19条1項): as `domain.notices` sends it
KOSEKI_NOTICE_KIND = "戸籍の記載（附票）"  # from the 戸籍 of this town: who enters or leaves a 戸籍, its 転籍


class KosekiEvent(StrEnum):
    NYUSEKI = "入籍"  # enters a 戸籍 (a new one is opened when its 附票 is not here)
    JOSEKI = "除籍"  # leaves it (`reason`: 婚姻, 養子縁組 …)
    TENSEKI = "転籍"  # the whole 戸籍 moves its 本籍: this 附票 closes (a new one here when it stays in the town)
    BUNSEKI = "分籍"  # leaves it for a 戸籍 of her own
    DEATH = "死亡"
    NAME = "氏名の変更"


NOTICE_PERSON_KEYS: dict[str, tuple[set[str], set[str]]] = {  # (required, optional) keys of a notice's `person`
    NOTICE_KIND: ({"event", "honseki", "honseki_head", "name", "birth", "address", "address_since"},
                  {"removal", "sex", "name_kana"}),
    KOSEKI_NOTICE_KIND: ({"event", "honseki", "honseki_head", "name", "birth", "date"},
                         {"sex", "reason", "new_honseki", "new_head", "new_name", "address", "address_since"}),
}


def check_notice_person(kind: str, person: Any) -> None:
    """The `person` of an incoming 附票 notice is well formed; ValidationError names the first item that is not."""
    required, optional = NOTICE_PERSON_KEYS[kind]
    if not isinstance(person, Mapping):
        raise ValidationError("対象者", "対象者はJSONのオブジェクトで入力してください")
    if missing := sorted(required - set(person)):
        raise ValidationError("対象者", f"対象者に項目がありません: {', '.join(missing)}")
    if unknown := sorted(set(person) - required - optional):
        raise ValidationError("対象者", f"対象者に使えない項目があります: {', '.join(unknown)}")
    texts = (required | optional) - {"birth", "address_since", "date", "removal"}
    for key in sorted(texts & set(person)):
        if not isinstance(person[key], str):
            raise ValidationError(key, f"{key}は文字で入力してください")
        check_name(person[key], key)
    for key in ("birth", "address_since", "date"):
        if key in person:
            try:
                RegDate.from_json(person[key])
            except (ValidationError, TypeError):
                raise ValidationError(key, f"{key}は YYYY-MM-DD で入力してください") from None
    if "sex" in person and person["sex"] not in ("男", "女"):
        raise ValidationError("性別", "性別は「男」か「女」です")
    events = ("記載", "消除", "修正") if kind == NOTICE_KIND else tuple(e.value for e in KosekiEvent)
    if person["event"] not in events:
        raise ValidationError("事由", f"事由は {'、'.join(events)} のいずれかです")
    if kind == KOSEKI_NOTICE_KIND and person["event"] in (KosekiEvent.NYUSEKI, KosekiEvent.BUNSEKI) \
            and "sex" not in person:
        raise ValidationError("性別", f"{person['event']}の通知には性別が必要です")
    removal = person.get("removal")
    if removal is not None and not (isinstance(removal, Mapping) and isinstance(removal.get("reason"), str)
                                    and isinstance(removal.get("date"), str | dict)):
        raise ValidationError("消除の記載事項", "removal は reason と date を持つオブジェクトです")


class NoticeUnmatched(ValidationError):
    """The 附票 or the person a notice names is not here: the notice can only be rejected."""

    def __init__(self, message: str) -> None:
        super().__init__("通知の対象者", message)


def notice_changes(notice: Mapping[str, Any], find: Callable[[str, str], Fuhyo | None],
                   in_town: Callable[[str], bool], new_id: Callable[[], str]) -> list[dict[str, Any]]:
    """The changes an incoming 附票 notice makes (法18条: 職権で記載・消除・修正). `find(本籍, 筆頭者)` gives the
    附票 in use, `in_town(本籍)` whether a 本籍 is in this town, `new_id()` a fresh id. NoticeUnmatched when the 附票
    or the person is not here."""
    person = notice["person"]
    date = RegDate.from_json(person.get("date") or person.get("address_since") or person["birth"])
    found = find(person["honseki"], person["honseki_head"])
    event = person["event"]
    if notice["kind"] == KOSEKI_NOTICE_KIND and event == KosekiEvent.NYUSEKI:
        return _entered(person, found, date, new_id)
    if found is None:
        raise NoticeUnmatched(f"本籍 {person['honseki']}・筆頭者 {person['honseki_head']} の附票はありません")
    member = next((m for m in found.members if m.removed is None and canonical(m.name) == canonical(person["name"])
                   and m.birth == RegDate.from_json(person["birth"])), None)
    if member is None:
        raise NoticeUnmatched(f"この附票に {person['name']}（{person['birth']}）は記録されていません")
    if notice["kind"] == NOTICE_KIND:
        return _residence(found, member, person, date)
    base = {"fuhyo": found.id, "member": member.key, "date": date.to_json()}
    if event == KosekiEvent.NAME:
        name = person.get("new_name") or person["name"]
        changes = [{"change": Change.CORRECT.value, **base, "name": name}]
        if canonical(member.name) == canonical(found.head):  # the 筆頭者's: the 戸籍の表示 changes with it
            changes.append({"change": Change.DISPLAY.value, "fuhyo": found.id, "honseki": found.honseki,
                            "head": name, "date": date.to_json()})
        return changes
    if event in (KosekiEvent.JOSEKI, KosekiEvent.DEATH):
        reason = "死亡" if event == KosekiEvent.DEATH else person.get("reason") or "除籍"
        return [{"change": Change.REMOVE.value, **base, "reason": reason}]
    if event == KosekiEvent.BUNSEKI:
        changes = [{"change": Change.REMOVE.value, **base, "reason": "分籍"}]
        return changes + _moved(person, [member], person["name"], date, in_town, new_id)
    # 転籍: the whole 附票 closes; a 本籍 still in this town gets a new one with everyone who stays in the 戸籍.
    changes = [{"change": Change.CLOSE.value, "fuhyo": found.id, "reason": "転籍", "date": date.to_json()}]
    staying = [m for m in found.members if m.removed is None]
    return changes + _moved(person, staying, person.get("new_head") or found.head, date, in_town, new_id)


def _entered(person: Mapping[str, Any], found: Fuhyo | None, date: RegDate,
             new_id: Callable[[], str]) -> list[dict[str, Any]]:
    """入籍: the person enters the 附票 (opened first when the 戸籍 is new), with her 住所 when the notice gives it."""
    changes: list[dict[str, Any]] = []
    if found is None:
        found = Fuhyo(new_id(), person["honseki"], person["honseki_head"], date)
        changes.append({"change": Change.OPEN.value, "fuhyo": found.id, "honseki": found.honseki, "head": found.head,
                        "date": date.to_json()})
    key = new_id()
    changes.append({"change": Change.ENTER.value, "fuhyo": found.id, "member": key, "name": person["name"],
                    "birth": RegDate.from_json(person["birth"]).to_json(), "sex": person["sex"], "reason": "入籍",
                    "date": date.to_json()})
    if person.get("address"):
        since = RegDate.from_json(person.get("address_since") or date.to_json())
        changes.append({"change": Change.ADDRESS.value, "fuhyo": found.id, "member": key,
                        "address": person["address"], "since": since.to_json(), "date": date.to_json()})
    return changes


def _moved(person: Mapping[str, Any], members: list[Member], head: str, date: RegDate,
           in_town: Callable[[str], bool], new_id: Callable[[], str]) -> list[dict[str, Any]]:
    """The new 附票 of a 戸籍 whose new 本籍 is in this town, with its persons and their addresses (分籍, 転籍)."""
    place = person.get("new_honseki", "")
    if not place or not in_town(place):
        return []
    fuhyo_id = new_id()
    changes: list[dict[str, Any]] = [{"change": Change.OPEN.value, "fuhyo": fuhyo_id, "honseki": place,
                                      "head": head, "date": date.to_json()}]
    for m in members:
        key = new_id()
        changes.append({"change": Change.ENTER.value, "fuhyo": fuhyo_id, "member": key, "name": m.name,
                        "birth": m.birth.to_json(), "sex": m.sex.value, "reason": str(person["event"]),
                        "date": date.to_json(), **({"atena_no": m.atena_no} if m.atena_no else {}),
                        **({"juminhyo_code": m.juminhyo_code} if m.juminhyo_code else {})})
        for line in m.addresses[-1:]:
            changes.append({"change": Change.ABROAD.value if line.abroad else Change.ADDRESS.value,
                            "fuhyo": fuhyo_id, "member": key, "since": line.since.to_json(), "date": date.to_json(),
                            **({} if line.abroad else {"address": line.address})})
    return changes


def _residence(found: Fuhyo, member: Member, person: Mapping[str, Any], date: RegDate) -> list[dict[str, Any]]:
    """附票記載事項通知 (法19条1項): the new 住所 and the day it was set; a 国外転出 from its day; a 死亡 removes the
    person. A 国内転出 changes nothing: the town she moves to sends her new 住所."""
    removal = person.get("removal")
    if person["event"] == "消除" and removal is not None:
        day = RegDate.from_json(removal["date"])
        if removal["reason"] == "国外転出":
            return address_changes(found.id, member, "", day, abroad=True, date=date)
        if removal["reason"] == "死亡":
            return [{"change": Change.REMOVE.value, "fuhyo": found.id, "member": member.key, "reason": "死亡",
                     "date": day.to_json()}]
        return []
    return address_changes(found.id, member, person["address"], RegDate.from_json(person["address_since"]),
                           abroad=False, date=date)
