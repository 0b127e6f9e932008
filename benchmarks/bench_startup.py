"""Start-up: from starting the program to a searchable window on a large replica, frozen and from source.

    python benchmarks/bench_startup.py [--residents 300000] [--seed 1] [--runs 5] [--dist dist/Madoguchi]

Builds the demo replica once (kept in benchmarks/.cache/, its key wrapped by a fixed passphrase: synthetic data
only) and reuses it. Each run starts the program offscreen with `window --measure-startup`: it opens the replica
(the passphrase comes first on standard input), signs in as `demo` (the password next), shows the main window,
answers one search typed into its box, prints one JSON line and quits. The time counted runs from starting the
process to that line, less the sign-in (a memory-hard password hash, excluded by the target). One run of each
first warms the file cache; the median of the others is reported.

Prints one JSON object: frozen_ready_ms (target <= 2000), source_ready_ms, dist_mb (the size of dist/Madoguchi,
target <= 300, fonts included), and what makes them up (open_ms, signin_ms, window_ms, search_ms, median of the
runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"
PASSPHRASE = "bench-startup-passphrase"  # synthetic data only
# The key is wrapped by the passphrase: the frozen program carries no file keyring, and a benchmark has no business
# in the machine's own keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from demo.replica import create_demo  # noqa: E402


def wall_clock() -> dt.datetime:
    """Benchmarks run on the real clock (the cloud's Date headers are real too)."""
    return dt.datetime.now().astimezone()


def build(data_dir: Path, residents: int, seed: int) -> None:
    if (data_dir / "terminal.json").exists():
        return
    print(f"building a {residents}-resident replica in {data_dir} (once)", file=sys.stderr)
    create_demo(data_dir, residents, seed, passphrase=lambda: PASSPHRASE, clock=wall_clock).close()


def one_start(command: list[str], data_dir: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [*command, "--data-dir", str(data_dir), "--as", "demo", "--password-stdin", "window", "--measure-startup"]
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{PASSPHRASE}\ndemo\n")
    process.stdin.flush()
    line = process.stdout.readline()
    reached = time.perf_counter()
    _, errors = process.communicate(timeout=120)
    if process.returncode != 0 or not line.startswith("{"):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {line}{errors}")
    probe: dict[str, float] = json.loads(line)
    total = (reached - started) * 1000
    return {"ready_ms": total - probe["signin_ms"], **probe}


def measure(command: list[str], data_dir: Path, runs: int) -> dict[str, float]:
    one_start(command, data_dir)  # warms the file cache
    samples = [one_start(command, data_dir) for _ in range(runs)]
    return {key: round(statistics.median(s[key] for s in samples), 1) for key in samples[0]}


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "Madoguchi")
    args = parser.parse_args()
    executable = args.dist / ("Madoguchi.exe" if sys.platform == "win32" else "Madoguchi")
    if not executable.exists():
        raise SystemExit(f"{executable} is missing: build it first (bash scripts/build.sh)")
    data_dir = CACHE / f"startup-{args.residents}-{args.seed}"
    build(data_dir, args.residents, args.seed)
    frozen = measure([str(executable)], data_dir, args.runs)
    source = measure([sys.executable, str(ROOT / "main.py")], data_dir, args.runs)
    result: dict[str, Any] = {
        "residents": args.residents,
        "frozen_ready_ms": frozen["ready_ms"],
        "source_ready_ms": source["ready_ms"],
        "dist_mb": folder_mb(args.dist),
        "frozen": frozen,
        "source": source,
        "runs": args.runs,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
