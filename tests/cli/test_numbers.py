"""付番待ち on the command line: a resident waiting for a 個人番号, and the numbers filled in from a file, all or none."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.builders import NOTIFIER, Clock
from tests.support.cli import cli
from tests.support.protected import acting, password, protected_replica


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


def test_numbers_waiting_leaves_a_protected_person_out_for_the_counter(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    town = protected_replica(data_dir, clock)
    counter = cli(data_dir, *acting("clerk"), "numbers", "waiting", stdin=password("clerk"))
    assert counter.returncode == 0, counter.stderr
    assert town.taro.atena_no in counter.stdout and not any(a in counter.stdout for a in town.theirs)
    chief = cli(data_dir, *acting("chief"), "numbers", "waiting", stdin=password("chief")).stdout
    assert f"{town.hanako.atena_no}  乙川　花子" in chief
    assert [line.endswith("支援措置") for line in chief.splitlines() if town.hanako.atena_no in line] == [True]
    numbers = tmp_path / "numbers.csv"  # the counter records her number from the file that names her
    numbers.write_text(f"{town.hanako.atena_no},111111111118\n", encoding="utf-8")
    done = cli(data_dir, *acting("clerk"), "numbers", "import", str(numbers), stdin=password("clerk"))
    assert done.returncode == 0 and "1人の個人番号を記載しました" in done.stdout
