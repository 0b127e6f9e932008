"""The measured seal impression beside its scan, offscreen: the impression at true size for the screen's physical
dots per inch, the scan fitted to its box, the size in mm as text."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from demo.seals import seal_scan
from domain.seal_impression import measure
from ui.inkan.impression_view import SCAN_BOX, ImpressionView


def shown(qtbot: QtBot) -> ImpressionView:
    view = ImpressionView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_impression_is_shown_at_true_size_beside_the_scan(qtbot: QtBot, qapp: QApplication) -> None:
    view = shown(qtbot)
    scan = seal_scan("渡辺", size_mm=18, dpi=600)
    measured = measure(scan)
    view.show_impression(scan, measured)
    dpi = view.screen().physicalDotsPerInch()
    assert view.screen_dpi() == (dpi, True)
    picture = view.true_size.pixmap()
    ratio = picture.devicePixelRatio()
    # 19 mm with its margin, at the screen's dots per inch (the offscreen screen says 100, not the logical 96)
    assert picture.width() / ratio == round(measured.width_mm / 25.4 * dpi)
    assert picture.height() / ratio == round(measured.height_mm / 25.4 * dpi)
    assert abs(picture.width() / ratio - 19.0 / 25.4 * dpi) <= 1
    fitted = view.scan.pixmap()
    assert max(fitted.width(), fitted.height()) / fitted.devicePixelRatio() == SCAN_BOX
    assert view.size_text.text() == "一辺18.0mmの正方形に収まる大きさです（8mmを超え25mm以下で登録できます）"
    assert view.note.text() == f"画面の実寸はモニターが知らせる大きさによります（{dpi:.0f}dpi）"

    view.clear()
    assert view.true_size.pixmap().isNull() and view.size_text.text() == ""
    assert view.scan.text() == "印影の画像がありません"


def test_a_larger_impression_is_drawn_larger_in_proportion(qtbot: QtBot) -> None:
    view = shown(qtbot)
    widths = []
    for size_mm in (10.0, 20.0):
        scan = seal_scan("山田", size_mm=size_mm)
        view.show_impression(scan, measure(scan))
        widths.append(view.true_size.pixmap().width() / view.true_size.pixmap().devicePixelRatio())
    dpi = view.screen().physicalDotsPerInch()
    assert abs((widths[1] - widths[0]) - 10.0 / 25.4 * dpi) <= 2
