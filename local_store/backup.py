"""バックアップ and 復元: an encrypted, consistent copy of the replica in one file, and bringing it back.

The copy is made with `sqlcipher_export` inside one read transaction into a new SQLCipher file under a random
backup key; the backup key is wrapped (scrypt, AES-256-GCM) under a backup passphrase. The file is a first line
naming the format, a JSON header (municipality, terminal, time, the wrapped key: nothing secret in the clear) and
the encrypted database. Restoring checks the passphrase before anything is written, then puts the database under a
new terminal key with a new 復旧コード; the restored replica is the same terminal (id, name, audit).

Numbers are never handed out twice because of a backup: each backup carries a reserve of every kind of number,
set aside when it is written (`Numbering.reserve_for_backup`); the restored replica abandons every range and
住民票コード it held, which the backup's terminal may have used after the backup, and draws from that reserve and from
what is leased to it after the restore (see `switch_to_reserve`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from local_store import authority_restore, juminhyo_pool, meta, numbering
from local_store.context import Clock
from local_store.database import DB_FILE, Connection, connect
from local_store.errors import StoreError
from local_store.recovery import with_new_code
from local_store.terminal_key import (
    TERMINAL_FILE,
    PassphrasePrompt,
    forget_key,
    key_check_value,
    new_key,
    unwrap_with_passphrase,
    wrap_with_passphrase,
)

MAGIC = b"MADOGUCHI-BACKUP 1\n"
MIN_PASSPHRASE = 10
WRONG = ("バックアップの合言葉が違います。何も書き込んでいません", "wrong backup passphrase")
RESTORED = "restored_from_backup"  # meta: when this replica was restored, and when its backup was made


def _fsync_write(path: Path, parts: list[bytes]) -> None:
    with open(path, "wb") as fh:
        fh.writelines(parts)
        fh.flush()
        os.fsync(fh.fileno())


def write(conn: Connection, out: Path, passphrase: str, about: dict[str, str],
          numbers: numbering.Numbering) -> None:
    """Export the open replica (the caller holds its lock) to `out`, atomically: the file is whole or absent. The
    reserve the backup carries is set aside in the same transaction as the copy is made."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise StoreError("バックアップの合言葉は10文字以上にしてください", "backup passphrase too short")
    key = secrets.token_bytes(32)
    exported = out.with_name(out.name + ".export")
    part = out.with_name(out.name + ".part")
    for leftover in (exported, part):
        leftover.unlink(missing_ok=True)
    try:
        conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key.hex()}'\"", (str(exported),))
        try:
            conn.execute("BEGIN IMMEDIATE")
            numbers.reserve_for_backup()
            conn.execute("SELECT sqlcipher_export('backup')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA backup.user_version = {int(version)}")
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("DETACH DATABASE backup")
        header = {**about, "format": 1, "wrapped": wrap_with_passphrase(key, passphrase),
                  "check": key_check_value(key)}
        _fsync_write(part, [MAGIC, json.dumps(header, ensure_ascii=False).encode() + b"\n", exported.read_bytes()])
        os.replace(part, out)
    finally:
        exported.unlink(missing_ok=True)
        part.unlink(missing_ok=True)


@dataclass(frozen=True)
class BackupFile:
    header: dict[str, Any]
    database: bytes


def read(path: Path) -> BackupFile:
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"バックアップのファイルを読めません（{path}）", f"cannot read backup: {type(exc).__name__}") from None
    if not blob.startswith(MAGIC):
        raise StoreError("窓口のバックアップのファイルではありません", "not a Madoguchi backup")
    end = blob.index(b"\n", len(MAGIC)) if b"\n" in blob[len(MAGIC):] else -1
    try:
        header = json.loads(blob[len(MAGIC):end])
        header["wrapped"]["salt"]
    except (ValueError, KeyError, TypeError):
        raise StoreError("バックアップのファイルが壊れています", "backup header is damaged") from None
    return BackupFile(header, blob[end + 1:])


def restore(path: Path, data_dir: Path, passphrase: str, terminal_passphrase: PassphrasePrompt | None, *,
            clock: Clock) -> str:
    """Bring a backup back into `data_dir` (which holds no replica), switched to the reserve it carries; returns the
    new 復旧コード.

    A wrong passphrase raises before anything is written."""
    backup = read(path)
    backup_key = unwrap_with_passphrase(backup.header["wrapped"], passphrase, WRONG)
    if (data_dir / TERMINAL_FILE).exists():
        raise StoreError("この場所にはすでに台帳があります。空のフォルダを指定してください",
                         f"a replica already exists in {data_dir}")
    data_dir.mkdir(parents=True, exist_ok=True)
    staged = data_dir / (DB_FILE + ".restore")
    # the keyring entry is this copy's own, so that the original replica (if it still exists) keeps its own
    entry = f"{backup.header['terminal_id']}.{secrets.token_hex(4)}"
    key, info = new_key(entry, terminal_passphrase)
    try:
        _fsync_write(staged, [backup.database])
        conn = connect(staged, backup_key, key_check_value(backup_key))
        try:
            _switch_to_reserve(conn, clock(), backup.header.get("created_at", ""))
            conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
        finally:
            conn.close()
        os.replace(staged, data_dir / DB_FILE)
        info, code = with_new_code(info, key)
        info.save(data_dir)
        return code
    except BaseException:
        for name in (staged.name, staged.name + "-wal", staged.name + "-shm", DB_FILE):
            (data_dir / name).unlink(missing_ok=True)
        if info.source == "keyring":
            forget_key(entry)
        raise


def _switch_to_reserve(conn: Connection, at: dt.datetime, backup_made: str) -> None:
    """The restored copy gives up every number its terminal may have handed out after the backup: its ranges (it
    draws from the backup's reserve), its 住民票コード, and, on the numbering authority, the ranges it may have
    leased to others after the backup (the next leases move on)."""
    found = meta.read(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        reserve = numbering.switch_to_reserve(conn, found["terminal_id"])
        juminhyo_pool.abandon_issued_until(conn, at)
        if found.get("numbering_authority") == "1":
            authority_restore.place_next_leases(conn)
        meta.put(conn, {RESTORED: json.dumps({"at": at.isoformat(timespec="seconds"), "backup_made": backup_made,
                                              "reserve": bool(reserve)})})
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def restored_from(conn: Connection) -> dict[str, Any] | None:
    """When this replica was restored from a backup (`at`), when the backup was made (`backup_made`) and whether it
    carried a reserve of numbers (`reserve`); None if it never was restored."""
    found = meta.get(conn, RESTORED)
    return None if found is None else dict(json.loads(found))
