"""Opening the replica from the window: the keyring first, the 端末の合言葉 when this terminal has none.

No Qt here: the question is asked through a callback, so the retry logic is tested without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from local_store.errors import WrongKeyError, WrongPassphraseError
from local_store.registry import Clock, Registry
from local_store.terminal_key import TERMINAL_FILE, NoKeyringError, PassphrasePrompt

# (why it is asked, the previous attempt's error or None) -> the passphrase, or None when the user gave up
AskPassphrase = Callable[[str, str | None], str | None]


def has_replica(data_dir: Path) -> bool:
    """Whether set-up finished in this folder (terminal.json is written last, once the replica is complete)."""
    return (data_dir / TERMINAL_FILE).is_file()


def open_replica(data_dir: Path, ask: AskPassphrase, clock: Clock | None = None) -> Registry | None:
    """The open registry, or None when the passphrase was asked for and cancelled; other StoreErrors propagate."""

    def attempt(passphrase: PassphrasePrompt | None) -> Registry:
        if clock is None:
            return Registry.open(data_dir, passphrase=passphrase)
        return Registry.open(data_dir, passphrase=passphrase, clock=clock)

    try:
        return attempt(None)
    except NoKeyringError as exc:
        reason = exc.message
    error: str | None = None
    while True:
        phrase = ask(reason, error)
        if phrase is None:
            return None
        try:
            return attempt(lambda p=phrase: p)  # type: ignore[misc]
        except (WrongKeyError, WrongPassphraseError) as exc:
            error = exc.message
