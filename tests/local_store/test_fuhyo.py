"""The 戸籍の附票 on a real replica (住民基本台帳法16条〜21条の3): kept up to date by the town's own 異動, found by
本籍, 筆頭者 and any member's name, its 写し issued by the rules of 法20条 through the disclosure check of every
certificate, the 除附票 kept 150 years, and an existing 附票 taken from a file all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.fuhyo import FuhyoItem, FuhyoKind, Relation, request_from
from domain.kofu_rules import KofuIncomplete, KofuRefused, RequesterKind
from domain.protection import JudgmentRequired, OffenderRefused
from domain.roles import Role
from local_store import fuhyo as stored
from local_store.arrivals import Checks
from local_store.documents import Document
from local_store.errors import PermissionDenied
from local_store.kofu import public_key
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import NOTIFIER, Clock, family, person, tennyu
from tests.support.pdf_text import page_texts
from tests.support.protected import ProtectedTown, protected_town

HONSEKI = "さくら県みどり町本町1番地"  # the test families' 本籍: in this town
THIRD = {"requester": RequesterKind.DAISANSHA, "requester_name": "甲野　一郎", "identification": "運転免許証",
         "requester_address": "東京都港区芝公園1丁目1番1号", "reason": "相続人の住所の確認",
         "evidence": "遺産分割協議書の写し"}
KOUYOU = {"requester": RequesterKind.KOUYOU, "requester_name": "さくら県みどり県税事務所",
          "agency_officer": "納税課　主査　丙川　三郎", "identification": "官公署発行の写真付き身分証明書",
          "legal_basis": "地方税法第20条の11", "reason": "県税の滞納処分"}


def the_fuhyo(registry: Registry, admin: Staff, query: str = HONSEKI) -> Any:
    found = registry.fuhyo.search(admin, query)
    assert len(found) == 1
    return registry.fuhyo.show(admin, found[0].id).fuhyo


def ask(registry: Registry, actor: Staff, fuhyo_id: str, judgment: Judgment | None = None, **values: Any) -> Any:
    return registry.fuhyo.issue(actor, request_from({"fuhyo": fuhyo_id, **values}), render, judgment=judgment)


def move(registry: Registry, admin: Staff, targets: list[str], address: str, date: str = "R8.11.26") -> None:
    registry.apply(admin, {"reason": "転居", "idou_date": date, "notifier": NOTIFIER, "targets": targets,
                           "address": {"text": address}})


# --- 法16条・17条: one 附票 per 戸籍 of this town, kept from the town's own 異動 -------------------------------------


def test_a_family_whose_honseki_is_here_gets_its_fuhyo_from_its_own_tennyu(registry: Registry, admin: Staff) -> None:
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    fuhyo = the_fuhyo(registry, admin)
    assert (fuhyo.honseki, fuhyo.head, fuhyo.kind) == (HONSEKI, "山田　太郎", FuhyoKind.FUHYO)
    assert [(m.name, m.atena_no, m.sex.value, m.birth.iso) for m in fuhyo.members] == \
        [(r.name, r.atena_no, r.sex.value, r.birth.iso) for r in rows]
    assert all([(a.address, a.since.iso) for a in m.addresses] == [("さくら県みどり町本町2丁目3番4号", "2026-11-20")]
               for m in fuhyo.members)


def test_a_family_whose_honseki_is_elsewhere_gets_no_fuhyo_here(registry: Registry, admin: Staff) -> None:
    elsewhere = {"place": "東京都千代田区千代田1番", "head": "鈴木　一郎"}
    registry.apply(admin, tennyu(person("鈴木　一郎", "スズキ　イチロウ", "S45.1.1", "男", "世帯主", honseki=elsewhere)))
    assert registry.fuhyo.search(admin, "鈴木") == []


def test_a_move_adds_the_new_address_in_order_and_a_death_removes_the_person(registry: Registry,
                                                                            admin: Staff) -> None:
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    move(registry, admin, [r.atena_no for r in rows], "さくら県みどり町本町3丁目1番1号")
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [rows[3].atena_no]})
    fuhyo = the_fuhyo(registry, admin)
    taro = fuhyo.member(rows[0].atena_no)
    assert [(a.address, a.since.iso) for a in taro.addresses] == [
        ("さくら県みどり町本町2丁目3番4号", "2026-11-20"), ("さくら県みどり町本町3丁目1番1号", "2026-11-26")]
    assert fuhyo.member(rows[3].atena_no).removed.reason == "死亡"
    assert fuhyo.kind is FuhyoKind.FUHYO  # the others are still in it


def test_a_kokugai_tenshutsu_is_recorded_as_such_with_the_last_address_kept(registry: Registry, admin: Staff) -> None:
    """法17条3号・4号: a 国外転出者 as such, with the 転出の予定年月日; the 最終住所 stays."""
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.12.10", "targets": [rows[2].atena_no],
                           "destination": "アメリカ合衆国", "notifier": NOTIFIER})
    ichiro = the_fuhyo(registry, admin).member(rows[2].atena_no)
    assert ichiro.abroad and ichiro.current_address == "国外転出者"
    assert ichiro.last_address == "さくら県みどり町本町2丁目3番4号"
    assert ichiro.addresses[-1].since.iso == "2026-12-10"


# --- finding: by 本籍, 筆頭者 and any member's name ---------------------------------------------------------------------


def test_a_fuhyo_is_found_by_honseki_hittosha_and_any_members_name(registry: Registry, admin: Staff) -> None:
    registry.apply(admin, family())
    ids = {f.id for q in ("本町１番地", "山田太郎", "山田　花子", "ヤマダ") for f in registry.fuhyo.search(admin, q)}
    assert len(ids) == 1
    assert registry.fuhyo.search(admin, "佐藤") == []


# --- 法20条: the 附票の写し -----------------------------------------------------------------------------------------


@pytest.fixture
def yamada(registry: Registry, admin: Staff) -> dict[str, Any]:
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-pw")
    registry.staff.add(admin, "chief", "係長　一", Role.SUPERVISOR, "chief-pw")
    return {"rows": rows, "fuhyo": the_fuhyo(registry, admin), "clerk": registry.sign_in("clerk", "clerk-pw"),
            "chief": registry.sign_in("chief", "chief-pw")}


def honnin(row: Any, relation: str = "本人", **values: Any) -> dict[str, Any]:
    return {"requester": RequesterKind.HONNIN, "requester_atena": row.atena_no, "relation": relation,
            "identification": "運転免許証", **values}


def test_the_copy_leaves_out_honseki_and_code_unless_asked_and_is_signed_numbered_and_counted(
        registry: Registry, yamada: dict[str, Any]) -> None:
    """施行令: 本籍・筆頭者 only on a special request; the 住民票コード only for a 本人等 who asks."""
    taro, clerk, fuhyo = yamada["rows"][0], yamada["clerk"], yamada["fuhyo"]
    plain = ask(registry, clerk, fuhyo.id, **honnin(taro))
    text = "".join(page_texts(plain.pdfs[0]))
    assert "戸籍の附票の写し" in text and "山田花子" in text and "さくら県みどり町本町2丁目3番4号" in text
    assert HONSEKI not in text and "筆頭者" not in text and "住民票コード" not in text
    assert "この写しは、戸籍の附票の原本と相違ないことを証明する。" in text and plain.issue_numbers[0].replace(" ", "") in text
    full = ask(registry, clerk, fuhyo.id, **honnin(taro, include=["本籍・筆頭者", "住民票コード"]))
    text = "".join(page_texts(full.pdfs[0]))
    assert HONSEKI in text and "筆頭者" in text and "住民票コード" in text
    assert full.items == {FuhyoItem.HONSEKI, FuhyoItem.JUMINHYO_CODE}
    entries = [e for e in registry.kofu.history(clerk) if e["request"]["kind"] == "戸籍の附票の写し"]
    assert [(e["disposal"], e["fee"], e["persons"]) for e in entries] == \
        [("交付", 300, [r.atena_no for r in yamada["rows"]])] * 2
    day = registry.daily.report(yamada["chief"], dt.date(2026, 11, 27))
    assert [(t.kind, t.requests, t.fee) for t in day.kofu if t.kind == "戸籍の附票の写し"] == [("戸籍の附票の写し", 2, 600)]


def test_a_copy_of_some_persons_prints_only_them(registry: Registry, yamada: dict[str, Any]) -> None:
    hanako, jiro = yamada["rows"][1], yamada["rows"][3]
    issued = ask(registry, yamada["clerk"], yamada["fuhyo"].id, members=[jiro.atena_no], **honnin(hanako))
    text = "".join(page_texts(issued.pdfs[0]))
    assert "山田次郎" in text and "山田花子" not in text


def test_a_third_party_is_refused_the_juminhyo_code_and_the_refusal_is_recorded(
        registry: Registry, yamada: dict[str, Any]) -> None:
    with pytest.raises(KofuRefused, match="住民票コード"):
        ask(registry, yamada["clerk"], yamada["fuhyo"].id, include=["住民票コード"], **THIRD)
    last = registry.kofu.history(yamada["clerk"])[-1]
    assert (last["request"]["kind"], last["disposal"]) == ("戸籍の附票の写し", "拒否")


@pytest.mark.parametrize(("missing", "message"), [
    ("evidence", "正当な理由"), ("reason", "請求事由"), ("requester_address", "氏名と住所")])
def test_a_third_party_must_state_a_legitimate_reason(registry: Registry, yamada: dict[str, Any], missing: str,
                                                       message: str) -> None:
    """法20条3項: 第三者 with 正当な理由 only; what is missing is put right at the counter, not recorded."""
    before = len(registry.kofu.history(yamada["clerk"]))
    with pytest.raises(KofuIncomplete, match=message):
        ask(registry, yamada["clerk"], yamada["fuhyo"].id, **{**THIRD, missing: ""})
    assert len(registry.kofu.history(yamada["clerk"])) == before


def test_a_public_office_states_its_officer_and_legal_ground_and_pays_nothing(registry: Registry,
                                                                             yamada: dict[str, Any]) -> None:
    """法20条2項."""
    with pytest.raises(KofuIncomplete, match="法令上の根拠"):
        ask(registry, yamada["clerk"], yamada["fuhyo"].id, **{**KOUYOU, "legal_basis": ""})
    issued = ask(registry, yamada["clerk"], yamada["fuhyo"].id, **KOUYOU)
    assert issued.fee == 0 and "公用" in "".join(page_texts(issued.pdfs[0]))


def test_a_honnin_must_be_recorded_in_the_fuhyo_or_its_relative(registry: Registry, admin: Staff,
                                                                yamada: dict[str, Any]) -> None:
    """法20条1項: 本人 is a person of the 附票; a relative states whose 配偶者・直系 they are."""
    other = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主",
                                                honseki={"place": "東京都港区芝1番", "head": "佐藤　一郎"}),
                                         address="さくら県みどり町中町5番地")).idou.rows[0].row
    with pytest.raises(KofuRefused, match="記録されていません"):
        ask(registry, yamada["clerk"], yamada["fuhyo"].id, **honnin(other))
    assert registry.kofu.history(yamada["clerk"])[-1]["disposal"] == "拒否"  # a refusal the law makes: recorded
    with pytest.raises(KofuRefused, match="法20条1項"):
        ask(registry, yamada["clerk"], yamada["fuhyo"].id, **honnin(other, "直系尊属"))
    grand = ask(registry, yamada["clerk"], yamada["fuhyo"].id, **honnin(other, "直系尊属",
                                                                        of=yamada["rows"][2].atena_no))
    assert grand.request.requester.name == "佐藤　一郎" and grand.request.relation is Relation.ASCENDANT


# --- the disclosure check: a 支援措置 covers the 附票 ------------------------------------------------------------------


@pytest.fixture
def protected(registry: Registry, admin: Staff) -> ProtectedTown:
    return protected_town(registry, admin)


def test_the_offender_is_refused_the_protected_persons_fuhyo(registry: Registry, admin: Staff,
                                                           protected: ProtectedTown) -> None:
    """The same check as every certificate: a named 加害者 is refused whatever a 係長 says, and it is recorded."""
    fuhyo = registry.fuhyo.of_person(admin, protected.hanako.atena_no)[0][0]
    clerk = registry.sign_in("clerk", "clerk-pw")
    judgment = Judgment(registry.sign_in("chief", "chief-pw"), "確認済み")
    with pytest.raises(OffenderRefused):
        ask(registry, clerk, fuhyo.id, judgment, **honnin(protected.taro, "配偶者", of=protected.hanako.atena_no))
    with pytest.raises(OffenderRefused):
        ask(registry, clerk, fuhyo.id, judgment, **{**THIRD, "requester_name": "乙川　太郎"})
    refused = registry.kofu.history(clerk)[-2:]
    assert [(e["disposal"], bool(e["protection"]["measures"])) for e in refused] == [("拒否", True)] * 2


def test_anyone_else_waits_for_a_supervisors_judgment(registry: Registry, admin: Staff,
                                                     protected: ProtectedTown) -> None:
    fuhyo = registry.fuhyo.of_person(admin, protected.hanako.atena_no)[0][0]
    clerk = registry.sign_in("clerk", "clerk-pw")
    with pytest.raises(JudgmentRequired):
        ask(registry, clerk, fuhyo.id, **THIRD)
    issued = ask(registry, clerk, fuhyo.id, Judgment(registry.sign_in("chief", "chief-pw"), "債権回収の疎明あり"),
                 **THIRD)
    assert issued.issue_numbers
    assert registry.kofu.history(clerk)[-1]["judgment"]["judge"] == "chief"


def test_a_copy_without_the_protected_persons_needs_no_judgment(registry: Registry, admin: Staff,
                                                               protected: ProtectedTown) -> None:
    fuhyo = registry.fuhyo.of_person(admin, protected.sato.atena_no)[0][0]
    issued = ask(registry, registry.sign_in("clerk", "clerk-pw"), fuhyo.id, members=[protected.sato.atena_no],
                 **THIRD)
    assert "乙川" not in "".join(page_texts(issued.pdfs[0]))


def test_a_file_needs_a_supervisor(registry: Registry, yamada: dict[str, Any]) -> None:
    request = request_from({"fuhyo": yamada["fuhyo"].id, **honnin(yamada["rows"][0])})
    with pytest.raises(PermissionDenied):
        registry.fuhyo.issue(yamada["clerk"], request, render, export=True)
    assert registry.fuhyo.issue(yamada["chief"], request, render, export=True).pdfs


# --- 除附票 (法21条〜21条の3, 施行令34条) --------------------------------------------------------------------------------


def test_a_fuhyo_whose_every_person_left_is_a_jofuhyo_kept_150_years(registry: Registry, admin: Staff,
                                                                      clock: Clock) -> None:
    row = registry.apply(admin, tennyu(person("一人　静", "ヒトリ　シズカ", "S30.1.1", "女", "世帯主",
                                              honseki={"place": "さくら県みどり町東町9番地", "head": "一人　静"}),
                                       address="さくら県みどり町東町9番地")).idou.rows[0].row
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [row.atena_no]})
    fuhyo = the_fuhyo(registry, admin, "一人")
    assert fuhyo.kind is FuhyoKind.JOFUHYO
    office = {"fuhyo": fuhyo.id, **KOUYOU}
    with pytest.raises(KofuIncomplete, match="除附票の写しを請求"):
        registry.fuhyo.issue(admin, request_from(office), render)
    copy = registry.fuhyo.issue(admin, request_from({**office, "kind": FuhyoKind.JOFUHYO}), render)
    assert "この写しは、除附票の原本と相違ないことを証明する。" in "".join(page_texts(copy.pdfs[0]))
    clock.now = clock.now.replace(year=2177)
    with pytest.raises(KofuRefused, match="150年"):
        registry.fuhyo.issue(admin, request_from({**office, "kind": FuhyoKind.JOFUHYO}), render)


# --- an existing 附票 from a file ----------------------------------------------------------------------------------

HEADER = "本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
GOOD = HEADER + (
    "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
    "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,京都府京都市左京区1番地,H10.4.1,,,,\n"
    "さくら県みどり町西町1番地,青木　一,青木　幸子,S22.3.3,女,京都府京都市左京区1番地,H10.4.1,,,,\n"
    "さくら県みどり町西町1番地,青木　一,青木　健,S50.5.5,男,,R2.4.1,1,,,\n"
    "さくら県みどり町南町2番地,木下　二郎,木下　二郎,S10.1.1,男,福岡県福岡市中央区天神1番,S50.1.1,,死亡,H30.3.3,\n")


def test_an_existing_fuhyo_file_is_taken_whole(registry: Registry, admin: Staff, tmp_path: Path) -> None:
    path = tmp_path / "fuhyo.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert registry.fuhyo.import_file(admin, path) == 2
    aoki = the_fuhyo(registry, admin, "青木　幸子")
    assert [m.name for m in aoki.members] == ["青木　一", "青木　幸子", "青木　健"]
    assert [a.address for a in aoki.members[0].addresses] == ["大阪府大阪市北区梅田1丁目1番1号", "京都府京都市左京区1番地"]
    assert aoki.members[2].abroad
    assert the_fuhyo(registry, admin, "木下").kind is FuhyoKind.JOFUHYO


def test_a_bad_file_changes_nothing_and_names_every_bad_line(registry: Registry, admin: Staff,
                                                             tmp_path: Path) -> None:
    bad = GOOD.replace("S22.3.3,女", "S22.13.3,女").replace("S10.1.1,男", "S10.1.1,不明")
    path = tmp_path / "fuhyo.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        registry.fuhyo.import_file(admin, path)
    assert "4行目: 生年月日" in raised.value.message and "6行目: 性別" in raised.value.message
    assert registry.fuhyo.search(admin, "青木") == []
    path.write_text(GOOD, encoding="utf-8")
    registry.fuhyo.import_file(admin, path)
    with pytest.raises(ValidationError, match="2行目: 本籍 さくら県みどり町西町1番地・筆頭者 青木　一 の附票はすでにあります"):
        registry.fuhyo.import_file(admin, path)


def test_the_import_needs_a_supervisor(registry: Registry, yamada: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "fuhyo.csv"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(PermissionDenied):
        registry.fuhyo.import_file(yamada["clerk"], path)


# --- arrivals ----------------------------------------------------------------------------------------------------


def test_a_fuhyo_document_that_arrives_is_checked_like_a_local_one(registry: Registry, admin: Staff,
                                                                   yamada: dict[str, Any]) -> None:
    conn = registry.store.conn
    checks = Checks(conn, public_key(conn), dt.date(2026, 11, 27))
    good = {"at": "2026-11-27T10:00:00.000+09:00", "by": "admin", "terminal": "本庁2", "source": "職権",
            "changes": [{"change": "消除", "fuhyo": yamada["fuhyo"].id, "member": "x", "reason": "婚姻",
                         "date": "2026-11-27"}]}
    assert checks.problem(Document("d1", "1-a", stored.FUHYO, good)) is None
    assert "who may not" in checks.problem(Document("d2", "1-a", stored.FUHYO, {**good, "by": "nobody"}))
    assert checks.problem(Document("d3", "1-a", stored.FUHYO, {**good, "changes": [{"change": "消去"}]}))
    imported = {**good, "source": "移行 fuhyo.csv", "by": "clerk"}
    assert "who may not" in checks.problem(Document("d4", "1-a", stored.FUHYO, imported))


def test_a_change_is_applied_to_the_folded_fuhyo_without_reading_its_older_documents(
        registry: Registry, admin: Staff, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many 処理 a 附票 has had, the next one costs the same: only one made earlier (arrived late) folds it
    again from all of its documents."""
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]

    def every_document(*_: object) -> None:
        raise AssertionError("the 附票 was folded again from all of its documents")

    monkeypatch.setattr(stored, "_bodies", every_document)
    move(registry, admin, [r.atena_no for r in rows], "さくら県みどり町本町3丁目1番1号")
    taro = the_fuhyo(registry, admin).member(rows[0].atena_no)
    assert [a.address for a in taro.addresses][-1] == "さくら県みどり町本町3丁目1番1号"
