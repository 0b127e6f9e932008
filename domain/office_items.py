"""The items of 住民基本台帳法 7条9号〜11号の2 that other offices enter: reading a correction of them, and their words.

選挙人名簿への登録 (9号: 「選挙人名簿に登録された者については、その旨」), 国民健康保険 (10号, 施行令3条: 資格取得・喪失年月日,
退職被保険者等), 後期高齢者医療 (10号の2, 施行令3条の2), 介護保険 (10号の3, 施行令3条の3: 資格取得・喪失年月日),
国民年金 (11号, 施行令4条: 種別, 基礎年金番号, 資格取得・喪失年月日, 種別の変更年月日) and 児童手当 (11号の2, 施行令4条の2:
支給が始まった月). They are recorded on the person (`domain.records.OfficeItems`) by a correction 異動 (職権修正:
`offices`), each item given replacing the one held and null removing it; printed on the 住民票記載事項証明書 when asked
for and on the 転出証明書 (施行令24条).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from domain.errors import ValidationError
from domain.records import PENSION_KINDS, ChildAllowance, Coverage, OfficeItems, Pension
from domain.wareki import RegDate, era_of, parse_date

ITEM = "法7条9号〜11号の2の事項"
NOT_RECORDED = "記載なし"
# The request's keys, each with the item's name on paper.
NAMES = {"elector": "選挙人名簿への登録", "kokuho": "国民健康保険", "kouki": "後期高齢者医療", "kaigo": "介護保険",
         "nenkin": "国民年金", "jidou_teate": "児童手当"}
# On the 転出証明書 (施行令24条): every entry but the 選挙人名簿 (the new town's 選挙管理委員会 registers anew).
TENSHUTSU_KEYS = ("kokuho", "kouki", "kaigo", "nenkin", "jidou_teate")
_PENSION_NUMBER = re.compile(r"\d{10}")
_MONTH_ONLY = re.compile(r"([^\d.年/-]*\d+)\s*[.年/-]\s*(\d{1,2})\s*月?")


def read(current: OfficeItems, value: Any) -> OfficeItems:
    """`current` with the items `value` gives (a mapping of NAMES' keys; null: no longer recorded)."""
    if not isinstance(value, Mapping) or not value:
        raise ValidationError(ITEM, f"修正する項目を指定してください（{', '.join(NAMES)}）")
    unknown = sorted(set(value) - set(NAMES))
    if unknown:
        raise ValidationError(ITEM, f"この項目はありません: {', '.join(unknown)}")
    changes: dict[str, Any] = {}
    for key, raw in value.items():
        if raw is None:
            changes[key] = None
        elif key == "elector":
            if not isinstance(raw, bool):
                raise ValidationError(NAMES[key], "選挙人名簿への登録は true（登録あり）か false（登録なし）で入力してください")
            changes[key] = raw
        elif key == "nenkin":
            changes[key] = _pension(raw)
        elif key == "jidou_teate":
            changes[key] = _allowance(raw)
        else:
            changes[key] = _coverage(key, raw)
    return replace(current, **changes)


def _fields(raw: Any, key: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise ValidationError(NAMES[key], f"{NAMES[key]}は項目（{', '.join(sorted(allowed))}）で入力してください")
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValidationError(NAMES[key], f"{NAMES[key]}にこの項目はありません: {', '.join(unknown)}")
    return raw


def _date(raw: Any, item: str, *, required: bool = False) -> RegDate | None:
    if raw is None or raw == "":
        if required:
            raise ValidationError(item, f"{item}を入力してください")
        return None
    if isinstance(raw, Mapping):
        return RegDate.from_json(dict(raw))
    if not isinstance(raw, str):
        raise ValidationError(item, f"{item}は日付で入力してください")
    return parse_date(raw, item=item)


def _month(raw: Any, item: str, *, required: bool = False) -> RegDate | None:
    """A month (R8.4, 令和8年4月, 2026-04) or a day of it, held as the month's first day."""
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().replace("元年", "1年")
        if match := _MONTH_ONLY.fullmatch(text):
            raw = f"{match[1]}.{match[2]}.1" if not text[:1].isdigit() else f"{match[1]}-{int(match[2]):02d}-01"
    day = _date(raw, item, required=required)
    if day is None:
        return None
    year, month, _ = day.numbers
    return RegDate(f"{year:04d}-{month:02d}-01")


def _ordered(first: RegDate, later: RegDate | None, item: str, earlier_item: str) -> None:
    if later is not None and later.iso < first.iso:
        raise ValidationError(item, f"{item}が{earlier_item}より前になっています")


def _coverage(key: str, raw: Any) -> Coverage:
    allowed = {"acquired", "lost"} | ({"retired"} if key == "kokuho" else set())
    raw = _fields(raw, key, allowed)
    name = NAMES[key]
    acquired = _date(raw.get("acquired"), f"{name}の資格取得年月日", required=True)
    assert acquired is not None
    lost = _date(raw.get("lost"), f"{name}の資格喪失年月日")
    _ordered(acquired, lost, f"{name}の資格喪失年月日", "資格取得年月日")
    retired = raw.get("retired", False)
    if not isinstance(retired, bool):
        raise ValidationError(name, "退職被保険者等は true か false で入力してください")
    return Coverage(acquired, lost, retired)


def _pension(raw: Any) -> Pension:
    raw = _fields(raw, "nenkin", {"kind", "number", "acquired", "kind_changed", "lost"})
    kind = unicodedata.normalize("NFKC", str(raw.get("kind") or "")).strip()
    kind = {"1": "第1号被保険者", "3": "第3号被保険者", "任意": "任意加入被保険者"}.get(kind, kind)
    if kind not in PENSION_KINDS:
        raise ValidationError("国民年金の種別", f"種別は{'・'.join(PENSION_KINDS)}のいずれかです（第2号被保険者は記載しません）")
    number = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", str(raw.get("number") or "")))
    if not _PENSION_NUMBER.fullmatch(number):
        raise ValidationError("基礎年金番号", "基礎年金番号は10桁の数字です（例：1234-567890）")
    acquired = _date(raw.get("acquired"), "国民年金の資格取得年月日", required=True)
    assert acquired is not None
    changed = _date(raw.get("kind_changed"), "国民年金の種別変更年月日")
    lost = _date(raw.get("lost"), "国民年金の資格喪失年月日")
    _ordered(acquired, changed, "国民年金の種別変更年月日", "資格取得年月日")
    _ordered(acquired, lost, "国民年金の資格喪失年月日", "資格取得年月日")
    return Pension(kind, number, acquired, changed, lost)


def _allowance(raw: Any) -> ChildAllowance:
    raw = _fields(raw, "jidou_teate", {"began", "ended"})
    began = _month(raw.get("began"), "児童手当の支給開始年月", required=True)
    assert began is not None
    ended = _month(raw.get("ended"), "児童手当の支給終了年月")
    _ordered(began, ended, "児童手当の支給終了年月", "支給開始年月")
    return ChildAllowance(began, ended)


# --- their words on paper -------------------------------------------------------------------------------------------


def _wareki_month(value: RegDate) -> str:
    era, year = era_of(value.to_date())
    _, month, _ = value.numbers
    return f"{era}{'元' if year == 1 else year}年{month}月"


def pension_number(number: str) -> str:
    """基礎年金番号 as it is written: 4 digits, a hyphen, 6 digits."""
    return f"{number[:4]}-{number[4:]}"


def entry_text(items: OfficeItems, key: str, dated: Callable[[RegDate], str]) -> str:
    """What the 住民票 says of one item (NAMES' key); `dated` writes a RegDate (和暦)."""
    value = getattr(items, key)
    if value is None:
        return NOT_RECORDED
    if key == "elector":
        return "登録" if value else "登録なし"
    if isinstance(value, Coverage):
        parts = [f"資格取得　{dated(value.acquired)}"]
        if value.lost is not None:
            parts.append(f"資格喪失　{dated(value.lost)}")
        if value.retired:
            parts.append("退職被保険者等")
        return "　".join(parts)
    if isinstance(value, Pension):
        parts = [value.kind, f"基礎年金番号　{pension_number(value.number)}", f"資格取得　{dated(value.acquired)}"]
        if value.kind_changed is not None:
            parts.append(f"種別変更　{dated(value.kind_changed)}")
        if value.lost is not None:
            parts.append(f"資格喪失　{dated(value.lost)}")
        return "　".join(parts)
    assert isinstance(value, ChildAllowance)
    text = f"支給開始　{_wareki_month(value.began)}"
    return text + (f"　支給終了　{_wareki_month(value.ended)}" if value.ended is not None else "")
