"""Every window and dialog fits a 1366×768 screen, at 100 % and at 125 % scaling, its buttons on the screen.

Qt's offscreen platform takes a screen from a configuration file, so each check runs in a process of its own whose
one screen is the area a 1366×768 display leaves to windows under a 40-pixel taskbar (1366×728; at 125 % that is
about 1093×582 logical pixels). In it the program's QApplication is made as the program makes it, a replica is opened,
and every window and dialog is opened the way staff open them (F8 for 交付, F6 for 異動, the 管理 menu's items), with
the offline banner showing; the process reports each one's frame and the buttons outside the screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock
from tests.support.processes import ROOT
from ui.shell.main_window import MainWindow

AVAILABLE = (1366, 728)  # 1366×768 less a taskbar


def screen_config(folder: Path) -> Path:
    path = folder / "screen.json"
    path.write_text(json.dumps({"screens": [{"name": "counter", "x": 0, "y": 0, "width": AVAILABLE[0],
                                              "height": AVAILABLE[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                              "dpr": 1}]}))
    return path


def measured(tmp_path: Path, scale: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen_config(tmp_path)}",
           "QT_SCALE_FACTOR": scale}
    done = subprocess.run([sys.executable, "-c", "from tests.ui.test_screen_fit import probe; probe()", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_every_window_fits_the_screen_with_its_buttons_on_it(tmp_path: Path, scale: str) -> None:
    report = measured(tmp_path, scale)
    screen = report.pop("screen")
    assert screen == [0, 0, *(round(side / float(scale)) for side in AVAILABLE)] or scale != "1"
    too_big = {name: seen["frame"] for name, seen in report.items()
               if not (seen["frame"][2] <= screen[2] and seen["frame"][3] <= screen[3])}
    outside = {name: seen["outside"] for name, seen in report.items() if seen["outside"]}
    assert not too_big, f"larger than the screen {screen[2:]}: {too_big}"
    assert not outside, f"buttons or bars off the screen {screen[2:]}: {outside}"
    assert {"main window", "交付", "異動一覧・日計", "設定"} <= set(report)


# --- in the process with the configured screen -----------------------------------------------------------------------


def probe() -> None:
    """Open everything on a fresh replica and print what lies off the screen, as one JSON line."""
    from local_store import work_factors

    work_factors.lower_for_tests()
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    with tempfile.TemporaryDirectory() as folder:
        _probe(Path(folder))


def _probe(folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication, QStatusBar, QWidget

    from local_store.registry import Registry
    from tests.support.builders import ADMIN, TOWN, Clock, family
    from ui.shell.app import application
    from ui.shell.main_window import MainWindow

    app = application()
    screen = app.primaryScreen().availableGeometry()
    found: dict[str, Any] = {"screen": [screen.x(), screen.y(), screen.width(), screen.height()]}

    def seen(name: str, window: QWidget) -> None:
        QTest.qWait(30)
        frame = window.frameGeometry()
        outside = []
        for widget in [*window.findChildren(QAbstractButton), *window.findChildren(QStatusBar)]:
            if not widget.isVisible() or _scrolled(widget):
                continue
            top_left = widget.mapToGlobal(widget.rect().topLeft())
            bottom_right = widget.mapToGlobal(widget.rect().bottomRight())
            if not (screen.contains(top_left) and screen.contains(bottom_right)
                    and window.rect().contains(window.mapFromGlobal(bottom_right))):
                outside.append(widget.text() if isinstance(widget, QAbstractButton) else type(widget).__name__)
        found[name] = {"frame": [frame.x(), frame.y(), frame.width(), frame.height()], "outside": outside}

    registry = Registry.create(folder / "replica", TOWN, "本庁1", ADMIN, clock=Clock())
    try:
        admin = registry.sign_in(ADMIN[0], ADMIN[2])
        atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
        window = MainWindow(registry, admin)
        window.show()
        window.start_sync()  # no cloud: the offline banner shows
        QTest.qWait(200)
        window.open_person(atena)
        seen("main window", window)
        QTest.keyClick(window.search_field, Qt.Key.Key_F8)
        assert window.kofu_dialog is not None
        seen("交付", window.kofu_dialog)
        window.kofu_dialog.done(0)
        QTest.keyClick(window.search_field, Qt.Key.Key_F6)
        assert window.idou_dialog is not None
        seen("異動", window.idou_dialog)
        window.idou_dialog.done(0)
        for name, opens, attribute in (("設定", window.open_settings, "settings_dialog"),
                                       ("異動一覧・日計", window.open_daily, "daily_dialog"),
                                       ("付番待ち", window.open_mynumber, "mynumber_dialog"),
                                       ("人口統計", window.open_population, "population_dialog"),
                                       ("被災者台帳", window.open_disaster, "disaster_dialog"),
                                       ("印鑑登録", window.open_inkan, "inkan_dialog"),
                                       ("ファイルによる同期", window.open_bundle, "bundle_dialog"),
                                       ("通知", window.open_notices, "notices_dialog"),
                                       ("職員の管理", window.open_staff, "staff_dialog"),
                                       ("操作記録", window.open_audit, "audit_dialog"),
                                       ("支援措置", window.open_protection, "protection_dialog"),
                                       ("要確認・競合・隔離", window.open_review, "review_dialog")):
            opens()
            dialog = getattr(window, attribute)
            seen(name, dialog)
            dialog.done(0)
            QTest.qWait(10)
        window.sync_service.shutdown()
        window.close()
        QApplication.processEvents()
    finally:
        registry.close()
    print(json.dumps(found, ensure_ascii=False))


def _scrolled(widget: Any) -> bool:
    """Inside a scroll area: reached by scrolling (Tab brings it into view), not expected on the screen at once."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_the_offline_banner_folds_to_one_line_and_back_with_the_keyboard(qtbot: QtBot, registry: Registry,
                                                                          admin: Staff, clock: Clock) -> None:
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.start_sync()  # no cloud set up: the banner shows
    banner = window.disaster_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: not window.sync_service._job.running, timeout=10_000)
    unfolded = banner.height()
    one_line = banner.headline.sizeHint().height() + 6 + 6 + 2 * banner.frameWidth()

    qtbot.keyClick(window.search_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: banner.height() < unfolded)
    assert banner.height() <= max(one_line, banner.fold_button.sizeHint().height() + 16)  # one line
    assert not banner.details.isVisible() and banner.headline.text() == "オフライン：クラウドが設定されていません"
    assert banner.summary.isVisible() and banner.summary.text().startswith("送信待ち ")

    qtbot.keyClick(window.search_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert banner.details.isVisible() and not banner.summary.isVisible()
    window.sync_service.shutdown()
    window.close()
