"""被災者台帳 and 罹災証明書 (窓口 and above; no network needed): damage assessments recorded, the 台帳 listed or
written as CSV, a household's certificate issued to a file."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, signed_in
from domain.disaster import AssessmentInput, LedgerFilter, parse_damage
from domain.errors import ValidationError
from domain.wareki import format_wareki


def register(commands: Commands) -> None:
    disaster = commands.add_parser("disaster", help="被災者台帳 and 罹災証明書 (窓口 and above; no network needed)")
    actions = disaster.add_subparsers(dest="disaster_command", required=True)
    assess = actions.add_parser("assess", help="record a damage assessment of a household's dwelling (a 再調査 "
                                               "when it has one for the same 所在地 and 罹災原因)")
    assess.add_argument("--household", required=True, metavar="世帯番号")
    assess.add_argument("--damage", required=True, help="全壊, 大規模半壊, 中規模半壊, 半壊, 準半壊 or 一部損壊")
    assess.add_argument("--cause", required=True, help="罹災原因, e.g. 令和8年11月27日の地震")
    assess.add_argument("--place", default="", help="被災住家の所在地 (default: the household's address)")
    assess.add_argument("--date", default="", help="調査日, 和暦 or 西暦 (default: today)")
    assess.add_argument("--note", default="", help="追加記載事項 (\\n for a new line)")
    assess.add_argument("--surveyor", default="", help="調査者 (default: the acting staff member)")
    assess.set_defaults(handler=signed_in(assess_dwelling))
    listing = actions.add_parser("list", help="the 被災者台帳, filtered; --csv writes it as CSV (UTF-8 with BOM; 係長)")
    listing.add_argument("--damage", help="only this 住家の被害の程度")
    listing.add_argument("--area", default="", help="only this 町字, e.g. 本町2丁目")
    listing.add_argument("--cause", default="", help="only 罹災原因 containing this")
    listing.add_argument("--csv", type=Path, metavar="FILE", help="write the 台帳 as CSV instead of printing it")
    listing.set_defaults(handler=signed_in(list_ledger))
    cert = actions.add_parser("certificate", help="issue the 罹災証明書 of a household's dwelling to a PDF file (係長)")
    cert.add_argument("household", metavar="世帯番号")
    cert.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cert.add_argument("--place", default="", help="which dwelling, when the household has several (a part of its "
                                                  "所在地 or 罹災原因)")
    cert.set_defaults(handler=signed_in(issue_certificate))


def assess_dwelling(s: Session) -> int:
    args = s.args
    doc_id, found = s.registry.disaster.record_assessment(s.actor, AssessmentInput(
        args.household, args.damage, args.cause, args.place, args.date, args.note.replace("\\n", "\n"),
        args.surveyor))
    kind = "再調査" if found.supersedes else "調査"
    print(f"被害認定（{kind}）を記録しました: 世帯番号 {found.setai_no}  {found.place}  {found.damage.value}")
    print(f"文書ID {doc_id}（次の同期で他の端末に届きます）")
    return EXIT_OK


def list_ledger(s: Session) -> int:
    args = s.args
    wanted = LedgerFilter(parse_damage(args.damage) if args.damage else None, args.area, args.cause)
    if args.csv:
        text = s.registry.disaster.ledger_csv(s.actor, wanted)
        args.csv.write_text(text, encoding="utf-8-sig", newline="")
        print(f"被災者台帳を {args.csv} に書き出しました（{text.count(chr(10)) - 1} 件）")
        return EXIT_OK
    lines = s.registry.disaster.ledger(s.actor, wanted)
    for line in lines:
        a = line.dwelling.assessment
        flag = "  要確認（同時に記録された調査あり）" if line.dwelling.flagged else ""
        issued = f"  交付 {'・'.join(line.issued)}" if line.issued else ""
        print(f"{a.setai_no}  {line.head_name}  {a.place}  {a.cause}  {a.damage.value}  調査日 "
              f"{format_wareki(a.surveyed_on)}{issued}{flag}")
    print(f"{len(lines)} 件", file=sys.stderr)
    return EXIT_OK


def issue_certificate(s: Session) -> int:
    from reports.risai_pdf import render

    args = s.args
    lines = [line for line in s.registry.disaster.household_dwellings(s.actor, args.household)
             if args.place in line.dwelling.assessment.place or args.place in line.dwelling.assessment.cause]
    if len(lines) != 1:
        places = "、".join(f"{x.dwelling.assessment.place}（{x.dwelling.assessment.cause}）" for x in lines)
        raise ValidationError("被害認定調査", f"世帯番号 {args.household} の調査が{len(lines)}件あります"
                              + (f"（{places}）。--place で選んでください" if lines else ""))
    issued = s.registry.disaster.issue_risai(s.actor, lines[0].dwelling.doc_id, render, export=True)
    args.out.write_bytes(issued.pdf)
    print(f"{args.out}  罹災証明書 整理番号 {issued.number}（{issued.certificate.damage.value}）発行番号 "
          f"{issued.issue_number}")
    return EXIT_OK
