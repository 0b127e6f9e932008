"""Residents on the command line, as an administrator scripts it: search, show, apply, rebuild, the staff password
on standard input; in this process on the shared demo replica."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from tests.support.builders import NOTIFIER, Clock
from tests.support.cli import cli


def test_search_and_show_as_json(demo: Path) -> None:
    first = json.loads(cli(demo, "search", "ア", "--json", "--limit", "5").stdout)
    assert first["kind"] == "フリガナ" and first["results"]
    person = first["results"][0]
    found = json.loads(cli(demo, "search", person["name"], "--json").stdout)
    assert person["atena_no"] in [r["atena_no"] for r in found["results"]]
    shown = cli(demo, "show", person["atena_no"], "--json")
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["current"]["atena_no"] == person["atena_no"]
    assert record["history"][0]["number"] == 1
    assert any(m["atena_no"] == person["atena_no"] for m in record["household"])
    text = cli(demo, "show", person["atena_no"])
    assert "異動履歴" in text.stdout and "宛名番号" in text.stdout


def test_apply_records_a_valid_idou_and_refuses_a_bad_one_with_status_2(demo: Path, tmp_path: Path) -> None:
    request = {
        "reason": "国内転入", "idou_date": "2026-11-20", "notified_on": "2026-11-21", "notifier": NOTIFIER,
        "address": {"text": "さくら県みどり町本町9丁目9番9号"}, "previous_address": "東京都千代田区千代田1番1号",
        "persons": [{"name": "試験　太郎", "name_kana": "シケン　タロウ", "birth": "S60.6.6", "sex": "男",
                     "relationship": "世帯主", "honseki": "不明"}],
    }
    good = tmp_path / "good.json"
    good.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    result = cli(demo, "apply", str(good))
    assert result.returncode == 0, result.stderr
    assert "国内転入を登録しました" in result.stdout
    assert json.loads(cli(demo, "search", "シケン タロウ", "--json").stdout)["results"]

    before = cli(demo, "search", "シケン", "--json").stdout
    for broken in ({**request, "idou_date": "R8.2.30"}, {**request, "reason": "引越し"}):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
        refused = cli(demo, "apply", str(bad))
        assert refused.returncode == 2
        assert refused.stderr.startswith("入力エラー: ") and "Traceback" not in refused.stderr
    not_json = tmp_path / "broken.json"
    not_json.write_text("{", encoding="utf-8")
    assert cli(demo, "apply", str(not_json)).returncode == 2
    assert cli(demo, "search", "シケン", "--json").stdout == before


def test_staff_sign_in_reads_the_password_from_stdin(demo: Path) -> None:
    ok = cli(demo, "--as", "demo-kakaricho", "--password-stdin", "search", "ア", stdin="demo\n")
    assert ok.returncode == 0, ok.stderr
    wrong = cli(demo, "--as", "demo-kakaricho", "--password-stdin", "search", "ア", stdin="nope\n")
    assert wrong.returncode == 1 and "パスワードが違います" in wrong.stderr


def test_counter_staff_cannot_rebuild_but_an_administrator_can(demo: Path) -> None:
    denied = cli(demo, "rebuild")
    assert denied.returncode == 1 and "権限" in denied.stderr
    done = cli(demo, "--as", "demo-admin", "--password-stdin", "rebuild", stdin="demo\n")
    assert done.returncode == 0 and "再構築" in done.stdout


def test_mynumber_search_needs_a_valid_number(demo: Path) -> None:
    bad = cli(demo, "search", "123456789016", "--mynumber")
    assert bad.returncode == 2 and "個人番号" in bad.stderr
    ok = cli(demo, "search", "123456789018", "--mynumber", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["kind"] == "個人番号"


def test_a_move_out_announced_then_withdrawn_on_the_command_line(demo: Path, tmp_path: Path, clock: Clock) -> None:
    def apply(request: dict[str, object]) -> str:
        path = tmp_path / "idou.json"
        path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        result = cli(demo, "apply", str(path))
        assert result.returncode == 0, result.stderr
        return re.search(r"文書ID (\S+)", result.stdout).group(1)

    apply({"reason": "国内転入", "idou_date": "2026-11-20", "notifier": NOTIFIER,
           "address": {"text": "さくら県みどり町本町9丁目1番1号"}, "previous_address": "東京都千代田区千代田1番1号",
           "persons": [{"name": "転出　予定", "name_kana": "テンシュツ　ヨテイ", "birth": "S60.6.6", "sex": "女",
                        "relationship": "世帯主", "honseki": "不明"}]})
    atena_no = json.loads(cli(demo, "search", "テンシュツ ヨテイ", "--json").stdout)["results"][0]["atena_no"]
    planned_on = (clock.now.date() + dt.timedelta(days=10)).isoformat()
    announced = apply({"reason": "国内転出", "idou_date": planned_on, "notifier": NOTIFIER, "targets": [atena_no],
                       "destination": "東京都港区芝公園4丁目2番8号"})
    (found,) = json.loads(cli(demo, "search", "テンシュツ ヨテイ", "--json").stdout)["results"]
    assert found["status"] == "転出予定"
    apply({"reason": "転出取消", "idou_date": clock.now.date().isoformat(), "notifier": NOTIFIER, "cancels": announced})
    shown = json.loads(cli(demo, "show", atena_no, "--json").stdout)
    assert [h["reason"] for h in shown["history"]] == ["国内転入", "国内転出", "転出取消"]
    assert shown["current"]["status"] == "住民"
