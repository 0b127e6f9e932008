"""Measuring a seal impression (印影) in a scan, as the counter does before 印鑑登録 (印鑑登録証明事務処理要領).

`measure(image)` takes the bytes of a scan, PNG or JPEG, whose resolution the file records (PNG pHYs, JPEG JFIF
density): a file without one is refused, never guessed, since every millimetre below comes from it. It finds the
impression (red or dark ink on light paper), checks that it is readable and measures it:

- the ink is told from the paper by its darkest channel (red ink absorbs green and blue, black ink all three), the
  level halfway between the paper and the ink (Otsu's split of the histogram, then the median of each side): the
  impression is measured where its edge is half-inked, whatever the ink's strength;
- its parts are the pieces of ink (8-connected, specks under 0.05 mm² left out), grouped when they lie within about
  1.5 mm of each other; a group lying within the bounds of another (a character standing free inside the frame)
  belongs to it; the impression is the outer group with the most ink, so that dust elsewhere on the scan does not
  count, and a second one of a quarter of its ink or more is refused (two impressions on one scan);
- its size is the side of the smallest square it fits in, turned any way (the scan may be crooked): it must fit a
  square of 25 mm and must not fit one of 8 mm. The size is rounded to 0.1 mm (a scan at 300 dpi has pixels of
  0.085 mm) and an impression of exactly 8.0 mm fits the 8 mm square: refused; one of exactly 25.0 mm is accepted;
- refused as unreadable: too faint (ink and paper less than a quarter of the scale apart); blurred (the edge from
  paper to ink wider than 0.25 mm, measured as the pixels between a quarter and three quarters of the way from
  paper to ink per pixel of outline); broken: too little ink in its square (かすれ, under 8 %) or an outline that is
  not one piece (欠け: no part spans 80 % of the impression both across and down; the frame is told by its span,
  not its ink, as one large character in a thin frame may have more; a seal without an outer frame whose
  characters stand apart is refused by this too, and the clerk asks for a framed impression);
  cut off by the edge of the scan.

The kept image is the impression cropped with 0.5 mm around it, the paper made white and the ink kept as scanned,
as a PNG that records the scan's resolution (so it prints at true size), with the SHA-256 of those bytes.

Decoding bytes is not I/O: the image library reads from memory only. A scan larger than 40 million pixels (an A4
page at 600 dpi is 35 million) is refused from its header before it is decoded (a decompression bomb).
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, UnidentifiedImageError

from domain.errors import ValidationError

ITEM = "印影"
LARGEST_MM = 25.0  # it must fit a square of this side
SMALLEST_MM = 8.0  # it must not fit a square of this side
MAX_BYTES = 30_000_000
MAX_PIXELS = 40_000_000
MIN_DPI, MAX_DPI = 200, 2400
MIN_CONTRAST = 64  # of 255, between the paper and the ink
MAX_EDGE_MM = 0.25
MIN_COVERAGE = 0.08
MIN_OUTLINE_SHARE = 0.8
MULTIPLE_SHARE = 0.25
GAP_MM = 1.5
SPECK_MM2 = 0.05
MARGIN_MM = 0.5
_MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Impression:
    """A measured impression: the side in mm of the smallest square it fits in, and its cropped image."""

    side_mm: float
    png: bytes  # the crop, paper white, with its resolution in pHYs
    dpi: int
    width_px: int
    height_px: int
    sha256: str  # of `png`

    @property
    def width_mm(self) -> float:
        return self.width_px * _MM_PER_INCH / self.dpi

    @property
    def height_mm(self) -> float:
        return self.height_px * _MM_PER_INCH / self.dpi


def measure(image: bytes) -> Impression:
    """The impression in a scan (PNG or JPEG with its resolution), or ValidationError("印影", reason)."""
    scan, dpi = _decode(image)
    ink = _ink(scan)
    paper, inked = _levels(ink.histogram())
    if inked - paper < 16:
        raise ValidationError(ITEM, "画像に印影が見つかりません")
    if inked - paper < MIN_CONTRAST:
        raise ValidationError(ITEM, "印影が薄すぎて読み取れません（朱肉を付けて押し直してください）")
    half = (paper + inked) / 2
    mask = ink.point([255 if v > half else 0 for v in range(256)])
    found = _find(mask, dpi)
    scan, ink, mask = scan.crop(found.box), ink.crop(found.box), mask.crop(found.box)  # the rest of the scan let go
    impression = ImageChops.multiply(mask, found.parts)
    box = impression.getbbox()
    assert box is not None  # the group has ink
    side_px = _smallest_square(_outline_points(impression.crop(box), box))
    side_mm = round(side_px * _MM_PER_INCH / dpi, 1)
    inked_px = impression.histogram()[255]
    if inked_px / side_px ** 2 < MIN_COVERAGE:
        raise ValidationError(ITEM, f"印影のかすれが大きく、朱肉の付いた部分が少なすぎます（{inked_px / side_px ** 2:.0%}）")
    if found.outline_share < MIN_OUTLINE_SHARE:
        raise ValidationError(ITEM, "印影の外枠が途切れています（欠け）。押し直してください")
    edge_mm = _edge_width(ink, impression, found.near, paper, inked) * _MM_PER_INCH / dpi
    if edge_mm > MAX_EDGE_MM:
        raise ValidationError(ITEM, f"印影がぼやけています（輪郭の幅{edge_mm:.2f}mm）。押し直すか読み取り直してください")
    check_side(side_mm)
    return _crop(scan, ink, found.parts, box, dpi, paper, inked, side_mm)


def check_side(side_mm: float) -> None:
    """The rule of size: the side of the smallest square the impression fits in, to 0.1 mm, is over 8 mm and at most
    25 mm."""
    if side_mm > LARGEST_MM:
        raise ValidationError(ITEM, f"印影が大きすぎます（{side_mm:.1f}mm）。一辺{LARGEST_MM:.0f}mmの正方形に収まりません")
    if side_mm <= SMALLEST_MM:
        raise ValidationError(ITEM, f"印影が小さすぎます（{side_mm:.1f}mm）。一辺{SMALLEST_MM:.0f}mmの正方形に収まります")


def _decode(data: bytes) -> tuple[Image.Image, int]:
    if len(data) > MAX_BYTES:
        raise ValidationError(ITEM, f"ファイルが大きすぎます（上限{MAX_BYTES // 1_000_000}MB）")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(ITEM, f"画像が大きすぎます（上限{MAX_PIXELS:,}画素）") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(ITEM, "画像として読めません（PNGまたはJPEGのファイルを指定してください）") from None
    if image.format not in ("PNG", "JPEG"):
        raise ValidationError(ITEM, f"PNGまたはJPEGの画像を指定してください（{image.format}）")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(ITEM, f"画像が大きすぎます（{width}×{height}画素、上限{MAX_PIXELS:,}画素）")
    dpi = image.info.get("dpi")
    if not dpi or not all(d > 0 for d in dpi):
        raise ValidationError(ITEM, "画像に解像度（dpi）が記録されていません。解像度を記録する設定で読み取り直してください")
    x_dpi, y_dpi = (float(d) for d in dpi)
    if abs(x_dpi - y_dpi) > 0.01 * x_dpi:
        raise ValidationError(ITEM, f"縦と横の解像度が違います（{x_dpi:.0f}×{y_dpi:.0f}dpi）")
    if not MIN_DPI <= round(x_dpi) <= MAX_DPI:
        raise ValidationError(ITEM, f"解像度{x_dpi:.0f}dpiでは測れません（{MIN_DPI}〜{MAX_DPI}dpiで読み取ってください）")
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(ITEM, "画像が壊れていて読めません") from None
    if image.mode.startswith("I"):  # 16 bits a sample (a grey PNG): to 8, as converting alone would clip them
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        scan = Image.new("RGB", rgba.size, "white")
        scan.paste(rgba, mask=rgba.getchannel("A"))
    else:
        scan = image.convert("RGB")
    return scan, round(x_dpi)


def _ink(scan: Image.Image) -> Image.Image:
    """How inked each pixel is: 255 less its darkest channel (red ink takes green and blue, black ink all three)."""
    red, green, blue = scan.split()
    return ImageChops.invert(ImageChops.darker(ImageChops.darker(red, green), blue))


def _levels(histogram: Sequence[int]) -> tuple[float, float]:
    """(paper, ink): the medians of the two sides of Otsu's split of the ink histogram."""
    total = sum(histogram)
    weighted = sum(i * n for i, n in enumerate(histogram))
    best, split = -1.0, 0
    below = below_weighted = 0
    for level in range(255):
        below += histogram[level]
        below_weighted += level * histogram[level]
        above = total - below
        if below == 0 or above == 0:
            continue
        between = below * above * (below_weighted / below - (weighted - below_weighted) / above) ** 2
        if between > best:
            best, split = between, level
    return _median(histogram, 0, split + 1), _median(histogram, split + 1, 256)


def _median(histogram: Sequence[int], start: int, stop: int) -> float:
    count = sum(histogram[start:stop])
    seen = 0
    for level in range(start, stop):
        seen += histogram[level]
        if seen * 2 >= count:
            return float(level)
    return float(start)


Run = tuple[int, int, int]  # a row's stretch of ink: (y, first x, x past the last)


@dataclass(frozen=True)
class _Found:
    box: tuple[int, int, int, int]  # of the scan, round the impression and what lies within about 1.5 mm of it
    parts: Image.Image  # of the box, 255 on and next to the impression's parts (specks and dust left out)
    near: Image.Image  # of the box, 255 within about 1.5 mm of them
    outline_share: float  # the widest part's span over the impression's, the smaller of across and down


def _find(mask: Image.Image, dpi: int) -> _Found:
    """The group of ink parts with the most ink: parts on a grid of about 0.1 mm, grouped on one of about 0.5 mm."""
    factor = max(1, dpi // 200)
    grid = mask.reduce(factor).point([255 if v > 127 else 0 for v in range(256)])
    cell_mm = factor * _MM_PER_INCH / dpi
    parts = [part for part in _pieces(grid.tobytes(), *grid.size) if _area(part) * cell_mm ** 2 >= SPECK_MM2]
    if not parts:
        raise ValidationError(ITEM, "画像に印影が見つかりません")
    coarse = max(1, round(0.5 / cell_mm))
    kept = _paint(parts, grid.size).reduce(coarse).point([255 if v else 0 for v in range(256)])
    reach = 2 * math.ceil(GAP_MM / 2 / (coarse * cell_mm)) + 1
    near = kept.filter(ImageFilter.MaxFilter(reach))
    groups = _pieces(near.tobytes(), *near.size)
    group_at = [0] * (near.width * near.height)  # each coarse cell's group
    for number, group in enumerate(groups):
        for y, x0, x1 in group:
            group_at[y * near.width + x0:y * near.width + x1] = [number] * (x1 - x0)
    ink_of = [0] * len(groups)
    part_group = [group_at[(part[0][0] // coarse) * near.width + part[0][1] // coarse] for part in parts]
    for part, number in zip(parts, part_group, strict=True):
        ink_of[number] += _area(part)
    chosen = _impression_groups(groups, ink_of)
    members = [part for part, number in zip(parts, part_group, strict=True) if number in chosen]
    left, top, right, bottom = _box(run for part in members for run in part)
    if left == 0 or top == 0 or right == grid.width or bottom == grid.height:
        raise ValidationError(ITEM, "印影が画像の端で切れています。印影全体を読み取ってください")
    share = max(_span_share(_box(part), (left, top, right, bottom)) for part in members)
    step = factor * coarse
    g_left, g_top, g_right, g_bottom = _box(run for number in chosen for run in groups[number])
    box = (g_left * step, g_top * step, min(mask.width, g_right * step), min(mask.height, g_bottom * step))
    return _Found(box, _upscale(_paint(members, grid.size).filter(ImageFilter.MaxFilter(3)), factor, box),
                  _upscale(_paint((groups[number] for number in chosen), near.size), step, box), share)


def _impression_groups(groups: list[list[Run]], ink_of: list[int]) -> set[int]:
    """The groups of the impression: the outer group with the most ink (its own and that of the groups lying within
    its bounds: the characters inside a frame), with those. Groups of under 1 % of the most ink are dust; another
    outer group of a quarter of the impression's ink or more is a second impression."""
    least = max(ink_of) / 100
    boxes = {number: _box(group) for number, group in enumerate(groups) if ink_of[number] >= least}
    within = {number: {other for other, box in boxes.items() if other != number and _inside(box, boxes[number])}
              for number in boxes}
    inner = set().union(*within.values())
    outer = sorted((ink_of[number] + sum(ink_of[other] for other in within[number]), number)
                   for number in boxes if number not in inner)
    if len(outer) > 1 and outer[-2][0] >= MULTIPLE_SHARE * outer[-1][0]:
        raise ValidationError(ITEM, "画像に印影が複数あります。印影を一つだけ読み取ってください")
    return {outer[-1][1], *within[outer[-1][1]]}


def _span_share(box: tuple[int, int, int, int], bounds: tuple[int, int, int, int]) -> float:
    """How much of `bounds` the box spans: the smaller of its share across and its share down."""
    return min((box[2] - box[0]) / (bounds[2] - bounds[0]), (box[3] - box[1]) / (bounds[3] - bounds[1]))


def _inside(box: tuple[int, int, int, int], bounds: tuple[int, int, int, int]) -> bool:
    return bounds[0] <= box[0] and bounds[1] <= box[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


def _pieces(cells: bytes, width: int, height: int) -> list[list[Run]]:
    """The 8-connected pieces of the non-zero cells, each as its runs."""
    runs: list[Run] = []
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    above: list[int] = []
    for y in range(height):
        row = []
        for match in _RUN.finditer(cells, y * width, (y + 1) * width):
            row.append(len(runs))
            parent.append(len(runs))
            runs.append((y, match.start() - y * width, match.end() - y * width))
        j = 0
        for i in row:
            _, x0, x1 = runs[i]
            while j < len(above) and runs[above[j]][2] < x0:
                j += 1
            k = j
            while k < len(above) and runs[above[k]][1] <= x1:
                a, b = root(i), root(above[k])
                if a != b:
                    parent[b] = a
                k += 1
        above = row
    pieces: dict[int, list[Run]] = {}
    for i, run in enumerate(runs):
        pieces.setdefault(root(i), []).append(run)
    return list(pieces.values())


_RUN = re.compile(rb"[^\x00]+")


def _area(runs: list[Run]) -> int:
    return sum(x1 - x0 for _, x0, x1 in runs)


def _box(runs: Iterable[Run]) -> tuple[int, int, int, int]:
    """(left, top, right, bottom), right and bottom past the last cell."""
    ys, x0s, x1s = zip(*runs, strict=True)
    return min(x0s), min(ys), max(x1s), max(ys) + 1


def _paint(pieces: Iterable[list[Run]], size: tuple[int, int]) -> Image.Image:
    cells = bytearray(size[0] * size[1])
    for piece in pieces:
        for y, x0, x1 in piece:
            cells[y * size[0] + x0:y * size[0] + x1] = b"\xff" * (x1 - x0)
    return Image.frombytes("L", size, bytes(cells))


def _upscale(cells: Image.Image, factor: int, box: tuple[int, int, int, int]) -> Image.Image:
    """The cells of a grid `factor` times coarser than the scan, at the scan's resolution, over `box` of it (whose
    left and top fall on the grid)."""
    left, top, right, bottom = box
    piece = cells.crop((left // factor, top // factor, -(-right // factor), -(-bottom // factor)))
    return piece.resize((piece.width * factor, piece.height * factor), Image.Resampling.NEAREST).crop(
        (0, 0, right - left, bottom - top))


def _outline_points(crop: Image.Image, box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The corners of the first and last inked pixel of each row: their hull is the ink's."""
    width = crop.width
    points = []
    for y in range(crop.height):
        row = crop.crop((0, y, width, y + 1)).getbbox()
        if row is not None:
            for x in (row[0], row[2]):
                points += [(box[0] + x, box[1] + y), (box[0] + x, box[1] + y + 1)]
    return points


def _hull(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The convex hull (Andrew's monotone chain)."""
    ordered = sorted(set(points))
    if len(ordered) < 3:
        return ordered

    def half(sequence: list[tuple[int, int]]) -> list[tuple[int, int]]:
        chain: list[tuple[int, int]] = []
        for p in sequence:
            while len(chain) >= 2 and ((chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1])
                                       - (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])) <= 0:
                chain.pop()
            chain.append(p)
        return chain[:-1]

    return half(ordered) + half(ordered[::-1])


def _smallest_square(points: list[tuple[int, int]]) -> float:
    """The side, in pixels, of the smallest square enclosing the points, over every rotation (to 0.01°)."""
    hull = _hull(points)

    def side(degrees: float) -> float:
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        across = [x * c + y * s for x, y in hull]
        down = [y * c - x * s for x, y in hull]
        return max(max(across) - min(across), max(down) - min(down))

    best = min((d / 2 for d in range(180)), key=side)
    best = min((best + d / 100 for d in range(-50, 51)), key=side)
    return side(best)


def _edge_width(ink: Image.Image, impression: Image.Image, near: Image.Image, paper: float, inked: float) -> float:
    """Pixels between a quarter and three quarters of the way from paper to ink, per pixel of outline."""
    low, high = paper + (inked - paper) / 4, paper + 3 * (inked - paper) / 4
    between = ImageChops.multiply(ink.point([255 if low < v < high else 0 for v in range(256)]), near)
    outline = ImageChops.subtract(impression, impression.filter(ImageFilter.MinFilter(3)))
    return between.histogram()[255] / max(1, outline.histogram()[255])


def _crop(scan: Image.Image, ink: Image.Image, parts: Image.Image, box: tuple[int, int, int, int], dpi: int,
          paper: float, inked: float, side_mm: float) -> Impression:
    margin = round(MARGIN_MM * dpi / _MM_PER_INCH)
    left, top = max(0, box[0] - margin), max(0, box[1] - margin)
    right, bottom = min(scan.width, box[2] + margin), min(scan.height, box[3] + margin)
    crop = (left, top, right, bottom)
    scale = 255 / (inked - paper)
    strength = ImageChops.multiply(ink.crop(crop).point([min(255, max(0, round((v - paper) * scale)))
                                                         for v in range(256)]), parts.crop(crop))
    kept = Image.composite(scan.crop(crop), Image.new("RGB", (right - left, bottom - top), "white"), strength)
    out = io.BytesIO()
    kept.save(out, "PNG", dpi=(dpi, dpi))
    png = out.getvalue()
    return Impression(side_mm, png, dpi, kept.width, kept.height, hashlib.sha256(png).hexdigest())
