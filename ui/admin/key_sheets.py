"""復旧キット and 分割鍵 from the 管理 menu (管理者): the sheets saved as PDF files where the administrator chooses, to
be printed and the files deleted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.key_sheets import escrow_share
from ui.common.recovery_kit import save_kit

translate = QCoreApplication.translate


def print_recovery_kit(parent: QWidget, registry: Registry, staff: Staff) -> None:
    """復旧キットの印刷: a new 復旧コード (the previous kit stops working)."""
    answer = QMessageBox.question(parent, translate("KeySheetFiles", "復旧キットの印刷"), translate(
        "KeySheetFiles", "新しい復旧コードを作成します。以前の復旧キットは使えなくなります。続けますか？"))
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        save_kit(parent, registry, registry.keys.new_recovery_code(staff))
    except StoreError as exc:
        QMessageBox.warning(parent, translate("KeySheetFiles", "復旧キット"), exc.message)


def print_escrow_shares(parent: QWidget, registry: Registry, staff: Staff) -> None:
    """エスクロー分割の印刷: one PDF per share into a folder."""
    title = translate("KeySheetFiles", "分割鍵")
    count, ok = QInputDialog.getInt(parent, title, translate("KeySheetFiles", "分割する枚数"), 3, 2, 9)
    if not ok:
        return
    threshold, ok = QInputDialog.getInt(parent, title, translate("KeySheetFiles", "復元に必要な枚数"), 2, 2, count)
    folder = QFileDialog.getExistingDirectory(parent, translate("KeySheetFiles", "分割鍵の保存先")) if ok else ""
    if not folder:
        return
    try:
        shares = registry.keys.escrow_shares(staff, count, threshold)
    except StoreError as exc:
        QMessageBox.warning(parent, title, exc.message)
        return
    town = registry.municipality
    for number, share in enumerate(shares, start=1):
        name = translate("KeySheetFiles", "分割鍵-{number}-{count}.pdf").format(number=number, count=count)
        (Path(folder) / name).write_bytes(
            escrow_share(town.prefecture + town.name, town.code, share, number, count, threshold, registry.today()))
    QMessageBox.information(parent, title, translate(
        "KeySheetFiles", "分割鍵を保存しました。一枚ずつ別の管理者が印刷して施錠できる場所に保管し、ファイルは削除してください。"))
