"""支援措置 through the facade: the 加害者 refused without override (as 請求者, 委任者 or 依頼者), the protected person
with a photo ID only, anyone else with another supervisor's judgment; 照会 alerts, 異動 by the 加害者 refused, lists;
untrusted time; events made on two terminals at once; arrivals checked."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain import protection as rules
from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, RequesterKind, request_from
from domain.protection import Offender, OffenderRefused, Process
from domain.roles import Role
from local_store.documents import Document, revision_id
from local_store.errors import PermissionDenied, StoreError
from local_store.protection import SHIEN, Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import ADMIN, JST, NOW, Clock, family, person, tennyu

ALL = (Process.IDOU, Process.KOFU, Process.SHOUKAI)
TARO = Offender("山田　太郎", "ヤマダ　タロウ")


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """The 山田 household; 花子 (the wife) is protected from 太郎 (the husband, named with his 宛名番号)."""
    atenas = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    return {"taro": atenas[0], "hanako": atenas[1], "ichiro": atenas[2], "all": atenas,
            "chief": registry.sign_in("chief", "chief-pw"), "clerk": registry.sign_in("clerk", "clerk-pw")}


def protect(registry: Registry, town: dict[str, Any], **extra: Any) -> rules.Measure:
    offender = Offender(TARO.name, TARO.kana, town["taro"])
    return registry.protection.add(town["chief"], [town["hanako"]], ALL, [offender], **extra)


def ask(registry: Registry, actor: Staff, atena: str, requester: dict[str, Any], judgment: Judgment | None = None,
        **extra: Any) -> Any:
    request = request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": [atena], **requester, **extra})
    return registry.kofu.issue(actor, request, render, judgment=judgment)


def honnin(atena: str, identification: str = "運転免許証") -> dict[str, Any]:
    """本人等, named by 宛名番号 (the registry gives the name)."""
    return {"requester": RequesterKind.HONNIN, "requester_atena": atena, "identification": identification}


def stranger(name: str) -> dict[str, Any]:
    """A 第三者 with a stated need (法12条の3第1項)."""
    return {"requester": RequesterKind.DAISANSHA, "requester_name": name, "identification": "運転免許証",
            "requester_address": "東京都港区芝公園1丁目1番1号", "reason": "貸金の返還請求",
            "evidence": "金銭消費貸借契約書"}


def proxy(principal: str, name: str = "乙山　次郎") -> dict[str, Any]:
    """A 代理人 with a 委任状 whose 委任者 is `principal` (by 宛名番号)."""
    return {"requester": RequesterKind.DAIRININ, "requester_name": name, "identification": "運転免許証",
            "requester_address": "さくら県みどり町中町1番地", "proxy_letter": "委任状", "principal_atena": principal}


LAWYER = {"requester": RequesterKind.DAISANSHA, "requester_name": "甲野　一郎", "identification": "運転免許証",
          "requester_address": "東京都千代田区霞が関1丁目1番1号", "reason": "訴訟の提起", "qualification": "弁護士",
          "registration_no": "12345", "office": "甲野法律事務所", "form_no": "A-0001", "client": "乙川　春子"}


def test_the_default_period_is_one_year_counting_the_first_day() -> None:
    assert rules.default_end(dt.date(2020, 4, 1)) == dt.date(2021, 3, 31)  # 令和2年4月1日 → 令和3年3月31日
    assert rules.default_end(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert rules.extended_end(dt.date(2021, 3, 31)) == dt.date(2022, 3, 31)
    assert rules.extension_opens(dt.date(2021, 3, 31)) == dt.date(2021, 2, 28)


def test_names_are_compared_normalized() -> None:
    assert rules.name_key("山田　太郎") == rules.name_key("山田 太郎") == rules.name_key("山田太郎")
    assert rules.name_key("髙橋　一") == rules.name_key("高橋一")
    assert rules.name_key("やまだ　たろう") == rules.name_key("ﾔﾏﾀﾞ ﾀﾛｳ") == rules.name_key("ヤマダタロウ")
    # The canonical form of domain.names, as search has it: 清濁 folded too, so a 加害者 cannot pass by a 濁点.
    assert rules.name_key("ヤマダ　タロウ") == rules.name_key("ヤマタ　タロウ")
    assert rules.name_key("ヤマダ　タロウ") != rules.name_key("ヤマネ　タロウ")


def test_the_named_offender_is_refused_even_with_a_supervisor_s_judgment(registry: Registry, town: dict[str, Any]
                                                                         ) -> None:
    measure = protect(registry, town)
    chief, clerk = town["chief"], town["clerk"]
    # 本人等 of her household by the registry, and her 加害者 by his 宛名番号.
    with pytest.raises(OffenderRefused) as err:
        ask(registry, clerk, town["hanako"], honnin(town["taro"]), Judgment(chief, "夫婦なので"))
    assert "判断による例外はありません" in err.value.message and err.value.message.startswith("請求者は")
    for name in ("山田太郎", "やまだ　たろう", "ヤマダ タロウ"):  # a stranger who gives his name, however spelt
        with pytest.raises(OffenderRefused):
            ask(registry, clerk, town["hanako"], stranger(name), Judgment(chief, "債権者なので"))
    # His own household's copy would print her too; his own copy alone does not.
    with pytest.raises(OffenderRefused):
        ask(registry, clerk, town["taro"], honnin(town["taro"]), household=True)
    assert ask(registry, clerk, town["taro"], honnin(town["taro"])).pdfs
    history = registry.kofu.history(chief)
    refusals = [e for e in history if e["disposal"] == "拒否"]
    assert len(refusals) == 5 and all(e["protection"]["measures"] == [measure.id] for e in refusals)
    assert all("加害者" in e["refusal"] for e in refusals)


def test_a_proxy_or_a_lawyer_for_the_offender_is_refused_without_a_judgment_prompt(
        registry: Registry, town: dict[str, Any]) -> None:
    """A 委任状 or a 職務上請求 on his behalf is his request: refused as his, whatever a supervisor would judge."""
    protect(registry, town)
    chief, clerk = town["chief"], town["clerk"]
    with pytest.raises(OffenderRefused) as err:
        ask(registry, clerk, town["hanako"], proxy(town["taro"]))
    assert err.value.message.startswith("委任者は")
    with pytest.raises(OffenderRefused):
        ask(registry, clerk, town["hanako"], proxy(town["ichiro"], name="山田　太郎"), Judgment(chief, "親族"))
    with pytest.raises(OffenderRefused) as err:
        ask(registry, clerk, town["hanako"], LAWYER | {"client": "山田　太郎"}, Judgment(chief, "弁護士なので"))
    assert err.value.message.startswith("依頼者は")
    refusals = registry.kofu.history(chief, town["hanako"])
    assert [e["disposal"] for e in refusals] == ["拒否"] * 3
    assert refusals[0]["request"]["requester"]["principal_atena"] == town["taro"]
    assert refusals[0]["request"]["requester"]["principal_name"] == "山田　太郎"  # from the registry


def test_the_protected_person_needs_a_photo_id(registry: Registry, town: dict[str, Any]) -> None:
    protect(registry, town)
    clerk = town["clerk"]
    with pytest.raises(rules.StrictIdentificationRequired) as err:
        ask(registry, clerk, town["hanako"], honnin(town["hanako"], "資格確認書"))
    assert "写真付きの本人確認書類" in err.value.message
    issued = ask(registry, clerk, town["hanako"], honnin(town["hanako"], "個人番号カード"))
    assert issued.pdfs
    last = registry.kofu.history(town["chief"], town["hanako"])[-1]
    assert last["disposal"] == "交付" and last["protection"]["check"] == "本人"
    assert last["protection"]["identification"] == "個人番号カード"
    assert last["request"]["requester"] | {"kind": "本人等"} == {
        "kind": "本人等", "atena_no": town["hanako"], "name": "山田　花子", "identification": "個人番号カード"}


def test_anyone_else_needs_another_supervisor_s_judgment_which_is_recorded(registry: Registry, town: dict[str, Any]
                                                                           ) -> None:
    protect(registry, town)
    chief, clerk = town["chief"], town["clerk"]
    with pytest.raises(rules.JudgmentRequired) as err:
        ask(registry, clerk, town["hanako"], LAWYER)
    assert "係長の判断" in err.value.message
    with pytest.raises(PermissionDenied):  # counter staff cannot be the judge
        ask(registry, clerk, town["hanako"], LAWYER, Judgment(clerk, "大丈夫そう"))
    with pytest.raises(ValidationError):  # a judgment names its reason
        ask(registry, clerk, town["hanako"], LAWYER, Judgment(chief, " "))
    issued = ask(registry, clerk, town["hanako"], LAWYER, Judgment(chief, "裁判所の手続に必要で、送付先が加害者と無関係と確認"))
    assert issued.pdfs
    history = registry.kofu.history(chief, town["hanako"])
    assert [e["disposal"] for e in history] == ["交付"]  # waiting for the judgment was no refusal
    assert history[-1]["protection"] | {"measures": []} == {"measures": [], "check": "判断"}
    assert history[-1]["staff"] == "clerk" and history[-1]["judgment"] == {
        "judge": "chief", "judge_role": "係長", "reason": "裁判所の手続に必要で、送付先が加害者と無関係と確認",
        "needed": ["支援措置"]}
    registry.audit.flush()
    audit = registry.store.conn.execute("SELECT staff, action, detail FROM audit WHERE action LIKE '交付判断%' "
                                        "ORDER BY seq").fetchall()
    assert [(s, a) for s, a, _ in audit] == [("clerk", "交付判断拒否"), ("chief", "交付判断")]
    assert "処理 clerk" in audit[-1][2] and "裁判所の手続" in audit[-1][2]


def test_the_judge_is_not_the_one_who_processes_the_request(registry: Registry, town: dict[str, Any]) -> None:
    """Two people: the acting 係長 cannot judge the request they process."""
    protect(registry, town)
    chief = town["chief"]
    with pytest.raises(ValidationError) as err:
        ask(registry, chief, town["hanako"], LAWYER, Judgment(chief, "自分で確認した"))
    assert err.value.item == "判断者" and "別の係長以上の職員" in err.value.message
    registry.staff.add(registry.sign_in(ADMIN[0], ADMIN[2]), "chief2", "係長 二", Role.SUPERVISOR, "chief2-pw")
    assert ask(registry, chief, town["hanako"], LAWYER, Judgment(registry.sign_in("chief2", "chief2-pw"), "確認")).pdfs
    (entry,) = [e for e in registry.kofu.history(chief, town["hanako"]) if e["disposal"] == "交付"]
    assert entry["staff"] == "chief" and entry["judgment"]["judge"] == "chief2"


def test_the_view_alerts_and_shows_the_offender_to_supervisors_only(registry: Registry, town: dict[str, Any]) -> None:
    measure = protect(registry, town, note="配偶者からの暴力")
    (shown,) = registry.person(town["clerk"], town["hanako"]).protection
    assert shown.measure.id == measure.id and shown.in_force and shown.measure.processes == frozenset(ALL)
    assert shown.measure.offenders == () and shown.measure.note == ""
    (full,) = registry.person(town["chief"], town["hanako"]).protection
    assert full.measure.offenders[0].name == "山田　太郎" and full.measure.note == "配偶者からの暴力"
    assert registry.person(town["clerk"], town["taro"]).protection == ()
    registry.audit.flush()
    actions = [r[0] for r in registry.store.conn.execute("SELECT action FROM audit WHERE target = ? ORDER BY seq",
                                                         (town["hanako"],))]
    assert actions[-2:] == ["照会（支援措置対象者）", "照会（支援措置対象者）"]


def test_a_whole_household_means_its_members(registry: Registry, town: dict[str, Any]) -> None:
    measure = registry.protection.add(town["chief"], [town["hanako"]], [Process.KOFU], [Offender("乙川　三郎")],
                                      household=True)
    assert set(measure.targets) == {town["taro"], town["hanako"], town["ichiro"], measure.targets[-1]}
    assert len(measure.targets) == 4 and measure.setai_no
    with pytest.raises(ValidationError):  # a protected person cannot be the 加害者
        registry.protection.add(town["chief"], [town["hanako"]], ALL, [Offender("山田　太郎", atena_no=town["taro"])],
                                household=True)


def test_an_idou_notified_by_the_offender_is_refused(registry: Registry, town: dict[str, Any]) -> None:
    protect(registry, town)
    move = {"reason": "転居", "idou_date": "R8.11.26", "notified_on": "R8.11.26", "targets": town["all"],
            "address": {"text": "さくら県みどり町本町5丁目1番1号"}}
    by_him = {**move, "notifier": {"name": "山田 太郎", "relation": "夫", "identification": "運転免許証"}}
    with pytest.raises(ValidationError) as err:
        registry.idou.check(town["clerk"], by_him)
    assert err.value.item == "届出人" and "加害者" in err.value.message
    with pytest.raises(ValidationError):
        registry.apply(town["clerk"], by_him)
    by_her = {**move, "notifier": {"name": "山田 花子", "relation": "本人", "identification": "運転免許証"}}
    assert registry.apply(town["clerk"], by_her).idou.rows


def test_protected_persons_are_left_out_of_lists(registry: Registry, admin: Staff, town: dict[str, Any]) -> None:
    alone = registry.apply(admin, tennyu(person("乙川　冬子", "オツカワ　フユコ", "S60.2.2", "女", "世帯主"),
                                         address="さくら県みどり町本町9丁目1番1号")).idou.rows[0].row.atena_no
    assert alone in registry.residents.living_alone()
    registry.protection.add(town["chief"], [alone], ALL)
    assert alone not in registry.residents.living_alone()


def test_only_supervisors_set_measures(registry: Registry, town: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        registry.protection.add(town["clerk"], [town["hanako"]], ALL)
    with pytest.raises(PermissionDenied):
        registry.protection.measures(town["clerk"], town["hanako"])
    measure = protect(registry, town)
    with pytest.raises(PermissionDenied):
        registry.protection.end(town["clerk"], measure.id, "申出の取下げ")


def test_extension_from_one_month_before_and_ending(registry: Registry, town: dict[str, Any]) -> None:
    chief = town["chief"]
    early = protect(registry, town, start=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError) as err:
        registry.protection.extend(chief, early.id)
    assert "1か月前（2027-09-30）から" in err.value.message
    measure = protect(registry, town, start=dt.date(2025, 12, 20))  # ends 2026-12-19: within a month of today
    extended = registry.protection.extend(chief, measure.id[:8])
    assert extended.end == dt.date(2027, 12, 19)
    ended = registry.protection.end(chief, measure.id, "申出の取下げ")
    assert ended.ended and ended.end == NOW.date()
    (item,) = [p for p in registry.protection.measures(chief, town["hanako"]) if p.measure.id == measure.id]
    assert not item.in_force
    with pytest.raises(ValidationError):
        registry.protection.end(chief, measure.id, "もう一度")


# --- untrusted time --------------------------------------------------------------------------------------------------


def test_a_measure_past_its_end_stays_in_force_while_no_trusted_time_is_past_it(
        registry: Registry, town: dict[str, Any]) -> None:
    measure = protect(registry, town, start=dt.date(2025, 11, 1))  # ended 2026-10-31 by the terminal's clock
    assert measure.end == dt.date(2026, 10, 31) and registry.trusted_time.trusted_today() is None
    (kept,) = registry.person(town["clerk"], town["hanako"]).protection
    assert kept.in_force and kept.kept_by_untrusted_time
    with pytest.raises(rules.JudgmentRequired):
        ask(registry, town["clerk"], town["hanako"], proxy(town["hanako"]))
    registry.trusted_time.note_server_time(dt.datetime(2026, 10, 20, 9, 0, tzinfo=JST))  # the cloud last seen before the end
    assert registry.person(town["clerk"], town["hanako"]).protection
    with pytest.raises(OffenderRefused):
        ask(registry, town["clerk"], town["hanako"], honnin(town["taro"]))


def test_a_measure_ends_once_a_trusted_time_is_past_its_end(registry: Registry, town: dict[str, Any]) -> None:
    protect(registry, town, start=dt.date(2025, 11, 1))
    registry.trusted_time.note_server_time(NOW - dt.timedelta(minutes=1))  # the cloud says it is 2026-11-27
    assert registry.trusted_time.trusted_today() == NOW.date()
    assert registry.person(town["clerk"], town["hanako"]).protection == ()
    assert ask(registry, town["clerk"], town["hanako"], honnin(town["taro"])).pdfs


def test_a_clock_running_ahead_does_not_end_a_measure(registry: Registry, town: dict[str, Any], clock: Clock) -> None:
    protect(registry, town)  # 2026-11-27 → 2027-11-26
    registry.trusted_time.note_server_time(NOW)
    clock.now = NOW + dt.timedelta(days=800)
    assert registry.person(town["clerk"], town["hanako"]).protection[0].kept_by_untrusted_time


# --- two terminals ---------------------------------------------------------------------------------------------------


@pytest.fixture
def two_terminals(registry: Registry, town: dict[str, Any], data_dir: Path, tmp_path: Path
                  ) -> Iterator[tuple[Registry, Registry, rules.Measure]]:
    """This replica, with a measure that ends within a month, and a copy of it (a second terminal)."""
    measure = protect(registry, town, start=dt.date(2025, 12, 20))
    registry.close()
    other = tmp_path / "other-terminal"
    shutil.copytree(data_dir, other)
    here, there = Registry.open(data_dir, clock=Clock()), Registry.open(other, clock=Clock())
    yield here, there, measure
    here.close()
    there.close()


def _exchange(a: Registry, b: Registry) -> None:
    """Each side takes the other's 支援措置 events, as a sync would bring them."""
    for source, target in ((a, b), (b, a)):
        for (doc_id,) in source.store.conn.execute("SELECT id FROM docs WHERE class = ?", (SHIEN,)).fetchall():
            if target.replication.document(doc_id) is None:
                doc = source.replication.document(doc_id)
                assert doc is not None
                target.replication.ingest(doc)


def test_an_end_that_did_not_see_a_concurrent_extension_does_not_shorten_it(two_terminals: Any) -> None:
    here, there, measure = two_terminals
    me, you = here.sign_in("chief", "chief-pw"), there.sign_in("chief", "chief-pw")
    here.protection.extend(me, measure.id)
    there.protection.end(you, measure.id, "申出の取下げ（別の端末で）")
    _exchange(here, there)
    for side, actor in ((here, me), (there, you)):
        (item,) = side.protection.measures(actor)
        assert item.in_force and not item.measure.ended and item.measure.end == dt.date(2027, 12, 19)
        assert item.measure.concurrent and len(item.measure.tips) == 2
    here.protection.end(me, measure.id, "取下げを確認")  # names both: settles it
    _exchange(here, there)
    for side, actor in ((here, me), (there, you)):
        (item,) = side.protection.measures(actor)
        assert not item.in_force and item.measure.ended and not item.measure.concurrent


def _forged(registry: Registry, body: dict[str, Any]) -> Document:
    return Document("f" * 32, revision_id(registry.store.data_key, None, False, body), SHIEN, body)


def test_measure_events_by_someone_who_may_not_set_them_are_quarantined(two_terminals: Any) -> None:
    here, there, measure = two_terminals
    forged = rules.next_event(rules.END, measure, NOW.date(), "", "clerk", NOW.isoformat())
    with pytest.raises(StoreError):
        here.replication.ingest(_forged(there, forged))
    with pytest.raises(StoreError):
        here.replication.ingest(_forged(there, {"event": "start", "by": "chief", "at": "x", "parents": [], "end": "2027-01-01"}))
    assert here.review.quarantine_count() == 2
    admin = here.sign_in(ADMIN[0], ADMIN[2])
    reasons = sorted(q.reason for q in here.review.quarantined(admin))
    assert "may not set measures" in reasons[1] and "without the persons protected" in reasons[0]
    (item,) = here.protection.measures(here.sign_in("chief", "chief-pw"))
    assert item.in_force


def test_a_measure_travels_through_the_cloud_and_holds_on_the_other_terminal(tmp_path: Path, cloud: Any) -> None:
    from tests.support.terminals import make_terminals

    a, b = make_terminals(tmp_path, cloud, cloud.url)
    try:
        hanako = a.registry.summaries(a.registry.search(a.actor, "ヤマダ ハナコ").ids)[0].atena_no
        taro = a.registry.summaries(a.registry.search(a.actor, "ヤマダ タロウ").ids)[0].atena_no
        measure = a.registry.protection.add(a.actor, [hanako], ALL, [TARO])
        a.sync()
        b.sync()
        (item,) = b.registry.protection.measures(b.actor)
        assert item.measure.id == measure.id and item.in_force and b.registry.trusted_time.trusted_today() is not None
        with pytest.raises(OffenderRefused):
            ask(b.registry, b.actor, hanako, honnin(taro))
    finally:
        a.registry.close()
        b.registry.close()
