"""設定 in the window, offscreen on a real replica (and the real test cloud for the cloud tab)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from domain.kofu_rules import CertificateKind, RequesterKind, request_from
from domain.roles import Role
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import family
from tests.support.qt import type_text
from ui.admin.settings_dialog import CLOUD_SAVED, READ_ONLY_NOTE, SAVED, SettingsDialog


def dialog_for(qtbot: QtBot, registry: Registry, actor: Staff) -> SettingsDialog:
    dialog = SettingsDialog(registry, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_administrator_sets_a_deputy_and_the_printer_used_on_certificates(
        qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    dialog = dialog_for(qtbot, registry, admin)
    dialog.add_deputy(["R8.11.1", "2026-12-31", "みどり町副町長", "緑川　一郎"])
    dialog.printer.clear()
    type_text(dialog.printer, "プリンタ007")
    dialog.save_button.click()
    assert dialog.message.text() == SAVED
    settings = registry.settings.get()
    assert settings["deputies"] == [{"from": "2026-11-01", "to": "2026-12-31", "title": "みどり町副町長",
                                     "name": "緑川　一郎"}]
    assert registry.settings.printer_name() == "プリンタ007"
    issued = registry.kofu.issue(admin, request_from(
        {"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [atena],
         "requester_atena": atena, "identification": "運転免許証"}), render)
    assert all(" 本庁1 プリンタ007 " in number for number in issued.issue_numbers)

    reopened = dialog_for(qtbot, registry, admin)  # what was saved is what the dialog shows next time
    assert reopened.deputies.item(0, 0).text() == "R8.11.1" and reopened.printer.text() == "プリンタ007"


@pytest.mark.parametrize("row, item", [(["R8.2.30", "R8.12.31", "副町長", "緑川　一郎"], "開始日"),
                                       (["R8.12.1", "R8.11.1", "副町長", "緑川　一郎"], "終了日"),
                                       (["R8.11.1", "R8.12.31", "", ""], "職務代理者（1行目）")])
def test_a_wrong_deputy_is_named_and_nothing_is_saved(qtbot: QtBot, registry: Registry, admin: Staff,
                                                      row: list[str], item: str) -> None:
    before = registry.settings.get()
    dialog = dialog_for(qtbot, registry, admin)
    dialog.add_deputy(row)
    dialog.save_button.click()
    assert item in dialog.message.text() and dialog.message.text() != SAVED
    assert registry.settings.get() == before


def test_the_rows_of_deputies_and_fee_categories_are_added_and_removed_with_their_buttons(
        qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    dialog = dialog_for(qtbot, registry, admin)
    dialog.deputy_buttons.add.click()
    dialog.deputy_buttons.add.click()
    assert dialog.deputies.rowCount() == 2
    dialog.deputies.setCurrentCell(0, 0)
    dialog.deputy_buttons.remove.click()
    assert dialog.deputies.rowCount() == 1
    categories = dialog.fee_categories
    dialog.category_buttons.add.click()
    assert categories.rowCount() == 4 and categories.item(3, 1).text() == "無料"
    categories.setCurrentCell(0, 0)  # 公用: free by law, it stays
    dialog.category_buttons.remove.click()
    assert [categories.item(r, 0).text() for r in range(categories.rowCount())] == ["公用", "生活保護", "罹災", ""]
    categories.setCurrentCell(1, 0)
    dialog.category_buttons.remove.click()
    assert [categories.item(r, 0).text() for r in range(categories.rowCount())] == ["公用", "罹災", ""]


def test_the_limit_on_old_data_is_set_for_every_terminal(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    dialog = dialog_for(qtbot, registry, admin)
    assert dialog.stale_hours.value() == 24 and dialog.stale_hours.suffix() == " 時間"
    dialog.stale_hours.setValue(48)
    dialog.save_button.click()
    assert dialog.message.text() == SAVED
    assert registry.settings.get()["stale_after_hours"] == 48
    assert registry.kofu.data_age().limit == dt.timedelta(hours=48)
    assert dialog_for(qtbot, registry, admin).stale_hours.value() == 48


def test_counter_staff_see_the_settings_read_only_and_the_facade_refuses_them(
        qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    dialog = dialog_for(qtbot, registry, clerk)
    assert dialog.message.text() == READ_ONLY_NOTE
    assert not dialog.save_button.isEnabled() and not dialog.mayor_name.isEnabled()
    assert not dialog.deputy_buttons.add.isEnabled() and not dialog.category_buttons.remove.isEnabled()
    with pytest.raises(StoreError):
        registry.settings.update(clerk, {"mayor_name": "偽　町長"})


def test_the_cloud_is_kept_only_after_the_server_accepts_the_credentials(
        qtbot: QtBot, registry: Registry, admin: Staff, cloud: Any) -> None:
    user, password = cloud.login("terminal-a")
    dialog = dialog_for(qtbot, registry, admin)
    for edit, text in ((dialog.cloud_url, cloud.url), (dialog.cloud_user, user),
                       (dialog.cloud_password, "not-the-password")):
        edit.setText(text)
    dialog.cloud_button.click()
    qtbot.waitUntil(lambda: dialog.cloud_button.isEnabled(), timeout=20_000)
    assert dialog.cloud_message.text().startswith("接続できませんでした")
    assert "cloud_url" not in registry.replication.sync_state()

    dialog.cloud_password.setText(password)
    dialog.cloud_button.click()
    qtbot.waitUntil(lambda: dialog.cloud_button.isEnabled(), timeout=20_000)
    assert dialog.cloud_message.text() == CLOUD_SAVED and dialog.cloud_password.text() == ""
    state = registry.replication.sync_state()
    assert state["cloud_url"] == cloud.url and state["cloud_user"] == user
