"""`search` on the command line marks a person under 支援措置 for every staff member, and her 照会 is audited."""

from __future__ import annotations

import json
from pathlib import Path

from local_store.audit import Filter
from local_store.registry import Registry
from tests.support.builders import ADMIN, Clock
from tests.support.cli import cli
from tests.support.protected import acting, password, protected_replica


def test_search_marks_her_and_audits_her_inquiry(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    town = protected_replica(data_dir, clock)
    found = cli(data_dir, *acting("clerk"), "search", "オツカワ", stdin=password("clerk"))
    assert found.returncode == 0, found.stderr
    marked = {line.split()[0]: line.endswith("支援措置") for line in found.stdout.splitlines()}
    assert marked == {town.taro.atena_no: False, town.hanako.atena_no: True, town.ichiro.atena_no: True}
    rows = json.loads(cli(data_dir, *acting("clerk"), "search", "オツカワ", "--json", stdin=password("clerk")).stdout)
    assert {r["atena_no"]: r["protected"] for r in rows["results"]}[town.hanako.atena_no] is True
    registry = Registry.open(data_dir, clock=clock)
    try:
        seen = registry.audit.entries(registry.sign_in(ADMIN[0], ADMIN[2]), Filter(action="照会（支援措置対象者）"))
        assert [(e.staff, e.target) for e in seen] == [("clerk", ",".join(town.theirs))] * 2
    finally:
        registry.close()
