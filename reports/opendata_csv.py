"""地域・年齢別人口 as a CSV file: UTF-8 (optionally with a BOM, for spreadsheet programs) or Shift_JIS (cp932, as
many municipalities publish), CRLF line ends. A character the encoding cannot hold is an error naming the area,
and no file is written."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from domain.errors import ValidationError
from domain.population import Population, csv_rows

ENCODINGS = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "shift_jis": "cp932"}


def population_csv(population: Population, code: str, municipality: str, encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(csv_rows(population, code, municipality))
    try:
        return text.getvalue().encode(ENCODINGS[encoding])
    except UnicodeEncodeError as exc:
        raise ValidationError("文字コード", f"「{exc.object[exc.start:exc.end]}」は{encoding}で書けません。"
                                        "UTF-8 で出力してください") from None


def write_population_csv(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)
