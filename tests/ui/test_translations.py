"""The window's language: Japanese by default, English with MADOGUCHI_LANG=en (ui/locale/madoguchi_en.qm).

The English tests install the translator and take it out again, so that every other test sees the Japanese source
texts."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from ui.admin.audit_dialog import AuditDialog
from ui.admin.daily_dialog import DailyDialog
from ui.admin.disaster_dialog import DisasterDialog
from ui.admin.population_dialog import PopulationDialog
from ui.admin.protection_dialog import ProtectionDialog
from ui.admin.settings_dialog import READ_ONLY_NOTE, SettingsDialog
from ui.admin.staff_dialog import StaffDialog
from ui.common.translations import (
    ENGLISH,
    JAPANESE,
    LOCALE_DIR,
    chosen_language,
    install_translations,
    remove_translations,
)
from ui.idou.dialog import IdouDialog
from ui.kofu.dialog import KofuDialog
from ui.search.person_view import PLACEHOLDER
from ui.search.search_field import PLACEHOLDER as SEARCH_PLACEHOLDER
from ui.shell.main_window import MainWindow
from ui.shell.sign_in_dialog import SignInDialog
from ui.shell.status_bar import SYNC_NOT_SET_UP

CATALOGUE = LOCALE_DIR / "madoguchi_en.ts"
COMPILED = LOCALE_DIR / "madoguchi_en.qm"
PLACEHOLDER_FIELD = re.compile(r"\{[^{}]*\}")


def lrelease() -> Path:
    return Path(sys.executable).parent / "pyside6-lrelease"


def lupdate() -> Path:
    return Path(sys.executable).parent / "pyside6-lupdate"


@pytest.fixture
def english(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MADOGUCHI_LANG=en as the application reads it at start; the catalogue compiled as scripts/setup.sh does when
    the tests run without it."""
    if not COMPILED.exists() or COMPILED.stat().st_mtime < CATALOGUE.stat().st_mtime:
        subprocess.run([str(lrelease()), "-silent", str(CATALOGUE), "-qm", str(COMPILED)], check=True)
    monkeypatch.setenv("MADOGUCHI_LANG", "en")
    installed = install_translations(qapp)
    assert installed, "madoguchi_en.qm did not load"
    try:
        yield
    finally:
        remove_translations(qapp, installed)


def messages(catalogue: Path = CATALOGUE) -> list[tuple[str, str, str | None]]:
    """(context, source, translation or None when unfinished) for every text of the catalogue."""
    found = []
    for context in ET.parse(catalogue).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            found.append((name, message.findtext("source") or "", translation.text if finished else None))
    return found


@pytest.mark.parametrize(("value", "language"), [
    (None, JAPANESE), ("", JAPANESE), ("ja", JAPANESE), ("en", ENGLISH), ("EN", ENGLISH), ("en_US", ENGLISH),
    ("en-GB", ENGLISH), ("fr", JAPANESE),
])
def test_the_language_is_japanese_unless_english_is_chosen(value: str | None, language: str) -> None:
    assert chosen_language({} if value is None else {"MADOGUCHI_LANG": value}) == language


def test_every_english_text_keeps_the_placeholders_of_its_japanese_source() -> None:
    translated = [(context, source, text) for context, source, text in messages() if text is not None]
    assert len(translated) >= 100
    for context, source, text in translated:
        assert sorted(PLACEHOLDER_FIELD.findall(text)) == sorted(PLACEHOLDER_FIELD.findall(source)), (context, source)


def test_every_text_of_the_window_is_in_the_catalogue_with_english(tmp_path: Path) -> None:
    """lupdate over the ui package's sources (every room) finds nothing new and nothing gone: every text the window
    shows through tr() is in the .ts as it is in the code, and each has its English."""
    updated = tmp_path / CATALOGUE.name
    updated.write_bytes(CATALOGUE.read_bytes())
    sources = sorted(str(path) for path in CATALOGUE.parent.parent.rglob("*.py"))
    subprocess.run([str(lupdate()), "-silent", "-source-language", "ja_JP", "-target-language", "en_US", *sources,
                    "-ts", str(updated)], check=True)
    kept = {(context, source) for context, source, _ in messages()}
    found = messages(updated)
    assert sorted((c, s) for c, s, text in found if text is None) == [], "texts without English or gone from the code"
    assert {(context, source) for context, source, _ in found} == kept
    untranslated = [(context, source) for context, source, text in messages() if not text]
    assert untranslated == []


def test_the_administration_dialogs_in_english(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock,
                                               english: None) -> None:
    dialogs = [SettingsDialog(registry, admin), StaffDialog(registry, admin), AuditDialog(registry, admin),
               DailyDialog(registry, admin), PopulationDialog(registry, admin), ProtectionDialog(registry, admin)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    assert [dialog.windowTitle() for dialog in dialogs] == [
        "Settings", "Staff", "Audit log", "Day's 異動 and totals", "Population statistics (by area and age)",
        "Protection (支援措置)"]
    settings, staff = dialogs[0], dialogs[1]
    assert [settings.tabs.tabText(i) for i in range(settings.tabs.count())] == ["Municipality", "This terminal",
                                                                              "Fees", "Cloud"]
    assert [settings.deputies.horizontalHeaderItem(i).text() for i in range(4)] == ["From", "Until", "Title", "氏名"]
    assert staff.table.horizontalHeaderItem(1).text() == "氏名"  # the standard's item name stays
    assert staff.table.horizontalHeaderItem(2).text() == "Role"
    assert staff.table.item(0, 2).text() == "管理者"  # the role is data
    staff.disable_button.click()  # the only administrator: refused by the registry, in its words
    assert staff.message.text() and "Disabled" not in staff.message.text()


def test_the_sign_in_dialog_in_english(qtbot: QtBot, registry: Registry, english: None) -> None:
    dialog = SignInDialog(registry, place="さくら県みどり町　端末 本庁1", demo=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Madoguchi ― Sign in"
    assert dialog.sign_in_button.text() == "Sign in"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert {"User ID", "Password", "Resident Registry  Sign in"} <= set(labels)
    assert any("Sign in with user ID demo and password demo" in text for text in labels)
    assert dialog.otp_edit.placeholderText() == "The 6 digits of the authenticator app"
    dialog.try_sign_in()  # no user id
    assert dialog.error_label.text() == "Enter your user ID"


def test_the_main_window_in_english(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock,
                                    english: None) -> None:
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    town = registry.municipality
    assert window.windowTitle() == f"Madoguchi ― Resident Registry ({town.prefecture}{town.name})"
    assert [window.search_button.text(), window.open_button.text(), window.idou_button.text()] == [
        "F2 Search", "F5 Look up", "F6 異動"]
    assert window.include_removed.text() == "Include removed (除票)"
    assert window.search_field.placeholderText().startswith("Search by name")
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Administration" in menus and "Sign &out" in menus
    assert "Settings…" in [action.text() for action in window.admin_menu.actions()]
    status = window.status.texts()
    assert "Cloud sync: not set up" in status and "Terminal: 本庁1" in status
    assert any(text.startswith("Staff: ") and "Role: 管理者" in text for text in status)  # the role is data
    assert window.status.sync_button.text() == "Sync now"

    dialog = IdouDialog(registry, admin, None, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Record a 異動"
    assert (dialog.forward_button.text(), dialog.back_button.text()) == ("Check (Ctrl+Enter)", "Close (Esc)")
    assert dialog.form.current_reason() == "国内転入"  # 異動事由 are the standard's, not translated


def test_one_copy_and_one_page_are_singular_in_english(qtbot: QtBot, registry: Registry, admin: Staff,
                                                       tmp_path: Path, english: None) -> None:
    """Before: the 交付 form's 通数 said "1 copies" and the 罹災証明書 "1 pages sent to the printer"."""
    family_ = registry.apply(admin, family()).idou.rows[0].row
    kofu = KofuDialog(registry, admin, registry.person(admin, family_.atena_no))
    qtbot.addWidget(kofu)
    assert kofu.form.copies.text() == "1 copy"
    kofu.form.copies.setValue(2)
    assert kofu.form.copies.text() == "2 copies"
    disaster = DisasterDialog(registry, admin, family_.setai_no)
    qtbot.addWidget(disaster)
    disaster.cause.setText("令和8年11月27日の地震")
    qtbot.keyClick(disaster.cause, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    disaster.identification.setCurrentText("運転免許証")
    qtbot.keyClick(disaster.table, Qt.Key.Key_F8)
    assert disaster.issued is not None, disaster.message.text()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert disaster.print_to(printer) == 1
    assert disaster.message.text() == "1 page sent to the printer"
    assert QCoreApplication.translate("DisasterDialog", "%n枚を印刷に送りました", "", 2) == "2 pages sent to the printer"


def test_japanese_by_default(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock,
                             monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    monkeypatch.delenv("MADOGUCHI_LANG", raising=False)
    installed = install_translations(qapp)  # Qt's own catalogue, qtbase_ja, where Qt ships it
    try:
        window = MainWindow(registry, admin)
        qtbot.addWidget(window)
        assert [window.search_button.text(), window.open_button.text(), window.idou_button.text()] == [
            "F2 検索", "F5 照会", "F6 異動"]
        assert window.search_field.placeholderText() == SEARCH_PLACEHOLDER
        assert PLACEHOLDER in [label.text() for label in window.person_view.findChildren(QLabel)]
        assert SYNC_NOT_SET_UP in window.status.texts()
        assert window.menuBar().actions()[0].text() == "管理(&K)"
        settings = SettingsDialog(registry, admin)
        qtbot.addWidget(settings)
        assert settings.windowTitle() == "設定" and settings.save_button.text() == "保存"
        assert READ_ONLY_NOTE == "設定を変えられるのは管理者だけです"
        if installed:  # Qt's standard buttons in Japanese
            assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    finally:
        remove_translations(qapp, installed)


def test_the_english_translator_is_removed_after_use(qtbot: QtBot, registry: Registry) -> None:
    """After the English tests, the texts are Japanese again."""
    dialog = SignInDialog(registry)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "窓口 ― サインイン"
