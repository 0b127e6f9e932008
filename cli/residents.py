"""Residents: search, 照会 of one person, a 異動 recorded from a JSON file (one held for 支援措置 with a 係長's
judgment), the 住民票コード通知票 such a 異動 owes, and the derived tables rebuilt."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cli.common import (
    EXIT_OK,
    Commands,
    Session,
    check_out_file,
    print_json,
    read_json,
    sign_in_as,
    signed_in,
)
from cli.protection import protection_json
from domain import office_items
from domain.certificate_items import address_set_on
from domain.code_notice import TITLE
from domain.history import residences
from domain.kofu_rules import ended
from domain.wareki import RegDate, format_wareki
from local_store.idou_service import Applied
from local_store.protection import Judgment
from local_store.residents_service import PersonRecord
from local_store.search import display_birth


def register(commands: Commands) -> None:
    find = commands.add_parser("search", help="search residents")
    find.add_argument("query")
    find.add_argument("--removed", action="store_true", help="include 除票")
    find.add_argument("--mynumber", action="store_true", help="the query is an exact 個人番号 (audited)")
    find.add_argument("--kind", choices=["日本人", "外国人"], help="住民種別: only Japanese or only foreign residents")
    find.add_argument("--limit", type=int, default=100)
    find.add_argument("--json", action="store_true")
    find.set_defaults(handler=signed_in(search))

    show = commands.add_parser("show", help="show one person: current record, 異動履歴, household, 除票, 法7条9〜11号の2")
    show.add_argument("atena_no")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=signed_in(show_person))

    apply = commands.add_parser("apply", help="record one 異動 from a JSON file (see README)")
    apply.add_argument("file", type=Path)
    apply.add_argument("--judge", help="支援措置: the supervisor (not the --as staff member) who judged a held 異動 "
                                       "(their password is read as the next secret)")
    apply.add_argument("--judgment-reason", default="", help="支援措置: the reason of the judgment")
    apply.set_defaults(handler=signed_in(apply_idou))

    notice = commands.add_parser("code-notice", help="the 住民票コード通知票 owed for the 異動 that recorded or changed "
                                                     "the person's 住民票コード (法30条の3第3項, 30条の4第3項; 係長)")
    notice.add_argument("atena_no")
    notice.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF")
    notice.set_defaults(handler=signed_in(make_code_notice))

    commands.add_parser("rebuild", help="rebuild the derived tables from the documents").set_defaults(
        handler=signed_in(rebuild))


def search(s: Session) -> int:
    args = s.args
    result = s.registry.search(s.actor, args.query, include_removed=args.removed, mynumber=args.mynumber,
                               resident_kind=args.kind, limit=args.limit)
    rows = s.registry.summaries(result.ids)
    if args.json:
        print_json({"kind": result.kind, "truncated": result.truncated, "results": [asdict(r) for r in rows]})
        return EXIT_OK
    for r in rows:
        flags = (" 要確認" if r.forked else "") + (" 支援措置" if r.protected else "")
        print(f"{r.atena_no}  {r.name}（{r.name_kana}）  {r.birth}  {r.sex}  {r.address}  {r.status}{flags}")
    more = "（さらにあります）" if result.truncated else ""
    print(f"{len(rows)} 件（{result.kind}）{more}", file=sys.stderr)
    return EXIT_OK


def show_person(s: Session) -> int:
    record = s.registry.person(s.actor, s.args.atena_no)
    if s.args.json:
        print_json(_record_json(record))
    else:
        _print_person(record)
    return EXIT_OK


def apply_idou(s: Session) -> int:
    request = read_json(s.args.file, "異動ファイル")
    judgment = None
    if s.args.judge:
        judgment = Judgment(sign_in_as(s.registry, s.args.judge, s.secrets, "判断者の"), s.args.judgment_reason)
    applied = s.registry.apply(s.actor, request, judgment)
    print_applied(applied)
    for asked in s.registry.inkan.name_changes(s.actor, applied.idou):
        print(f"確認: 宛名番号 {asked.atena_no} の氏名が変わりました。印鑑登録（登録番号 {asked.registration_no}）の印影が"
              f"新しい氏名と合わなければ廃止してください（inkan abolish {asked.atena_no} --reason name-changed）")
    return EXIT_OK


def print_applied(applied: Applied) -> None:
    """A recorded 異動: its reason, 異動日 and persons (as the counter may see them), its document's id, and what
    staff should make sure of (a 転出先 other than the address, 同一人の疑い)."""
    names = "、".join(f"{c.row.name}（{c.row.atena_no}）" for c in applied.idou.rows)
    judged = "（支援措置: 係長の判断により）" if applied.judged else ""
    print(f"{applied.idou.reason}を登録しました{judged}（異動日 {format_wareki(applied.idou.idou_date)}）: {names}")
    print(f"文書ID {applied.doc_id}")
    for warning in applied.warnings:
        print(f"注意: {warning}")
    for atena_no in applied.idou.code_notices:
        print(f"住民票コード通知: 宛名番号 {atena_no} の人に住民票コードを通知してください"
              f"（code-notice {atena_no} --out FILE.pdf で通知票を作成）")


def make_code_notice(s: Session) -> int:
    from reports.code_notice_pdf import render

    check_out_file(s.args.out, "--out")  # before anything is recorded
    notice = s.registry.idou.code_notice(s.actor, s.args.atena_no.strip(), export=True)
    s.args.out.write_bytes(render(notice))
    print(f"{s.args.out}  {TITLE}（{notice.name}　{notice.reason} {format_wareki(notice.idou_date)}）")
    return EXIT_OK


def rebuild(s: Session) -> int:
    count = s.registry.residents.rebuild(s.actor)
    print(f"派生データを再構築しました（{count} 人）")
    return EXIT_OK


def _print_person(record: PersonRecord) -> None:
    p = record.current
    print(f"宛名番号 {p.atena_no}  世帯番号 {p.setai_no}  住民状態 {p.status.value}")
    age = f"（{record.age}歳）" if record.age is not None else ""
    print(f"氏名 {p.name}（{p.name_kana}）  生年月日 {display_birth(p)}{age}  性別 {p.sex.value}  続柄 {p.relationship}")
    print(f"住所 {p.address.full()}  住所を定めた年月日 {_wareki(address_set_on(p)) or 'なし'}")
    if record.forked:
        print(f"要確認: 並行した異動があります（{', '.join(record.tips)}）")
    for item in record.protection:
        processes = "・".join(p.value for p in item.measure.processes)
        print(f"支援措置: 抑止 {processes}　{format_wareki(item.measure.end)}まで"
              + ("（終了日を過ぎていますが、時刻を確認できるまで継続）" if item.kept_by_untrusted_time else ""))
    print("異動履歴:")
    for entry in record.history:
        print(f"  {entry.number}  {entry.reason}  異動日 {_wareki(entry.idou_date)}  届出日 "
              f"{_wareki(entry.notified_on) or 'なし'}  処理 {entry.processed_at[:10]}  {entry.row.address.full()}")
    print("世帯:")
    for member in record.household:
        print(f"  {member.relationship}  {member.name}  {display_birth(member)}")
    gone = ended(residences(record.history), record.lives_here)
    if gone:
        print(f"除票: {len(gone)}件")
        for stay in gone:
            print(f"  {stay.describe()}  {stay.row.address.full()}")
    if p.offices.to_json():
        print(f"{office_items.ITEM}:")
        for key, name in office_items.NAMES.items():
            print(f"  {name}  {office_items.entry_text(p.offices, key, format_wareki)}")


def _wareki(value: RegDate | None) -> str:
    return format_wareki(value) if value is not None else ""


def _record_json(record: PersonRecord) -> dict[str, Any]:
    return {
        "current": record.current.to_json(),
        "age": record.age,
        "forked": record.forked,
        "tips": list(record.tips),
        "history": [{"number": e.number, "doc_id": e.doc_id, "reason": e.reason, "processed_at": e.processed_at,
                     "idou_date": e.idou_date.to_json() if e.idou_date else None,
                     "notified_on": e.notified_on.to_json() if e.notified_on else None,
                     "row": e.row.to_json()} for e in record.history],
        "household": [m.to_json() for m in record.household],
        "protection": [protection_json(p) for p in record.protection],
        "johyo": [{"residence": stay.number, "described": stay.describe(), "row": stay.row.to_json()}
                  for stay in ended(residences(record.history), record.lives_here)],
    }
