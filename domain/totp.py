"""One-time passwords for the second factor of sign-in: TOTP (RFC 6238) over HOTP (RFC 4226).

HMAC-SHA-1, 6 digits, 30-second steps, one step of drift either way: what authenticator apps expect from an
otpauth:// URI without further parameters. Written out here on the standard library's hmac (a few lines, no
dependency to keep up to date). The seed is a secret: callers keep it inside the encrypted replica and never log it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import unicodedata
from urllib.parse import quote, urlencode

DIGITS = 6
STEP_SECONDS = 30
DRIFT_STEPS = 1
SEED_BYTES = 20  # 160 bits, as RFC 4226 recommends for HMAC-SHA-1


class InvalidSeed(ValueError):
    pass


def new_seed() -> str:
    """A random seed as base32 without padding (32 letters), as authenticator apps take it."""
    return base64.b32encode(secrets.token_bytes(SEED_BYTES)).decode("ascii").rstrip("=")


def seed_bytes(seed: str) -> bytes:
    """The key of a base32 seed; spaces and lower case, as people copy it, are accepted."""
    text = seed.replace(" ", "").upper()
    if not text:
        raise InvalidSeed("empty seed")
    try:
        return base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        raise InvalidSeed("not base32") from None


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    """RFC 4226 §5.3: HMAC-SHA-1 of the counter, dynamically truncated."""
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def time_step(unix_time: float) -> int:
    return int(unix_time // STEP_SECONDS)


def totp(key: bytes, unix_time: float, digits: int = DIGITS) -> str:
    """RFC 6238 §4.2: HOTP with the number of whole 30-second steps since the Unix epoch as counter."""
    return hotp(key, time_step(unix_time), digits)


def matching_step(seed: str, code: str, unix_time: float) -> int | None:
    """The time step whose code this is, trying the current step and one either side; None when none matches.

    The caller refuses a step it has already accepted (RFC 6238 §5.2: a code is good once). Full-width digits, as
    a Japanese input method may type them, count as digits.
    """
    code = unicodedata.normalize("NFKC", code).replace(" ", "")
    if len(code) != DIGITS or not (code.isascii() and code.isdigit()):
        return None
    key = seed_bytes(seed)
    now = time_step(unix_time)
    for step in (now, now - DRIFT_STEPS, now + DRIFT_STEPS):
        if hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def provisioning_uri(seed: str, account: str, issuer: str) -> str:
    """The otpauth:// URI an authenticator app reads (from a QR code or typed in): Key Uri Format."""
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode({"secret": seed, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS,
                       "period": STEP_SECONDS}, quote_via=quote)
    return f"otpauth://totp/{label}?{query}"


def grouped(seed: str) -> str:
    """The seed in groups of four letters, easier to read out and type."""
    return " ".join(seed[i:i + 4] for i in range(0, len(seed), 4))
