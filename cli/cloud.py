"""The municipality's cloud: this terminal's login, a round of sync, enrollment codes for new terminals, what waits
for review (forks, conflicts, quarantine, purge orders), a conflict resolved, and a legally ordered purge."""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import asdict
from pathlib import Path

from cli.common import (
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_QUARANTINED,
    EXIT_UNREACHABLE,
    Commands,
    Invocation,
    Session,
    print_json,
    read_json,
    signed_in,
)
from domain.errors import ValidationError
from domain.roles import Permission, Role
from local_store.completeness import describe
from local_store.context import require
from local_store.quarantine_reasons import explanation, kind_name
from sync import cloud, cloud_setup, joining
from sync.couch_client import CloudUnreachable


def register(commands: Commands) -> None:
    remote = commands.add_parser("cloud", help="the municipality's cloud database")
    cloud_commands = remote.add_subparsers(dest="cloud_command", required=True)
    login = cloud_commands.add_parser("login", help="store this terminal's cloud user and password (管理者)")
    login.add_argument("url", help="the cloud database, e.g. https://cloud.example.lg.jp:6984/town")
    login.add_argument("--user", dest="cloud_user", required=True, help="this terminal's cloud user")
    login.add_argument("--ca-bundle", help="the municipality's CA certificates (PEM)")
    login.add_argument("--insecure-http", action="store_true", help="allow a plain http:// URL to another machine "
                       "(a closed test network only: the password would cross it unencrypted)")
    login.set_defaults(handler=signed_in(log_in))
    trusted = cloud_commands.add_parser("trusted-time", help="the last trusted time and a server time waiting for a "
                                                             "管理者; --accept or --reset it (管理者, audited)")
    choice = trusted.add_mutually_exclusive_group()
    choice.add_argument("--accept", action="store_true", help="trust the pending server time")
    choice.add_argument("--reset", action="store_true", help="forget a wrong trusted time (the next answer from the "
                                                             "cloud sets it again)")
    trusted.set_defaults(handler=signed_in(trusted_time))
    setup = cloud_commands.add_parser("setup", help="for the cloud administrator: create the municipality's database, "
                                                    "its audit database, the terminal users, _security and the audit "
                                                    "database's design document (the server admin's password is read "
                                                    "from standard input; running it again changes nothing)")
    setup.add_argument("url", help="the municipality's database, e.g. https://cloud.example.lg.jp:6984/town")
    setup.add_argument("--admin", required=True, help="the CouchDB server admin's name")
    setup.add_argument("--terminal-user", dest="terminal_users", action="append", default=[], metavar="USER",
                       help="a terminal's cloud user (repeat for each terminal); a new one gets a password, printed once")
    setup.add_argument("--ca-bundle", help="the municipality's CA certificates (PEM)")
    setup.add_argument("--insecure-http", action="store_true", help="allow a plain http:// URL to another machine "
                       "(a closed test network only)")
    setup.set_defaults(handler=set_up_cloud)

    sync = commands.add_parser("sync", help="one round of replication with the cloud")
    sync.add_argument("--remote", metavar="URL", help="use this cloud database instead of the stored one (管理者; "
                      "the stored password goes only to the stored server, for another one it is asked for)")
    sync.add_argument("--batch", type=int, default=1000, help="documents per request (default 1000)")
    sync.add_argument("--timeout", type=float, default=60, metavar="SECONDS", help="how long a request waits for the "
                      "cloud, its retries included, before the sync gives up (default 60)")
    sync.set_defaults(handler=signed_in(sync_once))

    enroll = commands.add_parser("enrollment-code", help="a one-time code for a new terminal to join (管理者)")
    enroll.add_argument("--terminal", required=True, help="the new terminal's name")
    enroll.add_argument("--hours", type=int, default=24, help="how long the code is valid (default 24)")
    enroll.set_defaults(handler=signed_in(enrollment_code))
    confirm = commands.add_parser("enrollment-confirm", help="confirm the new terminals that claimed the codes issued "
                                                             "here: each code serves the first terminal only (管理者)")
    confirm.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                         help="wait up to this long for a claim when none has come yet (default: do not wait)")
    confirm.set_defaults(handler=signed_in(enrollment_confirm))
    purge = commands.add_parser("purge", help="法令等に基づく消去命令: erase documents on every terminal and in the "
                                              "cloud (管理者, on the terminal holding the municipality's signing key)")
    purge.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="the documents to erase")
    purge.add_argument("--reason", required=True, help="the legal ground, e.g. 裁判所の命令（事件番号）")
    purge.add_argument("--override-ground", default="", metavar="TEXT",
                       help="the legal ground that overrides the retention of a 異動 the law keeps (施行令34条: "
                            "除票 150 years), e.g. 誤って記録された個人情報の消去; recorded in the order and the audit")
    purge.set_defaults(handler=signed_in(order_purge))
    review = commands.add_parser("review", help="what waits for a supervisor or administrator: forks, 番号重複, "
                                               "documents the cloud has not handed over, conflicts, quarantined "
                                               "arrivals, a restore from a backup")
    review.add_argument("--json", action="store_true")
    review.set_defaults(handler=signed_in(show_review))
    resolve = commands.add_parser("resolve-conflict", help="resolve a conflict of a mutable document (管理者): the "
                                                          "merged body is read from a JSON file")
    resolve.add_argument("doc_id")
    resolve.add_argument("file", type=Path)
    resolve.set_defaults(handler=signed_in(resolve_conflict))


def log_in(s: Session) -> int:
    args = s.args
    require(s.actor, Permission.CHANGE_SETTINGS)
    cloud.check_transport(args.url, insecure_http=args.insecure_http)
    cloud.login(s.registry, args.url, args.cloud_user, s.secrets.secret("クラウドのパスワード"), args.ca_bundle,
                insecure_http=args.insecure_http)
    print(f"クラウドを設定しました: {args.url}（端末ユーザ {args.cloud_user}）")
    return EXIT_OK


def set_up_cloud(run: Invocation) -> int:
    """No replica: the cloud administrator's command, run anywhere with the server admin's password."""
    args = run.args
    cloud.check_transport(args.url, insecure_http=args.insecure_http)
    report = cloud_setup.set_up(args.url, args.admin, run.secrets.secret("サーバー管理者のパスワード"),
                                dict.fromkeys(args.terminal_users), ca_bundle=args.ca_bundle)
    for line in report.changes:
        print(line)
    for user, password in report.passwords.items():
        print(f"端末ユーザ {user} のパスワード: {password}（その端末の cloud login で入力します。二度と表示されません）")
    if report.unchanged:
        print("変更はありません（すでに設定済みです）")
    return EXIT_OK


def trusted_time(s: Session) -> int:
    clock = s.registry.trusted_time
    if s.args.accept:
        print(f"クラウドの時刻 {clock.accept_pending(s.actor):%Y-%m-%d %H:%M:%S} を信頼する時刻にしました")
        return EXIT_OK
    if s.args.reset:
        clock.reset(s.actor)
        print("信頼する時刻を取り消しました。次にクラウドが応答した時刻から設定し直します")
        return EXIT_OK
    trusted, pending = clock.last_cloud_contact(), clock.pending()
    print(f"信頼する時刻: {f'{trusted:%Y-%m-%d %H:%M:%S}' if trusted else 'なし'}")
    if pending is not None:
        print(_pending_note(pending))
    return EXIT_OK


def _pending_note(pending: dt.datetime) -> str:
    return (f"確認待ちのクラウドの時刻: {pending:%Y-%m-%d %H:%M:%S}（この端末の時計や前回の時刻より大きく進んでいるため"
            "信頼していません。正しければ管理者が cloud trusted-time --accept で承認します）")


def sync_once(s: Session) -> int:
    if s.args.remote:
        require(s.actor, Permission.CHANGE_SETTINGS)
    try:
        report = cloud.sync_once(s.registry, s.args.remote, password=lambda: s.secrets.secret("クラウドのパスワード"),
                                 batch=s.args.batch, deadline=s.args.timeout)
    except CloudUnreachable:
        print(f"エラー: クラウドが応答しません（{s.args.timeout:g} 秒待ちました）。ネットワークとクラウドの状態を"
              "確かめてから、もう一度 sync を実行してください", file=sys.stderr)
        return EXIT_UNREACHABLE
    print(f"同期しました: 受信 {report.pulled} 件、送信 {report.pushed} 件（通信 {report.requests} 回）")
    for note in report.notes:
        if note.startswith("消去命令"):
            print(note)
    pending = s.registry.trusted_time.pending()
    if pending is not None:
        print(_pending_note(pending), file=sys.stderr)
    if report.reset:
        print("クラウドのデータベースが作り直されたか以前の状態に戻されていたため、この端末の文書をすべて送り直しました")
    if report.quarantined:
        print(f"検査に通らなかった文書 {report.quarantined} 件を隔離しました（管理者が確認してください）", file=sys.stderr)
    if report.missing:
        print(f"{describe(report.missing)}。もう一度 sync を実行すると改めて探します。届くまで第三者・代理人の請求には"
              "交付できません（review で確認できます）", file=sys.stderr)
        return EXIT_INCOMPLETE
    return EXIT_QUARANTINED if report.quarantined else EXIT_OK


def enrollment_code(s: Session) -> int:
    code = joining.issue(s.registry, s.actor, s.args.terminal, s.args.hours)
    print(f"端末「{s.args.terminal}」の登録コード（{s.args.hours}時間有効・一つの端末だけが使えます）:")
    print(code)
    print("新しい端末で init --join を実行した後、この端末で enrollment-confirm を実行して参加を確認してください")
    return EXIT_OK


def enrollment_confirm(s: Session) -> int:
    deadline = time.monotonic() + s.args.wait
    while True:
        report = joining.confirm(s.registry, s.actor)
        if report.confirmed or report.refused or not report.waiting or time.monotonic() >= deadline:
            break
        time.sleep(min(joining.POLL_SECONDS, max(0.0, deadline - time.monotonic())))
    for name, number in report.confirmed:
        print(f"端末「{name}」の参加を確認しました（確認番号 {number}）")
    for name, why in report.refused:
        print(f"端末「{name}」の登録コードへの申請を拒否しました: {why}", file=sys.stderr)
    for name in report.waiting:
        print(f"端末「{name}」: 登録コードはまだ使われていません")
    if not (report.confirmed or report.refused or report.waiting):
        print("確認を待つ登録コードはありません")
    return EXIT_OK


def order_purge(s: Session) -> int:
    order = s.registry.purge.order(s.actor, s.args.doc_ids, s.args.reason, s.args.override_ground)
    print(f"消去命令を出し、この端末から{len(order['doc_ids'])}件の文書を消去しました（理由: {order['reason']}）。"
          "次の同期で各端末とクラウドからも消去されます")
    return EXIT_OK


def show_review(s: Session) -> int:
    """Forks to resolve and 番号重複 (係長), conflicts and quarantined arrivals (管理者); a restore from a backup."""
    registry, actor = s.registry, s.actor
    require(actor, Permission.RESOLVE_FORK)
    forks = registry.review.forked_persons(actor)
    duplicates = registry.review.duplicate_numbers(actor)
    same = registry.review.same_persons(actor)
    seals = registry.inkan.forks(actor)
    restored = registry.review.restored()
    conflicts = registry.review.conflicts()
    missing = registry.replication.gaps()
    quarantined = registry.review.quarantined(actor) if actor.role is Role.ADMIN else []
    purges = registry.purge.orders(actor) if actor.role is Role.ADMIN else []
    if s.args.json:
        print_json({"forks": [asdict(f) for f in forks], "duplicate_numbers": [asdict(d) for d in duplicates],
                    "same_persons": [asdict(p) for p in same],
                    "inkan_forks": {atena: [r.id for r in found] for atena, found in seals.items()},
                    "restored": asdict(restored) if restored else None, "conflicts": [asdict(c) for c in conflicts],
                    "missing": [asdict(g) for g in missing],
                    "quarantine": [asdict(q) for q in quarantined], "purge_orders": purges})
        return EXIT_OK
    if restored is not None:
        print(restored.warning)
    print(f"要確認（並行した異動） {len(forks)} 人")
    for fork in forks:
        print(f"  {fork.atena_no}  {fork.name}  異動: {', '.join(fork.tips)}")
    print(f"番号重複（一つの宛名番号に別の人） {len(duplicates)} 件")
    for duplicate in duplicates:
        print(f"  宛名番号 {duplicate.atena_no}: {len(duplicate.persons)} 人")
        for person in duplicate.persons:
            print(f"    {person.key}  {person.name}  {person.birth}  {person.status}  "
                  f"{person.created_as} {person.created_at}  異動: {person.created_by}")
    print(f"同一人の疑い（氏名・生年月日・性別が同じ住民） {len(same)} 組")
    for pair in same:
        print("  " + "  /  ".join(f"{p.key} {p.name} {p.birth} {p.created_as} {p.created_at} 異動: {p.created_by}"
                                   for p in pair.persons))
    print(f"印鑑登録の二重登録（別の端末で同時に登録） {len(seals)} 人")
    for atena, found in seals.items():
        print(f"  {atena}  登録: {', '.join(f'{r.id}（登録番号 {r.registration_no}）' for r in found)}"
              f"  一方を廃止: inkan abolish {atena} --reason fork --registration ID")
    print(f"クラウドから届いていない文書 {sum(g.count for g in missing)} 件")
    if missing:
        print(f"  {describe(missing)}。届くまで第三者・代理人の請求には交付できません（同期のたびに改めて探します）")
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
    return EXIT_OK


def resolve_conflict(s: Session) -> int:
    merged = read_json(s.args.file, "競合の解決")
    if not isinstance(merged, dict):
        raise ValidationError("競合の解決", "文書の内容はJSONのオブジェクトで入力してください")
    s.registry.review.resolve_conflict(s.actor, s.args.doc_id, merged)
    print(f"文書 {s.args.doc_id} の競合を解決しました（次の同期で他の端末に届きます）")
    return EXIT_OK
