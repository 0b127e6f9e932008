"""A line of text on a form, in the forms' fonts."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from reports.fonts import FONTS


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, width: float | None = None,
              align: str = "left") -> float:
    """Draws `text` with the forms' fonts (checking every character), shrunk to `width` when needed; returns its
    width. `x` is its left end, its centre (align="center") or its right end (align="right")."""
    if not text:
        return 0.0
    runs = FONTS.runs(text)
    natural = sum(canvas.stringWidth(t, f, size) for f, t in runs)
    if width is not None and natural > width:
        size, natural = size * width / natural, width
    x = x - natural / 2 if align == "center" else x - natural if align == "right" else x
    for font, part in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += canvas.stringWidth(part, font, size)
    return natural
