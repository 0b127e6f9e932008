"""閲覧 in the window, offscreen on a real replica of the protected town, by the keyboard: a request entered and
refused for its missing items, then received; a 係長 approves it (F5), makes its list (F8) without the protected
persons, prints it and saves it; another refused (F6) with its reason; the 公表 as CSV; opened from the 管理 menu."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from domain.etsuran import Status
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.pdf_text import page_texts
from tests.support.protected import protected_town
from tests.support.qt import type_text
from ui.admin.etsuran_dialog import EtsuranDialog
from ui.shell.main_window import MainWindow


def _type(qtbot: QtBot, dialog: EtsuranDialog, name: str, text: str) -> None:
    field = dialog.fields[name]
    field.setFocus()
    type_text(field, text)


def test_enter_decide_list_and_publish_by_keyboard(qtbot: QtBot, registry: Registry, admin: Staff,
                                                   tmp_path: Path) -> None:
    protected_town(registry, admin)
    clerk, chief = registry.sign_in("clerk", "clerk-pw"), registry.sign_in("chief", "chief-pw")
    dialog = EtsuranDialog(registry, clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the Alt+digit shortcuts work in the active window
    assert not dialog.approve_button.isVisible()
    qtbot.keyClick(dialog.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 1
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # 個人
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text().startswith("申出者の氏名、申出者の住所、利用の区分、利用の目的、閲覧者")
    _type(qtbot, dialog, "applicant", "申出　次郎")
    _type(qtbot, dialog, "address", "東京都千代田区1番1号")
    dialog.purpose.setFocus()
    qtbot.keyClick(dialog.purpose, Qt.Key.Key_End)  # 居住関係の確認
    _type(qtbot, dialog, "use", "訴訟の提起のための居住関係の確認")
    dialog.readers.setFocus()
    type_text(dialog.readers, "申出　次郎／東京都千代田区1番1号")
    _type(qtbot, dialog, "management", "訴訟記録とともに保管する")
    _type(qtbot, dialog, "areas", "本町1丁目、本町9丁目、中町")
    qtbot.keyClick(dialog.fields["areas"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text().startswith("受付番号 2026-本庁1-001 で受け付けました"), dialog.message.text()
    assert dialog.tabs.currentIndex() == 0 and dialog.table.item(0, 1).text() == "審査中"
    qtbot.keyClick(dialog.table, Qt.Key.Key_F5)  # a 窓口 does not decide
    assert registry.etsuran.cases(clerk)[0].status is Status.PENDING
    dialog.close()

    dialog = EtsuranDialog(registry, chief)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F8)  # not approved yet
    assert "承認されていません" in dialog.message.text() and dialog.pdf is None
    qtbot.keyClick(dialog.table, Qt.Key.Key_F5)
    assert dialog.table.item(0, 1).text() == "承認"
    qtbot.keyClick(dialog.table, Qt.Key.Key_F8)
    assert dialog.made is not None and [line.name for line in dialog.made.lines] == ["乙川　太郎", "佐藤　一郎"]
    assert dialog.preview_label.text() == "閲覧用リスト　受付番号 2026-本庁1-001　2人"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 1
    assert dialog.save_list(tmp_path / "list.pdf")
    text = "".join(page_texts((tmp_path / "list.pdf").read_bytes()))
    assert "閲覧用" in text and "2026-本庁1-001" in text and "花子" not in text

    other = registry.etsuran.receive(chief, {**registry.etsuran.cases(chief)[0].request.to_json()})
    dialog.load(other.number)
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_F6)  # no reason yet
    assert dialog.message.text() == "拒否の理由：拒否の理由を入力してください"
    type_text(dialog.reason, "同じ申出が承認済み")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_F6)
    assert dialog.table.item(1, 1).text() == "拒否"

    qtbot.keyClick(dialog.table, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 2 and dialog.year.value() == 2026
    assert dialog.publish(tmp_path / "koho.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "koho.csv").read_bytes().decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["2026-本庁1-001"]
    assert dialog.publish(tmp_path / "koho.pdf") and "申出次郎" in "".join(page_texts((tmp_path / "koho.pdf").read_bytes()))


def test_opened_from_the_admin_menu(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    action = next(a for a in window.admin_menu.actions() if a.objectName() == "openEtsuran")
    action.trigger()
    assert isinstance(window.etsuran_dialog, EtsuranDialog) and window.etsuran_dialog.isVisible()
    window.etsuran_dialog.close()
