"""Who may receive a certificate (住民基本台帳法12条–12条の3), through the facade on a real replica: 本人等 checked
against the registry rather than declared; what 第三者 and 公用 requests must state, kept in the 交付履歴; one
household on a 世帯連記式; a judgment by two people; a replica that has not synced for long is careful."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, Item, KofuRefused, RequesterKind, request_from
from domain.protection import JudgmentRequired, Offender, Process
from domain.roles import Role
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import Clock, family, person, tennyu
from tests.support.pdf_text import page_texts


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """The 山田 household of four, and 鈴木 alone at another address; a 係長 and two more staff."""
    yamada = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    suzuki = registry.apply(admin, tennyu(person("鈴木　一子", "スズキ　カズコ", "S45.1.1", "女", "世帯主"),
                                          address="さくら県みどり町西町7番地")).idou.rows[0].row.atena_no
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "chief2", "係長 二", Role.SUPERVISOR, "chief2-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    return {"taro": yamada[0], "hanako": yamada[1], "ichiro": yamada[2], "jiro": yamada[3], "suzuki": suzuki,
            "chief": registry.sign_in("chief", "chief-pw"), "chief2": registry.sign_in("chief2", "chief2-pw"),
            "clerk": registry.sign_in("clerk", "clerk-pw")}


def issue(registry: Registry, actor: Staff, atenas: list[str], judgment: Judgment | None = None,
          **values: Any) -> Any:
    request = request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": atenas, **values})
    return registry.kofu.issue(actor, request, render, judgment=judgment)


THIRD = {"requester": RequesterKind.DAISANSHA, "requester_name": "乙川　春子", "identification": "運転免許証",
         "requester_address": "東京都港区芝公園1丁目1番1号", "reason": "貸金の返還請求の相手方の住所確認",
         "evidence": "金銭消費貸借契約書の写し"}
LAWYER = {"requester": RequesterKind.DAISANSHA, "requester_name": "甲野　一郎", "identification": "運転免許証",
          "requester_address": "東京都千代田区霞が関1丁目1番1号", "reason": "訴訟の提起", "qualification": "司法書士",
          "registration_no": "東京第1234号", "office": "甲野司法書士事務所", "form_no": "B-000123",
          "client": "株式会社みどり商事"}
KOUYOU = {"requester": RequesterKind.KOUYOU, "requester_name": "さくら県みどり県税事務所",
          "agency_officer": "納税課　主査　丙川　三郎", "identification": "官公署発行の写真付き身分証明書",
          "legal_basis": "地方税法第20条の11", "reason": "県税の滞納処分"}


# --- 1. 本人等 is checked, not declared --------------------------------------------------------------------------


def test_a_stranger_declared_as_honnin_gets_nothing(registry: Registry, town: dict[str, Any]) -> None:
    """Before: a full 住民票の写し with 本籍 and 続柄 went to 「誰か　他人」 who called himself 本人等."""
    declared = {"requester": RequesterKind.HONNIN, "requester_name": "誰か　他人", "identification": "運転免許証",
                "include": [Item.HONSEKI, Item.SETAINUSHI], "household": True}
    with pytest.raises(KofuRefused, match="請求者を本人または同一世帯の人から選んでください"):
        issue(registry, town["clerk"], [town["taro"]], **declared)
    with pytest.raises(KofuRefused, match="同一の世帯に属していない"):  # 鈴木 is someone else's 本人等
        issue(registry, town["clerk"], [town["taro"]], **declared, requester_atena=town["suzuki"])
    with pytest.raises(KofuRefused, match="請求者の宛名番号 0009999999 の人は登録されていません"):
        issue(registry, town["clerk"], [town["taro"]], **declared, requester_atena="0009999999")
    (entry, *_) = registry.kofu.history(town["chief"], town["taro"])
    assert entry["disposal"] == "拒否" and entry["issue_numbers"] == []


def test_a_member_of_the_household_is_honnin_and_is_recorded_by_number_and_registry_name(
        registry: Registry, town: dict[str, Any]) -> None:
    issued = issue(registry, town["clerk"], [town["taro"]], requester=RequesterKind.HONNIN,
                   requester_atena=town["hanako"], requester_name="誰か　他人", identification="運転免許証",
                   include=[Item.SETAINUSHI])
    assert "続柄世帯主" in page_texts(issued.pdfs[0])[0]
    (entry,) = registry.kofu.history(town["chief"], town["taro"])
    assert entry["disposal"] == "交付" and entry["staff"] == "clerk"
    assert entry["request"]["requester"] == {"kind": "本人等", "atena_no": town["hanako"], "name": "山田　花子",
                                             "identification": "運転免許証"}  # the registry's name, not the typed one


def test_a_member_who_moved_to_another_household_is_no_longer_honnin(registry: Registry, admin: Staff,
                                                                     town: dict[str, Any]) -> None:
    registry.apply(admin, {"reason": "世帯分離", "idou_date": "R8.11.26", "notified_on": "R8.11.26",
                           "notifier": {"name": "山田　一郎", "relation": "本人", "identification": "運転免許証"},
                           "targets": [town["ichiro"]], "relationships": {town["ichiro"]: "世帯主"}})
    with pytest.raises(KofuRefused, match="同一の世帯に属していない"):
        issue(registry, town["clerk"], [town["taro"]], requester=RequesterKind.HONNIN,
              requester_atena=town["ichiro"], identification="運転免許証")


def test_a_proxy_stands_for_a_honnin_checked_like_a_requester(registry: Registry, town: dict[str, Any]) -> None:
    proxy = {"requester": RequesterKind.DAIRININ, "requester_name": "乙山　次郎", "identification": "運転免許証",
             "requester_address": "さくら県みどり町中町1番地", "proxy_letter": "委任状（本人の署名あり）"}
    with pytest.raises(KofuRefused, match="委任者（本人等）を宛名番号で指定"):
        issue(registry, town["clerk"], [town["taro"]], **proxy)
    with pytest.raises(KofuRefused, match="委任者の鈴木　一子.*同一の世帯に属していない"):
        issue(registry, town["clerk"], [town["taro"]], **proxy, principal_atena=town["suzuki"])
    with pytest.raises(KofuRefused, match="代理人の氏名と住所"):
        issue(registry, town["clerk"], [town["taro"]], **proxy | {"requester_address": ""},
              principal_atena=town["taro"])
    assert issue(registry, town["clerk"], [town["taro"]], **proxy, principal_atena=town["hanako"]).pdfs
    entry = registry.kofu.history(town["chief"], town["taro"])[-1]
    assert entry["request"]["requester"] == {
        "kind": "代理人", "name": "乙山　次郎", "identification": "運転免許証", "proxy_letter": "委任状（本人の署名あり）",
        "address": "さくら県みどり町中町1番地", "principal_atena": town["hanako"], "principal_name": "山田　花子"}


def test_a_proxy_of_the_offender_is_refused_outright(registry: Registry, town: dict[str, Any]) -> None:
    """Before: a 代理人 whose 委任状 named the 加害者 got only a judgment prompt."""
    registry.protection.add(town["chief"], [town["hanako"]], [Process.KOFU],
                            [Offender("山田　太郎", "ヤマダ　タロウ", town["taro"])])
    proxy = {"requester": RequesterKind.DAIRININ, "requester_name": "乙山　次郎", "identification": "運転免許証",
             "requester_address": "さくら県みどり町中町1番地", "proxy_letter": "委任状",
             "principal_atena": town["taro"]}
    with pytest.raises(KofuRefused, match="委任者は支援措置の加害者") as err:
        issue(registry, town["clerk"], [town["hanako"]], Judgment(town["chief"], "委任状があるので"), **proxy)
    assert not isinstance(err.value, JudgmentRequired)


# --- 2. what 第三者 and 公用 requests state ----------------------------------------------------------------------


@pytest.mark.parametrize(("blank", "message"), [
    ("requester_address", "請求者の氏名と住所"), ("evidence", "疎明資料"), ("reason", "請求事由が必要"),
])
def test_a_third_party_states_who_they_are_why_and_what_shows_it(registry: Registry, town: dict[str, Any],
                                                                 blank: str, message: str) -> None:
    with pytest.raises(KofuRefused, match=message):
        issue(registry, town["clerk"], [town["taro"]], **THIRD | {blank: ""})


def test_a_third_party_request_is_recorded_as_the_law_asks(registry: Registry, town: dict[str, Any]) -> None:
    assert issue(registry, town["clerk"], [town["taro"]], **THIRD).pdfs
    (entry,) = registry.kofu.history(town["chief"], town["taro"])
    assert entry["request"]["reason"] == "貸金の返還請求の相手方の住所確認"
    assert entry["request"]["requester"] == {
        "kind": "第三者", "name": "乙川　春子", "identification": "運転免許証", "address": "東京都港区芝公園1丁目1番1号",
        "evidence": "金銭消費貸借契約書の写し"}


@pytest.mark.parametrize(("blank", "named"), [
    ("registration_no", "登録番号"), ("office", "事務所"), ("form_no", "職務上請求書の番号"), ("client", "依頼者"),
])
def test_a_professional_request_states_the_items_of_its_form(registry: Registry, town: dict[str, Any], blank: str,
                                                             named: str) -> None:
    with pytest.raises(KofuRefused, match=f"職務上請求には{named}の記載が必要です"):
        issue(registry, town["clerk"], [town["taro"]], **LAWYER | {blank: ""})


def test_a_professional_request_is_recorded_with_its_form(registry: Registry, town: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="資格"):  # only the 特定事務受任者 make a 職務上請求
        issue(registry, town["clerk"], [town["taro"]], **LAWYER | {"qualification": "探偵"})
    assert issue(registry, town["clerk"], [town["taro"]], **LAWYER).pdfs
    (entry,) = registry.kofu.history(town["chief"], town["taro"])
    requester = entry["request"]["requester"]
    assert requester["professional"] == {"qualification": "司法書士", "registration_no": "東京第1234号",
                                         "office": "甲野司法書士事務所", "form_no": "B-000123",
                                         "client": "株式会社みどり商事"}
    assert requester["address"] == "東京都千代田区霞が関1丁目1番1号" and "evidence" not in requester


@pytest.mark.parametrize(("blank", "message"), [
    ("requester_name", "機関の名称"), ("agency_officer", "職名と氏名"), ("legal_basis", "法令上の根拠"),
    ("reason", "請求事由"),
])
def test_an_official_request_names_the_office_and_its_legal_basis(registry: Registry, town: dict[str, Any],
                                                                  blank: str, message: str) -> None:
    with pytest.raises(KofuRefused, match=message):
        issue(registry, town["clerk"], [town["taro"]], **KOUYOU | {blank: ""})
    assert issue(registry, town["clerk"], [town["taro"]], **KOUYOU).decision.fee == 0
    entry = registry.kofu.history(town["chief"], town["taro"])[-1]
    assert entry["request"]["requester"]["legal_basis"] == "地方税法第20条の11"
    assert entry["request"]["requester"]["name"] == "さくら県みどり県税事務所"


def test_the_history_is_stored_encrypted(registry: Registry, town: dict[str, Any]) -> None:
    issue(registry, town["clerk"], [town["taro"]], **LAWYER)
    rows = registry.store.conn.execute("SELECT * FROM revs").fetchall()
    assert not any(b"B-000123" in bytes(str(row), "utf-8") or "甲野" in str(row) for row in rows)


# --- 4. a 世帯連記式 holds one household ------------------------------------------------------------------------


def test_a_household_sheet_of_two_households_is_refused(registry: Registry, town: dict[str, Any]) -> None:
    """Before: 山田 was printed under 鈴木's address, with 山田 as 世帯主."""
    with pytest.raises(KofuRefused, match="一つの世帯の人だけ"):
        issue(registry, town["clerk"], [town["suzuki"], town["taro"]], **KOUYOU, include=[Item.SETAINUSHI])
    both = issue(registry, town["clerk"], [town["suzuki"], town["taro"]], **KOUYOU, individual=True)
    first, second = page_texts(both.pdfs[0])
    assert "鈴木一子" in first and "西町7番地" in first and "山田太郎" in second and "本町2丁目3番4号" in second


# --- 5. the judgment is two people -------------------------------------------------------------------------------


def test_the_acting_supervisor_cannot_judge_their_own_request(registry: Registry, town: dict[str, Any]) -> None:
    registry.protection.add(town["chief"], [town["hanako"]], [Process.KOFU], [Offender("乙川　三郎")])
    chief, chief2 = town["chief"], town["chief2"]
    with pytest.raises(ValidationError, match="別の係長以上の職員"):
        issue(registry, chief, [town["hanako"]], Judgment(chief, "自分で確かめた"), **LAWYER)
    assert issue(registry, chief, [town["hanako"]], Judgment(chief2, "依頼者と加害者の関係がないことを確認"),
                 **LAWYER).pdfs
    entry = registry.kofu.history(chief, town["hanako"])[-1]
    assert entry["staff"] == "chief" and entry["judgment"]["judge"] == "chief2"
    registry.audit.flush()
    audit = registry.store.conn.execute("SELECT staff, action, detail FROM audit WHERE action LIKE '交付判断%' "
                                        "ORDER BY seq").fetchall()
    assert [(s, a) for s, a, _ in audit] == [("chief", "交付判断拒否"), ("chief2", "交付判断")]
    assert "処理 chief" in audit[-1][2]


# --- 6. a replica that has not synced ----------------------------------------------------------------------------


def synced(registry: Registry, hours_ago: float | None) -> None:
    """This replica syncs with a cloud, and last took in all it held `hours_ago` (None: never)."""
    registry.replication.set_sync_state({"cloud_url": "https://cloud.example.jp/town"})
    if hours_ago is not None:
        registry.replication.mark_synced(registry.now() - dt.timedelta(hours=hours_ago))


def test_old_data_needs_a_judgment_for_third_parties_and_proxies(registry: Registry, town: dict[str, Any]) -> None:
    synced(registry, 30)
    age = registry.kofu.data_age()
    assert age.stale and age.note() == "この端末のデータは最後の同期から30時間経過しています"
    proxy = {"requester": RequesterKind.DAIRININ, "requester_name": "乙山　次郎", "identification": "運転免許証",
             "requester_address": "さくら県みどり町中町1番地", "proxy_letter": "委任状", "principal_atena": town["taro"]}
    for values in (THIRD, proxy):
        with pytest.raises(JudgmentRequired, match="最後の同期から30時間経過しています"):
            issue(registry, town["clerk"], [town["taro"]], **values)
    assert issue(registry, town["clerk"], [town["taro"]], Judgment(town["chief"], "本人に電話で委任を確認"),
                 **proxy).pdfs
    # 本人等 and 公用 are not held up: the counter keeps working through a disaster.
    assert issue(registry, town["clerk"], [town["taro"]], requester=RequesterKind.HONNIN,
                 requester_atena=town["taro"], identification="運転免許証").pdfs
    assert issue(registry, town["clerk"], [town["taro"]], **KOUYOU).pdfs
    entries = registry.kofu.history(town["chief"], town["taro"])
    assert [e["disposal"] for e in entries] == ["交付", "交付", "交付"]  # waiting for a judgment is no refusal
    judged = entries[0]
    assert judged["judgment"]["needed"] == ["同期遅延"] and judged["judgment"]["judge"] == "chief"
    assert judged["data"] == {"synced_at": "2026-11-26T04:00:00+09:00", "age_hours": 30, "replicated": True,
                              "limit_hours": 24, "stale": True}
    assert all(e["data"]["age_hours"] == 30 for e in entries)


def test_a_replica_that_never_synced_says_never_and_the_limit_is_a_setting(registry: Registry, admin: Staff,
                                                                           town: dict[str, Any]) -> None:
    synced(registry, None)  # set up for a cloud, never synced
    assert registry.kofu.data_age().note() == "この端末はまだクラウドと同期していません"
    with pytest.raises(JudgmentRequired, match="まだクラウドと同期していません"):
        issue(registry, town["clerk"], [town["taro"]], **THIRD)
    assert registry.kofu.history(town["chief"], town["taro"]) == []  # it waits for a judgment: no refusal
    synced(registry, 30)
    registry.settings.update(admin, {"stale_after_hours": 48})
    assert not registry.kofu.data_age().stale and registry.kofu.data_age().note() == ""
    assert issue(registry, town["clerk"], [town["taro"]], **THIRD).pdfs
    with pytest.raises(ValidationError, match="1から720時間"):
        registry.settings.update(admin, {"stale_after_hours": 0})


def test_a_replica_on_its_own_waits_for_nothing(registry: Registry, town: dict[str, Any]) -> None:
    assert not registry.kofu.data_age().stale
    assert issue(registry, town["clerk"], [town["taro"]], **THIRD).pdfs
    entry = registry.kofu.history(town["chief"], town["taro"])[-1]
    assert entry["data"] == {"synced_at": "never", "replicated": False, "limit_hours": 24, "stale": False}


def test_a_sync_marks_how_fresh_the_data_is(tmp_path: Path, cloud: Any) -> None:
    from tests.support.terminals import make_terminals

    a, b = make_terminals(tmp_path, cloud, cloud.url)
    try:
        clock = b.registry.store.clock
        assert isinstance(clock, Clock)
        joined = b.registry.replication.last_synced()
        assert joined is not None and not b.registry.kofu.data_age().stale
        taro = b.registry.summaries(b.registry.search(b.actor, "ヤマダ タロウ").ids)[0].atena_no
        clock.now += dt.timedelta(hours=25)
        with pytest.raises(JudgmentRequired, match="最後の同期から25時間経過しています"):
            issue(b.registry, b.actor, [taro], **THIRD)
        b.sync()
        assert b.registry.replication.last_synced() > joined  # type: ignore[operator]
        assert issue(b.registry, b.actor, [taro], **THIRD).pdfs
    finally:
        a.registry.close()
        b.registry.close()
