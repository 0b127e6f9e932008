"""Every disclosure passes the one check (local_store/disclosure.py), on a real replica through the facade: the
罹災証明書 of a protected household like every certificate, the lists (被災者台帳 and its CSV, 付番待ち, notices, the
inbox, the 異動一覧) without her for 窓口 and with her for 係長, search rows marked and the 照会 of her audited; and a
scan of the services, so that a new list or certificate cannot forget the check."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path
from typing import Any

import pytest

from domain.disaster import AssessmentInput, LedgerFilter, RisaiRequest
from domain.errors import ValidationError
from domain.kofu_rules import Requester, RequesterKind
from domain.mynumber_import import parse
from domain.protection import (
    JudgmentRequired,
    OffenderRefused,
    StrictIdentificationRequired,
)
from local_store import disclosure
from local_store.audit import Filter
from local_store.disclosure import INQUIRY_PROTECTED
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.risai_pdf import render
from tests.support.builders import NOW
from tests.support.notices import notice_file, write
from tests.support.protected import protected_town

QUAKE = "令和8年11月27日の地震"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """The protected town (tests.support.protected), with its staff signed in."""
    found = protected_town(registry, admin)
    return {"taro": found.taro, "hanako": found.hanako, "ichiro": found.ichiro, "sato": found.sato,
            "chief": registry.sign_in("chief", "chief-pw"), "clerk": registry.sign_in("clerk", "clerk-pw"),
            "admin": admin}


def entries(registry: Registry, actor: Staff, action: str) -> list[Any]:
    registry.audit.flush()
    return [e for e in registry.audit.entries(actor, Filter()) if e.action == action]


def assess(registry: Registry, actor: Staff, setai_no: str, damage: str = "半壊") -> str:
    return registry.disaster.record_assessment(actor, AssessmentInput(setai_no, damage, QUAKE))[0]


def risai(assessment: str, kind: RequesterKind, identification: str, **items: str) -> RisaiRequest:
    return RisaiRequest(assessment, Requester(kind=kind, name=items.pop("name", ""), identification=identification,
                                              **items))


# --- the 罹災証明書 ------------------------------------------------------------------------------------------------


def test_her_household_s_risai_certificate_passes_the_check_of_every_certificate(registry: Registry,
                                                                                 town: dict[str, Any]) -> None:
    clerk, chief, hanako = town["clerk"], town["chief"], town["hanako"]
    doc_id = assess(registry, clerk, hanako.setai_no)
    # The 加害者 as her 代理人: refused, whatever a supervisor says; the refusal is in the 交付履歴 and the audit.
    with pytest.raises(OffenderRefused):
        registry.disaster.issue_risai(clerk, risai(doc_id, RequesterKind.DAIRININ, "運転免許証", name="乙川 太郎",
                                                   proxy_letter="委任状", principal_atena=hanako.atena_no),
                                      render, judgment=Judgment(chief, "家族なので"))
    # She herself: only with a photo ID.
    with pytest.raises(StrictIdentificationRequired):
        registry.disaster.issue_risai(clerk, risai(doc_id, RequesterKind.HONNIN, "健康保険証と年金手帳",
                                                   atena_no=hanako.atena_no), render)
    mine = registry.disaster.issue_risai(clerk, risai(doc_id, RequesterKind.HONNIN, "運転免許証",
                                                      atena_no=hanako.atena_no), render)
    assert mine.certificate.head_name == "乙川　花子"
    # Anyone else (a 代理人 she named): only with a supervisor's judgment.
    for_her = risai(doc_id, RequesterKind.DAIRININ, "運転免許証", name="支援　員", proxy_letter="委任状",
                    principal_atena=hanako.atena_no)
    with pytest.raises(JudgmentRequired):
        registry.disaster.issue_risai(clerk, for_her, render)
    judged = registry.disaster.issue_risai(clerk, for_her, render, judgment=Judgment(chief, "支援団体の職員と確認"))
    assert judged.number != mine.number

    history = [e for e in registry.kofu.history(chief, hanako.atena_no) if e["request"]["kind"] == "罹災証明書"]
    assert [e["disposal"] for e in history] == ["拒否", "拒否", "交付", "交付"]  # waiting for a judgment: no 拒否
    assert history[0]["protection"]["measures"] and "加害者" in history[0]["refusal"]
    assert history[2]["request"]["requester"]["atena_no"] == hanako.atena_no
    assert history[2]["request"]["requester"]["name"] == "乙川　花子"  # the registry's name, never as typed
    assert history[2]["protection"]["check"] == "本人"
    assert {hanako.atena_no, town["ichiro"].atena_no} <= set(history[3]["persons"])
    refusals = entries(registry, chief, "交付拒否")
    assert len(refusals) == 2 and all("罹災証明書" in e.detail for e in refusals)
    held = entries(registry, chief, "交付保留")
    assert len(held) == 1 and "罹災証明書" in held[0].detail
    judgments = [e for e in registry.audit.entries(chief, Filter(staff="chief")) if "罹災証明書" in e.detail]
    assert len(judgments) == 1 and "支援団体の職員と確認" in judgments[0].detail
    # Issued twice, refused three times: the 台帳 lists only the issued numbers.
    (line,) = registry.disaster.ledger(clerk, LedgerFilter(setai_no=hanako.setai_no))
    assert line.issued == (mine.number, judged.number)


def test_who_may_ask_for_a_risai_certificate(registry: Registry, town: dict[str, Any]) -> None:
    clerk, sato, hanako = town["clerk"], town["sato"], town["hanako"]
    doc_id = assess(registry, clerk, sato.setai_no)
    issued = registry.disaster.issue_risai(clerk, risai(doc_id, RequesterKind.HONNIN, "健康保険証と年金手帳",
                                                        atena_no=sato.atena_no), render)
    assert issued.certificate.head_name == "佐藤　一郎"  # nobody protected: no photo ID, no judgment needed
    refused = {
        "第三者": risai(doc_id, RequesterKind.DAISANSHA, "運転免許証", name="不動産　業者"),
        "被災した世帯の人": risai(doc_id, RequesterKind.HONNIN, "運転免許証", atena_no=hanako.atena_no),
        "本人確認": risai(doc_id, RequesterKind.HONNIN, "", atena_no=sato.atena_no),
        "委任状": risai(doc_id, RequesterKind.DAIRININ, "運転免許証", name="代理　人", principal_atena=sato.atena_no),
    }
    for expected, request in refused.items():
        with pytest.raises(ValidationError) as err:
            registry.disaster.issue_risai(clerk, request, render)
        assert expected in err.value.message


# --- lists ---------------------------------------------------------------------------------------------------------


def test_the_ledger_leaves_her_household_out_for_the_counter_and_of_the_csv(registry: Registry,
                                                                           town: dict[str, Any]) -> None:
    clerk, chief, hanako = town["clerk"], town["chief"], town["hanako"]
    hers, _ = assess(registry, clerk, hanako.setai_no), assess(registry, clerk, town["sato"].setai_no, "全壊")
    assert [line.dwelling.assessment.setai_no for line in registry.disaster.ledger(clerk)] == [town["sato"].setai_no]
    assert {line.dwelling.doc_id for line in registry.disaster.ledger(chief)} >= {hers}
    rows = list(csv.DictReader(io.StringIO(registry.disaster.ledger_csv(chief))))
    assert [r["世帯番号"] for r in rows] == [town["sato"].setai_no]  # a file: left out whoever writes it
    # Her household named by its 世帯番号 (she stands at the counter): a look-up, shown, and audited as a 照会.
    (line,) = registry.disaster.ledger(clerk, LedgerFilter(setai_no=hanako.setai_no))
    assert line.dwelling.doc_id == hers
    ledger = entries(registry, chief, "被災者台帳")
    assert "支援措置対象者の1件を除外" in ledger[0].detail and ledger[0].staff == "clerk"
    assert f"支援措置対象者 {hanako.atena_no},{town['ichiro'].atena_no} 係長以上に表示" in ledger[1].detail
    assert "支援措置対象者の1件を除外" in entries(registry, chief, "被災者台帳の出力")[0].detail
    (looked_up,) = entries(registry, chief, INQUIRY_PROTECTED)
    assert (looked_up.staff, looked_up.target) == ("clerk", f"{hanako.atena_no},{town['ichiro'].atena_no}")


def test_the_numbers_waiting_leave_her_out_for_the_counter(registry: Registry, town: dict[str, Any]) -> None:
    clerk, chief, hanako = town["clerk"], town["chief"], town["hanako"]
    assert {p.name for p in registry.mynumber.awaiting(clerk)} == {"乙川　太郎", "佐藤　一郎"}
    shown = {p.name: p.protected for p in registry.mynumber.awaiting(chief)}
    assert shown == {"乙川　太郎": False, "乙川　花子": True, "乙川　一郎": True, "佐藤　一郎": False}
    assert "支援措置対象者の2件を除外" in entries(registry, chief, "付番待ち一覧")[0].detail
    assert registry.codes.awaiting(clerk) == []  # the 住民票コード list passes the same check
    # The file that brings her number names her: the counter records it though the list left her out.
    assert registry.mynumber.fill(clerk, parse(f"{hanako.atena_no},111111111118\n")) == 1
    assert hanako.atena_no not in {p.atena_no for p in registry.mynumber.awaiting(chief)}


def test_the_notices_leave_her_out_for_the_counter_and_go_to_the_offices(registry: Registry, town: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    clerk, chief, admin, hanako = town["clerk"], town["chief"], town["admin"], town["hanako"]
    theirs = {town["hanako"].atena_no, town["ichiro"].atena_no}
    assert not {n["atena_no"] for n, _ in registry.notices.outgoing(clerk)} & theirs
    assert {n["atena_no"] for n, _ in registry.notices.outgoing(chief)} >= theirs
    written = registry.notices.export(admin, tmp_path / "notices.json")  # the law owes them: every notice goes
    assert written.count == len(registry.notices.outgoing(chief, pending=False))
    (carried,) = entries(registry, admin, "持出し")
    assert f"支援措置対象者 {','.join(sorted(theirs))} を含む" in carried.detail
    # A notice received about her (a change of name from the 戸籍 side): the inbox and its proposal, for 係長.
    koseki = {"id": "k1", "kind": "氏名・本籍の変更", "sender": "さくら県みどり町",
              "person": {"name": "乙川　花子", "name_kana": "オツカワ　ハナコ", "birth": "1977-03-03",
                         "changed_on": "2026-11-20", "changes": {"name": "甲野　花子", "name_kana": "コウノ　ハナコ"}}}
    registry.notices.import_file(clerk, write(tmp_path / "koseki.json", notice_file(koseki)))
    assert registry.notices.inbox(clerk) == []
    (received,) = registry.notices.inbox(chief)
    with pytest.raises(ValidationError, match="見つかりません"):
        registry.notices.proposal(clerk, received.id)
    assert registry.notices.proposal(chief, received.id).request is not None
    assert hanako.atena_no in entries(registry, chief, "受付通知一覧")[1].detail


def test_the_day_s_idou_list_shows_her_to_a_supervisor_named_in_the_audit(registry: Registry,
                                                                          town: dict[str, Any]) -> None:
    report = registry.daily.report(town["chief"], NOW.date())
    assert any(town["hanako"].atena_no in dict(line.persons) for line in report.idou)
    (listed,) = entries(registry, town["chief"], "異動一覧・日計")
    assert town["hanako"].atena_no in listed.detail and listed.target == NOW.date().isoformat()


# --- search ----------------------------------------------------------------------------------------------------------


def test_search_rows_mark_her_for_every_staff_member_and_audit_her_inquiry(registry: Registry,
                                                                           town: dict[str, Any]) -> None:
    clerk, chief = town["clerk"], town["chief"]
    found = registry.search(clerk, "オツカワ")
    rows = {r.name: r.protected for r in registry.summaries(found.ids)}
    assert rows == {"乙川　太郎": False, "乙川　花子": True, "乙川　一郎": True}
    (seen,) = entries(registry, chief, INQUIRY_PROTECTED)
    assert (seen.staff, seen.target) == ("clerk", f"{town['hanako'].atena_no},{town['ichiro'].atena_no}")
    assert seen.detail == "検索の結果に表示"
    registry.search(clerk, "サトウ")  # nobody protected among the hits: no such entry
    assert len(entries(registry, chief, INQUIRY_PROTECTED)) == 1


# --- nothing forgets the check ---------------------------------------------------------------------------------------

# What a service method returns that discloses persons: their rows, records, lists or certificates.
PERSON_TYPES = {"PersonSummary", "PersonRecord", "SearchResult", "LedgerLine", "DailyReport", "Received", "Proposal",
                "Sent", "Fork", "DuplicateNumber", "SamePerson", "Issued", "RisaiIssued", "EtsuranList", "Registration",
                "InkanRecord", "CodeNotice"}
EXPORT_NAMES = ("csv", "export")  # and what writes them out


def _calls_the_check(methods: dict[str, ast.FunctionDef], name: str, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a method uses `self._disclosure`, itself or through another method of its class it calls."""
    for node in ast.walk(methods[name]):
        if isinstance(node, ast.Attribute) and node.attr == "_disclosure":
            return True
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
                and node.attr in methods and node.attr not in seen
                and _calls_the_check(methods, node.attr, seen | {name})):
            return True
    return False


def _disclosing_methods() -> dict[str, bool]:
    """Every public method of a service that returns persons' data or writes an export, by "Class.method": whether
    it calls the disclosure check."""
    found: dict[str, bool] = {}
    for path in sorted((ROOT / "local_store").glob("*_service.py")):
        for cls in (n for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, ast.ClassDef)):
            methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
            for name, function in methods.items():
                returns = ast.unparse(function.returns) if function.returns else ""
                if not name.startswith("_") and (any(t in returns for t in PERSON_TYPES)
                                                 or name.endswith(EXPORT_NAMES)):
                    found[f"{cls.name}.{name}"] = _calls_the_check(methods, name)
    return found


def test_every_service_method_that_discloses_persons_calls_the_check_or_says_why_not() -> None:
    doc = disclosure.__doc__ or ""
    table, exempt = doc.split("Not through it", 1)
    methods = _disclosing_methods()
    assert {"DisasterService.issue_risai", "DisasterService.ledger", "MynumberService.awaiting",
            "NoticesService.outgoing", "ResidentsService.summaries", "KofuService.issue"} <= set(methods)
    unchecked = sorted(m for m, calls in methods.items() if not calls and m not in exempt
                       and m.split(".")[0] not in exempt)
    assert unchecked == [], "a service method discloses persons without the check (or add it to the docstring's " \
                            "list of paths not through it, with the reason)"
    unlisted = sorted(m for m, calls in methods.items() if calls and f"| {m} " not in table)
    assert unlisted == [], "list every disclosure path in local_store/disclosure.py's docstring"
