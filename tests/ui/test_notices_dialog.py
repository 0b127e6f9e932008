"""The 通知（送付・受付） window: the outbox by kind and its export with a 管理者's approval; a received notice shows the
異動 it would record and is recorded only after 「確認して登録」 and the confirmation; 「却下」 needs a reason."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family
from tests.support.notices import birth, death, notice_file, write
from tests.support.protected import protected_town
from ui.admin.notices_dialog import NoticesDialog


def test_the_outbox_is_listed_by_kind_and_exported_with_an_approval(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                    tmp_path: Path) -> None:
    registry.apply(admin, family())
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-password")
    dialog = NoticesDialog(registry, registry.sign_in("clerk", "clerk-password"))
    qtbot.addWidget(dialog)
    assert dialog.outbox.rowCount() == 11 and dialog.pending_count.text() == "送付待ち 11 件"
    dialog.kind.setCurrentIndex(dialog.kind.findText("転入通知"))
    assert dialog.outbox.rowCount() == 4
    assert [dialog.outbox.item(0, c).text() for c in (0, 1, 4)] == ["転入通知", "東京都千代田区", "令和8年11月20日"]
    out = tmp_path / "tennyu.json"
    dialog.out_edit.setText(str(out))
    dialog.export_button.click()
    approval = dialog.approval
    assert approval is not None and approval.isVisible() and not out.exists()
    approval.user_edit.setText("admin")
    approval.password_edit.setText("admin-password")
    approval.try_approve()
    qtbot.waitUntil(dialog.export_button.isEnabled)  # written off the GUI thread
    assert "通知 4 件" in dialog.message.text()
    assert {n["kind"] for n in json.loads(out.read_text(encoding="utf-8"))["notices"]} == {"転入通知"}
    assert dialog.outbox.rowCount() == 0
    dialog.kind.setCurrentIndex(0)
    assert dialog.outbox.rowCount() == 7
    assert [dialog.kind.itemText(i) for i in range(1, dialog.kind.count())] == [
        "転入通知", "附票記載事項通知", "本人確認情報", "選挙管理委員会への通知", "法務大臣への通知"]
    dialog.kind.setCurrentIndex(dialog.kind.findText("選挙管理委員会への通知"))  # 住基法15条2項: the three adults
    assert dialog.outbox.rowCount() == 3
    assert {dialog.outbox.item(r, 1).text() for r in range(3)} == {"さくら県みどり町選挙管理委員会"}


def test_a_received_notice_is_recorded_only_after_confirmation(qtbot: QtBot, registry: Registry, admin: Staff,
                                                              tmp_path: Path) -> None:
    registry.apply(admin, family())
    dialog = NoticesDialog(registry, admin)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    bad = birth()
    del bad["person"]["sex"]
    dialog.in_edit.setText(str(write(tmp_path / "bad.json", notice_file(bad))))
    dialog.take_in()
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert "取り込めません" in dialog.message.text() and "1件目（ID b1）" in dialog.message.text()
    assert dialog.inbox.rowCount() == 0
    dialog.in_edit.setText(str(write(tmp_path / "koseki.json", notice_file(birth(), death()))))
    dialog.take_in()
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.inbox.rowCount() == 2 and dialog.inbox.item(0, 4).text() == "受付"

    dialog.inbox.selectRow(0)
    assert "異動事由 出生" in dialog.plan_label.text() and dialog.problem.text() == ""
    assert "生年月日：令和" in dialog.notice_label.text()
    planned = dialog.plan_table
    assert planned is not None and planned.item(0, 5).text().startswith("記載")
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    assert dialog.confirmation is not None and "出生（異動日 令和8年11月10日）を登録します: 山田　三郎" in dialog.confirmation.text()
    dialog.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert registry.residents.counts()["residents"] == 4 and dialog.inbox.item(0, 4).text() == "受付"
    dialog.apply_button.click()
    dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert registry.residents.counts()["residents"] == 5
    assert dialog.inbox.item(0, 4).text() == "処理済" and "出生を登録しました" in dialog.message.text()
    assert not dialog.apply_button.isEnabled() and not dialog.reject_button.isEnabled()

    dialog.inbox.selectRow(1)
    dialog.reject_button.click()
    assert "却下の理由" in dialog.message.text() and dialog.inbox.item(1, 4).text() == "受付"
    dialog.reason.setText("戸籍の確認中")
    dialog.reject_button.click()
    assert dialog.inbox.item(1, 4).text() == "却下（戸籍の確認中）"
    assert registry.residents.counts()["residents"] == 5


def test_a_protected_person_s_notices_are_left_out_for_the_counter(qtbot: QtBot, registry: Registry,
                                                                    admin: Staff) -> None:
    protected_town(registry, admin)
    names = {}
    for user in ("clerk", "chief"):
        dialog = NoticesDialog(registry, registry.sign_in(user, f"{user}-pw"))
        qtbot.addWidget(dialog)
        names[user] = {dialog.outbox.item(r, 2).text() for r in range(dialog.outbox.rowCount())}
    assert names["clerk"] == {"乙川　太郎", "佐藤　一郎"}
    assert names["chief"] == {"乙川　太郎", "乙川　花子", "乙川　一郎", "佐藤　一郎"}
