"""The replica's `meta` and `secrets` tables: who this terminal is, its settings of the moment and sync marks (meta);
its keys (secrets, inside the encrypted file like everything else)."""

from __future__ import annotations

from collections.abc import Mapping

from local_store.database import Connection


def read(conn: Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def get(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put(conn: Connection, values: Mapping[str, str]) -> None:
    """Set some values (in the caller's transaction); the others keep theirs."""
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())


def secrets(conn: Connection) -> dict[str, bytes]:
    return dict(conn.execute("SELECT name, value FROM secrets").fetchall())


def put_secrets(conn: Connection, values: Mapping[str, bytes]) -> None:
    conn.executemany("INSERT INTO secrets (name, value) VALUES (?, ?)", values.items())
