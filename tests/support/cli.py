"""The command line as tests call it: the program's arguments for the test town, a run, the code of a 復旧キット."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.support.processes import ROOT

TOWN_ARGS = ["--name", "みどり町", "--prefecture", "さくら県", "--code", "131016", "--mayor", "町長 一郎",
             "--admin", "admin"]


def cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def kit_code(pdf: Path) -> str:
    text = PdfReader(pdf).pages[0].extract_text()
    found = re.search(r"([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})",
                      text)
    assert found, text
    return "-".join(found.groups())
