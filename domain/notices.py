"""Notices to and from other offices (住民基本台帳法 9条, 15条2項, 19条, 30条の6; 入管法61条の8の2; see docs/notices.md
for the file format).

Outgoing notices are owed by the 異動 themselves: `owed` reads one 異動 document (and the rows it was based on) and
gives the notices it owes, each with a stable id, so every terminal and a rebuilt replica derive the same outbox.

- 転入通知 (法9条1項) after a 国内転入, to the town of the 転入前住所;
- 附票記載事項通知 (法19条1項) to the 本籍地 of a 日本人 with a 本籍, after a 記載, a 消除 or a change of address;
- 本人確認情報 (法30条の6) to the prefecture through the national system, after a 記載 or 消除 and after a change of
  氏名, 生年月日, 性別, 住所, 住民票コード or 個人番号;
- 選挙管理委員会への通知 (法15条2項) to the town's own 選挙管理委員会, after a 記載, a 消除 or a change of 氏名,
  生年月日, 性別 or 住所 of a 日本人 of voting age (公職選挙法9条: 年齢満18年以上) on the 異動日. (法10条 is the other
  way: the 選挙管理委員会 tells the town whom it registered, for the 住民票's 法7条11号 item.)
- 法務大臣への通知 (出入国管理及び難民認定法61条の8の2) after a 記載, a 消除 or a change of a 外国人住民's 住民票, but
  for the household's and the insurance items. (住基法30条の50 is the other way: the 法務大臣 tells the town.)

A 附票記載事項通知 is owed only to another town: where the 本籍 lies in this town, its own 戸籍の附票 is updated
instead (法19条1項 notifies "the 本籍地's 市町村長", which is then the town itself).

A 異動 that changes none of a notice's items owes it nothing (a 世帯主変更 only changes 続柄); a 異動の取消し owes the
notices again with the values it restores, since it is compared with the row before it like any other 異動.

Incoming notices (`parse_file`) are 転入通知 from other towns and notices from the 戸籍 side: 出生, 死亡 and changes
of 氏名 or 本籍. Each becomes a 異動 request (`idou_request`) for the person it names (`match`), which staff confirm
before it is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from enum import StrEnum
from typing import Any

from domain import fuhyo as fuhyo_rules
from domain.errors import ValidationError
from domain.idou import Idou, RowChange
from domain.kana import to_katakana
from domain.municipalities import all_towns, towns_in
from domain.names import check_name
from domain.prefectures import PREFECTURES
from domain.records import LABELS, ForeignItems, Honseki, HonsekiKind, Person, ResidentKind, Status
from domain.wareki import RegDate

FORMAT = "madoguchi-notices"
VERSION = 1


class Outgoing(StrEnum):
    TENNYU = "転入通知"
    FUHYO = "附票記載事項通知"
    HONNIN = "本人確認情報"
    SENKYO = "選挙管理委員会への通知"
    NYUKAN = "法務大臣への通知"


# The short code of each kind: in the notice ids and on the command line.
CODES: dict[Outgoing, str] = {Outgoing.TENNYU: "tennyu", Outgoing.FUHYO: "fuhyo", Outgoing.HONNIN: "honnin",
                              Outgoing.SENKYO: "senkyo", Outgoing.NYUKAN: "nyukan"}
LAWS: dict[Outgoing, str] = {
    Outgoing.TENNYU: "住民基本台帳法第9条第1項",
    Outgoing.FUHYO: "住民基本台帳法第19条第1項",
    Outgoing.HONNIN: "住民基本台帳法第30条の6",
    Outgoing.SENKYO: "住民基本台帳法第15条第2項",
    Outgoing.NYUKAN: "出入国管理及び難民認定法第61条の8の2",
}


class Incoming(StrEnum):
    TENNYU = "転入通知"
    BIRTH = "出生"
    DEATH = "死亡"
    KOSEKI = "氏名・本籍の変更"
    FUHYO = fuhyo_rules.NOTICE_KIND  # 法19条1項, from the town a person of our 戸籍の附票 lives in
    FUHYO_KOSEKI = fuhyo_rules.KOSEKI_NOTICE_KIND  # the 戸籍 side of our 戸籍の附票 (入籍, 除籍, 転籍 …)


# Incoming notices that change the 戸籍の附票 rather than a resident (local_store.fuhyo_service takes them).
FUHYO_KINDS = frozenset({Incoming.FUHYO, Incoming.FUHYO_KOSEKI})


def kind_named(text: str) -> Outgoing:
    """An outgoing kind by its name or its code (`tennyu`, `fuhyo`, `honnin`, `senkyo`, `nyukan`)."""
    for kind, code in CODES.items():
        if text in (kind.value, code):
            return kind
    raise ValidationError("通知の種別", f"通知の種別「{text}」はありません（{'、'.join(f'{k.value}（{c}）' for k, c in CODES.items())}）")


# --- addressees ----------------------------------------------------------------------------------------------------

# 政令指定都市: their 区 are not towns of their own; a notice goes to the city (its 区役所 by the address).
_DESIGNATED = ("札幌市", "仙台市", "さいたま市", "千葉市", "横浜市", "川崎市", "相模原市", "新潟市", "静岡市", "浜松市",
               "名古屋市", "京都市", "大阪市", "堺市", "神戸市", "岡山市", "広島市", "北九州市", "福岡市", "熊本市")
_GUN = re.compile(r"(.+?郡.+?[町村])")
_GUN_NAME = re.compile(r"[^市町村区郡]+郡")
_WARD = re.compile(r"([^市町村]+?区)")


def town_of(address: str) -> str:
    """The 都道府県 and 市区町村 an address lies in, read from its text: a prefecture's name, then a 政令指定都市 with
    its 区, or a town of the list of 全国地方公共団体コード (`municipalities`), after its 郡 if one is written. The
    whole text when no town can be read (a country's name, for one)."""
    text = address.strip()
    prefecture = next((p for p in PREFECTURES if text.startswith(p)), "")
    rest = text[len(prefecture):]
    for city in _DESIGNATED:
        if rest.startswith(city):
            ward = _WARD.match(rest[len(city):])
            return prefecture + city + (ward.group(1) if ward else "")
    listed = _listed_town(rest, towns_in(prefecture) if prefecture else all_towns())
    if listed is not None:
        return prefecture + listed
    return prefecture + _town_by_rule(rest, prefecture) if rest else text


def _listed_town(rest: str, towns: tuple[str, ...]) -> str | None:
    """The town of the list that `rest` begins with, or begins with after a 郡 (kept as written); None when none."""
    found = next((town for town in towns if rest.startswith(town)), None)
    gun = _GUN_NAME.match(rest) if found is None else None
    if gun is not None:
        after = rest[gun.end():]
        found = next((gun.group() + town for town in towns if after.startswith(town)), None)
    return found


def _town_by_rule(rest: str, prefecture: str) -> str:
    """A town not on the list (made since, or not a real one): a 郡's 町村, a 東京都 特別区, or the first 市, 町 or
    村 (a 町 or 村 right before 市 is part of a city's name, as in 十日町市); all of `rest` when none."""
    found = _GUN.match(rest)
    if found is None and prefecture == "東京都":
        found = _WARD.match(rest)
    if found is not None:
        return found.group(1)
    for end, char in enumerate(rest):
        if end == 0 or char not in "市町村":
            continue
        following = rest[end + 1:end + 2]
        if char in "町村" and following == "市":
            continue
        if char == "市" and following == "市":  # 四日市市, 廿日市市
            end += 1
        return rest[:end + 1]
    return rest


# --- outgoing --------------------------------------------------------------------------------------------------------


def notice_id(doc_id: str, kind: Outgoing, atena_no: str) -> str:
    return f"{doc_id}-{CODES[kind]}-{atena_no}"


def in_town(address: str, town: str, prefecture: str) -> bool:
    """Whether an address (a 本籍) lies in `town` (都道府県 and 市区町村), written with its prefecture or without."""
    return town_of(address) in (town, town.removeprefix(prefecture))


def _removal(person: Person) -> dict[str, Any] | None:
    removal = person.removal
    if removal is None:
        return None
    return {"reason": removal.reason, "date": removal.date.to_json(), "destination": removal.destination}


def _foreign_item(name: str) -> Callable[[Person], Any]:
    return lambda p: getattr(p.foreign, name, None)


# The items each kind reports, by the standard's names: a notice is owed when one of them differs from the row before.
Items = tuple[tuple[str, Callable[[Person], Any]], ...]
_HONNIN: Items = (("氏名", lambda p: p.name), ("生年月日", lambda p: p.birth), ("性別", lambda p: p.sex),
                  ("住所", lambda p: p.address.text), ("住民票コード", lambda p: p.juminhyo_code),
                  ("個人番号", lambda p: p.mynumber), ("住民状態", lambda p: p.status),
                  ("消除の記載事項", lambda p: p.removal))
_FUHYO: Items = (("住民状態", lambda p: p.status), ("住所", lambda p: p.address.text),
                 ("住所を定めた年月日", lambda p: p.address_since), ("消除の記載事項", lambda p: p.removal))
# 選挙人名簿 (公職選挙法19条〜28条): who is on it (a 日本国民 of voting age with an address here), 氏名, 生年月日, 性別,
# 住所 (its 投票区), and the 消除 (転出 or 死亡: 抹消 and 表示).
_SENKYO: Items = (("氏名", lambda p: p.name), ("生年月日", lambda p: p.birth), ("性別", lambda p: p.sex),
                  ("住所", lambda p: p.address.text), ("住民種別", lambda p: p.kind),
                  ("住民状態", lambda p: p.status), ("消除の記載事項", lambda p: p.removal))
# 外国人住民's 住民票 to the 法務大臣: every item but the household's (世帯主・続柄) and the insurance and 児童手当
# items, whose changes owe no notice; each of the 法30条の45 items by its own name.
_NYUKAN: Items = (("氏名", lambda p: p.name), ("生年月日", lambda p: p.birth), ("性別", lambda p: p.sex),
                  ("住所", lambda p: p.address.text), ("住所を定めた年月日", lambda p: p.address_since),
                  ("住民種別", lambda p: p.kind), ("住民状態", lambda p: p.status),
                  ("消除の記載事項", lambda p: p.removal)) + tuple(
    (LABELS[f"foreign.{f.name}"], _foreign_item(f.name)) for f in fields(ForeignItems) if f"foreign.{f.name}" in LABELS)


def _changed(items: Items, before: Person | None, after: Person) -> list[str]:
    """The names of the items that differ from the row before (for a new person, all that are not None)."""
    return [name for name, item in items if (item(before) if before else None) != item(after)]


def _event(was: bool, now: bool) -> str:
    """記載, 消除 or 修正, by whether the person was and is on the register the notice concerns."""
    if now and not was:
        return "記載"
    if was and not now:
        return "消除"
    return "修正"


def _resident_event(before: Person | None, after: Person) -> str:
    return _event(before is not None and before.is_resident, after.is_resident)


VOTING_AGE = 18  # 公職選挙法9条1項


def of_voting_age(birth: RegDate, day: RegDate) -> bool:
    """年齢満18年以上 on `day`: the age is reached the day before the 18th birthday (年齢計算ニ関スル法律, 民法143条);
    a birth day not known (不詳日) counts from the first day it may be."""
    year, month, day_of_month = day.numbers
    if day.is_calendar:
        following = day.to_date() + dt.timedelta(days=1)
        year, month, day_of_month = following.year, following.month, following.day
    born_year, born_month, born_day = birth.numbers
    return year - born_year - ((month, day_of_month) < (born_month, born_day)) >= VOTING_AGE


def _voter(person: Person | None, day: RegDate) -> bool:
    """A row the 選挙人名簿 depends on: a 日本人 of voting age on the 異動日 (resident or removed)."""
    return person is not None and person.kind is ResidentKind.JAPANESE and of_voting_age(person.birth, day)


def _foreigner(person: Person | None) -> bool:
    """A row of a 外国人住民 (resident or removed)."""
    return person is not None and person.kind is ResidentKind.FOREIGN


def _on_register(person: Person | None, belongs: bool) -> bool:
    """On the register a notice concerns: a resident who belongs to it."""
    return person is not None and person.is_resident and belongs


def _notice(common: dict[str, Any], kind: Outgoing, addressee: str, person: dict[str, Any]) -> dict[str, Any]:
    return {"id": notice_id(common["idou"]["doc_id"], kind, common["atena_no"]), "kind": kind.value,
            "law": LAWS[kind], "addressee": addressee, **common, "person": person}


def owed(doc_id: str, idou: Idou, before: Callable[[RowChange], Person | None], sender: str,
         prefecture: str) -> list[dict[str, Any]]:
    """The notices one 異動 owes: `before` gives the row a person's new row was based on (None for a new person),
    `sender` is this town (都道府県 and 市区町村), `prefecture` the addressee of 本人確認情報."""
    found = []
    for change in idou.rows:
        after, previous = change.row, before(change)
        common = {"sender": sender, "atena_no": after.atena_no,
                  "idou": {"doc_id": doc_id, "reason": idou.reason, "idou_date": idou.idou_date.to_json(),
                           "processed_at": idou.processed_at}}
        if idou.reason == "国内転入" and after.is_resident and (previous is None or not previous.is_resident):
            found.append(_notice(common, Outgoing.TENNYU, town_of(after.previous_address), {
                "name": after.name, "name_kana": after.name_kana, "birth": after.birth.to_json(),
                "sex": after.sex.value, "juminhyo_code": after.juminhyo_code, "address": after.address.full(),
                "moved_in": idou.idou_date.to_json(), "previous_address": after.previous_address}))
        honseki = after.honseki
        if (after.kind is ResidentKind.JAPANESE and honseki is not None and honseki.kind is HonsekiKind.RECORDED
                and not in_town(honseki.place, sender, prefecture) and _changed(_FUHYO, previous, after)):
            since = after.address_since or after.resident_since
            found.append(_notice(common, Outgoing.FUHYO, town_of(honseki.place), {
                "event": _resident_event(previous, after), "honseki": honseki.place, "honseki_head": honseki.head,
                "name": after.name, "birth": after.birth.to_json(), "address": after.address.full(),
                "address_since": since.to_json(), "removal": _removal(after)}))
        changed = _changed(_HONNIN, previous, after)
        if changed:
            found.append(_notice(common, Outgoing.HONNIN, f"{prefecture}（住民基本台帳ネットワークシステム）", {
                "event": _resident_event(previous, after), "changed": changed, "name": after.name,
                "name_kana": after.name_kana, "birth": after.birth.to_json(), "sex": after.sex.value,
                "address": after.address.full(), "juminhyo_code": after.juminhyo_code, "mynumber": after.mynumber,
                "removal": _removal(after)}))
        was, now = _voter(previous, idou.idou_date), _voter(after, idou.idou_date)
        changed = _changed(_SENKYO, previous, after)
        if (was or now) and changed:
            found.append(_notice(common, Outgoing.SENKYO, f"{sender}選挙管理委員会", {
                "event": _event(_on_register(previous, was), _on_register(after, now)),
                "changed": changed, "name": after.name, "name_kana": after.name_kana,
                "birth": after.birth.to_json(), "sex": after.sex.value, "address": after.address.full(),
                "resident_since": after.resident_since.to_json(), "removal": _removal(after)}))
        was, now = _foreigner(previous), _foreigner(after)
        changed = _changed(_NYUKAN, previous, after)
        if (was or now) and changed:
            foreign = after.foreign or (previous.foreign if previous else None)
            found.append(_notice(common, Outgoing.NYUKAN, "法務大臣（出入国在留管理庁）", {
                "event": _event(_on_register(previous, was), _on_register(after, now)),
                "changed": changed, "name": after.name, "birth": after.birth.to_json(), "sex": after.sex.value,
                "address": after.address.full(), "foreign": foreign.to_json() if foreign else None,
                "removal": _removal(after)}))
    return found


def export_file(notices: Sequence[Mapping[str, Any]], sender: str, code: str, created_at: str) -> dict[str, Any]:
    """The file of notices (docs/notices.md): format and version, who wrote it and when, one object per notice."""
    return {"format": FORMAT, "version": VERSION, "sender": sender, "sender_code": code, "created_at": created_at,
            "count": len(notices), "notices": list(notices)}


# --- incoming --------------------------------------------------------------------------------------------------------

_WHO = {"name", "name_kana", "birth", "juminhyo_code"}
_PERSON_KEYS: dict[Incoming, tuple[set[str], set[str]]] = {  # (required, optional) keys of `person`
    Incoming.TENNYU: ({"name", "name_kana", "birth", "address", "moved_in"},
                      {"sex", "juminhyo_code", "previous_address"}),
    Incoming.BIRTH: ({"name", "name_kana", "birth", "sex", "parent"}, {"honseki", "relationship"}),
    Incoming.DEATH: ({"name", "name_kana", "birth", "died_on"}, {"sex", "juminhyo_code"}),
    Incoming.KOSEKI: ({"name", "name_kana", "birth", "changed_on", "changes"}, {"sex", "juminhyo_code"}),
}
_NOTICE_KEYS = {"id", "kind", "sender", "person"}
# What an outgoing notice also carries; ignored when one town's export is another's import.
_OUTGOING_KEYS = {"addressee", "law", "atena_no", "idou"}


def _text(value: Any, item: str, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(item, f"{item}は文字で入力してください")
    if required and not value.strip():
        raise ValidationError(item, f"{item}がありません")
    return check_name(value.strip(), item)


def _date(value: Any, item: str) -> RegDate:
    if not isinstance(value, (str, dict)):
        raise ValidationError(item, f"{item}は YYYY-MM-DD で入力してください")
    try:
        return RegDate.from_json(value)
    except ValidationError:
        raise ValidationError(item, f"{item}は YYYY-MM-DD で入力してください（{value!r}）") from None


def _keys(value: Any, required: set[str], optional: set[str], item: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(item, f"{item}はJSONのオブジェクトで入力してください")
    missing = sorted(required - set(value))
    if missing:
        raise ValidationError(item, f"{item}に項目がありません: {', '.join(missing)}")
    unknown = sorted(set(value) - required - optional)
    if unknown:
        raise ValidationError(item, f"{item}に使えない項目があります: {', '.join(unknown)}")
    return value


def _who(value: Mapping[str, Any], item: str) -> None:
    _text(value.get("name"), f"{item}の氏名")
    _text(value.get("name_kana"), f"{item}のフリガナ")
    _date(value.get("birth"), f"{item}の生年月日")
    code = _text(value.get("juminhyo_code"), f"{item}の住民票コード", required=False)
    if code and not (len(code) == 11 and code.isdigit()):
        raise ValidationError(f"{item}の住民票コード", "住民票コードは11桁の数字です")


def check_notice(notice: Any) -> Incoming:
    """The kind of an incoming notice whose every item is well formed; a ValidationError names the first that is not."""
    body = _keys(notice, _NOTICE_KEYS, _OUTGOING_KEYS, "通知")
    _text(body.get("id"), "通知のID")
    _text(body.get("sender"), "差出人（市区町村）")
    try:
        kind = Incoming(body.get("kind"))
    except ValueError:
        raise ValidationError("通知の種別", f"受け付ける通知の種別は {'、'.join(k.value for k in Incoming)} です"
                                       f"（「{body.get('kind')}」）") from None
    if kind in FUHYO_KINDS:
        fuhyo_rules.check_notice_person(kind.value, body["person"])
        return kind
    required, optional = _PERSON_KEYS[kind]
    person = _keys(body["person"], required, optional, "対象者")
    _who(person, "対象者")
    if "sex" in person and person["sex"] not in ("男", "女"):
        raise ValidationError("性別", "性別は「男」か「女」です")
    if kind is Incoming.TENNYU:
        _text(person.get("address"), "転入先の住所")
        _date(person.get("moved_in"), "転入日")
    elif kind is Incoming.BIRTH:
        _who(_keys(person["parent"], {"name", "name_kana", "birth"}, {"juminhyo_code"}, "父母"), "父母")
        _text(person.get("relationship"), "続柄", required=False)
        if "honseki" in person:
            _keys(person["honseki"], {"place", "head"}, set(), "本籍・筆頭者")
    elif kind is Incoming.DEATH:
        _date(person.get("died_on"), "死亡日")
    else:
        _date(person.get("changed_on"), "変更日")
        changes = _keys(person["changes"], set(), {"name", "name_kana", "honseki"}, "変更内容")
        if not changes:
            raise ValidationError("変更内容", "変更する項目（name, name_kana, honseki）がありません")
        if "honseki" in changes:
            _keys(changes["honseki"], {"place", "head"}, set(), "本籍・筆頭者")
    return kind


def parse_file(value: Any) -> list[dict[str, Any]]:
    """The notices of an incoming file (already read as JSON), every one checked before any is taken: a bad one
    raises a ValidationError naming it (its place in the file and its id)."""
    if not isinstance(value, Mapping) or value.get("format") != FORMAT:
        raise ValidationError("通知ファイル", f"通知ファイルの形式ではありません（format は {FORMAT}）")
    if value.get("version") != VERSION:
        raise ValidationError("通知ファイル", f"通知ファイルの版 {value.get('version')!r} は読めません（{VERSION} のみ）")
    notices = value.get("notices")
    if not isinstance(notices, list) or not notices:
        raise ValidationError("通知ファイル", "通知（notices）が一件もありません")
    seen: set[tuple[str, str]] = set()
    for index, notice in enumerate(notices, start=1):
        name = f"{index}件目" + (f"（ID {notice.get('id')}）" if isinstance(notice, Mapping) else "")
        try:
            check_notice(notice)
        except ValidationError as exc:
            raise ValidationError(f"通知 {name}", f"{exc.item}: {exc.message}") from None
        key = (notice["sender"], notice["id"])
        if key in seen:
            raise ValidationError(f"通知 {name}", "同じ差出人・IDの通知がファイルに二度あります")
        seen.add(key)
    return [dict(n) for n in notices]


def key_of(notice: Mapping[str, Any]) -> str:
    """What makes an incoming notice the same one when a file is imported twice: its sender and its id."""
    return f"{notice['sender']}\n{notice['id']}"


def born_on(notice: Mapping[str, Any]) -> str:
    """The 生年月日 (ISO) of the resident a notice concerns: for a 出生, the parent's."""
    person = notice["person"]
    who = person["parent"] if notice["kind"] == Incoming.BIRTH else person
    return _date(who["birth"], "生年月日").iso


class Unmatched(Exception):
    """No single resident fits the notice; `reason` says why, in Japanese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"[ \u3000]", "", a) == re.sub(r"[ \u3000]", "", b)


def match(notice: Mapping[str, Any], born_that_day: Iterable[Person]) -> Person:
    """The resident a notice concerns among the current rows of those born on its date: by 住民票コード when the
    notice gives one, else by 氏名 and フリガナ; for a 転入通知 among those with a 国内転出 recorded, for the others
    among residents. Raises Unmatched."""
    if notice["kind"] in FUHYO_KINDS:
        raise Unmatched("戸籍の附票の通知です（附票に記載するには fuhyo notice-apply を使います）")
    person = notice["person"]
    who = person["parent"] if notice["kind"] == Incoming.BIRTH else person
    code = who.get("juminhyo_code", "")
    if code:
        found = [p for p in born_that_day if p.juminhyo_code == code]
        how = f"住民票コード {code}・生年月日"
    else:
        found = [p for p in born_that_day if _same_text(p.name, who["name"])
                 and _same_text(p.name_kana, to_katakana(who["name_kana"]))]
        how = "氏名・フリガナ・生年月日"
    if notice["kind"] == Incoming.TENNYU:
        eligible = [p for p in found if p.status is Status.MOVED_OUT and p.removal is not None
                    and p.removal.reason == "国内転出"]
        refusal = "この人には国内転出の届出が記録されていません"
    else:
        eligible = [p for p in found if p.is_resident]
        refusal = f"この人は住民ではありません（{found[0].status.value if found else ''}）"
    if len(eligible) == 1:
        return eligible[0]
    if len(eligible) > 1:
        raise Unmatched(f"{how}が一致する人が複数います（宛名番号 {', '.join(p.atena_no for p in eligible)}）")
    if found:
        raise Unmatched(f"宛名番号 {found[0].atena_no}: {refusal}")
    raise Unmatched(f"{how}が一致する人がいません")


def _child_relationship(parent: Person) -> str:
    if parent.is_head or parent.relationship in ("夫", "妻", "夫(未届)", "妻(未届)"):
        return "子"
    return f"{parent.relationship}の子"


def idou_request(notice: Mapping[str, Any], resident: Person, received_on: str) -> dict[str, Any]:
    """The 異動 request (the JSON `main.py apply` takes) that records an incoming notice for the resident it
    concerns (for a 出生, the parent); `received_on` is the day it was received (ISO)."""
    person, sender = notice["person"], notice["sender"]
    kind = Incoming(notice["kind"])
    if kind is Incoming.TENNYU:
        return {"reason": "職権修正", "idou_date": received_on,
                "set": {resident.atena_no: {"moved_in": {"date": _date(person["moved_in"], "転入日").iso,
                                                         "address": person["address"]}}},
                "note": f"{sender}からの転入通知"}
    if kind is Incoming.BIRTH:
        child = {"name": person["name"], "name_kana": person["name_kana"], "sex": person["sex"],
                 "relationship": person.get("relationship") or _child_relationship(resident)}
        if "honseki" in person:
            child["honseki"] = dict(person["honseki"])
        elif resident.honseki is not None:
            child["honseki"] = _honseki_json(resident.honseki)
        return {"reason": "出生", "idou_date": person["birth"], "household": resident.setai_no, "persons": [child],
                "note": f"{sender}からの出生の通知"}
    if kind is Incoming.DEATH:
        return {"reason": "死亡", "idou_date": person["died_on"], "targets": [resident.atena_no],
                "note": f"{sender}からの死亡の通知"}
    return {"reason": "職権修正", "idou_date": person["changed_on"], "set": {resident.atena_no: dict(person["changes"])},
            "note": f"{sender}からの{kind.value}の通知"}


def _honseki_json(honseki: Honseki) -> dict[str, str] | str:
    return {"place": honseki.place, "head": honseki.head} if honseki.kind is HonsekiKind.RECORDED else honseki.kind.value


def summary(notice: Mapping[str, Any]) -> str:
    """One line for lists: kind, name and the town it comes from or goes to."""
    person = notice["person"]
    town = notice.get("addressee") or notice.get("sender", "")
    return f"{notice['kind']}  {person['name']}  {town}"
