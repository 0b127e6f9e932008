"""The printed key sheets: a terminal's 復旧キット (its 復旧コード only) and one 分割鍵 per administrator.

Each sheet says what it is for, whose it is and how it is used; a share sheet carries exactly one share, as text
and as a QR code.
"""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from domain.wareki import format_wareki
from reports.fonts import FONTS
from reports.qr_payload import qr_image

MARGIN = 20 * mm
CODE_FONT = "Courier-Bold"


class _Page:
    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.y = A4[1] - MARGIN
        self.line(title, 16, gap=12)

    def line(self, text: str, size: float = 10.5, gap: float = 7) -> None:
        x = MARGIN
        for font, part in FONTS.runs(text):
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, self.y, part)
            x += self.canvas.stringWidth(part, font, size)
        self.y -= gap * mm

    def code(self, groups: list[str], per_line: int, size: float) -> None:
        self.canvas.setFont(CODE_FONT, size)
        for i in range(0, len(groups), per_line):
            self.canvas.drawString(MARGIN + 5 * mm, self.y, "  ".join(groups[i:i + per_line]))
            self.y -= size * 0.55 * mm
        self.y -= 4 * mm

    def image(self, picture: Image.Image, size: float) -> None:
        self.canvas.drawImage(ImageReader(picture), MARGIN, self.y - size, size, size)
        self.y -= size + 6 * mm

    def pdf(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def recovery_kit(municipality: str, terminal: str, code: str, printed: dt.date) -> bytes:
    """復旧キット: this terminal's 復旧コード and how to use it."""
    page = _Page("窓口 復旧キット（端末の復旧コード）")
    page.line(f"自治体: {municipality}")
    page.line(f"端末名: {terminal}")
    page.line(f"作成日: {format_wareki(printed)}", gap=12)
    page.line("復旧コード", 12)
    page.code(code.split("-"), 6, 17)
    for text in (
        "この端末の台帳を開く鍵は、OSのキーリングに保管されています。キーリングの内容が失われたとき",
        "（OSの再インストール、利用者の変更など）は、この復旧コードで台帳を開けます。",
        "",
        "使い方: 窓口を起動し「復旧コードで開く」を選んで入力します（コマンドでは",
        "  python main.py --recovery-code-stdin …）。開いた後、鍵はキーリングに戻されます。",
        "各組の最後の文字は確認用です。打ち間違えると、どの組が違うかを表示します。",
        "",
        "この紙は金庫など施錠できる場所に保管し、端末のそばに置かないでください。",
        "新しい復旧キットを作成したとき、または鍵の更新をしたときは、この紙は使えなくなります（破棄してください）。",
        "この復旧コードはこの端末だけのものです。他の端末や町全体の復旧には使えません。",
    ):
        page.line(text, 9.5, gap=5.5)
    return page.pdf()


def escrow_share(municipality: str, code: str, share: str, number: int, count: int, threshold: int,
                 printed: dt.date) -> bytes:
    """分割鍵 (one share): which it is, k of n, and the share as text and QR code."""
    page = _Page(f"窓口 分割鍵（エスクロー） {number} / {count}")
    page.line(f"自治体: {municipality}（団体コード {code}）")
    page.line(f"この分割鍵: {count}枚のうち{number}枚目（復元には{threshold}枚が必要）")
    page.line(f"作成日: {format_wareki(printed)}", gap=10)
    page.image(qr_image(share), 55 * mm)
    groups = share.split("-")
    page.code(groups, 8, 11)
    for text in (
        "この紙は、町のデータ鍵と署名鍵を分割したものの1枚です。1枚だけでは何も分かりません。",
        f"すべての端末が失われたときは、{threshold}枚の分割鍵とクラウドから町の台帳を新しい端末に復元します:",
        "  python main.py init --restore-from-cloud URL --user ユーザ（分割鍵は標準入力から1行ずつ）",
        "",
        "分割鍵は管理者ごとに別々に、施錠できる場所に保管してください。同じ人が2枚を持たないでください。",
        "新しく分割鍵を作成したときは、以前の分割鍵は混ぜて使えません（破棄してください）。",
    ):
        page.line(text, 9.5, gap=5.5)
    return page.pdf()
