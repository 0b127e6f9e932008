"""個人番号 for persons registered while waiting for one (付番待ち): the file the national system's answer is typed
or exported into, one person a line: `宛名番号,個人番号` (a header line is allowed; blank lines are skipped).

Each line becomes a 職権修正 that sets the 個人番号; the 異動 rules check the number's check digit and that the
person is a current resident, and the registry that nobody else holds the number. A file that gives one number to
two lines is refused at the second.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from typing import Any

from domain.errors import ValidationError

HEADER = ("宛名番号", "個人番号")


@dataclass(frozen=True, slots=True)
class NumberLine:
    line: int
    atena_no: str
    mynumber: str


def parse(text: str) -> list[NumberLine]:
    found: list[NumberLine] = []
    seen: set[str] = set()
    numbers: dict[str, int] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or (number == 1 and tuple(cells[:2]) == HEADER):
            continue
        if len(cells) != 2 or not cells[0].isdigit() or not cells[1].isdigit():
            raise ValidationError(f"{number}行目", "「宛名番号,個人番号」の形で数字を入力してください")
        if cells[0] in seen:
            raise ValidationError(f"{number}行目", f"宛名番号 {cells[0]} が二度あります")
        seen.add(cells[0])
        number_key = unicodedata.normalize("NFKC", cells[1])
        if number_key in numbers:
            raise ValidationError(f"{number}行目", f"この個人番号は{numbers[number_key]}行目と同じです（個人番号は一人に一つです）")
        numbers[number_key] = number
        found.append(NumberLine(number, cells[0], cells[1]))
    if not found:
        raise ValidationError("個人番号のファイル", "記載する行がありません")
    return found


def request(line: NumberLine, idou_date: str) -> dict[str, Any]:
    return {"reason": "職権修正", "idou_date": idou_date, "note": "個人番号の記載（付番待ちの解消）",
            "set": {line.atena_no: {"mynumber": line.mynumber}}}
