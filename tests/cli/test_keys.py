"""Keys from the command line: 復旧キット, 分割鍵, バックアップ and 復元, 鍵の更新 (also killed at random moments, as real
processes), opening with the 復旧コード or the 管理者の合言葉, and a municipality restored from the cloud and two 分割鍵
printed by `escrow`."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import keyring
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from local_store.terminal_key import KEYRING_SERVICE, TerminalFile
from reports.verify import qr_texts
from tests.support.builders import ADMIN
from tests.support.cli import TOWN_ARGS, cli, kit_code
from tests.support.terminals import now_clock

ROOT = Path(__file__).resolve().parents[2]

BACKUP_PASSPHRASE = "backup-passphrase-1"


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


def test_the_admin_passphrase_from_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    admin = ["--as", "admin", "--password-stdin"]
    phrase = "admin-passphrase-1"
    assert cli(data_dir, "init", *TOWN_ARGS, "--kit-out", str(tmp_path / "kit.pdf"),
               stdin=f"{ADMIN[2]}\n").returncode == 0
    short = cli(data_dir, *admin, "admin-passphrase", "set", stdin=f"{ADMIN[2]}\nshort\n")
    assert short.returncode == 1 and "10文字" in short.stderr
    made = cli(data_dir, *admin, "admin-passphrase", "set", stdin=f"{ADMIN[2]}\n{phrase}\n")
    assert made.returncode == 0 and "設定しました" in made.stdout, made.stderr
    assert TerminalFile.load(data_dir).admin is not None
    # 鍵の更新 reads the 管理者の合言葉 after the staff password: a wrong one changes nothing
    before = (data_dir / "terminal.json").read_bytes()
    wrong = cli(data_dir, *admin, "rekey", "--kit-out", str(tmp_path / "kit2.pdf"),
                stdin=f"{ADMIN[2]}\nnot-the-admin-passphrase\n")
    assert wrong.returncode == 1 and "管理者の合言葉が違います" in wrong.stderr
    assert (data_dir / "terminal.json").read_bytes() == before and not (tmp_path / "kit2.pdf").exists()
    rekeyed = cli(data_dir, *admin, "rekey", "--kit-out", str(tmp_path / "kit2.pdf"), stdin=f"{ADMIN[2]}\n{phrase}\n")
    assert rekeyed.returncode == 0, rekeyed.stderr
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    refused = cli(data_dir, "--admin-passphrase-stdin", *admin, "search", "ア",
                  stdin=f"not-the-admin-passphrase\n{ADMIN[2]}\n")
    assert refused.returncode == 1 and "管理者の合言葉が違います" in refused.stderr
    opened = cli(data_dir, "--admin-passphrase-stdin", *admin, "search", "ア", stdin=f"{phrase}\n{ADMIN[2]}\n")
    assert opened.returncode == 0, opened.stderr
    assert cli(data_dir, *admin, "search", "ア", stdin=f"{ADMIN[2]}\n").returncode == 0  # the keyring again
    dropped = cli(data_dir, *admin, "rekey", "--drop-admin-passphrase", "--kit-out", str(tmp_path / "kit3.pdf"),
                  stdin=f"{ADMIN[2]}\n")
    assert dropped.returncode == 0 and "管理者の合言葉は削除しました" in dropped.stdout, dropped.stderr
    assert TerminalFile.load(data_dir).admin is None
    assert cli(data_dir, *admin, "admin-passphrase", "set", stdin=f"{ADMIN[2]}\n{phrase}\n").returncode == 0
    removed = cli(data_dir, *admin, "admin-passphrase", "remove", stdin=f"{ADMIN[2]}\n")
    assert removed.returncode == 0 and "削除しました" in removed.stdout
    assert TerminalFile.load(data_dir).admin is None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    gone = cli(data_dir, "--admin-passphrase-stdin", *admin, "search", "ア", stdin=f"{phrase}\n{ADMIN[2]}\n")
    assert gone.returncode == 1 and "設定されていません" in gone.stderr


def test_escrow_sheets_restore_the_town_from_the_cloud(tmp_path: Path, cloud: Any) -> None:
    data_dir = tmp_path / "town"
    now = now_clock()  # the cloud's Date headers become the replicas' last trusted time
    admin = ["--as", "admin", "--password-stdin"]
    assert cli(data_dir, "init", *TOWN_ARGS, "--kit-out", str(tmp_path / "kit.pdf"),
               stdin=f"{ADMIN[2]}\n", clock=now).returncode == 0
    user, password = cloud.login("terminal-a")
    assert cli(data_dir, *admin, "cloud", "login", cloud.url, "--user", user,
               stdin=f"{ADMIN[2]}\n{password}\n", clock=now).returncode == 0
    assert cli(data_dir, *admin, "sync", stdin=f"{ADMIN[2]}\n", clock=now).returncode == 0
    split = cli(data_dir, *admin, "escrow", "--shares", "3", "--threshold", "2", "--out-dir", str(tmp_path / "shares"),
                stdin=f"{ADMIN[2]}\n", clock=now)
    assert split.returncode == 0, split.stderr
    sheets = sorted((tmp_path / "shares").glob("*.pdf"))
    assert len(sheets) == 3
    shares = [share_text(p) for p in sheets]
    assert len(set(shares)) == 3 and all(s not in split.stdout for s in shares)
    for number, sheet in enumerate(sheets, start=1):
        assert f"3枚のうち{number}枚目" in PdfReader(sheet).pages[0].extract_text()
    user_b, password_b = cloud.login("terminal-b")
    restored = cli(tmp_path / "new", "init", "--restore-from-cloud", cloud.url, "--user", user_b, "--terminal", "本庁2",
                   "--kit-out", str(tmp_path / "new-kit.pdf"), stdin=f"{password_b}\n{shares[2]}\n{shares[0]}\n",
                   clock=now)
    assert restored.returncode == 0, restored.stderr
    assert "復元しました" in restored.stdout
    assert cli(tmp_path / "new", *admin, "staff", "list", stdin=f"{ADMIN[2]}\n", clock=now).returncode == 0


OPEN_AND_COUNT = """
import json, sys
from pathlib import Path
from local_store.registry import Registry
from tests.support.builders import Clock
from local_store.terminal_key import KeyringKeyMissing
data_dir, codes = Path(sys.argv[1]), sys.argv[2:]
try:
    registry = Registry.open(data_dir, clock=Clock())
except KeyringKeyMissing:  # the keyring file itself was cut short by the kill: the recovery kits open it
    for code in codes:
        try:
            registry = Registry.open(data_dir, recovery_code=code, clock=Clock())
            break
        except Exception:
            continue
print(json.dumps(registry.residents.counts()))
registry.close()
"""


def test_a_rekey_killed_at_random_moments_leaves_a_replica_that_opens(tmp_path: Path) -> None:
    """Each run is killed at a random moment of its course (as long as a whole run takes, or less), or shortly
    after the rotation began. The runs have a keyring of their own: the test keyring (a plaintext file, rewritten
    in place) can itself be cut short by a kill, in which case the recovery kits must open the replica."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "keyring")}
    data_dir = tmp_path / "replica"
    subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "init", "--demo", "1500", "--seed", "4"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)

    def counts(codes: list[str]) -> str:
        done = subprocess.run([sys.executable, "-c", OPEN_AND_COUNT, str(data_dir), *codes], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def rekey(kit: Path) -> list[str]:
        return [sys.executable, "main.py", "--data-dir", str(data_dir), "--as", "demo-admin", "--password-stdin",
                "rekey", "--kit-out", str(kit)]

    expected = counts([])
    started = time.monotonic()
    first_kit = tmp_path / "kit-0.pdf"
    subprocess.run(rekey(first_kit), cwd=ROOT, env=env, input=b"demo\n", capture_output=True, check=True, timeout=300)
    duration = time.monotonic() - started
    kits = [first_kit]
    rng = random.Random(7)
    outcomes = []
    for run in range(1, 9):
        kits.append(tmp_path / f"kit-{run}.pdf")
        process = subprocess.Popen(rekey(kits[-1]), cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert process.stdin is not None
        process.stdin.write(b"demo\n")
        process.stdin.close()
        if run % 2:  # somewhere in the whole course
            time.sleep(rng.uniform(0.3, 1.0) * duration)
        else:  # somewhere in the rotation itself: from the moment the next key's wraps are written
            while process.poll() is None and b'"pending": null' in (data_dir / "terminal.json").read_bytes():
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes.append(TerminalFile.load(data_dir).pending is not None)
        codes = []
        for kit in reversed(kits):
            try:
                codes.append(kit_code(kit))
            except (OSError, ValueError, AssertionError, PyPdfError):  # a kit the kill cut short, or never written
                continue
        assert counts(codes) == expected
        assert TerminalFile.load(data_dir).pending is None
    print("interrupted mid-rotation:", outcomes)
