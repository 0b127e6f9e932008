"""The account a log of staff events gives, above all when two terminals changed it while apart."""

from __future__ import annotations

from typing import Any

import pytest

from domain import staff_events as ev
from domain.event_log import event_id
from domain.roles import Role
from domain.staff_events import Account, account, new_event, problem, tips

HASH = "scrypt$16384$8$1$00$00"


class Log:
    """An account's events as terminals write them: each names the events in force where it was written."""

    def __init__(self) -> None:
        self.events: dict[str, dict[str, Any]] = {}
        self.add(new_event(ev.CREATE, "tanaka", "admin", "2026-11-27T10:00", [], display_name="田中",
                           role=Role.SUPERVISOR.value, password_hash=HASH))

    def add(self, event: dict[str, Any]) -> str:
        assert problem(event) is None, problem(event)
        self.events[event_id(event)] = event
        return event_id(event)

    def on(self, parents: set[str], kind: str, at: str = "2026-11-27T11:00", **items: Any) -> str:
        return self.add(new_event(kind, "tanaka", "admin", at, parents, **items))

    def tips(self) -> set[str]:
        return tips(self.events)

    def account(self) -> Account:
        found = account(self.events)
        assert found is not None
        return found


def test_events_in_sequence_apply_in_order() -> None:
    log = Log()
    log.on(log.tips(), ev.ROLE, role=Role.ADMIN.value)
    log.on(log.tips(), ev.DISABLE)
    log.on(log.tips(), ev.ENABLE)
    log.on(log.tips(), ev.ROLE, role=Role.COUNTER.value)
    got = log.account()
    assert got.role is Role.COUNTER and got.active and got.concurrent == ()


def test_a_disable_and_a_role_raise_made_apart_leave_the_account_disabled_with_the_role_raised() -> None:
    log = Log()
    start = log.tips()
    log.on(start, ev.DISABLE)
    log.on(start, ev.ROLE, role=Role.ADMIN.value)
    got = log.account()
    assert not got.active  # disabled wins
    assert got.role is Role.ADMIN  # the role was changed on one side only: nothing concurrent about it
    assert got.concurrent == ()


def test_a_role_lowered_and_raised_apart_gives_the_lower_role_until_settled() -> None:
    log = Log()
    start = log.tips()
    log.on(start, ev.ROLE, at="2026-11-27T12:00", role=Role.ADMIN.value)  # later, but not after the other
    log.on(start, ev.ROLE, at="2026-11-27T11:00", role=Role.COUNTER.value)
    got = log.account()
    assert got.role is Role.COUNTER and got.concurrent == (ev.ROLE_ITEM,)
    log.on(log.tips(), ev.ROLE, role=Role.SUPERVISOR.value)  # an administrator's next event names both
    assert log.account().role is Role.SUPERVISOR and log.account().concurrent == ()


def test_enable_and_disable_apart_leave_it_disabled() -> None:
    log = Log()
    log.on(log.tips(), ev.DISABLE)
    disabled = log.tips()
    log.on(disabled, ev.ENABLE)
    log.on(disabled, ev.DISABLE, at="2026-11-27T12:00")
    log.on(disabled, ev.ENABLE, at="2026-11-27T13:00")
    got = log.account()
    assert not got.active and got.concurrent == (ev.ACTIVE,)


def test_a_second_factor_set_up_on_one_side_and_removed_on_the_other_stays_set_up() -> None:
    log = Log()
    log.on(log.tips(), ev.TOTP_SET, totp_seed="A" * 32)
    with_factor = log.tips()
    log.on(with_factor, ev.TOTP_REMOVE)
    log.on(with_factor, ev.TOTP_SET, totp_seed="B" * 32)
    assert log.account().totp_seed == "B" * 32 and log.account().concurrent == (ev.SECOND_FACTOR,)


def test_passwords_reset_apart_settle_on_the_same_one_everywhere() -> None:
    log = Log()
    start = log.tips()
    first = log.on(start, ev.PASSWORD, at="2026-11-27T11:00", password_hash=HASH + "1")
    second = log.on(start, ev.PASSWORD, at="2026-11-27T11:05", password_hash=HASH + "2")
    assert log.account().password_hash == HASH + "2"
    reversed_log = {k: log.events[k] for k in (second, first, *start)}
    assert account(reversed_log) == log.account()  # the order of arrival does not matter


def test_an_event_whose_creation_has_not_arrived_gives_no_account_yet() -> None:
    log = Log()
    changed = log.on(log.tips(), ev.DISABLE)
    assert account({changed: log.events[changed]}) is None


def test_an_event_whose_parent_has_not_arrived_counts_as_concurrent_with_what_is_here() -> None:
    log = Log()
    raised = log.on(log.tips(), ev.ROLE, role=Role.ADMIN.value)
    log.on({raised}, ev.DISABLE)
    partial = {k: v for k, v in log.events.items() if k != raised}
    assert not account(partial).active  # type: ignore[union-attr]


@pytest.mark.parametrize("broken", [
    "not an object",
    {"event": "promote", "user": "a", "by": "b"},
    {"event": ev.ROLE, "user": "", "by": "b", "parents": ["x"], "role": "管理者"},
    {"event": ev.ROLE, "user": "a", "by": "b", "parents": [], "role": "管理者"},
    {"event": ev.ROLE, "user": "a", "by": "b", "parents": ["x"], "role": "町長"},
    {"event": ev.ROLE, "user": "a", "by": "b", "parents": "x", "role": "管理者"},
    {"event": ev.PASSWORD, "user": "a", "by": "b", "parents": ["x"], "password_hash": "plain"},
    {"event": ev.TOTP_SET, "user": "a", "by": "b", "parents": ["x"], "totp_seed": "not base32!"},
    {"event": ev.CREATE, "user": "a", "by": "b", "display_name": "A", "role": "窓口"},
])
def test_malformed_events_are_named(broken: Any) -> None:
    assert problem(broken) is not None
