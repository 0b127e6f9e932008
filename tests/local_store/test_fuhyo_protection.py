"""支援措置 for a person of this town's 附票 who lives elsewhere: her 住所地 forwards her 支援措置 to this 本籍地, which
refuses her 加害者 her 附票の写し (it shows her current address), holds anyone else's request for a 係長's judgment, and
never shows her address to a 窓口 clerk who finds her 附票."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.fuhyo import member_target, request_from
from domain.kofu_rules import RequesterKind
from domain.notices import Outgoing
from domain.protection import JudgmentRequired, Offender, OffenderRefused, Process
from domain.roles import Role
from local_store.audit import Filter
from local_store.disclosure import INQUIRY_PROTECTED
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import NOTIFIER, family
from tests.support.notices import notice_file, write

HONSEKI = "さくら県みどり町西町1番地"
HER_ADDRESS = "京都府京都市左京区1番地"
FILE = ("本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
        f"{HONSEKI},青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
        f"{HONSEKI},青木　一,青木　幸子,S22.3.3,女,{HER_ADDRESS},H10.4.1,,,,\n")
THIRD = {"requester": RequesterKind.DAISANSHA, "identification": "運転免許証",
         "requester_address": "東京都港区芝公園1丁目1番1号", "reason": "相続人の住所の確認",
         "evidence": "遺産分割協議書の写し"}


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """青木　幸子 lives in 京都 with her 本籍 here; 京都 forwarded her 支援措置 naming her husband 青木　一."""
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    registry.fuhyo.import_text(admin, FILE, "fuhyo.csv")
    fuhyo = registry.fuhyo.show(admin, registry.fuhyo.search(admin, HONSEKI)[0].id).fuhyo
    her = next(m for m in fuhyo.members if m.name == "青木　幸子")
    chief = registry.sign_in("chief", "chief-pw")
    measure = registry.protection.add(chief, [member_target(fuhyo.id, her.key)], set(Process),
                                      [Offender("青木　一", "アオキ　ハジメ")], note="京都市から転送")
    return {"fuhyo": fuhyo, "her": her, "chief": chief, "clerk": registry.sign_in("clerk", "clerk-pw"),
            "measure": measure}


def ask(registry: Registry, actor: Staff, fuhyo_id: str, judgment: Judgment | None = None, **values: Any) -> Any:
    return registry.fuhyo.issue(actor, request_from({"fuhyo": fuhyo_id, **values}), render, judgment=judgment)


def audited(registry: Registry, actor: Staff, action: str) -> list[Any]:
    registry.audit.flush()
    return [e for e in registry.audit.entries(actor, Filter()) if e.action == action]


def test_a_measure_names_a_person_of_the_fuhyo_living_elsewhere_and_nobody_else(registry: Registry,
                                                                                 town: dict[str, Any]) -> None:
    fuhyo, chief = town["fuhyo"], town["chief"]
    assert town["measure"].targets == (member_target(fuhyo.id, town["her"].key),)
    for wrong in (member_target(fuhyo.id, "nobody"), member_target("0" * 32, town["her"].key)):
        with pytest.raises(ValidationError):
            registry.protection.add(chief, [wrong], {Process.KOFU})


def test_her_offender_is_refused_as_a_third_party_even_with_a_judgment(registry: Registry,
                                                                        town: dict[str, Any]) -> None:
    judgment = Judgment(town["chief"], "確認済み")
    with pytest.raises(OffenderRefused):
        ask(registry, town["clerk"], town["fuhyo"].id, judgment, **{**THIRD, "requester_name": "青木　一"})
    with pytest.raises(OffenderRefused):  # his フリガナ, in half-width kana
        ask(registry, town["clerk"], town["fuhyo"].id, judgment, **{**THIRD, "requester_name": "ｱｵｷ ﾊｼﾞﾒ"})
    refused = registry.kofu.history(town["chief"])[-2:]
    assert [(e["disposal"], e["protection"]["measures"]) for e in refused] == [("拒否", [town["measure"].id])] * 2


def test_her_offender_is_refused_as_a_relative_asking_for_her(registry: Registry, town: dict[str, Any]) -> None:
    with pytest.raises(OffenderRefused):
        ask(registry, town["clerk"], town["fuhyo"].id, Judgment(town["chief"], "確認済み"),
            requester=RequesterKind.HONNIN, requester_name="青木　一", relation="配偶者", of=town["her"].key,
            identification="運転免許証")


def test_anyone_else_waits_for_a_supervisors_judgment_which_is_audited(registry: Registry,
                                                                      town: dict[str, Any]) -> None:
    clerk, fuhyo = town["clerk"], town["fuhyo"]
    with pytest.raises(JudgmentRequired):
        ask(registry, clerk, fuhyo.id, **{**THIRD, "requester_name": "甲野　一郎"})
    issued = ask(registry, clerk, fuhyo.id, Judgment(town["chief"], "相続の疎明あり"),
                 **{**THIRD, "requester_name": "甲野　一郎"})
    assert issued.issue_numbers
    assert registry.kofu.history(town["chief"])[-1]["judgment"]["judge"] == "chief"
    assert audited(registry, town["chief"], "交付判断")


def test_a_copy_of_the_others_only_needs_no_judgment(registry: Registry, town: dict[str, Any]) -> None:
    him = next(m for m in town["fuhyo"].members if m.name == "青木　一")
    issued = ask(registry, town["clerk"], town["fuhyo"].id, members=[him.key],
                 **{**THIRD, "requester_name": "甲野　一郎"})
    assert issued.issue_numbers


@pytest.mark.parametrize("query", ["青木　幸子", HONSEKI])
def test_a_clerk_who_finds_her_fuhyo_never_sees_her_address(registry: Registry, town: dict[str, Any],
                                                            query: str) -> None:
    clerk, her = town["clerk"], town["her"]
    [found] = registry.fuhyo.search(clerk, query)
    shown = registry.fuhyo.show(clerk, found.id)
    seen = shown.fuhyo.member(her.key)
    assert seen is not None and seen.addresses == () and her.key in shown.protected
    assert HER_ADDRESS not in repr(shown) and HER_ADDRESS not in repr(found)
    target = member_target(found.id, her.key)
    named = [(e.target, e.detail) for e in audited(registry, town["chief"], INQUIRY_PROTECTED) if e.staff == "clerk"]
    assert (target, "附票検索の結果に表示") in named and (target, "附票照会（住所を表示せず）") in named


def test_a_supervisor_sees_her_address_named_in_the_audit(registry: Registry, town: dict[str, Any]) -> None:
    chief, her = town["chief"], town["her"]
    shown = registry.fuhyo.show(chief, town["fuhyo"].id)
    assert shown.fuhyo.member(her.key).current_address == HER_ADDRESS and her.key in shown.protected
    assert [(e.target, e.detail) for e in audited(registry, chief, INQUIRY_PROTECTED) if e.staff == "chief"] == \
        [(member_target(town["fuhyo"].id, her.key), "附票照会")]


def test_once_the_measure_ends_the_clerk_sees_her_address_again(registry: Registry, town: dict[str, Any]) -> None:
    registry.protection.end(town["chief"], town["measure"].id, "京都市から終了の連絡")
    shown = registry.fuhyo.show(town["clerk"], town["fuhyo"].id)
    assert shown.fuhyo.member(town["her"].key).current_address == HER_ADDRESS and not shown.protected


def test_a_notice_of_her_new_address_is_not_shown_to_a_clerk(registry: Registry, town: dict[str, Any],
                                                               tmp_path: Path) -> None:
    """Her 住所地 sends the 附票記載事項通知 of her next move (法19条1項): it carries the address she hides."""
    notice = {"id": "f1", "kind": Outgoing.FUHYO.value, "sender": "京都府京都市", "addressee": "さくら県みどり町",
              "law": "住民基本台帳法第19条第1項", "person": {
                  "event": "修正", "honseki": HONSEKI, "honseki_head": "青木　一", "name": "青木　幸子",
                  "birth": "1947-03-03", "address": "京都府京都市北区2番地", "address_since": "2026-11-15"}}
    registry.notices.import_file(town["chief"], write(tmp_path / "n.json", notice_file(notice)))
    [received] = [r.id for r in registry.notices.inbox(town["chief"]) if r.notice["id"] == "f1"]
    with pytest.raises(ValidationError, match="見つかりません"):
        registry.fuhyo.notice_plan(town["clerk"], received)
    _, changes, problem = registry.fuhyo.notice_plan(town["chief"], received)
    assert problem == "" and changes[0]["address"] == "京都府京都市北区2番地"


def test_a_protected_resident_who_moved_out_keeps_her_new_address_from_a_clerk(registry: Registry,
                                                                                 admin: Staff) -> None:
    """Her 附票 here follows her to her new town (法19条 notices): a clerk must not read it there either."""
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    chief = registry.sign_in("chief", "chief-pw")
    registry.protection.add(chief, [rows[1].atena_no], set(Process), [Offender("乙川　太郎")])
    registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.11.21", "targets": [rows[1].atena_no],
                           "destination": "アメリカ合衆国", "notifier": NOTIFIER})
    fuhyo_id = registry.fuhyo.of_person(admin, rows[0].atena_no)[0][0].id
    clerk = registry.fuhyo.show(registry.sign_in("clerk", "clerk-pw"), fuhyo_id)
    assert clerk.fuhyo.member(rows[1].atena_no).addresses == () and rows[1].atena_no and \
        clerk.fuhyo.member(rows[0].atena_no).addresses  # the others, living here, as before
    assert registry.fuhyo.show(chief, fuhyo_id).fuhyo.member(rows[1].atena_no).abroad
