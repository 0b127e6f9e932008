"""Staff: sign-in (password, second factor, lock-out), sign-out, the administrator's events on accounts (create,
権限, 利用停止/利用再開, パスワード再設定, 二要素認証, ロック解除), and the check that someone signing in to approve or
judge (a 係長's judgment, a 管理者's approval) may.

Every event is written only by an administrator who is in use here at that moment, and passes the same check when
it arrives at another terminal (`local_store.arrivals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from domain import staff_events, totp
from domain.errors import ValidationError
from domain.names import check_name
from domain.roles import Permission, Role, allowed
from local_store import documents, lockout, staff
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.errors import (
    AccountLocked,
    PermissionDenied,
    SecondFactorRequired,
    SignInError,
    WrongOneTimePassword,
)
from local_store.staff import Staff

WRONG_PASSWORD = "ユーザIDまたはパスワードが違います"
_MAX_USER_ID = 64
_dummy_hash: list[str] = []  # compared against for an unknown user, so that both take as long


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """An account as the administration screen shows it (never its password hash or second-factor seed)."""

    user: str
    display_name: str
    role: Role
    active: bool
    second_factor: bool
    concurrent: tuple[str, ...]  # items changed on two terminals at once, the more restrictive value in force
    locked_until: dt.datetime | None


class StaffService:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    # --- signing in and out --------------------------------------------------------------------------------------

    def sign_in(self, user: str, password: str, one_time_password: str = "") -> Staff:
        """Check a staff member's password and, when one is set up, the one-time password of their second factor.

        Raises SecondFactorRequired (after a right password, counting no failure) when the one-time password is
        needed and was not given; AccountLocked while the account is locked; SignInError otherwise.
        """
        with self._ctx.lock:
            now = self._ctx.now()
            found = staff.account(self._ctx.conn, user)
            until = lockout.locked_until(self._ctx.conn, user, now) if found is not None else None
            if until is not None:
                self._ctx.record(user, "サインイン拒否", user, "ロック中")
                raise AccountLocked(self._locked_message(until), "account locked after repeated failures")
            stored = found.password_hash if found is not None else _unknown_user_hash()
            if not staff.check_password(password, stored) or found is None:
                self._sign_in_failed(user, found is not None, "パスワード",
                                     SignInError(WRONG_PASSWORD, "wrong user or password"))
            if not found.active:
                self._ctx.record(user, "サインイン拒否", user, "利用停止")
                raise SignInError("この職員は利用停止されています。管理者に連絡してください", "account disabled")
            step = None
            if found.totp_seed:
                if not one_time_password.strip():
                    raise SecondFactorRequired("ワンタイムパスワード（認証アプリの6桁の数字）を入力してください",
                                               "a one-time password is required")
                step = totp.matching_step(found.totp_seed, one_time_password, now.timestamp())
                if step is None or step <= lockout.guard(self._ctx.conn, user).last_otp_step:
                    self._sign_in_failed(user, True, "ワンタイムパスワード", WrongOneTimePassword(
                        "ワンタイムパスワードが違います（一度使った番号は使えません）", "wrong one-time password"))
            if step is not None or lockout.guard(self._ctx.conn, user).failures:
                with self._ctx.write() as conn:
                    lockout.succeeded(conn, user, step)
            self._ctx.record(user, "サインイン", "", "二要素認証" if step is not None else "")
            return Staff(found.user, found.display_name, found.role)

    def _sign_in_failed(self, user: str, known: bool, what: str, error: SignInError) -> NoReturn:
        """Count a failure (an account that exists), audit it, and raise; the fifth in a row locks the account."""
        with self._ctx.write() as conn:
            self._ctx.record(user, "サインイン失敗", "", what)
            until = lockout.failed(conn, user, self._ctx.now()) if known else None
            if until is not None:
                local = until.astimezone(self._ctx.now().tzinfo)
                self._ctx.record(user, "ロックアウト", user, f"{lockout.MAX_FAILURES}回続けて失敗 {local:%Y-%m-%d %H:%M}まで")
        if until is not None:
            raise AccountLocked(self._locked_message(until), "account locked after repeated failures")
        raise error

    def _locked_message(self, until: dt.datetime) -> str:
        local = until.astimezone(self._ctx.now().tzinfo)
        return (f"サインインに続けて失敗したため、この職員はロックされています。{local:%H時%M分}以降にやり直すか、"
                "管理者にロック解除を依頼してください")

    def sign_out(self, actor: Staff) -> None:
        """The staff member leaves the window: recorded, and the audit held in memory written now."""
        with self._ctx.lock:
            self._ctx.record(actor.user, "サインアウト")
            with self._ctx.write():
                pass

    # --- the administrator's events ------------------------------------------------------------------------------

    def accounts(self, actor: Staff) -> list[StaffAccount]:
        require(actor, Permission.MANAGE_STAFF)
        with self._ctx.lock:
            now = self._ctx.now()
            return [StaffAccount(a.user, a.display_name, a.role, a.active, bool(a.totp_seed), a.concurrent,
                                 lockout.locked_until(self._ctx.conn, a.user, now))
                    for a in staff.accounts(self._ctx.conn)]

    def add(self, actor: Staff, user: str, display_name: str, role: Role, password: str) -> None:
        require(actor, Permission.MANAGE_STAFF)
        user, display_name = check_name(user.strip(), "ユーザID"), check_name(display_name.strip(), "氏名")
        if not user or any(c.isspace() for c in user) or len(user) > _MAX_USER_ID:
            raise ValidationError("ユーザID", f"ユーザIDは空白を含まない{_MAX_USER_ID}文字以内で入力してください")
        if not display_name:
            raise ValidationError("氏名", "職員の氏名を入力してください")
        _check_new_password(password)
        with self._ctx.write() as conn:
            self._author_in_use(conn, actor)
            if staff.account(conn, user) is not None:
                raise ValidationError("ユーザID", f"ユーザID {user} はすでにあります")
            self.put_event(conn, staff.created_event(user, display_name, role, password, by=actor.user,
                                                     at=self._ctx.stamp()))
            self._ctx.record(actor.user, "職員登録", user, role.value)

    def change_role(self, actor: Staff, user: str, role: Role) -> None:
        self._account_event(actor, user, staff_events.ROLE, role.value,
                            lambda a: a.role is role and staff_events.ROLE_ITEM not in a.concurrent
                            and f"{user} の権限はすでに{role.value}です", role=role.value)

    def disable(self, actor: Staff, user: str) -> None:
        self._account_event(actor, user, staff_events.DISABLE, "",
                            lambda a: not a.active and staff_events.ACTIVE not in a.concurrent
                            and f"{user} はすでに利用停止されています")

    def enable(self, actor: Staff, user: str) -> None:
        self._account_event(actor, user, staff_events.ENABLE, "", lambda a: a.active and f"{user} は利用中です")

    def reset_password(self, actor: Staff, user: str, password: str) -> None:
        _check_new_password(password)
        self._account_event(actor, user, staff_events.PASSWORD, "", lambda a: False,
                            password_hash=staff.hash_password(password))

    def enable_second_factor(self, actor: Staff, user: str, seed: str, one_time_password: str) -> None:
        """Set up the second factor with a seed the person has put into their authenticator app, confirmed by the
        one-time password the app shows (so that no one is locked out by a seed mistyped or scanned wrongly)."""
        require(actor, Permission.MANAGE_STAFF)
        try:
            step = totp.matching_step(seed, one_time_password, self._ctx.now().timestamp())
        except totp.InvalidSeed:
            raise ValidationError("二要素認証", "秘密鍵の形が正しくありません") from None
        if step is None:
            raise ValidationError("ワンタイムパスワード", "確認のワンタイムパスワードが違います。認証アプリに登録した内容と"
                                                  "端末の時刻を確かめてください")
        self._account_event(actor, user, staff_events.TOTP_SET, "", lambda a: False,
                            totp_seed=seed.replace(" ", "").upper())

    def remove_second_factor(self, actor: Staff, user: str) -> None:
        self._account_event(actor, user, staff_events.TOTP_REMOVE, "",
                            lambda a: not a.totp_seed and f"{user} には二要素認証が設定されていません")

    def second_factor_uri(self, user: str, seed: str) -> str:
        """What the authenticator app reads: the otpauth:// URI (shown as text and as a QR code)."""
        return totp.provisioning_uri(seed, user, f"{self._ctx.municipality.name} 住民記録")

    def unlock(self, actor: Staff, user: str) -> None:
        require(actor, Permission.MANAGE_STAFF)
        with self._ctx.write() as conn:
            if not lockout.unlock(conn, user):
                raise ValidationError("ロック解除", f"{user} はロックされていません")
            self._ctx.record(actor.user, "ロック解除", user)

    def _account_event(self, actor: Staff, user: str, kind: str, detail: str,
                       refuse: Callable[[staff_events.Account], str | bool], **items: Any) -> None:
        """Write one event on an existing account, naming its events in force; refused (with nothing written) when
        `refuse` gives a reason, or when no administrator in use would be left. An event that repeats the value in
        force of an item changed concurrently is not refused: it is how an administrator settles it."""
        require(actor, Permission.MANAGE_STAFF)
        with self._ctx.write() as conn:
            self._author_in_use(conn, actor)
            found = staff.account(conn, user)
            if found is None:
                raise ValidationError("ユーザID", f"ユーザID {user} の職員はいません")
            reason = refuse(found)
            if reason:
                raise ValidationError(staff_events.EVENT_NAMES[kind], str(reason))
            self.put_event(conn, staff.next_event(conn, kind, user, actor.user, self._ctx.stamp(), **items))
            if staff.active_admins(conn) == 0:
                raise ValidationError(staff_events.EVENT_NAMES[kind],
                                      "利用中の管理者が一人もいなくなるため、この変更はできません")
            self._ctx.record(actor.user, staff_events.EVENT_NAMES[kind], user, detail)

    def _author_in_use(self, conn: Connection, actor: Staff) -> None:
        """The acting administrator must still be one here (an event from another terminal may have changed that)."""
        if not staff.authorized_by_admin(conn, {"by": actor.user}):
            raise PermissionDenied("管理者として利用できなくなっています。サインインし直してください",
                                   "the acting staff member is no longer an administrator in use")

    def put_event(self, conn: Connection, event: dict[str, Any]) -> None:
        """Store one event on an account and apply it, in the caller's transaction (whose caller checked the rights
        and audits it)."""
        documents.put_new(conn, self._ctx.data_key, staff.STAFF, event)
        staff.apply_event(conn, event)

    # --- a second person's approval --------------------------------------------------------------------------------

    def carry_out_approval(self, actor: Staff, approver: Staff | None) -> Staff:
        """The administrator who approves a 持出し (a bundle, a notices file): the actor, or `approver`, who signed
        in here to approve it (checked again here)."""
        if allowed(actor.role, Permission.CARRY_OUT):
            return actor
        if approver is None:
            require(actor, Permission.CARRY_OUT)
        assert approver is not None
        return self.confirm(approver, Permission.CARRY_OUT, refused="持出し承認拒否", verb="承認",
                            message="持出しを承認できません（管理者の承認が必要です）",
                            detail="the approver may not approve a carry-out")

    def confirm(self, person: Staff, permission: Permission, *, refused: str, verb: str, message: str,
                detail: str) -> Staff:
        """`person`, who signed in here to approve or judge, as an account in use here whose role allows
        `permission`. Otherwise the refusal is audited (action `refused`: "<role>は<verb>できません") and
        PermissionDenied says "<role>は<message>" (`detail`: the same in plain English)."""
        with self._ctx.lock:
            found = staff.find(self._ctx.conn, person.user)
            if found is not None and allowed(found[0].role, permission):
                return found[0]
            role = found[0].role.value if found else "利用できない職員"
            self._ctx.record(person.user, refused, "", f"{role}は{verb}できません")
        raise PermissionDenied(f"{role}は{message}", detail)


def _check_new_password(password: str) -> None:
    if not password:
        raise ValidationError("パスワード", "パスワードを入力してください")
    if password != password.strip():
        raise ValidationError("パスワード", "パスワードの先頭と末尾に空白は使えません")


def _unknown_user_hash() -> str:
    if not _dummy_hash:
        _dummy_hash.append(staff.hash_password("-"))
    return _dummy_hash[0]
