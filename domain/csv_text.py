"""CSV text for the files staff open in a spreadsheet program: the one writer of every export (the 被災者台帳, the
open data, the 操作記録, the 住所辞書).

A text cell that starts as a formula starts in a spreadsheet program (= + - @, a tab or a carriage return, or the
full-width ＝ ＋ － ＠ that Japanese spreadsheet programs read the same way) is written with a leading apostrophe, as
OWASP advises against CSV injection: `=HYPERLINK(…)` typed at the counter stays text for whoever opens the file.
A number the program itself writes is given as an `int` and stays a number: the writer knows a numeric column by
its values' type, so that text which only looks like a number (`-2+3`) is still text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

Cell = str | int
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_text(rows: Iterable[Sequence[Cell]]) -> str:
    """The rows (the header first) as CSV text with CRLF line ends; the caller encodes and writes it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _cell(value: Cell) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a CSV cell is text or a whole number, not {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value
