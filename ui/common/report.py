"""How a dialog tells the user something: its message line, as an error or not."""

from __future__ import annotations

from typing import Protocol


class Report(Protocol):
    """A dialog's `show_message`."""

    def __call__(self, text: str, *, error: bool = False) -> None: ...
