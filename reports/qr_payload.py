"""The QR code of a certificate: its 発行番号, the digest of every printed item and the municipality's signature.

The payload is ASCII (base64url parts joined by dots) so that every reader decodes it alike:
`MDG1.<発行番号 of the page, UTF-8>.<SHA-256 of the printed text>.<Ed25519 signature>`. The digest covers the text
of every page, whitespace removed, in the order it is drawn; the signature covers the copy's 発行番号 (without the
page part) and that digest (`domain.certificate_items.certificate_message`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image
from reportlab.graphics.barcode.qrencoder import QR8bitByte, QRCode, QRErrorCorrectLevel

from domain.errors import ValidationError

PREFIX = "MDG1"
QUIET_ZONE = 4  # modules of white around the symbol


@dataclass(frozen=True, slots=True)
class Payload:
    page_issue_number: str  # 発行番号 with the page part, as printed on that page
    digest: bytes
    signature: bytes

    @property
    def issue_number(self) -> str:
        """The copy's 発行番号: the page's without its `x/y`."""
        return self.page_issue_number.rsplit(" ", 1)[0]

    def text(self) -> str:
        return ".".join([PREFIX, _b64(self.page_issue_number.encode("utf-8")), _b64(self.digest), _b64(self.signature)])

    @classmethod
    def parse(cls, text: str) -> Payload:
        parts = text.strip().split(".")
        try:
            if len(parts) != 4 or parts[0] != PREFIX:
                raise ValueError(text)
            return cls(_unb64(parts[1]).decode("utf-8"), _unb64(parts[2]), _unb64(parts[3]))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise ValidationError("QRコード", "Madoguchiの証明書のQRコードではありません") from None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def printed_text(strings: Sequence[str]) -> str:
    """What the digest covers of one page: its strings in drawing order, with every whitespace removed."""
    return "".join(ch for s in strings for ch in s if not ch.isspace())


def digest(pages: Sequence[str]) -> bytes:
    return hashlib.sha256("\f".join(pages).encode("utf-8")).digest()


def qr_image(text: str) -> Image.Image:
    """The QR symbol as a 1-bit image, one pixel a module, with its quiet zone (scaled without smoothing in the PDF)."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(QR8bitByte(text))
    code.make()
    count = code.getModuleCount()
    size = count + 2 * QUIET_ZONE
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    assert pixels is not None
    for row in range(count):
        for col in range(count):
            if code.isDark(row, col):
                pixels[col + QUIET_ZONE, row + QUIET_ZONE] = 0
    return image
