"""異動 near a person under 支援措置: which are held for a 係長's judgment, which 届出人 are refused, and what of a held
異動 the counter is not shown.

For each measure in force that restricts 異動 (`Process.IDOU`), the protected persons who live here give their
households and their addresses (`domain.address_key`: every way of writing a 住所 as one key, the 方書 left out, so
the same building counts).

- **Held** (`hold`): a 異動 that brings a person to such an address (a 転居, a 転入, a 記載, a 取消し that puts a
  person back; not a 出生), or puts a 加害者 of the measure (by 宛名番号, or by any of their names as
  `domain.protection.is_offender` compares them) into such a household (世帯合併, 世帯変更, a 転入 into it …). Whether
  to accept the 届出 is the law's question, not the counter's: it is not refused, but recorded only with a 係長's
  judgment, and the counter is told only that (`HOLD_MESSAGE`), never who lives there.
- **A protected person's numbers** (`with_numbers`): a 異動 that gives another person her 住民票コード (or the one she
  gave up at a 変更請求) or her 個人番号 is held too; refused as another's number, it would tell whoever brought the
  number that she is recorded here.
- **Touched** (`touches`): a 異動 that changes a protected person, or a member of a protected household (before or
  after it) other than a 加害者 of the measure himself. A 届出 of such a 異動 whose 届出人 is a 加害者 is refused
  (`domain.protection.IDOU_REFUSED`), judgment or not; a 加害者 moving only himself is held instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain import protection as rules
from domain.address_key import address_key
from domain.errors import ValidationError
from domain.idou import Idou
from domain.kofu_rules import lives_here
from domain.protection import Measure
from domain.records import Person

HOLD_MESSAGE = ("支援措置の対象者に関わる届出です。係長の判断（判断者のサインインと理由）が必要です。"
                "届出人に、この住所や世帯に住む人のことを伝えないでください")
BIRTH = "出生"


@dataclass(frozen=True, slots=True)
class Hold:
    """Why a 異動 waits for a judgment, and what the counter may see of it."""

    measures: tuple[str, ...]  # ids of the measures that hold it
    moved: tuple[str, ...]  # 宛名番号 of the persons it brings to the protected address or household
    withheld: frozenset[str]  # 宛名番号 of its rows that the counter is not shown (the protected household's)


class IdouHeld(ValidationError):
    """A 異動 that is recorded only with a 係長's judgment."""

    def __init__(self, hold: Hold) -> None:
        super().__init__("支援措置", HOLD_MESSAGE)
        self.hold = hold


@dataclass(frozen=True, slots=True)
class Near:
    """What a 異動 is checked against: the measures in force that restrict 異動, the current rows of the persons
    and 加害者 they name (`registered`) and of the persons the 異動 changes (`before`), the date and the town's
    names (left out of addresses)."""

    measures: tuple[Measure, ...]
    registered: Mapping[str, Person]
    before: Mapping[str, Person]
    today: dt.date
    town_names: tuple[str, ...]

    def households(self, measure: Measure) -> set[str]:
        return {p.setai_no for p in self._living(measure)}

    def addresses(self, measure: Measure) -> set[str]:
        return {address_key(p.address.text, self.town_names) for p in self._living(measure)}

    def _living(self, measure: Measure) -> list[Person]:
        return [self.registered[a] for a in measure.targets
                if a in self.registered and lives_here(self.registered[a], self.today)]


def is_offender(person: Person, measure: Measure, registered: Mapping[str, Person]) -> bool:
    """Whether a person of the registry is a 加害者 of the measure: by 宛名番号, or by any of their names."""
    if person.atena_no in {o.atena_no for o in measure.offenders if o.atena_no}:
        return True
    return any(rules.is_offender(name, measure, registered) for name in rules.names_of(person))


def touches(idou: Idou, measure: Measure, near: Near) -> bool:
    """Whether the 異動 changes a protected person, or a member of a protected household other than a 加害者."""
    households = near.households(measure)
    for change in idou.rows:
        row = change.row
        if row.atena_no in measure.targets:
            return True
        before = near.before.get(row.atena_no) if change.parents else None
        in_household = row.setai_no in households or (before is not None and before.setai_no in households)
        if in_household and not is_offender(row, measure, near.registered):
            return True
    return False


def hold(idou: Idou, near: Near) -> Hold | None:
    """Why the 異動 waits for a 係長's judgment, or None when it need not."""
    held: list[str] = []
    moved: list[str] = []
    withheld: set[str] = set()
    for measure in near.measures:
        brought = _brought(idou, measure, near)
        if brought:
            held.append(measure.id)
            moved += [a for a in brought if a not in moved]
            households = near.households(measure)
            withheld |= {c.row.atena_no for c in idou.rows if c.row.atena_no in measure.targets
                         or (c.parents and c.row.atena_no in near.before
                             and near.before[c.row.atena_no].setai_no in households)}
    return Hold(tuple(held), tuple(moved), frozenset(withheld)) if held else None


def _brought(idou: Idou, measure: Measure, near: Near) -> list[str]:
    """宛名番号 of the persons the 異動 brings to a protected address, or (a 加害者) into a protected household."""
    households, addresses = near.households(measure), near.addresses(measure)
    found = []
    for change in idou.rows:
        row = change.row
        if row.atena_no in measure.targets or not row.is_resident:
            continue
        before = near.before.get(row.atena_no) if change.parents else None
        was = before if before is not None and lives_here(before, near.today) else None  # None: arrives
        key = address_key(row.address.text, near.town_names)
        to_address = idou.reason != BIRTH and key in addresses and (
            was is None or address_key(was.address.text, near.town_names) != key)
        into_household = row.setai_no in households and (was is None or was.setai_no != row.setai_no) and (
            is_offender(row, measure, near.registered))
        if to_address or into_household:
            found.append(row.atena_no)
    return found



def with_numbers(hold: Hold | None, holders: Mapping[str, str], measures: Iterable[Measure]) -> Hold | None:
    """The hold of a 異動 that gives a person a 住民票コード (hers, or hers before a 変更請求) or a 個人番号 of a
    protected person (`holders`: the 宛名番号 of each such person of the 異動, with hers). Refused as another's
    number, it would tell whoever brought the number that she is recorded here: it waits for a 係長 like a move to
    her address (and, judged, is refused all the same)."""
    if not holders:
        return hold
    ids = tuple(m.id for m in measures if set(m.targets) & set(holders.values()))
    if hold is None:
        return Hold(ids, tuple(holders), frozenset())
    return Hold(hold.measures + tuple(i for i in ids if i not in hold.measures),
                hold.moved + tuple(a for a in holders if a not in hold.moved), hold.withheld)
