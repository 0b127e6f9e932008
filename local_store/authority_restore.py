"""The numbering authority brought back: from its 分割鍵 (escrow shares) and the cloud, or from a backup.

A municipality that lost every terminal is restored on a new one (`Registry.from_escrow`) holding the data key and
signing key rebuilt from the shares; it becomes the numbering authority, a new terminal (new id, its own name). Its
documents, staff and settings come from the cloud (`sync.restore`); once they are in, `settle` rebuilds the derived
tables and places the next leases.

Either way the leases the lost authority granted last are not all known here (granted after the backup, or never
written where the cloud could see them): the next leases start beyond every 宛名番号 and 世帯番号 in use and beyond
every lease known to have been granted, with a margin of `SPARE_LEASES` ranges for those granted but not known.
"""

from __future__ import annotations

from local_store import derived, documents, meta
from local_store.context import StoreContext
from local_store.database import Connection
from local_store.numbering import FIRST_BASE, KINDS, LEASE_SIZE

SPARE_LEASES = 10  # ranges skipped after the highest number in use, or the last lease known to be granted


def _next_base(highest: str | None) -> int:
    if not highest:
        return FIRST_BASE
    used_leases = (int(highest[:-1]) - FIRST_BASE) // LEASE_SIZE + 1  # the number without its check digit
    return FIRST_BASE + LEASE_SIZE * (max(used_leases, 0) + SPARE_LEASES)


def place_next_leases(conn: Connection) -> None:
    """Move the authority's next leases of every kind past what the lost authority may have granted (in the
    caller's transaction)."""
    highest = conn.execute("SELECT (SELECT max(atena_no) FROM person_rows), max(setai_no) FROM persons").fetchone()
    in_use = {"atena": _next_base(highest[0]), "setai": _next_base(highest[1])}
    beyond = max(in_use.values())  # serials of other kinds are printed with the terminal's name
    starts = {}
    for kind in KINDS:
        granted = meta.get(conn, f"authority.next.{kind}")
        skipped = int(granted) + SPARE_LEASES * LEASE_SIZE if granted is not None else FIRST_BASE
        starts[f"authority.next.{kind}"] = str(max(in_use.get(kind, beyond), skipped))
    meta.put(conn, starts)


def settle(ctx: StoreContext) -> int:
    """After the documents arrived: derived tables rebuilt, the next leases placed; returns the persons."""
    with ctx.write() as conn:
        count = derived.rebuild(conn, ((d.id, d.body) for d in documents.iter_class(conn, derived.IDOU)))
        place_next_leases(conn)
    return count
