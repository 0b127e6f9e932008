"""The QR code of a certificate: its 発行番号, the digest of every printed item and the municipality's signature.

The payload is ASCII (base64url parts joined by dots) so that every reader decodes it alike:
`MDG1.<発行番号 of the page, UTF-8>.<SHA-256 of the printed text>.<Ed25519 signature>`; a terminal that signs with its
own key appends that key and the municipality's certificate of it to the signature. The digest covers the text
of every page, whitespace removed, in the order it is drawn; the signature covers the copy's 発行番号 (without the
page part) and that digest (`domain.certificate_items.certificate_message`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import zxingcpp
from PIL import Image

from domain.errors import ValidationError

PREFIX = "MDG1"


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
    """The QR symbol (error correction M) as a 1-bit image, one pixel a module, with its quiet zone (scaled without
    smoothing in the PDF). zxing-cpp, which also reads the codes back, encodes it in C++."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = symbol.to_image(scale=1, add_quiet_zones=True)
    height, width = image.shape[:2]
    return Image.frombytes("L", (width, height), memoryview(image).tobytes()).convert("1")
