"""A municipality that lost every terminal, restored on a new one from its 分割鍵 (escrow shares) and the cloud.

The new replica holds the data key and signing key rebuilt from the shares and becomes the numbering authority; it
is a new terminal (new id, its own name). Its documents, staff and settings come from the cloud (`sync.restore`);
once they are in, the derived tables are rebuilt and the authority's next leases start beyond every 宛名番号 and
世帯番号 in use, with a margin for ranges the lost authority had leased but nobody used.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.escrow import EscrowSecret
from local_store import derived, documents
from local_store.numbering import FIRST_BASE, KINDS, LEASE_SIZE

if TYPE_CHECKING:
    from pathlib import Path

    from local_store.registry import Clock, Registry
    from local_store.terminal_key import PassphrasePrompt

SPARE_LEASES = 10  # ranges skipped after the highest number in use


def new_replica(data_dir: Path, secret: EscrowSecret, terminal_name: str, passphrase: PassphrasePrompt | None,
                clock: Clock) -> Registry:
    """An empty replica of the municipality with its keys; the caller fills it from the cloud, then `settle`s it."""
    from local_store.registry import Registry

    signing = Ed25519PrivateKey.from_private_bytes(secret.signing_key)
    public_hex = signing.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    meta = {"municipality_name": secret.name, "prefecture": secret.prefecture, "municipality_code": secret.code,
            "mayor": secret.mayor, "signing_public_key": public_hex, "numbering_authority": "1", "demo": "0",
            "restored_from_escrow": "1"}
    return Registry._new_replica(data_dir, secrets.token_hex(8), terminal_name, meta,
                                 {"data_key": secret.data_key, "signing_key": secret.signing_key},
                                 passphrase, clock, lambda _registry: None)


def _next_base(highest: str | None) -> int:
    if not highest:
        return FIRST_BASE
    used_leases = (int(highest[:-1]) - FIRST_BASE) // LEASE_SIZE + 1  # the number without its check digit
    return FIRST_BASE + LEASE_SIZE * (max(used_leases, 0) + SPARE_LEASES)


def settle(registry: Registry) -> int:
    """After the documents arrived: derived tables rebuilt, the next leases placed; returns the persons."""
    with registry._write() as conn:
        count = derived.rebuild(conn, ((d.id, d.body) for d in documents.iter_class(conn, derived.IDOU)))
        highest = conn.execute("SELECT max(atena_no), max(setai_no) FROM persons").fetchone()
        start = {"atena": _next_base(highest[0]), "setai": _next_base(highest[1])}
        beyond = max(start.values())  # serials of other kinds are printed with the terminal's (new) name
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         [(f"authority.next.{kind}", str(start.get(kind, beyond))) for kind in KINDS])
    return count
