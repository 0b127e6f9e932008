"""The self-test from source, as the build runs it on the frozen program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def self_test(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env}, check=False)


def test_the_self_test_passes_from_source() -> None:
    result = self_test()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("  OK  ") == 6 and "自己診断に合格しました" in result.stdout
    assert "  OK  同期の第二プロセス" in result.stdout


def test_a_failing_check_is_named_and_the_status_is_not_zero(tmp_path: Path) -> None:
    # A broken reportlab ahead of the real one on the path: the first check that draws with a font fails.
    (tmp_path / "reportlab").mkdir()
    (tmp_path / "reportlab" / "__init__.py").write_text("raise ImportError('reportlab is broken')\n")
    result = self_test(PYTHONPATH=os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])))
    assert result.returncode == 1
    assert "  NG  台帳の作成" in result.stdout
    assert "自己診断に失敗しました（台帳の作成" in result.stderr and "reportlab is broken" in result.stderr
