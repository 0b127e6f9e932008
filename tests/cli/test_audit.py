"""操作記録 on the command line: `audit verify` on a replica whose chain was cut off, re-hashed or wiped behind the
program's back, with later batches written on top (exit 4 on the terminal itself, before any sync), an honest one
(exit 0, however many processes wrote it); and a command line whose arguments are not text refused before anything
runs (exit 2), where it used to print the results and record nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, family
from tests.support.cli import Ran, cli
from tests.support.tampering import rehash, tamper


def verify(data_dir: Path) -> Ran:
    return cli(data_dir, "--as", ADMIN[0], "--password-stdin", "audit", "verify", stdin=ADMIN[2] + "\n")


def entries(registry: Registry) -> int:
    return registry.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


@pytest.fixture
def chain(registry: Registry, admin: Staff) -> Registry:
    """A replica whose chain holds 31 entries, one search a batch."""
    for i in range(30):
        registry.search(admin, f"ヤマダ{i}")
    return registry


def test_an_honest_chain_written_by_several_processes_verifies(chain: Registry, admin: Staff) -> None:
    for _ in range(3):
        done = verify(chain.data_dir)
        assert done.returncode == 0, done.stdout + done.stderr
        chain.search(admin, "サトウ")
    assert "異常はありません" in done.stdout


@pytest.mark.parametrize("cut", [1, 20])
def test_the_newest_entries_cut_off_exit_4(chain: Registry, admin: Staff, cut: int) -> None:
    tamper(chain, f"DELETE FROM audit WHERE seq > {31 - cut}")
    chain.search(admin, "サトウ")  # a batch on top of the cut: it used to reuse the numbers and rewrite the head
    chain.close()
    done = verify(chain.data_dir)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "改ざんの疑い" in done.stdout and "削除されています" in done.stdout


def test_a_re_hashed_chain_exits_4(chain: Registry, admin: Staff) -> None:
    rehash(chain, (3, "forged"))
    done = verify(chain.data_dir)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "端末の控えと違います（書き換え）" in done.stdout


def test_a_wiped_chain_exits_4(chain: Registry, admin: Staff) -> None:
    tamper(chain, "DELETE FROM audit")
    chain.search(admin, "サトウ")
    done = verify(chain.data_dir)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "1〜31 番の記録が削除されています" in done.stdout


def test_a_query_that_is_not_text_is_refused_before_anything_runs(registry: Registry, admin: Staff) -> None:
    """`search $'山田\\xff'`: the byte that is not UTF-8 reaches Python as a lone surrogate."""
    registry.apply(admin, family())
    before = entries(registry)
    done = cli(registry.data_dir, "--as", ADMIN[0], "--password-stdin", "search", "山田\udcff",
               stdin=ADMIN[2] + "\n")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("madoguchi: error: argument query: not valid text")
    assert entries(registry) == before  # nothing ran: no sign-in, no search
    assert cli(registry.data_dir, "--as", ADMIN[0], "--password-stdin", "search", "山田",
               stdin=ADMIN[2] + "\n").returncode == 0


def test_a_json_file_with_a_lone_surrogate_is_an_input_error(registry: Registry, tmp_path: Path) -> None:
    request = tmp_path / "idou.json"
    request.write_text(json.dumps(family()).replace("\\u5c71", "\\udcff", 1), encoding="utf-8")
    done = cli(registry.data_dir, "--as", ADMIN[0], "--password-stdin", "apply", str(request), stdin=ADMIN[2] + "\n")
    assert done.returncode == 2 and done.stderr.startswith("入力エラー: 異動ファイル: ")
    assert verify(registry.data_dir).returncode == 0
