"""鍵の更新: a new random terminal key for the replica (SQLCipher's PRAGMA rekey), and every wrap rewritten.

The order makes a kill at any moment harmless (see `local_store.unlock`, which settles what was interrupted):

1. the new 復旧コード is handed to the caller (who prints the recovery kit) before anything changes;
2. the next key goes into a spare keyring entry (or is wrapped under the passphrase), and terminal.json gains its
   wraps under `pending`, written atomically beside the current ones;
3. PRAGMA rekey rewrites every page under the next key in one transaction;
4. the keyring entry gets the next key, terminal.json makes the pending wraps current, the spare entry goes.

Until step 3 commits the old key opens the file; from then on the next key does; both are findable throughout.

Where terminal.json holds a 管理者の合言葉 wrap, the caller either gives that passphrase (checked against the current
wrap before anything changes; the next key is wrapped under it too) or nothing, and the rotation drops the wrap
(the administrator sets it again with `admin-passphrase set`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from domain import recovery_code
from local_store.admin_passphrase import rewrap
from local_store.database import Connection
from local_store.errors import StoreError
from local_store.terminal_key import (
    TerminalFile,
    keep_in_keyring,
    key_check_value,
    keyring_entry,
    wrap_with_passphrase,
)
from local_store.unlock import finish_rotation

MIN_PASSPHRASE = 10


def rotate(conn: Connection, data_dir: Path, passphrase: str | None, keep_code: Callable[[str], None],
           admin_passphrase: str | None = None) -> bytes:
    """Rekey the open replica; `passphrase` is the (new) 端末の合言葉 where the terminal has no keyring, and
    `admin_passphrase` the 管理者の合言葉 that keeps its wrap (None drops that wrap).

    `keep_code(code)` receives the new 復旧コード before anything changes; returns the new key."""
    info = TerminalFile.load(data_dir)
    if info.source == "passphrase" and (passphrase is None or len(passphrase) < MIN_PASSPHRASE):
        raise StoreError("端末の合言葉（10文字以上）を入力してください", "the new passphrase is missing or too short")
    key = secrets.token_bytes(32)
    admin_wrap = rewrap(info, admin_passphrase, key) if info.admin and admin_passphrase is not None else None
    code = recovery_code.new_code()
    keep_code(code)
    pending: dict[str, object] = {"check": key_check_value(key), "recovery": wrap_with_passphrase(key, code)}
    if info.source == "passphrase":
        assert passphrase is not None
        pending["wrapped"] = wrap_with_passphrase(key, passphrase)
    if admin_wrap is not None:
        pending["admin"] = admin_wrap
    else:
        keep_in_keyring(keyring_entry(info.terminal_id, pending=True), key)
    staged = replace(info, pending=pending)
    staged.save(data_dir)
    conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
    finish_rotation(data_dir, staged, key)
    return key
