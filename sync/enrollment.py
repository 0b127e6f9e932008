"""Enrollment codes: the documents through which a new terminal receives the municipality's keys, once.

A code on paper is twenty characters (100 bits). Stretched with scrypt it gives the id of the enrollment's documents
and a secret that only the issuing terminal and the holder of the code know. Three documents, each written once,
none of them of use to anyone but the one terminal that claimed the code first, whatever the cloud keeps of them:

- the **invitation** (`enroll-…`), by the issuing terminal: only that an enrollment exists, and until when;
- the **claim** (`enroll-…-claim`), by the new terminal: its own X25519 public key, authenticated with the code's
  secret. The first claim holds the id; a second folder that tries the same code finds it taken;
- the **answer** (`enroll-…-answer`), by the issuing terminal once it confirmed that claim (it confirms one claim
  per code, ever): the enrollment (data key, the new terminal's identity, signing key and number leases) sealed to the
  claimant's key (X25519, HKDF-SHA256 salted with the code's secret, AES-256-GCM). Only the key the claimant keeps
  opens it; with the code alone, or the cloud's every revision, nothing opens.

The replicator leaves every document under `PREFIX` alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.couch_client import CloudError

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper
PREFIX = "enroll-"
VERSION = 2
CLAIM, ANSWER = "-claim", "-answer"


class EnrollmentError(CloudError):
    pass


def new_code() -> str:
    """Twenty characters in four groups (100 bits): `ABCDE-FGHJK-LMNPQ-RSTUV`."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(20))
    return "-".join(chars[i:i + 5] for i in range(0, 20, 5))


@dataclass(frozen=True)
class CodeKeys:
    """What a code stands for: the id of its documents and the secret shared by the issuer and the code's holder."""

    doc_id: str
    secret: bytes

    @property
    def claim_id(self) -> str:
        return self.doc_id + CLAIM

    @property
    def answer_id(self) -> str:
        return self.doc_id + ANSWER


def code_keys(code: str) -> CodeKeys:
    normalized = code.strip().upper().replace("-", "").replace(" ", "")
    derived = hashlib.scrypt(normalized.encode(), salt=b"madoguchi enrollment v2", n=2**15, r=8, p=1, dklen=64,
                             maxmem=64 * 1024 * 1024)
    doc_id = PREFIX + hmac.new(derived[32:], b"id", hashlib.sha256).hexdigest()[:32]
    return CodeKeys(doc_id, derived[:32])


def invitation(expires: str) -> dict[str, Any]:
    return {"c": "enrollment", "v": VERSION, "expires": expires}


def expiry(stored: dict[str, Any]) -> str:
    """The invitation's expiry (ISO 8601); EnrollmentError when it is not one of ours."""
    if stored.get("c") != "enrollment" or stored.get("v") != VERSION or not isinstance(stored.get("expires"), str):
        raise EnrollmentError("この登録コードは使えません。管理者に新しいコードを依頼してください",
                              "not an enrollment invitation of this version")
    return str(stored["expires"])


# --- the claim ------------------------------------------------------------------------------------------------------

def new_terminal_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def public_hex(key: X25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def claim(keys: CodeKeys, claimant: str) -> dict[str, Any]:
    """The claim of a code by the terminal whose public key is `claimant` (hex), proven with the code's secret."""
    return {"c": "enrollment-claim", "v": VERSION, "key": claimant, "mac": _claim_mac(keys, claimant)}


def claimant(keys: CodeKeys, stored: dict[str, Any]) -> str | None:
    """The public key (hex) a claim was made for, when it was made with the code; None when it was not."""
    key = stored.get("key")
    mac = stored.get("mac")
    if not isinstance(key, str) or not isinstance(mac, str) or len(key) != 64:
        return None
    return key if hmac.compare_digest(mac, _claim_mac(keys, key)) else None


def _claim_mac(keys: CodeKeys, key: str) -> str:
    return hmac.new(keys.secret, f"claim {keys.doc_id} {key}".encode(), hashlib.sha256).hexdigest()


def check_number(claimant_hex: str) -> str:
    """確認番号: six digits of the claimant's key, shown on both terminals so that a person can compare them."""
    number = int.from_bytes(hashlib.sha256(bytes.fromhex(claimant_hex)).digest()[:8], "big") % 1_000_000
    return f"{number // 1000:03d} {number % 1000:03d}"


# --- the answer -----------------------------------------------------------------------------------------------------

def seal_answer(keys: CodeKeys, claimant_hex: str, enrollment: dict[str, Any]) -> dict[str, Any]:
    """The enrollment sealed to the claimant's key: only the claimant's private key opens it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_hex = public_hex(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(claimant_hex)))
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_answer_key(keys, shared, claimant_hex, ephemeral_hex)).encrypt(
        nonce, json.dumps(enrollment).encode(), keys.doc_id.encode())
    return {"c": "enrollment-answer", "v": VERSION, "to": claimant_hex, "from": ephemeral_hex,
            "n": base64.b64encode(nonce).decode(), "x": base64.b64encode(sealed).decode()}


def open_answer(keys: CodeKeys, key: X25519PrivateKey, stored: dict[str, Any]) -> dict[str, Any]:
    """The enrollment in an answer sealed to `key`; EnrollmentError when it is not, or was altered."""
    mine = public_hex(key)
    if stored.get("to") != mine:
        raise EnrollmentError("この登録コードは既に使われています", "the answer is sealed to another terminal's key")
    try:
        ephemeral_hex = str(stored["from"])
        shared = key.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(ephemeral_hex)))
        enrollment: dict[str, Any] = json.loads(AESGCM(_answer_key(keys, shared, mine, ephemeral_hex)).decrypt(
            base64.b64decode(stored["n"]), base64.b64decode(stored["x"]), keys.doc_id.encode()))
    except (InvalidTag, KeyError, TypeError, ValueError):
        raise EnrollmentError("登録情報を開けません（改ざんされているおそれがあります）", "enrollment does not open") from None
    if not isinstance(enrollment, dict):
        raise EnrollmentError("登録情報を開けません（改ざんされているおそれがあります）", "enrollment is not an object")
    return enrollment


def _answer_key(keys: CodeKeys, shared: bytes, claimant_hex: str, ephemeral_hex: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=keys.secret,
                info=f"madoguchi enrollment answer {keys.doc_id} {claimant_hex} {ephemeral_hex}".encode()).derive(shared)


# --- the claimant's key while it waits ------------------------------------------------------------------------------

def wrap_key(keys: CodeKeys, key: X25519PrivateKey) -> dict[str, str]:
    """The claimant's private key under the code's secret: kept in the new terminal's folder until the join is done,
    so that the same join resumes (with the code typed again); of no use without the code."""
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(keys.secret).encrypt(nonce, raw, f"claimant key {keys.doc_id}".encode())
    return {"n": base64.b64encode(nonce).decode(), "x": base64.b64encode(sealed).decode()}


def unwrap_key(keys: CodeKeys, wrapped: dict[str, str]) -> X25519PrivateKey:
    try:
        raw = AESGCM(keys.secret).decrypt(base64.b64decode(wrapped["n"]), base64.b64decode(wrapped["x"]),
                                          f"claimant key {keys.doc_id}".encode())
        return X25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, KeyError, TypeError, ValueError):
        raise EnrollmentError("このフォルダの参加途中の情報は、この登録コードのものではありません",
                              "the waiting claimant key does not open with this code") from None
