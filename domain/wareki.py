"""和暦 (Japanese era) dates as the registry holds them.

A registry date is a RegDate: a day as an ISO string that always sorts, plus, for a 不詳日 (a date known
only roughly, §1.1.8 of the standard), the text as written, and, for a day two eras share (明治45年7月30日 =
大正元年7月30日, 大正15年12月25日 = 昭和元年12月25日), the older era when that is the one given, so that the 住民票
can match the 戸籍 (§1.1.8). Some items must also accept a day that is not in the calendar (such as 2月30日, kept
for consistency with the 戸籍). Parsing accepts what counter staff type; formatting prints 和暦 (certificates and
screens) or 西暦 (foreign residents' 生年月日 and 在留期間満了日), a 不詳日 in the specification's own words
(昭和50年頃, not the S50年頃 someone typed).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from domain.errors import ValidationError


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first: dt.date
    last: dt.date | None  # None for the current era


# 明治 starts on its retroactive first day (明治元年1月1日 of the old calendar). 大正 and 昭和 began on
# the day the emperor died (即日改元), so 1912-07-30 and 1926-12-25 belong to two eras each: both are
# read, and written as given (the newer one unless the older was). 平成 began the day after (翌日改元); 令和 on the
# day after an abdication.
ERAS: tuple[Era, ...] = (
    Era("明治", "M", dt.date(1868, 1, 25), dt.date(1912, 7, 30)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 25)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.letter)}
_ERA_BY_NAME = {era.name: era for era in ERAS}

UNKNOWN_ISO = "0000-00-00"  # the iso of 「年月日不詳」
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# A year: an era (name or letter, checked later) and its year, or a 西暦 year of four digits.
_YEAR = r"(?:(?P<era>[^0-9\s]+?)\s*(?P<ey>[0-9]{1,2}|元)|(?P<gy>[0-9]{4}))"
_YEAR_KANJI = _YEAR + r"\s*年"
_MONTH = r"\s*(?P<m>[0-9]{1,2})\s*月"
_DAY = r"\s*(?P<d>[0-9]{1,2})\s*日"

_DATE_FORMS = (
    # R8.11.27, r8/11/27, 令和8年11月27日, 2026-11-27, 2026年11月27日
    re.compile(_YEAR + r"\s*[年./-]\s*(?P<m>[0-9]{1,2})\s*[月./-]\s*(?P<d>[0-9]{1,2})\s*日?"),
    re.compile(r"(?P<gy>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),  # 20261127
)

# 不詳日 forms (§1.1.8), each with how the specification writes it. Each gives a period; the RegDate's iso is its
# first day (within the era).
_Words = Callable[[str, re.Match[str]], str]


def _n(match: re.Match[str], group: str) -> str:
    return str(int(match[group]))


def _about(year: str, m: re.Match[str]) -> str:
    month = f"{_n(m, 'm')}月" if m["m"] else ""
    day = f"{_n(m, 'd')}日" if m["d"] else ""
    return f"{year}年{month}{day}頃"


_UNKNOWN_FORMS: tuple[tuple[re.Pattern[str], _Words], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (_YEAR_KANJI + rf"(?:{_MONTH}(?:{_DAY})?)?\s*頃", _about),  # 令和2年頃, 令和2年3月頃, 令和2年3月4日頃
        (r"推定\s*" + _YEAR_KANJI + _MONTH + _DAY,  # 推定令和2年3月4日
         lambda y, m: f"推定{y}年{_n(m, 'm')}月{_n(m, 'd')}日"),
        (_YEAR_KANJI + r"\s*(?P<season>春|夏|秋|冬)", lambda y, m: f"{y}年{m['season']}"),  # 令和2年春
        (_YEAR_KANJI + _MONTH + r"\s*(?P<part>上|中|下)旬",  # 令和2年3月上旬
         lambda y, m: f"{y}年{_n(m, 'm')}月{m['part']}旬"),
        (_YEAR_KANJI + r"\s*月日不詳", lambda y, m: f"{y}年　月日不詳"),  # 令和2年 月日不詳
        (_YEAR_KANJI + _MONTH + r"\s*日不詳", lambda y, m: f"{y}年{_n(m, 'm')}月　日不詳"),  # 令和2年3月 日不詳
        # 令和2年3月1日から3日頃までの間
        (_YEAR_KANJI + _MONTH + _DAY + r"\s*から\s*(?P<d2>[0-9]{1,2})\s*日\s*(?P<about>頃)?\s*までの間",
         lambda y, m: f"{y}年{_n(m, 'm')}月{_n(m, 'd')}日から{_n(m, 'd2')}日{m['about'] or ''}までの間"),
    )
)
_ALL_UNKNOWN = "年月日不詳"
# 冬 of a year covers both its January–February and its December, so its period is the whole year.
_SEASON_MONTHS = {"春": (3, 5), "夏": (6, 8), "秋": (9, 11), "冬": (1, 12)}
_PART_DAYS = {"上": (1, 10), "中": (11, 20), "下": (21, 31)}


@dataclass(frozen=True, order=True)
class RegDate:
    """A registry date: `iso` always sorts; `text` is set only for a 不詳日 and is then what is shown; `era` only for
    a day two eras share, written in the older one (明治45年7月30日, 大正15年12月25日)."""

    iso: str = field(compare=False)
    text: str | None = field(default=None, compare=False)
    era: str | None = field(default=None, compare=False)
    # Equality and order: by iso, then text and era ("" for none). Comparing `text` itself would fail on None vs str.
    _key: tuple[str, str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.iso, str) or not _ISO.fullmatch(self.iso):
            raise ValidationError("年月日", f"日付の形式が正しくありません（{self.iso!r}）")
        if self.text is None:
            year, month, day = self.numbers
            if year < 1 or not 1 <= month <= 12 or not 1 <= day <= 31:
                raise ValidationError("年月日", f"日付の形式が正しくありません（{self.iso}）")
        elif not isinstance(self.text, str) or not self.text.strip():
            raise ValidationError("年月日", "不詳日の表記が空です")
        if self.era is not None:
            era = _ERA_BY_NAME.get(self.era) if isinstance(self.era, str) else None
            shared = era is not None and era.last is not None and self.iso == era.last.isoformat()
            if not shared or self.text is not None or _era_on(dt.date.fromisoformat(self.iso)) is era:
                raise ValidationError("年月日", f"{self.era}で書ける日付ではありません（{self.iso}）")
        object.__setattr__(self, "_key", (self.iso, self.text or "", self.era or ""))

    @classmethod
    def of(cls, d: dt.date) -> RegDate:
        return cls(d.isoformat())

    @classmethod
    def from_json(cls, value: str | dict[str, Any]) -> RegDate:
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict) and "iso" in value:
            return cls(value["iso"], value.get("text"), value.get("era"))  # all checked in __post_init__
        raise ValidationError("年月日", f"日付のデータ形式が正しくありません（{value!r}）")

    def to_json(self) -> str | dict[str, str]:
        if self.era is not None:
            return {"iso": self.iso, "era": self.era}
        return self.iso if self.text is None else {"iso": self.iso, "text": self.text}

    @property
    def numbers(self) -> tuple[int, int, int]:
        """Year, month and day as held (possibly not a calendar day)."""
        year, month, day = self.iso.split("-")
        return int(year), int(month), int(day)

    @property
    def is_unknown(self) -> bool:
        return self.text is not None

    @property
    def is_calendar(self) -> bool:
        if self.text is not None:
            return False
        year, month, day = self.numbers
        return day <= calendar.monthrange(year, month)[1]

    def to_date(self) -> dt.date:
        if not self.is_calendar:
            raise ValidationError("年月日", f"暦にある日付ではありません（{self.text or self.iso}）")
        return dt.date.fromisoformat(self.iso)


def parse_date(
    text: str, *, item: str = "年月日", allow_noncalendar: bool = False, allow_unknown: bool = False
) -> RegDate:
    """Read a date as staff type it (和暦 or 西暦, full- or half-width); ValidationError if it is wrong."""
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        raise ValidationError(item, "入力されていません")
    if value == _ALL_UNKNOWN or any(form.fullmatch(value) for form, _ in _UNKNOWN_FORMS):
        if not allow_unknown:
            raise ValidationError(item, "この項目には不詳の日付を入力できません")
        return RegDate(_unknown_iso(value, item, allow_noncalendar), value)
    for form in _DATE_FORMS:
        if match := form.fullmatch(value):
            year, era = _year(match, item)
            month, day = int(match["m"]), int(match["d"])
            on = _day(year, month, day, item, allow_noncalendar)
            if era is not None:
                _check_era(era, on, on, item)
            # On a day two eras share, the older one is kept when it is the one given (§1.1.8: as the 戸籍 has it).
            older = era is not None and era is not _era_on(on)
            return RegDate(f"{year:04d}-{month:02d}-{day:02d}", era=era.name if older and era else None)
    raise ValidationError(item, "日付の形が分かりません（例：R8.11.27、令和8年11月27日、2026-11-27）")


def _unknown_iso(value: str, item: str, allow_noncalendar: bool) -> str:
    """The first day of the period a 不詳日 names, not before its era began."""
    if value == _ALL_UNKNOWN:
        return UNKNOWN_ISO
    match = next(m for form, _ in _UNKNOWN_FORMS if (m := form.fullmatch(value)))
    year, era = _year(match, item)
    parts = match.groupdict()
    if parts.get("m"):
        first_month = last_month = int(parts["m"])
    elif parts.get("season"):
        first_month, last_month = _SEASON_MONTHS[parts["season"]]
    else:
        first_month, last_month = 1, 12
    if parts.get("d"):
        first_day, last_day = int(parts["d"]), int(parts.get("d2") or parts["d"])
        if last_day <= first_day and parts.get("d2"):
            raise ValidationError(item, "期間の終わりの日が始まりの日より前です")
    else:
        first_day, last_day = _PART_DAYS[parts["part"]] if parts.get("part") else (1, 31)
    start = _day(year, first_month, first_day, item, allow_noncalendar)
    # A month, 旬 or season ends on the last day of its month (_day clamps a day 31 when allowed to).
    end = _day(year, last_month, last_day, item, allow_noncalendar or not parts.get("d"))
    if era is not None:
        _check_era(era, start, end, item)
        if start < era.first:
            return era.first.isoformat()
    return f"{year:04d}-{first_month:02d}-{first_day:02d}"


def _year(match: re.Match[str], item: str) -> tuple[int, Era | None]:
    """The 西暦 year of a match, and its era when it was written in 和暦."""
    if match["gy"]:
        year = int(match["gy"])
        if year < 1:
            raise ValidationError(item, "0年はありません")
        return year, None
    era = _ERA_BY_KEY.get(match["era"].upper())
    if era is None:
        raise ValidationError(item, f"元号が分かりません（{match['era']}）。明治～令和かM・T・S・H・Rです")
    era_year = 1 if match["ey"] == "元" else int(match["ey"])
    if era_year == 0:
        raise ValidationError(item, f"{era.name}0年はありません（最初の年は元年です）")
    return era.first.year + era_year - 1, era


def _day(year: int, month: int, day: int, item: str, allow_noncalendar: bool) -> dt.date:
    """Check a day; return it, or for an allowed non-calendar day the last day of its month."""
    if not 1 <= month <= 12:
        raise ValidationError(item, f"{month}月はありません（1から12まで）")
    if not 1 <= day <= 31:
        raise ValidationError(item, f"{day}日はありません（1から31まで）")
    last = calendar.monthrange(year, month)[1]
    if day > last and not allow_noncalendar:
        raise ValidationError(item, f"その日は暦にありません（{year}年{month}月は{last}日までです）")
    return dt.date(year, month, min(day, last))


def _check_era(era: Era, start: dt.date, end: dt.date, item: str) -> None:
    """Refuse a day (or period start..end) that lies wholly outside the era."""
    if end < era.first:
        raise ValidationError(item, f"{era.name}は{format_seireki(era.first)}に始まります")
    if era.last is not None and start > era.last:
        raise ValidationError(item, f"{era.name}は{format_seireki(era.last)}で終わります")


def _era_on(d: dt.date) -> Era:
    for era in reversed(ERAS):
        if era.first <= d:
            return era
    raise ValidationError("年月日", f"明治より前の日付は和暦で表せません（{d.isoformat()}）")


def era_of(d: dt.date) -> tuple[str, int]:
    """The era in force on a day (the new one on a same-day change) and the year within it."""
    era = _era_on(d)
    return era.name, d.year - era.first.year + 1


def _numbers(value: RegDate | dt.date) -> tuple[int, int, int]:
    return value.numbers if isinstance(value, RegDate) else (value.year, value.month, value.day)


def _era_numbers(value: RegDate | dt.date) -> tuple[Era, int, int, int]:
    """Era, era year, month and day; a non-calendar day counts in the era of its month's last day, a day written in
    the older of two eras in that era."""
    year, month, day = _numbers(value)
    if isinstance(value, RegDate) and value.era is not None:
        era = _ERA_BY_NAME[value.era]
    else:
        era = _era_on(dt.date(year, month, min(day, calendar.monthrange(year, month)[1])))
    return era, year - era.first.year + 1, month, day


def _era_year(era: Era, era_year: int, gannen: bool) -> str:
    return f"{era.name}{'元' if era_year == 1 and gannen else era_year}"


def _unknown_words(value: RegDate, *, seireki: bool, gannen: bool = True) -> str:
    """A 不詳日 in the specification's words (§1.1.8), its year in 和暦 (or 西暦), however it was typed; a text this
    version does not read is shown as held."""
    assert value.text is not None
    if value.text == _ALL_UNKNOWN:
        return value.text
    for form, words in _UNKNOWN_FORMS:
        if match := form.fullmatch(value.text):
            break
    else:
        return value.text
    try:
        year, era = _year(match, "年月日")
        if seireki:
            return words(str(year), match)
        era = era or _era_numbers(RegDate(value.iso))[0]
        return words(_era_year(era, year - era.first.year + 1, gannen), match)
    except ValidationError:
        return value.text


def format_wareki(value: RegDate | dt.date, *, gannen: bool = True) -> str:
    """「令和8年11月27日」; the first year of an era as 元年 unless gannen=False; a 不詳日 as the specification writes
    it (昭和50年頃)."""
    if isinstance(value, RegDate) and value.text is not None:
        return _unknown_words(value, seireki=False, gannen=gannen)
    era, era_year, month, day = _era_numbers(value)
    return f"{_era_year(era, era_year, gannen)}年{month}月{day}日"


def format_seireki(value: RegDate | dt.date) -> str:
    """「2026年11月27日」, for foreign residents' 生年月日 and 在留期間満了日; a 不詳日 in the specification's words with
    its 西暦 year (1975年頃)."""
    if isinstance(value, RegDate) and value.text is not None:
        return _unknown_words(value, seireki=True)
    year, month, day = _numbers(value)
    return f"{year}年{month}月{day}日"


def format_short(value: RegDate | dt.date) -> str:
    """「R8.11.27」, for dense tables; a 不詳日 as format_wareki writes it."""
    if isinstance(value, RegDate) and value.text is not None:
        return format_wareki(value)
    era, era_year, month, day = _era_numbers(value)
    return f"{era.letter}{era_year}.{month}.{day}"
