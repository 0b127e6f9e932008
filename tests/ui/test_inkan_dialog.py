"""印鑑登録 in the window, offscreen on a real replica, with the keyboard: a scan read and shown at true size, the seal
registered with Ctrl+Enter, the card number typed (as a bar code scanner types it) and Enter issuing the certificate,
a wrong card refused, the 照会 pane showing the registration, the menu's F9."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from demo.seals import seal_scan
from domain.inkan import State
from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from reports.seal import demo_seal_png
from tests.support.builders import family
from ui.inkan.dialog import InkanDialog
from ui.shell.main_window import MainWindow


def test_register_then_issue_with_the_keyboard(qtbot: QtBot, registry: Registry, admin: Staff,
                                               tmp_path: Path) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    clerk = registry.sign_in("clerk", "clerk-password")
    scan = tmp_path / "seal.png"
    scan.write_bytes(seal_scan("山田", size_mm=16))
    dialog = InkanDialog(registry, clerk, taro)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.card.hasFocus)  # the card's field first: a scanner types into it
    assert not dialog.save_button.isVisible()

    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClick(dialog.atena, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no scan read yet
    assert dialog.message.text().startswith("印影：")
    dialog.image_path.setFocus()
    qtbot.keyClicks(dialog.image_path, str(scan))
    with qtbot.waitSignal(dialog._measuring.finished, timeout=10_000):
        qtbot.keyClick(dialog.image_path, Qt.Key.Key_Return)
    assert dialog.measured is not None and abs(dialog.measured.side_mm - 16) < 0.5
    assert dialog.impression.true_size.pixmap() is not None and not dialog.impression.true_size.pixmap().isNull()
    qtbot.keyClick(dialog.image_path, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text().startswith("登録しました"), dialog.message.text()
    [done] = registry.inkan.of_person(taro)
    assert done.state is State.REGISTERED and dialog.table.rowCount() == 1
    assert dialog.preview_label.text().startswith("印鑑登録証")

    dialog.tabs.setCurrentIndex(0)
    dialog.card.setFocus()
    qtbot.keyClicks(dialog.card, "0000000000")
    qtbot.keyClick(dialog.card, Qt.Key.Key_Return)
    assert dialog.issued is None and "印鑑登録証" in dialog.message.text()
    dialog.card.clear()
    qtbot.keyClicks(dialog.card, done.card_no)  # a scanner types the digits and Enter
    qtbot.keyClick(dialog.card, Qt.Key.Key_Return)
    assert dialog.issued is not None, dialog.message.text()
    assert dialog.preview_label.text().startswith(f"印鑑登録証明書　登録番号 {done.registration_no}")
    assert dialog.card.text() == "" and dialog.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 1

    dialog.tabs.setCurrentIndex(1)
    dialog.table.selectRow(0)
    dialog.lost()
    assert registry.inkan.of_person(taro)[0].state is State.LOST
    dialog.tabs.setCurrentIndex(0)
    qtbot.keyClicks(dialog.card, done.card_no)
    qtbot.keyClick(dialog.card, Qt.Key.Key_Return)
    assert "亡失" in dialog.message.text()


def test_the_inquiry_pane_shows_the_registration_and_f9_opens_the_room(qtbot: QtBot, registry: Registry,
                                                                      admin: Staff) -> None:
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.open_person(taro)
    assert "なし" in win.person_view._values["印鑑登録"].text()
    from domain.inkan import Application, Impression, Method
    from domain.seal_impression import measure

    registry.inkan.register(admin, Application(taro, Method.PHOTO_ID, identification="旅券"),
                            Impression.of(measure(seal_scan("山田", size_mm=12))))
    win.open_person(taro)
    assert win.person_view._values["印鑑登録"].text().startswith("登録")
    qtbot.keyClick(win.search_field, Qt.Key.Key_F9)
    assert win.inkan_dialog is not None and win.inkan_dialog.isVisible()
    assert win.inkan_dialog.atena.text() == taro
    win.inkan_dialog.close()


def test_the_towns_answer_period_is_set_in_the_settings(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    from ui.admin.settings_dialog import SettingsDialog

    dialog = SettingsDialog(registry, admin)
    qtbot.addWidget(dialog)
    assert dialog.inkan_days.value() == 30  # the default, not stored until changed
    dialog.save()
    assert "inkan_answer_days" not in registry.settings.get()
    dialog.inkan_days.setValue(21)
    dialog.save()
    assert registry.settings.get()["inkan_answer_days"] == 21


def test_a_seal_registered_twice_is_listed_for_review_and_one_is_abolished(qtbot: QtBot, registry: Registry,
                                                                          admin: Staff) -> None:
    from domain.inkan import Application, Impression, Method
    from domain.seal_impression import measure
    from local_store import inkan
    from ui.admin.review_dialog import ReviewDialog

    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    seal = Impression.of(measure(seal_scan("山田", size_mm=12)))
    application = Application(taro, Method.PHOTO_ID, identification="旅券")
    registry.inkan.register(admin, application, seal)
    with registry.store.write() as conn:  # the other terminal's registration, as it arrives from the cloud
        inkan.put_registration(conn, registry.store.data_key, registry.kofu.counter(admin), application,
                               inkan.current(conn, taro), seal, "旅券", 999_001, None)
    review = ReviewDialog(registry, admin, lambda _atena: None)
    qtbot.addWidget(review)
    assert review.seal_forks.rowCount() == 2 and review.seal_forks.item(0, 0).text() == taro
    dialog = InkanDialog(registry, admin, taro)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.table.selectRow(1)
    dialog.abolish()
    assert registry.inkan.forks(admin) == {}
    assert [r.ended_because for r in registry.inkan.of_person(taro)] == ["", "二重登録の整理"]


def test_a_changed_name_opens_the_room_to_ask(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    from domain.inkan import Application, Impression, Method
    from domain.seal_impression import measure
    from tests.support.qt import type_text

    hanako = registry.apply(admin, family()).idou.rows[1].row.atena_no
    registry.inkan.register(admin, Application(hanako, Method.PHOTO_ID, identification="旅券"),
                            Impression.of(measure(seal_scan("山田", size_mm=12))))
    win = MainWindow(registry, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_person(hanako)
    qtbot.keyClick(win.search_field, Qt.Key.Key_F6)
    dialog = win.idou_dialog
    assert dialog is not None
    dialog.form.set_reason("誤記修正")
    _chosen, correction = dialog.form.sections
    type_text(dialog.form.idou_date, "R8.11.27")
    correction.edits["name"].clear()
    type_text(correction.edits["name"], "田中　花子")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 確認
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 登録
    assert registry.person(admin, hanako).current.name == "田中　花子"
    asked = win.inkan_dialog
    assert asked is not None and asked.tabs.currentIndex() == 1 and "氏名が変わりました" in asked.message.text()
    asked.table.selectRow(0)
    asked.abolish()
    assert registry.inkan.of_person(hanako)[0].ended_because == "氏名の変更"
    asked.close()
