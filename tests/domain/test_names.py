"""The canonical form of names (what search and 支援措置 compare), and the characters a name may not carry.

The property test at the end builds, from a 加害者's recorded name and フリガナ, the spellings that search calls the
same name, and checks that every one of them is recognised as the 加害者."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import protection as rules
from domain.errors import ValidationError
from domain.kana import normalize_kana
from domain.kanji import _FAMILIES
from domain.names import _DROPPED, canonical, check_name, visible

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180b", "\u3164", "\u115f", "\u1160",
             "\uffa0", "\u180e", "\u2061", "\u206f", "\u034f", "\u2800", "\ufe00", "\U000e0100", "\U000e0001",
             "\u202e", "\u2066", "\u200e", "\x00", "\x1b", "\t", "\n", "\u2003", "\u00a0"]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        pytest.param("髙橋　一郎", "高橋一郎", id="髙=高, spaces"),
        pytest.param("𠮷田", "吉田", id="𠮷=吉"),
        pytest.param("齋藤", "斉藤", id="齋=斉"),
        pytest.param("齊藤", "斎藤", id="齊=斎"),
        pytest.param("渡邉", "渡辺", id="邉=辺"),
        pytest.param("渡邊", "渡邉", id="邊=邉"),
        pytest.param("山﨑", "山崎", id="﨑=崎"),
        pytest.param("山嵜", "山﨑", id="嵜=﨑"),
        pytest.param("濵田", "濱田", id="濵=濱"),
        pytest.param("嶋田", "嶌田", id="嶋=嶌"),
        pytest.param("辻\U000e0100", "辻", id="IVS dropped"),
        pytest.param("葛\U000e0101飾", "葛飾", id="IVS inside"),
        pytest.param("塚本", "塚本", id="compatibility ideograph (NFKC)"),
        pytest.param("タカハシ　イチロウ", "たかはし いちろー", id="hiragana, 長音 for ウ"),
        pytest.param("タカハシ　イチロウ", "ﾀｶﾊｼｲﾁﾛｳ", id="half-width kana"),
        pytest.param("ヤマダ　タロウ", "ヤマダタロゥ", id="small kana"),
        pytest.param("Nguyen Van An", "NGUYEN VAN AN", id="case"),
        pytest.param("Ｎｇｕｙｅｎ", "nguyen", id="full-width letters"),
        *(pytest.param("高橋一郎", f"高橋{c}一郎", id=f"U+{ord(c):04X}") for c in INVISIBLE),
    ],
)
def test_same_canonical_form(stored: str, typed: str) -> None:
    assert canonical(stored) == canonical(typed)


@pytest.mark.parametrize(("one", "other"), [("高橋", "高松"), ("斎藤", "佐藤"), ("タカハシ", "タカハタ"), ("吉田", "土田")])
def test_different_names_stay_apart(one: str, other: str) -> None:
    assert canonical(one) != canonical(other)


def test_the_canonical_form_is_the_kana_key_of_kana() -> None:
    for kana in ("ヤマダ　タロウ", "ぢゅうじろう", "ﾊﾟｰﾃｨｰ", "ヴァイオリン", "トウキョウ"):
        assert canonical(kana) == normalize_kana(kana)


def test_every_variant_family_folds_to_one_form() -> None:
    characters = "".join(_FAMILIES)
    assert len(set(characters)) == len(characters)  # each character in one family only
    for family in _FAMILIES:
        assert all(unicodedata.normalize("NFKC", c) == c for c in family)
        assert {canonical(c) for c in family} == {family[0]}
    assert len({canonical(c) for c in "斎斉齋齊"}) == 1


def test_every_format_character_of_unicode_is_dropped() -> None:
    """The table of invisible characters covers every Cf of the running Python's Unicode database."""
    missing = [f"U+{c:04X}" for c in range(0x110000)
               if unicodedata.category(chr(c)) in ("Cf", "Cc") and not _DROPPED.fullmatch(chr(c))]
    assert missing == []


def test_nothing_invisible_is_left_in_a_canonical_form() -> None:
    for point in range(0x10000):
        if 0xD800 <= point <= 0xDFFF:
            continue
        for char in canonical(chr(point)):
            assert unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp"), f"U+{point:04X}"
            assert not char.isspace() and not _DROPPED.match(char), f"U+{point:04X}"


def test_a_query_is_read_without_its_invisible_characters_but_with_its_spaces() -> None:
    assert visible("\ufeffヤマダ\u200b タロウ\u2060") == "ヤマダ タロウ"


NAME_TEXT = st.text(st.one_of(
    st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("".join(_FAMILIES) + "".join(INVISIBLE) + "山田　―‐–—−\u3099\u309aİẞǅΩ"),
    st.characters(),
), max_size=20)


@given(NAME_TEXT)
def test_the_canonical_form_is_idempotent(text: str) -> None:
    key = canonical(text)
    assert canonical(key) == key


# --- names refused where they enter --------------------------------------------------------------------------------

@pytest.mark.parametrize("char", [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u061c", "\U000e0001",  # format (Cf)
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",  # bidirectional
    "\x00", "\x07", "\t", "\n", "\x7f", "\x85",  # control (Cc)
    chr(0xD800), chr(0xDFFF),  # lone surrogates
    "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff",  # non-characters
])
def test_a_name_with_a_control_or_format_character_is_refused(char: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_name(f"高橋{char}一郎", "氏名")
    assert err.value.item == "氏名"
    assert err.value.message == f"氏名に使えない文字（制御文字・書式文字）が含まれています（3文字目、U+{ord(char):04X}）"


@pytest.mark.parametrize("name", [
    "辻\U000e0100　次郎", "葛\ufe00飾", "𠮷田　花子", "髙橋　葉子", "ﾔﾏﾀﾞ　ﾊﾅｺ", "Nguyen Van An", "山田\ue000子",  # 外字
    "\u1820\u180b", "ヤマダ　タロウ", "",
])
def test_names_as_written_are_allowed(name: str) -> None:
    assert check_name(name, "氏名") == name


# --- 支援措置: every spelling of a 加害者's name is the 加害者 ----------------------------------------------------------

OFFENDERS = (("髙橋　一郎", "タカハシ　イチロウ"), ("齋藤　洋子", "サイトウ　ヨウコ"), ("渡邉　翔太", "ワタナベ　ショウタ"),
             ("𠮷田　正", "ヨシダ　タダシ"))
MEASURE = rules.measures({"m": rules.start_event(
    ["0000000001"], "", [rules.Process.KOFU], dt.date(2026, 4, 1), dt.date(2027, 3, 31),
    [rules.Offender(name, kana) for name, kana in OFFENDERS], "", "chief", "2026-04-01T09:00:00+09:00")})[0]

_VARIANT = {c: family for family in _FAMILIES for c in family}
_SMALL = dict(zip("アイウエオツヤユヨワカケ", "ァィゥェォッャュョヮヵヶ", strict=True))
_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}  # ｦ … ﾝ
_HALF_MARKS = {"\u3099": "ﾞ", "\u309a": "ﾟ"}
_O_ROW = "オコソトノホモヨロゴゾドボポョ"


def _half_width(char: str) -> str:
    """A katakana as half-width katakana (ガ as ｶﾞ)."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if base not in _HALF or any(m not in _HALF_MARKS for m in marks):
        return char
    return _HALF[base] + "".join(_HALF_MARKS[m] for m in marks)


def _hiragana(char: str) -> str:
    return chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" else char


@st.composite
def spellings(draw: st.DrawFn) -> str:
    """A spelling of one 加害者's name or フリガナ that search calls the same name."""
    name, kana = draw(st.sampled_from(OFFENDERS))
    text = draw(st.sampled_from([name, kana]))
    # 長音 for a long vowel spelled out after an オ段 kana (イチロウ → イチロー)
    text = "".join("ー" if c in "ウオ" and i and text[i - 1] in _O_ROW and draw(st.booleans()) else c
                   for i, c in enumerate(text))
    chars = []
    for char in text:
        how = draw(st.sampled_from(["as is", "variant", "small", "hiragana", "half-width"]))
        if how == "variant" and char in _VARIANT:
            char = draw(st.sampled_from(_VARIANT[char]))
        elif how == "small" and char in _SMALL:
            char = _SMALL[char]
        elif how == "hiragana":
            char = _hiragana(char)
        elif how == "half-width":
            char = _half_width(char)
        chars.append(char)
    if draw(st.booleans()):  # spaces removed
        chars = [c for c in chars if c not in " \u3000"]
    for _ in range(draw(st.integers(0, 4))):  # invisible characters and spaces added anywhere
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(INVISIBLE + [" ", "\u3000"])))
    return "".join(chars)


@given(spellings())
def test_every_spelling_of_an_offender_s_name_is_the_offender(spelling: str) -> None:
    assert rules.is_offender(spelling, MEASURE, {})


@pytest.mark.parametrize("spelling", [
    "髙橋\u200b一郎", "高橋\u200c一郎", "高橋\u200d一郎", "高橋\u2060一郎", "\ufeff高橋一郎", "高\u00ad橋一郎",
    "高橋\u180b一郎", "高橋\u3164一郎", "タカハシ　イチロー", "タカハシ　イチロゥ", "たかはし　いちろう", "ﾀｶﾊｼ ｲﾁﾛｳ",
    "斉藤　洋子", "齊藤洋子", "斎藤 洋子", "渡辺翔太", "吉田　正",
])
def test_the_attack_spellings_are_the_offender(spelling: str) -> None:
    assert rules.is_offender(spelling, MEASURE, {})


def test_a_stranger_is_not_the_offender() -> None:
    assert not any(rules.is_offender(n, MEASURE, {}) for n in ("高橋　二郎", "佐藤　洋子", "渡辺　翔", "\u200b", ""))
