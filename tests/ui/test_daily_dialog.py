"""異動一覧・日計 in the window, offscreen on a real replica: 点検 with the keyboard, marked in place in the
background, the sheet."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family, person, tennyu
from tests.ui.test_translations import english  # noqa: F401 - the fixture
from ui.admin.daily_dialog import DailyDialog
from ui.admin.idou_day_model import COL_CHECK, COL_LATE, COL_STAFF
from ui.kofu.dialog import KofuDialog


def opened(qtbot: QtBot, registry: Registry, staff: Staff) -> DailyDialog:
    dialog = DailyDialog(registry, staff)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 728)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy, timeout=10_000)
    return dialog


def tick_by_keys(qtbot: QtBot, dialog: DailyDialog, rows: list[int]) -> None:
    """Down the 点検 column to each row, then Space."""
    dialog.idou.setFocus()
    for row in rows:
        while dialog.idou.currentIndex().row() < row:
            qtbot.keyClick(dialog.idou, Qt.Key.Key_Down)
        assert dialog.idou.currentIndex().column() == COL_CHECK
        qtbot.keyClick(dialog.idou, Qt.Key.Key_Space)


def check_text(dialog: DailyDialog, row: int) -> str:
    return dialog.model.data(dialog.model.index(row, COL_CHECK))


def test_tick_and_check_then_the_sheet(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> None:
    applied = registry.apply(admin, family())
    dialog = opened(qtbot, registry, admin)
    assert dialog.model.rowCount() == 1 and check_text(dialog, 0) == "未"
    assert "未点検 1件" in dialog.idou_title.text()
    dialog.check_button.click()
    assert "チェックを入れてください" in dialog.message.text()

    tick_by_keys(qtbot, dialog, [0])
    assert dialog.ticked() == [applied.doc_id]
    dialog.check_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.message.text() == "1件を点検済みにしました"
    assert check_text(dialog, 0).startswith("管理者 ") and not dialog.check_button.isEnabled()
    assert "未点検 0件" in dialog.idou_title.text()

    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=dialog.pdf(), capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "未点検 0件" in re.sub(r"[ \u3000]+", " ", text)

    dialog.day.setText("R8.2.30")
    dialog.load()
    assert dialog.message.text().startswith("処理日：")


def test_marking_changes_the_marked_rows_in_place_without_blocking_and_a_second_press_waits(
        qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> None:
    registry.staff.add(admin, "kakaricho", "係長 一", Role.SUPERVISOR, "kakaricho-password")
    chief = registry.sign_in("kakaricho", "kakaricho-password")
    for _ in range(6):
        registry.apply(admin, family())
    dialog = opened(qtbot, registry, chief)
    assert dialog.model.rowCount() == 6
    assert dialog.model.data(dialog.model.index(0, COL_STAFF)) == "管理者"  # the name, not the user id
    resets: list[bool] = []
    changed: set[int] = set()
    dialog.model.modelReset.connect(lambda: resets.append(True))

    def rows_changed(top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        changed.update(range(top.row(), bottom.row() + 1))

    dialog.model.dataChanged.connect(rows_changed)
    tick_by_keys(qtbot, dialog, [1, 4])
    changed.clear()

    dialog.check_button.click()
    assert dialog.busy and not dialog.check_button.isEnabled()  # the window goes on; the button waits
    assert dialog.message.text() == "点検済みにしています…"
    dialog.check_button.click()  # a second press while marking: nothing
    dialog.check_ticked()  # nor by any other way in
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.message.text() == "2件を点検済みにしました"
    assert not resets and changed == {1, 4}
    assert [row for row in range(6) if check_text(dialog, row) != "未"] == [1, 4]
    assert check_text(dialog, 1).startswith("係長 一 ")  # who checked, by name
    assert "未点検 4件" in dialog.idou_title.text() and dialog.check_button.isEnabled()
    marks = registry.store.conn.execute("SELECT count(*) FROM audit WHERE action = '点検'").fetchone()[0]
    assert marks == 1


def test_the_late_column_shows_its_whole_text_at_1366(qtbot: QtBot, registry: Registry, admin: Staff,
                                                      clock: Clock) -> None:
    registry.apply(admin, tennyu(person("遅野　届", "オソノ　トドケ", "1980-04-01", "男", "世帯主"), date="R8.10.1"))
    for _ in range(3):
        registry.apply(admin, family())
    dialog = opened(qtbot, registry, admin)
    late = dialog.model.data(dialog.model.index(0, COL_LATE))
    assert late == "41日経過（法52条）"
    needed = QFontMetrics(dialog.idou.font()).horizontalAdvance(late)
    assert dialog.idou.columnWidth(COL_LATE) > needed
    assert dialog.width() <= 1366


@pytest.mark.usefixtures("english")
def test_one_copy_is_one_copy_in_english(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> None:
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    kofu = KofuDialog(registry, admin, registry.person(admin, atena))
    qtbot.addWidget(kofu)
    kofu.form.identification.setCurrentText("運転免許証")
    assert kofu.issue(), kofu.message.text()
    assert ": 1 copy, 1 page, fee ¥300" in kofu.preview_label.text()
    kofu.done(0)
    dialog = opened(qtbot, registry, admin)
    assert dialog.total.text() == "Fees in total ¥300 (1 copy)"
