"""The forms of 印鑑登録: the 印鑑登録証明書 (signed), the 印鑑登録証 (the card), the 印鑑登録原票 and the 照会書.

The 印鑑登録証明書 (A4 portrait, one page): the title, the impression at its true size in a box on the left (the
cropped scan's size in mm is its size on the page), the person's items beside it (登録番号, 氏名, 旧氏, 通称, 生年月日,
性別, 住所), the 証明文, the 交付年月日 in 和暦, the 市区町村長 with the 電子公印, and at the foot the QR code that
carries the items and the impression's SHA-256, signed with the page as drawn and its two images (the 公印 and the
impression, `reports.signed_pdf`), so `main.py verify` checks the file or the paper.

The card (85.6 × 54 mm) carries its number as a Code 128 bar code, which the counter's scanner types back. The
原票 and the 照会書 are plain records for the office and the post: not signed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from domain.certificate_items import SEAL_NOTE
from domain.inkan import CERTIFICATE_KIND, Impression, InkanCertificate, InkanRecord
from domain.wareki import format_wareki
from reports.certificate_pdf import Rendered, black_seal
from reports.fonts import FONTS
from reports.form_text import draw_text
from reports.qr_payload import Content
from reports.signed_pdf import QR_SIZE, Signer, define_qr_forms, place_qr, sign_pages

WIDTH, HEIGHT = A4
MARGIN = 20 * mm
INNER = WIDTH - 2 * MARGIN
BOX = 40 * mm  # the impression's box: wider than the largest impression (25 mm)
LABEL_W = 26 * mm
ROW_H = 11 * mm
SEAL_SIZE = 22 * mm
CARD = (85.6 * mm, 54 * mm)
IMPRESSION_ITEM = "印影（SHA-256）"


def _impression(canvas: Canvas, impression: Impression, x: float, y: float, box: float) -> None:
    """The impression at its true size, centred in the square box at (x, y)."""
    width, height = impression.width_mm * mm, impression.height_mm * mm
    canvas.drawImage(ImageReader(io.BytesIO(impression.png)), x + (box - width) / 2, y + (box - height) / 2,
                     width, height)


def _items(canvas: Canvas, x: float, top: float, width: float, items: Sequence[tuple[str, str]]) -> float:
    """The items as a table of label and value from `top` down; returns its bottom."""
    canvas.setLineWidth(0.6)
    for label, value in items:
        canvas.rect(x, top - ROW_H, width, ROW_H)
        canvas.line(x + LABEL_W, top - ROW_H, x + LABEL_W, top)
        draw_text(canvas, x + 2.5 * mm, top - ROW_H / 2 - 3.5, label, 10.5, width=LABEL_W - 5 * mm)
        draw_text(canvas, x + LABEL_W + 3 * mm, top - ROW_H / 2 - 4, value, 12, width=width - LABEL_W - 6 * mm)
        top -= ROW_H
    return top


# --- the 印鑑登録証明書 ----------------------------------------------------------------------------------------------

def _certificate(canvas: Canvas, cert: InkanCertificate) -> None:
    draw_text(canvas, WIDTH / 2, HEIGHT - MARGIN - 20 * mm, CERTIFICATE_KIND, 24, align="center")
    top = HEIGHT - MARGIN - 34 * mm
    canvas.setLineWidth(0.6)
    items = cert.items()
    height = max(BOX + 8 * mm, ROW_H * len(items))
    canvas.rect(MARGIN, top - height, BOX + 8 * mm, height)
    draw_text(canvas, MARGIN + 2 * mm, top - 5 * mm, "印影", 9)
    _impression(canvas, cert.impression, MARGIN + 4 * mm, top - height + (height - BOX) / 2, BOX)
    _items(canvas, MARGIN + BOX + 8 * mm, top, INNER - BOX - 8 * mm, items)
    top -= height + 16 * mm
    draw_text(canvas, MARGIN, top, cert.attestation, 12.5, width=INNER)
    draw_text(canvas, MARGIN + 10 * mm, top - 14 * mm, cert.issued_on, 12)
    signer = f"{cert.signatory_title}　{cert.signatory_name}"
    draw_text(canvas, WIDTH - MARGIN - SEAL_SIZE - 4 * mm, top - 30 * mm, signer, 14, align="right",
          width=INNER - SEAL_SIZE - 8 * mm)
    if cert.seal_png is not None:
        seal = black_seal(cert.seal_png)
        scale = SEAL_SIZE / max(seal.size)
        canvas.drawImage(ImageReader(seal), WIDTH - MARGIN - SEAL_SIZE, top - 40 * mm,
                         seal.size[0] * scale, seal.size[1] * scale, mask="auto")
        draw_text(canvas, WIDTH - MARGIN, top - 44 * mm, SEAL_NOTE, 7, align="right")
    draw_text(canvas, MARGIN + QR_SIZE + 4 * mm, MARGIN, f"発行番号　{cert.issue_number} 1/1", 8)
    place_qr(canvas, 1, MARGIN, MARGIN - 2 * mm, QR_SIZE)


def _content(cert: InkanCertificate) -> Content:
    """What the page certifies, for its QR code: the items and the impression's hash."""
    items = (*cert.items(), (IMPRESSION_ITEM, cert.impression.sha256))
    return Content(CERTIFICATE_KIND, cert.issue_number, 1, 1, (tuple(items),), cert.attestation, cert.issued_on,
                   f"{cert.signatory_title}　{cert.signatory_name}")


def _certificate_pdf(cert: InkanCertificate, qr_texts: Sequence[str] | None) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONTS.text_font, pageCompression=1)
    canvas.setTitle(CERTIFICATE_KIND)
    canvas.setAuthor(cert.signatory_title)
    canvas.setCreator("Madoguchi")
    _certificate(canvas, cert)
    canvas.showPage()
    define_qr_forms(canvas, 1, qr_texts)
    canvas.save()
    return buffer.getvalue()


def render(cert: InkanCertificate, sign: Signer) -> Rendered:
    """The PDF of one 印鑑登録証明書 (checking every character), signed with its items, its drawing and its images."""
    pdf, digest = sign_pages(lambda texts: _certificate_pdf(cert, texts), [_content(cert)], sign)
    return Rendered(pdf, digest, 1)


# --- the card, the 原票 and the 照会書 --------------------------------------------------------------------------

def _plain(title: str, pagesize: tuple[float, float]) -> tuple[Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, initialFontName=FONTS.text_font, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("Madoguchi")
    return canvas, buffer


def card(record: InkanRecord) -> bytes:
    """The 印鑑登録証: the town, the title, the 登録番号 and the card number as a bar code and in digits."""
    canvas, buffer = _plain("印鑑登録証", CARD)
    width, height = CARD
    canvas.setLineWidth(0.8)
    canvas.roundRect(2 * mm, 2 * mm, width - 4 * mm, height - 4 * mm, 3 * mm)
    draw_text(canvas, width / 2, height - 12 * mm, "印鑑登録証", 14, align="center")
    draw_text(canvas, 6 * mm, height - 20 * mm, f"登録番号　{record.registration_no}", 9)
    draw_text(canvas, 6 * mm, height - 26 * mm, f"氏名　{record.name}", 9, width=width - 12 * mm)
    barcode = code128.Code128(record.card_no, barHeight=10 * mm, barWidth=0.33 * mm, humanReadable=False)
    barcode.drawOn(canvas, (width - barcode.width) / 2, 10 * mm)
    draw_text(canvas, width / 2, 6.5 * mm, record.card_no, 8, align="center")
    draw_text(canvas, width - 6 * mm, height - 7 * mm, record.town, 7, align="right")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def record_sheet(record: InkanRecord) -> bytes:
    """The 印鑑登録原票: the registration's items and the impression at its true size (the card's number masked but
    for its last four digits: the sheet must not stand for the card)."""
    canvas, buffer = _plain("印鑑登録原票", A4)
    draw_text(canvas, WIDTH / 2, HEIGHT - MARGIN - 14 * mm, "印鑑登録原票", 20, align="center")
    top = HEIGHT - MARGIN - 26 * mm
    canvas.setLineWidth(0.6)
    canvas.rect(MARGIN, top - BOX - 8 * mm, BOX + 8 * mm, BOX + 8 * mm)
    draw_text(canvas, MARGIN + 2 * mm, top - 5 * mm, "印影", 9)
    _impression(canvas, record.impression, MARGIN + 4 * mm, top - BOX - 4 * mm, BOX)
    _items(canvas, MARGIN + BOX + 8 * mm, top, INNER - BOX - 8 * mm,
           [*record.items(), ("印鑑登録証の番号", "*" * (len(record.card_no) - 4) + record.card_no[-4:])])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def inquiry_letter(record: InkanRecord, answer_by: dt.date, mayor: str) -> bytes:
    """The 照会書 mailed to the registered address, with the 回答書 to bring back by `answer_by`."""
    canvas, buffer = _plain("印鑑登録照会書", A4)
    draw_text(canvas, WIDTH - MARGIN, HEIGHT - MARGIN, record.town, 11, align="right")
    draw_text(canvas, MARGIN, HEIGHT - MARGIN - 14 * mm, f"{record.address}", 11, width=INNER)
    draw_text(canvas, MARGIN, HEIGHT - MARGIN - 22 * mm, f"{record.name}　様", 13)
    draw_text(canvas, WIDTH / 2, HEIGHT - MARGIN - 40 * mm, "印鑑登録照会書（兼回答書）", 18, align="center")
    lines = ["あなたから印鑑登録の申請がありました。申請に間違いがなければ、この回答書に記入・押印し、",
             f"申請した本人が、{format_wareki(answer_by)}までに窓口へお持ちください（期限を過ぎると登録されません）。",
             "申請に心当たりがない場合は、お手数ですが窓口までご連絡ください。"]
    for index, line in enumerate(lines):
        draw_text(canvas, MARGIN, HEIGHT - MARGIN - 56 * mm - index * 8 * mm, line, 11, width=INNER)
    top = _items(canvas, MARGIN, HEIGHT - MARGIN - 86 * mm, INNER,
                 [("登録番号", record.registration_no), ("氏名", record.name), ("住所", record.address)])
    draw_text(canvas, MARGIN, top - 14 * mm, "回答　上記の印鑑登録の申請は、私が申請したものに相違ありません。", 11, width=INNER)
    draw_text(canvas, MARGIN, top - 30 * mm, "署名　　　　　　　　　　　　　　　　　　印（登録する印鑑）", 11)
    draw_text(canvas, WIDTH - MARGIN, MARGIN, mayor, 11, align="right")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
