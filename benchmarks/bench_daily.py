"""点検 in the 異動一覧・日計 window on a busy day, offscreen: ticking 3 異動 among 5,000 of a day and marking them.

    python benchmarks/bench_daily.py [--idou 5000] [--runs 9]

Builds, once, a replica whose one day holds `--idou` 異動 (one-person 国内転入 through the facade, in batches; kept
in benchmarks/.cache/, its key wrapped by a fixed passphrase: synthetic data only; its clock is that day's). Then, as
a 係長 signed in on that day, it opens the dialog, waits for the day's list, and `--runs` times ticks the 点検 box of
3 unchecked 異動 with the keyboard (Down to the row, Space) and presses 「選んだ異動を点検済みにする」: the time runs
from the click until the 3 rows say who checked them and the table has repainted (a filter on its viewport counts
the paints). Also times the opening: from creating the dialog to the day's list shown. Prints one JSON object:
idou, runs, daily_check_ms (the median; target <= 200), daily_check_max_ms, daily_open_ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from window_bench import ROOT, Paints, wait  # before the program's packages: it puts them on the path

from demo.replica import DEMO_ADMIN, demo_municipality
from domain.roles import Role
from local_store.registry import Registry
from ui.admin.daily_dialog import COL_CHECK, DailyDialog
from ui.shell.app import application

CACHE = ROOT / "benchmarks" / ".cache"
PASSPHRASE = "bench-daily-passphrase"  # synthetic data only
JST = dt.timezone(dt.timedelta(hours=9))
DAY = dt.date(2026, 11, 27)
CHIEF = ("bench-kakaricho", "係長 花子（ベンチ）", "bench")
FAMILY = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
FAMILY_KANA = ("サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ")
GIVEN = ("一郎", "花子", "健太", "美咲", "大輔", "陽菜", "翔太", "結衣")
GIVEN_KANA = ("イチロウ", "ハナコ", "ケンタ", "ミサキ", "ダイスケ", "ヒナ", "ショウタ", "ユイ")
BATCH = 500


class DayClock:
    """The registry's clock on the day of the benchmark, from `start`, a millisecond further at each reading."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now


def one_person_tennyu(i: int) -> dict[str, object]:
    f, g = i % len(FAMILY), (i // len(FAMILY)) % len(GIVEN)
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 37) % 20_000)
    late = i % 50 == 0  # a few 届出 past their 14 days (法52条)
    idou_date = DAY - dt.timedelta(days=20 if late else 3)
    person = {"name": f"{FAMILY[f]}　{GIVEN[g]}", "name_kana": f"{FAMILY_KANA[f]}　{GIVEN_KANA[g]}",
              "kana_confirmed": True, "birth": birth.isoformat(), "sex": "男" if g % 2 == 0 else "女",
              "relationship": "世帯主", "honseki": {"place": "東京都千代田区千代田1番地", "head": f"{FAMILY[f]}　{GIVEN[g]}"}}
    return {"reason": "国内転入", "idou_date": idou_date.isoformat(), "notified_on": DAY.isoformat(),
            "notifier": {"name": person["name"], "relation": "本人", "identification": "個人番号カード"},
            "address": {"text": f"{demo_municipality().prefecture}{demo_municipality().name}本町{i % 9 + 1}丁目{i % 30 + 1}番"
                                f"{i % 20 + 1}号"},
            "previous_address": "東京都千代田区千代田1番1号", "persons": [person]}


def build(data_dir: Path, count: int) -> None:
    if (data_dir / "terminal.json").exists():
        return
    print(f"building a replica with {count} 異動 on {DAY} in {data_dir} (once)", file=sys.stderr)
    clock = DayClock(dt.datetime.combine(DAY, dt.time(8, 30), JST))
    registry = Registry.create(data_dir, demo_municipality(), "本庁1", DEMO_ADMIN, passphrase=lambda: PASSPHRASE,
                               demo=True, clock=clock)
    try:
        admin = registry.sign_in(DEMO_ADMIN[0], DEMO_ADMIN[2])
        registry.staff.add(admin, CHIEF[0], CHIEF[1], Role.SUPERVISOR, CHIEF[2])
        for start in range(0, count, BATCH):
            registry.idou.apply_batch(admin, [one_person_tennyu(i) for i in range(start, min(count, start + BATCH))])
        registry.analyze()
    finally:
        registry.close()


def tick_by_keys(dialog: DailyDialog, rows: list[int]) -> None:
    """Down to each row's 点検 cell, then Space, as a 係長 does with the keyboard."""
    table = dialog.idou
    table.setFocus()
    for row in rows:
        table.setCurrentIndex(dialog.model.index(row, COL_CHECK))
        QTest.keyClick(table, Qt.Key.Key_Space)


def check_ms(dialog: DailyDialog, painted: Paints, rows: list[int]) -> float:
    tick_by_keys(dialog, rows)
    QCoreApplication.processEvents()
    return painted.ms(dialog.check_button.click,
                      lambda: all(dialog.model.line(row).checked_by for row in rows) and not dialog.busy,
                      "the rows marked")


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench_daily")
    parser.add_argument("--idou", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    data_dir = CACHE / f"daily-{args.idou}"
    build(data_dir, args.idou)
    app = application()
    clock = DayClock(dt.datetime.combine(DAY, dt.time(17, 0), JST))
    registry = Registry.open(data_dir, passphrase=lambda: PASSPHRASE, clock=clock)
    try:
        chief = registry.sign_in(CHIEF[0], CHIEF[2])
        started = time.perf_counter()
        dialog = DailyDialog(registry, chief)
        dialog.resize(1366, 728)
        dialog.show()
        wait(lambda: dialog.model.rowCount() == args.idou and not dialog.busy, "the day's list")
        QCoreApplication.processEvents()
        open_ms = (time.perf_counter() - started) * 1000
        painted = Paints(dialog.idou)
        unchecked = [row for row in range(dialog.model.rowCount()) if not dialog.model.line(row).checked_by]
        if len(unchecked) < 3 * (args.runs + 1):
            raise SystemExit(f"too few unchecked 異動 left in {data_dir}: delete it to build it again")
        check_ms(dialog, painted, unchecked[:3])  # a warm-up, as the day's first 点検
        samples = [check_ms(dialog, painted, unchecked[3 * (run + 1):3 * (run + 2)]) for run in range(args.runs)]
        dialog.close()
        app.processEvents()
    finally:
        registry.close()
    print(json.dumps({"idou": args.idou, "runs": args.runs, "daily_check_ms": round(statistics.median(samples), 1),
                      "daily_check_max_ms": round(max(samples), 1), "daily_open_ms": round(open_ms, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
