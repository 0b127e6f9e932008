"""`window --measure-startup`, which the start-up benchmark runs: a searchable window without the sign-in dialog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from demo.replica import create_demo
from tests.support.builders import Clock

ROOT = Path(__file__).resolve().parents[2]


def probe(data_dir: Path, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "--as", "demo", "--password-stdin",
                           "window", "--measure-startup"], cwd=ROOT, input=f"{password}\n", capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=False)


def test_the_probe_reports_each_step_of_a_start(data_dir: Path) -> None:
    create_demo(data_dir, 200, 1, clock=Clock()).close()
    result = probe(data_dir, "demo")
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout)
    assert set(steps) == {"app_ms", "open_ms", "signin_ms", "window_ms", "search_ms"}
    assert all(value > 0 for value in steps.values())
    result = probe(data_dir, "wrong")
    assert result.returncode == 1 and not result.stdout and "パスワード" in result.stderr
