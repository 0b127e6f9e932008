"""異体字 (variant kanji) folded for inclusive comparison of names (§2.1.2): 渡邉 and 渡辺 find each other, as do 髙橋
and 高橋, and 齋藤, 齊藤, 斉藤 and 斎藤 are one name.

Stored names keep the resident's own characters; only the canonical form (domain.names) is folded, on both sides
alike. CJK compatibility ideographs (塚 U+FA10 and the like) are already folded by NFKC; variation selectors (IVS)
are dropped by domain.names. This table is for the variants that NFKC leaves apart.
"""

from __future__ import annotations

# Families of characters that names write interchangeably; the first of each is the form compared. A small table of
# those common in names; a municipality's 同定 table can extend it. Every character is in one family only, and every
# one is stable under NFKC (the table is applied after it).
_FAMILIES = (
    "斎斉齋齊", "辺邊邉", "崎﨑嵜", "高髙", "吉𠮷", "土𡈽", "橋𣘺槗", "沢澤", "滝瀧", "桜櫻", "国國", "島嶋嶌", "浜濱濵",
    "広廣", "徳德", "富冨", "恵惠", "真眞", "竜龍", "薮藪籔", "館舘", "桧檜", "浅淺", "実實", "栄榮", "円圓", "黒黑",
    "関關", "村邨", "荘莊", "柳栁", "槙槇", "条條", "渋澁澀", "瀬瀨", "峰峯", "礼禮", "弥彌", "万萬", "与與", "会會",
    "学學", "寿壽", "亀龜", "豊豐", "鉄鐵", "蔵藏", "穂穗", "曽曾", "晋晉", "伝傳", "県縣", "静靜", "頼賴", "衛衞",
    "岳嶽", "峡峽", "渕淵渊", "遥遙", "凛凜", "増增", "清淸", "青靑", "宝寶寳", "桑桒", "船舩", "昂昻", "宜冝", "迪廸",
    "塩鹽",
)
_FOLD = str.maketrans({variant: family[0] for family in _FAMILIES for variant in family[1:]})


def fold_variants(text: str) -> str:
    """Every 異体字 of the table as the one form its family is compared by (the text is already NFKC)."""
    return text.translate(_FOLD)
