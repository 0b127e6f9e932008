"""閲覧 in the replica: the requests and what happens to them as create-only documents of class `etsuran` (see
`domain.etsuran`), and the residents a 閲覧用リスト may be drawn from (read from the derived `persons` table).

The requests are read from the documents each time (a town has a few dozen a year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from domain.address_book import Chouaza
from domain.disaster import chouaza_of
from domain.etsuran import ETSURAN, Case, Resident, cases
from domain.wareki import RegDate
from local_store import documents
from local_store.database import Connection


def put(conn: Connection, data_key: bytes, body: Mapping[str, Any]) -> str:
    return documents.put_new(conn, data_key, ETSURAN, dict(body)).id


def all_cases(conn: Connection) -> list[Case]:
    return cases((d.id, d.body) for d in documents.iter_class(conn, ETSURAN))


def residents(conn: Connection, today: dt.date, prefix: str, book: Sequence[Chouaza]) -> list[Resident]:
    """Everyone who lives in the town today (住民, and those whose 転出予定日 has not come), with their 町字."""
    rows = conn.execute("SELECT atena_no, setai_no, name, birth, birth_text, sex, address FROM persons "
                        "WHERE resident = 1 OR leaves_on > ?", (today.isoformat(),))
    return [Resident(atena_no, setai_no, name, RegDate(birth, birth_text or None), sex, address,
                     chouaza_of(address, prefix, book))
            for atena_no, setai_no, name, birth, birth_text, sex, address in rows]
