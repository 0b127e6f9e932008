"""The 住民票の写し of a 外国人住民, read back from the PDF: the items of its 区分 (住民基本台帳法30条の45 表: 上陸期間 for
a 一時庇護許可者, 仮滞在期間 for a 仮滞在許可者, no card for an 経過滞在者) and the 氏名 in the order of the 氏名の優先区分
(§1.1.2 of the 住民記録システム標準仕様書)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from domain.kofu_rules import CertificateKind, Item, RequesterKind, request_from
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.seal import demo_seal_png
from tests.support.builders import person, tennyu
from tests.support.pdf_text import page_texts


@pytest.fixture(autouse=True)
def seal(registry: Registry, admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})


def _page(registry: Registry, admin: Staff, category: str, **items: Any) -> str:
    foreign = {"alphabet_name": "LI MING", "nationality": "中国", "category": category, "became_resident": "2026-11-18",
               **items}
    applied = registry.apply(admin, tennyu(person("李　明", "リ　メイ", "1990-01-01", "男", "世帯主", kind="外国人",
                                                  honseki=None, juminhyo_code="12345678901", foreign=foreign)))
    atena = applied.idou.rows[0].row.atena_no
    request = request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": [atena], "requester_atena": atena,
                            "requester": RequesterKind.HONNIN, "identification": "在留カード",
                            "include": [Item.ZAIRYU]})
    (page,) = page_texts(registry.kofu.issue(admin, request, render).pdfs[0])
    return page


def test_a_temporary_refuge_permit_holder_prints_the_landing_period(registry: Registry, admin: Staff) -> None:
    """法30条の45 表: 一時庇護許可者 — the 上陸期間 of the 一時庇護許可書; no 在留資格 or card lines of another 区分."""
    page = _page(registry, admin, "一時庇護許可者", landing_period="6月")
    assert "法第30条の45に規定する区分一時庇護許可者" in page and "上陸期間6月" in page
    assert not any(label in page for label in ("在留資格", "在留期間", "在留カード等の番号", "仮滞在期間"))


def test_a_provisional_stay_permit_holder_prints_the_provisional_stay_period(registry: Registry,
                                                                             admin: Staff) -> None:
    """法30条の45 表: 仮滞在許可者 — the 仮滞在期間 of the 仮滞在許可書."""
    page = _page(registry, admin, "仮滞在許可者", provisional_period="2027年5月19日まで")
    assert "法第30条の45に規定する区分仮滞在許可者" in page and "仮滞在期間2027年5月19日まで" in page
    assert not any(label in page for label in ("在留資格", "在留期間", "在留カード等の番号", "上陸期間"))


def test_a_special_permanent_resident_prints_the_certificate_number_only(registry: Registry, admin: Staff) -> None:
    """法30条の45 表: 特別永住者 — the 特別永住者証明書の番号, and no 在留資格 or 在留期間 (blank lines before)."""
    page = _page(registry, admin, "特別永住者", card_number="AB12345678CD")
    assert "在留カード等の番号AB12345678CD" in page
    assert "在留資格" not in page and "在留期間" not in page


def test_a_transitional_stayer_prints_the_category_alone(registry: Registry, admin: Staff) -> None:
    """法30条の45 表: 出生による経過滞在者 — that they are one, nothing more."""
    page = _page(registry, admin, "出生による経過滞在者")
    assert "法第30条の45に規定する区分出生による経過滞在者" in page
    assert not any(label in page for label in ("在留資格", "在留期間", "在留カード等の番号", "上陸期間", "仮滞在期間"))


@pytest.mark.parametrize(("priority", "first", "second"), [("漢字", "李明", "LIMING"), ("アルファベット", "LIMING", "李明")])
def test_the_name_is_printed_in_the_order_of_the_name_priority(registry: Registry, admin: Staff, priority: str,
                                                               first: str, second: str) -> None:
    """§1.1.2 氏名の優先区分: the 氏名 (漢字) or the 氏名（アルファベット） comes first on the paper."""
    page = _page(registry, admin, "特別永住者", card_number="AB12345678CD", name_priority=priority).replace(" ", "")
    assert first in page and second in page
    assert page.index(first) < page.index(second)
