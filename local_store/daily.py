"""The day's 異動, 交付 and 点検 marks in the replica (see `domain.daily`).

A day is the local date of the 処理日時 (terminals keep Japan's time); the 異動 of a day are found through the
person_rows table, the 交付 through the 交付履歴. 点検 marks are create-only documents of class `tenken`, replicated
like the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.daily import DailyReport, cancellation_lines, category_totals, idou_line, kofu_totals, marks_of
from domain.kofu_history import cancellations
from domain.kofu_rules import Disposal
from local_store import documents, kofu, staff
from local_store.database import Connection

TENKEN = "tenken"


def report(conn: Connection, day: str) -> DailyReport:
    checked = marks(conn)
    doc_ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT doc_id FROM person_rows WHERE substr(processed_at, 1, 10) = ?", (day,))]
    lines = sorted((idou_line(doc_id, documents.body_of(conn, doc_id), checked) for doc_id in doc_ids),
                   key=lambda line: line.processed_at)
    every = kofu.entries(conn)
    counted = {doc_id for doc_id, _ in cancellations(every).values()}
    of_day = [(doc_id, body) for doc_id, body in every if body["at"][:10] == day
              and (body["disposal"] != Disposal.CANCELLED.value or doc_id in counted)]
    names = {account.user: account.display_name for account in staff.accounts(conn)}
    return DailyReport(day, lines, kofu_totals(body for _, body in of_day), names, cancellation_lines(of_day),
                       category_totals(body for _, body in of_day))


def marks(conn: Connection) -> dict[str, tuple[str, str]]:
    """Who checked each 異動 first, and when (see `domain.daily.marks_of`)."""
    return marks_of(d.body for d in documents.iter_class(conn, TENKEN))


def of_day(conn: Connection, day: str, doc_ids: Sequence[str]) -> set[str]:
    """Those of `doc_ids` that are 異動 processed on `day`, without reading the day's other documents."""
    found: set[str] = set()
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        found.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT doc_id FROM person_rows WHERE doc_id IN ({','.join('?' * len(chunk))}) "
            "AND substr(processed_at, 1, 10) = ?", (*chunk, day)))
    return found


def put_mark(conn: Connection, data_key: bytes, mark: dict[str, Any]) -> None:
    documents.put_new(conn, data_key, TENKEN, mark)
