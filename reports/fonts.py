"""The forms' fonts: IPAex明朝 for text, IPAmj明朝 for the MJ characters it lacks, embedded as TrueType subsets.

Each character is drawn with the first font that has it; an ideographic variation sequence (a base character and a
selector U+FE00–FE0F or U+E0100–E01EF) is looked up in each font's cmap format 14 table, which reportlab does not
read: a sequence with a glyph of its own is drawn from a copy of the font whose only mapping is that glyph. A
character or sequence that no font can draw raises `UnprintableCharacter`, naming it: never a blank box, never a
silent substitute.
"""

from __future__ import annotations

import copy
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from domain.kofu_rules import KofuOnHold

FONT_DIRS = (Path(__file__).with_name("fonts"),  # the frozen build bundles them here, with their licence
             Path("/usr/share/fonts/opentype/ipaexfont-mincho"), Path("/usr/share/fonts/truetype/ipamj"))
TEXT_FONT = ("IPAexMincho", "ipaexm.ttf")
MJ_FONT = ("IPAmjMincho", "ipamjm.ttf")


class UnprintableCharacter(KofuOnHold):
    """A character or variation sequence that no embedded font can draw: the 交付 stops (§5.8)."""

    def __init__(self, sequence: str) -> None:
        codes = " ".join(f"U+{ord(c):04X}" for c in sequence)
        super().__init__("文字", f"「{sequence}」（{codes}）を印字できるフォントがありません。"
                                 "交付を中止しました（外字の登録または文字の同定が必要です）")
        self.sequence = sequence


def is_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def find_font(file_name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / file_name).is_file():
            return folder / file_name
    raise FileNotFoundError(f"font {file_name} not found; run scripts/setup.sh (fonts-ipaexfont-mincho, "
                            "fonts-ipamj-mincho)")


def _variation_sequences(path: Path) -> dict[tuple[int, int], int | None]:
    """(base, selector) → glyph id from the cmap format 14 subtable; None for a default sequence (the base glyph)."""
    with path.open("rb") as f:
        head = f.read(12)
        count = struct.unpack(">H", head[4:6])[0]
        directory = f.read(16 * count)
        tables = {directory[i:i + 4]: struct.unpack(">II", directory[i + 8:i + 16]) for i in range(0, 16 * count, 16)}
        offset, length = tables[b"cmap"]
        f.seek(offset)
        cmap = f.read(length)
    found: dict[tuple[int, int], int | None] = {}
    for i in range(struct.unpack(">H", cmap[2:4])[0]):
        sub = struct.unpack(">I", cmap[8 + 8 * i:12 + 8 * i])[0]
        if struct.unpack(">H", cmap[sub:sub + 2])[0] != 14:
            continue
        for r in range(struct.unpack(">I", cmap[sub + 6:sub + 10])[0]):
            at = sub + 10 + 11 * r
            selector = int.from_bytes(cmap[at:at + 3], "big")
            default, non_default = struct.unpack(">II", cmap[at + 3:at + 11])
            if default:
                table = sub + default
                for k in range(struct.unpack(">I", cmap[table:table + 4])[0]):
                    start = int.from_bytes(cmap[table + 4 + 4 * k:table + 7 + 4 * k], "big")
                    for base in range(start, start + cmap[table + 7 + 4 * k] + 1):
                        found[(base, selector)] = None
            if non_default:
                table = sub + non_default
                for k in range(struct.unpack(">I", cmap[table:table + 4])[0]):
                    at_k = table + 4 + 5 * k
                    base = int.from_bytes(cmap[at_k:at_k + 3], "big")
                    found[(base, selector)] = struct.unpack(">H", cmap[at_k + 3:at_k + 5])[0]
    return found


# Text of variant fonts: face name → the selector their single glyph stands for.
_VARIANT_SELECTORS: dict[str, str] = {}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but in UTF-16 (its own writes U+20BB7 as odd-length hex, which readers reject)
    and with a variant glyph's selector, so that 𠮷 and 葛󠄀 extract as the very characters the register holds."""
    selector = _VARIANT_SELECTORS.get(fontname.split("+", 1)[-1], "")
    pairs = [f"<{i:02X}> <{(chr(v) + (selector if v > 0x20 else '')).encode('utf-16-be').hex().upper()}>"
             for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(pairs)} beginbfchar", *pairs, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # addObjects looks the function up in its module when it runs


class _TableInPlace:
    """A font table read where it lies in the font file: slicing copies only the slice."""

    __slots__ = ("_view",)

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __getitem__(self, key: slice) -> bytes:
        return self._view[key].tobytes()

    def __len__(self) -> int:
        return len(self._view)


_get_table = ttfonts.TTFontFile.get_table


def _get_table_in_place(self: ttfonts.TTFontFile, tag: str) -> bytes | _TableInPlace:
    """reportlab's subsetter copies the whole glyf table (7 MB for IPAex明朝, 40 MB for IPAmj明朝) on every PDF to
    take a few glyphs from it; it only ever slices that table, so it gets a view."""
    if tag != "glyf":
        return _get_table(self, tag)
    pos, length = self.get_table_pos(tag)
    return _TableInPlace(memoryview(self._ttf_data)[pos:pos + length])


ttfonts.TTFontFile.get_table = _get_table_in_place  # makeSubset is the only caller that asks for glyf


@dataclass
class _Face:
    name: str
    font: TTFont
    sequences: dict[tuple[int, int], int | None]

    def has(self, ch: str) -> bool:
        return ord(ch) in self.font.face.charToGlyph


class FontSet:
    """The registered fonts of this process; loaded once, lazily (IPAmj明朝 only when a character needs it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faces: list[_Face] = []
        self._variants: dict[tuple[str, int], str] = {}

    def _face(self, index: int) -> _Face | None:
        with self._lock:
            while len(self._faces) <= index:
                specs = (TEXT_FONT, MJ_FONT)
                if len(self._faces) == len(specs):
                    return None
                name, file_name = specs[len(self._faces)]
                path = find_font(file_name)
                font = TTFont(name, str(path))
                pdfmetrics.registerFont(font)
                self._faces.append(_Face(name, font, _variation_sequences(path)))
            return self._faces[index]

    @property
    def text_font(self) -> str:
        face = self._face(0)
        assert face is not None
        return face.name

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split text into (font name, text) runs that the fonts draw exactly; UnprintableCharacter otherwise."""
        runs: list[tuple[str, str]] = []
        i = 0
        while i < len(text):
            ch = text[i]
            selector = text[i + 1] if i + 1 < len(text) and is_selector(text[i + 1]) else ""
            if is_selector(ch):
                raise UnprintableCharacter(ch)
            font, drawn = self._font_for(ch, selector)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + drawn)
            else:
                runs.append((font, drawn))
            i += 2 if selector else 1
        return runs

    def _font_for(self, ch: str, selector: str) -> tuple[str, str]:
        index = 0
        while (face := self._face(index)) is not None:
            index += 1
            if not selector:
                if ch.isspace() or face.has(ch):
                    return face.name, ch
                continue
            key = (ord(ch), ord(selector))
            if key not in face.sequences:
                continue
            glyph = face.sequences[key]
            return (face.name if glyph is None else self._variant(face, ord(ch), glyph, selector)), ch
        raise UnprintableCharacter(ch + selector)

    def _variant(self, face: _Face, base: int, glyph: int, selector: str) -> str:
        """A font whose only character is `base`, drawn with the variation's glyph (its text stays the base)."""
        with self._lock:
            name = self._variants.get((face.name, glyph))  # one glyph, one selector: the font's cmap says so
            if name is None:
                name = f"{face.name}-g{glyph}"
                variant = copy.copy(face.font)
                variant.fontName = name
                variant.state = WeakKeyDictionary()
                variant.face = copy.copy(face.font.face)
                variant.face.name = face.font.face.name + f"-g{glyph}".encode("ascii")
                variant.face.charToGlyph = {base: glyph}
                _VARIANT_SELECTORS[variant.face.name.decode("ascii")] = selector
                pdfmetrics.registerFont(variant)
                self._variants[(face.name, glyph)] = name
            return name


FONTS = FontSet()
