"""閲覧 (法11条, 11条の2): a request recorded from its JSON file (docs/etsuran.md; 窓口 and above), the requests listed,
one approved or refused with its reason (係長), the 閲覧用リスト of an approved request written to a PDF and the year's
公表 to a PDF or a CSV (係長: each an audited export; nobody under 支援措置 is in a list)."""

from __future__ import annotations

from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, check_out_file, read_json, signed_in
from domain.errors import ValidationError
from domain.etsuran import Case
from domain.wareki import format_wareki
from reports.csv_file import encoded, write_csv


def register(commands: Commands) -> None:
    etsuran = commands.add_parser("etsuran", help="閲覧 (法11条, 11条の2): requests, decisions, the 閲覧用リスト and "
                                                  "the yearly 公表")
    actions = etsuran.add_subparsers(dest="etsuran_command", required=True)
    request = actions.add_parser("request", help="record a request from its JSON file (see docs/etsuran.md)")
    request.add_argument("file", type=Path, metavar="FILE.json")
    request.set_defaults(handler=signed_in(receive))
    shown = actions.add_parser("requests", help="the requests with their 受付番号, status and lists made")
    shown.set_defaults(handler=signed_in(list_requests))
    approve = actions.add_parser("approve", help="approve a request waiting for a decision (係長)")
    approve.add_argument("id", metavar="受付番号")
    approve.add_argument("--note", default="", help="a note kept with the approval (needed when the request names a "
                                                    "加害者 of a 支援措置: what was checked)")
    approve.set_defaults(handler=signed_in(approve_request))
    refuse = actions.add_parser("refuse", help="refuse a request waiting for a decision, with the reason (係長)")
    refuse.add_argument("id", metavar="受付番号")
    refuse.add_argument("--reason", required=True, help="why it is refused")
    refuse.set_defaults(handler=signed_in(refuse_request))
    listing = actions.add_parser("list", help="write the 閲覧用リスト of an approved request to a PDF (係長)")
    listing.add_argument("id", metavar="受付番号")
    listing.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    listing.set_defaults(handler=signed_in(make_list))
    publish = actions.add_parser("publish", help="the 公表 of the year's 閲覧 as a PDF or a CSV (UTF-8 with BOM; 係長)")
    publish.add_argument("--year", type=int, required=True, help="the year (西暦)")
    publish.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|FILE.csv")
    publish.set_defaults(handler=signed_in(publish_year))


def receive(s: Session) -> int:
    case = s.registry.etsuran.receive(s.actor, read_json(s.args.file, "閲覧の申出"))
    print(f"閲覧の申出を受け付けました: 受付番号 {case.number}（{case.request.kind.article} "
          f"{case.request.kind.value}）係長の承認を待ちます")
    return EXIT_OK


def list_requests(s: Session) -> int:
    for case in s.registry.etsuran.cases(s.actor):
        print(_line(case))
    return EXIT_OK


def _line(case: Case) -> str:
    r = case.request
    flag = "  要確認（複数の端末で判断・作成）" if case.flagged else ""
    if case.offenders:  # filled for 係長 and above only
        flag += f"  要確認（支援措置の加害者と一致: {'、'.join(case.offenders)}）"
    made = f"  リスト {len(case.lists)}回" if case.lists else ""
    return (f"{case.number}  {case.status.value}  {r.kind.article}  {r.applicant}  閲覧 {format_wareki(r.date)}  "
            f"{r.scope}{made}{flag}")


def approve_request(s: Session) -> int:
    case = s.registry.etsuran.approve(s.actor, s.args.id, s.args.note)
    print(f"承認しました: {_line(case)}")
    return EXIT_OK


def refuse_request(s: Session) -> int:
    case = s.registry.etsuran.refuse(s.actor, s.args.id, s.args.reason)
    print(f"拒否しました: {_line(case)}")
    return EXIT_OK


def make_list(s: Session) -> int:
    from reports.etsuran_pdf import render_list

    check_out_file(s.args.out, "--out")  # before the list is recorded
    made = s.registry.etsuran.make_list(s.actor, s.args.id)
    s.args.out.write_bytes(render_list(made))
    print(f"{s.args.out}  閲覧用リスト 受付番号 {made.number}（{len(made.lines)}人）")
    return EXIT_OK


def publish_year(s: Session) -> int:
    from reports.etsuran_pdf import render_publication

    out: Path = s.args.out
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise ValidationError("--out", "公表のファイルは .pdf か .csv の名前にしてください")
    check_out_file(out, "--out")
    if suffix == ".csv":
        text = s.registry.etsuran.publication_csv(s.actor, s.args.year)
        write_csv(out, encoded(text))
        count = text.count("\n") - 1
    else:
        lines = s.registry.etsuran.publication(s.actor, s.args.year)
        out.write_bytes(render_publication(lines, s.args.year, s.registry.municipality.full_name))
        count = len(lines)
    print(f"{out}  {s.args.year}年の閲覧の状況（{count}件）")
    return EXIT_OK
