"""Staff through the facade on a real replica: the administrator's events, lock-out, the second factor, the role
matrix of staff and audit operations, and staff events arriving from another terminal."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from domain import totp
from domain.errors import ValidationError
from domain.roles import Role
from local_store import audit, lockout, work_factors
from local_store.errors import AccountLocked, PermissionDenied, SecondFactorRequired, SignInError, StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, Clock

PASSWORDS = {Role.COUNTER: "madoguchi-pw", Role.SUPERVISOR: "kakaricho-pw", Role.ADMIN: "kanri-pw"}
USERS = {Role.COUNTER: "madoguchi", Role.SUPERVISOR: "kakaricho", Role.ADMIN: "kanri2"}


@pytest.fixture
def staff_by_role(registry: Registry, admin: Staff) -> dict[Role, Staff]:
    for role, user in USERS.items():
        registry.staff.add(admin, user, f"{role.value} 一", role, PASSWORDS[role])
    return {role: registry.sign_in(user, PASSWORDS[role]) for role, user in USERS.items()}


def actions(registry: Registry) -> list[tuple[str, str, str]]:
    registry.audit.flush()
    return [tuple(r) for r in registry.store.conn.execute("SELECT staff, action, target FROM audit ORDER BY seq")]


def code_now(seed: str, clock: Clock, shift_steps: int = 0) -> str:
    return totp.totp(totp.seed_bytes(seed), clock.now.timestamp() + shift_steps * totp.STEP_SECONDS)


# --- the administrator's events ----------------------------------------------------------------------------------


def test_an_administrator_manages_an_account_through_its_whole_life(registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "first-password")
    assert registry.sign_in("tanaka", "first-password").role is Role.COUNTER

    registry.staff.change_role(admin, "tanaka", Role.SUPERVISOR)
    assert registry.sign_in("tanaka", "first-password").role is Role.SUPERVISOR

    registry.staff.disable(admin, "tanaka")
    with pytest.raises(SignInError) as refused:
        registry.sign_in("tanaka", "first-password")
    assert "利用停止" in refused.value.message
    with pytest.raises(SignInError) as wrong:  # a wrong password says nothing about the account
        registry.sign_in("tanaka", "wrong")
    assert wrong.value.message == "ユーザIDまたはパスワードが違います"
    registry.staff.enable(admin, "tanaka")

    registry.staff.reset_password(admin, "tanaka", "second-password")
    with pytest.raises(SignInError):
        registry.sign_in("tanaka", "first-password")
    assert registry.sign_in("tanaka", "second-password").user == "tanaka"

    (account,) = [a for a in registry.staff.accounts(admin) if a.user == "tanaka"]
    assert account.role is Role.SUPERVISOR and account.active and not account.second_factor
    assert account.concurrent == () and account.locked_until is None
    done = [(who, what, target) for who, what, target in actions(registry) if target == "tanaka"]
    assert done == [("admin", "職員登録", "tanaka"), ("admin", "権限変更", "tanaka"), ("admin", "利用停止", "tanaka"),
                    ("tanaka", "サインイン拒否", "tanaka"), ("admin", "利用再開", "tanaka"),
                    ("admin", "パスワード再設定", "tanaka")]
    assert registry.audit.verify(admin).whole


def test_events_that_would_change_nothing_are_refused_in_plain_words(registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "pw")
    refusals: list[tuple[Callable[[], Any], str]] = [
        (lambda: registry.staff.add(admin, "tanaka", "別人", Role.COUNTER, "pw"), "すでにあります"),
        (lambda: registry.staff.add(admin, "ta naka", "田中", Role.COUNTER, "pw"), "空白"),
        (lambda: registry.staff.add(admin, "suzuki", "", Role.COUNTER, "pw"), "氏名"),
        (lambda: registry.staff.add(admin, "suzuki", "鈴木", Role.COUNTER, ""), "パスワード"),
        (lambda: registry.staff.change_role(admin, "tanaka", Role.COUNTER), "すでに窓口"),
        (lambda: registry.staff.enable(admin, "tanaka"), "利用中"),
        (lambda: registry.staff.remove_second_factor(admin, "tanaka"), "設定されていません"),
        (lambda: registry.staff.unlock(admin, "tanaka"), "ロックされていません"),
        (lambda: registry.staff.disable(admin, "nobody"), "職員はいません"),
    ]
    for call, words in refusals:
        with pytest.raises(ValidationError) as err:
            call()
        assert words in err.value.message, err.value.message


def test_the_last_administrator_in_use_cannot_be_disabled_or_lowered(registry: Registry, admin: Staff) -> None:
    before = registry.store.conn.execute("SELECT count(*) FROM revs").fetchone()
    for call in (lambda: registry.staff.disable(admin, "admin"), lambda: registry.staff.change_role(admin, "admin", Role.SUPERVISOR)):
        with pytest.raises(ValidationError) as err:
            call()
        assert "管理者が一人もいなくなる" in err.value.message
    assert registry.store.conn.execute("SELECT count(*) FROM revs").fetchone() == before  # nothing was written
    registry.staff.add(admin, "kanri2", "管理 二", Role.ADMIN, "pw2")
    registry.staff.disable(admin, "admin")  # another administrator is left
    with pytest.raises(PermissionDenied):  # and the one just disabled can no longer act, though still signed in
        registry.staff.enable(admin, "admin")


def test_passwords_are_kept_as_scrypt_hashes_only(registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "a-memorable-password")
    registry.staff.reset_password(admin, "tanaka", "another-memorable-one")
    registry.audit.flush()
    conn = registry.store.conn
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = "\n".join(str(row) for table in tables for row in conn.execute(f"SELECT * FROM {table}"))
    dump += "\n".join(str(registry.replication.document(r[0])) for r in conn.execute("SELECT id FROM docs"))
    assert "a-memorable-password" not in dump and "another-memorable-one" not in dump
    assert registry.store.conn.execute("SELECT password_hash FROM staff WHERE user = 'tanaka'").fetchone()[0].startswith(
        f"scrypt${work_factors.current().password_n}$8$1$")  # the program's own factors: test_work_factors


# --- lock-out ----------------------------------------------------------------------------------------------------


def test_five_failures_lock_the_account_until_an_administrator_unlocks_it(registry: Registry, admin: Staff,
                                                                         clock: Clock) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "right")
    for _ in range(lockout.MAX_FAILURES - 1):
        with pytest.raises(SignInError) as err:
            registry.sign_in("tanaka", "wrong")
        assert not isinstance(err.value, AccountLocked)
    with pytest.raises(AccountLocked) as locked:
        registry.sign_in("tanaka", "wrong")
    assert "ロックされています" in locked.value.message and "管理者" in locked.value.message
    with pytest.raises(AccountLocked):  # the right password does not open it while locked
        registry.sign_in("tanaka", "right")
    (account,) = [a for a in registry.staff.accounts(admin) if a.user == "tanaka"]
    assert account.locked_until is not None

    registry.staff.unlock(admin, "tanaka")
    assert registry.sign_in("tanaka", "right").user == "tanaka"
    done = [what for who, what, target in actions(registry) if "tanaka" in (who, target)]
    assert done.count("サインイン失敗") == 5
    assert "ロックアウト" in done and "ロック解除" in done and done[-1] == "サインイン"


def test_a_lock_ends_by_itself_after_fifteen_minutes_and_a_success_starts_the_count_again(
    registry: Registry, admin: Staff, clock: Clock
) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "right")
    for _ in range(lockout.MAX_FAILURES - 1):
        with pytest.raises(SignInError):
            registry.sign_in("tanaka", "wrong")
    registry.sign_in("tanaka", "right")  # the count starts again
    for _ in range(lockout.MAX_FAILURES - 1):
        with pytest.raises(SignInError):
            registry.sign_in("tanaka", "wrong")
    with pytest.raises(AccountLocked):
        registry.sign_in("tanaka", "wrong")
    clock.now += dt.timedelta(minutes=lockout.LOCK_MINUTES) - dt.timedelta(seconds=5)
    with pytest.raises(AccountLocked):
        registry.sign_in("tanaka", "right")
    clock.now += dt.timedelta(seconds=10)
    assert registry.sign_in("tanaka", "right").user == "tanaka"


def test_a_lock_holds_after_the_program_is_restarted(registry: Registry, admin: Staff, data_dir: Path) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "right")
    for _ in range(lockout.MAX_FAILURES):
        with pytest.raises(SignInError):
            registry.sign_in("tanaka", "wrong")
    registry.close()
    reopened = Registry.open(data_dir, clock=Clock())
    try:
        with pytest.raises(AccountLocked):
            reopened.sign_in("tanaka", "right")
    finally:
        reopened.close()


def test_unknown_users_are_refused_like_wrong_passwords_and_lock_nothing(registry: Registry) -> None:
    for _ in range(lockout.MAX_FAILURES + 1):
        with pytest.raises(SignInError) as err:
            registry.sign_in("nobody", "x")
        assert not isinstance(err.value, AccountLocked)
        assert err.value.message == "ユーザIDまたはパスワードが違います"


# --- the second factor -------------------------------------------------------------------------------------------


@pytest.fixture
def with_factor(registry: Registry, admin: Staff, clock: Clock) -> str:
    """tanaka, 窓口, with a second factor; returns the seed."""
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "right")
    seed = totp.new_seed()
    registry.staff.enable_second_factor(admin, "tanaka", seed, code_now(seed, clock))
    return seed


def test_setting_up_a_second_factor_needs_a_code_from_the_app(registry: Registry, admin: Staff, clock: Clock) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.COUNTER, "right")
    seed = totp.new_seed()
    with pytest.raises(ValidationError) as err:
        registry.staff.enable_second_factor(admin, "tanaka", seed, code_now(totp.new_seed(), clock))
    assert err.value.item == "ワンタイムパスワード"
    assert registry.sign_in("tanaka", "right").user == "tanaka"  # still one factor: nothing was set up
    registry.staff.enable_second_factor(admin, "tanaka", totp.grouped(seed).lower(), code_now(seed, clock))
    (account,) = [a for a in registry.staff.accounts(admin) if a.user == "tanaka"]
    assert account.second_factor
    uri = registry.staff.second_factor_uri("tanaka", seed)
    assert uri.startswith("otpauth://totp/") and f"secret={seed}" in uri


def test_a_right_one_time_password_is_accepted_once(registry: Registry, with_factor: str, clock: Clock) -> None:
    with pytest.raises(SecondFactorRequired) as asked:
        registry.sign_in("tanaka", "right")
    assert "ワンタイムパスワード" in asked.value.message
    code = code_now(with_factor, clock)
    assert registry.sign_in("tanaka", "right", code).user == "tanaka"
    with pytest.raises(SignInError) as replay:  # the same code again: refused
        registry.sign_in("tanaka", "right", code)
    assert "一度使った" in replay.value.message
    clock.now += dt.timedelta(seconds=totp.STEP_SECONDS)
    assert registry.sign_in("tanaka", "right", code_now(with_factor, clock)).user == "tanaka"


def test_a_code_from_a_slightly_slow_app_is_accepted_and_an_old_one_is_not(registry: Registry, with_factor: str,
                                                                            clock: Clock) -> None:
    assert registry.sign_in("tanaka", "right", code_now(with_factor, clock, -1)).user == "tanaka"
    with pytest.raises(SignInError):
        registry.sign_in("tanaka", "right", code_now(with_factor, clock, -3))


def test_a_wrong_one_time_password_is_refused_and_counts_toward_the_lock(registry: Registry, with_factor: str,
                                                                          clock: Clock) -> None:
    with pytest.raises(SignInError):
        registry.sign_in("tanaka", "wrong", "000000")  # the password first: no hint that it was the code
    right = code_now(with_factor, clock)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(lockout.MAX_FAILURES - 2):
        with pytest.raises(SignInError) as err:
            registry.sign_in("tanaka", "right", wrong)
        assert "ワンタイムパスワードが違います" in err.value.message
    with pytest.raises(AccountLocked):
        registry.sign_in("tanaka", "right", wrong)
    with pytest.raises(AccountLocked):
        registry.sign_in("tanaka", "right", right)


def test_removing_the_second_factor_goes_back_to_the_password(registry: Registry, admin: Staff,
                                                               with_factor: str) -> None:
    registry.staff.remove_second_factor(admin, "tanaka")
    assert registry.sign_in("tanaka", "right").user == "tanaka"


def test_the_seed_is_never_in_the_audit_nor_in_any_file_in_clear(registry: Registry, admin: Staff, with_factor: str,
                                                                  data_dir: Path) -> None:
    registry.audit.flush()
    rows = registry.store.conn.execute("SELECT * FROM audit").fetchall()
    assert not any(with_factor in str(value) for row in rows for value in row)
    registry.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert with_factor.encode() not in raw and totp.seed_bytes(with_factor) not in raw, path


# --- the role matrix of staff and audit operations ------------------------------------------------------------------

Operation = Callable[[Registry, Staff], Any]
_ADMIN: Operation = lambda r, _a: r.sign_in(*ADMIN[::2])
# Each operation with what an administrator does first, so that it is allowed to the right role.
ADMIN_ONLY: dict[str, tuple[Operation | None, Operation]] = {
    "staff list": (None, lambda r, a: r.staff.accounts(a)),
    "staff add": (None, lambda r, a: r.staff.add(a, "new-user", "新人", Role.COUNTER, "pw")),
    "staff role": (None, lambda r, a: r.staff.change_role(a, "madoguchi", Role.SUPERVISOR)),
    "staff disable": (None, lambda r, a: r.staff.disable(a, "madoguchi")),
    "staff enable": (lambda r, a: r.staff.disable(_ADMIN(r, a), "madoguchi"),
                     lambda r, a: r.staff.enable(a, "madoguchi")),
    "staff reset-password": (None, lambda r, a: r.staff.reset_password(a, "madoguchi", "new-pw")),
    "staff totp-setup": (None, lambda r, a: r.staff.enable_second_factor(a, "madoguchi", *_seed_and_code(r))),
    "staff totp-remove": (lambda r, a: r.staff.enable_second_factor(_ADMIN(r, a), "madoguchi", *_seed_and_code(r)),
                          lambda r, a: r.staff.remove_second_factor(a, "madoguchi")),
    "staff unlock": (lambda r, a: _lock_out(r, "madoguchi"), lambda r, a: r.staff.unlock(a, "madoguchi")),
}
SUPERVISOR_AND_ABOVE: dict[str, tuple[Operation | None, Operation]] = {
    "audit browse": (None, lambda r, a: r.audit.entries(a, audit.Filter())),
    "audit verify": (None, lambda r, a: r.audit.verify(a)),
    "audit export": (None, lambda r, a: r.audit.export(a, audit.Filter())),
}


def _seed_and_code(registry: Registry) -> tuple[str, str]:
    seed = totp.new_seed()
    return seed, totp.totp(totp.seed_bytes(seed), registry.store.clock().timestamp())


def _lock_out(registry: Registry, user: str) -> None:
    for _ in range(lockout.MAX_FAILURES):
        with pytest.raises(SignInError):
            registry.sign_in(user, "wrong")


CELLS = [(name, role, role is Role.ADMIN) for name in ADMIN_ONLY for role in Role] + [
    (name, role, role is not Role.COUNTER) for name in SUPERVISOR_AND_ABOVE for role in Role]


@pytest.mark.parametrize(("operation", "role", "may"), CELLS, ids=[f"{o}-{r.name}" for o, r, _ in CELLS])
def test_role_matrix(registry: Registry, staff_by_role: dict[Role, Staff], operation: str, role: Role,
                     may: bool) -> None:
    setup, call = {**ADMIN_ONLY, **SUPERVISOR_AND_ABOVE}[operation]
    if setup is not None:
        setup(registry, staff_by_role[role])
    if may:
        call(registry, staff_by_role[role])
        return
    before = registry.store.conn.execute("SELECT count(*) FROM revs").fetchone()
    with pytest.raises(PermissionDenied) as err:
        call(registry, staff_by_role[role])
    assert f"{role.value}の権限では" in err.value.message
    assert registry.store.conn.execute("SELECT count(*) FROM revs").fetchone() == before


def test_everyone_may_sign_out_and_it_is_recorded(registry: Registry, staff_by_role: dict[Role, Staff]) -> None:
    for member in staff_by_role.values():
        registry.staff.sign_out(member)
    assert registry.store.conn.execute("SELECT count(*) FROM audit WHERE action = 'サインアウト'").fetchone()[0] == 3


# --- events arriving from another terminal -------------------------------------------------------------------------


@pytest.fixture
def two_terminals(registry: Registry, admin: Staff, data_dir: Path, tmp_path: Path) -> Any:
    """This replica and a copy of it (a second terminal that was set up from it), both with tanaka as 係長."""
    registry.staff.add(admin, "tanaka", "田中 一", Role.SUPERVISOR, "right")
    registry.close()
    other = tmp_path / "other-terminal"
    shutil.copytree(data_dir, other)
    here, there = Registry.open(data_dir, clock=Clock()), Registry.open(other, clock=Clock())
    yield here, there
    here.close()
    there.close()


def _staff_docs(registry: Registry) -> list[Any]:
    ids = [r[0] for r in registry.store.conn.execute("SELECT id FROM docs WHERE class = 'staff'")]
    return [registry.replication.document(i) for i in ids]


def exchange(a: Registry, b: Registry) -> None:
    """Each side takes the other's staff events, as a sync would bring them."""
    for source, target in ((a, b), (b, a)):
        for doc in _staff_docs(source):
            if target.replication.document(doc.id) is None:
                target.replication.ingest(doc)


def test_a_disable_and_a_role_raise_on_two_offline_terminals_leave_the_account_disabled(two_terminals: Any) -> None:
    here, there = two_terminals
    here.staff.disable(here.sign_in(*ADMIN[::2]), "tanaka")
    there.staff.change_role(there.sign_in(*ADMIN[::2]), "tanaka", Role.ADMIN)
    exchange(here, there)
    for side in (here, there):
        with pytest.raises(SignInError) as err:
            side.sign_in("tanaka", "right")
        assert "利用停止" in err.value.message


def test_a_role_lowered_and_raised_on_two_terminals_gives_the_lower_and_is_flagged(two_terminals: Any) -> None:
    here, there = two_terminals
    me, you = here.sign_in(*ADMIN[::2]), there.sign_in(*ADMIN[::2])
    here.staff.change_role(me, "tanaka", Role.COUNTER)
    there.staff.change_role(you, "tanaka", Role.ADMIN)
    exchange(here, there)
    for side, actor in ((here, me), (there, you)):
        assert side.sign_in("tanaka", "right").role is Role.COUNTER
        (account,) = [a for a in side.staff.accounts(actor) if a.user == "tanaka"]
        assert account.concurrent == ("権限",)
    here.staff.change_role(me, "tanaka", Role.COUNTER)  # the administrator settles it, keeping the value in force
    with pytest.raises(ValidationError):  # settled: the same role again would change nothing
        here.staff.change_role(me, "tanaka", Role.COUNTER)
    here.staff.change_role(me, "tanaka", Role.SUPERVISOR)
    exchange(here, there)
    for side, actor in ((here, me), (there, you)):
        assert side.sign_in("tanaka", "right").role is Role.SUPERVISOR
        assert [a.concurrent for a in side.staff.accounts(actor) if a.user == "tanaka"] == [()]


def test_staff_events_from_someone_who_is_not_an_administrator_are_quarantined(two_terminals: Any) -> None:
    from local_store import staff as staff_module
    from local_store.documents import Document, revision_id

    here, there = two_terminals
    conn = there.store.conn
    forged = staff_module.next_event(conn, "role", "tanaka", "tanaka", "2026-11-27T10:00", role=Role.ADMIN.value)
    doc = Document("a" * 32, revision_id(there.store.data_key, None, False, forged), "staff", forged)
    with pytest.raises(StoreError):
        here.replication.ingest(doc)
    assert here.sign_in("tanaka", "right").role is Role.SUPERVISOR
    assert here.review.quarantine_count() == 1
