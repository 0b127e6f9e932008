"""`init`: a replica made on this terminal, for a new municipality or the synthetic demo town, joined from the
cloud with an enrollment code, or restored from the cloud with the 分割鍵."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import (
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_PENDING,
    EXIT_QUARANTINED,
    Commands,
    Invocation,
    progress,
)
from cli.keys import hand_out_kit
from local_store.completeness import Gap, describe
from local_store.context import Municipality
from local_store.errors import StoreError
from local_store.registry import Registry


def register(commands: Commands) -> None:
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
    init.add_argument("--wait", type=float, default=600, metavar="SECONDS", help="with --join: how long to wait for "
                      "the administrator's terminal to confirm the claim (default 600); run the same join again later "
                      "to resume")
    init.add_argument("--insecure-http", action="store_true", help="with --join: allow a plain http:// URL to another "
                      "machine (a closed test network only)")
    init.add_argument("--restore-from-cloud", metavar="URL", help="restore a municipality that lost every terminal: "
                      "the cloud password, then the 分割鍵 (one a line, as many as needed) are read from standard input")
    init.add_argument("--kit-out", type=Path, metavar="FILE.pdf", help="write this terminal's 復旧キット here (else "
                      "its 復旧コード is printed once)")
    init.set_defaults(handler=init_replica)


def init_replica(run: Invocation) -> int:
    if run.args.restore_from_cloud:
        return _restore_from_cloud(run)
    if run.args.join:
        return _join(run)
    if run.args.demo is not None:
        return _demo(run)
    return _create(run)


def _demo(run: Invocation) -> int:
    from demo.replica import create_demo, demo_municipality
    from reports.seal import demo_seal_png

    registry = create_demo(run.data_dir, run.args.demo, run.args.seed, passphrase=run.secrets.terminal_passphrase,
                           progress=progress, clock=run.clock,
                           seal_png=demo_seal_png(f"{demo_municipality().name}長"))
    try:
        counts = registry.residents.counts()
    finally:
        registry.close()
    print(f"デモの町を作りました: 住民 {counts['residents']} 人、世帯 {counts['households']}、除票 {counts['removed']}")
    return EXIT_OK


def _create(run: Invocation) -> int:
    args = run.args
    missing = [flag for flag in ("name", "prefecture", "code", "mayor", "admin") if getattr(args, flag) is None]
    if missing:
        raise StoreError(f"次の項目を指定してください: {', '.join('--' + m for m in missing)}",
                         f"missing: {', '.join(missing)}")
    municipality = Municipality(args.name, args.prefecture, args.code, args.mayor)
    password = run.secrets.secret("管理者のパスワード")
    registry = Registry.create(run.data_dir, municipality, args.terminal, (args.admin, args.admin, password),
                               passphrase=run.secrets.terminal_passphrase, clock=run.clock)
    try:
        _hand_out_fresh_kit(registry, run)
    finally:
        registry.close()
    print(f"{args.prefecture}{args.name} の台帳をこの端末に作りました（端末名 {args.terminal}）")
    return EXIT_OK


def _join(run: Invocation) -> int:
    from sync import joining

    args = run.args
    _require_cloud_user(args, "--join needs --user")
    password = run.secrets.secret("クラウドのパスワード")
    code = run.secrets.secret("登録コード")
    told: list[str] = []

    def waiting(check_number: str) -> None:
        if not told:
            told.append(check_number)
            print(f"登録コードで参加を申請しました。管理者の端末で参加を確認してもらってください（確認番号 {check_number}）…",
                  flush=True)

    try:
        registry = joining.join(run.data_dir, args.join, args.user, password, code, ca_bundle=args.ca_bundle,
                                passphrase=run.secrets.terminal_passphrase, clock=run.clock, wait=args.wait,
                                waiting=waiting, insecure_http=args.insecure_http)
    except joining.EnrollmentPending as pending:
        print(pending.message, file=sys.stderr)
        return EXIT_PENDING
    try:
        _hand_out_fresh_kit(registry, run)
        counts = registry.residents.counts()
        held, missing = registry.review.quarantine_count(), registry.replication.gaps()
    finally:
        registry.close()
    print(f"{registry.municipality.prefecture}{registry.municipality.name} に端末「{registry.terminal}」として参加し、"
          f"クラウドから復元しました: 住民 {counts['residents']} 人、除票 {counts['removed']}")
    return _held_back(held, missing)


def _held_back(held: int, missing: list[Gap]) -> int:
    """What a join did not take in: quarantined documents, and documents the cloud did not hand over."""
    if held:
        print(f"検査に通らなかった文書 {held} 件を隔離しました（管理者が review で確認してください）", file=sys.stderr)
    if missing:
        print(f"{describe(missing)}。sync を実行すると改めて探します（review で確認できます）", file=sys.stderr)
        return EXIT_INCOMPLETE
    return EXIT_QUARANTINED if held else EXIT_OK


def _restore_from_cloud(run: Invocation) -> int:
    from domain import escrow
    from sync.restore import restore_from_cloud

    args, secrets = run.args, run.secrets
    _require_cloud_user(args, "--restore-from-cloud needs --user")
    password = secrets.secret("クラウドのパスワード")
    shares = [secrets.secret("分割鍵（1枚目）")]
    needed = escrow.parse(shares[0]).threshold
    while len(shares) < needed:
        shares.append(secrets.secret(f"分割鍵（{len(shares) + 1}枚目）"))
    registry = restore_from_cloud(run.data_dir, args.restore_from_cloud, args.user, password, shares, args.terminal,
                                  ca_bundle=args.ca_bundle, passphrase=secrets.terminal_passphrase, progress=None,
                                  clock=run.clock)
    try:
        _hand_out_fresh_kit(registry, run)
        counts = registry.residents.counts()
    finally:
        registry.close()
    print(f"{registry.municipality.prefecture}{registry.municipality.name} を分割鍵とクラウドから端末「{registry.terminal}」に"
          f"復元しました: 住民 {counts['residents']} 人、除票 {counts['removed']}")
    return EXIT_OK


def _require_cloud_user(args: argparse.Namespace, detail: str) -> None:
    if not args.user:
        raise StoreError("--user でこの端末のクラウドユーザを指定してください", detail)


def _hand_out_fresh_kit(registry: Registry, run: Invocation) -> None:
    hand_out_kit(registry.municipality, registry.terminal, registry.keys.take_fresh_recovery_code(), run.args.kit_out,
                 run.clock)
