"""Staff accounts as a log of events, and the account each log gives when events were made concurrently.

Every event names the events of the same account that its author had seen (`parents`, by event id). An account's
state is read item by item: for each item (role, in use, password, second factor, name), the events that set it and
that no later event of the same item has seen are the ones in force. When there are several (two terminals changed
it while apart), the most restrictive value holds and the account is flagged, until an administrator's next event,
which names them all, settles it: the lower role, 利用停止 over 利用再開, a second factor over none.

Pure data in and out; who may write an event is checked where events are written and where they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.event_log import ancestors as event_ancestors
from domain.roles import Role
from domain.totp import InvalidSeed, seed_bytes

CREATE, ROLE, DISABLE, ENABLE, PASSWORD, TOTP_SET, TOTP_REMOVE = (
    "create", "role", "disable", "enable", "password", "totp_set", "totp_remove")
EVENT_NAMES = {CREATE: "職員登録", ROLE: "権限変更", DISABLE: "利用停止", ENABLE: "利用再開", PASSWORD: "パスワード再設定",
               TOTP_SET: "二要素認証設定", TOTP_REMOVE: "二要素認証解除"}

# The items of an account, by their names on screen, and which events set them (with what).
NAME, ROLE_ITEM, ACTIVE, PASSWORD_ITEM, SECOND_FACTOR = "氏名", "権限", "利用", "パスワード", "二要素認証"
_SETS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    CREATE: lambda e: {NAME: e["display_name"], ROLE_ITEM: e["role"], ACTIVE: True,
                       PASSWORD_ITEM: e["password_hash"], SECOND_FACTOR: ""},
    ROLE: lambda e: {ROLE_ITEM: e["role"]},
    DISABLE: lambda e: {ACTIVE: False},
    ENABLE: lambda e: {ACTIVE: True},
    PASSWORD: lambda e: {PASSWORD_ITEM: e["password_hash"]},
    TOTP_SET: lambda e: {SECOND_FACTOR: e["totp_seed"]},
    TOTP_REMOVE: lambda e: {SECOND_FACTOR: ""},
}
_RANK = {Role.COUNTER: 0, Role.SUPERVISOR: 1, Role.ADMIN: 2}


@dataclass(frozen=True, slots=True)
class Account:
    user: str
    display_name: str
    role: Role
    password_hash: str
    active: bool
    totp_seed: str  # empty when no second factor is set up
    concurrent: tuple[str, ...]  # items changed concurrently and not yet settled (names as on screen)


def new_event(kind: str, user: str, by: str, at: str, parents: Iterable[str], **items: Any) -> dict[str, Any]:
    return {"event": kind, "user": user, "by": by, "at": at, "parents": sorted(parents), **items}


def problem(event: Any) -> str | None:
    """What is wrong with the shape of an event, in plain words; None when it is well formed."""
    if not isinstance(event, dict):
        return "a staff event is not an object"
    kind = event.get("event")
    if kind not in _SETS:
        return f"unknown staff event {kind!r}"
    if not isinstance(event.get("user"), str) or not event["user"].strip() or not isinstance(event.get("by"), str):
        return "a staff event without its account or author"
    parents = event.get("parents", [])
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        return "a staff event with malformed parents"
    if kind != CREATE and not parents:
        return "a staff event that names no earlier event of its account"
    try:
        items = _SETS[kind](event)
    except KeyError as missing:
        return f"a {kind} event without {missing}"
    if ROLE_ITEM in items and items[ROLE_ITEM] not in {r.value for r in Role}:
        return "a staff event with an unknown role"
    if PASSWORD_ITEM in items and not str(items[PASSWORD_ITEM]).startswith("scrypt$"):
        return "a password that is not an scrypt hash"
    if NAME in items and not isinstance(items[NAME], str):
        return "a staff event with a malformed name"
    if kind == TOTP_SET:
        try:
            seed_bytes(str(items[SECOND_FACTOR]))
        except InvalidSeed:
            return "a second-factor seed that is not base32"
    return None


def tips(events: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The events (by id) that no other event names as a parent: what the next event names."""
    named = {p for e in events.values() for p in e.get("parents", [])}
    return set(events) - named


def account(events: Mapping[str, Mapping[str, Any]]) -> Account | None:
    """The account that an account's events (by id) give; None before its creation has arrived."""
    if not any(e["event"] == CREATE for e in events.values()):
        return None
    ancestors = event_ancestors(events)
    values: dict[str, Any] = {}
    concurrent = []
    for item, settle in _SETTLE.items():
        writers = [i for i, e in events.items() if item in _SETS[e["event"]](e)]
        in_force = [w for w in writers if not any(w in ancestors[other] for other in writers)]
        found = [(events[w].get("at", ""), w, _SETS[events[w]["event"]](events[w])[item]) for w in in_force]
        values[item] = settle(found)
        if len({value for _, _, value in found}) > 1:
            concurrent.append(item)
    user = next(iter(events.values()))["user"]
    return Account(user, values[NAME], Role(values[ROLE_ITEM]), values[PASSWORD_ITEM], values[ACTIVE],
                   values[SECOND_FACTOR], tuple(concurrent))


Found = list[tuple[str, str, Any]]  # (at, event id, value) of each event in force for an item


def _latest(found: Found) -> Any:
    """No value is more restrictive than another (a name, a password): the same choice on every terminal."""
    return max(found)[2]


def _lowest_role(found: Found) -> str:
    return min((value for _, _, value in found), key=lambda v: _RANK[Role(v)])


def _disabled_wins(found: Found) -> bool:
    return all(value for _, _, value in found)


def _second_factor_wins(found: Found) -> str:
    seeds = [f for f in found if f[2]]
    return _latest(seeds) if seeds else ""


_SETTLE: dict[str, Callable[[Found], Any]] = {NAME: _latest, ROLE_ITEM: _lowest_role, ACTIVE: _disabled_wins,
                                              PASSWORD_ITEM: _latest, SECOND_FACTOR: _second_factor_wins}
