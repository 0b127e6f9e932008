"""Certificates: one issued for a request and written to a file (a request judged by another supervisor included:
for a person under 支援措置, or on a replica whose data is old), one verified from its file or QR text, and the
電子公印 set.

Who asks, by kind: 本人等 by 宛名番号 (`--requester-atena`; the name is the registry's); a 代理人 by name and address,
with the 委任状 and its 委任者 by 宛名番号 (`--principal-atena`); a 第三者 by name and address, with the 請求事由 and
the 疎明資料, or as a 職務上請求 (`--qualification` and the items of the 職務上請求書); 公用 by the office, the staff
member in charge and the 法令上の根拠."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import EXIT_ERROR, EXIT_OK, Commands, Session, check_out_file, sign_in_as, signed_in
from domain.errors import ValidationError
from domain.kofu_rules import ITEM_NAMES, KIND_NAMES, QUALIFICATION_NAMES, REQUESTER_NAMES, request_from
from local_store.protection import Judgment

if TYPE_CHECKING:
    from reports.qr_payload import Content


def register(commands: Commands) -> None:
    cert = commands.add_parser("certificate", help="issue a certificate for a request and write it to a file (係長)")
    cert.add_argument("atena_no")
    cert.add_argument("--kind", choices=list(KIND_NAMES), required=True)
    cert.add_argument("--requester", choices=list(REQUESTER_NAMES), required=True)
    cert.add_argument("--requester-atena", default="", help="本人等: the requester's 宛名番号 (the person or a "
                                                           "member of the same household)")
    cert.add_argument("--requester-name", default="", help="代理人・第三者: 氏名（法人は名称）; 公用: 機関名")
    cert.add_argument("--requester-address", default="", help="代理人・第三者: 住所（法人・職務上請求は事務所の所在地）")
    cert.add_argument("--identification", default="", help="本人確認書類 of whoever is at the counter")
    cert.add_argument("--proxy-letter", default="", help="代理人: the 委任状")
    cert.add_argument("--principal-atena", default="", help="代理人: the 宛名番号 of the 委任者 (a 本人等)")
    cert.add_argument("--reason", default="", help="請求事由 (第三者 and 公用)")
    cert.add_argument("--evidence", default="", help="第三者: 疎明資料")
    cert.add_argument("--qualification", choices=list(QUALIFICATION_NAMES), help="第三者: 職務上請求 by a 特定事務受任者")
    cert.add_argument("--registration-no", default="", help="職務上請求: 登録番号")
    cert.add_argument("--office", default="", help="職務上請求: 事務所の名称")
    cert.add_argument("--form-no", default="", help="職務上請求: 職務上請求書の番号")
    cert.add_argument("--client", default="", help="職務上請求: 依頼者の氏名又は名称")
    cert.add_argument("--agency-officer", default="", help="公用: 請求の任に当たる職員の職名・氏名")
    cert.add_argument("--legal-basis", default="", help="公用: 法令上の根拠")
    cert.add_argument("--household", action="store_true", help="世帯全員")
    cert.add_argument("--individual", action="store_true", help="個人票 rather than 世帯連記式")
    cert.add_argument("--include", nargs="+", choices=list(ITEM_NAMES), default=[], help="items printed on request")
    cert.add_argument("--copies", type=int, default=1)
    cert.add_argument("--out", type=Path, required=True, help="the PDF (copies 2.. get -2, -3 … in their names)")
    cert.add_argument("--judge", help="the other supervisor who judged the request (支援措置, or data not synced for "
                                      "long; their password is read as the next secret)")
    cert.add_argument("--judgment-reason", default="", help="the reason of the judgment")
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
    stated = {key: getattr(args, key) for key in (
        "requester_atena", "requester_name", "requester_address", "identification", "proxy_letter", "principal_atena",
        "reason", "evidence", "registration_no", "office", "form_no", "client", "agency_officer", "legal_basis")}
    request = request_from({
        "kind": KIND_NAMES[args.kind], "requester": REQUESTER_NAMES[args.requester], "atena_nos": [args.atena_no],
        **stated, "qualification": QUALIFICATION_NAMES[args.qualification] if args.qualification else None,
        "household": args.household, "individual": args.individual, "include": [ITEM_NAMES[i] for i in args.include],
        "copies": args.copies})
    check_out_file(args.out, "--out")  # before anything is recorded or charged
    judgment = None
    if args.judge:
        judgment = Judgment(sign_in_as(s.registry, args.judge, s.secrets, "判断者の"), args.judgment_reason)
    issued = s.registry.kofu.issue(s.actor, request, render, export=True, judgment=judgment)
    for index, (pdf, number) in enumerate(zip(issued.pdfs, issued.issue_numbers, strict=True), start=1):
        out = args.out if index == 1 else args.out.with_name(f"{args.out.stem}-{index}{args.out.suffix}")
        out.write_bytes(pdf)
        print(f"{out}  発行番号 {number}")
    print(f"{request.kind.value} {len(issued.pdfs)}通（{issued.decision.disposal.value}）手数料 {issued.decision.fee}円")
    if note := s.registry.kofu.data_age().note():
        print(note)
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
