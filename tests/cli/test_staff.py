"""`staff` and `audit` on the command line, in this process on a real replica, secrets on standard input only; the
second factor's set-up as a real process, a conversation over its pipes."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain import totp
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock
from tests.support.cli import cli

ROOT = Path(__file__).resolve().parents[2]
AS_ADMIN = ("--as", ADMIN[0], "--password-stdin")


@pytest.fixture
def replica(tmp_path: Path, clock: Clock) -> Path:
    data_dir = tmp_path / "replica"
    Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock).close()
    return data_dir


def test_an_administrator_manages_staff_with_passwords_on_standard_input(replica: Path) -> None:
    added = cli(replica, *AS_ADMIN, "staff", "add", "tanaka", "--name", "田中 一", "--role", "窓口",
                stdin=f"{ADMIN[2]}\ntanaka-password\n")
    assert added.returncode == 0, added.stderr
    assert "tanaka" in added.stdout and "tanaka-password" not in added.stdout + added.stderr
    for args in (("role", "tanaka", "係長"), ("disable", "tanaka")):
        done = cli(replica, *AS_ADMIN, "staff", *args, stdin=f"{ADMIN[2]}\n")
        assert done.returncode == 0, done.stderr
    listed = cli(replica, *AS_ADMIN, "staff", "list", stdin=f"{ADMIN[2]}\n")
    assert "tanaka  田中 一  係長  利用停止  二要素認証なし" in listed.stdout
    refused = cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin="tanaka-password\n")
    assert refused.returncode == 1 and "利用停止" in refused.stderr
    assert cli(replica, *AS_ADMIN, "staff", "enable", "tanaka", stdin=f"{ADMIN[2]}\n").returncode == 0
    reset = cli(replica, *AS_ADMIN, "staff", "reset-password", "tanaka", stdin=f"{ADMIN[2]}\nnew-password\n")
    assert reset.returncode == 0, reset.stderr

    for _ in range(5):
        cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin="wrong\n")
    locked = cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin="new-password\n")
    assert locked.returncode == 1 and "ロックされています" in locked.stderr
    assert cli(replica, *AS_ADMIN, "staff", "unlock", "tanaka", stdin=f"{ADMIN[2]}\n").returncode == 0
    ok = cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin="new-password\n")
    assert ok.returncode == 0, ok.stderr


def test_staff_commands_are_for_administrators_only(replica: Path) -> None:
    cli(replica, *AS_ADMIN, "staff", "add", "kakaricho", "--name", "係長 一", "--role", "係長",
        stdin=f"{ADMIN[2]}\nk-password\n")
    denied = cli(replica, "--as", "kakaricho", "--password-stdin", "staff", "list", stdin="k-password\n")
    assert denied.returncode == 1 and "係長の権限では「職員の管理」はできません" in denied.stderr
    bad = cli(replica, *AS_ADMIN, "staff", "role", "nobody", "係長", stdin=f"{ADMIN[2]}\n")
    assert bad.returncode == 2 and bad.stderr.startswith("入力エラー: ") and "Traceback" not in bad.stderr


def test_totp_setup_confirms_a_code_and_sign_in_then_asks_for_one(replica: Path, clock: Clock) -> None:
    cli(replica, *AS_ADMIN, "staff", "add", "tanaka", "--name", "田中 一", "--role", "係長",
        stdin=f"{ADMIN[2]}\ntanaka-password\n")
    setup = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(replica), *AS_ADMIN, "staff", "totp-setup",
                              "tanaka"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert setup.stdin is not None and setup.stdout is not None
    setup.stdin.write(f"{ADMIN[2]}\n")
    setup.stdin.flush()
    seed = ""
    for line in setup.stdout:
        if line.startswith("URI: otpauth://totp/"):
            seed = line.split("secret=")[1].split("&")[0]
            break
    code = totp.totp(totp.seed_bytes(seed), time.time())  # the process checks it against the wall clock
    out, err = setup.communicate(f"{code}\n", timeout=120)
    assert setup.returncode == 0, err
    assert "二要素認証を設定しました" in out

    asked = cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin="tanaka-password\n")
    assert asked.returncode == 1 and "ワンタイムパスワードが標準入力にありません" in asked.stderr
    shown = totp.totp(totp.seed_bytes(seed), clock.now.timestamp())  # what the app shows at the test's time
    wrong = f"{(int(shown) + 1) % 1_000_000:06d}"
    refused = cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin=f"tanaka-password\n{wrong}\n")
    assert refused.returncode == 1 and "ワンタイムパスワードが違います" in refused.stderr
    fresh = totp.totp(totp.seed_bytes(seed), clock.now.timestamp() + totp.STEP_SECONDS)  # not the one used above
    ok = cli(replica, "--as", "tanaka", "--password-stdin", "audit", "verify", stdin=f"tanaka-password\n{fresh}\n")
    assert ok.returncode == 0, ok.stderr


def test_audit_verify_exit_status_tells_honest_pending_and_tampered_apart(replica: Path, tmp_path: Path,
                                                                         clock: Clock) -> None:
    honest = cli(replica, *AS_ADMIN, "audit", "verify", stdin=f"{ADMIN[2]}\n")
    assert honest.returncode == 0 and "異常はありません" in honest.stdout

    branch = Registry.create(tmp_path / "branch", TOWN, "支所1", ADMIN, clock=clock)
    branch.search(branch.sign_in(ADMIN[0], ADMIN[2]), "ヤマダ")
    branch.audit.flush()
    entries = branch.audit.after({})
    branch.close()
    here = Registry.open(replica, clock=clock)
    here.audit.receive(entries[1:])
    here.close()
    pending = cli(replica, *AS_ADMIN, "audit", "verify", stdin=f"{ADMIN[2]}\n")
    assert pending.returncode == 3, pending.stderr
    assert "未着: 端末「支所1」: 1 番の記録がまだ同期で届いていません" in pending.stdout

    here = Registry.open(replica, clock=clock)
    here.store.conn.execute("DROP TRIGGER audit_no_update")
    here.store.conn.execute("UPDATE audit SET staff = 'someone-else' WHERE terminal = '本庁1' AND seq = 2")
    here.close()
    tampered = cli(replica, *AS_ADMIN, "audit", "verify", stdin=f"{ADMIN[2]}\n")
    assert tampered.returncode == 4
    assert "改ざんの疑い: 端末「本庁1」: 2 番の記録が書き換えられているか、順序が入れ替えられています" in tampered.stdout
    assert "書き換えられたか、削除・並べ替えられています" in tampered.stderr


def test_audit_export_writes_csv_for_the_day_and_user_asked(replica: Path, tmp_path: Path, clock: Clock) -> None:
    out = tmp_path / "audit.csv"
    today = clock.now.date().isoformat()
    done = cli(replica, *AS_ADMIN, "audit", "export", "--out", str(out), "--from", today, "--to", today, "--user",
               ADMIN[0], stdin=f"{ADMIN[2]}\n")
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark, as spreadsheets expect
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["端末", "番号", "日時", "職員", "操作"]
    assert rows[1:] and all(r[3] == ADMIN[0] and r[2].startswith(today) for r in rows[1:])
    bad = cli(replica, *AS_ADMIN, "audit", "export", "--out", str(out), "--from", "yesterday", stdin=f"{ADMIN[2]}\n")
    assert bad.returncode == 2 and "not a date" in bad.stderr
