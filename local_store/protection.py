"""支援措置 inside the replica: its events as documents of class `shien`, the measures they give, and the checks of
交付, 異動 and 照会 against the measures in force (`domain.protection` has the rules).

The events replicate like every document. Measures are few (tens in a town), so they are folded from their events
when read, and the fold is kept until another event is stored or arrives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from domain import protection
from domain.event_log import event_id
from domain.protection import Measure, Process
from domain.records import Person
from local_store import derived, documents
from local_store.database import Connection
from local_store.staff import Staff

SHIEN = "shien"


@dataclass(frozen=True, slots=True)
class Judgment:
    """A supervisor's recorded judgment that a request may be answered: for a person under 支援措置, or on a replica
    whose data is old. Two people: the judge is another staff member than the one who processes the request."""

    judge: Staff  # signed in for this judgment
    reason: str


@dataclass(frozen=True, slots=True)
class Protection:
    """A measure as shown: whether it holds today, and whether only the untrusted clock keeps it."""

    measure: Measure
    in_force: bool
    kept_by_untrusted_time: bool


class MeasureLog:
    """The measures of this replica, folded again only when the `shien` documents changed."""

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._measures: list[Measure] = []

    def measures(self, conn: Connection) -> list[Measure]:
        key = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM docs WHERE class = ?", (SHIEN,)).fetchone()
        if key != self._key:
            events = {event_id(d.body): d.body for d in documents.iter_class(conn, SHIEN)}
            self._measures = protection.measures(events)
            self._key = key
        return self._measures


def put(conn: Connection, data_key: bytes, event: dict[str, Any]) -> None:
    documents.put_new(conn, data_key, SHIEN, event)


def persons(conn: Connection, atena_nos: Iterable[str]) -> dict[str, Person]:
    """The current rows of the persons named that the registry holds, by 宛名番号."""
    found = {}
    for atena in set(atena_nos):
        row = derived.current_row(conn, atena)
        if row is not None:
            found[atena] = Person.from_json(row[0])
    return found


def covering(measures: Iterable[Measure], atena_nos: Iterable[str], process: Process, today: dt.date,
             trusted_today: dt.date | None) -> list[Measure]:
    """The measures in force that restrict `process` for any of the persons named."""
    wanted = set(atena_nos)
    return [m for m in measures if process in m.processes and wanted & set(m.targets)
            and protection.in_force(m, today, trusted_today)]


def registered(conn: Connection, measures: Iterable[Measure]) -> dict[str, Person]:
    """The current rows of the persons and 加害者 the measures name by 宛名番号 (for matching names)."""
    measures = list(measures)
    atenas = {a for m in measures for a in m.targets} | {o.atena_no for m in measures for o in m.offenders
                                                         if o.atena_no}
    return persons(conn, atenas)


def kofu_record(need: str, measures: Iterable[Measure], identification: str) -> dict[str, Any]:
    """What the 交付履歴 keeps of the check: the measures, and how the request was let through ("本人" with the photo
    ID, or "判断": see `judgment_record`)."""
    record: dict[str, Any] = {"measures": sorted(m.id for m in measures), "check": need}
    if need == "本人":
        record["identification"] = identification
    return {"protection": record}


def judgment_record(judgment: Judgment, needed: Iterable[str]) -> dict[str, Any]:
    """What the 交付履歴 keeps of a judgment: the judge (the staff member who processed the request is the entry's
    `staff`), the reason, and what it was needed for."""
    return {"judgment": {"judge": judgment.judge.user, "judge_role": judgment.judge.role.value,
                         "reason": judgment.reason.strip(), "needed": list(needed)}}


def redacted(item: Protection, show_details: bool) -> Protection:
    """The 加害者 and the note are shown only to those who set measures (係長 and above)."""
    if show_details:
        return item
    return replace(item, measure=replace(item.measure, offenders=(), note=""))
