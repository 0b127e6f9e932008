"""Opening the replica from the window: the keyring first, the 端末の合言葉 when this terminal has none, the
復旧コード (or, where one is set, the 管理者の合言葉, as the user chooses) when the keyring has lost the key.

No Qt here: the question is asked through a callback, so the retry logic is tested without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from domain.errors import ValidationError
from local_store.context import Clock
from local_store.errors import WrongKeyError, WrongPassphraseError
from local_store.registry import Registry
from local_store.terminal_key import (
    TERMINAL_FILE,
    KeyringKeyMissing,
    NoKeyringError,
    PassphrasePrompt,
    TerminalFile,
)

# (why it is asked, the previous attempt's error or None) -> the passphrase, or None when the user gave up
AskPassphrase = Callable[[str, str | None], str | None]
# (why it is asked) -> True for the 管理者の合言葉, False for the 復旧コード, None when the user gave up
ChooseAdmin = Callable[[str], bool | None]


def has_replica(data_dir: Path) -> bool:
    """Whether set-up finished in this folder (terminal.json is written last, once the replica is complete)."""
    return (data_dir / TERMINAL_FILE).is_file()


def open_replica(data_dir: Path, ask: AskPassphrase, clock: Clock, ask_code: AskPassphrase | None = None,
                 ask_admin: AskPassphrase | None = None, choose_admin: ChooseAdmin | None = None) -> Registry | None:
    """The open registry, or None when the passphrase (or, when the keyring has lost the key, the 復旧コード asked
    with `ask_code`, or the 管理者の合言葉 asked with `ask_admin` where terminal.json has its wrap and
    `choose_admin` picked it) was asked for and cancelled; other StoreErrors propagate."""
    way = "passphrase"

    def attempt(passphrase: PassphrasePrompt | None, given: str | None = None) -> Registry:
        code, admin = (given if way == "code" else None), (given if way == "admin" else None)
        return Registry.open(data_dir, passphrase=passphrase, clock=clock, recovery_code=code,
                             admin_passphrase=admin)

    try:
        return attempt(None)
    except NoKeyringError as exc:
        reason, asker = exc.message, ask
    except KeyringKeyMissing as exc:
        if ask_code is None:
            raise
        reason, way, asker = exc.message, "code", ask_code
        if ask_admin is not None and choose_admin is not None and TerminalFile.load(data_dir).admin is not None:
            chosen = choose_admin(reason)
            if chosen is None:
                return None
            if chosen:
                way, asker = "admin", ask_admin
    error: str | None = None
    while True:
        given = asker(reason, error)
        if given is None:
            return None
        try:
            return attempt(lambda p=given: p) if way == "passphrase" else attempt(None, given)  # type: ignore[misc]
        except (WrongKeyError, WrongPassphraseError, ValidationError) as exc:
            error = exc.message
