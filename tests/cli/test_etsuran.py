"""閲覧 on the command line, in this process on a real replica of the protected town: a request from its JSON file,
its decision by a 係長, the 閲覧用リスト without the protected persons and the 公表 as PDF and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.support.builders import Clock
from tests.support.cli import cli
from tests.support.etsuran import chosa, kikan
from tests.support.pdf_text import page_texts
from tests.support.protected import acting, password, protected_replica


def test_request_decide_list_and_publish(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    protected_replica(data_dir, clock)
    request = tmp_path / "request.json"
    request.write_text(json.dumps(chosa(), ensure_ascii=False), encoding="utf-8")
    received = cli(data_dir, *acting("clerk"), "etsuran", "request", str(request), stdin=password("clerk"))
    assert received.returncode == 0, received.stderr
    survey = re.search(r"受付番号 (2026-本庁1-\d+)（法11条の2 法人）", received.stdout)
    assert survey is not None
    number = survey.group(1)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(kikan(legal_basis="", readers=[]), ensure_ascii=False), encoding="utf-8")
    refused = cli(data_dir, *acting("clerk"), "etsuran", "request", str(bad), stdin=password("clerk"))
    assert refused.returncode == 2
    assert "入力エラー: 根拠となる法令、閲覧者" in refused.stderr and "閲覧者を1人以上入力してください" in refused.stderr

    out = tmp_path / "list.pdf"
    early = cli(data_dir, *acting("chief"), "etsuran", "list", number, "--out", str(out),
                stdin=password("chief"))
    assert early.returncode == 2 and "承認されていません" in early.stderr and not out.exists()
    by_clerk = cli(data_dir, *acting("clerk"), "etsuran", "approve", number, stdin=password("clerk"))
    assert by_clerk.returncode != 0 and "閲覧の承認" in by_clerk.stderr
    approved = cli(data_dir, *acting("chief"), "etsuran", "approve", number, stdin=password("chief"))
    assert approved.returncode == 0 and "承認しました" in approved.stdout
    # The town has too few households for a survey: a list of them would locate families, not sample a population.
    narrow = cli(data_dir, *acting("chief"), "etsuran", "list", number, "--out", str(out), stdin=password("chief"))
    assert narrow.returncode == 2 and "5世帯以上" in narrow.stderr and not out.exists()

    office = tmp_path / "office.json"
    office.write_text(json.dumps(kikan(areas=["本町1丁目", "本町9丁目", "中町"]), ensure_ascii=False),
                      encoding="utf-8")
    received = cli(data_dir, *acting("clerk"), "etsuran", "request", str(office), stdin=password("clerk"))
    found = re.search(r"受付番号 (2026-本庁1-\d+)", received.stdout)
    assert found is not None
    number = found.group(1)
    assert cli(data_dir, *acting("chief"), "etsuran", "approve", number, stdin=password("chief")).returncode == 0
    made = cli(data_dir, *acting("chief"), "etsuran", "list", number, "--out", str(out),
               stdin=password("chief"))
    assert made.returncode == 0, made.stderr
    assert "（2人）" in made.stdout
    text = "".join(page_texts(out.read_bytes()))
    assert "閲覧用" in text and number in text
    assert "乙川太郎" in text and "佐藤一郎" in text and "花子" not in text and "乙川一郎" not in text
    assert "本町9丁目" not in text.split("対象の範囲")[1].split("住所氏名")[1]

    pdf, table = tmp_path / "koho.pdf", tmp_path / "koho.csv"
    for path in (pdf, table):
        published = cli(data_dir, *acting("chief"), "etsuran", "publish", "--year", "2026", "--out", str(path),
                        stdin=password("chief"))
        assert published.returncode == 0 and "（2件）" in published.stdout, published.stderr
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert rows[1][:3] == [number, "法11条", "さくら県選挙管理委員会"] and rows[1][4] == "令和8年11月27日"
    assert rows[2][1:3] == ["法11条の2", "みどり新聞社"] and rows[2][4] == "令和8年12月1日"  # planned, no list
    assert "みどり新聞社" in "".join(page_texts(pdf.read_bytes()))
    wrong = cli(data_dir, *acting("chief"), "etsuran", "publish", "--year", "2026", "--out", str(tmp_path / "k.txt"),
                stdin=password("chief"))
    assert wrong.returncode == 2

    shown = cli(data_dir, *acting("clerk"), "etsuran", "requests", stdin=password("clerk"))
    assert f"{number}  承認  法11条  さくら県選挙管理委員会" in shown.stdout and "リスト 1回" in shown.stdout
