"""閲覧 forms on A4: the 閲覧用リスト of an approved request and the yearly 公表 of 閲覧の状況.

The 閲覧用リスト shows 住所, 氏名, 生年月日 and 性別 only (法11条第1項の住所等), in the order it is given, and carries
「閲覧用」, the request's 受付番号 and the page out of all pages at the head and the foot of every page, so that a
page found apart from the others still says which 閲覧 it belongs to. The 公表 lists the year's approved requests
(法11条第3項, 11条の2第12項) in landscape, long texts wrapped in their column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from domain.etsuran import PUBLISHED_HEADER, EtsuranList, Published
from domain.wareki import format_wareki
from reports.fonts import FONTS

MARGIN = 15 * mm
LINE = 7 * mm
MARK = "閲覧用"
LIST_TITLE = "住民基本台帳の一部の写し"
LIST_COLUMNS = (("住所", 92 * mm), ("氏名", 42 * mm), ("生年月日", 34 * mm), ("性別", 12 * mm))
PUBLISHED_COLUMNS = (26 * mm, 18 * mm, 50 * mm, 85 * mm, 32 * mm, 56 * mm)


def _text(canvas: Canvas, x: float, y: float, text: str, size: float, *, width: float | None = None,
          align: str = "left") -> None:
    """Draws `text` in the fonts that hold its characters, shrunk to `width` when longer."""
    runs = FONTS.runs(text)
    natural = sum(canvas.stringWidth(t, f, size) for f, t in runs)
    if width is not None and natural > width:
        size, natural = size * width / natural, width
    x = x - natural if align == "right" else x - natural / 2 if align == "center" else x
    for font, part in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += canvas.stringWidth(part, font, size)


def _width(canvas: Canvas, text: str, size: float) -> float:
    return sum(canvas.stringWidth(t, f, size) for f, t in FONTS.runs(text))


def _wrapped(canvas: Canvas, text: str, size: float, width: float) -> list[str]:
    """`text` cut into lines no wider than `width`."""
    lines, line = [], ""
    for ch in text:
        if line and _width(canvas, line + ch, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line or not lines else lines


def _canvas(buffer: io.BytesIO, title: str, size: tuple[float, float]) -> Canvas:
    canvas = Canvas(buffer, pagesize=size, initialFontName=FONTS.text_font, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("Madoguchi")
    return canvas


def render_list(made: EtsuranList) -> bytes:
    """The 閲覧用リスト as PDF bytes."""
    width, height = A4
    per_page = int((height - 2 * MARGIN - 40 * mm) // LINE)
    pages = [made.lines[i:i + per_page] for i in range(0, len(made.lines), per_page)] or [()]
    buffer = io.BytesIO()
    canvas = _canvas(buffer, f"{LIST_TITLE}（{MARK}）{made.number}", A4)
    for index, lines in enumerate(pages, start=1):
        folio = f"{MARK}　受付番号 {made.number}　{index}/{len(pages)}ページ"
        canvas.setLineWidth(1.2)
        canvas.rect(MARGIN, height - MARGIN - 12 * mm, 34 * mm, 12 * mm)
        _text(canvas, MARGIN + 17 * mm, height - MARGIN - 8.5 * mm, MARK, 18, align="center")
        _text(canvas, MARGIN + 40 * mm, height - MARGIN - 8 * mm, LIST_TITLE, 14)
        _text(canvas, width - MARGIN, height - MARGIN - 4 * mm, f"受付番号 {made.number}", 10, align="right")
        _text(canvas, width - MARGIN, height - MARGIN - 10 * mm, f"{index}/{len(pages)}ページ", 9, align="right")
        _text(canvas, MARGIN, height - MARGIN - 19 * mm,
              f"{made.town}　{format_wareki(made.as_of)}現在　対象の範囲：{made.scope}", 9,
              width=width - 2 * MARGIN)
        y = height - MARGIN - 29 * mm
        x = MARGIN
        for label, column in LIST_COLUMNS:
            _text(canvas, x, y, label, 9.5)
            x += column
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
        for line in lines:
            y -= LINE
            x = MARGIN
            for value, (_, column) in zip((line.address, line.name, line.birth, line.sex), LIST_COLUMNS,
                                          strict=True):
                _text(canvas, x, y, value, 9.5, width=column - 3 * mm)
                x += column
            canvas.setLineWidth(0.2)
            canvas.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
        if not lines:
            _text(canvas, MARGIN, y - LINE, "該当する住民はいません", 9.5)
        _text(canvas, width / 2, MARGIN / 2, folio, 8, align="center")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_publication(lines: Sequence[Published], year: int, town: str) -> bytes:
    """The 公表 of the year's 閲覧 as PDF bytes (landscape)."""
    size = 8.5
    width, height = landscape(A4)
    title = f"住民基本台帳の一部の写しの閲覧の状況（{year}年）"
    buffer = io.BytesIO()
    canvas = _canvas(buffer, title, (width, height))
    page = 1

    def head() -> float:
        _text(canvas, MARGIN, height - MARGIN - 4 * mm, title, 14)
        _text(canvas, width - MARGIN, height - MARGIN - 4 * mm, town, 10, align="right")
        _text(canvas, MARGIN, height - MARGIN - 11 * mm, "住民基本台帳法第11条第3項及び第11条の2第12項による公表", 8.5)
        _text(canvas, width - MARGIN, MARGIN / 2, f"{page}ページ", 8, align="right")
        y = height - MARGIN - 21 * mm
        x = MARGIN
        for label, column in zip(PUBLISHED_HEADER, PUBLISHED_COLUMNS, strict=True):
            _text(canvas, x, y, label, 9)
            x += column
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
        return y - 2 * mm

    y = head()
    for p in lines:
        cells = [_wrapped(canvas, text, size, column - 3 * mm) for text, column in zip(
            (p.number, p.article, p.applicant, p.summary, p.viewed_on, p.scope), PUBLISHED_COLUMNS, strict=True)]
        rows = max(len(c) for c in cells)
        if y - rows * 4.5 * mm - 3 * mm < MARGIN:
            canvas.showPage()
            page += 1
            y = head()
        x = MARGIN
        for cell, column in zip(cells, PUBLISHED_COLUMNS, strict=True):
            for n, text in enumerate(cell):
                _text(canvas, x, y - 5 * mm - n * 4.5 * mm, text, size)
            x += column
        y -= rows * 4.5 * mm + 3 * mm
        canvas.setLineWidth(0.2)
        canvas.line(MARGIN, y, width - MARGIN, y)
    if not lines:
        _text(canvas, MARGIN, y - 7 * mm, "この年の閲覧はありません", 9.5)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
