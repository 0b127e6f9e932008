"""被災者台帳 and 罹災証明書 (窓口 and above; no network needed): damage assessments recorded, the 台帳 listed or
written as CSV (a household under 支援措置 left out for 窓口, and out of the CSV), a household's certificate issued
to a file for a request (the disclosure check of every certificate, a supervisor's judgment included)."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, sign_in_as, signed_in
from domain.disaster import RISAI_REQUESTERS, AssessmentInput, LedgerFilter, RisaiRequest, parse_damage
from domain.errors import ValidationError
from domain.kofu_rules import REQUESTER_NAMES, Requester
from domain.wareki import format_wareki
from local_store.protection import Judgment
from reports.csv_file import encoded, write_csv


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
    listing.add_argument("--household", default="", metavar="世帯番号", help="only this household's dwellings")
    listing.add_argument("--csv", type=Path, metavar="FILE", help="write the 台帳 as CSV instead of printing it")
    listing.set_defaults(handler=signed_in(list_ledger))
    cert = actions.add_parser("certificate", help="issue the 罹災証明書 of a household's dwelling to a PDF file for a "
                                                 "request (係長)")
    cert.add_argument("household", metavar="世帯番号")
    cert.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cert.add_argument("--place", default="", help="which dwelling, when the household has several (a part of its "
                                                  "所在地 or 罹災原因)")
    cert.add_argument("--requester", choices=[k for k, v in REQUESTER_NAMES.items() if v in RISAI_REQUESTERS],
                      required=True, help="who asks: a member of the household (honnin), their 代理人 (dairinin) or "
                                          "an office (kouyou)")
    cert.add_argument("--requester-atena", default="", metavar="宛名番号",
                      help="honnin: the member of the household who asks (their name is the registry's)")
    cert.add_argument("--requester-name", default="", help="dairinin: 代理人の氏名; kouyou: 機関名")
    cert.add_argument("--principal", default="", metavar="宛名番号", help="dairinin: the 委任者, a member of the household")
    cert.add_argument("--proxy-letter", default="", help="dairinin: 委任状")
    cert.add_argument("--identification", default="", help="本人確認の方法 of whoever stands at the counter")
    cert.add_argument("--judge", help="支援措置: the supervisor who judged the request (their password is read as "
                                      "the next secret)")
    cert.add_argument("--judgment-reason", default="", help="支援措置: the reason of the judgment")
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
    wanted = LedgerFilter(parse_damage(args.damage) if args.damage else None, args.area, args.cause,
                          setai_no=args.household)
    if args.csv:
        text = s.registry.disaster.ledger_csv(s.actor, wanted)
        write_csv(args.csv, encoded(text))
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
    lines = [line for line in s.registry.disaster.ledger(s.actor, LedgerFilter(setai_no=args.household))
             if args.place in line.dwelling.assessment.place or args.place in line.dwelling.assessment.cause]
    if len(lines) != 1:
        places = "、".join(f"{x.dwelling.assessment.place}（{x.dwelling.assessment.cause}）" for x in lines)
        raise ValidationError("被害認定調査", f"世帯番号 {args.household} の調査が{len(lines)}件あります"
                              + (f"（{places}）。--place で選んでください" if lines else ""))
    requester = Requester(kind=REQUESTER_NAMES[args.requester], name=args.requester_name.strip(),
                          identification=args.identification.strip(), proxy_letter=args.proxy_letter.strip(),
                          atena_no=args.requester_atena.strip(), principal_atena=args.principal.strip())
    judgment = None
    if args.judge:
        judgment = Judgment(sign_in_as(s.registry, args.judge, s.secrets, "判断者の"), args.judgment_reason)
    issued = s.registry.disaster.issue_risai(s.actor, RisaiRequest(lines[0].dwelling.doc_id, requester), render,
                                             export=True, judgment=judgment)
    args.out.write_bytes(issued.pdf)
    print(f"{args.out}  罹災証明書 整理番号 {issued.number}（{issued.certificate.damage.value}）発行番号 "
          f"{issued.issue_number}")
    return EXIT_OK
