"""印鑑登録 in the replica: its events as create-only documents of class `inkan` (`domain.inkan` has the rules), the
registrations they give, the abolition that a 異動 removing a person brings in its own transaction, and the
印鑑登録証明書 交付 in the 交付履歴.

The events replicate like every document; a town has thousands of registrations at most, so they are folded from
their events when read, and the events are kept in memory until another is stored or arrives. No derived table.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from domain import inkan as rules
from domain.idou import CANCEL, WITHDRAW_MOVE_OUT, Idou
from domain.inkan import ABOLISH, INKAN, Application, Impression, InkanRequest, Registration
from domain.kofu_rules import Disposal
from domain.records import Person
from local_store import derived, documents, kofu, meta
from local_store.database import Connection


class EventLog:
    """The `inkan` events of this replica and the registrations they give on a day, read and folded again only when
    the documents of the class changed, a 異動 was stored or arrived (it may cancel one that abolished), or the day
    changed."""

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._events: list[dict[str, Any]] = []
        self._folded: tuple[tuple[Any, ...] | None, dt.date | None, list[Registration]] = (None, None, [])

    def events(self, conn: Connection) -> list[dict[str, Any]]:
        key = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM docs WHERE class = ?", (INKAN,)).fetchone()
        if key != self._key:
            self._events = [d.body for d in documents.iter_class(conn, INKAN)]
            self._key = key
        return self._events

    def registrations(self, conn: Connection, today: dt.date) -> list[Registration]:
        events = self.events(conn)
        key = (self._key, conn.execute("SELECT max(seq) FROM docs WHERE class = ?", (derived.IDOU,)).fetchone()[0])
        if self._folded[:2] != (key, today):
            self._folded = (key, today, rules.registrations(events, today, cancelled(conn, events)))
        return self._folded[2]


def cancelled(conn: Connection, events: list[dict[str, Any]]) -> frozenset[str]:
    """Of the 異動 that abolished a registration, those cancelled since (転出取消, 異動の取消し) as known here: the
    cancelling 異動 are found among the rows of the persons registered."""
    abolishing = rules.abolishing_idou(events)
    persons = sorted(set(abolishing.values()))
    if not persons:
        return frozenset()
    marks = ",".join("?" * len(persons))
    found = conn.execute(f"SELECT DISTINCT doc_id FROM person_rows WHERE reason IN (?, ?) AND atena_no IN ({marks})",
                         (CANCEL, WITHDRAW_MOVE_OUT, *persons)).fetchall()
    return frozenset(c for c in (documents.body_of(conn, doc_id).get("cancels", "") for (doc_id,) in found)
                     if c in abolishing)


UNKNOWN_CARDS = "inkan.unknown_cards"  # meta: how many numbers of no card known here this terminal took, and the day


def unknown_cards(conn: Connection, today: dt.date) -> int:
    """How many card numbers of no card known here this terminal took today."""
    day, _, count = (meta.get(conn, UNKNOWN_CARDS) or "").partition(" ")
    return int(count) if day == today.isoformat() else 0


def count_unknown_card(conn: Connection, today: dt.date) -> int:
    """One more card number of no card known here, today, on this terminal (in the caller's transaction); returns
    how many today."""
    count = unknown_cards(conn, today) + 1
    meta.put(conn, {UNKNOWN_CARDS: f"{today.isoformat()} {count}"})
    return count


def current(conn: Connection, atena_no: str) -> Person | None:
    found = derived.current_row(conn, atena_no) if atena_no else None
    return Person.from_json(found[0]) if found is not None else None


def _stamp(at: kofu.Counter) -> dict[str, str]:
    return {"at": at.now.isoformat(timespec="milliseconds"), "staff": at.staff, "terminal": at.terminal}


def put_registration(conn: Connection, data_key: bytes, at: kofu.Counter, application: Application,
                     person: Person, impression: Impression, identification: str, serial: int,
                     answer_by: dt.date | None) -> str:
    """Store a 登録 (in the caller's transaction); returns the registration's id."""
    reg_id = secrets.token_hex(8)
    event: dict[str, Any] = {
        "event": rules.REGISTER, "registration": reg_id, "atena_no": person.atena_no, "name": person.name,
        "registration_no": str(serial), "card_no": rules.card_number(serial, secrets.randbelow(1000)),
        "method": application.method.value, "identification": identification,
        "seal_text": application.seal_text.value, "impression": impression.to_json(), **_stamp(at)}
    if application.guarantor_atena:
        event["guarantor"] = application.guarantor_atena
    if application.proxy is not None:
        event["proxy"] = application.proxy.to_json()
    if answer_by is not None:
        event["answer_by"] = answer_by.isoformat()
    documents.put_new(conn, data_key, INKAN, event)
    return reg_id


def put_event(conn: Connection, data_key: bytes, at: kofu.Counter, event: str, registration: str,
              **items: str) -> None:
    """Store a 回答, 廃止 or 亡失 of a registration (in the caller's transaction)."""
    documents.put_new(conn, data_key, INKAN, {"event": event, "registration": registration, **items, **_stamp(at)})


def abolish_removed(conn: Connection, data_key: bytes, idou: Idou, idou_id: str, staff: str, terminal: str,
                    now: dt.datetime) -> list[str]:
    """Abolish, in the 異動's own transaction, the registrations of the persons it removes (転出 at its 転出予定日,
    死亡, 職権消除); returns their 宛名番号. Nothing is read when the 異動 removes nobody."""
    removed = {c.row.atena_no: (rules.REMOVAL_REASONS[c.row.removal.reason], c.row.removal.date.iso)
               for c in idou.rows if not c.row.is_resident and c.row.removal is not None
               and c.row.removal.reason in rules.REMOVAL_REASONS}
    if not removed:
        return []
    events = [d.body for d in documents.iter_class(conn, INKAN)]
    void = cancelled(conn, events)
    ended = {e["registration"] for e in events if e["event"] in (ABOLISH, rules.LOST) and not rules.voided(e, void)}
    done = []
    for r in rules.registrations(events, now.date(), void):
        if r.atena_no in removed and r.live and r.id not in ended:
            reason, day = removed[r.atena_no]
            documents.put_new(conn, data_key, INKAN, {
                "event": ABOLISH, "registration": r.id, "reason": reason.value,
                "effective_on": day, "idou": idou_id,
                "at": now.isoformat(timespec="milliseconds"), "staff": staff, "terminal": terminal})
            done.append(r.atena_no)
    return done


def name_changed(idou: Idou, found: list[Registration]) -> list[Registration]:
    """Of the registrations in force or waiting, those of persons whose 氏名 this 異動 made other than the one they
    registered under (the clerk is asked whether the seal still matches)."""
    names = {c.row.atena_no: c.row.name for c in idou.rows if c.row.is_resident}
    return [r for r in found if r.live and r.atena_no in names and names[r.atena_no] != r.name]


def record_issue(conn: Connection, data_key: bytes, at: kofu.Counter, request: InkanRequest, atena_no: str,
                 fee: int, fee_category: str, issue_number: str, digest: bytes, checked: Mapping[str, Any]) -> None:
    """The 交付 in the 交付履歴 (in the caller's transaction)."""
    documents.put_new(conn, data_key, kofu.KOFU, _history(
        at, request, [atena_no], Disposal.HANDED, fee=fee, issue_numbers=[issue_number], digests=[digest.hex()],
        refusal="", extra={"fee_category": fee_category, **checked}))


def record_refusal(conn: Connection, data_key: bytes, at: kofu.Counter, request: InkanRequest, atena_no: str,
                   reason: str, checked: Mapping[str, Any]) -> None:
    """A refused request (a wrong, stopped or abolished card; the disclosure check) in the 交付履歴: the 日計
    counts it as 拒否."""
    documents.put_new(conn, data_key, kofu.KOFU, _history(
        at, request, [atena_no] if atena_no else [], Disposal.REFUSED, fee=0, issue_numbers=[], digests=[],
        refusal=reason, extra=checked))


def _history(at: kofu.Counter, request: InkanRequest, persons: list[str], disposal: Disposal, *, fee: int,
             issue_numbers: list[str], digests: list[str], refusal: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    return {"at": at.now.isoformat(timespec="milliseconds"), "terminal": at.terminal, "staff": at.staff,
            "request": request.to_json(), "persons": persons, "items": [], "fee": fee,
            "issue_numbers": issue_numbers, "digests": digests, "disposal": disposal.value, "refusal": refusal,
            **extra}
