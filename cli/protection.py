"""支援措置 (係長 and above): measures started, extended, ended and listed."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from cli.common import EXIT_OK, Commands, Session, print_json, replicated, signed_in
from domain.fuhyo import member_target
from domain.protection import Offender, Process
from domain.wareki import format_wareki, parse_date
from local_store.protection import Protection

PROCESS_NAMES = {"異動": Process.IDOU, "idou": Process.IDOU, "交付": Process.KOFU, "kofu": Process.KOFU,
                 "照会": Process.SHOUKAI, "shoukai": Process.SHOUKAI}


def register(commands: Commands) -> None:
    shield = commands.add_parser("protection", help="支援措置 (係長 and above): start, extend, end and list measures")
    actions = shield.add_subparsers(dest="protection_command", required=True)
    add = actions.add_parser("add", help="開始: protect persons (by 宛名番号) from the 加害者 named")
    add.add_argument("atena_nos", nargs="*", metavar="宛名番号")
    add.add_argument("--fuhyo-member", action="append", default=[], metavar="附票ID:人のID",
                     help="a person of this town's 附票 living elsewhere (her 住所地 forwarded the 支援措置): the 附票's "
                          "id and her id in it, as `fuhyo show --json` gives them (repeat for several)")
    add.add_argument("--process", nargs="+", choices=list(PROCESS_NAMES), default=["異動", "交付", "照会"],
                     help="the processes restricted (default: all three)")
    add.add_argument("--household", action="store_true", help="every current member of the first person's household")
    add.add_argument("--offender", action="append", default=[], metavar="氏名[,フリガナ[,宛名番号]]",
                     help="a 加害者 (repeat for several)")
    add.add_argument("--start", help="開始日, 和暦 or 西暦 (default: today)")
    add.add_argument("--end", help="終了日 (default: one year, the day before the same date a year later)")
    add.add_argument("--note", default="", help="備考")
    add.set_defaults(handler=signed_in(add_measure))
    extend = actions.add_parser("extend", help="延長: from one month before the 終了日, by a year (or to --end)")
    extend.add_argument("measure", help="the measure's id (its first 8 characters are enough)")
    extend.add_argument("--end", help="延長後の終了日")
    extend.add_argument("--note", default="")
    extend.set_defaults(handler=signed_in(extend_measure))
    end = actions.add_parser("end", help="終了: the measure stops now")
    end.add_argument("measure", help="the measure's id (its first 8 characters are enough)")
    end.add_argument("--reason", required=True, help="why it ends")
    end.set_defaults(handler=signed_in(end_measure))
    listing = actions.add_parser("list", help="the measures of a person, or of everyone")
    listing.add_argument("atena_no", nargs="?", metavar="宛名番号")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=signed_in(list_measures))


def protection_json(item: Protection) -> dict[str, Any]:
    m = item.measure
    return {"id": m.id, "in_force": item.in_force, "kept_by_untrusted_time": item.kept_by_untrusted_time,
            "ended": m.ended, "concurrent": m.concurrent, "targets": list(m.targets), "setai_no": m.setai_no,
            "processes": sorted(p.value for p in m.processes), "start": m.start.isoformat(),
            "end": m.end.isoformat(), "offenders": [o.to_json() for o in m.offenders], "note": m.note,
            "created_by": m.created_by, "created_at": m.created_at}


def list_measures(s: Session) -> int:
    found = s.registry.protection.measures(s.actor, s.args.atena_no)
    if s.args.json:
        print_json([protection_json(p) for p in found])
        return EXIT_OK
    for item in found:
        m = item.measure
        state = ("継続中（時刻未確認）" if item.kept_by_untrusted_time else "継続中") if item.in_force else (
            "終了" if m.ended else "期間満了")
        offenders = "、".join(o.name or o.kana for o in m.offenders) or "なし"
        print(f"{m.id[:8]}  {state}{'  要確認' if m.concurrent else ''}  抑止 "
              f"{'・'.join(p.value for p in Process if p in m.processes)}  {format_wareki(m.start)}〜"
              f"{format_wareki(m.end)}  対象 {','.join(m.targets)}  加害者 {offenders}  {m.note}")
    print(f"{len(found)} 件", file=sys.stderr)
    return EXIT_OK


def add_measure(s: Session) -> int:
    args = s.args
    targets = [*args.atena_nos, *(member_target(*m.strip().partition(":")[::2]) for m in args.fuhyo_member)]
    measure = s.registry.protection.add(s.actor, targets, {PROCESS_NAMES[p] for p in args.process},
                                        [_offender(o) for o in args.offender], household=args.household,
                                        start=_day(args.start, "開始日"), end=_day(args.end, "終了日"), note=args.note)
    print(f"支援措置 {measure.id[:8]} を開始しました（{format_wareki(measure.start)}〜{format_wareki(measure.end)}、"
          f"対象 {len(measure.targets)}人）")
    return replicated()


def extend_measure(s: Session) -> int:
    measure = s.registry.protection.extend(s.actor, s.args.measure, _day(s.args.end, "終了日"), s.args.note)
    print(f"支援措置 {measure.id[:8]} を{format_wareki(measure.end)}まで延長しました")
    return replicated()


def end_measure(s: Session) -> int:
    measure = s.registry.protection.end(s.actor, s.args.measure, s.args.reason)
    print(f"支援措置 {measure.id[:8]} を終了しました")
    return replicated()


def _day(text: str | None, item: str) -> dt.date | None:
    return parse_date(text, item=item).to_date() if text else None


def _offender(text: str) -> Offender:
    parts = [p.strip() for p in text.split(",")] + ["", ""]
    return Offender(parts[0], parts[1], parts[2])
