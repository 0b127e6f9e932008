"""異動の取消し: a 異動 recorded in error is undone by a new one that names it; nothing is overwritten."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from domain.records import Status
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import NOTIFIER, family

NEW_ADDRESS = {"text": "さくら県みどり町本町3丁目9番1号"}


def tenkyo(targets: list[str]) -> dict[str, object]:
    return {"reason": "転居", "idou_date": "R8.11.25", "notifier": NOTIFIER, "targets": targets,
            "address": NEW_ADDRESS}


def test_a_tenkyo_cancelled_brings_the_old_address_back_and_keeps_both_in_the_history(
        registry: Registry, admin: Staff) -> None:
    moved_in = registry.apply(admin, family())
    members = [c.row.atena_no for c in moved_in.idou.rows]
    moved = registry.apply(admin, tenkyo(members))
    cancel = registry.apply(admin, {"reason": "異動の取消し", "cancels": moved.doc_id})
    assert cancel.idou.idou_date == moved.idou.idou_date  # void from the start
    record = registry.person(admin, members[0])
    assert record.current.address.text == "さくら県みどり町本町2丁目3番4号"
    assert [h.reason for h in record.history] == ["国内転入", "転居", "異動の取消し"]
    assert not record.forked
    with pytest.raises(ValidationError) as twice:
        registry.apply(admin, {"reason": "異動の取消し", "cancels": cancel.doc_id})
    assert "取消しは取り消せません" in twice.value.message


def test_a_tennyu_cancelled_removes_the_persons_and_only_the_latest_idou_can_be_cancelled(
        registry: Registry, admin: Staff) -> None:
    moved_in = registry.apply(admin, family())
    members = [c.row.atena_no for c in moved_in.idou.rows]
    moved = registry.apply(admin, tenkyo(members[:1] + members[1:]))
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError) as later:
        registry.apply(admin, {"reason": "異動の取消し", "cancels": moved_in.doc_id})
    assert "新しい異動から順に" in later.value.message and registry.replication.last_seq() == before
    registry.apply(admin, {"reason": "異動の取消し", "cancels": moved.doc_id})
    registry.apply(admin, {"reason": "異動の取消し", "cancels": moved_in.doc_id})
    person = registry.person(admin, members[0]).current
    assert person.status is Status.REMOVED and person.removal is not None
    assert person.removal.reason == "異動の取消し"
    assert registry.residents.counts()["residents"] == 0


@pytest.mark.parametrize("request_, item", [
    ({"reason": "異動の取消し", "cancels": "no-such-document"}, "取り消す異動"),
    ({"reason": "異動の取消し"}, "取り消す異動"),
    ({"reason": "異動の取消し", "cancels": "x", "idou_date": "R8.11.1"}, "異動日"),
])
def test_wrong_cancellations_are_named(registry: Registry, admin: Staff, request_: dict[str, str],
                                       item: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, request_)
    assert refused.value.item == item


def test_cancelling_back_through_two_idou_follows_what_each_cancellation_undid(
        registry: Registry, admin: Staff) -> None:
    moved_in = registry.apply(admin, family())
    members = [c.row.atena_no for c in moved_in.idou.rows]
    first = registry.apply(admin, tenkyo(members))
    second = registry.apply(admin, {**tenkyo(members), "address": {"text": "さくら県みどり町中町1番地"}})
    registry.apply(admin, {"reason": "異動の取消し", "cancels": second.doc_id})
    assert registry.person(admin, members[0]).current.address.text == NEW_ADDRESS["text"]
    registry.apply(admin, {"reason": "異動の取消し", "cancels": first.doc_id})
    registry.apply(admin, {"reason": "異動の取消し", "cancels": moved_in.doc_id})
    assert registry.residents.counts()["residents"] == 0
    with pytest.raises(ValidationError):  # nothing is in force any more: there is nothing left to cancel
        registry.apply(admin, {"reason": "異動の取消し", "cancels": first.doc_id})
