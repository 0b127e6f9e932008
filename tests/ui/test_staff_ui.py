"""The window offscreen: sign-in with a one-time password, sign-out, 職員の管理 and 操作記録 on a real replica."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from domain import totp
from domain.roles import Role
from local_store import lockout
from local_store.errors import SignInError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, Clock, family
from ui.admin.audit_dialog import AuditDialog
from ui.admin.staff_dialog import StaffDialog
from ui.admin.staff_forms import NewStaffDialog, PasswordDialog, SecondFactorDialog
from ui.shell.main_window import MainWindow
from ui.shell.sign_in_dialog import SignInDialog


def code(seed: str, clock: Clock, shift: int = 0) -> str:
    return totp.totp(totp.seed_bytes(seed), clock.now.timestamp() + shift * totp.STEP_SECONDS)


@pytest.fixture
def window(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock) -> MainWindow:
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


# --- sign-in with the second factor -----------------------------------------------------------------------------


def test_sign_in_asks_for_the_one_time_password_after_a_right_password(qtbot: QtBot, registry: Registry,
                                                                      admin: Staff, clock: Clock) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "tanaka-pw")
    seed = totp.new_seed()
    registry.staff.enable_second_factor(admin, "tanaka", seed, code(seed, clock))
    dialog = SignInDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.asks_one_time_password and not dialog.otp_edit.isVisible()

    qtbot.keyClicks(dialog.user_edit, "tanaka")
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password_edit, "tanaka-pw")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.asks_one_time_password and dialog.otp_edit.isVisible()
    assert dialog.focusWidget() is dialog.otp_edit and "ワンタイムパスワード" in dialog.error_label.text()
    assert dialog.staff is None and dialog.isVisible()

    right = code(seed, clock)
    qtbot.keyClicks(dialog.otp_edit, f"{(int(right) + 1) % 1_000_000:06d}")
    qtbot.keyClick(dialog.otp_edit, Qt.Key.Key_Return)
    assert "ワンタイムパスワードが違います" in dialog.error_label.text()
    assert dialog.otp_edit.text() == "" and dialog.focusWidget() is dialog.otp_edit
    assert dialog.password_edit.text() == "tanaka-pw"  # kept: only the code was wrong

    qtbot.keyClicks(dialog.otp_edit, right)
    qtbot.keyClick(dialog.otp_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.staff is not None and dialog.staff.user == "tanaka"


def test_sign_in_says_when_an_account_is_locked(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "tanaka-pw")
    dialog = SignInDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_edit.setText("tanaka")
    for _ in range(lockout.MAX_FAILURES):
        dialog.password_edit.setText("wrong")
        dialog.try_sign_in()
    assert "ロックされています" in dialog.error_label.text()
    dialog.password_edit.setText("tanaka-pw")
    dialog.try_sign_in()
    assert "ロックされています" in dialog.error_label.text() and dialog.staff is None


# --- the menu by role, and signing out --------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "staff_shown", "audit_shown"), [
    (Role.COUNTER, False, False), (Role.SUPERVISOR, False, True), (Role.ADMIN, True, True)])
def test_the_menu_offers_staff_and_audit_by_role(qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock,
                                                 role: Role, staff_shown: bool, audit_shown: bool) -> None:
    registry.staff.add(admin, "someone", "誰か", role, "pw")
    win = MainWindow(registry, registry.sign_in("someone", "pw"))
    qtbot.addWidget(win)
    assert win.staff_action.isVisible() is staff_shown
    assert win.audit_action.isVisible() is audit_shown
    assert win.sign_out_action.isVisible()


def test_sign_out_hides_the_data_and_whoever_signs_in_next_acts(qtbot: QtBot, window: MainWindow,
                                                                registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    window.open_person(atena)
    assert window.person_view.record is not None
    window.sign_out_action.trigger()
    dialog = window.idle_lock.dialog
    assert dialog is not None and not window.centralWidget().isVisible()
    assert dialog.user_edit.text() == "" and "サインアウトしました" in dialog.place_label.text()
    assert window.person_view.record is None and window.model.rowCount() == 0
    assert registry.store.conn.execute("SELECT count(*) FROM audit WHERE action = 'サインアウト'").fetchone()[0] == 1

    dialog.user_edit.setText("clerk")
    dialog.password_edit.setText("clerk-pw")
    dialog.try_sign_in()
    assert window.centralWidget().isVisible() and window.staff.user == "clerk"
    assert not window.staff_action.isVisible() and not window.audit_action.isVisible()
    window.close()


# --- 職員の管理 --------------------------------------------------------------------------------------------------------


def open_staff(qtbot: QtBot, window: MainWindow) -> StaffDialog:
    window.staff_action.trigger()
    dialog = window.staff_dialog
    qtbot.waitExposed(dialog)
    return dialog


def rows(dialog: StaffDialog) -> dict[str, list[str]]:
    table = dialog.table
    return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}


def test_an_administrator_manages_staff_in_the_window(qtbot: QtBot, window: MainWindow, registry: Registry,
                                                      clock: Clock) -> None:
    dialog = open_staff(qtbot, window)
    assert rows(dialog)["admin"][2:5] == ["管理者", "利用中", "なし"]

    dialog.add_button.click()
    form = dialog.form
    assert isinstance(form, NewStaffDialog)
    form.user_edit.setText("tanaka")
    form.name_edit.setText("田中 一")
    form.role.setCurrentText("窓口")
    form.password_edit.setText("first-pw")
    form.confirm_edit.setText("typo")
    form.ok_button.click()
    assert form.isVisible() and "一致しません" in form.error_label.text()
    form.confirm_edit.setText("first-pw")
    form.ok_button.click()
    assert rows(dialog)["tanaka"][1:5] == ["田中 一", "窓口", "利用中", "なし"]
    assert dialog.selected_user() == "tanaka" and "tanaka を登録しました" in dialog.message.text()

    dialog.role.setCurrentText("係長")
    dialog.role_button.click()
    assert rows(dialog)["tanaka"][2] == "係長"
    dialog.disable_button.click()
    assert rows(dialog)["tanaka"][3] == "利用停止" and dialog.enable_button.isEnabled()
    dialog.enable_button.click()
    assert rows(dialog)["tanaka"][3] == "利用中"

    dialog.password_button.click()
    reset = dialog.form
    assert isinstance(reset, PasswordDialog)
    reset.password_edit.setText("second-pw")
    reset.confirm_edit.setText("second-pw")
    reset.ok_button.click()
    assert registry.sign_in("tanaka", "second-pw").role is Role.SUPERVISOR

    dialog.totp_button.click()
    setup = dialog.form
    assert isinstance(setup, SecondFactorDialog)
    seed = setup.seed_edit.text().replace(" ", "")
    assert setup.uri_edit.text().startswith("otpauth://totp/") and not setup.qr_label.pixmap().isNull()
    setup.code_edit.setText("000000" if code(seed, clock) != "000000" else "111111")
    setup.ok_button.click()
    assert setup.isVisible() and "違います" in setup.error_label.text()
    setup.code_edit.setText(code(seed, clock))
    setup.ok_button.click()
    assert rows(dialog)["tanaka"][4] == "設定済み"

    for _ in range(lockout.MAX_FAILURES):
        with pytest.raises(SignInError):  # the last one: AccountLocked
            registry.sign_in("tanaka", "wrong")
    dialog.refresh(keep="tanaka")
    assert rows(dialog)["tanaka"][3].startswith("ロック中") and dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert rows(dialog)["tanaka"][3] == "利用中"

    dialog.totp_remove_button.click()
    assert rows(dialog)["tanaka"][4] == "なし"
    assert registry.sign_in("tanaka", "second-pw").user == "tanaka"


def test_a_refusal_is_said_in_red_under_the_list(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_staff(qtbot, window)
    dialog.select_user("admin")
    dialog.disable_button.click()
    assert "管理者が一人もいなくなる" in dialog.message.text() and "b00020" in dialog.message.styleSheet()
    assert rows(dialog)["admin"][3] == "利用中"


def test_concurrent_changes_are_flagged_in_the_list(qtbot: QtBot, registry: Registry, admin: Staff,
                                                    data_dir: Path, tmp_path: Path) -> None:
    import shutil

    registry.staff.add(admin, "tanaka", "田中 一", Role.SUPERVISOR, "pw")
    registry.close()
    shutil.copytree(data_dir, tmp_path / "other")
    here, there = Registry.open(data_dir, clock=Clock()), Registry.open(tmp_path / "other", clock=Clock())
    me = here.sign_in(*ADMIN[::2])
    here.staff.change_role(me, "tanaka", Role.COUNTER)
    there.staff.change_role(there.sign_in(*ADMIN[::2]), "tanaka", Role.ADMIN)
    for doc_id in [r[0] for r in there.store.conn.execute("SELECT id FROM docs WHERE class = 'staff'")]:
        if here.replication.document(doc_id) is None:
            here.replication.ingest(there.replication.document(doc_id))  # type: ignore[arg-type]
    dialog = StaffDialog(here, me)
    qtbot.addWidget(dialog)
    assert rows(dialog)["tanaka"][2] == "窓口"
    assert rows(dialog)["tanaka"][5] == "権限が別の端末で同時に変更されました（制限の強い方を適用中）"
    dialog.close()
    here.close()
    there.close()


# --- 操作記録 ----------------------------------------------------------------------------------------------------------


def test_a_supervisor_browses_filters_verifies_and_exports_the_audit(qtbot: QtBot, registry: Registry,
                                                                     admin: Staff, tmp_path: Path) -> None:
    registry.staff.add(admin, "kakaricho", "係長 一", Role.SUPERVISOR, "pw")
    supervisor = registry.sign_in("kakaricho", "pw")
    registry.search(supervisor, "ヤマダ")
    dialog = AuditDialog(registry, supervisor)
    qtbot.addWidget(dialog)
    actions = [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())]
    assert "職員登録" in actions and "検索" in actions and "サインイン" in actions

    dialog.staff_edit.setText("kakaricho")
    dialog.action_edit.setText("検索")
    dialog.show_button.click()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "kakaricho"
    assert "ヤマダ" in dialog.table.item(0, 6).text() and dialog.count_label.text() == "1件"

    dialog.verify_button.click()
    assert not dialog.verify_button.isEnabled()  # checked off the GUI thread
    qtbot.waitUntil(dialog.verify_button.isEnabled)
    assert dialog.result.text().startswith("異常はありません")

    out = tmp_path / "audit.csv"
    assert dialog.export_button.isVisible() or not dialog.isVisible()
    dialog.export_to(out)
    qtbot.waitUntil(dialog.export_button.isEnabled)
    exported = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(exported) == 2 and exported[1][3] == "kakaricho" and exported[1][4] == "検索"
    assert "audit.csv に 1件を出力しました" in dialog.result.text()

    registry.store.conn.execute("DROP TRIGGER audit_no_update")
    registry.store.conn.execute("UPDATE audit SET staff = 'someone' WHERE seq = 2")
    dialog.verify_button.click()
    qtbot.waitUntil(dialog.verify_button.isEnabled)
    assert dialog.result.text().startswith("改ざんの疑いがあります") and "2 番の記録" in dialog.result.text()
