"""The 戸籍の附票 inside the replica (see `domain.fuhyo` for the rules).

Each 処理 on the 附票 is one immutable document of class `fuhyo` (when, by whom, on which terminal, from what: a
異動, a notice, a file, and its changes), replicated like every document. The tables `fuhyo_docs` (which documents
touch which 附票), `fuhyo_index` (本籍 and 筆頭者) and `fuhyo_members` (each person's name and 宛名番号) find a 附票;
they are derived from the documents, brought up to date by `refresh` with the documents stored since it last ran
(those made here and those that arrived: `fuhyo_indexed` holds how far it read), so emptied they are made again.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain import fuhyo as rules
from domain.fuhyo import Change, Fuhyo, Member
from domain.idou import Idou, RowChange
from domain.names import canonical
from domain.notices import in_town
from domain.records import HonsekiKind, Person, ResidentKind, Status
from domain.wareki import RegDate
from local_store import derived, documents
from local_store.context import Municipality, StoreContext
from local_store.database import Connection

FUHYO = "fuhyo"
MAX_FOUND = 100


def put(conn: Connection, data_key: bytes, body: dict[str, Any]) -> str:
    """Store one 処理 (in the caller's transaction) and index it; returns its document id."""
    doc = documents.put_new(conn, data_key, FUHYO, body)
    refresh(conn)
    return doc.id


def refresh(conn: Connection) -> None:
    """Index the 附票 documents stored since the last time (inside the caller's write transaction). A 附票 whose new
    documents all come after those it was folded from (the usual case) takes their changes on its folded state; one
    that a document made earlier reaches (it arrived late from another terminal) is folded again from all of them."""
    row = conn.execute("SELECT seq FROM fuhyo_indexed WHERE id = 1").fetchone()
    mark = row[0] if row else 0
    fresh: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    last = mark
    for seq, doc_id, blob in conn.execute(
            "SELECT d.seq, d.id, r.body FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
            "WHERE d.class = ? AND d.seq > ? AND NOT d.deleted ORDER BY d.seq", (FUHYO, mark)).fetchall():
        last = seq
        body = documents.unpack(blob)
        ids = {change["fuhyo"] for change in body["changes"]}
        conn.executemany("INSERT OR IGNORE INTO fuhyo_docs (doc_id, fuhyo_id) VALUES (?, ?)",
                         [(doc_id, i) for i in ids])
        for fuhyo_id in ids:
            fresh.setdefault(fuhyo_id, []).append((doc_id, body))
    if last == mark:
        return
    for fuhyo_id, docs in fresh.items():
        _reindex(conn, fuhyo_id, docs)
    conn.execute("INSERT OR REPLACE INTO fuhyo_indexed (id, seq) VALUES (1, ?)", (last,))


def stale(conn: Connection) -> bool:
    """Documents of the 附票 were stored since the tables were brought up to date."""
    row = conn.execute("SELECT seq FROM fuhyo_indexed WHERE id = 1").fetchone()
    return conn.execute("SELECT 1 FROM docs WHERE class = ? AND seq > ? LIMIT 1",
                        (FUHYO, row[0] if row else 0)).fetchone() is not None


def _order(doc_id: str, body: Mapping[str, Any]) -> str:
    """Where a document comes in the fold (`domain.fuhyo.fold`): its time, then its id."""
    return f"{body['at']}\n{doc_id}"


def _reindex(conn: Connection, fuhyo_id: str, docs: list[tuple[str, Mapping[str, Any]]]) -> None:
    """The 附票's rows again, with its new documents `docs`."""
    row = conn.execute("SELECT last, state FROM fuhyo_index WHERE fuhyo_id = ?", (fuhyo_id,)).fetchone()
    if row is not None and all(_order(d, b) > row[0] for d, b in docs):
        state = {fuhyo_id: rules.fuhyo_from_json(json.loads(row[1]))}
        for _, body in sorted(docs, key=lambda d: _order(*d)):
            for change in body["changes"]:
                rules.apply(state, change)
        found: Fuhyo | None = state[fuhyo_id]
        latest = max([row[0], *(_order(d, b) for d, b in docs)])
    else:
        every = _bodies(conn, fuhyo_id)
        found = rules.fold(every).get(fuhyo_id)
        latest = max((_order(d, b) for d, b in every), default="")
    conn.execute("DELETE FROM fuhyo_index WHERE fuhyo_id = ?", (fuhyo_id,))
    conn.execute("DELETE FROM fuhyo_members WHERE fuhyo_id = ?", (fuhyo_id,))
    if found is None:
        return  # its 開設 has not arrived
    closed = found.closed_on
    conn.execute("INSERT INTO fuhyo_index (fuhyo_id, honseki, honseki_key, head, head_key, closed_on, last, state) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (fuhyo_id, found.honseki, rules.place_key(found.honseki), found.head, canonical(found.head),
                  closed.iso if closed else "", latest, json.dumps(rules.fuhyo_json(found), ensure_ascii=False)))
    conn.executemany("INSERT INTO fuhyo_members (fuhyo_id, member, name_key, atena_no) VALUES (?, ?, ?, ?)",
                     [(fuhyo_id, m.key, canonical(m.name), m.atena_no) for m in found.members])


def _bodies(conn: Connection, fuhyo_id: str) -> list[tuple[str, Mapping[str, Any]]]:
    return [(r[0], documents.unpack(r[1])) for r in conn.execute(
        "SELECT d.id, r.body FROM fuhyo_docs f JOIN docs d ON d.id = f.doc_id "
        "JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev WHERE f.fuhyo_id = ? AND NOT d.deleted", (fuhyo_id,))]


def load(conn: Connection, fuhyo_id: str) -> Fuhyo | None:
    """One 附票 as its documents make it, folded (None when it is not here); the tables must be up to date."""
    row = conn.execute("SELECT state FROM fuhyo_index WHERE fuhyo_id = ?", (fuhyo_id,)).fetchone()
    return None if row is None else rules.fuhyo_from_json(json.loads(row[0]))


def load_many(conn: Connection, fuhyo_ids: Iterable[str]) -> list[Fuhyo]:
    return [found for fuhyo_id in dict.fromkeys(fuhyo_ids) if (found := load(conn, fuhyo_id)) is not None]


@dataclass(frozen=True, slots=True)
class Found:
    """A 附票 as a list shows it."""

    id: str
    honseki: str
    head: str
    closed_on: str  # ISO; "" while in use
    names: tuple[str, ...]
    atena_nos: tuple[str, ...]  # of its members who are (or were) residents here
    others: tuple[str, ...]  # its members who never were, as a 支援措置 names them (rules.member_target)


def find(conn: Connection, query: str, limit: int = MAX_FOUND) -> list[Found]:
    """The 附票 whose 本籍, 筆頭者 or any member's name holds `query` (as search compares them), by 本籍."""
    name, place = canonical(query), rules.place_key(query)
    if not name:
        return []
    ids = [r[0] for r in conn.execute(
        "SELECT fuhyo_id FROM fuhyo_index WHERE instr(honseki_key, ?) > 0 OR instr(head_key, ?) > 0 "
        "UNION SELECT fuhyo_id FROM fuhyo_members WHERE instr(name_key, ?) > 0 LIMIT ?",
        (place or name, name, name, limit))]
    return summaries(conn, ids)


def summaries(conn: Connection, fuhyo_ids: list[str]) -> list[Found]:
    found = []
    for fuhyo in load_many(conn, fuhyo_ids):
        closed = fuhyo.closed_on
        found.append(Found(fuhyo.id, fuhyo.honseki, fuhyo.head, closed.iso if closed else "",
                           tuple(m.name for m in fuhyo.members), tuple(m.atena_no for m in fuhyo.members if m.atena_no),
                           tuple(rules.member_target(fuhyo.id, m.key) for m in fuhyo.members if not m.atena_no)))
    return sorted(found, key=lambda f: (f.closed_on != "", rules.place_key(f.honseki), f.id))


def of_resident(conn: Connection, atena_no: str) -> list[str]:
    """The 附票 a resident (by 宛名番号) is recorded in."""
    return [r[0] for r in conn.execute("SELECT fuhyo_id FROM fuhyo_members WHERE atena_no = ? ORDER BY fuhyo_id",
                                       (atena_no,))]


def by_place(conn: Connection, place: str) -> list[str]:
    """The 附票 of a 本籍 (in use first)."""
    return [r[0] for r in conn.execute("SELECT fuhyo_id FROM fuhyo_index WHERE honseki_key = ? "
                                       "ORDER BY closed_on != '', fuhyo_id", (rules.place_key(place),))]


# --- kept up to date by the registry's own 異動 ------------------------------------------------------------------


def body(ctx: StoreContext, staff: str, source: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
    """A 附票 document: when, by whom, on which terminal, from what, and its changes."""
    return {"at": ctx.stamp(), "by": staff, "terminal": ctx.terminal, "source": source, "changes": changes}


def record_idou(conn: Connection, ctx: StoreContext, doc_id: str, idou: Idou, staff: str) -> None:
    """The 附票 of this town brought up to date by a 異動 of its residents, inside the 異動's transaction (法19条:
    the town is its own 本籍地, so no notice to itself): each 日本人 whose 本籍 is in this town is entered (her 附票
    opened when it is not here yet), with her new 住所 and the day it was set, a 国外転出, or her 消除 by 死亡."""
    town = ctx.municipality
    changed = [c for c in idou.rows if c.row.kind is ResidentKind.JAPANESE and c.row.honseki is not None
               and c.row.honseki.kind is HonsekiKind.RECORDED and _here(c.row.honseki.place, town)]
    if not changed:
        return
    refresh(conn)
    date = idou.idou_date
    changes: list[dict[str, Any]] = []
    opened: dict[tuple[str, str], Fuhyo] = {}
    for change in changed:
        row = change.row
        current = _fuhyo_of(conn, row, opened, changes, date)
        member = current.member(row.atena_no) or _same_person(current, row.name, row.birth)
        if member is None:
            member = Member(secrets.token_hex(6), row.name, row.birth, row.sex, atena_no=row.atena_no,
                            juminhyo_code=row.juminhyo_code)
            changes.append(enter(current.id, member, idou.reason, date))
        elif (member.atena_no, member.juminhyo_code, member.name) != (row.atena_no, row.juminhyo_code, row.name):
            changes.append({"change": Change.CORRECT.value, "fuhyo": current.id, "member": member.key,
                            "name": row.name, "atena_no": row.atena_no, "juminhyo_code": row.juminhyo_code,
                            "date": date.to_json()})
        changes += _residence_changes(current.id, member, row, _before(conn, change), date)
    if changes:
        put(conn, ctx.data_key, body(ctx, staff, f"異動 {doc_id}", changes))


def _here(place: str, town: Municipality) -> bool:
    """Whether a 本籍 is in this town: written with its 都道府県 and 市区町村 in full at once (a town's name ends with
    市, 町 or 村, so no other town's name goes on from it), or as `domain.notices.in_town` reads it."""
    return place.startswith(town.full_name) or (town.name in place
                                                 and in_town(place, town.full_name, town.prefecture))


def _before(conn: Connection, change: RowChange) -> Person | None:
    """The row a person's new row was based on (None for a new person)."""
    parent = documents.get(conn, change.parents[0]) if change.parents else None
    if parent is None or parent.deleted:
        return None
    return Person.from_json(derived.row_in(parent.body, change.row.atena_no))


def _fuhyo_of(conn: Connection, row: Person, opened: dict[tuple[str, str], Fuhyo], changes: list[dict[str, Any]],
              date: RegDate) -> Fuhyo:
    """The 附票 in use of a resident's 本籍 and 筆頭者, opened (a change added to `changes`) when there is none."""
    assert row.honseki is not None
    key = (rules.place_key(row.honseki.place), canonical(row.honseki.head))
    if key in opened:
        return opened[key]
    for found in load_many(conn, by_place(conn, row.honseki.place)):
        if found.closed_on is None and canonical(found.head) == key[1]:
            return found
    fuhyo_id = secrets.token_hex(16)
    changes.append({"change": Change.OPEN.value, "fuhyo": fuhyo_id, "honseki": row.honseki.place,
                    "head": row.honseki.head, "date": date.to_json()})
    opened[key] = Fuhyo(fuhyo_id, row.honseki.place, row.honseki.head, date)
    return opened[key]


def enter(fuhyo_id: str, member: Member, reason: str, date: RegDate) -> dict[str, Any]:
    """The change that enters a person in a 附票 (記載)."""
    change = {"change": Change.ENTER.value, "fuhyo": fuhyo_id, "member": member.key, "name": member.name,
              "birth": member.birth.to_json(), "sex": member.sex.value, "reason": reason, "date": date.to_json()}
    if member.atena_no:
        change["atena_no"] = member.atena_no
    if member.juminhyo_code:
        change["juminhyo_code"] = member.juminhyo_code
    return change


def _same_person(found: Fuhyo, name: str, birth: RegDate) -> Member | None:
    """The person of the 附票 with this 氏名 and 生年月日: a 戸籍 records a person once, so she is the one (linked to
    the resident's 宛名番号 by the change that follows)."""
    return next((m for m in found.members if m.removed is None and canonical(m.name) == canonical(name)
                 and m.birth == birth), None)


def _residence_changes(fuhyo_id: str, member: Member, row: Person, previous: Person | None,
                       date: RegDate) -> list[dict[str, Any]]:
    """What a resident's new row changes in her 附票 entry: a 住所 (記載, 転入, 転居), a 国外転出 (from its 転出予定日),
    or a 消除 by 死亡. A 国内転出 changes nothing here: the town she moves to sends the new 住所 (法19条)."""
    removal = row.removal
    if row.status is Status.DECEASED and removal is not None:
        return [] if member.removed is not None else [
            {"change": Change.REMOVE.value, "fuhyo": fuhyo_id, "member": member.key, "reason": "死亡",
             "date": removal.date.to_json()}]
    if removal is not None and removal.reason == "国外転出":
        return rules.address_changes(fuhyo_id, member, "", removal.date, abroad=True, date=date)
    if not row.is_resident:
        return []
    if previous is not None and previous.is_resident and previous.address.full() == row.address.full() \
            and member.addresses:
        return []
    since = row.address_since or row.resident_since
    return rules.address_changes(fuhyo_id, member, row.address.full(), since, abroad=False, date=date)
