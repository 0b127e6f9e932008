"""The terminal key: the random 256-bit raw key of the SQLCipher replica, and where it is kept.

The key lives in the OS keyring, or, where there is none, wrapped under a passphrase (scrypt, then AES-256-GCM)
in `terminal.json` beside the replica; it is also wrapped the same way under the terminal's 復旧コード (see
`local_store.recovery`) and, optionally, under an administrator passphrase (管理者の合言葉, see
`local_store.admin_passphrase`). That file holds no secret in the clear: the keyring entry's name, the wrapped key, and a
key check value (an HMAC of a fixed label) that tells a wrong key from a damaged file. While the key is being
rotated (`local_store.rekey`) it also holds the next key's wraps under `pending`.

A keyring backend that keeps secrets in a plaintext file (keyrings.alt's, which `keyring` picks by itself when it
is installed and nothing better exists) counts as no keyring, unless an administrator chose it explicitly with the
standard `PYTHON_KEYRING_BACKEND` variable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from local_store import work_factors
from local_store.errors import StoreError, WrongPassphraseError

KEYRING_SERVICE = "Madoguchi"
TERMINAL_FILE = "terminal.json"
_CHECK_LABEL = b"madoguchi terminal key check v1"
_SCRYPT_N_BEFORE_RECORDED = 2**15  # the factor of wraps made before each wrap recorded its own
_PLAINTEXT_BACKENDS = ("keyrings.alt.file.PlaintextKeyring",)
_NO_BACKENDS = ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring")

PassphrasePrompt = Callable[[], str]


class NoKeyringError(StoreError):
    pass


class KeyringKeyMissing(StoreError):
    """terminal.json says the key is in the keyring, and the keyring has no such entry: the 復旧コード opens it."""


def _qualified(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def usable_keyring() -> keyring.backend.KeyringBackend | None:
    """The keyring the key may be kept in, or None when there is no safe one."""
    backend = keyring.get_keyring()
    chosen = bool(os.environ.get("PYTHON_KEYRING_BACKEND"))
    inner = getattr(backend, "backends", None)
    effective = inner[0] if inner else backend
    name = _qualified(effective)
    if name in _NO_BACKENDS or (inner is not None and not inner):
        return None
    if name in _PLAINTEXT_BACKENDS and not chosen:
        return None
    return backend


def key_check_value(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class TerminalFile:
    """The contents of terminal.json: how to find the key, never the key itself."""

    terminal_id: str
    source: str  # "keyring" or "passphrase"
    check: str
    backend: str = ""
    wrapped: dict[str, str] | None = None
    recovery: dict[str, str] | None = None  # the key wrapped under the 復旧コード
    pending: dict[str, Any] | None = None  # during a rotation: the next key's check, wrapped, recovery and admin
    admin: dict[str, str] | None = None  # the key wrapped under the 管理者の合言葉 (optional)

    def save(self, data_dir: Path) -> None:
        """Write atomically: a crash leaves either the old file or the new one."""
        path = data_dir / TERMINAL_FILE
        tmp = path.with_suffix(".tmp")
        body = {"format": 1, "terminal_id": self.terminal_id, "source": self.source, "check": self.check,
                "backend": self.backend, "wrapped": self.wrapped, "recovery": self.recovery, "pending": self.pending,
                "admin": self.admin}
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(body, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, data_dir: Path) -> TerminalFile:
        path = data_dir / TERMINAL_FILE
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            return cls(body["terminal_id"], body["source"], body["check"], body.get("backend", ""), body.get("wrapped"),
                       body.get("recovery"), body.get("pending"), body.get("admin"))
        except FileNotFoundError:
            raise StoreError("この端末にはまだ台帳がありません（初期設定をしてください）", f"no replica in {data_dir}") from None
        except (ValueError, KeyError, TypeError):
            raise StoreError("端末の設定ファイル（terminal.json）が壊れています", "terminal.json is damaged") from None


def _kek(passphrase: str, salt: bytes, n: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=8, p=1, dklen=32, maxmem=64 * 1024 * 1024)


def wrap_with_passphrase(key: bytes, passphrase: str) -> dict[str, str]:
    salt, nonce, n = secrets.token_bytes(16), secrets.token_bytes(12), work_factors.current().wrap_n
    sealed = AESGCM(_kek(passphrase, salt, n)).encrypt(nonce, key, b"madoguchi terminal key")
    return {"kdf": "scrypt", "n": str(n), "salt": salt.hex(), "nonce": nonce.hex(), "sealed": sealed.hex()}


def unwrap_with_passphrase(wrapped: dict[str, str], passphrase: str,
                           wrong: tuple[str, str] = ("合言葉が違います", "wrong passphrase")) -> bytes:
    try:
        kek = _kek(passphrase, bytes.fromhex(wrapped["salt"]), int(wrapped.get("n", _SCRYPT_N_BEFORE_RECORDED)))
        return AESGCM(kek).decrypt(bytes.fromhex(wrapped["nonce"]), bytes.fromhex(wrapped["sealed"]),
                                   b"madoguchi terminal key")
    except InvalidTag:
        raise WrongPassphraseError(*wrong) from None
    except (ValueError, TypeError, KeyError):  # a factor scrypt refuses, or a field missing or not hex
        raise StoreError("鍵の保管情報の形が正しくありません", "malformed key wrap") from None


def keyring_entry(terminal_id: str, pending: bool = False) -> str:
    """The keyring entry's name: the terminal id, or during a rotation the next key's entry."""
    return terminal_id + ".next" if pending else terminal_id


def keep_in_keyring(entry: str, key: bytes) -> None:
    backend = usable_keyring()
    if backend is None:
        raise NoKeyringError("この端末には安全なキーリングがありません", "no usable keyring")
    try:
        backend.set_password(KEYRING_SERVICE, entry, key.hex())
    except keyring.errors.KeyringError as exc:
        raise StoreError("キーリングに端末の鍵を保存できませんでした", f"keyring refused the key: {type(exc).__name__}") from None


def new_key(terminal_id: str, passphrase: PassphrasePrompt | None) -> tuple[bytes, TerminalFile]:
    """Make a new random key and keep it in the keyring (or wrap it under a passphrase).

    Returns the key and the terminal.json that finds it again; the caller saves that file once the replica is
    complete, so an interrupted set-up never leaves a replica that looks finished.
    """
    key = secrets.token_bytes(32)
    backend = usable_keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, terminal_id, key.hex())
        except keyring.errors.KeyringError as exc:
            raise StoreError("キーリングに端末の鍵を保存できませんでした", f"keyring refused the key: {type(exc).__name__}") from None
        return key, TerminalFile(terminal_id, "keyring", key_check_value(key), backend=_qualified(backend))
    if passphrase is None:
        raise NoKeyringError(
            "この端末には安全なキーリングがありません。端末の合言葉を決めてください",
            "no usable keyring (and no passphrase given): set a passphrase",
        )
    phrase = passphrase()
    if len(phrase) < 10:
        raise StoreError("合言葉は10文字以上にしてください", "the passphrase must have at least 10 characters")
    return key, TerminalFile(terminal_id, "passphrase", key_check_value(key), wrapped=wrap_with_passphrase(key, phrase))


def load_key(data_dir: Path, passphrase: PassphrasePrompt | None) -> bytes:
    """The replica's key, from the keyring or from the passphrase; a clear error when it cannot be had."""
    info = TerminalFile.load(data_dir)
    if info.source == "passphrase":
        if info.wrapped is None:
            raise StoreError("端末の設定ファイル（terminal.json）が壊れています", "terminal.json has no wrapped key")
        if passphrase is None:
            raise NoKeyringError("端末の合言葉を入力してください", "this replica is opened with a passphrase")
        return unwrap_with_passphrase(info.wrapped, passphrase())
    stored = read_keyring(keyring_entry(info.terminal_id))
    if stored is None:
        raise KeyringKeyMissing(
            "キーリングに端末の鍵がありません（復旧キットの復旧コードで開いてください）",
            "the keyring has no key for this terminal",
        )
    return stored


def read_keyring(entry: str) -> bytes | None:
    """A key kept in the keyring, or None when the entry is not there."""
    try:
        stored = keyring.get_password(KEYRING_SERVICE, entry)
    except keyring.errors.KeyringError as exc:
        raise StoreError("キーリングから端末の鍵を読めません", f"keyring error: {type(exc).__name__}") from None
    if stored is None:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        raise StoreError("キーリングの端末の鍵が壊れています", "the keyring entry is not a key") from None


def forget_key(terminal_id: str, pending: bool = False) -> None:
    """Remove the keyring entry (an interrupted set-up started over), or the next key's (a finished rotation)."""
    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_entry(terminal_id, pending))
    except keyring.errors.KeyringError:
        pass


CLOUD_SERVICE = "Madoguchi cloud"


def store_cloud_password(terminal_id: str, password: str) -> None:
    """The terminal's cloud password, in the keyring only (never in a file)."""
    backend = usable_keyring()
    if backend is None:
        raise NoKeyringError("この端末には安全なキーリングがないため、クラウドのパスワードを保存できません",
                             "no usable keyring for the cloud password")
    backend.set_password(CLOUD_SERVICE, terminal_id, password)


def load_cloud_password(terminal_id: str) -> str | None:
    backend = usable_keyring()
    return None if backend is None else backend.get_password(CLOUD_SERVICE, terminal_id)


def discard_replica(data_dir: Path, terminal_id: str) -> None:
    """Remove a replica that was never completed (a failed join): its files and its keyring entries."""
    for name in (TERMINAL_FILE, "registry.db", "registry.db-wal", "registry.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    forget_key(terminal_id)
    backend = usable_keyring()
    if backend is not None:
        try:
            backend.delete_password(CLOUD_SERVICE, terminal_id)
        except keyring.errors.KeyringError:
            pass
