"""被災者台帳・罹災証明書 in the window, offscreen on a real replica."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from domain.disaster import AssessmentInput, Damage
from domain.kofu_rules import RequesterKind
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.audit import Filter
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family, person, tennyu
from ui.admin.disaster_dialog import DisasterDialog
from ui.kofu.judgment_dialog import JudgmentDialog
from ui.shell.main_window import MainWindow

QUAKE = "令和8年11月27日の地震"


def test_record_filter_issue_and_print(qtbot: QtBot, registry: Registry, admin: Staff, tmp_path: Path) -> None:
    setai_no = registry.apply(admin, family()).idou.rows[0].row.setai_no
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    dialog = DisasterDialog(registry, clerk, setai_no)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 0 and not dialog.save_button.isVisible() and not dialog.csv_button.isVisible()

    qtbot.keyClick(dialog.household, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no 罹災原因 yet
    assert dialog.message.text().startswith("罹災原因：")
    dialog.damage.setCurrentIndex(list(Damage).index(Damage.HANKAI))
    dialog.cause.setText(QUAKE)
    dialog.note.setPlainText("②住家　床上浸水")
    qtbot.keyClick(dialog.cause, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text().startswith("調査を記録しました")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "半壊"
    assert dialog.table.item(0, 6).text() == "本町2丁目"

    dialog.filter_damage.setCurrentIndex(1 + list(Damage).index(Damage.ZENKAI))
    assert dialog.table.rowCount() == 0
    dialog.filter_damage.setCurrentIndex(0)
    assert dialog.table.rowCount() == 1

    qtbot.keyClick(dialog.table, Qt.Key.Key_F8)  # the requester not identified yet: refused, and recorded
    assert dialog.issued is None and "本人確認の方法" in dialog.message.text()
    assert dialog.member.currentText() == f"山田　太郎（{setai_no}）"  # the 世帯主, among the household's members
    dialog.identification.setCurrentText("運転免許証")
    qtbot.keyClick(dialog.table, Qt.Key.Key_F8)
    assert dialog.issued is not None and dialog.issued.certificate.damage is Damage.HANKAI
    assert dialog.preview_label.text().startswith(f"罹災証明書　整理番号 {dialog.issued.number}")
    assert dialog.table.item(0, 4).text() == dialog.issued.number and dialog.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 1 and (tmp_path / "printed.pdf").stat().st_size > 0
    assert dialog.message.text() == "1枚を印刷に送りました"


def test_a_supervisor_saves_the_pdf_and_the_csv(qtbot: QtBot, registry: Registry, admin: Staff,
                                                tmp_path: Path) -> None:
    setai_no = registry.apply(admin, family()).idou.rows[0].row.setai_no
    dialog = DisasterDialog(registry, admin, setai_no)
    qtbot.addWidget(dialog)
    dialog.cause.setText(QUAKE)
    assert dialog.record()
    dialog.identification.setCurrentText("個人番号カード")
    assert dialog.save_pdf(tmp_path / "risai.pdf") and (tmp_path / "risai.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.export_csv(tmp_path / "daicho.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "daicho.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["世帯番号"], r["住家の被害の程度"], r["罹災証明書の整理番号"]) for r in rows] == \
        [(setai_no, "全壊", dialog.issued.number if dialog.issued else "")]


def test_the_menu_opens_it_for_the_household_shown(qtbot: QtBot, registry: Registry, admin: Staff,
                                                    clock: Clock) -> None:
    head = registry.apply(admin, family()).idou.rows[0].row
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.open_person(head.atena_no)
    window.findChild(type(window.admin_menu.actions()[0]), "openDisaster").trigger()
    assert window.disaster_dialog.household.text() == head.setai_no
    window.disaster_dialog.close()


def test_her_household_is_left_out_for_the_counter_and_her_certificate_needs_the_check(
        qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    taro = registry.apply(admin, family()).idou.rows[0].row
    hanako = registry.apply(admin, tennyu(person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主"),
                                          address="さくら県みどり町本町9丁目1番1号")).idou.rows[0].row
    registry.staff.add(admin, "chief", "係長　一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-pw")
    chief, clerk = registry.sign_in("chief", "chief-pw"), registry.sign_in("clerk", "clerk-pw")
    registry.protection.add(chief, [hanako.atena_no], list(Process), [Offender("山田　太郎", "", taro.atena_no)])
    for household in (taro.setai_no, hanako.setai_no):
        registry.disaster.record_assessment(clerk, AssessmentInput(household, "半壊", QUAKE))

    ledger = DisasterDialog(registry, clerk)
    qtbot.addWidget(ledger)
    assert [ledger.table.item(r, 0).text() for r in range(ledger.table.rowCount())] == [taro.setai_no]
    ledger.household.setText(hanako.setai_no)  # she is at the counter: her household, named, is found
    ledger.household_only.setChecked(True)
    assert [ledger.table.item(r, 0).text() for r in range(ledger.table.rowCount())] == [hanako.setai_no]

    dialog = DisasterDialog(registry, clerk, hanako.setai_no)  # opened from her 照会
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1 and dialog.member.currentData() == hanako.atena_no
    dialog.identification.setCurrentText("健康保険証と年金手帳")
    assert not dialog.issue() and "写真付き" in dialog.message.text()
    # Her 代理人: a supervisor judges, in the dialog the 交付 screen uses.
    dialog.requester_kind.setCurrentIndex(dialog.requester_kind.findData(RequesterKind.DAIRININ))
    dialog.requester_name.setText("支援　員")
    dialog.proxy_letter.setText("委任状（令和8年11月27日付）")
    dialog.identification.setCurrentText("運転免許証")
    timer = QTimer(dialog)
    timer.setInterval(10)

    def judge() -> None:
        judging: JudgmentDialog | None = dialog.judgment_dialog
        if judging is not None and judging.isVisible():
            timer.stop()
            judging.user_edit.setText("chief")
            judging.password_edit.setText("chief-pw")
            judging.reason_edit.setPlainText("支援団体の職員と確認した")
            judging.accept_button.click()

    timer.timeout.connect(judge)
    timer.start()
    assert dialog.issue(), dialog.message.text()
    assert dialog.issued is not None and dialog.message.text().startswith("係長　一（係長）の判断により発行しました")
    registry.audit.flush()
    refused = [e for e in registry.audit.entries(admin, Filter(action="交付拒否"))]
    assert [e.staff for e in refused] == ["clerk"]  # without a photo ID
    held = [e for e in registry.audit.entries(admin, Filter(action="交付保留"))]
    assert [e.staff for e in held] == ["clerk"]  # then asked for a judgment: a hold, not a refusal
