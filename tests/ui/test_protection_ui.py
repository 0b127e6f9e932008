"""支援措置 in the window, offscreen on a real replica: the 照会 banner, the supervisor's judgment in the 交付 screen,
and the 支援措置 dialog from the 管理 menu and the 照会 pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from domain.kofu_rules import RequesterKind
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family
from ui.admin.protection_dialog import ProtectionDialog
from ui.kofu.dialog import KofuDialog
from ui.kofu.judgment_dialog import JudgmentDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    atenas = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    return {"taro": atenas[0], "hanako": atenas[1], "chief": registry.sign_in("chief", "chief-pw"),
            "clerk": registry.sign_in("clerk", "clerk-pw")}


def protect(registry: Registry, town: dict[str, Any]) -> None:
    registry.protection.add(town["chief"], [town["hanako"]], list(Process),
                            [Offender("山田　太郎", "ヤマダ　タロウ", town["taro"])], note="配偶者からの暴力")


def window_for(qtbot: QtBot, registry: Registry, clock: Clock, actor: Staff) -> MainWindow:
    win = MainWindow(registry, actor)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_banner_says_what_is_restricted_and_names_the_offender_to_supervisors_only(
        qtbot: QtBot, registry: Registry, clock: Clock, town: dict[str, Any]) -> None:
    protect(registry, town)
    clerk_window = window_for(qtbot, registry, clock, town["clerk"])
    clerk_window.open_person(town["hanako"])
    banner = clerk_window.person_view.protection_banner
    assert banner.isVisible() and "支援措置" in banner.text()
    assert "抑止: 異動・交付・照会　令和9年11月26日まで" in banner.text()
    assert "写真付きの本人確認書類" in banner.text() and "加害者からの届出は受け付けません" in banner.text()
    assert "山田　太郎" not in banner.text()
    assert not clerk_window.person_view.protection_button.isVisible()
    assert not clerk_window.protection_action.isVisible()
    clerk_window.open_person(town["taro"])
    assert not banner.isVisible()

    chief_window = window_for(qtbot, registry, clock, town["chief"])
    chief_window.open_person(town["hanako"])
    assert "加害者: 山田　太郎（ヤマダ　タロウ）" in chief_window.person_view.protection_banner.text()
    assert chief_window.person_view.protection_button.isVisible()


def _lawyer(dialog: KofuDialog) -> None:
    form = dialog.form
    form.set_requester(RequesterKind.DAISANSHA)
    form.requester_name.setText("甲野　一郎")
    form.requester_address.setText("東京都千代田区霞が関1丁目1番1号")
    form.identification.setCurrentText("運転免許証")
    form.reason.setText("訴訟の提起")
    form.professional.setChecked(True)
    for edit, text in ((form.registration_no, "12345"), (form.office, "甲野法律事務所"), (form.form_no, "A-0001"),
                       (form.client, "乙川　春子")):
        edit.setText(text)


def _kofu(qtbot: QtBot, registry: Registry, actor: Staff, atena: str) -> KofuDialog:
    dialog = KofuDialog(registry, actor, registry.person(actor, atena))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def when_asked(dialog: KofuDialog, act: Callable[[JudgmentDialog], None]) -> None:
    """Act on the judgment dialog once it is shown (it runs its own event loop until it closes)."""
    timer = QTimer(dialog)
    timer.setInterval(10)

    def tick() -> None:
        judging = dialog.judgment_dialog
        if judging is not None and judging.isVisible():
            timer.stop()
            act(judging)

    timer.timeout.connect(tick)
    timer.start()


def test_a_request_that_needs_a_judgment_asks_a_supervisor_to_sign_in(qtbot: QtBot, registry: Registry,
                                                                      town: dict[str, Any]) -> None:
    protect(registry, town)
    dialog = _kofu(qtbot, registry, town["clerk"], town["hanako"])
    assert dialog.protection_label.isVisible()
    _lawyer(dialog)
    seen: list[str] = []

    def judge(judging: JudgmentDialog) -> None:
        judging.user_edit.setText("clerk")  # counter staff: refused in the dialog
        judging.password_edit.setText("clerk-pw")
        judging.reason_edit.setPlainText("裁判所の手続")
        judging.accept_button.click()
        seen.append(judging.error_label.text())
        judging.user_edit.setText("chief")
        judging.password_edit.setText("chief-pw")
        judging.accept_button.click()

    when_asked(dialog, judge)
    assert dialog.issue(), dialog.message.text()
    assert "係長以上" in seen[0]
    assert dialog.issued is not None and "係長 一（係長）の判断により" in dialog.message.text()
    last = registry.kofu.history(town["chief"], town["hanako"])[-1]
    assert last["judgment"]["judge"] == "chief" and last["judgment"]["reason"] == "裁判所の手続"
    assert last["staff"] == "clerk" and last["request"]["requester"]["professional"]["form_no"] == "A-0001"


def test_a_cancelled_judgment_leaves_the_request_refused(qtbot: QtBot, registry: Registry,
                                                         town: dict[str, Any]) -> None:
    protect(registry, town)
    dialog = _kofu(qtbot, registry, town["clerk"], town["hanako"])
    _lawyer(dialog)
    when_asked(dialog, lambda judging: judging.reject())
    assert not dialog.issue()
    assert dialog.issued is None and "係長の判断" in dialog.message.text()


def test_the_offender_is_refused_without_being_offered_a_judgment(qtbot: QtBot, registry: Registry,
                                                                  town: dict[str, Any]) -> None:
    protect(registry, town)
    dialog = _kofu(qtbot, registry, town["clerk"], town["hanako"])
    dialog.form.set_member(town["taro"])  # her husband, of the same household
    dialog.form.identification.setCurrentText("運転免許証")
    assert not dialog.issue()
    assert dialog.judgment_dialog is None and "加害者" in dialog.message.text()


def test_the_protection_dialog_starts_and_ends_a_measure_from_the_admin_menu(
        qtbot: QtBot, registry: Registry, clock: Clock, town: dict[str, Any]) -> None:
    win = window_for(qtbot, registry, clock, town["chief"])
    win.open_person(town["hanako"])
    assert not win.person_view.protection_banner.isVisible()
    win.protection_action.trigger()
    dialog = win.protection_dialog
    assert isinstance(dialog, ProtectionDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == 0 and "山田　花子" in dialog.person_label.text()
    assert dialog.end_date.date().toPython().isoformat() == "2027-11-26"  # one year by default
    dialog.process_boxes[Process.SHOUKAI].setChecked(False)
    dialog.offenders.setItem(0, 0, QTableWidgetItem("山田　太郎"))
    dialog.offenders.setItem(0, 1, QTableWidgetItem("ヤマダ　タロウ"))
    dialog.note.setText("配偶者からの暴力")
    dialog.start_button.click()
    assert dialog.table.rowCount() == 1, dialog.message.text()
    assert [dialog.table.item(0, c).text() for c in range(5)] == [
        "継続中", "異動・交付", "令和8年11月27日", "令和9年11月26日", "山田　太郎"]
    assert win.person_view.protection_banner.isVisible()  # the 照会 shows it at once
    assert "抑止: 異動・交付　" in win.person_view.protection_banner.text()

    dialog.table.selectRow(0)
    assert dialog.end_button.isEnabled()
    dialog.end_button.click()
    assert "終了の理由" in dialog.message.text()  # a reason is needed
    dialog.end_reason.setText("申出者からの取下げ")
    dialog.end_button.click()
    assert dialog.table.item(0, 0).text() == "終了"
    assert not win.person_view.protection_banner.isVisible()


def test_the_protection_dialog_finds_a_person_by_number_and_refuses_counter_staff(
        qtbot: QtBot, registry: Registry, town: dict[str, Any]) -> None:
    dialog = ProtectionDialog(registry, town["chief"])
    qtbot.addWidget(dialog)
    assert not dialog.new_box.isEnabled()
    dialog.atena_edit.setText(town["hanako"])
    dialog.load_from_field()
    assert dialog.new_box.isEnabled() and "山田　花子" in dialog.person_label.text()
    clerk_dialog = ProtectionDialog(registry, town["clerk"], registry.person(town["clerk"], town["hanako"]))
    qtbot.addWidget(clerk_dialog)
    assert "係長" in clerk_dialog.message.text() or "窓口の権限では" in clerk_dialog.message.text()
    assert not clerk_dialog.start_measure()


def test_the_idou_entry_says_the_person_is_protected(qtbot: QtBot, registry: Registry, clock: Clock,
                                                     town: dict[str, Any]) -> None:
    protect(registry, town)
    win = window_for(qtbot, registry, clock, town["clerk"])
    win.open_person(town["hanako"])
    win.open_idou()
    assert win.idou_dialog is not None and win.idou_dialog.protection_label.isVisible()
    win.idou_dialog.reject()
