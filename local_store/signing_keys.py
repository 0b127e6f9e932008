"""Terminals' certificate signing keys in the replica: on the numbering authority, the key of each terminal it
enrolled (in `meta`, by terminal id: the authority alone certifies and revokes); everywhere, the revocations
(`domain.terminal_keys`), signed with the municipality's key, which every terminal reads to verify a certificate.
Here too the one check of an arriving document the municipality's key signed (a revocation, a purge order)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain import terminal_keys as rules
from domain.canonical import canonical_json
from local_store import documents, meta
from local_store.database import Connection

ENROLLED = "enrolled_signing_key:"  # meta key prefix: + terminal id → {"terminal": name, "key": hex}


def remember(conn: Connection, terminal_id: str, terminal: str, key: bytes) -> None:
    """The key certified for a terminal just enrolled here (in the caller's transaction)."""
    meta.put(conn, {ENROLLED + terminal_id: json.dumps({"terminal": terminal, "key": key.hex()})})


def enrolled(conn: Connection, terminal: str) -> list[tuple[str, bytes]]:
    """(terminal id, key) of every key certified here for a terminal of that name."""
    found = [(k.removeprefix(ENROLLED), json.loads(v)) for k, v in meta.read(conn).items() if k.startswith(ENROLLED)]
    return [(terminal_id, bytes.fromhex(v["key"])) for terminal_id, v in found if v["terminal"] == terminal]


def terminals(conn: Connection) -> dict[str, str]:
    """Every terminal enrolled here: its name by its id."""
    return {k.removeprefix(ENROLLED): json.loads(v)["terminal"] for k, v in meta.read(conn).items()
            if k.startswith(ENROLLED)}


def revoke(conn: Connection, data_key: bytes, signer: Ed25519PrivateKey, unsigned: Mapping[str, str]) -> None:
    """Sign a revocation with the municipality's key and store it (in the caller's transaction)."""
    body = {**unsigned, "signature": signer.sign(rules.signed_bytes(unsigned)).hex()}
    documents.put_new(conn, data_key, rules.TKEY, body)


def revocations(conn: Connection) -> list[dict[str, Any]]:
    return [d.body for d in documents.iter_class(conn, rules.TKEY)]


def signature_problem(body: Any, public_key: Ed25519PublicKey) -> str | None:
    """An arriving revocation: well formed and signed with the municipality's key; None when it is."""
    return municipality_signed_problem(body, public_key, rules.problem, "terminal key revocation")


def municipality_signed_problem(body: Any, public_key: Ed25519PublicKey, problem: Callable[[Any], str | None],
                                what: str) -> str | None:
    """Why an arriving document signed with the municipality's key must be held back: `problem` finds it malformed,
    or its "signature" does not verify over the canonical JSON of the rest of it; None when neither."""
    malformed = problem(body)
    if malformed is not None:
        return malformed
    unsigned = {k: v for k, v in body.items() if k != "signature"}
    try:
        public_key.verify(bytes.fromhex(body["signature"]), canonical_json(unsigned))
    except (InvalidSignature, ValueError, TypeError):
        return f"{what} with a bad signature"
    return None
