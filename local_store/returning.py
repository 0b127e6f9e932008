"""同一人 check on 転入: former residents (除票) who may be the person moving in, by フリガナ and 生年月日."""

from __future__ import annotations

from domain.names import canonical
from local_store import search
from local_store.database import Connection


def candidates(conn: Connection, name_kana: str, birth_iso: str, today: str) -> list[search.PersonSummary]:
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM persons WHERE resident = 0 AND leaves_on <= ? AND birth = ? AND kana_full = ? "
        "ORDER BY atena_no", (today, birth_iso, canonical(name_kana)))]
    return search.summaries(conn, ids, today)
