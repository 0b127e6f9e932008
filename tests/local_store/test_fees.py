"""The town's 手数料 table on a real replica: a fee per kind and 無料・減免 categories in the settings, the category
chosen at the 交付 (the command line too), recorded in the 交付履歴 and totalled by the 日計."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, KofuIncomplete, RequesterKind, request_from
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.cli import cli

TODAY = dt.date(2026, 11, 27)
TOWN_FEES = {"kinds": {"住民票の写し": 350}, "categories": {"公用": 0, "生活保護": 0, "ひとり親": 150}}


def juminhyo(atena: str, copies: int = 1, category: str = "", requester: RequesterKind = RequesterKind.HONNIN) -> Any:
    values: dict[str, Any] = {"kind": CertificateKind.JUMINHYO, "requester": requester, "atena_nos": [atena],
                              "copies": copies, "identification": "運転免許証", "fee_category": category}
    if requester is RequesterKind.HONNIN:
        values["requester_atena"] = atena
    else:
        values |= {"requester_name": "みどり町税務課", "agency_officer": "主事 山田", "legal_basis": "地方税法20条の11",
                   "reason": "課税調査"}
    return request_from(values)


@pytest.fixture
def head(registry: Registry, admin: Staff) -> str:
    return registry.apply(admin, family()).idou.rows[0].row.atena_no


def test_the_towns_fee_is_charged_per_copy(registry: Registry, admin: Staff, head: str) -> None:
    assert registry.kofu.issue(admin, juminhyo(head, 2), render).decision.fee == 600  # the default table: 300円
    registry.settings.update(admin, {"fees": TOWN_FEES})
    issued = registry.kofu.issue(admin, juminhyo(head, 2), render)
    assert issued.decision.fee == 700
    assert registry.kofu.history(admin, head)[-1]["fee"] == 700


def test_a_category_charges_its_amount_is_recorded_and_the_daily_totals_it(
        registry: Registry, admin: Staff, head: str) -> None:
    registry.settings.update(admin, {"fees": TOWN_FEES})
    registry.kofu.issue(admin, juminhyo(head, 2), render)
    assert registry.kofu.issue(admin, juminhyo(head, 3, "生活保護"), render).decision.fee == 0
    assert registry.kofu.issue(admin, juminhyo(head, 1, "ひとり親"), render).decision.fee == 150
    kouyou = registry.kofu.issue(admin, juminhyo(head, 1, requester=RequesterKind.KOUYOU), render)
    assert (kouyou.decision.fee, kouyou.decision.fee_category) == (0, "公用")
    recorded = registry.kofu.history(admin, head)
    assert [e["fee_category"] for e in recorded] == ["", "生活保護", "ひとり親", "公用"]
    assert recorded[1]["request"]["fee_category"] == "生活保護"
    report = registry.daily.report(admin, TODAY)
    by_category = {c.category: (c.requests, c.copies, c.fee) for c in report.categories}
    assert by_category == {"通常": (1, 2, 700), "生活保護": (1, 3, 0), "ひとり親": (1, 1, 150), "公用": (1, 1, 0)}
    assert report.categories[0].category == "通常" and sum(c.fee for c in report.categories) == report.fee == 850


def test_an_unknown_category_or_公用_for_a_resident_is_put_right_at_the_counter(
        registry: Registry, admin: Staff, head: str) -> None:
    for category in ("存在しない区分", "公用"):
        with pytest.raises(KofuIncomplete):
            registry.kofu.issue(admin, juminhyo(head, 1, category), render)
    assert registry.kofu.history(admin, head) == []  # 入力不備: not a refusal


@pytest.mark.parametrize("fees", [
    {"kinds": {"住民票の写し": 10001}}, {"kinds": {"住民票の写し": -1}}, {"kinds": {"住民票の写し": "350"}},
    {"kinds": {"住民票の写し": 3.5}}, {"kinds": {"印鑑証明": 300}}, {"categories": {"生活保護": 10001}},
    {"categories": {"": 0}}, {"categories": {"公用": 100}}, {"kinds": []}])
def test_an_invalid_table_is_refused(registry: Registry, admin: Staff, fees: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.settings.update(admin, {"fees": fees})
    assert refused.value.item in ("手数料", "減免区分")
    assert "fees" not in registry.settings.get()


def test_the_command_line_chooses_the_category_and_the_daily_shows_it(
        tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    registry.settings.update(admin, {"fees": TOWN_FEES})
    registry.close()
    signed = ("--as", ADMIN[0], "--password-stdin")
    ran = cli(data_dir, *signed, "certificate", atena, "--kind", "juminhyo", "--requester", "honnin",
              "--requester-atena", atena, "--identification", "運転免許証", "--copies", "2",
              "--fee-category", "生活保護", "--out", str(tmp_path / "c.pdf"), stdin=f"{ADMIN[2]}\n", clock=clock)
    assert ran.returncode == 0, ran.stderr
    assert "手数料 0円（生活保護）" in ran.stdout
    wrong = cli(data_dir, *signed, "certificate", atena, "--kind", "juminhyo", "--requester", "honnin",
                "--requester-atena", atena, "--identification", "運転免許証", "--fee-category", "無い区分",
                "--out", str(tmp_path / "d.pdf"), stdin=f"{ADMIN[2]}\n", clock=clock)
    assert wrong.returncode == 2 and "減免区分「無い区分」は設定にありません" in wrong.stderr
    daily = cli(data_dir, *signed, "report", "daily", "--date", TODAY.isoformat(), stdin=f"{ADMIN[2]}\n", clock=clock)
    assert daily.returncode == 0, daily.stderr
    assert "  生活保護  1件  2通  0円" in daily.stdout
