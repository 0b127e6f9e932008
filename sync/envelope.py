"""Envelopes: how a document travels and rests in the cloud, encrypted end to end.

The body is sealed with AES-256-GCM under a key derived from the municipality's data key, together with what the
replica must know of it: its class, the terminal that wrote it, that terminal's number for it (`local_store.
completeness`) and its parent revision. The municipality, the id, the revision and the deleted flag are bound as
associated data, so an envelope altered on the server, or moved to another id, does not open. The revision id is
itself an HMAC of the parent revision, the deleted flag and the body (`local_store.documents.revision_id`), checked
by the replica on arrival.

The server sees nothing that tells documents apart: a random id, a revision, the key id (`k`, for a later key
rotation), the deleted flag of a tombstone, and ciphertext whose size is a power of two of at least 1 KiB (`PADDED`):
the sealed content is the compressed body after a line of clear metadata, padded with zero bytes, so the size says
neither the kind of a document nor how many persons a 異動 holds. Envelopes of version 1 (class `c` and terminal
`t` in the clear, no padding), which the cloud may still hold, are opened as before.

The nonce is derived from the id, the revision and the sealed content: sealing a revision again gives the same bytes,
so envelopes received are forwarded unchanged, and two different contents never share a nonce.

Records (the audit database's entries and chain heads) have no revision of ours: `seal_record` binds the
municipality, the id and the class, and their ids are derived from what they name (`record_id`, an HMAC: a
terminal and a sequence number), so the reader checks the id against the opened body and a record moved to another
id, or one naming another terminal or sequence, is refused. Their nonce is derived from the id and the plaintext
itself: the same record seals to the same bytes (a retry is harmless), and two different bodies under one id (a
head document rewritten each round) never share a nonce.

Opening is on the path of every pulled document, so it reads the body with orjson and hands the body's canonical
JSON (which the revision id is checked against) and its compressed form (as the replica stores it) to the replica,
which would otherwise make them again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from domain.canonical import canonical_json
from local_store.documents import Document, pack_json
from local_store.replication import Arrival, LocalRevision, Refused

ENVELOPE_VERSION = 2  # what documents are sealed as; version 1 envelopes are still opened
RECORD_VERSION = 1  # the audit database's records
PADDED = 1024  # the smallest sealed content; larger ones are padded to the next power of two
DELETED_IN_CLOUD = "deleted in the cloud: a tombstone no terminal wrote"


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
    (`domain.canonical.canonical_json`). Anything else (an integer beyond 64 bits, which orjson reads as a float; NaN,
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


def _padded(content: bytes) -> bytes:
    """`content` with zero bytes up to its bucket: PADDED, or the next power of two above."""
    return content + bytes(max(PADDED, 1 << (len(content) - 1).bit_length()) - len(content))


def _read_body(stream: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """A version 2 envelope's body after its line of metadata: the body, its canonical JSON and its compressed form.
    The compressed body is what the replica stores when it inflates to canonical JSON (as this program seals it);
    anything else is read by the standard library and made canonical, as `_read_sealed` does."""
    inflater = zlib.decompressobj()
    try:
        body_json = inflater.decompress(stream)
    except zlib.error:
        raise EnvelopeError("malformed envelope: the body does not inflate") from None
    if not inflater.eof or inflater.unused_data.count(0) != len(inflater.unused_data):
        raise EnvelopeError("malformed envelope: the body is cut short or padded with something else")
    packed = stream[:len(stream) - len(inflater.unused_data)]
    try:
        body = orjson.loads(body_json)
        if orjson.dumps(body, option=orjson.OPT_SORT_KEYS) == body_json and not _orjson_only(body_json):
            return body, body_json, packed
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        pass
    body = json.loads(body_json)
    canonical = canonical_json(body)
    return body, canonical, packed if canonical == body_json else pack_json(canonical)


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

    def _aad(self, doc_id: str, rev: str, deleted: bool) -> bytes:
        return canonical_json([ENVELOPE_VERSION, self.municipality, doc_id, rev, deleted])

    def _aad_v1(self, doc_id: str, rev: str, doc_class: str, deleted: bool) -> bytes:
        return canonical_json([1, self.municipality, doc_id, rev, doc_class, deleted])

    def seal(self, doc: Document, parent_rev: str | None, origin: str | None = None,
             number: int | None = None) -> dict[str, Any]:
        """The envelope of one revision, as stored in the cloud (without `_revisions`): `origin` is the terminal
        that wrote it (this one when None), `number` that terminal's number for the document (None for an edit)."""
        meta = canonical_json({"class": doc.doc_class, "number": number, "origin": origin or self.terminal,
                               "parent": parent_rev})
        content = _padded(meta + b"\n" + pack_json(canonical_json(doc.body)))
        nonce = hmac.new(self._nonce_key, f"{doc.id}\n{doc.rev}\n".encode() + content, hashlib.sha256).digest()[:12]
        sealed = self._cipher.encrypt(nonce, content, self._aad(doc.id, doc.rev, doc.deleted))
        envelope: dict[str, Any] = {
            "_id": doc.id, "_rev": doc.rev, "v": ENVELOPE_VERSION, "k": self._key_id,
            "n": base64.b64encode(nonce).decode(), "x": base64.b64encode(sealed).decode(),
        }
        if doc.deleted:
            envelope["_deleted"] = True
        return envelope

    def seal_change(self, change: LocalRevision) -> dict[str, Any]:
        """The envelope of a revision held here, with its history (`_revisions`), as `_bulk_docs` takes it with
        `new_edits: false` and a bundle carries it."""
        envelope = self.seal(change.doc, change.parent_rev, origin=change.origin or None, number=change.number)
        envelope["_revisions"] = {"start": int(change.doc.rev.split("-", 1)[0]),
                                  "ids": [rev.split("-", 1)[1] for rev in change.path]}
        return envelope

    def claims_ours(self, envelope: dict[str, Any]) -> bool:
        """Whether a refused envelope stands on what may be a genuine revision: it claims to be sealed with our key
        (altered on the server), or it is a tombstone the server made (a document deleted there). A document of
        another origin altogether has nothing of ours behind it."""
        return ((envelope.get("v") in (1, ENVELOPE_VERSION) and envelope.get("k") == self._key_id)
                or (bool(envelope.get("_deleted")) and "x" not in envelope))

    def open(self, envelope: dict[str, Any]) -> Arrival:
        """The document with its parent revision, origin terminal, number and body's canonical JSON; EnvelopeError
        if anything does not match. The replica checks that the revision id is the HMAC of parent, deleted flag and
        body (`Replication.receive`)."""
        try:
            doc_id, rev = envelope["_id"], envelope["_rev"]
            deleted = bool(envelope.get("_deleted", False))
            if deleted and "x" not in envelope:
                raise EnvelopeError(DELETED_IN_CLOUD)
            version = envelope.get("v")
            if version not in (1, ENVELOPE_VERSION) or envelope.get("k") != self._key_id:
                raise EnvelopeError("sealed with another key or format")
            nonce, sealed = base64.b64decode(envelope["n"]), base64.b64decode(envelope["x"])
            if version == 1:
                doc_class = envelope["c"]
                content, body_json = _read_sealed(self._cipher.decrypt(
                    nonce, sealed, self._aad_v1(doc_id, rev, doc_class, deleted)))
                doc = Document(doc_id, rev, doc_class, content["body"], deleted)
                return Arrival(doc, content["parent"], str(envelope.get("t", "")), envelope, body_json)
            plaintext = self._cipher.decrypt(nonce, sealed, self._aad(doc_id, rev, deleted))
            line, _, stream = plaintext.partition(b"\n")
            meta = json.loads(line)
            doc_class, origin, number, parent = meta["class"], meta["origin"], meta["number"], meta["parent"]
            if not (isinstance(doc_class, str) and isinstance(origin, str) and (parent is None or isinstance(parent, str))
                    and (number is None or (type(number) is int and number > 0))):
                raise EnvelopeError("malformed envelope: its metadata")
            body, body_json, packed = _read_body(stream)
            if not isinstance(body, dict):
                raise EnvelopeError("malformed envelope: the body is not an object")
            return Arrival(Document(doc_id, rev, doc_class, body, deleted), parent, origin, envelope, body_json, packed,
                           number=number)
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
        return canonical_json([RECORD_VERSION, self.municipality, doc_id, doc_class, "record"])

    def seal_record(self, doc_id: str, doc_class: str, body: dict[str, Any]) -> dict[str, Any]:
        """The envelope of a record (without `_rev`: the server gives it one)."""
        plaintext = canonical_json(body)
        nonce = hmac.new(self._nonce_key, b"record\n" + doc_id.encode() + b"\n" + plaintext,
                         hashlib.sha256).digest()[:12]
        sealed = self._cipher.encrypt(nonce, plaintext, self._record_aad(doc_id, doc_class))
        return {"_id": doc_id, "v": RECORD_VERSION, "c": doc_class, "k": self._key_id,
                "n": base64.b64encode(nonce).decode(), "x": base64.b64encode(sealed).decode()}

    def open_record(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """A record's body; EnvelopeError if it does not open (the caller checks the id against the body)."""
        try:
            doc_id, doc_class = envelope["_id"], envelope["c"]
            if envelope.get("v") != RECORD_VERSION or envelope.get("k") != self._key_id:
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
