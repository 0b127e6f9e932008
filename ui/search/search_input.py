"""What the search box holds, read without widgets: is it a 個人番号 (searched only on Enter); the result line."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from local_store.search import SearchResult

# The separators domain.check_digits drops from a 個人番号 (after NFKC): spaces, hyphens, dashes, a typed 長音.
_SEPARATORS = re.compile(r"[\s\-‐‑−–—ー]")
_TWELVE_DIGITS = re.compile(r"^[0-9]{12}$")

MYNUMBER_HINT = QT_TRANSLATE_NOOP("MainWindow", "12桁の番号は個人番号として Enter で検索します")


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """One search as the window asks the facade for it."""

    query: str
    include_removed: bool = False
    mynumber: bool = False
    resident_kind: str | None = None  # 住民種別 (日本人, 外国人), or every resident


def looks_like_mynumber(text: str) -> bool:
    """Twelve digits (full- or half-width, with spaces or dashes between groups): never searched while typing."""
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    return bool(_TWELVE_DIGITS.match(compact))


def is_blank(text: str) -> bool:
    return not unicodedata.normalize("NFKC", text).strip()


def describe_result(result: SearchResult) -> str:
    """「フリガナ検索 12件」, 「… さらにあります」 when the result was cut at the limit."""
    if not result.kind:
        return ""
    # The kind (フリガナ, 氏名, …) is the standard's item name, as the facade names it.
    line = QCoreApplication.translate("MainWindow", "{kind}検索 {count}件").format(kind=result.kind,
                                                                               count=f"{len(result.ids):,}")
    if result.truncated:
        line += QCoreApplication.translate("MainWindow", "　さらにあります（条件を加えて絞り込んでください）")
    return line
