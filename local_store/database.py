"""Opening the SQLCipher file: raw key, WAL, no temporary files, and clear errors for a wrong key or a damaged file.

A damaged file is said so plainly wherever it shows (`damaged`, `store_error`): when the replica opens, every page's
HMAC is checked first where that is cheap (`check_pages`), so a flipped bit is known before anything is read or shown;
in a larger file a damaged page is met when it is read, and the error that reading raises is mapped to the same
message at the boundary (the command line's `guarded`). A new replica's file is never made over a file already there
(`new_file`), except the leftover of a set-up of ours that never finished.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from local_store.errors import DamagedReplicaError, StoreError, WrongKeyError
from local_store.terminal_key import key_check_value

DB_FILE = "registry.db"
SETUP_MARK = DB_FILE + ".setup"  # beside a new replica's file until its terminal.json is written
Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError

# Every page's HMAC is checked on opening a file up to this size: about 40,000 residents, a few tenths of a second.
CHECKED_ON_OPEN = 64 * 1024 * 1024
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)
DAMAGED = "レプリカのファイルが壊れています（{file}）。クラウドから取り直すか、バックアップから復元してください"


def damaged(reason: str) -> DamagedReplicaError:
    """The error of a damaged replica file; `reason` (plain English, no personal data) is the log's detail."""
    return DamagedReplicaError(DAMAGED.format(file=DB_FILE),
                               f"the replica file {DB_FILE} is damaged ({reason}); restore it from a backup or the cloud")


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite said the file is damaged, in this error or one it was raised while handling (a damaged page
    leaves the connection failing on later statements with other errors)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DatabaseError) and getattr(seen, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def store_error(exc: Exception) -> StoreError:
    """What a person is told of an error SQLite raised: a damaged file as such, anything else by SQLite's name for
    it (no SQL and no data)."""
    if is_damage(exc):
        return damaged(str(exc))
    name = getattr(exc, "sqlite_errorname", type(exc).__name__)
    return StoreError(f"レプリカのファイルを読み書きできません（{name}）", f"replica file error: {name}: {exc}")


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
            raise damaged("its first page does not open with the right key") from None
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


def refuse_empty(path: Path) -> None:
    """An existing replica's file that is empty is refused: opening it would make a new, empty replica over it."""
    if path.stat().st_size == 0:
        raise DamagedReplicaError(
            f"レプリカのファイル（{DB_FILE}）が空です。新しい台帳として作り直さずに止めました。バックアップから復元してください",
            f"the replica file {DB_FILE} is empty (0 bytes); it was not made into a new replica")


def check_pages(conn: Connection, path: Path) -> None:
    """Every page's HMAC (SQLCipher's cipher_integrity_check) when the file is small enough for it to be cheap."""
    if path.stat().st_size > CHECKED_ON_OPEN:
        return
    try:
        failed = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except DatabaseError as exc:
        raise store_error(exc) from None
    if failed:
        raise damaged(f"{len(failed)} page(s) fail their HMAC check")


def new_file(data_dir: Path) -> Path:
    """Where a new replica's file is made (the caller calls `setup_done` once terminal.json is written). A file
    already there is refused, unless it is what a set-up of ours left when it never finished (its mark is beside it;
    its key was never recorded): that is started over."""
    db = data_dir / DB_FILE
    found = [p for p in (db, db.with_name(DB_FILE + "-wal"), db.with_name(DB_FILE + "-shm")) if p.exists()]
    if found and not (data_dir / SETUP_MARK).exists():
        raise StoreError(f"このフォルダにはすでにファイル（{DB_FILE}）があります。上書きせずに止めました。"
                         "空のフォルダを指定してください", f"{DB_FILE} already exists in the folder; not overwritten")
    for leftover in found:
        leftover.unlink()
    (data_dir / SETUP_MARK).touch()
    return db


def setup_done(data_dir: Path) -> None:
    (data_dir / SETUP_MARK).unlink(missing_ok=True)
