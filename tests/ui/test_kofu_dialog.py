"""The 交付 screen on a real replica, offscreen: the rules explained, refusals shown, preview, printer, export."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from domain.kofu_rules import CertificateKind, Item, RequesterKind
from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from reports.verify import verify_pdf
from tests.support.builders import Clock, family
from ui.kofu.dialog import UNPRINTED_WARNING, KofuDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    return [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]


def staff(registry: Registry, admin: Staff, role: Role) -> Staff:
    user = {Role.COUNTER: "clerk", Role.SUPERVISOR: "chief", Role.ADMIN: "admin2"}[role]
    registry.staff.add(admin, user, role.value, role, f"{user}-password")
    return registry.sign_in(user, f"{user}-password")


def dialog_for(qtbot: QtBot, registry: Registry, actor: Staff, atena_no: str) -> KofuDialog:
    dialog = KofuDialog(registry, actor, registry.person(actor, atena_no))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_f8_in_the_window_opens_the_dialog_for_the_person_shown(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                 clock: Clock, household: list[str]) -> None:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    qtbot.keyClick(win.search_field, Qt.Key.Key_F8)
    assert win.kofu_dialog is None and "照会してから" in win.message_label.text()
    win.open_person(household[1])
    assert win.person_view.kofu_button.text() == "F8 交付"
    qtbot.keyClick(win.search_field, Qt.Key.Key_F8)
    dialog = win.kofu_dialog
    assert dialog is not None and dialog.isVisible() and "山田　花子" in dialog.windowTitle()
    assert dialog.form.kind is CertificateKind.JUMINHYO and dialog.form.chosen() == [household[1]]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.kofu_dialog is None, timeout=2000)


def test_a_third_party_without_a_reason_is_refused_with_the_reason_shown(
        qtbot: QtBot, registry: Registry, admin: Staff, household: list[str]) -> None:
    dialog = dialog_for(qtbot, registry, admin, household[0])
    dialog.form.set_requester(RequesterKind.DAISANSHA)
    # The rules are explained before issuing: 個人番号 and 住民票コード are greyed out with the law named.
    for item in (Item.MYNUMBER, Item.JUMINHYO_CODE):
        assert not dialog.form.items[item].isEnabled()
        assert "法12条の3" in dialog.form.items[item].toolTip() and dialog.form.item_notes[item].text()
    assert dialog.form.items[Item.ZAIRYU].toolTip() == "外国人住民の項目です"
    assert dialog.form.items[Item.HONSEKI].isEnabled()
    dialog.form.requester_name.setText("弁護士　甲野　一郎")
    dialog.form.identification.setCurrentText("職務上請求書")
    assert not dialog.issue()
    assert dialog.message.isVisible() and "第三者による請求には請求事由が必要です" in dialog.message.text()
    assert dialog.issued is None and dialog.preview.document() is None
    (entry,) = registry.kofu.history(admin, household[0])
    assert entry["disposal"] == "拒否" and "請求事由" in entry["refusal"]


def test_enter_moves_on_and_a_valid_request_previews_and_prints(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                 household: list[str], tmp_path: Path) -> None:
    clerk = staff(registry, admin, Role.COUNTER)
    dialog = dialog_for(qtbot, registry, clerk, household[0])
    assert not dialog.save_button.isVisible()  # a file is an export: 係長 and above
    dialog.form.identification.setFocus()
    qtbot.keyClick(dialog.form.identification, Qt.Key.Key_Return)
    assert dialog.issued is None and dialog.focusWidget() is not dialog.form.identification  # Enter moved on
    dialog.form.identification.setCurrentText("運転免許証")
    dialog.form.whole_household.setChecked(True)
    dialog.form.items[Item.SETAINUSHI].setChecked(True)
    dialog.form.copies.setValue(2)
    assert dialog.form.fee_label.text() == "600円（300円×2通）"
    dialog.form.copies.setFocus()
    qtbot.keyClick(dialog.form.copies, Qt.Key.Key_Return)  # Enter in the last field issues
    assert dialog.issued is not None, dialog.message.text()
    assert dialog.pdf is not None and dialog.pdf.page_count == 2  # four persons a sheet, two copies
    assert dialog.preview.document() is dialog.pdf.document
    first, second = dialog.issued.issue_numbers
    assert first != second and first in dialog.preview_label.text() and "手数料 600円" in dialog.preview_label.text()
    assert not dialog.form.isEnabled() and dialog.print_button.isEnabled()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # not printed yet: the first Esc warns
    assert dialog.isVisible() and dialog.message.text() == UNPRINTED_WARNING

    out = tmp_path / "printed.pdf"  # a test printer only; the dialog itself refuses printing to a file
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer) == 2 and dialog.printed
    printed = PdfReader(out)
    assert len(printed.pages) == 2
    box = printed.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4
    assert sorted(e["disposal"] for e in registry.kofu.history(admin, household[0])) == ["交付"]


def test_save_as_pdf_for_a_supervisor_is_an_audited_export(qtbot: QtBot, registry: Registry, admin: Staff,
                                                           household: list[str], tmp_path: Path) -> None:
    chief = staff(registry, admin, Role.SUPERVISOR)
    dialog = dialog_for(qtbot, registry, chief, household[0])
    assert dialog.save_button.isVisible() and dialog.save_button.isEnabled()
    dialog.form.identification.setCurrentText("運転免許証")
    out = tmp_path / "juminhyo.pdf"
    assert dialog.save_pdf(out)
    assert verify_pdf(out.read_bytes(), registry.kofu.public_key()).ok
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 1
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()  # one 交付, one destination
    registry.audit.flush()
    actions = [r[0] for r in registry.store.conn.execute("SELECT action FROM audit WHERE staff = 'chief' ORDER BY seq")]
    assert actions[-2:] == ["交付", "証明書ファイル出力"]


def test_tenshutsu_is_offered_after_a_kokunai_tenshutsu(qtbot: QtBot, registry: Registry, admin: Staff,
                                                        household: list[str]) -> None:
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                           "notifier": {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"},
                           "targets": household, "destination": "東京都港区芝公園1丁目1番1号"})
    dialog = dialog_for(qtbot, registry, admin, household[0])
    assert dialog.form.kind is CertificateKind.TENSHUTSU
    assert all(not box.isEnabled() for box in dialog.form.items.values())  # every item is printed
    dialog.form.set_requester(RequesterKind.DAISANSHA)
    assert "転出する本人等" in dialog.form.kind_note.text()
    dialog.form.set_requester(RequesterKind.HONNIN)
    dialog.form.whole_household.setChecked(True)
    dialog.form.identification.setCurrentText("個人番号カード")
    assert dialog.issue(), dialog.message.text()
    assert dialog.pdf is not None and dialog.pdf.page_count == 1
    assert "転出証明書" in dialog.preview_label.text()
