"""被災者台帳 and 罹災証明書: the rules, the 台帳 with its filters and CSV, the certificate read back, the 交付履歴 and
the 日計, and both replicated to a second terminal."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from domain.disaster import (
    CSV_HEADER,
    Assessment,
    AssessmentInput,
    Damage,
    Household,
    LedgerFilter,
    Recorder,
    RisaiRequest,
    dwellings,
    parse_damage,
    plan_assessment,
)
from domain.errors import ValidationError
from domain.kofu_rules import Requester, RequesterKind
from domain.roles import Role
from local_store.errors import PermissionDenied
from local_store.registry import Registry
from local_store.staff import Staff
from reports.risai_pdf import render
from reports.seal import demo_seal_png
from reports.verify import verify_pdf
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, family, person, tennyu
from tests.support.terminals import enroll, now_clock

TODAY = dt.date(2026, 11, 27)
QUAKE = "令和8年11月27日の地震"
HOUSEHOLD = Household("1000000019", "山田　太郎", "さくら県みどり町本町2丁目3番4号", 4)
BY = Recorder("admin", "管理者", "本庁1", dt.datetime(2026, 11, 28, 9, 0))


def _text(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return re.sub(r"[ \u3000\n]+", "", text)


@pytest.fixture
def households(registry: Registry, admin: Staff) -> dict[str, str]:
    """Two households (世帯番号 by 世帯主), the town's seal set."""
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    yamada = registry.apply(admin, family()).idou.rows[0].row
    sato = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                        address="さくら県みどり町中町5番地")).idou.rows[0].row
    return {"yamada": yamada.setai_no, "sato": sato.setai_no}


def by_head(registry: Registry, actor: Staff, doc_id: str, setai_no: str) -> RisaiRequest:
    """The household's 世帯主 asks, with a driving licence."""
    head = registry.disaster.ledger(actor, LedgerFilter(setai_no=setai_no))[0].persons[0][0]
    return RisaiRequest(doc_id, Requester(RequesterKind.HONNIN, "", "運転免許証", atena_no=head))


# --- the rules -------------------------------------------------------------------------------------------------


def test_the_six_classes_most_severe_first() -> None:
    assert [d.value for d in Damage] == ["全壊", "大規模半壊", "中規模半壊", "半壊", "準半壊",
                                         "準半壊に至らない（一部損壊）"]
    assert parse_damage("一部損壊") is Damage.ICHIBU
    assert parse_damage("準半壊に至らない(一部損壊)") is Damage.ICHIBU
    assert parse_damage(" 大規模半壊 ") is Damage.DAIKIBO
    with pytest.raises(ValidationError) as refused:
        parse_damage("半焼")
    assert refused.value.item == "住家の被害の程度"


def test_an_assessment_takes_the_households_address_and_today_by_default() -> None:
    found = plan_assessment(AssessmentInput("1000000019", "半壊", QUAKE), HOUSEHOLD, BY, ())
    assert found.place == HOUSEHOLD.address and found.surveyed_on == dt.date(2026, 11, 28)
    assert found.surveyor == "管理者" and found.head_name == "山田　太郎"
    assert Assessment.from_json(found.to_json()) == found
    dated = plan_assessment(AssessmentInput("1000000019", "全壊", QUAKE, place="さくら県みどり町本町2丁目3番5号",
                                            surveyed_on="R8.11.27", note="①世帯　世帯人員4人\n②住家　床上浸水",
                                            surveyor="調査　一郎"), HOUSEHOLD, BY, ("a",))
    assert (dated.surveyed_on, dated.surveyor, dated.supersedes) == (TODAY, "調査　一郎", ("a",))


@pytest.mark.parametrize(("entry", "item"), [
    (AssessmentInput("1000000019", "半壊", ""), "罹災原因"),
    (AssessmentInput("1000000019", "半壊", "地" * 61), "罹災原因"),
    (AssessmentInput("1000000019", "中壊", QUAKE), "住家の被害の程度"),
    (AssessmentInput("1000000019", "半壊", QUAKE, surveyed_on="R8.11.29"), "調査日"),
    (AssessmentInput("1000000019", "半壊", QUAKE, surveyed_on="R8.2.30"), "調査日"),
    (AssessmentInput("1000000019", "半壊", QUAKE, note="1\n2\n3\n4\n5"), "追加記載事項"),
    (AssessmentInput("1000000019", "半壊", QUAKE, place="所\n在"), "被災住家の所在地"),
])
def test_validation_names_the_item(entry: AssessmentInput, item: str) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_assessment(entry, HOUSEHOLD, BY, ())
    assert refused.value.item == item


def test_concurrent_assessments_keep_both_and_show_the_more_severe() -> None:
    first = plan_assessment(AssessmentInput("1000000019", "半壊", QUAKE), HOUSEHOLD, BY, ())
    other = replace(first, damage=Damage.DAIKIBO, terminal="支所1", recorded_at="2026-11-28T09:05:00")
    [dwelling] = dwellings([("a", first), ("b", other)])
    assert dwelling.flagged and dwelling.doc_id == "b" and dwelling.assessment.damage is Damage.DAIKIBO
    resurvey = replace(first, damage=Damage.HANKAI, supersedes=("a", "b"), recorded_at="2026-11-29T09:00:00")
    [settled] = dwellings([("a", first), ("b", other), ("c", resurvey)])
    assert not settled.flagged and settled.doc_id == "c" and settled.history == 3
    elsewhere = replace(first, place="さくら県みどり町本町2丁目3番5号")  # another dwelling of the household
    assert len(dwellings([("a", first), ("d", elsewhere)])) == 2


# --- the 台帳 ----------------------------------------------------------------------------------------------------


def test_a_resurvey_supersedes_and_the_ledger_filters(registry: Registry, admin: Staff,
                                                      households: dict[str, str]) -> None:
    first, _ = registry.disaster.record_assessment(admin, AssessmentInput(households["yamada"], "半壊", QUAKE))
    again, resurvey = registry.disaster.record_assessment(admin, AssessmentInput(households["yamada"], "大規模半壊", QUAKE,
                                                                                 note="再調査"))
    assert resurvey.supersedes == (first,)
    registry.disaster.record_assessment(admin, AssessmentInput(households["sato"], "一部損壊", "令和8年11月28日の大雨"))
    lines = registry.disaster.ledger(admin)
    assert (lines[0].dwelling.doc_id, lines[0].chouaza, lines[0].members) == (again, "本町2丁目", 4)
    assert {line.dwelling.assessment.damage for line in lines} == {Damage.DAIKIBO, Damage.ICHIBU}
    assert len(registry.disaster.ledger(admin, LedgerFilter(damage=Damage.DAIKIBO))) == 1
    assert [line.head_name for line in registry.disaster.ledger(admin, LedgerFilter(chouaza="中町"))] == ["佐藤　一郎"]
    assert len(registry.disaster.ledger(admin, LedgerFilter(cause="大雨"))) == 1
    assert registry.disaster.ledger(admin, LedgerFilter(damage=Damage.ZENKAI)) == []
    with pytest.raises(ValidationError) as refused:
        registry.disaster.record_assessment(admin, AssessmentInput("1234567890", "半壊", QUAKE))
    assert refused.value.item == "世帯番号"


def test_the_ledger_as_csv_with_a_bom(registry: Registry, admin: Staff, households: dict[str, str],
                                      tmp_path: Path) -> None:
    registry.disaster.record_assessment(admin, AssessmentInput(households["yamada"], "全壊", QUAKE, note="①世帯\n②住家"))
    registry.disaster.record_assessment(admin, AssessmentInput(households["sato"], "準半壊", QUAKE))
    text = registry.disaster.ledger_csv(admin, LedgerFilter(damage=Damage.ZENKAI))
    out = tmp_path / "daicho.csv"
    out.write_text(text, encoding="utf-8-sig", newline="")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == CSV_HEADER and len(rows) == 2
    row = dict(zip(CSV_HEADER, rows[1], strict=True))
    assert (row["世帯主氏名"], row["住家の被害の程度"], row["罹災原因"], row["追加記載事項"], row["世帯人員"]) == \
        ("山田　太郎", "全壊", QUAKE, "①世帯 ②住家", "4")


def test_counter_staff_record_and_issue_but_do_not_export(registry: Registry, admin: Staff,
                                                          households: dict[str, str]) -> None:
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    doc_id, _ = registry.disaster.record_assessment(clerk, AssessmentInput(households["sato"], "半壊", QUAKE))
    assert registry.disaster.issue_risai(clerk, by_head(registry, clerk, doc_id, households["sato"]), render).number
    with pytest.raises(PermissionDenied):
        registry.disaster.ledger_csv(clerk)
    with pytest.raises(PermissionDenied):
        registry.disaster.issue_risai(clerk, by_head(registry, clerk, doc_id, households["sato"]), render,
                                      export=True)


# --- the 罹災証明書 --------------------------------------------------------------------------------------------


def test_the_certificate_shows_every_item_and_marks_its_class(registry: Registry, admin: Staff,
                                                              households: dict[str, str]) -> None:
    doc_id, _ = registry.disaster.record_assessment(admin, AssessmentInput(
        households["yamada"], "中規模半壊", QUAKE, place="さくら県みどり町本町2丁目3番4号　離れ",
        note="①世帯　世帯人員4人\n②住家　床上浸水"))
    issued = registry.disaster.issue_risai(admin, by_head(registry, admin, doc_id, households["yamada"]), render)
    text = _text(issued.pdf)
    for expected in ("罹災証明書", f"整理番号{issued.number}", "世帯主住所さくら県みどり町本町2丁目3番4号",
                     "世帯主氏名山田太郎", f"罹災原因{QUAKE}", "被災住家の所在地さくら県みどり町本町2丁目3番4号離れ",
                     "住家の被害の程度", "※追加記載事項", "①世帯世帯人員4人", "②住家床上浸水",
                     "上記のとおり相違ないことを証明します。", "令和8年11月27日", "さくら県みどり町長町長一郎"):
        assert expected in text, expected
    assert "■中規模半壊" in text and text.count("■") == 1
    for other in Damage:
        if other is not Damage.CHUKIBO:
            assert f"□{other.value}" in text
    verdict = verify_pdf(issued.pdf, registry.kofu.public_key())
    assert verdict.ok and verdict.issue_number == issued.issue_number


def test_numbers_are_unique_and_increasing_and_the_day_counts_them(registry: Registry, admin: Staff,
                                                                   households: dict[str, str]) -> None:
    yamada, _ = registry.disaster.record_assessment(admin, AssessmentInput(households["yamada"], "全壊", QUAKE))
    sato, _ = registry.disaster.record_assessment(admin, AssessmentInput(households["sato"], "半壊", QUAKE))
    numbers = [registry.disaster.issue_risai(admin, by_head(registry, admin, doc_id, households[name]), render).number
               for doc_id, name in ((yamada, "yamada"), (sato, "sato"), (yamada, "yamada"))]
    assert len(set(numbers)) == 3 and [int(n) for n in numbers] == sorted(int(n) for n in numbers)
    history = [e for e in registry.kofu.history(admin) if e["request"]["kind"] == "罹災証明書"]
    assert [(e["fee"], e["disposal"], e["request"]["number"]) for e in history] == [(0, "交付", n) for n in numbers]
    assert [e["request"]["number"] for e in registry.kofu.history(admin, history[1]["persons"][0])] == [numbers[1]]
    [total] = registry.daily.report(admin, TODAY).kofu
    assert (total.kind, total.requests, total.copies, total.fee) == ("罹災証明書", 3, 3, 0)
    [line] = registry.disaster.ledger(admin, LedgerFilter(setai_no=households["yamada"]))
    assert line.issued == (numbers[0], numbers[2])


def test_no_certificate_for_a_replaced_assessment(registry: Registry, admin: Staff,
                                                  households: dict[str, str]) -> None:
    first, _ = registry.disaster.record_assessment(admin, AssessmentInput(households["yamada"], "半壊", QUAKE))
    registry.disaster.record_assessment(admin, AssessmentInput(households["yamada"], "全壊", QUAKE))
    with pytest.raises(ValidationError) as refused:
        registry.disaster.issue_risai(admin, by_head(registry, admin, first, households["yamada"]), render)
    assert refused.value.item == "被害認定調査"


# --- two terminals ---------------------------------------------------------------------------------------------


def test_assessments_and_certificates_reach_the_other_terminal(tmp_path: Path, cloud: Any) -> None:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    admin_a = a.sign_in(ADMIN[0], ADMIN[2])
    setai_no = a.apply(admin_a, family()).idou.rows[0].row.setai_no
    doc_id, _ = a.disaster.record_assessment(admin_a, AssessmentInput(setai_no, "半壊", QUAKE))
    first = a.disaster.issue_risai(admin_a, by_head(a, admin_a, doc_id, setai_no), render)
    cloud_sync.sync_once(a)
    b = enroll(a, admin_a, "避難所1", tmp_path / "b", cloud.url, cloud.login("terminal-b"))
    try:
        admin_b = b.sign_in(ADMIN[0], ADMIN[2])
        assert b.review.quarantined(admin_b) == []
        [line] = b.disaster.ledger(admin_b)
        assert (line.dwelling.doc_id, line.issued) == (doc_id, (first.number,))
        assert [t.kind for t in b.daily.report(admin_b, b.today()).kofu] == ["罹災証明書"]
        # both terminals survey the dwelling again without seeing each other: both kept, the more severe shown
        b.disaster.record_assessment(admin_b, AssessmentInput(setai_no, "全壊", QUAKE))
        a.disaster.record_assessment(admin_a, AssessmentInput(setai_no, "準半壊", QUAKE))
        [line] = b.disaster.ledger(admin_b, LedgerFilter(setai_no=setai_no))
        second = b.disaster.issue_risai(admin_b, by_head(b, admin_b, line.dwelling.doc_id, setai_no), render)
        assert second.number != first.number  # from the shelter terminal's own lease
        cloud_sync.sync_once(b)
        cloud_sync.sync_once(a)
        [line] = a.disaster.ledger(admin_a)
        assert line.dwelling.flagged and line.dwelling.assessment.damage is Damage.ZENKAI
        assert a.review.quarantined(admin_a) == []
        with pytest.raises(ValidationError):
            a.disaster.issue_risai(admin_a, by_head(a, admin_a, line.dwelling.doc_id, setai_no), render)
        a.disaster.record_assessment(admin_a, AssessmentInput(setai_no, "大規模半壊", QUAKE))
        [settled] = a.disaster.ledger(admin_a)
        assert not settled.dwelling.flagged and settled.dwelling.assessment.damage is Damage.DAIKIBO
    finally:
        a.close()
        b.close()
