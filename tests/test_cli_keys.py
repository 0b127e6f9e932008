"""Keys from the command line: 復旧キット, 分割鍵, バックアップ and 復元, 鍵の更新 (also killed at random moments),
opening with the 復旧コード, and a municipality restored from the cloud and two 分割鍵 printed by `escrow`."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import keyring
import pytest
from conftest import ADMIN, Clock
from pypdf import PdfReader

from local_store.demo import create_demo
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE, TerminalFile
from reports.verify import qr_texts

ROOT = Path(__file__).resolve().parent.parent
TOWN_ARGS = ["--name", "みどり町", "--prefecture", "さくら県", "--code", "131016", "--mayor", "町長 一郎",
             "--admin", "admin"]
BACKUP_PASSPHRASE = "backup-passphrase-1"


def cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def kit_code(pdf: Path) -> str:
    text = PdfReader(pdf).pages[0].extract_text()
    found = re.search(r"([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})\s+([A-Z2-9]{5})",
                      text)
    assert found, text
    return "-".join(found.groups())


def share_text(pdf: Path) -> str:
    texts = qr_texts(PdfReader(pdf).pages[0])
    assert len(texts) == 1  # one share, and only one, per sheet
    return texts[0]


def _entry(data_dir: Path) -> str:
    return TerminalFile.load(data_dir).terminal_id


def test_kit_backup_restore_rekey_and_recovery(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    made = cli(data_dir, "init", *TOWN_ARGS, "--kit-out", str(tmp_path / "kit.pdf"), stdin=f"{ADMIN[2]}\n")
    assert made.returncode == 0, made.stderr
    first_code = kit_code(tmp_path / "kit.pdf")
    assert first_code not in made.stdout
    admin = ["--as", "admin", "--password-stdin"]
    # a counter clerk may not: the keys are the administrator's
    cli(data_dir, *admin, "staff", "add", "clerk", "--name", "窓口 花子", "--role", "窓口",
        stdin=f"{ADMIN[2]}\nclerk-password\n")
    refused = cli(data_dir, "--as", "clerk", "--password-stdin", "backup", "--out", str(tmp_path / "b"),
                  stdin="clerk-password\n" + BACKUP_PASSPHRASE + "\n")
    assert refused.returncode == 1 and "鍵の管理" in refused.stderr
    backup = cli(data_dir, *admin, "backup", "--out", str(tmp_path / "town.mdgbak"),
                 stdin=f"{ADMIN[2]}\n{BACKUP_PASSPHRASE}\n")
    assert backup.returncode == 0, backup.stderr
    wrong = cli(tmp_path / "copy", "restore", str(tmp_path / "town.mdgbak"), stdin="wrong-passphrase\n")
    assert wrong.returncode == 1 and "合言葉が違います" in wrong.stderr and not (tmp_path / "copy").exists()
    restored = cli(tmp_path / "ignored", "restore", str(tmp_path / "town.mdgbak"), "--data-dir", str(tmp_path / "copy"),
                   "--kit-out", str(tmp_path / "copy-kit.pdf"), stdin=f"{BACKUP_PASSPHRASE}\n")
    assert restored.returncode == 0, restored.stderr
    assert cli(tmp_path / "copy", *admin, "search", "ア", stdin=f"{ADMIN[2]}\n").returncode == 0
    rekeyed = cli(data_dir, *admin, "rekey", "--kit-out", str(tmp_path / "kit2.pdf"), stdin=f"{ADMIN[2]}\n")
    assert rekeyed.returncode == 0, rekeyed.stderr
    second_code = kit_code(tmp_path / "kit2.pdf")
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    lost = cli(data_dir, *admin, "search", "ア", stdin=f"{ADMIN[2]}\n")
    assert lost.returncode == 1 and "復旧コード" in lost.stderr
    old = cli(data_dir, "--recovery-code-stdin", *admin, "search", "ア", stdin=f"{first_code}\n{ADMIN[2]}\n")
    assert old.returncode == 1 and "復旧コードが違います" in old.stderr
    recovered = cli(data_dir, "--recovery-code-stdin", *admin, "search", "ア", stdin=f"{second_code}\n{ADMIN[2]}\n")
    assert recovered.returncode == 0, recovered.stderr
    assert cli(data_dir, *admin, "search", "ア", stdin=f"{ADMIN[2]}\n").returncode == 0  # the keyring again
    kit = cli(data_dir, *admin, "recovery-kit", "--out", str(tmp_path / "kit3.pdf"), stdin=f"{ADMIN[2]}\n")
    assert kit.returncode == 0 and kit_code(tmp_path / "kit3.pdf") != second_code


def test_escrow_sheets_restore_the_town_from_the_cloud(tmp_path: Path, cloud: Any) -> None:
    data_dir = tmp_path / "town"
    admin = ["--as", "admin", "--password-stdin"]
    assert cli(data_dir, "init", *TOWN_ARGS, "--kit-out", str(tmp_path / "kit.pdf"),
               stdin=f"{ADMIN[2]}\n").returncode == 0
    user, password = cloud.login("terminal-a")
    assert cli(data_dir, *admin, "cloud", "login", cloud.url, "--user", user,
               stdin=f"{ADMIN[2]}\n{password}\n").returncode == 0
    assert cli(data_dir, *admin, "sync", stdin=f"{ADMIN[2]}\n").returncode == 0
    split = cli(data_dir, *admin, "escrow", "--shares", "3", "--threshold", "2", "--out-dir", str(tmp_path / "shares"),
                stdin=f"{ADMIN[2]}\n")
    assert split.returncode == 0, split.stderr
    sheets = sorted((tmp_path / "shares").glob("*.pdf"))
    assert len(sheets) == 3
    shares = [share_text(p) for p in sheets]
    assert len(set(shares)) == 3 and all(s not in split.stdout for s in shares)
    for number, sheet in enumerate(sheets, start=1):
        assert f"3枚のうち{number}枚目" in PdfReader(sheet).pages[0].extract_text()
    user_b, password_b = cloud.login("terminal-b")
    restored = cli(tmp_path / "new", "init", "--restore-from-cloud", cloud.url, "--user", user_b, "--terminal", "本庁2",
                   "--kit-out", str(tmp_path / "new-kit.pdf"), stdin=f"{password_b}\n{shares[2]}\n{shares[0]}\n")
    assert restored.returncode == 0, restored.stderr
    assert "復元しました" in restored.stdout
    assert cli(tmp_path / "new", *admin, "staff", "list", stdin=f"{ADMIN[2]}\n").returncode == 0


@pytest.fixture(scope="module")
def big_replica(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("rekey") / "replica"
    create_demo(data_dir, 1500, seed=4, clock=Clock()).close()
    return data_dir


def test_a_rekey_killed_at_random_moments_leaves_a_replica_that_opens(big_replica: Path) -> None:
    """Each run is killed at a random moment of its course (as long as a whole run takes, or less)."""
    command = [sys.executable, "main.py", "--data-dir", str(big_replica), "--as", "demo-admin", "--password-stdin",
               "rekey", "--kit-out", os.devnull]
    started = time.monotonic()
    assert subprocess.run(command, cwd=ROOT, input=b"demo\n", capture_output=True, timeout=300).returncode == 0
    duration = time.monotonic() - started
    registry = Registry.open(big_replica)
    expected = registry.counts()
    registry.close()
    rng = random.Random(7)
    outcomes = []
    for run in range(8):
        process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        assert process.stdin is not None
        process.stdin.write(b"demo\n")
        process.stdin.close()
        if run % 2:  # somewhere in the whole course
            time.sleep(rng.uniform(0.3, 1.0) * duration)
        else:  # somewhere in the rotation itself: from the moment the next key's wraps are written
            while process.poll() is None and b'"pending": null' in (big_replica / "terminal.json").read_bytes():
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes.append(TerminalFile.load(big_replica).pending is not None)
        registry = Registry.open(big_replica)
        assert registry.counts() == expected
        registry.close()
        assert TerminalFile.load(big_replica).pending is None
    print("interrupted mid-rotation:", outcomes)
