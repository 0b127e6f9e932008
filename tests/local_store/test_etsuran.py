"""閲覧 (法11条, 11条の2) on a real replica: the request as the law asks for it, the 係長's decision, the
閲覧用リスト (only 住所等, the 町字 and ages asked for, address order, never a person under 支援措置) recorded in the
request and the audit, and the yearly 公表."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.etsuran import RequestInvalid, Status
from local_store.audit import Filter
from local_store.errors import PermissionDenied
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, person, tennyu
from tests.support.etsuran import chosa, kikan, kyoju
from tests.support.protected import protected_town


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """The protected town (乙川 花子 and 一郎 at 本町9丁目, protected), with more residents of 本町1丁目 whose
    addresses sort by number, not by text, and one more household of 中町 (a survey shows five households at least)."""
    found = protected_town(registry, admin)
    for name, kana, birth, address in (("甲野　十号", "コウノ　ジュウゴウ", "S60.1.1", "さくら県みどり町本町1丁目1番10号"),
                                       ("甲野　二号", "コウノ　ニゴウ", "S61.1.1", "さくら県みどり町本町1丁目1番2号"),
                                       ("甲野　幼子", "コウノ　オサナゴ", "R5.1.1", "さくら県みどり町本町1丁目1番3号"),
                                       ("丁野　中子", "テイノ　ナカコ", "S62.1.1", "さくら県みどり町中町10番地")):
        registry.apply(admin, tennyu(person(name, kana, birth, "女", "世帯主"), address=address))
    return {"found": found, "chief": registry.sign_in("chief", "chief-pw"), "clerk": registry.sign_in("clerk", "clerk-pw")}


def entries(registry: Registry, admin: Staff, action: str) -> list[Any]:
    return [e for e in registry.audit.entries(admin, Filter()) if e.action == action]


def test_an_office_s_request_names_the_office_the_affairs_its_legal_ground_and_the_readers(registry: Registry,
                                                                                             admin: Staff) -> None:
    """法11条第2項: 機関の名称, 請求事由 (here with its 根拠となる法令), 閲覧する者の職名及び氏名 — each one missing is
    named."""
    with pytest.raises(RequestInvalid) as refused:
        registry.etsuran.receive(admin, kikan(applicant="", affairs="", legal_basis="", readers=[{"name": "県職員"}]))
    assert [item for item, _ in refused.value.problems] == ["機関の名称", "請求事由（事務の内容）", "根拠となる法令",
                                                            "閲覧者1の職名"]
    case = registry.etsuran.receive(admin, kikan())
    assert case.status is Status.PENDING and case.number.startswith("2026-本庁1-")
    assert registry.etsuran.receive(admin, kikan()).number != case.number


def test_a_private_request_states_what_article_11_2_asks(registry: Registry, admin: Staff) -> None:
    """法11条の2第2項: 申出者の氏名及び住所 (法人: 代表者), 利用の目的, 閲覧者の氏名及び住所, 管理の方法, a 法人's
    取り扱う者の範囲 and, for 第1項第1号, the 成果の取扱い."""
    with pytest.raises(RequestInvalid) as refused:
        registry.etsuran.receive(admin, chosa(address="", representative="", use="", management="", handlers="",
                                              results="", readers=[{"name": "記者　花子"}]))
    assert [item for item, _ in refused.value.problems] == [
        "主たる事務所の所在地", "代表者又は管理人の氏名", "利用の目的", "閲覧者1の住所", "閲覧事項を取り扱う者の範囲",
        "閲覧事項の管理の方法", "調査研究の成果の取扱い"]
    assert "主たる事務所の所在地を入力してください" in refused.value.message
    # An individual states no 取扱者 and, outside 第1号, no 成果の取扱い.
    assert registry.etsuran.receive(admin, kyoju()).request.handlers == ""


@pytest.mark.parametrize(("kind", "purpose", "refusal"), [
    ("法人", "居住関係の確認", "法11条の2第1項第3号"),  # 訴訟 etc.: an individual's only
    ("個人", "公益活動", "法11条の2第1項第2号"),  # a 公共的団体's activity
    ("個人", "営業活動", "法11条の2第1項各号"),  # for profit: no ground at all
])
def test_only_the_purposes_of_article_11_2_1(registry: Registry, admin: Staff, kind: str, purpose: str,
                                               refusal: str) -> None:
    with pytest.raises(RequestInvalid, match=refusal):
        registry.etsuran.receive(admin, kyoju(kind=kind, purpose=purpose, representative="代表", handlers="職員"))


def test_the_range_and_date_are_checked(registry: Registry, admin: Staff) -> None:
    with pytest.raises(RequestInvalid) as refused:
        registry.etsuran.receive(admin, kikan(areas=[], ages={"from": 80, "to": 20}, date="R8.11.1"))
    assert [item for item, _ in refused.value.problems] == ["町字", "年齢", "閲覧の年月日"]
    with pytest.raises(RequestInvalid, match="制御文字"):
        registry.etsuran.receive(admin, kikan(affairs="事務\n=cmd"))


def test_a_supervisor_decides_and_a_refusal_says_why(registry: Registry, town: dict[str, Any],
                                                     admin: Staff) -> None:
    clerk, chief = town["clerk"], town["chief"]
    case = registry.etsuran.receive(clerk, chosa())
    with pytest.raises(PermissionDenied):
        registry.etsuran.approve(clerk, case.number)
    with pytest.raises(ValidationError, match="拒否の理由"):
        registry.etsuran.refuse(chief, case.number, "  ")
    refused = registry.etsuran.refuse(chief, case.number, "営利目的の調査と認められる")
    assert refused.status is Status.REFUSED and refused.decision is not None
    assert refused.decision.reason == "営利目的の調査と認められる" and refused.decision.by.staff == "chief"
    with pytest.raises(ValidationError, match="拒否済み"):
        registry.etsuran.approve(chief, case.number)
    with pytest.raises(ValidationError, match="承認されていません"):
        registry.etsuran.make_list(chief, case.number)
    other = registry.etsuran.receive(clerk, kikan())
    with pytest.raises(ValidationError, match="承認されていません"):
        registry.etsuran.make_list(chief, other.number)
    assert registry.etsuran.approve(chief, other.doc_id).status is Status.APPROVED
    assert [e.target for e in entries(registry, admin, "閲覧申出受付")] == [case.number, other.number]
    assert [(e.target, e.detail) for e in entries(registry, admin, "閲覧拒否")] == [
        (case.number, "営利目的の調査と認められる")]
    assert [e.target for e in entries(registry, admin, "閲覧承認")] == [other.number]


def test_the_list_holds_the_four_items_of_the_areas_and_ages_asked_in_address_order_never_the_protected(
        registry: Registry, town: dict[str, Any], admin: Staff) -> None:
    """法11条第1項 (住所等), the range asked for, and the 支援措置: 乙川 花子 and 一郎 of 本町9丁目 are not in the list,
    not even for the administrator; the audit says how many were left out; 甲野 幼子 (3) is under the ages."""
    chief = town["chief"]
    numbers = []
    for actor in (chief, admin):
        case = registry.etsuran.receive(chief, chosa())
        registry.etsuran.approve(chief, case.number)
        made = registry.etsuran.make_list(actor, case.number)
        assert [line.name for line in made.lines] == ["乙川　太郎", "甲野　二号", "甲野　十号", "佐藤　一郎",
                                                      "丁野　中子"]
        assert made.number == case.number and made.as_of == dt.date(2026, 11, 27)
        assert (made.lines[0].birth, made.lines[0].sex, made.lines[0].address) == (
            "昭和50年1月1日", "男", "さくら県みどり町本町1丁目1番1号")
        recorded = next(c for c in registry.etsuran.cases(chief) if c.number == case.number)
        assert [(m.rows, m.by.staff) for m in recorded.lists] == [(5, actor.user)]
        numbers.append(case.number)
    listed = entries(registry, admin, "閲覧用リスト作成")
    assert [e.target for e in listed] == numbers
    assert all("支援措置対象者の2件を除外" in e.detail for e in listed)


def test_an_office_sees_the_whole_area_without_ages_but_not_the_protected(registry: Registry,
                                                                           town: dict[str, Any]) -> None:
    chief = town["chief"]
    case = registry.etsuran.receive(chief, kikan(areas=["本町9丁目", "本町1丁目"]))
    registry.etsuran.approve(chief, case.number)
    made = registry.etsuran.make_list(chief, case.number)
    assert [line.name for line in made.lines] == ["乙川　太郎", "甲野　二号", "甲野　幼子", "甲野　十号"]


def test_the_yearly_publication_lists_the_approved_requests_viewed_in_the_year(registry: Registry,
                                                                               town: dict[str, Any],
                                                                               clock: Clock) -> None:
    """法11条第3項, 11条の2第12項: 申出者, 利用目的の概要, 閲覧の年月日, 対象の範囲; refused and waiting requests are
    not published."""
    chief = town["chief"]
    viewed = registry.etsuran.receive(chief, chosa())
    registry.etsuran.approve(chief, viewed.number)
    registry.etsuran.make_list(chief, viewed.number)
    planned_next_year = registry.etsuran.receive(chief, kikan(date="R9.1.10"))
    registry.etsuran.approve(chief, planned_next_year.number)
    refused = registry.etsuran.receive(chief, kyoju())
    registry.etsuran.refuse(chief, refused.number, "訴訟の提起の疎明がない")
    registry.etsuran.receive(chief, kyoju())
    lines = registry.etsuran.publication(chief, 2026)
    assert [(p.number, p.article, p.applicant, p.viewed_on) for p in lines] == [
        (viewed.number, "法11条の2", "みどり新聞社", "令和8年11月27日")]
    assert lines[0].summary == "調査研究：県民の意識に関する世論調査の対象者の抽出"
    assert lines[0].scope == "本町1丁目、本町9丁目、中町　18歳〜80歳"
    assert [p.number for p in registry.etsuran.publication(chief, 2027)] == [planned_next_year.number]
    text = registry.etsuran.publication_csv(chief, 2026)
    assert text.splitlines()[0] == "受付番号,根拠,申出者（請求機関）,利用目的の概要,閲覧の年月日,対象の範囲"
    with pytest.raises(PermissionDenied):
        registry.etsuran.publication(town["clerk"], 2026)
