"""The facade's part for the keys (管理者): a new 復旧コード, the 管理者の合言葉, 分割鍵 (escrow shares), 鍵の更新,
バックアップ.

A part of `Registry` (it inherits this class). The terminal key, data key and signing key never leave this
process except wrapped (terminal.json, the backup file) or split (the shares, which the caller prints).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from domain import escrow
from domain.roles import Permission
from local_store import admin_passphrase, backup, recovery, rekey
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.errors import StoreError
from local_store.staff import Staff
from local_store.terminal_key import TerminalFile

if TYPE_CHECKING:
    import datetime as dt
    from contextlib import AbstractContextManager

    from local_store.registry import Municipality


class KeysFacade:
    _conn: Connection
    _lock: threading.RLock
    _audit: AuditLog
    _terminal_key: bytes
    fresh_recovery_code: str | None
    data_dir: Path
    terminal: str
    terminal_id: str
    municipality: Municipality

    if TYPE_CHECKING:
        def require(self, actor: Staff, permission: Permission) -> None: ...
        def _write(self) -> AbstractContextManager[Connection]: ...
        _clock: Callable[[], dt.datetime]

    def key_source(self) -> str:
        """Where the terminal key is kept: "keyring" or "passphrase" (端末の合言葉)."""
        return TerminalFile.load(self.data_dir).source

    def take_fresh_recovery_code(self) -> str | None:
        """A replica just made: its 復旧コード, handed out once (for the recovery kit), then forgotten."""
        code, self.fresh_recovery_code = self.fresh_recovery_code, None
        return code

    def new_recovery_code(self, actor: Staff) -> str:
        """A new 復旧コード for this terminal's recovery kit; the previous kit stops working."""
        self.require(actor, Permission.MANAGE_KEYS)
        with self._lock:
            code = recovery.renew(self.data_dir, self._terminal_key)
            with self._write():
                self._audit.record(actor.user, "復旧キット発行", self.terminal_id)
        return code

    def has_admin_passphrase(self) -> bool:
        """Whether terminal.json holds a 管理者の合言葉 wrap of the terminal key."""
        return TerminalFile.load(self.data_dir).admin is not None

    def set_admin_passphrase(self, actor: Staff, passphrase: str) -> None:
        """管理者の合言葉: wrap the terminal key under `passphrase` too (replacing a previous one)."""
        self.require(actor, Permission.MANAGE_KEYS)
        admin_passphrase.check_length(passphrase)
        with self._lock:
            with self._write():
                self._audit.record(actor.user, "管理者の合言葉の設定", self.terminal_id)
            admin_passphrase.set_wrap(self.data_dir, self._terminal_key, passphrase)

    def remove_admin_passphrase(self, actor: Staff) -> bool:
        """Drop the 管理者の合言葉 wrap; False when there was none."""
        self.require(actor, Permission.MANAGE_KEYS)
        with self._lock:
            if not self.has_admin_passphrase():
                return False
            with self._write():
                self._audit.record(actor.user, "管理者の合言葉の削除", self.terminal_id)
            return admin_passphrase.remove_wrap(self.data_dir)

    def rekey(self, actor: Staff, keep_code: Callable[[str], None], passphrase: str | None = None,
              admin: str | None = None) -> None:
        """鍵の更新: a new terminal key, a new 復旧コード (given to `keep_code` first) and, where there is no
        keyring, `passphrase` as the 端末の合言葉 from now on. A 管理者の合言葉 wrap is kept when `admin` (that
        passphrase) is given, and dropped when not."""
        self.require(actor, Permission.MANAGE_KEYS)
        with self._lock:
            if admin is not None:  # a mistyped one is refused before anything is written
                admin_passphrase.verify(TerminalFile.load(self.data_dir), admin)
            with self._write():
                self._audit.record(actor.user, "鍵の更新", self.terminal_id)
            self._terminal_key = rekey.rotate(self._conn, self.data_dir, passphrase, keep_code, admin)

    def escrow_shares(self, actor: Staff, count: int, threshold: int) -> list[str]:
        """分割鍵: the data key and signing key split into `count` shares, any `threshold` of which restore them."""
        self.require(actor, Permission.MANAGE_KEYS)
        with self._lock:
            rows = dict(self._conn.execute("SELECT name, value FROM secrets").fetchall())
            if "signing_key" not in rows:
                raise StoreError("分割鍵は町を作成した端末（番号の払い出し元）で作成してください",
                                 "only the numbering authority holds the signing key")
            town = self.municipality
            shares = escrow.split(escrow.EscrowSecret(rows["data_key"], rows["signing_key"], town.code,
                                                      town.prefecture, town.name, town.mayor), count, threshold)
            with self._write():
                self._audit.record(actor.user, "分割鍵の作成", "", f"{threshold}/{count}")
        return shares

    def backup(self, actor: Staff, out: Path, passphrase: str) -> None:
        """バックアップ: an encrypted, consistent copy of this replica in `out`, its key under `passphrase`."""
        self.require(actor, Permission.MANAGE_KEYS)
        with self._lock:
            with self._write():
                self._audit.record(actor.user, "バックアップ", "", out.name)
            town = self.municipality
            backup.write(self._conn, out, passphrase, {
                "municipality": town.code, "name": town.prefecture + town.name, "terminal": self.terminal,
                "terminal_id": self.terminal_id, "created_at": self._clock().isoformat(timespec="seconds")})
