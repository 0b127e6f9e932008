"""Real processes that tests start and kill: the program's folder, waiting for a marker, a SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def wait_for(path: Path, marker: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and marker in path.read_text(errors="replace"):
            return
        assert proc.poll() is None, f"the process ended before it could be killed: {path.read_text()}"
        time.sleep(0.05)
    raise AssertionError(f"no {marker!r} in {path} after {timeout}s")


def kill(proc: subprocess.Popen[bytes]) -> None:
    assert proc.poll() is None, "the process finished before the kill"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
