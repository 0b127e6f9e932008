"""The idle lock's minutes: a setting of the municipality (`idle_lock_minutes`), read by the window's lock and changed
in 設定."""

from __future__ import annotations

from local_store.registry import Registry

DEFAULT_MINUTES = 5


def idle_minutes(registry: Registry) -> float:
    value = registry.settings.get().get("idle_lock_minutes", DEFAULT_MINUTES)
    return float(value) if isinstance(value, int | float) and value > 0 else DEFAULT_MINUTES
