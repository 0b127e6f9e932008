"""Screenshots of the window for the docs, taken offscreen on a fresh synthetic demo town.

    python -m tools.screenshot OUTDIR [--residents 3000] [--query さとう] [--font FILE ...]

Builds a demo replica in a temporary folder (its key under a throwaway passphrase, never in the keyring), signs in
as `demo` through the sign-in dialog, types a search through the search box as an input method would, moves into
the results with the keyboard and opens a person with Enter, then enters a 転居 for the household with F6. Saves
window-sign-in.png, window-search.png, window-person.png, window-idou.png, window-idou-confirm.png and
window-idou-done.png in OUTDIR, the 設定 as demo-admin sees it in window-settings.png, the population pyramid in
window-population.png, the 異動一覧・日計 in window-daily.png, the window with no cloud once its sync service has
reported (the disaster banner, window-offline.png, and folded to one line with Ctrl+B, window-offline-folded.png),
and a 支援措置 as demo-kakaricho sets it (window-protection.png) and sees it in the 照会
(window-protection-banner.png). The screen is 1366×768 (tools/offscreen.py). --font adds font files for this run
only, for machines without a Japanese font.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from domain.protection import Offender, Process
from domain.wareki import format_short
from local_store.registry import Registry
from tools.offscreen import (
    WINDOW_SIZE,
    demo_replica,
    dismiss,
    offscreen_parser,
    save,
    settle,
    start_offscreen,
    type_as_input_method,
    wait_for,
)
from ui.admin.daily_dialog import DailyDialog
from ui.admin.population_dialog import PopulationDialog
from ui.admin.settings_dialog import SettingsDialog
from ui.idou.sections import AddressSection, NotifierSection
from ui.shell.main_window import DEBOUNCE_MS, MainWindow
from ui.shell.sign_in_dialog import SignInDialog


def row_with_household(window: MainWindow, registry: Registry, at_least: int) -> int:
    """The first result row whose person lives in a household of `at_least` or more (for a fuller screenshot)."""
    for row in range(min(window.model.rowCount(), 40)):
        atena_no = window.model.atena_no(row)
        if atena_no and len(registry.person(window.staff, atena_no).household) >= at_least:
            return row
    return 0


def enter_tenkyo(window: MainWindow, registry: Registry, out_dir: Path) -> None:
    """F6 on the household shown: a 転居 typed in, confirmed and recorded, a screenshot at each step."""
    QTest.keyClick(window.table, Qt.Key.Key_F6)
    dialog = window.idou_dialog
    if dialog is None:
        raise SystemExit("F6 did not open the 異動 entry")
    dialog.form.set_reason("転居")
    type_as_input_method(dialog.form.idou_date, format_short(registry.today() - dt.timedelta(days=2)))
    notifier = dialog.form.sections[0]
    assert isinstance(notifier, NotifierSection)
    assert dialog.record is not None
    type_as_input_method(notifier.name, dialog.record.current.name)
    address = dialog.form.sections[-1]
    assert isinstance(address, AddressSection)
    type_as_input_method(address.text, f"{registry.municipality.prefecture}{registry.municipality.name}本町3丁目9番1号")
    # The 住所辞書 fills the 郵便番号 and 住所コード of the 町字.
    save(dialog, out_dir / "window-idou.png")
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    save(dialog, out_dir / "window-idou-confirm.png")
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    save(dialog, out_dir / "window-idou-done.png")
    dialog.accept()


def protection(registry: Registry, atena_no: str, out_dir: Path) -> None:
    """A 支援措置 for the person: the 照会 with its banner, and the 支援措置 dialog, as a 係長 sees them."""
    chief = registry.sign_in("demo-kakaricho", "demo")
    registry.protection.add(chief, [atena_no], list(Process), [Offender("乙川　三郎", "オツカワ　サブロウ")],
                            note="配偶者からの暴力（DV）。申出書受付済み")
    window = MainWindow(registry, chief)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.open_person(atena_no)
    save(window, out_dir / "window-protection-banner.png")
    window.open_protection()
    dialog = window.protection_dialog
    dialog.table.selectRow(0)
    save(dialog, out_dir / "window-protection.png")
    dismiss(dialog)
    dismiss(window)


def offline_banner(registry: Registry, out_dir: Path) -> None:
    """The window of a terminal whose cloud is not set up, once its sync service has reported: the disaster
    banner."""
    window = MainWindow(registry, registry.sign_in("demo", "demo"))
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start_sync()
    wait_for(window.disaster_banner.isVisible, "the disaster banner")
    save(window, out_dir / "window-offline.png")
    QTest.keyClick(window.search_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    save(window, out_dir / "window-offline-folded.png")
    window.sync_service.shutdown()
    dismiss(window)


def take(out_dir: Path, residents: int, seed: int, query: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with demo_replica(residents, seed) as registry:
        town = registry.municipality
        dialog = SignInDialog(registry, place=f"{town.prefecture}{town.name}　端末 {registry.terminal}",
                              demo=True)
        dialog.show()
        QTest.keyClicks(dialog.user_edit, "demo")
        save(dialog, out_dir / "window-sign-in.png")
        QTest.keyClicks(dialog.password_edit, "demo")
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        if dialog.staff is None:
            raise SystemExit("sign-in as demo failed: " + dialog.error_label.text())
        staff = dialog.staff
        dismiss(dialog)

        window = MainWindow(registry, staff)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.activateWindow()
        settle()
        type_as_input_method(window.search_field, query)
        settle(DEBOUNCE_MS + 100)
        QTest.keyClick(window.search_field, Qt.Key.Key_Down)
        target = row_with_household(window, registry, 3)
        for _ in range(target):
            QTest.keyClick(window.table, Qt.Key.Key_Down)
        save(window, out_dir / "window-search.png")
        QTest.keyClick(window.table, Qt.Key.Key_Return)
        save(window, out_dir / "window-person.png")
        shown = window.person_view.record
        enter_tenkyo(window, registry, out_dir)
        dismiss(window)
        settings = SettingsDialog(registry, registry.sign_in("demo-admin", "demo"))
        settings.show()
        save(settings, out_dir / "window-settings.png")
        dismiss(settings)
        statistics = PopulationDialog(registry, registry.sign_in("demo-kakaricho", "demo"))
        statistics.show()
        statistics.count()
        wait_for(lambda: statistics.population is not None, "the population count")
        save(statistics, out_dir / "window-population.png")
        dismiss(statistics)
        day = DailyDialog(registry, registry.sign_in("demo-kakaricho", "demo"))
        day.show()
        wait_for(lambda: day.report is not None and not day.busy, "the day's 異動")
        save(day, out_dir / "window-daily.png")
        dismiss(day)
        offline_banner(registry, out_dir)
        if shown is not None:
            protection(registry, shown.current.atena_no, out_dir)


def main(argv: list[str]) -> int:
    parser = offscreen_parser("python -m tools.screenshot")
    parser.add_argument("--residents", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="さとう")
    args = parser.parse_args(argv)
    start_offscreen(args.font)
    take(args.out_dir, args.residents, args.seed, args.query)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
