"""閲覧's pure rules: address order by number, ages on the day, the 公表's year, a refusal holding over an approval,
and the form check of arriving events."""

from __future__ import annotations

import datetime as dt

from domain.etsuran import (
    Stamp,
    Status,
    address_order,
    age_on,
    cases,
    decision_event,
    list_event,
    problem,
    publication,
    read_request,
    request_event,
)
from domain.wareki import RegDate
from tests.support.etsuran import chosa, kikan

TODAY = dt.date(2026, 11, 27)


def _by(at: str, staff: str = "chief") -> Stamp:
    return Stamp(staff, "本庁1", f"2026-11-27T10:00:{at}")


def test_addresses_sort_by_their_numbers() -> None:
    addresses = ["本町1丁目10番1号", "本町1丁目2番1号", "本町１丁目２番１０号", "本町1丁目2番2号"]
    assert sorted(addresses, key=address_order) == ["本町1丁目2番1号", "本町1丁目2番2号", "本町１丁目２番１０号",
                                                    "本町1丁目10番1号"]


def test_the_age_is_reached_on_the_birthday_and_unknown_for_an_unknown_date() -> None:
    assert age_on(RegDate("2008-11-27"), TODAY) == 18 and age_on(RegDate("2008-11-28"), TODAY) == 17
    assert age_on(RegDate("1950-00-00", "昭和25年月日不詳"), TODAY) is None


def test_a_refusal_holds_over_an_approval_and_the_case_is_flagged() -> None:
    request = read_request(chosa(), TODAY)
    events = [("r", request_event("2026-本庁1-001", request, _by("00"))),
              ("a", decision_event("r", True, "", _by("01"))),
              ("b", decision_event("r", False, "目的が不明確", _by("02", "chief2")))]
    [case] = cases(events)
    assert case.status is Status.REFUSED and case.flagged and case.decision is not None
    assert case.decision.reason == "目的が不明確"
    assert publication([case], 2026) == []


def test_the_publication_counts_the_days_lists_were_made() -> None:
    request = read_request(kikan(date="R8.12.28"), TODAY)
    events = [("r", request_event("2026-本庁1-001", request, _by("00"))),
              ("a", decision_event("r", True, "", _by("01"))),
              ("l", list_event("r", 3, dt.date(2027, 1, 5), _by("02")))]
    [line] = publication(cases(events), 2027)
    assert line.viewed_on == "令和9年1月5日" and line.summary == "検察審査員候補者の選定"
    assert publication(cases(events), 2026) == []


def test_arriving_events_are_checked_for_their_form() -> None:
    request = read_request(kikan(), TODAY)
    good = request_event("2026-本庁1-001", request, _by("00"))
    assert problem(good) is None
    assert "法令" in (problem({**good, "request": {**good["request"], "legal_basis": ""}}) or "")
    assert "拒否の理由" in (problem(decision_event("r", False, " ", _by("01"))) or "")
    assert problem({"event": "削除", "staff": "x", "terminal": "t", "at": "a"}) is not None
    assert problem(["not", "an", "object"]) is not None
    approval = decision_event("r", True, "確認した", _by("02"), ["乙川太郎"])
    assert problem(approval) is None and problem({**approval, "checked": [1]}) == "a malformed 閲覧 decision"
    assert problem({**good, "request": {**good["request"], "applicant": "申出\u202e者"}}) is not None
