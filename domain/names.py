"""Names as compared, and the characters a name may not carry.

`canonical` is the one form in which texts are compared: the search index stores it for every 氏名, フリガナ, 旧氏,
通称, alphabet name and address, a query is turned into it on every keystroke, and 支援措置 compares a requester's
name with a 加害者's in it (so a 加害者 cannot pass as a stranger by a spelling that search would call the same). In
this order:

1. Invisible characters dropped: white space of every kind, control characters (Cc), format characters (Cf: zero-width
   space and joiners, soft hyphen, word joiner, byte order mark, bidirectional controls, tags …), and the other
   default-ignorable code points of Unicode: variation selectors (U+FE00–FE0F, the IVS U+E0100–E01EF, the Mongolian
   U+180B–180F), the Hangul fillers (U+3164, U+115F, U+1160, U+FFA0), the combining grapheme joiner; and the blank
   braille pattern U+2800.
2. The kana rules of §2.1.2 (`domain.kana.normalize_kana`): NFKC (half-width kana, full-width letters and digits),
   hiragana as katakana, 長音 and small kana, 濁音 as 清音, a spelled-out long オ段 vowel (イチロウ = イチロー) …
3. 異体字 folded (`domain.kanji`): 髙 = 高, 𠮷 = 吉, 齋 = 齊 = 斉 = 斎, 邉 = 邊 = 辺 …
4. Lower case (alphabet names).

So 「髙橋　一郎」, 「高橋一郎」 and 高橋一郎 with a zero-width space (U+200B) inside are one name, as are
「タカハシ　イチロウ」, 「たかはし いちろー」 and 「ﾀｶﾊｼｲﾁﾛｩ」. The work is one precompiled regular expression and a few
str.translate tables.

`check_name` refuses, where a name enters (異動, 交付 requests, staff, 支援措置, notices), one that carries a control
or format character (bidirectional overrides among them), a lone surrogate or a non-character: nobody types those,
they only hide a name from the eye. Variation selectors (IVS) are part of a name's glyph and stay allowed.
"""

from __future__ import annotations

import re
import unicodedata

from domain.errors import ValidationError
from domain.kana import normalize_kana
from domain.kanji import fold_variants

# Cc; every Cf of Unicode 15.1; the other default-ignorable code points (DerivedCoreProperties.txt); U+2800.
# tests/domain/test_names.py checks that every Cf of the running Python's Unicode database is here.
_INVISIBLE = (
    "\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_INVISIBLE_PATTERN = re.compile(f"[{_INVISIBLE}]")
_DROPPED = re.compile(rf"[\s{_INVISIBLE}]")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def canonical(text: str) -> str:
    """The form in which names, addresses and queries are compared (see the module docstring)."""
    key = _folded(_DROPPED.sub("", text))
    # A spacing accent (¸ ´ ¨ …) is a space and a combining mark after NFKC; with the space gone the mark joins the
    # letter before it, which a second pass composes (ç): rare, and only then.
    return key if unicodedata.is_normalized("NFKC", key) else _folded(key)


def _folded(text: str) -> str:
    return fold_variants(normalize_kana(text)).lower()


def visible(text: str) -> str:
    """The text without its invisible characters (white space kept): what a query is read as."""
    return _INVISIBLE_PATTERN.sub("", text)


def check_name(value: str, item: str) -> str:
    """`value` when it carries no control or format character, lone surrogate or non-character; otherwise a
    ValidationError naming `item` and where the character is (it cannot be seen)."""
    if value.isprintable():  # no Cc, Cf, Cs or unassigned code point (nor private use, nor spaces but U+0020)
        return value
    for index, char in enumerate(value, start=1):
        point = ord(char)
        if (unicodedata.category(char) in _REFUSED_CATEGORIES or 0xFDD0 <= point <= 0xFDEF
                or point & 0xFFFE == 0xFFFE):
            raise ValidationError(item, f"{item}に使えない文字（制御文字・書式文字）が含まれています"
                                        f"（{index}文字目、U+{point:04X}）")
    return value
