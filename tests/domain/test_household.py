"""続柄 (§1.1.11) and the order of a household's members (§5.2)."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from domain.household import household_order, validate_relationship
from domain.records import Address, Honseki, HonsekiKind, Person, Sex
from domain.wareki import RegDate


@pytest.mark.parametrize("value", ["世帯主", "夫", "妻", "夫(未届)", "妻（未届）", "子", "子の夫", "子の妻", "父", "母", "兄",
                                   "姉", "弟", "妹", "子の子", "子の子の子の子", "妻の父", "妻の子", "兄の妻", "縁故者", "同居人"])
def test_allowed_relationships(value: str) -> None:
    assert validate_relationship(value) == value.replace("（", "(").replace("）", ")")


@pytest.mark.parametrize("value", ["祖父", "孫", "おじ", "甥", "準世帯主", "長男", "子の孫", "", "妻の", "の子"])
def test_forbidden_relationships(value: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_relationship(value)
    assert err.value.item == "続柄"


def test_five_links_must_be_enkosha() -> None:
    with pytest.raises(ValidationError) as err:
        validate_relationship("子の子の子の子の子")
    assert "縁故者" in err.value.message


def _member(atena: str, relationship: str, birth: str, name: str = "山田　某", head: str = "") -> Person:
    return Person(
        atena_no=atena, setai_no="1", name=name, name_kana="ヤマダ　ナニガシ", birth=RegDate(birth), sex=Sex.MALE,
        relationship=relationship, address=Address("本町1番地"), resident_since=RegDate("2020-01-01"),
        honseki=Honseki(HonsekiKind.RECORDED, "本町1番地", head or name),
    )


def test_household_order_follows_the_standard() -> None:
    members = [
        _member("09", "同居人", "1990-01-01"),
        _member("08", "縁故者", "1991-01-01"),
        _member("07", "妻の父", "1940-01-01"),
        _member("06", "弟", "1972-01-01"),
        _member("05", "母", "1945-01-01", name="山田　母", head="山田　父"),
        _member("04", "父", "1944-01-01", name="山田　父", head="山田　父"),
        _member("03", "子の子", "2020-01-01"),
        _member("02", "子の妻", "1996-01-01"),
        _member("10", "子", "1998-01-01"),
        _member("11", "子", "1995-01-01"),
        _member("12", "妻", "1971-01-01"),
        _member("13", "世帯主", "1970-01-01"),
    ]
    order = [(m.relationship, m.atena_no) for m in household_order(members)]
    assert order == [
        ("世帯主", "13"), ("妻", "12"), ("子", "11"), ("子", "10"),  # children by birth date
        ("子の妻", "02"), ("子の子", "03"),
        ("父", "04"), ("母", "05"), ("弟", "06"),  # the parent who is 筆頭者 first
        ("妻の父", "07"), ("縁故者", "08"), ("同居人", "09"),
    ]


def test_the_hittosha_parent_comes_first_even_when_younger() -> None:
    mother = _member("01", "母", "1940-01-01", name="山田　母", head="山田　母")
    father = _member("02", "父", "1942-01-01", name="山田　父", head="山田　母")
    assert [m.atena_no for m in household_order([father, mother])] == ["01", "02"]
