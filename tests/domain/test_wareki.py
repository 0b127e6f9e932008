"""和暦: the shared vectors, era boundaries, 不詳日 and non-calendar days, RegDate, and round trips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.wareki import RegDate, era_of, format_seireki, format_short, format_wareki, parse_date

VECTORS = json.loads((Path(__file__).parent / "vectors" / "wareki.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["format"], ids=lambda case: case["iso"])
def test_format_vectors(case: dict[str, str]) -> None:
    day = dt.date.fromisoformat(case["iso"])
    assert format_wareki(day) == case["wareki"]
    assert format_wareki(RegDate.of(day)) == case["wareki"]
    assert parse_date(case["wareki"]) == RegDate(case["iso"])


@pytest.mark.parametrize("case", VECTORS["parse_ok"], ids=lambda case: case["input"])
def test_parse_ok_vectors(case: dict[str, str]) -> None:
    assert parse_date(case["input"]).iso == case["iso"]


@pytest.mark.parametrize("case", VECTORS["parse_bad"], ids=lambda case: case["input"] or "empty")
def test_parse_bad_vectors(case: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(case["input"], item="生年月日")
    assert caught.value.item == "生年月日"
    assert str(caught.value).startswith("生年月日: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("H1.1.7", "平成は1989年1月8日に始まります"),
        ("R1.4.30", "令和は2019年5月1日に始まります"),
        ("S64.1.8", "昭和は1989年1月7日で終わります"),
        ("H32.1.1", "平成は2019年4月30日で終わります"),
        ("M45.7.31", "明治は1912年7月30日で終わります"),
        ("T15.12.26", "大正は1926年12月25日で終わります"),
        ("X8.1.1", "元号が分かりません"),
        ("R8.2.30", "その日は暦にありません"),
        ("R8.13.1", "13月はありません"),
        ("R8.1.32", "32日はありません"),
        ("令和0年1月1日", "令和0年はありません"),
        ("", "入力されていません"),
        ("  ", "入力されていません"),
        ("8.11.27", "日付の形が分かりません"),
        ("令和2年頃", "不詳の日付を入力できません"),
    ],
)
def test_rejections_say_why(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("old", "new", "iso"),
    [
        ("明治45年7月30日", "大正元年7月30日", "1912-07-30"),
        ("大正15年12月25日", "昭和元年12月25日", "1926-12-25"),
    ],
)
def test_same_day_era_change_keeps_the_era_given(old: str, new: str, iso: str) -> None:
    """§1.1.8: 明治45年7月30日 and 大正15年12月25日 must be settable, to match the 戸籍; the day is one, and each
    writing is kept and printed as given (the newer era when a 西暦 day is typed)."""
    given_old, given_new = parse_date(old), parse_date(new)
    assert given_old.iso == given_new.iso == iso
    assert format_wareki(given_old) == old and format_wareki(given_new) == new
    assert format_wareki(parse_date(iso)) == format_wareki(RegDate(iso)) == new
    assert given_old != given_new and min(given_old, given_new).iso == iso
    assert RegDate.from_json(given_old.to_json()) == given_old and given_old.to_json() == {"iso": iso,
                                                                                           "era": old[:2]}
    assert given_new.to_json() == iso  # nothing new in the stored form of every other day
    assert format_short(given_old) == f"{'M45.7.30' if old.startswith('明治') else 'T15.12.25'}"


@pytest.mark.parametrize("value", [{"iso": "1912-07-31", "era": "明治"}, {"iso": "1912-07-30", "era": "大正"},
                                   {"iso": "1989-01-07", "era": "昭和"}, {"iso": "1912-07-30", "era": "M"}])
def test_an_older_era_is_held_only_for_its_shared_last_day(value: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match="で書ける日付ではありません"):
        RegDate.from_json(value)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("S64.1.7", "1989-01-07"),
        ("H1.1.8", "1989-01-08"),
        ("H31.4.30", "2019-04-30"),
        ("R1.5.1", "2019-05-01"),
        ("M45.7.29", "1912-07-29"),
        ("M1.1.25", "1868-01-25"),
    ],
)
def test_last_and_first_days_of_eras(text: str, iso: str) -> None:
    assert parse_date(text).iso == iso


@pytest.mark.parametrize("text", ["S64.1.8", "H1.1.7", "H31.5.1", "R1.4.30", "M1.1.24"])
def test_one_day_beyond_an_era_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "r8.11.27",
        "R8/11/27",
        "R8-11-27",
        "R 8 . 11 . 27",
        "令和8年11月27日",
        "令和 8年 11月 27日",
        "ｒ８／１１／２７",
        "令和８年１１月２７日",
        "R8年11月27日",
        "2026-11-27",
        "2026/11/27",
        "2026.11.27",
        "2026年11月27日",
        "20261127",
        "２０２６－１１－２７",
        "  R8.11.27  ",
    ],
)
def test_what_staff_type(text: str) -> None:
    assert parse_date(text) == RegDate("2026-11-27")


def test_gannen_and_year_one_are_the_same_year() -> None:
    assert parse_date("令和元年5月1日") == parse_date("令和1年5月1日") == parse_date("R1.5.1")


@pytest.mark.parametrize(
    ("text", "iso"), [("R8.2.30", "2026-02-30"), ("2023-02-29", "2023-02-29"), ("H31.4.31", "2019-04-31")]
)
def test_non_calendar_days_only_when_allowed(text: str, iso: str) -> None:
    with pytest.raises(ValidationError, match="その日は暦にありません"):
        parse_date(text)
    value = parse_date(text, allow_noncalendar=True)
    assert value == RegDate(iso)
    assert not value.is_calendar and not value.is_unknown
    with pytest.raises(ValidationError):
        value.to_date()


@pytest.mark.parametrize("text", ["R8.2.32", "R8.13.1", "R8.0.1", "R8.1.0", "R1.4.31"])
def test_non_calendar_days_still_need_a_month_a_day_and_the_era(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_date(text, allow_noncalendar=True)


def test_non_calendar_day_formats_its_numbers_in_the_era_of_the_clamped_day() -> None:
    value = parse_date("平成31年4月31日", allow_noncalendar=True)
    assert format_wareki(value) == "平成31年4月31日"
    assert format_short(value) == "H31.4.31"
    assert format_seireki(value) == "2019年4月31日"


UNKNOWN_FORMS = [
    ("令和2年頃", "2020-01-01"),
    ("令和2年3月頃", "2020-03-01"),
    ("令和2年3月4日頃", "2020-03-04"),
    ("推定令和2年3月4日", "2020-03-04"),
    ("令和2年春", "2020-03-01"),
    ("令和2年夏", "2020-06-01"),
    ("令和2年秋", "2020-09-01"),
    ("令和2年冬", "2020-01-01"),
    ("令和2年3月上旬", "2020-03-01"),
    ("令和2年3月中旬", "2020-03-11"),
    ("令和2年3月下旬", "2020-03-21"),
    ("年月日不詳", "0000-00-00"),
    ("令和2年 月日不詳", "2020-01-01"),
    ("令和2年月日不詳", "2020-01-01"),
    ("令和2年3月 日不詳", "2020-03-01"),
    ("令和2年3月1日から3日頃までの間", "2020-03-01"),
    ("令和2年3月1日から3日までの間", "2020-03-01"),
    ("1950年頃", "1950-01-01"),
    ("S25年頃", "1950-01-01"),
    ("令和元年頃", "2019-05-01"),  # the period starts before 令和 did: its first day within the era
    ("平成元年春", "1989-03-01"),
    ("昭和64年頃", "1989-01-01"),
]


@pytest.mark.parametrize(("text", "iso"), UNKNOWN_FORMS)
def test_unknown_dates_only_when_allowed(text: str, iso: str) -> None:
    with pytest.raises(ValidationError, match="不詳の日付を入力できません"):
        parse_date(text)
    value = parse_date(text, allow_unknown=True)
    assert value == RegDate(iso, text)
    assert value.is_unknown and not value.is_calendar
    with pytest.raises(ValidationError):
        value.to_date()


@pytest.mark.parametrize(
    ("typed", "wareki", "seireki"),
    [
        ("S50年頃", "昭和50年頃", "1975年頃"),
        ("1975年頃", "昭和50年頃", "1975年頃"),
        ("s50年3月頃", "昭和50年3月頃", "1975年3月頃"),
        ("昭和50年03月04日頃", "昭和50年3月4日頃", "1975年3月4日頃"),
        ("推定S50年3月4日", "推定昭和50年3月4日", "推定1975年3月4日"),
        ("H1年春", "平成元年春", "1989年春"),
        ("R2年3月上旬", "令和2年3月上旬", "2020年3月上旬"),
        ("R2年月日不詳", "令和2年　月日不詳", "2020年　月日不詳"),
        ("2020年3月日不詳", "令和2年3月　日不詳", "2020年3月　日不詳"),
        ("R2年3月1日から3日までの間", "令和2年3月1日から3日までの間", "2020年3月1日から3日までの間"),
        ("R2年3月1日から3日頃までの間", "令和2年3月1日から3日頃までの間", "2020年3月1日から3日頃までの間"),
        ("年月日不詳", "年月日不詳", "年月日不詳"),
    ],
)
def test_unknown_dates_are_written_in_the_specifications_words(typed: str, wareki: str, seireki: str) -> None:
    """§1.1.8 不詳日入力一覧 and §1.1.9 (和暦 on certificates and screens): 「昭和50年頃」 whatever was typed, never the
    era letter or a 西暦 year; 西暦 only where the item is held in 西暦 (a foreign resident's 生年月日)."""
    value = parse_date(typed, allow_unknown=True)
    assert format_wareki(value) == format_short(value) == wareki
    assert format_seireki(value) == seireki


def test_an_unknown_date_text_this_version_does_not_read_is_shown_as_held() -> None:
    assert format_wareki(RegDate("1975-01-01", "昭和50年ごろ")) == "昭和50年ごろ"


def test_unknown_date_text_is_kept_nfkc_normalized() -> None:
    assert parse_date("令和２年　月日不詳", allow_unknown=True) == RegDate("2020-01-01", "令和2年 月日不詳")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("平成31年秋", "平成は2019年4月30日で終わります"),
        ("令和元年4月下旬", "令和は2019年5月1日に始まります"),
        ("令和2年3月3日から1日までの間", "終わりの日が始まりの日より前"),
        ("令和2年3月1日から32日までの間", "32日はありません"),
        ("令和2年13月頃", "13月はありません"),
        ("推定令和3年2月29日", "その日は暦にありません"),
        ("大化2年頃", "元号が分かりません"),
        ("令和0年頃", "令和0年はありません"),
    ],
)
def test_bad_unknown_dates(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_date(text, allow_unknown=True)


def test_unknown_date_with_a_non_calendar_day_needs_both_permissions() -> None:
    value = parse_date("推定令和3年2月29日", allow_unknown=True, allow_noncalendar=True)
    assert value == RegDate("2021-02-29", "推定令和3年2月29日")


def test_format_gannen_setting_and_other_styles() -> None:
    day = dt.date(1989, 1, 8)
    assert format_wareki(day) == "平成元年1月8日"
    assert format_wareki(day, gannen=False) == "平成1年1月8日"
    assert format_short(day) == "H1.1.8"
    assert format_seireki(day) == "1989年1月8日"
    assert format_short(RegDate("2026-11-27")) == "R8.11.27"


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("1912-07-30", ("大正", 1)),
        ("1912-07-29", ("明治", 45)),
        ("1926-12-25", ("昭和", 1)),
        ("1989-01-07", ("昭和", 64)),
        ("1989-01-08", ("平成", 1)),
        ("2019-05-01", ("令和", 1)),
        ("2026-11-27", ("令和", 8)),
    ],
)
def test_era_of(iso: str, expected: tuple[str, int]) -> None:
    assert era_of(dt.date.fromisoformat(iso)) == expected


def test_before_meiji_has_no_era() -> None:
    with pytest.raises(ValidationError, match="明治より前"):
        era_of(dt.date(1868, 1, 24))


def test_reg_date_json_round_trip() -> None:
    calendar_day = RegDate("2026-11-27")
    unknown = RegDate("2020-01-01", "令和2年頃")
    assert calendar_day.to_json() == "2026-11-27"
    assert unknown.to_json() == {"iso": "2020-01-01", "text": "令和2年頃"}
    assert RegDate.from_json(calendar_day.to_json()) == calendar_day
    assert RegDate.from_json(unknown.to_json()) == unknown


@pytest.mark.parametrize(
    "value", ["2026/11/27", "2026-13-01", "2026-11-32", "0000-00-00", "", {"text": "x"}, 20261127]
)
def test_reg_date_refuses_malformed_data(value: object) -> None:
    with pytest.raises(ValidationError):
        RegDate.from_json(value)  # type: ignore[arg-type]


def test_reg_date_refuses_empty_text() -> None:
    with pytest.raises(ValidationError):
        RegDate("2020-01-01", "")


def test_reg_date_sorts_by_iso_and_compares_text() -> None:
    dates = [
        RegDate("2020-01-01", "令和2年頃"),
        RegDate("2021-01-01"),
        RegDate("2020-01-01"),
        RegDate("0000-00-00", "年月日不詳"),
    ]
    assert sorted(dates) == [dates[3], dates[2], dates[0], dates[1]]
    assert RegDate("2020-01-01") != RegDate("2020-01-01", "令和2年頃")
    assert len({RegDate("2020-01-01"), RegDate("2020-01-01"), RegDate("2020-01-01", "令和2年頃")}) == 2


def test_calendar_reg_date_converts_to_a_date() -> None:
    value = RegDate.of(dt.date(2026, 11, 27))
    assert value.iso == "2026-11-27" and value.is_calendar and not value.is_unknown
    assert value.to_date() == dt.date(2026, 11, 27)


DAYS = st.dates(min_value=dt.date(1873, 1, 1), max_value=dt.date(2100, 12, 31))


@given(DAYS)
def test_every_day_round_trips_through_every_format(day: dt.date) -> None:
    expected = RegDate.of(day)
    assert parse_date(format_wareki(day)) == expected
    assert parse_date(format_wareki(day, gannen=False)) == expected
    assert parse_date(format_short(day)) == expected
    assert parse_date(format_seireki(day)) == expected
