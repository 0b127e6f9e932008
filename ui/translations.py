"""Qt's own texts (standard buttons, the print and file dialogs) in Japanese, from the qtbase catalogue that ships
with Qt (the frozen build carries qtbase_ja.qm only)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_qt_japanese(app: QApplication) -> bool:
    """Load qtbase_ja into the application; False when the catalogue is not there (Qt's English texts stay)."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan), "qtbase", "_", folder):
        return False
    return app.installTranslator(translator)
