"""異動: one immutable document per 処理, holding the new row of every person it affects (§1.2, §1.3).

`plan_idou` turns a request (the JSON form the README documents, also built by the window) into an `Idou`, checked
against the registry's current state; a broken rule raises a `ValidationError` naming the item in Japanese and
nothing is written. The store appends the document and derives current state from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

from domain import office_items
from domain.address_key import address_key
from domain.check_digits import validate_juminhyo_code, validate_mynumber
from domain.errors import ValidationError
from domain.household import HEAD, check_household, validate_relationship
from domain.kana import to_katakana
from domain.names import check_name
from domain.person_rules import check_person
from domain.records import (
    CATEGORY_ITEMS,
    LABELS,
    NAME_ALPHABET,
    NAME_KANJI,
    NAME_PRIORITY,
    PERMANENT_STATUS,
    Address,
    ForeignItems,
    Honseki,
    HonsekiKind,
    Person,
    Removal,
    ResidentKind,
    Sex,
    Status,
    TsushoEntry,
)
from domain.wareki import RegDate, format_wareki, parse_date


class Category(StrEnum):
    RECORD = "記載"
    REMOVE = "消除"
    CHANGE = "修正"


# 異動事由 of §1.2.2 and the kind of each.
REASONS: dict[str, Category] = {
    "国内転入": Category.RECORD,
    "国外転入等": Category.RECORD,
    "出生": Category.RECORD,
    "職権記載": Category.RECORD,
    "職権記載（帰化等）": Category.RECORD,
    "未届転入": Category.RECORD,
    # 改製 and 再製 make a new 住民票 of the same content; the one before stays in the history (改製原住民票).
    "改製": Category.RECORD,
    "再製": Category.RECORD,
    "国内転出": Category.REMOVE,
    "国外転出": Category.REMOVE,
    "死亡": Category.REMOVE,
    "職権消除": Category.REMOVE,
    "職権消除（国籍喪失等）": Category.REMOVE,
    "転居": Category.CHANGE,
    "世帯主変更": Category.CHANGE,
    "世帯分離": Category.CHANGE,
    "世帯合併": Category.CHANGE,
    "世帯変更": Category.CHANGE,
    "職権修正": Category.CHANGE,
    "軽微な修正": Category.CHANGE,
    "誤記修正": Category.CHANGE,
    "住民票コードの職権記載": Category.CHANGE,
    "個人番号の変更請求": Category.CHANGE,
    "住民票コードの変更請求": Category.CHANGE,
    "旧氏の記載": Category.CHANGE,
    "旧氏の削除": Category.CHANGE,
    "通称の記載": Category.CHANGE,
    "通称の削除": Category.CHANGE,
    "異動の取消し": Category.CHANGE,
    "転出取消": Category.CHANGE,
}
# A 異動 recorded in error is undone by a new one that names it; nothing is overwritten.
CANCEL = "異動の取消し"
# A 転出届 withdrawn by a new 届出 before its 予定日: undone like a 異動 recorded in error.
WITHDRAW_MOVE_OUT = "転出取消"
CANCELLING = {CANCEL, WITHDRAW_MOVE_OUT}
# 住民届 (法22–25条): filed by a 届出人 within 14 days; the others are recorded from the 戸籍 side or 職権.
NOTIFIED = {"国内転入", "国外転入等", "国内転出", "国外転出", "転居", "世帯主変更", "世帯分離", "世帯合併", "世帯変更",
            WITHDRAW_MOVE_OUT}
# 請求 and 申出 of the person concerned (or their 法定代理人), who is named and identified like a 届出人: 個人番号の変更請求
# (番号法7条2項), 住民票コードの変更請求 (法30条の4), 旧氏 (施行令30条の14, 30条の16) and 通称 (施行令30条の26). The
# 請求 takes effect on the day it is made: its date is the 異動日.
REQUESTED = {"個人番号の変更請求", "住民票コードの変更請求", "旧氏の記載", "旧氏の削除", "通称の記載", "通称の削除"}
# 記載 by 職権: the 届出日 of 法7条8号 is the day it is recorded.
EX_OFFICIO_RECORD = {"職権記載", "職権記載（帰化等）", "未届転入"}
NATURALIZED = "職権記載（帰化等）"
LOST_NATIONALITY = "職権消除（国籍喪失等）"
# §4.1.1.4: a 転入 without a 転入届, recorded by 職権; its 転入前住所 is the last known one, marked as not notified.
UNNOTIFIED_MOVE_IN = "未届転入"
UNNOTIFIED_MARK = "（未届）"
# 住民届 are due within 14 days (法22–25条); one filed later is reported to the 簡易裁判所 (法52条).
NOTIFICATION_DAYS = 14
# 法24条 lets a 転出届 be made before the move, but sets no limit on how far ahead; the reference is silent too. A
# 転出予定日 more than this many days after the 届出日 is refused as not yet a settled move (the town's practice).
MOVE_OUT_NOTICE_DAYS = 30
MOVE_OUT_IN_TOWN = "転出先がこの市区町村内です。転居として届け出てください"
MOVE_OUT = {"国内転出", "国外転出"}
MOVE_IN = {"国内転入", "国外転入等"}
BIRTH = "出生"
# 死亡 of a 世帯主 who leaves others behind: a new 世帯主 is named in the same 異動 (§4.0.4).
HEAD_DIES = "世帯主が死亡します。残る世帯員から新しい世帯主を指定してください（relationships）"
# A 住民票コード is for life (法30条の3): one who moves in from another town brings it on the 転出証明書, and one who
# comes back from abroad or is recorded by 職権 gives the code they had; only a person never recorded in any 住民基本台帳
# (a child born, or `first_record` stated for them) gets one from the terminal's pool.
FIRST_CODE = {"出生", "国外転入等", "職権記載"}
FIRST_RECORD = "住民票に初めて記載される人だけが新しい住民票コードを受けます。以前の住民票コードを入力するか、初めての記載であること（first_record）を指定してください"
# 異動事由 (§1.2.2) of filling in the 住民票コード of a person recorded while the terminal's pool was empty.
CODE_ENTRY = "住民票コードの職権記載"
# 法30条の4: a new 住民票コード at the person's 請求; the one given up is never given to anyone again.
CODE_CHANGE = "住民票コードの変更請求"
# 誤記修正: an item entered wrongly by a 異動 is put right by a new one that names it.
MISENTRY = "誤記修正"
CORRECTIONS = {"職権修正", "軽微な修正", MISENTRY}
# Items a correction may set, and how each is read from the request.
CORRECTABLE = (
    "name",
    "name_kana",
    "kana_confirmed",
    "former_surname",
    "former_surname_kana",
    "birth",
    "sex",
    "relationship",
    "honseki",
    "mynumber",
    "juminhyo_code",
    "remarks",
    "katagaki",
    "address_code",
    "postal_code",
    "foreign",
    "moved_in",
    "offices",  # 法7条9号〜11号の2 (domain.office_items)
)


@dataclass(frozen=True, slots=True)
class Notifier:
    """届出人: who filed the 届出, their relation to the persons concerned, and how they were identified."""

    name: str
    relation: str
    identification: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "relation": self.relation, "identification": self.identification}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Notifier:
        return cls(str(value["name"]), str(value["relation"]), str(value["identification"]))


@dataclass(frozen=True, slots=True)
class MoveOutCertificate:
    """The 転出証明書 a 国内転入 was based on (法22条2項, 施行令23条): the town that issued it, and the 転出予定日 and
    転出先 as written on it."""

    town: str
    planned_on: RegDate
    destination: str

    def to_json(self) -> dict[str, Any]:
        return {"town": self.town, "planned_on": self.planned_on.to_json(), "destination": self.destination}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> MoveOutCertificate:
        return cls(str(value["town"]), RegDate.from_json(value["planned_on"]), str(value["destination"]))


@dataclass(frozen=True, slots=True)
class RowChange:
    """The new row of one person, and the 異動 documents holding the row(s) it was based on."""

    parents: tuple[str, ...]
    row: Person


@dataclass(frozen=True, slots=True)
class Idou:
    reason: str
    idou_date: RegDate
    notified_on: RegDate | None
    processed_at: str  # ISO timestamp, set by the terminal: 処理日
    terminal: str
    staff: str
    rows: tuple[RowChange, ...]
    notifier: Notifier | None = None
    note: str = ""  # 留意事項
    cancels: str = ""  # 異動の取消し, 転出取消: the document of the 異動 it undoes
    corrects: str = ""  # 誤記修正: the document of the 異動 whose entry it corrects
    certificate: MoveOutCertificate | None = None  # 国内転入: the 転出証明書 it was based on
    # 宛名番号 of the persons this 異動 gave a 住民票コード anew (法30条の3第2項: one never recorded in any 住民基本台帳;
    # 法30条の4第3項: a new one at their 請求): each is owed a 住民票コード通知 in writing (`domain.code_notice`).
    code_notices: tuple[str, ...] = ()

    @property
    def category(self) -> Category:
        return REASONS[self.reason]

    def to_json(self) -> dict[str, Any]:
        return ({"cancels": self.cancels} if self.cancels else {}) | ({"corrects": self.corrects} if self.corrects
                                                                      else {}) | (
            {"certificate": self.certificate.to_json()} if self.certificate else {}) | (
            {"code_notices": list(self.code_notices)} if self.code_notices else {}) | {
            "reason": self.reason,
            "category": self.category.value,
            "idou_date": self.idou_date.to_json(),
            "notified_on": self.notified_on.to_json() if self.notified_on else None,
            "processed_at": self.processed_at,
            "terminal": self.terminal,
            "staff": self.staff,
            "notifier": self.notifier.to_json() if self.notifier else None,
            "note": self.note,
            "rows": [{"parents": list(c.parents), "row": c.row.to_json()} for c in self.rows],
        }

    @classmethod
    def from_json(cls, v: Mapping[str, Any]) -> Idou:
        return cls(
            reason=v["reason"],
            idou_date=RegDate.from_json(v["idou_date"]),
            notified_on=RegDate.from_json(v["notified_on"]) if v.get("notified_on") else None,
            processed_at=v["processed_at"],
            terminal=v["terminal"],
            staff=v["staff"],
            notifier=Notifier.from_json(v["notifier"]) if v.get("notifier") else None,
            note=v.get("note", ""),
            rows=tuple(RowChange(tuple(r["parents"]), Person.from_json(r["row"])) for r in v["rows"]),
            cancels=v.get("cancels", ""),
            corrects=v.get("corrects", ""),
            certificate=MoveOutCertificate.from_json(v["certificate"]) if v.get("certificate") else None,
            code_notices=tuple(str(a) for a in v.get("code_notices", ())),
        )


@dataclass(frozen=True, slots=True)
class Current:
    """A person's current row and the tip document(s) it comes from (two or more: a fork to review)."""

    person: Person
    tips: tuple[str, ...]

    @property
    def forked(self) -> bool:
        return len(self.tips) > 1


class RegistryState(Protocol):
    def current(self, atena_no: str) -> Current | None: ...

    def document(self, doc_id: str) -> Idou | None:
        """A recorded 異動, by its document id."""
        ...

    def household(self, setai_no: str) -> list[Current]:
        """The resident members of a household."""
        ...


class NumberSource(Protocol):
    def next_atena_no(self) -> str: ...

    def next_setai_no(self) -> str: ...

    def next_juminhyo_code(self) -> str:
        """A 住民票コード from this terminal's pool, or "" when it is empty (the person then waits for one)."""
        ...


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date
    processed_at: str
    terminal: str
    staff: str
    town: str = ""  # 都道府県名 and 市区町村名 of the registry's own municipality



def overdue_days(idou_date: RegDate, notified_on: RegDate | None) -> int:
    """Days past the 14 allowed between the 異動日 and the 届出日 of a 住民届 (0: in time, or not a calendar date)."""
    if notified_on is None or not idou_date.is_calendar or not notified_on.is_calendar:
        return 0
    return max(0, (notified_on.to_date() - idou_date.to_date()).days - NOTIFICATION_DAYS)


def check_request_keys(request: Mapping[str, Any], allowed: set[str], item: str = "異動の内容") -> None:
    unknown = sorted(set(request) - allowed)
    if unknown:
        raise ValidationError(item, f"この異動では使えない項目があります: {', '.join(unknown)}")


# --- reading the request -------------------------------------------------------------------------------------------


def _text(value: Any, item: str, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(item, f"{item}は文字で入力してください")
    value = value.strip()
    if required and not value:
        raise ValidationError(item, f"{item}を入力してください")
    return check_name(value, item)


def _date(value: Any, item: str, *, lenient: bool = False) -> RegDate:
    if isinstance(value, Mapping):
        try:
            return RegDate.from_json(dict(value))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(item, f"{item}の形が正しくありません") from exc
    return parse_date(_text(value, item), item=item, allow_noncalendar=lenient, allow_unknown=lenient)


def _kana(value: Any, item: str) -> str:
    return to_katakana(_text(value, item, required=False))


def _address(value: Any, item: str = "住所") -> Address:
    if not isinstance(value, Mapping):
        raise ValidationError(item, "住所は text（住所）・katagaki（方書）・code（住所コード）・postal_code（郵便番号）で入力してください")
    check_request_keys(value, {"text", "katagaki", "code", "postal_code"}, item)
    return Address(
        _text(value.get("text"), "住所"),
        _text(value.get("katagaki"), "方書", required=False),
        _text(value.get("code"), "住所コード", required=False),
        _text(value.get("postal_code"), "郵便番号", required=False),
    )


def _honseki(value: Any) -> Honseki:
    if value in ("なし", "不明"):
        return Honseki(HonsekiKind(value))
    if not isinstance(value, Mapping):
        raise ValidationError("本籍・筆頭者", "本籍・筆頭者は place（本籍）と head（筆頭者）、または「なし」「不明」で入力してください")
    check_request_keys(value, {"place", "head"}, "本籍・筆頭者")
    return Honseki(HonsekiKind.RECORDED, _text(value.get("place"), "本籍"), _text(value.get("head"), "筆頭者"))


def _foreign(value: Any, before: ForeignItems | None = None) -> ForeignItems:
    """The items of a foreign resident, those of its 区分 and no other's (法30条の45); the 通称 history is kept from
    `before` unless given."""
    item = "外国人住民の記載事項"
    if not isinstance(value, Mapping):
        raise ValidationError(item, f"{item}を入力してください")
    check_request_keys(
        value,
        {"alphabet_name", "nationality", "category", "became_resident", "residence_status", "period",
         "period_expiry", "card_number", "tsusho", "tsusho_history", "landing_period", "provisional_period",
         "name_priority"},
        item,
    )
    expiry = value.get("period_expiry")
    history = _tsusho_history(value["tsusho_history"]) if "tsusho_history" in value else (
        before.tsusho_history if before is not None else ())
    priority = value.get("name_priority") or NAME_KANJI
    if priority not in (NAME_KANJI, NAME_ALPHABET):
        raise ValidationError(NAME_PRIORITY, f"{NAME_PRIORITY}は「{NAME_KANJI}」か「{NAME_ALPHABET}」で入力してください")
    items = ForeignItems(
        alphabet_name=_text(value.get("alphabet_name"), "氏名（アルファベット）"),
        nationality=_text(value.get("nationality"), "国籍・地域"),
        category=_text(value.get("category"), "法第30条の45に規定する区分"),
        became_resident=_date(value.get("became_resident"), "外国人住民となった年月日", lenient=True),
        residence_status=_text(value.get("residence_status"), "在留資格", required=False),
        period=_text(value.get("period"), "在留期間", required=False),
        period_expiry=_date(expiry, "在留期間の満了の日") if expiry else None,
        card_number=_text(value.get("card_number"), "在留カード等の番号", required=False).upper(),
        tsusho=_text(value.get("tsusho"), "通称", required=False),
        tsusho_history=history,
        landing_period=_text(value.get("landing_period"), "上陸期間", required=False),
        provisional_period=_text(value.get("provisional_period"), "仮滞在期間", required=False),
        name_priority=priority,
    )
    _check_category_items(items)
    return items


def _check_category_items(items: ForeignItems) -> None:
    """法30条の45 表: a 区分 has its items (在留期間 and its 満了の日 not for a 永住者) and none of another 区分's."""
    if items.category not in CATEGORY_ITEMS:
        return  # an unknown 区分 is refused by name (person_rules)
    own = set(CATEGORY_ITEMS[items.category])
    if items.residence_status == PERMANENT_STATUS:
        own -= {"period", "period_expiry"}
    for key in dict.fromkeys(k for keys in CATEGORY_ITEMS.values() for k in keys):
        label = LABELS[f"foreign.{key}"]
        given = getattr(items, key) not in ("", None)
        if key in own and not given:
            raise ValidationError(label, f"{items.category}は{label}を記載します（法30条の45）。{label}を入力してください")
        if key not in own and given:
            whose = (f"在留資格が{PERMANENT_STATUS}の人" if key in CATEGORY_ITEMS[items.category]
                     else items.category)
            raise ValidationError(label, f"{whose}に{label}は記載しません（法30条の45）")


def _tsusho_history(value: Any) -> tuple[TsushoEntry, ...]:
    """The 通称 history as the 転出証明書 gives it (施行令30条の27): each 通称, the day and 市区町村 of its 記載 and, if
    deleted, of its 削除."""
    item = "通称の記載・削除の履歴"
    if not isinstance(value, list):
        raise ValidationError(item, f"{item}は一覧で入力してください")
    entries = []
    for raw in value:
        if not isinstance(raw, Mapping):
            raise ValidationError(item, f"{item}は tsusho・recorded_on・recorded_town（・removed_on・removed_town）で入力してください")
        check_request_keys(raw, {"tsusho", "recorded_on", "recorded_town", "removed_on", "removed_town"}, item)
        removed = raw.get("removed_on")
        entries.append(TsushoEntry(
            _text(raw.get("tsusho"), "通称"), _date(raw.get("recorded_on"), "通称を記載した年月日"),
            _text(raw.get("recorded_town"), "通称を記載した市区町村"),
            _date(removed, "通称を削除した年月日") if removed else None,
            _text(raw.get("removed_town"), "通称を削除した市区町村", required=bool(removed))))
    return tuple(entries)


def _mynumber(value: Any) -> str:
    """個人番号 as stored: its 12 digits without separators (full-width digits as ASCII), or "" while awaited."""
    text = _text(value, "個人番号", required=False)
    return validate_mynumber(text) if text else ""


def _sex(value: Any) -> Sex:
    try:
        return Sex(value)
    except ValueError:
        raise ValidationError("性別", "性別は「男」か「女」で入力してください") from None


def _atena_list(value: Any, item: str = "対象者") -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ValidationError(item, f"{item}の宛名番号を一つ以上入力してください")
    if len(set(value)) != len(value):
        raise ValidationError(item, f"{item}に同じ宛名番号が二度あります")
    return list(value)


def _relationships(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError("続柄", "続柄は宛名番号ごとに入力してください")
    return {str(k): validate_relationship(_text(v, "続柄"), "続柄") for k, v in value.items()}


def moving_out_later(person: Person, today: dt.date) -> bool:
    """A 転出 recorded whose 転出予定日 has not come (転出予定): the person still lives here, and its items are not
    printed."""
    removal = person.removal
    return (person.status is Status.MOVED_OUT and removal is not None and removal.reason in MOVE_OUT
            and removal.date.iso > today.isoformat())


# --- planning ------------------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    request: Mapping[str, Any]
    state: RegistryState
    numbers: NumberSource
    ctx: Context
    reason: str
    idou_date: RegDate
    notified_on: RegDate | None
    entry_notified_on: RegDate | None  # 法7条8号 of the persons a 記載 records
    new_codes: set[str] = field(default_factory=set)  # 住民票コード recorded anew: owed a 住民票コード通知

    def draw_code(self) -> str:
        """A 住民票コード from the pool for one never recorded, or changed at their 請求 ("" while it is empty)."""
        code = self.numbers.next_juminhyo_code()
        if code:
            self.new_codes.add(code)
        return code

    def recorded(self, atena_no: str) -> Current:
        current = self.state.current(atena_no)
        if current is None:
            raise ValidationError("宛名番号", f"宛名番号 {atena_no} の人は登録されていません")
        return current

    def resident(self, atena_no: str) -> Current:
        current = self.recorded(atena_no)
        if not current.person.is_resident:
            raise ValidationError("住民状態", f"宛名番号 {atena_no} の人は住民ではありません（{current.person.status.value}）")
        if current.forked and self.reason not in CORRECTIONS:
            raise ValidationError(
                "要確認", f"宛名番号 {atena_no} の人には並行した異動があり確認待ちです。先に職権修正で確定してください"
            )
        return current

    def living_here(self, atena_no: str) -> Current:
        """A 住民, or one whose 転出届 is recorded and whose 転出予定日 has not come (転出予定): they still live here
        (法24条: a 転出 takes effect on the move), so the items the town records of them (a 住民票コード or 個人番号
        that came late, which their 転出証明書 needs) can still be recorded. Not one already removed."""
        current = self.recorded(atena_no)
        if not moving_out_later(current.person, self.ctx.today):
            return self.resident(atena_no)
        if current.forked and self.reason not in CORRECTIONS:
            raise ValidationError(
                "要確認", f"宛名番号 {atena_no} の人には並行した異動があり確認待ちです。先に職権修正で確定してください"
            )
        return current

    def members(self, setai_no: str) -> list[Current]:
        members = self.state.household(setai_no)
        if not members:
            raise ValidationError("世帯番号", f"世帯番号 {setai_no} の世帯には住民がいません")
        return members

    def common_household(self, targets: list[Current]) -> str:
        households = {c.person.setai_no for c in targets}
        if len(households) != 1:
            raise ValidationError("対象者", "対象者は同じ世帯の人にしてください")
        return households.pop()

    def notified(self, person: Person) -> Person:
        return person.evolve(notified_on=self.notified_on) if self.notified_on else person


def plan_idou(request: Mapping[str, Any], state: RegistryState, numbers: NumberSource, ctx: Context) -> Idou:
    """Check a request against the rules and the current state and build its 異動 document."""
    if not isinstance(request, Mapping):
        raise ValidationError("異動の内容", "異動の内容はJSONのオブジェクトで入力してください")
    reason = request.get("reason")
    if not isinstance(reason, str) or reason not in REASONS:
        raise ValidationError("異動事由", f"異動事由「{reason}」は扱えません（{'、'.join(REASONS)}）")
    handler, keys = _HANDLERS[reason]
    check_request_keys(request, keys | {"reason", "idou_date", "notified_on", "notifier", "note"})
    lenient = reason in ("出生", "死亡")
    if reason == CANCEL:
        if request.get("idou_date") is not None:
            raise ValidationError("異動日", "取消しの異動日は取り消す異動の異動日です。入力しません")
        idou_date = _cancelled(request, state).idou_date
    else:
        idou_date = _date(request.get("idou_date"), "異動日", lenient=lenient)
    if reason not in MOVE_OUT and idou_date.iso > ctx.today.isoformat():
        raise ValidationError("異動日", "異動日に今日より後の日は入れられません（転出の予定日を除きます）")
    notifier: Notifier | None = None
    notified_on: RegDate | None = None
    entry_notified_on: RegDate | None = None
    if reason in NOTIFIED:
        notified_on = _notified_on(request, idou_date, ctx, after_idou=reason not in MOVE_OUT)
        notifier = _notifier(request.get("notifier"), "届出人")
        if reason in MOVE_IN:
            entry_notified_on = notified_on
    elif reason in REQUESTED:
        if request.get("notified_on") is not None:
            raise ValidationError("届出日", f"{reason}は請求・申出の日が異動日です。届出日は入れません")
        notifier = _notifier(request.get("notifier"), "請求者")
    elif reason == BIRTH:
        # The 出生届 is a 戸籍届出 (its 届出人 is on the 届書): only its 届出日 is kept, on the child's row (法7条8号).
        if request.get("notifier") is not None:
            raise ValidationError("届出人", "出生の届出人は戸籍の届書に記載されています。届出人は入れません")
        entry_notified_on = _notified_on(request, idou_date, ctx, after_idou=True)
    elif request.get("notified_on") is not None or request.get("notifier") is not None:
        raise ValidationError("届出人", f"{reason}は届出によらない異動です。届出人・届出日は入れません")
    if reason in EX_OFFICIO_RECORD:
        entry_notified_on = RegDate.of(ctx.today)  # 法7条8号: a 職権記載 gives the day it was recorded
    plan = _Plan(request, state, numbers, ctx, reason, idou_date, notified_on, entry_notified_on)
    rows = handler(plan)
    by_household: dict[str, list[Person]] = {}
    for change in rows:
        check_person(change.row, ctx.today)
    _check_households(plan, rows, by_household)
    _check_mynumbers(rows)
    return Idou(
        reason=reason,
        idou_date=idou_date,
        notified_on=notified_on,
        processed_at=ctx.processed_at,
        terminal=ctx.terminal,
        staff=ctx.staff,
        rows=tuple(rows),
        notifier=notifier,
        note=_text(request.get("note"), "留意事項", required=False),
        cancels=_text(request.get("cancels"), "取り消す異動") if reason in CANCELLING else "",
        corrects=_text(request.get("corrects"), "訂正する異動") if reason == MISENTRY else "",
        certificate=_certificate(request.get("move_out_certificate")) if reason == "国内転入" else None,
        code_notices=tuple(c.row.atena_no for c in rows if c.row.juminhyo_code in plan.new_codes),
    )


def _notifier(value: Any, who: str) -> Notifier:
    """届出人 of a 住民届, or 請求者 (申出者) of a 請求: 氏名, 続柄 to the persons and 本人確認の方法."""
    if not isinstance(value, Mapping):
        raise ValidationError(who, f"{who}（氏名・続柄・本人確認の方法）を入力してください")
    check_request_keys(value, {"name", "relation", "identification"}, who)
    return Notifier(
        _text(value.get("name"), f"{who}の氏名"),
        _text(value.get("relation"), f"{who}の続柄"),
        _text(value.get("identification"), "本人確認の方法"),
    )


def _certificate(value: Any) -> MoveOutCertificate | None:
    """The 転出証明書 a 国内転入 is based on, as written on it (none: a 特例転入, or not entered)."""
    item = "転出証明書"
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValidationError(item, "転出証明書は town（発行した市区町村）・planned_on（転出予定日）・destination（転出先）で"
                                    "入力してください")
    check_request_keys(value, {"town", "planned_on", "destination"}, item)
    return MoveOutCertificate(
        _text(value.get("town"), "転出証明書を発行した市区町村"),
        _date(value.get("planned_on"), "転出証明書の転出予定日"),
        _text(value.get("destination"), "転出証明書の転出先"),
    )


def certificate_warning(idou: Idou, town_names: Iterable[str]) -> str | None:
    """A 転入 whose 転出証明書 names another 転出先 than the address recorded: not refused (people move elsewhere than
    they announced; 法22条 asks for the real address), but staff are told to make sure of it."""
    if idou.certificate is None or not idou.rows:
        return None
    recorded = idou.rows[0].row.address.text
    if address_key(idou.certificate.destination, town_names) == address_key(recorded, town_names):
        return None
    return (f"転出証明書の転出先（{idou.certificate.destination}）と転入する住所（{recorded}）が違います。"
            "実際に住む住所を確かめてください")


def _notified_on(request: Mapping[str, Any], idou_date: RegDate, ctx: Context, *, after_idou: bool) -> RegDate:
    """届出日: as given, or today (§4.1.0.2); not after today, nor (but for a 転出届) before the 異動日."""
    raw = request.get("notified_on")
    notified_on = _date(raw, "届出日") if raw else RegDate.of(ctx.today)
    if notified_on.iso > ctx.today.isoformat():
        raise ValidationError("届出日", "届出日に今日より後の日は入れられません")
    if after_idou and notified_on.iso < idou_date.iso:
        raise ValidationError("届出日", "届出日が異動日より前になっています（異動のあとに届け出るものです）")
    return notified_on


def _check_households(plan: _Plan, rows: list[RowChange], by_household: dict[str, list[Person]]) -> None:
    """Every household touched keeps at most one 世帯主, counting members the 異動 does not change."""
    changed = {c.row.atena_no for c in rows}
    for change in rows:
        by_household.setdefault(change.row.setai_no, []).append(change.row)
    for setai_no, new_rows in by_household.items():
        others = [c.person for c in plan.state.household(setai_no) if c.person.atena_no not in changed]
        check_household(others + new_rows)


def _check_mynumbers(rows: list[RowChange]) -> None:
    """A 個人番号 is one person's: one 異動 does not give the same number to two of its persons."""
    numbers = [c.row.mynumber for c in rows if c.row.mynumber]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("個人番号", "同じ個人番号が二人に入力されています（個人番号は一人に一つです）")


def _new_person(plan: _Plan, raw: Any, setai_no: str, address: Address, index: int,
                atena_no: str | None = None) -> Person:
    if not isinstance(raw, Mapping):
        raise ValidationError("対象者", "記載する人の項目をオブジェクトで入力してください")
    check_request_keys(
        raw,
        {"name", "name_kana", "kana_confirmed", "former_surname", "former_surname_kana", "birth", "sex",
         "relationship", "honseki", "mynumber", "juminhyo_code", "first_record", "kind", "foreign", "remarks",
         "returning"},
        f"{index + 1}人目の項目",
    )
    kind_raw = raw.get("kind", ResidentKind.JAPANESE.value)
    try:
        kind = ResidentKind(kind_raw)
    except ValueError:
        raise ValidationError("住民種別", "住民種別は「日本人」か「外国人」です") from None
    birth = plan.idou_date if plan.reason == BIRTH else _date(raw.get("birth"), "生年月日", lenient=True)
    since = plan.idou_date
    person = Person(
        atena_no=atena_no or plan.numbers.next_atena_no(),
        setai_no=setai_no,
        name=_text(raw.get("name"), "氏名"),
        name_kana=_kana(raw.get("name_kana"), "氏名フリガナ"),
        kana_confirmed=bool(raw.get("kana_confirmed", False)),
        former_surname=_text(raw.get("former_surname"), "旧氏", required=False),
        former_surname_kana=_kana(raw.get("former_surname_kana"), "旧氏フリガナ"),
        birth=birth,
        sex=_sex(raw.get("sex")),
        relationship=validate_relationship(_text(raw.get("relationship"), "続柄")),
        address=address,
        resident_since=since,
        # On 転入 the 住所を定めた年月日 is the 住民となった年月日 (§4.1.1.1).
        address_since=since,
        previous_address=_previous_address(plan),
        honseki=_honseki(raw.get("honseki")) if kind is ResidentKind.JAPANESE else None,
        mynumber=_mynumber(raw.get("mynumber")),
        juminhyo_code=_entry_code(plan, raw, returning=atena_no is not None),
        kind=kind,
        foreign=_recorded_tsusho(plan, _foreign(raw.get("foreign"))) if kind is ResidentKind.FOREIGN else None,
        remarks=_text(raw.get("remarks"), "備考", required=False),
        entry_notified_on=plan.entry_notified_on,
        notified_on=plan.entry_notified_on if plan.reason == BIRTH else None,
    )
    if person.birth.iso > plan.idou_date.iso and person.birth.iso != "0000-00-00":
        raise ValidationError("生年月日", "生年月日が異動日より後になっています")
    return plan.notified(person)


def _juminhyo_code(value: Any) -> str:
    """住民票コード as given (11 digits; full-width digits and separators read as the same digits), or ""."""
    text = _text(value, "住民票コード", required=False)
    return validate_juminhyo_code(text) if text else ""


def _entry_code(plan: _Plan, raw: Mapping[str, Any], *, returning: bool) -> str:
    """The 住民票コード of a person a 記載 records (法30条の3): the one they give; for a child born, or a person the
    request states was never recorded in any 住民基本台帳 (`first_record`), a new one from the pool ("" while it is
    empty: the person waits for it); a former resident of the 除票 keeps theirs (see `_recorded`)."""
    code = _juminhyo_code(raw.get("juminhyo_code"))
    first = raw.get("first_record", False)
    if not isinstance(first, bool):
        raise ValidationError("住民票コード", "first_record（初めての記載）は true か false で入力してください")
    if first and (code or returning):
        raise ValidationError("住民票コード", "以前の住民票コードがある人は初めての記載ではありません")
    if first and plan.reason not in FIRST_CODE:
        raise ValidationError("住民票コード", f"{plan.reason}の人は住民票コードを持っています（転出証明書などに記載）")
    if code or returning:
        return code
    if plan.reason == BIRTH or first:
        return plan.draw_code()
    if plan.reason in FIRST_CODE:
        raise ValidationError("住民票コード", FIRST_RECORD)
    return ""


def _recorded_tsusho(plan: _Plan, items: ForeignItems) -> ForeignItems:
    """A 通称 recorded with the person (施行令30条の26): its 記載 (the day and this town) opens its history, unless the
    history is given (from the 転出証明書)."""
    if not items.tsusho or items.tsusho_history:
        return items
    return replace(items, tsusho_history=(TsushoEntry(items.tsusho, plan.idou_date, plan.ctx.town),))


def _previous_address(plan: _Plan) -> str:
    """転入前住所; for a 未届転入, the last address known, marked 「（未届）」 (§4.1.1.4)."""
    text = _text(plan.request.get("previous_address"), "転入前住所", required=False)
    if plan.reason == UNNOTIFIED_MOVE_IN and not text.endswith(UNNOTIFIED_MARK):
        return text + UNNOTIFIED_MARK
    return text


def _record(plan: _Plan) -> list[RowChange]:
    """国内転入, 国外転入等, 職権記載 (into a new household or an existing one) and 出生 (into an existing one)."""
    raw_persons = plan.request.get("persons")
    if not isinstance(raw_persons, list) or not raw_persons:
        raise ValidationError("対象者", "記載する人を一人以上入力してください")
    household = plan.request.get("household", "new")
    if plan.reason == BIRTH and household == "new":
        raise ValidationError("世帯番号", "出生は入る世帯の世帯番号を入力してください")
    if plan.reason in MOVE_IN | {UNNOTIFIED_MOVE_IN} and not plan.request.get("previous_address"):
        raise ValidationError("転入前住所", "転入前住所を入力してください（国外からは国名）")
    if plan.reason == UNNOTIFIED_MOVE_IN and not _text(plan.request.get("note"), "留意事項", required=False):
        raise ValidationError("留意事項", "未届転入は、転入の届出がないまま記載する経緯を留意事項に入力してください")
    if household == "new":
        setai_no = plan.numbers.next_setai_no()
        address = _address(plan.request.get("address"))
        relationships = [r.get("relationship") if isinstance(r, Mapping) else None for r in raw_persons]
        if HEAD not in relationships:
            raise ValidationError("続柄", "新しい世帯には世帯主を一人入力してください")
    else:
        setai_no = _text(household, "世帯番号")
        address = plan.members(setai_no)[0].person.address
        if plan.request.get("address") is not None:
            raise ValidationError("住所", "既存の世帯に入る人の住所はその世帯の住所です。住所は入れません")
    return [_recorded(plan, raw, setai_no, address, i) for i, raw in enumerate(raw_persons)]


def _recorded(plan: _Plan, raw: Any, setai_no: str, address: Address, index: int) -> RowChange:
    """A person recorded by a 記載: new, or (`returning`: a 宛名番号 of the 除票) a former resident coming back,
    who keeps their 宛名番号 and history once staff have confirmed them as the same person (同一人)."""
    returning = raw.get("returning") if isinstance(raw, Mapping) else None
    if not returning:
        return RowChange((), _new_person(plan, raw, setai_no, address, index))
    if plan.reason == BIRTH:
        raise ValidationError("同一人", "出生の子は新しく記載します")
    atena_no = _text(returning, "同一人の宛名番号")
    former = plan.state.current(atena_no)
    if former is None:
        raise ValidationError("同一人", f"宛名番号 {atena_no} の人は登録されていません")
    if former.person.is_resident:
        raise ValidationError("同一人", f"宛名番号 {atena_no} の人は住民です（元の宛名番号を続けられるのは除票の人です）")
    person = _new_person(plan, raw, setai_no, address, index, atena_no)
    if not person.juminhyo_code:
        person = person.evolve(juminhyo_code=former.person.juminhyo_code)
    if (person.birth.iso, person.sex) != (former.person.birth.iso, former.person.sex):
        raise ValidationError("同一人", f"生年月日・性別が宛名番号 {atena_no} の除票と一致しません")
    return RowChange(former.tips, person)


def _naturalize(plan: _Plan) -> list[RowChange]:
    """職権記載（帰化等）: a foreign resident who became Japanese (帰化, 国籍取得; from the 戸籍 side) is recorded as a
    Japanese resident; the 外国人住民's row before it is the 住民票 that the same 異動 removes (職権消除（帰化等）). The
    person keeps their 宛名番号, household, 住所, 住民票コード and 個人番号; the request gives the 氏名 and 本籍 of the 戸籍."""
    raw_persons = plan.request.get("persons")
    if not isinstance(raw_persons, list) or not raw_persons:
        raise ValidationError("対象者", "帰化等をした人を一人以上入力してください")
    rows = []
    for index, raw in enumerate(raw_persons):
        if not isinstance(raw, Mapping):
            raise ValidationError("対象者", "記載する人の項目をオブジェクトで入力してください")
        check_request_keys(raw, {"formerly", "name", "name_kana", "kana_confirmed", "former_surname",
                                 "former_surname_kana", "honseki", "relationship"}, f"{index + 1}人目の項目")
        current = plan.resident(_text(raw.get("formerly"), "外国人住民の宛名番号"))
        before = current.person
        if before.kind is not ResidentKind.FOREIGN:
            raise ValidationError("住民種別", f"宛名番号 {before.atena_no} の人は外国人住民ではありません")
        row = before.evolve(
            kind=ResidentKind.JAPANESE,
            foreign=None,
            name=_text(raw.get("name"), "氏名"),
            name_kana=_kana(raw.get("name_kana"), "氏名フリガナ"),
            kana_confirmed=bool(raw.get("kana_confirmed", False)),
            former_surname=_text(raw.get("former_surname"), "旧氏", required=False),
            former_surname_kana=_kana(raw.get("former_surname_kana"), "旧氏フリガナ"),
            honseki=_honseki(raw.get("honseki")),
            relationship=validate_relationship(_text(raw.get("relationship"), "続柄"))
            if raw.get("relationship") else before.relationship,
            entry_notified_on=plan.entry_notified_on,
        )
        rows.append(RowChange(current.tips, row))
    return rows


def _rewrite(plan: _Plan) -> list[RowChange]:
    """改製 (the 住民票 rewritten, e.g. into a new form) and 再製 (one lost or damaged made again, 施行令16条): each
    person gets a new row of the same items; the row before stays in the history (the 改製原住民票)."""
    return [RowChange(c.tips, c.person) for c in map(plan.resident, _atena_list(plan.request.get("targets")))]


def _one_target(plan: _Plan) -> Current:
    targets = _atena_list(plan.request.get("targets"))
    if len(targets) != 1:
        raise ValidationError("対象者", f"{plan.reason}は一人ずつ登録してください")
    return plan.resident(targets[0])


def _requested(plan: _Plan) -> list[RowChange]:
    """The 請求 and 申出 of one person (REQUESTED): 個人番号 and 住民票コード changed, 旧氏 and 通称 recorded or deleted."""
    current = _one_target(plan)
    person = current.person
    reason = plan.reason
    if reason == "個人番号の変更請求":
        if not person.mynumber:
            raise ValidationError("個人番号", "個人番号のない人は変更を請求できません（付番待ちです）")
        number = _mynumber(plan.request.get("mynumber"))
        if number == person.mynumber:
            raise ValidationError("個人番号", "新しい個人番号が今の個人番号と同じです")
        row = person.evolve(mynumber=number)  # "": the new number is awaited from the national system
    elif reason == CODE_CHANGE:
        if not person.juminhyo_code:
            raise ValidationError("住民票コード", "住民票コードのない人は変更を請求できません（住民票コードの職権記載を待っています）")
        code = plan.draw_code()
        if not code:
            raise ValidationError("住民票コード", "この端末に払い出せる住民票コードがありません。管理者に払い出しを依頼してください")
        row = person.evolve(juminhyo_code=code)  # the old code stays in the history
    elif reason in ("旧氏の記載", "旧氏の削除"):
        if person.kind is not ResidentKind.JAPANESE:
            raise ValidationError("旧氏", "旧氏を記載できるのは日本人住民です（外国人住民は通称）")
        if reason == "旧氏の記載":
            if person.former_surname:
                raise ValidationError("旧氏", "この人にはすでに旧氏が記載されています")
            row = person.evolve(former_surname=_text(plan.request.get("former_surname"), "旧氏"),
                                former_surname_kana=_kana(plan.request.get("former_surname_kana"), "旧氏フリガナ"))
        else:
            if not person.former_surname:
                raise ValidationError("旧氏", "この人には旧氏が記載されていません")
            row = person.evolve(former_surname="", former_surname_kana="")
    else:
        row = person.evolve(foreign=_tsusho_change(plan, person))
    return [RowChange(current.tips, row)]


def _tsusho_change(plan: _Plan, person: Person) -> ForeignItems:
    """通称の記載 (施行令30条の26: on the person's 申出) and 通称の削除; each is kept in the 通称 history with its day and
    this town (施行令30条の27)."""
    items = person.foreign
    if items is None:
        raise ValidationError("通称", "通称を記載できるのは外国人住民です（日本人住民は旧氏）")
    if plan.reason == "通称の記載":
        if items.tsusho:
            raise ValidationError("通称", "この人にはすでに通称が記載されています（変えるときは先に通称の削除）")
        tsusho = _text(plan.request.get("tsusho"), "通称")
        return replace(items, tsusho=tsusho, tsusho_history=(
            *items.tsusho_history, TsushoEntry(tsusho, plan.idou_date, plan.ctx.town)))
    if not items.tsusho:
        raise ValidationError("通称", "この人には通称が記載されていません")
    history = list(items.tsusho_history)
    if history and history[-1].tsusho == items.tsusho and history[-1].removed_on is None:
        history[-1] = replace(history[-1], removed_on=plan.idou_date, removed_town=plan.ctx.town)
    else:  # a 通称 recorded before its history was kept: its 記載 is not known here
        history.append(TsushoEntry(items.tsusho, plan.idou_date, "", plan.idou_date, plan.ctx.town))
    return replace(items, tsusho="", tsusho_history=tuple(history))


def _move(plan: _Plan) -> list[RowChange]:
    """転居: the persons move to a new address in the town; part of a household moving forms a new household."""
    targets = [plan.resident(a) for a in _atena_list(plan.request.get("targets"))]
    address = _address(plan.request.get("address"))
    setai_no = plan.common_household(targets)
    whole = {c.person.atena_no for c in plan.members(setai_no)} == {c.person.atena_no for c in targets}
    relationships = _relationships(plan.request.get("relationships"))
    if whole:
        new_setai = setai_no
    else:
        _require_relationships(relationships, targets, new_household=True)
        new_setai = plan.numbers.next_setai_no()
    rows = []
    for current in targets:
        person = current.person
        since = person.address_since or person.resident_since
        if plan.idou_date.iso < since.iso:
            raise ValidationError("異動日", f"異動日が今の住所を定めた年月日（{format_wareki(since)}）より前です")
        if person.address == address:
            raise ValidationError("住所", "転居先の住所が今の住所と同じです")
        rows.append(
            RowChange(
                current.tips,
                plan.notified(
                    person.evolve(
                        address=address,
                        address_since=plan.idou_date,
                        setai_no=new_setai,
                        relationship=relationships.get(person.atena_no, person.relationship),
                    )
                ),
            )
        )
    return rows + _remaining(plan, setai_no, targets, relationships)


def _require_relationships(relationships: dict[str, str], persons: list[Current], *, new_household: bool) -> None:
    missing = [c.person.atena_no for c in persons if c.person.atena_no not in relationships]
    if missing:
        raise ValidationError("続柄", f"宛名番号 {', '.join(missing)} の新しい続柄を入力してください")
    if new_household and HEAD not in [relationships[c.person.atena_no] for c in persons]:
        raise ValidationError("続柄", "新しい世帯の世帯主を一人入力してください")


def _remaining(plan: _Plan, setai_no: str, leaving: list[Current], relationships: dict[str, str]) -> list[RowChange]:
    """New rows for the members who stay behind and whose 続柄 the request changes."""
    leaving_ids = {c.person.atena_no for c in leaving}
    rows = []
    for current in plan.state.household(setai_no):
        atena = current.person.atena_no
        if atena in leaving_ids or atena not in relationships:
            continue
        if current.forked:
            plan.resident(atena)
        rows.append(RowChange(current.tips, plan.notified(current.person.evolve(relationship=relationships[atena]))))
    unknown = set(relationships) - leaving_ids - {c.person.atena_no for c in plan.state.household(setai_no)}
    if unknown:
        raise ValidationError("続柄", f"宛名番号 {', '.join(sorted(unknown))} はこの異動の世帯員ではありません")
    return rows


def _move_out(plan: _Plan) -> list[RowChange]:
    """国内転出, 国外転出, 死亡, 職権消除: the persons are removed; their rows become 除票."""
    atena_nos = _atena_list(plan.request.get("targets"))
    if plan.reason == "死亡":
        targets = [_dying(plan, a) for a in atena_nos]
    else:
        targets = [plan.resident(a) for a in atena_nos]
    if plan.reason == LOST_NATIONALITY:
        foreign = [c.person.atena_no for c in targets if c.person.kind is not ResidentKind.JAPANESE]
        if foreign:
            raise ValidationError("住民種別", f"宛名番号 {', '.join(foreign)} の人は日本人住民ではありません")
    if plan.reason in MOVE_OUT:
        destination = _destination(plan)
        status = Status.MOVED_OUT
    else:
        destination = ""
        if plan.request.get("destination"):
            raise ValidationError("転出先住所", f"{plan.reason}に転出先はありません")
        status = Status.DECEASED if plan.reason == "死亡" else Status.REMOVED
    rows = []
    for current in targets:
        if plan.idou_date.iso < current.person.resident_since.iso:
            raise ValidationError("異動日", "異動日が住民となった年月日より前になっています")
        removal = Removal(plan.reason, plan.idou_date, destination)
        rows.append(RowChange(current.tips, plan.notified(current.person.evolve(status=status, removal=removal))))
    if plan.reason == "死亡":
        return rows + _successor(plan, targets)
    return rows


def _dying(plan: _Plan, atena_no: str) -> Current:
    """The person of a 死亡: a resident, or one whose 転出届 is recorded but who died before its 転出予定日 (or the
    転入日 that fixed it) — still living here (法24条: a 転出 takes effect on the move), so the 死亡 replaces the
    planned 転出 in the same 異動."""
    current = plan.recorded(atena_no)
    person, removal = current.person, current.person.removal
    if (person.status is Status.MOVED_OUT and removal is not None and removal.reason in MOVE_OUT
            and plan.idou_date.iso < removal.date.iso):
        if current.forked:
            raise ValidationError("要確認", f"宛名番号 {atena_no} の人には並行した異動があり確認待ちです。"
                                         "先に職権修正で確定してください")
        return current
    return plan.resident(atena_no)


def _destination(plan: _Plan) -> str:
    """転出先住所 of a 転出届: not in this town (that is a 転居), and a 転出予定日 at most MOVE_OUT_NOTICE_DAYS after
    the 届出日 (法24条: the 届出 may precede the move)."""
    destination = _text(plan.request.get("destination"), "転出先住所")
    written = "".join(destination.split())
    if plan.reason == "国内転出" and plan.ctx.town and written.startswith(plan.ctx.town):
        raise ValidationError("転出先住所", MOVE_OUT_IN_TOWN)
    notified_on = plan.notified_on
    if (notified_on is not None and plan.idou_date.is_calendar and notified_on.is_calendar
            and (plan.idou_date.to_date() - notified_on.to_date()).days > MOVE_OUT_NOTICE_DAYS):
        raise ValidationError("異動日", f"転出予定日が届出日から{MOVE_OUT_NOTICE_DAYS}日より先です。"
                                       "転出の日が決まってから届け出てください")
    return destination


def _successor(plan: _Plan, dying: list[Current]) -> list[RowChange]:
    """§4.0.4: when the 世帯主 dies and others remain, the new 世帯主 (and, if two or more remain, every one's new
    続柄) is recorded by 職権 in the same 異動, so that the household is never printed without one."""
    relationships = _relationships(plan.request.get("relationships"))
    heads = [c for c in dying if c.person.is_head]
    dying_ids = {c.person.atena_no for c in dying}
    remaining = [c for c in plan.state.household(heads[0].person.setai_no)
                 if c.person.atena_no not in dying_ids] if heads else []
    if not remaining:
        if relationships:
            raise ValidationError("続柄", "続柄を指定するのは世帯主が死亡して世帯員が残るときだけです")
        return []
    if HEAD not in relationships.values():
        raise ValidationError("世帯主", HEAD_DIES)
    _require_relationships(relationships, remaining if len(remaining) > 1 else [], new_household=False)
    if list(relationships.values()).count(HEAD) != 1:
        raise ValidationError("続柄", "新しい世帯主は一人だけです")
    return _remaining(plan, heads[0].person.setai_no, dying, relationships)


def _change_head(plan: _Plan) -> list[RowChange]:
    """世帯主変更: one member becomes 世帯主; every other member's 続柄 is given anew."""
    (head_id,) = _atena_list(plan.request.get("targets"), "新しい世帯主")[:1]
    head = plan.resident(head_id)
    members = plan.members(head.person.setai_no)
    if head.person.is_head:
        raise ValidationError("新しい世帯主", "この人はすでに世帯主です")
    relationships = _relationships(plan.request.get("relationships"))
    relationships[head_id] = HEAD
    _require_relationships(relationships, members, new_household=True)
    if list(relationships.values()).count(HEAD) != 1:
        raise ValidationError("続柄", "世帯主は新しい世帯主一人だけです")
    return [
        RowChange(c.tips, plan.notified(c.person.evolve(relationship=relationships[c.person.atena_no])))
        for c in (plan.resident(m.person.atena_no) for m in members)
        if relationships[c.person.atena_no] != c.person.relationship
    ]


def _split(plan: _Plan) -> list[RowChange]:
    """世帯分離: some members form a new household at the same address."""
    targets = [plan.resident(a) for a in _atena_list(plan.request.get("targets"))]
    setai_no = plan.common_household(targets)
    if {c.person.atena_no for c in plan.members(setai_no)} == {c.person.atena_no for c in targets}:
        raise ValidationError("対象者", "世帯全員の分離はできません（一部の世帯員を選んでください）")
    relationships = _relationships(plan.request.get("relationships"))
    _require_relationships(relationships, targets, new_household=True)
    new_setai = plan.numbers.next_setai_no()
    rows = [
        RowChange(c.tips, plan.notified(c.person.evolve(setai_no=new_setai, relationship=relationships[c.person.atena_no])))
        for c in targets
    ]
    return rows + _remaining(plan, setai_no, targets, relationships)


def _join(plan: _Plan) -> list[RowChange]:
    """世帯合併 (a whole household joins another) and 世帯変更 (some members move to another household)."""
    into = _text(plan.request.get("into_household"), "合併先の世帯番号")
    into_members = plan.members(into)
    if plan.reason == "世帯合併":
        source = _text(plan.request.get("household"), "合併する世帯の世帯番号")
        targets = [plan.resident(c.person.atena_no) for c in plan.members(source)]
    else:
        targets = [plan.resident(a) for a in _atena_list(plan.request.get("targets"))]
        source = plan.common_household(targets)
    if source == into:
        raise ValidationError("合併先の世帯番号", "同じ世帯には合併・変更できません")
    if any(c.person.address.text != into_members[0].person.address.text for c in targets):
        raise ValidationError("住所", "住所の違う世帯とは合併・変更できません（先に転居を登録してください）")
    relationships = _relationships(plan.request.get("relationships"))
    _require_relationships(relationships, targets, new_household=False)
    rows = [
        RowChange(
            c.tips,
            plan.notified(
                c.person.evolve(
                    setai_no=into, relationship=relationships[c.person.atena_no], address=into_members[0].person.address
                )
            ),
        )
        for c in targets
    ]
    into_changes = {k: v for k, v in relationships.items() if k in {c.person.atena_no for c in into_members}}
    rows += [
        RowChange(c.tips, plan.notified(c.person.evolve(relationship=into_changes[c.person.atena_no])))
        for c in into_members
        if c.person.atena_no in into_changes
    ]
    leftover = {k: v for k, v in relationships.items() if k not in into_changes}
    return rows + _remaining(plan, source, targets, leftover)


def _correct(plan: _Plan) -> list[RowChange]:
    """職権修正, 軽微な修正, 誤記修正: set items of persons; naming every tip of a forked person resolves the fork."""
    raw_set = plan.request.get("set")
    if not isinstance(raw_set, Mapping) or not raw_set:
        raise ValidationError("修正内容", "修正する人（宛名番号）と項目を入力してください")
    raw_parents = plan.request.get("parents") or {}
    if not isinstance(raw_parents, Mapping):
        raise ValidationError("確定する異動", "確定する異動は宛名番号ごとに文書IDの一覧で入力してください")
    corrected = _corrected(plan) if plan.reason == MISENTRY else None
    rows = []
    for atena_no, items in raw_set.items():
        if corrected is not None and atena_no not in {c.row.atena_no for c in corrected.rows}:
            raise ValidationError("訂正する異動", f"宛名番号 {atena_no} の人は訂正する異動に含まれていません")
        moved_in = isinstance(items, Mapping) and "moved_in" in items
        if moved_in and len(items) > 1:
            raise ValidationError("転入通知", "転入通知による修正はほかの項目と分けて登録してください")
        # A 転入通知 concerns a person whose 転出 is recorded: no longer a 住民 row.
        current = plan.recorded(str(atena_no)) if moved_in else plan.living_here(str(atena_no))
        if current.forked:
            named = raw_parents.get(atena_no)
            if not isinstance(named, list) or set(named) != set(current.tips):
                raise ValidationError(
                    "確定する異動", f"宛名番号 {atena_no} の並行した異動をすべて指定してください: {', '.join(current.tips)}"
                )
        if not isinstance(items, Mapping) or not items:
            raise ValidationError("修正内容", f"宛名番号 {atena_no} の修正する項目を入力してください")
        check_request_keys(items, set(CORRECTABLE), "修正する項目")
        if moved_in:
            row = current.person.evolve(removal=_moved_in(current.person, items["moved_in"], plan.idou_date))
        else:
            row = _apply_items(current.person, items)
        rows.append(RowChange(current.tips, row))
    return rows


def _code_entry(plan: _Plan) -> list[RowChange]:
    """住民票コードの職権記載: the 住民票コード of persons who have none; nothing else. A code a person holds is changed
    only at their request (住民票コードの変更請求), not here."""
    raw_set = plan.request.get("set")
    if not isinstance(raw_set, Mapping) or not raw_set:
        raise ValidationError("修正内容", "記載する人（宛名番号）と住民票コードを入力してください")
    rows = []
    for atena_no, items in raw_set.items():
        if not isinstance(items, Mapping) or set(items) != {"juminhyo_code"}:
            raise ValidationError("修正内容", f"{CODE_ENTRY}で記載できるのは住民票コードだけです")
        current = plan.living_here(str(atena_no))
        if current.person.juminhyo_code:
            raise ValidationError("住民票コード", f"宛名番号 {atena_no} の人にはすでに住民票コードがあります")
        code = _juminhyo_code(items["juminhyo_code"]) or _text(None, "住民票コード")
        if _stay_opened_by(plan.state, current) in FIRST_CODE:
            plan.new_codes.add(code)  # the code a first record waited for (法30条の3第2項), not one brought along
        rows.append(RowChange(current.tips, current.person.evolve(juminhyo_code=code)))
    return rows


# 記載 that make a new 住民票 of the same stay: the stay was opened before them.
_SAME_STAY = {"改製", "再製"}


def _stay_opened_by(state: RegistryState, current: Current) -> str:
    """The 異動事由 of the 記載 that opened the person's present stay (転入, 出生, 職権記載…), found by going back
    from their row through the rows it was based on; "" when a document on the way is not on this terminal."""
    atena_no = current.person.atena_no
    doc_id = current.tips[0]
    while True:
        found = state.document(doc_id)
        if found is None:
            return ""
        change = next(c for c in found.rows if c.row.atena_no == atena_no)
        if (found.category is Category.RECORD and found.reason not in _SAME_STAY) or not change.parents:
            return found.reason
        doc_id = change.parents[0]


def _corrected(plan: _Plan) -> Idou:
    doc_id = _text(plan.request.get("corrects"), "訂正する異動")
    found = plan.state.document(doc_id)
    if found is None:
        raise ValidationError("訂正する異動", f"文書 {doc_id} の異動は見つかりません")
    if found.reason in CANCELLING:
        raise ValidationError("訂正する異動", "取消しは誤記修正できません")
    return found


def _cancelled(request: Mapping[str, Any], state: RegistryState) -> Idou:
    doc_id = _text(request.get("cancels"), "取り消す異動")
    found = state.document(doc_id)
    if found is None:
        raise ValidationError("取り消す異動", f"文書 {doc_id} の異動は見つかりません")
    if found.reason in CANCELLING:
        raise ValidationError("取り消す異動", "取消しは取り消せません。改めて異動を登録してください")
    return found


def _cancel(plan: _Plan) -> list[RowChange]:
    """異動の取消し: every person of the 異動 named goes back to the row before it; a person it recorded is
    消除 (異動の取消し). Only the latest 異動 of each of its persons can be cancelled: later ones first.
    転出取消: the same for a 転出届 whose 予定日 has not come."""
    doc_id = _text(plan.request.get("cancels"), "取り消す異動")
    cancelled = _cancelled(plan.request, plan.state)
    if plan.reason == WITHDRAW_MOVE_OUT:
        if cancelled.reason not in MOVE_OUT:
            raise ValidationError("取り消す異動", f"転出取消で取り消せるのは転出届です（これは{cancelled.reason}です）")
        if cancelled.idou_date.iso <= plan.ctx.today.isoformat():
            raise ValidationError("取り消す異動", f"転出予定日（{format_wareki(cancelled.idou_date)}）を過ぎた転出は"
                                              "取り消せません（誤りなら異動の取消しで）")
    rows = []
    for change in cancelled.rows:
        atena_no = change.row.atena_no
        current = plan.state.current(atena_no)
        if current is None or len(current.tips) != 1 or _in_force(plan.state, atena_no, current.tips[0]) != doc_id:
            if plan.reason == WITHDRAW_MOVE_OUT:
                raise ValidationError("取り消す異動", f"宛名番号 {atena_no} の人の転出は転入通知などで確定しています")
            raise ValidationError("取り消す異動", f"宛名番号 {atena_no} の人にはこのあとの異動があります。"
                                              "新しい異動から順に取り消してください")
        if len(change.parents) > 1:
            raise ValidationError("取り消す異動", "並行した異動を確定した職権修正は取り消せません。職権修正で直してください")
        if change.parents:
            before = plan.state.document(change.parents[0])
            restored = next((c.row for c in before.rows if c.row.atena_no == atena_no), None) if before else None
            if restored is None:
                raise ValidationError("取り消す異動", f"宛名番号 {atena_no} の人の前の記載がこの端末にありません")
        else:
            restored = change.row.evolve(status=Status.REMOVED, removal=Removal(CANCEL, cancelled.idou_date))
        rows.append(RowChange(current.tips, restored))
    return rows


def _in_force(state: RegistryState, atena_no: str, tip: str) -> str | None:
    """The 異動 whose row of the person is in force: the tip, or, past 取消し, the one before what they cancelled."""
    doc_id: str | None = tip
    while doc_id is not None:
        found = state.document(doc_id)
        if found is None or found.reason not in CANCELLING:
            return doc_id
        cancelled = state.document(found.cancels)
        if cancelled is None:
            return None
        parents = next(c.parents for c in cancelled.rows if c.row.atena_no == atena_no)
        doc_id = parents[0] if parents else None
    return None


_ITEM_READERS: dict[str, Callable[[Person, Any], dict[str, Any]]] = {
    "name": lambda p, v: {"name": _text(v, "氏名")},
    "name_kana": lambda p, v: {"name_kana": _kana(v, "氏名フリガナ")},
    "kana_confirmed": lambda p, v: {"kana_confirmed": bool(v)},
    "former_surname": lambda p, v: {"former_surname": _text(v, "旧氏", required=False)},
    "former_surname_kana": lambda p, v: {"former_surname_kana": _kana(v, "旧氏フリガナ")},
    "birth": lambda p, v: {"birth": _date(v, "生年月日", lenient=True)},
    "sex": lambda p, v: {"sex": _sex(v)},
    "relationship": lambda p, v: {"relationship": validate_relationship(_text(v, "続柄"))},
    "honseki": lambda p, v: {"honseki": _honseki(v)},
    "mynumber": lambda p, v: {"mynumber": _mynumber(v)},
    "juminhyo_code": lambda p, v: {"juminhyo_code": _juminhyo_code(v)},
    "remarks": lambda p, v: {"remarks": _text(v, "備考", required=False)},
    "katagaki": lambda p, v: {"address": replace(p.address, katagaki=_text(v, "方書", required=False))},
    "address_code": lambda p, v: {"address": replace(p.address, code=_text(v, "住所コード", required=False))},
    "postal_code": lambda p, v: {"address": replace(p.address, postal_code=_text(v, "郵便番号", required=False))},
    "foreign": lambda p, v: {"foreign": _foreign(v, p.foreign)},
    "offices": lambda p, v: {"offices": office_items.read(p.offices, v)},
}


def _moved_in(person: Person, value: Any, received_on: RegDate) -> Removal:
    """The new town's 転入通知 of a person who filed a 転出届: the 転出先 is the address they moved in at, and the
    person is 消除 at the earlier of the 転出予定日 and the 転入日 (§1.1.5)."""
    removal = person.removal
    if person.status is not Status.MOVED_OUT or removal is None or removal.reason != "国内転出":
        raise ValidationError("転入通知", f"宛名番号 {person.atena_no} の人には国内転出の届出が記録されていません")
    if not isinstance(value, Mapping):
        raise ValidationError("転入通知", "転入通知は転入日（date）と転入先の住所（address）で入力してください")
    check_request_keys(value, {"date", "address"}, "転入通知")
    moved_in = _date(value.get("date"), "転入日")
    if moved_in.iso < person.resident_since.iso:
        raise ValidationError("転入日", "転入日が住民となった年月日より前になっています")
    if moved_in.iso > received_on.iso:
        raise ValidationError("転入日", "転入日が異動日（転入通知を受けた日）より後になっています")
    earlier = moved_in if moved_in.iso < removal.date.iso else removal.date
    return Removal(removal.reason, earlier, _text(value.get("address"), "転入先の住所"))


def _apply_items(person: Person, items: Mapping[str, Any]) -> Person:
    changes: dict[str, Any] = {}
    for key, value in items.items():
        update = _ITEM_READERS[key](person.evolve(**changes), value)
        changes.update(update)
    new = person.evolve(**changes)
    if new == person:
        raise ValidationError("修正内容", f"宛名番号 {person.atena_no} の項目が今と同じです")
    return new


_HANDLERS: dict[str, tuple[Callable[[_Plan], list[RowChange]], set[str]]] = {
    "国内転入": (_record, {"persons", "household", "address", "previous_address", "move_out_certificate"}),
    "国外転入等": (_record, {"persons", "household", "address", "previous_address"}),
    "出生": (_record, {"persons", "household"}),
    "職権記載": (_record, {"persons", "household", "address", "previous_address"}),
    NATURALIZED: (_naturalize, {"persons"}),
    UNNOTIFIED_MOVE_IN: (_record, {"persons", "household", "address", "previous_address"}),
    "改製": (_rewrite, {"targets"}),
    "再製": (_rewrite, {"targets"}),
    "国内転出": (_move_out, {"targets", "destination"}),
    "国外転出": (_move_out, {"targets", "destination"}),
    "死亡": (_move_out, {"targets", "relationships"}),
    "職権消除": (_move_out, {"targets"}),
    LOST_NATIONALITY: (_move_out, {"targets"}),
    "転居": (_move, {"targets", "address", "relationships"}),
    "世帯主変更": (_change_head, {"targets", "relationships"}),
    "世帯分離": (_split, {"targets", "relationships"}),
    "世帯合併": (_join, {"household", "into_household", "relationships"}),
    "世帯変更": (_join, {"targets", "into_household", "relationships"}),
    "職権修正": (_correct, {"set", "parents"}),
    "軽微な修正": (_correct, {"set", "parents"}),
    MISENTRY: (_correct, {"set", "parents", "corrects"}),
    CODE_ENTRY: (_code_entry, {"set"}),
    "個人番号の変更請求": (_requested, {"targets", "mynumber"}),
    CODE_CHANGE: (_requested, {"targets"}),
    "旧氏の記載": (_requested, {"targets", "former_surname", "former_surname_kana"}),
    "旧氏の削除": (_requested, {"targets"}),
    "通称の記載": (_requested, {"targets", "tsusho"}),
    "通称の削除": (_requested, {"targets"}),
    CANCEL: (_cancel, {"cancels"}),
    WITHDRAW_MOVE_OUT: (_cancel, {"cancels"}),
}
