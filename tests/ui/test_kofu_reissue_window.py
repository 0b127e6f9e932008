"""The 再交付 in the window, offscreen on a real replica: the 交付 screen says that a 再交付 prints what the 交付 it
repeats printed (no 異動 since; today's record is a new 交付), and says it again beside the certificate issued."""

from __future__ import annotations

import base64
from pathlib import Path

from pytestqt.qtbot import QtBot

from domain.kofu_rules import CertificateKind, RequesterKind, request_from
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.seal import demo_seal_png
from tests.local_store.test_johyo_stays import shifted
from tests.support.builders import NOTIFIER, Clock, family
from tests.support.pdf_text import page_texts
from ui.kofu.dialog import KofuDialog

FIRST = "さくら県みどり町本町2丁目3番4号"
MOVED = "さくら県みどり町東町1番地"


def test_the_kofu_screen_says_a_reissue_is_the_original_content(qtbot: QtBot, registry: Registry,
                                                                 admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    household = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    taro = household[0]
    first = registry.kofu.issue(admin, request_from({
        "kind": CertificateKind.JUMINHYO, "atena_nos": [taro], "requester": RequesterKind.HONNIN,
        "requester_atena": taro, "identification": "運転免許証"}), render)
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notified_on": "R8.11.26", "notifier": NOTIFIER,
                           "targets": household, "address": {"text": MOVED}})
    record = registry.person(admin, taro)
    (line,) = registry.kofu.lines_of(admin, taro)
    dialog = KofuDialog(registry, admin, record, reissue=line)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "その交付と同じ内容を「再交付」として印字します（その後の異動は記載されません" in dialog.message.text()
    assert "今日の記録で交付するときは、新たに交付してください" in dialog.message.text()
    assert dialog.issue()
    assert f"再交付: 発行番号 {first.issue_numbers[0]} の交付と同じ内容です" in dialog.preview_label.text()
    assert dialog.issued is not None
    (page,) = page_texts(dialog.issued.pdfs[0])
    assert page.startswith("住民票の写し（再交付）") and FIRST in page and MOVED not in page


def test_the_reissue_of_a_johyo_shows_the_stay_printed_by_its_number_today(
        qtbot: QtBot, registry: Registry, admin: Staff, data_dir: Path, tmp_path: Path, clock: Clock) -> None:
    """The 除票 issued as 第2回 is 第3回 once an older 異動 arrived late: the 再交付 screen shows 第3回, the stay it
    prints, not today's 第2回."""
    town = shifted(registry, admin, data_dir, tmp_path, clock)
    record = town.here.person(town.me, town.atena)
    (line,) = town.here.kofu.lines_of(town.me, town.atena)
    dialog = KofuDialog(town.here, town.me, record, reissue=line)
    qtbot.addWidget(dialog)
    assert dialog.form.residence.currentData() == 3
    assert dialog.form.residence.currentText().startswith("第3回　令和8年11月15日〜令和8年11月20日")
    town.here.close()
    town.there.close()
