"""The program itself as a process: its version, and one command run end to end through main.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def test_version() -> None:
    result = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("Madoguchi ")


def test_the_program_runs_a_command_as_a_process(tmp_path: Path) -> None:
    """main.py itself: the arguments, the password on standard input, the output and the exit codes."""
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "20", "--seed", "5").returncode == 0

    def main(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "--as", "demo-kakaricho",
                               "--password-stdin", *args], cwd=ROOT, input="demo\n", capture_output=True, text=True,
                              timeout=300, check=False)

    found = main("search", "ア", "--json", "--limit", "1")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["kind"] == "フリガナ"
    refused = main("search", "123456789016", "--mynumber")
    assert refused.returncode == 2 and refused.stderr.startswith("入力エラー: ")


def test_the_program_keeps_japan_s_day_on_a_pc_set_to_another_time_zone() -> None:
    """The law counts days in 日本標準時: the wall clock is read in JST whatever the PC's time zone (a PC left on UTC
    or on New York time would otherwise move every date rule by hours)."""
    probe = "import main; now = main.wall_clock(); print(now.utcoffset().total_seconds())"
    for zone in ("UTC", "America/New_York", "Asia/Tokyo"):
        result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                                env={**os.environ, "TZ": zone})
        assert float(result.stdout) == 9 * 3600, zone
