"""Shamir's secret sharing over GF(2^8), byte by byte: any `threshold` of the shares give the secret back, fewer
give nothing about it.

The field is the AES field (polynomial x^8 + x^4 + x^3 + x + 1), so its arithmetic can be checked against the
worked examples of FIPS-197. Each byte of the secret is the constant term of its own random polynomial of degree
threshold - 1; share x holds the values of those polynomials at x (1..255).
"""

from __future__ import annotations

import secrets

_EXP = [0] * 510
_LOG = [0] * 256


def _build_tables() -> None:
    value = 1
    for power in range(255):
        _EXP[power] = value
        _LOG[value] = power
        value ^= (value << 1) ^ (0x11B if value & 0x80 else 0)  # multiply by the generator 3
        value &= 0xFF
    for power in range(255, 510):
        _EXP[power] = _EXP[power - 255]


_build_tables()


def mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return _EXP[_LOG[a] + _LOG[b]]


def div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError("division by zero in GF(256)")
    return 0 if a == 0 else _EXP[_LOG[a] + 255 - _LOG[b]]


def _evaluate(coefficients: list[int], x: int) -> int:
    result = 0
    for c in reversed(coefficients):  # Horner's rule
        result = mul(result, x) ^ c
    return result


def split(secret: bytes, shares: int, threshold: int) -> list[tuple[int, bytes]]:
    """`shares` pairs (x, bytes) of which any `threshold` give `secret` back."""
    if not 2 <= threshold <= shares <= 255:
        raise ValueError("need 2 <= threshold <= shares <= 255")
    polynomials = [[byte] + [secrets.randbelow(256) for _ in range(threshold - 1)] for byte in secret]
    return [(x, bytes(_evaluate(p, x) for p in polynomials)) for x in range(1, shares + 1)]


def combine(shares: list[tuple[int, bytes]]) -> bytes:
    """The secret from `threshold` (or more) distinct shares, by Lagrange interpolation at x = 0."""
    xs = [x for x, _ in shares]
    if len(set(xs)) != len(xs) or any(not 1 <= x <= 255 for x in xs):
        raise ValueError("shares must have distinct x in 1..255")
    if len({len(s) for _, s in shares}) != 1:
        raise ValueError("shares differ in length")
    weights = []
    for i, xi in enumerate(xs):
        weight = 1
        for j, xj in enumerate(xs):
            if i != j:
                weight = mul(weight, div(xj, xj ^ xi))  # x_j / (x_j - x_i), subtraction being XOR
        weights.append(weight)
    length = len(shares[0][1])
    out = bytearray(length)
    for weight, (_, values) in zip(weights, shares, strict=True):
        for k in range(length):
            out[k] ^= mul(weight, values[k])
    return bytes(out)
