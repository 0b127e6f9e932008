"""Staff accounts as a log of events (documents of class `staff`), derived into the `staff` table.

Each event is also kept in `staff_events` by its id (`domain.event_log.event_id`), so that an account's state is
read again from its own events whenever one is stored, in whatever order they arrived. Passwords are kept as scrypt
hashes (memory-hard); the second factor's seed only inside the encrypted replica (and, in the cloud, inside the
encrypted envelope of its event). Signing in authorizes; it does not decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from domain import staff_events
from domain.event_log import event_id
from domain.roles import Role
from domain.staff_events import Account
from local_store import work_factors
from local_store.database import Connection

STAFF = "staff"
_R, _P = 8, 1


@dataclass(frozen=True, slots=True)
class Staff:
    user: str
    display_name: str
    role: Role


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    n = work_factors.current().password_n
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=_R, p=_P, dklen=32)
    return f"scrypt${n}${_R}${_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    try:
        candidate = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32,
            maxmem=128 * 1024 * 1024,
        )
    except ValueError:  # factors scrypt refuses (or beyond the memory allowed): no password matches
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def created_event(user: str, display_name: str, role: Role, password: str, by: str, at: str = "") -> dict[str, Any]:
    """An account created by the administrator `by` (the first administrator's event is signed instead)."""
    return staff_events.new_event(staff_events.CREATE, user, by, at, [], display_name=display_name,
                                  role=role.value, password_hash=hash_password(password))


def next_event(conn: Connection, kind: str, user: str, by: str, at: str, **items: Any) -> dict[str, Any]:
    """An event on an existing account, naming every event of it that is in force here."""
    return staff_events.new_event(kind, user, by, at, staff_events.tips(_events(conn, user)), **items)


def authorized_by_admin(conn: Connection, body: dict[str, Any]) -> bool:
    """Whether a staff event was made by an administrator who is in use here."""
    found = find(conn, str(body.get("by", "")))
    return found is not None and found[0].role is Role.ADMIN


def apply_event(conn: Connection, body: dict[str, Any]) -> None:
    """Keep one event and derive its account again from all of its events (inside the caller's transaction)."""
    conn.execute("INSERT OR IGNORE INTO staff_events (id, user, body) VALUES (?, ?, ?)",
                 (event_id(body), body["user"], json.dumps(body, ensure_ascii=False)))
    derived = staff_events.account(_events(conn, body["user"]))
    if derived is None:
        return
    conn.execute(
        "INSERT OR REPLACE INTO staff (user, display_name, role, password_hash, active, totp_seed, concurrent) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (derived.user, derived.display_name, derived.role.value, derived.password_hash, int(derived.active),
         derived.totp_seed, ",".join(derived.concurrent)),
    )


def _events(conn: Connection, user: str) -> dict[str, dict[str, Any]]:
    return {r[0]: json.loads(r[1]) for r in conn.execute("SELECT id, body FROM staff_events WHERE user = ?", (user,))}


def account(conn: Connection, user: str) -> Account | None:
    """An account as its events give it, in use or not."""
    row = conn.execute("SELECT user, display_name, role, password_hash, active, totp_seed, concurrent FROM staff "
                       "WHERE user = ?", (user,)).fetchone()
    return None if row is None else _account(row)


def accounts(conn: Connection) -> list[Account]:
    return [_account(r) for r in conn.execute(
        "SELECT user, display_name, role, password_hash, active, totp_seed, concurrent FROM staff ORDER BY user")]


def _account(row: tuple[Any, ...]) -> Account:
    return Account(row[0], row[1], Role(row[2]), row[3], bool(row[4]), row[5],
                   tuple(row[6].split(",")) if row[6] else ())


def active_admins(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM staff WHERE active = 1 AND role = ?",
                            (Role.ADMIN.value,)).fetchone()[0])


def find(conn: Connection, user: str) -> tuple[Staff, str] | None:
    """A staff member in use, with their password hash."""
    row = conn.execute(
        "SELECT user, display_name, role, password_hash FROM staff WHERE user = ? AND active = 1", (user,)
    ).fetchone()
    return None if row is None else (Staff(row[0], row[1], Role(row[2])), row[3])

