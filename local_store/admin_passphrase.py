"""管理者の合言葉: an optional third wrap of the terminal key in terminal.json, beside the keyring's (or the
端末の合言葉's) and the 復旧コード's.

It opens the replica when the keyring has lost the key and the 復旧キット is not at hand (`--admin-passphrase-stdin`,
or 「管理者の合言葉で開く」 in the window); the key then goes back into the keyring. The passphrase itself is never
stored; 鍵の更新 asks for it again to wrap the next key (or drops the wrap when told to).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from local_store.errors import StoreError
from local_store.terminal_key import TerminalFile, unwrap_with_passphrase, wrap_with_passphrase

MIN_LENGTH = 10
WRONG_ADMIN = ("管理者の合言葉が違います。ファイルには何も変更していません", "wrong administrator passphrase")
NOT_SET = ("この端末には管理者の合言葉が設定されていません", "no administrator passphrase wrap in terminal.json")


def check_length(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise StoreError(f"管理者の合言葉は{MIN_LENGTH}文字以上にしてください",
                         f"the administrator passphrase must have at least {MIN_LENGTH} characters")


def set_wrap(data_dir: Path, key: bytes, passphrase: str) -> None:
    """Wrap the key under `passphrase` as the admin wrap (replacing any previous one), saved atomically."""
    check_length(passphrase)
    info = TerminalFile.load(data_dir)
    replace(info, admin=wrap_with_passphrase(key, passphrase)).save(data_dir)


def remove_wrap(data_dir: Path) -> bool:
    """Drop the admin wrap; False when there was none."""
    info = TerminalFile.load(data_dir)
    if info.admin is None:
        return False
    replace(info, admin=None).save(data_dir)
    return True


def verify(info: TerminalFile, passphrase: str) -> None:
    """WrongPassphraseError unless `passphrase` opens the current admin wrap."""
    if info.admin is None:
        raise StoreError(*NOT_SET)
    unwrap_with_passphrase(info.admin, passphrase, WRONG_ADMIN)


def rewrap(info: TerminalFile, passphrase: str, next_key: bytes) -> dict[str, str]:
    """For 鍵の更新: the next key wrapped under the admin passphrase, once that passphrase has opened the current
    wrap (so a mistyped one is caught before anything changes)."""
    verify(info, passphrase)
    return wrap_with_passphrase(next_key, passphrase)
