"""Certificates: one issued for a request and written to a file (a judged request for a person under 支援措置
included), one verified from its file or QR text, and the 電子公印 set."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import EXIT_ERROR, EXIT_OK, Commands, Session, sign_in_as, signed_in
from domain.errors import ValidationError
from domain.kofu_rules import ITEM_NAMES, KIND_NAMES, REQUESTER_NAMES, request_from
from local_store.protection import Judgment

if TYPE_CHECKING:
    from reports.qr_payload import Content


def register(commands: Commands) -> None:
    cert = commands.add_parser("certificate", help="issue a certificate for a request and write it to a file (係長)")
    cert.add_argument("atena_no")
    cert.add_argument("--kind", choices=list(KIND_NAMES), required=True)
    cert.add_argument("--requester", choices=list(REQUESTER_NAMES), required=True)
    cert.add_argument("--requester-name", default="", help="請求者の氏名（公用は機関名）")
    cert.add_argument("--identification", default="", help="本人確認の方法")
    cert.add_argument("--proxy-letter", default="", help="委任状 (代理人)")
    cert.add_argument("--reason", default="", help="請求事由")
    cert.add_argument("--household", action="store_true", help="世帯全員")
    cert.add_argument("--individual", action="store_true", help="個人票 rather than 世帯連記式")
    cert.add_argument("--include", nargs="+", choices=list(ITEM_NAMES), default=[], help="items printed on request")
    cert.add_argument("--copies", type=int, default=1)
    cert.add_argument("--out", type=Path, required=True, help="the PDF (copies 2.. get -2, -3 … in their names)")
    cert.add_argument("--judge", help="支援措置: the supervisor who judged the request (their password is read as "
                                      "the next secret)")
    cert.add_argument("--judgment-reason", default="", help="支援措置: the reason of the judgment")
    cert.set_defaults(handler=signed_in(issue))
    check = commands.add_parser("verify", help="check a certificate (a PDF file, or the text of its QR code)")
    check.add_argument("certificate")
    check.set_defaults(handler=signed_in(verify))
    seal = commands.add_parser("seal", help="set the 電子公印 image (管理者; black, printed at most 25 mm square)")
    seal.add_argument("image", type=Path)
    seal.set_defaults(handler=signed_in(set_seal))


def issue(s: Session) -> int:
    from reports.certificate_pdf import render

    args = s.args
    request = request_from({
        "kind": KIND_NAMES[args.kind], "requester": REQUESTER_NAMES[args.requester], "atena_nos": [args.atena_no],
        "requester_name": args.requester_name, "identification": args.identification,
        "proxy_letter": args.proxy_letter, "reason": args.reason, "household": args.household,
        "individual": args.individual, "include": [ITEM_NAMES[i] for i in args.include], "copies": args.copies})
    judgment = None
    if args.judge:
        judgment = Judgment(sign_in_as(s.registry, args.judge, s.secrets, "判断者の"), args.judgment_reason)
    issued = s.registry.kofu.issue(s.actor, request, render, export=True, judgment=judgment)
    for index, (pdf, number) in enumerate(zip(issued.pdfs, issued.issue_numbers, strict=True), start=1):
        out = args.out if index == 1 else args.out.with_name(f"{args.out.stem}-{index}{args.out.suffix}")
        out.write_bytes(pdf)
        print(f"{out}  発行番号 {number}")
    print(f"{request.kind.value} {len(issued.pdfs)}通（{issued.decision.disposal.value}）手数料 {issued.decision.fee}円")
    return EXIT_OK


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
                print(f"  {label}: {value}")
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
