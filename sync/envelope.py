"""Envelopes: how a document travels and rests in the cloud, encrypted end to end.

The body (with its parent revision) is sealed with AES-256-GCM under a key derived from the municipality's data key;
the municipality, the id, the revision, the class and the deleted flag are bound as associated data, so an envelope
altered on the server, or moved to another id, does not open. The revision id is itself an HMAC of the parent
revision, the deleted flag and the body (`local_store.documents.revision_id`), checked by the replica on arrival.

The nonce is derived from the id and the revision, and a revision determines its body: sealing the same revision
again gives the same bytes, so envelopes received are forwarded unchanged. A few clear fields let the server tell
documents apart without reading them: class (`c`), terminal (`t`) and key id (`k`); nothing personal.

Records (the audit database's entries and chain heads) have no revision of ours: `seal_record` binds the
municipality, the id and the class, and their ids are derived from what they name (`record_id`, an HMAC: a
terminal and a sequence number), so the reader checks the id against the opened body and a record moved to another
id, or one naming another terminal or sequence, is refused. Their nonce is derived from the id and the plaintext
itself: the same record seals to the same bytes (a retry is harmless), and two different bodies under one id (a
head document rewritten each round) never share a nonce.

Opening is on the path of every pulled document, so it reads the plaintext with orjson and hands the body's
canonical JSON (which the revision id is checked against) to the replica, which would otherwise make it again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from local_store.documents import Document, canonical_json
from local_store.replication import Arrival, Refused

ENVELOPE_VERSION = 1


class EnvelopeError(ValueError):
    """An envelope that does not open or does not match what it claims: it goes to quarantine."""


def _derive(data_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"madoguchi envelope " + purpose).derive(data_key)


# How orjson writes some small floats, unlike the standard library (`1e-7` for `1e-07`, `0.00001` for `1e-05`): the
# only difference between the two on what JSON can hold, found by comparing them on millions of numbers.
_ORJSON_ONLY = re.compile(rb"e-[0-9](?![0-9])|0\.0000")


def _orjson_only(text: bytes) -> bool:
    """Whether `text` holds a number in one of orjson's own forms. Most bodies hold no `e-` and no `0.0000` at all,
    which is found much faster than the pattern is searched for."""
    return (b"e-" in text or b"0.0000" in text) and _ORJSON_ONLY.search(text) is not None


def _read_sealed(plaintext: bytes) -> tuple[dict[str, Any], bytes]:
    """The content of a sealed document (body and parent) and its body's canonical JSON.

    orjson reads it and writes the body back with sorted keys. When that gives the plaintext back exactly and holds
    none of orjson's own forms of a number, the reading was faithful and what it wrote is the body's canonical JSON
    (`documents.canonical_json`). Anything else (an integer beyond 64 bits, which orjson reads as a float; NaN,
    which it refuses; a plaintext not in canonical form) is read by the standard library, as it always was."""
    try:
        content = orjson.loads(plaintext)
        body_json = orjson.dumps(content["body"], option=orjson.OPT_SORT_KEYS)
        if (plaintext == b'{"body":' + body_json + b',"parent":' + orjson.dumps(content["parent"]) + b"}"
                and not _orjson_only(body_json)):
            return content, body_json
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, KeyError, TypeError):
        pass
    content = json.loads(plaintext)
    return content, canonical_json(content["body"])


def stored_form(envelope: dict[str, Any]) -> dict[str, Any]:
    """An envelope received, as it is kept: without its revision history (`_revisions`), as it was sealed."""
    return envelope if "_revisions" not in envelope else {k: v for k, v in envelope.items() if k != "_revisions"}


def key_id(data_key: bytes) -> str:
    """Names the data key without revealing it (for a later key rotation)."""
    return hashlib.sha256(_derive(data_key, b"key id")).hexdigest()[:16]


@dataclass(frozen=True)
class Sealer:
    municipality: str  # 全国地方公共団体コード
    terminal: str  # this terminal's id (random), a clear field of what it writes
    data_key: bytes

    @cached_property
    def _cipher(self) -> AESGCM:
        return AESGCM(_derive(self.data_key, b"encryption"))

    @cached_property
    def _nonce_key(self) -> bytes:
        return _derive(self.data_key, b"nonce")

    @cached_property
    def _key_id(self) -> str:
        return key_id(self.data_key)

    def _aad(self, doc_id: str, rev: str, doc_class: str, deleted: bool) -> bytes:
        return canonical_json([ENVELOPE_VERSION, self.municipality, doc_id, rev, doc_class, deleted])

    def seal(self, doc: Document, parent_rev: str | None, origin: str | None = None) -> dict[str, Any]:
        """The envelope of one revision, as stored in the cloud (without `_revisions`)."""
        nonce = hmac.new(self._nonce_key, f"{doc.id}\n{doc.rev}".encode(), hashlib.sha256).digest()[:12]
        plaintext = canonical_json({"parent": parent_rev, "body": doc.body})
        sealed = self._cipher.encrypt(
            nonce, plaintext, self._aad(doc.id, doc.rev, doc.doc_class, doc.deleted))
        envelope: dict[str, Any] = {
            "_id": doc.id, "_rev": doc.rev, "v": ENVELOPE_VERSION, "c": doc.doc_class, "t": origin or self.terminal,
            "k": self._key_id, "n": base64.b64encode(nonce).decode(), "x": base64.b64encode(sealed).decode(),
        }
        if doc.deleted:
            envelope["_deleted"] = True
        return envelope

    def open(self, envelope: dict[str, Any]) -> Arrival:
        """The document with its parent revision, origin terminal and body's canonical JSON; EnvelopeError if
        anything does not match. The replica checks that the revision id is the HMAC of parent, deleted flag and
        body (`Replication.receive`)."""
        try:
            doc_id, rev, doc_class = envelope["_id"], envelope["_rev"], envelope["c"]
            deleted = bool(envelope.get("_deleted", False))
            if envelope.get("v") != ENVELOPE_VERSION or envelope.get("k") != self._key_id:
                raise EnvelopeError("sealed with another key or format")
            nonce, sealed = base64.b64decode(envelope["n"]), base64.b64decode(envelope["x"])
            plaintext = self._cipher.decrypt(
                nonce, sealed, self._aad(doc_id, rev, doc_class, deleted))
            content, body_json = _read_sealed(plaintext)
            doc = Document(doc_id, rev, doc_class, content["body"], deleted)
            return Arrival(doc, content["parent"], str(envelope.get("t", "")), envelope, body_json)
        except InvalidTag:
            raise EnvelopeError("does not open: altered, or moved to another id") from None
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, EnvelopeError):
                raise
            raise EnvelopeError(f"malformed envelope: {type(exc).__name__}") from None

    def open_arrival(self, envelope: dict[str, Any]) -> Arrival | Refused:
        """An envelope received (from the cloud or a bundle) opened for the replica, or refused for its quarantine."""
        kept = stored_form(envelope)
        try:
            return self.open(kept)
        except EnvelopeError as exc:
            return Refused(str(envelope.get("_id", "")), str(envelope.get("_rev", "")), str(envelope.get("c", "")),
                           str(exc), kept)

    # --- records ---------------------------------------------------------------------------------------------------

    @cached_property
    def _id_key(self) -> bytes:
        return _derive(self.data_key, b"record id")

    def record_id(self, prefix: str, *names: str | int) -> str:
        """A record's id: the prefix and an HMAC of what it names (nothing readable)."""
        digest = hmac.new(self._id_key, canonical_json([self.municipality, *names]), hashlib.sha256).hexdigest()
        return prefix + digest[:40]

    def _record_aad(self, doc_id: str, doc_class: str) -> bytes:
        return canonical_json([ENVELOPE_VERSION, self.municipality, doc_id, doc_class, "record"])

    def seal_record(self, doc_id: str, doc_class: str, body: dict[str, Any]) -> dict[str, Any]:
        """The envelope of a record (without `_rev`: the server gives it one)."""
        plaintext = canonical_json(body)
        nonce = hmac.new(self._nonce_key, b"record\n" + doc_id.encode() + b"\n" + plaintext,
                         hashlib.sha256).digest()[:12]
        sealed = self._cipher.encrypt(nonce, plaintext, self._record_aad(doc_id, doc_class))
        return {"_id": doc_id, "v": ENVELOPE_VERSION, "c": doc_class, "k": self._key_id,
                "n": base64.b64encode(nonce).decode(), "x": base64.b64encode(sealed).decode()}

    def open_record(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """A record's body; EnvelopeError if it does not open (the caller checks the id against the body)."""
        try:
            doc_id, doc_class = envelope["_id"], envelope["c"]
            if envelope.get("v") != ENVELOPE_VERSION or envelope.get("k") != self._key_id:
                raise EnvelopeError("sealed with another key or format")
            nonce, sealed = base64.b64decode(envelope["n"]), base64.b64decode(envelope["x"])
            body = json.loads(self._cipher.decrypt(nonce, sealed, self._record_aad(doc_id, doc_class)))
        except InvalidTag:
            raise EnvelopeError("does not open: altered, or moved to another id") from None
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, EnvelopeError):
                raise
            raise EnvelopeError(f"malformed envelope: {type(exc).__name__}") from None
        if not isinstance(body, dict):
            raise EnvelopeError("malformed record")
        return body
