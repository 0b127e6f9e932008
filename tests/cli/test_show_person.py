"""`show 宛名番号` prints the person's 除票 (each ended stay, as `johyo` lists them) and the items of 法7条9号〜11号の2
when recorded."""

from __future__ import annotations

import json
from pathlib import Path

from local_store.registry import Registry
from tests.cli.test_johyo import AS_CLERK, returned
from tests.support.builders import ADMIN, Clock
from tests.support.cli import cli


def test_show_prints_the_johyo_of_each_ended_stay(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    atena = returned(data_dir, clock)
    shown = cli(data_dir, *AS_CLERK, "show", atena, stdin="clerk-pw\n")
    assert shown.returncode == 0, shown.stderr
    assert "除票: 1件" in shown.stdout
    assert "第1回　令和8年11月1日〜令和8年11月15日　国内転出  さくら県みどり町本町2丁目3番4号" in shown.stdout
    assert "第2回" not in shown.stdout  # she lives here again: her present stay is no 除票
    as_json = json.loads(cli(data_dir, *AS_CLERK, "show", atena, "--json", stdin="clerk-pw\n").stdout)
    assert [s["residence"] for s in as_json["johyo"]] == [1]


def test_show_prints_the_office_items_when_recorded(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    atena = returned(data_dir, clock)
    assert "法7条9号〜11号の2" not in cli(data_dir, *AS_CLERK, "show", atena, stdin="clerk-pw\n").stdout
    registry = Registry.open(data_dir, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26", "set": {atena: {"offices": {
        "elector": True, "kokuho": {"acquired": "R8.11.24"},
        "nenkin": {"kind": "第1号被保険者", "number": "1234-567890", "acquired": "H9.3.1"}}}}})
    registry.close()
    shown = cli(data_dir, *AS_CLERK, "show", atena, stdin="clerk-pw\n").stdout
    assert "法7条9号〜11号の2の事項:" in shown
    assert "選挙人名簿への登録  登録" in shown
    assert "国民健康保険  資格取得　令和8年11月24日" in shown
    assert "国民年金  第1号被保険者　基礎年金番号　1234-567890　資格取得　平成9年3月1日" in shown
    assert "介護保険  記載なし" in shown
