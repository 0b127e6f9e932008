"""A person whose 転出届 is recorded and whose 転出予定日 has not come (転出予定) still lives here (法24条): the
住民票コード (住民票コードの職権記載) and 個人番号 (職権修正) that came late can still be recorded, so that the 転出証明書
that waits for them (施行令24条) can be issued. Not for one already removed. Real replicas, the PDF read back."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, KofuOnHold, RequesterKind
from local_store.registry import Registry
from local_store.staff import Staff
from tests.reports.test_certificates import _issue
from tests.support.builders import JST, NOTIFIER, TARO_MYNUMBER, Clock, family
from tests.support.pdf_text import page_texts

CODE = "80000000007"
HANAKO_MYNUMBER = "023456789013"


def _move_out(registry: Registry, admin: Staff, targets: list[str]) -> None:
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                           "notifier": NOTIFIER, "targets": targets, "destination": "東京都港区芝公園1丁目1番1号"})


def _code_entry(atena: str) -> dict[str, object]:
    return {"reason": "住民票コードの職権記載", "idou_date": "R8.11.27", "set": {atena: {"juminhyo_code": CODE}}}


def _mynumber(atena: str) -> dict[str, object]:
    return {"reason": "職権修正", "idou_date": "R8.11.27", "set": {atena: {"mynumber": HANAKO_MYNUMBER}}}


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    """The Yamada household moved in without the 住民票コード of their 転出証明書; only 山田　太郎 has a 個人番号."""
    return [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]


def test_the_code_of_one_moving_out_is_entered_and_the_tenshutsu_then_carries_it(registry: Registry, admin: Staff,
                                                                                 household: list[str]) -> None:
    taro = household[0]
    _move_out(registry, admin, [taro])
    with pytest.raises(KofuOnHold, match="住民票コードが記録されていないため転出証明書を交付できません"):
        _issue(registry, admin, taro, CertificateKind.TENSHUTSU, RequesterKind.HONNIN)
    applied = registry.apply(admin, _code_entry(taro))  # refused before: 「住民ではありません（転出）」
    (row,) = [c.row for c in applied.idou.rows]
    assert row.juminhyo_code == CODE and row.removal is not None and row.removal.reason == "国内転出"
    (page,) = page_texts(_issue(registry, admin, taro, CertificateKind.TENSHUTSU, RequesterKind.HONNIN).pdfs[0])
    assert f"住民票コード{CODE}" in page and f"個人番号{TARO_MYNUMBER}" in page
    assert "転出予定年月日令和8年12月10日" in page


def test_the_mynumber_of_one_moving_out_is_recorded_by_a_correction(registry: Registry, admin: Staff,
                                                                    household: list[str]) -> None:
    hanako = household[1]
    _move_out(registry, admin, [hanako])
    registry.apply(admin, _code_entry(hanako))
    with pytest.raises(KofuOnHold, match="山田　花子.*の個人番号が記録されていないため"):
        _issue(registry, admin, hanako, CertificateKind.TENSHUTSU, RequesterKind.HONNIN)
    registry.apply(admin, _mynumber(hanako))
    (page,) = page_texts(_issue(registry, admin, hanako, CertificateKind.TENSHUTSU, RequesterKind.HONNIN).pdfs[0])
    assert f"個人番号{HANAKO_MYNUMBER}" in page and f"住民票コード{CODE}" in page
    assert registry.person(admin, hanako).current.status.value == "転出"


def test_not_for_one_already_removed(registry: Registry, admin: Staff, clock: Clock,
                                     household: list[str]) -> None:
    """Once the 転出予定日 has come the person is 消除: their 除票 is not corrected this way."""
    hanako = household[1]
    _move_out(registry, admin, [hanako])
    clock.now = dt.datetime(2026, 12, 11, 9, 0, tzinfo=JST)
    for request in (_code_entry(hanako), _mynumber(hanako)):
        with pytest.raises(ValidationError, match="住民ではありません"):
            registry.apply(admin, request)
