"""Real processes that tests start and kill: the program's folder, the program run as a process of its own, waiting
for a marker, a SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def program(data_dir: Path, *args: str, stdin: str = "", timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python main.py --data-dir DATA_DIR ARGS…` as a process of its own, with the wall clock and the tests'
    keyring, `stdin` as its standard input; waits for it to end."""
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, env=os.environ.copy(), timeout=timeout, check=False)


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
