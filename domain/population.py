"""地域・年齢別人口 (自治体標準オープンデータセット): the registry as of a date, by 町丁目 and in total, in five-year
bands by sex, with 世帯数.

Rules (also in the README):
- **As of a date.** A person counts when, among the rows of their history whose 異動日 is on or before the date, the
  one processed last is a 住民 row. A 転出 whose 予定日 is later does not remove anyone yet; a 職権修正 processed
  later wins over the row it corrects.
- **Age** is the age reached on the date (years completed). A 生年月日 with an unknown part (不詳日) counts as 年齢不詳.
- **町丁目** are the 町字 of the 住所辞書, with its 住所コード as 地域コード (an address that fits none counts in
  その他). Without a 住所辞書 the 町丁目 is read from the 住所: what follows the 都道府県名 and 市区町村名, up to and
  including 丁目, or else up to the first digit (the 番地), and the 地域コード stays empty.
- **Small counts.** A 町丁目 with fewer than `min_area` residents (10 by default) is not published on its own: its
  residents are added to one row named その他, whose 備考 says so. The total row counts everyone. A published file
  uses a `min_area` of at least 3 (`check_min_area`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from domain.address_book import Chouaza, match
from domain.csv_text import Cell
from domain.errors import ValidationError

BAND = 5
TOP = 100  # 100歳以上
BANDS = [f"{a}-{a + BAND - 1}歳" for a in range(0, TOP, BAND)] + [f"{TOP}歳以上", "年齢不詳"]
UNKNOWN_BAND = len(BANDS) - 1
SEXES = ("男", "女")
HEADER = (["全国地方公共団体コード", "地域コード", "地方公共団体名", "調査年月日", "地域名", "総人口", "男性", "女性"]
          + [f"{band}の{sex}性" for band in BANDS for sex in SEXES] + ["世帯数", "備考"])
OTHER_AREA = "その他"
MIN_AREA = 10
# The least `min_area` a published file may use: a 町丁目 of one resident would show that person's age and sex, one of
# two would show each of them the other's; from three on, no one resident can read another's off the row.
LOWEST_MIN_AREA = 3
_AREA = re.compile(r"^(.*?丁目|[^0-9０-９]*)")


@dataclass(frozen=True, slots=True)
class RowAsOf:
    """What counting needs of one history row: its person, its 異動日 and when it was processed."""

    atena_no: str
    idou_iso: str
    processed_at: str
    resident: bool
    sex: str
    birth_iso: str
    birth_known: bool
    address: str
    setai_no: str


@dataclass(slots=True)
class Counts:
    """Residents by band and sex, and the households they form."""

    male: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    female: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    households: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.male) + sum(self.female)

    def add(self, row: RowAsOf, band: int) -> None:
        (self.male if row.sex == "男" else self.female)[band] += 1
        self.households.add(row.setai_no)

    def merge(self, other: Counts) -> None:
        self.male = [a + b for a, b in zip(self.male, other.male, strict=True)]
        self.female = [a + b for a, b in zip(self.female, other.female, strict=True)]
        self.households |= other.households


@dataclass(frozen=True, slots=True)
class Area:
    code: str  # 地域コード: the 住所コード of the 住所辞書, empty without one
    name: str  # 地域名
    counts: Counts
    note: str = ""  # 備考


@dataclass(frozen=True, slots=True)
class Population:
    as_of: dt.date
    total: Counts
    areas: list[Area]


def age_on(birth_iso: str, on: dt.date) -> int:
    year, month, day = (int(part) for part in birth_iso.split("-"))
    return on.year - year - ((on.month, on.day) < (month, day))


def band_of(row: RowAsOf, on: dt.date) -> int:
    if not row.birth_known:
        return UNKNOWN_BAND
    age = age_on(row.birth_iso, on)
    return min(age // BAND, TOP // BAND) if age >= 0 else UNKNOWN_BAND


@functools.lru_cache(maxsize=65_536)  # a household's members share their address
def area_of(address: str, prefix: str) -> str:
    """The 町丁目 of an address in the town: 「本町2丁目」 of 「さくら県みどり町本町2丁目3番4号」."""
    rest = address.removeprefix(prefix).strip()
    match = _AREA.match(rest)
    return (match.group(1) if match else "").strip() or OTHER_AREA


def _area(book: Sequence[Chouaza], prefix: str, address: str) -> tuple[str, str]:
    """(地域コード, 地域名) of an address: from the 住所辞書 when there is one, else read from the address."""
    if not book:
        return "", area_of(address, prefix)
    entry = match(book, prefix, address)
    return (entry.code, entry.name) if entry else ("", OTHER_AREA)


def in_force(rows: Iterable[RowAsOf], as_of: dt.date) -> dict[str, RowAsOf]:
    """Each person's row in force on the date (see the module's rules); persons with no row by then are left out."""
    day = as_of.isoformat()
    found: dict[str, RowAsOf] = {}
    for row in rows:
        if row.idou_iso > day:
            continue
        held = found.get(row.atena_no)
        if held is None or row.processed_at > held.processed_at:
            found[row.atena_no] = row
    return found


def check_min_area(min_area: int) -> None:
    """A `min_area` for a published file: at least `LOWEST_MIN_AREA`, or ValidationError."""
    if min_area < LOWEST_MIN_AREA:
        raise ValidationError("町丁目の最少人数", f"{LOWEST_MIN_AREA}人以上にしてください（{min_area}人では、住民の少ない町丁目の行から"
                                          "その住民の年齢と性別が分かってしまいます）")


def tabulate(rows: Iterable[RowAsOf], as_of: dt.date, prefix: str, min_area: int = MIN_AREA,
             book: Sequence[Chouaza] = ()) -> Population:
    """Count; with a 住所辞書, its 町字 are the areas (in 住所コード order) and give their 地域コード."""
    total = Counts()
    by_area: dict[tuple[str, str], Counts] = {}
    areas_of: dict[str, tuple[str, str]] = {}
    for row in in_force(rows, as_of).values():
        if not row.resident:
            continue
        band = band_of(row, as_of)
        total.add(row, band)
        area = areas_of.get(row.address)
        if area is None:
            areas_of[row.address] = area = _area(book, prefix, row.address)
        by_area.setdefault(area, Counts()).add(row, band)
    areas: list[Area] = []
    other = Counts()
    for key in sorted(by_area):
        counts = by_area[key]
        if counts.total < min_area or key[1] == OTHER_AREA:
            other.merge(counts)
        else:
            areas.append(Area(*key, counts))
    if other.total:
        areas.append(Area("", OTHER_AREA, other, f"{min_area}人未満の町丁目と町丁目の分からない住所を合算"))
    return Population(as_of, total, areas)


def csv_rows(population: Population, code: str, municipality: str) -> list[list[Cell]]:
    """The header and one row per area after the total row (empty 地域コード and 地域名); counts are numbers."""
    day = population.as_of
    surveyed = f"{day.year}/{day.month}/{day.day}"

    def line(area: Area) -> list[Cell]:
        counts = area.counts
        bands = [n for pair in zip(counts.male, counts.female, strict=True) for n in pair]
        return [code, area.code, municipality, surveyed, area.name, counts.total, sum(counts.male),
                sum(counts.female), *bands, len(counts.households), area.note]

    header: list[Cell] = list(HEADER)
    return [header, line(Area("", "", population.total))] + [line(area) for area in population.areas]
