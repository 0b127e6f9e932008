"""地域・年齢別人口 as a CSV file (`reports.csv_file`): UTF-8 by default (optionally with a BOM, for spreadsheet
programs) or Shift_JIS (cp932, as many municipalities publish), CRLF line ends. A character the encoding cannot hold
is an error naming it, and no file is written."""

from __future__ import annotations

from domain.csv_text import csv_text
from domain.population import Population, csv_rows
from reports.csv_file import encoded


def population_csv(population: Population, code: str, municipality: str, encoding: str = "utf-8") -> bytes:
    return encoded(csv_text(csv_rows(population, code, municipality)), encoding)
