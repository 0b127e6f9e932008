"""Notices to other offices (the outbox the 異動 owe) and from them (the inbox): listed, written to a file and marked
sent, taken in, shown with the 異動 they would record, applied or rejected."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import EXIT_INVALID, EXIT_OK, Commands, Session, print_json, signed_in
from cli.residents import print_applied
from domain import notices

KINDS = ", ".join(f"{kind.value} ({code})" for kind, code in notices.CODES.items())


def register(commands: Commands) -> None:
    notes = commands.add_parser("notices", help="notices to other offices (outbox) and from them (inbox); the file "
                                                "format is docs/notices.md")
    actions = notes.add_subparsers(dest="notices_command", required=True)
    listing = actions.add_parser("list", help="the notices the 異動 owe, with when each was sent")
    listing.add_argument("--pending", action="store_true", help="only those not sent yet")
    listing.add_argument("--kind", help=KINDS)
    listing.add_argument("--json", action="store_true", help="the notices as the file has them")
    listing.set_defaults(handler=signed_in(list_outgoing))
    export = actions.add_parser("export", help="write the notices not sent yet to a file and mark them sent "
                                               "(a 持出し: 管理者; audited)")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument("--kind", help=KINDS)
    export.set_defaults(handler=signed_in(export_outgoing))
    take = actions.add_parser("import", help="take a file of incoming notices into the inbox (all or none); "
                                             "nothing is recorded until staff apply each one")
    take.add_argument("file", type=Path)
    take.set_defaults(handler=signed_in(import_incoming))
    actions.add_parser("inbox", help="the notices received, with their state (受付, 処理済, 却下)").set_defaults(
        handler=signed_in(inbox))
    show = actions.add_parser("show", help="a received notice and the 異動 request it would record (checked, not "
                                           "recorded)")
    show.add_argument("id", help="the notice's id (its first 8 characters are enough)")
    show.set_defaults(handler=signed_in(show_incoming))
    done = actions.add_parser("apply", help="record the 異動 of a received notice (staff confirm it by this)")
    done.add_argument("id")
    done.set_defaults(handler=signed_in(apply_incoming))
    reject = actions.add_parser("reject", help="却下: mark a received notice rejected; nothing is recorded")
    reject.add_argument("id")
    reject.add_argument("--reason", required=True)
    reject.set_defaults(handler=signed_in(reject_incoming))


def list_outgoing(s: Session) -> int:
    kind = notices.kind_named(s.args.kind) if s.args.kind else None
    found = s.registry.notices.outgoing(s.actor, kind, pending=s.args.pending)
    if s.args.json:
        print_json([n for n, _ in found])
        return EXIT_OK
    for notice, sent in found:
        state = f"送付済 {sent.at} {sent.by}" if sent else "送付待ち"
        print(f"{notices.summary(notice)}  {notice['idou']['reason']}  {state}  {notice['id']}")
    print(f"{len(found)} 件", file=sys.stderr)
    return EXIT_OK


def export_outgoing(s: Session) -> int:
    kind = notices.kind_named(s.args.kind) if s.args.kind else None
    written = s.registry.notices.export(s.actor, s.args.out, kind)
    print(f"通知 {written.count} 件を {written.path} に書き出し、送付済みにしました")
    return EXIT_OK


def import_incoming(s: Session) -> int:
    taken = s.registry.notices.import_file(s.actor, s.args.file)
    print(f"通知 {taken.taken} 件を受け付けました（受付済み {taken.already} 件）。内容を確認して notices apply で"
          "登録してください")
    return EXIT_OK


def inbox(s: Session) -> int:
    for item in s.registry.notices.inbox(s.actor):
        decided = f"（{item.decided_by}{' ' + item.reason if item.reason else ''}）" if item.decided_by else ""
        review = "  要確認（二つの端末で処理）" if item.concurrent else ""
        print(f"{item.id[:8]}  {item.received_on}  {notices.summary(item.notice)}  {item.state}{decided}{review}")
    return EXIT_OK


def show_incoming(s: Session) -> int:
    proposal = s.registry.notices.proposal(s.actor, s.args.id)
    print_json(proposal.received.notice)
    print(f"状態: {proposal.received.state}")
    if proposal.request is not None:
        print("登録する異動:")
        print_json(proposal.request)
    if proposal.problem:
        print(f"登録できません: {proposal.problem}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def apply_incoming(s: Session) -> int:
    print_applied(s.registry.notices.apply(s.actor, s.args.id))
    return EXIT_OK


def reject_incoming(s: Session) -> int:
    s.registry.notices.reject(s.actor, s.args.id, s.args.reason)
    print("通知を却下しました（何も登録していません）")
    return EXIT_OK
