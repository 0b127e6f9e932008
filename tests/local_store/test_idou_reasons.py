"""異動事由 that could not be recorded before (§1.2.2 of the 住民記録システム標準仕様書), each through `registry.apply`
as the command line and the window send it: 職権記載（帰化等）, 職権消除（国籍喪失等）, 改製, 再製, 個人番号の変更請求,
住民票コードの変更請求 (法30条の4), 旧氏 and 通称 記載・削除 (施行令30条の26, 30条の27), 未届転入 (§4.1.1.4)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import ValidationError
from domain.idou import REASONS, Category
from domain.juminhyo_pool import parse_codes
from domain.records import ResidentKind, Status
from domain.wareki import RegDate
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import NOTIFIER, TARO_MYNUMBER, family, person, tennyu

REQUESTER = {"name": "山田　太郎", "relation": "本人", "identification": "個人番号カード"}
CARD = "AB12345678CD"


def foreigner(name: str = "李　明", kana: str = "リ　メイ", **items: Any) -> dict[str, Any]:
    body = {"name": name, "name_kana": kana, "birth": "1985-04-01", "sex": "男", "relationship": "世帯主",
            "kind": "外国人", "foreign": {"alphabet_name": "LI MING", "nationality": "中国", "category": "特別永住者",
                                         "became_resident": "1985-04-01", "card_number": CARD}}
    body.update(items)
    return body


def fill_pool(registry: Registry, admin: Staff, *codes: str) -> None:
    registry.codes.import_codes(admin, parse_codes("\n".join(codes) + "\n"), share=len(codes))


@pytest.fixture
def taro(registry: Registry, admin: Staff) -> str:
    return registry.apply(admin, family()).idou.rows[0].row.atena_no


@pytest.fixture
def li(registry: Registry, admin: Staff) -> str:
    """A foreign resident who moved in from another town with his 住民票コード."""
    request = tennyu(foreigner(juminhyo_code="12345678901"), address="さくら県みどり町中町5番地")
    return registry.apply(admin, request).idou.rows[0].row.atena_no


def test_every_new_reason_has_its_category() -> None:
    """§1.2.2: 職権記載（帰化等）, 改製, 再製 and 未届転入 are 記載; 職権消除（国籍喪失等） is 消除; the 請求 and 申出 are 修正."""
    assert {r for r, c in REASONS.items() if c is Category.RECORD} >= {"職権記載（帰化等）", "未届転入", "改製", "再製"}
    assert REASONS["職権消除（国籍喪失等）"] is Category.REMOVE
    assert all(REASONS[r] is Category.CHANGE for r in ("個人番号の変更請求", "住民票コードの変更請求", "旧氏の記載",
                                                      "旧氏の削除", "通称の記載", "通称の削除"))


def test_naturalization_records_the_japanese_row_and_keeps_the_numbers(registry: Registry, admin: Staff,
                                                                       li: str) -> None:
    """§1.2.2 職権記載（帰化等）: the 外国人住民 becomes a Japanese resident from the 戸籍 side (no 届出人); the 宛名番号, the
    住民票コード (法30条の3: one for life) and the household are kept, and the 外国人住民's row stays in the history."""
    applied = registry.apply(admin, {"reason": "職権記載（帰化等）", "idou_date": "R8.11.25", "persons": [
        {"formerly": li, "name": "李田　明", "name_kana": "リタ　アキラ",
         "honseki": {"place": "さくら県みどり町中町5番地", "head": "李田　明"}}]})
    row = applied.idou.rows[0].row
    assert (row.atena_no, row.kind, row.foreign, row.juminhyo_code) == (li, ResidentKind.JAPANESE, None, "12345678901")
    assert row.honseki is not None and row.honseki.head == "李田　明"
    assert row.entry_notified_on == RegDate.of(registry.today())  # 法7条8号: the day of the 職権記載
    record = registry.person(admin, li)
    assert [h.reason for h in record.history] == ["国内転入", "職権記載（帰化等）"]
    assert record.history[0].row.kind is ResidentKind.FOREIGN


def test_naturalization_is_refused_for_a_japanese_resident(registry: Registry, admin: Staff, taro: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, {"reason": "職権記載（帰化等）", "idou_date": "R8.11.25", "persons": [
            {"formerly": taro, "name": "山田　太郎", "honseki": "不明"}]})
    assert refused.value.item == "住民種別"


def test_loss_of_nationality_removes_the_japanese_row_and_the_foreign_one_keeps_the_code(
        registry: Registry, admin: Staff) -> None:
    """§1.2.2 職権消除（国籍喪失）[日本人], then 職権記載 of the 外国人住民 as the same person (同一人: the 宛名番号 and
    住民票コード continue; 法30条の3)."""
    hanako = registry.apply(admin, tennyu(person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主",
                                               juminhyo_code="23456789012"))).idou.rows[0].row
    removed = registry.apply(admin, {"reason": "職権消除（国籍喪失等）", "idou_date": "R8.11.25",
                                     "targets": [hanako.atena_no]}).idou.rows[0].row
    assert removed.status is Status.REMOVED and removed.removal is not None
    assert removed.removal.reason == "職権消除（国籍喪失等）"
    again = foreigner("ヤマダ　ハナコ", "ヤマダ　ハナコ", birth="S52.3.3", sex="女", returning=hanako.atena_no)
    again["foreign"] = {**again["foreign"], "category": "国籍喪失による経過滞在者", "card_number": ""}
    back = registry.apply(admin, {"reason": "職権記載", "idou_date": "R8.11.25", "persons": [again],
                                  "address": {"text": hanako.address.text}}).idou.rows[0].row
    assert (back.atena_no, back.juminhyo_code, back.kind) == (hanako.atena_no, "23456789012", ResidentKind.FOREIGN)


def test_loss_of_nationality_is_refused_for_a_foreign_resident(registry: Registry, admin: Staff, li: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, {"reason": "職権消除（国籍喪失等）", "idou_date": "R8.11.25", "targets": [li]})
    assert refused.value.item == "住民種別"


@pytest.mark.parametrize("reason", ["改製", "再製"])
def test_kaisei_and_saisei_make_a_new_row_of_the_same_items(registry: Registry, admin: Staff, taro: str,
                                                           reason: str) -> None:
    """§1.2.2 改製・再製: a new 住民票 of the same content; the one before (改製原住民票) stays in the history."""
    before = registry.person(admin, taro).current
    applied = registry.apply(admin, {"reason": reason, "idou_date": "R8.11.25", "note": "様式の変更",
                                     "targets": [taro]})
    assert applied.idou.category is Category.RECORD and applied.idou.notifier is None
    record = registry.person(admin, taro)
    assert record.current == before and [h.reason for h in record.history] == ["国内転入", reason]


def test_mynumber_change_request_keeps_the_old_number_in_the_history(registry: Registry, admin: Staff,
                                                                     taro: str) -> None:
    """番号法7条2項: the 個人番号 is changed at the person's 請求 (a 請求者 is named, like a 届出人); the old one stays in
    the history; an empty number leaves the person 付番待ち for the new one."""
    applied = registry.apply(admin, {"reason": "個人番号の変更請求", "idou_date": "R8.11.25", "notifier": REQUESTER,
                                     "targets": [taro], "mynumber": ""})
    assert applied.idou.notifier is not None and applied.idou.notified_on is None
    record = registry.person(admin, taro)
    assert record.current.mynumber == "" and record.current.awaiting_mynumber
    assert record.history[0].row.mynumber == TARO_MYNUMBER


@pytest.mark.parametrize("change, item", [
    ({"notifier": None}, "請求者"),
    ({"notified_on": "R8.11.25"}, "届出日"),
    ({"mynumber": TARO_MYNUMBER}, "個人番号"),
    ({"targets": ["0001000004", "0001000012"]}, "対象者"),
])
def test_a_wrong_mynumber_change_request_is_refused(registry: Registry, admin: Staff, taro: str,
                                                   change: dict[str, Any], item: str) -> None:
    request = {"reason": "個人番号の変更請求", "idou_date": "R8.11.25", "notifier": REQUESTER, "targets": [taro],
               "mynumber": ""} | change
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, {k: v for k, v in request.items() if v is not None})
    assert refused.value.item == item


def test_juminhyo_code_change_request_draws_a_new_code_and_keeps_the_old(registry: Registry, admin: Staff) -> None:
    """法30条の4: at the person's 請求, a new 住民票コード from the pool; the old one stays in the history."""
    taro = registry.apply(admin, tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主",
                                              juminhyo_code="34567890123"))).idou.rows[0].row.atena_no
    request = {"reason": "住民票コードの変更請求", "idou_date": "R8.11.25", "notifier": REQUESTER, "targets": [taro]}
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, request)  # the pool is empty: nobody is left without a code
    assert refused.value.item == "住民票コード" and "払い出し" in refused.value.message
    fill_pool(registry, admin, "90000000001")
    registry.apply(admin, request)
    record = registry.person(admin, taro)
    assert record.current.juminhyo_code == "90000000001"
    assert record.history[0].row.juminhyo_code == "34567890123"


def test_a_code_given_up_is_never_drawn_again(registry: Registry, admin: Staff, taro: str) -> None:
    """法30条の4: the code a person gave up is nobody's afterwards; the pool goes on to the next one."""
    fill_pool(registry, admin, "90000000001", "90000000002", "90000000003")
    setai = registry.person(admin, taro).current.setai_no
    child = registry.apply(admin, {"reason": "出生", "idou_date": "R8.11.20", "household": setai, "persons": [
        person("山田　三郎", "ヤマダ　サブロウ", "R8.11.20", "男", "子")]}).idou.rows[0].row
    assert child.juminhyo_code == "90000000001"
    registry.apply(admin, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.25", "targets": [child.atena_no],
                           "notifier": REQUESTER | {"relation": "法定代理人（親権者）"}})  # the child's father
    second = registry.apply(admin, {"reason": "出生", "idou_date": "R8.11.21", "household": setai, "persons": [
        person("山田　四郎", "ヤマダ　シロウ", "R8.11.21", "男", "子")]}).idou.rows[0].row
    assert registry.person(admin, child.atena_no).current.juminhyo_code == "90000000002"
    assert second.juminhyo_code == "90000000003"
    with pytest.raises(ValidationError, match="ほかの人の住民票コード"):
        registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.25",
                               "set": {taro: {"juminhyo_code": "90000000001"}}})


def test_former_surname_is_recorded_and_deleted_as_reasons_of_their_own(registry: Registry, admin: Staff,
                                                                        taro: str) -> None:
    """旧氏の記載 and 旧氏の削除 at the person's 請求 (施行令30条の14, 30条の16)."""
    request = {"reason": "旧氏の記載", "idou_date": "R8.11.25", "notifier": REQUESTER, "targets": [taro],
               "former_surname": "佐藤", "former_surname_kana": "サトウ"}
    registry.apply(admin, request)
    assert registry.person(admin, taro).current.former_surname == "佐藤"
    with pytest.raises(ValidationError, match="すでに旧氏"):
        registry.apply(admin, request)
    registry.apply(admin, {"reason": "旧氏の削除", "idou_date": "R8.11.26", "notifier": REQUESTER, "targets": [taro]})
    record = registry.person(admin, taro)
    assert (record.current.former_surname, record.current.former_surname_kana) == ("", "")
    assert [h.reason for h in record.history] == ["国内転入", "旧氏の記載", "旧氏の削除"]


def test_former_surname_is_not_for_a_foreign_resident(registry: Registry, admin: Staff, li: str) -> None:
    with pytest.raises(ValidationError, match="外国人住民は通称"):
        registry.apply(admin, {"reason": "旧氏の記載", "idou_date": "R8.11.25", "notifier": REQUESTER,
                               "targets": [li], "former_surname": "李"})


def test_tsusho_is_recorded_and_deleted_and_its_history_kept(registry: Registry, admin: Staff, li: str) -> None:
    """施行令30条の26 (通称の記載 on the person's 申出) and 30条の27 (the 通称, the day and 市町村 of its 記載 and of its
    削除, kept on the record to be printed)."""
    registry.apply(admin, {"reason": "通称の記載", "idou_date": "R8.11.24", "notifier": REQUESTER, "targets": [li],
                           "tsusho": "木村　明"})
    current = registry.person(admin, li).current
    assert current.foreign is not None and current.foreign.tsusho == "木村　明"
    registry.apply(admin, {"reason": "通称の削除", "idou_date": "R8.11.26", "notifier": REQUESTER, "targets": [li]})
    items = registry.person(admin, li).current.foreign
    assert items is not None and items.tsusho == ""
    (entry,) = items.tsusho_history
    assert (entry.tsusho, entry.recorded_on.iso, entry.recorded_town) == ("木村　明", "2026-11-24", "さくら県みどり町")
    assert entry.removed_on is not None and (entry.removed_on.iso, entry.removed_town) == ("2026-11-26",
                                                                                           "さくら県みどり町")
    with pytest.raises(ValidationError, match="通称が記載されていません"):
        registry.apply(admin, {"reason": "通称の削除", "idou_date": "R8.11.26", "notifier": REQUESTER,
                               "targets": [li]})


def test_tsusho_history_survives_a_correction_of_the_foreign_items(registry: Registry, admin: Staff, li: str) -> None:
    registry.apply(admin, {"reason": "通称の記載", "idou_date": "R8.11.24", "notifier": REQUESTER, "targets": [li],
                           "tsusho": "木村　明"})
    items = registry.person(admin, li).current.foreign
    assert items is not None
    corrected = items.to_json() | {"period": ""}
    del corrected["tsusho_history"]
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.25",
                           "set": {li: {"foreign": corrected | {"card_number": "XY87654321ZW"}}}})
    after = registry.person(admin, li).current.foreign
    assert after is not None and after.tsusho_history == items.tsusho_history


def test_a_tsusho_moving_in_keeps_the_history_of_the_certificate(registry: Registry, admin: Staff) -> None:
    """施行令30条の27: a 通称 brought on the 転出証明書 comes with its history; one without it is recorded here."""
    history = [{"tsusho": "木村　明", "recorded_on": "2020-04-01", "recorded_town": "東京都千代田区"}]
    with_history = foreigner(foreign=foreigner()["foreign"] | {"tsusho": "木村　明", "tsusho_history": history},
                             juminhyo_code="12345678901")
    items = registry.apply(admin, tennyu(with_history)).idou.rows[0].row.foreign
    assert items is not None and [(e.tsusho, e.recorded_town) for e in items.tsusho_history] == [
        ("木村　明", "東京都千代田区")]
    plain = foreigner("王　芳", "ワン　ファン", foreign=foreigner()["foreign"] | {"tsusho": "王田　芳",
                                                                                  "card_number": "CD12345678EF"},
                      juminhyo_code="23456789012")
    items = registry.apply(admin, tennyu(plain, address="さくら県みどり町東町1番地")).idou.rows[0].row.foreign
    assert items is not None
    (entry,) = items.tsusho_history
    assert (entry.tsusho, entry.recorded_on.iso, entry.recorded_town) == ("王田　芳", "2026-11-20", "さくら県みどり町")


def test_tsusho_is_not_for_a_japanese_resident(registry: Registry, admin: Staff, taro: str) -> None:
    with pytest.raises(ValidationError, match="日本人住民は旧氏"):
        registry.apply(admin, {"reason": "通称の記載", "idou_date": "R8.11.25", "notifier": REQUESTER,
                               "targets": [taro], "tsusho": "山"})


def test_unnotified_move_in_is_recorded_by_office_with_the_last_address_marked(registry: Registry,
                                                                               admin: Staff) -> None:
    """§4.1.1.4 未届転入: a 転入 without a 転入届, recorded by 職権 (no 届出人); the 転入前住所 is the last one known,
    marked 「（未届）」, and the 経緯 goes in the 留意事項."""
    request = tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", juminhyo_code="34567890123"),
                     reason="未届転入", note="実態調査により居住を確認")
    del request["notifier"], request["notified_on"]
    row = registry.apply(admin, request).idou.rows[0].row
    assert row.previous_address == "東京都千代田区千代田1番1号（未届）"
    assert row.entry_notified_on == RegDate.of(registry.today()) and row.juminhyo_code == "34567890123"
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, request | {"note": ""})
    assert refused.value.item == "留意事項"
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, request | {"notifier": NOTIFIER})
    assert refused.value.item == "届出人"


# --- 住民票コード (法30条の3) -----------------------------------------------------------------------------------------

def abroad(*persons: dict[str, Any]) -> dict[str, Any]:
    return tennyu(*persons, reason="国外転入等", previous_address="アメリカ合衆国")


def test_a_returning_citizen_gives_their_code_and_none_is_drawn(registry: Registry, admin: Staff) -> None:
    """法30条の3: a 住民票コード is given once; one who comes back from abroad keeps theirs (written 全角 or with
    spaces, read as the same digits)."""
    fill_pool(registry, admin, "90000000001")
    back = person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", juminhyo_code="３４５６７ ８９０１２３")
    row = registry.apply(admin, abroad(back)).idou.rows[0].row
    assert row.juminhyo_code == "34567890123"
    assert registry.codes.state(admin).left == 1


def test_a_new_code_only_for_a_first_record(registry: Registry, admin: Staff) -> None:
    """法30条の3: 国外転入等 and 職権記載 draw a new code only when the request states the person was never recorded."""
    fill_pool(registry, admin, "90000000001")
    unknown = person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主")
    for reason in ("国外転入等", "職権記載"):
        with pytest.raises(ValidationError) as refused:
            registry.apply(admin, {**abroad(unknown), "reason": reason, "persons": [unknown]} | (
                {"notifier": None, "notified_on": None} if reason == "職権記載" else {}))
        assert refused.value.item == "住民票コード" and "初めて" in refused.value.message
    first = registry.apply(admin, abroad(unknown | {"first_record": True})).idou.rows[0].row
    assert first.juminhyo_code == "90000000001"


@pytest.mark.parametrize("items, message", [
    ({"juminhyo_code": "1234567890"}, "11桁"),
    ({"first_record": True}, "持っています"),
    ({"juminhyo_code": "34567890123", "first_record": True}, "初めての記載ではありません"),
])
def test_a_wrong_code_statement_is_refused(registry: Registry, admin: Staff, items: dict[str, Any],
                                          message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", **items)))
    assert refused.value.item == "住民票コード" and message in refused.value.message
