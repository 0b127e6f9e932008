"""ファイルによる同期 and the disaster banner in the window, offscreen on real replicas."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from domain.roles import Role
from local_store.bundle_service import CarryOut
from local_store.registry import Registry
from local_store.staff import Staff
from sync import bundle
from tests.support.builders import ADMIN, JST, TOWN, Clock, family
from ui.admin.bundle_dialog import BundleDialog
from ui.shell.disaster_banner import DisasterBanner
from ui.shell.main_window import MainWindow
from ui.shell.sync_service import SyncStatus


def _pair(tmp_path: Path) -> tuple[Registry, Staff, Registry, Staff]:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=Clock())
    admin = a.sign_in(ADMIN[0], ADMIN[2])
    a.apply(admin, family())
    a.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-password")
    a.staff.add(admin, "chief", "係長　一", Role.SUPERVISOR, "chief-password")
    b = Registry.join(tmp_path / "b", a.keys.enrollment(admin, "支所1"), clock=Clock())
    first = bundle.export_bundle(a, admin, tmp_path / "first.bundle", "支所1")
    bundle.import_bundle(b, Staff(ADMIN[0], ADMIN[1], Role.ADMIN), first.path)
    return a, admin, b, b.sign_in("clerk", "clerk-password")


def test_a_clerk_carries_out_with_an_administrators_approval_and_the_other_takes_it_in(
        qtbot: QtBot, tmp_path: Path) -> None:
    a, _, b, b_clerk = _pair(tmp_path)
    clerk = a.sign_in("clerk", "clerk-password")
    a.apply(clerk, family())
    dialog = BundleDialog(a, clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "usb.bundle"
    dialog.target_edit.setText("支所1")
    dialog.out_edit.setText(str(out))
    dialog.export_button.click()
    approval = dialog.approval
    assert approval is not None and approval.isVisible() and not out.exists()
    approval.user_edit.setText("chief")
    approval.password_edit.setText("chief-password")
    approval.try_approve()
    assert approval.error_label.text() == "承認できるのは管理者です" and not out.exists()
    approval.user_edit.setText(ADMIN[0])
    approval.password_edit.setText(ADMIN[2])
    approval.try_approve()
    assert not dialog.export_button.isEnabled()  # written off the GUI thread
    qtbot.waitUntil(dialog.export_button.isEnabled)
    assert out.exists()
    assert dialog.message.text() == "持出しファイルを作成しました: usb.bundle（端末「支所1」宛て、文書 2 件）"  # the 異動 and its 附票

    taker = BundleDialog(b, b_clerk)
    qtbot.addWidget(taker)
    altered = tmp_path / "altered.bundle"
    value = json.loads(out.read_text(encoding="utf-8"))
    value["header"]["target_name"] = "本庁1"
    altered.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    taker.in_edit.setText(str(altered))
    taker.import_button.click()
    qtbot.waitUntil(taker.import_button.isEnabled)
    assert taker.message.text().startswith("取り込めません: 持出しファイルの署名が正しくありません")
    assert b.residents.counts()["residents"] == 4
    with qtbot.waitSignal(taker.changed):
        taker.in_edit.setText(str(out))
        taker.import_button.click()
    assert taker.message.text() == "端末「本庁1」の持出しファイルを取り込みました: 受入 2 件、取込み済み 0 件"
    assert b.residents.counts()["residents"] == 8
    qtbot.waitUntil(taker.import_button.isEnabled)
    taker.import_button.click()
    qtbot.waitUntil(taker.import_button.isEnabled)
    assert taker.message.text() == "この持出しファイルは 令和8年11月27日 10:00 に取込み済みです。何も変更していません"
    a.close()
    b.close()


def _status(configured: bool, online: bool, contact: dt.datetime | None, last: CarryOut | None) -> SyncStatus:
    return SyncStatus(configured, online, False, 12, None, "", 0, 0, 0, 0, contact, last)


def test_the_banner_says_since_when_what_waits_and_where_the_last_bundle_went(qtbot: QtBot) -> None:
    now = dt.datetime(2026, 11, 27, 15, 0, tzinfo=JST)
    banner = DisasterBanner(lambda: now)
    qtbot.addWidget(banner)
    contact = dt.datetime(2026, 11, 27, 9, 2, tzinfo=JST)
    last = CarryOut("持出し_本庁1.madoguchi-bundle", "支所1", dt.datetime(2026, 11, 27, 14, 5, tzinfo=JST), 7)
    banner.show_status(_status(True, False, contact, last))
    assert not banner.isHidden()
    assert banner.headline.text() == "オフライン：令和8年11月27日 9:02 から"
    details = banner.details.text()
    assert "送信待ち 12 件" in details and "最後にクラウドに接続した日時：令和8年11月27日 9:02" in details
    assert "最後の持出し：持出し_本庁1.madoguchi-bundle（支所1、令和8年11月27日 14:05、7件）" in details
    banner.show_status(_status(True, True, now, last))  # the cloud answers again
    assert banner.isHidden()
    banner.show_status(_status(True, False, now - dt.timedelta(minutes=3), None))  # a short outage
    assert banner.isHidden()
    banner.show_status(_status(False, False, None, None))
    assert not banner.isHidden() and banner.headline.text() == "オフライン：クラウドが設定されていません"
    assert "最後にクラウドに接続した日時：なし" in banner.details.text() and "最後の持出し：なし" in banner.details.text()


def test_the_window_shows_the_banner_without_a_cloud_and_the_last_bundle_after_an_export(
        qtbot: QtBot, registry: Registry, admin: Staff, clock: Clock, tmp_path: Path) -> None:
    registry.apply(admin, family())
    window = MainWindow(registry, admin)
    qtbot.addWidget(window)
    window.show()
    window.start_sync()
    qtbot.waitUntil(lambda: window.disaster_banner.isVisible(), timeout=10_000)
    assert "送信待ち 4 件" in window.disaster_banner.details.text()  # with the 異動's 戸籍の附票
    window.admin_menu.findChild(type(window.admin_menu.actions()[0]), "openBundle").trigger()
    dialog = window.bundle_dialog
    dialog.out_edit.setText(str(tmp_path / "to-shisho.bundle"))
    dialog.target_edit.setText("支所1")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "to-shisho.bundle" in window.disaster_banner.details.text(), timeout=10_000)
    assert "最後の持出し：to-shisho.bundle（支所1、令和8年11月27日 10:00、4件）" in window.disaster_banner.details.text()
    window.close()
