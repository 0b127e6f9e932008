"""Documents the municipality's key signs (a terminal key revocation, a purge order) pass one check on arrival: the
same signature verification, each with its own shape check and its own words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain import purge as purge_rules
from domain import terminal_keys
from local_store import purge, signing_keys

AT = "2026-11-27T10:00:00+09:00"


def _revocation(key: Ed25519PrivateKey) -> dict[str, Any]:
    unsigned = terminal_keys.revocation("t1", "本庁1", bytes(32), dt.date(2026, 11, 27), "端末の廃止", "admin", AT)
    return {**unsigned, "signature": key.sign(terminal_keys.signed_bytes(unsigned)).hex()}


def _purge_order(key: Ed25519PrivateKey) -> dict[str, Any]:
    unsigned = purge_rules.PurgeOrder(("doc-1",), "裁判所の命令", "admin", AT).unsigned()
    return {**unsigned, "signature": key.sign(purge_rules.signed_bytes(unsigned)).hex()}


KINDS: list[tuple[Callable[[Ed25519PrivateKey], dict[str, Any]], Callable[[Any, Ed25519PublicKey], str | None], str]] = [
    (_revocation, signing_keys.signature_problem, "terminal key revocation"),
    (_purge_order, purge.signature_problem, "purge order"),
]


@pytest.mark.parametrize(("make", "check", "what"), KINDS)
def test_a_municipality_signed_document_verifies_only_under_the_municipality_key(
        make: Callable[[Ed25519PrivateKey], dict[str, Any]], check: Callable[[Any, Ed25519PublicKey], str | None],
        what: str) -> None:
    municipality = Ed25519PrivateKey.generate()
    public = municipality.public_key()
    assert check(make(municipality), public) is None
    assert check(make(Ed25519PrivateKey.generate()), public) == f"{what} with a bad signature"
    assert check({**make(municipality), "signature": "not hex"}, public) == f"{what} with a bad signature"
    altered = make(municipality)
    altered["by"] = "someone else"
    assert check(altered, public) == f"{what} with a bad signature"
    assert check({"signature": "00"}, public) is not None  # malformed: its own shape check speaks first
