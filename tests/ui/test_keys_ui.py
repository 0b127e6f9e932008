"""The keys in the window: 復旧キットの印刷 and エスクロー分割の印刷 for administrators only, the sheets saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock
from ui.admin.key_sheets import print_escrow_shares, print_recovery_kit
from ui.shell.main_window import MainWindow


def test_key_sheets_are_an_administrators_and_are_saved(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock,
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry.staff.add(admin, "clerk", "窓口 花子", Role.COUNTER, "clerk-password")
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    clerk_window = MainWindow(registry, registry.sign_in("clerk", "clerk-password"))
    qtbot.addWidget(clerk_window)
    assert not clerk_window.kit_action.isVisible() and not clerk_window.escrow_action.isVisible()
    assert win.kit_action.isVisible() and win.escrow_action.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "kit.pdf"), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "shares"))
    answers = iter([3, 2])
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (next(answers), True))
    print_recovery_kit(win, registry, admin)
    assert "復旧コード" in PdfReader(tmp_path / "kit.pdf").pages[0].extract_text()
    (tmp_path / "shares").mkdir()
    print_escrow_shares(win, registry, admin)
    assert sorted(p.name for p in (tmp_path / "shares").iterdir()) == [f"分割鍵-{n}-3.pdf" for n in (1, 2, 3)]
