"""A municipality that lost every terminal, restored onto a fresh terminal from the cloud and two 分割鍵."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import keyring
import pytest

from domain import escrow
from domain.errors import ValidationError
from domain.roles import Role
from local_store import derived
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE, TerminalFile
from sync import cloud as cloud_sync
from sync import joining
from sync.restore import restore_from_cloud
from tests.support.builders import ADMIN, TOWN, family, person, tennyu
from tests.support.terminals import now_clock


@pytest.fixture
def lost_town(tmp_path: Path, cloud: Any) -> tuple[list[str], dict[str, Any]]:
    """A town that synced with its cloud, split its keys 2 of 3, then lost its only terminal."""
    data_dir = tmp_path / "lost"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.apply(admin, family())
    registry.settings.update(admin, {"printers": {registry.terminal_id: "P9"}})
    registry.staff.add(admin, "clerk", "窓口 花子", Role.COUNTER, "clerk-password")
    shares = registry.keys.escrow_shares(admin, 3, 2)
    cloud_sync.sync_once(registry)
    before = {"counts": registry.residents.counts(), "persons": derived.snapshot(registry.store.conn),
              "atena": {r[0] for r in registry.store.conn.execute("SELECT atena_no FROM persons")}}
    registry.close()
    keyring.delete_password(KEYRING_SERVICE, TerminalFile.load(data_dir).terminal_id)
    shutil.rmtree(data_dir)
    return shares, before


def test_two_shares_and_the_cloud_restore_the_town_on_a_new_terminal(tmp_path: Path, cloud: Any,
                                                                       lost_town: tuple[list[str], dict[str, Any]]) -> None:
    shares, before = lost_town
    user, password = cloud.login("terminal-b")
    registry = restore_from_cloud(tmp_path / "new", cloud.url, user, password, [shares[2], shares[0]], "本庁2",
                                  clock=now_clock())
    try:
        assert registry.municipality == TOWN
        assert registry.residents.counts() == before["counts"]
        assert derived.snapshot(registry.store.conn) == before["persons"]
        admin = registry.sign_in(ADMIN[0], ADMIN[2])  # staff came from the cloud
        registry.sign_in("clerk", "clerk-password")
        assert "P9" in str(registry.settings.get().get("printers"))
        # the new authority hands out numbers that were never used, and leases to new terminals
        new = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
        assert new.idou.rows[0].row.atena_no not in before["atena"]
        assert cloud_sync.sync_once(registry).pushed >= 1
        assert joining.issue(registry, admin, "支所1")
    finally:
        registry.close()


def test_one_share_or_shares_of_another_split_are_refused_and_nothing_is_made(
        tmp_path: Path, cloud: Any, lost_town: tuple[list[str], dict[str, Any]]) -> None:
    shares, _ = lost_town
    other = escrow.split(escrow.EscrowSecret(bytes(32), bytes(32), TOWN.code, "さくら県", "みどり町", "町長"), 3, 2)
    user, password = cloud.login("terminal-b")
    for given, words in (([shares[0]], "あと1枚"), ([shares[0], other[1]], "混じって"),
                         ([shares[0], shares[1][:-3] + "AAA"], "正しくありません")):
        with pytest.raises(ValidationError) as err:
            restore_from_cloud(tmp_path / "new", cloud.url, user, password, given, "本庁2", clock=now_clock())
        assert words in err.value.message
    assert not (tmp_path / "new").exists()
