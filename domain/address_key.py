"""An address as compared: one key for every way counter staff and residents write the same 住所.

「さくら県みどり町西町1丁目2番3号」, 「西町１－２－３」, 「西町一丁目2番地の3」 and 「西町1-2-3」 are one address: the text is
read as NFKC; the numbers of 丁目, 番地 and 号 written in 漢数字 as digits; whatever stands between two numbers and is
only a separator (丁目, 番地, 番, 号, の, ノ, a hyphen, dash, minus or 長音, spaces) as one boundary, so that 1-2-3 and
12-3 stay apart; the names between them in the canonical form that search compares (`domain.names.canonical`:
invisible characters and spaces dropped, 異体字 folded, kana rules); and the town's own name before it left out. The
方書 is not part of it: the building is the address.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from domain.names import canonical

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_DASHES = re.escape("-‐‑‒–—―−ー")
_SEPARATOR = rf"(?:丁目|番地|番|号|の|ノ|[{_DASHES}]|\s)"
_KANJI = "〇零一二三四五六七八九十百千"
# A number in 漢数字 where an address has one: before 丁目, 番地, 番, 号 or a separator or at the end, or after one.
_KANJI_NUMBER = re.compile(rf"[{_KANJI}]+(?=丁目|番|号|の|ノ|[{_DASHES}]|\s*$)|(?<=[\d{_DASHES}のノ目地番号])[{_KANJI}]+")
_NUMBER = re.compile(r"\d+")
_ONLY_SEPARATORS = re.compile(rf"{_SEPARATOR}*")


def address_key(text: str, town_names: Iterable[str] = ()) -> str:
    """The key of a 住所 (without its 方書); `town_names`: the town's names an address may begin with (都道府県名
    and 市区町村名, and the 市区町村名 alone), left out of the key."""
    key = _key(text)
    for prefix in sorted({_key(name) for name in town_names if name.strip()}, key=len, reverse=True):
        if prefix and key.startswith(prefix):
            return key[len(prefix):]
    return key


def _key(text: str) -> str:
    text = _KANJI_NUMBER.sub(lambda m: str(_kanji_number(m.group())), unicodedata.normalize("NFKC", text))
    parts: list[str] = []
    position = 0
    for number in _NUMBER.finditer(text):
        between = text[position:number.start()]
        if not (parts and _ONLY_SEPARATORS.fullmatch(between)):
            parts.append(canonical(between))
        parts.append(f"{int(number.group())},")
        position = number.end()
    rest = text[position:]
    if not (parts and _ONLY_SEPARATORS.fullmatch(rest)):
        parts.append(canonical(rest))
    return "".join(parts)


def _kanji_number(text: str) -> int:
    """二十三 → 23, 百五 → 105, 二〇 → 20 (digits written one by one)."""
    if not any(ch in _KANJI_UNITS for ch in text):
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
        else:
            current = current * 10 + _KANJI_DIGITS[ch]
    return total + current
