"""The 要確認 list of forks passes the one disclosure check like every list of persons: a protected person's fork is
left out for 窓口, shown to 係長 and above and named in the audit entry of the list."""

from __future__ import annotations

import shutil
from pathlib import Path

from local_store.audit import Filter
from local_store.registry import Registry
from local_store.review_service import FORKS_LISTED
from local_store.staff import Staff
from tests.support.builders import ADMIN, Clock
from tests.support.protected import protected_town


def _fork(here: Registry, there: Registry, atena_nos: list[str]) -> None:
    """A 職権修正 of each person on both terminals while apart, the other's arriving here: a fork of each."""
    me, you = here.sign_in(ADMIN[0], ADMIN[2]), there.sign_in(ADMIN[0], ADMIN[2])
    for atena_no in atena_nos:
        here.apply(me, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {atena_no: {"remarks": "こちら"}}})
        theirs = there.apply(you, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {atena_no: {"remarks": "あちら"}}})
        arrived = there.replication.document(theirs.doc_id)
        assert arrived is not None
        here.replication.ingest(arrived)


def test_a_protected_person_s_fork_is_left_out_for_the_counter_and_named_for_a_supervisor(
        registry: Registry, admin: Staff, data_dir: Path, tmp_path: Path) -> None:
    town = protected_town(registry, admin)
    hanako, sato = town.hanako.atena_no, town.sato.atena_no
    registry.close()
    shutil.copytree(data_dir, tmp_path / "other-terminal")
    here, there = Registry.open(data_dir, clock=Clock()), Registry.open(tmp_path / "other-terminal", clock=Clock())
    try:
        _fork(here, there, [hanako, sato])
        clerk, chief = here.sign_in("clerk", "clerk-pw"), here.sign_in("chief", "chief-pw")
        assert [f.atena_no for f in here.review.forked_persons(clerk)] == [sato]
        assert sorted(f.atena_no for f in here.review.forked_persons(chief)) == sorted([hanako, sato])
        assert here.review.fork_count() == 2  # the status bar's count names nobody
        here.audit.flush()
        listed = [e for e in here.audit.entries(chief, Filter()) if e.action == FORKS_LISTED]
        assert [e.staff for e in listed] == ["clerk", "chief"]
        assert "支援措置対象者の1件を除外" in listed[0].detail and hanako not in listed[0].detail
        assert f"支援措置対象者 {hanako} 係長以上に表示" in listed[1].detail
    finally:
        here.close()
        there.close()
