"""Staff accounts (管理者): listed, added, 権限, 利用停止/再開, パスワード再設定, 二要素認証 and ロック解除; new
passwords and one-time passwords are read as secrets, never from arguments."""

from __future__ import annotations

from dataclasses import asdict

from cli.common import EXIT_OK, Commands, Session, print_json, replicated, signed_in
from domain import totp
from domain.roles import Role

ROLE_NAMES = {"窓口": Role.COUNTER, "counter": Role.COUNTER, "係長": Role.SUPERVISOR, "supervisor": Role.SUPERVISOR,
              "管理者": Role.ADMIN, "admin": Role.ADMIN}


def register(commands: Commands) -> None:
    staff = commands.add_parser("staff", help="staff accounts (管理者); new passwords are read from standard input "
                                              "or a prompt, never from arguments")
    actions = staff.add_subparsers(dest="staff_command", required=True)
    listing = actions.add_parser("list", help="every account: role, in use, second factor, lock")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=signed_in(list_accounts))
    add = actions.add_parser("add", help="create an account (its password is read as the next secret)")
    add.add_argument("account", help="the new staff member's user id")
    add.add_argument("--name", required=True, help="氏名")
    add.add_argument("--role", required=True, choices=list(ROLE_NAMES))
    add.set_defaults(handler=signed_in(add_account))
    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("account", help="user id")
    role.add_argument("role", choices=list(ROLE_NAMES))
    role.set_defaults(handler=signed_in(change_role))
    for name, text, handler in (
            ("disable", "利用停止: the account can no longer sign in", disable),
            ("enable", "利用再開", enable),
            ("reset-password", "パスワード再設定 (the new password is read as the next secret)", reset_password),
            ("totp-setup", ("二要素認証: print a new seed and its otpauth:// URI, then read the app's 6-digit code to "
                            "confirm"), totp_setup),
            ("totp-remove", "remove the second factor", totp_remove),
            ("unlock", "lift a lock-out after repeated failed sign-ins on this terminal", unlock)):
        command = actions.add_parser(name, help=text)
        command.add_argument("account", help="user id")
        command.set_defaults(handler=signed_in(handler))


def list_accounts(s: Session) -> int:
    accounts = s.registry.staff.accounts(s.actor)
    if s.args.json:
        print_json([{**asdict(a), "role": a.role.value,
                     "locked_until": a.locked_until and a.locked_until.isoformat(timespec="seconds")}
                    for a in accounts])
        return EXIT_OK
    for a in accounts:
        state = "利用中" if a.active else "利用停止"
        extra = ["二要素認証あり" if a.second_factor else "二要素認証なし"]
        if a.locked_until:
            extra.append(f"ロック中（{a.locked_until:%H:%M}まで）")
        if a.concurrent:
            extra.append(f"要確認: {'・'.join(a.concurrent)}が別の端末で同時に変更されました")
        print(f"{a.user}  {a.display_name}  {a.role.value}  {state}  {'  '.join(extra)}")
    return EXIT_OK


def add_account(s: Session) -> int:
    user, role = s.args.account, ROLE_NAMES[s.args.role]
    s.registry.staff.add(s.actor, user, s.args.name, role, s.secrets.new_secret("新しい職員のパスワード"))
    print(f"職員 {user}（{s.args.name}、{role.value}）を登録しました")
    return replicated()


def change_role(s: Session) -> int:
    user, role = s.args.account, ROLE_NAMES[s.args.role]
    s.registry.staff.change_role(s.actor, user, role)
    print(f"{user} の権限を{role.value}にしました")
    return replicated()


def disable(s: Session) -> int:
    s.registry.staff.disable(s.actor, s.args.account)
    print(f"{s.args.account} を利用停止にしました")
    return replicated()


def enable(s: Session) -> int:
    s.registry.staff.enable(s.actor, s.args.account)
    print(f"{s.args.account} の利用を再開しました")
    return replicated()


def reset_password(s: Session) -> int:
    s.registry.staff.reset_password(s.actor, s.args.account, s.secrets.new_secret("新しいパスワード"))
    print(f"{s.args.account} のパスワードを再設定しました")
    return replicated()


def totp_setup(s: Session) -> int:
    user = s.args.account
    seed = totp.new_seed()
    print(f"{user} の認証アプリに次の秘密鍵を登録してください（この画面の内容は他の人に見せないでください）")
    print(f"秘密鍵: {totp.grouped(seed)}")
    print(f"URI: {s.registry.staff.second_factor_uri(user, seed)}", flush=True)
    s.registry.staff.enable_second_factor(s.actor, user, seed, s.secrets.secret("認証アプリに表示された6桁の数字"))
    print(f"{user} の二要素認証を設定しました。次のサインインからワンタイムパスワードが必要です")
    return replicated()


def totp_remove(s: Session) -> int:
    s.registry.staff.remove_second_factor(s.actor, s.args.account)
    print(f"{s.args.account} の二要素認証を解除しました")
    return replicated()


def unlock(s: Session) -> int:
    s.registry.staff.unlock(s.actor, s.args.account)
    print(f"{s.args.account} のロックを解除しました")
    return EXIT_OK
