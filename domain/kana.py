"""Kana for search: フリガナ keys normalized by the rules of §2.1.2 of the standard.

normalize_kana is applied identically to stored names (at index build, some 300,000 names) and to the query
(on every keystroke), so its work is a few precomputed str.translate tables and two small regular expressions.

The rules, applied in this order:
1. Spaces (half- and full-width) are removed, so 「ヤマダ タロウ」 and 「ヤマダタロウ」 give the same
   key, and the spacing marks ゛ ゜ become combining ones; this comes before NFKC so that a voicing mark
   always joins its kana (ｳ ﾞ = ｳﾞ = ウ゛ = ヴ).
2. NFKC (half-width katakana to full-width, full-width ASCII to ASCII), then hiragana to katakana.
3. ヴ with a small vowel as its voiced counterpart (ヴァ=バ, ヴィ=ビ, ヴェ=ベ, ヴォ=ボ, ヴュ=ビュ, ヴ=ブ).
4. One character for another, by the composed tables below: ヂ=ジ and ヅ=ズ; small kana as large; 濁音 and
   半濁音 as 清音; ヲ=オ, ワ=ハ (and the old ヰ=イ, ヱ=エ). So ガ=カ, パ=ハ, ヂ=ジ=シ and ヅ=ズ=ス;
   as a consequence ヂ and チ differ (the standard asks for both ヂ=ジ and 清濁 being ignored, which
   cannot both hold).
   長音 and dash-like characters (ー ― ‐ - – —, and ｰ － via NFKC), the middle dot ・ of foreign names, and
   voicing marks left without a kana are removed.
5. A long vowel spelled out after an オ段 character is ignored like ー: ウ (as the 2nd+ character: the
   standard's ウ=オ rule) and オ. So トウキョウ, トオキョオ and トーキョー all become トキヨ.
The result is idempotent: normalize_kana(normalize_kana(x)) == normalize_kana(x).

Names are compared in the canonical form of domain.names, which is this key of a text after its invisible characters
are dropped, with 異体字 folded and in lower case.
"""

from __future__ import annotations

import re
import unicodedata

_HIRAGANA = "".join(map(chr, range(0x3041, 0x3097))) + "ゝゞ"
_KATAKANA = "".join(map(chr, range(0x30A1, 0x30F7))) + "ヽヾ"
_TO_KATAKANA = str.maketrans(_HIRAGANA, _KATAKANA)

_VU = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴュ": "ビュ", "ヴ": "ブ"}
_VU_PATTERN = re.compile("|".join(sorted(_VU, key=len, reverse=True)))

# Applied one after another, in this order, to every character (composed into one table below).
_SAME_AS = {"ヂ": "ジ", "ヅ": "ズ"}
_SMALL_TO_LARGE = dict(zip("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ", strict=True))
_VOICED_TO_PLAIN = dict(  # ヂ and ヅ are already ジ and ズ here
    zip(
        "ガギグゲゴザジズゼゾダデドバビブベボパピプペポヷヸヹヺヾ",
        "カキクケコサシスセソタテトハヒフヘホハヒフヘホワヰヱヲヽ",
        strict=True,
    )
)
_SOUNDS_ALIKE = {"ヲ": "オ", "ワ": "ハ", "ヰ": "イ", "ヱ": "エ"}
_CHARACTER_RULES = (_SAME_AS, _SMALL_TO_LARGE, _VOICED_TO_PLAIN, _SOUNDS_ALIKE)

_LONG_MARKS = "ー―‐‑-–—−"  # 長音 and what is typed for it; NFKC has already made ｰ ー and － -
_VOICING_MARKS = "\u3099\u309a"  # combining (半)濁点: what ﾞ ﾟ ゛ ゜ become when they follow no kana
_SPACES = " \u3000\t"
_SEPARATORS = _SPACES + "・"


def _compose(rules: tuple[dict[str, str], ...]) -> dict[int, str]:
    table: dict[int, str] = {}
    for source in set().union(*rules):
        target = source
        for rule in rules:
            target = rule.get(target, target)
        table[ord(source)] = target
    return table


_BEFORE_NFKC = str.maketrans({"゛": "\u3099", "゜": "\u309a"} | dict.fromkeys(_SPACES))
_KEY_TABLE = _compose(_CHARACTER_RULES) | dict.fromkeys(map(ord, _LONG_MARKS + _VOICING_MARKS + _SEPARATORS))
_O_ROW = "オコソトノホモヨロ"  # オ段 after step 4 (ゴ, ョ, ヲ … are already one of these)
_SPELLED_LONG_O = re.compile(f"(?<=[{_O_ROW}])[ウオ]+")

_KANA = re.compile(f"[{_HIRAGANA}{_KATAKANA}ヷヸヹヺ]")
_KANA_QUERY = re.compile(f"(?:{_KANA.pattern}|[{re.escape(_LONG_MARKS + _VOICING_MARKS + _SEPARATORS)}])+")
_NAME_SPACE = re.compile("[ \u3000]")


def to_katakana(text: str) -> str:
    """NFKC (half-width katakana to full-width, full-width ASCII to ASCII), then hiragana to katakana."""
    return unicodedata.normalize("NFKC", text).translate(_TO_KATAKANA)


def normalize_kana(text: str) -> str:
    """The search key of a フリガナ or a kana query (see the module docstring for the rules)."""
    key = to_katakana(text.translate(_BEFORE_NFKC))
    if "ヴ" in key:
        key = _VU_PATTERN.sub(lambda match: _VU[match.group()], key)
    return _SPELLED_LONG_O.sub("", key.translate(_KEY_TABLE))


def is_kana_query(text: str) -> bool:
    """True if the text (after NFKC) is kana only, with 長音, dashes and spaces, and not just those."""
    value = unicodedata.normalize("NFKC", text)
    return bool(_KANA_QUERY.fullmatch(value) and _KANA.search(value))


def split_name(text: str) -> tuple[str, str]:
    """氏名 (or its フリガナ) split at the first half- or full-width space into (氏, 名).

    Without a space: (text, "")."""
    family, *given = _NAME_SPACE.split(text.strip(" \u3000"), maxsplit=1)
    return family, given[0].strip(" \u3000") if given else ""
