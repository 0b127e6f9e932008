"""The certificate forms on A4 portrait: 世帯連記式 (up to four persons a page) and 個人票 (one person a page).

`render` draws a `domain.certificate_items.Certificate` and nothing else. Each page carries its 発行番号 with `x/y`
and a QR code with the page's items, signed together with the page as drawn and its seal image through the `sign`
callable, which the replica provides (the key never comes here; see `reports.signed_pdf` for the two passes and
`reports.qr_payload` for the code); the 認証文, the 認証者 and the 電子公印 are on the last page only. A character no
font can draw raises `UnprintableCharacter` before any byte is returned.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from domain.certificate_items import END_MARK, HISTORY_HEADINGS, SEAL_NOTE, Certificate, Field
from domain.errors import ValidationError
from reports.fonts import FONTS
from reports.qr_payload import Content
from reports.signed_pdf import QR_SIZE, Signer, define_qr_forms, place_qr, sign_pages

WIDTH, HEIGHT = A4
MARGIN = 15 * mm
INNER = WIDTH - 2 * MARGIN
SEAL_SIZE = 22 * mm  # the 電子公印 is at most 25 mm square (§5.6)
QR_BOTTOM = MARGIN - 2 * mm
MIN_FONT = 4.5
# Fields given a whole row; the others share a row two by two.
WIDE = {"氏名", "氏名（アルファベット）", "通称", "旧氏", "住所", "転入前住所", "本籍", "転出先住所", "世帯主",
        "国民健康保険", "後期高齢者医療", "介護保険", "国民年金"}
TOP = HEIGHT - MARGIN - 26 * mm  # below the title
ROW = 8.5 * mm  # a row of a 個人票: an item, or a line of the 異動の履歴
# The columns of the 異動の履歴 (HISTORY_HEADINGS): 異動事由, 異動日, 届出日, and the address taking the rest.
HISTORY_COLUMNS = (30 * mm, 31 * mm, 31 * mm, INNER - 92 * mm)
FOOTER_TOP = MARGIN + 50 * mm  # above the 認証文 block


@dataclass(frozen=True, slots=True)
class Rendered:
    pdf: bytes
    digest: bytes
    pages: int


class _Page:
    """Draws strings on one page, each shrunk to its box."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def text(self, x: float, y: float, text: str, size: float, *, width: float | None = None,
             align: str = "left") -> None:
        if not text:
            return
        runs = FONTS.runs(text)
        size = _fit(self.canvas, runs, size, width, text)
        total = sum(self.canvas.stringWidth(t, f, size) for f, t in runs)
        x = x - total / 2 if align == "center" else x - total if align == "right" else x
        for font, part in runs:
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, y, part)
            x += self.canvas.stringWidth(part, font, size)


def _fit(canvas: Canvas, runs: list[tuple[str, str]], size: float, width: float | None, text: str) -> float:
    """Shrink the text to its box (§5.8); refuse when even the smallest size does not fit."""
    if width is None:
        return size
    natural = sum(canvas.stringWidth(t, f, size) for f, t in runs)
    if natural <= width:
        return size
    fitted = size * width / natural
    if fitted < MIN_FONT:
        raise ValidationError("印字", f"「{text}」が欄に収まりません（文字超過）")
    return fitted


def _grid(fields: Sequence[Field]) -> list[list[Field]]:
    """Rows of the person block: a wide field alone, the others two by two, in the fields' order."""
    rows: list[list[Field]] = []
    for f in fields:
        if f.label not in WIDE and rows and len(rows[-1]) == 1 and rows[-1][0].label not in WIDE:
            rows[-1].append(f)
        else:
            rows.append([f])
    return rows


def _cell(page: _Page, x: float, y: float, w: float, h: float, field: Field, label_w: float) -> None:
    c = page.canvas
    c.setLineWidth(0.4)
    c.rect(x, y, w, h)
    c.line(x + label_w, y, x + label_w, y + h)
    size = min(9.0, h / mm * 2.0)
    page.text(x + 1.2 * mm, y + h / 2 - size * 0.35, field.label, size * 0.8, width=label_w - 2.4 * mm)
    page.text(x + label_w + 1.5 * mm, y + h / 2 - size * 0.35, field.value, size, width=w - label_w - 3 * mm)


def _person_block(page: _Page, top: float, fields: Sequence[Field], row_h: float, label_w: float) -> float:
    """Draws one person's fields from `top` down; returns the bottom."""
    y = top
    for row in _grid(fields):
        y -= row_h
        if len(row) == 1 and row[0].label in WIDE:
            _cell(page, MARGIN, y, INNER, row_h, row[0], label_w)
        else:
            for i, f in enumerate(row):
                _cell(page, MARGIN + i * INNER / 2, y, INNER / 2, row_h, f, label_w)
    return y


def _header(page: _Page, cert: Certificate) -> float:
    c = page.canvas
    if cert.kouyou:
        c.setLineWidth(1)
        c.rect(MARGIN, HEIGHT - MARGIN - 10 * mm, 16 * mm, 9 * mm)
        page.text(MARGIN + 8 * mm, HEIGHT - MARGIN - 7.6 * mm, "公用", 14, align="center")
    page.text(WIDTH / 2, HEIGHT - MARGIN - 10 * mm, cert.title, 20, align="center")
    top = TOP
    row_h = 8 * mm
    for f in cert.header:
        top -= row_h
        _cell(page, MARGIN, top, INNER, row_h, f, 24 * mm)
    return top - 4 * mm


def _footer(page: _Page, cert: Certificate, last: bool) -> None:
    if not last:
        page.text(WIDTH / 2, FOOTER_TOP - 8 * mm, "（次葉に続く）", 9, align="center")
        return
    c = page.canvas
    page.text(MARGIN, FOOTER_TOP - 8 * mm, cert.attestation, 10.5, width=INNER)
    page.text(MARGIN + 10 * mm, FOOTER_TOP - 16 * mm, cert.issued_on, 10.5)
    name_x = WIDTH - MARGIN - SEAL_SIZE - 4 * mm
    page.text(name_x, FOOTER_TOP - 26 * mm, f"{cert.signatory.title}　{cert.signatory.name}", 13, align="right",
              width=INNER - SEAL_SIZE - QR_SIZE - 8 * mm)
    if cert.seal_png is not None:
        seal = black_seal(cert.seal_png)
        scale = SEAL_SIZE / max(seal.size)
        c.drawImage(ImageReader(seal), WIDTH - MARGIN - SEAL_SIZE, FOOTER_TOP - 36 * mm,
                    seal.size[0] * scale, seal.size[1] * scale, mask="auto")
        page.text(WIDTH - MARGIN, FOOTER_TOP - 40 * mm, SEAL_NOTE, 7, align="right")


@functools.lru_cache(maxsize=4)
def black_seal(png: bytes) -> Image.Image:
    """The seal image in black only (§5.6): dark pixels black, the rest transparent (made once per seal; read only)."""
    gray = Image.open(io.BytesIO(png)).convert("RGBA")
    alpha = gray.getchannel("A")
    lum = gray.convert("L")
    mask = Image.eval(lum, lambda v: 255 if v < 160 else 0)
    mask = Image.composite(mask, Image.new("L", mask.size, 0), alpha)
    black = Image.new("RGBA", gray.size, (0, 0, 0, 0))
    black.putalpha(mask)
    return black


def _history(page: _Page, top: float, lines: Sequence[Sequence[Field]]) -> float:
    """Draws the 異動の履歴 as a table from `top` down (a heading row, then a row a line); returns the bottom."""
    c = page.canvas
    c.setLineWidth(0.4)
    y = top
    for cells in [HISTORY_HEADINGS, *([f.value for f in line] for line in lines)]:
        y -= ROW
        x = MARGIN
        for width, text in zip(HISTORY_COLUMNS, cells, strict=True):
            c.rect(x, y, width, ROW)
            page.text(x + 1.2 * mm, y + ROW / 2 - 3, text, 8.5 if cells is HISTORY_HEADINGS else 9,
                      width=width - 2.4 * mm)
            x += width
    return y


def _body(page: _Page, cert: Certificate, persons: Sequence[Sequence[Field]], top: float, number: int) -> float:
    """Draws the persons of page `number` from `top` down (and a 個人票's 異動の履歴); returns the bottom."""
    y = top
    if cert.individual:
        for fields in persons:
            y = top
            for f in fields:
                y -= ROW
                _cell(page, MARGIN, y, INNER, ROW, f, 45 * mm)
        if lines := cert.history_on(number):
            y = _history(page, y - 3 * mm, lines)
        return y
    space = top - FOOTER_TOP - 2 * mm * len(persons)
    rows = sum(len(_grid(fields)) for fields in persons)
    row_h = min(6.5 * mm, space / max(rows, 1))
    for fields in persons:
        y = _person_block(page, y, fields, row_h, 30 * mm) - 2 * mm
    return y + 2 * mm


def _canvas(buffer: io.BytesIO, cert: Certificate) -> Canvas:
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONTS.text_font, pageCompression=1)
    canvas.setTitle(cert.title)
    canvas.setAuthor(cert.signatory.title)
    canvas.setCreator("Madoguchi")
    return canvas


def _content(cert: Certificate, number: int) -> Content:
    """What page `number` certifies, for its QR code."""
    blocks = ((cert.header,) if cert.header else ()) + tuple(cert.pages[number - 1]) + cert.history_on(number)
    return Content(f"{cert.title}（公用）" if cert.kouyou else cert.title, cert.issue_number, number, len(cert.pages),
                   tuple(tuple((f.label, f.value) for f in block) for block in blocks), cert.attestation,
                   cert.issued_on, f"{cert.signatory.title}　{cert.signatory.name}")


def _pdf(cert: Certificate, qr_texts: Sequence[str] | None) -> bytes:
    """Every page, each with its QR code (empty when `qr_texts` is None)."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, cert)
    for number, persons in enumerate(cert.pages, start=1):
        page = _Page(canvas)
        top = _header(page, cert)
        bottom = _body(page, cert, persons, top, number)
        last = number == len(cert.pages)
        if last:  # nothing follows the last person (a line added below would not be certified)
            page.text(WIDTH - MARGIN, bottom - 4.5 * mm, END_MARK, 9, align="right")
        _footer(page, cert, last)
        page.text(MARGIN + QR_SIZE + 4 * mm, MARGIN, f"発行番号　{cert.page_issue_number(number)}", 8)
        place_qr(canvas, number, MARGIN, QR_BOTTOM, QR_SIZE)
        canvas.showPage()
    define_qr_forms(canvas, len(cert.pages), qr_texts)
    canvas.save()
    return buffer.getvalue()


def render(cert: Certificate, sign: Signer) -> Rendered:
    """The PDF of one copy, every page signed with its items, its drawing and its seal image."""
    pdf, digest = sign_pages(lambda texts: _pdf(cert, texts), [_content(cert, n) for n in range(1, len(cert.pages) + 1)],
                             sign)
    return Rendered(pdf, digest, len(cert.pages))
