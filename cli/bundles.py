"""Sync by file (持出し・持込み): a signed bundle of sealed documents written for another terminal, or taken in."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import EXIT_OK, EXIT_QUARANTINED, Commands, Session, signed_in


def register(commands: Commands) -> None:
    carry = commands.add_parser("bundle", help="file-carried sync without cloud or network: a signed file of sealed "
                                               "documents for another terminal (export: 管理者; audited)")
    actions = carry.add_subparsers(dest="bundle_command", required=True)
    export = actions.add_parser("export", help="write what another terminal lacks (since the last bundle for it)")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument("--for", dest="target", default="", metavar="TERMINAL",
                        help="the terminal it is for (name or id); only that terminal may take it in")
    export.add_argument("--all", action="store_true", help="every document, not only those since the last bundle")
    export.set_defaults(handler=signed_in(export_bundle))
    take = actions.add_parser("import", help="take in a bundle: checked like a sync, a second time changes nothing")
    take.add_argument("file", type=Path)
    take.set_defaults(handler=signed_in(import_bundle))


def export_bundle(s: Session) -> int:
    from sync import bundle

    written = bundle.export_bundle(s.registry, s.actor, s.args.out, s.args.target, everything=s.args.all)
    to = f"端末「{written.header.target_name}」宛て" if written.header.target else "宛先の指定なし"
    print(f"持出しファイルを {written.path} に書き出しました（{to}、文書 {written.header.count} 件）")
    return EXIT_OK


def import_bundle(s: Session) -> int:
    from sync import bundle

    taken = bundle.import_bundle(s.registry, s.actor, s.args.file)
    result = taken.result
    if result.already:
        print(f"この持出しファイルは {result.imported_at} に取込み済みです。何も変更していません")
        return EXIT_OK
    print(f"端末「{taken.header.source_name}」の持出しファイルを取り込みました: 受入 {result.accepted} 件、"
          f"取込み済み {result.duplicates} 件")
    if result.quarantined:
        print(f"検査に通らなかった文書 {result.quarantined} 件を隔離しました（管理者が確認してください）", file=sys.stderr)
        return EXIT_QUARANTINED
    return EXIT_OK
