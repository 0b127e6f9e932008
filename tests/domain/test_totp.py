"""One-time passwords against the test vectors of RFC 4226 (HOTP) and RFC 6238 (TOTP, SHA-1)."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from domain import totp

RFC_KEY = b"12345678901234567890"  # the SHA-1 seed of both RFCs' appendices
RFC_SEED = base64.b32encode(RFC_KEY).decode("ascii")

HOTP_VECTORS = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
TOTP_VECTORS = [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"), (1234567890, "89005924"),
                (2000000000, "69279037"), (20000000000, "65353130")]


@pytest.mark.parametrize(("counter", "code"), list(enumerate(HOTP_VECTORS)))
def test_hotp_matches_rfc_4226_appendix_d(counter: int, code: str) -> None:
    assert totp.hotp(RFC_KEY, counter) == code


@pytest.mark.parametrize(("unix_time", "code"), TOTP_VECTORS)
def test_totp_matches_rfc_6238_appendix_b(unix_time: int, code: str) -> None:
    assert totp.totp(RFC_KEY, unix_time, digits=8) == code
    assert totp.totp(RFC_KEY, unix_time) == code[-6:]  # six digits: the same value modulo 10^6


def test_a_code_is_accepted_in_its_step_and_one_step_either_side_only() -> None:
    now = 1111111111
    code = totp.totp(RFC_KEY, now)
    assert totp.matching_step(RFC_SEED, code, now) == now // 30
    assert totp.matching_step(RFC_SEED, code, now + 30) == now // 30  # the app's clock a little behind
    assert totp.matching_step(RFC_SEED, code, now - 30) == now // 30  # or a little ahead
    assert totp.matching_step(RFC_SEED, code, now + 61) is None
    assert totp.matching_step(RFC_SEED, code, now - 61) is None


@pytest.mark.parametrize("wrong", ["", "12345", "1234567", "abcdef", "１２３４５６", "12345٦"])
def test_malformed_codes_are_refused(wrong: str) -> None:
    assert totp.matching_step(RFC_SEED, wrong, 59) is None


def test_a_wrong_code_is_refused_and_full_width_digits_are_read_as_digits() -> None:
    code = totp.totp(RFC_KEY, 59)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert totp.matching_step(RFC_SEED, wrong, 59) is None
    full_width = code.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    assert totp.matching_step(RFC_SEED, full_width, 59) == 1


def test_new_seeds_are_random_base32_of_160_bits() -> None:
    seeds = {totp.new_seed() for _ in range(20)}
    assert len(seeds) == 20
    for seed in seeds:
        assert len(seed) == 32 and len(totp.seed_bytes(seed)) == 20
    one = seeds.pop()
    assert totp.seed_bytes(totp.grouped(one).lower()) == totp.seed_bytes(one)  # as people copy it
    with pytest.raises(totp.InvalidSeed):
        totp.seed_bytes("not base32!")


def test_provisioning_uri_is_what_authenticator_apps_read() -> None:
    uri = totp.provisioning_uri(RFC_SEED, "tanaka", "みどり町 住民記録")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert unquote(parts.path) == "/みどり町 住民記録:tanaka"
    query = parse_qs(parts.query)
    assert query == {"secret": [RFC_SEED], "issuer": ["みどり町 住民記録"], "algorithm": ["SHA1"], "digits": ["6"],
                     "period": ["30"]}
