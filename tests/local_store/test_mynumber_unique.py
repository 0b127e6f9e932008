"""A 個人番号 is one person's for life: on a real replica, every path that sets one (a 転入, a 職権修正, the file of
付番待ち numbers through the facade, the window and the command line) refuses a number another person of the registry
holds (a 住民 or a 除票, however the number is written), and the same number twice in one 異動 or one file; the
message names nobody."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from domain.errors import ValidationError
from domain.mynumber_import import parse
from local_store.mynumbers import HELD_BY_ANOTHER
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, NOTIFIER, TARO_MYNUMBER, family, person, tennyu
from tests.support.cli import cli
from ui.idou.mynumber_dialog import MynumberDialog

OTHER = "111111111118"
THIRD = "222222222225"


@pytest.fixture
def yamada(registry: Registry, admin: Staff) -> dict[str, str]:
    """The 山田 family: only 太郎 has a 個人番号 (TARO_MYNUMBER)."""
    return {c.row.name: c.row.atena_no for c in registry.apply(admin, family()).idou.rows}


def newcomer(mynumber: str, name: str = "鈴木　一郎", kana: str = "スズキ　イチロウ",
             relationship: str = "世帯主") -> dict[str, Any]:
    return person(name, kana, "S60.4.1", "男", relationship, mynumber=mynumber)


def refused(registry: Registry, actor: Staff, request: dict[str, Any]) -> ValidationError:
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError) as error:
        registry.apply(actor, request)
    assert registry.replication.last_seq() == before
    return error.value


@pytest.mark.parametrize("written", [TARO_MYNUMBER, "1234 5678 9018", "１２３４５６７８９０１８", "1234-5678-9018"])
def test_a_newcomer_with_a_resident_s_number_however_written_is_refused(registry: Registry, admin: Staff,
                                                                      yamada: dict[str, str], written: str) -> None:
    error = refused(registry, admin, tennyu(newcomer(written), address="さくら県みどり町東町1番地"))
    assert error.item == "個人番号" and error.message == HELD_BY_ANOTHER
    assert yamada["山田　太郎"] not in error.message
    assert registry.idou.check(admin, tennyu(newcomer("1111 1111 1118"))).rows[0].row.mynumber == OTHER


def test_the_same_number_twice_in_one_idou_is_refused(registry: Registry, admin: Staff) -> None:
    twins = tennyu(newcomer(OTHER), newcomer("１１１１１１１１１１１８", "鈴木　花子", "スズキ　ハナコ", relationship="妻"))
    error = refused(registry, admin, twins)
    assert error.item == "個人番号" and "二人" in error.message


def test_a_correction_giving_someone_else_s_number_is_refused_and_one_s_own_is_kept(
        registry: Registry, admin: Staff, yamada: dict[str, str]) -> None:
    hanako, taro = yamada["山田　花子"], yamada["山田　太郎"]
    for reason in ("職権修正", "軽微な修正"):
        error = refused(registry, admin, {"reason": reason, "idou_date": "R8.11.27",
                                          "set": {hanako: {"mynumber": TARO_MYNUMBER}}})
        assert error.message == HELD_BY_ANOTHER
    swap = {"reason": "職権修正", "idou_date": "R8.11.27",
            "set": {hanako: {"mynumber": OTHER}, taro: {"mynumber": OTHER}}}
    assert "二人" in refused(registry, admin, swap).message
    # 太郎's own number stays his through a change of anything else.
    assert registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                                  "set": {taro: {"remarks": "確認済み", "mynumber": "1234 5678 9018"}}}).idou.rows


def test_a_former_resident_s_number_is_his_for_life(registry: Registry, admin: Staff, yamada: dict[str, str]) -> None:
    taro = yamada["山田　太郎"]
    registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.11.26", "notified_on": "R8.11.26",
                           "notifier": NOTIFIER, "targets": [taro], "destination": "アメリカ合衆国"})
    back = tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", mynumber=TARO_MYNUMBER),
                  address="さくら県みどり町東町1番地", date="R8.11.27", notified_on="R8.11.27")
    assert refused(registry, admin, back).message == HELD_BY_ANOTHER  # as a new person: refused
    back["persons"][0]["returning"] = taro  # as the same person (同一人): his number comes back with him
    assert registry.apply(admin, back).idou.rows[0].row.atena_no == taro


def test_the_file_of_awaited_numbers_refuses_a_number_held_or_given_twice(registry: Registry, admin: Staff,
                                                                         yamada: dict[str, str]) -> None:
    hanako, ichiro = yamada["山田　花子"], yamada["山田　一郎"]
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError) as held:
        registry.mynumber.fill(admin, parse(f"{hanako},{OTHER}\n{ichiro},{TARO_MYNUMBER}\n"))
    assert held.value.item == "2行目" and HELD_BY_ANOTHER in held.value.message
    with pytest.raises(ValidationError) as twice:
        registry.mynumber.fill(admin, parse(f"{hanako},{OTHER}\n{ichiro},１１１１１１１１１１１８\n"))
    assert twice.value.item == "2行目" and "1行目と同じ" in twice.value.message
    assert registry.replication.last_seq() == before
    assert registry.mynumber.fill(admin, parse(f"{hanako},{OTHER}\n{ichiro},{THIRD}\n")) == 2


def test_the_window_s_file_of_numbers_names_the_line(qtbot: QtBot, registry: Registry, admin: Staff,
                                                    yamada: dict[str, str], tmp_path: Path) -> None:
    dialog = MynumberDialog(registry, admin)
    qtbot.addWidget(dialog)
    numbers = tmp_path / "numbers.csv"
    numbers.write_text(f"宛名番号,個人番号\n{yamada['山田　花子']},{TARO_MYNUMBER}\n", encoding="utf-8")
    assert not dialog.fill_from(numbers)
    assert dialog.message.text().startswith("2行目") and "別の人" in dialog.message.text()
    assert yamada["山田　太郎"] not in dialog.message.text() and dialog.table.rowCount() == 3


def test_the_command_line_refuses_a_held_number_with_an_input_error(registry: Registry, admin: Staff,
                                                                   yamada: dict[str, str], tmp_path: Path) -> None:
    registry.close()
    as_admin = ("--as", ADMIN[0], "--password-stdin")
    request = tmp_path / "tennyu.json"
    request.write_text(json.dumps(tennyu(newcomer("1234 5678 9018"), address="さくら県みどり町東町1番地"),
                                  ensure_ascii=False), encoding="utf-8")
    applied = cli(registry.data_dir, *as_admin, "apply", str(request), stdin=ADMIN[2] + "\n")
    assert applied.returncode == 2 and applied.stderr.startswith("入力エラー: 個人番号: この個人番号は別の人")
    numbers = tmp_path / "numbers.csv"
    numbers.write_text(f"{yamada['山田　花子']},{TARO_MYNUMBER}\n", encoding="utf-8")
    imported = cli(registry.data_dir, *as_admin, "numbers", "import", str(numbers), stdin=ADMIN[2] + "\n")
    assert imported.returncode == 2 and "入力エラー: 1行目" in imported.stderr and "別の人" in imported.stderr
    assert yamada["山田　太郎"] not in applied.stderr + imported.stderr
