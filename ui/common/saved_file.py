"""A file the user chose in a save dialog: written, and what came of it told in the dialog's message line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.common.report import Report


def save_file(path: Path, data: bytes, saved: str, report: Report,
              write: Callable[[Path, bytes], object] = Path.write_bytes) -> bool:
    """Write `data` to `path` with `write`; `saved` told to `report`, or the reason it could not be written as an
    error (False)."""
    try:
        write(path, data)
    except OSError as exc:
        report(QCoreApplication.translate("SavedFile", "ファイルに書けませんでした（{reason}）").format(reason=exc.strerror),
               error=True)
        return False
    report(saved)
    return True
