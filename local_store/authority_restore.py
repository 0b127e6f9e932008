"""A municipality that lost every terminal, restored on a new one from its 分割鍵 (escrow shares) and the cloud.

The new replica (`Registry.from_escrow`) holds the data key and signing key rebuilt from the shares and becomes the
numbering authority; it is a new terminal (new id, its own name). Its documents, staff and settings come from the
cloud (`sync.restore`); once they are in, the derived tables are rebuilt and the authority's next leases start beyond
every 宛名番号 and 世帯番号 in use, with a margin for ranges the lost authority had leased but nobody used.
"""

from __future__ import annotations

from local_store import derived, documents, meta
from local_store.context import StoreContext
from local_store.numbering import FIRST_BASE, KINDS, LEASE_SIZE

SPARE_LEASES = 10  # ranges skipped after the highest number in use


def _next_base(highest: str | None) -> int:
    if not highest:
        return FIRST_BASE
    used_leases = (int(highest[:-1]) - FIRST_BASE) // LEASE_SIZE + 1  # the number without its check digit
    return FIRST_BASE + LEASE_SIZE * (max(used_leases, 0) + SPARE_LEASES)


def settle(ctx: StoreContext) -> int:
    """After the documents arrived: derived tables rebuilt, the next leases placed; returns the persons."""
    with ctx.write() as conn:
        count = derived.rebuild(conn, ((d.id, d.body) for d in documents.iter_class(conn, derived.IDOU)))
        highest = conn.execute("SELECT max(atena_no), max(setai_no) FROM persons").fetchone()
        start = {"atena": _next_base(highest[0]), "setai": _next_base(highest[1])}
        beyond = max(start.values())  # serials of other kinds are printed with the terminal's (new) name
        meta.put(conn, {f"authority.next.{kind}": str(start.get(kind, beyond)) for kind in KINDS})
    return count
