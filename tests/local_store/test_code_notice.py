"""住民票コード通知 (住民基本台帳法30条の3第3項, 30条の4第3項): a 異動 that records a 住民票コード anew (出生, a first record,
the code a first record waited for, a 変更請求) names the persons owed the notice; one that only carries a code brought
along (国内転入, 住民票コードの職権記載 of one who moved in) names nobody. The notice is made for the 異動 that recorded
the present code, passes the disclosure check (a 照会, never withheld from the protected person: it is hers) and is
audited without the code. Real replicas, the PDF read back."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import ValidationError
from domain.roles import Role
from local_store.audit import Filter
from local_store.disclosure import INQUIRY_PROTECTED
from local_store.errors import PermissionDenied
from local_store.registry import Registry
from local_store.staff import Staff
from reports.code_notice_pdf import render
from tests.local_store.test_juminhyo_pool import code_file, codes
from tests.support.builders import NOTIFIER, family, person, tennyu
from tests.support.pdf_text import page_texts
from tests.support.protected import protected_town


def _birth(setai_no: str) -> dict[str, Any]:
    return {"reason": "出生", "idou_date": "R8.11.20", "household": setai_no,
            "persons": [person("山田　三郎", "ヤマダ　サブロウ", "R8.11.20", "男", "子")]}


def _entries(registry: Registry, actor: Staff, action: str) -> list[Any]:
    registry.audit.flush()
    return [e for e in registry.audit.entries(actor, Filter()) if e.action == action]


@pytest.fixture
def yamada(registry: Registry, admin: Staff) -> list[str]:
    """The Yamada household moved in (with no 住民票コード typed), and codes in this terminal's pool."""
    registry.codes.import_codes(admin, code_file(*codes(1, 5)), share=5)
    return [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]


def test_a_birth_owes_the_child_a_notice_and_a_move_in_owes_none(registry: Registry, admin: Staff,
                                                                 yamada: list[str]) -> None:
    setai = registry.person(admin, yamada[0]).current.setai_no
    born = registry.apply(admin, _birth(setai))
    (child,) = [c.row for c in born.idou.rows]
    assert born.idou.code_notices == (child.atena_no,) and child.juminhyo_code
    moved_in = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主",
                                                   juminhyo_code="12345678901"), address="さくら県みどり町中町5番地"))
    assert moved_in.idou.code_notices == ()
    with pytest.raises(ValidationError, match="新たに記載・変更したものではありません"):
        registry.idou.code_notice(admin, moved_in.idou.rows[0].row.atena_no)
    # 住民票コードの職権記載 of one who moved in without the code of their 転出証明書: their own code, not a new one.
    entered = registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.26",
                                     "set": {yamada[1]: {"juminhyo_code": "80000000007"}}})
    assert entered.idou.code_notices == ()

    notice = registry.idou.code_notice(admin, child.atena_no)
    assert (notice.code, notice.reason, notice.article) == (child.juminhyo_code, "出生", "住民基本台帳法第30条の3第3項")
    (page,) = page_texts(render(notice))
    assert page.startswith("令和8年11月27日さくら県みどり町本町2丁目3番4号山田三郎様住民票コード通知票")
    for printed in ("住民基本台帳法第30条の3第3項の規定により、あなたの住民票に住民票コードを記載したので",
                    f"住民票コード{child.juminhyo_code}", "記載の事由出生", "記載の年月日令和8年11月20日",
                    "さくら県みどり町長町長一郎"):
        assert printed in page, printed
    assert "個人番号" not in page


def test_a_first_record_that_waited_for_its_code_is_owed_the_notice_when_the_code_is_entered(
        registry: Registry, admin: Staff) -> None:
    """国外転入等 of one never recorded anywhere (first_record), drawn from the pool; and one recorded while the pool
    was empty, whose code is entered later (住民票コードの職権記載): both are the 記載 of 法30条の3第2項."""
    registry.codes.import_codes(admin, code_file(*codes(1, 1)), share=1)
    first = registry.apply(admin, tennyu(person("鈴木　花", "スズキ　ハナ", "H3.1.1", "女", "世帯主"),
                                         reason="国外転入等", address="さくら県みどり町中町6番地",
                                         previous_address="アメリカ合衆国"))
    assert first.idou.code_notices == (first.idou.rows[0].row.atena_no,)
    waiting = registry.apply(admin, {**tennyu(person("鈴木　葉", "スズキ　ヨウ", "H2.2.2", "女", "世帯主",
                                                     first_record=True), reason="職権記載",
                                              address="さくら県みどり町中町7番地"), "notified_on": None, "notifier": None})
    atena = waiting.idou.rows[0].row.atena_no
    assert waiting.idou.rows[0].row.juminhyo_code == "" and waiting.idou.code_notices == ()  # the pool is empty
    registry.codes.import_codes(admin, code_file(*codes(2, 1)), share=1)
    assert registry.codes.fill(admin) == 1  # 住民票コードの職権記載 from the pool
    notice = registry.idou.code_notice(admin, atena)
    assert (notice.code, notice.reason) == (codes(2, 1)[0], "住民票コードの職権記載")


def test_a_changed_code_owes_the_notice_of_article_30_4(registry: Registry, admin: Staff, yamada: list[str]) -> None:
    setai = registry.person(admin, yamada[0]).current.setai_no
    child = registry.apply(admin, _birth(setai)).idou.rows[0].row
    changed = registry.apply(admin, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.26", "targets": [child.atena_no],
                                     "notifier": {**NOTIFIER, "relation": "親権者（父）"}})
    assert changed.idou.code_notices == (child.atena_no,)
    notice = registry.idou.code_notice(admin, child.atena_no)
    assert notice.code == changed.idou.rows[0].row.juminhyo_code != child.juminhyo_code
    assert notice.article == "住民基本台帳法第30条の4第3項" and notice.reason == "住民票コードの変更請求"
    assert "住民票コードの記載の変更を行った" in page_texts(render(notice))[0]


def test_who_may_and_what_the_audit_keeps(registry: Registry, admin: Staff, yamada: list[str]) -> None:
    setai = registry.person(admin, yamada[0]).current.setai_no
    child = registry.apply(admin, _birth(setai)).idou.rows[0].row
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    clerk = registry.sign_in("clerk", "clerk-pw")
    registry.idou.code_notice(clerk, child.atena_no)  # printed at the counter by whoever records 異動
    with pytest.raises(PermissionDenied):
        registry.idou.code_notice(clerk, child.atena_no, export=True)  # a file: 係長 or above
    registry.idou.code_notice(admin, child.atena_no, export=True)
    made = _entries(registry, admin, "住民票コード通知")
    assert [(e.staff, e.target) for e in made] == [("clerk", child.atena_no), ("admin", child.atena_no)]
    assert all(child.juminhyo_code not in e.detail for e in made)
    assert [e.staff for e in _entries(registry, admin, "住民票コード通知ファイル出力")] == ["admin"]
    assert [e.target for e in _entries(registry, admin, "照会") if e.target == child.atena_no] == [child.atena_no] * 2


def test_the_protected_person_s_notice_is_still_hers(registry: Registry, admin: Staff) -> None:
    """A 支援措置 keeps her 住所 from others; the notice goes to her alone: made, audited as 照会（支援措置対象者）."""
    town = protected_town(registry, admin)
    hanako = town.hanako.atena_no
    registry.codes.import_codes(admin, code_file(*codes(1, 1)), share=1)
    registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.26",
                           "set": {hanako: {"juminhyo_code": "80000000007"}}})
    changed = registry.apply(admin, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.26", "targets": [hanako],
                                     "notifier": {"name": "乙川　花子", "relation": "本人",
                                                  "identification": "運転免許証"}})
    assert changed.idou.code_notices == (hanako,)
    clerk = registry.sign_in("clerk", "clerk-pw")
    notice = registry.idou.code_notice(clerk, hanako)
    assert notice.address == town.hanako.address.full() and notice.code == codes(1, 1)[0]
    assert _entries(registry, admin, INQUIRY_PROTECTED)[-1].target == hanako
