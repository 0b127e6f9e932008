"""Is a certificate genuine, and does it show what was signed? (`python main.py verify FILE.pdf`, or the QR text.)

What is signed. Each page's QR code carries the page's items themselves (`reports.qr_payload`) and the municipality's
signature over those items, over the digest of the page as drawn except its QR code, and over the digest of its seal
image (`reports.signed_pdf`). The digest of the drawing covers the content stream, the font programs, the images and
every other object the page can show, so that verifying proves what a person reads, not only what text can be
extracted: a white box, an image laid over the page, a glyph changed in a font or another seal all change it.

Why this design rather than drawing the certificate again from its items and comparing: the check needs nothing but
the file, so a certificate stays verifiable after the forms' layout, the fonts or reportlab change, and after the
seal image is replaced in the settings.

How a PDF is checked:
- the file is one revision, as written: an update appended to it (a second `%%EOF` or cross-reference section) is a
  change made after the 交付;
- the document holds nothing Madoguchi does not write (no form fields, actions, JavaScript, layers), no annotation,
  one content stream a page using only the drawing operators, resources and embedded fonts that the forms use, no
  image but the seal and no form XObject but the QR code, which draws its image and nothing else;
- every page's QR code is read from the image in the file (zxing-cpp), its readable lines must be its items', its
  signature must be the municipality's, or a terminal's key that the municipality certified and had not revoked
  before the day of 交付; all pages belong to one copy and are all there, in order;
- the seal image and the page as drawn must digest to what was signed (a page whose file shows something the forms
  never draw is not said to differ as well: the plain reason is the one given).
The verdict is 真正, 不一致 (the signature is this town's, the file shows something else) or 無効 (no signature of
this town, or a revoked key); every reason found is given in plain words. The items are shown beside the verdict
(unless 無効), so that whoever checks reads what was certified.

A QR text alone (read from the paper with any reader) proves its signature and shows the items: the paper must be
compared with them by eye.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import zxingcpp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PIL import Image, ImageOps
from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, ContentStream, PdfObject

from domain.certificate_items import certificate_message, terminal_key_message
from domain.errors import ValidationError
from reports.qr_payload import SIGNATURE, Content, Payload
from reports.signed_pdf import digest, images_digest, qr_forms, xobjects

QR_SCALE = 8  # the QR image holds one pixel a module; readers want more
MAX_SYMBOL = 17 + 4 * 40 + 8  # pixels of the largest QR symbol (version 40) with its quiet zone
MAX_PDF = 20 * 1024 * 1024  # a certificate is some 100 kB
Revocations = Mapping[bytes, dt.date]  # a terminal's public key → the first day it no longer signs
NO_REVOCATIONS: Revocations = {}
# What a broken or hostile file can make pypdf, zlib or Pillow raise while it is read.
UNREADABLE = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, zlib.error,
              NotImplementedError, OSError)

# What the forms draw with, and nothing else.
OPERATORS = frozenset({b"q", b"Q", b"cm", b"w", b"m", b"l", b"c", b"h", b"re", b"S", b"n", b"BT", b"ET", b"Tm",
                       b"Tf", b"TL", b"Tj", b"T*", b"Do"})
RESOURCES = frozenset({"/Font", "/XObject", "/ProcSet"})
CATALOG = frozenset({"/Type", "/Pages", "/PageMode"})
OPERATOR_NAMES = {
    "塗りつぶし": {"f", "F", "f*", "B", "B*", "b", "b*"},
    "色の指定": {"g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"},
    "埋め込み画像": {"INLINE IMAGE", "BI", "ID", "EI"},
    "文字の描き方の指定（見えない文字など）": {"Tr"},
    "切り抜き": {"W", "W*"},
    "透明度などの指定": {"gs"},
    "グラデーション": {"sh"},
    "表示を切り替える区分": {"BDC", "BMC", "EMC", "MP", "DP"},
}
CATALOG_NAMES = {"/AcroForm": "入力欄", "/OpenAction": "開いたときの動作", "/AA": "自動で動く動作",
                 "/Names": "JavaScriptなどの名前付き要素", "/OCProperties": "表示の切り替え（レイヤ）",
                 "/Outlines": "しおり"}
FOREIGN_KEY = "署名がこの町のものではありません（ほかの自治体の証明書か、偽造されたQRコードです）"


@dataclass(frozen=True, slots=True)
class Verdict:
    genuine: bool  # the QR codes carry this municipality's signature, by a key in force on the day of 交付
    unaltered: bool  # the file shows exactly what was signed (a QR text alone cannot tell: True)
    contents: tuple[Content, ...]  # what the QR codes carry, page by page
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.genuine and self.unaltered

    @property
    def status(self) -> str:
        """真正 (genuine and as signed), 不一致 (genuine, but the file shows something else) or 無効 (not signed
        here, or by a revoked key)."""
        return "真正" if self.ok else "不一致" if self.genuine else "無効"

    @property
    def issue_number(self) -> str:
        return self.contents[0].issue_number if self.contents else ""


def signature_problem(payload: Payload, public_key: Ed25519PublicKey, revoked: Revocations) -> str | None:
    """Why the payload's signature does not make it this municipality's certificate; None when it does."""
    message = certificate_message(payload.content.issue_number, payload.digest())
    signature, chain = payload.signature[:SIGNATURE], payload.chain
    terminal_key, certificate = chain[:32], chain[32:]
    try:
        if chain:
            public_key.verify(certificate, terminal_key_message(terminal_key))
        (Ed25519PublicKey.from_public_bytes(terminal_key) if chain else public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return FOREIGN_KEY
    since = revoked.get(terminal_key) if chain else None
    day = payload.content.issued_day
    if since is not None and (day is None or day >= since):
        return (f"署名した端末の鍵は{_day(since)}から失効しています（この証明書の交付は"
                f"{_day(day) if day else '不明'}）")
    return None


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def verify_qr_text(text: str, public_key: Ed25519PublicKey, revoked: Revocations = NO_REVOCATIONS) -> Verdict:
    """The QR text alone (a reader at the counter): the signature, and the items to compare the paper with."""
    payload = Payload.parse(text)
    problem = signature_problem(payload, public_key, revoked)
    return Verdict(problem is None, True, (payload.content,), (problem,) if problem else ())


def qr_texts(page: PageObject) -> list[str]:
    """The texts of the QR codes in a page's images."""
    return [symbol.text for image in page.images for symbol in _symbols(image.image)]


def _symbols(image: Image.Image) -> list[zxingcpp.Barcode]:
    """The QR codes in an image that holds a pixel a module (a margin added, scaled up for the reader)."""
    gray = ImageOps.expand(image.convert("L"), border=4, fill=255)
    gray = gray.resize((gray.width * QR_SCALE, gray.height * QR_SCALE), Image.Resampling.NEAREST)
    return [r for r in zxingcpp.read_barcodes(gray) if r.format == zxingcpp.BarcodeFormat.QRCode]


@dataclass(frozen=True, slots=True)
class _Page:
    """One page as read from the file: what Madoguchi would not have drawn on it, its QR text and its digests."""

    number: int
    problems: tuple[str, ...]
    qr_text: str | None
    appearance: bytes
    images: tuple[bytes, ...]  # digests of its images besides the QR code

    @classmethod
    def read(cls, page: PageObject, number: int) -> _Page:
        problems: list[str] = []
        annotations = page.get("/Annots")
        if annotations is not None and len(annotations.get_object()) > 0:
            kinds = sorted({str(a.get_object().get("/Subtype", "")).lstrip("/") for a in annotations.get_object()})
            problems.append(f"注釈（{'・'.join(kinds)}）が加えられています")
        contents = page.get("/Contents")
        if contents is not None and isinstance(contents.get_object(), ArrayObject) and len(contents.get_object()) > 1:
            problems.append(f"描画の命令（内容ストリーム）が{len(contents.get_object()) - 1}個加えられています")
        problems += _drawing_problems(page)
        found = xobjects(page)
        qrs = qr_forms(found)
        forms = sorted(name for name, x in found.items() if x.get("/Subtype") != "/Image" and name not in qrs)
        if forms or len(qrs) > 1:
            problems.append(f"フォームXObject（{'・'.join(forms + sorted(qrs)[1:])}）が加えられています")
        images = tuple(digest(x) for x in found.values() if x.get("/Subtype") == "/Image")
        qr = next(iter(qrs.values()), None) if len(qrs) == 1 else None
        qr_text = None
        if qr is None:
            problems.append("QRコードがありません")
        elif (text := _qr_form_text(qr, page.pdf)) is None:
            problems.append("QRコードの部分が書き換えられているか、QRコードが読めません")
        else:
            qr_text = text
        return cls(number, tuple(problems), qr_text, digest(page, qr), images)


def _drawing_problems(page: PageObject) -> list[str]:
    """Operators, resources and fonts that the forms never use."""
    problems = []
    contents = page.get_contents()
    operators = {op for _, op in ContentStream(contents, page.pdf).operations} if contents is not None else set()
    foreign = sorted(op.decode("latin-1") for op in operators - OPERATORS)
    if foreign:
        named = [f"{op}（{next((n for n, ops in OPERATOR_NAMES.items() if op in ops), '不明な命令')}）" for op in foreign]
        problems.append(f"Madoguchiが使わない描画の命令 {' '.join(named)} があります（重ね書き）")
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    extra = sorted(set(resources) - RESOURCES)
    if extra:
        problems.append(f"Madoguchiが使わない描画の資源（{'・'.join(extra)}）があります")
    fonts = resources.get("/Font")
    for font in (fonts.get_object().values() if fonts is not None else ()):
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if font.get("/Subtype") != "/TrueType" or descriptor is None or "/FontFile2" not in descriptor.get_object():
            problems.append(f"埋め込まれていないフォント（{str(font.get('/BaseFont', '')).lstrip('/')}）で文字が"
                            "加えられています")
    return problems


def _qr_form_text(form: PdfObject, pdf: PdfReader) -> str | None:
    """The text of a QR form that draws its one image, a QR symbol of one pixel a module with its quiet zone, on the
    unit square and nothing else; None otherwise."""
    if form.get("/Subtype") != "/Form" or [float(v) for v in form.get("/BBox", ())] != [0, 0, 1, 1]:
        return None
    if [float(v) for v in form.get("/Matrix", (1, 0, 0, 1, 0, 0))] != [1, 0, 0, 1, 0, 0]:
        return None
    resources = form.get("/Resources")
    images = resources.get_object().get("/XObject") if resources is not None else None
    if images is None or len(images.get_object()) != 1:
        return None
    ((name, image),) = images.get_object().items()
    operations = ContentStream(form, pdf).operations
    drawn = [operands for operands, op in operations if op == b"Do"]
    if ({op for _, op in operations} - {b"q", b"Q", b"cm", b"Do"} or drawn != [[name]]
            or any([float(v) for v in operands] != [1, 0, 0, 1, 0, 0] for operands, op in operations if op == b"cm")):
        return None
    image = image.get_object()
    if image.get("/Subtype") != "/Image" or {"/SMask", "/Mask", "/ImageMask", "/Decode"} & set(image):
        return None
    if not 0 < int(image.get("/Width", 0)) == int(image.get("/Height", 0)) <= MAX_SYMBOL:
        return None
    pixels = image.decode_as_image().convert("L")
    if pixels.size != (int(image["/Width"]), int(image["/Height"])) or any(pixels.histogram()[1:255]):  # black, white
        return None
    symbols = _symbols(pixels)
    if len(symbols) != 1 or pixels.width != 17 + 4 * int(symbols[0].extra.get("Version", 0)) + 8:
        return None
    return symbols[0].text


def verify_pdf(data: bytes, public_key: Ed25519PublicKey, revoked: Revocations = NO_REVOCATIONS) -> Verdict:
    """The verdict on a certificate's PDF; ValidationError when the file is no PDF or cannot be read as one."""
    if not data.startswith(b"%PDF-"):
        raise ValidationError("証明書", "PDFファイルではありません")
    if len(data) > MAX_PDF:
        raise ValidationError("証明書", "証明書のPDFとしては大きすぎます")
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [_Page.read(page, number) for number, page in enumerate(reader.pages, start=1)]
        catalog = set(reader.trailer["/Root"].get_object())
        appended = data.count(b"%%EOF") > 1 or data.count(b"startxref") > 1 or "/Prev" in reader.trailer
    except UNREADABLE:
        raise ValidationError("証明書", "PDFとして読めません（壊れているか、PDFではない内容です）") from None
    problems = []
    if appended:
        problems.append("交付の後にPDFへ追記（増分更新）がされています")
    if extra := sorted(catalog - CATALOG):
        problems.append(f"文書にMadoguchiが作らない要素（{'・'.join(CATALOG_NAMES.get(k, k) for k in extra)}）があります")
    return _judge(pages, problems, public_key, revoked)


def _judge(pages: list[_Page], problems: list[str], public_key: Ed25519PublicKey, revoked: Revocations) -> Verdict:
    altered = list(problems)  # the file is not as it was signed
    read: list[tuple[_Page, Payload]] = []
    for page in pages:
        altered += [f"{page.number}ページ目: {p}" for p in page.problems]
        if page.qr_text is None:
            continue
        try:
            read.append((page, Payload.parse(page.qr_text)))
        except ValidationError as exc:
            altered.append(f"{page.number}ページ目: {exc.message}")
    if not read:
        return Verdict(False, False, (), tuple(altered) or ("QRコードがありません",))
    contents = tuple(payload.content for _, payload in read)
    unsigned = [p for p in dict.fromkeys(signature_problem(payload, public_key, revoked) for _, payload in read) if p]
    first = contents[0]
    if any(c.issue_number != first.issue_number for c in contents):
        altered.append("ページのQRコードが同じ証明書のものではありません")
    elif [(c.page, c.pages) for c in contents] != [(n, len(pages)) for n in range(1, len(pages) + 1)]:
        altered.append(f"ページが証明書（{first.pages}ページ）のとおりにそろっていません")
    for page, payload in read:
        altered += _drawing_reasons(page, payload)
    return Verdict(not unsigned, not altered, contents, tuple(unsigned + altered))


def _drawing_reasons(page: _Page, payload: Payload) -> list[str]:
    """Why the page does not show what its QR code signed (a problem found when it was read says so already)."""
    if payload.seal and payload.seal != images_digest(page.images):
        if payload.seal in page.images:
            return [f"{page.number}ページ目: 画像が加えられています"]
        which = "電子公印または印影" if len(page.images) > 1 else "電子公印"
        return [f"{page.number}ページ目: {which}の画像が署名されたものと違います（差し替えられています）"]
    if not payload.seal and page.images:
        return [f"{page.number}ページ目: 画像が加えられています"]
    if page.appearance != payload.appearance and not page.problems:
        return [f"{page.number}ページ目: 印字が署名されたものと違います（文字や線が書き換えられています）"]
    return []
