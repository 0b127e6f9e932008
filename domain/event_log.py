"""Replicated logs of create-only events (staff, 支援措置): each event names the events it saw as its parents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
