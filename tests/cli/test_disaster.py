"""被災者台帳 and 罹災証明書 on the command line: in this process on a real demo replica, no cloud."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from tests.support.cli import cli

QUAKE = "令和8年11月27日の地震"


def test_assess_list_export_and_issue(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "60", "--seed", "3").returncode == 0
    atena = json.loads(cli(data_dir, "search", "ア", "--json", "--limit", "1").stdout)["results"][0]["atena_no"]
    setai_no = json.loads(cli(data_dir, "show", atena, "--json").stdout)["current"]["setai_no"]

    recorded = cli(data_dir, "disaster", "assess", "--household", setai_no, "--damage", "半壊", "--cause", QUAKE,
                   "--date", "R8.11.27", "--note", "①世帯　世帯人員2人\\n②住家　床下浸水")  # as the demo's 窓口
    assert recorded.returncode == 0, recorded.stderr
    assert "被害認定（調査）を記録しました" in recorded.stdout
    again = cli(data_dir, "disaster", "assess", "--household", setai_no, "--damage", "大規模半壊", "--cause", QUAKE)
    assert "被害認定（再調査）を記録しました" in again.stdout
    wrong = cli(data_dir, "disaster", "assess", "--household", setai_no, "--damage", "大破", "--cause", QUAKE)
    assert wrong.returncode == 2 and "入力エラー: 住家の被害の程度" in wrong.stderr

    listed = cli(data_dir, "disaster", "list", "--damage", "大規模半壊")
    assert listed.returncode == 0 and setai_no in listed.stdout and "大規模半壊" in listed.stdout
    assert setai_no not in cli(data_dir, "disaster", "list", "--damage", "半壊").stdout

    out = tmp_path / "daicho.csv"
    refused = cli(data_dir, "disaster", "list", "--csv", str(out))  # 窓口 may not export
    assert refused.returncode == 1 and not out.exists()
    exported = cli(data_dir, "--as", "demo-kakaricho", "--password-stdin", "disaster", "list", "--csv", str(out),
                   stdin="demo\n")
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["世帯番号"], r["住家の被害の程度"]) for r in rows] == [(setai_no, "大規模半壊")]

    pdf = tmp_path / "risai.pdf"
    issued = cli(data_dir, "--as", "demo-kakaricho", "--password-stdin", "disaster", "certificate", setai_no,
                 "--out", str(pdf), stdin="demo\n")
    assert issued.returncode == 0, issued.stderr
    assert "罹災証明書 整理番号" in issued.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "■大規模半壊" in text and QUAKE in text
    verified = cli(data_dir, "verify", str(pdf))
    assert verified.returncode == 0, verified.stdout
