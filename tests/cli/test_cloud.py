"""The cloud's commands, in this process: a purge ordered and `review` listing the order; a join confirmed by the
administrator's terminal; `cloud setup` for the cloud administrator."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Any

import pytest

from cli.common import EXIT_PENDING
from local_store.registry import Registry
from sync import cloud as cloud_sync
from sync.couch_client import CloudError
from tests.support.builders import ADMIN, TOWN, person, tennyu
from tests.support.cli import cli
from tests.support.couch_server import CloudDatabase
from tests.support.terminals import now_clock

REASON = "裁判所の命令（令和8年(ワ)第123号）"


def test_the_command_line_orders_a_purge_and_review_lists_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "20", "--seed", "5").returncode == 0
    request = tennyu(person("消去　対象", "ショウキョ　タイショウ", "S60.6.6", "男", "世帯主"))
    path = tmp_path / "idou.json"
    path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    assert cli(data_dir, "apply", str(path)).returncode == 0
    found = json.loads(cli(data_dir, "search", "ショウキョ タイショウ", "--json").stdout)["results"]
    shown = json.loads(cli(data_dir, "show", found[0]["atena_no"], "--json").stdout)
    doc_id = shown["history"][0]["doc_id"]
    admin = ("--as", "demo-admin", "--password-stdin")
    kept = cli(data_dir, *admin, "purge", doc_id, "--reason", REASON, stdin="demo\n")
    assert kept.returncode != 0 and "施行令34条" in kept.stderr  # a 異動 the law keeps needs an overriding ground
    done = cli(data_dir, *admin, "purge", doc_id, "--reason", REASON, "--override-ground", "誤って記録された個人情報の消去",
               stdin="demo\n")
    assert done.returncode == 0, done.stderr
    assert "消去命令を出し" in done.stdout
    assert not json.loads(cli(data_dir, "search", "ショウキョ タイショウ", "--json").stdout)["results"]
    review = json.loads(cli(data_dir, *admin, "review", "--json", stdin="demo\n").stdout)
    assert [(o["doc_ids"], o["reason"]) for o in review["purge_orders"]] == [([doc_id], REASON)]


def test_a_join_from_the_command_line_waits_for_the_administrator_s_confirmation(tmp_path: Path, cloud: Any) -> None:
    """enrollment-code, then init --join (which claims the code and says its 確認番号), then enrollment-confirm on
    the administrator's terminal (which says the same number), then the same init --join again, which joins."""
    first = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(first, cloud.url, *cloud.login("terminal-a"))
    first.close()
    admin = ("--as", ADMIN[0], "--password-stdin")
    issued = cli(first.data_dir, *admin, "enrollment-code", "--terminal", "支所1", stdin=ADMIN[2] + "\n",
                 clock=now_clock())
    assert issued.returncode == 0, issued.stderr
    code = issued.stdout.splitlines()[1]
    user, password = cloud.login("terminal-b")
    join = ("init", "--join", cloud.url, "--user", user)
    claimed = cli(tmp_path / "b", *join, "--wait", "0", stdin=f"{password}\n{code}\n", clock=now_clock())
    assert claimed.returncode == EXIT_PENDING and "確認番号" in claimed.stderr, claimed.stderr
    number = claimed.stderr.split("確認番号 ")[1][:7]
    confirmed = cli(first.data_dir, *admin, "enrollment-confirm", stdin=ADMIN[2] + "\n", clock=now_clock())
    assert confirmed.stdout == f"端末「支所1」の参加を確認しました（確認番号 {number}）\n"
    joined = cli(tmp_path / "b", *join, stdin=f"{password}\n{code}\n", clock=now_clock())
    assert joined.returncode == 0 and "端末「支所1」として参加し" in joined.stdout, joined.stderr


def test_cloud_setup_makes_a_municipality_s_cloud_from_one_admin_login_and_changes_nothing_the_second_time(
        couch: Any, tmp_path: Path) -> None:
    name = f"setup{secrets.token_hex(4)}"
    url = f"{couch.url}/{name}"
    users = [f"{name}-honcho1", f"{name}-shisho1"]
    command = ("cloud", "setup", url, "--admin", couch.admin[0], *[a for u in users for a in ("--terminal-user", u)])
    wrong = cli(tmp_path / "no-replica", *command, stdin="not-the-password\n")
    assert wrong.returncode == 1 and "サーバー管理者の名前またはパスワードが違います" in wrong.stderr, wrong.stderr
    first = cli(tmp_path / "no-replica", *command, stdin=couch.admin[1] + "\n")
    database = CloudDatabase(couch, name, url, dict.fromkeys(users, ""), couch.admin)
    try:
        assert first.returncode == 0, first.stderr
        assert f"データベース {name} を作成しました" in first.stdout and f"データベース {name}-audit を作成しました" in first.stdout
        passwords = dict(re.findall(r"端末ユーザ (\S+) のパスワード: (\S+)（", first.stdout))
        assert sorted(passwords) == users
        assert not (tmp_path / "no-replica").exists()  # the cloud administrator's command needs no replica
        as_terminal = cli(tmp_path / "no-replica", "cloud", "setup", url, "--admin", users[0],
                          stdin=passwords[users[0]] + "\n")
        assert as_terminal.returncode == 1 and "サーバー管理者ではありません" in as_terminal.stderr

        registry = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
        try:
            cloud_sync.login(registry, url, users[0], passwords[users[0]])  # both databases admit the user
            assert cloud_sync.sync_once(registry).pushed > 0
            outsider = f"{name}-other"
            couch.request("PUT", f"/_users/org.couchdb.user:{outsider}", json={
                "name": outsider, "password": "outsider-password", "type": "user", "roles": []}).raise_for_status()
            database.users[outsider] = ""
            with pytest.raises(CloudError):  # a user of the server, not of this municipality
                cloud_sync.login(registry, url, outsider, "outsider-password")
        finally:
            registry.close()
        design = couch.request("GET", f"/{name}-audit/_design/madoguchi").json()
        assert "validate_doc_update" in design

        again = cli(tmp_path / "no-replica", *command, stdin=couch.admin[1] + "\n")
        assert again.returncode == 0 and again.stdout == "変更はありません（すでに設定済みです）\n", again.stdout
        assert couch.request("GET", f"/{name}-audit/_design/madoguchi").json()["_rev"] == design["_rev"]
    finally:
        database.drop()
