"""The settings document as stored: one mutable document of class `settings` (see `settings_service`)."""

from __future__ import annotations

from typing import Any

from local_store import documents
from local_store.database import Connection

SETTINGS_ID = "settings"


def read(conn: Connection) -> dict[str, Any]:
    """The settings as they are now (in the caller's transaction); empty before any were written."""
    doc = documents.get(conn, SETTINGS_ID)
    return dict(doc.body) if doc is not None else {}
