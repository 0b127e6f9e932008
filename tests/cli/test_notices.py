"""`notices` on the command line, in this process: the outbox listed and exported, a file of incoming notices taken
in (all or none), shown and applied."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.builders import Clock, family
from tests.support.cli import Ran, cli
from tests.support.notices import birth, notice_file, write
from tests.support.protected import acting, password, protected_replica


def test_the_command_line_lists_exports_imports_and_applies(tmp_path: Path) -> None:
    data = tmp_path / "replica"

    def as_admin(*args: str) -> Ran:
        return cli(data, "--as", "admin", "--password-stdin", *args, stdin="admin-password\n")

    made = cli(data, "init", "--name", "みどり町", "--prefecture", "さくら県", "--code", "131016", "--mayor", "町長 一郎",
               "--admin", "admin", stdin="admin-password\n")
    assert made.returncode == 0, made.stderr
    request = family()
    for p in request["persons"]:
        p["birth"] = {"S50.1.1": "1975-01-01"}.get(p["birth"], p["birth"])
    applied = as_admin("apply", str(write(tmp_path / "family.json", request)))
    assert applied.returncode == 0, applied.stderr
    listed = as_admin("notices", "list", "--pending", "--kind", "tennyu")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("転入通知") == 4 and "東京都千代田区" in listed.stdout and "4 件" in listed.stderr
    # 住基法15条2項: the adults (not 次郎, 16) to the town's 選挙管理委員会; no 附票 notice to the town's own 本籍.
    voters = as_admin("notices", "list", "--pending", "--kind", "senkyo")
    assert voters.returncode == 0 and "3 件" in voters.stderr, voters.stderr
    assert voters.stdout.count("さくら県みどり町選挙管理委員会") == 3 and "山田　次郎" not in voters.stdout
    assert "0 件" in as_admin("notices", "list", "--kind", "fuhyo").stderr
    assert "nyukan" in as_admin("notices", "list", "--kind", "x").stderr  # the codes are named when one is wrong
    out = tmp_path / "out.json"
    exported = as_admin("notices", "export", "--out", str(out))
    assert exported.returncode == 0 and "通知 11 件" in exported.stdout, exported.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["notices"]) == 11
    assert "0 件" in as_admin("notices", "list", "--pending").stderr

    broken = as_admin("notices", "import", str(write(tmp_path / "bad.json", notice_file({"id": "x", "kind": "出生"}))))
    assert broken.returncode == 2 and "通知 1件目（ID x）" in broken.stderr
    taken = as_admin("notices", "import", str(write(tmp_path / "birth.json", notice_file(birth()))))
    assert taken.returncode == 0 and "1 件を受け付けました" in taken.stdout, taken.stderr
    notice_id = as_admin("notices", "inbox").stdout.split()[0]
    shown = as_admin("notices", "show", notice_id)
    assert shown.returncode == 0, shown.stderr
    assert '"reason": "出生"' in shown.stdout and "状態: 受付" in shown.stdout
    done = as_admin("notices", "apply", notice_id)
    assert done.returncode == 0 and "出生を登録しました" in done.stdout, done.stderr
    assert "処理済" in as_admin("notices", "inbox").stdout
    assert as_admin("notices", "apply", notice_id).returncode == 2


def test_the_list_leaves_a_protected_person_s_notices_out_for_the_counter(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    town = protected_replica(data_dir, clock)
    counter = cli(data_dir, *acting("clerk"), "notices", "list", "--json", stdin=password("clerk"))
    assert counter.returncode == 0, counter.stderr
    shown = json.loads(counter.stdout)
    assert {n["atena_no"] for n in shown} == {town.taro.atena_no, town.sato.atena_no}
    assert "本町9丁目" not in counter.stdout  # her new address
    chief = json.loads(cli(data_dir, *acting("chief"), "notices", "list", "--json", stdin=password("chief")).stdout)
    assert {n["atena_no"] for n in chief} >= set(town.theirs)
