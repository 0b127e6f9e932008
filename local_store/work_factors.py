"""The work factors of scrypt for staff passwords and for the passphrase wraps of keys (端末の合言葉, 復旧コード,
管理者の合言葉, the backup passphrase).

The program always uses the strong factors below. The test suite, which makes hundreds of replicas and accounts,
lowers them once at its start with `lower_for_tests`; the program never calls it (tests/local_store/test_work_factors.py
checks that, and that a fresh process of the program hashes with these factors). Every hash and every wrap
records the factor it was made with, so what either made opens in the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WorkFactors:
    password_n: int  # scrypt N of a staff password hash (r 8, p 1)
    wrap_n: int  # scrypt N of a passphrase wrap of a key (r 8, p 1)


STRONG = WorkFactors(password_n=2**14, wrap_n=2**15)
_TESTS = WorkFactors(password_n=2**4, wrap_n=2**4)
_current = [STRONG]


def current() -> WorkFactors:
    return _current[0]


def lower_for_tests() -> None:
    """Cheap factors for the test suite's own replicas and accounts. Never called by the program."""
    _current[0] = _TESTS
