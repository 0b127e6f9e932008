"""The 交付 screen on a real replica, offscreen: the rules explained, refusals shown, preview, printer, export; who
asks picked from the household or stated by kind, one list of 本人確認書類, and a terminal whose data is old."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from domain.kofu_rules import IDENTIFICATIONS, PHOTO_IDS, CertificateKind, Item, RequesterKind
from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from reports.verify import verify_pdf
from tests.support.builders import Clock, family, numbered
from tests.ui.test_protection_ui import when_asked
from ui.idou.dialog import IdouDialog
from ui.kofu.dialog import UNPRINTED_WARNING, KofuDialog
from ui.kofu.judgment_dialog import JudgmentDialog
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
    dialog.form.requester_name.setText("甲野　一郎")
    dialog.form.requester_address.setText("東京都千代田区霞が関1丁目1番1号")
    dialog.form.evidence.setText("金銭消費貸借契約書の写し")
    dialog.form.identification.setCurrentText("運転免許証")
    assert not dialog.issue()
    assert dialog.message.isVisible() and "第三者による請求には請求事由が必要です" in dialog.message.text()
    assert dialog.issued is None and dialog.preview.document() is None
    assert registry.kofu.history(admin, household[0]) == []  # 入力不備: put right at the counter, not a refusal


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
    for request in numbered(household[:1], mynumbers=False) + numbered(household[1:3], 1):
        registry.apply(admin, request)
    # the youngest son moves out on his own, elsewhere, with no number yet
    for leaving, to in ((household[:3], "東京都港区芝公園1丁目1番1号"), (household[3:], "東京都港区芝公園2丁目2番2号")):
        registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                               "notifier": {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"},
                               "targets": leaving, "destination": to})
    waiting = dialog_for(qtbot, registry, admin, household[3])  # 施行令24条: nothing is printed blank
    assert "住民票コード・個人番号が記録されていないため転出証明書を交付できません" in waiting.form.kind_note.text()
    waiting.close()
    dialog = dialog_for(qtbot, registry, admin, household[0])
    assert dialog.form.kind is CertificateKind.TENSHUTSU and not dialog.form.kind_note.text()
    assert all(not box.isEnabled() for box in dialog.form.items.values())  # every item is printed
    dialog.form.set_requester(RequesterKind.DAISANSHA)
    assert "転出する本人等" in dialog.form.kind_note.text()
    dialog.form.set_requester(RequesterKind.HONNIN)
    dialog.form.whole_household.setChecked(True)
    dialog.form.identification.setCurrentText("個人番号カード")
    assert dialog.issue(), dialog.message.text()
    assert dialog.pdf is not None and dialog.pdf.page_count == 1
    assert "転出証明書" in dialog.preview_label.text()


def test_honnin_is_picked_from_the_household_and_recorded_by_number(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                   household: list[str]) -> None:
    dialog = dialog_for(qtbot, registry, admin, household[0])
    form = dialog.form
    assert form.requester is RequesterKind.HONNIN and not form.requester_name.isVisible()
    assert form.member.isVisible() and form.member.count() == 4 and form.member.currentData() == household[0]
    assert form.member.itemText(1) == "山田　花子（妻）"
    form.set_member(household[1])
    form.identification.setCurrentText("個人番号カード")
    assert dialog.issue(), dialog.message.text()
    (entry,) = registry.kofu.history(admin, household[0])
    assert entry["request"]["requester"]["atena_no"] == household[1]
    assert entry["request"]["requester"]["name"] == "山田　花子"


def test_the_requester_s_items_are_emptied_when_the_kind_of_requester_changes(
        qtbot: QtBot, registry: Registry, admin: Staff, household: list[str]) -> None:
    """Before: the 本人's name stayed in the field as the 第三者's."""
    dialog = dialog_for(qtbot, registry, admin, household[0])
    form = dialog.form
    form.set_requester(RequesterKind.DAISANSHA)
    assert form.requester_name.isVisible() and form.requester_name.text() == ""
    assert form.values()["requester_name"] == "" and "requester_atena" not in form.values()
    form.requester_name.setText("乙川　春子")
    form.requester_address.setText("東京都港区芝公園1丁目1番1号")
    form.identification.setCurrentText("運転免許証")
    form.set_requester(RequesterKind.DAIRININ)
    assert form.requester_name.text() == form.requester_address.text() == form.identification.currentText() == ""
    assert form.member_label.text() == "委任者（本人等）" and form.proxy_letter.isVisible()
    form.set_requester(RequesterKind.DAISANSHA)
    assert form.evidence.isVisible() and not form.registration_no.isVisible()
    form.professional.setChecked(True)
    assert not form.evidence.isVisible() and form.registration_no.isVisible() and form.client.isVisible()
    assert [form.qualification.itemText(i) for i in range(form.qualification.count())] == [
        "弁護士", "司法書士", "土地家屋調査士", "税理士", "社会保険労務士", "弁理士", "海事代理士", "行政書士"]
    form.set_requester(RequesterKind.KOUYOU)
    assert form.name_label.text() == "機関の名称" and form.legal_basis.isVisible() and form.agency_officer.isVisible()
    assert not form.professional.isVisible() and not form.requester_address.isVisible()


def test_one_list_of_identity_documents_on_every_screen(qtbot: QtBot, registry: Registry, admin: Staff,
                                                        household: list[str]) -> None:
    dialog = dialog_for(qtbot, registry, admin, household[0])
    kofu = dialog.form.identification
    listed = [kofu.itemText(i) for i in range(kofu.count())]
    assert listed == list(IDENTIFICATIONS) and listed[:len(PHOTO_IDS)] == list(PHOTO_IDS)
    assert listed[0] == "個人番号カード" and "資格確認書" in listed
    assert not {"公用請求書", "職務上請求書"} & set(listed) and not any("健康保険証" in d for d in listed)
    idou = IdouDialog(registry, admin, None)
    qtbot.addWidget(idou)
    (notifier,) = [c for c in idou.findChildren(QComboBox) if c.itemText(0) == listed[0]]
    assert [notifier.itemText(i) for i in range(notifier.count())] == listed


def test_an_old_replica_says_so_and_a_third_party_needs_another_supervisor(
        qtbot: QtBot, registry: Registry, admin: Staff, household: list[str]) -> None:
    registry.replication.set_sync_state({"cloud_url": "https://cloud.example.jp/town"})
    registry.replication.mark_synced(registry.now() - dt.timedelta(hours=30))
    chief = staff(registry, admin, Role.SUPERVISOR)
    dialog = dialog_for(qtbot, registry, chief, household[0])
    assert dialog.data_age_label.isVisible()
    assert "この端末のデータは最後の同期から30時間経過しています" in dialog.data_age_label.text()
    form = dialog.form
    form.set_requester(RequesterKind.DAISANSHA)
    form.requester_name.setText("乙川　春子")
    form.requester_address.setText("東京都港区芝公園1丁目1番1号")
    form.reason.setText("貸金の返還請求")
    form.evidence.setText("金銭消費貸借契約書")
    form.identification.setCurrentText("運転免許証")
    seen: list[str] = []

    def judge(judging: JudgmentDialog) -> None:
        seen.append(judging.findChild(QLabel).text())
        judging.user_edit.setText("chief")  # the one processing the request: refused in the dialog
        judging.password_edit.setText("chief-password")
        judging.reason_edit.setPlainText("契約書の原本を確認")
        judging.accept_button.click()
        seen.append(judging.error_label.text())
        judging.user_edit.setText("admin")
        judging.password_edit.setText("admin-password")
        judging.accept_button.click()

    when_asked(dialog, judge)
    assert dialog.issue(), dialog.message.text()
    assert "最後の同期から30時間" in seen[0] and "係長さんとは別の係長以上の職員" in seen[0]
    assert "別の係長以上の職員" in seen[1]
    entry = registry.kofu.history(admin, household[0])[-1]
    assert entry["staff"] == "chief" and entry["judgment"]["judge"] == "admin"
    assert entry["judgment"]["needed"] == ["同期遅延"]


def test_the_office_items_are_asked_for_on_a_kisai_only(qtbot: QtBot, registry: Registry, admin: Staff,
                                                        household: list[str]) -> None:
    """法7条9号〜11号の2: a box of the 交付 screen, open on the 住民票記載事項証明書 and greyed with the reason on a
    住民票の写し; the 記載事項証明書 issued with it prints them."""
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26",
                           "set": {household[0]: {"offices": {"elector": True}}}})
    dialog = dialog_for(qtbot, registry, admin, household[0])
    box = dialog.form.items[Item.OFFICES]
    assert box.text() == "選挙人名簿・国保・年金等" and not box.isEnabled()
    assert "記載事項証明書で請求してください" in dialog.form.item_notes[Item.OFFICES].text()
    dialog.form.set_kind(CertificateKind.KISAI)
    assert box.isEnabled() and not dialog.form.item_notes[Item.OFFICES].text()
    box.setChecked(True)
    dialog.form.identification.setCurrentText("個人番号カード")
    assert dialog.issue(), dialog.message.text()
    assert dialog.pdf is not None
    (entry,) = registry.kofu.history(admin, household[0])
    assert entry["items"] == [Item.OFFICES.value]


def test_a_pdf_that_cannot_be_written_is_told_not_raised(qtbot: QtBot, registry: Registry, admin: Staff,
                                                         household: list[str], tmp_path: Path) -> None:
    """Before: the 交付 dialog alone wrote the file unguarded, and a folder gone failed in the slot."""
    chief = staff(registry, admin, Role.SUPERVISOR)
    dialog = dialog_for(qtbot, registry, chief, household[0])
    dialog.form.identification.setCurrentText("運転免許証")
    assert not dialog.save_pdf(tmp_path / "gone" / "juminhyo.pdf")
    assert dialog.message.text().startswith("ファイルに書けませんでした（") and not dialog.printed
