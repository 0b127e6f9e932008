"""Number ranges of the kinds added after a terminal was enrolled (閲覧 受付番号, 印鑑登録 登録番号): the numbering
authority grants them at its next sync, as signed documents that reach the terminal with the terminal's own next
sync; until then the terminal refuses, telling its staff to sync. A terminal whose last 宛名番号 range the documents
show nearly used up gets the next one the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from demo.seals import seal_scan
from domain.inkan import Application, Impression, Method
from domain.seal_impression import measure
from local_store import documents, keys_service, numbering
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, family
from tests.support.cli import cli
from tests.support.terminals import Terminal, enroll, now_clock

OLD_KINDS = ("atena", "setai", "hakko", "risai")  # the kinds before 閲覧 and 印鑑登録 were added


@pytest.fixture
def terminals(tmp_path: Path, cloud: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A, the numbering authority, and B, enrolled while the program knew only the old kinds: simulated by
    enrolling B while `KINDS` (as the enrollment reads it) is the old tuple."""
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    actor_a = a.sign_in(ADMIN[0], ADMIN[2])
    a.apply(actor_a, family())
    cloud_sync.sync_once(a)
    with monkeypatch.context() as old_program:
        old_program.setattr(keys_service, "KINDS", OLD_KINDS)
        b = enroll(a, actor_a, "支所1", tmp_path / "b", cloud.url, cloud.login("terminal-b"))
    both = Terminal(a, actor_a, cloud.url), Terminal(b, b.sign_in(ADMIN[0], ADMIN[2]), cloud.url)
    yield both
    for t in both:
        t.registry.close()  # B's may have been opened again


def register(registry: Registry, actor: Staff, name: str) -> str:
    """A 印鑑登録 of the family member `name`, with a seal of her given name."""
    found = registry.search(actor, "ヤマダ")
    atena_no = next(s.atena_no for s in registry.summaries(found.ids) if s.name == name)
    seal = Impression.of(measure(seal_scan(name.split("　")[1], size_mm=14)))
    return registry.inkan.register(actor, Application(atena_no, Method.PHOTO_ID, identification="運転免許証"),
                                   seal).card_no


def leases(registry: Registry, kind: str) -> list[tuple[int, int]]:
    return [(first, last) for first, last in registry.store.conn.execute(
        "SELECT first, last FROM leases WHERE kind = ? AND terminal = ?", (kind, registry.terminal_id))]


def granted(registry: Registry) -> int:
    return sum(1 for _ in documents.iter_class(registry.store.conn, numbering.NLEASE))


def on_the_command_line(b: Terminal, tmp_path: Path) -> None:
    """The same refusal on the command line, in the same plain words; B is closed meanwhile and opened again."""
    data_dir = b.registry.data_dir
    found = b.registry.search(b.actor, "ヤマダ")
    atena_no = next(s.atena_no for s in b.registry.summaries(found.ids) if s.name == "山田　花子")
    b.registry.close()
    scan = tmp_path / "seal.png"
    scan.write_bytes(seal_scan("花子", size_mm=14))
    ran = cli(data_dir, "--as", ADMIN[0], "--password-stdin", "inkan", "register", atena_no, "--image", str(scan),
              "--identification", "photo-id", "--document", "運転免許証", stdin=ADMIN[2] + "\n")
    assert ran.returncode != 0
    assert "エラー: この端末には印鑑登録の登録番号の払い出し範囲がありません。番号の払い出しを待っています。同期して" in ran.stderr
    b.registry = Registry.open(data_dir, clock=now_clock())
    b.actor = b.registry.sign_in(ADMIN[0], ADMIN[2])


def test_a_terminal_enrolled_before_a_kind_existed_gets_its_range_through_sync(
        terminals: tuple[Terminal, Terminal], tmp_path: Path) -> None:
    a, b = terminals
    assert leases(b.registry, "inkan") == []
    with pytest.raises(StoreError, match="番号の払い出しを待っています。同期してから"):
        register(b.registry, b.actor, "山田　花子")
    b.sync()  # nothing granted yet: the authority has not synced since
    with pytest.raises(StoreError, match="印鑑登録の登録番号の払い出し範囲がありません"):
        register(b.registry, b.actor, "山田　花子")
    on_the_command_line(b, tmp_path)

    a.sync()  # grants B what it lacks, and pushes it in the same round
    assert granted(a.registry) == 2
    entries = a.registry.store.conn.execute("SELECT target, detail FROM audit WHERE action = ?",
                                            (keys_service.LEASES_GRANTED,)).fetchall()
    assert entries == [(b.registry.terminal_id, "支所1: 閲覧の受付番号、印鑑登録の登録番号")]
    b.sync()
    on_b = register(b.registry, b.actor, "山田　花子")
    on_a = register(a.registry, a.actor, "山田　次郎")
    assert on_a != on_b
    (b_first, b_last), = leases(b.registry, "inkan")
    assert all(a_last < b_first or b_last < a_first for a_first, a_last in leases(a.registry, "inkan"))

    a.sync()  # nothing more is due: idempotent
    assert granted(a.registry) == 2
    assert a.registry.keys.top_up_leases() == 0
    assert b.registry.review.quarantined(b.actor) == []


def test_the_next_atena_range_is_granted_when_the_last_is_nearly_used_up(
        terminals: tuple[Terminal, Terminal], monkeypatch: pytest.MonkeyPatch) -> None:
    """Near the end: here the low-water mark is raised to all but the first two numbers of a range (rather than
    handing out 90,000 numbers), so that B's family of three brings its 宛名番号 range, not its 世帯番号 one, to it."""
    a, b = terminals
    b.registry.apply(b.actor, family())
    b.sync()
    monkeypatch.setattr(numbering, "LOW_WATER", numbering.LEASE_SIZE - 2)
    a.sync()
    kinds = sorted(d.body["kind"] for d in documents.iter_class(a.registry.store.conn, numbering.NLEASE)
                   if d.body["terminal"] == b.registry.terminal_id)
    assert kinds == ["atena", "etsuran", "inkan"]
    assert a.registry.keys.top_up_leases() == 0
    b.sync()
    assert sorted(d.body["kind"] for d in documents.iter_class(b.registry.store.conn, numbering.NLEASE)) == kinds
    assert b.registry.review.quarantined(b.actor) == []
