"""Purge orders: a legally ordered erasure (a court order, a 個人情報保護委員会 decision), signed by an administrator
with the municipality's signing key and obeyed by every terminal and by the cloud.

An order names the documents to erase, the reason, who ordered it and when, and — when it erases a 異動 whose record
the law keeps — the legal ground that overrides the retention. What is signed is the canonical JSON
of the order without its signature (sorted keys, no spaces, UTF-8), the same bytes on every terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.canonical import canonical_json
from domain.records import Person

PURGE = "purge"  # the document class of purge orders (create-only)
FIELDS = ("doc_ids", "reason", "by", "at")
OVERRIDE = "override_ground"  # optional: the legal ground for erasing a record the law keeps
MAX_IDS = 1000
RETENTION_YEARS = 150  # 施行令34条: a 除票 is kept 150 years from the day of its 消除


@dataclass(frozen=True, slots=True)
class PurgeOrder:
    doc_ids: tuple[str, ...]
    reason: str
    by: str  # the administrator who ordered it
    at: str  # ISO time of the order
    override_ground: str = ""  # the ground that overrides a legal retention (誤って記録された個人情報 etc.)

    def unsigned(self) -> dict[str, Any]:
        body = {"doc_ids": list(self.doc_ids), "reason": self.reason, "by": self.by, "at": self.at}
        return {**body, OVERRIDE: self.override_ground} if self.override_ground else body

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> PurgeOrder:
        return cls(tuple(body["doc_ids"]), body["reason"], body["by"], body["at"], body.get(OVERRIDE, ""))


def retained(person: Person, today: dt.date) -> bool:
    """The law still keeps this person's record: a living resident (no 除票 yet), or a 除票 within RETENTION_YEARS of
    its 消除 (施行令34条). A 消除 day that is not a calendar date counts as still kept."""
    removal = person.removal
    if person.is_resident or removal is None or not removal.date.is_calendar:
        return True
    removed = removal.date.to_date()
    try:
        ends = removed.replace(year=removed.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        ends = dt.date(removed.year + RETENTION_YEARS, 3, 1)
    return today < ends


def signed_bytes(unsigned: Mapping[str, Any]) -> bytes:
    """The bytes the municipality's key signs: the canonical JSON of the order without its signature."""
    return canonical_json(dict(unsigned))


def problem(body: Any) -> str | None:
    """Why this is not a well-formed signed purge order; None when it is."""
    if not isinstance(body, dict) or set(body) - {OVERRIDE} != {*FIELDS, "signature"}:
        return "a malformed purge order"
    if OVERRIDE in body and not (isinstance(body[OVERRIDE], str) and body[OVERRIDE].strip()):
        return "a malformed purge order"
    ids, reason, by, at, signature = body["doc_ids"], body["reason"], body["by"], body["at"], body["signature"]
    if not (isinstance(ids, list) and 0 < len(ids) <= MAX_IDS and all(isinstance(i, str) and i for i in ids)
            and len(set(ids)) == len(ids)):
        return "a purge order without a valid list of documents"
    if not (isinstance(reason, str) and reason.strip() and isinstance(by, str) and by and isinstance(at, str) and at
            and isinstance(signature, str)):
        return "a malformed purge order"
    return None
