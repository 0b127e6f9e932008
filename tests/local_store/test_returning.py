"""A returning resident: 転入 of someone in the 除票, confirmed as the same person (同一人), keeps the old 宛名番号."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import NOTIFIER, family, person, tennyu


@pytest.fixture
def moved_away(registry: Registry, admin: Staff) -> str:
    """山田　花子 moved out of the town; her 宛名番号."""
    applied = registry.apply(admin, family())
    hanako = applied.idou.rows[1].row.atena_no
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.21", "notified_on": "R8.11.21",
                           "notifier": NOTIFIER, "targets": [hanako], "destination": "東京都港区芝公園4丁目2番8号"})
    return hanako


def test_the_former_resident_is_found_and_keeps_the_old_number(registry: Registry, admin: Staff,
                                                                moved_away: str) -> None:
    found = registry.residents.returning_candidates(admin, "やまだ　はなこ", "昭和52年3月3日")
    assert [c.atena_no for c in found] == [moved_away]
    assert registry.residents.returning_candidates(admin, "ヤマダ　ハナコ", "S52.3.4") == []
    back = person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主", returning=moved_away)
    applied = registry.apply(admin, tennyu(back, address="さくら県みどり町中町5番地", date="R8.11.26",
                                           notified_on="R8.11.27"))
    assert applied.idou.rows[0].row.atena_no == moved_away
    record = registry.person(admin, moved_away)
    assert record.current.is_resident and record.current.address.text == "さくら県みどり町中町5番地"
    assert [h.reason for h in record.history] == ["国内転入", "国内転出", "国内転入"]


@pytest.mark.parametrize("change, message", [
    ({"birth": "S52.3.4"}, "生年月日・性別が"),
    ({"returning": "0009999999"}, "登録されていません"),
])
def test_a_wrong_same_person_is_refused(registry: Registry, admin: Staff, moved_away: str,
                                        change: dict[str, str], message: str) -> None:
    back = {**person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主", returning=moved_away), **change}
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, tennyu(back, address="さくら県みどり町中町5番地", date="R8.11.26",
                                     notified_on="R8.11.27"))
    assert refused.value.item == "同一人" and message in refused.value.message
    assert registry.replication.last_seq() == before


def test_a_resident_cannot_be_recorded_again(registry: Registry, admin: Staff) -> None:
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    again = person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", returning=taro)
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, tennyu(again, address="さくら県みどり町中町5番地"))
    assert "住民です" in refused.value.message
