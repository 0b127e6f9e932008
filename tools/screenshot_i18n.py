"""Screenshots for the window's language and layout, taken offscreen on a small synthetic demo town.

    python -m tools.screenshot_i18n OUTDIR [--residents 300] [--query さとう] [--font FILE ...]

window-search-en.png: the main window in English (as with MADOGUCHI_LANG=en) after a search.
window-person-long.png: the 照会 of a foreign resident with a 60-character alphabet name, a long katakana name and a
long address, and the search results that show them (Japanese).

Run it with QT_SCALE_FACTOR=2 as well to check the layout on a HiDPI screen (the PNGs then have twice the pixels).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from domain.wareki import format_short
from local_store.registry import Registry
from local_store.staff import Staff
from tools.offscreen import (
    WINDOW_SIZE,
    demo_replica,
    offscreen_parser,
    save,
    settle,
    start_offscreen,
    type_as_input_method,
)
from ui.common.translations import ENGLISH, install_translations, remove_translations
from ui.shell.app import application
from ui.shell.main_window import DEBOUNCE_MS, MainWindow

LONG_ALPHABET_NAME = "WOLFESCHLEGELSTEINHAUSENBERGERDORF HUBERT BLAINE CHRISTOPHER"  # 60 characters
LONG_KANA_NAME = "ウルフェシュレーゲルシュタインハウゼンベルガードルフ　ヒューバート　ブレイン　クリストファー"
LONG_ADDRESS_TAIL = "大字みどり台字東山三丁目1234番地の5678"
LONG_KATAGAKI = "みどり台グリーンヒルズレジデンス東棟第二号館1205号室"


def long_named_resident(registry: Registry, staff: Staff) -> str:
    """A 国外転入等 of one foreign resident with long names and a long address; the 宛名番号."""
    town = registry.municipality
    assert len(LONG_ALPHABET_NAME) == 60
    request = {
        "reason": "国外転入等", "idou_date": format_short(registry.today()), "notified_on": format_short(registry.today()),
        "notifier": {"name": LONG_KANA_NAME, "relation": "本人", "identification": "在留カード"},
        "address": {"text": f"{town.prefecture}{town.name}{LONG_ADDRESS_TAIL}", "katagaki": LONG_KATAGAKI},
        "previous_address": "アメリカ合衆国",
        "persons": [{
            "name": LONG_KANA_NAME, "name_kana": LONG_KANA_NAME, "kana_confirmed": True, "birth": "1990-01-01",
            "sex": "男", "relationship": "世帯主", "kind": "外国人", "honseki": None, "first_record": True,
            "foreign": {"alphabet_name": LONG_ALPHABET_NAME, "nationality": "アメリカ合衆国", "category": "中長期在留者",
                        "became_resident": registry.today().isoformat(), "residence_status": "技術・人文知識・国際業務",
                        "period": "5年", "period_expiry": "2031-11-19", "card_number": "AB12345678CD"},
        }],
    }
    return registry.apply(staff, request).idou.rows[0].row.atena_no


def search(window: MainWindow, query: str) -> None:
    type_as_input_method(window.search_field, query)
    settle(DEBOUNCE_MS + 100)
    QTest.keyClick(window.search_field, Qt.Key.Key_Down)


def take(out_dir: Path, residents: int, seed: int, query: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = application()
    with demo_replica(residents, seed) as registry:
        staff = registry.sign_in("demo", "demo")
        english = install_translations(app, ENGLISH)
        if not english:
            raise SystemExit("ui/locale/madoguchi_en.qm not found: run scripts/setup.sh")
        try:
            window = MainWindow(registry, staff)
            window.resize(*WINDOW_SIZE)
            window.show()
            settle()
            search(window, query)
            QTest.keyClick(window.table, Qt.Key.Key_Return)
            save(window, out_dir / "window-search-en.png")
            window.close()
        finally:
            remove_translations(app, english)

        long_named_resident(registry, registry.sign_in("demo-admin", "demo"))
        window = MainWindow(registry, staff)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle()
        search(window, "ウルフェ")
        QTest.keyClick(window.table, Qt.Key.Key_Return)
        save(window, out_dir / "window-person-long.png")
        window.close()


def main(argv: list[str]) -> int:
    parser = offscreen_parser("python -m tools.screenshot_i18n")
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="さとう")
    args = parser.parse_args(argv)
    os.environ.pop("MADOGUCHI_LANG", None)  # Japanese, with English installed for its screenshot only
    start_offscreen(args.font)
    take(args.out_dir, args.residents, args.seed, args.query)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
