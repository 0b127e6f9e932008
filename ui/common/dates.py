"""Times and days as the window shows them, in 和暦."""

from __future__ import annotations

import datetime as dt

from domain.wareki import format_wareki


def when(at: dt.datetime) -> str:
    """「令和8年11月27日 9:02」, at the offset the time carries (the terminal's, where it was taken)."""
    return f"{format_wareki(at.date())} {at.hour}:{at.minute:02d}"


def processed_on(processed_at: str) -> str:
    """The day of a 処理日時 (ISO 8601 with offset) in 和暦; as stored when it cannot be read."""
    try:
        return format_wareki(dt.datetime.fromisoformat(processed_at).date())
    except ValueError:
        return processed_at
