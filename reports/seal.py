"""A demo 電子公印 for the synthetic demo town: a square seal of 「○○町長之印」 in black (a real town's seal image is
configured by an administrator: `python main.py seal FILE.png`)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from domain.errors import ValidationError
from reports.fonts import TEXT_FONT, find_font

SIZE = 300  # pixels; printed at 22 mm


def demo_seal_png(title: str) -> bytes:
    """The seal of `title` (e.g. みどり町長): its characters and 之印 in columns read right to left."""
    chars = list(title + "之印")
    columns = 3
    per_column = -(-len(chars) // columns)
    sizes = [len(chars) // columns + (1 if c < len(chars) % columns else 0) for c in range(columns)]
    image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, SIZE - 7, SIZE - 7), outline="black", width=12)
    cell_w = (SIZE - 40) / columns
    font = ImageFont.truetype(str(find_font(TEXT_FONT[1])), int(min(cell_w, (SIZE - 40) / per_column) * 0.95))
    start = 0
    for col, count in enumerate(sizes):
        cell_h = (SIZE - 40) / count
        for row, ch in enumerate(chars[start:start + count]):
            x = SIZE - 20 - (col + 0.5) * cell_w
            y = 20 + (row + 0.5) * cell_h
            draw.text((x, y), ch, font=font, fill="black", anchor="mm")
        start += count
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def check_seal_png(png: bytes) -> None:
    """An administrator's seal image must be a readable image; it is printed in black at most 25 mm square."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            image.verify()
    except (OSError, SyntaxError):
        raise ValidationError("電子公印", "画像として読めません（PNGなどの画像ファイルを指定してください）") from None
