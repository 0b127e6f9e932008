"""人口統計 in the window, offscreen on a real replica: counted on a worker, drawn, chosen by 町丁目, exported."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from domain.population import BANDS, HEADER
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family, person, tennyu
from ui.admin.population_dialog import TOTAL, PopulationDialog


def test_count_draw_choose_an_area_and_export(qtbot: QtBot, registry: Registry, admin: Staff,
                                              tmp_path: Path) -> None:
    registry.apply(admin, family())
    registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                 address="さくら県みどり町中町5番地"))
    dialog = PopulationDialog(registry, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.as_of.setText("R8.2.30")
    dialog.count_button.click()
    assert dialog.message.text().startswith("調査年月日：") and dialog.population is None

    dialog.as_of.setText("R8.11.27")
    dialog.count_button.click()
    qtbot.waitUntil(lambda: dialog.population is not None, timeout=10_000)
    assert dialog.pyramid.counts is not None and dialog.pyramid.counts.total == 5
    assert [dialog.area.itemText(i) for i in range(dialog.area.count())] == [TOTAL, "その他"]
    assert "総人口 5人" in dialog.summary.text() and "世帯数 2" in dialog.summary.text()
    assert not dialog.pyramid.grab().isNull()

    out = tmp_path / "population.csv"
    assert dialog.export(out, "shift_jis")
    lines = out.read_bytes().decode("cp932").splitlines()
    assert lines[0] == ",".join(HEADER) and lines[1].split(",")[5] == "5"
    assert len(BANDS) * 2 + 10 == len(lines[1].split(","))
