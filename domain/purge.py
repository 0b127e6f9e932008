"""Purge orders: a legally ordered erasure (a court order, a 個人情報保護委員会 decision), signed by an administrator
with the municipality's signing key and obeyed by every terminal and by the cloud.

An order names the documents to erase, the reason, who ordered it and when. What is signed is the canonical JSON
of the order without its signature (sorted keys, no spaces, UTF-8), the same bytes on every terminal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PURGE = "purge"  # the document class of purge orders (create-only)
FIELDS = ("doc_ids", "reason", "by", "at")
MAX_IDS = 1000


@dataclass(frozen=True, slots=True)
class PurgeOrder:
    doc_ids: tuple[str, ...]
    reason: str
    by: str  # the administrator who ordered it
    at: str  # ISO time of the order

    def unsigned(self) -> dict[str, Any]:
        return {"doc_ids": list(self.doc_ids), "reason": self.reason, "by": self.by, "at": self.at}

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> PurgeOrder:
        return cls(tuple(body["doc_ids"]), body["reason"], body["by"], body["at"])


def signed_bytes(unsigned: Mapping[str, Any]) -> bytes:
    """The bytes the municipality's key signs: the canonical JSON of the order without its signature."""
    return json.dumps(dict(unsigned), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def problem(body: Any) -> str | None:
    """Why this is not a well-formed signed purge order; None when it is."""
    if not isinstance(body, dict) or set(body) != {*FIELDS, "signature"}:
        return "a malformed purge order"
    ids, reason, by, at, signature = body["doc_ids"], body["reason"], body["by"], body["at"], body["signature"]
    if not (isinstance(ids, list) and 0 < len(ids) <= MAX_IDS and all(isinstance(i, str) and i for i in ids)
            and len(set(ids)) == len(ids)):
        return "a purge order without a valid list of documents"
    if not (isinstance(reason, str) and reason.strip() and isinstance(by, str) and by and isinstance(at, str) and at
            and isinstance(signature, str)):
        return "a malformed purge order"
    return None
