"""Every window fits its screen: a counter's display may be 1366×768 with a taskbar, at 125 % scaling (about
1093×582 logical pixels left for windows).

`ScreenFit`, installed on the application by `ui.shell.app.application`, makes each window and dialog, as it is
shown, at most as large as the available area of its screen (its frame included) and moves it inside that area.
What is tall inside a window scrolls there, so that its buttons stay on the screen: the windows' own layouts see to
that where they can. A dialog whose content cannot shrink so far (a screen smaller than it was laid out for) gets
its content put in a scroll area as it is shown, all but its last row, the row of its buttons, which stays below.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea, QVBoxLayout, QWidget

SCROLLED = "screenFitScroll"

_WINDOWS = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def fit_to_screen(window: QWidget) -> None:
    """At most the available area of the window's screen, frame included, and inside it."""
    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    room = area.size() - extra
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > room.width() or minimum.height() > room.height():
        scroll_content(window)
    size = window.size().boundedTo(room)
    if size != window.size():
        window.resize(size)
        frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.x() + area.width() - frame.width())
    y = min(max(frame.y(), area.y()), area.y() + area.height() - frame.height())
    if QPoint(x, y) != frame.topLeft():
        window.move(max(x, area.x()), max(y, area.y()))


def scroll_content(window: QWidget) -> None:
    """The window's content in a scroll area, its last row (the buttons) kept below it; once."""
    layout = window.layout()
    if isinstance(window, QMainWindow) or layout is None or window.findChild(QScrollArea, SCROLLED) is not None:
        return
    buttons = None
    if isinstance(layout, QVBoxLayout) and layout.count() > 1:
        last = layout.itemAt(layout.count() - 1)
        buttons = last.layout() or last.widget()
        if buttons is not None:
            layout.removeItem(last) if last.layout() else layout.removeWidget(buttons)
    content = QWidget()
    content.setLayout(layout)  # taken from the window, with the widgets it holds
    scroll = QScrollArea()
    scroll.setObjectName(SCROLLED)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll, 1)
    if buttons is not None:
        row = QVBoxLayout()
        row.setContentsMargins(layout.contentsMargins())
        row.addLayout(buttons) if not isinstance(buttons, QWidget) else row.addWidget(buttons)
        outer.addLayout(row)
    outer.activate()  # the window's minimum size is now the scroll area's


class ScreenFit(QObject):
    """The application's filter that fits each window to its screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                and watched.windowType() in _WINDOWS):
            fit_to_screen(watched)
        return False
