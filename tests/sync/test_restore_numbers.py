"""After a disaster: terminal B made a backup, then recorded three 国外転入等 and synced; its backup is restored on a
new machine (the program run as processes of its own), which records three more, offline or after a first sync.
Nobody gets a number somebody else has: not a 宛名番号, not a 世帯番号, not a 住民票コード; every person stays
findable on every terminal, and nothing waits for review."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.juminhyo_pool import parse_codes
from local_store.registry import Registry
from tests.support.builders import ADMIN, person, tennyu
from tests.support.processes import program
from tests.support.terminals import Terminal, make_terminals, now_clock

PASSPHRASE = "backup-passphrase"
CODES = [f"9000000000{n}" for n in range(1, 10)]
SIGNED_IN = ("--as", ADMIN[0], "--password-stdin")


def abroad(name: str, kana: str, birth: str) -> dict[str, Any]:
    return tennyu(person(name, kana, birth, "男", "世帯主"), reason="国外転入等", previous_address="アメリカ合衆国")


BEFORE_THE_LOSS = [abroad("鈴木　一", "スズキ　ハジメ", "S60.1.1"), abroad("鈴木　二", "スズキ　ツギ", "S61.2.2"),
                   abroad("鈴木　三", "スズキ　サブ", "S62.3.3")]
AFTER_THE_RESTORE = [abroad("佐藤　一", "サトウ　ハジメ", "H1.2.1"), abroad("佐藤　二", "サトウ　ツギ", "H2.2.2"),
                     abroad("佐藤　三", "サトウ　サブ", "H3.3.3")]
EVERYONE = ["ヤマダ タロウ", "ヤマダ ハナコ", "ヤマダ イチロウ", "ヤマダ ジロウ", "スズキ ハジメ", "スズキ ツギ", "スズキ サブ",
            "サトウ ハジメ", "サトウ ツギ", "サトウ サブ"]


@pytest.fixture
def town(tmp_path: Path, cloud: Any) -> Iterator[tuple[Terminal, Terminal]]:
    """A (the numbering authority) and B; six 住民票コード leased to B, which made a backup and then, before it was
    lost, recorded three 国外転入等 and synced."""
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    try:
        a.registry.codes.import_codes(a.actor, parse_codes("\n".join(CODES)), share=0)
        assert a.registry.codes.lease(a.actor, "支所1", 6) == 6
        a.sync()
        b.sync()
        b.registry.keys.backup(b.actor, tmp_path / "b.mdgbak", PASSPHRASE)
        for request in BEFORE_THE_LOSS:
            b.registry.apply(b.actor, request)
        b.sync()
        yield a, b
    finally:
        a.registry.close()
        b.registry.close()


def numbers(registry: Registry, names: list[str]) -> list[tuple[str, str, str]]:
    """(宛名番号, 世帯番号, 住民票コード) of the persons found by these names, as the registry shows them."""
    actor = registry.sign_in(ADMIN[0], ADMIN[2])
    found = []
    for name in names:
        [summary] = registry.summaries(registry.search(actor, name).ids)
        current = registry.person(actor, summary.atena_no).current
        found.append((current.atena_no, current.setai_no, current.juminhyo_code))
    return found


def restore_and_record(tmp_path: Path, *, sync_first: bool) -> tuple[Path, str]:
    """The backup restored into a new folder and three 国外転入等 recorded there, each by the program as a process;
    the folder, and what the restore said."""
    restored = tmp_path / "restored"
    done = program(restored, "restore", str(tmp_path / "b.mdgbak"), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    if sync_first:
        pulled = program(restored, *SIGNED_IN, "sync", stdin=ADMIN[2] + "\n")
        assert pulled.returncode == 0, pulled.stderr
    for n, request in enumerate(AFTER_THE_RESTORE):
        file = tmp_path / f"idou{n}.json"
        file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        recorded = program(restored, *SIGNED_IN, "apply", str(file), stdin=ADMIN[2] + "\n")
        assert recorded.returncode == 0, recorded.stderr
    return restored, done.stdout


WARNING = "バックアップから復元しました。以後の番号は予備の範囲から払い出します"


def assert_nobody_shares_a_number(a: Terminal, b_numbers: list[tuple[str, str, str]], restored: Path) -> None:
    registry = Registry.open(restored, clock=now_clock())
    try:
        mine = numbers(registry, [n for n in EVERYONE if n.startswith("サトウ")])
        left = registry.codes.state(registry.sign_in(ADMIN[0], ADMIN[2])).left
    finally:
        registry.close()
    for column in (0, 1):  # 宛名番号, 世帯番号
        assert not {n[column] for n in mine} & {n[column] for n in b_numbers}
    assert [n[2] for n in mine] == ["", "", ""]  # waiting for a code (付番待ち), never one B may have handed out
    assert left == 0  # B's codes are given up
    shipped = program(restored, *SIGNED_IN, "sync", stdin=ADMIN[2] + "\n")
    assert shipped.returncode == 0, shipped.stderr + shipped.stdout
    a.sync()
    everyone = numbers(a.registry, EVERYONE)  # each person found, under a number of their own
    assert len({n[0] for n in everyone}) == len(EVERYONE)
    assert a.registry.residents.counts()["residents"] == len(EVERYONE)
    assert a.registry.review.forked_persons(a.actor) == [] and a.registry.review.duplicate_numbers(a.actor) == []
    assert a.registry.review.quarantined(a.actor) == []


def test_a_backup_restored_offline_records_three_people_under_numbers_of_their_own(
        tmp_path: Path, town: tuple[Terminal, Terminal]) -> None:
    a, b = town
    b_numbers = numbers(b.registry, [n for n in EVERYONE if n.startswith("スズキ")])
    assert sorted(n[2] for n in b_numbers) == CODES[:3]
    b.registry.close()  # B is lost
    restored, said = restore_and_record(tmp_path, sync_first=False)
    assert_nobody_shares_a_number(a, b_numbers, restored)
    assert WARNING in said


def test_a_backup_restored_and_synced_first_records_three_people_under_numbers_of_their_own(
        tmp_path: Path, town: tuple[Terminal, Terminal]) -> None:
    a, b = town
    b_numbers = numbers(b.registry, [n for n in EVERYONE if n.startswith("スズキ")])
    b.registry.close()  # B is lost
    restored, said = restore_and_record(tmp_path, sync_first=True)
    assert_nobody_shares_a_number(a, b_numbers, restored)
    assert WARNING in said
    # Codes leased to the terminal after its restore are drawn: those waiting get them, none of B's lease.
    a.registry.store.clock.now = dt.datetime.now().astimezone()  # A's clock (moved by hand) has come to the restore
    assert a.registry.codes.lease(a.actor, "支所1", 3) == 3
    a.sync()
    assert program(restored, *SIGNED_IN, "sync", stdin=ADMIN[2] + "\n").returncode == 0
    filled = program(restored, *SIGNED_IN, "numbers", "fill-codes", stdin=ADMIN[2] + "\n")
    assert filled.returncode == 0, filled.stderr
    registry = Registry.open(restored, clock=now_clock())
    try:
        codes = [n[2] for n in numbers(registry, [n for n in EVERYONE if n.startswith("サトウ")])]
    finally:
        registry.close()
    assert sorted(codes) == CODES[6:9]
