"""The settings document as stored: one mutable document of class `settings` (see `settings_service`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from domain.errors import ValidationError
from local_store import documents
from local_store.database import Connection

SETTINGS_ID = "settings"
# Past this many hours since a terminal last synced, 第三者 and 代理人 requests wait for a supervisor's judgment there
# (`domain.kofu_rules.DataAge`).
STALE_AFTER_HOURS = "stale_after_hours"
DEFAULT_STALE_AFTER_HOURS = 24
MAX_STALE_AFTER_HOURS = 24 * 30


def read(conn: Connection) -> dict[str, Any]:
    """The settings as they are now (in the caller's transaction); empty before any were written."""
    doc = documents.get(conn, SETTINGS_ID)
    return dict(doc.body) if doc is not None else {}


def stale_after(body: Mapping[str, Any]) -> dt.timedelta:
    """The municipality's limit on how old a terminal's data may be before 第三者・代理人 requests wait for a
    judgment; the default where none is set."""
    hours = body.get(STALE_AFTER_HOURS, DEFAULT_STALE_AFTER_HOURS)
    valid = isinstance(hours, int) and not isinstance(hours, bool) and 1 <= hours <= MAX_STALE_AFTER_HOURS
    return dt.timedelta(hours=hours if valid else DEFAULT_STALE_AFTER_HOURS)


def check(changes: Mapping[str, Any]) -> None:
    """Refuse a value the program could not use (ValidationError)."""
    if STALE_AFTER_HOURS in changes:
        hours = changes[STALE_AFTER_HOURS]
        if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= MAX_STALE_AFTER_HOURS:
            raise ValidationError("同期の遅れ", f"同期の遅れの上限は1から{MAX_STALE_AFTER_HOURS}時間までです")
