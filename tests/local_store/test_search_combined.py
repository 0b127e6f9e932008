"""Search as counter staff type it, on a real replica through the facade, the command line and the window: カナ,
生年月日 and 性別 in one query (ヤマダ タロウ S50.1.1 男), a name with its 生年月日 (山田 S52.3.3), and addresses whose
漢数字 and 算用数字 are one (寿一丁目 finds 寿1丁目, 寿1-2-3 finds 寿1丁目2番3号); a replica of the schema before
migrates its keys."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.errors import ValidationError
from local_store.audit_anchor import ANCHOR_FILE
from local_store.database import DB_FILE
from local_store.registry import Registry
from local_store.staff import Staff
from local_store.terminal_key import KEYRING_SERVICE
from tests.support.builders import Clock, family, person, tennyu
from tests.support.cli import cli
from tests.support.qt import search_typed, shown_names
from ui.shell.main_window import MainWindow

REPLICAS = Path(__file__).parent / "replicas"


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, str]:
    """The 山田 household of four (本町2丁目3番4号); 寿 一 at 寿1丁目2番3号 and 寿 二 at 寿一丁目二十三番地, as the
    clerk of each 転入 typed them; 鈴木 花子, born the same day as 山田 太郎."""
    found = {c.row.name: c.row.atena_no for c in registry.apply(admin, family()).idou.rows}
    for name, kana, address in (("寿　一", "コトブキ　ハジメ", "さくら県みどり町寿1丁目2番3号"),
                                ("寿　二", "コトブキ　ススム", "さくら県みどり町寿一丁目二十三番地")):
        found[name] = registry.apply(admin, tennyu(person(name, kana, "H1.2.3", "男", "世帯主"),
                                                   address=address)).idou.rows[0].row.atena_no
    found["鈴木　花子"] = registry.apply(admin, tennyu(person("鈴木　花子", "スズキ　ハナコ", "S50.1.1", "女", "世帯主"),
                                                      address="さくら県みどり町西町7番地")).idou.rows[0].row.atena_no
    return found


def names(registry: Registry, actor: Staff, query: str) -> list[str]:
    return [s.name for s in registry.summaries(registry.search(actor, query).ids)]


def test_kana_birth_date_and_sex_in_one_query(registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    """Before: 「ヤマダ S50.1.1」 and its kind found nobody."""
    assert names(registry, admin, "ヤマダ S50.1.1") == ["山田　太郎"]
    assert names(registry, admin, "ヤマダ タロウ S50.1.1 男") == ["山田　太郎"]
    assert names(registry, admin, "やまだ　昭和50年1月1日　女性") == []
    assert names(registry, admin, "山田 S52.3.3") == ["山田　花子"]  # a 漢字 name with its 生年月日
    assert names(registry, admin, "S50.1.1 女") == ["鈴木　花子"]
    assert names(registry, admin, "1975-01-01 男 ヤマダ") == ["山田　太郎"]  # in any order
    assert registry.search(admin, "ヤマダ タロウ S50.1.1 男").kind == "フリガナ・生年月日・性別"
    assert names(registry, admin, "男") == []  # one word is what it always was: a name (nobody is called 男)
    with pytest.raises(ValidationError, match="生年月日と性別はそれぞれ一つだけ"):
        registry.search(admin, "ヤマダ S50.1.1 S52.3.3")


@pytest.mark.parametrize(("query", "found"), [
    ("寿一丁目", ["寿　一", "寿　二"]),  # 漢数字 finds 算用数字, and the other way round
    ("寿1丁目", ["寿　一", "寿　二"]),
    ("寿1-2-3", ["寿　一"]),
    ("寿一丁目二番地の三", ["寿　一"]),
    ("寿1丁目23", ["寿　二"]),
    ("寿1丁目2", ["寿　一", "寿　二"]),  # still typing: 2 may become 23
    ("寿1丁目2番", ["寿　一"]),
    ("本町二丁目", ["山田　一郎", "山田　花子", "山田　次郎", "山田　太郎"]),
])
def test_kanji_and_arabic_numbers_in_an_address_are_one(registry: Registry, admin: Staff, town: dict[str, str],
                                                        query: str, found: list[str]) -> None:
    """Before: 寿一丁目 did not find 寿1丁目."""
    assert sorted(names(registry, admin, query)) == sorted(found)


def test_the_command_line_and_the_window_search_alike(qtbot: QtBot, registry: Registry, admin: Staff,
                                                      data_dir: Path, town: dict[str, str]) -> None:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    search_typed(qtbot, win, "ヤマダ タロウ S50.1.1 男")
    assert shown_names(win) == ["山田　太郎"]
    assert "フリガナ・生年月日・性別" in win.result_label.text()
    qtbot.keyClick(win.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert win.person_view.record is not None and win.person_view.record.current.atena_no == town["山田　太郎"]
    win.focus_search()
    win.search_field.clear()
    search_typed(qtbot, win, "寿一丁目")
    assert sorted(shown_names(win)) == ["寿　一", "寿　二"]
    win.close()
    registry.close()
    ran = cli(data_dir, "--as", "admin", "--password-stdin", "search", "ヤマダ S50.1.1", "--json",
              stdin="admin-password\n")
    assert ran.returncode == 0, ran.stderr
    assert [r["name"] for r in json.loads(ran.stdout)["results"]] == ["山田　太郎"]


def test_a_replica_of_the_schema_before_finds_addresses_by_either_number(tmp_path: Path) -> None:
    """The migration makes every address key again: 移行 太郎 of 本町2丁目3番4号 is found as 本町二丁目."""
    source = REPLICAS / "schema-9"
    data_dir = tmp_path / "replica"
    data_dir.mkdir()
    for name in (DB_FILE, "terminal.json", ANCHOR_FILE):
        shutil.copy(source / name, data_dir / name)
    terminal_id = json.loads((data_dir / "terminal.json").read_text(encoding="utf-8"))["terminal_id"]
    keyring.set_password(KEYRING_SERVICE, terminal_id, (source / "key.hex").read_text().strip())
    registry = Registry.open(data_dir, clock=Clock())
    try:
        actor = registry.sign_in("demo-admin", "demo")
        found: Any = names(registry, actor, "本町二丁目三番")
        assert "移行　太郎" in found
    finally:
        registry.close()
