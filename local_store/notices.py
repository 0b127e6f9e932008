"""Notices in the replica (see `domain.notices` for the rules and docs/notices.md for the file format).

The outbox is derived from the 異動 documents, so every terminal and a rebuilt replica owe the same notices; what
has been sent is a create-only document of class `notice_sent` per export (ids, who, when, the file), replicated
like the others, so another terminal does not send them again. `Outbox` folds both into memory, reading only the
documents stored since it last looked.

Notices are owed by the 異動 processed since the outbox began on this terminal (`notices_from` in the meta table:
when the replica was made or joined, or upgraded to a version with notices), so that years of history recorded
before are not sent again; older 異動 are listed on the terminals that recorded them after their outbox began.

Incoming notices are documents of class `notice_in` (the notice as received, who took it in, when, from which
file); what staff decided about one is a create-only document of class `notice_done` (処理済 with the 異動 recorded,
or 却下 with the reason). Both replicate; the inbox is folded from them when read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from domain import fuhyo as fuhyo_rules
from domain import notices as rules
from domain.errors import ValidationError
from domain.idou import Idou, RowChange
from domain.names import canonical
from domain.records import Person
from domain.roles import Permission
from local_store import derived, documents, fuhyo
from local_store.database import Connection

IDOU, SENT, INBOX, DECISION = derived.IDOU, "notice_sent", "notice_in", "notice_done"
DONE, REJECTED, WAITING = "処理済", "却下", "受付"


def _after(conn: Connection, doc_class: str, seq: int) -> Iterator[tuple[int, documents.Document]]:
    """The current documents of a class stored after a local change sequence, in that order."""
    for r in conn.execute(
        "SELECT d.seq, d.id, d.rev, r.body, d.deleted FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
        "WHERE d.class = ? AND d.seq > ? ORDER BY d.seq", (doc_class, seq)):
        yield r[0], documents.Document(r[1], r[2], doc_class, documents.unpack(r[3]), bool(r[4]))


NOTICES_FROM = "notices_from"


def outbox_began(conn: Connection) -> dt.datetime:
    """When this terminal's outbox began: 異動 processed before owe no notices here."""
    found = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, 'created_at')", (NOTICES_FROM,)))
    return dt.datetime.fromisoformat(found.get(NOTICES_FROM) or found["created_at"])


def begin_outbox(conn: Connection, at: dt.datetime) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (NOTICES_FROM, at.isoformat()))


@dataclass(frozen=True, slots=True)
class Sent:
    by: str
    at: str
    file: str


class Outbox:
    """Every notice the 異動 of this replica owe, and which were sent, kept up to date by `refresh`."""

    def __init__(self) -> None:
        self._idou_seq = 0
        self._sent_seq = 0
        self._by_doc: dict[str, list[dict[str, Any]]] = {}
        self._sent: dict[str, Sent] = {}

    def refresh(self, conn: Connection, sender: str, prefecture: str) -> None:
        began = outbox_began(conn)
        for seq, doc in _after(conn, IDOU, self._idou_seq):
            self._idou_seq = seq
            self._by_doc.pop(doc.id, None)  # re-stored (a purge): owed no more, or owed as now held
            if not doc.deleted and dt.datetime.fromisoformat(doc.body["processed_at"]) >= began:
                self._by_doc[doc.id] = rules.owed(doc.id, Idou.from_json(doc.body), _before(conn), sender, prefecture)
        for seq, doc in _after(conn, SENT, self._sent_seq):
            self._sent_seq = seq
            for notice_id in doc.body["ids"]:
                mark = Sent(doc.body["by"], doc.body["at"], doc.body["file"])
                if notice_id not in self._sent or mark.at < self._sent[notice_id].at:  # the first sending stays
                    self._sent[notice_id] = mark

    def notices(self, kind: rules.Outgoing | None = None, *, pending: bool = True
                ) -> list[tuple[dict[str, Any], Sent | None]]:
        """The notices (of one kind), oldest 異動 first, each with its sending (None: not sent yet)."""
        found = []
        for owed in self._by_doc.values():
            for notice in owed:
                sent = self._sent.get(notice["id"])
                if (kind is None or notice["kind"] == kind.value) and not (pending and sent):
                    found.append((notice, sent))
        found.sort(key=lambda item: item[0]["idou"]["processed_at"])
        return found


def _before(conn: Connection) -> Any:
    def row(change: RowChange) -> Person | None:
        if not change.parents:
            return None
        parent = documents.get(conn, change.parents[0])
        if parent is None or parent.deleted:
            return None
        return Person.from_json(derived.row_in(parent.body, change.row.atena_no))

    return row


def put_sent(conn: Connection, data_key: bytes, mark: dict[str, Any]) -> None:
    documents.put_new(conn, data_key, SENT, mark)


# --- the inbox ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Received:
    """An incoming notice in the inbox, and what staff decided about it."""

    id: str  # the document id of the received notice
    notice: dict[str, Any]
    file: str
    received_on: str  # ISO date: the day it was taken in
    by: str
    at: str
    state: str = WAITING  # 受付, 処理済 or 却下
    decided_by: str = ""
    decided_at: str = ""
    idou_doc: str = ""  # 処理済: the 異動 recorded
    reason: str = ""  # 却下: why
    concurrent: bool = False  # two decisions made apart (two terminals offline): the first holds, shown to review


def inbox(conn: Connection) -> list[Received]:
    """Every received notice, oldest first, with the first decision made about it."""
    decisions: dict[str, list[dict[str, Any]]] = {}
    for doc in documents.iter_class(conn, DECISION):
        decisions.setdefault(doc.body["notice"], []).append(doc.body)
    found = []
    for doc in documents.iter_class(conn, INBOX):
        body = doc.body
        item = Received(doc.id, body["notice"], body["file"], body["received_on"], body["by"], body["at"])
        made = sorted(decisions.get(doc.id, []), key=lambda d: d["at"])
        if made:
            first = made[0]
            item = Received(item.id, item.notice, item.file, item.received_on, item.by, item.at, first["state"],
                            first["by"], first["at"], first.get("idou_doc", ""), first.get("reason", ""),
                            len(made) > 1)
        found.append(item)
    found.sort(key=lambda r: r.at)
    return found


def received_keys(conn: Connection) -> set[str]:
    return {rules.key_of(d.body["notice"]) for d in documents.iter_class(conn, INBOX)}


def put_received(conn: Connection, data_key: bytes, body: dict[str, Any]) -> str:
    return documents.put_new(conn, data_key, INBOX, body).id


def put_decision(conn: Connection, data_key: bytes, body: dict[str, Any]) -> None:
    documents.put_new(conn, data_key, DECISION, body)


def recorded_persons(conn: Connection, idou_doc: str) -> list[str]:
    """The persons a recorded 異動 changed, as a 支援措置 names them: 宛名番号, or for a notice recorded in the 戸籍の附票
    (local_store.fuhyo) its members' `fuhyo_rules.protection_targets` (none when it is gone: purged). The 附票 tables
    must be up to date."""
    doc = documents.get(conn, idou_doc)
    if doc is None or doc.deleted:
        return []
    if doc.doc_class == IDOU:
        return [c["row"]["atena_no"] for c in doc.body["rows"]]
    found: set[str] = set()
    for change in doc.body["changes"]:
        if "member" in change:
            held = fuhyo.load(conn, change["fuhyo"])
            member = held.member(change["member"]) if held is not None else None
            found.add(change.get("atena_no") or (member.atena_no if member is not None else "")
                      or fuhyo_rules.member_target(change["fuhyo"], change["member"]))
    return sorted(found)


def fuhyo_targets(conn: Connection, notice: dict[str, Any]) -> list[str]:
    """The persons of the 附票 here an incoming 附票 notice is about, as a 支援措置 names them
    (`fuhyo_rules.protection_targets`: by 本籍, 筆頭者, 氏名 and 生年月日). The 附票 tables must be up to date."""
    person = notice.get("person")
    if not isinstance(person, dict) or not all(isinstance(person.get(k), str) for k in
                                               ("honseki", "honseki_head", "name", "birth")):
        return []
    found = []
    for f in fuhyo.load_many(conn, fuhyo.by_place(conn, person["honseki"])):
        if canonical(f.head) == canonical(person["honseki_head"]):
            found += fuhyo_rules.protection_targets(f.id, [m for m in f.members if canonical(m.name) == canonical(
                person["name"]) and m.birth.iso == person["birth"]])
    return found


def about(conn: Connection, received: Received) -> list[str]:
    """The persons a received notice is about, as a 支援措置 names them, for the disclosure check: for a 附票 notice
    the persons of the 附票 it recorded and those it matches now (a change of name recorded matches no more); for
    another, the residents its 異動 recorded, or the one it matches now (none when it matches nobody). The 附票
    tables must be up to date."""
    recorded = recorded_persons(conn, received.idou_doc) if received.idou_doc else []
    if received.notice["kind"] in rules.FUHYO_KINDS:
        return recorded + fuhyo_targets(conn, received.notice)
    if received.idou_doc:
        return recorded
    try:
        return [rules.match(received.notice, born_on(conn, rules.born_on(received.notice))).atena_no]
    except rules.Unmatched:
        return []


def born_on(conn: Connection, iso: str) -> list[Person]:
    """The current rows of everyone (residents and 除票) born on a day."""
    found = []
    for (atena_no,) in conn.execute("SELECT atena_no FROM persons WHERE birth = ? ORDER BY atena_no", (iso,)):
        row = derived.current_row(conn, atena_no)
        if row is not None:
            found.append(Person.from_json(row[0]))
    return found


# --- arrivals ----------------------------------------------------------------------------------------------------------

CLASSES = (SENT, INBOX, DECISION)
_TEXTS = {SENT: ("by", "approver", "at", "file", "terminal"), INBOX: ("file", "received_on", "by", "at", "terminal"),
          DECISION: ("notice", "state", "by", "at", "terminal")}


def arrival_problem(doc_class: str, body: Any, staff_may: Callable[[str, Permission], bool]) -> str | None:
    """Why a notice document that arrived must not be accepted, in plain words; None when it passes: well formed, and
    written by someone who may (a sending approved by a 管理者; receiving and deciding by those who record 異動)."""
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in _TEXTS[doc_class]):
        return f"a malformed {doc_class} document"
    if doc_class == SENT:
        if not isinstance(body.get("ids"), list) or not all(isinstance(i, str) for i in body["ids"]):
            return "a 送付済 mark without a list of notice ids"
        return None if staff_may(body["approver"], Permission.CARRY_OUT) else (
            f"notices sent with the approval of {body['approver']!r}, who may not approve a carry-out")
    if doc_class == INBOX:
        try:
            rules.check_notice(body.get("notice"))
        except ValidationError as exc:
            return f"a received notice that is not well formed: {exc.item}: {exc.message}"
    elif body["state"] not in (DONE, REJECTED) or not isinstance(
            body.get("idou_doc" if body["state"] == DONE else "reason"), str):
        return "a malformed decision on a notice"
    return None if staff_may(body["by"], Permission.APPLY_IDOU) else f"{doc_class} by {body['by']!r}, who may not"
