"""The text of a PDF's pages as poppler's pdftotext reads them, spaces removed (what a reader of the paper sees)."""

from __future__ import annotations

import io
import re
import subprocess

from pypdf import PdfReader


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as `pdftotext -layout` reads it, with spaces and line breaks removed."""
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    out = []
    for n in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode("utf-8")
        out.append(re.sub(r"[ \u3000\n]+", "", text))
    return out
