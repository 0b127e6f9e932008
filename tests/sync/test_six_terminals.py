"""Six terminals of one municipality, offline in turn and synced through the test cloud: one created the town, five
joined. In each of three rounds every terminal records 転入, 出生 (drawing a 住民票コード from its lease), 転居,
世帯主変更 and 死亡 on its own, and twice two terminals change the same person while apart. After everyone synced
around twice the six replicas hold the same documents and answer searches alike, no number was given to two people,
the forks are exactly the two collided persons and every audit is whole."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from domain.juminhyo_pool import parse_codes
from local_store import derived
from local_store.derived import DUPLICATE
from local_store.registry import Registry
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, NOTIFIER, TOWN, family, person
from tests.support.couch_server import create_database
from tests.support.terminals import Terminal, enroll, now_clock

NAMES = ["terminal-a", "terminal-b", "terminal-c", "terminal-d", "terminal-e", "terminal-f"]
ROUNDS = 3
CODES_EACH = ROUNDS + 1
QUERIES = ["ヤマダ タロウ", "ヤマダ ハナコ", "ヤマダ イチロウ", "ヤマダ サブロウ", "ヤマダ"]


@dataclass
class Household:
    """A family of four moved in: 宛名番号 by given name (太郎, 花子, 一郎, 次郎) and the 世帯番号."""

    atena: dict[str, str]
    setai_no: str


@dataclass
class Desk:
    """One terminal and the households only it changes (besides the two that are changed twice on purpose)."""

    terminal: Terminal
    births_into: Household
    to_change: list[Household] = field(default_factory=list)

    @property
    def registry(self) -> Registry:
        return self.terminal.registry


@pytest.fixture
def cloud6(couch: Any) -> Iterator[Any]:
    """A fresh municipality database that admits six terminal users."""
    database = create_database(couch, f"town{secrets.token_hex(4)}", NAMES)
    yield database
    database.drop()


def move_in(registry: Registry, actor: Any, created: list[tuple[str, str]]) -> Household:
    rows = registry.apply(actor, family()).idou.rows
    created += [(c.row.atena_no, c.row.name) for c in rows]
    given = {c.row.name.split("　")[1]: c.row.atena_no for c in rows}
    return Household(given, rows[0].row.setai_no)


def move_one(atena_no: str, address: str) -> dict[str, Any]:
    """転居 of one member of a household to an address of their own: a new household, headed by them."""
    return {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [atena_no],
            "relationships": {atena_no: "世帯主"}, "address": {"text": address}}


def change(household: Household, kind: int, where: str) -> dict[str, Any]:
    """One of three 異動 on a household nobody else touches: 転居 of 一郎, 花子 made 世帯主, 死亡 of 次郎."""
    a = household.atena
    if kind == 0:
        return move_one(a["一郎"], f"さくら県みどり町東町{where}番地")
    if kind == 1:
        return {"reason": "世帯主変更", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [a["花子"]],
                "relationships": {a["太郎"]: "夫", a["一郎"]: "子", a["次郎"]: "子"}}
    return {"reason": "死亡", "idou_date": "R8.11.27", "targets": [a["次郎"]]}


def birth(household: Household) -> dict[str, Any]:
    return {"reason": "出生", "idou_date": "R8.11.20", "household": household.setai_no,
            "persons": [person("山田　三郎", "ヤマダ　サブロウ", "R8.11.20", "男", "子")]}


def leaves(registry: Registry) -> tuple[Any, ...]:
    """Every document's winner and every leaf revision with its body, and the derived tables."""
    conn = registry.store.conn
    winners = conn.execute("SELECT id, rev, deleted FROM docs ORDER BY id").fetchall()
    tips = conn.execute("SELECT doc_id, rev, deleted, body FROM revs r WHERE NOT EXISTS (SELECT 1 FROM revs c WHERE "
                        "c.doc_id = r.doc_id AND c.parent_rev = r.rev) ORDER BY doc_id, rev").fetchall()
    return winners, tips, derived.snapshot(conn)


def answers(desk: Desk) -> dict[str, list[tuple[Any, ...]]]:
    """What a few searches find, without the replica's own row ids."""
    found = {}
    for query in QUERIES:
        summaries = desk.registry.summaries(desk.registry.search(desk.terminal.actor, query).ids)
        found[query] = sorted((s.atena_no, s.setai_no, s.name, s.birth, s.address, s.status, s.relationship, s.forked)
                              for s in summaries)
    return found


def sync_around(desks: list[Desk], times: int = 2) -> None:
    for _ in range(times):
        for desk in desks:
            desk.terminal.sync()


def set_up_town(tmp_path: Path, cloud: Any, created: list[tuple[str, str]]) -> tuple[list[Desk], Household, Household]:
    """本庁1 creates the town (a household per terminal for births, one per terminal to change in the first round,
    two to be changed twice on purpose) and 住民票コード; 支所1 to 支所5 join; each gets a lease of codes."""
    url = cloud.url
    first = Registry.create(tmp_path / "t0", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(first, url, *cloud.login(NAMES[0]))
    actor = first.sign_in(ADMIN[0], ADMIN[2])
    households = [move_in(first, actor, created) for _ in range(2 * len(NAMES) + 2)]
    codes = [f"9{n:010d}" for n in range(1, CODES_EACH * len(NAMES) + 1)]
    first.codes.import_codes(actor, parse_codes("\n".join(codes) + "\n"), share=CODES_EACH)
    cloud_sync.sync_once(first)
    terminals = [Terminal(first, actor, url)]
    for n, name in enumerate(NAMES[1:], start=1):
        joined = enroll(first, actor, f"支所{n}", tmp_path / f"t{n}", url, cloud.login(name))
        terminals.append(Terminal(joined, joined.sign_in(ADMIN[0], ADMIN[2]), url))
    for n in range(1, len(NAMES)):
        assert first.codes.lease(actor, f"支所{n}", CODES_EACH) == CODES_EACH
    desks = [Desk(t, households[2 * n], [households[2 * n + 1]]) for n, t in enumerate(terminals)]
    sync_around(desks)
    for desk in desks:
        assert desk.registry.codes.state(desk.terminal.actor).left == CODES_EACH
    return desks, households[-2], households[-1]


@pytest.mark.slow
def test_six_terminals_offline_in_turn_converge(tmp_path: Path, cloud6: Any) -> None:
    created: list[tuple[str, str]] = []  # (宛名番号, name) of every person, as the terminal that recorded them saw it
    households: list[str] = []  # 世帯番号 of every household formed
    desks, x, y = set_up_town(tmp_path, cloud6, created)
    households += [h.setai_no for d in desks for h in (d.births_into, *d.to_change)] + [x.setai_no, y.setai_no]
    # Two terminals change one person while apart: 花子 of x moves to two addresses (round 1); 次郎 of y dies on
    # one terminal and moves on another (round 2).
    collisions = {1: [(1, move_one(x.atena["花子"], "さくら県みどり町西町1番地")),
                      (4, move_one(x.atena["花子"], "さくら県みどり町北町2番地"))],
                  2: [(2, {"reason": "死亡", "idou_date": "R8.11.27", "targets": [y.atena["次郎"]]}),
                      (5, move_one(y.atena["次郎"], "さくら県みどり町南町3番地"))]}
    try:
        for round_no in range(ROUNDS):
            for n, desk in enumerate(desks):
                registry, actor = desk.registry, desk.terminal.actor
                arrived = move_in(registry, actor, created)
                households.append(arrived.setai_no)
                born = registry.apply(actor, birth(desk.births_into)).idou.rows
                created += [(c.row.atena_no, c.row.name) for c in born]
                assert born[0].row.juminhyo_code  # drawn from this terminal's lease
                kind = (round_no + n) % 3
                changed = registry.apply(actor, change(desk.to_change[round_no], kind, f"{round_no}{n}"))
                if kind == 0:
                    households.append(changed.idou.rows[0].row.setai_no)
                desk.to_change.append(arrived)
                for who, request in collisions.get(round_no, []):
                    if who == n:
                        moved = registry.apply(actor, request).idou.rows
                        assert len(moved) == 1  # only the person collided on
                        if request["reason"] == "転居":
                            households.append(moved[0].row.setai_no)
            sync_around(desks)

        expected = leaves(desks[0].registry)
        for desk in desks[1:]:
            assert leaves(desk.registry) == expected, desk.registry.terminal
        searched = answers(desks[0])
        assert all(searched.values())
        for desk in desks[1:]:
            assert answers(desk) == searched, desk.registry.terminal

        # No 宛名番号 or 世帯番号 handed out twice, as recorded, and none held twice on any replica.
        assert len({a for a, _ in created}) == len(created) == (2 * len(NAMES) + 2 + ROUNDS * len(NAMES)) * 4 + \
            ROUNDS * len(NAMES)
        assert len(set(households)) == len(households)
        people: dict[str, set[tuple[str, str]]] = {}
        for desk in desks:
            assert desk.registry.review.duplicate_numbers(desk.terminal.actor) == []
            rows = desk.registry.store.conn.execute("SELECT atena_no, name, birth, juminhyo_code FROM persons").fetchall()
            assert not [a for a, *_ in rows if DUPLICATE in a]
            assert {a for a, *_ in rows} == {a for a, _ in created}
            for atena_no, name, born_on, code in rows:
                people.setdefault(atena_no, set()).add((name, born_on))
                if code:
                    people.setdefault("code " + code, set()).add((atena_no, ""))
        assert all(len(who) == 1 for who in people.values()), {k: v for k, v in people.items() if len(v) > 1}
        assert len([k for k in people if k.startswith("code ")]) == ROUNDS * len(NAMES)

        # Forks exactly where two terminals changed one person.
        for desk in desks:
            forked = {f.atena_no for f in desk.registry.review.forked_persons(desk.terminal.actor)}
            assert forked == {x.atena["花子"], y.atena["次郎"]}, desk.registry.terminal

        for desk in desks:
            verdict = desk.registry.audit.verify(desk.terminal.actor)
            assert verdict.whole, (desk.registry.terminal, verdict.tampered, verdict.pending)
            assert len(verdict.chains) == len(NAMES)
            assert desk.registry.review.quarantined(desk.terminal.actor) == []
    finally:
        for desk in desks:
            desk.registry.close()
