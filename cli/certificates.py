"""Certificates: one issued for a request and written to a file (a request judged by another supervisor included:
for a person under 支援措置, or on a replica whose data is old), one verified from its file or QR text, and the
電子公印 set; a 交付 cancelled (交付の取消し, with the reason) or issued again (再交付) by one of its 発行番号, and a
person's 交付履歴.

Who asks, by kind: 本人等 by 宛名番号 (`--requester-atena`; the name is the registry's); a 代理人 by name and address,
with the 委任状 and its 委任者 by 宛名番号 (`--principal-atena`); a 第三者 by name and address, with the 請求事由 and
the 疎明資料, or as a 職務上請求 (`--qualification` and the items of the 職務上請求書); 公用 by the office, the staff
member in charge and the 法令上の根拠."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

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
from domain.errors import ValidationError
from domain.history import residences
from domain.kofu_history import IssueLine
from domain.kofu_rules import (
    ITEM_NAMES,
    KIND_NAMES,
    QUALIFICATION_NAMES,
    REQUESTER_NAMES,
    ended,
    request_from,
)
from local_store.kofu import Issued

if TYPE_CHECKING:
    from reports.qr_payload import Content


def register(commands: Commands) -> None:
    cert = commands.add_parser("certificate", help="issue a certificate for a request and write it to a file (係長)")
    cert.add_argument("atena_no")
    cert.add_argument("--kind", choices=list(KIND_NAMES), required=True)
    add_requester_arguments(cert, requester_atena_help="本人等: the requester's 宛名番号 (the person or a member of "
                                                       "the same household)")
    cert.add_argument("--principal-atena", default="", help="代理人: the 宛名番号 of the 委任者 (a 本人等)")
    cert.add_argument("--household", action="store_true", help="世帯全員")
    cert.add_argument("--individual", action="store_true", help="個人票 rather than 世帯連記式")
    cert.add_argument("--include", nargs="+", choices=list(ITEM_NAMES), default=[], help="items printed on request")
    cert.add_argument("--copies", type=int, default=1)
    cert.add_argument("--residence", type=int, default=0, help="除票: which of the person's stays in the town (its "
                      "number, as `johyo` lists them); the latest 除票 when not given")
    cert.add_argument("--fee-category", default="", help="無料・減免の区分 as the settings name it (e.g. 生活保護); "
                      "公用 requests are free without one")
    cert.add_argument("--out", type=Path, required=True, help="the PDF (copies 2.. get -2, -3 … in their names)")
    cert.add_argument("--judge", help="the other supervisor who judged the request (支援措置, or data not synced for "
                                      "long; their password is read as the next secret)")
    cert.add_argument("--judgment-reason", default="", help="the reason of the judgment")
    cert.set_defaults(handler=signed_in(issue))
    cancel = commands.add_parser("certificate-cancel", help="交付の取消し: cancel the 交付 that printed a copy (its own "
                                                            "staff member on the day, or 係長)")
    cancel.add_argument("issue_no", help="one of the 発行番号 of the 交付 (as printed, in quotes)")
    cancel.add_argument("--reason", required=True, help="why it is cancelled")
    cancel.set_defaults(handler=signed_in(cancel_issue))
    again = commands.add_parser("certificate-reissue", help="再交付: print again what a 交付 printed (its rows, marked "
                                                            "再交付; no later 異動), to a file (係長); `certificate` "
                                                            "prints today's record")
    again.add_argument("issue_no", help="one of the 発行番号 of the 交付 (as printed, in quotes)")
    again.add_argument("--out", type=Path, required=True, help="the PDF (copies 2.. get -2, -3 … in their names)")
    again.add_argument("--judge", help="the other supervisor who judged the request (their password is read as the "
                                       "next secret)")
    again.add_argument("--judgment-reason", default="", help="the reason of the judgment")
    again.set_defaults(handler=signed_in(reissue))
    johyo = commands.add_parser("johyo", help="a person's 除票: each ended stay in the town by number, for "
                                              "certificate --residence (audited as a 照会)")
    johyo.add_argument("atena_no")
    johyo.set_defaults(handler=signed_in(show_johyo))
    history = commands.add_parser("certificates-history", help="a person's 交付履歴 (audited as a 照会)")
    history.add_argument("atena_no")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=signed_in(show_history))
    check = commands.add_parser("verify", help="check a certificate (a PDF file, or the text of its QR code)")
    check.add_argument("certificate")
    check.set_defaults(handler=signed_in(verify))
    seal = commands.add_parser("seal", help="set the 電子公印 image (管理者; black, printed at most 25 mm square)")
    seal.add_argument("image", type=Path)
    seal.set_defaults(handler=signed_in(set_seal))


def issue(s: Session) -> int:
    from reports.certificate_pdf import render

    args = s.args
    stated = {key: getattr(args, key) for key in (*REQUESTER_KEYS, "principal_atena")}
    request = request_from({
        "kind": KIND_NAMES[args.kind], "requester": REQUESTER_NAMES[args.requester], "atena_nos": [args.atena_no],
        **stated, "qualification": QUALIFICATION_NAMES[args.qualification] if args.qualification else None,
        "household": args.household, "individual": args.individual, "include": [ITEM_NAMES[i] for i in args.include],
        "copies": args.copies, "fee_category": args.fee_category, "residence": args.residence})
    check_out_file(args.out, "--out")  # before anything is recorded or charged
    issued = s.registry.kofu.issue(s.actor, request, render, export=True, judgment=judgment_of(s))
    _write(s, issued, f"再交付（{issued.reissue_of}） {request.kind.value}" if issued.reissue_of else request.kind.value)
    return EXIT_OK


def reissue(s: Session) -> int:
    from reports.certificate_pdf import render

    check_out_file(s.args.out, "--out")  # before anything is recorded or charged
    issued = s.registry.kofu.reissue(s.actor, s.args.issue_no, render, export=True, judgment=judgment_of(s))
    _write(s, issued, f"再交付 {issued.request.kind.value}")
    return EXIT_OK


def _write(s: Session, issued: Issued, what: str) -> None:
    """Each copy to its file, and what was issued."""
    write_copies(s.args.out, issued.pdfs, issued.issue_numbers)
    category = f"（{issued.decision.fee_category}）" if issued.decision.fee_category else ""
    print(f"{what} {len(issued.pdfs)}通（{issued.decision.disposal.value}）手数料 {issued.decision.fee}円{category}")
    if issued.reissue_of:
        print(f"再交付: 発行番号 {issued.reissue_of} の交付と同じ内容です（その後の異動は記載されません）")
    if note := s.registry.kofu.data_age().note():
        print(note)


def show_johyo(s: Session) -> int:
    record = s.registry.person(s.actor, s.args.atena_no)
    gone = ended(residences(record.history), record.lives_here)
    print(f"除票 {record.current.name}（宛名番号 {record.current.atena_no}）: {len(gone)}件")
    for stay in gone:
        print(f"  {stay.describe()}  {stay.row.address.full()}")
    return EXIT_OK


def cancel_issue(s: Session) -> int:
    line = s.registry.kofu.cancel(s.actor, s.args.issue_no, s.args.reason)
    print(f"交付を取り消しました: {line.kind} {' / '.join(line.issue_numbers)}（{_time(line.at)} {line.staff}）"
          f" 手数料 {line.fee}円は本日の日計で差し引きます")
    return EXIT_OK


def show_history(s: Session) -> int:
    found = s.registry.kofu.lines_of(s.actor, s.args.atena_no)
    if s.args.json:
        print_json([_line_json(line) for line in found])
        return EXIT_OK
    print(f"交付履歴 {s.args.atena_no}（{len(found)}件）")
    for line in found:
        note = f"  {line.note}" if line.note else ""
        again = f"  再交付（元 {line.reissue_of}）" if line.reissue_of else ""
        cancelled = f"  取消済（{_time(line.cancelled_at)} {line.cancelled_by}）" if line.cancelled_by else ""
        print(f"  {_time(line.at)}  {line.kind}  {line.requester}  {line.disposal}  {line.staff}  "
              f"{' / '.join(line.issue_numbers)}  {line.fee}円{again}{cancelled}{note}")
    return EXIT_OK


def _time(iso: str) -> str:
    return iso[:16].replace("T", " ")


def _line_json(line: IssueLine) -> dict[str, object]:
    return {"doc_id": line.doc_id, "at": line.at, "kind": line.kind, "requester": line.requester,
            "disposal": line.disposal, "status": line.status, "staff": line.staff,
            "issue_numbers": list(line.issue_numbers), "fee": line.fee, "note": line.note,
            "reissue_of": line.reissue_of, "cancelled_by": line.cancelled_by, "cancelled_at": line.cancelled_at}


def verify(s: Session) -> int:
    """A certificate's verdict (真正, 不一致 or 無効) with its reasons and, unless 無効, the items it was signed with."""
    from reports.qr_payload import PREFIX
    from reports.verify import verify_pdf, verify_qr_text

    key, revoked = s.registry.kofu.public_key(), s.registry.keys.revoked_signing_keys()
    given = s.args.certificate
    if PREFIX in given:
        verdict = verify_qr_text(given, key, revoked)
    else:
        verdict = verify_pdf(_certificate_file(given), key, revoked)
    print(f"発行番号 {verdict.issue_number or '不明'}")
    print(f"判定: {verdict.status}（{_VERDICTS[verdict.status]}）")
    for reason in verdict.reasons:
        print(f"  {reason}")
    if verdict.genuine:  # what a void signature carries is not shown: it proves nothing
        if PREFIX in given:
            print("紙の証明書の印字が次の内容と同じかを見比べてください。")
        _print_signed(verdict.contents)
    return EXIT_OK if verdict.ok else EXIT_ERROR


def _print_signed(contents: tuple[Content, ...]) -> None:
    print("署名された内容:")
    for content in contents:
        print(f"{content.title}（{content.page}/{content.pages}ページ）")
        for section in content.sections:
            print("  ――")
            for label, value in section:
                print(f"  {label}: {value}".rstrip())
    last = contents[-1]
    print(f"  ――\n  {last.attestation}\n  交付年月日: {last.issued_on}\n  認証者: {last.signatory}")


_VERDICTS = {"真正": "この町の署名があり、内容は署名されたとおりです",
             "不一致": "署名は真正ですが、ファイルは署名された後に変えられています。正しい内容は下のとおりです",
             "無効": "この町の有効な署名が確認できません"}
_MAX_NAME = 4096  # longer is neither a file name nor a certificate's QR text


def _certificate_file(name: str) -> bytes:
    from reports.verify import MAX_PDF

    if len(name) > _MAX_NAME:
        raise ValidationError("証明書", "ファイル名として長すぎます（PDFのファイル名か、QRコードの文字列を指定してください）")
    path = Path(name)
    try:
        if path.stat().st_size > MAX_PDF:
            raise ValidationError("証明書", "証明書のPDFとしては大きすぎます")
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError("証明書", f"ファイルがありません（{path}）") from None
    except OSError as exc:
        raise ValidationError("証明書", f"ファイルを読めません（{path}: {exc.strerror}）") from None


def set_seal(s: Session) -> int:
    from reports.seal import check_seal_png

    png = s.args.image.read_bytes()
    check_seal_png(png)
    s.registry.settings.update(s.actor, {"seal_png": base64.b64encode(png).decode("ascii")})
    print("電子公印を設定しました")
    return EXIT_OK
