"""個人番号 付番待ち: the list, and filling the numbers in from a file, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from domain.errors import ValidationError
from domain.mynumber_import import parse
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family
from ui.idou.mynumber_dialog import MynumberDialog

VALID = "123456789018"
ALSO_VALID = "111111111118"


@pytest.fixture
def waiting(registry: Registry, admin: Staff) -> dict[str, str]:
    applied = registry.apply(admin, family())  # only 山田　太郎 has a 個人番号
    return {c.row.name: c.row.atena_no for c in applied.idou.rows if not c.row.mynumber}


def test_the_list_of_persons_waiting(registry: Registry, admin: Staff, waiting: dict[str, str]) -> None:
    assert sorted(p.atena_no for p in registry.mynumber.awaiting(admin)) == sorted(waiting.values())


def test_a_file_fills_the_numbers_in_or_changes_nothing(registry: Registry, admin: Staff,
                                                        waiting: dict[str, str]) -> None:
    hanako, ichiro = waiting["山田　花子"], waiting["山田　一郎"]
    before = registry.replication.last_seq()
    with pytest.raises(ValidationError) as wrong:
        registry.mynumber.fill(admin, parse(f"宛名番号,個人番号\n{hanako},{ALSO_VALID}\n{ichiro},123456789012\n"))
    assert wrong.value.item == "3行目" and "個人番号" in wrong.value.message
    assert registry.replication.last_seq() == before
    with pytest.raises(ValidationError) as stranger:
        registry.mynumber.fill(admin, parse("0009999999,123456789018\n"))
    assert "付番待ちではありません" in stranger.value.message

    assert registry.mynumber.fill(admin, parse(f"{hanako},{ALSO_VALID}\n")) == 1
    assert registry.person(admin, hanako).current.mynumber == ALSO_VALID
    assert hanako not in {p.atena_no for p in registry.mynumber.awaiting(admin)}


@pytest.mark.parametrize("text, item", [("", "個人番号のファイル"), ("0001,abc\n", "1行目"),
                                        ("1,2\n1,3\n", "2行目")])
def test_malformed_files_are_named(text: str, item: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(text)
    assert refused.value.item == item


def test_the_window_lists_and_fills(qtbot: QtBot, registry: Registry, admin: Staff, waiting: dict[str, str],
                                    tmp_path: Path) -> None:
    dialog = MynumberDialog(registry, admin)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3 and "3人" in dialog.count.text()
    numbers = tmp_path / "numbers.csv"
    numbers.write_text(f"{waiting['山田　花子']},123456789012\n", encoding="utf-8")
    assert not dialog.fill_from(numbers) and "1行目" in dialog.message.text()
    numbers.write_text(f"{waiting['山田　花子']},{ALSO_VALID}\n", encoding="utf-8")
    assert dialog.fill_from(numbers) and dialog.table.rowCount() == 2
