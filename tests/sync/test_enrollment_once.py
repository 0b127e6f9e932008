"""An enrollment code makes one terminal, whatever happens to the join and whatever the cloud keeps.

A join killed part-way used to leave the code unused: the same code then made a second replica with the same
terminal id and number leases (two people got one 宛名番号). And a used code still opened its enrollment: "using it
up" wrote a deleted revision over it, while the revision with the data key, signing key and leases stayed readable
by `?rev=` to any terminal user."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from cli.common import EXIT_PENDING
from local_store.registry import Registry
from sync import cloud as cloud_sync
from sync import joining
from sync.enrollment import EnrollmentError
from tests.support.builders import ADMIN, TOWN, family
from tests.support.cli import Ran, cli
from tests.support.couch_proxy import FaultProxy
from tests.support.processes import ROOT, kill
from tests.support.terminals import now_clock

CODE = re.compile(r"[A-Z2-9]{5}(?:-[A-Z2-9]{5}){3}")


@pytest.fixture
def issuer(tmp_path: Path, cloud: Any) -> Iterator[Path]:
    """The terminal that created the town and issues the codes, with a family in the cloud; closed between steps."""
    registry = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())
    cloud_sync.sync_once(registry)
    registry.close()
    yield registry.data_dir


def as_admin(data_dir: Path, *args: str) -> Ran:
    ran = cli(data_dir, "--as", ADMIN[0], "--password-stdin", *args, stdin=ADMIN[2] + "\n", clock=now_clock())
    assert ran.returncode == 0, ran.stderr
    return ran


def issue_code(issuer: Path, terminal: str) -> str:
    found = CODE.search(as_admin(issuer, "enrollment-code", "--terminal", terminal).stdout)
    assert found, "no code printed"
    return found.group(0)


def join_here(data_dir: Path, url: str, login: tuple[str, str], code: str, *extra: str) -> Ran:
    return cli(data_dir, "init", "--join", url, "--user", login[0], *extra, stdin=f"{login[1]}\n{code}\n",
               clock=now_clock())


def join_process(data_dir: Path, url: str, login: tuple[str, str], code: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(data_dir), "init", "--join", url, "--user",
                             login[0]], cwd=ROOT, env=os.environ.copy(), stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None
    proc.stdin.write(f"{login[1]}\n{code}\n".encode())
    proc.stdin.close()
    return proc


def enrollment_ids(cloud: Any) -> list[str]:
    """The enrollment documents the cloud knows of, deleted ones too."""
    answer = requests.get(f"{cloud.url}/_changes", auth=cloud.admin, timeout=30)
    answer.raise_for_status()
    return [row["id"] for row in answer.json()["results"] if row["id"].startswith("enroll-")]


def wait_until(what: Any, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        assert proc.poll() is None, "the join ended before it could be killed"
        assert time.monotonic() < deadline, "the join never got there"
        time.sleep(0.05)


def atena_numbers(data_dir: Path) -> set[str]:
    registry = Registry.open(data_dir, clock=now_clock())
    try:
        applied = registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())
        return {change.row.atena_no for change in applied.idou.rows}
    finally:
        registry.close()


def test_a_join_killed_part_way_resumes_in_its_folder_and_the_code_makes_no_second_terminal(
        issuer: Path, cloud: Any, tmp_path: Path) -> None:
    code = issue_code(issuer, "支所1")
    login = cloud.login("terminal-b")
    folder, elsewhere = tmp_path / "b", tmp_path / "c"
    with FaultProxy(cloud.server.url) as proxy:
        proxy.fail_next("stall", count=1000, path_contains="_changes", seconds=300)  # the restore never gets far
        slow = proxy.url_for(cloud.url)

        # Killed a few seconds in: waiting for the administrator (or, before, in the middle of the restore).
        proc = join_process(folder, slow, login, code)
        wait_until(lambda: any(i.endswith("-claim") for i in enrollment_ids(cloud))
                   or any("_changes" in path for _, path in proxy.requests), proc)
        kill(proc)
        refused = join_here(elsewhere, cloud.url, login, code)
        assert refused.returncode == 1 and "この登録コードは既に使われています" in refused.stderr, refused.stdout
        assert not (elsewhere / "terminal.json").exists()

        confirmed = as_admin(issuer, "enrollment-confirm")
        assert "端末「支所1」の参加を確認しました（確認番号" in confirmed.stdout

        # Killed again, now restoring from the cloud with its replica made.
        seen = len(proxy.requests)
        proc = join_process(folder, slow, login, code)
        wait_until(lambda: any("_changes" in path for _, path in proxy.requests[seen:]), proc)
        kill(proc)
        assert (folder / "terminal.json").exists()
        refused = join_here(elsewhere, cloud.url, login, code)
        assert refused.returncode == 1 and "この登録コードは既に使われています" in refused.stderr
        assert not (elsewhere / "terminal.json").exists()

    resumed = join_here(folder, cloud.url, login, code)  # the same join, in the same folder: it goes on
    assert resumed.returncode == 0, resumed.stderr
    assert "端末「支所1」として参加し" in resumed.stdout and "住民 4 人" in resumed.stdout
    assert "この端末の復旧コード" in resumed.stdout  # the one made before the kill was never seen
    assert not (folder / joining.PENDING_FILE).exists()
    assert atena_numbers(folder).isdisjoint(atena_numbers(issuer))
    assert as_admin(issuer, "enrollment-confirm").stdout.strip() == "確認を待つ登録コードはありません"


def revisions(cloud: Any, doc_id: str, auth: Any) -> list[dict[str, Any]]:
    """Every revision of a document that the cloud still holds a body of, oldest first (deleted ones too)."""
    path = f"{cloud.url}/{quote(doc_id, safe='')}"
    leaves = requests.get(path, params={"open_revs": "all", "revs": "true"}, headers={"Accept": "application/json"},
                          auth=auth, timeout=30).json()
    found: dict[str, dict[str, Any]] = {}
    for leaf in leaves:
        history = leaf["ok"]["_revisions"]
        for i, rev_hash in enumerate(history["ids"]):
            rev = f"{history['start'] - i}-{rev_hash}"
            answer = requests.get(path, params={"rev": rev}, auth=auth, timeout=30)
            if answer.ok:
                found[rev] = answer.json()
    return [found[rev] for rev in sorted(found, key=lambda r: int(r.split("-")[0]))]


def test_every_revision_the_cloud_keeps_is_of_no_use_with_a_used_code(issuer: Path, cloud: Any,
                                                                      tmp_path: Path) -> None:
    """Someone with the used code and a terminal's cloud login puts every earlier revision of the enrollment's
    documents back, or deletes them and claims the code afresh: no second terminal comes of it."""
    code = issue_code(issuer, "支所1")
    login = cloud.login("terminal-b")
    assert join_here(tmp_path / "b", cloud.url, login, code, "--wait", "0").returncode == EXIT_PENDING
    as_admin(issuer, "enrollment-confirm")
    assert join_here(tmp_path / "b", cloud.url, login, code).returncode == 0

    session = cloud.session("terminal-b")  # the attacker's own cloud login
    for doc_id in enrollment_ids(cloud):
        for old in revisions(cloud, doc_id, cloud.admin)[:-1]:
            current = session.get(f"{cloud.url}/{quote(doc_id, safe='')}", timeout=30)
            body = {k: v for k, v in old.items() if k not in ("_rev", "_revisions")}
            if current.ok:
                body["_rev"] = current.json()["_rev"]
            assert session.put(f"{cloud.url}/{quote(doc_id, safe='')}", json=body, timeout=30).ok
    with pytest.raises(EnrollmentError) as used:
        joining.join(tmp_path / "c", cloud.url, *login, code, clock=now_clock())
    assert used.value.message == "この登録コードは既に使われています"

    for doc_id in enrollment_ids(cloud):  # gone: the code looks unclaimed to a new folder
        if not doc_id.endswith(("-claim", "-answer")):
            continue
        current = session.get(f"{cloud.url}/{quote(doc_id, safe='')}", timeout=30).json()
        assert session.delete(f"{cloud.url}/{quote(doc_id, safe='')}", params={"rev": current["_rev"]},
                              timeout=30).ok
    with pytest.raises(joining.EnrollmentPending):
        joining.join(tmp_path / "c", cloud.url, *login, code, clock=now_clock())
    confirmed = cli(issuer, "--as", ADMIN[0], "--password-stdin", "enrollment-confirm", stdin=ADMIN[2] + "\n",
                    clock=now_clock())
    assert "申請を拒否しました: 既に参加を確認した端末とは別の端末からの申請です" in confirmed.stderr
    with pytest.raises(EnrollmentError) as again:  # the answer, written again, opens for the first terminal only
        joining.join(tmp_path / "c", cloud.url, *login, code, clock=now_clock())
    assert again.value.message == "この登録コードは既に使われています"
    assert not (tmp_path / "c" / "terminal.json").exists()


def test_a_claim_written_without_the_code_does_not_hold_it(issuer: Path, cloud: Any, tmp_path: Path) -> None:
    """A terminal user sees the invitation in the cloud and writes a claim next to it, without the code: the new
    terminal takes the code all the same, and the issuing terminal confirms it."""
    code = issue_code(issuer, "支所1")
    (invitation,) = enrollment_ids(cloud)
    session = cloud.session("terminal-a")
    forged = {"c": "enrollment-claim", "v": 2, "key": "ab" * 32, "mac": "00" * 32}
    assert session.put(f"{cloud.url}/{quote(invitation + '-claim', safe='')}", json=forged, timeout=30).ok
    login = cloud.login("terminal-b")
    assert join_here(tmp_path / "b", cloud.url, login, code, "--wait", "0").returncode == EXIT_PENDING
    assert "参加を確認しました" in as_admin(issuer, "enrollment-confirm").stdout
    assert join_here(tmp_path / "b", cloud.url, login, code).returncode == 0
