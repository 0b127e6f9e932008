"""The demo town's 戸籍の附票: residents whose 本籍 is in みどり町 have theirs from their own 異動, and the town brought
附票 of persons who live elsewhere (some moved abroad, some 除附票) from its file, which reads without a bad line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from demo.replica import create_demo
from demo.town import demo_fuhyo_csv
from domain.fuhyo import parse_import
from tests.support.builders import Clock


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_demo_file_of_fuhyo_reads_whole(seed: int) -> None:
    lines = parse_import(demo_fuhyo_csv(10, seed, dt.date(2026, 11, 27)))
    assert len({(line.honseki, line.head) for line in lines}) == 10
    assert any(line.abroad for line in lines) and any(line.removal for line in lines)
    assert all(line.since.iso >= line.birth.iso for line in lines)


def test_the_demo_town_has_fuhyo_of_residents_and_of_persons_living_elsewhere(tmp_path: Path) -> None:
    registry = create_demo(tmp_path / "demo", 250, 7, clock=Clock())
    try:
        chief = registry.sign_in("demo-kakaricho", "demo")
        found = registry.fuhyo.search(chief, "みどり町")
        residents = [f for f in found if f.atena_nos]
        elsewhere = [f for f in found if not f.atena_nos]
        assert len(residents) > 20 and len(elsewhere) == 5
        assert sum(1 for f in elsewhere if f.closed_on) == 1
    finally:
        registry.close()
