"""The 除票 of each stay in the window, offscreen on a real replica: the 照会 lists the person's 除票, the 交付 screen
chooses which one (explaining the rules for that stay), and the 異動の履歴 asks for a 個人票."""

from __future__ import annotations

import base64

import pytest
from pytestqt.qtbot import QtBot

from domain.kofu_rules import CertificateKind, Item, RequesterKind
from local_store.registry import Registry
from local_store.staff import Staff
from reports.seal import demo_seal_png
from tests.support.builders import NOTIFIER, person, tennyu
from tests.support.pdf_text import page_texts
from ui.kofu.dialog import KofuDialog
from ui.kofu.form import INDIVIDUAL_FORM
from ui.search.person_view import PersonView

FIRST = "さくら県みどり町本町2丁目3番4号"
AWAY = "東京都港区芝公園4丁目2番8号"
BACK = "さくら県みどり町中町5番地"


@pytest.fixture
def returned(registry: Registry, admin: Staff) -> str:
    """山田　花子 moved in, moved away and came back under her one 宛名番号."""
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    hanako = person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主")
    atena = registry.apply(admin, tennyu(hanako, address=FIRST, date="R8.11.1")).idou.rows[0].row.atena_no
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [atena], "destination": AWAY})
    registry.apply(admin, tennyu({**hanako, "returning": atena}, address=BACK, date="R8.11.24"))
    return atena


def test_the_inquiry_lists_the_johyo_of_one_who_came_back(qtbot: QtBot, registry: Registry, admin: Staff,
                                                          returned: str) -> None:
    view = PersonView()
    qtbot.addWidget(view)
    view.show()
    view.show_record(registry.person(admin, returned))
    assert view.johyo_table.isVisible()
    assert view.johyo_table.texts() == [["第1回", "令和8年11月1日", f"国内転出（令和8年11月15日）　転出先 {AWAY}", FIRST]]
    assert view.value("住所") == BACK  # the 住民票 she lives under


def test_one_with_no_johyo_has_no_such_section(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    atena = registry.apply(admin, tennyu(person("鈴木　一子", "スズキ　カズコ", "S45.1.1", "女", "世帯主"))
                           ).idou.rows[0].row.atena_no
    view = PersonView()
    qtbot.addWidget(view)
    view.show()
    view.show_record(registry.person(admin, atena))
    assert not view.johyo_table.isVisible() and not view.johyo_title.isVisible()


def test_the_kofu_screen_chooses_the_johyo_and_issues_it(qtbot: QtBot, registry: Registry, admin: Staff,
                                                         returned: str) -> None:
    dialog = KofuDialog(registry, admin, registry.person(admin, returned))
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert form.kind is CertificateKind.JUMINHYO and not form.residence.isVisible()
    form.set_kind(CertificateKind.JOHYO)
    assert form.residence.isVisible() and form.residence.currentText().startswith("第1回　令和8年11月1日")
    assert form.kind_note.text() == ""  # her earlier stay is a 除票: nothing to explain
    assert form.form_combo.currentText() == INDIVIDUAL_FORM and not form.form_combo.isEnabled()
    form.identification.setCurrentText("運転免許証")
    assert form.values()["residence"] == 1
    assert dialog.issue(), dialog.message.text()
    assert dialog.issued is not None
    (page,) = page_texts(dialog.issued.pdfs[0])
    assert f"住所{FIRST}" in page and "消除事由国内転出" in page and BACK not in page
    assert registry.kofu.history(admin, returned)[-1]["request"]["residence"] == 1


def test_the_history_is_asked_for_on_a_kojinhyo_of_a_copy(qtbot: QtBot, registry: Registry, admin: Staff,
                                                          returned: str) -> None:
    dialog = KofuDialog(registry, admin, registry.person(admin, returned))
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    history = form.items[Item.HISTORY]
    assert history.isEnabled() and form.form_combo.isEnabled()
    history.setChecked(True)
    assert form.form_combo.currentText() == INDIVIDUAL_FORM and not form.form_combo.isEnabled()
    form.set_kind(CertificateKind.KISAI)
    assert not history.isEnabled() and "異動の履歴を記載しません" in form.item_notes[Item.HISTORY].text()
    form.set_kind(CertificateKind.JUMINHYO)
    form.set_requester(RequesterKind.DAISANSHA)
    assert not history.isEnabled() and "第三者" in history.toolTip()
