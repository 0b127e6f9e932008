"""The 除票 of a returning former resident: the earlier stay under the same 宛名番号 stays issuable as its own 除票
(施行令34条: 150 years), chosen by its number, printing that stay's items, through the same checks as every 交付."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.history import residences
from domain.kofu_rules import CertificateKind, KofuIncomplete, KofuRefused, RequesterKind, request_from
from domain.protection import Offender, OffenderRefused, Process
from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.seal import demo_seal_png
from tests.support.builders import NOTIFIER, person, tennyu
from tests.support.pdf_text import page_texts

FIRST = "さくら県みどり町本町2丁目3番4号"
MOVED = "さくら県みどり町北町8番地"
AWAY = "東京都港区芝公園4丁目2番8号"
BACK = "さくら県みどり町中町5番地"
HONNIN = {"requester": RequesterKind.HONNIN, "identification": "運転免許証"}


@pytest.fixture(autouse=True)
def seal(registry: Registry, admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})


def hanako() -> dict[str, Any]:
    return person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主")


@pytest.fixture
def returned(registry: Registry, admin: Staff) -> str:
    """山田　花子 moved in, moved within the town, moved away and came back: her one 宛名番号."""
    atena = registry.apply(admin, tennyu(hanako(), address=FIRST, date="R8.11.1", notified_on="R8.11.2")
                           ).idou.rows[0].row.atena_no
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.10", "notified_on": "R8.11.11", "notifier": NOTIFIER,
                           "targets": [atena], "address": {"text": MOVED}})
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [atena], "destination": AWAY})
    back = registry.apply(admin, tennyu({**hanako(), "returning": atena}, address=BACK, date="R8.11.24",
                                        notified_on="R8.11.26", previous_address=AWAY))
    assert back.idou.rows[0].row.atena_no == atena  # one 宛名番号 for the person (registry facts)
    return atena


def issue(registry: Registry, actor: Staff, atena: str, **values: Any) -> list[str]:
    request = request_from({"kind": CertificateKind.JOHYO, "atena_nos": [atena], "requester_atena": atena, **HONNIN,
                            **values})
    return page_texts(registry.kofu.issue(actor, request, render).pdfs[0])


def test_the_earlier_stay_of_one_who_came_back_is_issued_as_its_own_johyo(registry: Registry, admin: Staff,
                                                                           returned: str) -> None:
    """施行令34条: the 除票 of the first stay is kept and issuable although the person lives here again under the same
    宛名番号; it prints that stay's 住所, 住民となった年月日, 消除事由 and its day, not today's 住民票."""
    (page,) = issue(registry, admin, returned, residence=1)
    assert "除票の写し" in page and f"住所{MOVED}" in page
    assert "住民となった年月日令和8年11月1日" in page and "住所を定めた年月日令和8年11月10日" in page
    assert "消除事由国内転出" in page and "転出予定年月日令和8年11月15日" in page and AWAY in page
    assert BACK not in page and "令和8年11月24日" not in page
    assert "この写しは、除票の原本と相違ないことを証明する。" in page


def test_the_latest_johyo_is_the_one_printed_when_none_is_named(registry: Registry, admin: Staff,
                                                                returned: str) -> None:
    (page,) = issue(registry, admin, returned)
    assert f"住所{MOVED}" in page and "消除事由国内転出" in page
    (entry,) = [e for e in registry.kofu.history(admin, returned) if e["disposal"] == "交付"]
    assert "residence" not in entry["request"]


def test_the_stay_one_lives_in_is_no_johyo_and_an_unknown_stay_is_named_with_those_there_are(
        registry: Registry, admin: Staff, returned: str) -> None:
    with pytest.raises(KofuRefused) as refused:
        issue(registry, admin, returned, residence=2)
    assert "まだ除票になっていません" in refused.value.message
    with pytest.raises(KofuIncomplete) as missing:
        issue(registry, admin, returned, residence=3)
    assert "第3回の住民票はありません" in missing.value.message
    assert "第1回　令和8年11月1日〜令和8年11月15日　国内転出" in missing.value.message


def test_the_johyo_named_is_recorded_and_issued_again_as_it_was(registry: Registry, admin: Staff,
                                                              returned: str) -> None:
    request = request_from({"kind": CertificateKind.JOHYO, "atena_nos": [returned], "requester_atena": returned,
                            **HONNIN, "residence": 1})
    issued = registry.kofu.issue(admin, request, render)
    (entry,) = registry.kofu.history(admin, returned)
    assert entry["request"]["residence"] == 1
    again = registry.kofu.reissue(admin, issued.issue_numbers[0], render)
    (page,) = page_texts(again.pdfs[0])
    assert f"住所{MOVED}" in page and BACK not in page


def test_a_choice_of_johyo_belongs_to_a_johyo_of_one_person(returned: str) -> None:
    with pytest.raises(ValidationError) as wrong_kind:
        request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": [returned], **HONNIN, "residence": 1})
    assert wrong_kind.value.item == "除票"
    with pytest.raises(ValidationError):
        request_from({"kind": CertificateKind.JOHYO, "atena_nos": [returned, "0000000019"], **HONNIN,
                      "residence": 1})


def test_the_earlier_johyo_passes_the_same_disclosure_check(registry: Registry, admin: Staff,
                                                            returned: str) -> None:
    """支援措置 holds for every 除票 of the person: the 加害者 is refused the earlier one too."""
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    chief = registry.sign_in("chief", "chief-pw")
    registry.protection.add(chief, [returned], (Process.IDOU, Process.KOFU, Process.SHOUKAI),
                            [Offender("乙川　三郎", "オツカワ　サブロウ")])
    stranger = {"requester": RequesterKind.DAISANSHA, "requester_name": "乙川　三郎", "identification": "運転免許証",
                "requester_address": "東京都千代田区霞が関1丁目1番1号", "reason": "債権回収", "evidence": "契約書"}
    request = request_from({"kind": CertificateKind.JOHYO, "atena_nos": [returned], **stranger, "residence": 1})
    with pytest.raises(OffenderRefused):
        registry.kofu.issue(admin, request, render)
    assert registry.kofu.history(admin, returned)[-1]["disposal"] == "拒否"


def test_a_returning_tennyu_cancelled_was_no_stay(registry: Registry, admin: Staff) -> None:
    """異動の取消し of the returning 転入 puts the earlier 除票 back: one stay, the same 除票 as before."""
    atena = registry.apply(admin, tennyu(hanako(), address=FIRST, date="R8.11.1")).idou.rows[0].row.atena_no
    registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [atena], "destination": "アメリカ合衆国"})
    back = registry.apply(admin, tennyu({**hanako(), "returning": atena}, address=BACK, date="R8.11.24"))
    registry.apply(admin, {"reason": "異動の取消し", "cancels": back.doc_id})
    stays = residences(registry.person(admin, atena).history)
    assert [s.number for s in stays] == [1] and stays[0].row.removal.reason == "国外転出"
    (page,) = issue(registry, admin, atena, residence=1)
    assert f"住所{FIRST}" in page and "消除事由国外転出" in page
    with pytest.raises(KofuIncomplete):
        issue(registry, admin, atena, residence=2)


def test_the_setainushi_of_an_earlier_johyo_is_the_one_of_that_household(registry: Registry, admin: Staff) -> None:
    """法7条4号 on a 除票: the 世帯主 of the household the person left, not of the one they live in now."""
    taro, wife = (c.row.atena_no for c in registry.apply(admin, tennyu(
        person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"), hanako() | {"relationship": "妻"},
        address=FIRST, date="R8.11.1")).idou.rows)
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [taro, wife], "destination": AWAY})
    registry.apply(admin, tennyu({**hanako(), "returning": wife}, address=BACK, date="R8.11.24"))
    (page,) = issue(registry, admin, wife, residence=1, include=["世帯主・続柄"])
    assert "世帯主山田太郎" in page.replace("　", "") and "続柄妻" in page
