"""Screenshots of 通知（送付・受付） for the docs, taken offscreen on a small synthetic demo town.

    python -m tools.screenshot_notices OUTDIR [--font FILE ...]

As `tools.screenshot`: a demo replica in a temporary folder under a throwaway passphrase. The outbox the demo's 異動 owe
is saved as window-notices.png; then a file of synthetic notices from the 戸籍 side is received (a 出生 into a demo
household, a 死亡 and one nobody fits) and the 出生 is selected, showing the 異動 it would record:
window-notices-inbox.png.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from domain.kana import split_name
from domain.records import Person
from tools.offscreen import demo_replica, run_offscreen, save, wait_for
from ui.admin.notices_dialog import NoticesDialog


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with demo_replica(60) as registry, tempfile.TemporaryDirectory(prefix="madoguchi-screenshot-") as tmp:
        clerk = registry.sign_in("demo", "demo")
        town = registry.municipality.prefecture + registry.municipality.name
        today = registry.today().isoformat()
        registry.apply(clerk, {  # the day's counter: a family moves in (the demo's history owes no notices)
            "reason": "国内転入", "idou_date": today, "previous_address": "東京都港区芝公園4丁目2番8号",
            "notifier": {"name": "架空　一郎", "relation": "本人", "identification": "個人番号カード"},
            "address": {"text": f"{town}本町3丁目9番1号"},
            "persons": [{"name": "架空　一郎", "name_kana": "カクウ　イチロウ", "birth": "1980-04-01", "sex": "男",
                         "relationship": "世帯主", "honseki": {"place": "東京都港区芝公園4丁目", "head": "架空　一郎"}},
                        {"name": "架空　花", "name_kana": "カクウ　ハナ", "birth": "1982-06-15", "sex": "女",
                         "relationship": "妻", "honseki": {"place": "東京都港区芝公園4丁目", "head": "架空　一郎"}}]})
        dialog = NoticesDialog(registry, clerk)
        dialog.resize(1180, 640)
        dialog.show()
        save(dialog, out_dir / "window-notices.png")

        heads = [p for p in (registry.person(clerk, a).current for a in registry.residents.living_alone())
                 if p.is_resident][:2]

        def who(person: Person) -> dict[str, str]:
            return {"name": person.name, "name_kana": person.name_kana, "birth": person.birth.iso}

        notices = [
            {"id": "R8-0001", "kind": "出生", "sender": town,
             "person": {"name": split_name(heads[0].name)[0] + "\u3000陽菜", "sex": "女",
                        "name_kana": split_name(heads[0].name_kana)[0] + "\u3000ヒナ",
                        "birth": registry.today().isoformat(), "parent": who(heads[0])}},
            {"id": "R8-0002", "kind": "死亡", "sender": town,
             "person": {**who(heads[1]), "died_on": registry.today().isoformat()}},
            {"id": "R8-0003", "kind": "死亡", "sender": town,
             "person": {"name": "架空　太郎", "name_kana": "カクウ　タロウ", "birth": "1950-01-01",
                        "died_on": registry.today().isoformat()}},
        ]
        incoming = Path(tmp) / "koseki.json"
        incoming.write_text(json.dumps({"format": "madoguchi-notices", "version": 1, "sender": town,
                                        "notices": notices}, ensure_ascii=False), encoding="utf-8")
        dialog.tabs.setCurrentIndex(1)
        dialog.in_edit.setText(str(incoming))
        dialog.take_in()
        wait_for(dialog.import_button.isEnabled, "the notices taken in")
        dialog.in_edit.setText(incoming.name)  # no path of the machine that made the picture
        dialog.inbox.selectRow(0)
        save(dialog, out_dir / "window-notices-inbox.png")
        dialog.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.screenshot_notices", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
