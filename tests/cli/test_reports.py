"""The 係長's reports on the command line: the open data CSV and the day's 異動一覧 with its 点検 and printed sheet."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.builders import NOTIFIER, Clock
from tests.support.cli import cli


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
