"""バックアップ and 復元: an encrypted, consistent copy of the replica in one file, and bringing it back.

The copy is made with `sqlcipher_export` inside one read transaction into a new SQLCipher file under a random
backup key; the backup key is wrapped (scrypt, AES-256-GCM) under a backup passphrase. The file is a first line
naming the format, a JSON header (municipality, terminal, time, the wrapped key and the database's SHA-256: nothing
secret in the clear), a line with the header's HMAC-SHA256 under a key derived from the backup key, and the
encrypted database. So whoever changes the header (the terminal, the time the reserve of numbers is reckoned from)
or the database without the passphrase is found out: restoring refuses it. A file of the first format, whose header
nothing authenticates, is refused too.

Restoring checks the passphrase and the header before anything is written, then builds the replica in a temporary
folder beside the target, puts the database under a new terminal key with a new 復旧コード, lets the caller finish
(open it, write the 復旧キット) and renames the folder into place last: a restore that fails at any step leaves
nothing behind, neither files nor keyring entries. The target must be absent or an empty folder. The restored
replica is the same terminal (id, name, audit).

Numbers are never handed out twice because of a backup: each backup carries a reserve of every kind of number,
set aside when it is written (`Numbering.reserve_for_backup`); the restored replica abandons every range and
住民票コード it held, which the backup's terminal may have used after the backup, and draws from that reserve and from
what is leased to it after the restore (see `switch_to_reserve`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring.errors

from local_store import audit_anchor, authority_restore, juminhyo_pool, meta, numbering
from local_store.context import Clock
from local_store.database import DB_FILE, Connection, connect
from local_store.errors import StoreError
from local_store.recovery import with_new_code
from local_store.terminal_key import (
    PassphrasePrompt,
    TerminalFile,
    forget_key,
    key_check_value,
    new_key,
    unwrap_with_passphrase,
    usable_keyring,
    wrap_with_passphrase,
)

MAGIC = b"MADOGUCHI-BACKUP 2\n"
FIRST_FORMAT = b"MADOGUCHI-BACKUP 1\n"
MIN_PASSPHRASE = 10
WRONG = ("バックアップの合言葉が違います。何も書き込んでいません", "wrong backup passphrase")
TAMPERED = ("バックアップのファイルが改ざんされているか壊れています。何も書き込んでいません",
            "the backup's header or database does not match its authentication")
_HEADER_LABEL = b"madoguchi backup header v2"
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
        database = exported.read_bytes()
        header = {**about, "format": 2, "wrapped": wrap_with_passphrase(key, passphrase),
                  "check": key_check_value(key), "database_sha256": hashlib.sha256(database).hexdigest()}
        line = json.dumps(header, ensure_ascii=False).encode()
        _fsync_write(part, [MAGIC, line + b"\n", _mac(key, line).encode() + b"\n", database])
        os.replace(part, out)
    finally:
        exported.unlink(missing_ok=True)
        part.unlink(missing_ok=True)


def _mac(key: bytes, header_line: bytes) -> str:
    """The header's HMAC-SHA256 under a key derived from the backup key (which only the passphrase unwraps)."""
    return hmac.new(hmac.new(key, _HEADER_LABEL, hashlib.sha256).digest(), header_line, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class BackupFile:
    header: dict[str, Any]
    header_line: bytes  # the header as written, which the MAC covers
    mac: str
    database: bytes

    def opened(self, passphrase: str) -> bytes:
        """The backup key, once the passphrase has unwrapped it and the header and database are proven unchanged."""
        key = unwrap_with_passphrase(self.header["wrapped"], passphrase, WRONG)
        if not hmac.compare_digest(_mac(key, self.header_line), self.mac) \
                or hashlib.sha256(self.database).hexdigest() != self.header.get("database_sha256"):
            raise StoreError(*TAMPERED)
        return key


def read(path: Path) -> BackupFile:
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"バックアップのファイルを読めません（{path}）", f"cannot read backup: {type(exc).__name__}") from None
    if blob.startswith(FIRST_FORMAT):
        raise StoreError("このバックアップは改ざんを確かめられない古い形式のため、復元しません。新しくバックアップを取り直してください",
                         "backup format 1: its header is not authenticated")
    if not blob.startswith(MAGIC):
        raise StoreError("窓口のバックアップのファイルではありません", "not a Madoguchi backup")
    try:
        header_line, mac, database = blob[len(MAGIC):].split(b"\n", 2)
        header = json.loads(header_line)
        header["wrapped"]["salt"]
        return BackupFile(header, header_line, mac.decode("ascii"), database)
    except (ValueError, KeyError, TypeError):
        raise StoreError("バックアップのファイルが壊れています", "backup header is damaged") from None


@dataclass(frozen=True)
class Staged:
    """A replica restored into a temporary folder beside its target, moved there when the caller is done."""

    data_dir: Path
    code: str  # its new 復旧コード


def restore(path: Path, data_dir: Path, passphrase: str, terminal_passphrase: PassphrasePrompt | None, *,
            clock: Clock) -> str:
    """Bring a backup back into `data_dir` (absent or an empty folder); returns the new 復旧コード."""
    with restoring(path, data_dir, passphrase, terminal_passphrase, clock=clock) as staged:
        return staged.code


@contextmanager
def restoring(path: Path, data_dir: Path, passphrase: str, terminal_passphrase: PassphrasePrompt | None, *,
              clock: Clock) -> Iterator[Staged]:
    """Restore a backup into a temporary folder beside `data_dir`, switched to the reserve it carries, and yield it
    for the caller to finish; when the block ends without an error the folder becomes `data_dir`, and when anything
    fails (here or in the block) the folder and the keyring entries made for it are removed.

    A wrong passphrase, a changed backup or a target that is not empty raise before anything is written."""
    backup = read(path)
    backup_key = backup.opened(passphrase)
    _refuse_target(data_dir)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.restoring-", dir=data_dir.parent))
    # the keyring entry is this copy's own, so that the original replica (if it still exists) keeps its own
    entry = f"{backup.header['terminal_id']}.{secrets.token_hex(4)}"
    info: TerminalFile | None = None
    try:
        key, info = new_key(entry, terminal_passphrase)
        staged = staging / DB_FILE
        _fsync_write(staged, [backup.database])
        conn = connect(staged, backup_key, key_check_value(backup_key))
        try:
            _switch_to_reserve(conn, clock(), backup.header.get("created_at", ""))
            conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
        finally:
            conn.close()
        info, code = with_new_code(info, key)
        info.save(staging)
        yield Staged(staging, code)
        _refuse_target(data_dir)
        if data_dir.exists():
            data_dir.rmdir()
        os.rename(staging, data_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if info is not None and info.source == "keyring":
            _forget(entry)
        raise


def _refuse_target(data_dir: Path) -> None:
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise StoreError("復元先のフォルダにはすでにファイルがあります。空のフォルダを指定してください",
                         f"the restore's target {data_dir} is not an empty folder")


def _forget(entry: str) -> None:
    """The keyring entries of a copy whose restore failed: its key and its audit anchor."""
    forget_key(entry)
    backend = usable_keyring()
    if backend is not None:
        try:
            backend.delete_password(audit_anchor.KEYRING_SERVICE, entry)
        except keyring.errors.KeyringError:
            pass


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
