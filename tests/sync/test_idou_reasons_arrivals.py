"""A 異動 of one of issue 18's new 異動事由, forged on another terminal (by someone holding the data key, so that its
envelope and revision are sound) and arriving from the cloud: checked by the rules a local write passes
(`domain.idou_documents`), or quarantined, touching nothing. Genuine documents of the same reasons pass."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from domain.juminhyo_pool import parse_codes
from local_store import documents
from local_store.arrivals import form_problem
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family, person, tennyu

REQUESTER = {"name": "山田　太郎", "relation": "本人", "identification": "個人番号カード"}


def ingest(registry: Registry, body: dict[str, Any], name: str) -> None:
    doc = documents.Document(name * 32, documents.revision_id(registry.store.data_key, None, False, body), "idou",
                             body)
    registry.replication.ingest(doc)


@pytest.fixture
def genuine(registry: Registry, admin: Staff) -> dict[str, dict[str, Any]]:
    """One genuine document of each reason the forgeries start from."""
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    registry.codes.import_codes(admin, parse_codes("55555555551\n55555555552\n"), share=2)
    registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.25",
                           "set": {taro: {"juminhyo_code": "44444444440"}}})
    applied = {
        "kaisei": registry.apply(admin, {"reason": "改製", "idou_date": "R8.11.26", "targets": [taro]}),
        "code": registry.apply(admin, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.26", "targets": [taro],
                                       "notifier": REQUESTER}),
        "unnotified": registry.apply(admin, tennyu(person("甲野　次郎", "コウノ　ジロウ", "S55.5.5", "男", "世帯主",
                                                          juminhyo_code="12345678901"),
                                                   reason="未届転入", notified_on=None, notifier=None,
                                                   note="実態調査で居住を確認", address="さくら県みどり町東町9番地")),
        "move_in": registry.apply(admin, tennyu(person("乙野　三郎", "オツノ　サブロウ", "S56.6.6", "男", "世帯主",
                                                       juminhyo_code="12345678902"),
                                                address="さくら県みどり町北町1番地",
                                                move_out_certificate={"town": "東京都千代田区", "planned_on": "R8.11.18",
                                                                      "destination": "さくら県みどり町北町1番地"})),
    }
    return {key: documents.get(registry.store.conn, a.doc_id).body for key, a in applied.items()}


def test_genuine_documents_of_the_new_reasons_pass(registry: Registry,
                                                   genuine: dict[str, dict[str, Any]]) -> None:
    for body in genuine.values():
        assert form_problem(documents.Document("x" * 32, "1-x", "idou", body), registry.today()) is None


def forge(genuine: dict[str, dict[str, Any]], key: str, change: Any) -> dict[str, Any]:
    body = copy.deepcopy(genuine[key])
    change(body)
    return body


FORGERIES = {
    "a 改製 that plants a new person": ("kaisei", lambda b: b["rows"][0].update(parents=[])),
    "a 住民票コードの変更請求 by the husband": ("code", lambda b: b["notifier"].update(relation="夫")),
    "a 住民票コードの変更請求 by a 本人 of another name": ("code", lambda b: b["notifier"].update(name="乙川　三郎")),
    "a 住民票コードの変更請求 without its 請求者": ("code", lambda b: b.pop("notifier")),
    "a 住民票コードの変更請求 with a 届出日": ("code", lambda b: b.update(notified_on=b["idou_date"])),
    "a 住民票コードの変更請求 that takes the code away": ("code", lambda b: b["rows"][0]["row"].update(juminhyo_code="")),
    "a 請求者 with a bidi control": ("code", lambda b: b["notifier"].update(name="山田\u202e　太郎")),
    "a 未届転入 without its mark": ("unnotified", lambda b: b["rows"][0]["row"].update(
        previous_address="東京都千代田区千代田1番1号")),
    "a 未届転入 without its 経緯": ("unnotified", lambda b: b.update(note="")),
    "a certificate on another reason": ("unnotified", lambda b: b.update(
        certificate={"town": "東京都千代田区", "planned_on": b["idou_date"], "destination": "北町1番地"})),
    "a certificate with an invisible character": ("move_in", lambda b: b["certificate"].update(
        destination="さくら県みどり町\u200b北町1番地")),
    "a certificate of absurd length": ("move_in", lambda b: b["certificate"].update(town="東" * 10_000)),
    "a certificate dated years away": ("move_in", lambda b: b["certificate"].update(planned_on="2010-01-01")),
    "an unknown 異動事由": ("kaisei", lambda b: b.update(reason="転居（内密）")),
}


@pytest.mark.parametrize("name", list(FORGERIES))
def test_a_forged_document_of_a_new_reason_is_quarantined(registry: Registry, admin: Staff,
                                                          genuine: dict[str, dict[str, Any]], name: str) -> None:
    key, change = FORGERIES[name]
    before = registry.replication.last_seq()
    with pytest.raises(StoreError):
        ingest(registry, forge(genuine, key, change), "f")
    assert registry.replication.last_seq() == before
    [held_back] = registry.review.quarantined(admin)
    assert held_back.doc_id == "f" * 32 and "異動" in held_back.reason
