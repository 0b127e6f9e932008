"""閲覧 between two terminals through the test cloud: a request received on one is decided and listed on the other;
two terminals that decide the same request without seeing each other both keep their decision, the refusal holds
and the request is flagged; a decision by someone who may not decide is quarantined on arrival."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.etsuran import Stamp, Status, decision_event
from domain.roles import Role
from local_store import etsuran
from tests.support.etsuran import chosa, kikan
from tests.support.terminals import Terminal, make_terminals


@pytest.fixture
def terminals(tmp_path: Path, cloud: Any) -> Iterator[tuple[Terminal, Terminal]]:
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    yield a, b
    a.registry.close()
    b.registry.close()


def _request(t: Terminal) -> dict[str, Any]:
    return chosa(date=t.registry.today().isoformat(), areas=["本町2丁目"])


def test_a_request_received_on_one_terminal_is_decided_and_listed_on_the_other(
        terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    # An office's request: the one family of make_terminals is too few households for a survey.
    case = a.registry.etsuran.receive(a.actor, kikan(date=a.registry.today().isoformat(), areas=["本町2丁目"],
                                                     ages={"from": 18, "to": 80}))
    a.sync(), b.sync()
    [seen] = b.registry.etsuran.cases(b.actor)
    assert (seen.number, seen.request, seen.status) == (case.number, case.request, Status.PENDING)
    b.registry.etsuran.approve(b.actor, case.number)
    made = b.registry.etsuran.make_list(b.actor, case.number)
    assert len(made.lines) == 3  # the family of make_terminals at 本町2丁目, but its child under 18
    b.sync(), a.sync()
    [there] = a.registry.etsuran.cases(a.actor)
    assert there.status is Status.APPROVED and [m.rows for m in there.lists] == [3]
    assert there.decision is not None and there.decision.by.terminal == "支所1"


def test_two_decisions_made_apart_keep_the_refusal_and_flag_the_request(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    case = a.registry.etsuran.receive(a.actor, _request(a))
    a.sync(), b.sync()
    a.registry.etsuran.approve(a.actor, case.number)
    b.registry.etsuran.refuse(b.actor, case.number, "成果の公表の予定が示されていない")
    a.sync(), b.sync(), a.sync()
    for t in (a, b):
        [found] = t.registry.etsuran.cases(t.actor)
        assert found.status is Status.REFUSED and found.flagged
        assert found.decision is not None and found.decision.reason == "成果の公表の予定が示されていない"


def test_a_decision_by_a_counter_clerk_is_quarantined(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    a.registry.staff.add(a.actor, "clerk", "窓口　一", Role.COUNTER, "clerk-pw")
    case = a.registry.etsuran.receive(a.actor, _request(a))
    a.sync(), b.sync()
    with a.registry.store.write() as conn:  # written past the service, as a tampered terminal could
        forged = etsuran.put(conn, a.registry.store.data_key, decision_event(
            case.doc_id, True, "", Stamp("clerk", a.registry.terminal, a.registry.store.stamp())))
    a.sync()
    assert b.sync().quarantined == 1
    assert [q.doc_id for q in b.registry.review.quarantined(b.actor)] == [forged]
    assert b.registry.etsuran.cases(b.actor)[0].status is Status.PENDING


def test_two_lists_made_apart_for_one_approval_are_both_kept_and_flag_the_request(
        terminals: tuple[Terminal, Terminal]) -> None:
    """One list per approval: each terminal refuses a second, but two made while apart both arrive, flagged."""
    a, b = terminals
    case = a.registry.etsuran.receive(a.actor, kikan(date=a.registry.today().isoformat(), areas=["本町2丁目"]))
    a.registry.etsuran.approve(a.actor, case.number)
    a.sync(), b.sync()
    a.registry.etsuran.make_list(a.actor, case.number)
    b.registry.etsuran.make_list(b.actor, case.number)
    a.sync(), b.sync(), a.sync()
    for t in (a, b):
        [found] = t.registry.etsuran.cases(t.actor)
        assert len(found.lists) == 2 and found.flagged and found.status is Status.APPROVED
