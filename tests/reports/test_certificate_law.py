"""Every printed line true: what the law (住民基本台帳法) and the standard specification (住民記録システム標準仕様書)
say a certified copy holds, read back from the generated PDF."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from domain.certificate_items import person_fields
from domain.errors import ValidationError
from domain.idou import HEAD_DIES
from domain.kofu_rules import (
    CertificateKind,
    Decision,
    Disposal,
    Item,
    KofuRefused,
    RequesterKind,
    item_refusals,
    request_from,
)
from domain.records import Person
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.seal import demo_seal_png
from tests.support.builders import NOTIFIER, family, numbered, person, tennyu
from tests.support.pdf_text import page_texts

HONNIN = {"requester": RequesterKind.HONNIN, "identification": "運転免許証"}
THIRD_PARTY = {"requester": RequesterKind.DAISANSHA, "requester_name": "甲野　一郎",
               "requester_address": "東京都千代田区霞が関1丁目1番1号", "identification": "運転免許証",
               "reason": "訴訟の提起", "qualification": "弁護士", "registration_no": "12345", "office": "甲野法律事務所",
               "form_no": "A-0001", "client": "株式会社みどり商事"}


@pytest.fixture(autouse=True)
def seal(registry: Registry, admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})


def _pages(registry: Registry, admin: Staff, atena: str, *, requester: dict[str, Any] = HONNIN,
           kind: CertificateKind = CertificateKind.JUMINHYO, **extra: Any) -> list[str]:
    values = {"kind": kind, "atena_nos": [atena], "requester_atena": atena, **requester, **extra}
    return page_texts(registry.kofu.issue(admin, request_from(values), render).pdfs[0])


def _page(registry: Registry, admin: Staff, atena: str, **extra: Any) -> str:
    (page,) = _pages(registry, admin, atena, **extra)
    return page


def _moved_in(registry: Registry, admin: Staff, *persons: dict[str, Any], **extra: Any) -> list[str]:
    return [c.row.atena_no for c in registry.apply(admin, tennyu(*persons, **extra)).idou.rows]


def test_an_unmarried_partner_is_printed_with_full_width_brackets(registry: Registry, admin: Staff) -> None:
    """§1.1.11 lists 夫（未届） and 妻（未届） with full-width brackets; the 続柄 is held half-width, printed as listed."""
    head, _partner = _moved_in(registry, admin, person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
                               person("鈴木　花子", "スズキ　ハナコ", "S52.3.3", "女", "妻（未届）"))
    page = _page(registry, admin, head, household=True, include=[Item.SETAINUSHI])
    assert "続柄妻（未届）" in page and "(未届)" not in page


@pytest.mark.parametrize(("typed", "printed"), [("S50年頃", "昭和50年頃"), ("1975年頃", "昭和50年頃"),
                                                ("s50年月日不詳", "昭和50年月日不詳"), ("推定S50年3月4日", "推定昭和50年3月4日")])
def test_an_unknown_birth_date_prints_in_the_specifications_words(registry: Registry, admin: Staff, typed: str,
                                                                   printed: str) -> None:
    """§1.1.8 (不詳日入力一覧: 「令和○○年頃」…) and §1.1.9 (和暦 on certificates): whatever was typed, the paper says
    昭和50年頃, never the era letter or a 西暦 year (the blank of 「昭和50年　月日不詳」 is a space the reader drops)."""
    (atena,) = _moved_in(registry, admin, person("山田　太郎", "ヤマダ　タロウ", typed, "男", "世帯主"))
    page = _page(registry, admin, atena)
    assert f"生年月日{printed}" in page and typed.upper() not in page.upper()


@pytest.mark.parametrize("birth", ["明治45年7月30日", "大正元年7月30日", "大正15年12月25日", "昭和元年12月25日"])
def test_a_day_two_eras_share_prints_in_the_era_given(registry: Registry, admin: Staff, birth: str) -> None:
    """§1.1.8: 明治45年7月30日 and 大正15年12月25日 must be settable (to match the 戸籍): the era given is kept and
    printed, and the other writing of the same day is not."""
    (atena,) = _moved_in(registry, admin, person("山田　太郎", "ヤマダ　タロウ", birth, "男", "世帯主"))
    page = _page(registry, admin, atena)
    assert f"生年月日{birth}" in page
    other = {"明治45年7月30日": "大正元年", "大正元年7月30日": "明治45年", "大正15年12月25日": "昭和元年",
             "昭和元年12月25日": "大正15年"}[birth]
    assert other not in page


def test_a_third_party_gets_the_day_the_address_was_set(registry: Registry, admin: Staff) -> None:
    """法12条の3第1項: a 第三者 receives the 基礎証明事項, which are 法7条1–3号 and 7号 (住所 and 住所を定めた年月日);
    not the 住民となった年月日, 届出日 or 転入前住所."""
    atena = _moved_in(registry, admin, person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"))[0]
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [atena],
                           "address": {"text": "さくら県みどり町本町5丁目1番1号"}})
    page = _page(registry, admin, atena, requester=THIRD_PARTY)
    assert "住所さくら県みどり町本町5丁目1番1号" in page and "住所を定めた年月日令和8年11月26日" in page
    for label in ("住民となった年月日", "届出日", "転入前住所"):
        assert label not in page


@pytest.mark.parametrize("item", [Item.JUMINHYO_CODE, Item.MYNUMBER])
def test_a_number_not_yet_given_waits_not_printed_blank(registry: Registry, admin: Staff, item: Item) -> None:
    """法7条8号の2・13号: the 個人番号 and 住民票コード are items of the 住民票; one the person does not have yet
    (付番待ち) cannot be certified blank. The 交付 waits for it naming why, the 交付 screen says 付番待ち."""
    atena = _moved_in(registry, admin, person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"))[0]
    reason = f"{item.value}は付番待ちのため記載できません"
    resident = registry.person(admin, atena).current
    assert item_refusals(CertificateKind.JUMINHYO, RequesterKind.HONNIN, resident)[item] == reason
    with pytest.raises(KofuRefused, match=reason):
        _page(registry, admin, atena, include=[item])
    assert registry.kofu.history(admin, atena) == []  # it waits for the number: not a refusal
    for request in numbered([atena]):
        registry.apply(admin, request)
    numbered_now = registry.person(admin, atena).current
    assert item not in item_refusals(CertificateKind.JUMINHYO, RequesterKind.HONNIN, numbered_now)
    page = _page(registry, admin, atena, include=[item])
    assert f"{item.value}{numbered_now.juminhyo_code if item is Item.JUMINHYO_CODE else numbered_now.mynumber}" in page


def test_the_last_page_ends_with_ika_yohaku(registry: Registry, admin: Staff) -> None:
    """Nothing may be added under the last person of a certified copy: the last page (only) says 「以下余白」."""
    members = [person(f"川村　{n}", "カワムラ　タロウ", "H2.1.1", "男", "世帯主" if i == 0 else "子")
               for i, n in enumerate("一二三四五")]
    atena = _moved_in(registry, admin, *members)[0]
    first, second = _pages(registry, admin, atena, household=True)
    assert "以下余白" not in first and second.index("川村五") < second.index("以下余白") < second.index("証明する")
    (single,) = _pages(registry, admin, atena, individual=True)
    assert "以下余白" in single


def test_the_notification_date_stays_that_of_the_move_in(registry: Registry, admin: Staff) -> None:
    """法7条8号: the 届出の年月日 printed with the 転入前住所 is that of the 転入届; a later 届出 (世帯主変更 …) has its
    own and does not replace it."""
    household = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.apply(admin, {"reason": "世帯主変更", "idou_date": "R8.11.26", "notified_on": "R8.11.27",
                           "notifier": NOTIFIER, "targets": [household[1]],
                           "relationships": {household[0]: "夫", household[2]: "子", household[3]: "子"}})
    page = _page(registry, admin, household[1])
    assert "届出日令和8年11月25日" in page and "令和8年11月27日転入前住所" not in page


def test_an_ex_officio_record_prints_its_own_date_as_the_notification_date(registry: Registry, admin: Staff) -> None:
    """法7条8号: 「職権で住民票の記載をした者については、その年月日」: the day of the 職権記載, not a blank."""
    request = tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"), reason="職権記載")
    del request["notified_on"], request["notifier"]
    (atena,) = [c.row.atena_no for c in registry.apply(admin, request).idou.rows]
    assert "届出日令和8年11月27日" in _page(registry, admin, atena)  # the test clock's today


def test_a_birth_records_the_date_of_its_notification(registry: Registry, admin: Staff) -> None:
    """法7条8号 for a newborn: the 出生届's 届出日 (§4.2.0.4 戸籍届出日) is kept on the child's row and printed."""
    household = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    setai = registry.person(admin, household[0]).current.setai_no
    applied = registry.apply(admin, {"reason": "出生", "idou_date": "R8.11.22", "notified_on": "R8.11.26",
                                     "household": setai,
                                     "persons": [person("山田　三郎", "ヤマダ　サブロウ", "R8.11.22", "男", "子")]})
    assert applied.idou.notified_on is None  # a 戸籍届出, not a 住民届 (not on the 法52条 list)
    page = _page(registry, admin, applied.idou.rows[0].row.atena_no)
    assert "住民となった年月日令和8年11月22日" in page and "届出日令和8年11月26日" in page
    with pytest.raises(ValidationError, match="届出日が異動日より前"):
        registry.apply(admin, {"reason": "出生", "idou_date": "R8.11.22", "notified_on": "R8.11.21",
                               "household": setai, "persons": [person("山田　四郎", "ヤマダ　シロウ", "R8.11.22", "男",
                                                                     "子")]})


def test_a_row_kept_before_the_move_in_date_was_kept_prints_what_it_has() -> None:
    """Replicas hold rows written before each item kept its own 届出日: they print the 届出日 they hold."""
    fields = {f.label: f.value for f in person_fields(CertificateKind.JUMINHYO, _old_row(), _decision(),
                                                      with_address=False)}
    assert fields["届出日"] == "令和8年11月25日"


def _old_row() -> Person:
    """A 転入 row as stored before `entry_notified_on` was kept."""
    return Person.from_json({
        "atena_no": "0001000004", "setai_no": "0001000004", "name": "山田　太郎", "name_kana": "ヤマダ　タロウ",
        "birth": "1975-01-01", "sex": "男", "relationship": "世帯主", "address": {"text": "さくら県みどり町本町2丁目"},
        "resident_since": "2026-11-20", "address_since": "2026-11-20", "notified_on": "2026-11-25"})


def _decision() -> Decision:
    return Decision(frozenset(), False, Disposal.HANDED, 300)


def test_a_foreign_resident_has_the_day_they_became_a_foreign_resident(registry: Registry, admin: Staff) -> None:
    """法30条の45: for a 外国人住民, 法7条5・6・9号 give way to the items of 30条の45: the copy shows 外国人住民となった
    年月日, not 住民となった年月日."""
    (atena,) = _moved_in(registry, admin, person(
        "グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人", honseki=None,
        foreign={"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": "中長期在留者",
                 "became_resident": "2026-11-18", "residence_status": "技能実習", "period": "3年",
                 "period_expiry": "2029-11-19", "card_number": "AB12345678CD"}))
    page = _page(registry, admin, atena)
    assert "外国人住民となった年月日令和8年11月18日" in page
    assert page.count("住民となった年月日") == 1  # only inside 外国人住民となった年月日


def test_the_death_of_the_head_names_the_new_head_in_the_same_idou(registry: Registry, admin: Staff) -> None:
    """§4.0.4: when the 世帯主 leaves and one member remains, that member becomes 世帯主 by 職権 in the same 処理 (two
    or more remaining: their 続柄 anew); until it is named, the 死亡 is not recorded and the copy never shows an
    empty 世帯主 with 「妻」."""
    head, wife = _moved_in(registry, admin, person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
                           person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"))
    death = {"reason": "死亡", "idou_date": "R8.11.26", "targets": [head]}
    with pytest.raises(ValidationError, match=HEAD_DIES.replace("（", r"\（").replace("）", r"\）")):
        registry.apply(admin, death)
    with pytest.raises(ValidationError, match=HEAD_DIES.replace("（", r"\（").replace("）", r"\）")):
        registry.apply(admin, death | {"relationships": {wife: "妻"}})
    applied = registry.apply(admin, death | {"relationships": {wife: "世帯主"}})
    assert {c.row.atena_no: c.row.relationship for c in applied.idou.rows} == {head: "世帯主", wife: "世帯主"}
    page = _page(registry, admin, wife, include=[Item.SETAINUSHI])
    assert "世帯主山田花子" in page and "続柄世帯主" in page and "続柄妻" not in page
