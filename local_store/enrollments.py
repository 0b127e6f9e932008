"""The enrollments this terminal issued, as it keeps them (in the `secrets` table, inside the encrypted replica).

Each holds the code's document id and secret (never the code), the new terminal's name, id and expiry, and either
the enrollment itself, until it is sealed to the one terminal whose claim was confirmed, or, from then on, that
terminal's key and the sealed answer (so that a lost write is written again, and never to anyone else).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from local_store.database import Connection

_PREFIX = "enrollment:"


@dataclass(frozen=True)
class Enrollment:
    doc_id: str
    terminal_name: str
    terminal_id: str
    expires: str  # ISO 8601
    secret: str  # hex: the code's secret, which authenticates claims and binds the answer
    payload: dict[str, Any] | None  # the enrollment, until sealed to its claimant
    claimant: str = ""  # hex: the X25519 public key of the terminal whose claim was confirmed
    answer: dict[str, Any] | None = None  # the enrollment sealed to it

    @property
    def confirmed(self) -> bool:
        return bool(self.claimant)

    def sealed_to(self, claimant: str, answer: dict[str, Any]) -> Enrollment:
        return replace(self, payload=None, claimant=claimant, answer=answer)


def put(conn: Connection, enrollment: Enrollment) -> None:
    """Keep (or replace) one, in the caller's transaction."""
    conn.execute("INSERT OR REPLACE INTO secrets (name, value) VALUES (?, ?)",
                 (_PREFIX + enrollment.doc_id, json.dumps(asdict(enrollment)).encode()))


def get(conn: Connection, doc_id: str) -> Enrollment | None:
    row = conn.execute("SELECT value FROM secrets WHERE name = ?", (_PREFIX + doc_id,)).fetchone()
    return None if row is None else Enrollment(**json.loads(row[0]))


def all_issued(conn: Connection) -> list[Enrollment]:
    """Every enrollment issued here, the latest expiry first."""
    rows = conn.execute("SELECT value FROM secrets WHERE name >= ? AND name < ?",
                        (_PREFIX, _PREFIX[:-1] + chr(ord(_PREFIX[-1]) + 1))).fetchall()
    return sorted((Enrollment(**json.loads(row[0])) for row in rows), key=lambda e: e.expires, reverse=True)
