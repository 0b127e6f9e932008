"""The window locks itself after idle time and hides the resident's data until someone signs in again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from ui.shell.main_window import MainWindow


def test_idle_time_locks_the_window_and_whoever_signs_in_acts_from_then_on(qtbot: QtBot, registry: Registry,
                                                                            admin: Staff, clock: Clock) -> None:
    registry.settings.update(admin, {"idle_lock_minutes": 0.01})  # 0.6 seconds
    registry.staff.add(admin, "kakaricho", "係長 一", Role.SUPERVISOR, "kakaricho-password")
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    window.open_person(atena)
    assert window.centralWidget().isVisible()

    for _ in range(4):  # typing keeps it open
        qtbot.wait(250)
        qtbot.keyClick(window.search_field, Qt.Key.Key_A)
    assert not window.idle_lock.locked

    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5_000)
    dialog = window.idle_lock.dialog
    assert dialog is not None and not window.centralWidget().isVisible()
    assert dialog.user_edit.text() == "admin"
    pending = registry.store.conn.execute("SELECT count(*) FROM audit WHERE action = '照会'").fetchone()[0]
    assert pending == 1  # locking wrote the audit entries held in memory

    dialog.password_edit.setText("wrong")
    dialog.try_sign_in()
    assert window.idle_lock.locked and "違います" in dialog.error_label.text()

    dialog.user_edit.setText("kakaricho")
    dialog.password_edit.setText("kakaricho-password")
    dialog.try_sign_in()
    assert not window.idle_lock.locked and window.centralWidget().isVisible()
    assert window.staff.user == "kakaricho" and "係長 一" in window.status.staff_label.text()
    window.close()
