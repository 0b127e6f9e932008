"""操作記録（監査ログ） (係長, 管理者): every terminal's hash chain verified, entries exported as CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cli.common import (
    EXIT_AUDIT_PENDING,
    EXIT_AUDIT_TAMPERED,
    EXIT_OK,
    Commands,
    Session,
    check_out_file,
    signed_in,
)
from local_store.audit import Filter
from reports.csv_file import encoded, write_csv


def register(commands: Commands) -> None:
    log = commands.add_parser("audit", help="操作記録（監査ログ） (係長, 管理者)")
    log_actions = log.add_subparsers(dest="audit_command", required=True)
    log_actions.add_parser("verify", help=f"check every terminal's hash chain: exit {EXIT_AUDIT_PENDING} when entries "
                                          f"have not arrived yet, {EXIT_AUDIT_TAMPERED} when tampered with"
                           ).set_defaults(handler=signed_in(verify))
    export = log_actions.add_parser("export", help="write entries as CSV (UTF-8 with BOM, for spreadsheets)")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--from", dest="date_from", type=_date, help="first day (YYYY-MM-DD, local time)")
    export.add_argument("--to", dest="date_to", type=_date, help="last day (YYYY-MM-DD, local time)")
    export.add_argument("--user", dest="staff", default="", help="one staff member's entries")
    export.add_argument("--action", default="", help="entries whose action contains this, e.g. 交付")
    export.set_defaults(handler=signed_in(export_entries))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def export_entries(s: Session) -> int:
    args = s.args
    check_out_file(args.out, "--out")
    csv_text = s.registry.audit.export(s.actor, Filter(args.date_from, args.date_to, args.staff, args.action))
    write_csv(args.out, encoded(csv_text))
    print(f"操作記録を {args.out} に書き出しました（{csv_text.count(chr(10)) - 1} 件）")
    return EXIT_OK


def verify(s: Session) -> int:
    verdict = s.registry.audit.verify(s.actor)
    chains = "、".join(f"{terminal} {count}件" for terminal, count in verdict.chains.items())
    print(f"操作記録（監査ログ）を検証しました: {verdict.checked} 件（{chains}）")
    for line in verdict.restored:
        print(f"復元: {line}")
    for line in verdict.tampered:
        print(f"改ざんの疑い: {line}")
    for line in verdict.pending:
        print(f"未着: {line}")
    if verdict.tampered:
        print("操作記録が書き換えられたか、削除・並べ替えられています。管理者に報告してください", file=sys.stderr)
        return EXIT_AUDIT_TAMPERED
    if verdict.pending:
        print("同期でまだ届いていない記録があります（改ざんは見つかりません）。同期の後にもう一度検証してください",
              file=sys.stderr)
        return EXIT_AUDIT_PENDING
    print("異常はありません（すべての記録がつながっています）")
    return EXIT_OK
