"""付番待ち and the pool of 住民票コード: residents waiting for a 個人番号 or a 住民票コード (a person under 支援措置
listed for 係長 and above only, marked), numbers filled in from a file, codes imported, leased to a terminal and
given to those waiting."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, read_text, signed_in
from domain import juminhyo_pool, mynumber_import
from local_store.juminhyo_pool import SELF_SHARE

JUMINHYO_CODE = "juminhyo-code"


def register(commands: Commands) -> None:
    numbers = commands.add_parser("numbers", help="付番待ち (個人番号, 住民票コード) and the pool of 住民票コード")
    number_commands = numbers.add_subparsers(dest="numbers", required=True)
    waiting = number_commands.add_parser("waiting", help="current residents waiting for a 個人番号 or 住民票コード")
    _kind_option(waiting)
    waiting.set_defaults(handler=signed_in(list_waiting))
    fill = number_commands.add_parser("import", help="mynumber: record 個人番号 from a CSV file of 宛名番号,個人番号 "
                                      "lines; juminhyo-code: add a file of 住民票コード to the pool (管理者, on the "
                                      "numbering authority); all lines, or none on the first error")
    _kind_option(fill)
    fill.add_argument("--share", type=int, default=SELF_SHARE,
                      help=f"juminhyo-code: how many to lease to this terminal (default {SELF_SHARE})")
    fill.add_argument("file", type=Path)
    fill.set_defaults(handler=signed_in(import_file))
    number_commands.add_parser("pool", help="住民票コード left on this terminal (and not yet leased, on the authority)"
                               ).set_defaults(handler=signed_in(pool))
    lease = number_commands.add_parser("lease", help="lease 住民票コード of the pool to a terminal (管理者)")
    lease.add_argument("--terminal", required=True, help="the terminal's name")
    lease.add_argument("--count", type=int, required=True)
    lease.set_defaults(handler=signed_in(lease_codes))
    number_commands.add_parser("fill-codes", help="give each person waiting for a 住民票コード one from this "
                               "terminal's pool (住民票コードの職権記載)").set_defaults(handler=signed_in(fill_codes))


def _kind_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--kind", choices=["mynumber", JUMINHYO_CODE], default="mynumber",
                         help="mynumber (個人番号, the default) or juminhyo-code (住民票コード)")


def list_waiting(s: Session) -> int:
    registry = s.registry
    codes = s.args.kind == JUMINHYO_CODE
    for r in registry.codes.awaiting(s.actor) if codes else registry.mynumber.awaiting(s.actor):
        print(f"{r.atena_no}  {r.name}（{r.name_kana}）  {r.birth}  {r.address}{'  支援措置' if r.protected else ''}")
    return EXIT_OK


def import_file(s: Session) -> int:
    if s.args.kind == JUMINHYO_CODE:
        lines = juminhyo_pool.parse_codes(read_text(s.args.file, "住民票コードのファイル"))
        leased = s.registry.codes.import_codes(s.actor, lines, s.args.share)
        print(f"住民票コードを{len(lines)}件取り込み、この端末へ{leased}件払い出しました")
    else:
        numbers = mynumber_import.parse(read_text(s.args.file, "個人番号のファイル"))
        print(f"{s.registry.mynumber.fill(s.actor, numbers)}人の個人番号を記載しました")
    return EXIT_OK


def pool(s: Session) -> int:
    state = s.registry.codes.state(s.actor)
    print(f"この端末の住民票コードの残り {state.left}件")
    if state.unleased is not None:
        print(f"払い出していない住民票コード {state.unleased}件")
    return EXIT_OK


def lease_codes(s: Session) -> int:
    count = s.registry.codes.lease(s.actor, s.args.terminal, s.args.count)
    print(f"端末「{s.args.terminal}」へ住民票コードを{count}件払い出しました（次の同期で届きます）")
    return EXIT_OK


def fill_codes(s: Session) -> int:
    print(f"{s.registry.codes.fill(s.actor)}人の住民票コードを記載しました")
    return EXIT_OK
