"""The 罹災証明書 in the unified form (統一様式, 府政防第737号) on A4 portrait, one page.

整理番号 at the top right, the title, then the table of the form: 世帯主住所, 世帯主氏名, 罹災原因, 被災住家の所在地
and 住家の被害の程度, where the six classes are all printed and the one that applies is marked (■ and a ring; the
others □); below it the 追加記載事項 box, the 証明文, the 交付年月日 in 和暦 and the 市区町村長 with the 電子公印.
As on the other certificates, the QR code at the foot carries the items, signed with the page as drawn and its seal
image (`reports.signed_pdf`), and lets `main.py verify` check the file or the paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from domain.certificate_items import SEAL_NOTE
from domain.disaster import ATTESTATION, Damage, RisaiCertificate
from reports.certificate_pdf import Rendered, black_seal
from reports.fonts import FONTS
from reports.qr_payload import Content
from reports.signed_pdf import QR_SIZE, Signer, define_qr_forms, place_qr, sign_pages

WIDTH, HEIGHT = A4
MARGIN = 20 * mm
INNER = WIDTH - 2 * MARGIN
LABEL_W = 38 * mm
ROW_H = 15 * mm
DAMAGE_ROW_H = 30 * mm
NOTE_H = 42 * mm
SEAL_SIZE = 22 * mm
TITLE = "罹災証明書"
NOTE_TITLE = "※追加記載事項"
MARKED, UNMARKED = "■", "□"


class _Page:
    """Draws strings, shrunk to their box when needed."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def text(self, x: float, y: float, text: str, size: float, *, width: float | None = None,
             align: str = "left") -> float:
        """Draws `text`; returns its width."""
        if not text:
            return 0.0
        runs = FONTS.runs(text)
        natural = sum(self.canvas.stringWidth(t, f, size) for f, t in runs)
        if width is not None and natural > width:
            size, natural = size * width / natural, width
        x = x - natural / 2 if align == "center" else x - natural if align == "right" else x
        for font, part in runs:
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, y, part)
            x += self.canvas.stringWidth(part, font, size)
        return natural


def _row(page: _Page, top: float, height: float, label: str) -> float:
    """A row of the table with its label; returns its bottom."""
    c = page.canvas
    c.setLineWidth(0.6)
    c.rect(MARGIN, top - height, INNER, height)
    c.line(MARGIN + LABEL_W, top - height, MARGIN + LABEL_W, top)
    page.text(MARGIN + 3 * mm, top - height / 2 - 3.5, label, 11, width=LABEL_W - 6 * mm)
    return top - height


def _value(page: _Page, top: float, height: float, text: str) -> None:
    page.text(MARGIN + LABEL_W + 4 * mm, top - height / 2 - 4, text, 12.5, width=INNER - LABEL_W - 8 * mm)


def _damage(page: _Page, top: float, damage: Damage) -> float:
    """The six classes in three lines of two, most severe first, the applying one marked."""
    bottom = _row(page, top, DAMAGE_ROW_H, "住家の被害の程度")
    x0 = MARGIN + LABEL_W + 5 * mm
    column = (INNER - LABEL_W - 10 * mm) / 2
    for index, option in enumerate(Damage):
        line, col = divmod(index, 2)
        x = x0 + col * column
        y = top - 8.5 * mm - line * 9 * mm
        mark = MARKED if option is damage else UNMARKED
        drawn = page.text(x, y, f"{mark}{option.value}", 10.5, width=column - 4 * mm)
        if option is damage:
            page.canvas.setLineWidth(1.2)
            page.canvas.ellipse(x - 2 * mm, y - 2.4 * mm, x + drawn + 2 * mm, y + 5.6 * mm)
    return bottom


def _note(page: _Page, top: float, note: str) -> float:
    c = page.canvas
    c.setLineWidth(0.6)
    c.rect(MARGIN, top - NOTE_H, INNER, NOTE_H)
    page.text(MARGIN + 3 * mm, top - 7 * mm, NOTE_TITLE, 10.5)
    for number, line in enumerate(note.splitlines()):
        page.text(MARGIN + 8 * mm, top - 15 * mm - number * 7 * mm, line, 11, width=INNER - 12 * mm)
    return top - NOTE_H


def _signature(page: _Page, top: float, cert: RisaiCertificate) -> None:
    page.text(MARGIN, top, ATTESTATION, 12)
    page.text(MARGIN + 10 * mm, top - 12 * mm, cert.issued_on, 12)
    name_right = WIDTH - MARGIN - SEAL_SIZE - 4 * mm
    page.text(name_right, top - 28 * mm, f"{cert.signatory.title}　{cert.signatory.name}", 14, align="right",
              width=INNER - SEAL_SIZE - 8 * mm)
    if cert.seal_png is not None:
        seal = black_seal(cert.seal_png)
        scale = SEAL_SIZE / max(seal.size)
        page.canvas.drawImage(ImageReader(seal), WIDTH - MARGIN - SEAL_SIZE, top - 38 * mm,
                              seal.size[0] * scale, seal.size[1] * scale, mask="auto")
        page.text(WIDTH - MARGIN, top - 42 * mm, SEAL_NOTE, 7, align="right")


def _draw(canvas: Canvas, cert: RisaiCertificate) -> None:
    page = _Page(canvas)
    page.text(WIDTH - MARGIN, HEIGHT - MARGIN - 4 * mm, f"整理番号　{cert.number}", 11, align="right")
    page.text(WIDTH / 2, HEIGHT - MARGIN - 24 * mm, TITLE, 24, align="center")
    top = HEIGHT - MARGIN - 40 * mm
    for label, value in _rows(cert):
        bottom = _row(page, top, ROW_H, label)
        _value(page, top, ROW_H, value)
        top = bottom
    top = _damage(page, top, cert.damage)
    top = _note(page, top - 6 * mm, cert.note)
    _signature(page, top - 14 * mm, cert)
    page.text(MARGIN + QR_SIZE + 4 * mm, MARGIN, f"発行番号　{cert.page_issue_number}", 8)
    place_qr(canvas, 1, MARGIN, MARGIN - 2 * mm, QR_SIZE)


def _rows(cert: RisaiCertificate) -> list[tuple[str, str]]:
    return [("世帯主住所", cert.head_address), ("世帯主氏名", cert.head_name), ("罹災原因", cert.cause),
            ("被災住家の所在地", cert.place)]


def _content(cert: RisaiCertificate) -> Content:
    """What the page certifies, for its QR code."""
    items = [("整理番号", cert.number), *_rows(cert), ("住家の被害の程度", cert.damage.value),
             (NOTE_TITLE.lstrip("※"), cert.note)]
    return Content(TITLE, cert.issue_number, 1, 1, (tuple(items),), ATTESTATION, cert.issued_on,
                   f"{cert.signatory.title}　{cert.signatory.name}")


def _pdf(cert: RisaiCertificate, qr_texts: Sequence[str] | None) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONTS.text_font, pageCompression=1)
    canvas.setTitle(TITLE)
    canvas.setAuthor(cert.signatory.title)
    canvas.setCreator("Madoguchi")
    _draw(canvas, cert)
    canvas.showPage()
    define_qr_forms(canvas, 1, qr_texts)
    canvas.save()
    return buffer.getvalue()


def render(cert: RisaiCertificate, sign: Signer) -> Rendered:
    """The PDF of one 罹災証明書 (checking every character), signed with its items, its drawing and its seal image."""
    pdf, digest = sign_pages(lambda texts: _pdf(cert, texts), [_content(cert)], sign)
    return Rendered(pdf, digest, 1)
