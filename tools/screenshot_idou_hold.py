"""A screenshot of a 異動 held for 支援措置, offscreen on a fresh synthetic demo town.

    python -m tools.screenshot_idou_hold OUTDIR [--font FILE ...]

A resident of the demo town is protected from a man of another household (named with his 宛名番号); the counter
clerk (demo) enters his household's 転居 to her address, written otherwise than hers, and presses Ctrl+Enter: the
registry holds it, the 異動 entry shows the alert (which names nobody) and the 係長's judgment dialog opens over it.
Saves window-idou-hold.png (1366×768: the entry with the judgment dialog drawn where it opens) in OUTDIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest

from domain.protection import Offender, Process
from domain.wareki import format_short
from local_store.registry import Registry
from local_store.staff import Staff
from tools.offscreen import demo_replica, offscreen_parser, settle, start_offscreen, type_as_input_method
from ui.idou.dialog import IdouDialog
from ui.idou.sections import AddressSection, NotifierSection

SIZE = (1366, 768)


def two_households(registry: Registry, staff: Staff) -> tuple[str, str]:
    """(her 宛名番号, his 宛名番号): a resident, and the head of another household of two or more."""
    found = registry.search(staff, "ア")
    people = registry.summaries(found.ids)
    her = people[0].atena_no
    her_household = registry.person(staff, her).current.setai_no
    for candidate in people[1:]:
        record = registry.person(staff, candidate.atena_no)
        if record.current.setai_no != her_household and record.current.is_head and len(record.household) >= 2:
            return her, candidate.atena_no
    raise SystemExit("no second household in the demo town")


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with demo_replica(300, seed=3) as registry:
        clerk = registry.sign_in("demo", "demo")
        her, him = two_households(registry, clerk)
        chief = registry.sign_in("demo-kakaricho", "demo")
        offender = registry.person(chief, him).current
        registry.protection.add(chief, [her], list(Process),
                                [Offender(offender.name, offender.name_kana, offender.atena_no)])
        her_address = registry.person(chief, her).current.address.text

        dialog = IdouDialog(registry, clerk, registry.person(clerk, him))
        dialog.resize(*SIZE)
        dialog.show()
        dialog.form.set_reason("転居")
        type_as_input_method(dialog.form.idou_date, format_short(registry.today()))
        notifier = dialog.form.sections[0]
        assert isinstance(notifier, NotifierSection)
        type_as_input_method(notifier.name, offender.name)
        address = dialog.form.sections[-1]
        assert isinstance(address, AddressSection)
        type_as_input_method(address.text, her_address.replace("丁目", "-").replace("番地", "-").replace("番", "-")
                             .replace("号", ""))
        settle()

        def picture() -> None:
            judging = dialog.judgment_dialog
            if judging is None or not judging.isVisible():
                QTimer.singleShot(20, picture)
                return
            QTest.keyClicks(judging.user_edit, "demo-kakaricho")
            type_as_input_method(judging.reason_edit, "実態調査で居住を確認した")
            settle(100)
            shot = dialog.grab()
            painter = QPainter(shot)
            painter.drawPixmap(QPoint((shot.width() - judging.width()) // 2, (shot.height() - judging.height()) // 3),
                               judging.grab())
            painter.end()
            path = out_dir / "window-idou-hold.png"
            if not shot.save(str(path)):
                raise SystemExit(f"could not write {path}")
            print(path)
            judging.reject()

        QTimer.singleShot(0, picture)
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if not dialog.hold_label.isVisible():
            raise SystemExit("the 転居 was not held: " + dialog.message.text())
        dialog.close()
        dialog.deleteLater()
        settle()


def main(argv: list[str]) -> int:
    args = offscreen_parser("screenshot_idou_hold").parse_args(argv)
    start_offscreen(args.font)
    take(args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
