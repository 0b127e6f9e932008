"""Opening the SQLCipher file: raw key, WAL, no temporary files, and clear errors for a wrong key or a damaged file."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from local_store.errors import DamagedReplicaError, WrongKeyError
from local_store.terminal_key import key_check_value

DB_FILE = "registry.db"
Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError


def connect(path: Path, key: bytes, expected_check: str | None) -> Connection:
    """Open the replica with its raw key.

    Nothing is written before the key is proven: a wrong key or a damaged file raises and leaves every file as it
    was. `expected_check` (from terminal.json) tells which of the two happened.
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        if expected_check is not None and key_check_value(key) == expected_check:
            raise DamagedReplicaError(
                "台帳のファイルが壊れています（バックアップまたはクラウドから復元してください）", "replica file is damaged"
            ) from None
        raise WrongKeyError("端末の鍵が台帳のファイルに合いません。ファイルには何も変更していません",
                            "wrong key for this replica") from None
    # Sorts and temporary indexes stay in memory: no plaintext ever reaches a temporary file.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Another process (the command line beside the window) may hold the write lock for a moment: wait for it.
    conn.execute("PRAGMA busy_timeout = 10000")
    # 128 MB of decrypted pages: a 300,000-resident replica's indexes stay in memory (SQLCipher decrypts on each miss).
    conn.execute("PRAGMA cache_size = -131072")
    return conn
