"""Trust in the cloud: the stored credentials go only to the server they were saved for, and another server is for
a 管理者; a server that lies about the date does not stop every 異動 for good; an answer of the wrong shape is a
clear error; plain HTTP goes to this machine only, unless asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from domain.roles import Role
from local_store import audit
from local_store.errors import StoreError
from local_store.registry import Registry
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, family
from tests.support.cli import Ran, cli
from tests.support.couch_proxy import FaultProxy, LyingClockProxy, Proxy
from tests.support.processes import ROOT
from tests.support.terminals import now_clock

CLERK = ("clerk", "窓口 花子", "clerk-password")
FUTURE = dt.datetime(2036, 1, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def town(tmp_path: Path, cloud: Any) -> Path:
    """A terminal on the real time, signed in to its cloud, with a counter clerk; closed (each step opens it, as
    the command line does, so that no step sees another's values from memory)."""
    registry = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.staff.add(admin, CLERK[0], CLERK[1], Role.COUNTER, CLERK[2])
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    registry.close()
    return registry.data_dir


@contextmanager
def opened(data_dir: Path) -> Iterator[Registry]:
    registry = Registry.open(data_dir, clock=now_clock())
    try:
        yield registry
    finally:
        registry.close()


def run(data_dir: Path, who: tuple[str, str, str], *args: str, stdin: str = "") -> Ran:
    return cli(data_dir, "--as", who[0], "--password-stdin", *args, stdin=who[2] + "\n" + stdin, clock=now_clock())


def test_a_counter_clerk_cannot_send_the_stored_password_to_another_server(town: Path, cloud: Any) -> None:
    with Proxy(cloud.server.url) as elsewhere:  # another server (another port): a stranger's, for all we know
        other = elsewhere.url_for(cloud.url)
        refused = run(town, CLERK, "sync", "--remote", other)
        assert refused.returncode == 1 and "権限" in refused.stderr, refused.stderr
        assert elsewhere.requests == []
        with opened(town) as registry, pytest.raises(StoreError) as err:  # the facade asks nobody either
            cloud_sync.sync_once(registry, other)
        assert "ほかのサーバーには送りません" in err.value.message and elsewhere.requests == []
        # A 管理者 may use another server, with a password typed for it (here a wrong one): never the stored one.
        typed = run(town, ADMIN, "sync", "--remote", other, stdin="typed-for-that-server\n")
        assert typed.returncode == 1 and "パスワードが違います" in typed.stderr, typed.stderr
    assert run(town, CLERK, "sync").returncode == 0  # the stored cloud, as before


def test_a_server_time_far_ahead_waits_for_an_administrator_and_a_wrong_one_can_be_undone(
        town: Path, cloud: Any) -> None:
    with opened(town) as registry:
        before = registry.trusted_time.last_cloud_contact()
        assert before is not None  # the real cloud answered at login
    with LyingClockProxy(cloud.server.url, FUTURE) as liar:
        with opened(town) as registry:
            cloud_sync.login(registry, liar.url_for(cloud.url), *cloud.login("terminal-a"))
        synced = run(town, CLERK, "sync")
        assert synced.returncode == 0, synced.stderr
    assert "確認待ちのクラウドの時刻: 2036-01-01" in synced.stderr
    with opened(town) as registry:
        assert registry.trusted_time.last_cloud_contact() == before
        registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())  # the clock is not "behind 2036"
    shown = run(town, CLERK, "cloud", "trusted-time")
    assert "確認待ちのクラウドの時刻: 2036-01-01" in shown.stdout

    assert run(town, CLERK, "cloud", "trusted-time", "--accept").returncode == 1  # 管理者 only
    accepted = run(town, ADMIN, "cloud", "trusted-time", "--accept")
    assert accepted.returncode == 0 and "2036-01-01" in accepted.stdout, accepted.stderr
    with opened(town) as registry, pytest.raises(StoreError) as refused:
        registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())
    assert "遅れています" in refused.value.message

    assert run(town, CLERK, "cloud", "trusted-time", "--reset").returncode == 1
    reset = run(town, ADMIN, "cloud", "trusted-time", "--reset")
    assert reset.returncode == 0, reset.stderr
    with opened(town) as registry:
        registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())  # 異動 go in again
        cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))  # and the real cloud sets the time again
        again = registry.trusted_time.last_cloud_contact()
        assert again is not None and abs(again - dt.datetime.now().astimezone()) < dt.timedelta(minutes=5)
        registry.audit.flush()
        entries = audit.select(registry.store.conn, audit.Filter(limit=1000), registry.store.tz())
    assert sorted((e.action, e.staff) for e in entries if e.action.startswith("信頼する時刻")) == [
        ("信頼する時刻の取消し", ADMIN[0]), ("信頼する時刻の承認", ADMIN[0])]


@pytest.mark.parametrize(("kind", "path"), [("no_rev", "_local/madoguchi-"), ("list", "_changes"),
                                            ("malformed", "_changes"), ("list", "_revs_diff"),
                                            ("list", "_bulk_get")])
def test_an_answer_of_the_wrong_shape_is_a_clear_error(town: Path, cloud: Any, tmp_path: Path, kind: str,
                                                      path: str) -> None:
    other = Registry.create(tmp_path / "other", TOWN, "本庁2", ADMIN, clock=now_clock())
    other.apply(other.sign_in(ADMIN[0], ADMIN[2]), family())
    cloud_sync.login(other, cloud.url, *cloud.login("terminal-b"))
    cloud_sync.sync_once(other)  # something to pull (fetched with _bulk_get: the replica below pulled before)
    other.close()
    with opened(town) as registry:
        cloud_sync.sync_once(registry)  # the checkpoint is in the cloud
        registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())  # and something to push
    with FaultProxy(cloud.server.url) as proxy:
        with opened(town) as registry:
            cloud_sync.login(registry, proxy.url_for(cloud.url), *cloud.login("terminal-a"))
        proxy.fail_next(kind, count=20, path_contains=path)
        ran = run(town, CLERK, "sync")
    assert ran.returncode not in (0, 2) and ran.stderr.startswith("エラー: クラウド"), ran.stderr  # a cloud error
    assert "Traceback" not in ran.stderr


def test_plain_http_to_another_machine_is_refused_without_the_flag(town: Path, cloud: Any) -> None:
    user, password = cloud.login("terminal-a")
    with Proxy(cloud.server.url) as proxy:
        # the same server, named by an address that is not a loopback name: as good as another machine here
        elsewhere = proxy.url_for(cloud.url).replace("127.0.0.1", "[::ffff:127.0.0.1]")
        refused = run(town, ADMIN, "cloud", "login", elsewhere, "--user", user, stdin=password + "\n")
        assert refused.returncode == 2 and "https://" in refused.stderr, refused.stderr
        assert proxy.requests == []
        allowed = run(town, ADMIN, "cloud", "login", elsewhere, "--user", user, "--insecure-http",
                      stdin=password + "\n")
        assert allowed.returncode == 0, allowed.stderr
    with opened(town) as registry:
        assert registry.replication.sync_state()["cloud_url"] == elsewhere
    assert "--insecure-http" in (ROOT / "README.md").read_text(encoding="utf-8")  # documented


def test_the_audit_database_refuses_terminal_users_who_change_or_delete_an_entry(town: Path, cloud: Any) -> None:
    """The design document `cloud setup` puts into the audit database (the test cloud is set up with it): a terminal
    user creates entries and updates its head, but neither changes nor deletes an entry, nor deletes anything; the
    server admin may."""
    run(town, CLERK, "sync")  # entries and a head in the cloud
    session = cloud.session("terminal-b")  # another terminal's login: a member of the database
    rows = session.get(f"{cloud.audit_url}/_all_docs", params={"include_docs": "true"}, timeout=30).json()["rows"]
    entry = next(row["doc"] for row in rows if row["id"].startswith("a-"))
    head = next(row["doc"] for row in rows if row["id"].startswith("h-"))
    url = f"{cloud.audit_url}/{entry['_id']}"
    altered = {**entry, "x": entry["x"][::-1]}
    assert session.put(url, json=altered, timeout=30).status_code == 403
    assert session.delete(url, params={"rev": entry["_rev"]}, timeout=30).status_code == 403
    bulk = session.post(f"{cloud.audit_url}/_bulk_docs", json={"docs": [altered]}, timeout=30).json()
    assert bulk[0].get("error") == "forbidden"
    pushed_over = {**altered, "_rev": f"{int(entry['_rev'].split('-')[0]) + 1}-{'f' * 32}",
                   "_revisions": {"start": int(entry["_rev"].split("-")[0]) + 1,
                                  "ids": ["f" * 32, entry["_rev"].split("-")[1]]}}
    bulk = session.post(f"{cloud.audit_url}/_bulk_docs", json={"docs": [pushed_over], "new_edits": False},
                        timeout=30).json()
    assert bulk and bulk[0].get("error") == "forbidden"
    assert session.get(url, timeout=30).json()["x"] == entry["x"]
    head_url = f"{cloud.audit_url}/{head['_id']}"
    assert session.put(head_url, json=head, timeout=30).status_code == 201  # a head is updated each round
    assert session.delete(head_url, params={"rev": session.get(head_url, timeout=30).json()["_rev"]},
                          timeout=30).status_code == 403
    assert session.put(f"{cloud.audit_url}/anything", json={"c": "x"}, timeout=30).status_code == 403
    assert requests.put(url, json=altered, auth=cloud.admin, timeout=30).status_code == 201  # the server admin
