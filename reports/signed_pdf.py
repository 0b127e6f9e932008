"""Signing what a certificate page shows: the digest of a page as drawn, and the two passes that sign it.

A page's digest covers everything that makes up its picture, read back from the PDF with pypdf: the page dictionary
(its content stream, media box, rotation, any annotation) and, through its resources, every font program, image and
form it can use, except its own QR code (which carries the signature, so cannot be signed). It is a tree of SHA-256
digests over the objects, not over the file's bytes: the same drawing digests alike whatever the objects' numbers or
places in the file. A stream counts by its decoded data and its filters; `/Parent` links are left out (what a page
inherits, pypdf copies into it).

Each page of a form calls its QR code as a form XObject, placed by the page itself on a unit square (`place_qr`).
`sign_pages` draws the document twice: first with empty QR forms, whose pages are digested and signed with their
items (`reports.qr_payload.Payload`), then with the QR codes, and checks that the second drawing digests as the
first did, so that no certificate leaves that would not verify.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from reports.qr_payload import Content, Payload, qr_image

Signer = Callable[[bytes], bytes]  # a page's digest → Ed25519 signature over the copy's message
Draw = Callable[[Sequence[str] | None], bytes]  # the whole PDF, with these QR texts (None: the QR forms empty)
QR_SIZE = 32 * mm  # printed side of the QR code: a page's items fit in version 25, modules of 0.25 mm or more
QR_MARK = bytes(32)  # stands for the QR code in its page's digest
LOOP_MARK = b"\xff" * 32  # stands for an object met again inside itself (never in a form Madoguchi draws)
LEFT_OUT = frozenset({"/Parent", "/Length"})
QR_RESOURCE = re.compile(r"/FormXob\.qr\d+")  # reportlab's names of the forms `qr_form` names


def qr_form(page: int) -> str:
    """reportlab's name of page `page`'s QR form (in the PDF, `/FormXob.` and this name)."""
    return f"qr{page}"


def place_qr(canvas: Canvas, page: int, x: float, y: float, size: float) -> None:
    """Draw page `page`'s QR code in the square at (x, y): the page places it, the form only fills a unit square."""
    canvas.saveState()
    canvas.transform(size, 0, 0, size, x, y)
    canvas.doForm(qr_form(page))
    canvas.restoreState()


def define_qr_forms(canvas: Canvas, pages: int, texts: Sequence[str] | None) -> None:
    """The QR forms of every page: the QR code of each text on the unit square, or nothing (the first pass)."""
    for page in range(1, pages + 1):
        canvas.beginForm(qr_form(page), 0, 0, 1, 1)
        if texts is not None:
            canvas.drawImage(ImageReader(qr_image(texts[page - 1])), 0, 0, 1, 1)
        canvas.endForm()


def digest(obj: PdfObject, skip: PdfObject | None = None) -> bytes:
    """The digest of an object and all it refers to, `skip` (a QR form) counted as `QR_MARK`; ValueError when an
    object is of no PDF type."""
    return _Digester(skip).of(obj)


class _Digester:
    def __init__(self, skip: PdfObject | None) -> None:
        self._skip = skip
        self._done: dict[int, bytes] = {}
        self._open: set[int] = set()

    def of(self, obj: PdfObject) -> bytes:
        if isinstance(obj, IndirectObject):
            obj = obj.get_object()
        if self._skip is not None and obj is self._skip:
            return QR_MARK
        if not isinstance(obj, (DictionaryObject, ArrayObject)):
            return hashlib.sha256(_scalar(obj)).digest()
        key = id(obj)
        if key in self._done:
            return self._done[key]
        if key in self._open:
            return LOOP_MARK
        self._open.add(key)
        h = hashlib.sha256()
        if isinstance(obj, DictionaryObject):
            h.update(b"S" if isinstance(obj, StreamObject) else b"D")
            for name in sorted(k for k in obj if k not in LEFT_OUT):
                h.update(name.encode("utf-8") + b"\0" + self.of(obj[name]))
            if isinstance(obj, StreamObject):
                h.update(hashlib.sha256(obj.get_data()).digest())
        else:
            h.update(b"A")
            for item in obj:
                h.update(self.of(item))
        self._open.discard(key)
        self._done[key] = h.digest()
        return self._done[key]


def _scalar(obj: PdfObject) -> bytes:
    if isinstance(obj, BooleanObject):
        return b"b1" if obj else b"b0"
    if isinstance(obj, NullObject):
        return b"z"
    if isinstance(obj, NameObject):
        return b"/" + obj.encode("utf-8")
    if isinstance(obj, TextStringObject):
        return b"(" + obj.original_bytes
    if isinstance(obj, ByteStringObject):
        return b"(" + bytes(obj)
    if isinstance(obj, NumberObject):
        return b"n" + str(int(obj)).encode("ascii")
    if isinstance(obj, FloatObject):
        return b"n" + repr(float(obj)).encode("ascii")
    raise ValueError(f"no PDF object: {type(obj).__name__}")


def xobjects(page: PageObject) -> dict[str, PdfObject]:
    """The page's XObjects by resource name, resolved."""
    resources = page.get("/Resources")
    found = resources.get_object().get("/XObject") if resources is not None else None
    return {str(name): ref.get_object() for name, ref in found.get_object().items()} if found is not None else {}


def qr_forms(found: dict[str, PdfObject]) -> dict[str, PdfObject]:
    """Of a page's XObjects, those named as QR forms (one, on a page Madoguchi drew)."""
    return {name: x for name, x in found.items() if QR_RESOURCE.fullmatch(name)}


def images_digest(digests: Sequence[bytes]) -> bytes:
    """The digest of a page's images besides its QR code: the one image's own (the 電子公印), or, on a form that
    draws more (the 印鑑登録証明書: the 公印 and the registered impression), the SHA-256 of their digests in order;
    empty when there is none."""
    if len(digests) <= 1:
        return digests[0] if digests else b""
    return hashlib.sha256(b"".join(sorted(digests))).digest()


@dataclass(frozen=True, slots=True)
class Drawn:
    appearance: bytes  # the page, except its QR code
    seal: bytes  # its images other than the QR code (`images_digest`); empty when there is none

    @classmethod
    def of(cls, page: PageObject) -> Drawn:
        """The digests of a page as Madoguchi draws it: one QR form, and its images."""
        found = xobjects(page)
        ((name, qr),) = qr_forms(found).items()
        images = [digest(x) for n, x in found.items() if n != name and x.get("/Subtype") == "/Image"]
        return cls(digest(page, qr), images_digest(images))


def sign_pages(draw: Draw, contents: Sequence[Content], sign: Signer) -> tuple[bytes, bytes]:
    """The signed PDF of a copy whose pages show `contents`, and the copy's digest (of its pages' digests)."""
    first = PdfReader(io.BytesIO(draw(None))).pages
    payloads = []
    for content, page in zip(contents, first, strict=True):
        drawn = Drawn.of(page)
        unsigned = Payload(content, drawn.appearance, drawn.seal, b"")
        payloads.append(dataclasses.replace(unsigned, signature=sign(unsigned.digest())))
    pdf = draw([p.text() for p in payloads])
    again = [Drawn.of(page) for page in PdfReader(io.BytesIO(pdf)).pages]
    if again != [Drawn(p.appearance, p.seal) for p in payloads]:
        raise RuntimeError("the certificate was drawn differently the second time: it would not verify")
    return pdf, hashlib.sha256(b"".join(p.digest() for p in payloads)).digest()
