"""被災者台帳 in the replica: assessments as create-only documents of class `higai`, and the 罹災証明書 交付.

An assessment is never edited: a 再調査 is a new document naming the ones it replaces (see `domain.disaster`). The
台帳 is read from the documents each time (a town's disaster gives thousands, not millions). A 罹災証明書 交付 is
a document of the 交付履歴 (class `kofu`) of kind 罹災証明書 with fee 0, so the 日計 counts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.disaster import RISAI_FEE, RISAI_KIND, Assessment, Household, RisaiRequest
from domain.household import household_order
from domain.kofu_rules import Disposal
from domain.records import Person
from local_store import derived, documents, kofu
from local_store.database import Connection

HIGAI = "higai"


def household(conn: Connection, setai_no: str) -> tuple[Household, list[Person]] | None:
    """The registry household with its current residents in the standard's order; None when nobody lives in it."""
    members = []
    for (atena_no,) in conn.execute("SELECT atena_no FROM persons WHERE setai_no = ? AND resident = 1 "
                                    "ORDER BY atena_no", (setai_no,)):
        found = derived.current_row(conn, atena_no)
        if found is not None:
            members.append(Person.from_json(found[0]))
    if not members:
        return None
    ordered = household_order(members)
    head = next((p for p in ordered if p.is_head), ordered[0])
    return Household(setai_no, head.name, head.address.full(), len(ordered)), ordered


def put(conn: Connection, data_key: bytes, assessment: Assessment) -> str:
    return documents.put_new(conn, data_key, HIGAI, assessment.to_json()).id


def assessments(conn: Connection) -> list[tuple[str, Assessment]]:
    return [(d.id, Assessment.from_json(d.body)) for d in documents.iter_class(conn, HIGAI)]


def issued_for(conn: Connection) -> dict[str, list[str]]:
    """整理番号 of the 罹災証明書 issued, by the assessment's document id, oldest first."""
    found: dict[str, list[str]] = {}
    for entry in kofu.history(conn):
        if entry["request"]["kind"] == RISAI_KIND and entry["disposal"] != Disposal.REFUSED.value:
            found.setdefault(entry["request"]["assessment"], []).append(entry["request"]["number"])
    return found


def record_issue(conn: Connection, data_key: bytes, at: kofu.Counter, request: RisaiRequest, assessment: Assessment,
                 persons: list[str], number: str, issue_number: str, digest: bytes,
                 checked: Mapping[str, Any]) -> None:
    """The 交付 in the 交付履歴 (in the caller's transaction): `persons` the household's members, its 世帯主 first;
    `number` the 整理番号, `issue_number` the 発行番号 of its QR code, `checked` what the disclosure check keeps."""
    documents.put_new(conn, data_key, kofu.KOFU, _history(
        at, request, assessment, persons, number, Disposal.HANDED, issue_numbers=[issue_number],
        digests=[digest.hex()], refusal="", checked=checked))


def record_refusal(conn: Connection, data_key: bytes, at: kofu.Counter, request: RisaiRequest,
                   assessment: Assessment, persons: list[str], reason: str, checked: Mapping[str, Any]) -> None:
    """A refused request in the 交付履歴 (no 整理番号 drawn); `checked` names the measures that refused it."""
    documents.put_new(conn, data_key, kofu.KOFU, _history(
        at, request, assessment, persons, "", Disposal.REFUSED, issue_numbers=[], digests=[], refusal=reason,
        checked=checked))


def _history(at: kofu.Counter, request: RisaiRequest, assessment: Assessment, persons: list[str], number: str,
             disposal: Disposal, *, issue_numbers: list[str], digests: list[str], refusal: str,
             checked: Mapping[str, Any]) -> dict[str, Any]:
    return {"at": at.now.isoformat(timespec="milliseconds"), "terminal": at.terminal, "staff": at.staff,
            "request": {**request.to_json(), "setai_no": assessment.setai_no, "damage": assessment.damage.value,
                        "number": number},
            "persons": persons, "items": [], "fee": RISAI_FEE, "issue_numbers": issue_numbers, "digests": digests,
            "disposal": disposal.value, "refusal": refusal, **checked}
