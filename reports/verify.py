"""Is a certificate genuine, and does it show what was signed? (`python main.py verify FILE.pdf` or the QR text.)

The QR code of each page is decoded from the image in the PDF itself (zxing-cpp), its signature is checked with the
municipality's public key, and the digest is computed again from the text the PDF shows: a changed item, a changed
発行番号 or a changed QR code each make the check fail.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import zxingcpp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from domain.certificate_items import certificate_message, terminal_key_message
from domain.errors import ValidationError
from reports.qr_payload import Payload, digest, printed_text

QR_SCALE = 8  # the QR image holds one pixel a module; readers want more


@dataclass(frozen=True, slots=True)
class Verdict:
    genuine: bool  # the QR codes carry a valid signature of this municipality
    unaltered: bool  # the printed text is what was signed
    issue_number: str
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.genuine and self.unaltered


def _signed(payload: Payload, public_key: Ed25519PublicKey) -> bool:
    """The municipality's signature, or a terminal's signature with the municipality's certificate of its key."""
    message = certificate_message(payload.issue_number, payload.digest)
    signature, chain = payload.signature[:64], payload.signature[64:]
    try:
        if chain:
            if len(chain) != 96:
                return False
            terminal_key, certificate = chain[:32], chain[32:]
            public_key.verify(certificate, terminal_key_message(terminal_key))
            Ed25519PublicKey.from_public_bytes(terminal_key).verify(signature, message)
        else:
            public_key.verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def verify_qr_text(text: str, public_key: Ed25519PublicKey) -> Verdict:
    """The QR text alone (a scanner at the counter): the signature and 発行番号; the paper must be compared by eye."""
    payload = Payload.parse(text)
    genuine = _signed(payload, public_key)
    reasons = () if genuine else ("署名が正しくありません（この町の発行した証明書ではないか、QRコードが改変されています）",)
    return Verdict(genuine, genuine, payload.page_issue_number, reasons)


def qr_texts(page: object) -> list[str]:
    found: list[str] = []
    for image in page.images:  # type: ignore[attr-defined]
        pil = image.image.convert("L")
        pil = pil.resize((pil.width * QR_SCALE, pil.height * QR_SCALE), Image.Resampling.NEAREST)
        found += [r.text for r in zxingcpp.read_barcodes(pil) if r.format == zxingcpp.BarcodeFormat.QRCode]
    return found


def _page_text(page: object) -> str:
    parts: list[str] = []
    page.extract_text(visitor_text=lambda text, *_: parts.append(text))  # type: ignore[attr-defined]
    return printed_text(parts)


def verify_pdf(data: bytes, public_key: Ed25519PublicKey) -> Verdict:
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, OSError):
        raise ValidationError("証明書", "PDFとして読めません") from None
    reasons: list[str] = []
    payloads: list[Payload] = []
    for number, page in enumerate(pages, start=1):
        texts = qr_texts(page)
        if len(texts) != 1:
            reasons.append(f"{number}ページ目のQRコードが読めません")
            continue
        try:
            payloads.append(Payload.parse(texts[0]))
        except ValidationError as exc:
            reasons.append(f"{number}ページ目: {exc.message}")
    if reasons or not payloads:
        return Verdict(False, False, "", tuple(reasons) or ("QRコードがありません",))
    first = payloads[0]
    genuine = all(_signed(p, public_key) for p in payloads)
    if not genuine:
        reasons.append("署名が正しくありません（この町の発行した証明書ではないか、QRコードが改変されています）")
    if any(p.issue_number != first.issue_number or p.digest != first.digest for p in payloads):
        genuine = False
        reasons.append("ページのQRコードが同じ証明書のものではありません")
    texts = [_page_text(page) for page in pages]
    unaltered = digest(texts) == first.digest
    if not unaltered:
        reasons.append("印字された内容が署名されたものと違います（改変されています）")
    for number, (payload, text) in enumerate(zip(payloads, texts, strict=True), start=1):
        if printed_text([payload.page_issue_number]) not in text:
            unaltered = False
            reasons.append(f"{number}ページ目の発行番号がQRコードと違います")
    return Verdict(genuine, unaltered, first.issue_number, tuple(reasons))
