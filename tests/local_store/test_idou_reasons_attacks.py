"""The 異動事由 of issue 18's first round seen by an adversary, on a real replica: a 加害者 at the counter, a curious
clerk. 花子 lives with her son at HER_ADDRESS under a 支援措置 (異動, 交付, 照会) naming 太郎 (by 宛名番号) as 加害者.

- A 未届転入, a 職権記載 or a 国外転入等 that brings 太郎 (back from the 除票, or as a new person) to her address or
  into her household is held for a 係長's judgment like a 転入; 改製, 再製 and a 通称 記載 neither move anyone nor let
  him in.
- The 同一人 warning at entry never names her (apply, the confirmation step, the command line's `apply`).
- A 住民票コード typed on a 転入 that is somebody's (hers included), or was given up, or is malformed, is refused
  without saying whose it is.
- 個人番号 and 住民票コード are changed only at the 請求 of the person or their 法定代理人; a 請求者 calling himself 本人
  is the person.
- The 転出証明書 kept with a 転入 takes no invisible characters, no absurd lengths, no impossible dates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain.check_digits import mynumber_check_digit
from domain.errors import ValidationError
from domain.idou_holds import HOLD_MESSAGE, IdouHeld
from domain.juminhyo_pool import parse_codes
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family, person, tennyu
from tests.support.cli import cli

HER_ADDRESS = "さくら県みどり町西町1丁目2番3号"
HER = {"name": "山田　花子", "relation": "本人", "identification": "運転免許証"}
HIM = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}
DAY = {"idou_date": "R8.11.27", "notified_on": "R8.11.27"}
CERTIFICATE = {"town": "東京都千代田区", "planned_on": "R8.11.18", "destination": "さくら県みどり町本町２丁目３番４号"}


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """花子 and 一郎 live at HER_ADDRESS, protected from 太郎; 太郎 and 次郎 stay at the family's address."""
    taro, hanako, ichiro, jiro = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.25", "set": {
        atena: {"juminhyo_code": f"4444444444{i}"} for i, atena in enumerate((taro, hanako, ichiro, jiro))}})
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    chief, clerk = registry.sign_in("chief", "chief-pw"), registry.sign_in("clerk", "clerk-pw")
    moved = registry.apply(clerk, {"reason": "転居", **DAY, "idou_date": "R8.11.26", "notifier": HER,
                                   "targets": [hanako, ichiro], "relationships": {hanako: "世帯主", ichiro: "子"},
                                   "address": {"text": HER_ADDRESS, "katagaki": "メゾン西町101"}})
    registry.protection.add(chief, [hanako], list(Process), [Offender("山田　太郎", "ヤマダ　タロウ", taro)])
    return {"taro": taro, "hanako": hanako, "ichiro": ichiro, "jiro": jiro, "chief": chief, "clerk": clerk,
            "her_setai": moved.idou.rows[0].row.setai_no}


def gone_abroad(registry: Registry, town: dict[str, Any]) -> str:
    """太郎 moves abroad (his row becomes a 除票); returns his 住民票コード."""
    registry.apply(town["chief"], {"reason": "国外転出", **DAY, "notifier": HIM, "targets": [town["taro"]],
                                   "destination": "アメリカ合衆国"})
    return registry.person(town["chief"], town["taro"]).current.juminhyo_code


def him_again(**items: Any) -> dict[str, Any]:
    return person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", **items)


def a_stranger(**items: Any) -> dict[str, Any]:
    return person("甲野　次郎", "コウノ　ジロウ", "S55.5.5", "男", "世帯主", **items)


# --- holds ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["未届転入", "職権記載", "国外転入等"])
def test_his_return_to_her_address_is_held_whatever_the_reason(registry: Registry, town: dict[str, Any],
                                                               reason: str) -> None:
    """Back from the 除票 (`returning`) at her address written another way: held like a 転入."""
    gone_abroad(registry, town)
    request: dict[str, Any] = {"reason": reason, "idou_date": "R8.11.27", "previous_address": "アメリカ合衆国",
                               "address": {"text": "西町１－２－３"}, "persons": [him_again(returning=town["taro"])]}
    if reason == "未届転入":
        request["note"] = "実態調査で居住を確認"
    if reason == "国外転入等":
        request |= {"notified_on": "R8.11.27", "notifier": HIM}
    for attempt in (registry.idou.check, registry.apply):
        with pytest.raises(IdouHeld):
            attempt(town["clerk"], request)


@pytest.mark.parametrize("reason", ["未届転入", "職権記載", "国外転入等"])
def test_a_new_person_of_his_name_into_her_household_is_held(registry: Registry, town: dict[str, Any],
                                                            reason: str) -> None:
    """A 加害者 recorded afresh (a new 宛名番号; a 住民票コード given that nobody here holds, or a first record) into
    her household."""
    code = {"first_record": True} if reason == "職権記載" else {"juminhyo_code": "77777777777"}
    request: dict[str, Any] = {"reason": reason, "idou_date": "R8.11.27", "household": town["her_setai"],
                               "previous_address": "東京都千代田区千代田1番1号",
                               "persons": [person("山田　太郎", "ヤマダ　タロウ", "S50.1.2", "男", "同居人", **code)]}
    if reason == "未届転入":
        request["note"] = "実態調査で居住を確認"
    if reason == "国外転入等":
        request |= {"notified_on": "R8.11.27", "notifier": HIM, "previous_address": "アメリカ合衆国"}
    with pytest.raises(IdouHeld) as held:
        registry.apply(town["clerk"], request)
    assert town["hanako"] not in str(held.value) and "花子" not in str(held.value)


def test_a_return_with_his_code_given_as_a_new_person_is_refused_without_naming_him(
        registry: Registry, town: dict[str, Any]) -> None:
    """国外転入等 of 'a new person' who gives 太郎's 住民票コード: the code is somebody's (his 除票), and the refusal
    names nobody."""
    code = gone_abroad(registry, town)
    request = tennyu(a_stranger(juminhyo_code=code), reason="国外転入等", previous_address="アメリカ合衆国",
                     address="さくら県みどり町東町9番地", date="R8.11.27", notified_on="R8.11.27")
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], request)
    assert refused.value.item == "住民票コード" and town["taro"] not in refused.value.message


def test_kaisei_and_saisei_of_her_record_change_nothing_and_move_nobody(registry: Registry,
                                                                      town: dict[str, Any]) -> None:
    """改製 and 再製 rewrite her 住民票 as it is: the same address and household, no one brought."""
    before = registry.person(town["chief"], town["hanako"]).current
    for reason in ("改製", "再製"):
        registry.apply(town["chief"], {"reason": reason, "idou_date": "R8.11.27", "targets": [town["hanako"]]})
    assert registry.person(town["chief"], town["hanako"]).current == before
    with pytest.raises(ValidationError):  # nothing else may ride along
        registry.apply(town["chief"], {"reason": "改製", "idou_date": "R8.11.27", "targets": [town["hanako"]],
                                       "address": {"text": "西町9番地"}})


def test_his_tsusho_request_for_her_is_refused(registry: Registry, admin: Staff, town: dict[str, Any]) -> None:
    """He names himself as 請求者 of a 通称 or 旧氏 記載 for her: refused, however his name is written."""
    request = {"reason": "旧氏の記載", "idou_date": "R8.11.27", "targets": [town["hanako"]], "former_surname": "佐藤",
               "notifier": {**HIM, "name": "山田 太郎", "relation": "夫"}}
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], request)
    assert refused.value.item == "届出人"


# --- 請求者 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["個人番号の変更請求", "住民票コードの変更請求"])
@pytest.mark.parametrize("relation", ["夫", "知人", "代理人"])
def test_a_change_request_by_another_than_the_person_or_their_legal_representative_is_refused(
        registry: Registry, admin: Staff, town: dict[str, Any], reason: str, relation: str) -> None:
    """番号法7条2項, 法30条の4: the 請求 is the person's (or their 法定代理人's)."""
    request: dict[str, Any] = {"reason": reason, "idou_date": "R8.11.27", "targets": [town["taro"]],
                               "notifier": {"name": "甲野　次郎", "relation": relation, "identification": "運転免許証"}}
    if reason == "個人番号の変更請求":
        request["mynumber"] = ""
    registry.codes.import_codes(admin, parse_codes("55555555551\n"), share=1)
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["chief"], request)
    assert refused.value.item == "請求者の続柄"


def test_a_requester_who_says_he_is_the_person_must_bear_their_name(registry: Registry, admin: Staff,
                                                                  town: dict[str, Any]) -> None:
    """A 本人 whose name is not the person's is someone else: his 住民票コード request for her son is refused."""
    request = {"reason": "住民票コードの変更請求", "idou_date": "R8.11.27", "targets": [town["ichiro"]],
               "notifier": {"name": "甲野　次郎", "relation": "本人", "identification": "運転免許証"}}
    registry.codes.import_codes(admin, parse_codes("55555555551\n"), share=1)
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["chief"], request)
    assert refused.value.item == "請求者の氏名"


def test_the_person_or_a_parent_may_request(registry: Registry, admin: Staff, town: dict[str, Any]) -> None:
    """本人 (his name written with a half-width space) and a 親権者 as 法定代理人 are accepted."""
    registry.codes.import_codes(admin, parse_codes(
        "55555555551\n55555555552\n"), share=2)
    for notifier in ({"name": "山田 次郎", "relation": "本人", "identification": "個人番号カード"},
                     {"name": "山田　太郎", "relation": "法定代理人（親権者）", "identification": "運転免許証"}):
        registry.apply(admin, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.27", "targets": [town["jiro"]],
                               "notifier": notifier})


# --- 住民票コード typed on a 転入 -------------------------------------------------------------------------------------


def test_her_code_typed_on_a_move_in_is_held_and_says_nothing_of_a_code(registry: Registry,
                                                                        town: dict[str, Any]) -> None:
    """太郎 knows her 住民票コード and brings a 転出証明書 with it for 'a newcomer': 「ほかの人の住民票コード」 would tell him
    (through the clerk) that she is recorded here. It is held like a move to her address: the clerk is told only to
    fetch a 係長 and say nothing, the hold is audited; judged, it is refused all the same (a code is one person's)."""
    request = tennyu(a_stranger(juminhyo_code="4444-4444-441"), notifier=HIM, address="さくら県みどり町東町9番地")
    for attempt in (registry.idou.check, registry.apply):
        with pytest.raises(IdouHeld) as held:
            attempt(town["clerk"], request)
        assert held.value.message == HOLD_MESSAGE and "住民票コード" not in held.value.message
    registry.audit.flush()
    assert registry.store.conn.execute("SELECT count(*) FROM audit WHERE action = '異動保留'").fetchone()[0] == 2
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], request, Judgment(town["chief"], "住民票コードを確認する"))
    assert refused.value.item == "住民票コード" and town["hanako"] not in refused.value.message


def test_her_code_given_up_typed_on_a_move_in_is_held_too(registry: Registry, admin: Staff,
                                                          town: dict[str, Any]) -> None:
    """She changed her 住民票コード because he knew it (法30条の4): the old one he brings tells him nothing either."""
    registry.codes.import_codes(admin, parse_codes("55555555551\n"), share=1)
    registry.apply(town["clerk"], {"reason": "住民票コードの変更請求", "idou_date": "R8.11.27",
                                   "targets": [town["hanako"]], "notifier": HER})
    with pytest.raises(IdouHeld):
        registry.apply(town["clerk"], tennyu(a_stranger(juminhyo_code="44444444441"), notifier=HIM))


def test_her_mynumber_typed_on_a_move_in_is_held_too(registry: Registry, admin: Staff, town: dict[str, Any]) -> None:
    """Her 個人番号 for 'a newcomer': 「別の人に記録されています」 would say she is here; held, naming nobody."""
    first11 = "12312312312"
    number = first11 + str(mynumber_check_digit(first11))
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {town["hanako"]: {"mynumber": number}}})
    with pytest.raises(IdouHeld) as held:
        registry.apply(town["clerk"], tennyu(a_stranger(mynumber=number, juminhyo_code="77777777777"), notifier=HIM))
    assert held.value.message == HOLD_MESSAGE


def test_a_code_given_up_cannot_be_given_on_a_move_in(registry: Registry, admin: Staff,
                                                      town: dict[str, Any]) -> None:
    registry.codes.import_codes(admin, parse_codes(
        "55555555551\n"), share=1)
    old = registry.person(admin, town["jiro"]).current.juminhyo_code
    registry.apply(admin, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.27", "targets": [town["jiro"]],
                           "notifier": {"name": "山田　次郎", "relation": "本人", "identification": "個人番号カード"}})
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], tennyu(a_stranger(juminhyo_code=old)))
    assert refused.value.item == "住民票コード" and town["jiro"] not in refused.value.message


@pytest.mark.parametrize("code", ["1234567890", "123456789012", "1234567890A", "12345\u200b678901",
                                  "12345678901\u202e", "１２３４５６７８９０"])
def test_a_malformed_code_on_a_move_in_is_refused(registry: Registry, town: dict[str, Any], code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], tennyu(a_stranger(juminhyo_code=code)))
    assert refused.value.item == "住民票コード"


# --- the 同一人 warning --------------------------------------------------------------------------------------------


def her_double(address: str = "さくら県みどり町東町9番地") -> dict[str, Any]:
    """A 転入 of 'a newcomer' with her 氏名, 生年月日 and 性別, as 太郎 would bring to find out whether she lives here."""
    return tennyu(person("山田 花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主"), address=address,
                  notifier=HIM | {"relation": "夫"})


def test_the_same_person_warning_does_not_name_her_at_confirmation_or_on_apply(registry: Registry,
                                                                              town: dict[str, Any]) -> None:
    clerk = town["clerk"]
    planned = registry.idou.check(clerk, her_double())
    shown = registry.idou.warnings(clerk, planned) + registry.apply(clerk, her_double()).warnings
    assert shown and all(town["hanako"] not in w and HER_ADDRESS not in w and "西町" not in w for w in shown)


def test_the_same_person_warning_does_not_name_her_on_the_command_line(tmp_path: Path, data_dir: Path,
                                                                       registry: Registry,
                                                                       town: dict[str, Any]) -> None:
    hanako = town["hanako"]
    registry.close()
    path = tmp_path / "idou.json"
    path.write_text(json.dumps(her_double(), ensure_ascii=False), encoding="utf-8")
    ran = cli(data_dir, "--as", "clerk", "--password-stdin", "apply", str(path), stdin="clerk-pw\n")
    assert ran.returncode == 0, ran.stderr
    assert "同一人の疑い" in ran.stdout and hanako not in ran.stdout and "西町" not in ran.stdout


# --- the 転出証明書 ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field, value", [
    ("town", "東京都\u202e区田代千"), ("destination", "さくら県みどり町\u200b本町2丁目3番4号"),
    ("town", "東京都千代田区\u0007"), ("destination", "本町" * 5000), ("town", "東" * 300),
])
def test_certificate_items_with_invisible_characters_or_absurd_lengths_are_refused(
        registry: Registry, town: dict[str, Any], field: str, value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], tennyu(a_stranger(), move_out_certificate=CERTIFICATE | {field: value}))
    assert refused.value.item.startswith("転出証明書")


@pytest.mark.parametrize("planned_on", ["R8.2.30", "S50年頃", "R8.11.0", "0000-00-00", "R9.12.1", "H20.1.1"])
def test_certificate_with_an_impossible_planned_date_is_refused(registry: Registry, town: dict[str, Any],
                                                                planned_on: str) -> None:
    """Not a day of the calendar, or a 転出予定日 a year away from the 転入: not a 転出証明書 for this move."""
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], tennyu(a_stranger(), move_out_certificate=CERTIFICATE | {"planned_on": planned_on}))
    assert refused.value.item == "転出証明書の転出予定日"


def test_a_certificate_held_move_in_shows_nothing_of_her(registry: Registry, town: dict[str, Any]) -> None:
    """A 転入 to her address with a 転出証明書: held; judged, the counter sees only the newcomer."""
    request = tennyu(a_stranger(), address=HER_ADDRESS, move_out_certificate=CERTIFICATE | {"destination": HER_ADDRESS})
    with pytest.raises(IdouHeld):
        registry.apply(town["clerk"], request)
    applied = registry.apply(town["clerk"], request, Judgment(town["chief"], "実態調査で居住を確認した"))
    assert [c.row.name for c in applied.idou.rows] == ["甲野　次郎"]


# --- names a 加害者 gains by the new reasons -------------------------------------------------------------------------


def test_his_former_surname_does_not_pass_him_as_a_stranger(registry: Registry, town: dict[str, Any]) -> None:
    """旧氏の記載 gives 太郎 a second lawful name (旧氏併記, on his 個人番号カード): as 届出人 of a 世帯主変更 in her
    household under 「佐藤　太郎」 he is refused like under his own."""
    registry.apply(town["clerk"], {"reason": "旧氏の記載", "idou_date": "R8.11.27", "targets": [town["taro"]],
                                   "former_surname": "佐藤", "former_surname_kana": "サトウ", "notifier": HIM})
    change = {"reason": "世帯主変更", **DAY, "targets": [town["ichiro"]], "relationships": {town["hanako"]: "母"},
              "notifier": {"name": "佐藤 太郎", "relation": "代理人", "identification": "個人番号カード"}}
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], change)
    assert refused.value.item == "届出人"
    with pytest.raises(ValidationError):  # and in katakana
        registry.apply(town["clerk"], change | {"notifier": change["notifier"] | {"name": "サトウ　タロウ"}})


def test_a_tsusho_he_gave_up_does_not_pass_him_as_a_stranger(registry: Registry, admin: Staff,
                                                            town: dict[str, Any]) -> None:
    """A foreign 加害者 recorded with a 通称 and deleted it: the 通称 he went by still names him."""
    lee = registry.apply(admin, tennyu(person("李　明", "リ　メイ", "1980-01-01", "男", "世帯主", juminhyo_code="33333333333",
                                              kind="外国人", foreign={"alphabet_name": "LI MING", "nationality": "中国",
                                                                    "category": "特別永住者",
                                                                    "became_resident": "1980-01-01",
                                                                    "card_number": "AB12345678CD"}, honseki=None),
                                       address="さくら県みどり町東町9番地")).idou.rows[0].row.atena_no
    lee_himself = {"name": "李　明", "relation": "本人", "identification": "特別永住者証明書"}
    registry.apply(admin, {"reason": "通称の記載", "idou_date": "R8.11.27", "targets": [lee], "tsusho": "木下　明",
                           "notifier": lee_himself})
    registry.apply(admin, {"reason": "通称の削除", "idou_date": "R8.11.27", "targets": [lee], "notifier": lee_himself})
    registry.protection.add(town["chief"], [town["hanako"]], [Process.IDOU], [Offender("李　明", "", lee)])
    change = {"reason": "世帯主変更", **DAY, "targets": [town["ichiro"]], "relationships": {town["hanako"]: "母"},
              "notifier": {"name": "木下　明", "relation": "代理人", "identification": "健康保険証"}}
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], change)
    assert refused.value.item == "届出人"


def test_a_same_person_warning_about_her_is_audited_as_a_look_up_of_her(registry: Registry,
                                                                         town: dict[str, Any]) -> None:
    """The warning tells the clerk that someone of that 氏名, 生年月日 and 性別 lives here; a clerk (or a 加害者 beside
    him) trying names and dates at the confirmation step learns that of her as from a search: recorded the same way,
    as a 照会（支援措置対象者） naming her, even when nothing is recorded after."""
    clerk = town["clerk"]
    registry.idou.warnings(clerk, registry.idou.check(clerk, her_double()))
    registry.audit.flush()
    found = registry.store.conn.execute("SELECT staff, target FROM audit WHERE action = '照会（支援措置対象者）'")
    assert ("clerk", town["hanako"]) in found.fetchall()


@pytest.mark.parametrize("request_of", [
    lambda t: {"reason": "改製", "idou_date": "R8.11.27", "targets": [t["hanako"]]},
    lambda t: {"reason": "再製", "idou_date": "R8.11.27", "targets": [t["hanako"]]},
    lambda t: {"reason": "旧氏の記載", "idou_date": "R8.11.27", "targets": [t["hanako"]], "former_surname": "鈴木",
               "notifier": HER},
])
def test_her_row_shown_by_a_planned_idou_is_audited_as_a_look_up_of_her(registry: Registry, town: dict[str, Any],
                                                                       request_of: Any) -> None:
    """改製 and 再製 change nothing, so `check` (the confirmation step, which writes nothing) would show a clerk her
    whole row, her address included, for the asking: the rows shown of a protected household are a 照会 of her,
    audited as one, whether or not the 異動 is then recorded."""
    request = request_of(town)
    shown = registry.idou.check(town["clerk"], request)
    registry.audit.flush()
    audited = registry.store.conn.execute(
        "SELECT staff, target FROM audit WHERE action = '照会（支援措置対象者）'").fetchall()
    assert [c.row.atena_no for c in shown.rows] == request["targets"]
    assert ("clerk", town["hanako"]) in audited


def foreigner_with_history(history: list[dict[str, str]]) -> dict[str, Any]:
    return person("李　明", "リ　メイ", "1985-04-01", "男", "世帯主", kind="外国人", honseki=None,
                  juminhyo_code="12345678901",
                  foreign={"alphabet_name": "LI MING", "nationality": "中国", "category": "特別永住者",
                           "became_resident": "1985-04-01", "card_number": "AB12345678CD", "tsusho": "木下　明",
                           "tsusho_history": history})


TOWN = "東京都千代田区"


@pytest.mark.parametrize("history", [
    [{"tsusho": "木下　明", "recorded_on": "2030-01-01", "recorded_town": TOWN}],
    [{"tsusho": "山本　一", "recorded_on": "2020-01-01", "recorded_town": TOWN, "removed_on": "2019-01-01",
      "removed_town": TOWN}, {"tsusho": "木下　明", "recorded_on": "2021-01-01", "recorded_town": TOWN}],
    [{"tsusho": "木下　明", "recorded_on": "1900-01-01", "recorded_town": TOWN}],
    [{"tsusho": "木下　明", "recorded_on": "2021-01-01", "recorded_town": "千" * 5000}],
], ids=["recorded in the future", "removed before recorded", "recorded before birth", "absurd length"])
def test_a_tsusho_history_of_impossible_dates_or_lengths_is_refused(registry: Registry, town: dict[str, Any],
                                                                   history: list[dict[str, str]]) -> None:
    """The 通称 history a 転出証明書 brings (施行令30条の27) is printed on certificates as true: not a day that has not
    come, a 削除 before its 記載, a 記載 before birth, nor a town of five thousand characters."""
    with pytest.raises(ValidationError) as refused:
        registry.apply(town["clerk"], tennyu(foreigner_with_history(history)))
    assert refused.value.item == "通称の記載・削除の履歴"


def test_a_tsusho_history_as_a_certificate_gives_it_is_recorded(registry: Registry, town: dict[str, Any]) -> None:
    history = [{"tsusho": "山本　一", "recorded_on": "2019-01-01", "recorded_town": TOWN, "removed_on": "2020-01-01",
                "removed_town": TOWN}, {"tsusho": "木下　明", "recorded_on": "2021-01-01", "recorded_town": TOWN}]
    row = registry.apply(town["clerk"], tennyu(foreigner_with_history(history))).idou.rows[0].row
    assert row.foreign is not None and [e.tsusho for e in row.foreign.tsusho_history] == ["山本　一", "木下　明"]
