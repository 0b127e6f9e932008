"""No secret in a log, a settings file, a temporary file, an error message or a process's arguments.

A sync, a sign-in with a wrong password, an escrow export, a backup, a 管理者の合言葉 set, a rekey keeping it, an
opening with it, a recovery with the 復旧コード and a restore run as real processes with every logger (requests'
urllib3 included) at DEBUG into a file and their own
temporary folder; then every secret is looked for, in the forms it could take, in the log, their output, the data
folders' files other than the encrypted database, the temporary folder, and each process's arguments and
environment as `ps` would show them, read while it ran.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import keyring
from pypdf import PdfReader

from domain import totp
from domain.roles import Role
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE, TerminalFile
from reports.verify import qr_texts
from tests.support.builders import ADMIN
from tests.support.cli import TOWN_ARGS, kit_code
from tests.support.terminals import now_clock

ROOT = Path(__file__).resolve().parents[2]
RUN_LOGGED = ("import logging, runpy, sys\n"
              "logging.basicConfig(filename=sys.argv.pop(1), level=logging.DEBUG)\n"
              "for name in ('urllib3', 'requests', 'keyring'):\n"
              "    logging.getLogger(name).setLevel(logging.DEBUG)\n"
              "sys.argv[0] = 'main.py'\n"
              "runpy.run_path('main.py', run_name='__main__')\n")


class Recorder:
    """Runs the program with DEBUG logging into one file, its own TMPDIR, and watches /proc while it runs."""

    def __init__(self, tmp: Path) -> None:
        self.log = tmp / "debug.log"
        self.tmpdir = tmp / "process-tmp"
        self.tmpdir.mkdir()
        self.seen: list[bytes] = []  # outputs, arguments and environments

    def run(self, data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "TMPDIR": str(self.tmpdir), "TEMP": str(self.tmpdir), "TMP": str(self.tmpdir)}
        process = subprocess.Popen([sys.executable, "-c", RUN_LOGGED, str(self.log), "--data-dir", str(data_dir),
                                    *args], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        proc = Path(f"/proc/{process.pid}")
        self.seen.append((proc / "cmdline").read_bytes())
        self.seen.append((proc / "environ").read_bytes())
        out, err = process.communicate(stdin.encode(), timeout=300)
        self.seen += [out, err]
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _forms(secret: str | bytes) -> set[bytes]:
    if isinstance(secret, bytes):
        return {secret.hex().encode(), secret.hex().upper().encode(), base64.b64encode(secret),
                base64.urlsafe_b64encode(secret), base64.b32encode(secret).rstrip(b"=")}
    return {secret.encode(), secret.replace("-", "").encode(), secret.replace("-", " ").encode()}


def test_no_secret_leaves_the_replica_in_the_clear(tmp_path: Path, cloud: Any) -> None:
    rec = Recorder(tmp_path)
    data_dir, copy_dir = tmp_path / "replica", tmp_path / "copy"
    admin = ["--as", "admin", "--password-stdin"]
    cloud_user, cloud_password = cloud.login("terminal-a")
    backup_passphrase, wrong_password = "backup-passphrase-1", "not-the-admin-password"
    admin_passphrase = "admin-passphrase-1"
    assert rec.run(data_dir, "init", *TOWN_ARGS, "--kit-out", str(tmp_path / "kit1.pdf"),
                   stdin=f"{ADMIN[2]}\n").returncode == 0
    assert rec.run(data_dir, *admin, "cloud", "login", cloud.url, "--user", cloud_user,
                   stdin=f"{ADMIN[2]}\n{cloud_password}\n").returncode == 0
    seed = totp.new_seed()
    registry = Registry.open(data_dir, clock=now_clock())  # as the program it runs beside: the real time
    actor = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.staff.add(actor, "clerk", "窓口 花子", Role.COUNTER, "clerk-password")
    registry.staff.enable_second_factor(actor, "clerk", seed, totp.totp(totp.seed_bytes(seed), time.time()))
    secret_rows = dict(registry.store.conn.execute("SELECT name, value FROM secrets").fetchall())
    registry.close()
    assert rec.run(data_dir, *admin, "search", "ア", stdin=f"{wrong_password}\n").returncode == 1
    assert rec.run(data_dir, *admin, "sync", stdin=f"{ADMIN[2]}\n").returncode == 0
    assert rec.run(data_dir, *admin, "escrow", "--out-dir", str(tmp_path / "shares"),
                   stdin=f"{ADMIN[2]}\n").returncode == 0
    shares = [qr_texts(PdfReader(p).pages[0])[0] for p in sorted((tmp_path / "shares").glob("*.pdf"))]
    assert rec.run(data_dir, *admin, "backup", "--out", str(tmp_path / "town.mdgbak"),
                   stdin=f"{ADMIN[2]}\n{backup_passphrase}\n").returncode == 0
    assert rec.run(data_dir, *admin, "admin-passphrase", "set",
                   stdin=f"{ADMIN[2]}\n{admin_passphrase}\n").returncode == 0
    entry = TerminalFile.load(data_dir).terminal_id
    old_key = keyring.get_password(KEYRING_SERVICE, entry)
    assert rec.run(data_dir, *admin, "rekey", "--kit-out", str(tmp_path / "kit2.pdf"),
                   stdin=f"{ADMIN[2]}\n{admin_passphrase}\n").returncode == 0
    new_key = keyring.get_password(KEYRING_SERVICE, entry)
    keyring.delete_password(KEYRING_SERVICE, entry)
    assert rec.run(data_dir, "--admin-passphrase-stdin", *admin, "search", "ア",
                   stdin=f"{admin_passphrase}\n{ADMIN[2]}\n").returncode == 0
    assert keyring.get_password(KEYRING_SERVICE, entry) == new_key
    keyring.delete_password(KEYRING_SERVICE, entry)
    code = kit_code(tmp_path / "kit2.pdf")
    assert rec.run(data_dir, "--recovery-code-stdin", *admin, "search", "ア",
                   stdin=f"{code}\n{ADMIN[2]}\n").returncode == 0
    assert rec.run(tmp_path / "unused", "restore", str(tmp_path / "town.mdgbak"), "--data-dir", str(copy_dir),
                   "--kit-out", str(tmp_path / "kit3.pdf"), stdin=f"{backup_passphrase}\n").returncode == 0
    copy_key = keyring.get_password(KEYRING_SERVICE, TerminalFile.load(copy_dir).terminal_id)
    assert old_key and new_key and copy_key and len({old_key, new_key, copy_key}) == 3

    secrets: dict[str, str | bytes] = {
        "admin password": ADMIN[2], "wrong password": wrong_password, "clerk password": "clerk-password",
        "TOTP seed": seed, "TOTP seed bytes": totp.seed_bytes(seed), "cloud password": cloud_password,
        "backup passphrase": backup_passphrase, "admin passphrase": admin_passphrase,
        "old terminal key": old_key, "terminal key": new_key,
        "restored terminal key": copy_key, "data key": secret_rows["data_key"],
        "signing key": secret_rows["signing_key"],
        **{f"recovery code {i}": kit_code(tmp_path / f"kit{i}.pdf") for i in (1, 2, 3)},
        **{f"share {i}": s for i, s in enumerate(shares, start=1)},
    }
    log = rec.log.read_bytes()
    assert b"DEBUG:urllib3" in log  # the log really caught the HTTP traffic at DEBUG
    places: dict[str, bytes] = {"debug log": log, "outputs, arguments, environments": b"\n".join(rec.seen)}
    for folder in (data_dir, copy_dir, rec.tmpdir):
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("registry.db"):
                places[str(path.relative_to(tmp_path))] = path.read_bytes()
    assert "replica/terminal.json" in places and "copy/terminal.json" in places
    leaks = [(name, where) for name, secret in secrets.items() for form in _forms(secret)
             for where, blob in places.items() if form in blob]
    assert leaks == []
