"""A Japanese-capable default font for the window, chosen from what the system offers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

# In order of preference: Linux (fontconfig) names first, then the Windows and macOS UI fonts.
PREFERRED_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "TakaoGothic",
    "VL Gothic",
    "Source Han Sans JP",
    "Yu Gothic UI",
    "Meiryo UI",
    "Meiryo",
    "Hiragino Sans",
    "MS UI Gothic",
)


def add_font_files(paths: Iterable[Path]) -> list[str]:
    """Make font files (not installed on the system) available to this process; return their families."""
    families: list[str] = []
    for path in paths:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def japanese_font_family() -> str | None:
    """The family to use for Japanese text, or None when the system has no Japanese font at all."""
    available = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    japanese = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    return japanese[0] if japanese else None


def apply_japanese_font(app: QApplication, point_size: int = 11) -> str | None:
    """Make a Japanese-capable family the application's default font; return it (None: left as it was)."""
    family = japanese_font_family()
    font = app.font()
    if family is not None:
        font.setFamilies([family, *[f for f in font.families() if f != family]])
    if font.pointSize() < point_size:
        font.setPointSize(point_size)  # counter screens are read at arm's length
    app.setFont(font)
    return family
