"""CSV files as the program writes them: the text of `domain.csv_text` (every export's one writer) in UTF-8 with a
BOM (for spreadsheet programs, the default), plain UTF-8 or Shift_JIS (cp932), written whole or not at all. A
character the encoding cannot hold is an error naming it, and no file is written."""

from __future__ import annotations

import os
from pathlib import Path

from domain.errors import ValidationError

ENCODINGS = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "shift_jis": "cp932"}


def encoded(text: str, encoding: str = "utf-8-bom") -> bytes:
    try:
        return text.encode(ENCODINGS[encoding])
    except UnicodeEncodeError as exc:
        raise ValidationError("文字コード", f"「{exc.object[exc.start:exc.end]}」は{encoding}で書けません。"
                                        "UTF-8 で出力してください") from None


def write_csv(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with open(temporary, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
