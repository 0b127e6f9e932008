"""異動一覧・日計表: the day's 異動 with their 点検, the 日計 of 交付 by kind with the day's 交付の取消し, and the audit
chain heads, on A4.

Printed by the 係長 at the day's close: the 異動一覧 for the 点検, the 日計 for the cash count, and each terminal's
audit chain head, so that a later edit of the chain can be told from the paper.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from domain.daily import DailyReport
from domain.wareki import format_wareki
from reports.fonts import FONTS

MARGIN = 15 * mm
LINE = 6 * mm
IDOU_COLUMNS = (("処理時刻", 18 * mm), ("異動事由", 26 * mm), ("異動日", 30 * mm), ("対象者", 58 * mm),
                ("職員", 22 * mm), ("点検", 26 * mm))
LATE_COLUMNS = (("", 22 * mm), ("", 38 * mm), ("", 38 * mm), ("", 18 * mm), ("", 64 * mm))
CATEGORY_COLUMNS = (("無料・減免の区分", 60 * mm), ("件数", 22 * mm), ("通数", 22 * mm), ("手数料", 30 * mm))
KOFU_COLUMNS = (("証明書の種別", 60 * mm), ("件数", 22 * mm), ("通数", 22 * mm), ("手数料", 30 * mm), ("拒否", 22 * mm))
CANCEL_COLUMNS = (("", 14 * mm), ("", 30 * mm), ("", 62 * mm), ("", 18 * mm), ("", 18 * mm), ("", 38 * mm))


class _Sheet:
    """Lines of text down A4 pages, starting a new page (with the title again) when one is full."""

    def __init__(self, canvas: Canvas, title: str) -> None:
        self.canvas, self.title = canvas, title
        self.page = 0
        self.y = 0.0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        width, height = A4
        self.text(MARGIN, height - MARGIN, self.title, 13)
        self.text(width - MARGIN, MARGIN / 2, f"{self.page}ページ", 8, align="right")
        self.y = height - MARGIN - 10 * mm

    def text(self, x: float, y: float, text: str, size: float, *, width: float | None = None,
             align: str = "left") -> None:
        runs = FONTS.runs(text)
        natural = sum(self.canvas.stringWidth(t, f, size) for f, t in runs)
        if width is not None and natural > width:  # shrink to the column, as the certificates do
            size = size * width / natural
            natural = width
        x = x - natural if align == "right" else x
        for font, part in runs:
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, y, part)
            x += self.canvas.stringWidth(part, font, size)

    def row(self, cells: list[str], columns: tuple[tuple[str, float], ...], size: float = 8.5,
            rule: bool = False) -> None:
        if self.y < MARGIN + LINE:
            self._new_page()
        x = MARGIN
        for text, (_, width) in zip(cells, columns, strict=True):
            self.text(x, self.y, text, size, width=width - 2 * mm)
            x += width
        if rule:
            self.canvas.line(MARGIN, self.y - 1.5 * mm, x, self.y - 1.5 * mm)
        self.y -= LINE

    def heading(self, text: str) -> None:
        if self.y < MARGIN + 4 * LINE:
            self._new_page()
        self.y -= LINE / 2
        self.text(MARGIN, self.y, text, 11)
        self.y -= LINE * 1.3


def _time(processed_at: str) -> str:
    return processed_at[11:16]


def render_daily(report: DailyReport, municipality: str, heads: Mapping[str, int], printed_by: str,
                 printed_at: dt.datetime) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONTS.text_font, pageCompression=1)
    day = dt.date.fromisoformat(report.day)
    title = f"異動一覧・日計表　{municipality}　{format_wareki(day)}"
    canvas.setTitle(title)
    canvas.setCreator("Madoguchi")
    sheet = _Sheet(canvas, title)
    sheet.heading(f"異動一覧（{len(report.idou)}件、未点検 {report.unchecked}件）")
    sheet.row([name for name, _ in IDOU_COLUMNS], IDOU_COLUMNS, rule=True)
    for line in report.idou:
        persons = "、".join(f"{name}（{atena}）" for atena, name in line.persons)
        check = f"{line.checked_by} {_time(line.checked_at)}" if line.checked_by else "未"
        sheet.row([_time(line.processed_at), line.reason, line.idou_date.text or format_wareki(line.idou_date),
                   persons, line.staff, check], IDOU_COLUMNS)
    if not report.idou:
        sheet.row(["この日の異動はありません"], (("", 150 * mm),))
    sheet.heading(f"届出期間経過（法52条の通知の対象）{len(report.late)}件")
    for line in report.late:
        persons = "、".join(f"{name}（{atena}）" for atena, name in line.persons)
        assert line.notified_on is not None
        sheet.row([line.reason, f"異動日 {format_wareki(line.idou_date)}", f"届出日 {format_wareki(line.notified_on)}",
                   f"{line.days_late}日経過", persons], LATE_COLUMNS)
    sheet.heading("日計（交付）")
    sheet.row([name for name, _ in KOFU_COLUMNS], KOFU_COLUMNS, rule=True)
    for total in report.kofu:
        sheet.row([total.kind, f"{total.requests}件", f"{total.copies}通", f"{total.fee:,}円", f"{total.refused}件"],
                  KOFU_COLUMNS)
    sheet.row(["合計", f"{sum(t.requests for t in report.kofu)}件", f"{sum(t.copies for t in report.kofu)}通",
               f"{report.fee:,}円", f"{sum(t.refused for t in report.kofu)}件"], KOFU_COLUMNS, rule=False)
    sheet.heading("日計（無料・減免の区分別）")
    sheet.row([name for name, _ in CATEGORY_COLUMNS], CATEGORY_COLUMNS, rule=True)
    for category in report.categories:
        sheet.row([category.category, f"{category.requests}件", f"{category.copies}通", f"{category.fee:,}円"],
                  CATEGORY_COLUMNS)
    if report.cancellations:
        sheet.heading(f"交付の取消し {len(report.cancellations)}件（手数料は上の合計から差し引き済み）")
        for c in report.cancellations:
            sheet.row([_time(c.at), c.kind, " / ".join(c.issue_numbers), f"-{c.fee:,}円", c.staff, c.reason],
                      CANCEL_COLUMNS)
    sheet.heading("操作記録（監査ログ）の末尾")
    for terminal, sequence in sorted(heads.items()):
        sheet.row([f"端末 {terminal}", f"連番 {sequence}"], (("", 60 * mm), ("", 60 * mm)))
    sheet.y -= LINE
    sheet.row([f"印刷 {format_wareki(printed_at.date())} {printed_at:%H:%M}　{printed_by}",
               "点検者　　　　　　印"], (("", 110 * mm), ("", 60 * mm)))
    canvas.save()
    return buffer.getvalue()
