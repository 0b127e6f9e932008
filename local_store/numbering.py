"""宛名番号, 世帯番号 and serials (発行番号, the 整理番号 of 罹災証明書, the 受付番号 of 閲覧 requests, the 登録番号 of 印鑑登録)
drawn from ranges that the numbering authority leases to each terminal, signed (Ed25519).

Two terminals never hand out the same number, offline or not: each draws only from its own leases, and a lease is
used only when its signature verifies under the municipality's public key. The authority terminal (the one that
created the municipality) leases itself a new range when one runs out; other terminals get theirs through sync.
A terminal receives one lease of every kind with its enrollment; after that, when the authority syncs, it grants each
terminal it enrolled (and did not revoke) a range of every kind it lacks (a kind added since it was enrolled) and a
new 宛名番号 or 世帯番号 range when the documents show the last one nearly used up (`due`): documents of class
`nlease`, which the terminal takes into its leases when it next needs numbers of that kind (`_adopt_arrived`).
住民票コード are not a range but a pool of codes from the national side: `codes` (see `local_store.juminhyo_pool`).

A backup never hands its numbers out twice. Each backup carries a reserve: the top `RESERVE_SIZE` numbers of each
kind that this replica may still draw are set aside for it (`reserve_for_backup`), and the replica goes on below
them. A replica restored from the backup (`switch_to_reserve`) abandons every lease it held, since the backup's
terminal may have handed out any of their numbers after the backup, and draws only from the reserve the backup
carries, and from leases granted after the restore. Within a range the next 宛名番号 or 世帯番号 follows the highest
one in any document known here, not only the lease's counter (which a restore rolls back): a number that another
copy of the same backup handed out, once it has arrived, is not handed out again.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.canonical import canonical_json
from domain.check_digits import M11Settings, next_m11_number
from local_store import documents, meta
from local_store.database import Connection
from local_store.errors import StoreError
from local_store.juminhyo_pool import ABANDONED, CodePool

BASE_WIDTH = 9  # base digits; the number is these and one check digit
# 宛名番号, 世帯番号, the 連番 of 発行番号, the 整理番号 of 罹災証明書, the 連番 of a 閲覧 request's 受付番号, the 登録番号 of
# 印鑑登録
KINDS = ("atena", "setai", "hakko", "risai", "etsuran", "inkan")
LEASE_SIZE = 100_000
FIRST_BASE = 100_000
RESERVE_SIZE = 1_000  # numbers of each kind set aside in each backup, for the replica restored from it
LOW_WATER = LEASE_SIZE // 10  # numbers left in a terminal's last range below which the authority grants the next
NLEASE = "nlease"  # document class: a lease granted to a terminal after its enrollment, which it receives by sync
NAMES = {"atena": "宛名番号", "setai": "世帯番号", "hakko": "発行番号", "risai": "罹災証明書の整理番号",
         "etsuran": "閲覧の受付番号", "inkan": "印鑑登録の登録番号"}
WAITING = ("この端末には{name}の払い出し範囲がありません。番号の払い出しを待っています。同期してから、もう一度行って"
           "ください（管理端末が払い出した範囲は同期で届きます）。同期しても続くときは、管理者に管理端末での同期を"
           "依頼してください")
RANGES = "numbering.ranges"  # meta: this replica's reserves, the reserve it was restored onto, the leases it abandoned
# In the documents: the column of the derived tables that holds each kind's numbers, for the highest one known.
_KNOWN = {"atena": "SELECT max(atena_no) FROM person_rows WHERE atena_no BETWEEN ? AND ?",
          "setai": "SELECT max(setai_no) FROM persons WHERE setai_no BETWEEN ? AND ?"}

Span = dict[str, Any]  # {"kind", "lease", "first", "last"}: part of one lease
Range = tuple[str, int, int, int]  # (lease id, first, last, the lease's counter): numbers this replica may draw


def _payload(lease_id: str, kind: str, terminal: str, first: int, last: int, issued_at: str) -> bytes:
    return canonical_json({"id": lease_id, "kind": kind, "terminal": terminal, "first": first, "last": last,
                           "issued_at": issued_at})


def _fields(lease: Any) -> tuple[str, str, str, int, int, str, str]:
    """(id, kind, terminal, first, last, issued_at, signature) of a lease; StoreError when it is malformed."""
    try:
        fields = (str(lease["id"]), str(lease["kind"]), str(lease["terminal"]), int(lease["first"]),
                  int(lease["last"]), str(lease["issued_at"]), str(lease["signature"]))
    except (KeyError, TypeError, ValueError):
        raise StoreError("番号の払い出し範囲の形が正しくありません", "malformed lease") from None
    if fields[1] not in KINDS or fields[3] > fields[4]:
        raise StoreError("番号の払い出し範囲の形が正しくありません", "lease of an unknown kind or an empty range")
    return fields


def lease_problem(body: Any, public_key: Ed25519PublicKey) -> str | None:
    """Why an arriving lease document must not be accepted; None when it is well formed and signed with the
    municipality's key."""
    try:
        lease_id, kind, terminal, first, last, issued_at, signature = _fields(body)
    except StoreError as exc:
        return f"a {exc.detail}"
    try:
        public_key.verify(bytes.fromhex(signature), _payload(lease_id, kind, terminal, first, last, issued_at))
    except (InvalidSignature, ValueError):
        return "a number lease with a bad signature"
    return None


def _later(lease: dict[str, Any], than: str) -> bool:
    """Whether a lease was issued after the time `than` (ISO 8601 with its offset)."""
    try:
        return dt.datetime.fromisoformat(str(lease["issued_at"])) > dt.datetime.fromisoformat(than)
    except (KeyError, ValueError, TypeError):  # unreadable, or without its offset: not trusted to be later
        return False


def _ranges_state(conn: Connection) -> dict[str, list[Any]]:
    """`reserved`: spans set aside for backups, never drawn here; `backup`: those the latest backup carries;
    `abandoned`: leases this replica no longer draws from (restored from a backup) but for the `slices` in them."""
    state: dict[str, list[Any]] = {"reserved": [], "backup": [], "abandoned": [], "slices": []}
    state.update(json.loads(meta.get(conn, RANGES) or "{}"))
    return state


def _put_ranges_state(conn: Connection, state: dict[str, list[Any]]) -> None:
    meta.put(conn, {RANGES: json.dumps(state, sort_keys=True)})


def switch_to_reserve(conn: Connection, terminal_id: str) -> list[Span]:
    """A replica just restored from a backup (in the caller's transaction): every lease it held is abandoned, and it
    draws from the reserve its backup carries, marked spent there; returns that reserve (empty for a backup made
    before backups carried one: then only leases granted after the restore are drawn from)."""
    state = _ranges_state(conn)
    held = [r[0] for r in conn.execute("SELECT id FROM leases WHERE terminal = ?", (terminal_id,))]
    held += [d.body["id"] for d in documents.iter_class(conn, NLEASE) if d.body.get("terminal") == terminal_id]
    reserve = state["backup"]
    state.update(abandoned=sorted(set(state["abandoned"]) | set(held)), slices=reserve, reserved=[], backup=[])
    _put_ranges_state(conn, state)
    return list(reserve)


def _without(first: int, last: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[first, last] without the spans `taken`, as ascending spans."""
    left = [(first, last)]
    for t_first, t_last in sorted(taken):
        left = [piece for lo, hi in left
                for piece in ((lo, min(hi, t_first - 1)), (max(lo, t_last + 1), hi)) if piece[0] <= piece[1]]
    return left


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
        lease_id, kind, terminal, first, last, issued_at, signature = _fields(lease)
        if terminal != self._terminal:
            raise StoreError("この端末あての番号の払い出し範囲ではありません", "lease for another terminal")
        self._verify(lease_id, kind, first, last, issued_at, signature)
        self._conn.execute(
            "INSERT OR IGNORE INTO leases (id, kind, terminal, first, last, issued_at, signature, next) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (lease_id, kind, terminal, first, last, issued_at, signature, first))

    def draw(self, kind: str) -> str:
        """The next number of `kind` (with its check digit) from this terminal's ranges (in the caller's transaction)."""
        while True:
            for lease_id, _, last, nxt in self._ranges(kind):
                number, following = next_m11_number(nxt, BASE_WIDTH, self._settings)
                if following - 1 <= last:
                    self._advance(lease_id, following)
                    return number
            self._more(kind)

    def draw_serial(self, kind: str) -> int:
        """The next plain serial of `kind` (the 連番 of a 発行番号: no check digit), from this terminal's ranges."""
        while True:
            for lease_id, _, last, nxt in self._ranges(kind):
                if nxt <= last:
                    self._advance(lease_id, nxt + 1)
                    return nxt
            self._more(kind)

    def reserve_for_backup(self) -> list[Span]:
        """Set aside the top `RESERVE_SIZE` numbers of each kind for a backup about to be written (in the caller's
        transaction, which the backup copies): never drawn here again, they are the restored replica's."""
        state = _ranges_state(self._conn)
        spans = []
        for kind in KINDS:
            span = self._free_top(kind)
            while span is None:
                self._more(kind, "{name}の払い出し範囲の残りが少なく、バックアップに予備の範囲を残せません。"
                                 "同期して、管理端末からの払い出しを受け取ってから、もう一度行ってください")
                span = self._free_top(kind)
            spans.append(span)
            state["reserved"].append(span)
        state["backup"] = spans
        _put_ranges_state(self._conn, state)
        return spans

    def _free_top(self, kind: str) -> Span | None:
        """The top `RESERVE_SIZE` numbers of the highest range of `kind` that holds that many not yet drawn."""
        for lease_id, _, last, nxt in reversed(self._ranges(kind)):
            if last - RESERVE_SIZE + 1 >= nxt:
                return {"kind": kind, "lease": lease_id, "first": last - RESERVE_SIZE + 1, "last": last}
        return None

    def due(self, terminal: str) -> list[str]:
        """As the numbering authority: the kinds of which `terminal` should be granted a new range, those it was
        never leased (added since it was enrolled) and those whose last range the documents here show nearly used
        up (宛名番号 and 世帯番号 only: the serials are printed, not indexed)."""
        latest = {kind: (first, last) for kind, first, last in self._conn.execute(
            "SELECT kind, first, last FROM leases WHERE terminal = ? ORDER BY first", (terminal,))}
        return [kind for kind in KINDS
                if kind not in latest or self._highest_known(kind, *latest[kind]) >= latest[kind][1] - LOW_WATER]

    def _more(self, kind: str, message: str = WAITING) -> None:
        """A new range of `kind` for this terminal: the authority leases itself one; any other terminal takes one
        granted to it that has arrived, or must wait for the next (`message`, with the kind's name)."""
        if self.signer is not None:
            self.grant(kind, self._terminal)
        elif not self._adopt_arrived(kind):
            raise StoreError(message.format(name=NAMES[kind]), f"no {kind} lease left")

    def _adopt_arrived(self, kind: str) -> bool:
        """Take into this terminal's leases those of `kind` granted to it that arrived by sync; whether there was
        one. Not those it abandoned when restored from a backup: those it held, and those issued up to the restore
        (its terminal may have received them after the backup, and drawn from them)."""
        taken = {r[0] for r in self._conn.execute("SELECT id FROM leases WHERE terminal = ?", (self._terminal,))}
        taken |= set(_ranges_state(self._conn)["abandoned"])
        restored = meta.get(self._conn, ABANDONED)
        arrived = [d.body for d in documents.iter_class(self._conn, NLEASE)
                   if d.body.get("terminal") == self._terminal and d.body.get("kind") == kind
                   and d.body.get("id") not in taken and (restored is None or _later(d.body, restored))]
        for lease in arrived:
            self.accept(lease)
        return bool(arrived)

    def _ranges(self, kind: str) -> list[Range]:
        """The numbers of `kind` this replica may draw, ascending, each range with the next number to draw from it:
        its verified leases (of an abandoned lease, only the reserve it was restored onto), without the reserves
        set aside for backups; the next number is past the lease's counter and past every number known in it."""
        state = _ranges_state(self._conn)
        abandoned = set(state["abandoned"])
        found: list[Range] = []
        for lease_id, first, last, issued_at, signature, counter in self._conn.execute(
                "SELECT id, first, last, issued_at, signature, next FROM leases WHERE kind = ? AND terminal = ? "
                "ORDER BY first", (kind, self._terminal)).fetchall():
            self._verify(lease_id, kind, first, last, issued_at, signature)
            spans = ([(s["first"], s["last"]) for s in state["slices"] if s["lease"] == lease_id]
                     if lease_id in abandoned else [(first, last)])
            reserved = [(s["first"], s["last"]) for s in state["reserved"] if s["lease"] == lease_id]
            for lo, hi in (piece for span in spans for piece in _without(*span, reserved)):
                found.append((lease_id, lo, hi, max(lo, counter, self._highest_known(kind, lo, hi) + 1)))
        return found

    def _highest_known(self, kind: str, first: int, last: int) -> int:
        """The highest base number of `kind` in [first, last] in any document known here (-1 if none; 宛名番号 and
        世帯番号 only: the serials are printed, not indexed)."""
        if kind not in _KNOWN:
            return -1
        row = self._conn.execute(_KNOWN[kind], (f"{first:0{BASE_WIDTH}d}0", f"{last:0{BASE_WIDTH}d}9")).fetchone()
        return int(row[0][:BASE_WIDTH]) if row and row[0] else -1

    def _advance(self, lease_id: str, following: int) -> None:
        self._conn.execute("UPDATE leases SET next = max(next, ?) WHERE id = ?", (following, lease_id))

    def _verify(self, lease_id: str, kind: str, first: int, last: int, issued_at: str, signature: str) -> None:
        if lease_id in self._verified:
            return
        try:
            self.public_key.verify(bytes.fromhex(signature), _payload(lease_id, kind, self._terminal, first, last, issued_at))
        except (InvalidSignature, ValueError):
            raise StoreError("番号の払い出し範囲の署名が正しくありません。管理者に連絡してください",
                             f"lease {lease_id} has a bad signature") from None
        self._verified.add(lease_id)
