"""The first-run wizard, walked as an administrator would: a new municipality, and a new terminal joining one from
the test cloud; the keyring check and the 端末の合言葉 where there is no keyring (that the window opens it on an
empty data folder is tested with the window, in test_ui.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from local_store.context import Municipality
from local_store.registry import Registry
from local_store.terminal_key import NoKeyringError
from reports.seal import demo_seal_png
from sync import cloud as cloud_sync
from sync import joining
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.terminals import now_clock
from ui.first_run.wizard import PAGE_ADMIN, PAGE_JOIN, PAGE_KEY, PAGE_RUN, PAGE_TOWN, FirstRunWizard
from ui.shell.replica_opener import has_replica

TIMEOUT_MS = 30_000


def click(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} is not available on {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, edit: Any, text: str) -> None:
    edit.clear()
    edit.insert(text)  # QTest's key clicks only know ASCII; this is what an input method commits


def open_wizard(qtbot: QtBot, data_dir: Path) -> FirstRunWizard:
    wizard = FirstRunWizard(data_dir, now_clock())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def pass_key_page(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    assert wizard.currentId() == PAGE_KEY
    qtbot.waitUntil(lambda: wizard.key.result is not None and not wizard.key.checking, timeout=TIMEOUT_MS)


def run_to_the_end(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # 実行
    assert wizard.currentId() == PAGE_RUN
    qtbot.waitUntil(lambda: not wizard.run.running, timeout=TIMEOUT_MS)


def fill_town(qtbot: QtBot, wizard: FirstRunWizard, code: str) -> None:
    page = wizard.town
    type_into(qtbot, page.name_edit, TOWN.name)
    type_into(qtbot, page.code_edit, code)
    type_into(qtbot, page.mayor_edit, TOWN.mayor)
    type_into(qtbot, page.terminal_edit, "本庁1")


def fill_admin(qtbot: QtBot, wizard: FirstRunWizard, confirm: str) -> None:
    page = wizard.admin
    type_into(qtbot, page.user_edit, ADMIN[0])
    type_into(qtbot, page.display_edit, ADMIN[1])
    type_into(qtbot, page.password_edit, ADMIN[2])
    type_into(qtbot, page.confirm_edit, confirm)


def test_a_new_municipality(qtbot: QtBot, data_dir: Path) -> None:
    wizard = open_wizard(qtbot, data_dir)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # 新しい市区町村 is the default
    assert wizard.currentId() == PAGE_TOWN
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing typed yet

    fill_town(qtbot, wizard, "131017")  # a wrong check digit: refused on the page, with the reason
    wizard.town.prefecture_combo.setCurrentText("東京都")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_TOWN and "検査数字" in wizard.town.error.text()
    type_into(qtbot, wizard.town.code_edit, "１３１０１６")  # full-width digits are fine
    wizard.town.prefecture_combo.setCurrentText("大阪府")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_TOWN and "東京都" in wizard.town.error.text()
    type_into(qtbot, wizard.town.code_edit, "131016")  # a valid code selects its prefecture
    assert wizard.town.prefecture_combo.currentText() == "東京都"
    wizard.town.set_seal(b"not an image")
    assert "画像として読めません" in wizard.town.error.text() and wizard.town.seal_png is None
    seal = demo_seal_png(f"{TOWN.name}長")
    wizard.town.set_seal(seal)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == PAGE_ADMIN
    fill_admin(qtbot, wizard, confirm="something else")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_ADMIN and "一致しません" in wizard.admin.error.text()
    type_into(qtbot, wizard.admin.confirm_edit, ADMIN[2])
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    pass_key_page(qtbot, wizard)
    assert "書き込みと読み出しを確認しました" in wizard.key.status.text()  # the suite's keyring file
    assert not wizard.key.passphrase_box.isVisible()
    run_to_the_end(qtbot, wizard)
    assert "の台帳をこの端末（本庁1）に作成しました" in wizard.run.message.text(), wizard.run.error.text()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted

    registry = wizard.registry
    assert registry is not None and has_replica(data_dir)
    try:
        assert registry.municipality == Municipality(TOWN.name, "東京都", "131016", TOWN.mayor)
        registry.sign_in(ADMIN[0], ADMIN[2])
        assert registry.settings.get()["seal_png"]
    finally:
        registry.close()
    Registry.open(data_dir, clock=Clock()).close()  # the key is in the keyring: no passphrase asked


def test_without_a_keyring_a_passphrase_protects_the_key(qtbot: QtBot, data_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("local_store.terminal_key.usable_keyring", lambda: None)
    monkeypatch.setattr("ui.first_run.wizard.usable_keyring", lambda: None)
    wizard = open_wizard(qtbot, data_dir)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_town(qtbot, wizard, "131016")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_admin(qtbot, wizard, confirm=ADMIN[2])
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    pass_key_page(qtbot, wizard)
    assert "安全なキーリングがありません" in wizard.key.status.text() and wizard.key.passphrase_box.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    type_into(qtbot, wizard.key.passphrase_edit, "short")
    type_into(qtbot, wizard.key.confirm_edit, "short")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_KEY and "10文字以上" in wizard.key.error.text()
    phrase = "みどり町の窓口端末その一"
    type_into(qtbot, wizard.key.passphrase_edit, phrase)
    type_into(qtbot, wizard.key.confirm_edit, phrase)
    run_to_the_end(qtbot, wizard)
    assert wizard.registry is not None, wizard.run.error.text()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    wizard.registry.close()
    with pytest.raises(NoKeyringError):
        Registry.open(data_dir, clock=Clock())
    Registry.open(data_dir, passphrase=lambda: phrase, clock=Clock()).close()


def test_joining_from_the_cloud(qtbot: QtBot, tmp_path: Path, cloud: Any) -> None:
    now = Clock(dt.datetime.now().astimezone())
    first = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now)
    try:
        cloud_sync.login(first, cloud.url, *cloud.login("terminal-a"))
        actor = first.sign_in(ADMIN[0], ADMIN[2])
        first.apply(actor, family())
        cloud_sync.sync_once(first)
        code = joining.issue(first, actor, "支所1")
        expected = first.residents.counts()

        data_dir = tmp_path / "b"
        wizard = open_wizard(qtbot, data_dir)
        wizard.choice.join_button.setChecked(True)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.currentId() == PAGE_JOIN
        user, password = cloud.login("terminal-b")
        type_into(qtbot, wizard.join.url_edit, "cloud.example")
        type_into(qtbot, wizard.join.user_edit, user)
        type_into(qtbot, wizard.join.password_edit, password)
        type_into(qtbot, wizard.join.code_edit, "AAAAA-BBBBB-CCCCC-DDDDD")  # not the code that was issued
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.currentId() == PAGE_JOIN and "URL" in wizard.join.error.text()
        type_into(qtbot, wizard.join.url_edit, cloud.url)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        pass_key_page(qtbot, wizard)
        run_to_the_end(qtbot, wizard)
        assert wizard.registry is None and wizard.run.error.isVisible() and not has_replica(data_dir)
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

        qtbot.mouseClick(wizard.run.back_button, Qt.MouseButton.LeftButton)  # back to the cloud's fields
        assert wizard.currentId() == PAGE_KEY
        wizard.back()
        type_into(qtbot, wizard.join.code_edit, code)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        pass_key_page(qtbot, wizard)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)  # 実行: the code is claimed, and the page waits
        qtbot.waitUntil(lambda: "確認番号" in wizard.run.message.text(), timeout=TIMEOUT_MS)
        assert wizard.run.running and wizard.run.stop_button.isVisible()
        number = wizard.run.message.text().split("確認番号 ")[1][:7]
        assert joining.confirm(first, actor).confirmed == [("支所1", number)]  # the administrator, on the first
        qtbot.waitUntil(lambda: not wizard.run.running, timeout=TIMEOUT_MS)
        assert "支所1" in wizard.run.message.text() and "住民 4 人" in wizard.run.message.text(), wizard.run.error.text()
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    finally:
        first.close()
    registry = wizard.registry
    assert registry is not None
    try:
        assert registry.residents.counts() == expected and registry.terminal == "支所1"
        registry.sign_in(ADMIN[0], ADMIN[2])
    finally:
        registry.close()


def test_a_join_that_stopped_waiting_resumes_with_the_same_code(qtbot: QtBot, tmp_path: Path, cloud: Any) -> None:
    first = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=Clock(dt.datetime.now().astimezone()))
    try:
        cloud_sync.login(first, cloud.url, *cloud.login("terminal-a"))
        actor = first.sign_in(ADMIN[0], ADMIN[2])
        code = joining.issue(first, actor, "支所1")
        wizard = open_wizard(qtbot, tmp_path / "b")
        wizard.choice.join_button.setChecked(True)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        user, password = cloud.login("terminal-b")
        for edit, text in ((wizard.join.url_edit, cloud.url), (wizard.join.user_edit, user),
                           (wizard.join.password_edit, password), (wizard.join.code_edit, code)):
            type_into(qtbot, edit, text)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        pass_key_page(qtbot, wizard)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        qtbot.waitUntil(lambda: "確認番号" in wizard.run.message.text(), timeout=TIMEOUT_MS)
        qtbot.mouseClick(wizard.run.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.run.running, timeout=TIMEOUT_MS)
        assert "待つのをやめました" in wizard.run.error.text() and "続きから" in wizard.run.message.text()
        assert joining.confirm(first, actor).confirmed  # confirmed while nobody waits
        qtbot.mouseClick(wizard.run.back_button, Qt.MouseButton.LeftButton)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)  # the same code again: it goes on
        qtbot.waitUntil(lambda: not wizard.run.running, timeout=TIMEOUT_MS)
        assert wizard.registry is not None and wizard.registry.terminal == "支所1", wizard.run.error.text()
        wizard.registry.close()
    finally:
        first.close()
