"""A person's history: rows linked to the rows they were based on, their tips, forks and 履歴番号 (§1.2.1)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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
