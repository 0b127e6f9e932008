"""The counter's day: the 異動一覧 and its 点検, the 日計 of 交付, the printed sheet, and both replicated."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, KofuIncomplete, KofuRefused, RequesterKind, request_from
from domain.roles import Role
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.daily_pdf import render_daily
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, family, person, tennyu
from tests.support.terminals import enroll, now_clock

TODAY = dt.date(2026, 11, 27)


def juminhyo(atena: str, requester: RequesterKind = RequesterKind.HONNIN, copies: int = 1, asker: str = "") -> Any:
    values = {"kind": CertificateKind.JUMINHYO, "requester": requester, "atena_nos": [atena], "copies": copies,
              "requester_atena": asker or atena, "identification": "運転免許証"}
    return request_from(values)


@pytest.fixture
def day(registry: Registry, admin: Staff) -> list[str]:
    """Two 異動, two 交付 (three copies), one request put right at the counter and one refusal, all today."""
    first = registry.apply(admin, family())
    second = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                          address="さくら県みどり町中町5番地"))
    head = first.idou.rows[0].row.atena_no
    registry.kofu.issue(admin, juminhyo(head, copies=2), render)
    registry.kofu.issue(admin, juminhyo(head), render)
    with pytest.raises(KofuIncomplete):  # 入力不備: a 第三者 without a 請求事由, put right at the counter
        registry.kofu.issue(admin, juminhyo(head, RequesterKind.DAISANSHA), render)
    with pytest.raises(KofuRefused):  # refused by the law: 佐藤 is no 本人等 of 山田 (法12条)
        registry.kofu.issue(admin, juminhyo(head, asker=second.idou.rows[0].row.atena_no), render)
    return [first.doc_id, second.doc_id]


def test_the_day_lists_its_idou_and_totals_its_kofu(registry: Registry, admin: Staff, day: list[str]) -> None:
    report = registry.daily.report(admin, TODAY)
    assert [line.doc_id for line in report.idou] == day
    assert report.idou[0].reason == "国内転入" and len(report.idou[0].persons) == 4
    assert report.unchecked == 2
    [total] = report.kofu
    assert (total.kind, total.requests, total.copies, total.refused) == ("住民票の写し", 2, 3, 1)  # not the 入力不備
    assert total.fee == report.fee == 3 * 300
    assert registry.daily.report(admin, TODAY - dt.timedelta(days=1)).idou == []


def test_a_supervisor_checks_the_idou_and_the_first_mark_stays(registry: Registry, admin: Staff,
                                                               day: list[str]) -> None:
    registry.staff.add(admin, "chief", "係長　一郎", Role.SUPERVISOR, "chief-password")
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    chief = registry.sign_in("chief", "chief-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    with pytest.raises(StoreError):
        registry.daily.mark_checked(clerk, TODAY, day)
    with pytest.raises(StoreError):
        registry.daily.report(clerk, TODAY)
    assert registry.daily.mark_checked(chief, TODAY, day[:1]) == 1
    assert registry.daily.mark_checked(admin, TODAY, day) == 1  # the first is checked already: its mark stays
    lines = registry.daily.report(admin, TODAY).idou
    assert [(line.checked_by, bool(line.checked_at)) for line in lines] == [("chief", True), (ADMIN[0], True)]
    with pytest.raises(ValidationError) as refused:
        registry.daily.mark_checked(chief, TODAY - dt.timedelta(days=1), day)
    assert refused.value.item == "点検"


def test_the_printed_sheet(registry: Registry, admin: Staff, day: list[str]) -> None:
    registry.daily.mark_checked(admin, TODAY, day[:1])
    pdf = render_daily(registry.daily.report(admin, TODAY), "さくら県みどり町", registry.audit.heads(), ADMIN[0],
                       dt.datetime(2026, 11, 27, 17, 30))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    flat = re.sub(r"\s+", "", text)
    assert "異動一覧・日計表さくら県みどり町令和8年11月27日" in flat
    assert "異動一覧（2件、未点検1件）" in flat and "山田太郎" in flat and "佐藤一郎" in flat
    assert "住民票の写し2件3通900円1件" in flat and "合計2件3通900円1件" in flat
    assert "端末本庁1" in flat


def test_kofu_records_and_check_marks_reach_the_other_terminal(tmp_path: Path, cloud: Any) -> None:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    admin_a = a.sign_in(ADMIN[0], ADMIN[2])
    applied = a.apply(admin_a, family())
    a.kofu.issue(admin_a, juminhyo(applied.idou.rows[0].row.atena_no), render)
    today = a.today()
    a.daily.mark_checked(admin_a, today, [applied.doc_id])
    cloud_sync.sync_once(a)
    b = enroll(a, admin_a, "支所1", tmp_path / "b", cloud.url, cloud.login("terminal-b"))
    try:
        admin_b = b.sign_in(ADMIN[0], ADMIN[2])
        assert b.review.quarantined(admin_b) == []
        report = b.daily.report(admin_b, today)
        assert [(line.doc_id, line.checked_by) for line in report.idou] == [(applied.doc_id, ADMIN[0])]
        assert [(t.requests, t.copies) for t in report.kofu] == [(1, 1)]
    finally:
        a.close()
        b.close()


def test_a_notification_past_its_14_days_is_listed_for_the_notice(registry: Registry, admin: Staff) -> None:
    in_time = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                           date="R8.11.6", notified_on="R8.11.20"))  # 14 days: in time
    late = registry.apply(admin, tennyu(person("鈴木　次郎", "スズキ　ジロウ", "S41.4.1", "男", "世帯主"),
                                        address="さくら県みどり町中町5番地", date="R8.11.1", notified_on="R8.11.20"))
    report = registry.daily.report(admin, TODAY)
    assert [(line.doc_id, line.days_late) for line in report.late] == [(late.doc_id, 5)]
    assert {line.doc_id: line.days_late for line in report.idou}[in_time.doc_id] == 0
    pdf = render_daily(report, "さくら県みどり町", {}, ADMIN[0], dt.datetime(2026, 11, 27, 17, 30))
    flat = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                                             check=True).stdout.decode("utf-8"))
    assert "届出期間経過（法52条の通知の対象）1件" in flat and "5日経過" in flat
