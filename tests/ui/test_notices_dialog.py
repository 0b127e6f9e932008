"""The 通知（送付・受付） window: the outbox by kind and its export with a 管理者's approval; a received notice shows the
異動 it would record and is recorded only after 「確認して登録」 and the confirmation; 「却下」 needs a reason."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from domain.notices import Outgoing
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


AOKI = ("本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
        "さくら県みどり町西町1番地,青木　一,青木　幸子,S22.3.3,女,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n")


def fuhyo_notice(notice_id: str, name: str) -> dict[str, object]:
    """A 附票記載事項通知 from the town she lives in (法19条1項)."""
    return {"id": notice_id, "kind": Outgoing.FUHYO.value, "sender": "大阪府大阪市北区", "addressee": "さくら県みどり町",
            "law": "住民基本台帳法第19条第1項", "person": {
                "event": "修正", "honseki": "さくら県みどり町西町1番地", "honseki_head": "青木　一", "name": name,
                "birth": "1947-03-03", "address": "大阪府大阪市北区中之島2丁目2番2号", "address_since": "2026-11-15"}}


def test_a_fuhyo_notice_is_recorded_in_the_fuhyo_from_the_keyboard(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                   tmp_path: Path) -> None:
    registry.fuhyo.import_text(admin, AOKI, "aoki.csv")
    registry.notices.import_file(admin, write(tmp_path / "fuhyo.json", notice_file(
        fuhyo_notice("f1", "青木　幸子"), fuhyo_notice("f2", "青木　誰"))))
    dialog = NoticesDialog(registry, admin)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.inbox.setFocus()
    qtbot.keyClick(dialog.inbox, Qt.Key.Key_Down)
    row = dialog.inbox.currentRow()
    assert dialog.inbox.item(row, 3).text() == "青木　幸子" and dialog.problem.text() == ""
    assert "附票に記載: 住所 大阪府大阪市北区中之島2丁目2番2号" in dialog.plan_label.text()
    assert dialog.apply_button.isEnabled() and dialog.apply_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    assert dialog.confirmation is not None and "戸籍の附票に 1 件の記載をします" in dialog.confirmation.text()
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Escape)  # the default is not to record
    fuhyo_id = registry.fuhyo.search(admin, "青木")[0].id
    assert len(registry.fuhyo.show(admin, fuhyo_id).fuhyo.members[0].addresses) == 1
    qtbot.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.confirmation.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space)
    assert "戸籍の附票に記載しました" in dialog.message.text() and dialog.inbox.item(row, 4).text() == "処理済"
    assert registry.fuhyo.show(admin, fuhyo_id).fuhyo.members[0].current_address == "大阪府大阪市北区中之島2丁目2番2号"
    assert not dialog.apply_button.isEnabled()

    qtbot.keyClick(dialog.inbox, Qt.Key.Key_Up if row else Qt.Key.Key_Down)  # the same checks: nobody here
    assert dialog.inbox.item(dialog.inbox.currentRow(), 3).text() == "青木　誰"
    assert "記録されていません" in dialog.problem.text() and not dialog.apply_button.isEnabled()
    assert dialog.reject_button.isEnabled()
