"""Certificates sent to a printer and saved to files from the dialogs' shared helpers, offscreen."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from ui.common.pdf_pages import MemoryPdf, send_to_printer
from ui.common.saved_file import save_file


class Told:
    """A dialog's message line."""

    def __init__(self) -> None:
        self.said: list[tuple[str, bool]] = []

    def __call__(self, text: str, *, error: bool = False) -> None:
        self.said.append((text, error))


def one_page() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 700, "page")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_pages_sent_are_counted(qtbot: QtBot, tmp_path: Path) -> None:
    told = Told()
    assert send_to_printer(MemoryPdf(one_page()), file_printer(tmp_path / "printed.pdf"), told) == 1
    assert told.said == [] and (tmp_path / "printed.pdf").stat().st_size > 0


def test_a_printer_that_will_not_open_is_told_as_an_error(qtbot: QtBot, tmp_path: Path) -> None:
    told = Told()
    assert send_to_printer(MemoryPdf(one_page()), file_printer(tmp_path / "missing" / "printed.pdf"), told) == 0
    assert told.said == [("プリンタを開けませんでした", True)]


def test_a_saved_file_is_told(tmp_path: Path) -> None:
    told = Told()
    assert save_file(tmp_path / "a.pdf", b"%PDF", "保存しました", told)
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF" and told.said == [("保存しました", False)]


def test_a_file_that_cannot_be_written_is_told_as_an_error(tmp_path: Path) -> None:
    told = Told()
    assert not save_file(tmp_path / "gone" / "a.pdf", b"%PDF", "保存しました", told)
    assert told.said == [("ファイルに書けませんでした（No such file or directory）", True)]
