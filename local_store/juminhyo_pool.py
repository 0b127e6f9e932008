"""The pool of 住民票コード inside the replica: imported on the numbering authority, leased to terminals, drawn.

Pools and leases are documents of class `jcode` (see `domain.juminhyo_pool`), signed with the municipality's key
and replicated: a terminal enrolled earlier receives its lease through sync, a restored replica gets it back, and
an authority restored from the escrow shares still knows which codes were leased. A terminal draws only codes of
its own leases whose signature verifies, and never one that a person holds: what is used is read from the
`persons` table, so a crash or a rolled-back plan never hands a code out twice.

A replica restored from a backup cannot know which codes its terminal handed out after the backup: it abandons
every pool and lease issued up to the restore (`abandon_issued_until`), and draws (or, on the numbering authority,
leases) only codes of pools and leases issued after it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain import juminhyo_pool as rules
from domain.canonical import canonical_json
from domain.errors import ValidationError
from domain.idou import CODE_CHANGE, FIRST_CODE, Idou
from local_store import documents, meta
from local_store.database import Connection

JCODE = "jcode"
SELF_SHARE = 200  # codes the authority leases itself from each import (about a year of 出生 in a small town)
CHUNK = 256  # codes looked up in the persons table at a time while drawing
CODE_TAKEN = "住民票コード {code} はほかの人の住民票コードです（使われなくなったものを含みます）。転出証明書などで確かめてください"
ABANDONED = "codes.abandoned_until"  # meta: pools and leases issued up to this time are not drawn from here


def abandon_issued_until(conn: Connection, at: dt.datetime) -> None:
    """A replica just restored from a backup (in the caller's transaction): the pools and leases issued up to `at`
    are abandoned here; its terminal may have handed out any of their codes after the backup."""
    meta.put(conn, {ABANDONED: at.isoformat(timespec="seconds")})


def _abandoned(conn: Connection) -> Callable[[Mapping[str, Any]], bool]:
    """Whether a pool or lease was issued before this replica abandoned its codes (when it was restored)."""
    until = meta.get(conn, ABANDONED)
    if until is None:
        return lambda body: False
    limit = dt.datetime.fromisoformat(until)

    def abandoned(body: Mapping[str, Any]) -> bool:
        try:
            return dt.datetime.fromisoformat(body["issued_at"]) <= limit
        except (ValueError, TypeError):  # unreadable, or without its offset: not trusted to be newer
            return True

    return abandoned


def signature_problem(body: Any, public_key: Ed25519PublicKey, may_lease: Callable[[str], bool]) -> str | None:
    """Why an arriving pool or lease must not be accepted; None when it is well formed, signed with the
    municipality's key and written by someone who may manage numbers."""
    malformed = rules.problem(body)
    if malformed is not None:
        return malformed
    if not _verifies(body, public_key):
        return "住民票コード document with a bad signature"
    return None if may_lease(body["by"]) else f"住民票コード document by {body['by']!r}, who may not lease numbers"


def _verifies(body: Mapping[str, Any], public_key: Ed25519PublicKey) -> bool:
    try:
        public_key.verify(bytes.fromhex(body["signature"]), canonical_json(rules.unsigned(body)))
        return True
    except (InvalidSignature, ValueError, TypeError, KeyError):
        return False


def _put(conn: Connection, data_key: bytes, signer: Ed25519PrivateKey, body: dict[str, Any]) -> None:
    body["signature"] = signer.sign(canonical_json(body)).hex()
    documents.put_new(conn, data_key, JCODE, body)


def held(conn: Connection, codes: Iterable[str]) -> dict[str, str]:
    """The codes of `codes` that a person holds (current or 除票), or gave up at a 住民票コードの変更請求, with the
    person's 宛名番号."""
    codes = list(codes)
    found = dict(conn.execute(
        "SELECT juminhyo_code, atena_no FROM persons WHERE juminhyo_code IN (SELECT value FROM json_each(?))",
        (json.dumps(codes),)).fetchall())
    given_up = retired(conn)
    return found | {c: given_up[c] for c in codes if c in given_up and c not in found}


def retired(conn: Connection) -> dict[str, str]:
    """The 住民票コード given up at a 住民票コードの変更請求 (法30条の4), with the 宛名番号 of who gave each up: read from
    the rows before each such 異動 (rare: a handful of documents)."""
    found: dict[str, str] = {}
    for doc_id, atena_no, parents in conn.execute(
            "SELECT doc_id, atena_no, parents FROM person_rows WHERE reason = ?", (CODE_CHANGE,)):
        for parent in json.loads(parents):
            doc = documents.get(conn, parent)
            rows = doc.body.get("rows", []) if doc is not None and not doc.deleted else []
            code = next((r["row"].get("juminhyo_code", "") for r in rows if r["row"]["atena_no"] == atena_no), "")
            if code:
                found[code] = atena_no
    return found


def _documents(conn: Connection) -> list[dict[str, Any]]:
    return [d.body for d in documents.iter_class(conn, JCODE)]


def unleased(conn: Connection) -> list[str]:
    """Codes of the imported pools not yet leased to any terminal nor held by a person, in import order (not those
    of pools this replica abandoned)."""
    bodies = _documents(conn)
    abandoned = _abandoned(conn)
    leased = {c for b in bodies if b["kind"] == rules.LEASE for c in b["codes"]}
    free = [c for b in bodies if b["kind"] == rules.POOL and not abandoned(b) for c in b["codes"] if c not in leased]
    used = held(conn, free)
    return [c for c in free if c not in used]


def import_pool(conn: Connection, data_key: bytes, signer: Ed25519PrivateKey, lines: list[rules.CodeLine],
                by: str, at: dt.datetime) -> None:
    """Keep the codes of a file as a new pool (inside the caller's transaction): every line, or (on the first code
    already in a pool or held by a person, named by its line) none."""
    pooled = {c for b in _documents(conn) if b["kind"] == rules.POOL for c in b["codes"]}
    holders = held(conn, [line.code for line in lines])
    for line in lines:
        if line.code in pooled:
            raise ValidationError(f"{line.line}行目", f"住民票コード {line.code} はすでに取り込まれています")
        if line.code in holders:
            raise ValidationError(f"{line.line}行目",
                                  f"住民票コード {line.code} は宛名番号 {holders[line.code]} の人がすでに持っています")
    _put(conn, data_key, signer, {"kind": rules.POOL, "terminal": "", "terminal_name": "",
                                  "codes": [line.code for line in lines], "by": by,
                                  "issued_at": at.isoformat(timespec="seconds")})


def lease(conn: Connection, data_key: bytes, signer: Ed25519PrivateKey, terminal_id: str, terminal_name: str,
          count: int, by: str, at: dt.datetime) -> int:
    """Lease up to `count` unleased codes to a terminal (inside the caller's transaction); returns how many."""
    if count < 1:
        raise ValidationError("件数", "払い出す件数は1以上にしてください")
    codes = unleased(conn)[:count]
    if not codes:
        raise ValidationError("件数", "払い出せる住民票コードがありません。先にファイルから取り込んでください")
    _put(conn, data_key, signer, {"kind": rules.LEASE, "terminal": terminal_id, "terminal_name": terminal_name,
                                  "codes": codes, "by": by, "issued_at": at.isoformat(timespec="seconds")})
    return len(codes)


def check_new_codes(conn: Connection, idou: Idou) -> None:
    """A 住民票コード that an 異動 gives a person must be nobody else's (nor given twice by the 異動). A code a
    person keeps is not checked again. The refusal does not say whose the code is: a code typed from a paper at
    the counter may be a protected person's, brought by someone looking for her."""
    given: dict[str, str] = {}
    for change in idou.rows:
        code, atena_no = change.row.juminhyo_code, change.row.atena_no
        kept = conn.execute("SELECT 1 FROM persons WHERE atena_no = ? AND juminhyo_code = ?",
                            (atena_no, code)).fetchone()
        if not code or kept:
            continue
        other = given.get(code) or held(conn, [code]).get(code)
        if other is not None and other != atena_no:
            raise ValidationError("住民票コード", CODE_TAKEN.format(code=code))
        given[code] = atena_no


def waiting_ids(conn: Connection) -> list[int]:
    """Current residents recorded by 出生, 国外転入等 or 職権記載 who have no 住民票コード yet, by フリガナ: they
    were recorded while the pool was empty (those who moved in from another town bring theirs)."""
    reasons = json.dumps(sorted(FIRST_CODE))
    return [r[0] for r in conn.execute(
        "SELECT p.id FROM persons p WHERE p.resident = 1 AND p.juminhyo_code = '' AND EXISTS (SELECT 1 FROM "
        "person_rows r WHERE r.atena_no = p.atena_no AND r.reason IN (SELECT value FROM json_each(?))) "
        "ORDER BY p.kana_full, p.atena_no", (reasons,))]


class CodePool:
    """This terminal's leased codes: drawn one at a time, or counted. The leases' signatures are checked once each;
    a lease that does not verify, or that this replica abandoned when it was restored, is never drawn from."""

    def __init__(self, conn: Connection, terminal_id: str, public_key: Ed25519PublicKey) -> None:
        self._conn = conn
        self._terminal_id = terminal_id
        self._public_key = public_key
        self._seen: dict[str, tuple[str, ...]] = {}  # document id -> its codes when a verified lease of ours, or ()

    def _codes(self) -> list[str]:
        """The codes of this terminal's verified leases, oldest lease first, each in the order of its file."""
        ids = [r[0] for r in self._conn.execute("SELECT id FROM docs WHERE class = ? ORDER BY seq", (JCODE,))]
        abandoned = _abandoned(self._conn)
        for doc_id in ids:
            if doc_id not in self._seen:
                body = documents.body_of(self._conn, doc_id)
                ours = (rules.problem(body) is None and body["kind"] == rules.LEASE
                        and body["terminal"] == self._terminal_id and _verifies(body, self._public_key)
                        and not abandoned(body))
                self._seen[doc_id] = tuple(body["codes"]) if ours else ()
        return [c for doc_id in ids for c in self._seen[doc_id]]

    def free(self, limit: int, exclude: AbstractSet[str] = frozenset()) -> list[str]:
        """Up to `limit` codes of this terminal's leases that nobody holds (and not in `exclude`), in order."""
        codes = [c for c in self._codes() if c not in exclude]
        found: list[str] = []
        for start in range(0, len(codes), CHUNK):  # the first codes are the ones used up already
            chunk = codes[start:start + CHUNK]
            used = held(self._conn, chunk)
            found += [c for c in chunk if c not in used]
            if len(found) >= limit:
                break
        return found[:limit]

    def draw(self, exclude: AbstractSet[str]) -> str:
        """The next free code, or "" when this terminal's pool is empty."""
        found = self.free(1, exclude)
        return found[0] if found else ""

    def left(self) -> int:
        return len(self.free(len(self._codes())))
