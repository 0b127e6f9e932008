"""The pure rules of outgoing notices: who is of voting age on a 異動日, which 本籍 lie in the town itself, and what a
change of nationality owes."""

from __future__ import annotations

from typing import Any

import pytest

from domain.idou import Idou, RowChange
from domain.notices import Outgoing, in_town, of_voting_age, owed
from domain.records import (
    Address,
    ForeignItems,
    Honseki,
    HonsekiKind,
    Person,
    Removal,
    ResidentKind,
    Sex,
    Status,
)
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


FOREIGN = ForeignItems("KIM MINJUN", "韓国", "特別永住者", RegDate("1990-04-01"), card_number="SP1234567890")
KIM = Person("0001000010", "0000200010", "金　珉俊", "キム　ミンジュン", RegDate("1990-04-01"), Sex.MALE, "世帯主",
             Address("さくら県みどり町本町1番"), RegDate("1990-04-01"), kind=ResidentKind.FOREIGN, foreign=FOREIGN)


def owed_for(before: Person, after: Person) -> dict[str, dict[str, Any]]:
    """The notices a 異動 of one person from `before` to `after` owes, by kind."""
    idou = Idou("職権修正", RegDate("2026-11-20"), None, "2026-11-20T10:00:00+09:00", "本庁1", "admin",
                (RowChange(("parent",), after),))
    return {n["kind"]: n for n in owed("doc", idou, lambda _change: before, "さくら県みどり町", "さくら県")}


def test_a_naturalized_resident_leaves_the_ministers_register_and_joins_the_voters() -> None:
    """入管法第61条の8の2: the 外国人住民's 住民票 is removed (消除, with the items the person had); 住基法第15条第2項:
    a 日本人 of voting age is recorded for the 選挙人名簿."""
    japanese = KIM.evolve(kind=ResidentKind.JAPANESE, foreign=None, name="金田　民俊", name_kana="カネダ　ミントシ",
                          honseki=Honseki(HonsekiKind.RECORDED, "さくら県みどり町本町1番地", "金田　民俊"))
    found = owed_for(KIM, japanese)
    assert found[Outgoing.NYUKAN]["person"]["event"] == "消除"
    assert found[Outgoing.NYUKAN]["person"]["foreign"]["card_number"] == "SP1234567890"
    assert (found[Outgoing.SENKYO]["person"]["event"], found[Outgoing.SENKYO]["person"]["changed"]) == (
        "記載", ["氏名", "住民種別"])
    assert Outgoing.FUHYO not in found  # the 本籍 is in this town: its own 附票


def test_a_voter_who_loses_japanese_nationality_is_removed_from_the_voters_only() -> None:
    """住基法第15条第2項: the 消除 of a 日本人's 住民票 (国籍喪失) is told to the 選挙管理委員会."""
    voter = KIM.evolve(kind=ResidentKind.JAPANESE, foreign=None, name="金田　民俊")
    removed = voter.evolve(status=Status.REMOVED, removal=Removal("職権消除（国籍喪失等）", RegDate("2026-11-20")))
    found = owed_for(voter, removed)
    assert found[Outgoing.SENKYO]["person"]["event"] == "消除" and Outgoing.NYUKAN not in found
