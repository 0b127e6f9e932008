"""Enrollment codes: how a new terminal receives the municipality's keys through the cloud, and only once.

An administrator's terminal seals the enrollment (keys, the new terminal's identity, its signed number leases)
under a key derived from a random one-time code with scrypt, and stores it in the cloud under an id derived from the
same code. The new terminal, given the code on paper, finds it, opens it, checks that it has not expired, joins,
and deletes it: a code works once. The cloud sees only ciphertext and an expiry time.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.couch_client import CloudError, CouchClient

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper
PREFIX = "enroll-"


class EnrollmentError(CloudError):
    pass


def new_code() -> str:
    """Twenty characters in four groups (100 bits): `ABCDE-FGHJK-LMNPQ-RSTUV`."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(20))
    return "-".join(chars[i:i + 5] for i in range(0, 20, 5))


def _keys(code: str) -> tuple[bytes, str]:
    normalized = code.strip().upper().replace("-", "").replace(" ", "")
    derived = hashlib.scrypt(normalized.encode(), salt=b"madoguchi enrollment v1", n=2**15, r=8, p=1, dklen=64,
                             maxmem=64 * 1024 * 1024)
    doc_id = PREFIX + hmac.new(derived[32:], b"id", hashlib.sha256).hexdigest()[:32]
    return derived[:32], doc_id


def publish(client: CouchClient, code: str, enrollment: dict[str, Any]) -> None:
    key, doc_id = _keys(code)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, json.dumps(enrollment).encode(), doc_id.encode())
    client.put(CouchClient.doc_path(doc_id), {"c": "enrollment", "expires": enrollment["expires"],
                                               "n": base64.b64encode(nonce).decode(),
                                               "x": base64.b64encode(sealed).decode()})


@dataclass(frozen=True)
class Found:
    """An enrollment fetched with its code, and where it is stored (to delete it once used)."""

    payload: dict[str, Any]
    doc_id: str
    rev: str


def fetch(client: CouchClient, code: str, now: dt.datetime) -> Found:
    """The enrollment behind a code; EnrollmentError when it cannot be used."""
    key, doc_id = _keys(code)
    stored = client.get(CouchClient.doc_path(doc_id), missing_ok=True)
    if stored is None:
        raise EnrollmentError("この登録コードは使えません（誤り、使用済み、または期限切れです）", "no such enrollment")
    try:
        enrollment: dict[str, Any] = json.loads(AESGCM(key).decrypt(
            base64.b64decode(stored["n"]), base64.b64decode(stored["x"]), doc_id.encode()))
        expires = dt.datetime.fromisoformat(enrollment["expires"])
    except (InvalidTag, KeyError, TypeError, ValueError):
        raise EnrollmentError("登録情報を開けません（改ざんされているおそれがあります）", "enrollment does not open") from None
    if now >= expires:
        raise EnrollmentError("この登録コードは期限切れです。管理者に新しいコードを依頼してください", "enrollment expired")
    return Found(enrollment, doc_id, stored["_rev"])


def consume(client: CouchClient, found: Found) -> None:
    """Delete a used enrollment: its code works once (and its key is not derived again, scrypt being slow)."""
    client.put(CouchClient.doc_path(found.doc_id), {"_rev": found.rev, "_deleted": True})
