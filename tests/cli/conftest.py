"""The command-line tests' demo town, shared by the tests that only read it or add their own residents, and one
clock for the package, so that its time only moves forward."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.builders import Clock
from tests.support.cli import cli


@pytest.fixture(scope="package")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="package")
def demo(tmp_path_factory: pytest.TempPathFactory, clock: Clock) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "replica"
    result = cli(data_dir, "init", "--demo", "300", "--seed", "5", clock=clock)
    assert result.returncode == 0, result.stderr
    assert "デモの町を作りました" in result.stdout
    return data_dir
