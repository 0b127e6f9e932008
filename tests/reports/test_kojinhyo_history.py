"""The 個人票 with the 異動の履歴 on request (§5.1 「履歴あり」): the 前住所 and every 異動 of the stay with its
異動事由, 異動日, 届出日 and the address after it, signed in the page's QR code; and the 除票記載事項証明書."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from domain.certificate_items import PAGE_ROWS
from domain.kofu_rules import CertificateKind, Item, KofuRefused, RequesterKind, request_from
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.qr_payload import Payload
from reports.seal import demo_seal_png
from reports.verify import verify_pdf
from tests.support.builders import NOTIFIER, person, tennyu
from tests.support.pdf_text import page_texts

FIRST = "さくら県みどり町本町2丁目3番4号"
BEFORE = "東京都千代田区千代田1番1号"
AWAY = "東京都港区芝公園4丁目2番8号"
HONNIN = {"requester": RequesterKind.HONNIN, "identification": "運転免許証"}
THIRD_PARTY = {"requester": RequesterKind.DAISANSHA, "requester_name": "甲野　一郎", "identification": "運転免許証",
               "requester_address": "東京都千代田区霞が関1丁目1番1号", "reason": "債権回収", "evidence": "契約書"}


@pytest.fixture(autouse=True)
def seal(registry: Registry, admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})


def moved_in(registry: Registry, admin: Staff) -> str:
    return registry.apply(admin, tennyu(person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主"),
                                        address=FIRST, date="R8.11.1", notified_on="R8.11.2",
                                        previous_address=BEFORE)).idou.rows[0].row.atena_no


def tenkyo(registry: Registry, admin: Staff, atena: str, address: str, day: str, notified: str) -> None:
    registry.apply(admin, {"reason": "転居", "idou_date": day, "notified_on": notified, "notifier": NOTIFIER,
                           "targets": [atena], "address": {"text": address}})


def issue(registry: Registry, actor: Staff, atena: str, **values: Any) -> bytes:
    request = request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": [atena], "requester_atena": atena,
                            **HONNIN, **values})
    return registry.kofu.issue(actor, request, render).pdfs[0]


def test_the_history_prints_the_previous_address_and_each_idou(registry: Registry, admin: Staff) -> None:
    atena = moved_in(registry, admin)
    tenkyo(registry, admin, atena, "さくら県みどり町北町8番地", "R8.11.10", "R8.11.11")
    (page,) = page_texts(issue(registry, admin, atena, include=[Item.HISTORY]))
    assert f"異動事由異動日届出日異動後の住所前住所{BEFORE}" in page
    assert f"国内転入令和8年11月1日令和8年11月2日{FIRST}" in page
    assert "転居令和8年11月10日令和8年11月11日さくら県みどり町北町8番地" in page
    assert page.index("国内転入令和8年11月1日") < page.index("転居令和8年11月10日")
    # without the request, the 個人票 has no history
    (plain,) = page_texts(issue(registry, admin, atena, individual=True))
    assert "異動事由" not in plain and "異動後の住所" not in plain


def history_in_qr_codes(pdf: bytes, tmp_path: Path) -> list[list[dict[str, str]]]:
    """Each page rendered at 200 dpi and its QR code read back: the history lines it signs."""
    source = tmp_path / "cert.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(source), str(tmp_path / "page")], check=True)
    found = []
    for png in sorted(tmp_path.glob("page-*.png")):
        (symbol,) = [r for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]
        sections = Payload.parse(symbol.text).content.sections
        found.append([dict(section) for section in sections if "異動事由" in dict(section)])
    return found


def test_the_history_is_signed_in_the_pages_qr_code(registry: Registry, admin: Staff, tmp_path: Path) -> None:
    atena = moved_in(registry, admin)
    tenkyo(registry, admin, atena, "さくら県みどり町北町8番地", "R8.11.10", "R8.11.11")
    pdf = issue(registry, admin, atena, include=[Item.HISTORY])
    (lines,) = history_in_qr_codes(pdf, tmp_path)
    assert [line["異動事由"] for line in lines] == ["前住所", "国内転入", "転居"]
    assert lines[2]["異動後の住所"] == "さくら県みどり町北町8番地" and lines[2]["届出日"] == "令和8年11月11日"
    assert verify_pdf(pdf, registry.kofu.public_key()).ok


def test_a_long_history_goes_on_to_the_next_page_under_the_name(registry: Registry, admin: Staff,
                                                                 tmp_path: Path) -> None:
    """Each page's lines in its QR code too: a full page of history (long addresses) still scans at 200 dpi."""
    atena = moved_in(registry, admin)
    for n in range(1, 31):
        tenkyo(registry, admin, atena, f"さくら県みどり町北町{n}番地の{n}　みどり台ハイツ{n}号棟", "R8.11.20", "R8.11.20")
    pdf = issue(registry, admin, atena, include=[Item.HISTORY, Item.HONSEKI])
    first, full, last = page_texts(pdf)
    assert "次葉に続く" in first and "次葉に続く" in full and "以下余白" not in first + full
    assert "氏名山田花子（ヤマダハナコ）" in last and "異動事由異動日届出日" in last
    assert "北町30番地の30" in last and "以下余白" in last and "相違ないことを証明する" in last
    assert (first + full + last).count("転居令和8年11月20日") == 30
    signed = history_in_qr_codes(pdf, tmp_path)
    assert len(signed[1]) == PAGE_ROWS - 2  # a page of history only, full
    assert [line["異動後の住所"] for page in signed for line in page][-30:] == [
        f"さくら県みどり町北町{n}番地の{n}　みどり台ハイツ{n}号棟" for n in range(1, 31)]
    assert verify_pdf(pdf, registry.kofu.public_key()).ok


def test_a_move_out_not_yet_in_effect_is_not_in_the_history(registry: Registry, admin: Staff) -> None:
    """§5.1: before the 転出予定日, what the 転出届 recorded is not printed on the 住民票."""
    atena = moved_in(registry, admin)
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.5", "notified_on": "R8.11.27",
                           "notifier": NOTIFIER, "targets": [atena], "destination": AWAY})
    (page,) = page_texts(issue(registry, admin, atena, include=[Item.HISTORY]))
    assert "国内転入令和8年11月1日" in page and "国内転出" not in page and AWAY not in page


def test_a_returning_residents_history_is_that_of_the_stay_printed(registry: Registry, admin: Staff) -> None:
    """The 住民票 of one who came back shows the 異動 since their return; the earlier stay is its own 除票, whose
    history ends with the 転出 to its 転出先."""
    atena = moved_in(registry, admin)
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [atena], "destination": AWAY})
    registry.apply(admin, tennyu({**person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主"), "returning": atena},
                                 address="さくら県みどり町中町5番地", date="R8.11.24", previous_address=AWAY))
    (now,) = page_texts(issue(registry, admin, atena, include=[Item.HISTORY]))
    assert f"異動後の住所前住所{AWAY}" in now and "国内転入令和8年11月24日" in now
    assert "国内転出" not in now and "令和8年11月1日" not in now
    (before,) = page_texts(issue(registry, admin, atena, kind=CertificateKind.JOHYO, residence=1,
                                 include=[Item.HISTORY]))
    assert f"異動後の住所前住所{BEFORE}" in before and f"国内転入令和8年11月1日令和8年11月2日{FIRST}" in before
    assert f"国内転出令和8年11月15日令和8年11月14日{AWAY}" in before and "中町5番地" not in before


@pytest.mark.parametrize(("kind", "requester", "message"), [
    (CertificateKind.KISAI, HONNIN, "住民票記載事項証明書には異動の履歴を記載しません"),
    (CertificateKind.JUMINHYO, THIRD_PARTY, "第三者による請求には異動の履歴を記載しません"),
])
def test_the_history_is_a_copys_and_not_a_third_partys(registry: Registry, admin: Staff, kind: CertificateKind,
                                                       requester: dict[str, Any], message: str) -> None:
    atena = moved_in(registry, admin)
    request = request_from({"kind": kind, "atena_nos": [atena], "requester_atena": atena, **requester,
                            "include": [Item.HISTORY]})
    with pytest.raises(KofuRefused) as refused:
        registry.kofu.issue(admin, request, render)
    assert message in refused.value.message


def test_a_johyo_kisai_certifies_chosen_items_of_a_johyo(registry: Registry, admin: Staff) -> None:
    """除票記載事項証明書: the 基礎証明事項 and the 除票's own items (消除事由 and its day, 転出先), under its own
    認証文; not for one who still lives here."""
    atena = moved_in(registry, admin)
    with pytest.raises(KofuRefused):
        issue(registry, admin, atena, kind=CertificateKind.JOHYO_KISAI)
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [atena], "destination": AWAY})
    pdf = issue(registry, admin, atena, kind=CertificateKind.JOHYO_KISAI, include=[Item.HONSEKI])
    (page,) = page_texts(pdf)
    assert page.startswith("除票記載事項証明書") or "除票記載事項証明書" in page[:40]
    assert "上記の事項は、除票に記載されていることを証明する。" in page
    assert f"住所{FIRST}" in page and "生年月日昭和52年3月3日" in page and "本籍さくら県みどり町本町1番地" in page
    assert "消除事由国内転出" in page and "転出予定年月日令和8年11月15日" in page and AWAY in page
    assert "住民となった年月日" not in page and "転入前住所" not in page
    (entry,) = [e for e in registry.kofu.history(admin, atena) if e["disposal"] == "交付"]
    assert entry["request"]["kind"] == "除票記載事項証明書" and entry["fee"] == 300
