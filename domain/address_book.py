"""住所辞書: the town's 町字 (with 丁目), their 住所コード, 郵便番号 and 番地 ranges.

Imported from a CSV file with the header `住所コード,町字,郵便番号,番地（から）,番地（まで）`, for example
`001002,本町2丁目,321-4901,1,40`. Address entry picks the 町字 from it (方書 stays free text) and takes its
住所コード and 郵便番号; the population statistics take their 町丁目 and 地域コード from it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.csv_text import Cell, csv_text
from domain.errors import ValidationError

HEADER = ("住所コード", "町字", "郵便番号", "番地（から）", "番地（まで）")
_CODE = re.compile(r"^\d{6}$")
_POSTAL = re.compile(r"^\d{3}-\d{4}$")
_BAN = re.compile(r"^(\d+)")


@dataclass(frozen=True, slots=True)
class Chouaza:
    code: str  # 住所コード
    name: str  # 町字, with its 丁目 where it has them
    postal_code: str
    ban_from: int
    ban_to: int

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "postal_code": self.postal_code, "ban_from": self.ban_from,
                "ban_to": self.ban_to}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Chouaza:
        return cls(str(value["code"]), str(value["name"]), str(value["postal_code"]), int(value["ban_from"]),
                   int(value["ban_to"]))


def parse_csv(text: str) -> list[Chouaza]:
    """The dictionary in a CSV file; ValidationError names the first wrong line."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or tuple(c.strip() for c in rows[0]) != HEADER:
        raise ValidationError("住所辞書", f"1行目は「{','.join(HEADER)}」にしてください")
    entries: list[Chouaza] = []
    codes: set[str] = set()
    names: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        item = f"住所辞書の{number}行目"
        if len(cells) != len(HEADER):
            raise ValidationError(item, f"{len(HEADER)}項目（{'、'.join(HEADER)}）を入力してください")
        code, name, postal, ban_from, ban_to = cells
        if not _CODE.match(code) or code in codes:
            raise ValidationError(item, "住所コードは重複しない6桁の数字です")
        if not name or name in names:
            raise ValidationError(item, "町字を重複なく入力してください")
        if not _POSTAL.match(postal):
            raise ValidationError(item, "郵便番号は 123-4567 の形です")
        if not (ban_from.isdigit() and ban_to.isdigit() and 0 < int(ban_from) <= int(ban_to)):
            raise ValidationError(item, "番地の範囲は 1 以上の数字で、から ≦ まで です")
        codes.add(code)
        names.add(name)
        entries.append(Chouaza(code, name, postal, int(ban_from), int(ban_to)))
    if not entries:
        raise ValidationError("住所辞書", "町字が一つもありません")
    return entries


def to_csv(entries: Iterable[Chouaza]) -> str:
    rows: list[Sequence[Cell]] = [HEADER]
    rows += [[e.code, e.name, e.postal_code, e.ban_from, e.ban_to] for e in entries]
    return csv_text(rows)


def match(entries: Sequence[Chouaza], prefix: str, address: str) -> Chouaza | None:
    """The 町字 an address in the town lies in (the longest name it starts with, after the 都道府県・市区町村名)."""
    rest = address.removeprefix(prefix)
    found = [e for e in entries if rest.startswith(e.name)]
    return max(found, key=lambda e: len(e.name)) if found else None


def problem(entries: Sequence[Chouaza], prefix: str, address: str) -> str | None:
    """Why an address in the town does not fit the dictionary, in words for staff; None when it fits."""
    entry = match(entries, prefix, address)
    if entry is None:
        return "住所辞書にない町字です"
    ban = _BAN.match(address.removeprefix(prefix)[len(entry.name):])
    if ban is not None and not entry.ban_from <= int(ban.group(1)) <= entry.ban_to:
        return f"{entry.name}の番地は{entry.ban_from}〜{entry.ban_to}です"
    return None
