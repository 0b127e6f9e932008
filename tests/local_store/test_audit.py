"""The audit chains on a real SQLCipher replica: verification of an honest log, of a log really tampered with in the
database (an entry edited, removed, moved; the newest entries cut off), of another terminal's chain with gaps that
replication has not filled; browsing, filters and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.roles import Role
from local_store import audit
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, JST, TOWN, Clock


@pytest.fixture
def logged(registry: Registry, admin: Staff) -> Registry:
    """A replica whose chain holds seven entries, written in several batches."""
    for query in ("ヤマダ", "サトウ", "スズキ", "タナカ"):
        registry.search(admin, query)
        registry.audit.flush()
    registry.staff.add(admin, "tanaka", "田中 一", Role.SUPERVISOR, "pw")
    registry.search(admin, "イトウ")
    registry.audit.flush()
    return registry


def tamper(registry: Registry, *statements: str) -> None:
    """Change the stored chain behind the program's back: the append-only triggers are no obstacle to an attacker
    who holds the key, so they go first."""
    conn = registry.store.conn
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in statements:
        conn.execute(statement)


def verdict(registry: Registry) -> audit.Verdict:
    return audit.verify(registry.store.conn, registry.terminal)


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


def test_the_newest_entries_cut_off_are_tampering(logged: Registry) -> None:
    last = logged.store.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    tamper(logged, f"DELETE FROM audit WHERE seq >= {last - 1}")
    assert any("削除されています" in t for t in verdict(logged).tampered)


def test_a_whole_chain_rewritten_with_fresh_hashes_still_breaks_at_its_noted_head(logged: Registry) -> None:
    """An attacker who recomputes every hash after an edit still leaves the head noted with the last batch behind."""
    rows = logged.store.conn.execute("SELECT terminal, seq, at, staff, action, target, detail FROM audit ORDER BY seq")
    prev, rewritten = audit.GENESIS, []
    for terminal, seq, at, who, action, target, detail in rows.fetchall():
        detail = detail.replace("サトウ", "スズキ")
        digest = audit.entry_hash(prev, seq, terminal, audit.Entry(at, who, action, target, detail))
        rewritten.append(f"UPDATE audit SET detail = '{detail}', prev_hash = '{prev}', hash = '{digest}' "
                         f"WHERE seq = {seq}")
        prev = digest
    tamper(logged, *rewritten)
    assert verdict(logged).tampered == [f"端末「本庁1」: {len(rewritten)} 番の記録が書き換えられています"]


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
