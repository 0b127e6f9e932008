"""Madoguchi (窓口): the composition root. Parses the command line, opens the replica, starts the window or runs a command.

    python main.py [--data-dir DIR] [--as USER --password-stdin] COMMAND

Secrets never come from arguments: the staff password is read from standard input (--password-stdin) or a prompt,
and so is the terminal passphrase where no keyring exists.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import getpass
import json
import multiprocessing
import sys
from collections.abc import Callable
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import platformdirs

from domain import totp
from domain import address_book, juminhyo_pool, mynumber_import
from domain.errors import ValidationError
from domain.roles import Permission, Role
from domain.population import MIN_AREA
from domain.protection import Offender, Process
from domain.wareki import format_wareki, parse_date
from local_store.errors import SecondFactorRequired, StoreError
from local_store.juminhyo_pool import SELF_SHARE
from local_store.terminal_key import KeyringKeyMissing
from local_store.protection import Judgment, Protection
from local_store.quarantine_reasons import explanation, kind_name
from local_store.context import Municipality
from local_store.registry import Registry, local_now
from local_store.residents_service import PersonRecord
from local_store.search import display_birth
from local_store.staff import Staff
from reports.opendata_csv import ENCODINGS, population_csv, write_population_csv
from sync import cloud
from sync.couch_client import CloudError

DEMO_USER, DEMO_PASSWORD = "demo", "demo"
EXIT_INVALID = 2


def program_version() -> str:
    try:
        return version("madoguchi")
    except PackageNotFoundError:
        return "0+unknown"


class _Input:
    """Reads secrets in order from standard input (one per line) or from the terminal's prompt."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def secret(self, prompt: str) -> str:
        if self.from_stdin or not sys.stdin.isatty():
            line = sys.stdin.readline()
            if not line:
                raise StoreError(f"{prompt}が標準入力にありません", f"expected {prompt} on standard input")
            return line.rstrip("\r\n")
        return getpass.getpass(f"{prompt}: ")

    def new_secret(self, prompt: str) -> str:
        """A new password: at a prompt, typed twice."""
        first = self.secret(prompt)
        if not (self.from_stdin or not sys.stdin.isatty()) and getpass.getpass(f"{prompt}（確認）: ") != first:
            raise ValidationError("パスワード", "確認のために入力したパスワードが一致しません")
        return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="madoguchi", description="Madoguchi 住民記録 窓口システム")
    parser.add_argument("--version", action="version", version=f"Madoguchi {program_version()}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen in a temporary folder, then exit (0: passed)")
    parser.add_argument("--data-dir", type=Path, help="the replica's folder (default: the user data folder)")
    parser.add_argument("--as", dest="user", help="acting staff member (user id)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the staff password (and the terminal passphrase, if any, first) from standard input")
    parser.add_argument("--recovery-code-stdin", action="store_true",
                        help="open the replica with this terminal's 復旧コード, read from standard input first (when "
                             "the keyring entry is lost); the key is then put back into the keyring")
    parser.add_argument("--admin-passphrase-stdin", action="store_true",
                        help="open the replica with the 管理者の合言葉 (see admin-passphrase), read from standard input "
                             "first, when the keyring entry is lost; the key is then put back into the keyring")
    commands = parser.add_subparsers(dest="command")

    init = commands.add_parser("init", help="create a municipality on this terminal (or the synthetic demo town)")
    init.add_argument("--demo", type=int, metavar="N", help="create the synthetic demo town with N residents")
    init.add_argument("--seed", type=int, default=1, help="seed of the demo town (default 1)")
    init.add_argument("--name", help="市区町村名")
    init.add_argument("--prefecture", help="都道府県名")
    init.add_argument("--code", help="全国地方公共団体コード (6 digits)")
    init.add_argument("--mayor", help="市区町村長の氏名")
    init.add_argument("--terminal", default="本庁1", help="this terminal's name (default 本庁1)")
    init.add_argument("--admin", help="the first administrator's user id (password read from standard input)")
    init.add_argument("--join", metavar="URL", help="join an existing municipality from its cloud database: the "
                      "terminal's cloud password and the enrollment code are read from standard input")
    init.add_argument("--user", help="with --join: this terminal's cloud user")
    init.add_argument("--ca-bundle", help="with --join: the municipality's CA certificates (PEM)")
    init.add_argument("--restore-from-cloud", metavar="URL", help="restore a municipality that lost every terminal: "
                      "the cloud password, then the 分割鍵 (one a line, as many as needed) are read from standard input")
    init.add_argument("--kit-out", type=Path, metavar="FILE.pdf", help="write this terminal's 復旧キット here (else "
                      "its 復旧コード is printed once)")

    find = commands.add_parser("search", help="search residents")
    find.add_argument("query")
    find.add_argument("--removed", action="store_true", help="include 除票")
    find.add_argument("--mynumber", action="store_true", help="the query is an exact 個人番号 (audited)")
    find.add_argument("--kind", choices=["日本人", "外国人"], help="住民種別: only Japanese or only foreign residents")
    find.add_argument("--limit", type=int, default=100)
    find.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="show one person: current record, 異動履歴, household")
    show.add_argument("atena_no")
    show.add_argument("--json", action="store_true")

    apply = commands.add_parser("apply", help="record one 異動 from a JSON file (see README)")
    apply.add_argument("file", type=Path)

    commands.add_parser("rebuild", help="rebuild the derived tables from the documents")

    cloud = commands.add_parser("cloud", help="the municipality's cloud database")
    cloud_commands = cloud.add_subparsers(dest="cloud_command", required=True)
    login = cloud_commands.add_parser("login", help="store this terminal's cloud user and password (管理者)")
    login.add_argument("url", help="the cloud database, e.g. https://cloud.example.lg.jp:6984/town")
    login.add_argument("--user", dest="cloud_user", required=True, help="this terminal's cloud user")
    login.add_argument("--ca-bundle", help="the municipality's CA certificates (PEM)")

    sync = commands.add_parser("sync", help="one round of replication with the cloud")
    sync.add_argument("--remote", metavar="URL", help="use this cloud database instead of the stored one")
    sync.add_argument("--batch", type=int, default=1000, help="documents per request (default 1000)")

    enroll = commands.add_parser("enrollment-code", help="a one-time code for a new terminal to join (管理者)")
    enroll.add_argument("--terminal", required=True, help="the new terminal's name")
    enroll.add_argument("--hours", type=int, default=24, help="how long the code is valid (default 24)")
    purge = commands.add_parser("purge", help="法令等に基づく消去命令: erase documents on every terminal and in the "
                                              "cloud (管理者, on the terminal holding the municipality's signing key)")
    purge.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="the documents to erase")
    purge.add_argument("--reason", required=True, help="the legal ground, e.g. 裁判所の命令（事件番号）")
    review = commands.add_parser("review", help="what waits for a supervisor or administrator: forks, conflicts, "
                                               "quarantined arrivals")
    review.add_argument("--json", action="store_true")
    resolve = commands.add_parser("resolve-conflict", help="resolve a conflict of a mutable document (管理者): the "
                                                          "merged body is read from a JSON file")
    resolve.add_argument("doc_id")
    resolve.add_argument("file", type=Path)
    _certificate_parsers(commands)
    _staff_audit_parsers(commands)
    _keys_parsers(commands)
    _protection_parsers(commands)
    _disaster_parsers(commands)
    _bundle_parsers(commands)
    _notices_parsers(commands)
    address = commands.add_parser("address", help="the 住所辞書: 町字, 住所コード, 郵便番号, 番地 ranges")
    address_commands = address.add_subparsers(dest="address", required=True)
    address_commands.add_parser("list", help="print the 住所辞書 as CSV")
    book = address_commands.add_parser("import", help="replace the 住所辞書 with a CSV file (管理者)")
    book.add_argument("file", type=Path)
    numbers = commands.add_parser("numbers", help="付番待ち (個人番号, 住民票コード) and the pool of 住民票コード")
    number_commands = numbers.add_subparsers(dest="numbers", required=True)
    kinds = {"choices": ["mynumber", "juminhyo-code"], "default": "mynumber",
             "help": "mynumber (個人番号, the default) or juminhyo-code (住民票コード)"}
    waiting = number_commands.add_parser("waiting", help="current residents waiting for a 個人番号 or 住民票コード")
    waiting.add_argument("--kind", **kinds)
    fill = number_commands.add_parser("import", help="mynumber: record 個人番号 from a CSV file of 宛名番号,個人番号 "
                                      "lines; juminhyo-code: add a file of 住民票コード to the pool (管理者, on the "
                                      "numbering authority); all lines, or none on the first error")
    fill.add_argument("--kind", **kinds)
    fill.add_argument("--share", type=int, default=SELF_SHARE,
                      help=f"juminhyo-code: how many to lease to this terminal (default {SELF_SHARE})")
    fill.add_argument("file", type=Path)
    number_commands.add_parser("pool", help="住民票コード left on this terminal (and not yet leased, on the authority)")
    lease = number_commands.add_parser("lease", help="lease 住民票コード of the pool to a terminal (管理者)")
    lease.add_argument("--terminal", required=True, help="the terminal's name")
    lease.add_argument("--count", type=int, required=True)
    number_commands.add_parser("fill-codes", help="give each person waiting for a 住民票コード one from this "
                               "terminal's pool (住民票コードの職権記載)")
    report = commands.add_parser("report", help="the day's reports (係長)")
    reports = report.add_subparsers(dest="report", required=True)
    daily = reports.add_parser("daily", help="異動一覧・日計表 of a day: the 異動 with their 点検, the 日計 of 交付")
    daily.add_argument("--date", required=True, help="処理日, 和暦 or 西暦 (e.g. R8.11.27 or 2026-11-27)")
    daily.add_argument("--out", type=Path, help="write the printable sheet as a PDF file")
    daily.add_argument("--check", action="store_true", help="mark every 異動 of the day not yet checked as checked")
    opendata = commands.add_parser("export-opendata", help="地域・年齢別人口 as the standard open data set's CSV (係長)")
    opendata.add_argument("--kind", choices=["population"], default="population", help="the data set (population)")
    opendata.add_argument("--as-of", required=True, help="調査年月日, 和暦 or 西暦 (e.g. R8.11.1 or 2026-11-01)")
    opendata.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    opendata.add_argument("--encoding", choices=sorted(ENCODINGS), default="utf-8",
                          help="utf-8 (default), utf-8-bom (for spreadsheet programs) or shift_jis")
    opendata.add_argument("--min-area", type=int, default=MIN_AREA,
                          help=f"町丁目 with fewer residents are published together as その他 (default {MIN_AREA})")
    window = commands.add_parser("window", help="start the window (the default)")
    window.add_argument("--measure-startup", action="store_true",
                        help="for benchmarks/bench_startup.py: sign in as --as with the password from standard input, "
                             "print the time to a searchable window as JSON, and quit")
    return parser


def _sign_in(registry: Registry, args: argparse.Namespace, secrets_in: _Input) -> Staff:
    if args.user is None:
        if registry.is_demo:
            return registry.sign_in(DEMO_USER, DEMO_PASSWORD)
        raise StoreError("--as で職員のユーザIDを指定してください", "name the acting staff member with --as USER")
    password = secrets_in.secret("パスワード")
    try:
        return registry.sign_in(args.user, password)
    except SecondFactorRequired:
        return registry.sign_in(args.user, password, secrets_in.secret("ワンタイムパスワード"))


def _print_person(record: PersonRecord) -> None:
    p = record.current
    print(f"宛名番号 {p.atena_no}  世帯番号 {p.setai_no}  住民状態 {p.status.value}")
    print(f"氏名 {p.name}（{p.name_kana}）  生年月日 {display_birth(p)}  性別 {p.sex.value}  続柄 {p.relationship}")
    print(f"住所 {p.address.full()}")
    if record.forked:
        print(f"要確認: 並行した異動があります（{', '.join(record.tips)}）")
    for item in record.protection:
        processes = "・".join(p.value for p in item.measure.processes)
        print(f"支援措置: 抑止 {processes}　{format_wareki(item.measure.end)}まで"
              + ("（終了日を過ぎていますが、時刻を確認できるまで継続）" if item.kept_by_untrusted_time else ""))
    print("異動履歴:")
    for entry in record.history:
        print(f"  {entry.number}  {entry.reason}  処理 {entry.processed_at[:10]}  {entry.row.address.full()}")
    print("世帯:")
    for member in record.household:
        print(f"  {member.relationship}  {member.name}  {display_birth(member)}")


def _record_json(record: PersonRecord) -> dict[str, Any]:
    return {
        "current": record.current.to_json(),
        "forked": record.forked,
        "tips": list(record.tips),
        "history": [{"number": e.number, "doc_id": e.doc_id, "reason": e.reason, "processed_at": e.processed_at,
                     "row": e.row.to_json()} for e in record.history],
        "household": [m.to_json() for m in record.household],
        "protection": [_protection_json(p) for p in record.protection],
    }


def _init(args: argparse.Namespace, data_dir: Path, secrets_in: _Input) -> int:
    passphrase: Callable[[], str] = lambda: secrets_in.secret("端末の合言葉（10文字以上）")
    if args.demo is not None:
        from demo.replica import create_demo, demo_municipality

        from reports.seal import demo_seal_png

        registry = create_demo(data_dir, args.demo, args.seed, passphrase=passphrase, progress=_progress,
                               seal_png=demo_seal_png(f"{demo_municipality().name}長"))
        counts = registry.residents.counts()
        registry.close()
        print(f"デモの町を作りました: 住民 {counts['residents']} 人、世帯 {counts['households']}、除票 {counts['removed']}")
        return 0
    missing = [flag for flag in ("name", "prefecture", "code", "mayor", "admin") if getattr(args, flag) is None]
    if missing:
        raise StoreError(f"次の項目を指定してください: {', '.join('--' + m for m in missing)}",
                         f"missing: {', '.join(missing)}")
    municipality = Municipality(args.name, args.prefecture, args.code, args.mayor)
    password = secrets_in.secret("管理者のパスワード")
    registry = Registry.create(data_dir, municipality, args.terminal, (args.admin, args.admin, password),
                               passphrase=passphrase)
    _hand_out_kit(registry.municipality, registry.terminal, registry.keys.take_fresh_recovery_code(), args.kit_out)
    registry.close()
    print(f"{args.prefecture}{args.name} の台帳をこの端末に作りました（端末名 {args.terminal}）")
    return 0


def _review(registry: Registry, actor: Staff, as_json: bool) -> None:
    """Forks to resolve (係長), conflicts and quarantined arrivals (管理者)."""
    registry.require(actor, Permission.RESOLVE_FORK)
    forks = registry.review.forked_persons()
    conflicts = registry.review.conflicts()
    quarantined = registry.review.quarantined(actor) if actor.role is Role.ADMIN else []
    purges = registry.purge.orders(actor) if actor.role is Role.ADMIN else []
    if as_json:
        print(json.dumps({"forks": [asdict(f) for f in forks], "conflicts": [asdict(c) for c in conflicts],
                          "quarantine": [asdict(q) for q in quarantined], "purge_orders": purges},
                         ensure_ascii=False, indent=1))
        return
    print(f"要確認（並行した異動） {len(forks)} 人")
    for fork in forks:
        print(f"  {fork.atena_no}  {fork.name}  異動: {', '.join(fork.tips)}")
    print(f"競合 {len(conflicts)} 件")
    for conflict in conflicts:
        print(f"  {conflict.doc_id}（{kind_name(conflict.doc_class)}）  採用中 {conflict.winner}"
              f"  競合 {', '.join(conflict.losers)}")
    if actor.role is Role.ADMIN:
        print(f"隔離 {len(quarantined)} 件")
        for item in quarantined:
            print(f"  {item.received_at}  {item.doc_id}（{kind_name(item.doc_class)}）  {explanation(item.reason)}"
                  f"\n      {item.reason}")
        print(f"消去命令 {len(purges)} 件")
        for order in purges:
            print(f"  {order['at']}  {order['by']}  {order['reason']}  消去: {', '.join(order['doc_ids'])}")


def _sync(registry: Registry, args: argparse.Namespace, secrets_in: _Input) -> int:
    report = cloud.sync_once(registry, args.remote, password=lambda: secrets_in.secret("クラウドのパスワード"),
                             batch=args.batch)
    print(f"同期しました: 受信 {report.pulled} 件、送信 {report.pushed} 件（通信 {report.requests} 回）")
    for note in report.notes:
        if note.startswith("消去命令"):
            print(note)
    if report.reset:
        print("クラウドのデータベースが作り直されたか以前の状態に戻されていたため、この端末の文書をすべて送り直しました")
    if report.quarantined:
        print(f"検査に通らなかった文書 {report.quarantined} 件を隔離しました（管理者が確認してください）", file=sys.stderr)
        return 3
    return 0


def _join(args: argparse.Namespace, data_dir: Path, secrets_in: _Input) -> int:
    if not args.user:
        raise StoreError("--user でこの端末のクラウドユーザを指定してください", "--join needs --user")
    password = secrets_in.secret("クラウドのパスワード")
    code = secrets_in.secret("登録コード")
    registry = cloud.join(data_dir, args.join, args.user, password, code, ca_bundle=args.ca_bundle,
                          passphrase=lambda: secrets_in.secret("端末の合言葉（10文字以上）"))
    _hand_out_kit(registry.municipality, registry.terminal, registry.keys.take_fresh_recovery_code(), args.kit_out)
    counts = registry.residents.counts()
    registry.close()
    print(f"{registry.municipality.prefecture}{registry.municipality.name} に端末「{registry.terminal}」として参加し、"
          f"クラウドから復元しました: 住民 {counts['residents']} 人、除票 {counts['removed']}")
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.self_test:
        from ui.shell.selftest import run_self_test

        return run_self_test(program_version(), local_now)
    data_dir: Path = args.data_dir or Path(platformdirs.user_data_dir("Madoguchi", appauthor=False))
    secrets_in = _Input(args.password_stdin)
    if args.command == "window" and args.measure_startup:
        from ui.shell.startup_probe import measure_startup

        return measure_startup(data_dir, args.user or DEMO_USER, secrets_in.secret, local_now)
    if args.command in (None, "window"):
        from ui.shell.app import run_window

        return run_window(data_dir, local_now)
    if args.command == "init":
        if args.restore_from_cloud:
            return _restore_from_cloud(args, data_dir, secrets_in)
        return _join(args, data_dir, secrets_in) if args.join else _init(args, data_dir, secrets_in)
    if args.command == "restore":
        return _restore_backup(args, data_dir, secrets_in)
    registry = _open(data_dir, args, secrets_in)
    try:
        actor = _sign_in(registry, args, secrets_in)
        if args.command == "search":
            result = registry.search(actor, args.query, include_removed=args.removed, mynumber=args.mynumber,
                                     resident_kind=args.kind, limit=args.limit)
            rows = registry.summaries(result.ids)
            if args.json:
                print(json.dumps({"kind": result.kind, "truncated": result.truncated,
                                  "results": [asdict(r) for r in rows]}, ensure_ascii=False, indent=1))
            else:
                for r in rows:
                    flags = " 要確認" if r.forked else ""
                    print(f"{r.atena_no}  {r.name}（{r.name_kana}）  {r.birth}  {r.sex}  {r.address}  {r.status}{flags}")
                more = "（さらにあります）" if result.truncated else ""
                print(f"{len(rows)} 件（{result.kind}）{more}", file=sys.stderr)
        elif args.command == "show":
            record = registry.person(actor, args.atena_no)
            if args.json:
                print(json.dumps(_record_json(record), ensure_ascii=False, indent=1))
            else:
                _print_person(record)
        elif args.command == "apply":
            try:
                request = json.loads(args.file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ValidationError("異動ファイル", f"JSONとして読めません（{type(exc).__name__}）") from None
            applied = registry.apply(actor, request)
            names = "、".join(f"{c.row.name}（{c.row.atena_no}）" for c in applied.idou.rows)
            print(f"{applied.idou.reason}を登録しました（異動日 {format_wareki(applied.idou.idou_date)}）: {names}")
            print(f"文書ID {applied.doc_id}")
        elif args.command in ("certificate", "verify", "seal"):
            return _certificate_command(registry, actor, args, secrets_in)
        elif args.command == "protection":
            _protection_command(registry, actor, args)
        elif args.command == "bundle":
            return _bundle_command(registry, actor, args)
        elif args.command == "notices":
            return _notices_command(registry, actor, args)
        elif args.command == "disaster":
            _disaster_command(registry, actor, args)
        elif args.command == "staff":
            _staff_command(registry, actor, args, secrets_in)
        elif args.command == "audit":
            return _audit_command(registry, actor, args)
        elif args.command == "address":
            if args.address == "list":
                print(address_book.to_csv(registry.settings.address_book()), end="")
            else:
                try:
                    text = args.file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise ValidationError("住所辞書", f"UTF-8 のテキストとして読めません（{type(exc).__name__}）") from None
                entries = address_book.parse_csv(text)
                registry.settings.set_address_book(actor, entries)
                print(f"住所辞書を入れ替えました（{len(entries)}町字）")
        elif args.command == "numbers":
            _numbers(registry, actor, args)
        elif args.command == "report":
            _daily_report(registry, actor, args)
        elif args.command == "export-opendata":
            as_of = parse_date(args.as_of, item="調査年月日").to_date()
            result = registry.statistics.population(actor, as_of, args.min_area)
            town = registry.municipality
            write_population_csv(args.out, population_csv(result, town.code, town.prefecture + town.name,
                                                          args.encoding))
            print(f"{format_wareki(as_of)}現在の地域・年齢別人口を {args.out} に出力しました"
                  f"（総人口 {result.total.total}人、{len(result.areas)}地域）")
        elif args.command == "rebuild":
            count = registry.residents.rebuild(actor)
            print(f"派生データを再構築しました（{count} 人）")
        elif args.command == "cloud":
            registry.require(actor, Permission.CHANGE_SETTINGS)
            cloud.login(registry, args.url, args.cloud_user, secrets_in.secret("クラウドのパスワード"), args.ca_bundle)
            print(f"クラウドを設定しました: {args.url}（端末ユーザ {args.cloud_user}）")
        elif args.command == "sync":
            return _sync(registry, args, secrets_in)
        elif args.command == "enrollment-code":
            code = cloud.publish_enrollment(registry, actor, args.terminal, args.hours)
            print(f"端末「{args.terminal}」の登録コード（{args.hours}時間有効・一度だけ使えます）:")
            print(code)
        elif args.command == "review":
            _review(registry, actor, args.json)
        elif args.command == "purge":
            order = registry.purge.order(actor, args.doc_ids, args.reason)
            print(f"消去命令を出し、この端末から{len(order['doc_ids'])}件の文書を消去しました（理由: {order['reason']}）。"
                  "次の同期で各端末とクラウドからも消去されます")
        elif args.command in ("recovery-kit", "admin-passphrase", "escrow", "rekey", "backup"):
            _keys_command(registry, actor, args, secrets_in)
        elif args.command == "resolve-conflict":
            try:
                merged = json.loads(args.file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ValidationError("競合の解決", f"JSONとして読めません（{type(exc).__name__}）") from None
            if not isinstance(merged, dict):
                raise ValidationError("競合の解決", "文書の内容はJSONのオブジェクトで入力してください")
            registry.review.resolve_conflict(actor, args.doc_id, merged)
            print(f"文書 {args.doc_id} の競合を解決しました（次の同期で他の端末に届きます）")
        return 0
    finally:
        registry.close()


def _numbers(registry: Registry, actor: Staff, args: argparse.Namespace) -> None:
    codes = getattr(args, "kind", "") == "juminhyo-code"
    if args.numbers == "waiting":
        for r in registry.codes.awaiting(actor) if codes else registry.mynumber.awaiting(actor):
            print(f"{r.atena_no}  {r.name}（{r.name_kana}）  {r.birth}  {r.address}")
    elif args.numbers == "pool":
        state = registry.codes.state(actor)
        print(f"この端末の住民票コードの残り {state.left}件")
        if state.unleased is not None:
            print(f"払い出していない住民票コード {state.unleased}件")
    elif args.numbers == "lease":
        count = registry.codes.lease(actor, args.terminal, args.count)
        print(f"端末「{args.terminal}」へ住民票コードを{count}件払い出しました（次の同期で届きます）")
    elif args.numbers == "fill-codes":
        print(f"{registry.codes.fill(actor)}人の住民票コードを記載しました")
    else:
        item = "住民票コードのファイル" if codes else "個人番号のファイル"
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(item, f"UTF-8 のテキストとして読めません（{type(exc).__name__}）") from None
        if codes:
            lines = juminhyo_pool.parse_codes(text)
            leased = registry.codes.import_codes(actor, lines, args.share)
            print(f"住民票コードを{len(lines)}件取り込み、この端末へ{leased}件払い出しました")
        else:
            print(f"{registry.mynumber.fill(actor, mynumber_import.parse(text))}人の個人番号を記載しました")


def _daily_report(registry: Registry, actor: Staff, args: argparse.Namespace) -> None:
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
        print(f"  {total.kind}  {total.requests}件  {total.copies}通  {total.fee:,}円  拒否 {total.refused}件")
    print(f"  手数料の合計 {report.fee:,}円")
    if args.out:
        from reports.daily_pdf import render_daily  # reportlab only for the sheet (and --self-test reports a bad one)

        town = registry.municipality
        args.out.write_bytes(render_daily(report, town.prefecture + town.name, registry.audit.heads(),
                                          actor.display_name, local_now()))
        print(f"{args.out} に保存しました")


def _certificate_parsers(commands: Any) -> None:
    from domain.kofu_rules import ITEM_NAMES, KIND_NAMES, REQUESTER_NAMES

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
    check = commands.add_parser("verify", help="check a certificate (a PDF file, or the text of its QR code)")
    check.add_argument("certificate")
    seal = commands.add_parser("seal", help="set the 電子公印 image (管理者; black, printed at most 25 mm square)")
    seal.add_argument("image", type=Path)


def _certificate_command(registry: Registry, actor: Staff, args: argparse.Namespace, secrets_in: _Input) -> int:
    from domain.kofu_rules import ITEM_NAMES, KIND_NAMES, REQUESTER_NAMES, request_from
    from reports.certificate_pdf import render
    from reports.seal import check_seal_png
    from reports.verify import verify_pdf, verify_qr_text

    if args.command == "verify":
        key = registry.kofu.public_key()
        path = Path(args.certificate)
        if path.suffix.lower() == ".pdf" and not path.is_file():
            raise ValidationError("証明書", f"ファイルがありません（{path}）")
        verdict = verify_pdf(path.read_bytes(), key) if path.is_file() else verify_qr_text(args.certificate, key)
        print(f"発行番号 {verdict.issue_number}" if verdict.issue_number else "発行番号 不明")
        print("真正な証明書です（署名・印字内容とも一致）" if verdict.ok else "真正と確認できません")
        for reason in verdict.reasons:
            print(f"  {reason}")
        return 0 if verdict.ok else 1
    if args.command == "seal":
        png = args.image.read_bytes()
        check_seal_png(png)
        registry.settings.update(actor, {"seal_png": base64.b64encode(png).decode("ascii")})
        print("電子公印を設定しました")
        return 0
    request = request_from({
        "kind": KIND_NAMES[args.kind], "requester": REQUESTER_NAMES[args.requester], "atena_nos": [args.atena_no],
        "requester_name": args.requester_name, "identification": args.identification,
        "proxy_letter": args.proxy_letter, "reason": args.reason, "household": args.household,
        "individual": args.individual, "include": [ITEM_NAMES[i] for i in args.include], "copies": args.copies})
    judgment = None
    if args.judge:
        password = secrets_in.secret("判断者のパスワード")
        try:
            judge = registry.sign_in(args.judge, password)
        except SecondFactorRequired:
            judge = registry.sign_in(args.judge, password, secrets_in.secret("判断者のワンタイムパスワード"))
        judgment = Judgment(judge, args.judgment_reason)
    issued = registry.kofu.issue(actor, request, render, export=True, judgment=judgment)
    for index, (pdf, number) in enumerate(zip(issued.pdfs, issued.issue_numbers, strict=True), start=1):
        out = args.out if index == 1 else args.out.with_name(f"{args.out.stem}-{index}{args.out.suffix}")
        out.write_bytes(pdf)
        print(f"{out}  発行番号 {number}")
    print(f"{request.kind.value} {len(issued.pdfs)}通（{issued.decision.disposal.value}）手数料 {issued.decision.fee}円")
    return 0


PROCESS_NAMES = {"異動": Process.IDOU, "idou": Process.IDOU, "交付": Process.KOFU, "kofu": Process.KOFU,
                 "照会": Process.SHOUKAI, "shoukai": Process.SHOUKAI}


def _protection_parsers(commands: Any) -> None:
    shield = commands.add_parser("protection", help="支援措置 (係長 and above): start, extend, end and list measures")
    actions = shield.add_subparsers(dest="protection_command", required=True)
    add = actions.add_parser("add", help="開始: protect persons (by 宛名番号) from the 加害者 named")
    add.add_argument("atena_nos", nargs="+", metavar="宛名番号")
    add.add_argument("--process", nargs="+", choices=list(PROCESS_NAMES), default=["異動", "交付", "照会"],
                     help="the processes restricted (default: all three)")
    add.add_argument("--household", action="store_true", help="every current member of the first person's household")
    add.add_argument("--offender", action="append", default=[], metavar="氏名[,フリガナ[,宛名番号]]",
                     help="a 加害者 (repeat for several)")
    add.add_argument("--start", help="開始日, 和暦 or 西暦 (default: today)")
    add.add_argument("--end", help="終了日 (default: one year, the day before the same date a year later)")
    add.add_argument("--note", default="", help="備考")
    extend = actions.add_parser("extend", help="延長: from one month before the 終了日, by a year (or to --end)")
    extend.add_argument("measure", help="the measure's id (its first 8 characters are enough)")
    extend.add_argument("--end", help="延長後の終了日")
    extend.add_argument("--note", default="")
    end = actions.add_parser("end", help="終了: the measure stops now")
    end.add_argument("measure", help="the measure's id (its first 8 characters are enough)")
    end.add_argument("--reason", required=True, help="why it ends")
    listing = actions.add_parser("list", help="the measures of a person, or of everyone")
    listing.add_argument("atena_no", nargs="?", metavar="宛名番号")
    listing.add_argument("--json", action="store_true")


def _protection_json(item: Protection) -> dict[str, Any]:
    m = item.measure
    return {"id": m.id, "in_force": item.in_force, "kept_by_untrusted_time": item.kept_by_untrusted_time,
            "ended": m.ended, "concurrent": m.concurrent, "targets": list(m.targets), "setai_no": m.setai_no,
            "processes": sorted(p.value for p in m.processes), "start": m.start.isoformat(),
            "end": m.end.isoformat(), "offenders": [o.to_json() for o in m.offenders], "note": m.note,
            "created_by": m.created_by, "created_at": m.created_at}


def _offender(text: str) -> Offender:
    parts = [p.strip() for p in text.split(",")] + ["", ""]
    return Offender(parts[0], parts[1], parts[2])


def _protection_command(registry: Registry, actor: Staff, args: argparse.Namespace) -> None:
    def day(text: str | None, item: str) -> dt.date | None:
        return parse_date(text, item=item).to_date() if text else None

    command = args.protection_command
    if command == "list":
        found = registry.protection.measures(actor, args.atena_no)
        if args.json:
            print(json.dumps([_protection_json(p) for p in found], ensure_ascii=False, indent=1))
            return
        for item in found:
            m = item.measure
            state = ("継続中（時刻未確認）" if item.kept_by_untrusted_time else "継続中") if item.in_force else (
                "終了" if m.ended else "期間満了")
            offenders = "、".join(o.name or o.kana for o in m.offenders) or "なし"
            print(f"{m.id[:8]}  {state}{'  要確認' if m.concurrent else ''}  抑止 "
                  f"{'・'.join(p.value for p in Process if p in m.processes)}  {format_wareki(m.start)}〜"
                  f"{format_wareki(m.end)}  対象 {','.join(m.targets)}  加害者 {offenders}  {m.note}")
        print(f"{len(found)} 件", file=sys.stderr)
        return
    if command == "add":
        measure = registry.protection.add(actor, args.atena_nos, {PROCESS_NAMES[p] for p in args.process},
                                          [_offender(o) for o in args.offender], household=args.household,
                                          start=day(args.start, "開始日"), end=day(args.end, "終了日"), note=args.note)
        print(f"支援措置 {measure.id[:8]} を開始しました（{format_wareki(measure.start)}〜{format_wareki(measure.end)}、"
              f"対象 {len(measure.targets)}人）")
    elif command == "extend":
        measure = registry.protection.extend(actor, args.measure, day(args.end, "終了日"), args.note)
        print(f"支援措置 {measure.id[:8]} を{format_wareki(measure.end)}まで延長しました")
    elif command == "end":
        measure = registry.protection.end(actor, args.measure, args.reason)
        print(f"支援措置 {measure.id[:8]} を終了しました")
    print("（この変更は次の同期で他の端末に届きます）")


ROLE_NAMES = {"窓口": Role.COUNTER, "counter": Role.COUNTER, "係長": Role.SUPERVISOR, "supervisor": Role.SUPERVISOR,
              "管理者": Role.ADMIN, "admin": Role.ADMIN}
EXIT_AUDIT_PENDING, EXIT_AUDIT_TAMPERED = 3, 4


def _staff_audit_parsers(commands: Any) -> None:
    staff = commands.add_parser("staff", help="staff accounts (管理者); new passwords are read from standard input "
                                              "or a prompt, never from arguments")
    actions = staff.add_subparsers(dest="staff_command", required=True)
    listing = actions.add_parser("list", help="every account: role, in use, second factor, lock")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="create an account (its password is read as the next secret)")
    add.add_argument("account", help="the new staff member's user id")
    add.add_argument("--name", required=True, help="氏名")
    add.add_argument("--role", required=True, choices=list(ROLE_NAMES))
    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("account", help="user id")
    role.add_argument("role", choices=list(ROLE_NAMES))
    for name, text in (("disable", "利用停止: the account can no longer sign in"), ("enable", "利用再開"),
                       ("reset-password", "パスワード再設定 (the new password is read as the next secret)"),
                       ("totp-setup", ("二要素認証: print a new seed and its otpauth:// URI, then read the app's "
                                       "6-digit code to confirm")),
                       ("totp-remove", "remove the second factor"),
                       ("unlock", "lift a lock-out after repeated failed sign-ins on this terminal")):
        actions.add_parser(name, help=text).add_argument("account", help="user id")
    log = commands.add_parser("audit", help="操作記録（監査ログ） (係長, 管理者)")
    log_actions = log.add_subparsers(dest="audit_command", required=True)
    log_actions.add_parser("verify", help=f"check every terminal's hash chain: exit {EXIT_AUDIT_PENDING} when entries "
                                          f"have not arrived yet, {EXIT_AUDIT_TAMPERED} when tampered with")
    export = log_actions.add_parser("export", help="write entries as CSV (UTF-8 with BOM, for spreadsheets)")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--from", dest="date_from", type=_date, help="first day (YYYY-MM-DD, local time)")
    export.add_argument("--to", dest="date_to", type=_date, help="last day (YYYY-MM-DD, local time)")
    export.add_argument("--user", dest="staff", default="", help="one staff member's entries")
    export.add_argument("--action", default="", help="entries whose action contains this, e.g. 交付")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _staff_command(registry: Registry, actor: Staff, args: argparse.Namespace, secrets_in: _Input) -> None:
    command, user = args.staff_command, getattr(args, "account", "")
    if command == "list":
        accounts = registry.staff.accounts(actor)
        if args.json:
            print(json.dumps([{**asdict(a), "role": a.role.value, "locked_until": a.locked_until and
                               a.locked_until.isoformat(timespec="seconds")} for a in accounts],
                             ensure_ascii=False, indent=1))
            return
        for a in accounts:
            state = "利用中" if a.active else "利用停止"
            extra = ["二要素認証あり" if a.second_factor else "二要素認証なし"]
            if a.locked_until:
                extra.append(f"ロック中（{a.locked_until:%H:%M}まで）")
            if a.concurrent:
                extra.append(f"要確認: {'・'.join(a.concurrent)}が別の端末で同時に変更されました")
            print(f"{a.user}  {a.display_name}  {a.role.value}  {state}  {'  '.join(extra)}")
        return
    if command == "add":
        registry.staff.add(actor, user, args.name, ROLE_NAMES[args.role], secrets_in.new_secret("新しい職員のパスワード"))
        print(f"職員 {user}（{args.name}、{ROLE_NAMES[args.role].value}）を登録しました")
    elif command == "role":
        registry.staff.change_role(actor, user, ROLE_NAMES[args.role])
        print(f"{user} の権限を{ROLE_NAMES[args.role].value}にしました")
    elif command == "disable":
        registry.staff.disable(actor, user)
        print(f"{user} を利用停止にしました")
    elif command == "enable":
        registry.staff.enable(actor, user)
        print(f"{user} の利用を再開しました")
    elif command == "reset-password":
        registry.staff.reset_password(actor, user, secrets_in.new_secret("新しいパスワード"))
        print(f"{user} のパスワードを再設定しました")
    elif command == "totp-setup":
        seed = totp.new_seed()
        print(f"{user} の認証アプリに次の秘密鍵を登録してください（この画面の内容は他の人に見せないでください）")
        print(f"秘密鍵: {totp.grouped(seed)}")
        print(f"URI: {registry.staff.second_factor_uri(user, seed)}", flush=True)
        registry.staff.enable_second_factor(actor, user, seed, secrets_in.secret("認証アプリに表示された6桁の数字"))
        print(f"{user} の二要素認証を設定しました。次のサインインからワンタイムパスワードが必要です")
    elif command == "totp-remove":
        registry.staff.remove_second_factor(actor, user)
        print(f"{user} の二要素認証を解除しました")
    elif command == "unlock":
        registry.staff.unlock(actor, user)
        print(f"{user} のロックを解除しました")
    if command != "unlock":
        print("（この変更は次の同期で他の端末に届きます）")


def _audit_command(registry: Registry, actor: Staff, args: argparse.Namespace) -> int:
    from local_store.audit import Filter

    if args.audit_command == "export":
        csv_text = registry.audit.export(actor, Filter(args.date_from, args.date_to, args.staff, args.action))
        args.out.write_text(csv_text, encoding="utf-8-sig", newline="")
        print(f"操作記録を {args.out} に書き出しました（{csv_text.count(chr(10)) - 1} 件）")
        return 0
    verdict = registry.audit.verify(actor)
    chains = "、".join(f"{terminal} {count}件" for terminal, count in verdict.chains.items())
    print(f"操作記録（監査ログ）を検証しました: {verdict.checked} 件（{chains}）")
    for line in verdict.tampered:
        print(f"改ざんの疑い: {line}")
    for line in verdict.pending:
        print(f"未着: {line}")
    if verdict.tampered:
        print("操作記録が書き換えられたか、削除・並べ替えられています。管理者に報告してください", file=sys.stderr)
        return EXIT_AUDIT_TAMPERED
    if verdict.pending:
        print("同期でまだ届いていない記録があります（改ざんは見つかりません）。同期の後にもう一度検証してください",
              file=sys.stderr)
        return EXIT_AUDIT_PENDING
    print("異常はありません（すべての記録がつながっています）")
    return 0


def _open(data_dir: Path, args: argparse.Namespace, secrets_in: _Input) -> Registry:
    """The replica: with the 復旧コード or the 管理者の合言葉 when asked to, or with the 復旧コード when the keyring has
    lost the key and a person is there."""
    passphrase = lambda: secrets_in.secret("端末の合言葉")
    if args.recovery_code_stdin and args.admin_passphrase_stdin:
        raise StoreError("--recovery-code-stdin と --admin-passphrase-stdin は同時に使えません",
                         "give either --recovery-code-stdin or --admin-passphrase-stdin")
    if args.admin_passphrase_stdin:
        return Registry.open(data_dir, passphrase=passphrase, admin_passphrase=secrets_in.secret("管理者の合言葉"))
    if args.recovery_code_stdin:
        return Registry.open(data_dir, passphrase=passphrase, recovery_code=secrets_in.secret("復旧コード"))
    try:
        return Registry.open(data_dir, passphrase=passphrase)
    except KeyringKeyMissing as exc:
        if secrets_in.from_stdin or not sys.stdin.isatty():
            raise
        print(exc.message, file=sys.stderr)
        return Registry.open(data_dir, passphrase=passphrase, recovery_code=secrets_in.secret("復旧コード"))


def _disaster_parsers(commands: Any) -> None:
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
    listing = actions.add_parser("list", help="the 被災者台帳, filtered; --csv writes it as CSV (UTF-8 with BOM; 係長)")
    listing.add_argument("--damage", help="only this 住家の被害の程度")
    listing.add_argument("--area", default="", help="only this 町字, e.g. 本町2丁目")
    listing.add_argument("--cause", default="", help="only 罹災原因 containing this")
    listing.add_argument("--csv", type=Path, metavar="FILE", help="write the 台帳 as CSV instead of printing it")
    cert = actions.add_parser("certificate", help="issue the 罹災証明書 of a household's dwelling to a PDF file (係長)")
    cert.add_argument("household", metavar="世帯番号")
    cert.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cert.add_argument("--place", default="", help="which dwelling, when the household has several (a part of its "
                                                  "所在地 or 罹災原因)")


def _disaster_command(registry: Registry, actor: Staff, args: argparse.Namespace) -> None:
    from domain.disaster import AssessmentInput, LedgerFilter, parse_damage

    if args.disaster_command == "assess":
        doc_id, found = registry.disaster.record_assessment(actor, AssessmentInput(
            args.household, args.damage, args.cause, args.place, args.date, args.note.replace("\\n", "\n"),
            args.surveyor))
        kind = "再調査" if found.supersedes else "調査"
        print(f"被害認定（{kind}）を記録しました: 世帯番号 {found.setai_no}  {found.place}  {found.damage.value}")
        print(f"文書ID {doc_id}（次の同期で他の端末に届きます）")
        return
    if args.disaster_command == "list":
        wanted = LedgerFilter(parse_damage(args.damage) if args.damage else None, args.area, args.cause)
        if args.csv:
            text = registry.disaster.ledger_csv(actor, wanted)
            args.csv.write_text(text, encoding="utf-8-sig", newline="")
            print(f"被災者台帳を {args.csv} に書き出しました（{text.count(chr(10)) - 1} 件）")
            return
        lines = registry.disaster.ledger(actor, wanted)
        for line in lines:
            a = line.dwelling.assessment
            flag = "  要確認（同時に記録された調査あり）" if line.dwelling.flagged else ""
            issued = f"  交付 {'・'.join(line.issued)}" if line.issued else ""
            print(f"{a.setai_no}  {line.head_name}  {a.place}  {a.cause}  {a.damage.value}  調査日 "
                  f"{format_wareki(a.surveyed_on)}{issued}{flag}")
        print(f"{len(lines)} 件", file=sys.stderr)
        return
    from reports.risai_pdf import render

    lines = [line for line in registry.disaster.household_dwellings(actor, args.household)
             if args.place in line.dwelling.assessment.place or args.place in line.dwelling.assessment.cause]
    if len(lines) != 1:
        places = "、".join(f"{x.dwelling.assessment.place}（{x.dwelling.assessment.cause}）" for x in lines)
        raise ValidationError("被害認定調査", f"世帯番号 {args.household} の調査が{len(lines)}件あります"
                              + (f"（{places}）。--place で選んでください" if lines else ""))
    issued = registry.disaster.issue_risai(actor, lines[0].dwelling.doc_id, render, export=True)
    args.out.write_bytes(issued.pdf)
    print(f"{args.out}  罹災証明書 整理番号 {issued.number}（{issued.certificate.damage.value}）発行番号 "
          f"{issued.issue_number}")


def _bundle_parsers(commands: Any) -> None:
    carry = commands.add_parser("bundle", help="file-carried sync without cloud or network: a signed file of sealed "
                                               "documents for another terminal (export: 管理者; audited)")
    actions = carry.add_subparsers(dest="bundle_command", required=True)
    export = actions.add_parser("export", help="write what another terminal lacks (since the last bundle for it)")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument("--for", dest="target", default="", metavar="TERMINAL",
                        help="the terminal it is for (name or id); only that terminal may take it in")
    export.add_argument("--all", action="store_true", help="every document, not only those since the last bundle")
    take = actions.add_parser("import", help="take in a bundle: checked like a sync, a second time changes nothing")
    take.add_argument("file", type=Path)


def _bundle_command(registry: Registry, actor: Staff, args: argparse.Namespace) -> int:
    from sync import bundle

    if args.bundle_command == "export":
        written = bundle.export_bundle(registry, actor, args.out, args.target, everything=args.all)
        to = f"端末「{written.header.target_name}」宛て" if written.header.target else "宛先の指定なし"
        print(f"持出しファイルを {written.path} に書き出しました（{to}、文書 {written.header.count} 件）")
        return 0
    taken = bundle.import_bundle(registry, actor, args.file)
    result = taken.result
    if result.already:
        print(f"この持出しファイルは {result.imported_at} に取込み済みです。何も変更していません")
        return 0
    print(f"端末「{taken.header.source_name}」の持出しファイルを取り込みました: 受入 {result.accepted} 件、"
          f"取込み済み {result.duplicates} 件")
    if result.quarantined:
        print(f"検査に通らなかった文書 {result.quarantined} 件を隔離しました（管理者が確認してください）", file=sys.stderr)
        return 3
    return 0


def _notices_parsers(commands: Any) -> None:
    notes = commands.add_parser("notices", help="notices to other offices (outbox) and from them (inbox); the file "
                                                "format is docs/notices.md")
    actions = notes.add_subparsers(dest="notices_command", required=True)
    kinds = "転入通知 (tennyu), 附票記載事項通知 (fuhyo) or 本人確認情報 (honnin)"
    listing = actions.add_parser("list", help="the notices the 異動 owe, with when each was sent")
    listing.add_argument("--pending", action="store_true", help="only those not sent yet")
    listing.add_argument("--kind", help=kinds)
    listing.add_argument("--json", action="store_true", help="the notices as the file has them")
    export = actions.add_parser("export", help="write the notices not sent yet to a file and mark them sent "
                                               "(a 持出し: 管理者; audited)")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument("--kind", help=kinds)
    take = actions.add_parser("import", help="take a file of incoming notices into the inbox (all or none); "
                                             "nothing is recorded until staff apply each one")
    take.add_argument("file", type=Path)
    actions.add_parser("inbox", help="the notices received, with their state (受付, 処理済, 却下)")
    show = actions.add_parser("show", help="a received notice and the 異動 request it would record (checked, not "
                                           "recorded)")
    show.add_argument("id", help="the notice's id (its first 8 characters are enough)")
    done = actions.add_parser("apply", help="record the 異動 of a received notice (staff confirm it by this)")
    done.add_argument("id")
    reject = actions.add_parser("reject", help="却下: mark a received notice rejected; nothing is recorded")
    reject.add_argument("id")
    reject.add_argument("--reason", required=True)


def _notices_command(registry: Registry, actor: Staff, args: argparse.Namespace) -> int:
    from domain import notices

    command = args.notices_command
    if command in ("list", "export"):
        kind = notices.kind_named(args.kind) if args.kind else None
        if command == "export":
            written = registry.notices.export(actor, args.out, kind)
            print(f"通知 {written.count} 件を {written.path} に書き出し、送付済みにしました")
            return 0
        found = registry.notices.outgoing(actor, kind, pending=args.pending)
        if args.json:
            print(json.dumps([n for n, _ in found], ensure_ascii=False, indent=1))
            return 0
        for notice, sent in found:
            state = f"送付済 {sent.at} {sent.by}" if sent else "送付待ち"
            print(f"{notices.summary(notice)}  {notice['idou']['reason']}  {state}  {notice['id']}")
        print(f"{len(found)} 件", file=sys.stderr)
    elif command == "import":
        taken = registry.notices.import_file(actor, args.file)
        print(f"通知 {taken.taken} 件を受け付けました（受付済み {taken.already} 件）。内容を確認して notices apply で"
              "登録してください")
    elif command == "inbox":
        for item in registry.notices.inbox(actor):
            decided = f"（{item.decided_by}{' ' + item.reason if item.reason else ''}）" if item.decided_by else ""
            review = "  要確認（二つの端末で処理）" if item.concurrent else ""
            print(f"{item.id[:8]}  {item.received_on}  {notices.summary(item.notice)}  {item.state}{decided}{review}")
    elif command == "show":
        proposal = registry.notices.proposal(actor, args.id)
        print(json.dumps(proposal.received.notice, ensure_ascii=False, indent=1))
        print(f"状態: {proposal.received.state}")
        if proposal.request is not None:
            print("登録する異動:")
            print(json.dumps(proposal.request, ensure_ascii=False, indent=1))
        if proposal.problem:
            print(f"登録できません: {proposal.problem}", file=sys.stderr)
            return EXIT_INVALID
    elif command == "apply":
        applied = registry.notices.apply(actor, args.id)
        names = "、".join(f"{c.row.name}（{c.row.atena_no}）" for c in applied.idou.rows)
        print(f"{applied.idou.reason}を登録しました（異動日 {format_wareki(applied.idou.idou_date)}）: {names}")
        print(f"文書ID {applied.doc_id}")
    else:
        registry.notices.reject(actor, args.id, args.reason)
        print("通知を却下しました（何も登録していません）")
    return 0


def _keys_parsers(commands: Any) -> None:
    kit = commands.add_parser("recovery-kit", help="a new 復旧コード for this terminal, printed as its 復旧キット "
                                                  "(管理者; the previous kit stops working)")
    kit.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    split = commands.add_parser("escrow", help="分割鍵: split the municipality's data and signing keys among "
                                               "administrators, one PDF per share (管理者, on the authority terminal)")
    split.add_argument("--shares", type=int, default=3, help="how many shares (default 3)")
    split.add_argument("--threshold", type=int, default=2, help="how many restore the keys (default 2)")
    split.add_argument("--out-dir", type=Path, required=True, help="the folder for the share PDFs")
    admin = commands.add_parser("admin-passphrase", help="管理者の合言葉: wrap the terminal key under an administrator "
                                                        "passphrase too (set: read from standard input or a prompt, "
                                                        "10+ characters; replaces a previous one), or drop it (remove)")
    admin.add_argument("action", choices=["set", "remove"])
    rotate = commands.add_parser("rekey", help="鍵の更新: a new terminal key and 復旧コード (管理者; close the window "
                                               "first). Where there is no keyring the new 端末の合言葉 is read; where "
                                               "a 管理者の合言葉 is set, it is read next and wraps the new key too")
    rotate.add_argument("--kit-out", type=Path, required=True, metavar="FILE.pdf", help="the new 復旧キット")
    rotate.add_argument("--drop-admin-passphrase", action="store_true",
                        help="do not ask for the 管理者の合言葉: the new key has no admin wrap (set it again later)")
    copy = commands.add_parser("backup", help="バックアップ: an encrypted copy of this replica (管理者); its "
                                              "passphrase is read from standard input or a prompt")
    copy.add_argument("--out", type=Path, required=True)
    back = commands.add_parser("restore", help="復元: bring a backup back into an empty data folder (the backup "
                                               "passphrase is read from standard input or a prompt)")
    back.add_argument("file", type=Path)
    back.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="the new replica's folder")
    back.add_argument("--kit-out", type=Path, metavar="FILE.pdf", help="write the new 復旧キット here")


def _hand_out_kit(town: Municipality, terminal: str, code: str | None, out: Path | None) -> None:
    """The 復旧キット of a replica just made: a PDF, or (without --kit-out) the code printed once."""
    if code is None:
        return
    if out is None:
        print(f"この端末の復旧コード（書き写して施錠できる場所に保管してください。二度と表示されません）: {code}")
        return
    from reports.key_sheets import recovery_kit

    out.write_bytes(recovery_kit(town.prefecture + town.name, terminal, code, local_now().date()))
    print(f"復旧キットを {out} に書き出しました（印刷して施錠できる場所に保管し、ファイルは削除してください）")


def _keys_command(registry: Registry, actor: Staff, args: argparse.Namespace, secrets_in: _Input) -> None:
    from reports.key_sheets import escrow_share

    town, today = registry.municipality, local_now().date()
    if args.command == "recovery-kit":
        _hand_out_kit(town, registry.terminal, registry.keys.new_recovery_code(actor), args.out)
    elif args.command == "escrow":
        shares = registry.keys.escrow_shares(actor, args.shares, args.threshold)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        for number, share in enumerate(shares, start=1):
            out = args.out_dir / f"分割鍵-{number}-{len(shares)}.pdf"
            out.write_bytes(escrow_share(town.prefecture + town.name, town.code, share, number, len(shares),
                                         args.threshold, today))
            print(out)
        print(f"分割鍵 {len(shares)}枚を書き出しました（復元には{args.threshold}枚）。一枚ずつ別の管理者が保管し、"
              "ファイルは印刷後に削除してください")
    elif args.command == "admin-passphrase":
        if args.action == "set":
            registry.keys.set_admin_passphrase(actor, secrets_in.new_secret("管理者の合言葉（10文字以上）"))
            print("管理者の合言葉を設定しました（キーリングの鍵を失ったとき --admin-passphrase-stdin で開けます）")
        elif registry.keys.remove_admin_passphrase(actor):
            print("管理者の合言葉を削除しました")
        else:
            print("管理者の合言葉は設定されていません")
    elif args.command == "rekey":
        phrase: str | None = None
        admin: str | None = None
        if registry.keys.key_source() == "passphrase":
            phrase = secrets_in.new_secret("新しい端末の合言葉（10文字以上）")
        had_admin = registry.keys.has_admin_passphrase()
        if had_admin and not args.drop_admin_passphrase:  # the same passphrase wraps the new key
            admin = secrets_in.secret("管理者の合言葉")
        registry.keys.rekey(actor, lambda code: _hand_out_kit(town, registry.terminal, code, args.kit_out), phrase, admin)
        print("端末の鍵を更新しました。以前の復旧キットは使えません（破棄してください）")
        if had_admin and admin is None:
            print("管理者の合言葉は削除しました（必要なら admin-passphrase set で設定し直してください）")
    elif args.command == "backup":
        registry.keys.backup(actor, args.out, secrets_in.new_secret("バックアップの合言葉（10文字以上）"))
        print(f"バックアップを {args.out} に書き出しました")


def _restore_backup(args: argparse.Namespace, data_dir: Path, secrets_in: _Input) -> int:
    from local_store.backup import restore

    code = restore(args.file, data_dir, secrets_in.secret("バックアップの合言葉"),
                   lambda: secrets_in.secret("端末の合言葉（10文字以上）"))
    registry = Registry.open(data_dir, recovery_code=code)
    try:
        _hand_out_kit(registry.municipality, registry.terminal, code, args.kit_out)
        counts = registry.residents.counts()
    finally:
        registry.close()
    print(f"バックアップを {data_dir} に復元しました（端末名 {registry.terminal}、住民 {counts['residents']} 人）")
    return 0


def _restore_from_cloud(args: argparse.Namespace, data_dir: Path, secrets_in: _Input) -> int:
    from domain import escrow
    from sync.restore import restore_from_cloud

    if not args.user:
        raise StoreError("--user でこの端末のクラウドユーザを指定してください", "--restore-from-cloud needs --user")
    password = secrets_in.secret("クラウドのパスワード")
    shares = [secrets_in.secret("分割鍵（1枚目）")]
    needed = escrow.parse(shares[0]).threshold
    while len(shares) < needed:
        shares.append(secrets_in.secret(f"分割鍵（{len(shares) + 1}枚目）"))
    registry = restore_from_cloud(data_dir, args.restore_from_cloud, args.user, password, shares, args.terminal,
                                  ca_bundle=args.ca_bundle,
                                  passphrase=lambda: secrets_in.secret("端末の合言葉（10文字以上）"), progress=None)
    try:
        _hand_out_kit(registry.municipality, registry.terminal, registry.keys.take_fresh_recovery_code(), args.kit_out)
        counts = registry.residents.counts()
    finally:
        registry.close()
    print(f"{registry.municipality.prefecture}{registry.municipality.name} を分割鍵とクラウドから端末「{registry.terminal}」に"
          f"復元しました: 住民 {counts['residents']} 人、除票 {counts['removed']}")
    return 0


def main() -> int:
    try:
        return run(sys.argv[1:])
    except ValidationError as exc:
        print(f"入力エラー: {exc.item}: {exc.message}", file=sys.stderr)
        return EXIT_INVALID
    except (StoreError, CloudError) as exc:
        print(f"エラー: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen build: the process that opens a large pull (sync.opening)
    sys.exit(main())
