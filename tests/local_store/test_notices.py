"""Notices: the outbox the 異動 owe (転入通知, 附票記載事項通知, 本人確認情報, 選挙管理委員会への通知, 法務大臣への通知),
its export in the documented format and the 送付済 mark that replicates; the inbox of incoming notices, each recorded
only when staff apply it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain import notices as rules
from domain.errors import ValidationError
from domain.roles import Role
from local_store.audit import Filter
from local_store.context import Municipality
from local_store.errors import PermissionDenied, StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from sync import bundle
from tests.support.builders import ADMIN, NOTIFIER, Clock, family, person, tennyu
from tests.support.notices import birth, death, notice_file, write
from tests.support.protected import protected_town

OUTGOING_FIELDS = {"id", "kind", "law", "sender", "addressee", "atena_no", "idou", "person"}
PERSON_FIELDS = {
    "転入通知": {"name", "name_kana", "birth", "sex", "juminhyo_code", "address", "moved_in", "previous_address"},
    "附票記載事項通知": {"event", "honseki", "honseki_head", "name", "birth", "address", "address_since", "removal"},
    "本人確認情報": {"event", "changed", "name", "name_kana", "birth", "sex", "address", "juminhyo_code", "mynumber",
                "removal"},
    "選挙管理委員会への通知": {"event", "changed", "name", "name_kana", "birth", "sex", "address", "resident_since",
                      "removal"},
    "法務大臣への通知": {"event", "changed", "name", "birth", "sex", "address", "foreign", "removal"},
}
HONSEKI_ELSEWHERE = {"place": "東京都千代田区千代田1番地", "head": "山田　太郎"}


def family_from_elsewhere() -> dict[str, Any]:
    """family() with its 本籍 in another town, which a 附票記載事項通知 goes to."""
    request = family()
    for member in request["persons"]:
        member["honseki"] = dict(HONSEKI_ELSEWHERE)
    return request


def foreigner() -> dict[str, Any]:
    """A 中長期在留者 moving in from abroad."""
    return tennyu(person("スミス　ジョン", "スミス　ジョン", "1990-01-01", "男", "世帯主", honseki=None, kind="外国人",
                         first_record=True,
                         foreign={"alphabet_name": "SMITH JOHN", "nationality": "米国", "category": "中長期在留者",
                                  "became_resident": "2026-11-20", "residence_status": "技術・人文知識・国際業務",
                                  "period": "5年", "period_expiry": "2031-11-20", "card_number": "AB12345678CD"}),
                  reason="国外転入等", previous_address="アメリカ合衆国", address="さくら県みどり町本町9番")


def kinds(found: list[tuple[dict[str, Any], Any]]) -> list[tuple[str, str]]:
    return sorted((n["kind"], n["person"]["name"]) for n, _ in found)


def new_since(registry: Registry, actor: Staff, before: int) -> list[dict[str, Any]]:
    return [n for n, _ in registry.notices.outgoing(actor, pending=False)][before:]


def test_each_kind_follows_the_right_idou(registry: Registry, admin: Staff) -> None:
    moved_in = registry.apply(admin, family_from_elsewhere())
    first = registry.notices.outgoing(admin)
    names = ["山田　一郎", "山田　太郎", "山田　次郎", "山田　花子"]
    adults = ["山田　一郎", "山田　太郎", "山田　花子"]  # 次郎 is 16
    assert kinds(first) == sorted([(k, n) for k in ("転入通知", "附票記載事項通知", "本人確認情報") for n in names]
                                  + [("選挙管理委員会への通知", n) for n in adults])
    tennyu_notice = next(n for n, _ in first if n["kind"] == "転入通知" and n["person"]["name"] == "山田　太郎")
    assert tennyu_notice["addressee"] == "東京都千代田区"
    assert tennyu_notice["id"] == f"{moved_in.doc_id}-tennyu-{tennyu_notice['atena_no']}"
    assert tennyu_notice["person"]["moved_in"] == "2026-11-20"
    assert tennyu_notice["person"]["previous_address"] == "東京都千代田区千代田1番1号"
    fuhyo = next(n for n, _ in first if n["kind"] == "附票記載事項通知")
    assert fuhyo["addressee"] == "東京都千代田区" and fuhyo["person"]["event"] == "記載"
    assert next(n for n, _ in first if n["kind"] == "本人確認情報")["addressee"].startswith("さくら県")
    taro, hanako, ichiro, jiro = (registry.summaries(registry.search(admin, q).ids)[0].atena_no
                                  for q in ("ヤマダ タロウ", "ヤマダ ハナコ", "ヤマダ イチロウ", "ヤマダ ジロウ"))
    count = len(registry.notices.outgoing(admin, pending=False))

    # 世帯主変更 changes only 続柄: nothing is owed.
    registry.apply(admin, {"reason": "世帯主変更", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [hanako],
                           "relationships": {taro: "夫", ichiro: "子", jiro: "子"}})
    assert new_since(registry, admin, count) == []
    # A 転居 owes 附票, 本人確認情報 and, for the adults, the 選挙管理委員会 (住所), not a 転入通知.
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                           "targets": [taro, hanako, ichiro, jiro], "address": {"text": "さくら県みどり町緑が丘1番1号"}})
    moved = new_since(registry, admin, count)
    assert sorted(n["kind"] for n in moved) == sorted(["本人確認情報"] * 4 + ["附票記載事項通知"] * 4
                                                      + ["選挙管理委員会への通知"] * 3)
    assert {tuple(n["person"]["changed"]) for n in moved if n["kind"] == "本人確認情報"} == {("住所",)}
    count += len(moved)
    # A change of 氏名 from the 戸籍 side: 本人確認情報 and the 選挙管理委員会; a 備考 owes nothing.
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"name": "佐藤　花子"}}})
    renamed = new_since(registry, admin, count)
    assert [(n["kind"], n["person"]["changed"]) for n in renamed] == [("本人確認情報", ["氏名"]),
                                                                       ("選挙管理委員会への通知", ["氏名"])]
    count += 2
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "備考"}}})
    assert new_since(registry, admin, count) == []
    # 死亡 of a minor: a 消除, owed to both but the 選挙管理委員会; its 取消し owes them again with the restored values.
    died = registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.27", "targets": [jiro]})
    removed = new_since(registry, admin, count)
    assert sorted((n["kind"], n["person"]["event"]) for n in removed) == [("本人確認情報", "消除"), ("附票記載事項通知", "消除")]
    assert all(n["person"]["removal"]["reason"] == "死亡" for n in removed)
    count += 2
    registry.apply(admin, {"reason": "異動の取消し", "cancels": died.doc_id})
    restored = new_since(registry, admin, count)
    assert sorted((n["kind"], n["person"]["event"], n["person"]["removal"]) for n in restored) == [
        ("本人確認情報", "記載", None), ("附票記載事項通知", "記載", None)]
    assert {n["idou"]["reason"] for n in restored} == {"異動の取消し"}
    count += 2
    # A foreign resident has no 本籍 and no vote: 本人確認情報 and the 法務大臣 (and no 転入通知 from abroad).
    registry.apply(admin, foreigner())
    assert [n["kind"] for n in new_since(registry, admin, count)] == ["本人確認情報", "法務大臣への通知"]


@pytest.mark.parametrize(("address", "town"), [
    ("東京都千代田区千代田1番1号", "東京都千代田区"),
    ("東京都八王子市元本郷町3丁目24番1号", "東京都八王子市"),
    ("神奈川県横浜市中区港町1丁目1番地", "神奈川県横浜市中区"),
    ("新潟県十日町市千歳町3丁目3番地", "新潟県十日町市"),
    ("三重県四日市市諏訪町1番5号", "三重県四日市市"),
    ("長野県北佐久郡軽井沢町大字長倉2381番地1", "長野県北佐久郡軽井沢町"),
    ("さくら県みどり町本町1番地", "さくら県みどり町"),
    ("アメリカ合衆国", "アメリカ合衆国"),
    # A 町 or 村 inside a town's name, a 郡 left out or inside a name: read from the list of towns.
    ("東京都東村山市本町1丁目2番地", "東京都東村山市"),
    ("東京都武蔵村山市本町1丁目1番地1", "東京都武蔵村山市"),
    ("群馬県玉村町大字下新田201番地", "群馬県玉村町"),
    ("群馬県佐波郡玉村町大字下新田201番地", "群馬県佐波郡玉村町"),
    ("佐賀県大町町大字大町5017番地", "佐賀県大町町"),
    ("富山県上市町法音寺1番地", "富山県上市町"),
    ("岐阜県郡上市八幡町島谷520番地1", "岐阜県郡上市"),
    ("福島県郡山市朝日1丁目23番7号", "福島県郡山市"),
    ("東村山市本町1丁目2番地", "東村山市"),
])
def test_the_town_is_read_from_the_address(address: str, town: str) -> None:
    assert rules.town_of(address) == town


def test_the_export_file_has_every_documented_field_and_marks_the_notices_sent(
        registry: Registry, admin: Staff, tmp_path: Path) -> None:
    registry.apply(admin, family_from_elsewhere())
    registry.apply(admin, foreigner())
    out = tmp_path / "notices.json"
    written = registry.notices.export(admin, out)
    assert written.count == 17  # 4 転入通知, 4 附票, 5 本人確認情報, 3 選挙管理委員会, 1 法務大臣
    content = json.loads(out.read_text(encoding="utf-8"))
    assert {k: content[k] for k in ("format", "version", "sender", "sender_code", "count")} == {
        "format": "madoguchi-notices", "version": 1, "sender": "さくら県みどり町", "sender_code": "131016", "count": 17}
    assert content["created_at"].startswith("2026-11-27T10:")
    with pytest.raises(StoreError, match="すでにあります"):  # a file not carried out yet is never overwritten
        registry.notices.export(admin, out)
    assert json.loads(out.read_text(encoding="utf-8")) == content
    assert {n["kind"] for n in content["notices"]} == set(PERSON_FIELDS)
    for notice in content["notices"]:
        assert set(notice) == OUTGOING_FIELDS
        assert set(notice["person"]) == PERSON_FIELDS[notice["kind"]]
        assert set(notice["idou"]) == {"doc_id", "reason", "idou_date", "processed_at"}
        assert notice["law"] == rules.LAWS[rules.Outgoing(notice["kind"])] and notice["sender"] == "さくら県みどり町"
    # Sent: the outbox is empty, a second export writes a file with none, and the list says who sent them.
    assert registry.notices.outgoing(admin) == []
    again = registry.notices.export(admin, tmp_path / "again.json")
    assert again.count == 0 and json.loads((tmp_path / "again.json").read_text())["notices"] == []
    sent = registry.notices.outgoing(admin, pending=False)
    assert len(sent) == 17 and all(s is not None and s.by == "admin" and s.file == "notices.json" for _, s in sent)
    registry.audit.flush()
    carried = [e for e in registry.audit.entries(admin, Filter()) if e.action == "持出し"]
    assert [e.target for e in carried] == ["notices.json", "again.json"]
    assert carried[0].detail == "17件　通知（すべての種別）　承認 admin"


def test_an_export_needs_an_administrator_and_the_kind_filter_holds(registry: Registry, admin: Staff,
                                                                  tmp_path: Path) -> None:
    registry.apply(admin, family())
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    with pytest.raises(PermissionDenied):
        registry.notices.export(clerk, tmp_path / "refused.json")
    assert not (tmp_path / "refused.json").exists() and len(registry.notices.outgoing(clerk)) == 11
    written = registry.notices.export(clerk, tmp_path / "tennyu.json", rules.Outgoing.TENNYU, approver=admin)
    assert written.count == 4
    assert {n["kind"] for n in json.loads((tmp_path / "tennyu.json").read_text())["notices"]} == {"転入通知"}
    assert sorted({n["kind"] for n, _ in registry.notices.outgoing(clerk)}) == ["本人確認情報", "選挙管理委員会への通知"]


def test_the_sent_mark_reaches_the_other_terminal(tmp_path: Path) -> None:
    a = Registry.create(tmp_path / "a", Municipality("みどり町", "さくら県", "131016", "町長 一郎"), "本庁1", ADMIN,
                        clock=Clock())
    admin_a = a.sign_in(ADMIN[0], ADMIN[2])
    a.apply(admin_a, family())
    b = Registry.join(tmp_path / "b", a.keys.enrollment(admin_a, "支所1"), clock=Clock())
    try:
        first = bundle.export_bundle(a, admin_a, tmp_path / "first.bundle", "支所1")
        bundle.import_bundle(b, Staff(ADMIN[0], ADMIN[1], Role.ADMIN), first.path)
        admin_b = b.sign_in(ADMIN[0], ADMIN[2])
        assert [n["id"] for n, _ in b.notices.outgoing(admin_b)] == [n["id"] for n, _ in a.notices.outgoing(admin_a)]
        a.notices.export(admin_a, tmp_path / "notices.json")
        second = bundle.export_bundle(a, admin_a, tmp_path / "second.bundle", "支所1")
        assert bundle.import_bundle(b, admin_b, second.path).result.quarantined == 0
        assert b.notices.outgoing(admin_b) == []
        assert {s.by for _, s in b.notices.outgoing(admin_b, pending=False) if s} == {"admin"}
    finally:
        a.close()
        b.close()


def test_a_bad_file_is_refused_whole_naming_the_notice(registry: Registry, admin: Staff, tmp_path: Path) -> None:
    registry.apply(admin, family())
    broken = death()
    del broken["person"]["died_on"]
    with pytest.raises(ValidationError) as raised:
        registry.notices.import_file(admin, write(tmp_path / "bad.json", notice_file(birth(), broken)))
    assert raised.value.item == "通知 2件目（ID d-ヤマダ　ハナコ）" and "died_on" in raised.value.message
    wrong_date = birth()
    wrong_date["person"]["birth"] = "2026-13-01"
    with pytest.raises(ValidationError, match="生年月日"):
        registry.notices.import_file(admin, write(tmp_path / "date.json", notice_file(wrong_date)))
    with pytest.raises(ValidationError, match="format"):
        registry.notices.import_file(admin, write(tmp_path / "other.json", {"notices": [birth()]}))
    (tmp_path / "not-json.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError, match="JSON"):
        registry.notices.import_file(admin, tmp_path / "not-json.json")
    assert registry.notices.inbox(admin) == []


def test_a_received_birth_is_recorded_only_when_applied_and_a_rejected_notice_never(
        registry: Registry, admin: Staff, tmp_path: Path) -> None:
    registry.apply(admin, family())
    path = write(tmp_path / "koseki.json", notice_file(birth(), death()))
    assert registry.notices.import_file(admin, path).taken == 2
    assert registry.notices.import_file(admin, path).already == 2  # the same file again takes nothing
    assert registry.residents.counts()["residents"] == 4
    born, died = registry.notices.inbox(admin)
    assert (born.state, died.state) == ("受付", "受付")

    proposal = registry.notices.proposal(admin, born.id[:8])
    assert proposal.problem == "" and proposal.idou is not None
    taro = registry.summaries(registry.search(admin, "ヤマダ タロウ").ids)[0].atena_no
    assert proposal.request == {
        "reason": "出生", "idou_date": "2026-11-10", "household": registry.person(admin, taro).current.setai_no,
        "persons": [{"name": "山田　三郎", "name_kana": "ヤマダ　サブロウ", "sex": "男", "relationship": "子",
                     "honseki": {"place": "さくら県みどり町本町1番地", "head": "山田　太郎"}}],
        "note": "さくら県みどり町からの出生の通知"}
    assert registry.residents.counts()["residents"] == 4  # shown and checked, not recorded

    applied = registry.notices.apply(admin, born.id)
    assert registry.residents.counts()["residents"] == 5
    assert [c.row.name for c in applied.idou.rows] == ["山田　三郎"]
    assert registry.notices.inbox(admin)[0].state == "処理済" and registry.notices.inbox(admin)[0].idou_doc == applied.doc_id
    with pytest.raises(ValidationError, match="処理済"):
        registry.notices.apply(admin, born.id)

    registry.notices.reject(admin, died.id, "戸籍の確認中")
    hanako = registry.summaries(registry.search(admin, "ヤマダ ハナコ").ids)[0]
    assert registry.person(admin, hanako.atena_no).current.is_resident
    with pytest.raises(ValidationError, match="却下"):
        registry.notices.apply(admin, died.id)
    state = registry.notices.inbox(admin)[1]
    assert (state.state, state.reason, state.decided_by) == ("却下", "戸籍の確認中", "admin")
    assert registry.residents.counts()["residents"] == 5


def test_a_notice_nobody_fits_can_only_be_rejected(registry: Registry, admin: Staff, tmp_path: Path) -> None:
    registry.apply(admin, family())
    registry.notices.import_file(admin, write(tmp_path / "n.json", notice_file(death("鈴木　一", "スズキ　ハジメ"))))
    (item,) = registry.notices.inbox(admin)
    proposal = registry.notices.proposal(admin, item.id)
    assert proposal.request is None and "一致する人がいません" in proposal.problem
    with pytest.raises(ValidationError, match="却下しかできません"):
        registry.notices.apply(admin, item.id)
    registry.notices.reject(admin, item.id, "該当者なし")
    assert registry.notices.inbox(admin)[0].state == "却下"


def test_a_tennyu_notice_from_the_new_town_fixes_the_move_out(registry: Registry, admin: Staff,
                                                             tmp_path: Path) -> None:
    registry.apply(admin, family())
    taro = registry.summaries(registry.search(admin, "ヤマダ タロウ").ids)[0].atena_no
    registry.apply(admin, {"reason": "世帯分離", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [taro],
                           "relationships": {taro: "世帯主"}})
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notifier": NOTIFIER, "targets": [taro],
                           "destination": "東京都港区芝公園4丁目2番8号"})
    incoming = {"id": "t1", "kind": "転入通知", "sender": "東京都港区",
                "person": {"name": "山田　太郎", "name_kana": "ヤマダ　タロウ", "birth": "1975-01-01", "sex": "男",
                           "address": "東京都港区芝公園4丁目2番8号　101号", "moved_in": "2026-11-25",
                           "previous_address": "さくら県みどり町本町2丁目3番4号"}}
    registry.notices.import_file(admin, write(tmp_path / "t.json", notice_file(incoming)))
    (item,) = registry.notices.inbox(admin)
    proposal = registry.notices.proposal(admin, item.id)
    assert proposal.request == {"reason": "職権修正", "idou_date": "2026-11-27",
                                "set": {taro: {"moved_in": {"date": "2026-11-25",
                                                            "address": "東京都港区芝公園4丁目2番8号　101号"}}},
                                "note": "東京都港区からの転入通知"}
    assert proposal.problem == ""
    registry.notices.apply(admin, item.id)
    removal = registry.person(admin, taro).current.removal
    assert removal is not None and removal.date.iso == "2026-11-25" and removal.destination.endswith("101号")


def test_one_towns_exported_tennyu_notice_is_the_former_towns_import(registry: Registry, admin: Staff,
                                                                    tmp_path: Path) -> None:
    registry.apply(admin, family())
    taro = registry.summaries(registry.search(admin, "ヤマダ タロウ").ids)[0].atena_no
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notifier": NOTIFIER,
                           "targets": [taro], "destination": "東京都港区芝公園4丁目2番8号"})
    minato = Registry.create(tmp_path / "minato", Municipality("港区", "東京都", "131032", "区長 一郎"), "本庁1",
                             ADMIN, clock=Clock())
    try:
        minato_admin = minato.sign_in(ADMIN[0], ADMIN[2])
        minato.apply(minato_admin, tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
                                          address="東京都港区芝公園4丁目2番8号", date="R8.11.25",
                                          previous_address="さくら県みどり町本町2丁目3番4号"))
        out = tmp_path / "minato.json"
        minato.notices.export(minato_admin, out, rules.Outgoing.TENNYU)
    finally:
        minato.close()
    registry.notices.import_file(admin, out)
    (item,) = registry.notices.inbox(admin)
    assert registry.notices.proposal(admin, item.id).problem == ""
    registry.notices.apply(admin, item.id)
    removal = registry.person(admin, taro).current.removal
    assert removal is not None and (removal.date.iso, removal.destination) == ("2026-11-25", "東京都港区芝公園4丁目2番8号")



def of_kind(registry: Registry, actor: Staff, kind: rules.Outgoing, since: int = 0) -> list[tuple[str, str, list[str]]]:
    """The notices of one kind owed from the `since`-th on, as (氏名, event, changed items), sorted."""
    found = [n for n, _ in registry.notices.outgoing(actor, kind, pending=False)][since:]
    return sorted((n["person"]["name"], n["person"]["event"], n["person"].get("changed", [])) for n in found)


def test_the_election_board_hears_of_each_voter_recorded_removed_or_changed(registry: Registry, admin: Staff) -> None:
    """住民基本台帳法第15条第2項: a 記載, 消除 or change of 氏名, 生年月日, 性別 or 住所 of a 日本人 of voting age (公職選挙法
    第9条第1項: 年齢満18年以上) is told to the town's 選挙管理委員会. (The issue's 法10条 is the 委員会's notice to the town.)"""
    senkyo = rules.Outgoing.SENKYO
    registry.apply(admin, family())
    everything = ["氏名", "生年月日", "性別", "住所", "住民種別", "住民状態"]
    assert of_kind(registry, admin, senkyo) == [(n, "記載", everything) for n in ("山田　一郎", "山田　太郎", "山田　花子")]
    (taro_notice,) = [n for n, _ in registry.notices.outgoing(admin, senkyo) if n["person"]["name"] == "山田　太郎"]
    assert (taro_notice["addressee"], taro_notice["law"]) == ("さくら県みどり町選挙管理委員会", "住民基本台帳法第15条第2項")
    assert taro_notice["person"]["birth"] == "1975-01-01" and taro_notice["person"]["resident_since"] == "2026-11-20"
    taro, hanako, ichiro, jiro = (registry.summaries(registry.search(admin, q).ids)[0].atena_no
                                  for q in ("ヤマダ タロウ", "ヤマダ ハナコ", "ヤマダ イチロウ", "ヤマダ ジロウ"))
    # 続柄 is not on the 選挙人名簿; 次郎 (16) is on no register, whatever happens to him.
    registry.apply(admin, {"reason": "世帯主変更", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [hanako],
                           "relationships": {taro: "夫", ichiro: "子", jiro: "子"}})
    assert of_kind(registry, admin, senkyo, 3) == []
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                           "targets": [taro, hanako, ichiro, jiro], "address": {"text": "さくら県みどり町緑が丘1番1号"}})
    assert of_kind(registry, admin, senkyo, 3) == [(n, "修正", ["住所"]) for n in ("山田　一郎", "山田　太郎", "山田　花子")]
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {taro: {"remarks": "備考"}}})
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.27", "targets": [jiro]})
    assert of_kind(registry, admin, senkyo, 6) == []
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.27", "targets": [taro]})
    assert of_kind(registry, admin, senkyo, 6) == [("山田　太郎", "消除", ["住民状態", "消除の記載事項"])]
    (died,) = [n for n, _ in registry.notices.outgoing(admin, senkyo)][-1:]
    assert died["person"]["removal"]["reason"] == "死亡"


def test_the_minister_of_justice_hears_of_each_foreign_resident_recorded_removed_or_changed(
        registry: Registry, admin: Staff) -> None:
    """出入国管理及び難民認定法第61条の8の2: a 記載, 消除 or change of a 外国人住民's 住民票 (but for the household's and
    the insurance items) is told to the 法務大臣. (The issue's 住基法30条の50 is the 法務大臣's notice to the town.)"""
    nyukan = rules.Outgoing.NYUKAN
    registry.apply(admin, family())
    assert of_kind(registry, admin, nyukan) == []  # 日本人 only: nothing for the 法務大臣
    john = registry.apply(admin, foreigner()).idou.rows[0].row
    (recorded,) = [n for n, _ in registry.notices.outgoing(admin, nyukan)]
    assert (recorded["addressee"], recorded["law"]) == ("法務大臣（出入国在留管理庁）", "出入国管理及び難民認定法第61条の8の2")
    assert recorded["person"]["event"] == "記載" and recorded["person"]["foreign"]["card_number"] == "AB12345678CD"
    assert {"在留資格", "在留期間", "在留カード等の番号", "国籍・地域"} <= set(recorded["person"]["changed"])
    assert not [n for n, _ in registry.notices.outgoing(admin, rules.Outgoing.SENKYO) if n["atena_no"] == john.atena_no]
    renewed = dict(recorded["person"]["foreign"], period="3年", period_expiry="2029-11-20")
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {john.atena_no: {"foreign": renewed}}})
    assert of_kind(registry, admin, nyukan, 1) == [("スミス　ジョン", "修正", ["在留期間", "在留期間の満了の日"])]
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {john.atena_no: {"remarks": "備考"}}})
    assert of_kind(registry, admin, nyukan, 2) == []
    registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.11.27", "notifier": NOTIFIER,
                           "targets": [john.atena_no], "destination": "アメリカ合衆国"})
    assert of_kind(registry, admin, nyukan, 2) == [("スミス　ジョン", "消除", ["住民状態", "消除の記載事項"])]


@pytest.mark.parametrize("place", ["さくら県みどり町本町1番地", "みどり町本町1番地"])
def test_no_fuhyo_notice_is_owed_to_the_town_itself(registry: Registry, admin: Staff, place: str) -> None:
    """住民基本台帳法第19条第1項 notifies the 本籍地's 市町村長: where the 本籍 lies in this town (with its prefecture
    written or not), its own 戸籍の附票 is updated instead and nothing is owed; a 本籍 elsewhere still gets it."""
    fuhyo = rules.Outgoing.FUHYO
    here = family()
    for member in here["persons"]:
        member["honseki"] = {"place": place, "head": "山田　太郎"}
    household = [c.row.atena_no for c in registry.apply(admin, here).idou.rows]
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": household,
                           "address": {"text": "さくら県みどり町緑が丘1番1号"}})
    assert registry.notices.outgoing(admin, fuhyo, pending=False) == []
    elsewhere = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.6.6", "男", "世帯主",
                                                    honseki=dict(HONSEKI_ELSEWHERE)), address="さくら県みどり町中町1番"))
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                           "targets": [elsewhere.idou.rows[0].row.atena_no], "address": {"text": "さくら県みどり町中町2番"}})
    owed = [n for n, _ in registry.notices.outgoing(admin, fuhyo)]
    assert [(n["person"]["name"], n["person"]["event"], n["addressee"]) for n in owed] == [
        ("鈴木　一", "記載", "東京都千代田区"), ("鈴木　一", "修正", "東京都千代田区")]


def test_the_new_notices_about_a_protected_person_are_hidden_from_the_counter_and_go_to_the_offices(
        registry: Registry, admin: Staff, tmp_path: Path) -> None:
    """支援措置 (local_store/disclosure.py): the counter's list leaves her 選挙管理委員会への通知 out, a 係長's shows it,
    and the export carries it to the 選挙管理委員会, since the law owes it."""
    town = protected_town(registry, admin)
    chief, clerk = registry.sign_in("chief", "chief-pw"), registry.sign_in("clerk", "clerk-pw")
    registry.apply(chief, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": list(town.theirs),
                           "address": {"text": "さくら県みどり町本町9丁目2番2号"}})
    senkyo = rules.Outgoing.SENKYO
    assert town.hanako.atena_no not in {n["atena_no"] for n, _ in registry.notices.outgoing(clerk, senkyo)}
    moved = [n for n, _ in registry.notices.outgoing(chief, senkyo) if n["atena_no"] == town.hanako.atena_no]
    assert [n["person"]["event"] for n in moved] == ["記載", "修正"]
    registry.notices.export(admin, tmp_path / "senkyo.json", senkyo)
    carried = json.loads((tmp_path / "senkyo.json").read_text(encoding="utf-8"))["notices"]
    assert "さくら県みどり町本町9丁目2番2号" in {n["person"]["address"] for n in carried}
