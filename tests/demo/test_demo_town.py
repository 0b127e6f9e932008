"""The synthetic demo town: deterministic, exact in count, and every request passes the rules of plan_idou."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from demo import town as demo_town
from demo.replica import create_demo
from demo.town import AREA_CODES, DEMO_MUNICIPALITY, POSTAL_CODES, demo_requests
from domain.check_digits import mynumber_check_digit, validate_mynumber
from domain.household import HEAD, validate_relationship
from domain.idou import Context, Current, plan_idou
from domain.person_rules import check_kana
from domain.records import FOREIGN_CATEGORIES, Person
from tests.support.builders import Clock

TODAY = dt.date(2026, 11, 27)
_KATAKANA_NAME = re.compile(r"^[\u30A1-\u30FA\u30FC]+(\u3000[\u30A1-\u30FA\u30FC]+)+$")
_ADDRESS = re.compile(r"^さくら県みどり町(?P<area>\D+?)(?P<chome>\d+)丁目(?P<ban>\d+)番(?P<go>\d+)号$")
_KATAGAKI = re.compile(r"^\S+[０-９]{3,4}号$")
_CARD = re.compile(r"^[A-Z]{2}\d{8}[A-Z]{2}$")


class FakeRegistry:
    """A real, minimal, in-memory RegistryState and NumberSource: enough for 転入 into new households."""

    def __init__(self) -> None:
        self.people: dict[str, Current] = {}
        self.members: dict[str, list[str]] = {}
        self.atena = 0
        self.setai = 0
        self.documents = 0

    def current(self, atena_no: str) -> Current | None:
        return self.people.get(atena_no)

    def household(self, setai_no: str) -> list[Current]:
        return [self.people[a] for a in self.members.get(setai_no, []) if self.people[a].person.is_resident]

    def next_atena_no(self) -> str:
        self.atena += 1
        return f"{self.atena:010d}"

    def next_setai_no(self) -> str:
        self.setai += 1
        return f"{self.setai:010d}"

    def next_juminhyo_code(self) -> str:
        return ""

    def apply(self, rows: list[Person]) -> None:
        self.documents += 1
        for row in rows:
            if row.atena_no not in self.people:
                self.members.setdefault(row.setai_no, []).append(row.atena_no)
            self.people[row.atena_no] = Current(row, (f"doc{self.documents}",))


def _persons(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for r in requests for p in r["persons"]]


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _at_least_years_older(older: str, younger: str, years: int) -> bool:
    o, y = _date(older), _date(younger)
    return (o.year + years, o.month, o.day) <= (y.year, y.month, y.day)


def _family_name(person: dict[str, Any]) -> str:
    return str(person["name"].split("\u3000")[0])


@pytest.fixture(scope="module")
def town() -> list[dict[str, Any]]:
    return list(demo_requests(20_000, 11, TODAY))


# --- determinism and count ---------------------------------------------------------------------------------------


def test_same_inputs_give_the_same_requests() -> None:
    first = json.dumps(list(demo_requests(1_500, 7, TODAY)), ensure_ascii=False)
    again = json.dumps(list(demo_requests(1_500, 7, TODAY)), ensure_ascii=False)
    assert first == again


def test_other_seeds_and_days_give_other_requests() -> None:
    base = list(demo_requests(500, 7, TODAY))
    assert list(demo_requests(500, 8, TODAY)) != base
    assert list(demo_requests(500, 7, TODAY - dt.timedelta(days=1))) != base


def test_global_random_state_is_neither_used_nor_changed() -> None:
    import random

    random.seed(123)
    expected = random.random()
    random.seed(123)
    list(demo_requests(300, 1, TODAY))
    assert random.random() == expected


@pytest.mark.parametrize("residents", [0, 1, 2, 3, 5, 7, 10, 99, 1_000, 4_321])
def test_exactly_the_number_of_residents_asked_for(residents: int) -> None:
    assert sum(len(r["persons"]) for r in demo_requests(residents, 3, TODAY)) == residents


@settings(max_examples=60, deadline=None)
@given(residents=st.integers(0, 300), seed=st.integers(-(2**40), 2**40))
def test_exact_count_for_any_seed(residents: int, seed: int) -> None:
    requests = list(demo_requests(residents, seed, TODAY))
    assert sum(len(r["persons"]) for r in requests) == residents
    assert all(r["persons"][0]["relationship"] == HEAD for r in requests)


@pytest.mark.parametrize("residents", [-1, 2.5, True])
def test_a_wrong_number_of_residents_is_refused(residents: Any) -> None:
    with pytest.raises(ValueError):
        list(demo_requests(residents, 1, TODAY))


# --- every request passes the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "today"), [(1, TODAY), (2, dt.date(2024, 2, 29))])
def test_every_request_plans_without_a_validation_error(seed: int, today: dt.date) -> None:
    registry = FakeRegistry()
    ctx = Context(today=today, processed_at=f"{today.isoformat()}T09:00:00", terminal="T1", staff="test")
    requests = list(demo_requests(3_000, seed, today))
    for request in requests:
        idou = plan_idou(request, registry, registry, ctx)
        assert len(idou.rows) == len(request["persons"])
        assert len({row.row.setai_no for row in idou.rows}) == 1
        registry.apply([change.row for change in idou.rows])
    residents = [c.person for c in registry.people.values() if c.person.is_resident]
    assert len(residents) == 3_000
    assert len(registry.members) == len(requests)
    for setai_no in registry.members:
        assert [m.person.relationship for m in registry.household(setai_no)].count(HEAD) == 1


# --- households --------------------------------------------------------------------------------------------------


def test_one_head_per_household_listed_first(town: list[dict[str, Any]]) -> None:
    for request in town:
        relationships = [p["relationship"] for p in request["persons"]]
        assert relationships[0] == HEAD
        assert relationships.count(HEAD) == 1
        assert "household" not in request
        for relationship in relationships:
            assert validate_relationship(relationship) == relationship


def test_sex_matches_the_relationship(town: list[dict[str, Any]]) -> None:
    male = {"夫", "夫(未届)", "父", "兄", "弟", "子の夫", "妻の父"}
    female = {"妻", "妻(未届)", "母", "姉", "妹", "子の妻", "妻の母"}
    for person in _persons(town):
        if person["relationship"] in male:
            assert person["sex"] == "男", person
        if person["relationship"] in female:
            assert person["sex"] == "女", person


def test_ages_are_consistent_within_households(town: list[dict[str, Any]]) -> None:
    for request in town:
        persons = request["persons"]
        head = persons[0]
        by_relationship: dict[str, list[dict[str, Any]]] = {}
        for person in persons:
            by_relationship.setdefault(person["relationship"], []).append(person)
        spouse = next((p for p in persons if p["relationship"] in ("夫", "妻", "夫(未届)", "妻(未届)")), None)
        assert _at_least_years_older(head["birth"], TODAY.isoformat(), 18)
        if spouse is not None:
            gap = abs((_date(head["birth"]) - _date(spouse["birth"])).days) / 365.2425
            assert gap <= 12, request
            assert _at_least_years_older(spouse["birth"], TODAY.isoformat(), 18)
        for child in by_relationship.get("子", []):
            assert _at_least_years_older(head["birth"], child["birth"], 18), request
            if spouse is not None and spouse["relationship"] in ("夫", "妻"):
                assert _at_least_years_older(spouse["birth"], child["birth"], 18), request
        for grandchild in by_relationship.get("子の子", []):
            for parent in by_relationship.get("子", []) + by_relationship.get("子の妻", []) + \
                    by_relationship.get("子の夫", []):
                assert _at_least_years_older(parent["birth"], grandchild["birth"], 18), request
        for parent in by_relationship.get("父", []) + by_relationship.get("母", []):
            assert _at_least_years_older(parent["birth"], head["birth"], 18), request
        for parent in by_relationship.get("妻の父", []) + by_relationship.get("妻の母", []):
            assert spouse is not None and _at_least_years_older(parent["birth"], spouse["birth"], 18), request


def test_married_spouses_share_a_family_name(town: list[dict[str, Any]]) -> None:
    pairs = 0
    for request in town:
        head = request["persons"][0]
        for person in request["persons"][1:]:
            if person["relationship"] in ("夫", "妻") and person["kind"] == head["kind"] == "日本人":
                assert _family_name(person) == _family_name(head)
                pairs += 1
            if person["relationship"] == "妻(未届)":
                assert _family_name(person) != _family_name(head)
    assert pairs > 1_000


def test_household_kinds_and_shares(town: list[dict[str, Any]]) -> None:
    persons = _persons(town)
    singles = sum(1 for r in town if len(r["persons"]) == 1) / len(town)
    assert 0.30 <= singles <= 0.42
    foreign = sum(1 for p in persons if p["kind"] == "外国人") / len(persons)
    assert 0.012 <= foreign <= 0.03
    relationships = Counter(p["relationship"] for p in persons)
    for relationship in ("妻", "夫", "子", "父", "母", "子の妻", "子の子", "妻(未届)", "同居人", "縁故者"):
        assert relationships[relationship] > 0, relationship
    assert sum(1 for p in persons if p["kana_confirmed"]) / len(persons) > 0.8
    women_with_former_name = [p for p in persons if p["relationship"] in ("妻", "子の妻") and p.get("former_surname")]
    assert women_with_former_name
    assert all(p["former_surname"] != _family_name(p) for p in women_with_former_name)
    reasons = Counter(r["reason"] for r in town)
    assert set(reasons) == {"国内転入", "国外転入等"}
    assert reasons["国内転入"] > 10 * reasons["国外転入等"] > 0


# --- items -------------------------------------------------------------------------------------------------------


def test_names_and_kana(town: list[dict[str, Any]]) -> None:
    for person in _persons(town):
        name, kana = person["name"], person["name_kana"]
        assert " " not in name and " " not in kana
        assert name.count("\u3000") == kana.count("\u3000") >= 1, person
        assert _KATAKANA_NAME.match(kana), kana
        check_kana(kana)
        if person.get("former_surname"):
            check_kana(person["former_surname_kana"])
            assert "\u3000" not in person["former_surname"]


def test_variant_characters_and_the_ivs_name_occur(town: list[dict[str, Any]]) -> None:
    names = [p["name"] for p in _persons(town)]
    for variant in ("髙橋", "\U00020BB7田", "渡邉", "山﨑", "齋藤", "葛\U000E0100城"):
        count = sum(1 for n in names if n.startswith(variant + "\u3000"))
        assert 0 < count < len(names) * 0.01, variant
    ivs = next(p for p in _persons(town) if p["name"].startswith("葛\U000E0100"))
    assert ivs["name_kana"].startswith(("カツラギ", "カサイ"))


def test_name_lists_are_large_and_well_formed() -> None:
    family = demo_town._FAMILY
    assert len({k for k, _ in family}) == len(family) >= 150
    for sex_lists in ((demo_town._MALE_OLD, demo_town._MALE_MID, demo_town._MALE_YOUNG),
                      (demo_town._FEMALE_OLD, demo_town._FEMALE_MID, demo_town._FEMALE_YOUNG)):
        names = [k for names in sex_lists for k, _ in names]
        assert len(names) == len(set(names)) >= 150
    for kanji, kana in [*family, *(n for table in demo_town._GIVEN.values() for n in table.items)]:
        assert kanji and "\u3000" not in kanji
        check_kana(kana)


def test_dates(town: list[dict[str, Any]]) -> None:
    today = TODAY.isoformat()
    for request in town:
        births = [p["birth"] for p in request["persons"]]
        assert max(births) <= request["idou_date"] <= request["notified_on"] <= today
        assert (_date(request["notified_on"]) - _date(request["idou_date"])).days <= 14
        assert _date(min(births)) >= dt.date(TODAY.year - 101, 1, 1)


def test_addresses(town: list[dict[str, Any]]) -> None:
    codes: dict[tuple[str, str], str] = {}
    for request in town:
        address = request["address"]
        assert set(address) == {"text", "katagaki", "code", "postal_code"}
        match = _ADDRESS.match(address["text"])
        assert match, address
        area, chome = match["area"], int(match["chome"])
        assert address["code"] == AREA_CODES[area] + f"{chome:03d}"
        assert address["postal_code"] == POSTAL_CODES[area]
        assert re.fullmatch(r"\d{3}-\d{4}", address["postal_code"])
        codes.setdefault((area, match["chome"]), address["code"])
        if address["katagaki"]:
            assert _KATAGAKI.match(address["katagaki"]), address["katagaki"]
        assert request["previous_address"]
        assert not request["previous_address"].startswith("さくら県みどり町")
    assert len(AREA_CODES) == 20 and len({a for a, _ in codes}) == 20
    assert any(r["address"]["katagaki"] for r in town)
    # One household per room.
    rooms = Counter(r["address"]["katagaki"] for r in town if r["address"]["katagaki"])
    assert rooms.most_common(1)[0][1] == 1


def test_honseki(town: list[dict[str, Any]]) -> None:
    unknown = 0
    for request in town:
        for person in request["persons"]:
            if person["kind"] == "外国人":
                assert "honseki" not in person
                continue
            honseki = person["honseki"]
            if honseki == "不明":
                unknown += 1
                continue
            assert set(honseki) == {"place", "head"}
            assert honseki["place"] and "\u3000" in honseki["head"]
    assert unknown <= 20


def test_foreign_residents(town: list[dict[str, Any]]) -> None:
    foreigners = [(r, p) for r in town for p in r["persons"] if p["kind"] == "外国人"]
    assert foreigners
    categories: Counter[str] = Counter()
    for request, person in foreigners:
        items = person["foreign"]
        categories[items["category"]] += 1
        assert items["category"] in FOREIGN_CATEGORIES
        assert items["nationality"] in ("ベトナム", "中国", "フィリピン", "ブラジル", "韓国")
        assert items["alphabet_name"] == items["alphabet_name"].upper() and items["alphabet_name"].isascii()
        assert items["became_resident"] == request["idou_date"]
        assert _CARD.match(items["card_number"])
        if items["category"] == "中長期在留者" and items["residence_status"] == "永住者":
            assert "period" not in items and "period_expiry" not in items
        elif items["category"] == "中長期在留者":
            assert items["residence_status"] and items["period"]
            assert items["period_expiry"] > TODAY.isoformat()
    assert categories["中長期在留者"] > categories["特別永住者"] > 0
    statuses = {p["foreign"].get("residence_status") for _, p in foreigners}
    assert {"技能実習", "留学", "技術・人文知識・国際業務", "永住者", "家族滞在"} <= statuses
    abroad = [r for r in town if r["reason"] == "国外転入等"]
    assert any(r["previous_address"] in ("ベトナム", "中国", "フィリピン") for r in abroad)
    cards = [p["foreign"]["card_number"] for _, p in foreigners]
    assert len(cards) == len(set(cards))


def test_mynumbers_are_valid_unique_and_some_are_awaited(town: list[dict[str, Any]]) -> None:
    persons = _persons(town)
    numbers = [p["mynumber"] for p in persons if p["mynumber"]]
    for number in numbers:
        assert validate_mynumber(number) == number
    assert len(numbers) == len(set(numbers))
    awaiting = 1 - len(numbers) / len(persons)
    assert 0.003 <= awaiting <= 0.02
    codes = [p["juminhyo_code"] for p in persons]
    assert all(len(c) == 11 and c.isdigit() for c in codes)
    assert len(codes) == len(set(codes))


@settings(max_examples=300)
@given(st.integers(0, 10**11 - 1))
def test_the_fast_check_digit_is_mynumber_check_digit(first11: int) -> None:
    assert demo_town._check_digit(first11) == mynumber_check_digit(f"{first11:011d}")


def test_the_municipality_is_fictional() -> None:
    assert DEMO_MUNICIPALITY["name"] == "みどり町" and DEMO_MUNICIPALITY["prefecture"] == "さくら県"
    assert re.fullmatch(r"\d{5}", DEMO_MUNICIPALITY["code5"])
    assert int(DEMO_MUNICIPALITY["code5"][:2]) > 47  # no real prefecture has this number
    assert "\u3000" in DEMO_MUNICIPALITY["mayor"]


def test_the_same_seed_gives_the_same_replica(tmp_path: Path) -> None:
    """Two demo replicas of one seed hold the same residents under the same numbers (ids and times aside)."""
    def residents(name: str, seed: int) -> list[tuple[str, ...]]:
        registry = create_demo(tmp_path / name, 250, seed, clock=Clock())
        rows = registry.store.conn.execute(
            "SELECT atena_no, setai_no, name, name_kana, birth, address, status, relationship FROM persons "
            "ORDER BY atena_no").fetchall()
        registry.close()
        return rows

    first = residents("a", 11)
    assert len(first) == 250
    assert residents("b", 11) == first
    assert residents("c", 12) != first
