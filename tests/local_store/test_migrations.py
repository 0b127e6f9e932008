"""Replicas made by the program of every past schema version open, migrate and work with today's program.

`replicas/schema-N/` holds a replica that the commit named in its made.json made at schema version N (the demo town
of 40 residents, seed 7, then a 死亡, a 国内転出 on R8.12.3 and a 国内転入 of 移行 太郎 and 移行 𠮷子), with its
terminal.json and its key (synthetic data: the key is put into the test keyring). They are never written: each test
works on a copy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from pathlib import Path

import keyring
import pytest

from domain.roles import Role
from local_store import audit, audit_anchor, derived
from local_store.database import DB_FILE, connect
from local_store.migrations import LATEST
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE
from tests.support.builders import JST, NOTIFIER, Clock

REPLICAS = Path(__file__).parent / "replicas"
VERSIONS = sorted(int(p.name.split("-")[1]) for p in REPLICAS.glob("schema-*"))
AFTER_MOVE_OUT = dt.datetime(2026, 12, 8, 9, 0, tzinfo=JST)  # the replicas were made on 2026-12-07


def _copy(version: int, tmp_path: Path) -> Path:
    """A copy of the replica of `version`, its key in the test keyring (and no audit anchor of an earlier copy: a
    replica made since anchors exist brings its own file)."""
    source = REPLICAS / f"schema-{version}"
    data_dir = tmp_path / f"schema-{version}"
    data_dir.mkdir()
    for name in (DB_FILE, "terminal.json", audit_anchor.ANCHOR_FILE):
        if (source / name).exists():
            shutil.copy(source / name, data_dir / name)
    terminal_id = json.loads((data_dir / "terminal.json").read_text(encoding="utf-8"))["terminal_id"]
    keyring.set_password(KEYRING_SERVICE, terminal_id, (source / "key.hex").read_text().strip())
    with contextlib.suppress(keyring.errors.PasswordDeleteError):  # an earlier copy's audit anchor: not this one's
        keyring.delete_password(audit_anchor.KEYRING_SERVICE, terminal_id)
    return data_dir


def _key(data_dir: Path) -> bytes:
    terminal_id = json.loads((data_dir / "terminal.json").read_text(encoding="utf-8"))["terminal_id"]
    return bytes.fromhex(keyring.get_password(KEYRING_SERVICE, terminal_id) or "")


def test_there_is_a_replica_of_every_past_version() -> None:
    assert VERSIONS == list(range(1, LATEST + 1))
    for version in VERSIONS:
        made = json.loads((REPLICAS / f"schema-{version}" / "made.json").read_text(encoding="utf-8"))
        assert made["schema"] == version and len(made["commit"]) == 40


@pytest.mark.parametrize("version", VERSIONS)
def test_a_replica_of_an_old_version_opens_migrated_whole(version: int, tmp_path: Path) -> None:
    data_dir = _copy(version, tmp_path)
    conn = connect(data_dir / DB_FILE, _key(data_dir), None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version  # as its program left it
    conn.close()
    registry = Registry.open(data_dir, clock=Clock(AFTER_MOVE_OUT))
    try:
        conn = registry.store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert registry.residents.counts() == {"residents": 40, "removed": 2, "households": 21, "forked": 0}
        before = derived.snapshot(conn)  # what the migrations derived equals what a rebuild derives
        actor = registry.sign_in("demo-admin", "demo")
        registry.residents.rebuild(actor)
        assert derived.snapshot(conn) == before
        (taro,) = registry.summaries(registry.search(actor, "移行 太郎").ids)
        (yoshiko,) = registry.summaries(registry.search(actor, "イコウ ヨシコ").ids)
        assert yoshiko.name == "移行　𠮷子" and taro.status == "住民"
        record = registry.person(actor, taro.atena_no)
        assert [h.reason for h in record.history] == ["国内転入"]
        assert {p.name for p in record.household} == {"移行　太郎", "移行　𠮷子"}
        verdict = registry.audit.verify(actor)
        assert not verdict.tampered and verdict.checked > 0
        assert audit.heads(conn)[registry.terminal] > 0
        if version < 7:  # the history before the upgrade owes no notices; what is recorded from now on does
            assert registry.notices.outgoing(actor) == []
        owed = len(registry.notices.outgoing(actor))
        registry.apply(actor, {"reason": "国内転出", "idou_date": "R8.12.20", "notified_on": "R8.12.8",
                               "notifier": NOTIFIER, "targets": [taro.atena_no, yoshiko.atena_no],
                               "destination": "東京都港区芝公園1丁目1番1号"})
        assert len(registry.notices.outgoing(actor)) > owed
        (moving,) = registry.summaries(registry.search(actor, "移行 太郎").ids)
        assert moving.status == "転出予定"  # 転出予定日 (schema 5) still ahead
    finally:
        registry.close()


@pytest.mark.parametrize("version", [v for v in VERSIONS if v < 5])
def test_a_move_out_recorded_before_schema_5_learns_its_day(version: int, tmp_path: Path) -> None:
    """Migration 5: a 転出 recorded before 転出予定日 existed is 転出予定 until its 異動日 (R8.12.3), then 転出."""
    data_dir = _copy(version, tmp_path)
    clock = Clock(dt.datetime(2026, 12, 2, 9, 0, tzinfo=JST))
    registry = Registry.open(data_dir, clock=clock)
    try:
        actor = registry.sign_in("demo-admin", "demo")
        leaving = registry.store.conn.execute("SELECT atena_no FROM persons WHERE leaves_on = '2026-12-03'").fetchall()
        assert len(leaving) == 1
        (found,) = registry.summaries(registry.search(actor, leaving[0][0]).ids)
        assert found.status == "転出予定"
        clock.now = AFTER_MOVE_OUT
        (gone,) = registry.summaries(registry.search(actor, leaving[0][0], include_removed=True).ids)
        assert gone.status == "転出"
    finally:
        registry.close()


@pytest.mark.parametrize("version", [v for v in VERSIONS if v < 6])
def test_the_codes_held_before_schema_6_are_known(version: int, tmp_path: Path) -> None:
    """Migration 6: every person's 住民票コード is in the persons table, so the pool never hands one out again."""
    registry = Registry.open(_copy(version, tmp_path), clock=Clock(AFTER_MOVE_OUT))
    try:
        conn = registry.store.conn
        held = conn.execute("SELECT count(*) FROM persons WHERE juminhyo_code != ''").fetchone()[0]
        rows = [derived.current_row(conn, a)[0] for (a,) in conn.execute("SELECT atena_no FROM persons")]  # type: ignore[index]
        assert held == sum(1 for row in rows if row.get("juminhyo_code"))
    finally:
        registry.close()


@pytest.mark.parametrize("version", [v for v in VERSIONS if v < 4])
def test_the_staff_and_the_chain_of_a_replica_before_schema_4_are_brought_forward(version: int, tmp_path: Path) -> None:
    """Migration 4: one chain keyed by sequence becomes this terminal's chain, and staff creations (the only staff
    documents then) become the first events of their accounts."""
    registry = Registry.open(_copy(version, tmp_path), clock=Clock(AFTER_MOVE_OUT))
    try:
        admin = registry.sign_in("demo-admin", "demo")
        assert registry.sign_in("demo", "demo").role is Role.COUNTER
        registry.staff.change_role(admin, "demo", Role.SUPERVISOR)  # names the old creation as its parent
        assert registry.sign_in("demo", "demo").role is Role.SUPERVISOR
        assert registry.audit.verify(admin).whole
        chain = registry.store.conn.execute("SELECT seq, action FROM audit WHERE terminal = ? ORDER BY seq",
                                            (registry.terminal,)).fetchall()
        assert chain[0] == (1, "サインイン") and "職員登録" in {a for _, a in chain[:4]}  # the old chain, as it was
        assert [seq for seq, _ in chain] == list(range(1, len(chain) + 1)) and "権限変更" in dict(chain).values()
    finally:
        registry.close()
