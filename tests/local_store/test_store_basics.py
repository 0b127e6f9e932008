"""Documents, revisions and schema versions of the replica."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from local_store import documents
from local_store.errors import StoreError
from local_store.migrations import LATEST
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import Clock, family

ROOT = Path(__file__).resolve().parents[2]


def test_revisions_are_deterministic_hmacs_that_reveal_nothing() -> None:
    key = bytes(32)
    body = {"reason": "転居", "rows": []}
    first = documents.revision_id(key, None, False, body)
    assert re.fullmatch(r"1-[0-9a-f]{32}", first)
    assert documents.revision_id(key, None, False, dict(reversed(list(body.items())))) == first  # canonical JSON
    assert documents.revision_id(bytes([1]) + bytes(31), None, False, body) != first  # keyed
    second = documents.revision_id(key, first, False, body)
    assert second.startswith("2-") and second != first
    assert documents.revision_id(key, first, True, body) != second  # the deleted flag counts


def test_every_idou_is_one_document_with_a_random_id(registry: Registry, admin: Staff) -> None:
    applied = registry.apply(admin, family())
    doc = registry.replication.document(applied.doc_id)
    assert doc is not None and doc.doc_class == "idou" and not doc.deleted
    assert re.fullmatch(r"[0-9a-f]{32}", doc.id)
    assert doc.rev == documents.revision_id(registry.store.data_key, None, False, doc.body)
    assert len(doc.body["rows"]) == 4 and all(r["parents"] == [] for r in doc.body["rows"])
    seqs = [r[0] for r in registry.store.conn.execute("SELECT seq FROM docs ORDER BY seq")]
    assert seqs == sorted(set(seqs))  # a local change sequence, one entry per document


def test_a_replica_from_a_newer_program_is_refused(registry: Registry, data_dir: Path) -> None:
    registry.store.conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    registry.close()
    with pytest.raises(StoreError) as err:
        Registry.open(data_dir, clock=Clock())
    assert "新しい版" in err.value.message


def test_the_schema_is_at_the_latest_version(registry: Registry) -> None:
    assert registry.store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_the_search_benchmark_runs_and_prints_its_figures(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_search.py", "--residents", "400", "--searches", "20",
         "--data-dir", str(tmp_path / "bench")], cwd=ROOT, capture_output=True, text=True, timeout=600,
        check=False)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for key in ("residents", "p50_ms", "p95_ms", "bare_p95_ms", "open_ms", "init_s", "file_mb"):
        assert key in figures
    assert figures["residents"] == 400 and figures["searches"] == 20


def test_settings_are_a_mutable_document_with_revisions(registry: Registry, admin: Staff) -> None:
    from domain.roles import Role
    from local_store.errors import PermissionDenied

    assert registry.settings.get()["mayor_name"] == "町長 一郎"
    first = registry.replication.document("settings")
    assert first is not None and first.rev.startswith("1-")
    registry.settings.update(admin, {"mayor_name": "町長 二郎"})
    second = registry.replication.document("settings")
    assert second is not None and second.rev.startswith("2-") and second.body["mayor_title"] == "みどり町長"
    parents = registry.store.conn.execute("SELECT parent_rev FROM revs WHERE doc_id = 'settings' ORDER BY seq").fetchall()
    assert parents == [(None,), (first.rev,)]
    registry.staff.add(admin, "clerk", "窓口", Role.COUNTER, "clerk-password")
    with pytest.raises(PermissionDenied):
        registry.settings.update(registry.sign_in("clerk", "clerk-password"), {"mayor_name": "x"})
