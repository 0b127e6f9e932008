"""What a sign-in dialog needs of the registry: the facade's sign-in (the window's, a 持出し's approval, a 係長's
judgment)."""

from __future__ import annotations

from typing import Protocol

from local_store.staff import Staff


class Authenticator(Protocol):
    def sign_in(self, user: str, password: str, one_time_password: str = "") -> Staff: ...
