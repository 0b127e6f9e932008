"""The 照会 of a real day, on a real replica: the 異動履歴 with 異動日 and 届出日, the 年齢 beside the 生年月日 (満年齢,
one more on the birthday, by the registry's clock), 住所を定めた年月日 by one rule on the 照会 and the certificate,
and the person's 交付履歴, from which a 交付 is cancelled and issued again with the keyboard (offscreen); the same
through the facade and the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.kofu_rules import CertificateKind, RequesterKind, request_from
from domain.roles import Role
from local_store.audit import Filter
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import JST, NOTIFIER, Clock, family
from tests.support.cli import cli
from tests.support.pdf_text import page_texts
from tests.support.qt import search_typed, type_text
from tests.ui.test_daily_dialog import opened as opened_daily
from ui.kofu.cancel_dialog import CancelDialog
from ui.kofu.dialog import KofuDialog
from ui.shell.main_window import MainWindow

MOVED = {"text": "さくら県みどり町本町3丁目9番1号"}


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """The 山田 household moved in (異動日 R8.11.20, 届出日 R8.11.25); 花子 alone moved within the town (異動日
    R8.11.22, 届出日 R8.11.26); a clerk."""
    yamada = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.22", "notified_on": "R8.11.26", "notifier": NOTIFIER,
                           "targets": [yamada[1]], "address": MOVED, "relationships": {yamada[1]: "世帯主"}})
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-pw")
    return {"taro": yamada[0], "hanako": yamada[1], "ichiro": yamada[2], "clerk": registry.sign_in("clerk", "clerk-pw")}


def honnin(atena: str, identification: str = "資格確認書") -> Any:
    return request_from({"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.HONNIN, "atena_nos": [atena],
                         "requester_atena": atena, "identification": identification})


def window_for(qtbot: QtBot, registry: Registry, actor: Staff) -> MainWindow:
    win = MainWindow(registry, actor)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def opened(qtbot: QtBot, win: MainWindow, query: str) -> None:
    """Search, Down into the results, Enter: the 照会."""
    search_typed(qtbot, win, query)
    qtbot.keyClick(win.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert win.person_view.record is not None


# --- 3. the 照会's items ------------------------------------------------------------------------------------------


def test_the_inquiry_shows_idou_and_notification_dates_the_age_and_one_address_date_rule(
        qtbot: QtBot, registry: Registry, admin: Staff, town: dict[str, Any]) -> None:
    """Before: the 異動履歴 had only the 処理日, no 年齢 was shown, and 住所を定めた年月日 showed on the 照会 of one who
    never moved within the town while the certificate left it blank."""
    win = window_for(qtbot, registry, town["clerk"])
    opened(qtbot, win, "ヤマダ ハナコ")
    view = win.person_view
    assert view.value("生年月日") == "昭和52年3月3日（49歳）"  # on 2026-11-27
    assert view.history_table.texts() == [
        ["1", "国内転入", "令和8年11月20日", "令和8年11月25日", "令和8年11月27日", "さくら県みどり町本町2丁目3番4号"],
        ["2", "転居", "令和8年11月22日", "令和8年11月26日", "令和8年11月27日", "さくら県みどり町本町3丁目9番1号"]]
    assert view.value("住所を定めた年月日") == "令和8年11月22日"
    win.open_person(town["taro"])  # moved in, never within the town: blank, as the certificate prints it
    assert view.value("住所を定めた年月日") == "" and view.value("住民となった年月日") == "令和8年11月20日"
    for atena, printed in ((town["taro"], "住所を定めた年月日届出日"), (town["hanako"], "住所を定めた年月日令和8年11月22日")):
        (page,) = page_texts(registry.kofu.issue(admin, honnin(atena, "運転免許証"), render).pdfs[0])
        assert printed in page


def test_the_age_is_the_conventional_one_by_the_registry_s_clock(registry: Registry, admin: Staff, clock: Clock,
                                                                 town: dict[str, Any]) -> None:
    """山田 一郎, born H20.5.5: 18 the day before his birthday in 2027, 19 on it; none for the deceased."""
    clock.now = dt.datetime(2027, 5, 4, 9, 0, tzinfo=JST)
    assert registry.person(admin, town["ichiro"]).age == 18
    clock.now = dt.datetime(2027, 5, 5, 9, 0, tzinfo=JST)
    assert registry.person(admin, town["ichiro"]).age == 19
    registry.apply(admin, {"reason": "死亡", "idou_date": "R9.5.5", "targets": [town["ichiro"]]})
    assert registry.person(admin, town["ichiro"]).age is None


def test_show_on_the_command_line_has_the_same_items(registry: Registry, data_dir: Path,
                                                      town: dict[str, Any]) -> None:
    hanako = town["hanako"]
    registry.close()
    shown = cli(data_dir, "--as", "clerk", "--password-stdin", "show", hanako, stdin="clerk-pw\n")
    assert shown.returncode == 0, shown.stderr
    assert "生年月日 昭和52年3月3日（49歳）" in shown.stdout and "住所を定めた年月日 令和8年11月22日" in shown.stdout
    assert "2  転居  異動日 令和8年11月22日  届出日 令和8年11月26日  処理 2026-11-27" in shown.stdout
    as_json = json.loads(cli(data_dir, "--as", "clerk", "--password-stdin", "show", hanako, "--json",
                             stdin="clerk-pw\n").stdout)
    assert as_json["age"] == 49
    assert [(h["idou_date"], h["notified_on"]) for h in as_json["history"]] == [
        ("2026-11-20", "2026-11-25"), ("2026-11-22", "2026-11-26")]


# --- 1. the 交付履歴 in the 照会: cancel and issue again by keyboard ------------------------------------------------


def test_a_kofu_is_cancelled_and_issued_again_from_the_inquiry_by_keyboard(
        qtbot: QtBot, registry: Registry, admin: Staff, town: dict[str, Any]) -> None:
    """Before: a 交付 made with the wrong 本人確認 could not be cancelled in the window, nor issued again."""
    clerk, taro = town["clerk"], town["taro"]
    wrong = registry.kofu.issue(clerk, honnin(taro), render).issue_numbers[0]
    win = window_for(qtbot, registry, clerk)
    opened(qtbot, win, "ヤマダ タロウ")
    view = win.person_view
    [row] = view.issue_table.texts()
    assert row[1:6] == ["住民票の写し", "本人等", "交付", "clerk", wrong]
    assert not view.cancel_button.isEnabled()  # nothing chosen yet
    view.issue_table.setFocus()
    qtbot.keyClick(view.issue_table, Qt.Key.Key_Down)  # the first line is chosen
    assert view.chosen_issue() is not None and view.cancel_button.isEnabled()
    qtbot.keyClick(view.issue_table, Qt.Key.Key_Tab)
    assert win.focusWidget() is view.cancel_button
    qtbot.keyClick(view.cancel_button, Qt.Key.Key_Space)
    dialog = win.cancel_dialog
    assert isinstance(dialog, CancelDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason yet
    assert dialog.isVisible() and "取消しの理由を入力してください" in dialog.error_label.text()
    type_text(dialog.reason.lineEdit(), "本人確認書類の選択誤り")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.cancel_dialog is None)
    assert [r[3] for r in view.issue_table.texts()] == ["交付（取消済）", "取消"]  # the 照会 shown again
    assert view.issue_table.texts()[1][6] == "本人確認書類の選択誤り"

    view.issue_table.setFocus()
    view.issue_table.setCurrentCell(0, 0)
    assert view.reissue_button.isEnabled() and not view.cancel_button.isEnabled()
    qtbot.keyClick(view.issue_table, Qt.Key.Key_Tab)  # the cancelled 交付 cannot be cancelled again: skipped
    assert win.focusWidget() is view.reissue_button
    qtbot.keyClick(view.reissue_button, Qt.Key.Key_Space)
    again = win.kofu_dialog
    assert isinstance(again, KofuDialog) and again.reissue is not None
    qtbot.waitExposed(again)
    assert "再交付" in again.windowTitle() and not again.form.isEnabled()
    assert again.form.identification.currentText() == "資格確認書" and again.form.member.currentData() == taro
    qtbot.keyClick(again, Qt.Key.Key_Return)  # 発行
    assert again.issued is not None and "手数料 300円" in again.preview_label.text()
    qtbot.keyClick(again, Qt.Key.Key_Escape)  # not printed: warned first
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.kofu_dialog is None)
    assert [r[3] for r in view.issue_table.texts()] == ["交付（取消済）", "取消", "交付（再交付）"]
    assert wrong in view.issue_table.texts()[2][6]
    registry.audit.flush()
    actions = [e.action for e in registry.audit.entries(admin, Filter()) if e.staff == "clerk"]
    assert "交付取消" in actions and actions.count("交付") == 2


def test_another_clerk_is_told_why_she_may_not_cancel(qtbot: QtBot, registry: Registry, admin: Staff,
                                                       town: dict[str, Any]) -> None:
    registry.kofu.issue(admin, honnin(town["taro"], "運転免許証"), render)
    win = window_for(qtbot, registry, town["clerk"])
    win.open_person(town["taro"])
    view = win.person_view
    view.issue_table.setCurrentCell(0, 0)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    dialog = win.cancel_dialog
    assert dialog is not None
    dialog.reason.setCurrentIndex(2)  # 印刷の失敗（用紙の汚損・紙詰まり）
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and "交付した職員がその日のうちに" in dialog.error_label.text()
    assert [e["disposal"] for e in registry.kofu.history(admin, town["taro"])] == ["交付"]


def test_the_daily_dialog_lists_the_cancellation(qtbot: QtBot, registry: Registry, admin: Staff,
                                                 town: dict[str, Any]) -> None:
    number = registry.kofu.issue(town["clerk"], honnin(town["taro"]), render).issue_numbers[0]
    registry.kofu.cancel(town["clerk"], number, "本人確認書類の選択誤り")
    dialog = opened_daily(qtbot, registry, admin)
    assert dialog.kofu.item(0, 3).text() == "0円"  # the 手数料 is no longer counted
    assert "手数料の合計 0円" in dialog.total.text()
    assert f"取消 10:00 clerk: 住民票の写し {number}" in dialog.total.text()
    assert "理由: 本人確認書類の選択誤り" in dialog.total.text()
