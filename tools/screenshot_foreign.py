"""Screenshots of a 外国人住民 at the counter, offscreen on a fresh synthetic demo town.

    python -m tools.screenshot_foreign OUTDIR [--font FILE ...]

The counter clerk (demo) enters a family from Viet Nam moving in (国外転入等) with their 法30条の45 items, and the
window shows the husband in 照会 once a 通称 was deleted and another recorded and his 国民健康保険 entered. Saves
window-idou-foreign.png (the entry, scrolled to the residence card items) and window-person-foreign.png (照会), both
1366×768, in OUTDIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from domain.wareki import format_short
from tools.offscreen import (
    SCREEN_SIZE,
    demo_replica,
    dismiss,
    run_offscreen,
    save,
    settle,
    type_as_input_method,
)
from ui.idou.dialog import IdouDialog
from ui.idou.sections import PERSON_KEYS, AddressSection, NotifierSection, PersonsSection, TextSection
from ui.shell.main_window import MainWindow

FAMILY = (
    {"name": "グエン　ヴァン　アン", "name_kana": "グエン　ヴァン　アン", "birth": "1990-05-01", "sex": "男",
     "kind": "外国人", "juminhyo_code": "新規", "foreign.alphabet_name": "NGUYEN VAN AN",
     "foreign.nationality": "ベトナム", "foreign.category": "中長期在留者",
     "foreign.residence_status": "技術・人文知識・国際業務", "foreign.period": "5年",
     "foreign.period_expiry": "2031-03-31", "foreign.card_number": "AB12345678CD", "foreign.tsusho": "阮　安"},
    {"name": "グエン　ティ　ラン", "name_kana": "グエン　ティ　ラン", "birth": "1992-08-15", "sex": "女",
     "relationship": "妻", "juminhyo_code": "新規", "foreign.alphabet_name": "NGUYEN THI LAN",
     "foreign.category": "中長期在留者", "foreign.residence_status": "家族滞在", "foreign.period": "5年",
     "foreign.period_expiry": "2031-03-31", "foreign.card_number": "CD87654321EF"},
)


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with demo_replica(60, seed=5) as registry:
        clerk = registry.sign_in("demo", "demo")
        today = format_short(registry.today())
        dialog = IdouDialog(registry, clerk, None)
        dialog.resize(*SCREEN_SIZE)
        dialog.show()
        dialog.form.set_reason("国外転入等")
        type_as_input_method(dialog.form.idou_date, today)
        sections = dialog.form.sections
        notifier = next(s for s in sections if isinstance(s, NotifierSection))
        type_as_input_method(notifier.name, "グエン　ヴァン　アン")
        persons = next(s for s in sections if isinstance(s, PersonsSection))
        for row, values in enumerate(FAMILY):
            if row:
                persons.add_person()
            for key, value in (values | {"foreign.became_resident": today}).items():
                persons.set_cell(row, key, value)
        address = next(s for s in sections if isinstance(s, AddressSection))
        type_as_input_method(address.text, "さくら県みどり町本町3丁目9番1号")
        previous = next(s for s in sections if isinstance(s, TextSection))
        type_as_input_method(previous.edit, "ベトナム")
        persons.table.setFocus()
        persons.table.setCurrentCell(0, PERSON_KEYS.index("foreign.card_number"))
        settle(100)
        save(dialog, out_dir / "window-idou-foreign.png")

        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(dialog, Qt.Key.Key_Return)
        if dialog.result is None:
            raise SystemExit("the 国外転入等 was not recorded: " + dialog.message.text())
        husband = dialog.result.rows[0].row.atena_no
        dismiss(dialog)

        requester = {"name": "グエン　ヴァン　アン", "relation": "本人", "identification": "在留カード"}
        registry.apply(clerk, {"reason": "通称の削除", "idou_date": today, "notifier": requester, "targets": [husband]})
        registry.apply(clerk, {"reason": "通称の記載", "idou_date": today, "notifier": requester,
                               "targets": [husband], "tsusho": "阮　文安"})
        registry.apply(clerk, {"reason": "職権修正", "idou_date": today, "set": {husband: {"offices": {
            "kokuho": {"acquired": today}, "nenkin": {"kind": "1", "number": "1234567890", "acquired": today}}}}})
        window = MainWindow(registry, clerk)
        window.resize(*SCREEN_SIZE)
        window.show()
        window.open_person(husband)
        window.splitter.setSizes([90, SCREEN_SIZE[1]])  # the 照会 whole, down to the 通称 and the 国保
        settle(200)
        save(window, out_dir / "window-person-foreign.png")
        dismiss(window)


def main(argv: list[str]) -> int:
    return run_offscreen("screenshot_foreign", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
