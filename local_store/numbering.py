"""宛名番号, 世帯番号 and serials (発行番号, the 整理番号 of 罹災証明書) drawn from ranges that the numbering
authority leases to each terminal, signed (Ed25519).

Two terminals never hand out the same number, offline or not: each draws only from its own leases, and a lease is
used only when its signature verifies under the municipality's public key. The authority terminal (the one that
created the municipality) leases itself a new range when one runs out; other terminals get theirs through sync.
住民票コード are not a range but a pool of codes from the national side: `codes` (see `local_store.juminhyo_pool`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.check_digits import M11Settings, next_m11_number
from local_store.database import Connection
from local_store.documents import canonical_json
from local_store.errors import StoreError
from local_store.juminhyo_pool import CodePool

BASE_WIDTH = 9  # base digits; the number is these and one check digit
KINDS = ("atena", "setai", "hakko", "risai")  # 宛名番号, 世帯番号, the 連番 of 発行番号, the 整理番号 of 罹災証明書
LEASE_SIZE = 100_000
FIRST_BASE = 100_000


def _payload(lease_id: str, kind: str, terminal: str, first: int, last: int, issued_at: str) -> bytes:
    return canonical_json({"id": lease_id, "kind": kind, "terminal": terminal, "first": first, "last": last,
                           "issued_at": issued_at})


class Numbering:
    def __init__(
        self,
        conn: Connection,
        terminal: str,
        public_key: Ed25519PublicKey,
        signer: Ed25519PrivateKey | None,
        settings: M11Settings,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._conn = conn
        self._terminal = terminal
        self.public_key = public_key
        self.signer = signer
        self._settings = settings
        self._clock = clock
        self._verified: set[str] = set()
        self.codes = CodePool(conn, terminal, public_key)

    def grant(self, kind: str, terminal: str, size: int = LEASE_SIZE) -> dict[str, object]:
        """As the numbering authority, lease the next free range of `kind` to `terminal` (in the caller's transaction)."""
        if self.signer is None:
            raise StoreError("番号の払い出しは管理端末だけが行えます", "only the numbering authority grants leases")
        key = f"authority.next.{kind}"
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        first = int(row[0]) if row else FIRST_BASE
        last = first + size - 1
        lease_id = secrets.token_hex(8)
        issued_at = self._clock().astimezone(dt.UTC).isoformat(timespec="seconds")
        signature = self.signer.sign(_payload(lease_id, kind, terminal, first, last, issued_at)).hex()
        self._conn.execute(
            "INSERT INTO leases (id, kind, terminal, first, last, issued_at, signature, next) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (lease_id, kind, terminal, first, last, issued_at, signature, first),
        )
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(last + 1)))
        return {"id": lease_id, "kind": kind, "terminal": terminal, "first": first, "last": last,
                "issued_at": issued_at, "signature": signature}

    def accept(self, lease: dict[str, object]) -> None:
        """Keep a lease granted to this terminal elsewhere, once its signature verifies (in the caller's transaction)."""
        try:
            lease_id, kind, terminal = str(lease["id"]), str(lease["kind"]), str(lease["terminal"])
            first, last = int(lease["first"]), int(lease["last"])  # type: ignore[call-overload]
            issued_at, signature = str(lease["issued_at"]), str(lease["signature"])
        except (KeyError, TypeError, ValueError):
            raise StoreError("番号の払い出し範囲の形が正しくありません", "malformed lease") from None
        if terminal != self._terminal or kind not in KINDS:
            raise StoreError("この端末あての番号の払い出し範囲ではありません", "lease for another terminal")
        self._verify(lease_id, kind, first, last, issued_at, signature)
        self._conn.execute(
            "INSERT OR IGNORE INTO leases (id, kind, terminal, first, last, issued_at, signature, next) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (lease_id, kind, terminal, first, last, issued_at, signature, first))

    def draw(self, kind: str) -> str:
        """The next number of `kind` from this terminal's leases (in the caller's transaction)."""
        while True:
            lease_id, last, nxt = self._open_lease(kind)
            number, following = next_m11_number(nxt, BASE_WIDTH, self._settings)
            self._conn.execute("UPDATE leases SET next = ? WHERE id = ?", (min(following, last + 1), lease_id))
            if following - 1 <= last:
                return number

    def _open_lease(self, kind: str) -> tuple[str, int, int]:
        """(id, last, next) of this terminal's first verified lease of `kind` with numbers left; granted if none."""
        while True:
            row = self._conn.execute(
                "SELECT id, first, last, issued_at, signature, next FROM leases "
                "WHERE kind = ? AND terminal = ? AND next <= last ORDER BY first LIMIT 1",
                (kind, self._terminal),
            ).fetchone()
            if row is not None:
                lease_id, first, last, issued_at, signature, nxt = row
                self._verify(lease_id, kind, first, last, issued_at, signature)
                return lease_id, last, nxt
            if self.signer is None:
                raise StoreError("番号の払い出し範囲を使い切りました。管理者に追加を依頼してください", f"no {kind} lease left")
            self.grant(kind, self._terminal)

    def draw_serial(self, kind: str) -> int:
        """The next plain serial of `kind` (the 連番 of a 発行番号: no check digit), from this terminal's leases."""
        lease_id, _, nxt = self._open_lease(kind)
        self._conn.execute("UPDATE leases SET next = ? WHERE id = ?", (nxt + 1, lease_id))
        return int(nxt)

    def _verify(self, lease_id: str, kind: str, first: int, last: int, issued_at: str, signature: str) -> None:
        if lease_id in self._verified:
            return
        try:
            self.public_key.verify(bytes.fromhex(signature), _payload(lease_id, kind, self._terminal, first, last, issued_at))
        except (InvalidSignature, ValueError):
            raise StoreError("番号の払い出し範囲の署名が正しくありません。管理者に連絡してください",
                             f"lease {lease_id} has a bad signature") from None
        self._verified.add(lease_id)
