"""Derived tables: where each person's history rows are, their current row's search keys, the 漢字 search index.

Everything here is computed from the 異動 documents alone, so `rebuild` gives the same tables as the sum of the
incremental updates, and can repair them after any mishap. The rows themselves stay in the documents: a person's
current row is read from the document at the tip of their history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from domain.history import RowRef, tips
from domain.kana import normalize_kana, split_name
from domain.kanji import search_text
from local_store.database import Connection
from local_store.documents import body_of

IDOU = "idou"

PERSON_COLUMNS = (
    "atena_no", "setai_no", "resident", "kind", "name", "name_kana", "kana_family", "kana_given", "kana_full",
    "name_key", "address_key", "birth", "birth_text", "sex", "relationship", "status", "address", "mynumber", "tips",
    "forked",
)
_INSERT_PERSON = (f"INSERT INTO persons ({', '.join(PERSON_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(PERSON_COLUMNS))})")
_UPDATE_PERSON = f"UPDATE persons SET {', '.join(c + ' = ?' for c in PERSON_COLUMNS)} WHERE id = ?"


def bigram_tokens(text: str) -> list[str]:
    """Overlapping bigrams of the search form of `text`, each as the hex of its UTF-8 bytes."""
    return _bigrams(search_text(text))


def _bigrams(folded: str) -> list[str]:
    """`bigram_tokens` of a text already in its search form."""
    chars = [ch for ch in folded if ch.isalnum()]
    if len(chars) == 1:
        return [chars[0].encode("utf-8").hex()]
    return [(a + b).encode("utf-8").hex() for a, b in zip(chars, chars[1:])]


def _names(row: Mapping[str, Any]) -> list[str]:
    """Every name a person may be searched by: 氏名, 旧氏 and 通称 (the alphabet name is indexed by words)."""
    foreign = row.get("foreign") or {}
    return [n for n in (row["name"], row.get("former_surname", ""), foreign.get("tsusho", "")) if n]


def _address_text(row: Mapping[str, Any]) -> str:
    address = row["address"]
    return address["text"] + address.get("katagaki", "")


def row_in(body: Mapping[str, Any], atena_no: str) -> dict[str, Any]:
    """The row of one person in a 異動 document's body."""
    return next(change["row"] for change in body["rows"] if change["row"]["atena_no"] == atena_no)


def _insert_rows(conn: Connection, doc_id: str, body: Mapping[str, Any]) -> list[str]:
    atenas = []
    for change in body["rows"]:
        atena = change["row"]["atena_no"]
        conn.execute(
            "INSERT OR IGNORE INTO person_rows (atena_no, doc_id, parents, processed_at, reason) VALUES (?, ?, ?, ?, ?)",
            (atena, doc_id, json.dumps(change["parents"]), body["processed_at"], body["reason"]),
        )
        atenas.append(atena)
    return atenas


def index_idou(conn: Connection, doc_id: str, body: Mapping[str, Any]) -> list[str]:
    """Add the rows of one 異動 document and refresh the persons it touches; return their 宛名番号."""
    touched = _insert_rows(conn, doc_id, body)
    for atena in touched:
        refresh_person(conn, atena, {doc_id: body})
    return touched


def refresh_person(conn: Connection, atena_no: str, known: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Recompute one person's current row: the newest tip of their rows; two or more tips flag a fork."""
    refs = [RowRef(r[0], tuple(json.loads(r[1])), r[2]) for r in conn.execute(
        "SELECT doc_id, parents, processed_at FROM person_rows WHERE atena_no = ?", (atena_no,))]
    heads = [ref.doc_id for ref in tips(refs)]
    body = (known or {}).get(heads[0]) or body_of(conn, heads[0])
    _write_person(conn, row_in(body, atena_no), heads)


def _write_person(conn: Connection, row: Mapping[str, Any], tip_ids: list[str]) -> None:
    family, given = split_name(row["name_kana"])
    kana_family, kana_given = normalize_kana(family), normalize_kana(given)
    address = row["address"]
    birth = row["birth"] if isinstance(row["birth"], dict) else {"iso": row["birth"], "text": ""}
    # Search forms, each made once: for the exact-substring keys and for the bigrams of the FTS index.
    names = [search_text(n) for n in _names(row)]
    alphabet = (row.get("foreign") or {}).get("alphabet_name", "")
    name_key = "|".join([n.lower() for n in names] + ([search_text(alphabet).lower()] if alphabet else []))
    address_key = search_text(_address_text(row))
    values = (
        row["atena_no"], row["setai_no"], int(row["status"] == "住民"), row["kind"], row["name"], row["name_kana"],
        kana_family, kana_given, normalize_kana(row["name_kana"]), name_key, address_key,
        birth["iso"], birth.get("text") or "", row["sex"], row["relationship"], row["status"],
        address["text"] + ("　" + address["katagaki"] if address.get("katagaki") else ""), row.get("mynumber", ""),
        json.dumps(tip_ids), int(len(tip_ids) > 1),
    )
    existing = conn.execute("SELECT id FROM persons WHERE atena_no = ?", (row["atena_no"],)).fetchone()
    if existing is None:
        person_id = conn.execute(_INSERT_PERSON, values).lastrowid
    else:
        person_id = existing[0]
        conn.execute(_UPDATE_PERSON, (*values, person_id))
        conn.execute("DELETE FROM person_fts WHERE rowid = ?", (person_id,))
    name_tokens = [t for n in names for t in _bigrams(n)]
    name_tokens += [w.encode("utf-8").hex() for w in alphabet.lower().split()]
    conn.execute("INSERT INTO person_fts (rowid, name, address) VALUES (?, ?, ?)",
                 (person_id, " ".join(name_tokens), " ".join(_bigrams(address_key))))


def current_row(conn: Connection, atena_no: str) -> tuple[dict[str, Any], list[str]] | None:
    """A person's current row and the documents at the tip of their history (two or more: a fork)."""
    found = conn.execute("SELECT tips FROM persons WHERE atena_no = ?", (atena_no,)).fetchone()
    if found is None:
        return None
    tip_ids: list[str] = json.loads(found[0])
    return row_in(body_of(conn, tip_ids[0]), atena_no), tip_ids


def rebuild(conn: Connection, idou_docs: Iterable[tuple[str, Mapping[str, Any]]]) -> int:
    """Empty the derived tables and fill them again from the documents (inside the caller's transaction)."""
    conn.execute("DELETE FROM person_rows")
    conn.execute("DELETE FROM persons")
    conn.execute("DELETE FROM person_fts")
    touched: set[str] = set()
    for doc_id, body in idou_docs:
        touched.update(_insert_rows(conn, doc_id, body))
    for atena in sorted(touched):
        refresh_person(conn, atena)
    return len(touched)


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables' contents, independent of row ids: for checking that a rebuild changes nothing."""
    return {
        "person_rows": conn.execute("SELECT * FROM person_rows ORDER BY atena_no, doc_id").fetchall(),
        "persons": conn.execute(f"SELECT {', '.join(PERSON_COLUMNS)} FROM persons ORDER BY atena_no").fetchall(),
        # A contentless index cannot give its text back; the searches in the tests check what it finds.
        "fts": conn.execute("SELECT count(*) FROM person_fts").fetchall(),
    }
