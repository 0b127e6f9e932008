"""The window's entry point: open the replica (asking for the 端末の合言葉 if needed), sign in, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QMessageBox

from local_store.context import Clock
from local_store.errors import StoreError
from local_store.registry import Registry
from ui.common.fonts import apply_japanese_font
from ui.common.translations import install_translations
from ui.shell.main_window import MainWindow
from ui.shell.passphrase_dialog import ask_passphrase
from ui.shell.replica_opener import has_replica, open_replica
from ui.shell.screen_fit import ScreenFit
from ui.shell.sign_in_dialog import SignInDialog

EXIT_OK, EXIT_FAILED = 0, 1


def application() -> QApplication:
    """The one QApplication (created here unless a test or a caller already made one), every window fitted to its
    screen as it is shown."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("Madoguchi")
        QCoreApplication.setApplicationName("Madoguchi")
        app = QApplication(sys.argv[:1])
        install_translations(app)  # Japanese, or English with MADOGUCHI_LANG=en
        app.installEventFilter(ScreenFit(app))
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "窓口"))
    apply_japanese_font(app)
    return app


def show_error(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "窓口 ― エラー"), message,
                      QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("app", "閉じる"))
    box.exec()


def sign_in(registry: Registry) -> MainWindow | None:
    town = registry.municipality
    dialog = SignInDialog(registry, place=QCoreApplication.translate("app", "{town}　端末 {terminal}").format(
                              town=f"{town.prefecture}{town.name}", terminal=registry.terminal),
                          demo=registry.is_demo)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.staff is None:
        return None
    return MainWindow(registry, dialog.staff)


def ask_recovery_code(reason: str, error: str | None) -> str | None:
    """復旧コード from the terminal's 復旧キット, or None when cancelled."""
    text = reason + "\n" + QApplication.translate("app", "復旧キットの復旧コードを入力してください（例: ABCD5-EFGH6-…）")
    if error:
        text += "\n" + error
    code, accepted = QInputDialog.getText(None, QApplication.translate("app", "窓口 ― 復旧コードで開く"), text)
    return code if accepted else None


def choose_admin_passphrase(reason: str) -> bool | None:
    """Whether to open with the 管理者の合言葉 (True) or the 復旧コード (False); None when cancelled."""
    ways = [QApplication.translate("app", "復旧コードで開く"), QApplication.translate("app", "管理者の合言葉で開く")]
    way, accepted = QInputDialog.getItem(None, QApplication.translate("app", "窓口 ― 端末の鍵"), reason, ways, 0, False)
    return (way == ways[1]) if accepted else None


def ask_admin_passphrase(reason: str, error: str | None) -> str | None:
    """The 管理者の合言葉, or None when cancelled."""
    text = reason + "\n" + QApplication.translate("app", "管理者の合言葉を入力してください")
    if error:
        text += "\n" + error
    phrase, accepted = QInputDialog.getText(None, QApplication.translate("app", "窓口 ― 管理者の合言葉で開く"), text,
                                            QLineEdit.EchoMode.Password)
    return phrase if accepted else None


def run_window(data_dir: Path, clock: Clock) -> int:
    """The window's life: `clock` is the program's wall clock, for the registry and the window alike."""
    app = application()
    if not has_replica(data_dir):
        from ui.first_run.wizard import run_first_run_wizard  # only on a terminal's first start

        registry = run_first_run_wizard(data_dir, clock)
        if registry is None:  # set-up was cancelled: nothing was made
            return EXIT_OK
        return _signed_in_window(app, registry)
    try:
        registry = open_replica(data_dir, ask_passphrase, clock, ask_code=ask_recovery_code,
                                ask_admin=ask_admin_passphrase, choose_admin=choose_admin_passphrase)
    except StoreError as exc:
        show_error(exc.message)
        return EXIT_FAILED
    if registry is None:  # the 端末の合言葉 was asked for and cancelled
        return EXIT_FAILED
    return _signed_in_window(app, registry)


def _signed_in_window(app: QApplication, registry: Registry) -> int:
    try:
        window = sign_in(registry)
        if window is None:
            return EXIT_OK
        window.show()
        window.start_sync()
        return app.exec()
    finally:
        registry.close()
