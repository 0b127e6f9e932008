"""印鑑登録 between two terminals through the test cloud: a 死亡 recorded on one and a 転出 on the other abolish the
registration there and, once replicated, everywhere; two registrations of one person made while apart are a fork
that the review lists and that refuses certificates until a 係長 abolishes one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from demo.seals import seal_scan
from domain.errors import ValidationError
from domain.inkan import AbolishReason, Application, Impression, Method, State
from domain.seal_impression import measure
from domain.wareki import format_short
from local_store.registry import Registry
from local_store.staff import Staff
from reports.inkan_pdf import render
from tests.support.builders import Clock
from tests.support.terminals import Terminal, make_terminals


def register(registry: Registry, actor: Staff, atena_no: str, surname: str = "山田") -> str:
    seal = Impression.of(measure(seal_scan(surname, size_mm=14)))
    return registry.inkan.register(actor, Application(atena_no, Method.PHOTO_ID, identification="運転免許証"),
                                   seal).card_no


def both_sync(a: Terminal, b: Terminal) -> None:
    a.sync()
    b.sync()
    a.sync()


@pytest.fixture
def terminals(tmp_path: Path, cloud: Any) -> Any:
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    yield a, b
    a.registry.close()
    b.registry.close()


def members(t: Terminal) -> dict[str, str]:
    found = t.registry.search(t.actor, "ヤマダ")
    return {s.name: s.atena_no for s in t.registry.summaries(found.ids)}


def test_death_and_move_out_abolish_on_every_terminal(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    family = members(a)
    hanako, jiro = family["山田　花子"], family["山田　次郎"]
    hanako_card, jiro_card = register(a.registry, a.actor, hanako), register(a.registry, a.actor, jiro, "次郎")
    both_sync(a, b)
    assert b.registry.inkan.certificate(b.actor, hanako_card, render).fee == 300
    a.registry.apply(a.actor, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [hanako]})
    today = format_short(b.registry.today())
    b.registry.apply(b.actor, {"reason": "国外転出", "idou_date": today, "notified_on": today,
                               "notifier": {"name": "山田　次郎", "relation": "本人", "identification": "旅券"},
                               "targets": [jiro], "destination": "アメリカ合衆国"})
    with pytest.raises(ValidationError, match="廃止"):
        a.registry.inkan.certificate(a.actor, hanako_card, render)
    with pytest.raises(ValidationError, match="廃止"):
        b.registry.inkan.certificate(b.actor, jiro_card, render)
    both_sync(a, b)
    for t in (a, b):
        with pytest.raises(ValidationError, match="廃止"):
            t.registry.inkan.certificate(t.actor, hanako_card, render)
        with pytest.raises(ValidationError, match="廃止"):
            t.registry.inkan.certificate(t.actor, jiro_card, render)
        assert [r.ended_because for r in t.registry.inkan.of_person(hanako)] == ["死亡"]
        assert [r.ended_because for r in t.registry.inkan.of_person(jiro)] == ["転出"]
        assert t.registry.review.quarantined(t.actor) == []


def test_two_registrations_made_apart_are_a_fork_until_one_is_abolished(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    hanako = members(a)["山田　花子"]
    card_a = register(a.registry, a.actor, hanako, "花子")
    card_b = register(b.registry, b.actor, hanako, "山田")
    both_sync(a, b)
    for t in (a, b):
        [(who, both)] = t.registry.inkan.forks(t.actor).items()
        assert who == hanako and {r.card_no for r in both} == {card_a, card_b}
        with pytest.raises(ValidationError, match="要確認"):
            t.registry.inkan.certificate(t.actor, card_a, render)
    kept = next(r for r in b.registry.inkan.forks(b.actor)[hanako] if r.card_no == card_b)
    dropped = next(r for r in b.registry.inkan.forks(b.actor)[hanako] if r.card_no == card_a)
    b.registry.inkan.abolish(b.actor, hanako, AbolishReason.FORK, dropped.id)
    both_sync(a, b)
    assert a.registry.inkan.forks(a.actor) == {}
    assert a.registry.inkan.certificate(a.actor, card_b, render).fee == 300
    assert [r.state for r in a.registry.inkan.of_person(hanako) if r.id == kept.id] == [State.REGISTERED]
    with pytest.raises(ValidationError, match="廃止"):
        a.registry.inkan.certificate(a.actor, card_a, render)


JIRO = {"name": "山田　次郎", "relation": "本人", "identification": "運転免許証"}


def today(t: Terminal) -> str:
    return format_short(t.registry.today())


def test_a_move_out_withdrawn_on_the_other_terminal_leaves_the_registration_in_force_everywhere(
        terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    jiro = members(a)["山田　次郎"]
    card = register(a.registry, a.actor, jiro, "次郎")
    later = format_short(a.registry.today() + dt.timedelta(days=10))
    moved = a.registry.apply(a.actor, {"reason": "国内転出", "idou_date": later, "notified_on": today(a),
                                       "notifier": JIRO, "targets": [jiro], "destination": "東京都港区芝公園1丁目1番1号"})
    both_sync(a, b)
    b.registry.apply(b.actor, {"reason": "転出取消", "idou_date": today(b), "cancels": moved.doc_id, "notifier": JIRO})
    both_sync(a, b)
    for t in (a, b):
        clock = t.registry.store.clock
        assert isinstance(clock, Clock)
        clock.now += dt.timedelta(days=11)  # past the day the 転出 was to take effect
        assert [r.state for r in t.registry.inkan.of_person(jiro)] == [State.REGISTERED]
        assert t.registry.inkan.certificate(t.actor, card, render).fee == 300


def test_registration_numbers_differ_between_terminals_apart(terminals: tuple[Terminal, Terminal]) -> None:
    a, b = terminals
    family = members(a)
    register(a.registry, a.actor, family["山田　花子"], "花子")
    register(b.registry, b.actor, family["山田　次郎"], "次郎")
    both_sync(a, b)
    numbers = [r.registration_no for atena in (family["山田　花子"], family["山田　次郎"])
               for r in a.registry.inkan.of_person(atena)]
    assert len(set(numbers)) == 2
