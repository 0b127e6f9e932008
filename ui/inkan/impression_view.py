"""The scanned seal beside its measured impression (印影) at true size, and the measured size in mm.

True size on screen: the impression's pixels per mm come from its scan's resolution (recorded in its PNG), the
screen's from QScreen.physicalDotsPerInch, which Qt computes from the physical size the monitor reports (EDID) over
its geometry in device-independent pixels. Its limits: a monitor, a driver, a projector, a remote desktop or a virtual
machine that reports no or a wrong physical size gives a wrong size on screen, and so does an operating system's
scaling applied after Qt's. The picture is therefore a check for the eye; what the rule decides on is the measured
size in mm, shown as text beside it. A size Qt cannot know (0, or outside 50–1000 dpi) falls back to the logical
dots per inch, and the note says that the size shown is not the true one.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from domain.seal_impression import LARGEST_MM, SMALLEST_MM

SCAN_BOX = 240  # logical pixels: the scan is fitted into a square of this side
_MM_PER_INCH = 25.4
_PLAUSIBLE_DPI = (50.0, 1000.0)


class Measured(Protocol):
    """What the view shows of a measured impression (domain.seal_impression.Impression, or one kept in a record)."""

    @property
    def png(self) -> bytes: ...

    @property
    def side_mm(self) -> float: ...

    @property
    def width_mm(self) -> float: ...

    @property
    def height_mm(self) -> float: ...


class ImpressionView(QWidget):
    """`show_impression(scan, measured)` shows both; `clear()` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scan = self._picture("impressionScan")
        self.scan.setFixedSize(SCAN_BOX, SCAN_BOX)
        self.true_size = self._picture("impressionTrueSize")
        self.true_size.setMinimumSize(SCAN_BOX // 2, SCAN_BOX // 2)
        self.size_text = QLabel()
        self.size_text.setObjectName("impressionSize")
        self.note = QLabel()
        self.note.setObjectName("impressionNote")
        self.note.setWordWrap(True)
        layout = QGridLayout(self)
        layout.addWidget(QLabel(self.tr("読み取った画像")), 0, 0)
        layout.addWidget(QLabel(self.tr("印影（実寸）")), 0, 1)
        layout.addWidget(self.scan, 1, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.true_size, 1, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.size_text, 2, 0, 1, 2)
        layout.addWidget(self.note, 3, 0, 1, 2)
        layout.setColumnStretch(2, 1)
        self._scan: QImage | None = None
        self._measured: Measured | None = None
        self._following_screen = False
        self.clear()

    @staticmethod
    def _picture(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setFrameShape(QFrame.Shape.StyledPanel)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return label

    def show_impression(self, scan: bytes, measured: Measured) -> None:
        self._scan, self._measured = QImage.fromData(scan), measured
        self._draw()

    def clear(self) -> None:
        self._scan = self._measured = None
        self.scan.clear()
        self.true_size.clear()
        self.scan.setText(self.tr("印影の画像がありません"))
        self.size_text.clear()
        self.note.clear()

    def screen_dpi(self) -> tuple[float, bool]:
        """(dots per inch of the screen this widget is on, whether that is the physical one)."""
        screen = self.screen()
        physical = screen.physicalDotsPerInch()
        if _PLAUSIBLE_DPI[0] <= physical <= _PLAUSIBLE_DPI[1]:
            return physical, True
        return screen.logicalDotsPerInch(), False

    def showEvent(self, event: QShowEvent) -> None:
        """Drawn again when the window moves to another screen, whose dots per inch differ."""
        super().showEvent(event)
        handle = self.window().windowHandle()
        if handle is not None and not self._following_screen:
            handle.screenChanged.connect(self._draw)
            self._following_screen = True

    def _draw(self) -> None:
        if self._scan is None or self._measured is None:
            return
        ratio = self.devicePixelRatioF()
        fitted = QPixmap.fromImage(self._scan).scaled(round(SCAN_BOX * ratio), round(SCAN_BOX * ratio),
                                                      Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation)
        fitted.setDevicePixelRatio(ratio)
        self.scan.setPixmap(fitted)
        dpi, physical = self.screen_dpi()
        width = round(self._measured.width_mm / _MM_PER_INCH * dpi)
        height = round(self._measured.height_mm / _MM_PER_INCH * dpi)
        true_size = QPixmap.fromImage(QImage.fromData(self._measured.png)).scaled(
            round(width * ratio), round(height * ratio), Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        true_size.setDevicePixelRatio(ratio)
        self.true_size.setPixmap(true_size)
        self.true_size.setFixedSize(max(width, SCAN_BOX // 2) + 4, max(height, SCAN_BOX // 2) + 4)
        self.size_text.setText(
            self.tr("一辺{side}mmの正方形に収まる大きさです（{smallest}mmを超え{largest}mm以下で登録できます）").format(
                side=f"{self._measured.side_mm:.1f}", smallest=f"{SMALLEST_MM:.0f}", largest=f"{LARGEST_MM:.0f}"))
        self.note.setText(self.tr("画面の実寸はモニターが知らせる大きさによります（{dpi}dpi）").format(dpi=f"{dpi:.0f}")
                          if physical else
                          self.tr("この画面の実際の大きさが分からないため、実寸では表示していません"))
