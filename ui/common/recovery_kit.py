"""Saving a terminal's 復旧キット as a PDF file where the administrator chooses, to be printed and the file deleted
(at the end of the first run, and from the 管理 menu)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from local_store.registry import Registry
from reports.key_sheets import recovery_kit

translate = QCoreApplication.translate


def save_kit(parent: QWidget, registry: Registry, code: str) -> bool:
    """Save a 復旧キット for `code`; False when the administrator cancelled."""
    suggested = translate("KeySheetFiles", "復旧キット-{terminal}.pdf").format(terminal=registry.terminal)
    name, _ = QFileDialog.getSaveFileName(parent, translate("KeySheetFiles", "復旧キットの保存"), suggested,
                                          "PDF (*.pdf)")
    if not name:
        return False
    town = registry.municipality
    Path(name).write_bytes(recovery_kit(town.prefecture + town.name, registry.terminal, code, registry.today()))
    QMessageBox.information(parent, translate("KeySheetFiles", "復旧キット"), translate(
        "KeySheetFiles", "復旧キットを保存しました。印刷して施錠できる場所に保管し、ファイルは削除してください。"))
    return True
