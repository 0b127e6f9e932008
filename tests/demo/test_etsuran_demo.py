"""The demo town's 閲覧 requests: received, two approved, the office's list made without the protected (there are
none in the demo), one waiting."""

from __future__ import annotations

from pathlib import Path

from demo.replica import create_demo
from domain.etsuran import Kind, Status
from tests.support.builders import Clock


def test_the_demo_town_has_a_few_etsuran_requests(tmp_path: Path) -> None:
    registry = create_demo(tmp_path / "demo", 120, 7, clock=Clock())
    try:
        chief = registry.sign_in("demo-kakaricho", "demo")
        cases = registry.etsuran.cases(chief)
        assert [(c.request.kind, c.status) for c in cases] == [
            (Kind.KIKAN, Status.APPROVED), (Kind.HOJIN, Status.APPROVED), (Kind.HOJIN, Status.PENDING)]
        assert len(cases[0].lists) == 1 and cases[0].lists[0].rows > 0
        assert [p.number for p in registry.etsuran.publication(chief, 2026)] == [c.number for c in cases[:2]]
    finally:
        registry.close()
