"""Synthetic scans of seal impressions (印影) for the demo town and the tests: drawn, never photographs.

`seal_scan("山田")` draws a round seal of the surname in 朱肉 red on light paper, as a scanner would give it: a PNG
(or JPEG) at the given resolution, recorded in the file unless asked not to. The seal can be square, of any size in
mm, turned on the paper, faint (weak ink), blurred, broken (its outline cut in `gaps` places) or worn (a share of
its ink missing, in specks of 0.3 mm: かすれ). Everything is drawn at four times the resolution and reduced, so the
edges are as soft as a scanner's; the randomness of `worn` comes from `seed` only, so a scan is the same every time.

The characters are drawn with IPAex明朝, looked for where the frozen build bundles the forms' fonts (next to the
reports package) and then among the system's fonts by file name.
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_FILE = "ipaexm.ttf"
PAPER = (250, 248, 240)
VERMILION = (210, 40, 35)
_SUPERSAMPLE = 4
_MM_PER_INCH = 25.4


def seal_scan(surname: str, *, size_mm: float = 15.0, square: bool = False, dpi: int = 300,
              rotation: float = 0.0, ink: float = 1.0, blur_mm: float = 0.0, gaps: int = 0, worn: float = 0.0,
              paper_mm: float | None = None, jpeg: bool = False, resolution: bool = True, seed: int = 0) -> bytes:
    """A scan of a seal of `surname`: `size_mm` its diameter (or side), on paper `paper_mm` square (by default
    room enough to turn it), `rotation` degrees anticlockwise, `ink` the strength of the ink (1 full, 0 none),
    `blur_mm` the radius of a Gaussian blur, `gaps` cuts through the seal, `worn` the share of ink missing."""
    paper = paper_mm if paper_mm is not None else size_mm * 1.5 + 6
    fine = dpi * _SUPERSAMPLE / _MM_PER_INCH  # pixels per mm while drawing
    canvas = round(paper * dpi / _MM_PER_INCH) * _SUPERSAMPLE
    layer = Image.new("L", (canvas, canvas), 0)
    _draw_seal(ImageDraw.Draw(layer), surname, canvas / 2, size_mm * fine, square)
    if gaps:
        _cut(ImageDraw.Draw(layer), canvas / 2, size_mm * fine, gaps)
    if rotation:
        layer = layer.rotate(rotation, resample=Image.Resampling.BICUBIC, fillcolor=0)
    coverage = layer.reduce(_SUPERSAMPLE)
    if worn:
        coverage = _wear(coverage, worn, dpi, seed)
    if blur_mm:
        coverage = coverage.filter(ImageFilter.GaussianBlur(blur_mm * dpi / _MM_PER_INCH))
    strength = coverage.point([round(v * ink) for v in range(256)])
    scan = Image.composite(Image.new("RGB", coverage.size, VERMILION), Image.new("RGB", coverage.size, PAPER),
                           strength)
    out = io.BytesIO()
    options: dict[str, object] = {"dpi": (dpi, dpi)} if resolution else {}
    if jpeg:
        scan.save(out, "JPEG", quality=92, **options)
    else:
        scan.save(out, "PNG", **options)
    return out.getvalue()


def demo_seal_scan(surname: str, seed: int) -> bytes:
    """A scan as the counter gets them, varied by `seed`: round (four in five) or square, 10.5 to 18 mm, a little
    crooked, the ink not always full; always one that the measuring accepts."""
    chance = random.Random(seed)
    return seal_scan(surname, size_mm=chance.choice([10.5, 12.0, 13.5, 15.0, 16.5, 18.0]),
                     square=chance.random() < 0.2, rotation=round(chance.uniform(-8, 8), 1),
                     ink=round(chance.uniform(0.7, 1.0), 2))


def _draw_seal(draw: ImageDraw.ImageDraw, surname: str, centre: float, size: float, square: bool) -> None:
    """The outer frame, and within it, clear of it, the surname in columns of at most three characters, as even as
    can be, read from the right, as a seal is cut."""
    frame = max(size * 0.06, 2.0)
    box = (centre - size / 2, centre - size / 2, centre + size / 2 - 1, centre + size / 2 - 1)
    if square:
        draw.rectangle(box, outline=255, width=round(frame))
    else:
        draw.ellipse(box, outline=255, width=round(frame))
    inner = size - 2 * frame - 2 * size * 0.06
    per_column = -(-len(surname) // -(-len(surname) // 3)) if surname else 1  # 4 characters: two columns of two
    columns = [surname[i:i + per_column] for i in range(0, len(surname), per_column)] or [""]
    rows = max(len(column) for column in columns) or 1
    extent = max(rows, len(columns))
    cell = inner / extent if square else inner / math.hypot(rows, len(columns))
    font = ImageFont.truetype(_font_path(), max(1, round(cell * 0.95)))
    for number, column in enumerate(columns):
        x = centre + cell * (len(columns) / 2 - number - 0.5)
        for row, character in enumerate(column):
            y = centre - cell * len(column) / 2 + cell * (row + 0.5)
            draw.text((x, y), character, font=font, fill=255, anchor="mm", stroke_width=round(cell * 0.03),
                      stroke_fill=255)


def _cut(draw: ImageDraw.ImageDraw, centre: float, size: float, gaps: int) -> None:
    """`gaps` wedges of paper through the seal, evenly round it, each a third of the angle between them."""
    reach = size
    span = 360 / gaps
    for number in range(gaps):
        start = number * span + 10
        draw.pieslice((centre - reach, centre - reach, centre + reach, centre + reach), start, start + span / 3,
                      fill=0)


def _wear(coverage: Image.Image, worn: float, dpi: int, seed: int) -> Image.Image:
    """The ink missing in specks of about 0.3 mm, a share `worn` of them."""
    chance = random.Random(seed)
    speck = max(1, round(0.3 * dpi / _MM_PER_INCH))
    cells = (-(-coverage.width // speck), -(-coverage.height // speck))
    kept = bytes(0 if chance.random() < worn else 255 for _ in range(cells[0] * cells[1]))
    holes = Image.frombytes("L", cells, kept).resize((cells[0] * speck, cells[1] * speck),
                                                      Image.Resampling.NEAREST).crop((0, 0, *coverage.size))
    return Image.composite(coverage, Image.new("L", coverage.size, 0), holes)


def _font_path() -> str:
    bundled = Path(__file__).resolve().parents[1] / "reports" / "fonts" / FONT_FILE
    return str(bundled) if bundled.is_file() else FONT_FILE  # Pillow looks a bare file name up among the fonts
