"""Opening the replica's file with whichever key opens it: the keyring's, the passphrase's, the 復旧コード's or the
管理者の合言葉's.

While the terminal key is being rotated (`local_store.rekey`) terminal.json holds the next key's wraps under
`pending`, and the keyring an entry for it, until the rotation is complete. Whichever of the two keys opens the
file settles an interrupted rotation: the old key opening it means the file was never rekeyed (the next key is
dropped); the next key opening it means it was (the rotation is finished). So a rotation killed at any moment
leaves a replica that opens. The pending wraps include the 管理者の合言葉's when the rotation kept it; a finished
rotation without one drops the admin wrap (it would open the old key only). Nothing is written before a key has
opened the file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from domain.recovery_code import normalize
from local_store.admin_passphrase import NOT_SET, WRONG_ADMIN
from local_store.database import DB_FILE, Connection, check_pages, connect, damaged, refuse_empty
from local_store.errors import StoreError, WrongKeyError, WrongPassphraseError
from local_store.terminal_key import (
    KeyringKeyMissing,
    NoKeyringError,
    PassphrasePrompt,
    TerminalFile,
    forget_key,
    keep_in_keyring,
    key_check_value,
    keyring_entry,
    load_key,
    read_keyring,
    unwrap_with_passphrase,
    usable_keyring,
)

WRONG_CODE = ("復旧コードが違います。ファイルには何も変更していません", "wrong recovery code")


def _candidates(info: TerminalFile, data_dir: Path, passphrase: PassphrasePrompt | None,
                recovery_code: str | None, admin_passphrase: str | None = None) -> Iterator[bytes]:
    """The keys that may open the file, the current one first."""
    pending = info.pending or {}
    if admin_passphrase is not None:
        wraps = [w for w in (info.admin, pending.get("admin")) if w]
        if not wraps:
            raise StoreError(*NOT_SET)
        yield from _unwrapped(wraps, admin_passphrase, WRONG_ADMIN)
        return
    if recovery_code is not None:
        code = normalize(recovery_code)
        wraps = [w for w in (info.recovery, pending.get("recovery")) if w]
        if not wraps:
            raise StoreError("この端末には復旧コードが設定されていません", "no recovery code wrap in terminal.json")
        yield from _unwrapped(wraps, code, WRONG_CODE)
        return
    if info.source == "passphrase":
        if passphrase is None:
            raise NoKeyringError("端末の合言葉を入力してください", "this replica is opened with a passphrase")
        wraps = [w for w in (info.wrapped, pending.get("wrapped")) if w]
        yield from _unwrapped(wraps, passphrase(), ("合言葉が違います", "wrong passphrase"))
        return
    try:
        yield load_key(data_dir, passphrase)
    except KeyringKeyMissing:
        if not pending:
            raise
    if pending:
        following = read_keyring(keyring_entry(info.terminal_id, pending=True))
        if following is not None:
            yield following


def _unwrapped(wraps: list[dict[str, str]], secret: str, wrong: tuple[str, str]) -> Iterator[bytes]:
    opened = 0
    for wrap in wraps:
        try:
            key = unwrap_with_passphrase(wrap, secret, wrong)
        except WrongPassphraseError:
            continue
        opened += 1
        yield key
    if not opened:
        raise WrongPassphraseError(*wrong)


def open_file(data_dir: Path, passphrase: PassphrasePrompt | None = None, recovery_code: str | None = None,
              admin_passphrase: str | None = None) -> tuple[Connection, bytes]:
    """The open connection and the key that opened it; an interrupted rotation is settled, and after opening with
    the 復旧コード or the 管理者の合言葉 the key is put back into the keyring (where the terminal keeps it there). An
    empty file is refused, and a damaged one before anything is read from it (`database.check_pages`)."""
    info = TerminalFile.load(data_dir)
    path = data_dir / DB_FILE
    if not path.exists():
        raise StoreError("台帳のファイルが見つかりません（バックアップまたはクラウドから復元してください）",
                         f"{DB_FILE} is missing")
    refuse_empty(path)
    if passphrase is not None:
        passphrase = functools.cache(passphrase)  # asked once, tried on both wraps
    # The page check reads the file as it lies: only a file that no process has open and that no write left unfinished
    # (no write-ahead log with frames, no rollback journal; SQLite itself sets those right) is checked, and not while
    # a key rotation cut short is pending (its uncommitted pages under the next key would read as damage).
    at_rest = info.pending is None and not any(
        (f := path.with_name(path.name + suffix)).exists() and f.stat().st_size > 0 for suffix in ("-wal", "-journal"))
    checks = {info.check, (info.pending or {}).get("check")}
    known = tried = False
    for key in _candidates(info, data_dir, passphrase, recovery_code, admin_passphrase):
        tried = True
        known = known or key_check_value(key) in checks
        try:
            conn = connect(path, key, None)
        except WrongKeyError:
            continue
        try:
            if at_rest:
                check_pages(conn, path)
        except StoreError:
            conn.close()
            raise
        _settle(data_dir, info, key)
        if recovery_code is not None or admin_passphrase is not None:
            _restore_keyring(data_dir, key)
        return conn, key
    if not tried:  # during a rotation, and the keyring has lost both keys
        raise KeyringKeyMissing("キーリングに端末の鍵がありません（復旧キットの復旧コードで開いてください）",
                                "the keyring has neither the key nor the next key")
    if known:
        raise damaged("its first page does not open with the terminal's key")
    raise WrongKeyError("端末の鍵が台帳のファイルに合いません。ファイルには何も変更していません",
                        "wrong key for this replica")


def _settle(data_dir: Path, info: TerminalFile, key: bytes) -> None:
    if info.pending is None:
        return
    if key_check_value(key) == info.pending.get("check"):
        finish_rotation(data_dir, info, key)
    else:  # the file was never rekeyed: the next key is dropped
        replace(info, pending=None).save(data_dir)
        forget_key(info.terminal_id, pending=True)


def finish_rotation(data_dir: Path, info: TerminalFile, key: bytes) -> None:
    """The file is under the next key: the keyring's entry first, then terminal.json, then the spare entry."""
    assert info.pending is not None
    if info.source == "keyring":
        keep_in_keyring(keyring_entry(info.terminal_id), key)
    pending = info.pending
    replace(info, check=pending["check"], wrapped=pending.get("wrapped"), recovery=pending.get("recovery"),
            admin=pending.get("admin"), pending=None).save(data_dir)
    if info.source == "keyring":
        forget_key(info.terminal_id, pending=True)


def _restore_keyring(data_dir: Path, key: bytes) -> None:
    """After a recovery (復旧コード or 管理者の合言葉): the key back into the keyring, when the terminal keeps it
    there and a safe one exists."""
    info = TerminalFile.load(data_dir)
    if info.source != "keyring" or usable_keyring() is None:
        return
    if read_keyring(keyring_entry(info.terminal_id)) != key:
        keep_in_keyring(keyring_entry(info.terminal_id), key)
