"""地域・年齢別人口: the header of the standard open data set, counts as of a date that equal the registry's, the
small-count rule, the encodings."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import ValidationError
from domain.population import BANDS, HEADER, OTHER_AREA, RowAsOf, age_on, area_of, band_of, csv_rows
from domain.roles import Role
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.opendata_csv import population_csv
from tests.support.builders import NOTIFIER, family, person, tennyu

TODAY = dt.date(2026, 11, 27)


def test_the_header_is_the_current_variant_of_the_standard_data_set() -> None:
    bands = [f"{a}-{a + 4}歳" for a in range(0, 100, 5)] + ["100歳以上", "年齢不詳"]
    assert HEADER == (["全国地方公共団体コード", "地域コード", "地方公共団体名", "調査年月日", "地域名", "総人口", "男性",
                       "女性"] + [f"{band}の{sex}" for band in bands for sex in ("男性", "女性")] + ["世帯数", "備考"])
    assert HEADER[8:12] == ["0-4歳の男性", "0-4歳の女性", "5-9歳の男性", "5-9歳の女性"]


def test_age_is_the_years_completed_on_the_date() -> None:
    assert age_on("2000-11-27", dt.date(2026, 11, 27)) == 26
    assert age_on("2000-11-28", dt.date(2026, 11, 27)) == 25
    row = RowAsOf("1", "2026-01-01", "t", True, "男", "1921-11-27", True, "", "s")
    assert BANDS[band_of(row, dt.date(2026, 11, 27))] == "100歳以上"
    assert BANDS[band_of(row, dt.date(2021, 11, 26))] == "95-99歳"
    unknown = RowAsOf("1", "2026-01-01", "t", True, "男", "1950-00-00", False, "", "s")
    assert BANDS[band_of(unknown, TODAY)] == "年齢不詳"


def test_the_area_is_the_chome_or_what_comes_before_the_banchi() -> None:
    prefix = "さくら県みどり町"
    assert area_of("さくら県みどり町本町2丁目3番4号", prefix) == "本町2丁目"
    assert area_of("さくら県みどり町中町5番地", prefix) == "中町"
    assert area_of("さくら県みどり町", prefix) == OTHER_AREA


@pytest.fixture
def town(registry: Registry, admin: Staff) -> Registry:
    registry.apply(admin, family())  # 本町2丁目, 4 persons, 転入 R8.11.20
    registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                 person("佐藤　良子", "サトウ　ヨシコ", "S42.6.6", "女", "妻"),
                                 address="さくら県みどり町中町5番地", date="R8.11.10"))
    return registry


def test_the_totals_equal_the_registrys_counts_and_follow_the_date(town: Registry, admin: Staff) -> None:
    now = town.statistics.population(admin, TODAY, min_area=1)
    counts = town.residents.counts()
    assert now.total.total == counts["residents"] == 6
    assert len(now.total.households) == counts["households"] == 2
    assert {a.name: a.counts.total for a in now.areas} == {"中町": 2, "本町2丁目": 4}
    assert now.total.male[BANDS.index("60-64歳")] == 1  # 佐藤　一郎, born S40.4.1: 61
    assert now.total.male[BANDS.index("15-19歳")] == 2  # 一郎 (H20.5.5) is 18, 次郎 (H22.7.7) 16

    before = town.statistics.population(admin, dt.date(2026, 11, 15), min_area=1)  # the 山田 family came on R8.11.20
    assert before.total.total == 2

    sato = town.search(admin, "サトウ　イチロウ").ids
    atena = town.summaries(sato)[0].atena_no
    town.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notifier": NOTIFIER, "targets": [atena],
                       "destination": "東京都港区芝公園4丁目2番8号"})
    assert town.statistics.population(admin, TODAY, min_area=1).total.total == 6  # the 予定日 is later: still here
    assert town.statistics.population(admin, dt.date(2026, 12, 10), min_area=1).total.total == 5


def test_small_areas_are_published_together(town: Registry, admin: Staff) -> None:
    result = town.statistics.population(admin, TODAY)  # min_area 10: both areas are small
    assert [(a.name, a.counts.total) for a in result.areas] == [(OTHER_AREA, 6)]
    assert "10人未満" in result.areas[0].note
    rows = csv_rows(result, "131016", "さくら県みどり町")
    assert rows[1][:8] == ["131016", "", "さくら県みどり町", "2026/11/27", "", 6, 4, 2]
    assert rows[1][-2:] == [2, ""] and rows[2][4] == OTHER_AREA


def test_encodings_and_a_character_shift_jis_cannot_hold(town: Registry, admin: Staff) -> None:
    result = town.statistics.population(admin, TODAY, min_area=1)
    utf8 = population_csv(result, "131016", "さくら県みどり町")
    assert utf8.decode("utf-8").splitlines()[0] == ",".join(HEADER) and b"\r\n" in utf8
    assert population_csv(result, "131016", "さくら県みどり町", "utf-8-bom").startswith(b"\xef\xbb\xbf")
    assert population_csv(result, "131016", "さくら県みどり町", "shift_jis").decode("cp932") == utf8.decode("utf-8")
    town.apply(admin, tennyu(person("𠮷田　一", "ヨシダ　ハジメ", "S50.1.1", "男", "世帯主"),
                             address="さくら県みどり町𠮷町1番地"))
    with pytest.raises(ValidationError) as refused:
        population_csv(town.statistics.population(admin, TODAY, min_area=1), "131016", "さくら県みどり町", "shift_jis")
    assert "𠮷" in refused.value.message


def test_counter_staff_may_not_make_statistics(town: Registry, admin: Staff) -> None:
    town.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    clerk = town.sign_in("clerk", "clerk-password")
    with pytest.raises(StoreError):
        town.statistics.population(clerk, TODAY)
