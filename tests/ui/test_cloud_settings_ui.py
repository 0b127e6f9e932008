"""The cloud tab of 設定, offscreen with the real test cloud: an enrollment code issued and the one claim confirmed
in the window; a server time far ahead shown in the status bar, and accepted, or a wrong trusted time taken back, by
a 管理者."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from sync import cloud as cloud_sync
from sync import joining
from sync.enrollment import EnrollmentError
from tests.support.builders import ADMIN, TOWN, family
from tests.support.couch_proxy import LyingClockProxy
from tests.support.terminals import now_clock
from ui.admin.settings_dialog import SettingsDialog
from ui.shell.main_window import MainWindow

TIMEOUT_MS = 30_000


@pytest.fixture
def town(tmp_path: Path, cloud: Any) -> Iterator[tuple[Registry, Staff]]:
    registry = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    registry.apply(admin, family())
    cloud_sync.sync_once(registry)
    yield registry, admin
    registry.close()


def dialog_for(qtbot: QtBot, registry: Registry, actor: Staff) -> SettingsDialog:
    dialog = SettingsDialog(registry, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def states(dialog: SettingsDialog) -> list[tuple[str, str]]:
    table = dialog.enrollments
    return [(table.item(row, 0).text(), table.item(row, 2).text()) for row in range(table.rowCount())]


def test_a_code_issued_in_the_window_serves_the_one_terminal_confirmed_there(
        qtbot: QtBot, town: tuple[Registry, Staff], cloud: Any, tmp_path: Path) -> None:
    registry, admin = town
    dialog = dialog_for(qtbot, registry, admin)
    dialog.enroll_name.setText("支所1")
    dialog.enroll_button.click()
    qtbot.waitUntil(lambda: bool(dialog.enroll_code.text()), timeout=TIMEOUT_MS)
    code = dialog.enroll_code.text()
    assert states(dialog) == [("支所1", "申請待ち")]

    login = cloud.login("terminal-b")
    with pytest.raises(joining.EnrollmentPending) as pending:  # the new terminal claims the code
        joining.join(tmp_path / "b", cloud.url, *login, code, clock=now_clock())
    number = pending.value.check_number
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.confirm_button.isEnabled() and "確認しています" not in dialog.enroll_message.text(),
                    timeout=TIMEOUT_MS)
    assert dialog.enroll_message.text() == f"端末「支所1」の参加を確認しました（確認番号 {number}）"
    assert states(dialog) == [("支所1", f"参加を確認済み（確認番号 {number}）")]

    joined = joining.join(tmp_path / "b", cloud.url, *login, code, clock=now_clock())
    try:
        assert joined.terminal == "支所1" and joined.residents.counts() == registry.residents.counts()
    finally:
        joined.close()
    with pytest.raises(EnrollmentError) as used:
        joining.join(tmp_path / "c", cloud.url, *login, code, clock=now_clock())
    assert used.value.message == joining.USED


def test_a_server_time_far_ahead_is_accepted_or_taken_back_by_an_administrator(
        qtbot: QtBot, town: tuple[Registry, Staff], cloud: Any) -> None:
    registry, admin = town
    future = dt.datetime(2036, 1, 1, 9, 0, tzinfo=dt.UTC)
    with LyingClockProxy(cloud.server.url, future) as liar:
        cloud_sync.login(registry, liar.url_for(cloud.url), *cloud.login("terminal-a"))
        window = MainWindow(registry, admin)  # the status bar says so after a round
        qtbot.addWidget(window)
        window.start_sync()
        qtbot.waitUntil(lambda: "クラウドの時刻が確認待ち" in window.status.sync_label.text(), timeout=TIMEOUT_MS)
        window.close()  # its rounds stop with it
    registry.staff.add(admin, "clerk", "窓口 花子", Role.COUNTER, "clerk-password")
    clerk = dialog_for(qtbot, registry, registry.sign_in("clerk", "clerk-password"))
    assert "確認待ちのクラウドの時刻 2036-01-01" in clerk.trusted_time.text()
    assert not clerk.accept_time_button.isEnabled() and not clerk.reset_time_button.isEnabled()

    dialog = dialog_for(qtbot, registry, admin)
    assert dialog.accept_time_button.isEnabled()
    registry.apply(admin, family())  # not trusted: 異動 go in
    dialog.accept_time_button.click()
    assert dialog.trusted_time.text().startswith("2036-01-01") and not dialog.accept_time_button.isEnabled()
    with pytest.raises(StoreError):
        registry.apply(admin, family())  # trusted now: this terminal's clock is "behind"
    dialog.reset_time_button.click()
    assert dialog.trusted_time.text() == "なし" and "取り消しました" in dialog.cloud_message.text()
    registry.apply(admin, family())
