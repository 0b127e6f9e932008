"""The audit chains on a real SQLCipher replica: verification of an honest log, of a log really tampered with in the
database (an entry edited, removed, moved; the newest entries cut off, the chain re-hashed or wiped, each caught by
the anchor outside the tables even after later batches were written on top), of the anchor itself removed or
forged, of a crash at each step of a batch (no tampering), of another terminal's chain with gaps that replication
has not filled; reads committed before the data leaves the registry, a process killed right after a 照会, text
that is not UTF-8; browsing, filters and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from domain.roles import Role
from local_store import audit, rekey
from local_store.audit import AuditLog
from local_store.audit_anchor import ANCHOR_FILE, KEYRING_SERVICE
from local_store.backup import restore
from local_store.registry import Registry
from local_store.staff import Staff
from local_store.terminal_key import TerminalFile
from tests.support.builders import ADMIN, JST, TOWN, Clock, family
from tests.support.processes import ROOT, kill, wait_for
from tests.support.tampering import forge_anchor, rehash, tamper


@pytest.fixture
def logged(registry: Registry, admin: Staff) -> Registry:
    """A replica whose chain holds seven entries."""
    for query in ("ヤマダ", "サトウ", "スズキ", "タナカ"):
        registry.search(admin, query)
    registry.staff.add(admin, "tanaka", "田中 一", Role.SUPERVISOR, "pw")
    registry.search(admin, "イトウ")
    return registry


def verdict(registry: Registry) -> audit.Verdict:
    return audit.verify(registry.store.conn, registry.audit.chain, registry.store.audit.anchor)


def own_top(registry: Registry) -> int:
    return registry.store.conn.execute("SELECT max(seq) FROM audit WHERE terminal = ?",
                                       (registry.audit.chain,)).fetchone()[0]


def reopened(registry: Registry, clock: Clock) -> Registry:
    registry.close()
    return Registry.open(registry.data_dir, clock=clock)


def test_an_honest_chain_verifies(logged: Registry, admin: Staff) -> None:
    found = logged.audit.verify(admin)
    assert found.whole and found.tampered == [] and found.pending == []
    assert found.chains == {"本庁1": found.checked} and found.checked == 7


def test_an_edited_entry_is_tampering(logged: Registry) -> None:
    tamper(logged, "UPDATE audit SET detail = replace(detail, 'サトウ', 'スズキ') WHERE seq = 3")
    found = verdict(logged)
    assert found.tampered == ["端末「本庁1」: 3 番の記録が書き換えられているか、順序が入れ替えられています"]
    assert found.pending == []


def test_a_removed_entry_is_tampering(logged: Registry) -> None:
    tamper(logged, "DELETE FROM audit WHERE seq = 4")
    found = verdict(logged)
    assert "端末「本庁1」: 4 番の記録が削除されています" in found.tampered and found.pending == []


def test_reordered_entries_are_tampering(logged: Registry) -> None:
    tamper(logged, "UPDATE audit SET seq = -1 WHERE seq = 3", "UPDATE audit SET seq = 3 WHERE seq = 4",
           "UPDATE audit SET seq = 4 WHERE seq = -1")
    found = verdict(logged)
    assert any("3 番の記録が前の記録につながっていません" in t for t in found.tampered)
    assert any("4 番の記録が書き換えられているか、順序が入れ替えられています" in t for t in found.tampered)


# --- the anchor outside the tables -----------------------------------------------------------------------------------


@pytest.fixture
def long_chain(registry: Registry, admin: Staff) -> Registry:
    """A replica whose chain holds 31 entries, each search a batch of its own."""
    for i in range(30):
        registry.search(admin, f"ヤマダ{i}")
    assert own_top(registry) == 31
    return registry


@pytest.mark.parametrize("cut", [1, 20])
def test_the_newest_entries_cut_off_stay_tampering_after_later_batches_and_a_reopening(
        long_chain: Registry, admin: Staff, clock: Clock, cut: int) -> None:
    tamper(long_chain, f"DELETE FROM audit WHERE seq > {31 - cut}")
    long_chain.search(admin, "サトウ")  # the next batch, written on top of what was cut
    long_chain.search(admin, "スズキ")
    found = verdict(long_chain)
    gap = "31 番" if cut == 1 else f"{32 - cut}〜31 番"
    assert f"端末「本庁1」: {gap}の記録が削除されています" in found.tampered
    assert any("端末の控えにある 31 番" in t and "32 番の記録で検知" in t for t in found.tampered)
    again = reopened(long_chain, clock)
    try:
        assert verdict(again).tampered == found.tampered
    finally:
        again.close()


def test_a_chain_re_hashed_after_an_edit_breaks_at_its_anchor(long_chain: Registry, admin: Staff) -> None:
    """An attacker who recomputes every hash after an edit (and the head noted in the tables) still leaves the
    anchor behind: the next batch goes on from the anchored head, so the link there stays broken."""
    rehash(long_chain, (5, "forged"))
    assert "端末「本庁1」: 31 番の記録が端末の控えと違います（書き換え）" in verdict(long_chain).tampered
    long_chain.search(admin, "サトウ")
    found = verdict(long_chain)
    assert "端末「本庁1」: 32 番の記録が前の記録につながっていません（記録の削除・差し込み・並べ替え）" in found.tampered
    assert "端末「本庁1」: 31 番の記録が端末の控えと違います（書き換え）（32 番の記録で検知）" in found.tampered


def test_a_wiped_chain_is_tampering(long_chain: Registry, admin: Staff) -> None:
    tamper(long_chain, "DELETE FROM audit")
    long_chain.search(admin, "サトウ")
    found = verdict(long_chain)
    assert "端末「本庁1」: 1〜31 番の記録が削除されています" in found.tampered
    assert long_chain.audit.heads() == {"本庁1": 33}  # the numbers cut off are never used again


def test_the_anchor_removed_or_forged_is_tampering(long_chain: Registry, clock: Clock) -> None:
    data_dir = long_chain.data_dir
    long_chain.close()
    path = data_dir / ANCHOR_FILE
    path.write_bytes(path.read_bytes().replace(b'"current": [31,', b'"current": [29,'))  # its MAC no longer matches
    keyring.delete_password(KEYRING_SERVICE, TerminalFile.load(data_dir).terminal_id)
    forged = Registry.open(data_dir, clock=clock)
    try:
        forged.sign_in(ADMIN[0], ADMIN[2])
        assert (f"端末「本庁1」: 操作記録の控え（{ANCHOR_FILE}）が書き換えられています（照合できません）（32 番の記録で検知）"
                in verdict(forged).tampered)
    finally:
        forged.close()
    path.unlink()
    keyring.delete_password(KEYRING_SERVICE, TerminalFile.load(data_dir).terminal_id)
    gone = Registry.open(data_dir, clock=clock)
    try:
        gone.sign_in(ADMIN[0], ADMIN[2])
        assert f"端末「本庁1」: 操作記録の控え（{ANCHOR_FILE} とキーリング）がありません（削除）（34 番の記録で検知）" \
            in verdict(gone).tampered
    finally:
        gone.close()


def test_the_file_removed_is_tampering_and_the_keyring_copy_still_anchors(long_chain: Registry,
                                                                          clock: Clock) -> None:
    attacker = reopened(long_chain, clock)  # the keyring's copy caught up at close
    tamper(attacker, "DELETE FROM audit WHERE seq > 25")
    attacker.close()
    (long_chain.data_dir / ANCHOR_FILE).unlink()
    again = Registry.open(long_chain.data_dir, clock=clock)
    try:
        again.sign_in(ADMIN[0], ADMIN[2])
        found = verdict(again).tampered
        assert f"端末「本庁1」: 操作記録の控え（{ANCHOR_FILE}）がありません（削除）（33 番の記録で検知）" in found
        assert "端末「本庁1」: 26〜31 番の記録が削除されています" in found
    finally:
        again.close()


class Killed(BaseException):
    """The process ends here: nothing after it runs (neither the rollback's nor the commit's next step)."""


@pytest.mark.parametrize("step", ["before the commit", "after the commit"])
def test_a_batch_killed_at_either_step_is_no_tampering(long_chain: Registry, admin: Staff, clock: Clock,
                                                      monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Killed with the batch's head marked unsettled before its commit (the tables stay at the head before it), or
    after the commit before the head was settled: neither is tampering, and the chain goes on."""
    def die(self: AuditLog) -> None:
        raise Killed

    if step == "before the commit":
        flush = AuditLog.flush

        def flush_then_die(self: AuditLog, conn: object) -> None:
            flush(self, conn)  # type: ignore[arg-type]
            raise Killed

        monkeypatch.setattr(AuditLog, "flush", flush_then_die)
        monkeypatch.setattr(AuditLog, "rolled_back", die)
    else:
        monkeypatch.setattr(AuditLog, "committed", die)
    with pytest.raises(Killed):
        long_chain.search(admin, "サトウ")
    monkeypatch.undo()  # the killed registry is left as it is (its connection closes with the test)
    again = Registry.open(long_chain.data_dir, clock=clock)
    try:
        actor = again.sign_in(ADMIN[0], ADMIN[2])
        found = again.audit.verify(actor)
        assert found.whole, found.tampered
        assert own_top(again) == (34 if step == "after the commit" else 33)
    finally:
        again.close()


def test_an_anchor_settled_ahead_of_the_tables_is_the_last_batch_cut_off(long_chain: Registry, admin: Staff) -> None:
    """The counterpart: tables that end where the last *settled* batch began lost it after its commit."""
    tamper(long_chain, "DELETE FROM audit WHERE seq = 31")
    assert verdict(long_chain).tampered == ["端末「本庁1」: 端末の控えにある 31 番の記録が削除されています（台帳の記録は 30 番まで）"]


def test_other_processes_and_a_rekey_keep_the_anchor_whole(long_chain: Registry, admin: Staff, clock: Clock,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    beside = Registry.open(long_chain.data_dir, clock=clock)  # the command line beside the window
    actor = beside.sign_in(ADMIN[0], ADMIN[2])
    for i in range(3):
        beside.search(actor, f"サトウ{i}")
        long_chain.search(admin, f"スズキ{i}")
    beside.close()
    long_chain.keys.rekey(admin, lambda code: None)
    long_chain.search(admin, "タナカ")
    again = reopened(long_chain, clock)
    actor = again.sign_in(ADMIN[0], ADMIN[2])
    assert again.audit.verify(actor).whole

    def die(*args: object) -> None:
        raise Killed

    monkeypatch.setattr(rekey, "finish_rotation", die)  # the file is under the next key, nothing after it ran
    with pytest.raises(Killed):
        again.keys.rekey(actor, lambda code: None)
    monkeypatch.undo()
    again.store.conn.close()
    last = Registry.open(again.data_dir, clock=clock)
    try:
        assert last.audit.verify(last.sign_in(ADMIN[0], ADMIN[2])).whole
    finally:
        last.close()


def test_a_replica_made_before_anchors_is_anchored_from_its_first_opening(long_chain: Registry, clock: Clock) -> None:
    data_dir = long_chain.data_dir
    long_chain.store.conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (audit.CHAIN_KEY, audit.REPLICA_KEY))
    long_chain.close()
    (data_dir / ANCHOR_FILE).unlink()
    keyring.delete_password(KEYRING_SERVICE, TerminalFile.load(data_dir).terminal_id)
    upgraded = Registry.open(data_dir, clock=clock)
    actor = upgraded.sign_in(ADMIN[0], ADMIN[2])
    assert upgraded.audit.verify(actor).whole and upgraded.audit.chain == "本庁1"
    tamper(upgraded, "DELETE FROM audit WHERE seq > 30")
    again = reopened(upgraded, clock)
    try:
        again.sign_in(ADMIN[0], ADMIN[2])
        assert any("削除されています" in t for t in verdict(again).tampered)
    finally:
        again.close()


def test_a_forged_anchor_with_the_key_is_beyond_the_terminal_and_left_to_the_cloud(long_chain: Registry,
                                                                                      clock: Clock) -> None:
    """Whoever holds the key and knows all this can rewrite the anchor too: only a head cited in the cloud catches
    that (tests/sync/test_audit_sync.py)."""
    forge_anchor(long_chain, rehash(long_chain, (5, "forged")))
    again = reopened(long_chain, clock)
    try:
        assert again.audit.verify(again.sign_in(ADMIN[0], ADMIN[2])).whole
    finally:
        again.close()


def test_a_restored_replica_starts_a_new_chain_even_when_its_first_batch_is_killed(
        registry: Registry, admin: Staff, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry.search(admin, "ヤマダ")
    backup = tmp_path / "backup"
    registry.keys.backup(admin, backup, "backup-passphrase-1")
    cut = own_top(registry)
    restored_dir = tmp_path / "restored"
    restore(backup, restored_dir, "backup-passphrase-1", None, clock=clock)
    first = Registry.open(restored_dir, clock=clock)
    flush = AuditLog.flush

    def flush_then_die(self: AuditLog, conn: object) -> None:
        flush(self, conn)  # type: ignore[arg-type]
        raise Killed

    monkeypatch.setattr(AuditLog, "flush", flush_then_die)
    monkeypatch.setattr(AuditLog, "rolled_back", lambda self: None)
    with pytest.raises(Killed):
        first.sign_in(ADMIN[0], ADMIN[2])
    monkeypatch.undo()
    again = Registry.open(restored_dir, clock=clock)
    try:
        actor = again.sign_in(ADMIN[0], ADMIN[2])
        found = again.audit.verify(actor)
        assert found.whole and found.restored == [
            f"端末「{again.audit.chain}」: バックアップ（連番 {cut}）から復元（復元前の記録: 端末「本庁1」の {cut} 番まで）"]
        assert again.audit.chain.startswith("本庁1（復元 ") and again.audit.chain != first.audit.chain
    finally:
        again.close()


# --- reads committed before the data leaves ---------------------------------------------------------------------------

SHOW_AND_WAIT = """
import sys, time
from pathlib import Path
from local_store.registry import Registry
from tests.support.builders import ADMIN, Clock

registry = Registry.open(Path(sys.argv[1]), clock=Clock())
record = registry.person(registry.sign_in(ADMIN[0], ADMIN[2]), sys.argv[2])
print("shown", record.current.name, flush=True)
time.sleep(600)
"""


def test_a_process_killed_right_after_a_shoukai_leaves_its_entry(registry: Registry, admin: Staff, clock: Clock,
                                                                   tmp_path: Path) -> None:
    atena = registry.apply(admin, family()).idou.rows[0].row.atena_no
    registry.close()
    log = tmp_path / "stdout.txt"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", SHOW_AND_WAIT, str(registry.data_dir), atena], cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)
        wait_for(log, "shown", proc)
        kill(proc)
    after = Registry.open(registry.data_dir, clock=clock)
    try:
        actor = after.sign_in(ADMIN[0], ADMIN[2])
        shown = after.audit.entries(actor, audit.Filter(action="照会"))
        assert [(e.staff, e.target) for e in shown] == [("admin", atena)]
        assert after.audit.verify(actor).whole
    finally:
        after.close()


def test_a_search_is_committed_before_it_returns(registry: Registry, admin: Staff, clock: Clock) -> None:
    registry.search(admin, "ヤマダ")
    assert not registry.store.pending
    beside = Registry.open(registry.data_dir, clock=clock)
    try:
        assert beside.store.conn.execute("SELECT count(*) FROM audit WHERE action = '検索'").fetchone()[0] == 1
    finally:
        beside.close()


def test_a_lone_surrogate_is_kept_escaped_and_blocks_no_later_write(registry: Registry, admin: Staff) -> None:
    """An undecodable byte of the command line reaches Python as a lone surrogate, which UTF-8 cannot store: before,
    the entry stayed in the batch and every write after it failed."""
    registry.search(admin, "山田\udcff")
    registry.apply(admin, family())
    detail = registry.store.conn.execute("SELECT detail FROM audit WHERE action = '検索'").fetchone()[0]
    assert "山田\\udcff" in detail
    assert registry.audit.verify(admin).whole


@pytest.fixture
def branch(tmp_path: Path) -> Iterator[Registry]:
    """Another terminal (支所1) with its own chain of ten entries."""
    other = Registry.create(tmp_path / "branch", TOWN, "支所1", ADMIN, clock=Clock())
    actor = other.sign_in(ADMIN[0], ADMIN[2])
    for i in range(9):
        other.search(actor, f"カ{i}")
    other.audit.flush()
    yield other
    other.close()


def test_another_terminals_chain_with_a_gap_is_pending_until_replication_fills_it(logged: Registry, admin: Staff,
                                                                                   branch: Registry) -> None:
    entries = branch.audit.after({})
    assert [e["seq"] for e in entries] == list(range(1, 11))
    assert logged.audit.receive(entries[:3] + entries[6:]) == 7
    found = logged.audit.verify(admin)
    assert found.tampered == [] and found.pending == ["端末「支所1」: 4〜6 番の記録がまだ同期で届いていません"]
    assert logged.audit.heads() == {"本庁1": logged.audit.heads()["本庁1"], "支所1": 10}
    assert logged.audit.receive(entries) == 3  # the rest arrives; what was here already is not taken twice
    assert logged.audit.verify(admin).whole


def test_another_terminals_entry_edited_on_the_way_is_tampering(logged: Registry, branch: Registry) -> None:
    entries = branch.audit.after({})
    entries[4] = {**entries[4], "detail": "altered"}
    logged.audit.receive(entries)
    assert verdict(logged).tampered == ["端末「支所1」: 5 番の記録が書き換えられているか、順序が入れ替えられています"]


def test_this_terminals_own_chain_is_never_taken_from_elsewhere(logged: Registry) -> None:
    own = logged.audit.after({})
    forged = [{**own[0], "seq": 1000, "detail": "planted"}]
    assert logged.audit.receive(forged) == 0
    assert verdict(logged).whole


def test_browsing_filters_by_day_staff_and_action_and_is_itself_recorded(registry: Registry, admin: Staff,
                                                                         clock: Clock) -> None:
    registry.staff.add(admin, "tanaka", "田中 一", Role.SUPERVISOR, "pw")
    tanaka = registry.sign_in("tanaka", "pw")
    registry.search(tanaka, "ヤマダ")
    clock.now = dt.datetime(2026, 11, 28, 0, 30, tzinfo=JST)  # just after midnight, local time (15:30 UTC before)
    registry.search(tanaka, "サトウ")
    registry.search(admin, "スズキ")

    day_two = registry.audit.entries(admin, audit.Filter(dt.date(2026, 11, 28), dt.date(2026, 11, 28)))
    assert [e.staff for e in day_two if e.action == "検索"] == ["tanaka", "admin"]
    theirs = registry.audit.entries(admin, audit.Filter(staff="tanaka", action="検索"))
    assert [("ヤマダ" in e.detail, "サトウ" in e.detail) for e in theirs] == [(True, False), (False, True)]
    assert registry.audit.time(day_two[0].at) == "2026-11-28 00:30:00"
    registry.audit.flush()
    assert registry.store.conn.execute("SELECT count(*) FROM audit WHERE action = '操作記録の閲覧'").fetchone()[0] == 2


def test_export_is_csv_for_a_spreadsheet_and_is_recorded(logged: Registry, admin: Staff) -> None:
    logged.search(admin, "=HYPERLINK(\"http://example.invalid\")")
    text = logged.audit.export(admin, audit.Filter(staff="admin", action="検索"))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == audit.CSV_HEADERS
    assert len(rows) == 7 and all(r[3] == "admin" and r[4] == "検索" for r in rows[1:])
    assert rows[1][2].startswith("2026-11-27 10:00")  # local time
    assert not any(cell.startswith("=") for row in rows for cell in row)  # no formula for the spreadsheet to run
    assert logged.store.conn.execute("SELECT detail FROM audit WHERE action = '操作記録の出力'").fetchone()[0].endswith("6件")
