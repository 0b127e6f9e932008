"""法7条9号〜11号の2 on the person: read from a correction, kept in the row's JSON, and written as the 住民票 has them."""

from __future__ import annotations

from typing import Any

import pytest

from domain import office_items
from domain.errors import ValidationError
from domain.records import ChildAllowance, Coverage, OfficeItems, Pension
from domain.wareki import RegDate, format_wareki


def test_each_item_given_replaces_the_held_one_and_null_removes_it() -> None:
    held = office_items.read(OfficeItems(), {
        "elector": True, "kokuho": {"acquired": "R2.4.1", "retired": True}, "kaigo": {"acquired": "R7.6.1"},
        "nenkin": {"kind": "1", "number": "1234-567890", "acquired": "H7.1.1"}, "jidou_teate": {"began": "令和8年4月"}})
    assert held == OfficeItems(True, Coverage(RegDate("2020-04-01"), retired=True), None,
                               Coverage(RegDate("2025-06-01")),
                               Pension("第1号被保険者", "1234567890", RegDate("1995-01-01")),
                               ChildAllowance(RegDate("2026-04-01")))
    changed = office_items.read(held, {"kokuho": None, "kouki": {"acquired": "R8.1.1"}, "elector": False})
    assert changed.kokuho is None and changed.kouki == Coverage(RegDate("2026-01-01"))
    assert changed.elector is False and changed.nenkin == held.nenkin  # what is not named stays
    assert OfficeItems.from_json(changed.to_json()) == changed


def test_an_empty_record_is_not_written_and_old_rows_read_as_nothing_recorded() -> None:
    assert OfficeItems().to_json() == {}
    assert OfficeItems.from_json({}) == OfficeItems()


@pytest.mark.parametrize(("value", "message"), [
    ({"nenkin": {"kind": "第2号被保険者", "number": "1234567890", "acquired": "H7.1.1"}}, "第2号被保険者は記載しません"),
    ({"nenkin": {"kind": "1", "number": "12345", "acquired": "H7.1.1"}}, "基礎年金番号は10桁"),
    ({"kokuho": {"acquired": "R2.4.1", "lost": "H31.4.1"}}, "資格喪失年月日が資格取得年月日より前"),
    ({"kouki": {"acquired": "R2.4.1", "retired": True}}, "この項目はありません: retired"),  # 退職被保険者等 is 国保's
    ({"kaigo": {}}, "介護保険の資格取得年月日を入力してください"),
    ({"elector": "はい"}, "true（登録あり）か false"),
    ({"jidou_teate": {"began": "R8.4", "ended": "R7.3"}}, "支給終了年月が支給開始年月より前"),
    ({"senkyo": True}, "この項目はありません: senkyo"),
    ({}, "修正する項目を指定してください"),
])
def test_what_the_law_does_not_record_is_refused(value: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        office_items.read(OfficeItems(), value)


@pytest.mark.parametrize("typed", ["R8.4", "令和8年4月", "2026-04", "R8.4.15", "令和８年４月"])
def test_the_child_allowance_is_a_month(typed: str) -> None:
    assert office_items.read(OfficeItems(), {"jidou_teate": {"began": typed}}).jidou_teate == ChildAllowance(
        RegDate("2026-04-01"))


def test_the_words_on_paper() -> None:
    items = OfficeItems(True, Coverage(RegDate("2020-04-01"), RegDate("2026-03-31"), retired=True), None, None,
                        Pension("第3号被保険者", "2234567890", RegDate("1997-03-03"), RegDate("2019-05-01")),
                        ChildAllowance(RegDate("2019-05-01"), RegDate("2026-03-01")))
    words = {key: office_items.entry_text(items, key, format_wareki) for key in office_items.NAMES}
    assert words == {
        "elector": "登録",
        "kokuho": "資格取得　令和2年4月1日　資格喪失　令和8年3月31日　退職被保険者等",
        "kouki": "記載なし", "kaigo": "記載なし",
        "nenkin": "第3号被保険者　基礎年金番号　2234-567890　資格取得　平成9年3月3日　種別変更　令和元年5月1日",
        "jidou_teate": "支給開始　令和元年5月　支給終了　令和8年3月"}
