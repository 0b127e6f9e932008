"""Verification proves what a reader sees: a genuine certificate is 真正 with its items shown, and every way of
showing something else on a genuine file (an overlay, an appended update, an annotation, another seal) is 不一致
with its reason; another town's signature or a revoked terminal key is 無効. Real PDFs parsed with pypdf, QR codes
read from pages rendered by poppler's pdftoppm with zxing-cpp."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    NameObject,
    NumberObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from domain import terminal_keys
from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, Item, RequesterKind, request_from
from domain.roles import Role
from local_store import signing_keys
from local_store.context import Municipality
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import black_seal, render
from reports.fonts import FONTS, TEXT_FONT, find_font
from reports.qr_payload import Payload
from reports.seal import demo_seal_png
from reports.signed_pdf import QR_SIZE
from reports.verify import qr_texts, verify_pdf, verify_qr_text
from sync import bundle
from tests.support.builders import ADMIN, Clock, family, numbered, person, tennyu
from tests.support.cli import cli
from tests.support.pdf_text import page_texts

ADDRESS = "さくら県みどり町本町2丁目3番4号"
FORGED = "さくら県みどり町本町3丁目2番4号"  # the same characters: the page's font subset draws it


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    return [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]


def _issue(registry: Registry, actor: Staff, atena: str, **extra: Any) -> bytes:
    values = {"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [atena],
              "requester_atena": atena, "identification": "運転免許証", "household": True, **extra}
    return registry.kofu.issue(actor, request_from(values), render).pdfs[0]


@pytest.fixture
def genuine(registry: Registry, admin: Staff, household: list[str]) -> bytes:
    return _issue(registry, admin, household[0])


def scanned(pdf: bytes, tmp_path: Path, dpi: int = 300) -> list[list[Any]]:
    """Each page rendered by pdftoppm and read by zxing-cpp: the QR codes found on it."""
    source = tmp_path / "scanned.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(tmp_path / "page")], check=True)
    return [[r for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]
            for png in sorted(tmp_path.glob("page-*.png"))]


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _forged_address_image() -> Image.Image:
    """A picture of a forged address in the form's own font, as a forger would paste it."""
    font = ImageFont.truetype(str(find_font(TEXT_FONT[1])), 40)
    image = Image.new("RGB", (900, 60), "white")
    ImageDraw.Draw(image).text((4, 6), FORGED, font=font, fill="black")
    return image


def _assert_mismatch(pdf: bytes, registry: Registry, *expected: str) -> None:
    """不一致: the signature is genuine, the file is not what was signed; the reasons name what was done, and the
    signed items (the genuine address) are shown."""
    verdict = verify_pdf(pdf, registry.kofu.public_key())
    assert verdict.status == "不一致" and verdict.genuine and not verdict.unaltered, verdict
    for words in expected:
        assert any(words in reason for reason in verdict.reasons), (words, verdict.reasons)
    assert dict(verdict.contents[0].sections[0])["住所"] == ADDRESS


def test_a_genuine_certificate_is_genuine_and_its_qr_code_scans_with_its_items(
        registry: Registry, genuine: bytes, tmp_path: Path) -> None:
    verdict = verify_pdf(genuine, registry.kofu.public_key())
    assert verdict.status == "真正" and verdict.ok and verdict.reasons == ()
    (content,) = verdict.contents
    assert content.sections[0] == (("住所", ADDRESS),)
    assert [dict(s)["氏名"].split("　（")[0] for s in content.sections[1:]] == ["山田　太郎", "山田　花子", "山田　一郎",
                                                                             "山田　次郎"]
    assert dict(content.sections[1])["生年月日"] == "昭和50年1月1日"
    (symbols,) = scanned(genuine, tmp_path)
    (symbol,) = symbols
    assert symbol.text == qr_texts(PdfReader(io.BytesIO(genuine)).pages[0])[0]
    readable = symbol.text.splitlines()
    assert readable[0] == "住民票の写し 1/1" and readable[1].startswith("発行番号 20261127 みどり町 本庁1")
    assert readable[2] == "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"
    assert readable[3] == "令和8年11月27日 さくら県みどり町長　町長 一郎" and readable[4].startswith("MDG2:")
    assert verify_qr_text(symbol.text, registry.kofu.public_key()).contents == (content,)


def test_the_largest_page_fits_a_qr_code_that_prints_and_scans(registry: Registry, admin: Staff,
                                                                household: list[str], tmp_path: Path) -> None:
    """Four persons with every item a 住民票の写し can print: the QR code stays within version 25 in 32 mm (modules
    of 0.25 mm or more) and is read from the page at 200 dpi."""
    for request in numbered(household[:1], mynumbers=False) + numbered(household[1:], 1):
        registry.apply(admin, request)
    pdf = _issue(registry, admin, household[0], requester="代理人",
                 # not a 個人票's (test_kojinhyo_history) nor a 記載事項証明書's (test_certificate_offices)
                 include=[i for i in Item if i not in (Item.HISTORY, Item.OFFICES)],
                 requester_name="乙山　次郎", requester_address="さくら県みどり町中町1番地",
                 proxy_letter="委任状（本人の署名あり）", principal_atena=household[0])
    (symbols,) = scanned(pdf, tmp_path, dpi=200)
    (symbol,) = symbols
    version = int(symbol.extra["Version"])
    assert version <= 25 and QR_SIZE / mm / (17 + 4 * version + 8) >= 0.25
    payload = Payload.parse(symbol.text)
    assert dict(payload.content.sections[1])["個人番号"] == "123456789018"
    assert verify_pdf(pdf, registry.kofu.public_key()).ok


def test_an_image_of_a_forged_address_over_a_white_box_in_a_second_content_stream(
        registry: Registry, genuine: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    page = writer.pages[0]
    picture = io.BytesIO()
    _forged_address_image().save(picture, "PDF")
    image = PdfReader(picture).pages[0]["/Resources"]["/XObject"]
    ((_, image_ref),) = image.items()
    page["/Resources"]["/XObject"][NameObject("/Forged")] = image_ref.get_object().clone(writer).indirect_reference
    overlay = DecodedStreamObject()
    overlay.set_data(b"q 1 g 112 703 300 22 re f Q q 260 0 0 17 114 706 cm /Forged Do Q")
    page[NameObject("/Contents")] = ArrayObject([page["/Contents"], writer._add_object(overlay)])
    forged = _written(writer)
    assert ADDRESS in page_texts(forged)[0]  # the text is still there: only the picture changed
    _assert_mismatch(forged, registry, "内容ストリーム", "塗りつぶし", "画像が加えられています")


def test_an_overlay_merged_with_reportlab_and_pypdf(registry: Registry, genuine: bytes) -> None:
    overlay = io.BytesIO()
    canvas = Canvas(overlay, pagesize=A4)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(112, 703, 300, 22, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONTS.text_font, 9)
    canvas.drawString(114.8, 711.2, FORGED)
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    writer.pages[0].merge_page(PdfReader(overlay).pages[0])
    forged = _written(writer)
    assert FORGED in page_texts(forged)[0]
    _assert_mismatch(forged, registry, "塗りつぶし", "色の指定")


def test_a_form_xobject_called_from_the_page_s_own_content_stream(registry: Registry, genuine: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    page = writer.pages[0]
    form = DecodedStreamObject()
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(595),
                                                   NumberObject(842)])})
    form.set_data(b"1 g 112 703 300 22 re f")
    page["/Resources"]["/XObject"][NameObject("/Overlay")] = writer._add_object(form)
    content = page.get_contents()
    content.set_data(content.get_data() + b"\nq /Overlay Do Q")
    page.replace_contents(content)
    _assert_mismatch(_written(writer), registry, "フォームXObject（/Overlay）が加えられています")


def _address_swapped(writer: PdfWriter) -> ContentStream:
    """The first page's content stream with the address drawn as FORGED: the same glyphs of its font, reordered."""
    page = writer.pages[0]
    font = page["/Resources"]["/Font"]["/F1+0"].get_object()
    cmap = font["/ToUnicode"].get_object().get_data().decode("ascii").split("beginbfchar")[1]
    codes = {bytes.fromhex(dst).decode("utf-16-be"): int(src, 16)
             for src, dst in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", cmap)}
    content = ContentStream(page.get_contents(), writer)
    found = 0
    for operands, op in content.operations:
        if op == b"Tj":
            drawn = operands[0].original_bytes if hasattr(operands[0], "original_bytes") else bytes(operands[0])
            if drawn == bytes(codes[ch] for ch in ADDRESS):
                operands[0] = ByteStringObject(bytes(codes[ch] for ch in FORGED))
                found += 1
    assert found == 1
    return content


def test_an_update_appended_to_the_file_that_changes_the_address(registry: Registry, genuine: bytes) -> None:
    writer = PdfWriter(io.BytesIO(genuine), incremental=True)
    writer.pages[0].replace_contents(_address_swapped(writer))
    forged = _written(writer)
    assert forged.startswith(genuine) and forged.count(b"%%EOF") == 2
    assert FORGED in page_texts(forged)[0] and ADDRESS not in page_texts(forged)[0]
    _assert_mismatch(forged, registry, "追記（増分更新）")


def test_the_address_changed_in_a_rewritten_file(registry: Registry, genuine: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    writer.pages[0].replace_contents(_address_swapped(writer))
    forged = _written(writer)
    assert FORGED in page_texts(forged)[0]
    _assert_mismatch(forged, registry, "印字が署名されたものと違います")


def test_a_free_text_annotation(registry: Registry, genuine: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    writer.add_annotation(0, FreeText(text=FORGED, rect=(112, 703, 412, 725), font="Helvetica",
                                      background_color="ffffff", border_color="ffffff"))
    _assert_mismatch(_written(writer), registry, "注釈（FreeText）")


def test_the_seal_image_replaced(registry: Registry, genuine: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    (name,) = [n for n in writer.pages[0]["/Resources"]["/XObject"] if "qr" not in n]
    (seal,) = [image for image in writer.pages[0].images if image.name == f"{name[1:]}.png"]
    seal.replace(black_seal(demo_seal_png("さくら町長")))
    _assert_mismatch(_written(writer), registry, "電子公印の画像が署名されたものと違います")


def _qr_image_name(page: Any) -> str:
    form = page["/Resources"]["/XObject"]["/FormXob.qr1"].get_object()
    (name,) = form["/Resources"]["/XObject"]
    return f"{name[1:]}.png"


def test_the_qr_code_of_another_genuine_certificate_pasted_in(registry: Registry, admin: Staff,
                                                              household: list[str], genuine: bytes) -> None:
    """The QR code shows the other certificate's items: the verdict says this page is not the one they were signed
    with."""
    other = PdfReader(io.BytesIO(_issue(registry, admin, household[1], household=False)))
    (pasted,) = [i.image for i in other.pages[0].images if i.name == _qr_image_name(other.pages[0])]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    (qr,) = [i for i in writer.pages[0].images if i.name == _qr_image_name(writer.pages[0])]
    qr.replace(pasted.convert("1"))  # losslessly: a clean QR code
    verdict = verify_pdf(_written(writer), registry.kofu.public_key())
    assert verdict.status == "不一致"
    assert verdict.reasons == ("1ページ目: 印字が署名されたものと違います（文字や線が書き換えられています）",)
    assert [dict(s)["氏名"].split("　（")[0] for s in verdict.contents[0].sections if "氏名" in dict(s)] == ["山田　花子"]


@pytest.mark.parametrize("town", [Municipality("さくら市", "さくら県", "011002", "市長 二郎"),
                                  Municipality("みどり町", "さくら県", "131016", "町長 一郎")])
def test_a_certificate_signed_by_another_town_s_replica_is_void(registry: Registry, tmp_path: Path,
                                                                 town: Municipality) -> None:
    """Another municipality, and an impostor that set up a replica with this town's very name and code."""
    other = Registry.create(tmp_path / "other", town, "本庁1", ADMIN, clock=Clock())
    try:
        actor = other.sign_in(ADMIN[0], ADMIN[2])
        atena = other.apply(actor, tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"))).idou.rows[0]
        pdf = _issue(other, actor, atena.row.atena_no)
        assert verify_pdf(pdf, other.kofu.public_key()).ok
    finally:
        other.close()
    verdict = verify_pdf(pdf, registry.kofu.public_key())
    assert verdict.status == "無効" and not verdict.genuine
    assert verdict.reasons == ("署名がこの町のものではありません（ほかの自治体の証明書か、偽造されたQRコードです）",)


def test_a_terminal_key_revoked_before_the_day_of_issue(registry: Registry, admin: Staff, household: list[str],
                                                         tmp_path: Path, clock: Clock) -> None:
    """A joined terminal signs with its own key: its certificates stay 真正 until the day its key is revoked from,
    and are 無効 from that day on, though the terminal had not heard of the revocation; the revocation reaches the
    other terminals as a signed document."""
    branch = Registry.join(tmp_path / "branch", registry.keys.enrollment(admin, "支所1"), clock=clock)
    try:
        carried = bundle.export_bundle(registry, admin, tmp_path / "to-branch.bundle", "支所1")
        bundle.import_bundle(branch, Staff(ADMIN[0], ADMIN[1], Role.ADMIN), carried.path)
        clerk = branch.sign_in(ADMIN[0], ADMIN[2])
        before = _issue(branch, clerk, household[0])
        clock.now += dt.timedelta(days=1)
        since = registry.keys.revoke_signing_key(admin, "支所1", "端末の盗難")
        after = _issue(branch, clerk, household[0])  # a thief's copy of the replica keeps signing
        assert since == clock.now.date() and branch.keys.revoked_signing_keys() == {}
        carried = bundle.export_bundle(registry, admin, tmp_path / "revocation.bundle", "支所1")
        assert bundle.import_bundle(branch, clerk, carried.path).result.quarantined == 0
        assert list(branch.keys.revoked_signing_keys().values()) == [since]
    finally:
        branch.close()
    key, revoked = registry.kofu.public_key(), registry.keys.revoked_signing_keys()
    assert verify_pdf(before, key, revoked).status == "真正"
    assert verify_pdf(after, key).status == "真正"  # what verifying said before keys could be revoked
    verdict = verify_pdf(after, key, revoked)
    assert verdict.status == "無効"
    assert verdict.reasons == ("署名した端末の鍵は2026年11月28日から失効しています（この証明書の交付は2026年11月28日）",)
    with pytest.raises(ValidationError, match="登録されていません"):
        registry.keys.revoke_signing_key(admin, "支所9", "端末の廃止")
    # Only the municipality's key revokes: a revocation signed otherwise is held back on arrival.
    forged = terminal_keys.revocation("x", "本庁1", bytes(32), since, "偽の失効", "admin", "2026-11-28T10:00:00")
    forged["signature"] = Ed25519PrivateKey.generate().sign(terminal_keys.signed_bytes(forged)).hex()
    assert signing_keys.signature_problem(forged, key) == "terminal key revocation with a bad signature"
    # From the command line, from an earlier day: the earliest day holds, and the first certificate is void too.
    registry.close()
    (tmp_path / "before.pdf").write_bytes(before)
    revoked_again = cli(registry.data_dir, "--as", ADMIN[0], "--password-stdin", "revoke-signing-key", "支所1",
                        "--reason", "盗難は前日と判明", "--since", "2026-11-27", stdin=f"{ADMIN[2]}\n")
    assert revoked_again.returncode == 0 and "2026年11月27日から失効させました" in revoked_again.stdout
    void = cli(registry.data_dir, "--as", ADMIN[0], "--password-stdin", "verify", str(tmp_path / "before.pdf"),
               stdin=f"{ADMIN[2]}\n")
    assert void.returncode == 1 and "判定: 無効" in void.stdout and "2026年11月27日から失効" in void.stdout


def test_the_pages_of_a_copy_are_all_there_in_order(registry: Registry, admin: Staff) -> None:
    members = [person(f"川村　{n}", "カワムラ　タロウ", "H2.1.1", "男", "世帯主" if i == 0 else "子")
               for i, n in enumerate("一二三四五")]
    head = registry.apply(admin, tennyu(*members)).idou.rows[0].row.atena_no
    values = {"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [head],
              "requester_atena": head, "identification": "運転免許証", "household": True, "copies": 2}
    first, second = (PdfReader(io.BytesIO(pdf)) for pdf in registry.kofu.issue(admin, request_from(values),
                                                                                 render).pdfs)
    key = registry.kofu.public_key()

    def bound(*pages: Any) -> Any:
        writer = PdfWriter()
        for page in pages:
            writer.add_page(page)
        return verify_pdf(_written(writer), key)

    assert bound(*first.pages).status == "真正"
    assert [c.page_issue_number[-3:] for c in bound(*first.pages).contents] == ["1/2", "2/2"]
    for pages in ((first.pages[0],), (first.pages[1], first.pages[0])):
        verdict = bound(*pages)
        assert verdict.status == "不一致" and verdict.reasons == ("ページが証明書（2ページ）のとおりにそろっていません",)
    mixed = bound(first.pages[0], second.pages[1])
    assert mixed.status == "不一致" and mixed.reasons == ("ページのQRコードが同じ証明書のものではありません",)


def test_the_command_line_shows_the_verdict_beside_the_signed_items(registry: Registry, admin: Staff,
                                                                    genuine: bytes, data_dir: Path,
                                                                    tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(genuine)))
    writer.add_annotation(0, FreeText(text=FORGED, rect=(112, 703, 412, 725)))
    files = {"genuine.pdf": genuine, "forged.pdf": _written(writer), "broken.pdf": genuine[:len(genuine) // 2],
             "garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40, "photo.png": demo_seal_png("みどり町長")}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (symbols,) = scanned(genuine, tmp_path)
    registry.close()

    def verify(argument: str) -> Any:
        return cli(data_dir, "--as", ADMIN[0], "--password-stdin", "verify", argument, stdin=f"{ADMIN[2]}\n")

    ok = verify(str(tmp_path / "genuine.pdf"))
    assert ok.returncode == 0, ok.stderr
    assert "判定: 真正" in ok.stdout and "発行番号 20261127 みどり町 本庁1" in ok.stdout
    for line in (f"住所: {ADDRESS}", "氏名: 山田　太郎　（ヤマダ タロウ）", "生年月日: 昭和50年1月1日", "性別: 男",
                 "交付年月日: 令和8年11月27日", "認証者: さくら県みどり町長　町長 一郎"):
        assert f"  {line}\n" in ok.stdout, line
    forged = verify(str(tmp_path / "forged.pdf"))
    assert forged.returncode == 1 and "判定: 不一致" in forged.stdout and "注釈（FreeText）" in forged.stdout
    assert f"住所: {ADDRESS}" in forged.stdout  # the genuine address, beside the verdict
    scan = verify(symbols[0].text)
    assert scan.returncode == 0 and "判定: 真正" in scan.stdout and "見比べてください" in scan.stdout
    assert f"住所: {ADDRESS}" in scan.stdout
    payload = Payload.parse(symbols[0].text)
    moved = (("住所", FORGED),), *payload.content.sections[1:]
    void = verify(dataclasses.replace(payload, content=dataclasses.replace(payload.content, sections=moved)).text())
    assert void.returncode == 1 and "判定: 無効" in void.stdout and "住所:" not in void.stdout
    for argument, message in ((str(tmp_path / "broken.pdf"), "PDFとして読めません"),
                              (str(tmp_path / "garbage.pdf"), "PDFとして読めません"),
                              (str(tmp_path / "photo.png"), "PDFファイルではありません"),
                              (str(tmp_path / "missing.pdf"), "ファイルがありません"),
                              ("x" * 100_000, "長すぎます"), ("MDG2:" + "x" * 100_000, "長すぎます")):
        refused = verify(argument)
        assert refused.returncode == 2, (argument[:40], refused)
        assert refused.stderr.startswith("入力エラー: ") and message in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr + refused.stdout
