"""Folding of 異体字 for inclusive 漢字 search (§2.1.2): 渡邉 and 渡辺 find each other, as do 髙橋 and 高橋.

Stored names keep the resident's own characters; only search keys are folded, on both sides alike.
"""

from __future__ import annotations

import re
import unicodedata

# A small table of the variants that are common in names; a municipality's 同定 table can extend it.
_VARIANTS = {
    "髙": "高", "邉": "辺", "邊": "辺", "﨑": "崎", "嵜": "崎", "𠮷": "吉", "濱": "浜", "濵": "浜",
    "齋": "斎", "齊": "斉", "澤": "沢", "嶋": "島", "嶌": "島", "德": "徳", "廣": "広", "櫻": "桜",
    "國": "国", "冨": "富", "藪": "薮", "舘": "館", "檜": "桧", "眞": "真", "惠": "恵", "淺": "浅",
    "實": "実", "榮": "栄", "圓": "円", "黑": "黒", "關": "関", "邨": "村", "莊": "荘",
}
_FOLD = str.maketrans(_VARIANTS)


# Variation selectors and white space (`\s` matches exactly what `str.isspace` calls white space).
_DROPPED = re.compile(r"[\s\uFE00-\uFE0F\U000E0100-\U000E01EF]")


def search_text(text: str) -> str:
    """The search form of a name or an address: NFKC, variation selectors and spaces dropped, 異体字 folded."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", text)).translate(_FOLD)
