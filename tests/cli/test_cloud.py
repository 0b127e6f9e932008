"""The cloud's commands that need no cloud, in this process: a purge ordered, and `review` listing the order."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.builders import person, tennyu
from tests.support.cli import cli

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
    done = cli(data_dir, *admin, "purge", doc_id, "--reason", REASON, stdin="demo\n")
    assert done.returncode == 0, done.stderr
    assert "消去命令を出し" in done.stdout
    assert not json.loads(cli(data_dir, "search", "ショウキョ タイショウ", "--json").stdout)["results"]
    review = json.loads(cli(data_dir, *admin, "review", "--json", stdin="demo\n").stdout)
    assert [(o["doc_ids"], o["reason"]) for o in review["purge_orders"]] == [([doc_id], REASON)]
