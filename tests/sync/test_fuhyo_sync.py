"""The 戸籍の附票 between two terminals through the test cloud: a 附票 kept by a 異動 on one terminal is found, changed
and issued on the other, and both see the same 附票; changes made apart are both kept; a 附票 document written by
someone who may not record one is quarantined on arrival."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.fuhyo import Change, request_from
from domain.kofu_rules import RequesterKind
from domain.roles import Role
from local_store import fuhyo
from reports.certificate_pdf import render
from tests.support.builders import NOTIFIER
from tests.support.terminals import Terminal, make_terminals

HONSEKI = "さくら県みどり町本町1番地"


@pytest.fixture
def terminals(tmp_path: Path, cloud: Any) -> Iterator[tuple[Terminal, Terminal]]:
    a, b = make_terminals(tmp_path, cloud, cloud.url)  # the 山田 family, 本籍 in the town, recorded on a
    yield a, b
    a.registry.close()
    b.registry.close()


def shown(t: Terminal) -> Any:
    [found] = t.registry.fuhyo.search(t.actor, HONSEKI)
    return t.registry.fuhyo.show(t.actor, found.id).fuhyo


def test_a_fuhyo_kept_on_one_terminal_is_found_changed_and_issued_on_the_other(
        terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    b.sync()
    there = shown(b)
    assert there == shown(a) and len(there.members) == 4
    hanako = there.members[1]
    b.registry.apply(b.actor, {"reason": "転居", "idou_date": b.registry.today().isoformat(), "notifier": NOTIFIER,
                               "targets": [m.atena_no for m in there.members],
                               "address": {"text": "さくら県みどり町本町5丁目5番5号"}})
    issued = b.registry.fuhyo.issue(b.actor, request_from({
        "fuhyo": there.id, "requester": RequesterKind.HONNIN, "requester_atena": hanako.atena_no,
        "relation": "本人", "identification": "運転免許証"}), render)
    b.sync(), a.sync()
    here = shown(a)
    assert here == shown(b)
    assert [line.address for line in here.member(hanako.atena_no).addresses][-1] == "さくら県みどり町本町5丁目5番5号"
    assert [e["issue_numbers"] for e in a.registry.kofu.history(a.actor) if e["request"]["kind"] == "戸籍の附票の写し"] \
        == [issued.issue_numbers]


def test_changes_made_apart_are_both_kept(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    b.sync()
    f = shown(a)
    today = a.registry.today().isoformat()
    a.registry.fuhyo.record(a.actor, [{"change": Change.VOTER.value, "fuhyo": f.id, "member": f.members[2].key,
                                       "town": "さくら県みどり町", "date": today}], "職権")
    b.registry.fuhyo.record(b.actor, [{"change": Change.REMOVE.value, "fuhyo": f.id, "member": f.members[3].key,
                                       "reason": "婚姻", "date": today}], "職権")
    a.sync(), b.sync(), a.sync()
    for t in (a, b):
        members = shown(t).members
        assert (members[2].voter_town, members[3].removed.reason) == ("さくら県みどり町", "婚姻")


def test_a_fuhyo_document_by_a_clerk_who_may_not_import_is_quarantined(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    a.registry.staff.add(a.actor, "clerk", "窓口　一", Role.COUNTER, "clerk-pw")
    a.sync(), b.sync()
    f = shown(a)
    with a.registry.store.write() as conn:  # written past the service, as a tampered terminal could
        forged = fuhyo.put(conn, a.registry.store.data_key, {
            "at": a.registry.store.stamp(), "by": "clerk", "terminal": a.registry.terminal, "source": "移行 x.csv",
            "changes": [{"change": Change.CLOSE.value, "fuhyo": f.id, "reason": "転籍",
                         "date": a.registry.today().isoformat()}]})
    a.sync()
    assert b.sync().quarantined == 1
    assert [q.doc_id for q in b.registry.review.quarantined(b.actor)] == [forged]
    assert shown(b).closed_on is None
