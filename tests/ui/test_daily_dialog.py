"""異動一覧・日計 in the window, offscreen on a real replica."""

from __future__ import annotations

import re
import subprocess

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from ui.admin.daily_dialog import DailyDialog


def test_tick_and_check_then_the_sheet(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> None:
    applied = registry.apply(admin, family())
    dialog = DailyDialog(registry, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.idou.rowCount() == 1 and dialog.idou.item(0, 0).text() == "未"
    assert "未点検 1件" in dialog.idou_title.text()
    dialog.check_button.click()
    assert "チェックを入れてください" in dialog.message.text()

    dialog.idou.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.ticked() == [applied.doc_id]
    dialog.check_button.click()
    assert dialog.message.text() == "1件を点検済みにしました"
    assert dialog.idou.item(0, 0).text().startswith("admin ") and not dialog.check_button.isEnabled()

    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=dialog.pdf(), capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "未点検 0件" in re.sub(r"[ \u3000]+", " ", text)

    dialog.day.setText("R8.2.30")
    dialog.load()
    assert dialog.message.text().startswith("処理日：")
