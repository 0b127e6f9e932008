"""The 失効 of a terminal's certificate signing key (端末の署名鍵): the key that the municipality certified when it
enrolled the terminal signs nothing from a day on (a terminal lost, stolen or retired).

A revocation is a create-only document of class `tkey`, signed with the municipality's key over its canonical JSON
without the signature (sorted keys, no spaces, UTF-8), so that no terminal but the numbering authority can write
one. A certificate the key signed with a 交付 on or after `since` is 無効 (the day of 交付 is what a certificate
carries; the revocation's own time is not). A key revoked twice keeps its earliest day: the most restrictive holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from domain.canonical import canonical_json

TKEY = "tkey"
FIELDS = frozenset({"terminal_id", "terminal", "key", "since", "reason", "by", "at"})
_KEY = re.compile(r"[0-9a-f]{64}")


def revocation(terminal_id: str, terminal: str, key: bytes, since: dt.date, reason: str, by: str,
               at: str) -> dict[str, str]:
    return {"terminal_id": terminal_id, "terminal": terminal, "key": key.hex(), "since": since.isoformat(),
            "reason": reason, "by": by, "at": at}


def signed_bytes(unsigned: Mapping[str, Any]) -> bytes:
    return canonical_json(dict(unsigned))


def problem(body: Any) -> str | None:
    """Why this is not a well-formed signed revocation; None when it is."""
    if not (isinstance(body, dict) and set(body) == FIELDS | {"signature"}
            and all(isinstance(v, str) for v in body.values())):
        return "a malformed terminal key revocation"
    if not _KEY.fullmatch(body["key"]):
        return "a terminal key revocation without a key"
    try:
        dt.date.fromisoformat(body["since"])
    except ValueError:
        return "a terminal key revocation without its day"
    return None


def revoked_since(revocations: Iterable[Mapping[str, str]]) -> dict[bytes, dt.date]:
    """Each revoked key (raw public key) with the first day it signs nothing."""
    found: dict[bytes, dt.date] = {}
    for body in revocations:
        key, since = bytes.fromhex(body["key"]), dt.date.fromisoformat(body["since"])
        found[key] = min(since, found.get(key, since))
    return found
