"""The 戸籍の附票: found (`fuhyo search`: by 本籍, 筆頭者 or any person's name, residents or not), shown (`fuhyo show`),
taken from a town's existing file (`fuhyo import FILE`: the CSV of docs/fuhyo.md, all or nothing, 係長 and above),
and its 写し issued to a file (`fuhyo certificate ID … --out FILE.pdf`: an audited export, 係長 and above). Incoming
附票記載事項通知 (法19条) and notices of the 戸籍 side come in through `notices import` like every incoming notice,
are checked with `fuhyo notice ID` and recorded with `fuhyo notice-apply ID` (or rejected with `notices reject`).

Who asks, by kind: 本人等 with their 続柄 (`--relation`) to the person of the 附票 they name (`--of`, a member or a
宛名番号); a resident 本人等 by 宛名番号 (`--requester-atena`: the name is the registry's); a 代理人 by name and address
with the 委任状; a 第三者 by name and address with the 請求事由 and the 疎明資料, or as a 職務上請求; 公用 by the office,
the staff member in charge and the 法令上の根拠 (法20条)."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    REQUESTER_KEYS,
    Commands,
    Session,
    add_requester_arguments,
    check_out_file,
    judgment_of,
    print_json,
    signed_in,
    write_copies,
)
from domain.fuhyo import ITEM_NAMES, RELATION_NAMES, Fuhyo, FuhyoKind, request_from
from domain.kofu_rules import QUALIFICATION_NAMES, REQUESTER_NAMES
from domain.wareki import format_wareki

KIND_NAMES = {"fuhyo": FuhyoKind.FUHYO, "jofuhyo": FuhyoKind.JOFUHYO}


def register(commands: Commands) -> None:
    group = commands.add_parser("fuhyo", help="戸籍の附票: search, show, import, certificate").add_subparsers(
        dest="fuhyo_command", required=True)
    search = group.add_parser("search", help="find 附票 by 本籍, 筆頭者 or any person's name")
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=signed_in(search_fuhyo))
    show = group.add_parser("show", help="one 附票 with every person's addresses")
    show.add_argument("fuhyo_id", help="the 附票's id (its first six characters or more)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=signed_in(show_fuhyo))
    imported = group.add_parser("import", help="take a town's existing 附票 from a CSV file (docs/fuhyo.md)")
    imported.add_argument("file", type=Path)
    imported.set_defaults(handler=signed_in(import_fuhyo))
    notice = group.add_parser("notice", help="what a received 附票記載事項通知 or 戸籍 notice would record")
    notice.add_argument("notice_id", help="the received notice's id (from notices inbox)")
    notice.set_defaults(handler=signed_in(show_notice))
    apply = group.add_parser("notice-apply", help="record a received 附票 notice in the 附票 (confirmed by you)")
    apply.add_argument("notice_id", help="the received notice's id (from notices inbox)")
    apply.set_defaults(handler=signed_in(apply_notice))
    cert = group.add_parser("certificate", help="issue the 附票の写し (or 除附票の写し) to a PDF file (係長 and above)")
    cert.add_argument("fuhyo_id", help="the 附票's id (its first six characters or more)")
    cert.add_argument("--kind", choices=list(KIND_NAMES), default="fuhyo")
    add_requester_arguments(cert, requester_atena_help="本人等 living here: the requester's 宛名番号")
    cert.add_argument("--relation", choices=list(RELATION_NAMES), help="本人等 and 代理人: 続柄 to the person --of")
    cert.add_argument("--of", default="", help="本人等 and 代理人: the person of the 附票 (member id or 宛名番号)")
    cert.add_argument("--members", nargs="+", default=[], help="only these persons (member ids or 宛名番号)")
    cert.add_argument("--include", nargs="+", choices=list(ITEM_NAMES), default=[], help="items printed on request")
    cert.add_argument("--copies", type=int, default=1)
    cert.add_argument("--fee-category", default="", help="無料・減免の区分 as the settings name it")
    cert.add_argument("--out", type=Path, required=True, help="the PDF (copies 2.. get -2, -3 … in their names)")
    cert.add_argument("--judge", help="the other supervisor who judged the request (their password is read as the "
                                      "next line of the standard input)")
    cert.add_argument("--judgment-reason", default="")
    cert.set_defaults(handler=signed_in(issue))


def search_fuhyo(s: Session) -> int:
    found = s.registry.fuhyo.search(s.actor, s.args.query)
    if s.args.json:
        print_json([{"id": f.id, "honseki": f.honseki, "head": f.head, "closed_on": f.closed_on,
                     "names": list(f.names)} for f in found])
        return EXIT_OK
    print(f"附票 {len(found)}件")
    for f in found:
        closed = f"  除附票（{f.closed_on}）" if f.closed_on else ""
        print(f"  {f.id}  {f.honseki}  筆頭者 {f.head}  {'・'.join(f.names)}{closed}")
    return EXIT_OK


def show_fuhyo(s: Session) -> int:
    shown = s.registry.fuhyo.show(s.actor, s.args.fuhyo_id)
    if s.args.json:
        print_json(_json(shown.fuhyo, shown.protected))
        return EXIT_OK
    fuhyo = shown.fuhyo
    closed = f"（除附票 {format_wareki(fuhyo.closed_on)}）" if fuhyo.closed_on else ""
    print(f"{fuhyo.kind.value.removesuffix('の写し')} {fuhyo.id}{closed}")
    print(f"  本籍 {fuhyo.honseki}  筆頭者 {fuhyo.head}")
    for m in fuhyo.members:
        marks = "  ［支援措置］" if m.key in shown.protected else ""
        atena = f"  宛名番号 {m.atena_no}" if m.atena_no else ""
        print(f"  {m.key}  {m.name}  {format_wareki(m.birth)}  {m.sex.value}{atena}{marks}")
        for line in m.addresses:
            what = "国外転出者（転出の予定年月日）" if line.abroad else line.address
            print(f"      {format_wareki(line.since)}  {what}")
        if m.key in shown.protected and not m.addresses:
            print("      住所は支援措置のため表示しません（係長以上が照会できます）")
        if m.voter_town:
            print(f"      在外選挙人名簿 {m.voter_town}")
        if m.removed is not None:
            print(f"      消除 {format_wareki(m.removed.date)} {m.removed.reason}")
    return EXIT_OK


def _json(fuhyo: Fuhyo, protected: frozenset[str]) -> dict[str, object]:
    return {"id": fuhyo.id, "kind": fuhyo.kind.value, "honseki": fuhyo.honseki, "head": fuhyo.head,
            "closed_on": fuhyo.closed_on.iso if fuhyo.closed_on else "",
            "members": [{"id": m.key, "name": m.name, "birth": m.birth.iso, "sex": m.sex.value, "atena_no": m.atena_no,
                         "protected": m.key in protected, "abroad": m.abroad, "last_address": m.last_address,
                         "addresses": [{"address": a.address, "since": a.since.iso, "abroad": a.abroad}
                                       for a in m.addresses],
                         "removed": {"reason": m.removed.reason, "date": m.removed.date.iso} if m.removed else None}
                        for m in fuhyo.members]}


def show_notice(s: Session) -> int:
    received, changes, problem = s.registry.fuhyo.notice_plan(s.actor, s.args.notice_id)
    print_json(received.notice)
    print(f"状態: {received.state}")
    if changes:
        print("附票に記載する内容:")
        print_json(changes)
    if problem:
        print(f"記載できません: {problem}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def apply_notice(s: Session) -> int:
    doc_id = s.registry.fuhyo.apply_notice(s.actor, s.args.notice_id)
    print(f"附票に記載しました（文書ID {doc_id}）")
    return EXIT_OK


def import_fuhyo(s: Session) -> int:
    made = s.registry.fuhyo.import_file(s.actor, s.args.file)
    print(f"附票を{made}件取り込みました（{s.args.file.name}）")
    return EXIT_OK


def issue(s: Session) -> int:
    from reports.certificate_pdf import render

    args = s.args
    stated = {key: getattr(args, key) for key in (*REQUESTER_KEYS, "of")}
    request = request_from({
        "fuhyo": args.fuhyo_id, "kind": KIND_NAMES[args.kind], "requester": REQUESTER_NAMES[args.requester], **stated,
        "relation": RELATION_NAMES[args.relation] if args.relation else None, "members": args.members,
        "qualification": QUALIFICATION_NAMES[args.qualification] if args.qualification else None,
        "include": [ITEM_NAMES[i] for i in args.include], "copies": args.copies, "fee_category": args.fee_category})
    check_out_file(args.out, "--out")  # before anything is recorded or charged
    issued = s.registry.fuhyo.issue(s.actor, request, render, export=True, judgment=judgment_of(s))
    write_copies(args.out, issued.pdfs, issued.issue_numbers)
    print(f"{request.kind.value} {len(issued.pdfs)}通 手数料 {issued.fee}円")
    return EXIT_OK
