"""Opening envelopes: the body's canonical JSON handed to the replica is exactly the one `domain.canonical.canonical_json`
makes, whatever the body holds, and opening in a second process gives what opening here gives."""

from __future__ import annotations

import datetime as dt
import os
import signal
from typing import Any

import pytest

from domain.canonical import canonical_json
from local_store import documents
from local_store.replication import Arrival, Refused
from sync.envelope import Sealer
from sync.opening import Opener, open_all

KEY = bytes(range(32))
SEALER = Sealer("993018", "terminal", KEY)
TODAY = dt.date(2026, 11, 28)

BODIES: list[Any] = [
    {"fee": 300, "ratio": 0.1, "small": 1e-05, "smaller": 1.5e-07, "large": 1e16, "whole": 2.0},
    {"big": 2 ** 70, "negative": -(2 ** 63) - 1},
    {"text": "改行\n タブ\t 制御\x01\x1f 引用\" 斜線\\ \u2028 😀", "😀": 1, "\uffff": [None, True, False]},
    {"nested": {"z": [1, {"b": "x", "a": "y"}], "a": {}}, "when": "2026-11-28T00:00:19.266+00:00", "e-1": "0.00001"},
]


@pytest.mark.parametrize("body", BODIES)
def test_opening_gives_the_canonical_json_of_any_body(body: dict[str, Any]) -> None:
    parent = "1-" + "a" * 32
    doc = documents.Document("d" * 32, documents.revision_id(KEY, parent, False, body), "settings", body)
    opened = SEALER.open(SEALER.seal(doc, parent))
    assert opened.doc == doc and opened.parent_rev == parent
    assert opened.body_json == canonical_json(body)


def _envelopes() -> list[dict[str, Any]]:
    """A valid settings document, one whose body does not match its revision, one altered on the server,
    and a 異動 of invalid form."""
    good = {"mayor_name": "緑川　一", "updated_by": "admin"}
    valid = documents.Document("settings", documents.revision_id(KEY, None, False, good), "settings", good)
    forged = documents.Document("f" * 32, valid.rev, "settings", {**good, "mayor_name": "偽"})
    invalid_body = {"reason": "国内転入", "rows": []}
    invalid = documents.Document("i" * 32, documents.revision_id(KEY, None, False, invalid_body), "idou",
                                 invalid_body)
    altered = SEALER.seal(valid, None)
    altered["x"] = ("A" if altered["x"][0] != "A" else "B") + altered["x"][1:]
    altered["_id"] = "a" * 32
    return [SEALER.seal(valid, None), SEALER.seal(forged, None), altered, SEALER.seal(invalid, None)]


def _outcome(arrivals: list[Arrival | Refused]) -> list[tuple[Any, ...]]:
    return [(a.doc_id, a.rev, a.reason) if isinstance(a, Refused) else (a.doc, a.packed, a.verified) for a in arrivals]


def test_opening_in_a_second_process_gives_what_opening_here_gives() -> None:
    here = open_all(SEALER, _envelopes(), TODAY)
    with Opener(SEALER, TODAY) as opener:
        assert opener.use_process().result(timeout=60) != os.getpid()
        there = opener.submit(_envelopes()).result(timeout=60)
    assert _outcome(there) == _outcome(here)
    assert [type(a).__name__ for a in here] == ["Arrival", "Refused", "Refused", "Refused"]
    assert here[0].verified
    assert [a.reason for a in here[1:] if isinstance(a, Refused)] == [
        "the revision does not match the body", "does not open: altered, or moved to another id",
        "malformed 異動: KeyError"]


def test_any_body_opened_in_a_second_process_arrives_as_sealed() -> None:
    """The second process sends back the canonical JSON and this one reads the body from it with orjson, unless
    orjson would not read it back faithfully (an integer beyond 64 bits): then the body itself travels."""
    docs = [documents.Document(f"{i:032x}", documents.revision_id(KEY, None, False, body), "settings", body)
            for i, body in enumerate(BODIES)]
    with Opener(SEALER, TODAY) as opener:
        assert opener.use_process().result(timeout=60) != os.getpid()
        there = opener.submit([SEALER.seal(doc, None) for doc in docs]).result(timeout=60)
    assert [a.doc if isinstance(a, Arrival) else a for a in there] == docs
    big = there[1]
    assert isinstance(big, Arrival) and type(big.doc.body["big"]) is int and big.doc.body["big"] == 2 ** 70


def test_a_second_process_that_dies_leaves_the_opening_here() -> None:
    here = open_all(SEALER, _envelopes(), TODAY)
    with Opener(SEALER, TODAY) as opener:
        os.kill(opener.use_process().result(timeout=60), signal.SIGKILL)
        first = opener.submit(_envelopes()).result(timeout=60)
        later = opener.submit(_envelopes()).result(timeout=60)
    assert _outcome(first) == _outcome(later) == _outcome(here)


def test_a_malformed_parent_revision_is_refused_not_raised() -> None:
    body = {"mayor_name": "緑川　一"}
    doc = documents.Document("settings", "2-" + "b" * 32, "settings", body)
    envelope = SEALER.seal(doc, "x-not-a-revision")
    (refused,) = open_all(SEALER, [envelope], TODAY)
    assert isinstance(refused, Refused) and refused.reason == "malformed parent revision"
