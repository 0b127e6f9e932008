"""The registry's history rows as the population statistics need them (`domain.population`), read from the 異動
documents: every row, with its 異動日 and when it was processed, so that any date in the past can be counted.

They are read in batches, so that the caller can let go of the replica between two batches (a count over a large
town takes seconds; searches and sync must not wait for all of it).
"""

from __future__ import annotations

from typing import Any

from domain.population import RowAsOf
from domain.records import Status
from local_store.database import Connection
from local_store.documents import unpack

IDOU = "idou"
BATCH = 5_000


def document_count(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM docs WHERE class = ?", (IDOU,)).fetchone()[0])


def history_batch(conn: Connection, after_seq: int) -> tuple[list[RowAsOf], int, int]:
    """The rows of the next batch of 異動 documents after `after_seq`: (rows, documents read, last seq)."""
    found = conn.execute(
        "SELECT d.seq, r.body FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
        "WHERE d.class = ? AND d.seq > ? ORDER BY d.seq LIMIT ?", (IDOU, after_seq, BATCH)).fetchall()
    rows = [row for _, blob in found for row in _rows(unpack(blob))]
    return rows, len(found), found[-1][0] if found else after_seq


def _rows(body: dict[str, Any]) -> list[RowAsOf]:
    idou_date = body["idou_date"]
    idou_iso = idou_date if isinstance(idou_date, str) else idou_date["iso"]
    rows = []
    for change in body["rows"]:
        row = change["row"]
        birth = row["birth"]
        rows.append(RowAsOf(
            atena_no=row["atena_no"],
            idou_iso=idou_iso,
            processed_at=body["processed_at"],
            resident=row["status"] == Status.RESIDENT.value and row.get("removal") is None,
            sex=row["sex"],
            birth_iso=birth if isinstance(birth, str) else birth["iso"],
            birth_known=isinstance(birth, str),  # a 不詳日 is held with its text
            address=row["address"]["text"],
            setai_no=row["setai_no"],
        ))
    return rows
