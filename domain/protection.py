"""支援措置 (DV, stalking, child abuse) and 抑止: who is shielded, from whom, for which processes, until when.

A measure is a log of create-only events that replicate (registry facts §1.4, §9):

- 開始 (`start`): the persons protected (by 宛名番号; a whole household is recorded as its members), the processes
  restricted (異動, 交付, 照会), 開始日 and 終了日 (one year by default: 令和2年4月1日 → 令和3年3月31日), the 加害者 where
  known (name, フリガナ, 宛名番号 when they are in the registry) and a note. Its event id is the measure's id.
- 延長 (`extend`): a later 終了日 (another year by default).
- 終了 (`end`, 解除): the measure stops at once (its date is the day the 終了 was recorded).

Every 延長 and 終了 names the measure and the events of it that its author had seen (`parents`). The 終了日 in force is
set by the events that no later event of the same measure has seen; when there are several (two terminals acted
while apart), the latest date holds, so an early 終了 that did not see a concurrent 延長 does not shorten it, and the
measure is flagged until the next event, which names them all, settles it.

**Untrusted time.** A terminal's own clock can be wrong, or set back on purpose. A measure past its 終了日 stays in
force until a *trusted* time is past that date too. The trusted time is the latest time the municipality's cloud
has stated to this terminal (the `Date` of its answers over the authenticated connection), kept by the replica and
only ever moving forward; a terminal that has never heard from the cloud has none, and keeps every measure in force
until it is ended. A measure is in force from the moment it is recorded, whatever the terminal's date.

Pure data in and out; who may write an event is checked where events are written and where they arrive.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.event_log import ancestors as event_ancestors
from domain.kofu_rules import PHOTO_IDS, KofuRefused, KofuWaiting, Requester, RequesterKind
from domain.names import canonical
from domain.records import Person


class Process(StrEnum):
    IDOU = "異動"
    KOFU = "交付"
    SHOUKAI = "照会"


START, EXTEND, END = "start", "extend", "end"
EVENT_NAMES = {START: "支援措置開始", EXTEND: "支援措置延長", END: "支援措置終了"}

# 本人確認 strict enough for a protected person's own request: an official document with a photograph (PHOTO_IDS).
OFFENDER_REFUSED = "{role}は支援措置の加害者として登録されています。交付できません（判断による例外はありません）"
STRICT_ID_REQUIRED = ("支援措置の対象者本人の請求には、写真付きの本人確認書類（" + "・".join(PHOTO_IDS)
                      + "）による本人確認が必要です")
JUDGMENT_REQUIRED = "支援措置の対象者です。本人以外の請求には係長の判断（判断者のサインインと理由）が必要です"
IDOU_REFUSED = "届出人は支援措置の加害者として登録されています。この異動は受け付けられません"


class OffenderRefused(KofuRefused):
    """The requester is a named 加害者: refused, and no judgment can change that."""


class StrictIdentificationRequired(KofuRefused):
    """The protected person asks without a photo ID."""


class JudgmentRequired(KofuWaiting):
    """Anyone else asks: a supervisor's recorded judgment is needed."""


@dataclass(frozen=True, slots=True)
class Offender:
    name: str
    kana: str = ""
    atena_no: str = ""  # when the 加害者 is in the registry

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "kana": self.kana, "atena_no": self.atena_no}


@dataclass(frozen=True, slots=True)
class Measure:
    id: str  # the event id of its 開始
    targets: tuple[str, ...]  # 宛名番号 of the persons protected (or domain.fuhyo.member_target: a 附票's, elsewhere)
    setai_no: str  # the household, when a whole household was named ("" otherwise)
    processes: frozenset[Process]
    start: dt.date
    end: dt.date  # the last day in force, as its events in force give it (the latest when concurrent)
    offenders: tuple[Offender, ...]
    note: str
    ended: bool  # the date in force was set by a 終了: no longer in force, whatever the time
    concurrent: bool  # events made while apart disagree; the latest 終了日 holds until the next event
    tips: tuple[str, ...]  # the events no other event of the measure names: what the next event names
    created_by: str
    created_at: str

    def covers(self, atena_no: str, process: Process) -> bool:
        return process in self.processes and atena_no in self.targets


def default_end(start: dt.date) -> dt.date:
    """One year counting the first day (民法143条): the day before the same date a year later; from 2月29日, the
    last day of February."""
    try:
        return dt.date(start.year + 1, start.month, start.day) - dt.timedelta(days=1)
    except ValueError:  # 2月29日 with no 2月29日 a year later
        return dt.date(start.year + 1, 3, 1) - dt.timedelta(days=1)


def extended_end(end: dt.date) -> dt.date:
    """The 終了日 after a 延長: one more year from the day after the current one."""
    return default_end(end + dt.timedelta(days=1))


def extension_opens(end: dt.date) -> dt.date:
    """The first day a 延長 is accepted: one month before the 終了日 (the month's last day where it is shorter)."""
    year, month = (end.year, end.month - 1) if end.month > 1 else (end.year - 1, 12)
    return dt.date(year, month, min(end.day, calendar.monthrange(year, month)[1]))


def in_force(measure: Measure, today: dt.date, trusted_today: dt.date | None) -> bool:
    """Whether a measure holds: until it is ended (終了), or until both the terminal's date and the trusted date are
    past its 終了日.

    `trusted_today` is the date of the latest time the cloud has stated to this terminal (None when it never has).
    A terminal clock running ahead cannot end a measure early, and one set back cannot either (it only delays).
    """
    if measure.ended:
        return False
    return not (today > measure.end and trusted_today is not None and trusted_today > measure.end)


def kept_by_untrusted_time(measure: Measure, today: dt.date, trusted_today: dt.date | None) -> bool:
    """Past its 終了日 by the terminal's clock, and still in force because no trusted time is past it."""
    return today > measure.end and in_force(measure, today, trusted_today)


# --- events --------------------------------------------------------------------------------------------------------


def start_event(targets: Sequence[str], setai_no: str, processes: Iterable[Process], start: dt.date, end: dt.date,
                offenders: Sequence[Offender], note: str, by: str, at: str) -> dict[str, Any]:
    return {"event": START, "targets": sorted(set(targets)), "setai_no": setai_no,
            "processes": sorted(p.value for p in set(processes)), "start": start.isoformat(), "end": end.isoformat(),
            "offenders": [o.to_json() for o in offenders], "note": note, "by": by, "at": at, "parents": []}


def next_event(kind: str, measure: Measure, end: dt.date, note: str, by: str, at: str) -> dict[str, Any]:
    """A 延長 or 終了 of a measure, naming every event of it in force here."""
    return {"event": kind, "measure": measure.id, "end": end.isoformat(), "note": note, "by": by, "at": at,
            "parents": sorted(measure.tips)}


def problem(event: Any) -> str | None:
    """What is wrong with the shape of an event, in plain words; None when it is well formed."""
    if not isinstance(event, dict):
        return "a protection event is not an object"
    kind = event.get("event")
    if kind not in EVENT_NAMES:
        return f"unknown protection event {kind!r}"
    if not isinstance(event.get("by"), str) or not event["by"] or not isinstance(event.get("at"), str):
        return "a protection event without its author or time"
    if not isinstance(event.get("note", ""), str):
        return "a protection event with a malformed note"
    parents = event.get("parents")
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        return "a protection event with malformed parents"
    end = _date(event.get("end"))
    if end is None:
        return "a protection event without a valid end date"
    if kind != START:
        if not isinstance(event.get("measure"), str) or not event["measure"] or not parents:
            return f"a {kind} event that names no measure or no earlier event"
        return None
    if parents:
        return "a start event that names earlier events"
    targets = event.get("targets")
    if not isinstance(targets, list) or not targets or not all(isinstance(t, str) and t for t in targets):
        return "a start event without the persons protected"
    processes = event.get("processes")
    if (not isinstance(processes, list) or not processes
            or not all(p in {x.value for x in Process} for p in processes)):
        return "a start event without valid processes"
    start = _date(event.get("start"))
    if start is None or end < start:
        return "a start event with a start date missing or after its end"
    offenders = event.get("offenders")
    if not isinstance(offenders, list) or not all(
            isinstance(o, dict) and all(isinstance(o.get(k, ""), str) for k in ("name", "kana", "atena_no"))
            and (o.get("name") or o.get("kana")) for o in offenders):
        return "a start event with malformed offenders"
    if not isinstance(event.get("setai_no", ""), str):
        return "a start event with a malformed household"
    return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --- the measures that a log gives ----------------------------------------------------------------------------------


def measures(events: Mapping[str, Mapping[str, Any]]) -> list[Measure]:
    """Every measure whose 開始 has arrived, from the events (by id) of all measures; oldest first."""
    by_measure: dict[str, dict[str, Mapping[str, Any]]] = {}
    for eid, event in events.items():
        key = eid if event["event"] == START else str(event["measure"])
        by_measure.setdefault(key, {})[eid] = event
    found = [_measure(mid, evs) for mid, evs in by_measure.items() if mid in evs and evs[mid]["event"] == START]
    return sorted(found, key=lambda m: (m.created_at, m.id))


def _measure(measure_id: str, events: Mapping[str, Mapping[str, Any]]) -> Measure:
    first = events[measure_id]
    ancestors = event_ancestors(events)
    in_force_ids = [e for e in events if not any(e in ancestors[other] for other in events)]
    ends = {e: dt.date.fromisoformat(events[e]["end"]) for e in in_force_ids}
    latest = max(ends.values())
    named = {p for e in events.values() for p in e.get("parents", [])}
    return Measure(
        id=measure_id,
        targets=tuple(first["targets"]),
        setai_no=first.get("setai_no", ""),
        processes=frozenset(Process(p) for p in first["processes"]),
        start=dt.date.fromisoformat(first["start"]),
        end=latest,
        offenders=tuple(Offender(o.get("name", ""), o.get("kana", ""), o.get("atena_no", ""))
                        for o in first["offenders"]),
        note=first.get("note", ""),
        ended=all(events[e]["event"] == END for e, end in ends.items() if end == latest),
        concurrent=len(set(ends.values())) > 1,
        tips=tuple(sorted(set(events) - named)),
        created_by=first["by"],
        created_at=first["at"],
    )



# --- names, and what a request needs -------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """A name as compared: its canonical form (domain.names), the one search uses, so that no spelling search calls
    the same name (invisible characters, 異体字, 長音 and small kana, hiragana, half-width kana, spaces) passes a
    加害者 as a stranger."""
    return canonical(name)


def names_of(person: Person) -> set[str]:
    """Every name a person of the registry may go by at a counter: the 氏名 and its フリガナ, the 旧氏 with the 名
    (旧氏併記, on the 個人番号カード) and its フリガナ, and a foreign resident's alphabet name and every 通称 they have had
    (a 通称 deleted still names the one who went by it)."""
    names = {person.name, person.name_kana}
    if person.former_surname:
        names |= {_with_surname(person.name, person.former_surname),
                  _with_surname(person.name_kana, person.former_surname_kana)}
    if person.foreign is not None:
        names |= {person.foreign.alphabet_name, person.foreign.tsusho}
        names |= {entry.tsusho for entry in person.foreign.tsusho_history}
    return {n for n in names if n.strip()}


def _with_surname(name: str, surname: str) -> str:
    """The 名 of `name` (after its first space) with another 氏; "" when either is missing."""
    parts = name.replace("\u3000", " ").split(" ", 1)
    return f"{surname}　{parts[1].strip()}" if surname.strip() and len(parts) == 2 and parts[1].strip() else ""


def _person_keys(person: Person) -> set[str]:
    return {name_key(n) for n in names_of(person)}


def is_offender(name: str, measure: Measure, registered: Mapping[str, Person]) -> bool:
    """Whether `name` is one of the measure's 加害者: by the name or フリガナ recorded, or the current names of a
    加害者 whose 宛名番号 is known (`registered`, by 宛名番号)."""
    key = name_key(name)
    if not key:
        return False
    for offender in measure.offenders:
        keys = {name_key(n) for n in (offender.name, offender.kana) if n.strip()}
        if offender.atena_no in registered:
            keys |= _person_keys(registered[offender.atena_no])
        if key in keys:
            return True
    return False


def kofu_check(requester: Requester, covering: Sequence[Measure], registered: Mapping[str, Person]) -> str:
    """What a 交付 request for persons under these measures (in force, covering 交付) needs.

    `requester` as the registry vouched for it (本人等 and a 代理人's 委任者 by 宛名番号, with their names from the
    registry). Raises OffenderRefused when the 請求者, the 委任者 or the 依頼者 of a 職務上請求 is a named 加害者
    (always: by 宛名番号 or by name), StrictIdentificationRequired for the protected person without a photo ID;
    returns "本人" when the protected person asks with one, "判断" when anyone else asks (the caller then needs a
    supervisor's judgment), "" when no measure covers the request.
    """
    if not covering:
        return ""
    for m in covering:
        offenders = {o.atena_no for o in m.offenders if o.atena_no}
        for role, atena in requester.vouched():
            if atena in offenders:
                raise OffenderRefused(OFFENDER_REFUSED.format(role=role))
        for role, name in requester.names():
            if is_offender(name, m, registered):
                raise OffenderRefused(OFFENDER_REFUSED.format(role=role))
    if requester.kind is RequesterKind.HONNIN and all(requester.atena_no in m.targets for m in covering):
        if requester.identification not in PHOTO_IDS:
            raise StrictIdentificationRequired(STRICT_ID_REQUIRED)
        return "本人"
    return "判断"
