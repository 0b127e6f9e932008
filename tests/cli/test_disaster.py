"""被災者台帳 and 罹災証明書 on the command line: in this process on a real demo replica, no cloud."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from domain.disaster import AssessmentInput
from local_store.registry import Registry
from tests.support.builders import ADMIN, Clock
from tests.support.cli import cli
from tests.support.protected import ProtectedTown, acting, password, protected_replica

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
                 "--out", str(pdf), "--requester", "honnin", "--requester-atena", atena, "--identification", "運転免許証",
                 stdin="demo\n")
    assert issued.returncode == 0, issued.stderr
    assert "罹災証明書 整理番号" in issued.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "■大規模半壊" in text and QUAKE in text
    verified = cli(data_dir, "verify", str(pdf))
    assert verified.returncode == 0, verified.stdout


@pytest.fixture
def protected(tmp_path: Path, clock: Clock) -> tuple[Path, ProtectedTown]:
    """The protected town on a replica of its own, each household's dwelling assessed."""
    data_dir = tmp_path / "replica"
    town = protected_replica(data_dir, clock)
    registry = Registry.open(data_dir, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    for household in (town.taro.setai_no, town.hanako.setai_no):
        registry.disaster.record_assessment(admin, AssessmentInput(household, "半壊", QUAKE))
    registry.close()
    return data_dir, town


def test_her_household_is_left_out_for_the_counter_and_her_certificate_is_checked(
        protected: tuple[Path, ProtectedTown], tmp_path: Path) -> None:
    data_dir, town = protected
    hers, his = town.hanako.setai_no, town.taro.setai_no
    listed = cli(data_dir, *acting("clerk"), "disaster", "list", stdin=password("clerk"))
    assert listed.returncode == 0 and his in listed.stdout and hers not in listed.stdout
    assert hers in cli(data_dir, *acting("chief"), "disaster", "list", stdin=password("chief")).stdout
    named = cli(data_dir, *acting("clerk"), "disaster", "list", "--household", hers, stdin=password("clerk"))
    assert hers in named.stdout  # she is at the counter with her 世帯番号: found, and the 照会 audited
    out = tmp_path / "daicho.csv"
    written = cli(data_dir, *acting("chief"), "disaster", "list", "--csv", str(out), stdin=password("chief"))
    assert written.returncode == 0, written.stderr
    assert [r["世帯番号"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))] == [his]

    pdf = tmp_path / "risai.pdf"
    ask = ("disaster", "certificate", hers, "--out", str(pdf))
    by_him = cli(data_dir, *acting("chief"), *ask, "--requester", "dairinin", "--requester-name", "乙川　太郎",
                 "--principal", town.hanako.atena_no, "--proxy-letter", "委任状", "--identification", "運転免許証",
                 "--judge", "chief2", "--judgment-reason", "夫なので", stdin=password("chief") + password("chief2"))
    assert by_him.returncode == 2 and "加害者" in by_him.stderr and not pdf.exists()
    no_photo = cli(data_dir, *acting("chief"), *ask, "--requester", "honnin", "--requester-atena",
                   town.hanako.atena_no, "--identification", "健康保険証と年金手帳", stdin=password("chief"))
    assert no_photo.returncode == 2 and "写真付き" in no_photo.stderr
    helper = ("--requester", "dairinin", "--requester-name", "支援　員", "--principal", town.hanako.atena_no,
              "--proxy-letter", "委任状", "--identification", "運転免許証")
    unjudged = cli(data_dir, *acting("chief"), *ask, *helper, stdin=password("chief"))
    assert unjudged.returncode == 2 and "係長の判断" in unjudged.stderr and not pdf.exists()
    judged = cli(data_dir, *acting("chief"), *ask, *helper, "--judge", "chief2", "--judgment-reason",
                 "支援団体の職員と確認した", stdin=password("chief") + password("chief2"))
    assert judged.returncode == 0, judged.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
