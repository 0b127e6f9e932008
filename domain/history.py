"""A person's history: rows linked to the rows they were based on, their tips, forks and 履歴番号 (§1.2.1); and the
stays in the town those rows make, each a 住民票 of its own, which the 消除 that ends it makes a 除票.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from domain.idou import CANCEL, REASONS, Category
from domain.records import Person, Removal
from domain.wareki import RegDate, format_wareki


@dataclass(frozen=True, slots=True)
class RowRef:
    """Where one history row of a person stands: the 異動 document holding it and the documents it was based on."""

    doc_id: str
    parents: tuple[str, ...]
    processed_at: str


def tips(rows: Iterable[RowRef]) -> list[RowRef]:
    """The rows no other row of the same person was based on, newest first.

    One tip is the normal case. Two or more mean that two 異動 were made on one parent (a fork, for example by two
    terminals offline): both are kept, and the person is flagged for review until a 異動 naming both resolves it.
    """
    rows = list(rows)
    based_on = {parent for row in rows for parent in row.parents}
    return sorted(
        (row for row in rows if row.doc_id not in based_on),
        key=lambda row: (row.processed_at, row.doc_id),
        reverse=True,
    )


def numbered(rows: Iterable[RowRef]) -> list[tuple[int, RowRef]]:
    """履歴番号 1, 2, 3…: parents before children, concurrent rows by processing time and then document id."""
    pending = sorted(rows, key=lambda row: (row.processed_at, row.doc_id))
    known = {row.doc_id for row in pending}
    placed: set[str] = set()
    ordered: list[RowRef] = []
    while pending:
        ready = next(
            (row for row in pending if all(p in placed or p not in known for p in row.parents)),
            pending[0],  # a cycle cannot come from valid documents; never loop forever on a broken one
        )
        pending.remove(ready)
        placed.add(ready.doc_id)
        ordered.append(ready)
    return list(enumerate(ordered, start=1))


class Step(Protocol):
    """One row of a person's 異動履歴, with the 異動 that wrote it."""

    @property
    def number(self) -> int: ...  # 履歴番号

    @property
    def doc_id(self) -> str: ...  # the 異動 document that wrote the row (immutable)

    @property
    def reason(self) -> str: ...  # 異動事由

    @property
    def idou_date(self) -> RegDate | None: ...

    @property
    def notified_on(self) -> RegDate | None: ...  # 届出日 (none for a 職権 異動)

    @property
    def row(self) -> Person: ...


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """A `Step` read from the 異動 documents."""

    number: int
    doc_id: str
    reason: str
    idou_date: RegDate | None
    notified_on: RegDate | None
    row: Person


@dataclass(frozen=True, slots=True)
class Residence:
    """One stay of a person in the town: the 住民票 from the 記載 that recorded them (転入, 出生, 職権記載…) to their
    latest row, or to the 消除 that ended it. An ended stay is a 除票 of its own, issuable for 150 years (施行令34条)
    also after the person came back under the same 宛名番号 (which stays theirs: registry facts, returning resident)."""

    number: int  # 1 for the first stay, then 2, 3… (what a person asking for a 除票 names; see `key`)
    steps: tuple[Step, ...]

    @property
    def key(self) -> str:
        """What names this stay durably: the 異動 document that began it. Its `number` can change when an older 異動
        of the person arrives late from another terminal; the document that began the stay does not."""
        return self.steps[0].doc_id

    @property
    def row(self) -> Person:
        """The 住民票 as this stay left it: the 除票 once it has ended."""
        return self.steps[-1].row

    @property
    def removal(self) -> Removal | None:
        return None if self.row.is_resident else self.row.removal

    @property
    def since(self) -> RegDate:
        """When the stay began: 住民となった年月日 (法7条6号), for a 外国人住民 外国人住民となった年月日 (法30条の45)."""
        row = self.row
        return row.foreign.became_resident if row.foreign is not None else row.resident_since

    def describe(self) -> str:
        """e.g. 「第1回　平成20年4月1日〜令和5年3月31日　国内転出」 (the 照会, the 交付 screen, the command line)."""
        removal = self.removal
        until = f"{format_wareki(removal.date)}　{removal.reason}" if removal is not None else "（現在）"
        return f"第{self.number}回　{format_wareki(self.since)}〜{until}"


def residences(steps: Iterable[Step]) -> list[Residence]:
    """A person's stays in the town, in 履歴番号 order. A 記載 (転入 of one who left, 職権記載…) after a row that is
    no longer a 住民 opens a new stay; a 異動の取消し that puts the previous stay's 除票 back undoes the stay it
    opened (a returning 転入 recorded in error): that stay never was."""
    stays: list[list[Step]] = []
    for step in sorted(steps, key=lambda s: s.number):
        if not stays or (REASONS.get(step.reason) is Category.RECORD and not stays[-1][-1].row.is_resident):
            stays.append([step])
        else:
            stays[-1].append(step)
        if len(stays) > 1 and step.reason == CANCEL and step.row == stays[-2][-1].row:
            stays.pop()
    return [Residence(number, tuple(stay)) for number, stay in enumerate(stays, start=1)]
