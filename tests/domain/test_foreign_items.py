"""The items of a 外国人住民 by 区分 (住民基本台帳法30条の45 表) and the 氏名の優先区分 (§1.1.2 of the 住民記録システム
標準仕様書), through `registry.apply` as the command line and the window send them: each 区分 has exactly its items —
中長期在留者: 在留資格, 在留期間, 在留期間の満了の日, 在留カードの番号; 特別永住者: 特別永住者証明書の番号;
一時庇護許可者: 上陸期間; 仮滞在許可者: 仮滞在期間; 出生・国籍喪失による経過滞在者: none."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import ValidationError
from domain.records import NAME_ALPHABET, NAME_KANJI, ForeignItems, Person
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import person, tennyu

CARD = "AB12345678CD"
# Each 区分 with exactly the items 法30条の45 gives it.
LAWFUL: dict[str, dict[str, str]] = {
    "中長期在留者": {"residence_status": "技能実習", "period": "3年", "period_expiry": "2029-11-19", "card_number": CARD},
    "特別永住者": {"card_number": CARD},
    "一時庇護許可者": {"landing_period": "6月"},
    "仮滞在許可者": {"provisional_period": "2027年5月19日まで"},
    "出生による経過滞在者": {},
    "国籍喪失による経過滞在者": {},
}
# An item of each kind that some 区分 has, with a value that would be lawful for it.
ANY_ITEM = {"residence_status": "技能実習", "period": "3年", "period_expiry": "2029-11-19", "card_number": CARD,
            "landing_period": "6月", "provisional_period": "2027年5月19日まで"}
LABEL = {"residence_status": "在留資格", "period": "在留期間", "period_expiry": "在留期間の満了の日",
         "card_number": "在留カード等の番号", "landing_period": "上陸期間", "provisional_period": "仮滞在期間"}


def foreigner(category: str, code: str = "12345678901", **items: Any) -> dict[str, Any]:
    foreign = {"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": category,
               "became_resident": "2026-11-18", **items}
    return person("グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人", honseki=None,
                  juminhyo_code=code, foreign=foreign)


def record(registry: Registry, admin: Staff, category: str, **items: Any) -> Person:
    return registry.apply(admin, tennyu(foreigner(category, **items))).idou.rows[0].row


@pytest.mark.parametrize("category", list(LAWFUL))
def test_each_category_records_its_own_items(registry: Registry, admin: Staff, category: str) -> None:
    """法30条の45 表: every 区分 is recorded with its items, kept as given."""
    row = record(registry, admin, category, **LAWFUL[category])
    assert row.foreign is not None
    stored = registry.person(admin, row.atena_no).current.foreign
    assert stored is not None and stored.category == category
    assert {key: str(getattr(stored, key).iso if key == "period_expiry" else getattr(stored, key))
            for key in LAWFUL[category]} == LAWFUL[category]


@pytest.mark.parametrize(("category", "missing"), [(c, k) for c, items in LAWFUL.items() for k in items])
def test_each_category_requires_its_items(registry: Registry, admin: Staff, category: str, missing: str) -> None:
    """法30条の45: 上陸期間 for 一時庇護許可者, 仮滞在期間 for 仮滞在許可者, the card's items for the others, named."""
    items = {k: v for k, v in LAWFUL[category].items() if k != missing}
    with pytest.raises(ValidationError) as raised:
        record(registry, admin, category, **items)
    assert raised.value.item == LABEL[missing]
    assert raised.value.message.startswith(f"{category}は{LABEL[missing]}を記載します（法30条の45）")


@pytest.mark.parametrize(("category", "other"), [(c, k) for c, items in LAWFUL.items() for k in ANY_ITEM
                                                 if k not in items])
def test_each_category_refuses_the_items_of_another(registry: Registry, admin: Staff, category: str,
                                                    other: str) -> None:
    """法30条の45: a 特別永住者 has no 在留資格, a 仮滞在許可者 no 上陸期間, an 経過滞在者 no card …"""
    with pytest.raises(ValidationError) as raised:
        record(registry, admin, category, **LAWFUL[category], **{other: ANY_ITEM[other]})
    assert (raised.value.item, raised.value.message) == (LABEL[other], f"{category}に{LABEL[other]}は記載しません（法30条の45）")


def test_a_permanent_resident_has_no_period(registry: Registry, admin: Staff) -> None:
    """法30条の45 (入管法2条の2): the 在留資格 永住者 has no 在留期間, so none is recorded, nor its 満了の日."""
    row = record(registry, admin, "中長期在留者", residence_status="永住者", card_number=CARD)
    assert row.foreign is not None and row.foreign.period == ""
    with pytest.raises(ValidationError) as raised:
        record(registry, admin, "中長期在留者", residence_status="永住者", card_number=CARD, period="5年")
    assert raised.value.item == "在留期間" and "永住者" in raised.value.message


def test_a_correction_of_the_items_follows_the_category(registry: Registry, admin: Staff) -> None:
    """職権修正 of `foreign` (a 仮滞在許可者 who became a 中長期在留者): the new 区分's items are required and the old
    区分's refused, as at entry."""
    row = record(registry, admin, "仮滞在許可者", provisional_period="2027年5月19日まで")
    assert row.foreign is not None
    base = {"alphabet_name": row.foreign.alphabet_name, "nationality": row.foreign.nationality,
            "became_resident": "2026-11-18", "category": "中長期在留者"}

    def correct(**items: Any) -> Person:
        return registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26",
                                      "set": {row.atena_no: {"foreign": {**base, **items}}}}).idou.rows[0].row

    with pytest.raises(ValidationError) as raised:
        correct(**LAWFUL["中長期在留者"], provisional_period="2027年5月19日まで")
    assert raised.value.item == "仮滞在期間"
    with pytest.raises(ValidationError) as raised:
        correct(residence_status="定住者", period="1年", period_expiry="2027-11-26")
    assert raised.value.item == "在留カード等の番号"
    corrected = correct(residence_status="定住者", period="1年", period_expiry="2027-11-26", card_number=CARD)
    assert corrected.foreign is not None
    assert (corrected.foreign.category, corrected.foreign.card_number, corrected.foreign.provisional_period) == (
        "中長期在留者", CARD, "")


def test_the_name_priority_is_kanji_or_alphabet(registry: Registry, admin: Staff) -> None:
    """氏名の優先区分 (§1.1.2): which of the 氏名 and the 氏名（アルファベット） comes first; 漢字 unless given."""
    assert record(registry, admin, "特別永住者", card_number=CARD).foreign.name_priority == NAME_KANJI  # type: ignore[union-attr]
    row = registry.apply(admin, tennyu(foreigner("特別永住者", "23456789012", card_number="CD12345678EF",
                                                 name_priority=NAME_ALPHABET),
                                       address="さくら県みどり町本町9番")).idou.rows[0].row
    assert row.foreign is not None and row.foreign.name_priority == NAME_ALPHABET
    with pytest.raises(ValidationError) as raised:
        record(registry, admin, "特別永住者", card_number=CARD, name_priority="通称")
    assert raised.value.item == "氏名の優先区分"


def test_a_row_recorded_before_the_new_items_still_reads_and_writes_the_same() -> None:
    """Rows written before 上陸期間, 仮滞在期間 and 氏名の優先区分 were kept read as blank, 漢字 first, and write
    back without new keys (a stored document is the same after reading)."""
    old = {"alphabet_name": "LI MING", "nationality": "中国", "category": "特別永住者",
           "became_resident": {"iso": "1985-04-01"}, "residence_status": "", "period": "", "period_expiry": None,
           "card_number": CARD, "tsusho": ""}
    items = ForeignItems.from_json(old)
    assert (items.landing_period, items.provisional_period, items.name_priority) == ("", "", NAME_KANJI)
    assert set(items.to_json()) == set(old)
