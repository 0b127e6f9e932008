"""The 異動 window's last step after a 異動 that records a 住民票コード anew (法30条の3第3項): it says the 住民票コード通知
is owed, and F7 prints the 通知票 (one per person). After a 異動 that records none, nothing is offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from local_store.registry import Registry
from local_store.staff import Staff
from tests.local_store.test_juminhyo_pool import code_file, codes
from tests.support.builders import family
from tests.support.pdf_text import page_texts
from tests.ui.test_idou_keyboard import (
    choose_reason,
    confirm_and_record,
    enter_birth,
    enter_correction,
    open_with_f6,
)
from ui.shell.main_window import MainWindow


@pytest.fixture
def yamada(registry: Registry, admin: Staff) -> dict[str, str]:
    return {c.row.name: c.row.atena_no for c in registry.apply(admin, family()).idou.rows}


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_birth_offers_the_code_notice_and_prints_it(qtbot: QtBot, window: MainWindow,
                                                      registry: Registry, admin: Staff,
                                                      yamada: dict[str, str], tmp_path: Path) -> None:
    registry.codes.import_codes(admin, code_file(*codes(1, 1)), share=1)
    window.open_person(yamada["山田　太郎"])
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "出生")
    enter_birth(qtbot, dialog, yamada)
    confirm_and_record(qtbot, dialog)
    assert dialog.result is not None and dialog.result.code_notices
    assert dialog.notice_button.isVisible() and "F7" in dialog.notice_button.text()
    assert any("住民票コード通知票を F7 で印刷し" in label.text() for label in dialog.result_page.findChildren(QLabel))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_code_notices_to(printer) == 1
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    assert "印刷に送りました" in dialog.message.text()
    assert page_texts(render_of(registry, admin, dialog.result.code_notices[0]))[0].count(codes(1, 1)[0]) == 1


def render_of(registry: Registry, admin: Staff, atena_no: str) -> bytes:
    from reports.code_notice_pdf import render

    return render(registry.idou.code_notice(admin, atena_no))


def test_a_correction_offers_nothing(qtbot: QtBot, window: MainWindow, yamada: dict[str, str]) -> None:
    window.open_person(yamada["山田　花子"])
    dialog = open_with_f6(qtbot, window)
    choose_reason(qtbot, dialog, "職権修正")
    enter_correction(qtbot, dialog, yamada)
    confirm_and_record(qtbot, dialog)
    assert dialog.result is not None and not dialog.result.code_notices
    assert not dialog.notice_button.isVisible()
