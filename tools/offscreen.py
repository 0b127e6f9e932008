"""The offscreen start every picture script shares: its command line, the QApplication drawn offscreen with a
Japanese font, a throwaway demo replica, and driving and saving widgets."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from demo.replica import create_demo
from local_store.registry import Registry
from ui.common.fonts import add_font_files, apply_japanese_font, japanese_font_family
from ui.shell.app import application

WINDOW_SIZE = (1280, 800)  # as large as a window opens, within the screen below
SCREEN_SIZE = (1366, 768)  # the offscreen screen: a counter's display


def wall_clock() -> dt.datetime:
    """The pictures are taken on the real clock, as the program runs."""
    return dt.datetime.now().astimezone()
WAIT_S = 60


def offscreen_parser(prog: str) -> argparse.ArgumentParser:
    """The command line every picture script has: the folder to write into, and font files for this run only."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--font", type=Path, action="append", default=[],
                        help="a font file to use for this run only (e.g. ipaexg.ttf)")
    return parser


def start_offscreen(fonts: list[Path]) -> None:
    """Draw offscreen, keep the throwaway demo key out of any real keyring (the null backend counts as none, so it is
    wrapped by a passphrase), and use the font files given; say which Japanese font the pictures get. Set before the
    QApplication and the first keyring call."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":  # windows fit the screen: make it a real size
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_config()}"
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    app = application()
    if fonts:
        add_font_files(fonts)
        apply_japanese_font(app)
    family = japanese_font_family()
    if family is None:
        print("warning: no Japanese font: the screenshots will show boxes instead of Japanese text "
              "(install fonts-ipaexfont or fonts-noto-cjk, or pass --font)", file=sys.stderr)
    else:
        print(f"font: {family}", file=sys.stderr)


def screen_config() -> Path:
    """Qt's offscreen platform with one screen of SCREEN_SIZE (its own default is 800×800)."""
    path = Path(tempfile.gettempdir()) / "madoguchi-offscreen-screen.json"
    width, height = SCREEN_SIZE
    path.write_text(json.dumps({"screens": [{"name": "counter", "x": 0, "y": 0, "width": width, "height": height,
                                              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return path


def run_offscreen(prog: str, take: Callable[[Path], None], argv: list[str]) -> int:
    """The whole command line of a picture script that needs nothing but the folder to write into."""
    args = offscreen_parser(prog).parse_args(argv)
    start_offscreen(args.font)
    take(args.out_dir)
    return 0


@contextmanager
def demo_replica(residents: int, seed: int = 1) -> Iterator[Registry]:
    """The synthetic demo town in a temporary folder, its key under a throwaway passphrase (never in a keyring);
    closed and deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="madoguchi-screenshot-") as tmp:
        phrase = secrets.token_urlsafe(16)
        registry = create_demo(Path(tmp) / "replica", residents, seed, passphrase=lambda: phrase, clock=wall_clock)
        try:
            yield registry
        finally:
            registry.close()


def type_as_input_method(widget: QWidget, text: str) -> None:
    """Commit text the way a Japanese input method does (QTest's key clicks only know ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle(ms: int = 50) -> None:
    QTest.qWait(ms)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Let Qt run until `condition` holds (work in the background, a status to arrive)."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(20)


def dismiss(widget: QWidget) -> None:
    """Close a top-level widget and let Qt delete it: left to Python's collector, a dialog deleted while Qt still
    refers to it can bring the process down as it exits."""
    widget.close()
    widget.deleteLater()
    settle()


def save(widget: QWidget, path: Path) -> None:
    settle()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
