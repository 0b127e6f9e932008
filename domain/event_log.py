"""Replicated logs of create-only events (staff, 支援措置): each event names the events it saw as its parents."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from domain.canonical import canonical_json


def event_id(event: Mapping[str, Any]) -> str:
    """An event's id: the hash of its canonical JSON (the parents it names are thereby fixed too)."""
    return hashlib.sha256(canonical_json(event)).hexdigest()[:32]


def ancestors(events: Mapping[str, Mapping[str, Any]]) -> dict[str, set[str]]:
    """Each event's ancestors among the events known (a parent not yet arrived is skipped)."""
    found: dict[str, set[str]] = {}
    for start in events:
        seen: set[str] = set()
        waiting = [p for p in events[start].get("parents", []) if p in events]
        while waiting:
            parent = waiting.pop()
            if parent not in seen:
                seen.add(parent)
                waiting.extend(p for p in events[parent].get("parents", []) if p in events)
        found[start] = seen
    return found
