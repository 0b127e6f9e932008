"""照会 of a foreign resident (the items of 法30条の45, its 外国人住民となった年月日 in place of the 住民となった年月日, the
通称 and every 通称 it has had with its 記載 and 削除, 施行令30条の27) and of the items of 法7条9号〜11号の2 once
recorded; nothing of either left from the person shown before."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from domain import office_items
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family, tennyu
from ui.search.person_view import FOREIGN_ITEMS
from ui.shell.main_window import MainWindow

LI = {"name": "李　明", "name_kana": "リ　メイ", "birth": "1985-04-01", "sex": "男", "relationship": "世帯主",
      "kind": "外国人", "juminhyo_code": "12345678901", "kana_confirmed": True,
      "foreign": {"alphabet_name": "LI MING", "nationality": "中国", "category": "中長期在留者",
                  "residence_status": "技術・人文知識・国際業務", "period": "5年", "period_expiry": "2030-03-31",
                  "became_resident": "H30.4.1", "card_number": "AB12345678CD", "tsusho": "木村　明"}}
REQUESTER = {"name": "李　明", "relation": "本人", "identification": "在留カード"}


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_foreign_resident_s_items_and_tsusho_history_are_shown(window: MainWindow, registry: Registry,
                                                                 admin: Staff) -> None:
    li = registry.apply(admin, tennyu(LI, address="さくら県みどり町中町5番地")).idou.rows[0].row.atena_no
    registry.apply(admin, {"reason": "通称の削除", "idou_date": "R8.11.22", "notifier": REQUESTER, "targets": [li]})
    registry.apply(admin, {"reason": "通称の記載", "idou_date": "R8.11.24", "notifier": REQUESTER, "targets": [li],
                           "tsusho": "木下　明"})
    window.open_person(li)
    view = window.person_view
    assert [view.value(k) for k in ("氏名（アルファベット）", "国籍・地域", "法第30条の45に規定する区分", "在留資格",
                                    "在留期間", "在留期間の満了の日", "在留カード等の番号", "外国人住民となった年月日")] == [
        "LI MING", "中国", "中長期在留者", "技術・人文知識・国際業務", "5年", "2030年3月31日", "AB12345678CD", "平成30年4月1日"]
    assert view.value("通称") == "木下　明"
    assert view.value("通称の記載・削除").splitlines() == [
        "木村　明　記載 令和8年11月20日 さくら県みどり町　削除 令和8年11月22日 さくら県みどり町",
        "木下　明　記載 令和8年11月24日 さくら県みどり町"]
    assert all(view.is_item_shown(k) for k in FOREIGN_ITEMS)
    assert not view.is_item_shown("住民となった年月日")  # 法30条の45: 外国人住民となった年月日 in its place
    assert not view.is_item_shown("本籍・筆頭者")
    assert not any(view.is_item_shown(name) for name in office_items.NAMES.values())  # none recorded

    yamada = registry.apply(admin, family()).idou.rows[0].row.atena_no
    window.open_person(yamada)
    assert not any(view.is_item_shown(k) for k in FOREIGN_ITEMS) and view.is_item_shown("住民となった年月日")
    assert all(view.value(k) == "" for k in FOREIGN_ITEMS)  # nothing of 李　明 left


def test_the_office_items_are_shown_when_recorded(window: MainWindow, registry: Registry, admin: Staff) -> None:
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26", "set": {taro: {"offices": {
        "elector": True, "kokuho": {"acquired": "R8.11.20", "retired": True},
        "nenkin": {"kind": "1", "number": "1234567890", "acquired": "R7.4.1"}, "jidou_teate": {"began": "R8.6"}}}}})
    window.open_person(taro)
    view = window.person_view
    assert view.value("選挙人名簿への登録") == "登録"
    assert view.value("国民健康保険") == "資格取得　令和8年11月20日　退職被保険者等"
    assert view.value("国民年金") == "第1号被保険者　基礎年金番号　1234-567890　資格取得　令和7年4月1日"
    assert view.value("児童手当") == "支給開始　令和8年6月"
    assert not view.is_item_shown("後期高齢者医療") and not view.is_item_shown("介護保険")
