"""転出 in two phases: the 転出届 announces a 予定日; the person is 消除 at the earlier of the 予定日 and the 転入日 of the
new town's 転入通知, which also fixes the 転出先; a 転出取消 withdraws it before the 予定日."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, KofuRefused, RequesterKind, request_from
from domain.records import Status
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import JST, NOTIFIER, Clock, family

PLANNED = "東京都港区芝公園1丁目1番1号"
ARRIVED = "東京都港区芝公園2丁目2番2号"


def tenshutsu(targets: list[str], planned_on: str = "R8.12.10") -> dict[str, object]:
    return {"reason": "国内転出", "idou_date": planned_on, "notified_on": "R8.11.26", "notifier": NOTIFIER,
            "targets": targets, "destination": PLANNED}


def moved_in(atena_no: str, on: str, received_on: str = "R8.12.5", address: str = ARRIVED) -> dict[str, object]:
    """The 職権修正 an incoming 転入通知 leads to, recorded the day it is received."""
    return {"reason": "職権修正", "idou_date": received_on, "note": "東京都港区からの転入通知",
            "set": {atena_no: {"moved_in": {"date": on, "address": address}}}}


def _day(clock: Clock, day: int) -> None:
    clock.now = dt.datetime(2026, 12, day, 9, 0, tzinfo=JST)


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    return [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]


def _juminhyo(registry: Registry, actor: Staff, atena_no: str) -> object:
    values = {"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [atena_no],
              "requester_atena": atena_no, "identification": "運転免許証"}
    return registry.kofu.issue(actor, request_from(values), render)


def test_an_earlier_moving_in_removes_the_person_at_the_moving_in_day_and_fixes_the_destination(
        registry: Registry, admin: Staff, household: list[str], clock: Clock) -> None:
    registry.apply(admin, tenshutsu(household[:1]))
    _day(clock, 5)
    registry.apply(admin, moved_in(household[0], "R8.12.3"))
    record = registry.person(admin, household[0])
    removal = record.current.removal
    assert record.current.status is Status.MOVED_OUT and removal is not None
    assert (removal.reason, removal.date.iso, removal.destination) == ("国内転出", "2026-12-03", ARRIVED)
    assert [h.reason for h in record.history] == ["国内転入", "国内転出", "職権修正"]
    assert record.history[1].row.removal is not None and record.history[1].row.removal.destination == PLANNED
    # Past the 転入日, before the 予定日: gone.
    with pytest.raises(KofuRefused, match="住民ではありません"):
        _juminhyo(registry, admin, household[0])


def test_a_later_moving_in_keeps_the_planned_day(registry: Registry, admin: Staff, household: list[str],
                                                 clock: Clock) -> None:
    registry.apply(admin, tenshutsu(household[:1]))
    _day(clock, 20)
    with pytest.raises(ValidationError, match="転入日が異動日"):
        registry.apply(admin, moved_in(household[0], "R8.12.15", received_on="R8.12.14"))
    registry.apply(admin, moved_in(household[0], "R8.12.15", received_on="R8.12.18"))
    removal = registry.person(admin, household[0]).current.removal
    assert removal is not None and (removal.date.iso, removal.destination) == ("2026-12-10", ARRIVED)


def test_the_move_out_takes_effect_on_the_planned_day(registry: Registry, admin: Staff, household: list[str],
                                                     clock: Clock) -> None:
    registry.apply(admin, tenshutsu(household[:1]))
    _juminhyo(registry, admin, household[0])  # before the 予定日 the person still lives here
    _day(clock, 10)
    with pytest.raises(KofuRefused, match="住民ではありません"):
        _juminhyo(registry, admin, household[0])


def test_a_move_out_withdrawn_before_the_planned_day(registry: Registry, admin: Staff, household: list[str]) -> None:
    announced = registry.apply(admin, tenshutsu(household[:2]))
    registry.apply(admin, {"reason": "転出取消", "idou_date": "R8.11.27", "notifier": NOTIFIER,
                           "cancels": announced.doc_id})
    for atena_no in household[:2]:
        record = registry.person(admin, atena_no)
        assert record.current.status is Status.RESIDENT and record.current.removal is None
        assert [h.reason for h in record.history] == ["国内転入", "国内転出", "転出取消"]


def test_a_withdrawal_is_refused_once_the_move_out_is_settled(registry: Registry, admin: Staff,
                                                            household: list[str], clock: Clock) -> None:
    first = registry.apply(admin, tenshutsu(household[:1]))
    second = registry.apply(admin, tenshutsu(household[1:2]))
    _day(clock, 5)
    registry.apply(admin, moved_in(household[0], "R8.12.3"))
    withdraw = {"reason": "転出取消", "idou_date": "R8.12.5", "notifier": NOTIFIER}
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError, match="転入通知などで確定"):
        registry.apply(admin, {**withdraw, "cancels": first.doc_id})
    _day(clock, 10)
    with pytest.raises(ValidationError, match="転出予定日（令和8年12月10日）を過ぎた"):
        registry.apply(admin, {**withdraw, "idou_date": "R8.12.10", "cancels": second.doc_id})
    moved = registry.apply(admin, {"reason": "転居", "idou_date": "R8.12.1", "notifier": NOTIFIER,
                                   "targets": household[2:], "address": {"text": "さくら県みどり町中町1番地"}})
    with pytest.raises(ValidationError, match="転出取消で取り消せるのは転出届です"):
        registry.apply(admin, {**withdraw, "idou_date": "R8.12.10", "cancels": moved.doc_id})
    assert registry.replication.last_seq() == before + 2  # only the 転居 and its 戸籍の附票 (本籍 in the town)
    with pytest.raises(ValidationError, match="国内転出の届出が記録されていません"):
        registry.apply(admin, moved_in(household[3], "R8.12.3"))
    with pytest.raises(ValidationError, match="ほかの項目と分けて"):
        registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.12.10", "set": {household[1]: {
            "moved_in": {"date": "R8.12.3", "address": ARRIVED}, "remarks": "x"}}})


def test_one_who_filed_a_move_out_is_found_as_moving_out_until_the_planned_day(
        registry: Registry, admin: Staff, household: list[str], clock: Clock) -> None:
    registry.apply(admin, tenshutsu(household[:1]))
    (found,) = registry.summaries(registry.search(admin, "ヤマダ タロウ").ids)
    assert (found.status, found.lives_here) == ("転出予定", True)
    record = registry.person(admin, household[0])
    assert record.moving_out and record.lives_here
    _day(clock, 10)
    assert registry.search(admin, "ヤマダ タロウ").ids == []
    (gone,) = registry.summaries(registry.search(admin, "ヤマダ タロウ", include_removed=True).ids)
    assert (gone.status, gone.lives_here) == ("転出", False)
    assert not registry.person(admin, household[0]).moving_out
