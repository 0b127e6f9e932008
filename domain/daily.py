"""The counter's day: the 異動一覧 a 係長 checks (点検) and the 日計 of 交付 for the cash check.

The 日計 counts the day's 交付 by kind (件数, 通数, 手数料), and again by 無料・減免 category (通常 for those charged the
kind's 手数料, 公用, and the town's categories), and the refusals the law makes (拒否: who may receive what);
a request put right at the counter (入力不備) is not in the 交付履歴 and not counted. A 交付の取消し made that day
gives its 手数料 back on that day (a 交付 cancelled the day it was issued nets to nothing) and is listed with its
reason (see `domain.kofu_history`).

Pure: built from the day's 異動 documents, 交付履歴 entries and 点検 marks, whichever terminal made them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.idou import overdue_days
from domain.kofu_history import Entry
from domain.kofu_rules import KOUYOU_CATEGORY, ORDINARY, CertificateKind, Disposal, RequesterKind
from domain.wareki import RegDate


@dataclass(frozen=True, slots=True)
class IdouLine:
    """One 異動 of the day, and its 点検 if a 係長 has marked it."""

    doc_id: str
    processed_at: str
    reason: str
    idou_date: RegDate
    persons: tuple[tuple[str, str], ...]  # (宛名番号, 氏名)
    staff: str
    terminal: str
    notified_on: RegDate | None = None
    checked_by: str = ""
    checked_at: str = ""

    @property
    def days_late(self) -> int:
        """Days past the 14 allowed between the 異動日 and the 届出日 (0: in time, or not a 住民届)."""
        return overdue_days(self.idou_date, self.notified_on)


@dataclass(frozen=True, slots=True)
class KofuTotal:
    """The 交付 of one kind of certificate in a day: 件数 (requests), 通数 (copies), 手数料 (less what the day's
    cancellations gave back), refusals and cancellations."""

    kind: str
    requests: int
    copies: int
    fee: int
    refused: int
    cancelled: int = 0


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    """The 交付 of one 無料・減免 category in a day: 件数, 通数 and 手数料 (less what the day's cancellations gave
    back)."""

    category: str
    requests: int
    copies: int
    fee: int


@dataclass(frozen=True, slots=True)
class Cancellation:
    """A 交付の取消し of the day: when and by whom, the 交付 it cancelled (its 発行番号, time and staff), the 手数料
    given back and the reason."""

    at: str
    staff: str
    kind: str
    issue_numbers: tuple[str, ...]
    issued_at: str
    issued_by: str
    fee: int
    reason: str


@dataclass(frozen=True, slots=True)
class DailyReport:
    day: str  # ISO date
    idou: list[IdouLine]
    kofu: list[KofuTotal]
    names: Mapping[str, str] = field(default_factory=dict)  # user id → 氏名 of this terminal's staff accounts
    cancellations: list[Cancellation] = field(default_factory=list)
    categories: list[CategoryTotal] = field(default_factory=list)

    @property
    def fee(self) -> int:
        return sum(t.fee for t in self.kofu)

    @property
    def unchecked(self) -> int:
        return sum(1 for line in self.idou if not line.checked_by)

    @property
    def late(self) -> list[IdouLine]:
        """住民届 filed after their 14 days: listed for the notice to the 簡易裁判所 (法52条)."""
        return [line for line in self.idou if line.days_late]


def idou_line(doc_id: str, body: Mapping[str, Any], marks: Mapping[str, tuple[str, str]]) -> IdouLine:
    by, at = marks.get(doc_id, ("", ""))
    return IdouLine(doc_id=doc_id, processed_at=body["processed_at"], reason=body["reason"],
                    idou_date=RegDate.from_json(body["idou_date"]),
                    persons=tuple((c["row"]["atena_no"], c["row"]["name"]) for c in body["rows"]),
                    staff=body["staff"], terminal=body["terminal"],
                    notified_on=RegDate.from_json(body["notified_on"]) if body.get("notified_on") else None,
                    checked_by=by, checked_at=at)


def kofu_totals(entries: Iterable[Mapping[str, Any]]) -> list[KofuTotal]:
    """Totals by kind, in the order of the kinds; kinds with nothing that day are left out. `entries`: the day's, of
    which only the cancellations that count (`domain.kofu_history.cancellations`)."""
    totals: dict[str, list[int]] = {}
    for entry in entries:
        kind = entry["request"]["kind"]
        counts = totals.setdefault(kind, [0, 0, 0, 0, 0])
        if entry["disposal"] == Disposal.REFUSED.value:
            counts[3] += 1
            continue
        if entry["disposal"] == Disposal.CANCELLED.value:
            counts[4] += 1
            counts[2] -= int(entry["cancels"]["fee"])
            continue
        counts[0] += 1
        counts[1] += len(entry["issue_numbers"])
        counts[2] += int(entry["fee"])
    order = [k.value for k in CertificateKind]
    ranked = sorted(totals, key=lambda k: order.index(k) if k in order else len(order))
    return [KofuTotal(kind, *totals[kind]) for kind in ranked]


def category_of(request: Mapping[str, Any]) -> str:
    """The 無料・減免 category a recorded request was charged under (公用 for a 公用請求; 通常 for none)."""
    if request["requester"]["kind"] == RequesterKind.KOUYOU.value:
        return KOUYOU_CATEGORY
    return str(request.get("fee_category") or ORDINARY)


def category_totals(entries: Iterable[Mapping[str, Any]]) -> list[CategoryTotal]:
    """Totals by 無料・減免 category, 通常 first then by name, counted as `kofu_totals` counts them (their 件数, 通数 and
    手数料 add up to the kinds'): refusals are not counted, a cancellation gives its 手数料 back in the category of
    the 交付 it cancels."""
    totals: dict[str, list[int]] = {}
    for entry in entries:
        if entry["disposal"] == Disposal.REFUSED.value:
            continue
        counts = totals.setdefault(category_of(entry["request"]), [0, 0, 0])
        if entry["disposal"] == Disposal.CANCELLED.value:
            counts[2] -= int(entry["cancels"]["fee"])
            continue
        counts[0] += 1
        counts[1] += len(entry["issue_numbers"])
        counts[2] += int(entry["fee"])
    ranked = sorted(totals, key=lambda c: (c != ORDINARY, c))
    return [CategoryTotal(c, *totals[c]) for c in ranked]


def cancellation_lines(entries: Iterable[Entry]) -> list[Cancellation]:
    """The cancellations among `entries` (those that count), by time."""
    return [Cancellation(at=body["at"], staff=body["staff"], kind=body["request"]["kind"],
                         issue_numbers=tuple(body["cancels"]["issue_numbers"]), issued_at=body["cancels"]["at"],
                         issued_by=body["cancels"]["staff"], fee=int(body["cancels"]["fee"]),
                         reason=body["cancels"]["reason"])
            for _, body in sorted(entries, key=lambda e: e[1]["at"]) if body["disposal"] == Disposal.CANCELLED.value]


def marks_of(events: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, str]]:
    """Who checked each 異動 first, and when: a later mark of the same 異動 (another 係長, another terminal) does not
    replace it."""
    found: dict[str, tuple[str, str]] = {}
    for event in sorted(events, key=lambda e: e["at"]):
        for doc_id in event["doc_ids"]:
            found.setdefault(doc_id, (event["by"], event["at"]))
    return found


def mark_problem(body: Any) -> str | None:
    """Why a 点検 mark is malformed, in plain words; None when it is well formed."""
    if not isinstance(body, dict) or set(body) != {"day", "doc_ids", "by", "at"}:
        return "a 点検 mark needs exactly day, doc_ids, by and at"
    if not isinstance(body["doc_ids"], list) or not all(isinstance(d, str) for d in body["doc_ids"]):
        return "a 点検 mark's doc_ids are not a list of document ids"
    if not all(isinstance(body[k], str) for k in ("day", "by", "at")):
        return "a 点検 mark's day, by and at are not text"
    return None
