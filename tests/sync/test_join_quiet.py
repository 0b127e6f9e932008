"""A terminal joining a municipality whose cloud already holds a few thousand documents: every genuine document is
accepted the first time it is checked, so the join writes no 隔離 and no 隔離解除 into the audit; a forged one is
still held back, and audited once.

The cloud here was restored from a backup, written back in the order of the documents' (random) ids, as a dump
restores it; Apache CouchDB 3.x, whose changes feed interleaves its shards, lists them in no causal order either.
Staff events then arrive after documents of the staff they make, and after events of the administrators they
create."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from demo.replica import create_demo
from local_store import audit
from local_store.documents import Document, revision_id
from local_store.registry import Registry
from sync import cloud as cloud_sync
from sync.envelope import Sealer
from tests.support.terminals import enroll, now_clock

RESIDENTS = 6000


@pytest.fixture
def town(tmp_path: Path, cloud: Any) -> Iterator[Registry]:
    """The demo town's replica, with all of its documents in the cloud."""
    registry = create_demo(tmp_path / "demo", RESIDENTS, 7, clock=now_clock())
    cloud_sync.login(registry, cloud.url, *cloud.login("terminal-a"))
    cloud_sync.sync_once(registry)
    yield registry
    registry.close()


def restore_in_id_order(cloud: Any) -> None:
    """Recreate the cloud database from a backup of its documents, written back in the order of their ids."""
    answer = requests.get(f"{cloud.url}/_all_docs", params={"include_docs": "true"}, auth=cloud.admin, timeout=60)
    answer.raise_for_status()
    backup = [row["doc"] for row in answer.json()["rows"] if not row["id"].startswith("_design/")]
    cloud.recreate()
    for start in range(0, len(backup), 500):
        written = requests.post(f"{cloud.url}/_bulk_docs", json={"docs": backup[start:start + 500], "new_edits": False},
                                auth=cloud.admin, timeout=60)
        written.raise_for_status()


def held(registry: Registry) -> int:
    return int(registry.store.conn.execute("SELECT count(*) FROM docs").fetchone()[0])


def quarantine_entries(registry: Registry) -> list[tuple[str, str, str]]:
    """The 隔離 and 隔離解除 entries of the registry's own chain: (action, document, reason)."""
    registry.audit.flush()
    found = audit.select(registry.store.conn, audit.Filter(action="隔離", limit=1_000_000), registry.store.tz())
    return [(e.action, e.target, e.detail) for e in found if e.terminal == registry.terminal]


def forge(town: Registry, cloud: Any) -> tuple[str, str]:
    """Put into the cloud, sealed with the data key, a 異動 by someone who is no staff member anywhere: a copy of a
    genuine one under another author. Return its id and the reason it is held back."""
    doc_id, = town.store.conn.execute("SELECT id FROM docs WHERE class = 'idou' LIMIT 1").fetchone()
    genuine = town.replication.document(doc_id)
    assert genuine is not None
    body = {**genuine.body, "staff": "mallory"}
    forged = Document(secrets.token_hex(16), revision_id(town.store.data_key, None, False, body), "idou", body)
    envelope = Sealer(*town.replication.sealing()).seal(forged, None)
    written = requests.post(f"{cloud.url}/_bulk_docs", json={"docs": [envelope], "new_edits": False},
                            auth=cloud.admin, timeout=60)
    written.raise_for_status()
    return forged.id, "異動 by 'mallory', who may not record one"


def test_a_join_quarantines_no_genuine_document_and_a_forged_one_once(town: Registry, cloud: Any,
                                                                       tmp_path: Path) -> None:
    admin = town.sign_in("demo-admin", "demo")
    documents = held(town)
    forged, reason = forge(town, cloud)
    restore_in_id_order(cloud)
    joined = enroll(town, admin, "支所1", tmp_path / "joined", cloud.url, cloud.login("terminal-b"))
    try:
        assert held(joined) == documents > 2000
        assert [(q.doc_id, q.reason) for q in joined.replication.quarantined()] == [(forged, reason)]
        entries = quarantine_entries(joined)
        assert entries == [("隔離", forged, reason)], f"{len(entries)} entries, the first {entries[:3]}"
        cloud_sync.sync_once(joined)  # held back still, and not announced again
        assert joined.replication.quarantine_count() == 1 and quarantine_entries(joined) == entries
    finally:
        joined.close()
