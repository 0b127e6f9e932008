"""住所辞書: reading the CSV, matching addresses, the demo town's, and the statistics' 地域コード."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.address_book import Chouaza, match, parse_csv, problem, to_csv
from domain.errors import ValidationError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family

BOOK = "住所コード,町字,郵便番号,番地（から）,番地（まで）\r\n001001,本町1丁目,321-4901,1,30\r\n001002,本町2丁目,321-4901,1,40\r\n"
PREFIX = "さくら県みどり町"


def test_the_csv_round_trips_and_addresses_match_the_longest_name() -> None:
    book = parse_csv("\ufeff" + BOOK)
    assert to_csv(book) == BOOK
    assert match(book, PREFIX, "さくら県みどり町本町2丁目3番4号") == book[1]
    assert match(book, PREFIX, "さくら県みどり町西町1番地") is None
    assert problem(book, PREFIX, "さくら県みどり町本町2丁目41番1号") == "本町2丁目の番地は1〜40です"
    assert problem(book, PREFIX, "さくら県みどり町本町2丁目40番1号") is None
    assert problem(book, PREFIX, "さくら県みどり町西町1番地") == "住所辞書にない町字です"


@pytest.mark.parametrize("text, item", [
    ("町字\n", "住所辞書"),
    (BOOK + "001002,東町1丁目,321-4902,1,10\n", "住所辞書の4行目"),
    (BOOK + "001003,東町1丁目,3214902,1,10\n", "住所辞書の4行目"),
    (BOOK + "001003,東町1丁目,321-4902,10,1\n", "住所辞書の4行目"),
])
def test_a_wrong_line_is_named(text: str, item: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_csv(text)
    assert refused.value.item == item


def test_the_statistics_take_their_areas_and_codes_from_the_book(registry: Registry, admin: Staff) -> None:
    registry.apply(admin, family())  # 本町2丁目3番4号
    registry.settings.set_address_book(admin, parse_csv(BOOK))
    assert [e.name for e in registry.settings.address_book()] == ["本町1丁目", "本町2丁目"]
    result = registry.statistics.population(admin, dt.date(2026, 11, 27), min_area=1)
    assert [(a.code, a.name, a.counts.total) for a in result.areas] == [("001002", "本町2丁目", 4)]


def test_the_demo_town_ships_a_book_that_holds_every_address(tmp_path: pytest.TempPathFactory) -> None:
    from demo.replica import create_demo

    registry = create_demo(tmp_path / "demo", 300, 3, passphrase=lambda: "demo-test-passphrase", clock=Clock())  # type: ignore[operator]
    try:
        book = registry.settings.address_book()
        assert len(book) > 20 and all(isinstance(e, Chouaza) for e in book)
        staff = registry.sign_in("demo-kakaricho", "demo")
        result = registry.statistics.population(staff, registry.today(), min_area=1)
        assert all(a.code for a in result.areas), [a.name for a in result.areas if not a.code]
    finally:
        registry.close()
