"""The window locks itself after idle time and hides the resident's data until someone signs in again; signing in and out;
what 設定 says of the lock time and of a cloud that does not answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from ui.admin.settings_dialog import SettingsDialog
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


def shown_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def sign_in_by_keys(qtbot: QtBot, window: MainWindow, password: str, user: str | None = None) -> None:
    dialog = window.idle_lock.dialog
    assert dialog is not None
    if user is not None:
        dialog.user_edit.clear()
        qtbot.keyClicks(dialog.user_edit, user)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


@pytest.fixture
def counter(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> MainWindow:
    """The window with a household in 照会 and its 交付 screen opened with F8."""
    registry.staff.add(admin, "kakaricho", "係長 一", Role.SUPERVISOR, "kakaricho-password")
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.open_person(atena)
    qtbot.keyClick(window.search_field, Qt.Key.Key_F8)
    assert window.kofu_dialog is not None and window.kofu_dialog.isVisible()
    return window


def test_the_lock_hides_every_window_and_they_come_back_as_they_were(qtbot: QtBot, counter: MainWindow) -> None:
    kofu = counter.kofu_dialog
    assert kofu is not None
    kofu.form.copies.setValue(3)
    note = QMessageBox(QMessageBox.Icon.Information, "確認", "山田　太郎（昭和50年1月1日生）", parent=kofu)
    note.open()  # a message box, window-modal over the 交付 screen
    loose = QMessageBox(QMessageBox.Icon.Information, "世帯", "山田　花子", parent=counter)
    loose.setModal(False)
    loose.show()  # a message box that blocks nothing
    before = shown_windows()
    assert {kofu, note, loose} <= set(before)

    counter.idle_lock.lock()
    sign_in = counter.idle_lock.dialog
    assert sign_in is not None
    assert set(shown_windows()) == {counter, sign_in}  # names, birth dates and the household are all out of sight
    assert not counter.centralWidget().isVisible()

    sign_in_by_keys(qtbot, counter, "admin-password")
    assert not counter.idle_lock.locked
    assert set(shown_windows()) == set(before)
    assert counter.kofu_dialog is kofu and kofu.form.copies.value() == 3 and kofu.isModal()
    note.close()
    loose.close()


def test_a_message_box_waiting_for_an_answer_keeps_waiting_through_the_lock(qtbot: QtBot,
                                                                           counter: MainWindow) -> None:
    """A box run with exec() cannot be hidden without ending it (with no answer): it is veiled instead, and the
    answer given after the lock is the one its caller gets."""
    kofu = counter.kofu_dialog
    assert kofu is not None
    box = QMessageBox(QMessageBox.Icon.Question, "同一人の確認", "山田　太郎　宛名番号 000000000001",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, kofu)
    seen: dict[str, object] = {}

    def while_asking() -> None:
        try:
            counter.idle_lock.lock()
            sign_in = counter.idle_lock.dialog
            assert sign_in is not None
            seen["shown"] = set(shown_windows()) - {counter, sign_in}
            seen["veiled"] = counter.idle_lock.veiled(box)
            seen["kofu"] = kofu.isVisible()
            sign_in_by_keys(qtbot, counter, "admin-password")
            seen["after"] = box.isVisible() and not counter.idle_lock.veiled(box)
        finally:  # the answer, whatever happened above: exec() must return
            box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(50, while_asking)
    answer = box.exec()
    assert seen == {"shown": {box}, "veiled": True, "kofu": False, "after": True}
    assert answer == QMessageBox.StandardButton.Yes


def test_someone_else_signing_in_does_not_get_the_windows_of_the_one_before(qtbot: QtBot,
                                                                            counter: MainWindow) -> None:
    kofu = counter.kofu_dialog
    assert kofu is not None
    counter.idle_lock.lock()
    sign_in_by_keys(qtbot, counter, "kakaricho-password", user="kakaricho")
    assert counter.staff.user == "kakaricho" and not kofu.isVisible()
    qtbot.waitUntil(lambda: counter.kofu_dialog is None, timeout=2000)
    assert set(shown_windows()) == {counter}


def test_a_new_lock_time_in_the_settings_takes_effect_at_once(qtbot: QtBot, registry: Registry, admin: Staff,
                                                              clock: Clock) -> None:
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    assert window.idle_lock.minutes == 5
    window.findChild(QAction, "openSettings").trigger()
    settings = window.settings_dialog
    settings.tabs.setCurrentIndex(1)
    settings.idle_minutes.setFocus()
    qtbot.keyClick(settings.idle_minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(settings.idle_minutes, "2")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.message.text() == "保存しました"
    assert window.idle_lock.minutes == 2 and window.idle_lock.remaining_ms() <= 121_000  # not the 5 minutes
    settings.close()
    window.close()


def test_signing_in_again_keeps_one_menu_and_sign_out_clears_the_name(qtbot: QtBot, registry: Registry,
                                                                        admin: Staff, clock: Clock) -> None:
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-password")
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    items = [action.text() for action in window.admin_menu.actions()]
    for user, password in (("admin", "admin-password"), ("clerk", "clerk-password"), ("admin", "admin-password")):
        window.sign_out_action.trigger()
        assert "管理者" not in window.status.staff_label.text()
        assert window.status.staff_label.text() == "職員: サインインしていません"
        assert not window.status.review_button.isVisible()
        sign_in_by_keys(qtbot, window, password, user=user)
        assert [action.text() for action in window.admin_menu.actions()] == items
    assert window.staff.user == "admin"
    daily = window.findChild(QAction, "openDaily")
    assert daily.isEnabled() and "権限" not in daily.toolTip()
    window.close()


def test_a_cloud_that_does_not_answer_in_the_settings_is_said_truly(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                    clock: Clock) -> None:
    """The check in 設定 is tried once, by hand: its message neither promises a retry nor claims a change."""
    settings = SettingsDialog(registry, admin)
    qtbot.addWidget(settings)
    settings.show()
    settings.tabs.setCurrentIndex(2)
    for field, text in ((settings.cloud_url, "http://127.0.0.1:9/madoguchi-99301"), (settings.cloud_user, "terminal-a"),
                        (settings.cloud_password, "secret")):
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(settings.cloud_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.cloud_button.isEnabled(), timeout=60_000)
    said = settings.cloud_message.text()
    assert "接続先は保存していません" in said and "もう一度" in said
    assert "自動で再試行" not in said
    assert not registry.replication.sync_state().get("cloud_url")
    settings.close()
