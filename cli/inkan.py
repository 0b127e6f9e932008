"""印鑑登録 (窓口 and above; no network needed): register a seal from a scan of its impression, confirm a registration
by its 回答書, abolish it, stop a lost card, show a person's registrations, print the card and the 原票, and issue
the 印鑑登録証明書 on presenting the card (to a file: an audited export, 係長 and above)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cli.common import EXIT_OK, Commands, Session, check_out_file, judgment_of, signed_in
from domain.errors import ValidationError
from domain.inkan import (
    ABOLISH_NAMES,
    METHOD_NAMES,
    SEAL_TEXT_NAMES,
    Application,
    Impression,
    Proxy,
    Registration,
)
from domain.seal_impression import measure


def register(commands: Commands) -> None:
    inkan = commands.add_parser("inkan", help="印鑑登録 and the 印鑑登録証明書 (窓口 and above; no network needed)")
    actions = inkan.add_subparsers(dest="inkan_command", required=True)
    new = actions.add_parser("register", help="register a seal: the scan of its impression is measured (it must fit "
                                              "a square of 25 mm and not one of 8 mm)")
    new.add_argument("atena_no", metavar="宛名番号")
    new.add_argument("--image", type=Path, required=True, metavar="FILE",
                     help="the scan of the impression, PNG or JPEG with its resolution")
    new.add_argument("--identification", choices=sorted(METHOD_NAMES), required=True,
                     help="photo-id: a photo ID from a public office (registered at once); guarantee: a 保証書 of "
                          "someone registered in the town (registered at once); inquiry: a 照会書 is mailed and the "
                          "registration waits for its 回答書 (always for a 代理人)")
    new.add_argument("--document", default="", help="photo-id: the document shown, e.g. 運転免許証")
    new.add_argument("--guarantor", default="", metavar="宛名番号", help="guarantee: the 保証人")
    new.add_argument("--proxy-name", default="", help="a 代理人 applies: their name")
    new.add_argument("--proxy-letter", default="", help="a 代理人 applies: the 委任状")
    new.add_argument("--seal-text", choices=sorted(SEAL_TEXT_NAMES), default="full",
                     help="which of the person's names the seal shows, as the clerk confirmed it (default: full)")
    new.add_argument("--lacks-capacity", action="store_true", help="the clerk found the applicant 意思能力を有しない者")
    new.add_argument("--card", type=Path, metavar="FILE.pdf", help="also print the 印鑑登録証 to this file")
    new.add_argument("--letter", type=Path, metavar="FILE.pdf", help="inquiry: also print the 照会書 to this file")
    new.set_defaults(handler=signed_in(register_seal))
    confirm = actions.add_parser("confirm", help="the 回答書 came back: the registration waiting for it is in force")
    confirm.add_argument("registration", metavar="ID", help="the registration's id (inkan show)")
    confirm.set_defaults(handler=signed_in(confirm_registration))
    abolish = actions.add_parser("abolish", help="廃止 of a person's registration")
    abolish.add_argument("atena_no", metavar="宛名番号")
    abolish.add_argument("--reason", choices=sorted(ABOLISH_NAMES), default="request",
                         help="request: 廃止申請 (default); name-changed: the 氏名 changed and the seal no longer "
                              "matches; fork: one of two registrations made while apart (係長, with --registration)")
    abolish.add_argument("--registration", default="", metavar="ID", help="which registration, when there are two")
    abolish.set_defaults(handler=signed_in(abolish_registration))
    lost = actions.add_parser("lost", help="印鑑登録証の亡失届: the card is stopped at once")
    lost.add_argument("atena_no", metavar="宛名番号")
    lost.set_defaults(handler=signed_in(card_lost))
    show = actions.add_parser("show", help="a person's registrations (a 照会, audited)")
    show.add_argument("atena_no", metavar="宛名番号")
    show.add_argument("--record", type=Path, metavar="FILE.pdf", help="also print the 印鑑登録原票 to this file")
    show.set_defaults(handler=signed_in(show_registrations))
    cert = actions.add_parser("certificate", help="issue the 印鑑登録証明書 on presenting the card, to a PDF file (係長); "
                                                  "the card's number is read like a secret, after the password (a "
                                                  "prompt, or the next line of standard input), never from the "
                                                  "arguments, which other users of the PC can see")
    cert.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cert.add_argument("--proxy-name", default="", help="someone other than the registered person presents the card")
    cert.add_argument("--identification", default="", help="本人確認書類 shown, if any (needed for a person under "
                                                           "支援措置)")
    cert.add_argument("--fee-category", default="", help="a 無料・減免 category of the town's fee table")
    cert.add_argument("--judge", help="支援措置: the supervisor who judged the request (their password is read as "
                                      "the next secret, after the card's number)")
    cert.add_argument("--judgment-reason", default="", help="支援措置: the reason of the judgment")
    cert.set_defaults(handler=signed_in(issue_certificate))


def _line(r: Registration) -> str:
    since = f"登録 {r.registered_on}" if r.registered_on else f"回答期限 {r.answer_by}"
    ended = f"  {r.ended_on} {r.ended_because}" if r.ended_on else ""
    return (f"{r.id}  登録番号 {r.registration_no}  {r.state.value}  {r.method.value}  印影 {r.impression.side_mm:.1f}mm"
            f"  {since}{ended}")


def register_seal(s: Session) -> int:
    from reports import inkan_pdf

    args = s.args
    for path in (args.card, args.letter):
        if path is not None:
            check_out_file(path, "出力ファイル")
    try:
        scan = args.image.read_bytes()
    except OSError as exc:
        raise ValidationError("印影", f"画像ファイルを読めません（{args.image}: {exc.strerror}）") from None
    proxy = Proxy(args.proxy_name.strip(), args.proxy_letter.strip()) if args.proxy_name or args.proxy_letter else None
    application = Application(args.atena_no.strip(), METHOD_NAMES[args.identification], args.document.strip(),
                              args.guarantor.strip(), proxy, SEAL_TEXT_NAMES[args.seal_text], args.lacks_capacity)
    done = s.registry.inkan.register(s.actor, application, Impression.of(measure(scan)))
    print(f"印鑑登録しました: {_line(done)}")
    print(f"印鑑登録証の番号 {done.card_no}")
    if args.card is not None or args.letter is not None:
        record = s.registry.inkan.record(s.actor, done.atena_no, done.id)
        if args.card is not None:
            args.card.write_bytes(inkan_pdf.card(record))
            print(f"{args.card}  印鑑登録証")
        if args.letter is not None and done.answer_by:
            town = s.registry.settings.get()
            mayor = f"{town.get('mayor_title', '')}　{town.get('mayor_name', '')}"
            args.letter.write_bytes(inkan_pdf.inquiry_letter(record, dt.date.fromisoformat(done.answer_by), mayor))
            print(f"{args.letter}  照会書（回答期限 {done.answer_by}）")
    return EXIT_OK


def confirm_registration(s: Session) -> int:
    done = s.registry.inkan.confirm(s.actor, s.args.registration.strip())
    print(f"回答書を受け付けました: {_line(done)}")
    return EXIT_OK


def abolish_registration(s: Session) -> int:
    args = s.args
    done = s.registry.inkan.abolish(s.actor, args.atena_no.strip(), ABOLISH_NAMES[args.reason],
                                    args.registration.strip())
    print(f"印鑑登録を廃止しました: {_line(done)}")
    return EXIT_OK


def card_lost(s: Session) -> int:
    done = s.registry.inkan.lost(s.actor, s.args.atena_no.strip())
    print(f"印鑑登録証の使用を停止しました: {_line(done)}")
    return EXIT_OK


def show_registrations(s: Session) -> int:
    from reports import inkan_pdf

    args = s.args
    if args.record is not None:
        check_out_file(args.record, "出力ファイル")
    found = s.registry.inkan.show(s.actor, args.atena_no.strip())
    for r in found:
        print(_line(r))
    if not found:
        print("印鑑登録はありません")
    forked = [r for r in found if r.live]
    if len(forked) > 1:
        print("要確認: 印鑑登録が二つあります（別の端末で同時に登録されました）。係長が一方を廃止してください")
    if args.record is not None and found:
        args.record.write_bytes(inkan_pdf.record_sheet(s.registry.inkan.record(s.actor, args.atena_no.strip())))
        print(f"{args.record}  印鑑登録原票")
    return EXIT_OK


def issue_certificate(s: Session) -> int:
    from reports.inkan_pdf import render

    args = s.args
    check_out_file(args.out, "出力ファイル")
    card = s.secrets.secret("印鑑登録証の番号")
    issued = s.registry.inkan.certificate(s.actor, card, render, identification=args.identification,
                                          proxy_name=args.proxy_name, fee_category=args.fee_category.strip(),
                                          export=True, judgment=judgment_of(s))
    args.out.write_bytes(issued.pdf)
    print(f"{args.out}  印鑑登録証明書 登録番号 {issued.certificate.registration_no}  手数料 {issued.fee}円  "
          f"発行番号 {issued.issue_number}")
    return EXIT_OK
