"""The terminal's and the municipality's keys (管理者): the 復旧キット, 分割鍵, the 管理者の合言葉, 鍵の更新, a
backup with its restore into an empty folder, and the 失効 of a terminal's certificate signing key."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cli.common import EXIT_OK, Clock, Commands, Invocation, Session, check_out_file, replicated, signed_in
from local_store.context import Municipality
from local_store.registry import Registry


def register(commands: Commands) -> None:
    kit = commands.add_parser("recovery-kit", help="a new 復旧コード for this terminal, printed as its 復旧キット "
                                                  "(管理者; the previous kit stops working)")
    kit.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    kit.set_defaults(handler=signed_in(recovery_kit))
    split = commands.add_parser("escrow", help="分割鍵: split the municipality's data and signing keys among "
                                               "administrators, one PDF per share (管理者, on the authority terminal)")
    split.add_argument("--shares", type=int, default=3, help="how many shares (default 3)")
    split.add_argument("--threshold", type=int, default=2, help="how many restore the keys (default 2)")
    split.add_argument("--out-dir", type=Path, required=True, help="the folder for the share PDFs")
    split.set_defaults(handler=signed_in(escrow))
    admin = commands.add_parser("admin-passphrase", help="管理者の合言葉: wrap the terminal key under an administrator "
                                                        "passphrase too (set: read from standard input or a prompt, "
                                                        "10+ characters; replaces a previous one), or drop it (remove)")
    admin.add_argument("action", choices=["set", "remove"])
    admin.set_defaults(handler=signed_in(admin_passphrase))
    rotate = commands.add_parser("rekey", help="鍵の更新: a new terminal key and 復旧コード (管理者; close the window "
                                               "first). Where there is no keyring the new 端末の合言葉 is read; where "
                                               "a 管理者の合言葉 is set, it is read next and wraps the new key too")
    rotate.add_argument("--kit-out", type=Path, required=True, metavar="FILE.pdf", help="the new 復旧キット")
    rotate.add_argument("--drop-admin-passphrase", action="store_true",
                        help="do not ask for the 管理者の合言葉: the new key has no admin wrap (set it again later)")
    rotate.set_defaults(handler=signed_in(rekey))
    copy = commands.add_parser("backup", help="バックアップ: an encrypted copy of this replica (管理者); its "
                                              "passphrase is read from standard input or a prompt")
    copy.add_argument("--out", type=Path, required=True)
    copy.set_defaults(handler=signed_in(backup))
    back = commands.add_parser("restore", help="復元: bring a backup back into an empty data folder (the backup "
                                               "passphrase is read from standard input or a prompt)")
    back.add_argument("file", type=Path)
    back.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="the new replica's folder")
    back.add_argument("--kit-out", type=Path, metavar="FILE.pdf", help="write the new 復旧キット here")
    back.set_defaults(handler=restore)
    revoke = commands.add_parser("revoke-signing-key", help="失効: a terminal's certificate signing key signs nothing "
                                                           "from a day on (管理者, on the authority terminal; a lost, "
                                                           "stolen or retired terminal): its certificates with a 交付 "
                                                           "from that day are 無効")
    revoke.add_argument("terminal", help="the terminal's name (端末名)")
    revoke.add_argument("--reason", required=True, help="失効の理由")
    revoke.add_argument("--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the first day it signs nothing (default: today)")
    revoke.set_defaults(handler=signed_in(revoke_signing_key))


def hand_out_kit(town: Municipality, terminal: str, code: str | None, out: Path | None, clock: Clock) -> None:
    """The 復旧キット of a replica just made or rekeyed: a PDF, or (without a file named) the code printed once."""
    if code is None:
        return
    if out is None:
        print(f"この端末の復旧コード（書き写して施錠できる場所に保管してください。二度と表示されません）: {code}")
        return
    from reports.key_sheets import recovery_kit

    out.write_bytes(recovery_kit(town.prefecture + town.name, terminal, code, clock().date()))
    print(f"復旧キットを {out} に書き出しました（印刷して施錠できる場所に保管し、ファイルは削除してください）")


def recovery_kit(s: Session) -> int:
    registry = s.registry
    hand_out_kit(registry.municipality, registry.terminal, registry.keys.new_recovery_code(s.actor), s.args.out, s.clock)
    return EXIT_OK


def escrow(s: Session) -> int:
    from reports.key_sheets import escrow_share

    args, town = s.args, s.registry.municipality
    shares = s.registry.keys.escrow_shares(s.actor, args.shares, args.threshold)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    today = s.clock().date()
    for number, share in enumerate(shares, start=1):
        out = args.out_dir / f"分割鍵-{number}-{len(shares)}.pdf"
        out.write_bytes(escrow_share(town.prefecture + town.name, town.code, share, number, len(shares),
                                     args.threshold, today))
        print(out)
    print(f"分割鍵 {len(shares)}枚を書き出しました（復元には{args.threshold}枚）。一枚ずつ別の管理者が保管し、"
          "ファイルは印刷後に削除してください")
    return EXIT_OK


def admin_passphrase(s: Session) -> int:
    if s.args.action == "set":
        s.registry.keys.set_admin_passphrase(s.actor, s.secrets.new_secret("管理者の合言葉（10文字以上）"))
        print("管理者の合言葉を設定しました（キーリングの鍵を失ったとき --admin-passphrase-stdin で開けます）")
    elif s.registry.keys.remove_admin_passphrase(s.actor):
        print("管理者の合言葉を削除しました")
    else:
        print("管理者の合言葉は設定されていません")
    return EXIT_OK


def rekey(s: Session) -> int:
    registry, args = s.registry, s.args
    phrase: str | None = None
    admin: str | None = None
    if registry.keys.key_source() == "passphrase":
        phrase = s.secrets.new_secret("新しい端末の合言葉（10文字以上）")
    had_admin = registry.keys.has_admin_passphrase()
    if had_admin and not args.drop_admin_passphrase:  # the same passphrase wraps the new key
        admin = s.secrets.secret("管理者の合言葉")
    town = registry.municipality
    registry.keys.rekey(s.actor, lambda code: hand_out_kit(town, registry.terminal, code, args.kit_out, s.clock), phrase,
                   admin)
    print("端末の鍵を更新しました。以前の復旧キットは使えません（破棄してください）")
    if had_admin and admin is None:
        print("管理者の合言葉は削除しました（必要なら admin-passphrase set で設定し直してください）")
    return EXIT_OK


def backup(s: Session) -> int:
    s.registry.keys.backup(s.actor, s.args.out, s.secrets.new_secret("バックアップの合言葉（10文字以上）"))
    print(f"バックアップを {s.args.out} に書き出しました")
    return EXIT_OK


def revoke_signing_key(s: Session) -> int:
    day = s.registry.keys.revoke_signing_key(s.actor, s.args.terminal, s.args.reason, s.args.since)
    print(f"端末「{s.args.terminal}」の署名鍵を{day.year}年{day.month}月{day.day}日から失効させました（この日以後の交付の"
          "証明書は無効と判定されます）")
    return replicated()


def restore(run: Invocation) -> int:
    """The replica is built beside the data folder, opened and its 復旧キット written there, and moved into place
    last: a restore that fails at any step leaves nothing behind."""
    from local_store.backup import restoring

    if run.args.kit_out is not None:
        check_out_file(run.args.kit_out, "--kit-out")
    with restoring(run.args.file, run.data_dir, run.secrets.secret("バックアップの合言葉"),
                   run.secrets.terminal_passphrase, clock=run.clock) as staged:
        registry = Registry.open(staged.data_dir, recovery_code=staged.code, clock=run.clock)
        try:
            hand_out_kit(registry.municipality, registry.terminal, staged.code, run.args.kit_out, run.clock)
            counts = registry.residents.counts()
            restored = registry.review.restored()
        finally:
            registry.close()
    print(f"バックアップを {run.data_dir} に復元しました（端末名 {registry.terminal}、住民 {counts['residents']} 人）")
    if restored is not None:
        print(restored.warning)
    return EXIT_OK
