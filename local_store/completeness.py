"""Whether this replica holds every document the other terminals created: their numbers, their heads, the gaps.

Each terminal numbers the documents it creates, 1, 2, 3… (`documents.put_new`). The number travels sealed with the
document, and after each push the terminal writes its head document, sealed like any other: the highest number it
has sent, the highest it knows of each other terminal, and the numbers of documents erased by a purge order (which
arrive nowhere any more). A replica that knows a head of N for a terminal and holds fewer than N of its numbers
lacks documents that the cloud, or whoever stands between, did not hand over: a gap. It is shown (status bar,
`review`, `sync`), looked for again on later rounds (`sync.replicator`), and 第三者 and 代理人 交付 wait until it
closes (`Replication.refuse_while_incomplete`): the cloud cannot tell documents apart, so any missing one may be the
start of a 支援措置.

A head document is kept in the table `heads`, never with the documents: a revision of it each round would be history
that nobody needs. A document quarantined after it opened counts as arrived (its number is known, and the quarantine
shows it); one that did not open leaves its number missing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from domain.canonical import canonical_json
from local_store import documents, purge
from local_store.database import Connection

HEAD = "head"  # the class of a terminal's head document
MAX_SHOWN = 5  # ranges of numbers named in a message


@dataclass(frozen=True, slots=True)
class Gap:
    """The numbers of a terminal's documents that have not arrived here, as ranges (first, last)."""

    terminal: str  # its id
    name: str  # its name, as its head says ("" when no head named it yet)
    missing: tuple[tuple[int, int], ...]
    count: int

    def text(self) -> str:
        shown = "、".join(str(a) if a == b else f"{a}〜{b}" for a, b in self.missing[:MAX_SHOWN])
        more = "ほか" if len(self.missing) > MAX_SHOWN else ""
        return f"端末「{self.name or self.terminal}」の {shown}{more} 番"


def describe(gaps: list[Gap]) -> str:
    """What the command line, the status bar and `review` say of the gaps."""
    return f"クラウドから届いていない文書があります（{'、'.join(g.text() for g in gaps)}）"


def head_id(data_key: bytes, municipality: str, terminal_id: str) -> str:
    """The id of a terminal's head document: random to anyone without the data key, like every document's."""
    message = b"madoguchi head\n" + canonical_json([municipality, terminal_id])
    return hmac.new(data_key, message, hashlib.sha256).hexdigest()[:32]


def gaps(conn: Connection) -> list[Gap]:
    """Every other terminal's missing numbers, up to the highest this replica knows of (its head, or a number held)."""
    found = []
    for terminal, name, head in conn.execute("SELECT terminal, name, number FROM heads ORDER BY name, terminal"
                                             ).fetchall():
        top = max(head, _highest(conn, terminal))
        held = conn.execute("SELECT count(DISTINCT number) FROM doc_numbers WHERE terminal = ? AND number BETWEEN 1 "
                            "AND ?", (terminal, top)).fetchone()[0]
        if held < top:
            found.append(Gap(terminal, name, _missing(conn, terminal, top), top - held))
    return found


def _highest(conn: Connection, terminal: str) -> int:
    return int(conn.execute("SELECT coalesce(max(number), 0) FROM doc_numbers WHERE terminal = ?",
                            (terminal,)).fetchone()[0])


def _missing(conn: Connection, terminal: str, top: int) -> tuple[tuple[int, int], ...]:
    ranges, expected = [], 1
    for (number,) in conn.execute("SELECT DISTINCT number FROM doc_numbers WHERE terminal = ? AND number BETWEEN 1 "
                                  "AND ? ORDER BY number", (terminal, top)):
        if number > expected:
            ranges.append((expected, number - 1))
        expected = number + 1
    if expected <= top:
        ranges.append((expected, top))
    return tuple(ranges)


def note_numbers(conn: Connection, own_id: str, numbered: list[tuple[str, int, str, str]]) -> None:
    """Record the numbers that arrived, (terminal, number, document id, revision), this terminal's own under ''; a
    terminal not met before gets a head of its own (0 until its head document says more)."""
    rows = [("" if terminal == own_id else terminal, number, doc_id, rev) for terminal, number, doc_id, rev in numbered]
    documents.number_revisions(conn, rows)
    conn.executemany("INSERT OR IGNORE INTO heads (terminal, name, number) VALUES (?, '', 0)",
                     [(terminal,) for terminal in {row[0] for row in rows} if terminal])


def own_head(conn: Connection, pushed_seq: int) -> int:
    """The highest number of a document of this terminal's among the revisions sent (local sequence up to
    `pushed_seq`). Numbers and sequences grow together here, so the first found from the top is it."""
    row = conn.execute("SELECT n.number FROM doc_numbers n JOIN revs r ON r.doc_id = n.doc_id AND r.rev = n.rev "
                       "WHERE n.terminal = '' AND r.seq <= ? ORDER BY n.number DESC LIMIT 1", (pushed_seq,)).fetchone()
    return 0 if row is None else int(row[0])


def head_body(conn: Connection, terminal_id: str, name: str, number: int) -> dict[str, Any]:
    """This terminal's head: `number`, the highest it sent; the highest it knows of each other terminal; and the
    numbers of documents erased by a purge order, which no terminal will ever receive again."""
    known = [[terminal, known_name, max(head, _highest(conn, terminal))] for terminal, known_name, head in
             conn.execute("SELECT terminal, name, number FROM heads ORDER BY terminal").fetchall()]
    void = [[terminal or terminal_id, n, doc_id] for terminal, n, doc_id in conn.execute(
        "SELECT terminal, number, doc_id FROM doc_numbers WHERE doc_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY terminal, number", (json.dumps(sorted(purge.purged_ids(conn))),))]
    return {"terminal": terminal_id, "name": name, "number": number, "known": [k for k in known if k[2] > 0],
            "void": void}


def head_problem(doc_id: str, body: Any, data_key: bytes, municipality: str) -> str | None:
    """Why a head document that opened must not be taken; None when it may."""
    try:
        well_formed = (isinstance(body["terminal"], str) and isinstance(body["name"], str)
                       and _count(body["number"])
                       and all(isinstance(t, str) and isinstance(n, str) and _count(h) for t, n, h in body["known"])
                       and all(isinstance(t, str) and _count(n) and isinstance(d, str) for t, n, d in body["void"]))
    except (KeyError, TypeError, ValueError):
        well_formed = False
    if not well_formed:
        return "a malformed head"
    if head_id(data_key, municipality, body["terminal"]) != doc_id:
        return "a head under another terminal's id"
    return None


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def take_head(conn: Connection, own_id: str, body: dict[str, Any]) -> None:
    """What a head document says (checked by `head_problem`), kept: each terminal's highest number (the highest
    ever said), names, and the numbers of erased documents as accounted for. This terminal's own is not taken."""
    entries = [(body["terminal"], body["name"], body["number"], True)]
    entries += [(terminal, name, number, False) for terminal, name, number in body["known"]]
    for terminal, name, number, own in entries:
        if terminal == own_id:
            continue
        conn.execute("INSERT INTO heads (terminal, name, number) VALUES (?, ?, ?) ON CONFLICT (terminal) DO UPDATE "
                     "SET number = max(number, excluded.number), "
                     "name = CASE WHEN ? OR name = '' THEN excluded.name ELSE name END", (terminal, name, number, own))
    documents.number_revisions(conn, [("" if terminal == own_id else terminal, number, doc_id, "")
                                      for terminal, number, doc_id in body["void"]])
