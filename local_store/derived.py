"""Derived tables: each person's history rows, their current row with search keys, and the 漢字 search index.

Everything here is computed from the 異動 documents alone, so `rebuild` gives the same tables as the sum of the
incremental updates, and can repair them after any mishap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from domain.history import RowRef, tips
from domain.kana import normalize_kana, split_name
from domain.kanji import search_text
from local_store.database import Connection

IDOU = "idou"


def bigram_tokens(text: str) -> list[str]:
    """Overlapping bigrams of the search form of `text`, each as the hex of its UTF-8 bytes."""
    chars = [ch for ch in search_text(text) if ch.isalnum()]
    if len(chars) == 1:
        return [chars[0].encode("utf-8").hex()]
    return [(a + b).encode("utf-8").hex() for a, b in zip(chars, chars[1:])]


def name_key(row: dict[str, Any]) -> str:
    """Every name a person may be searched by, in search form: 氏名, 旧氏, 通称 and the alphabet name."""
    names = [row["name"], row.get("former_surname", "")]
    foreign = row.get("foreign") or {}
    names += [foreign.get("tsusho", ""), foreign.get("alphabet_name", "")]
    return "|".join(search_text(n).lower() for n in names if n)


def address_key(row: dict[str, Any]) -> str:
    address = row["address"]
    return search_text(address["text"] + address.get("katagaki", ""))


def _insert_rows(conn: Connection, doc_id: str, body: dict[str, Any]) -> list[str]:
    atenas = []
    for change in body["rows"]:
        row = change["row"]
        conn.execute(
            "INSERT OR IGNORE INTO person_rows (atena_no, doc_id, parents, processed_at, reason, row) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (row["atena_no"], doc_id, json.dumps(change["parents"]), body["processed_at"], body["reason"],
             json.dumps(row, ensure_ascii=False)),
        )
        atenas.append(row["atena_no"])
    return atenas


def index_idou(conn: Connection, doc_id: str, body: dict[str, Any]) -> list[str]:
    """Add the rows of one 異動 document and refresh the persons it touches; return their 宛名番号."""
    touched = _insert_rows(conn, doc_id, body)
    for atena in touched:
        refresh_person(conn, atena)
    return touched


def refresh_person(conn: Connection, atena_no: str) -> None:
    """Recompute one person's current row: the newest tip of their rows; two or more tips flag a fork."""
    rows = conn.execute(
        "SELECT doc_id, parents, processed_at, row FROM person_rows WHERE atena_no = ?", (atena_no,)
    ).fetchall()
    bodies = {r[0]: r[3] for r in rows}
    heads = tips(RowRef(r[0], tuple(json.loads(r[1])), r[2]) for r in rows)
    current = json.loads(bodies[heads[0].doc_id])
    _write_person(conn, current, [h.doc_id for h in heads])


PERSON_COLUMNS = (
    "atena_no", "setai_no", "resident", "kind", "name", "name_kana", "kana_family", "kana_given", "kana_full",
    "name_key", "address_key", "birth", "birth_text", "sex", "relationship", "status", "address", "mynumber", "tips",
    "forked", "row",
)
_INSERT_PERSON = (f"INSERT INTO persons ({', '.join(PERSON_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(PERSON_COLUMNS))})")
_UPDATE_PERSON = f"UPDATE persons SET {', '.join(c + ' = ?' for c in PERSON_COLUMNS)} WHERE id = ?"


def _write_person(conn: Connection, row: dict[str, Any], tip_ids: list[str]) -> None:
    family, given = split_name(row["name_kana"])
    kana_family, kana_given = normalize_kana(family), normalize_kana(given)
    address = row["address"]
    birth = row["birth"] if isinstance(row["birth"], dict) else {"iso": row["birth"], "text": ""}
    values = (
        row["atena_no"], row["setai_no"], int(row["status"] == "住民"), row["kind"], row["name"], row["name_kana"],
        kana_family, kana_given, normalize_kana(row["name_kana"]), name_key(row), address_key(row),
        birth["iso"], birth.get("text") or "", row["sex"], row["relationship"], row["status"],
        address["text"] + ("　" + address["katagaki"] if address.get("katagaki") else ""), row.get("mynumber", ""),
        json.dumps(tip_ids), int(len(tip_ids) > 1), json.dumps(row, ensure_ascii=False),
    )
    existing = conn.execute("SELECT id FROM persons WHERE atena_no = ?", (row["atena_no"],)).fetchone()
    if existing is None:
        cur = conn.execute(_INSERT_PERSON, values)
        person_id = cur.lastrowid
    else:
        person_id = existing[0]
        conn.execute(_UPDATE_PERSON, (*values, person_id))
        conn.execute("DELETE FROM person_fts WHERE rowid = ?", (person_id,))
    names = [row["name"], row.get("former_surname", "")]
    foreign = row.get("foreign") or {}
    names.append(foreign.get("tsusho", ""))
    name_tokens = " ".join(t for n in names if n for t in bigram_tokens(n))
    alphabet = " ".join(w.encode("utf-8").hex() for w in foreign.get("alphabet_name", "").lower().split())
    conn.execute(
        "INSERT INTO person_fts (rowid, name, address) VALUES (?, ?, ?)",
        (person_id, f"{name_tokens} {alphabet}".strip(),
         " ".join(bigram_tokens(address["text"] + address.get("katagaki", "")))),
    )


def rebuild(conn: Connection, idou_docs: Iterable[tuple[str, dict[str, Any]]]) -> int:
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
        "fts_rows": conn.execute("SELECT count(*) FROM person_fts").fetchall(),
    }
