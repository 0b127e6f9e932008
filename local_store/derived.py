"""Derived tables: where each person's history rows are, their current row's search keys, the 漢字 search index.

Everything here is computed from the 異動 documents alone, so `rebuild` gives the same tables as the sum of the
incremental updates, and can repair them after any mishap. The rows themselves stay in the documents: a person's
current row is read from the document at the tip of their history. Every search key (フリガナ, 氏名, and the bigrams
of the FTS index) is in the canonical form of domain.names, as are the queries that look them up; the 住所 (with its
方書) in the form of domain.address_key, which adds to it that 漢数字 and 算用数字 are one and that 丁目, 番地, 号 and a
hyphen between two numbers are one boundary (寿一丁目二番地の三 = 寿1-2-3).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from domain.address_key import address_key
from domain.history import RowRef, tips
from domain.idou import MOVE_OUT
from domain.kana import split_name
from domain.names import canonical
from local_store.database import Connection
from local_store.documents import body_of

IDOU = "idou"
REFRESH_CHUNK = 1000  # persons refreshed together by `rebuild`
DUPLICATE = "#"  # in a person's key: "宛名番号#2" is the second person recorded under one 宛名番号 (番号重複)

PERSON_COLUMNS = (
    "atena_no", "setai_no", "resident", "kind", "name", "name_kana", "kana_family", "kana_given", "kana_full",
    "name_key", "address_key", "birth", "birth_text", "sex", "relationship", "status", "address", "mynumber", "tips",
    "forked", "leaves_on", "juminhyo_code",
)
_INSERT_PERSON = (f"INSERT INTO persons ({', '.join(PERSON_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(PERSON_COLUMNS))})")
_UPDATE_PERSON = f"UPDATE persons SET {', '.join(c + ' = ?' for c in PERSON_COLUMNS)} WHERE id = ?"


def key_bigrams(key: str) -> list[str]:
    """Overlapping bigrams of the letters and digits of a search key (`canonical`, `address_key`), each as the hex of
    its UTF-8 bytes."""
    hexes = [ch.encode("utf-8").hex() for ch in key if ch.isalnum()]
    if len(hexes) == 1:
        return hexes
    return [a + b for a, b in itertools.pairwise(hexes)]  # the hex of a bigram is the hex of its two letters


def _names(row: Mapping[str, Any]) -> list[str]:
    """Every name a person may be searched by: 氏名, 旧氏 and 通称 (the alphabet name is indexed by words)."""
    foreign = row.get("foreign") or {}
    return [n for n in (row["name"], row.get("former_surname", ""), foreign.get("tsusho", "")) if n]


def _address_text(row: Mapping[str, Any]) -> str:
    address = row["address"]
    return address["text"] + address.get("katagaki", "")


def row_in(body: Mapping[str, Any], atena_no: str) -> dict[str, Any]:
    """The row of one person (by 宛名番号, or by their key in the persons table) in a 異動 document's body."""
    number = number_of(atena_no)
    return next(change["row"] for change in body["rows"] if change["row"]["atena_no"] == number)


def number_of(key: str) -> str:
    """The 宛名番号 of a person's key in the persons table (the key is the 宛名番号 but for a 番号重複)."""
    return key.partition(DUPLICATE)[0]


def people_under(atena_no: str, refs: Sequence[RowRef]) -> list[tuple[str, list[RowRef]]]:
    """The persons whose rows are under one 宛名番号, each with their key and rows. One, unless two or more 異動
    created a person under it (a 番号重複, from a terminal that handed the number out twice): then each creation
    and the rows that descend from it are a person of their own, never one person's fork; the earliest created
    keeps the 宛名番号 as key, the next are "宛名番号#2", "#3"… Rows whose ancestry has not arrived stay with the first."""
    creations = sorted((r for r in refs if not r.parents), key=lambda r: (r.processed_at, r.doc_id))
    if len(creations) < 2:
        return [(atena_no, list(refs))]
    line: dict[str, str] = {}  # a document's link towards the creation it descends from

    def origin(doc_id: str) -> str:
        while line.setdefault(doc_id, doc_id) != doc_id:
            doc_id = line[doc_id]
        return doc_id

    for ref in refs:
        for parent in ref.parents:
            line[origin(ref.doc_id)] = origin(parent)
    firsts = list(dict.fromkeys(origin(c.doc_id) for c in creations))
    people: dict[str, list[RowRef]] = {first: [] for first in firsts}
    for ref in refs:
        people.get(origin(ref.doc_id), people[firsts[0]]).append(ref)
    return [(atena_no if n == 0 else f"{atena_no}{DUPLICATE}{n + 1}", people[first]) for n, first in enumerate(firsts)]


def _rows_of(docs: Iterable[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, str, str, str, str]]:
    """The `person_rows` of 異動 documents, in order."""
    return [(change["row"]["atena_no"], doc_id, json.dumps(change["parents"]), body["processed_at"], body["reason"])
            for doc_id, body in docs for change in body["rows"]]


def _insert_rows(conn: Connection, docs: Iterable[tuple[str, Mapping[str, Any]]]) -> list[str]:
    """Add the rows of 異動 documents; return the 宛名番号 they touch, each once, in order."""
    rows = _rows_of(docs)
    conn.executemany(
        "INSERT OR IGNORE INTO person_rows (atena_no, doc_id, parents, processed_at, reason) VALUES (?, ?, ?, ?, ?)",
        rows)
    return list(dict.fromkeys(row[0] for row in rows))


def index_idou(conn: Connection, doc_id: str, body: Mapping[str, Any]) -> list[str]:
    """Add the rows of one 異動 document and refresh the persons it touches; return their 宛名番号."""
    return index_idous(conn, [(doc_id, body)])


def index_idous(conn: Connection, docs: Sequence[tuple[str, Mapping[str, Any]]]) -> list[str]:
    """Add the rows of several 異動 documents, then refresh each person they touch once; return their 宛名番号."""
    touched = _insert_rows(conn, docs)
    refresh_persons(conn, touched, dict(docs))
    return touched


def refresh_person(conn: Connection, atena_no: str, known: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Recompute one person's current row: the newest tip of their rows; two or more tips flag a fork."""
    refresh_persons(conn, [atena_no], known)


def refresh_persons(conn: Connection, atenas: Sequence[str], known: Mapping[str, Mapping[str, Any]] | None = None
                    ) -> None:
    """`refresh_person` for several persons, each once, with a few statements for all of them (`known`: bodies
    of documents at hand, by id, so they are not read again)."""
    if not atenas:
        return
    atenas = list(dict.fromkeys(number_of(a) for a in atenas))
    refs: dict[str, list[RowRef]] = {atena: [] for atena in atenas}
    for atena, doc_id, parents, processed_at in conn.execute(
            "SELECT atena_no, doc_id, parents, processed_at FROM person_rows "
            "WHERE atena_no IN (SELECT value FROM json_each(?))", (json.dumps(atenas),)):
        refs[atena].append(RowRef(doc_id, tuple(json.loads(parents)), processed_at))
    people = []
    for atena in atenas:
        for key, rows in people_under(atena, refs[atena]):
            heads = [ref.doc_id for ref in tips(rows)]
            body = (known or {}).get(heads[0]) or body_of(conn, heads[0])
            person = _person(row_in(body, atena), heads)
            people.append(person if key == atena else replace(person, atena_no=key, values=(key, *person.values[1:])))
    _drop_gone_duplicates(conn, atenas, {p.atena_no for p in people})
    _write_persons(conn, people)


def _drop_gone_duplicates(conn: Connection, atenas: Sequence[str], keys: set[str]) -> None:
    """Remove the persons rows of a 番号重複 that is no more (its documents purged)."""
    gone = [(key, pid) for key, pid in conn.execute(  # the keys "宛名番号#…" sort between "宛名番号#" and "宛名番号$"
        "SELECT p.atena_no, p.id FROM json_each(?) j JOIN persons p ON p.atena_no > j.value || '#' "
        "AND p.atena_no < j.value || '$'", (json.dumps(list(atenas)),)) if key not in keys]
    conn.executemany("DELETE FROM person_fts WHERE rowid = ?", [(pid,) for _, pid in gone])
    conn.executemany("DELETE FROM persons WHERE id = ?", [(pid,) for _, pid in gone])


@dataclass(frozen=True, slots=True)
class _Person:
    atena_no: str
    values: tuple[Any, ...]  # PERSON_COLUMNS
    fts_name: str
    fts_address: str


def _person(row: Mapping[str, Any], tip_ids: list[str]) -> _Person:
    """A person's `persons` row and search index entry, from their current row and the documents at their tips."""
    family, given = split_name(row["name_kana"])
    kana_family, kana_given = canonical(family), canonical(given)
    address = row["address"]
    birth = row["birth"] if isinstance(row["birth"], dict) else {"iso": row["birth"], "text": ""}
    # Keys, each made once: for the exact-substring checks and for the bigrams of the FTS index.
    names = [canonical(n) for n in _names(row)]
    alphabet = (row.get("foreign") or {}).get("alphabet_name", "")
    name_key = "|".join(names + ([canonical(alphabet)] if alphabet else []))
    address_at = address_key(_address_text(row))
    values = (
        row["atena_no"], row["setai_no"], int(row["status"] == "住民"), row["kind"], row["name"], row["name_kana"],
        kana_family, kana_given, canonical(row["name_kana"]), name_key, address_at,
        birth["iso"], birth.get("text") or "", row["sex"], row["relationship"], row["status"],
        address["text"] + ("　" + address["katagaki"] if address.get("katagaki") else ""), row.get("mynumber", ""),
        json.dumps(tip_ids), int(len(tip_ids) > 1), leaves_on(row), row.get("juminhyo_code", ""),
    )
    name_tokens = [t for n in names for t in key_bigrams(n)]
    name_tokens += [w.encode("utf-8").hex() for w in alphabet.lower().split()]
    return _Person(row["atena_no"], values, " ".join(name_tokens), " ".join(key_bigrams(address_at)))


def leaves_on(row: Mapping[str, Any]) -> str:
    """The 転出予定日 of a person who filed a 転出届: until that day they still live here."""
    removal = row.get("removal")
    if row["status"] != "転出" or not removal or removal["reason"] not in MOVE_OUT:
        return ""
    date = removal["date"]
    return str(date["iso"] if isinstance(date, dict) else date)


def _write_persons(conn: Connection, people: Sequence[_Person]) -> None:
    """Insert or update the `persons` rows and replace their search index entries."""
    existing = _person_ids(conn, [p.atena_no for p in people])
    conn.executemany(_UPDATE_PERSON, [(*p.values, existing[p.atena_no]) for p in people if p.atena_no in existing])
    conn.executemany("DELETE FROM person_fts WHERE rowid = ?",
                     [(existing[p.atena_no],) for p in people if p.atena_no in existing])
    fresh = [p for p in people if p.atena_no not in existing]
    conn.executemany(_INSERT_PERSON, [p.values for p in fresh])
    ids = {**existing, **_person_ids(conn, [p.atena_no for p in fresh])}
    conn.executemany("INSERT INTO person_fts (rowid, name, address) VALUES (?, ?, ?)",
                     [(ids[p.atena_no], p.fts_name, p.fts_address) for p in people])


def _person_ids(conn: Connection, atenas: list[str]) -> dict[str, int]:
    if not atenas:
        return {}
    return dict(conn.execute("SELECT atena_no, id FROM persons WHERE atena_no IN (SELECT value FROM json_each(?))",
                             (json.dumps(atenas),)).fetchall())


def current_row(conn: Connection, atena_no: str) -> tuple[dict[str, Any], list[str]] | None:
    """A person's current row and the documents at the tip of their history (two or more: a fork)."""
    found = conn.execute("SELECT tips FROM persons WHERE atena_no = ?", (atena_no,)).fetchone()
    if found is None:
        return None
    tip_ids: list[str] = json.loads(found[0])
    return row_in(body_of(conn, tip_ids[0]), atena_no), tip_ids


def residents_of(conn: Connection, setai_no: str) -> list[str]:
    """宛名番号 of the household's 住民, in number order."""
    return [r[0] for r in conn.execute(
        "SELECT atena_no FROM persons WHERE setai_no = ? AND resident = 1 ORDER BY atena_no", (setai_no,))]


def living_here(conn: Connection, setai_no: str, today: str) -> list[str]:
    """宛名番号 of the members a screen shows: the 住民, and those whose 転出予定日 has not come."""
    return [r[0] for r in conn.execute(
        "SELECT atena_no FROM persons WHERE setai_no = ? AND (resident = 1 OR leaves_on > ?) ORDER BY atena_no",
        (setai_no, today))]


def history_rows(conn: Connection, atena_no: str) -> list[tuple[str, list[str], str, str]]:
    """A person's rows (by 宛名番号, or by their key in the persons table): (document, parent documents, 処理日時,
    異動事由) of each 異動 that wrote one."""
    rows = [(r[0], json.loads(r[1]), r[2], r[3]) for r in conn.execute(
        "SELECT doc_id, parents, processed_at, reason FROM person_rows WHERE atena_no = ?", (number_of(atena_no),))]
    people = dict(people_under(number_of(atena_no), [RowRef(d, tuple(p), at) for d, p, at, _ in rows]))
    theirs = {ref.doc_id for ref in people.get(atena_no, [])}
    return [row for row in rows if row[0] in theirs]


def numbered_twice(conn: Connection) -> list[tuple[str, str, str, str]]:
    """(key, 氏名, 生年月日, 状態) of the persons recorded under a 宛名番号 that another person has too (番号重複),
    by key."""
    return [tuple(r) for r in conn.execute(
        "SELECT atena_no, name, CASE WHEN birth_text != '' THEN birth_text ELSE birth END, status FROM persons "
        "WHERE atena_no LIKE ? OR atena_no IN (SELECT substr(atena_no, 1, instr(atena_no, ?) - 1) FROM persons "
        "WHERE atena_no LIKE ?) ORDER BY atena_no", ("%" + DUPLICATE + "%", DUPLICATE, "%" + DUPLICATE + "%"))]


def counts(conn: Connection) -> dict[str, int]:
    resident, removed, households, forked = conn.execute(
        "SELECT sum(resident), sum(1 - resident), count(DISTINCT CASE WHEN resident THEN setai_no END), "
        "sum(forked) FROM persons").fetchone()
    return {"residents": resident or 0, "removed": removed or 0, "households": households or 0,
            "forked": forked or 0}


def forked(conn: Connection) -> list[tuple[str, str, list[str]]]:
    """(宛名番号, 氏名, tips) of persons with two or more concurrent 異動."""
    return [(r[0], r[1], json.loads(r[2])) for r in conn.execute(
        "SELECT atena_no, name, tips FROM persons WHERE forked = 1 ORDER BY atena_no")]


def living_alone(conn: Connection) -> list[str]:
    """宛名番号 of residents who live alone, in number order."""
    return [r[0] for r in conn.execute(
        "SELECT min(atena_no) FROM persons WHERE resident = 1 GROUP BY setai_no HAVING count(*) = 1 ORDER BY 1")]


def without_mynumber(conn: Connection) -> list[int]:
    """Row ids of current residents whose 個人番号 is not yet known (付番待ち), by フリガナ."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM persons WHERE resident = 1 AND mynumber = '' ORDER BY kana_full, atena_no")]


def rebuild(conn: Connection, idou_docs: Iterable[tuple[str, Mapping[str, Any]]]) -> int:
    """Empty the derived tables and fill them again from the documents (inside the caller's transaction)."""
    conn.execute("DELETE FROM person_rows")
    conn.execute("DELETE FROM persons")
    conn.execute("DELETE FROM person_fts")
    touched: set[str] = set()
    for doc_id, body in idou_docs:
        touched.update(_insert_rows(conn, [(doc_id, body)]))
    ordered = sorted(touched)
    for start in range(0, len(ordered), REFRESH_CHUNK):
        refresh_persons(conn, ordered[start:start + REFRESH_CHUNK])
    return len(touched)


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables' contents, independent of row ids: for checking that a rebuild changes nothing."""
    return {
        "person_rows": conn.execute("SELECT * FROM person_rows ORDER BY atena_no, doc_id").fetchall(),
        "persons": conn.execute(f"SELECT {', '.join(PERSON_COLUMNS)} FROM persons ORDER BY atena_no").fetchall(),
        # A contentless index cannot give its text back; the searches in the tests check what it finds.
        "fts": conn.execute("SELECT count(*) FROM person_fts").fetchall(),
    }
