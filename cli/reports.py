"""The 係長's reports: a day's 異動一覧 with its 点検 and the 日計 of 交付, and 地域・年齢別人口 as open data."""

from __future__ import annotations

from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, check_out_file, signed_in
from domain.population import LOWEST_MIN_AREA, MIN_AREA, check_min_area
from domain.wareki import format_wareki, parse_date
from reports.csv_file import ENCODINGS, write_csv
from reports.opendata_csv import population_csv


def register(commands: Commands) -> None:
    report = commands.add_parser("report", help="the day's reports (係長)")
    reports = report.add_subparsers(dest="report", required=True)
    daily = reports.add_parser("daily", help="異動一覧・日計表 of a day: the 異動 with their 点検, the 日計 of 交付")
    daily.add_argument("--date", required=True, help="処理日, 和暦 or 西暦 (e.g. R8.11.27 or 2026-11-27)")
    daily.add_argument("--out", type=Path, help="write the printable sheet as a PDF file")
    daily.add_argument("--check", action="store_true", help="mark every 異動 of the day not yet checked as checked")
    daily.set_defaults(handler=signed_in(daily_report))
    opendata = commands.add_parser("export-opendata", help="地域・年齢別人口 as the standard open data set's CSV (係長)")
    opendata.add_argument("--kind", choices=["population"], default="population", help="the data set (population)")
    opendata.add_argument("--as-of", required=True, help="調査年月日, 和暦 or 西暦 (e.g. R8.11.1 or 2026-11-01)")
    opendata.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    opendata.add_argument("--encoding", choices=sorted(ENCODINGS), default="utf-8",
                          help="utf-8 (default), utf-8-bom (for spreadsheet programs) or shift_jis")
    opendata.add_argument("--min-area", type=int, default=MIN_AREA,
                          help=f"町丁目 with fewer residents are published together as その他 (default {MIN_AREA}, "
                               f"at least {LOWEST_MIN_AREA}: a smaller one would show a resident's age and sex)")
    opendata.set_defaults(handler=signed_in(export_opendata))


def daily_report(s: Session) -> int:
    registry, actor, args = s.registry, s.actor, s.args
    day = parse_date(args.date, item="処理日").to_date()
    report = registry.daily.report(actor, day)
    if args.check:
        marked = registry.daily.mark_checked(actor, day, [line.doc_id for line in report.idou if not line.checked_by])
        print(f"{marked}件を点検済みにしました")
        report = registry.daily.report(actor, day)
    print(f"異動一覧 {format_wareki(day)}（{len(report.idou)}件、未点検 {report.unchecked}件）")
    for line in report.idou:
        persons = "、".join(f"{name}（{atena}）" for atena, name in line.persons)
        check = f"点検 {line.checked_by} {line.checked_at[11:16]}" if line.checked_by else "未点検"
        late = f"  届出期間経過 {line.days_late}日（法52条）" if line.days_late else ""
        print(f"  {line.processed_at[11:16]}  {line.reason}  {persons}  {line.staff}  {check}{late}")
    print("日計（交付）")
    for total in report.kofu:
        print(f"  {total.kind}  {total.requests}件  {total.copies}通  {total.fee:,}円  拒否 {total.refused}件"
              f"  取消 {total.cancelled}件")
    print(f"  手数料の合計 {report.fee:,}円")
    print("日計（無料・減免の区分別）")
    for category in report.categories:
        print(f"  {category.category}  {category.requests}件  {category.copies}通  {category.fee:,}円")
    for c in report.cancellations:
        print(f"  取消 {c.at[11:16]} {c.staff}: {c.kind} {' / '.join(c.issue_numbers)}（交付 {c.issued_at[:16]} "
              f"{c.issued_by}）手数料 {c.fee:,}円を差し引き　理由: {c.reason}")
    if args.out:
        # reportlab only for the sheet (and --self-test reports a bad one)
        from reports.daily_pdf import render_daily

        town = registry.municipality
        args.out.write_bytes(render_daily(report, town.prefecture + town.name, registry.audit.heads(),
                                          actor.display_name, s.clock()))
        print(f"{args.out} に保存しました")
    return EXIT_OK


def export_opendata(s: Session) -> int:
    args = s.args
    as_of = parse_date(args.as_of, item="調査年月日").to_date()
    check_min_area(args.min_area)
    check_out_file(args.out, "--out")
    result = s.registry.statistics.population(s.actor, as_of, args.min_area)
    town = s.registry.municipality
    write_csv(args.out, population_csv(result, town.code, town.prefecture + town.name, args.encoding))
    print(f"{format_wareki(as_of)}現在の地域・年齢別人口を {args.out} に出力しました"
          f"（総人口 {result.total.total}人、{len(result.areas)}地域）")
    return EXIT_OK
