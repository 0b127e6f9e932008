"""Certificates end to end: real requests through the facade, real PDFs read back (pypdf, pdftotext, pdffonts)."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
import subprocess
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader, PdfWriter

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, Item, KofuRefused, RequesterKind, request_from
from domain.roles import Role
from local_store.errors import PermissionDenied
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.fonts import UnprintableCharacter
from reports.qr_payload import Payload
from reports.seal import demo_seal_png
from reports.verify import qr_texts, verify_pdf, verify_qr_text
from tests.support.builders import Clock, family, numbered, person, tennyu
from tests.support.pdf_text import page_texts

ISSUE_NO = re.compile(r"発行番号(\d{8})みどり町本庁1プリンタ001(\d{6})(\d+)/(\d+)")  # spaces removed by _text
REQUESTERS = {  # 本人等 and a 代理人's 委任者 are the person asked for unless a test says otherwise
    RequesterKind.HONNIN: {"identification": "運転免許証"},
    RequesterKind.KOUYOU: {"requester_name": "さくら県警察本部", "identification": "官公署発行の写真付き身分証明書",
                           "agency_officer": "刑事部　巡査部長　丙川　三郎", "legal_basis": "刑事訴訟法第197条第2項",
                           "reason": "捜査関係事項照会"},
    RequesterKind.DAISANSHA: {"requester_name": "甲野　一郎", "requester_address": "東京都千代田区霞が関1丁目1番1号",
                              "identification": "運転免許証", "reason": "訴訟の提起", "qualification": "弁護士",
                              "registration_no": "12345", "office": "甲野法律事務所", "form_no": "A-0001",
                              "client": "株式会社みどり商事"},
    RequesterKind.DAIRININ: {"requester_name": "乙山　次郎", "requester_address": "さくら県みどり町中町1番地",
                             "identification": "運転免許証", "proxy_letter": "委任状（本人の署名あり）"},
}


def _issue(registry: Registry, actor: Staff, atena: str, kind: CertificateKind, requester: RequesterKind,
           **extra: Any) -> Any:
    values = {"kind": kind, "requester": requester, "atena_nos": [atena], "requester_atena": atena,
              "principal_atena": atena, **REQUESTERS[requester], **extra}
    return registry.kofu.issue(actor, request_from(values), render)


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    applied = registry.apply(admin, family())
    return [c.row.atena_no for c in applied.idou.rows]


@pytest.mark.parametrize("requester", list(RequesterKind))
def test_juminhyo_for_each_requester(registry: Registry, admin: Staff, household: list[str],
                                     requester: RequesterKind) -> None:
    issued = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, requester, household=True)
    (page,) = page_texts(issued.pdfs[0])
    assert "住民票の写し" in page and "さくら県みどり町本町2丁目3番4号" in page
    for name in ("山田太郎", "山田花子", "山田一郎", "山田次郎"):
        assert name in page
    assert "（ヤマダタロウ）" in page  # 確認フラグ set: katakana in parentheses
    assert "昭和50年1月1日" in page and "性別男" in page
    # 12条5項: 世帯主・続柄, 本籍・筆頭者, 個人番号, 住民票コード are omitted unless asked for.
    for label in ("世帯主", "続柄", "本籍", "筆頭者", "個人番号", "住民票コード"):
        assert label not in page
    if requester is RequesterKind.DAISANSHA:  # 基礎証明事項 only
        assert "住民となった年月日" not in page and "転入前住所" not in page
    else:
        assert "住民となった年月日令和8年11月20日" in page and "届出日令和8年11月25日" in page
        assert "転入前住所東京都千代田区千代田1番1号" in page and "住所を定めた年月日" in page
    assert "この写しは、世帯全員の住民票の原本と相違ないことを証明する。" in page
    assert "さくら県みどり町長町長一郎" in page and "この印は黒色です" in page
    assert ("公用" in page.split("住民票の写し")[0]) is (requester is RequesterKind.KOUYOU)
    match = ISSUE_NO.search(page)
    assert match and match.group(1) == "20261127" and match.group(3, 4) == ("1", "1")
    assert issued.decision.fee == (0 if requester is RequesterKind.KOUYOU else 300)


def test_items_on_request_and_mailing_for_a_proxy(registry: Registry, admin: Staff, household: list[str]) -> None:
    everything = [i for i in Item if i is not Item.OFFICES]  # 法7条9号〜11号の2: a 記載事項証明書's
    registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.26",
                           "set": {household[0]: {"juminhyo_code": "12345678901"}}})
    issued = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.DAIRININ,
                    include=everything)
    (page,) = page_texts(issued.pdfs[0])
    assert "世帯主山田太郎" in page and "続柄世帯主" in page
    assert "本籍さくら県みどり町本町1番地" in page and "筆頭者山田太郎" in page
    assert "個人番号123456789018" in page and "住民票コード12345678901" in page
    assert issued.decision.disposal.value == "郵送"  # 個人番号 for a voluntary 代理人 is mailed


@pytest.mark.parametrize("include", [Item.MYNUMBER, Item.JUMINHYO_CODE])
def test_third_parties_never_get_mynumber_or_code_and_the_refusal_is_recorded(
        registry: Registry, admin: Staff, household: list[str], include: Item) -> None:
    with pytest.raises(KofuRefused, match="第三者"):
        _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.DAISANSHA, include=[include])
    (entry,) = registry.kofu.history(admin, household[0])
    assert entry["disposal"] == "拒否" and "法12条の3" in entry["refusal"] and entry["issue_numbers"] == []


def test_refusals_name_the_reason(registry: Registry, admin: Staff, household: list[str]) -> None:
    with pytest.raises(KofuRefused, match="委任状"):
        _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.DAIRININ, proxy_letter="")
    with pytest.raises(KofuRefused, match="請求事由"):
        _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.DAISANSHA, reason="")
    with pytest.raises(KofuRefused, match="本人確認"):
        _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN, identification="")
    with pytest.raises(KofuRefused, match="除票になっていません"):
        _issue(registry, admin, household[0], CertificateKind.JOHYO, RequesterKind.HONNIN)
    assert [e["disposal"] for e in registry.kofu.history(admin)] == ["拒否"]  # 入力不備 are not refusals


def test_individual_sheets_kisai_and_page_numbers(registry: Registry, admin: Staff, household: list[str]) -> None:
    issued = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN, household=True,
                    individual=True, copies=2)
    assert len(issued.pdfs) == 2 and issued.issue_numbers[0] != issued.issue_numbers[1]
    pages = page_texts(issued.pdfs[0])
    assert len(pages) == 4
    for number, page in enumerate(pages, start=1):
        assert ISSUE_NO.search(page).group(3, 4) == (str(number), "4")
        assert ("相違ないことを証明する" in page) is (number == 4)  # 認証文 on the last page only
        assert ("町長一郎" in page) is (number == 4)
    kisai = _issue(registry, admin, household[1], CertificateKind.KISAI, RequesterKind.HONNIN)
    (page,) = page_texts(kisai.pdfs[0])
    assert "住民票記載事項証明書" in page and "山田花子" in page and "山田太郎" not in page
    assert "上記の事項は、住民票に記載されていることを証明する。" in page and "転入前住所" not in page


def test_five_persons_make_two_pages(registry: Registry, admin: Staff) -> None:
    members = [person(f"川村　{n}", f"カワムラ　{k}", "H2.1.1", "男", "世帯主" if i == 0 else "子")
               for i, (n, k) in enumerate(zip("一二三四五", ["イチ", "ニ", "サン", "シ", "ゴ"], strict=True))]
    applied = registry.apply(admin, tennyu(*members))
    issued = _issue(registry, admin, applied.idou.rows[0].row.atena_no, CertificateKind.JUMINHYO,
                    RequesterKind.HONNIN, household=True)
    first, second = page_texts(issued.pdfs[0])
    assert sum(f"川村{n}" in first for n in "一二三四五") == 4 and "川村五" in second
    assert "相違ない" not in first and "相違ない" in second and "（次葉に続く）" in first


def test_moving_out_johyo_and_tenshutsu(registry: Registry, admin: Staff, household: list[str]) -> None:
    for request in numbered(household[:1], mynumbers=False) + numbered(household[1:], 1):  # 施行令24条: both
        registry.apply(admin, request)
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                           "notifier": {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"},
                           "targets": household, "destination": "東京都港区芝公園1丁目1番1号"})
    # Before the 予定日 the person still lives here and the 転出届's items are not printed.
    (page,) = page_texts(_issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN).pdfs[0])
    assert "山田太郎" in page and "転出" not in page and "芝公園" not in page
    with pytest.raises(KofuRefused, match="転出予定日の前"):
        _issue(registry, admin, household[0], CertificateKind.JOHYO, RequesterKind.HONNIN)
    tenshutsu = _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.HONNIN,
                       household=True)
    (page,) = page_texts(tenshutsu.pdfs[0])
    assert "転出証明書" in page and "転出先住所東京都港区芝公園1丁目1番1号" in page
    assert "転出予定年月日令和8年12月10日" in page and "個人番号123456789018" in page and "山田次郎" in page
    with pytest.raises(KofuRefused, match="転出する本人等"):
        _issue(registry, admin, household[0], CertificateKind.TENSHUTSU, RequesterKind.DAISANSHA)


def test_johyo_of_a_deceased_person(registry: Registry, admin: Staff, household: list[str]) -> None:
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [household[3]]})
    with pytest.raises(KofuRefused, match="死亡により消除"):  # the deceased does not ask
        _issue(registry, admin, household[3], CertificateKind.JOHYO, RequesterKind.HONNIN)
    (page,) = page_texts(_issue(registry, admin, household[3], CertificateKind.JOHYO, RequesterKind.HONNIN,
                                requester_atena=household[1]).pdfs[0])  # his mother, of the same household
    assert "除票の写し" in page and "消除事由死亡" in page and "事由の生じた年月日令和8年11月26日" in page
    assert "この写しは、除票の原本と相違ないことを証明する。" in page


def test_foreign_residents_items_in_seireki(registry: Registry, admin: Staff) -> None:
    applied = registry.apply(admin, tennyu(person(
        "グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人", honseki=None,
        foreign={"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": "中長期在留者",
                 "became_resident": "2026-11-20", "residence_status": "技能実習", "period": "3年",
                 "period_expiry": "2029-11-19", "card_number": "AB12345678CD", "tsusho": "阮　安"})))
    atena = applied.idou.rows[0].row.atena_no
    (page,) = page_texts(_issue(registry, admin, atena, CertificateKind.JUMINHYO, RequesterKind.HONNIN,
                           include=[Item.ZAIRYU]).pdfs[0])
    assert "生年月日1990年1月1日" in page and "国籍・地域ベトナム" in page and "通称阮安" in page
    assert "在留資格技能実習" in page and "在留期間3年" in page and "在留期間の満了の日2029年11月19日" in page
    assert "在留カード等の番号AB12345678CD" in page and "法第30条の45に規定する区分中長期在留者" in page
    assert "外国人住民となった年月日令和8年11月20日" in page


def test_mj_names_are_embedded_and_extract_as_the_same_characters(registry: Registry, admin: Staff) -> None:
    names = ["𠮷田　一郎", "髙橋　二郎", "渡邉　三郎", "山﨑　四郎", "葛\U000E0100城　五郎"]
    atenas = [registry.apply(admin, tennyu(person(n, "テスト　タロウ", "H2.1.1", "男", "世帯主"))).idou.rows[0].row.atena_no
              for n in names]
    for name, atena in zip(names, atenas, strict=True):
        pdf = _issue(registry, admin, atena, CertificateKind.JUMINHYO, RequesterKind.HONNIN).pdfs[0]
        assert name.replace("　", "") in page_texts(pdf)[0]
        fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes yes yes " in row for row in rows), fonts  # embedded, subset, ToUnicode
        assert "Helvetica" not in fonts
        assert ("IPAmjMincho" in fonts) is name.startswith("𠮷")  # IPAex明朝 lacks 𠮷 only


def test_a_character_no_font_draws_stops_the_kofu(registry: Registry, admin: Staff) -> None:
    for name in ("\ue000田　一郎", "吉\U000E01EF田　一郎"):  # an unregistered 外字; a sequence no font has
        atena = registry.apply(admin, tennyu(person(name, "テスト　イチロウ", "H2.1.1", "男", "世帯主"))).idou.rows[0].row.atena_no
        with pytest.raises(UnprintableCharacter, match="印字できるフォントがありません"):
            _issue(registry, admin, atena, CertificateKind.JUMINHYO, RequesterKind.HONNIN)
        assert registry.kofu.history(admin, atena) == []  # a technical limit, not a refusal: 交付保留


def test_verify_accepts_genuine_and_rejects_altered(registry: Registry, admin: Staff, household: list[str]) -> None:
    pdf = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN,
                 household=True).pdfs[0]
    key = registry.kofu.public_key()
    assert verify_pdf(pdf, key).status == "真正"
    # A changed printed item: one string drawn where another was.
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[0]
    content = page.get_contents()
    data = content.get_data()
    strings = re.findall(rb"\((?:\\.|[^\\)])+\) Tj", data)
    assert len(strings) > 5
    content.set_data(data.replace(strings[3], strings[4], 1))
    page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pdf(out.getvalue(), key)
    assert verdict.status == "不一致" and verdict.reasons == (
        "1ページ目: 印字が署名されたものと違います（文字や線が書き換えられています）",)
    # Another municipality's key (or a forged QR) is not genuine.
    assert verify_pdf(pdf, Ed25519PrivateKey.generate().public_key()).status == "無効"


def test_verify_rejects_an_altered_qr_text(registry: Registry, admin: Staff, household: list[str]) -> None:
    issued = _issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN)
    key = registry.kofu.public_key()
    (text,) = qr_texts(PdfReader(io.BytesIO(issued.pdfs[0])).pages[0])
    verdict = verify_qr_text(text, key)
    assert verdict.ok and verdict.issue_number == issued.issue_numbers[0]
    payload = Payload.parse(text)
    unsigned = dataclasses.replace(payload, signature=bytes(64))
    assert verify_qr_text(unsigned.text(), key).status == "無効"
    renumbered = dataclasses.replace(payload.content, issue_number=payload.content.issue_number.replace("100000",
                                                                                                        "100001"))
    assert verify_qr_text(dataclasses.replace(payload, content=renumbered).text(), key).status == "無効"
    # The readable lines changed: the items, which deflate draws from them, change too and fail the signature, or
    # no longer decode.
    assert verify_qr_text(text.replace("住民票の写し 1/1", "住民票の写し 1/2", 1), key).status == "無効"
    with pytest.raises(ValidationError, match="QRコード"):
        verify_qr_text(text.replace("住民票の写し 1/1", "住民票の写し 1/1 （原本）", 1), key)


def test_history_and_export_rights(registry: Registry, admin: Staff, household: list[str]) -> None:
    registry.staff.add(admin, "clerk", "窓口", Role.COUNTER, "clerk-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    values = {"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [household[0]],
              "requester_atena": household[0], **REQUESTERS[RequesterKind.HONNIN]}
    issued = registry.kofu.issue(clerk, request_from(values), render)
    with pytest.raises(PermissionDenied, match="証明書のファイル出力"):
        registry.kofu.issue(clerk, request_from(values), render, export=True)
    (entry,) = registry.kofu.history(admin, household[0])
    assert entry["staff"] == "clerk" and entry["terminal"] == "本庁1" and entry["fee"] == 300
    assert entry["issue_numbers"] == issued.issue_numbers and entry["disposal"] == "交付"
    assert entry["request"]["requester"]["identification"] == "運転免許証"


def test_the_deputy_signs_during_the_configured_period_only(registry: Registry, admin: Staff, household: list[str],
                                                            clock: Clock) -> None:
    """§1.3.9, §5.6: the 認証者 switches to the 職務代理者 for the configured days (both ends included) and back."""
    registry.settings.update(admin, {"deputies": [{"from": "2026-11-28", "to": "2026-11-30",
                                                   "title": "みどり町副町長", "name": "副町長　二郎"}]})

    def signed_by() -> str:
        (page,) = page_texts(_issue(registry, admin, household[0], CertificateKind.JUMINHYO, RequesterKind.HONNIN).pdfs[0])
        return page.split("証明する。")[1]

    assert "さくら県みどり町長町長一郎" in signed_by()  # 11月27日: the day before the period
    for day in (28, 30):
        clock.now = clock.now.replace(day=day)
        text = signed_by()
        assert "さくら県みどり町副町長副町長二郎" in text and "町長一郎" not in text
        assert f"令和8年11月{day}日" in text
    clock.now = clock.now.replace(month=12, day=1)
    assert "さくら県みどり町長町長一郎" in signed_by()
