"""The command line as tests call it: run in this process with the test's clock, the program's arguments for the
test town, the code of a 復旧キット."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

import cli as command_line
from tests.support.builders import Clock

TOWN_ARGS = ["--name", "みどり町", "--prefecture", "さくら県", "--code", "131016", "--mayor", "町長 一郎",
             "--admin", "admin"]

# The running test's clock (tests/conftest.py sets it for every test); None outside a test, where each run gets a
# clock of its own.
CLOCK: Clock | None = None


@dataclass(frozen=True, slots=True)
class Ran:
    """What a run of the command line left, named as subprocess.CompletedProcess names it."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def cli(data_dir: Path, *args: str, stdin: str = "", clock: Clock | None = None) -> Ran:
    """`main.py --data-dir DATA_DIR ARGS…` with `stdin` as its standard input, in this process."""
    argv = ["--data-dir", str(data_dir), *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = command_line.run(argv, clock=clock or CLOCK or Clock(), stdin=io.StringIO(stdin))
    return Ran(argv, code, out.getvalue(), err.getvalue())


def kit_code(pdf: Path) -> str:
    text = PdfReader(pdf).pages[0].extract_text()
    found = re.search(r"([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})",
                      text)
    assert found, text
    return "-".join(found.groups())
