"""The window's language: Japanese as shipped, English when MADOGUCHI_LANG=en.

Every text of the window is written in Japanese in the source, through Qt's translation mechanism (`self.tr("…")`,
`QCoreApplication.translate("Context", …)`, `QT_TRANSLATE_NOOP` for constants); Japanese needs no catalogue. In
Japanese, Qt's own texts (standard buttons, the print and file dialogs) come from the qtbase_ja catalogue that ships
with Qt (of those, the frozen build carries qtbase_ja.qm only). In English, ui/locale/madoguchi_en.qm translates the window;
a text without an English translation stays Japanese.

Data of the registry is never translated: names, addresses, 異動事由, the standard's item names (氏名, 続柄, 住民票…),
the messages of its rules.

To update the English translation after changing texts of the window:

    .venv/bin/pyside6-lupdate -source-language ja_JP -target-language en_US ui/*.py ui/*/*.py \
        -ts ui/locale/madoguchi_en.ts
    .venv/bin/pyside6-linguist ui/locale/madoguchi_en.ts     # or any text editor: fill in the English
    .venv/bin/pyside6-lrelease ui/locale/madoguchi_en.ts     # the .qm (scripts/setup.sh does this too)

lupdate adds the new texts as unfinished and marks those gone from the code as vanished; keep `{name}` placeholders
as they are in the Japanese (tests/ui/test_translations.py checks them).

Only the .ts is kept in git; the .qm is made from it by scripts/setup.sh (and so by scripts/build.sh, whose
PyInstaller spec carries ui/locale/*.qm).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGE_VARIABLE = "MADOGUCHI_LANG"
JAPANESE, ENGLISH = "ja", "en"
LANGUAGES = (JAPANESE, ENGLISH)
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def chosen_language(environ: dict[str, str] | None = None) -> str:
    """MADOGUCHI_LANG as `ja` or `en` (`en_US`, `EN` count as English); Japanese when unset or unknown."""
    value = (os.environ if environ is None else environ).get(LANGUAGE_VARIABLE, "").strip().lower()
    language = value.replace("-", "_").split("_")[0]
    return language if language in LANGUAGES else JAPANESE


def load_translators(language: str) -> list[QTranslator]:
    """The catalogues of one language, loaded but not installed; a catalogue that is not there is left out."""
    translators = []
    if language == ENGLISH:
        translator = QTranslator()
        if translator.load(f"madoguchi_{ENGLISH}", str(LOCALE_DIR)):
            translators.append(translator)
    else:
        translator = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan), "qtbase", "_", folder):
            translators.append(translator)
    return translators


def install_translations(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install the chosen language's catalogues into the application (kept alive as its children).

    Returns the installed translators (empty when the catalogue is missing: the texts stay as written, Japanese,
    and Qt's own in English); `remove_translations` takes them out again."""
    installed = []
    for translator in load_translators(language or chosen_language()):
        translator.setParent(app)
        if app.installTranslator(translator):
            installed.append(translator)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.setParent(None)
