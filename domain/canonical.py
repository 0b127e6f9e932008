"""Canonical JSON: the one byte form in which a value is hashed, signed or MACed (keys sorted, no spaces, UTF-8 as
written), so that two terminals that hold the same value make the same bytes of it."""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
