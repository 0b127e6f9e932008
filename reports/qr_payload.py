"""The QR code of a certificate page: what the page certifies, readable by any QR reader, and the signed items.

The text has readable lines and one line of data:

    住民票の写し 1/1
    発行番号 20261127 みどり町 本庁1 プリンタ001 100000
    この写しは、世帯全員の住民票の原本と相違ないことを証明する。
    令和8年11月27日 さくら県みどり町長　町長一郎
    MDG2:<base45>

The data is, in this order: one byte of flags (1: the page carries a seal image, 2: a terminal's key signed), the
SHA-256 of the page as drawn except its QR code (`reports.signed_pdf`), the SHA-256 of its seal image when it has
one, the Ed25519 signature (followed by the terminal's key and the municipality's certificate of it when a terminal
signed), and then every item of the page (`Content`) compressed with raw deflate, whose preset dictionary is the
form's vocabulary (`VOCABULARY`, part of the format: never change it) followed by the readable lines. Base45 (RFC
9285) is what the QR code's alphanumeric mode holds most densely. The readable lines are made from the items and
feed the dictionary the items are drawn from: changed lines no longer match the items, or change the items and so
fail the signature.

The municipality signs, page by page, `certificate_message(発行番号 of the copy, Payload.digest())`: the items, the
drawing and the seal of that page.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass

import zxingcpp
from PIL import Image

from domain.errors import ValidationError

PREFIX = "MDG2:"
MAX_TEXT = 7089  # the most characters a QR code holds (version 40, numeric): anything longer is no QR text
SEAL, CHAIN = 1, 2  # flags
DIGEST = 32
SIGNATURE, CHAIN_LENGTH = 64, 32 + 64  # a terminal's signature is followed by its key and the key's certificate
# Separators of the items (no printed string holds a control character).
PART, SECTION, ITEM, LABEL = "\x1c", "\x1d", "\x1e", "\x1f"
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
# The words the forms print most, given to deflate as its preset dictionary: part of the MDG2 format.
VOCABULARY = (
    "明治大正昭和平成令和年月日男女世帯主妻夫子父母長男長女二男二女孫祖父祖母兄弟姉妹"
    "番地丁目番号都道府県市区町村郡字大字"
    "氏名（アルファベット）通称旧氏生年月日性別続柄住所住民となった年月日住所を定めた年月日届出日転入前住所"
    "国籍・地域外国人住民となった年月日法第30条の45に規定する区分中長期在留者特別永住者在留資格在留期間"
    "在留期間の満了の日在留カード等の番号本籍筆頭者住民票コード個人番号消除事由死亡転出予定年月日"
    "事由の生じた年月日転出先住所国内転出国外転出整理番号世帯主住所世帯主氏名罹災原因被災住家の所在地"
    "住家の被害の程度全壊大規模半壊中規模半壊半壊準半壊準半壊に至らない（一部損壊）追加記載事項"
    "上記のとおり相違ないことを証明します。上記の者は、転出の届出をしたことを証明する。"
    "上記の事項は、住民票に記載されていることを証明する。この写しは、除票の原本と相違ないことを証明する。"
    "罹災証明書転出証明書住民票記載事項証明書除票の写し（公用）"
    "この写しは、世帯全員の住民票の原本と相違ないことを証明する。住民票の写し"
).encode()


def _invalid() -> ValidationError:
    return ValidationError("QRコード", "Madoguchiの証明書のQRコードとして読めません")


@dataclass(frozen=True, slots=True)
class Content:
    """What one page of a copy certifies, as its QR code carries it: the form, the copy's 発行番号, the page, the
    page's items in blocks (a 世帯連記式 sheet's 住所 and 世帯主, then each person), and the copy's 認証文, 交付年月日
    and 認証者 (on every page, though only the last prints them)."""

    title: str
    issue_number: str
    page: int
    pages: int
    sections: tuple[tuple[tuple[str, str], ...], ...]  # blocks of (label, value)
    attestation: str
    issued_on: str
    signatory: str

    @property
    def page_issue_number(self) -> str:
        return f"{self.issue_number} {self.page}/{self.pages}"

    @property
    def issued_day(self) -> dt.date | None:
        """The day of 交付, which the 発行番号 begins with (§5.5); None when it does not."""
        try:
            return dt.datetime.strptime(self.issue_number[:8], "%Y%m%d").date()
        except ValueError:
            return None

    def readable(self) -> str:
        """The lines any QR reader shows: what is certified, by whom, and when."""
        return "\n".join([f"{self.title} {self.page}/{self.pages}", f"発行番号 {self.issue_number}",
                          self.attestation, f"{self.issued_on} {self.signatory}"])

    def encode(self) -> bytes:
        strings = [self.title, self.issue_number, self.attestation, self.issued_on, self.signatory]
        strings += [s for section in self.sections for item in section for s in item]
        if any(ch in s for s in strings for ch in PART + SECTION + ITEM + LABEL):
            raise ValueError("a certificate item holds a control character")
        sections = SECTION.join(ITEM.join(f"{label}{LABEL}{value}" for label, value in section)
                                for section in self.sections)
        return PART.join([self.title, self.issue_number, f"{self.page}/{self.pages}", sections, self.attestation,
                          self.issued_on, self.signatory]).encode("utf-8")

    @classmethod
    def decode(cls, data: bytes) -> Content:
        try:
            title, issue_number, page_of, sections, attestation, issued_on, signatory = data.decode("utf-8").split(PART)
            page, pages = (int(n) for n in page_of.split("/"))
            blocks = tuple(tuple(_item(i) for i in s.split(ITEM)) for s in sections.split(SECTION)) if sections else ()
        except ValueError:
            raise _invalid() from None
        if not 1 <= page <= pages:
            raise _invalid()
        return cls(title, issue_number, page, pages, blocks, attestation, issued_on, signatory)


def _item(text: str) -> tuple[str, str]:
    label, value = text.split(LABEL)
    return label, value


@dataclass(frozen=True, slots=True)
class Payload:
    content: Content
    appearance: bytes  # SHA-256 of the page as drawn, except its QR code
    seal: bytes  # SHA-256 of the page's seal image; empty when the page has none
    signature: bytes  # 64 bytes, or 64 + the terminal's key and the municipality's certificate of it

    @property
    def chain(self) -> bytes:
        """The terminal's key and its certificate (empty when the municipality's own key signed)."""
        return self.signature[SIGNATURE:]

    def digest(self) -> bytes:
        """What the municipality signs for this page (inside `certificate_message`)."""
        return hashlib.sha256(b"MDG2" + bytes([bool(self.seal)]) + self.appearance + self.seal +
                              self.content.encode()).digest()

    def text(self) -> str:
        readable = self.content.readable()
        flags = (SEAL if self.seal else 0) | (CHAIN if self.chain else 0)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=VOCABULARY + readable.encode("utf-8"))
        packed = packer.compress(self.content.encode()) + packer.flush()
        return f"{readable}\n{PREFIX}{b45encode(bytes([flags]) + self.appearance + self.seal + self.signature + packed)}"

    @classmethod
    def parse(cls, text: str) -> Payload:
        """The payload of a QR text; ValidationError when it is not one, or its readable lines are not its items'."""
        if len(text) > MAX_TEXT:
            raise ValidationError("QRコード", "QRコードの文字列としては長すぎます")
        readable, _, data = text.strip().rpartition("\n")
        if not data.startswith(PREFIX):
            raise _invalid()
        try:
            raw = b45decode(data[len(PREFIX):])
            flags, at = raw[0], 1
            if flags & ~(SEAL | CHAIN):
                raise ValueError(flags)
            appearance, at = raw[at:at + DIGEST], at + DIGEST
            seal, at = (raw[at:at + DIGEST], at + DIGEST) if flags & SEAL else (b"", at)
            length = SIGNATURE + (CHAIN_LENGTH if flags & CHAIN else 0)
            signature, at = raw[at:at + length], at + length
            unpacker = zlib.decompressobj(-15, zdict=VOCABULARY + readable.encode("utf-8"))
            body = unpacker.decompress(raw[at:], 64 * 1024)
            if len(signature) != length or not unpacker.eof or unpacker.unconsumed_tail:
                raise ValueError("truncated")
        except (ValueError, IndexError, zlib.error):
            raise _invalid() from None
        content = Content.decode(body)
        if content.readable() != readable.replace("\r\n", "\n"):
            raise ValidationError("QRコード", "QRコードの読める部分が署名された内容と違います（改変されています）")
        return cls(content, appearance, seal, signature)


def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        out += [BASE45[n % 45], BASE45[n // 45 % 45], BASE45[n // 2025]]
    if len(data) % 2:
        out += [BASE45[data[-1] % 45], BASE45[data[-1] // 45]]
    return "".join(out)


def b45decode(text: str) -> bytes:
    try:
        values = [BASE45.index(ch) for ch in text]
    except ValueError:
        raise binascii.Error("not base45") from None
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i:i + 3]
        n = sum(v * 45 ** k for k, v in enumerate(chunk))
        if len(chunk) == 3 and n <= 0xFFFF:
            out += n.to_bytes(2, "big")
        elif len(chunk) == 2 and n <= 0xFF:
            out.append(n)
        else:
            raise binascii.Error("not base45")
    return bytes(out)


def qr_image(text: str) -> Image.Image:
    """The QR symbol (error correction M) as a 1-bit image, one pixel a module, with its quiet zone (scaled without
    smoothing in the PDF). zxing-cpp, which also reads the codes back, encodes it in C++."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = symbol.to_image(scale=1, add_quiet_zones=True)
    height, width = image.shape[:2]
    return Image.frombytes("L", (width, height), memoryview(image).tobytes()).convert("1")
