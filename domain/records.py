"""The resident registry's records: a person's history row and its parts (standard specification §1.1, §1.2).

A `Person` is one history row: the full state of one person after one 異動 (§1.2.1). Rows are immutable; a change
produces a new row. Household-common items (世帯番号, 住所) are held on every member's row, as the standard does.
Serialised with English keys; the Japanese item names used in messages and on screens are in `LABELS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from domain.wareki import RegDate


class Sex(StrEnum):
    MALE = "男"
    FEMALE = "女"


class ResidentKind(StrEnum):
    JAPANESE = "日本人"
    FOREIGN = "外国人"


class Status(StrEnum):
    """住民状態."""

    RESIDENT = "住民"
    MOVED_OUT = "転出"
    DECEASED = "死亡"
    REMOVED = "消除"


class HonsekiKind(StrEnum):
    RECORDED = "記載"
    NONE = "なし"
    UNKNOWN = "不明"


# 法第30条の45に規定する区分 (§1.1.2).
FOREIGN_CATEGORIES = (
    "中長期在留者",
    "特別永住者",
    "一時庇護許可者",
    "仮滞在許可者",
    "出生による経過滞在者",
    "国籍喪失による経過滞在者",
)
# 法30条の45 表: the items each 区分 has on the 住民票 (`ForeignItems` field names), and no other 区分's.
CATEGORY_ITEMS: dict[str, tuple[str, ...]] = {
    "中長期在留者": ("residence_status", "period", "period_expiry", "card_number"),
    "特別永住者": ("card_number",),  # 特別永住者証明書の番号
    "一時庇護許可者": ("landing_period",),  # 一時庇護許可書に記載された上陸期間
    "仮滞在許可者": ("provisional_period",),  # 仮滞在許可書に記載された仮滞在期間
    "出生による経過滞在者": (),
    "国籍喪失による経過滞在者": (),
}
PERMANENT_STATUS = "永住者"  # a 在留資格 without 在留期間 (nor its 満了の日)
# 氏名の優先区分 (§1.1.2): which of the 氏名 (漢字 or カナ) and the 氏名（アルファベット） is written first.
NAME_KANJI, NAME_ALPHABET = "漢字", "アルファベット"
NAME_PRIORITY = "氏名の優先区分"

LABELS: dict[str, str] = {
    "atena_no": "宛名番号",
    "setai_no": "世帯番号",
    "name": "氏名",
    "name_kana": "氏名フリガナ",
    "kana_confirmed": "フリガナ確認フラグ",
    "former_surname": "旧氏",
    "former_surname_kana": "旧氏フリガナ",
    "birth": "生年月日",
    "sex": "性別",
    "relationship": "続柄",
    "address": "住所",
    "address.text": "住所",
    "address.katagaki": "方書",
    "address.code": "住所コード",
    "address.postal_code": "郵便番号",
    "address_since": "住所を定めた年月日",
    "resident_since": "住民となった年月日",
    "notified_on": "届出日",
    "entry_notified_on": "住所を定めた旨の届出日",
    "previous_address": "転入前住所",
    "honseki": "本籍・筆頭者",
    "mynumber": "個人番号",
    "juminhyo_code": "住民票コード",
    "kind": "住民種別",
    "foreign": "外国人住民の記載事項",
    "status": "住民状態",
    "removal": "消除の記載事項",
    "remarks": "備考",
    "foreign.alphabet_name": "氏名（アルファベット）",
    "foreign.nationality": "国籍・地域",
    "foreign.category": "法第30条の45に規定する区分",
    "foreign.residence_status": "在留資格",
    "foreign.period": "在留期間",
    "foreign.period_expiry": "在留期間の満了の日",
    "foreign.card_number": "在留カード等の番号",
    "foreign.landing_period": "上陸期間",
    "foreign.provisional_period": "仮滞在期間",
    "foreign.tsusho": "通称",
    "foreign.became_resident": "外国人住民となった年月日",
    "offices": "選挙人名簿・国民健康保険・後期高齢者医療・介護保険・国民年金・児童手当",
}


@dataclass(frozen=True, slots=True)
class Address:
    """住所 with 方書, 住所コード and 郵便番号."""

    text: str
    katagaki: str = ""
    code: str = ""
    postal_code: str = ""

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "katagaki": self.katagaki, "code": self.code, "postal_code": self.postal_code}

    @classmethod
    def from_json(cls, value: dict[str, str]) -> Address:
        return cls(value["text"], value.get("katagaki", ""), value.get("code", ""), value.get("postal_code", ""))

    def full(self) -> str:
        return f"{self.text}　{self.katagaki}" if self.katagaki else self.text


@dataclass(frozen=True, slots=True)
class Honseki:
    """戸籍の表示: 本籍 and 筆頭者, or the statement that there is none (なし) or it is not known (不明)."""

    kind: HonsekiKind
    place: str = ""
    head: str = ""

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind.value, "place": self.place, "head": self.head}

    @classmethod
    def from_json(cls, value: dict[str, str]) -> Honseki:
        return cls(HonsekiKind(value["kind"]), value.get("place", ""), value.get("head", ""))

    def display(self) -> str:
        return self.place if self.kind is HonsekiKind.RECORDED else self.kind.value


@dataclass(frozen=True, slots=True)
class TsushoEntry:
    """One 通称 and its 記載・削除 (施行令30条の27): the day it was recorded and the 市区町村 that recorded it, and, once
    it is deleted, the day and the 市区町村 of the deletion. Kept for every 通称 a foreign resident has had."""

    tsusho: str
    recorded_on: RegDate
    recorded_town: str
    removed_on: RegDate | None = None
    removed_town: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"tsusho": self.tsusho, "recorded_on": self.recorded_on.to_json(), "recorded_town": self.recorded_town,
                "removed_on": self.removed_on.to_json() if self.removed_on else None,
                "removed_town": self.removed_town}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> TsushoEntry:
        removed = value.get("removed_on")
        return cls(value["tsusho"], RegDate.from_json(value["recorded_on"]), value.get("recorded_town", ""),
                   RegDate.from_json(removed) if removed else None, value.get("removed_town", ""))


@dataclass(frozen=True, slots=True)
class ForeignItems:
    """The items of a foreign resident (§1.1.2; 法30条の45, by 区分 as CATEGORY_ITEMS has them). 在留期間満了日 is
    西暦 on screens and forms. Rows recorded before 上陸期間, 仮滞在期間 and 氏名の優先区分 were kept read as blank and
    漢字 first."""

    alphabet_name: str
    nationality: str
    category: str
    became_resident: RegDate
    residence_status: str = ""
    period: str = ""
    period_expiry: RegDate | None = None
    card_number: str = ""  # 在留カードの番号, or 特別永住者証明書の番号
    tsusho: str = ""
    tsusho_history: tuple[TsushoEntry, ...] = ()  # 施行令30条の27, oldest first; the last one is `tsusho` while in use
    landing_period: str = ""  # 上陸期間 (一時庇護許可者)
    provisional_period: str = ""  # 仮滞在期間 (仮滞在許可者)
    name_priority: str = NAME_KANJI  # NAME_KANJI or NAME_ALPHABET

    def to_json(self) -> dict[str, Any]:
        optional = {"landing_period": self.landing_period, "provisional_period": self.provisional_period,
                    "name_priority": "" if self.name_priority == NAME_KANJI else self.name_priority}
        return ({"tsusho_history": [e.to_json() for e in self.tsusho_history]} if self.tsusho_history else {}) | {
            key: value for key, value in optional.items() if value} | {
            "alphabet_name": self.alphabet_name,
            "nationality": self.nationality,
            "category": self.category,
            "became_resident": self.became_resident.to_json(),
            "residence_status": self.residence_status,
            "period": self.period,
            "period_expiry": self.period_expiry.to_json() if self.period_expiry else None,
            "card_number": self.card_number,
            "tsusho": self.tsusho,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> ForeignItems:
        expiry = value.get("period_expiry")
        return cls(
            alphabet_name=value["alphabet_name"],
            nationality=value["nationality"],
            category=value["category"],
            became_resident=RegDate.from_json(value["became_resident"]),
            residence_status=value.get("residence_status", ""),
            period=value.get("period", ""),
            period_expiry=RegDate.from_json(expiry) if expiry else None,
            card_number=value.get("card_number", ""),
            tsusho=value.get("tsusho", ""),
            tsusho_history=tuple(TsushoEntry.from_json(e) for e in value.get("tsusho_history") or ()),
            landing_period=value.get("landing_period", ""),
            provisional_period=value.get("provisional_period", ""),
            name_priority=value.get("name_priority") or NAME_KANJI,
        )


@dataclass(frozen=True, slots=True)
class Removal:
    """The items of a 除票: 消除事由, the day it happened (for 転出, the 転出予定日) and the 転出先."""

    reason: str
    date: RegDate
    destination: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason, "date": self.date.to_json(), "destination": self.destination}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Removal:
        return cls(value["reason"], RegDate.from_json(value["date"]), value.get("destination", ""))


# 法7条11号: the 国民年金 被保険者 the 住民票 records (第2号被保険者 are not); the 種別 as 施行令4条 has it.
PENSION_KINDS = ("第1号被保険者", "第3号被保険者", "任意加入被保険者")


def _opt(value: RegDate | None) -> str | dict[str, str] | None:
    return value.to_json() if value is not None else None


def _opt_date(raw: Any) -> RegDate | None:
    return RegDate.from_json(raw) if raw else None


@dataclass(frozen=True, slots=True)
class Coverage:
    """被保険者の資格 of one insurance (法7条10号〜10号の3, 施行令3条〜3条の3): 資格取得年月日 and, once lost,
    資格喪失年月日; for 国民健康保険, whether the person is a 退職被保険者等."""

    acquired: RegDate
    lost: RegDate | None = None
    retired: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"acquired": self.acquired.to_json(), "lost": _opt(self.lost), "retired": self.retired}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Coverage:
        return cls(RegDate.from_json(value["acquired"]), _opt_date(value.get("lost")), bool(value.get("retired")))


@dataclass(frozen=True, slots=True)
class Pension:
    """国民年金の被保険者の資格 (法7条11号, 施行令4条): 種別, 基礎年金番号 (10 digits), 資格取得年月日, 種別の変更年月日
    and 資格喪失年月日."""

    kind: str
    number: str
    acquired: RegDate
    kind_changed: RegDate | None = None
    lost: RegDate | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "acquired": self.acquired.to_json(),
                "kind_changed": _opt(self.kind_changed), "lost": _opt(self.lost)}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Pension:
        return cls(value["kind"], value["number"], RegDate.from_json(value["acquired"]),
                   _opt_date(value.get("kind_changed")), _opt_date(value.get("lost")))


@dataclass(frozen=True, slots=True)
class ChildAllowance:
    """児童手当の支給を受けている者の受給資格 (法7条11号の2, 施行令4条の2): the month its payment began and, once it
    ended, the month it ended (held as the first day of the month)."""

    began: RegDate
    ended: RegDate | None = None

    def to_json(self) -> dict[str, Any]:
        return {"began": self.began.to_json(), "ended": _opt(self.ended)}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> ChildAllowance:
        return cls(RegDate.from_json(value["began"]), _opt_date(value.get("ended")))


@dataclass(frozen=True, slots=True)
class OfficeItems:
    """The items of 法7条9号〜11号の2 that other offices enter and depend on: the 選挙管理委員会's 選挙人名簿への登録
    (登録の有無), and the 国民健康保険, 後期高齢者医療, 介護保険, 国民年金 and 児童手当 entries. None: not recorded."""

    elector: bool | None = None
    kokuho: Coverage | None = None
    kouki: Coverage | None = None
    kaigo: Coverage | None = None
    nenkin: Pension | None = None
    jidou_teate: ChildAllowance | None = None

    def to_json(self) -> dict[str, Any]:
        """Only the items recorded."""
        found: dict[str, Any] = {} if self.elector is None else {"elector": self.elector}
        for key in ("kokuho", "kouki", "kaigo", "nenkin", "jidou_teate"):
            if (value := getattr(self, key)) is not None:
                found[key] = value.to_json()
        return found

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> OfficeItems:
        def part(key: str, kind: Any) -> Any:
            return kind.from_json(value[key]) if value.get(key) else None

        elector = value.get("elector")
        return cls(None if elector is None else bool(elector), part("kokuho", Coverage), part("kouki", Coverage),
                   part("kaigo", Coverage), part("nenkin", Pension), part("jidou_teate", ChildAllowance))


@dataclass(frozen=True, slots=True)
class Person:
    """One history row of one person (§1.2.1): every item, as it stands after one 異動."""

    atena_no: str
    setai_no: str
    name: str
    name_kana: str
    birth: RegDate
    sex: Sex
    relationship: str
    address: Address
    resident_since: RegDate
    kind: ResidentKind = ResidentKind.JAPANESE
    kana_confirmed: bool = False
    former_surname: str = ""
    former_surname_kana: str = ""
    address_since: RegDate | None = None
    notified_on: RegDate | None = None  # of the latest 届出 that changed the row (異動履歴)
    # 法7条8号: the 届出日 of the 届出 by which the person took an address in the town (転入届, 出生届), or the day of
    # the 職権記載; printed beside the 転入前住所. None on rows recorded before it was kept (`notified_on` then).
    entry_notified_on: RegDate | None = None
    previous_address: str = ""
    honseki: Honseki | None = None
    mynumber: str = ""
    juminhyo_code: str = ""
    foreign: ForeignItems | None = None
    status: Status = Status.RESIDENT
    removal: Removal | None = None
    remarks: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    offices: OfficeItems = OfficeItems()  # 法7条9号〜11号の2 (rows recorded before they were kept: none recorded)

    @property
    def is_resident(self) -> bool:
        return self.status is Status.RESIDENT

    @property
    def is_head(self) -> bool:
        return self.relationship == "世帯主"

    @property
    def awaiting_mynumber(self) -> bool:
        """付番待ち: registered while the national system could not be reached."""
        return self.is_resident and not self.mynumber

    def evolve(self, **changes: Any) -> Person:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "atena_no": self.atena_no,
            "setai_no": self.setai_no,
            "name": self.name,
            "name_kana": self.name_kana,
            "kana_confirmed": self.kana_confirmed,
            "former_surname": self.former_surname,
            "former_surname_kana": self.former_surname_kana,
            "birth": self.birth.to_json(),
            "sex": self.sex.value,
            "relationship": self.relationship,
            "address": self.address.to_json(),
            "address_since": self.address_since.to_json() if self.address_since else None,
            "resident_since": self.resident_since.to_json(),
            "notified_on": self.notified_on.to_json() if self.notified_on else None,
            "entry_notified_on": self.entry_notified_on.to_json() if self.entry_notified_on else None,
            "previous_address": self.previous_address,
            "honseki": self.honseki.to_json() if self.honseki else None,
            "mynumber": self.mynumber,
            "juminhyo_code": self.juminhyo_code,
            "kind": self.kind.value,
            "foreign": self.foreign.to_json() if self.foreign else None,
            "status": self.status.value,
            "removal": self.removal.to_json() if self.removal else None,
            "remarks": self.remarks,
            "extra": self.extra,
            **({"offices": offices} if (offices := self.offices.to_json()) else {}),
        }

    @classmethod
    def from_json(cls, v: dict[str, Any]) -> Person:
        def opt_date(key: str) -> RegDate | None:
            raw = v.get(key)
            return RegDate.from_json(raw) if raw else None

        return cls(
            atena_no=v["atena_no"],
            setai_no=v["setai_no"],
            name=v["name"],
            name_kana=v["name_kana"],
            kana_confirmed=bool(v.get("kana_confirmed", False)),
            former_surname=v.get("former_surname", ""),
            former_surname_kana=v.get("former_surname_kana", ""),
            birth=RegDate.from_json(v["birth"]),
            sex=Sex(v["sex"]),
            relationship=v["relationship"],
            address=Address.from_json(v["address"]),
            address_since=opt_date("address_since"),
            resident_since=RegDate.from_json(v["resident_since"]),
            notified_on=opt_date("notified_on"),
            entry_notified_on=opt_date("entry_notified_on"),
            previous_address=v.get("previous_address", ""),
            honseki=Honseki.from_json(v["honseki"]) if v.get("honseki") else None,
            mynumber=v.get("mynumber", ""),
            juminhyo_code=v.get("juminhyo_code", ""),
            kind=ResidentKind(v.get("kind", ResidentKind.JAPANESE.value)),
            foreign=ForeignItems.from_json(v["foreign"]) if v.get("foreign") else None,
            status=Status(v.get("status", Status.RESIDENT.value)),
            removal=Removal.from_json(v["removal"]) if v.get("removal") else None,
            remarks=v.get("remarks", ""),
            extra=dict(v.get("extra") or {}),
            offices=OfficeItems.from_json(v.get("offices") or {}),
        )
