"""Kana search keys: one case for each rule of §2.1.2, and the properties the search index relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.kana import is_kana_query, normalize_kana, split_name, to_katakana


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        pytest.param("ヤマダ", "ﾔﾏﾀﾞ", id="half-width katakana"),
        pytest.param("ヤマダ", "やまだ", id="hiragana"),
        pytest.param("ガクト", "カクト", id="濁音=清音"),
        pytest.param("パンダ", "ハンタ", id="半濁音=清音"),
        pytest.param("ヒロシ", "ピロシ", id="ヒ=ピ"),
        pytest.param("ヂ", "ジ", id="ヂ=ジ"),
        pytest.param("ヅ", "ズ", id="ヅ=ズ"),
        pytest.param("チヂミ", "チジミ", id="ヂ=ジ in a word"),
        pytest.param("ミカヅキ", "ミカズキ", id="ヅ=ズ in a word"),
        pytest.param("ワタナベ", "ハタナベ", id="ワ=ハ"),
        pytest.param("ヴァイオリン", "バイオリン", id="ヴァ=バ"),
        pytest.param("ヴィクトリア", "ビクトリア", id="ヴィ=ビ"),
        pytest.param("ヴェルデ", "ベルデ", id="ヴェ=ベ"),
        pytest.param("ヴォルフ", "ボルフ", id="ヴォ=ボ"),
        pytest.param("ヴント", "ブント", id="ヴ=ブ"),
        pytest.param("ゔぁいおりん", "バイオリン", id="hiragana ゔ"),
        pytest.param("ｳﾞｧｲｵﾘﾝ", "バイオリン", id="half-width ｳﾞ"),
        pytest.param("カヲル", "カオル", id="ヲ=オ"),
        pytest.param("ヰ", "イ", id="ヰ=イ"),
        pytest.param("ヱビス", "エビス", id="ヱ=エ"),
        pytest.param("ハットリ", "ハツトリ", id="ッ=ツ"),
        pytest.param("キャク", "キヤク", id="ャ=ヤ"),
        pytest.param("シュン", "シユン", id="ュ=ユ"),
        pytest.param("キョコ", "キヨコ", id="ョ=ヨ"),
        pytest.param("ァィゥェォ", "アイウエオ", id="small vowels"),
        pytest.param("クヮ", "クワ", id="ヮ=ワ"),
        pytest.param("ヵヶ", "カケ", id="ヵ=カ ヶ=ケ"),
        pytest.param("マリー", "マリ", id="長音 ignored"),
        pytest.param("マリ―", "マリ", id="― ignored"),
        pytest.param("マリ－", "マリ", id="－ ignored"),
        pytest.param("マリ‐", "マリ", id="‐ ignored"),
        pytest.param("ﾏﾘｰ", "マリ", id="ｰ ignored"),
        pytest.param("マリ-", "マリ", id="- ignored"),
        pytest.param("マリ–", "マリ", id="– ignored"),
        pytest.param("マリ—", "マリ", id="— ignored"),
        pytest.param("コウノ", "コオノ", id="ウ after オ段 = オ"),
        pytest.param("ショウコ", "ショオコ", id="ウ after small ョ = オ"),
        pytest.param("ゴウ", "ゴオ", id="ウ after voiced オ段 = オ"),
        pytest.param("トウキョウ", "トーキョー", id="ウ = 長音"),
        pytest.param("トオキョオ", "トーキョー", id="オ = 長音"),
        pytest.param("ヤマダ タロウ", "ヤマダ　タロウ", id="half- and full-width space"),
        pytest.param("ヤマダ　タロウ", "ヤマダタロウ", id="space between 氏 and 名 ignored"),
        pytest.param("ジョン・スミス", "ジョンスミス", id="middle dot ignored"),
        pytest.param("ｶﾞ", "カ゛", id="lone 濁点"),
        pytest.param("ｳﾞｧ", "ｳ ﾞ ｧ", id="spaces never part a kana from its mark"),
        pytest.param("ウ゛", "ヴ", id="spacing 濁点 joins its kana"),
    ],
)
def test_same_key(stored: str, typed: str) -> None:
    assert normalize_kana(stored) == normalize_kana(typed)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("ウメ", "オメ", id="ウ as the 1st character is kept"),
        pytest.param("カウ", "カオ", id="ウ after ア段 is kept"),
        pytest.param("キウ", "キ", id="ウ after イ段 is kept"),
        pytest.param("カ", "サ", id="different consonants"),
        pytest.param("ハナ", "ハマ", id="different syllables"),
        pytest.param("ヤマダ", "ヤマ田", id="kanji is not kana"),
    ],
)
def test_different_key(one: str, other: str) -> None:
    assert normalize_kana(one) != normalize_kana(other)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("トウキョウ", "トキヨ"),
        ("ぢゅうじろう", "シユウシロ"),
        ("ﾊﾟｰﾃｨｰ", "ハテイ"),
        ("ワヲン", "ハオン"),
        ("ヴァ ヴ", "ハフ"),
    ],
)
def test_exact_keys(text: str, key: str) -> None:
    assert normalize_kana(text) == key


def test_given_name_alone_finds_the_whole_name() -> None:
    family, given = split_name("ヤマダ　タロウ")
    whole = normalize_kana("ヤマダ　タロウ")
    assert normalize_kana(given) in whole and normalize_kana(family) in whole
    assert normalize_kana("たろう") == normalize_kana(given)


def test_to_katakana() -> None:
    assert to_katakana("ﾔﾏﾀﾞ　たろう ＡＢＣ１") == "ヤマダ タロウ ABC1"
    assert to_katakana("ゔぁゎゕゖゝゞ") == "ヴァヮヵヶヽヾ"
    assert to_katakana("山田") == "山田"


@pytest.mark.parametrize(
    "text", ["やまだ", "ヤマダ タロウ", "ﾔﾏﾀﾞ", "ヤマダ　タロー", "ジョン・スミス", "トー-"]
)
def test_kana_queries(text: str) -> None:
    assert is_kana_query(text)


@pytest.mark.parametrize("text", ["", "  ", "ー", "ー -", "山田", "yamada", "ヤマ田", "123", "ヤマダ1"])
def test_not_kana_queries(text: str) -> None:
    assert not is_kana_query(text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("住民 太郎", ("住民", "太郎")),
        ("住民　太郎", ("住民", "太郎")),
        ("ジュウミン　タロウ", ("ジュウミン", "タロウ")),
        ("住民", ("住民", "")),
        ("住民 太郎 次郎", ("住民", "太郎 次郎")),
        ("　住民　 太郎 ", ("住民", "太郎")),
    ],
)
def test_split_name(text: str, parts: tuple[str, str]) -> None:
    assert split_name(text) == parts


# What name and query fields hold: kana of every width, ASCII and full-width ASCII, kanji, spaces and dashes.
NAME_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),  # hiragana, katakana, ゛゜ー・
        st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9F),  # half-width katakana
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),  # full-width ASCII
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("山田辺邊浜濱　―‐–—−\u3099\u309a"),
    ),
    max_size=20,
)


@given(NAME_TEXT)
def test_normalize_kana_is_idempotent(text: str) -> None:
    key = normalize_kana(text)
    assert normalize_kana(key) == key


@given(NAME_TEXT)
def test_hiragana_katakana_and_spacing_do_not_change_the_key(text: str) -> None:
    key = normalize_kana(text)
    assert normalize_kana(to_katakana(text)) == key
    assert normalize_kana(text.replace(" ", "").replace("\u3000", "")) == key
