"""Lock-out after repeated failed sign-ins, and the one-time passwords already used, on this terminal.

Five failures in a row lock the account here for fifteen minutes (an administrator can unlock it sooner); a
successful sign-in starts the count again. Kept per terminal, beside the staff table, and not replicated: guessing
needs a terminal inside the closed network, and each terminal counts the guesses made at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from local_store.database import Connection

MAX_FAILURES = 5
LOCK_MINUTES = 15


@dataclass(frozen=True, slots=True)
class Guard:
    failures: int
    locked_until: dt.datetime | None
    last_otp_step: int


def guard(conn: Connection, user: str) -> Guard:
    row = conn.execute("SELECT failures, locked_until, last_otp_step FROM sign_in_guard WHERE user = ?",
                       (user,)).fetchone()
    if row is None:
        return Guard(0, None, 0)
    return Guard(row[0], dt.datetime.fromisoformat(row[1]) if row[1] else None, row[2])


def locked_until(conn: Connection, user: str, now: dt.datetime) -> dt.datetime | None:
    """When the lock of this account ends, if it is locked now."""
    until = guard(conn, user).locked_until
    return until if until is not None and until > now else None


def failed(conn: Connection, user: str, now: dt.datetime) -> dt.datetime | None:
    """Count one failure (inside the caller's transaction); return when the lock ends if this one locked it."""
    current = guard(conn, user)
    failures = current.failures + 1
    until = now + dt.timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    conn.execute(
        "INSERT INTO sign_in_guard (user, failures, locked_until, last_otp_step) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (user) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
        (user, 0 if until else failures, until.isoformat() if until else "", current.last_otp_step),
    )
    return until


def succeeded(conn: Connection, user: str, otp_step: int | None) -> None:
    """A sign-in passed: the count starts again; the one-time password's step may not be used again."""
    step = max(guard(conn, user).last_otp_step, otp_step or 0)
    conn.execute(
        "INSERT INTO sign_in_guard (user, failures, locked_until, last_otp_step) VALUES (?, 0, '', ?) "
        "ON CONFLICT (user) DO UPDATE SET failures = 0, locked_until = '', last_otp_step = excluded.last_otp_step",
        (user, step),
    )


def unlock(conn: Connection, user: str) -> bool:
    """Lift a lock and forget the failures; whether there was anything to lift."""
    return conn.execute("UPDATE sign_in_guard SET failures = 0, locked_until = '' WHERE user = ? AND "
                        "(failures > 0 OR locked_until != '')", (user,)).rowcount > 0
