"""Errors of the replica: a message in Japanese for staff, and plain English detail for logs (no personal data)."""

from __future__ import annotations


class StoreError(Exception):
    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message


class WrongKeyError(StoreError):
    pass


class WrongPassphraseError(StoreError):
    pass


class DamagedReplicaError(StoreError):
    pass


class PermissionDenied(StoreError):
    pass


class SignInError(StoreError):
    pass


class SecondFactorRequired(SignInError):
    """The password was right and the account has a second factor: ask for the one-time password."""


class WrongOneTimePassword(SignInError):
    """The password was right; the one-time password was not (or was used already)."""


class AccountLocked(SignInError):
    pass
