"""誤記修正: an item entered wrongly is put right by a new 異動 that names the one it corrects; both stay in the
history."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family


def test_a_misentry_is_corrected_by_a_new_idou_naming_it(registry: Registry, admin: Staff) -> None:
    moved_in = registry.apply(admin, family())
    taro = moved_in.idou.rows[0].row.atena_no
    fixed = registry.apply(admin, {"reason": "誤記修正", "idou_date": "R8.11.27", "corrects": moved_in.doc_id,
                                   "set": {taro: {"birth": "S50.1.11"}}})
    assert fixed.idou.corrects == moved_in.doc_id
    assert registry.replication.document(fixed.doc_id).body["corrects"] == moved_in.doc_id  # stored, replicated
    record = registry.person(admin, taro)
    assert record.current.birth.iso == "1975-01-11"
    assert [(h.reason, h.row.birth.iso) for h in record.history] == [("国内転入", "1975-01-01"),
                                                                     ("誤記修正", "1975-01-11")]


@pytest.mark.parametrize("corrects, message", [(None, "訂正する異動を入力してください"),
                                               ("no-such-document", "見つかりません")])
def test_a_misentry_names_an_existing_idou(registry: Registry, admin: Staff, corrects: str | None,
                                           message: str) -> None:
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    request = {"reason": "誤記修正", "idou_date": "R8.11.27", "set": {taro: {"birth": "S50.1.11"}}}
    if corrects is not None:
        request["corrects"] = corrects
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError, match=message):
        registry.apply(admin, request)
    assert registry.replication.last_seq() == before


def test_a_misentry_corrects_only_persons_of_the_idou_it_names(registry: Registry, admin: Staff) -> None:
    first = registry.apply(admin, family())
    second = registry.apply(admin, {**family(), "address": {"text": "さくら県みどり町中町1番地"}})
    other = second.idou.rows[0].row.atena_no
    with pytest.raises(ValidationError, match="訂正する異動に含まれていません"):
        registry.apply(admin, {"reason": "誤記修正", "idou_date": "R8.11.27", "corrects": first.doc_id,
                               "set": {other: {"birth": "S50.1.11"}}})


def test_a_code_entry_records_only_a_missing_juminhyo_code(registry: Registry, admin: Staff) -> None:
    taro, hanako = (c.row.atena_no for c in registry.apply(admin, family()).idou.rows[:2])
    entry = {"reason": "住民票コードの職権記載", "idou_date": "R8.11.27"}
    registry.apply(admin, {**entry, "set": {taro: {"juminhyo_code": "12345678901"}}})
    assert registry.person(admin, taro).current.juminhyo_code == "12345678901"
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError, match="すでに住民票コードがあります"):
        registry.apply(admin, {**entry, "set": {taro: {"juminhyo_code": "99999999999"}}})
    with pytest.raises(ValidationError, match="記載できるのは住民票コードだけ"):
        registry.apply(admin, {**entry, "set": {hanako: {"juminhyo_code": "22222222222", "name": "偽名　花子"}}})
    assert registry.replication.last_seq() == before
