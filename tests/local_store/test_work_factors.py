"""The program hashes passwords and wraps keys with the strong scrypt factors; only the test suite lowers them (for
its speed), and what either made opens in the other because each hash and wrap records its own factor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from local_store import staff, terminal_key, work_factors
from tests.support.processes import ROOT

PROGRAM_PACKAGES = ("domain", "local_store", "sync", "reports", "demo", "cli", "ui")

FRESH_PROCESS = """
import json
from local_store import staff, terminal_key, work_factors
print(json.dumps({"current": [work_factors.current().password_n, work_factors.current().wrap_n],
                  "hash": staff.hash_password("pw"),
                  "wrap": terminal_key.wrap_with_passphrase(bytes(32), "a passphrase")}))
"""


def _fresh() -> dict[str, object]:
    """What a process of the program (which never imports the tests' conftest) hashes and wraps with."""
    done = subprocess.run([sys.executable, "-c", FRESH_PROCESS], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_program_uses_the_strong_factors() -> None:
    assert work_factors.STRONG.password_n >= 2**14 and work_factors.STRONG.wrap_n >= 2**15
    fresh = _fresh()
    assert fresh["current"] == [work_factors.STRONG.password_n, work_factors.STRONG.wrap_n]
    assert str(fresh["hash"]).startswith(f"scrypt${work_factors.STRONG.password_n}$8$1$")
    assert fresh["wrap"]["n"] == str(work_factors.STRONG.wrap_n)  # type: ignore[index]


def test_what_the_program_made_opens_here_and_what_the_tests_made_records_its_factor() -> None:
    fresh = _fresh()
    assert staff.check_password("pw", str(fresh["hash"])) and not staff.check_password("pv", str(fresh["hash"]))
    assert terminal_key.unwrap_with_passphrase(fresh["wrap"], "a passphrase") == bytes(32)  # type: ignore[arg-type]
    lowered = terminal_key.wrap_with_passphrase(bytes(32), "a passphrase")
    assert int(lowered["n"]) == work_factors.current().wrap_n < work_factors.STRONG.wrap_n


def test_a_wrap_made_before_wraps_recorded_their_factor_still_opens() -> None:
    wrap = {k: v for k, v in _fresh()["wrap"].items() if k != "n"}  # type: ignore[attr-defined]
    assert terminal_key.unwrap_with_passphrase(wrap, "a passphrase") == bytes(32)


def test_only_the_tests_lower_the_factors() -> None:
    callers = [str(path.relative_to(ROOT)) for package in PROGRAM_PACKAGES for path in (ROOT / package).rglob("*.py")
               if "lower_for_tests" in path.read_text(encoding="utf-8") and path.name != "work_factors.py"]
    assert callers == [] and "lower_for_tests" not in (ROOT / "main.py").read_text(encoding="utf-8")
    assert "work_factors.lower_for_tests()" in Path(__file__).parents[1].joinpath("conftest.py").read_text()
