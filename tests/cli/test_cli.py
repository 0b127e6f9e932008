"""The command line, as an administrator scripts it: in this process on a real replica, and the real program as a
process for its version and one command end to end."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.builders import NOTIFIER, Clock
from tests.support.cli import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def clock() -> Clock:
    """One clock for the module: its tests share one demo replica."""
    return Clock()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, clock: Clock) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "replica"
    result = cli(data_dir, "init", "--demo", "300", "--seed", "5", clock=clock)
    assert result.returncode == 0, result.stderr
    assert "デモの町を作りました" in result.stdout
    return data_dir


def test_version() -> None:
    result = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("Madoguchi ")


def test_the_program_runs_a_command_as_a_process(tmp_path: Path) -> None:
    """main.py itself: the arguments, the password on standard input, the output and the exit codes."""
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "20", "--seed", "5").returncode == 0

    def main(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "--as", "demo-kakaricho",
                               "--password-stdin", *args], cwd=ROOT, input="demo\n", capture_output=True, text=True,
                              timeout=300, check=False)

    found = main("search", "ア", "--json", "--limit", "1")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["kind"] == "フリガナ"
    refused = main("search", "123456789016", "--mynumber")
    assert refused.returncode == 2 and refused.stderr.startswith("入力エラー: ")


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


def test_export_opendata_writes_the_population_csv_for_a_supervisor(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "population.csv"
    denied = cli(demo, "export-opendata", "--as-of", "R8.11.1", "--out", str(out))
    assert denied.returncode == 1 and "権限" in denied.stderr and not out.exists()
    wrong = cli(demo, "--as", "demo-kakaricho", "--password-stdin", "export-opendata", "--as-of", "R8.2.30",
                "--out", str(out), stdin="demo\n")
    assert wrong.returncode == 2 and "調査年月日" in wrong.stderr and not out.exists()
    done = cli(demo, "--as", "demo-kakaricho", "--password-stdin", "export-opendata", "--as-of", "R8.11.1",
               "--out", str(out), "--encoding", "utf-8-bom", stdin="demo\n")
    assert done.returncode == 0, done.stderr
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("全国地方公共団体コード,地域コード,地方公共団体名,調査年月日,地域名,総人口,男性,女性,0-4歳の男性")
    total = lines[1].split(",")
    assert total[3] == "2026/11/1" and total[4] == "" and f"総人口 {total[5]}人" in done.stdout
    assert sum(int(line.split(",")[5]) for line in lines[2:]) == int(total[5])


def test_report_daily_lists_checks_and_prints_the_day(demo: Path, tmp_path: Path, clock: Clock) -> None:
    request = tmp_path / "tenkyo.json"
    request.write_text(json.dumps({"reason": "国内転入", "idou_date": "R8.11.20", "notifier": NOTIFIER,
                                   "address": {"text": "さくら県みどり町本町9番地"}, "previous_address": "東京都",
                                   "persons": [{"name": "日計　太郎", "name_kana": "ニッケイ　タロウ", "birth": "S60.1.1",
                                                "sex": "男", "relationship": "世帯主", "honseki": "不明"}]}),
                       encoding="utf-8")
    assert cli(demo, "apply", str(request)).returncode == 0
    today = clock.now.date().isoformat()
    denied = cli(demo, "report", "daily", "--date", today)  # the demo's counter staff
    assert denied.returncode == 1 and "権限" in denied.stderr
    out = tmp_path / "daily.pdf"
    done = cli(demo, "--as", "demo-kakaricho", "--password-stdin", "report", "daily", "--date", today, "--check",
               "--out", str(out), stdin="demo\n")
    assert done.returncode == 0, done.stderr
    assert "日計　太郎" in done.stdout and "未点検 0件" in done.stdout and out.read_bytes().startswith(b"%PDF")


def test_numbers_waiting_and_import(demo: Path, tmp_path: Path) -> None:
    request = tmp_path / "tennyu.json"
    request.write_text(json.dumps({"reason": "国内転入", "idou_date": "R8.11.20", "notifier": NOTIFIER,
                                   "address": {"text": "さくら県みどり町本町8番地"}, "previous_address": "東京都",
                                   "persons": [{"name": "付番　待子", "name_kana": "フバン　マチコ", "birth": "S61.1.1",
                                                "sex": "女", "relationship": "世帯主", "honseki": "不明"}]}),
                       encoding="utf-8")
    applied = cli(demo, "apply", str(request))
    atena = re.search(r"付番　待子（(\d+)）", applied.stdout).group(1)  # type: ignore[union-attr]
    assert atena in cli(demo, "numbers", "waiting").stdout
    numbers = tmp_path / "numbers.csv"
    numbers.write_text(f"宛名番号,個人番号\n{atena},123456789012\n", encoding="utf-8")
    refused = cli(demo, "numbers", "import", str(numbers))
    assert refused.returncode == 2 and "2行目" in refused.stderr
    numbers.write_text(f"{atena},111111111118\n", encoding="utf-8")
    done = cli(demo, "numbers", "import", str(numbers))
    assert done.returncode == 0 and "1人の個人番号を記載しました" in done.stdout
    assert atena not in cli(demo, "numbers", "waiting").stdout


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
