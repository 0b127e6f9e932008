"""The 住民票コード通知票 (法30条の3第3項, 30条の4第3項): one A4 page to the person, mailed to their 住所 or handed to
them: the town and the addressee at the top, the title, the sentence of the law, the items (氏名, 住所, 住民票コード, the
異動 that recorded it and its date), the day of the notice and the 市区町村長. A notice, not a certificate: not signed,
no 発行番号; never the 個人番号.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from domain.code_notice import TITLE, CodeNotice
from domain.wareki import RegDate, format_wareki
from reports.fonts import FONTS
from reports.form_text import draw_text

WIDTH, HEIGHT = A4
MARGIN = 20 * mm
INNER = WIDTH - 2 * MARGIN
LABEL_W = 32 * mm
ROW_H = 11 * mm
KEEP = "住民票コードは、住民基本台帳ネットワークシステムであなたを確認するための番号です。大切に保管してください。"


def render(notice: CodeNotice) -> bytes:
    """The PDF of one 住民票コード通知票."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONTS.text_font, pageCompression=1)
    canvas.setTitle(TITLE)
    canvas.setCreator("Madoguchi")
    top = HEIGHT - MARGIN
    draw_text(canvas, WIDTH - MARGIN, top, format_wareki(RegDate.of(notice.issued_on)), 11, align="right")
    draw_text(canvas, MARGIN, top - 14 * mm, notice.address, 11, width=INNER)
    draw_text(canvas, MARGIN, top - 22 * mm, f"{notice.name}　様", 13, width=INNER)
    draw_text(canvas, WIDTH / 2, top - 42 * mm, TITLE, 20, align="center")
    for index, line in enumerate(notice.sentence()):
        draw_text(canvas, MARGIN, top - 54 * mm - index * 7 * mm, line, 11, width=INNER)
    row_top = top - 70 * mm
    canvas.setLineWidth(0.6)
    for label, value in notice.items():
        canvas.rect(MARGIN, row_top - ROW_H, INNER, ROW_H)
        canvas.line(MARGIN + LABEL_W, row_top - ROW_H, MARGIN + LABEL_W, row_top)
        draw_text(canvas, MARGIN + 2.5 * mm, row_top - ROW_H / 2 - 3.5, label, 10.5, width=LABEL_W - 5 * mm)
        draw_text(canvas, MARGIN + LABEL_W + 3 * mm, row_top - ROW_H / 2 - 4, value, 12, width=INNER - LABEL_W - 6 * mm)
        row_top -= ROW_H
    draw_text(canvas, MARGIN, row_top - 12 * mm, KEEP, 10, width=INNER)
    draw_text(canvas, MARGIN, row_top - 19 * mm, "この通知票は住民票の写しではありません。", 10, width=INNER)
    signer = f"{notice.signatory.title}　{notice.signatory.name}"
    draw_text(canvas, WIDTH - MARGIN, row_top - 40 * mm, signer, 13, align="right", width=INNER)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
