"""Opening the replica from the window: the keyring first, the 端末の合言葉 when this terminal has none, the
復旧コード when the keyring has lost the key.

No Qt here: the question is asked through a callback, so the retry logic is tested without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from domain.errors import ValidationError
from local_store.errors import WrongKeyError, WrongPassphraseError
from local_store.registry import Clock, Registry
from local_store.terminal_key import TERMINAL_FILE, KeyringKeyMissing, NoKeyringError, PassphrasePrompt

# (why it is asked, the previous attempt's error or None) -> the passphrase, or None when the user gave up
AskPassphrase = Callable[[str, str | None], str | None]


def has_replica(data_dir: Path) -> bool:
    """Whether set-up finished in this folder (terminal.json is written last, once the replica is complete)."""
    return (data_dir / TERMINAL_FILE).is_file()


def open_replica(data_dir: Path, ask: AskPassphrase, clock: Clock | None = None,
                 ask_code: AskPassphrase | None = None) -> Registry | None:
    """The open registry, or None when the passphrase (or, when the keyring has lost the key, the 復旧コード asked
    with `ask_code`) was asked for and cancelled; other StoreErrors propagate."""

    def attempt(passphrase: PassphrasePrompt | None, code: str | None = None) -> Registry:
        if clock is None:
            return Registry.open(data_dir, passphrase=passphrase, recovery_code=code)
        return Registry.open(data_dir, passphrase=passphrase, clock=clock, recovery_code=code)

    try:
        return attempt(None)
    except NoKeyringError as exc:
        reason, by_code = exc.message, False
    except KeyringKeyMissing as exc:
        if ask_code is None:
            raise
        reason, by_code = exc.message, True
    error: str | None = None
    while True:
        given = (ask_code if by_code and ask_code else ask)(reason, error)
        if given is None:
            return None
        try:
            return attempt(None, given) if by_code else attempt(lambda p=given: p)  # type: ignore[misc]
        except (WrongKeyError, WrongPassphraseError, ValidationError) as exc:
            error = exc.message
