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

from domain.etsuran import ETSURAN, Stamp, Status, decision_event
from domain.protection import Process
from local_store import documents
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.etsuran import kikan
from tests.support.pdf_text import page_texts
from tests.support.protected import protected_town
from tests.support.qt import type_text
from ui.admin.etsuran_dialog import COLUMNS, EtsuranDialog
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
    assert dialog.message.text().startswith("受付番号 2026-本庁1-"), dialog.message.text()
    number = registry.etsuran.cases(clerk)[0].number
    assert dialog.message.text().startswith(f"受付番号 {number} で受け付けました"), dialog.message.text()
    assert dialog.tabs.currentIndex() == 0 and dialog.table.item(0, 1).text() == "審査中"
    qtbot.keyClick(dialog.table, Qt.Key.Key_F5)  # a 窓口 does not decide
    assert registry.etsuran.cases(clerk)[0].status is Status.PENDING
    dialog.close()

    dialog = EtsuranDialog(registry, chief)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.job.finished):
        qtbot.keyClick(dialog.table, Qt.Key.Key_F8)  # not approved yet
    assert "承認されていません" in dialog.message.text() and dialog.pdf is None
    qtbot.keyClick(dialog.table, Qt.Key.Key_F5)
    assert dialog.table.item(0, 1).text() == "承認"
    with qtbot.waitSignal(dialog.job.finished):
        qtbot.keyClick(dialog.table, Qt.Key.Key_F8)
        assert dialog.job.running and not dialog.list_button.isEnabled()  # off the GUI thread
    assert dialog.made is not None and [line.name for line in dialog.made.lines] == ["乙川　太郎", "佐藤　一郎"]
    assert dialog.preview_label.text() == f"閲覧用リスト　受付番号 {number}　2人"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(dialog.job.finished):
        assert dialog.print_to(printer)
    assert dialog.message.text() == "1枚を印刷に送りました" and (tmp_path / "printed.pdf").exists()
    with qtbot.waitSignal(dialog.job.finished):
        assert dialog.save_list(tmp_path / "list.pdf")
    text = "".join(page_texts((tmp_path / "list.pdf").read_bytes()))
    assert "閲覧用" in text and number in text and "花子" not in text

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
    assert [row[0] for row in rows[1:]] == [number]
    assert dialog.publish(tmp_path / "koho.pdf") and "申出次郎" in "".join(page_texts((tmp_path / "koho.pdf").read_bytes()))


def test_opened_from_the_admin_menu(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    action = next(a for a in window.admin_menu.actions() if a.objectName() == "openEtsuran")
    action.trigger()
    assert isinstance(window.etsuran_dialog, EtsuranDialog) and window.etsuran_dialog.isVisible()
    window.etsuran_dialog.close()


def test_a_list_being_made_can_be_cancelled_and_one_printed_again_is_checked_again(
        qtbot: QtBot, registry: Registry, admin: Staff, tmp_path: Path) -> None:
    """The list is made in the background and may be cancelled before it is recorded; printed or saved again, it
    leaves out a person protected since, and a refusal that arrived since stops it."""
    town = protected_town(registry, admin)
    chief = registry.sign_in("chief", "chief-pw")
    number = registry.etsuran.receive(chief, kikan(areas=["本町1丁目", "中町"])).number
    registry.etsuran.approve(chief, number)
    dialog = EtsuranDialog(registry, chief)
    qtbot.addWidget(dialog)
    # The work waits for the replica, held here: it is cancelled before it records anything.
    with qtbot.waitSignal(dialog.job.finished), registry.store.lock:
        assert dialog.make_list() and dialog.cancel_button.isEnabled() and not dialog.progress.isHidden()
        dialog.cancel_button.click()
    assert dialog.message.text() == "閲覧用リストの作成を取り消しました" and dialog.made is None
    assert registry.etsuran.cases(chief)[0].lists == ()  # nothing recorded
    assert dialog.progress.isHidden() and not dialog.cancel_button.isEnabled()

    with qtbot.waitSignal(dialog.job.finished):
        dialog.make_list()
    assert dialog.made is not None and len(dialog.made.lines) == 2
    registry.protection.add(chief, [town.sato.atena_no], [Process.KOFU])
    with qtbot.waitSignal(dialog.job.finished):
        dialog.save_list(tmp_path / "again.pdf")
    assert dialog.message.text() == "作成後に支援措置の対象となった1人を除いて出力しました"
    text = "".join(page_texts((tmp_path / "again.pdf").read_bytes()))
    assert "乙川太郎" in text and "佐藤" not in text
    assert dialog.preview_label.text() == f"閲覧用リスト　受付番号 {number}　1人"

    case = registry.etsuran.cases(chief)[0]
    body = decision_event(case.doc_id, False, "請求事由が法令の事務にあたらない",
                          Stamp("chief2", "支所1", "2026-11-27T09:00:00+09:00"))
    registry.replication.ingest(documents.Document(
        documents.new_doc_id(), documents.revision_id(registry.store.data_key, None, False, body), ETSURAN, body))
    with qtbot.waitSignal(dialog.job.finished):
        dialog.save_list(tmp_path / "refused.pdf")
    assert "拒否されたため" in dialog.message.text() and not (tmp_path / "refused.pdf").exists()
    assert dialog.made is None and dialog.pdf is None


def test_a_request_naming_an_offender_is_marked_for_the_supervisor(qtbot: QtBot, registry: Registry,
                                                                   admin: Staff) -> None:
    protected_town(registry, admin)
    chief = registry.sign_in("chief", "chief-pw")
    registry.etsuran.receive(chief, kikan(readers=[{"name": "乙川太郎", "title": "主事"}]))
    dialog = EtsuranDialog(registry, chief)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, len(COLUMNS) - 1).text() == "加害者と一致"
    assert "乙川太郎 は支援措置の加害者として登録された者と一致します" in dialog.details.text()
    assert not dialog.approve() and "確認した内容を備考に入力" in dialog.message.text()
    type_text(dialog.reason, "同姓同名の別人であることを確認した")
    assert dialog.approve() and dialog.table.item(0, 1).text() == "承認"
