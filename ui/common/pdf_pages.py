"""Certificates on screen and on paper, from PDF bytes held in memory (QtPdf renders them; nothing goes to disk).

The copies of one 交付 are joined into one document for the preview and the printer: each copy keeps its own
発行番号, so the printer's own copy count must stay 1.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ui.common.report import Report

MAX_PRINT_DPI = 300  # a page image at 300 dpi is 35 MB; finer buys nothing for a 9 pt 明朝 on an office laser


def join_copies(pdfs: Sequence[bytes]) -> bytes:
    """The copies of one 交付 as one PDF, in order."""
    if len(pdfs) == 1:
        return pdfs[0]
    from pypdf import PdfReader, PdfWriter  # here: importing pypdf costs the window's start 0.1 s

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class MemoryPdf(QObject):
    """A QPdfDocument reading from bytes kept alive beside it."""

    def __init__(self, pdf: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = pdf
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            raise RuntimeError(f"QtPdf could not read the certificate: {self.document.error()}")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()


def prepare_printer(printer: QPrinter) -> None:
    """A4 portrait, the whole sheet (the forms carry their own margins), one copy of each page."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setCopyCount(1)


def print_pages(pdf: MemoryPdf, printer: QPrinter) -> int:
    """Draw every page on the printer as an image at its resolution (at most MAX_PRINT_DPI); the pages printed."""
    printer.setResolution(min(printer.resolution(), MAX_PRINT_DPI))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("PdfPages", "プリンタを開けませんでした"))
    try:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        for index in range(pdf.page_count):
            if index:
                printer.newPage()
            image = pdf.document.render(index, QSize(target.width(), target.height()))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return pdf.page_count


def send_to_printer(pdf: MemoryPdf, printer: QPrinter, report: Report) -> int:
    """`pdf` on `printer` prepared for the forms; the pages sent, or 0 when the printer would not open (told to
    `report` as an error)."""
    prepare_printer(printer)
    try:
        return print_pages(pdf, printer)
    except OSError as exc:
        report(str(exc), error=True)
        return 0
