"""The pure rules of outgoing notices: who is of voting age on a 異動日, and which 本籍 lie in the town itself."""

from __future__ import annotations

import pytest

from domain.notices import in_town, of_voting_age
from domain.wareki import RegDate


@pytest.mark.parametrize(("birth", "day", "voter"), [
    (RegDate("2008-11-21"), RegDate("2026-11-20"), True),  # the 18th birthday is tomorrow: 満18年 today
    (RegDate("2008-11-22"), RegDate("2026-11-20"), False),
    (RegDate("2008-03-01"), RegDate("2026-02-28"), True),  # born on 3月1日: of age on the day before, 2月28日
    (RegDate("2008-12-00", "平成20年12月日不詳"), RegDate("2026-11-30"), True),  # 不詳日: the first day it may be
    (RegDate("2009-00-00", "平成21年月日不詳"), RegDate("2026-11-30"), False),
])
def test_voting_age_is_reached_the_day_before_the_18th_birthday(birth: RegDate, day: RegDate, voter: bool) -> None:
    """公職選挙法第9条第1項 (年齢満18年以上) as 年齢計算ニ関スル法律 counts it: an age is reached at the end of the day
    before the birthday."""
    assert of_voting_age(birth, day) is voter


@pytest.mark.parametrize(("place", "own"), [
    ("さくら県みどり町本町1番地", True),
    ("みどり町本町1番地", True),
    ("東京都千代田区千代田1番地", False),
    ("さくら県あおば町本町1番地", False),
])
def test_a_honseki_in_the_town_itself_is_told_apart(place: str, own: bool) -> None:
    """住民基本台帳法第19条第1項: the 附票 notice goes to the 本籍地's 市町村長, never to the town itself."""
    assert in_town(place, "さくら県みどり町", "さくら県") is own
