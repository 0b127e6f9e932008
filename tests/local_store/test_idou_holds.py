"""支援措置 and 異動 through the facade, on a real replica: a 加害者 cannot use a 異動 to find or join the person he is
named for. A move to her address (however written) or into her household is held until a 係長 other than the
counter judges it, with nothing of her shown to the counter and the hold and the judgment audited; a 届出 by the
加害者 that changes her or her household is refused whatever 異動 it is and however his name is written."""

from __future__ import annotations

from typing import Any

import pytest

from domain.address_key import address_key
from domain.errors import ValidationError
from domain.idou_holds import HOLD_MESSAGE, IdouHeld
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.errors import PermissionDenied
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family, person, tennyu

HER_ADDRESS = "さくら県みどり町西町1丁目2番3号"
HER = {"name": "山田　花子", "relation": "本人", "identification": "運転免許証"}
HIM = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}
STRANGER = {"name": "甲野　次郎", "relation": "本人", "identification": "運転免許証"}
DAY = {"idou_date": "R8.11.27", "notified_on": "R8.11.27"}


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """花子 has left 太郎 with her sons for a household of their own at HER_ADDRESS (方書 given); she is protected
    from 太郎 (named with his 宛名番号) and from 乙川　三郎 (named only by name)."""
    atenas = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    taro, hanako, ichiro, jiro = atenas
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "chief2", "係長 二", Role.SUPERVISOR, "chief2-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    chief, clerk = registry.sign_in("chief", "chief-pw"), registry.sign_in("clerk", "clerk-pw")
    moved = registry.apply(clerk, {"reason": "転居", **DAY, "idou_date": "R8.11.26", "notifier": HER,
                                   "targets": [hanako, ichiro],
                                   "relationships": {hanako: "世帯主", ichiro: "子"},
                                   "address": {"text": HER_ADDRESS, "katagaki": "メゾン西町101"}})
    registry.protection.add(chief, [hanako], list(Process),
                            [Offender("山田　太郎", "ヤマダ　タロウ", taro), Offender("乙川　三郎", "オツカワ　サブロウ")])
    return {"taro": taro, "hanako": hanako, "ichiro": ichiro, "jiro": jiro, "her_setai": moved.idou.rows[0].row.setai_no,
            "his_setai": registry.person(admin, taro).current.setai_no, "chief": chief, "clerk": clerk,
            "chief2": registry.sign_in("chief2", "chief2-pw")}


def his_move(town: dict[str, Any], address: str, **extra: Any) -> dict[str, Any]:
    return {"reason": "転居", **DAY, "notifier": HIM, "targets": [town["taro"]],
            "relationships": {town["taro"]: "世帯主", town["jiro"]: "世帯主"}, "address": {"text": address, **extra}}


def audit(registry: Registry, action: str) -> list[tuple[str, str, str]]:
    registry.audit.flush()
    return registry.store.conn.execute("SELECT staff, target, detail FROM audit WHERE action = ? ORDER BY seq",
                                       (action,)).fetchall()


def household_of(registry: Registry, actor: Staff, atena: str) -> set[str]:
    return {p.atena_no for p in registry.person(actor, atena).household}


def test_addresses_are_compared_by_their_key() -> None:
    town = ("さくら県みどり町", "みどり町")
    same = ["さくら県みどり町西町1丁目2番3号", "西町１－２－３", "さくら県 みどり町 西町一丁目2番地の3", "西町1ー2ー3",
            "みどり町西町1丁目2-3"]
    assert {address_key(a, town) for a in same} == {address_key(HER_ADDRESS, town)}
    for other in ("西町1丁目2番30号", "西町12-3", "西町1丁目23番", "東町1丁目2番3号"):
        assert address_key(other, town) != address_key(HER_ADDRESS, town), other


def test_his_move_to_her_address_however_written_is_held_until_another_supervisor_judges_it(
        registry: Registry, town: dict[str, Any]) -> None:
    clerk, chief = town["clerk"], town["chief"]
    move = his_move(town, "さくら県みどり町西町１－２－３", katagaki="メゾン西町102")  # another flat, same building
    before = registry.replication.last_seq()
    for attempt in (registry.idou.check, registry.apply):
        with pytest.raises(IdouHeld) as held:
            attempt(clerk, move)
        assert held.value.item == "支援措置" and held.value.message == HOLD_MESSAGE
        assert town["hanako"] not in str(held.value) and "花子" not in str(held.value)
    assert registry.replication.last_seq() == before
    assert [(s, t) for s, t, _ in audit(registry, "異動保留")] == [("clerk", town["taro"])] * 2

    with pytest.raises(PermissionDenied):  # counter staff cannot judge
        registry.apply(chief, move, Judgment(clerk, "本人の申出どおり"))
    with pytest.raises(ValidationError) as own:  # nor the supervisor who records it
        registry.apply(chief, move, Judgment(chief, "本人の申出どおり"))
    assert own.value.item == "判断者"
    with pytest.raises(ValidationError):  # a judgment names its reason
        registry.apply(clerk, move, Judgment(chief, "  "))
    assert registry.replication.last_seq() == before

    judged = registry.apply(clerk, move, Judgment(chief, "実態調査で居住を確認した"))
    assert judged.judged and [c.row.atena_no for c in judged.idou.rows] == [town["taro"], town["jiro"]]
    assert registry.person(chief, town["taro"]).current.address.text == "さくら県みどり町西町１－２－３"
    ((judge, target, detail),) = audit(registry, "支援措置判断")
    assert judge == "chief" and target == town["taro"] and "窓口 clerk" in detail and "実態調査" in detail


def test_joining_her_household_is_held_and_shows_nothing_of_her(registry: Registry, town: dict[str, Any]) -> None:
    clerk, chief = town["clerk"], town["chief"]
    registry.apply(clerk, his_move(town, HER_ADDRESS), Judgment(chief, "実態調査で居住を確認した"))
    his_setai = registry.person(chief, town["taro"]).current.setai_no
    join = {"reason": "世帯合併", **DAY, "notifier": HER, "household": his_setai,
            "into_household": town["her_setai"], "relationships": {town["taro"]: "夫", town["ichiro"]: "子"}}
    change = {"reason": "世帯変更", **DAY, "notifier": HIM, "targets": [town["taro"]],
              "into_household": town["her_setai"], "relationships": {town["taro"]: "夫"}}
    for request in (join, change):
        with pytest.raises(IdouHeld):
            registry.idou.check(clerk, request)
    assert town["taro"] not in household_of(registry, chief, town["hanako"])

    planned = registry.idou.check(clerk, join, Judgment(chief, "調停で同居に合意"))
    assert [c.row.atena_no for c in planned.rows] == [town["taro"]]  # 一郎's new 続柄 is hers: not shown
    applied = registry.apply(clerk, join, Judgment(town["chief2"], "調停で同居に合意"))
    assert [c.row.name for c in applied.idou.rows] == ["山田　太郎"]
    assert town["taro"] in household_of(registry, chief, town["hanako"])
    assert [j for j, _, _ in audit(registry, "支援措置判断")] == ["chief", "chief2"]


def test_an_offender_named_only_by_name_joining_her_household_is_held(registry: Registry, admin: Staff,
                                                                      town: dict[str, Any]) -> None:
    """乙川　三郎 and his partner already live at her address (recorded with a judgment); his name is written
    without the space and his フリガナ in hiragana: still him."""
    clerk, chief = town["clerk"], town["chief"]
    moved_in = registry.apply(clerk, tennyu(person("乙川三郎", "おつかわ　さぶろう", "S45.1.1", "男", "世帯主"),
                                            person("丙野　冬美", "ヘイノ　フユミ", "S47.2.2", "女", "同居人"),
                                            address=HER_ADDRESS, date="R8.11.26", notified_on="R8.11.27",
                                            notifier={**STRANGER, "name": "乙川　三郎"}),
                              Judgment(chief, "実態調査で居住を確認した"))
    saburo, fuyumi = (c.row.atena_no for c in moved_in.idou.rows)
    into_hers = {"reason": "世帯変更", **DAY, "notifier": {**HER, "name": "丙野　冬美"},
                 "into_household": town["her_setai"]}
    with pytest.raises(IdouHeld):
        registry.apply(clerk, {**into_hers, "targets": [saburo], "relationships": {saburo: "同居人"}})
    # Someone else from the same address who is no 加害者 joins without a judgment.
    assert registry.apply(clerk, {**into_hers, "targets": [fuyumi], "relationships": {fuyumi: "同居人"}}).idou.rows


def test_anyone_moving_in_at_her_address_is_held_and_a_neighbour_is_not(registry: Registry,
                                                                        town: dict[str, Any]) -> None:
    clerk = town["clerk"]
    stranger = person("甲野　次郎", "コウノ　ジロウ", "S60.6.6", "男", "世帯主")
    with pytest.raises(IdouHeld):
        registry.apply(clerk, tennyu(stranger, address="さくら県みどり町西町一丁目２番３号", date="R8.11.26", notified_on="R8.11.27",
                                     notifier=STRANGER))
    with pytest.raises(IdouHeld):  # into her household: at her address too
        registry.apply(clerk, {**tennyu({**stranger, "relationship": "同居人"}, date="R8.11.26", notified_on="R8.11.27", notifier=STRANGER),
                               "household": town["her_setai"], "address": None})
    neighbour = tennyu(stranger, address="さくら県みどり町西町1丁目2番30号", date="R8.11.26", notified_on="R8.11.27", notifier=STRANGER)
    assert registry.apply(clerk, neighbour).idou.rows
    assert registry.apply(clerk, his_move(town, "さくら県みどり町東町5番地")).idou.rows  # his move elsewhere


def test_her_own_household_s_idou_is_not_held(registry: Registry, town: dict[str, Any]) -> None:
    clerk = town["clerk"]
    head = {"reason": "世帯主変更", **DAY, "notifier": HER, "targets": [town["ichiro"]],
            "relationships": {town["hanako"]: "母"}}
    assert registry.apply(clerk, head).idou.rows
    birth = {"reason": "出生", "idou_date": "R8.11.27", "household": town["her_setai"],
             "persons": [person("山田　春子", "ヤマダ　ハルコ", "R8.11.27", "女", "子")]}
    assert registry.apply(clerk, birth).idou.rows


HIM_WRITTEN = ["山田　太郎", "山田太郎", "やまだ　たろう", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロー"]


@pytest.mark.parametrize("name", HIM_WRITTEN)
def test_a_notification_by_him_that_changes_her_or_her_household_is_refused_however_written(
        registry: Registry, town: dict[str, Any], name: str) -> None:
    clerk, chief = town["clerk"], town["chief"]
    hanako, ichiro = town["hanako"], town["ichiro"]
    by_him = {**HIM, "name": name, "relation": "夫"}
    requests = [
        {"reason": "転居", "targets": [hanako, ichiro], "address": {"text": "さくら県みどり町東町5番地"}},
        {"reason": "国内転出", "targets": [hanako], "destination": "東京都港区芝公園4丁目2番8号"},
        {"reason": "国外転出", "targets": [ichiro], "destination": "アメリカ合衆国"},
        {"reason": "世帯主変更", "targets": [ichiro], "relationships": {hanako: "母"}},
        {"reason": "世帯分離", "targets": [ichiro], "relationships": {ichiro: "世帯主"}},
    ]
    before = registry.replication.last_seq()
    for request in requests:
        with pytest.raises(ValidationError) as refused:
            registry.apply(clerk, {**request, **DAY, "notifier": by_him}, Judgment(chief, "夫なので"))
        assert refused.value.item == "届出人" and "加害者" in refused.value.message, request["reason"]
    assert registry.replication.last_seq() == before


def test_a_move_out_withdrawn_by_him_is_refused(registry: Registry, town: dict[str, Any]) -> None:
    clerk = town["clerk"]
    out = registry.apply(clerk, {"reason": "国内転出", **DAY, "idou_date": "R8.12.10", "notifier": HER,
                                 "targets": [town["hanako"]], "destination": "東京都港区芝公園4丁目2番8号"})
    with pytest.raises(ValidationError) as refused:
        registry.apply(clerk, {"reason": "転出取消", **DAY, "notifier": {**HIM, "name": "ヤマダ タロウ"},
                               "cancels": out.doc_id})
    assert refused.value.item == "届出人"
