"""法7条9号〜11号の2 recorded by a correction and printed where the law says; the 転出証明書 as 施行令24条 has it, its
再交付, and the 転出証明書に準ずる証明書. Real replicas, real PDFs read back."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.units import mm

from domain.errors import ValidationError
from domain.kofu_rules import (
    CertificateKind,
    Item,
    KofuIncomplete,
    KofuOnHold,
    KofuRefused,
    RequesterKind,
    item_refusals,
)
from domain.records import Person
from local_store import audit
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.qr_payload import Payload
from reports.seal import demo_seal_png
from reports.signed_pdf import QR_SIZE
from reports.verify import verify_pdf
from tests.reports.test_certificates import _issue
from tests.reports.test_verify_attacks import scanned
from tests.support.builders import NOTIFIER, family, numbered
from tests.support.pdf_text import page_texts

ELSEWHERE = "東京都港区芝公園1丁目1番1号"
OFFICES = {  # each of the four with a different set of entries
    0: {"elector": True, "kokuho": {"acquired": "R8.11.20"},
        "nenkin": {"kind": "第1号被保険者", "number": "1234-567890", "acquired": "H7.1.1"}},
    1: {"elector": True, "kokuho": {"acquired": "R8.11.20", "retired": True},
        "nenkin": {"kind": "3", "number": "2234567890", "acquired": "H9.3.3", "kind_changed": "R1.5.1"}},
    2: {"kokuho": {"acquired": "R8.11.20"}, "jidou_teate": {"began": "R8.12"}},
}


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    """The Yamada household with every number a 転出証明書 prints, and the entries of OFFICES."""
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    atena = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    for request in numbered(atena[:1], mynumbers=False) + numbered(atena[1:], 1):
        registry.apply(admin, request)
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26",
                           "set": {atena[n]: {"offices": value} for n, value in OFFICES.items()}})
    return atena


def _move_out(registry: Registry, admin: Staff, targets: list[str]) -> None:
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                           "notifier": NOTIFIER, "targets": targets, "destination": ELSEWHERE})


def _person(registry: Registry, admin: Staff, atena: str) -> Person:
    return registry.residents.person(admin, atena).current


def test_a_correction_records_them_and_a_row_without_them_still_reads(registry: Registry, admin: Staff,
                                                                      household: list[str]) -> None:
    """法7条9号〜11号の2: set by a correction 異動 (職権修正), each item as the 政令 names it (施行令3条〜4条の2)."""
    taro = _person(registry, admin, household[0])
    assert taro.offices.elector is True and taro.offices.nenkin is not None
    assert taro.offices.nenkin.number == "1234567890" and taro.offices.kouki is None
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                           "set": {household[0]: {"offices": {"kokuho": None, "kouki": {"acquired": "R8.11.27"}}}}})
    taro = _person(registry, admin, household[0])
    assert taro.offices.kokuho is None and taro.offices.kouki is not None and taro.offices.elector is True
    with pytest.raises(ValidationError, match="第2号被保険者は記載しません"):
        registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {household[3]: {"offices": {
            "nenkin": {"kind": "第2号被保険者", "number": "1234567890", "acquired": "R1.5.1"}}}}})
    old_row = {k: v for k, v in taro.to_json().items() if k != "offices"}  # a row written before they were kept
    assert Person.from_json(old_row).offices.to_json() == {}


def test_the_kisai_prints_them_when_asked_for(registry: Registry, admin: Staff, household: list[str]) -> None:
    """住民票記載事項証明書 (法12条): the items of 法7条9号〜11号の2 on request, 「記載なし」 where nothing is recorded."""
    (plain,) = page_texts(_issue(registry, admin, household[0], CertificateKind.KISAI, RequesterKind.HONNIN,
                                 household=True).pdfs[0])
    assert "国民健康保険" not in plain and "選挙人名簿" not in plain
    (page,) = page_texts(_issue(registry, admin, household[0], CertificateKind.KISAI, RequesterKind.HONNIN,
                                household=True, include=[Item.OFFICES]).pdfs[0])
    taro, hanako, ichiro, jiro = (page.split(f"氏名山田{n}")[1] for n in ("太郎", "花子", "一郎", "次郎"))
    assert "選挙人名簿への登録登録国民健康保険資格取得令和8年11月20日後期高齢者医療記載なし" in taro
    assert "国民年金第1号被保険者基礎年金番号1234-567890資格取得平成7年1月1日児童手当記載なし" in taro
    assert "資格取得令和8年11月20日退職被保険者等" in hanako
    assert "国民年金第3号被保険者基礎年金番号2234-567890資格取得平成9年3月3日種別変更令和元年5月1日" in hanako
    assert "選挙人名簿への登録記載なし" in ichiro and "児童手当支給開始令和8年12月" in ichiro
    assert jiro.count("記載なし") == 6
    assert "上記の事項は、住民票に記載されていることを証明する。" in page


def test_the_juminhyo_does_not_carry_them(registry: Registry, admin: Staff, household: list[str]) -> None:
    """They are asked for on a 記載事項証明書; a 住民票の写し that asks for them is put right at the counter."""
    with pytest.raises(KofuIncomplete, match="記載事項証明書で請求してください"):
        _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN, include=[Item.OFFICES])
    assert registry.kofu.history(admin, household[0]) == []  # 入力不備: not a 拒否
    taro = _person(registry, admin, household[0])
    assert Item.OFFICES in item_refusals(CertificateKind.JUMINHYO, RequesterKind.HONNIN, taro)
    assert Item.OFFICES not in item_refusals(CertificateKind.KISAI, RequesterKind.HONNIN, taro)


def test_the_tenshutsu_carries_what_seirei_24_requires(registry: Registry, admin: Staff,
                                                       household: list[str]) -> None:
    """施行令24条: 氏名, 出生の年月日, 男女の別, 世帯主・続柄 (法7条4号), 戸籍の表示 (5号), 住所, 個人番号 (8号の2), the
    国民健康保険・後期高齢者医療・介護保険・国民年金・児童手当 entries (10号〜11号の2), 住民票コード (13号), 転出先 and
    転出予定年月日; and the 転出届's 届出日 beside them. Not the 転入届's 届出日, 転入前住所 or 住民となった年月日."""
    _move_out(registry, admin, household)
    issued = _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN, household=True)
    (page,) = page_texts(issued.pdfs[0])
    assert page.startswith("転出証明書住所さくら県みどり町本町2丁目3番4号世帯主山田太郎")
    taro = page.split("氏名山田太郎")[1].split("氏名山田花子")[0]
    for printed in ("生年月日昭和50年1月1日", "性別男", "続柄世帯主", "本籍さくら県みどり町本町1番地", "筆頭者山田太郎",
                    "住民票コード80000000000", "個人番号123456789018", "国民健康保険資格取得令和8年11月20日",
                    "後期高齢者医療記載なし", "介護保険記載なし",
                    "国民年金第1号被保険者基礎年金番号1234-567890資格取得平成7年1月1日", "児童手当記載なし",
                    f"転出先住所{ELSEWHERE}", "転出予定年月日令和8年12月10日", "転出届の届出年月日令和8年11月26日"):
        assert printed in taro, printed
    assert "住民票コード80000000001" in page and "住民票コード80000000003" in page
    for absent in ("令和8年11月25日", "転入前住所", "住民となった年月日", "選挙人名簿"):
        assert absent not in page, absent
    assert "上記の者は、転出の届出をしたことを証明する。" in page


def test_a_tenshutsu_without_a_juminhyo_code_waits_instead_of_printing_it_blank(
        registry: Registry, admin: Staff) -> None:
    """The 住民票コード printed empty: a person who moved in without the code of their 転出証明書 has none here, and the
    転出証明書 printed the item blank. It must carry it (施行令24条): the 交付 waits, saying whose and why."""
    atena = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    _move_out(registry, admin, atena[:1])  # 山田　太郎 has a 個人番号 and no 住民票コード
    with pytest.raises(KofuOnHold, match="山田　太郎.*の住民票コードが記録されていないため転出証明書を交付できません"):
        _issue(registry, admin, atena[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN)
    assert registry.kofu.history(admin, atena[0]) == []  # on hold: no 拒否 in the 交付履歴


def test_a_lost_tenshutsu_is_issued_again_marked_reissued(registry: Registry, admin: Staff,
                                                          household: list[str]) -> None:
    """§4.1.3.0.3: a 転出証明書 issued again for the same 転出 (one was lost) is printed 「再交付」 and recorded as the
    再交付 of the first, whether asked for as a new 交付 or as a 再交付 of its 発行番号; after the first is cancelled,
    the next is a 交付 again."""
    _move_out(registry, admin, household)
    first = _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN, household=True)
    assert page_texts(first.pdfs[0])[0].startswith("転出証明書住所") and first.reissue_of == ""
    again = _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN, household=True)
    (page,) = page_texts(again.pdfs[0])
    assert page.startswith("転出証明書（再交付）住所") and again.reissue_of == first.issue_numbers[0]
    assert verify_pdf(again.pdfs[0], registry.kofu.public_key()).ok
    by_number = registry.kofu.reissue(admin, first.issue_numbers[0], render)
    assert page_texts(by_number.pdfs[0])[0].startswith("転出証明書（再交付）")
    lines = registry.kofu.lines_of(admin, household[0])
    assert [line.status for line in lines] == ["交付", "交付（再交付）", "交付（再交付）"]
    assert lines[1].reissue_of == first.issue_numbers[0]
    audited = [e.detail for e in registry.audit.entries(admin, audit.Filter(action="交付")) if e.action == "交付"]
    assert sum(f"再交付（{first.issue_numbers[0]}）" in detail for detail in audited) == 2
    for issued in (first, again, by_number):
        registry.kofu.cancel(admin, issued.issue_numbers[0], "転出証明書の記載誤り")
    fresh = _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN, household=True)
    assert page_texts(fresh.pdfs[0])[0].startswith("転出証明書住所") and fresh.reissue_of == ""


def test_a_juminhyo_asked_for_twice_is_marked_only_when_reissued(registry: Registry, admin: Staff,
                                                                 household: list[str]) -> None:
    """A 住民票の写し asked for twice is two copies of today's 住民票; a 再交付 prints the first one's rows again and
    says so, 「再交付」, like every 再交付 (tests/local_store/test_reissue_original.py)."""
    first = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN)
    twice = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN)
    assert page_texts(twice.pdfs[0])[0].startswith("住民票の写し住所")
    again = registry.kofu.reissue(admin, first.issue_numbers[0], render)
    assert page_texts(again.pdfs[0])[0].startswith("住民票の写し（再交付）")


def test_the_junzuru_certificate_for_one_removed_ex_officio(registry: Registry, admin: Staff,
                                                           household: list[str]) -> None:
    """転出証明書に準ずる証明書 (§4.1.3.0.3): for one whose 住民票 was 消除 by 職権 after moving away without a 転出届
    (a 届出 14 days or more late); its own title, the same items as a 転出証明書, and the 職権消除 and its day in place
    of the 転出先 and 予定日. A 転出届 gets the 転出証明書 instead, and the 準ずる証明書 is not a 転出証明書."""
    registry.apply(admin, {"reason": "職権消除", "idou_date": "R8.11.26", "targets": household[2:3]})
    issued = _issue(registry, admin, household[2], CertificateKind.JUNZURU, RequesterKind.HONNIN)
    (page,) = page_texts(issued.pdfs[0])
    assert page.startswith("転出証明書に準ずる証明書")
    for printed in ("世帯主山田太郎", "続柄子", "住民票コード80000000002", "国民健康保険資格取得令和8年11月20日",
                    "児童手当支給開始令和8年12月", "消除事由職権消除", "事由の生じた年月日令和8年11月26日",
                    "上記の者の住民票は、職権により消除したことを証明する。"):
        assert printed in page, printed
    assert issued.decision.fee == 300  # the town's table: as a 除票の写し, which can serve instead
    with pytest.raises(KofuRefused, match="国内転出の届出が記録されていません"):
        _issue(registry, admin, household[2], CertificateKind.TENSHUTSU, RequesterKind.HONNIN)
    _move_out(registry, admin, household[3:])
    with pytest.raises(KofuRefused, match="職権で消除されていません（転出届をした人には転出証明書を交付します）"):
        _issue(registry, admin, household[3], CertificateKind.JUNZURU, RequesterKind.HONNIN)
    with pytest.raises(KofuRefused, match="転出する本人等"):
        _issue(registry, admin, household[2], CertificateKind.JUNZURU, RequesterKind.DAISANSHA)


def test_the_largest_tenshutsu_page_fits_a_qr_code_that_prints_and_scans(
        registry: Registry, admin: Staff, household: list[str], tmp_path: Path) -> None:
    """Four persons with every entry of 法7条10号〜11号の2 recorded: the 転出証明書's QR code stays within version 25
    in 32 mm (modules of 0.25 mm or more) and is read from the page at 200 dpi."""
    everything: dict[str, Any] = {
        "kokuho": {"acquired": "R8.11.20", "lost": "R8.11.26", "retired": True},
        "kouki": {"acquired": "R8.11.26", "lost": "R8.11.27"}, "kaigo": {"acquired": "R8.11.20", "lost": "R8.11.27"},
        "nenkin": {"kind": "3", "number": "2234567890", "acquired": "H9.3.3", "kind_changed": "R1.5.1",
                   "lost": "R8.11.27"}, "jidou_teate": {"began": "R1.5", "ended": "R8.11"}}
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                           "set": {atena: {"offices": everything} for atena in household}})
    _move_out(registry, admin, household)
    pdf = _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN,
                 household=True).pdfs[0]
    (symbols,) = scanned(pdf, tmp_path, dpi=200)
    (symbol,) = symbols
    version = int(symbol.extra["Version"])
    assert version <= 25 and QR_SIZE / mm / (17 + 4 * version + 8) >= 0.25
    payload = Payload.parse(symbol.text)
    assert dict(payload.content.sections[1])["国民年金"].startswith("第3号被保険者")
    assert verify_pdf(pdf, registry.kofu.public_key()).ok


def test_one_who_moves_out_alone_carries_the_head_of_the_household_left(registry: Registry, admin: Staff,
                                                                        household: list[str]) -> None:
    """法7条4号 on the 転出証明書 (施行令24条): a son who moves out alone is printed with the 世帯主 of the 住民票 he
    leaves and his 続柄 to them, not with an empty 世帯主."""
    _move_out(registry, admin, household[2:3])
    (page,) = page_texts(_issue(registry, admin, household[2], CertificateKind.TENSHUTSU,
                                RequesterKind.HONNIN).pdfs[0])
    assert "世帯主山田太郎氏名山田一郎" in page and "続柄子" in page


def test_the_johyo_kisai_prints_them_as_they_stood_at_the_removal(registry: Registry, admin: Staff,
                                                                   household: list[str]) -> None:
    """A 除票記載事項証明書 asked for with them prints the entries the 除票 holds."""
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": household[2:3]})
    (page,) = page_texts(_issue(registry, admin, household[2], CertificateKind.JOHYO_KISAI, RequesterKind.HONNIN,
                                requester_atena=household[0], include=[Item.OFFICES]).pdfs[0])
    assert "除票記載事項証明書" in page and "児童手当支給開始令和8年12月" in page and "国民年金記載なし" in page
