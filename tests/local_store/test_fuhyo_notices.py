"""Incoming notices that keep the 戸籍の附票 of persons living elsewhere (法18条, 19条): the 附票記載事項通知 of the town
they live in, and the 戸籍 side (入籍, 除籍, 転籍, 分籍, 死亡, 氏名の変更), taken into the inbox like every incoming
notice, checked, and recorded only when staff confirm them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.fuhyo import FuhyoKind
from domain.notices import Outgoing
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family
from tests.support.notices import notice_file, write

AOKI = ("本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
        "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
        "さくら県みどり町西町1番地,青木　一,青木　幸子,S22.3.3,女,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
        "さくら県みどり町西町1番地,青木　一,青木　健,S50.5.5,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n")
OSAKA = "大阪府大阪市北区"


@pytest.fixture
def aoki(registry: Registry, admin: Staff, tmp_path: Path) -> str:
    """The 附票 of a 戸籍 of this town whose persons all live in 大阪市 (taken from the town's file)."""
    path = tmp_path / "aoki.csv"
    path.write_text(AOKI, encoding="utf-8")
    registry.fuhyo.import_file(admin, path)
    return registry.fuhyo.search(admin, "青木")[0].id


def residence(notice_id: str, name: str, birth: str, address: str, since: str, event: str = "修正",
              removal: dict[str, str] | None = None) -> dict[str, Any]:
    """A 附票記載事項通知 as another town's Madoguchi sends it (its outgoing notice, read as it arrives)."""
    return {"id": notice_id, "kind": Outgoing.FUHYO.value, "sender": OSAKA, "addressee": "さくら県みどり町",
            "law": "住民基本台帳法第19条第1項", "person": {
                "event": event, "honseki": "さくら県みどり町西町1番地", "honseki_head": "青木　一", "name": name,
                "birth": birth, "address": address, "address_since": since, "removal": removal}}


def koseki(notice_id: str, event: str, name: str, birth: str, head: str = "青木　一", **items: str) -> dict[str, Any]:
    return {"id": notice_id, "kind": "戸籍の記載（附票）", "sender": "さくら県みどり町", "person": {
        "event": event, "honseki": "さくら県みどり町西町1番地", "honseki_head": head, "name": name, "birth": birth,
        "date": "2026-11-20", **items}}


def take(registry: Registry, admin: Staff, tmp_path: Path, *notices: dict[str, Any]) -> list[str]:
    registry.notices.import_file(admin, write(tmp_path / f"n{len(list(tmp_path.iterdir()))}.json",
                                              notice_file(*notices)))
    wanted = {n["id"] for n in notices}
    return [r.id for r in registry.notices.inbox(admin) if r.notice["id"] in wanted]


def test_a_new_address_from_the_town_she_lives_in_is_recorded_once_confirmed(registry: Registry, admin: Staff,
                                                                             aoki: str, tmp_path: Path) -> None:
    """法19条1項: the 住所地 notifies; 法18条: the 本籍地 records it 職権 — here, when staff confirm it."""
    [notice] = take(registry, admin, tmp_path, residence("f1", "青木　幸子", "1947-03-03",
                                                          "大阪府大阪市北区中之島2丁目2番2号", "2026-11-15"))
    _, changes, problem = registry.fuhyo.notice_plan(admin, notice)
    assert problem == "" and [c["change"] for c in changes] == ["住所"]
    assert [a.address for a in registry.fuhyo.show(admin, aoki).fuhyo.members[1].addresses] == [
        "大阪府大阪市北区梅田1丁目1番1号"]  # nothing recorded before it is confirmed
    registry.fuhyo.apply_notice(admin, notice)
    sachiko = registry.fuhyo.show(admin, aoki).fuhyo.members[1]
    assert [(a.address, a.since.iso) for a in sachiko.addresses][-1] == ("大阪府大阪市北区中之島2丁目2番2号", "2026-11-15")
    assert [r.state for r in registry.notices.inbox(admin) if r.id == notice] == ["処理済"]
    with pytest.raises(ValidationError, match="すでに処理済"):
        registry.fuhyo.apply_notice(admin, notice)


def test_a_kokugai_tenshutsu_notice_records_her_as_moved_abroad(registry: Registry, admin: Staff, aoki: str,
                                                                tmp_path: Path) -> None:
    [notice] = take(registry, admin, tmp_path, residence(
        "f2", "青木　健", "1975-05-05", "大阪府大阪市北区梅田1丁目1番1号", "1985-04-01", event="消除",
        removal={"reason": "国外転出", "date": "2026-12-01", "destination": "フランス"}))
    registry.fuhyo.apply_notice(admin, notice)
    ken = registry.fuhyo.show(admin, aoki).fuhyo.members[2]
    assert ken.abroad and ken.last_address == "大阪府大阪市北区梅田1丁目1番1号"


def test_a_notice_for_nobody_here_can_only_be_rejected(registry: Registry, admin: Staff, aoki: str,
                                                      tmp_path: Path) -> None:
    [notice] = take(registry, admin, tmp_path, residence("f3", "青木　誰", "1990-01-01", "大阪府大阪市1番", "2026-11-01"))
    _, changes, problem = registry.fuhyo.notice_plan(admin, notice)
    assert changes == [] and "記録されていません" in problem
    with pytest.raises(ValidationError, match="記録されていません"):
        registry.fuhyo.apply_notice(admin, notice)
    with pytest.raises(ValidationError, match="fuhyo notice-apply"):
        registry.notices.apply(admin, notice)  # not a 異動 of a resident
    registry.notices.reject(admin, notice, "該当者なし")
    assert [r.state for r in registry.notices.inbox(admin) if r.id == notice] == ["却下"]


def test_the_koseki_side_adds_removes_renames_and_closes(registry: Registry, admin: Staff, aoki: str,
                                                        tmp_path: Path) -> None:
    ids = take(registry, admin, tmp_path,
               koseki("k1", "入籍", "青木　美咲", "1980-08-08", sex="女", address="大阪府大阪市北区梅田1丁目1番1号",
                      address_since="2026-11-20"),
               koseki("k2", "除籍", "青木　健", "1975-05-05", reason="婚姻"),
               koseki("k3", "氏名の変更", "青木　一", "1945-02-02", new_name="青木　一郎"))
    for notice in ids:
        registry.fuhyo.apply_notice(admin, notice)
    fuhyo = registry.fuhyo.show(admin, aoki).fuhyo
    assert [(m.name, m.removed.reason if m.removed else "") for m in fuhyo.members] == [
        ("青木　一郎", ""), ("青木　幸子", ""), ("青木　健", "婚姻"), ("青木　美咲", "")]
    assert fuhyo.head == "青木　一郎"  # the 筆頭者's new name is the 戸籍の表示's
    [death] = take(registry, admin, tmp_path, koseki("k4", "死亡", "青木　幸子", "1947-03-03", "青木　一郎"))
    registry.fuhyo.apply_notice(admin, death)
    [moved] = take(registry, admin, tmp_path, koseki("k5", "転籍", "青木　一郎", "1945-02-02", "青木　一郎",
                                                       new_honseki="さくら県みどり町東町3番地"))
    registry.fuhyo.apply_notice(admin, moved)
    old = registry.fuhyo.show(admin, aoki).fuhyo
    assert old.kind is FuhyoKind.JOFUHYO and old.closure.reason == "転籍"
    [new] = [f for f in registry.fuhyo.search(admin, "東町3番地")]
    moved_here = registry.fuhyo.show(admin, new.id).fuhyo
    assert moved_here.kind is FuhyoKind.FUHYO and moved_here.head == "青木　一郎"
    assert [m.name for m in moved_here.members] == ["青木　一郎", "青木　美咲"]
    assert all(m.addresses[-1].address == "大阪府大阪市北区梅田1丁目1番1号" for m in moved_here.members)


def test_a_bunseki_opens_her_own_fuhyo_when_her_new_honseki_is_here(registry: Registry, admin: Staff, aoki: str,
                                                                    tmp_path: Path) -> None:
    [notice] = take(registry, admin, tmp_path, koseki("k6", "分籍", "青木　健", "1975-05-05", sex="男",
                                                       new_honseki="さくら県みどり町北町8番地"))
    registry.fuhyo.apply_notice(admin, notice)
    assert registry.fuhyo.show(admin, aoki).fuhyo.members[2].removed.reason == "分籍"
    [own] = registry.fuhyo.search(admin, "北町8番地")
    assert (own.head, own.names) == ("青木　健", ("青木　健",))


def test_a_residents_own_move_sends_no_fuhyo_notice_to_her_own_town(registry: Registry, admin: Staff) -> None:
    """法19条1項 notifies the 本籍地's 市町村長: here the town itself, which records it in the same 異動."""
    registry.apply(admin, family())
    assert [n for n, _ in registry.notices.outgoing(admin) if n["kind"] == Outgoing.FUHYO.value] == []
    assert registry.fuhyo.search(admin, "山田　花子")
