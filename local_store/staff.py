"""Staff accounts as a log of events (documents of class `staff`), derived into the `staff` table.

Passwords are kept as scrypt hashes (memory-hard). Signing in authorizes; it does not decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from domain.roles import Role
from local_store.database import Connection

STAFF = "staff"
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True, slots=True)
class Staff:
    user: str
    display_name: str
    role: Role


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32,
        maxmem=128 * 1024 * 1024,
    )
    return hmac.compare_digest(candidate.hex(), digest)


def created_event(user: str, display_name: str, role: Role, password: str, by: str) -> dict[str, Any]:
    """An account created by the administrator `by` (the first administrator's event is signed instead)."""
    return {"event": "create", "user": user, "display_name": display_name, "role": role.value,
            "password_hash": hash_password(password), "by": by}


def authorized_by_admin(conn: Connection, body: dict[str, Any]) -> bool:
    """Whether a staff event arriving from elsewhere was made by an active administrator known here."""
    found = find(conn, str(body.get("by", "")))
    return found is not None and found[0].role is Role.ADMIN


def apply_event(conn: Connection, body: dict[str, Any]) -> None:
    """Derive the staff table from one event (inside the caller's transaction)."""
    if body["event"] == "create":
        conn.execute(
            "INSERT OR REPLACE INTO staff (user, display_name, role, password_hash, active) VALUES (?, ?, ?, ?, 1)",
            (body["user"], body["display_name"], Role(body["role"]).value, body["password_hash"]),
        )


def find(conn: Connection, user: str) -> tuple[Staff, str] | None:
    row = conn.execute(
        "SELECT user, display_name, role, password_hash FROM staff WHERE user = ? AND active = 1", (user,)
    ).fetchone()
    return None if row is None else (Staff(row[0], row[1], Role(row[2])), row[3])
