"""Receiving a batch at once stores exactly what receiving its documents one at a time stores: the same revisions,
winners, derived tables (equal to a rebuild) and quarantine, whatever the order the documents come in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from domain.roles import Role
from local_store import derived, documents
from local_store.registry import Registry
from local_store.replication import Arrival, Refused
from local_store.staff import Staff
from sync.envelope import Sealer
from sync.opening import Opener
from tests.support.builders import ADMIN, Clock, family


def _documents(registry: Registry) -> tuple[Any, ...]:
    conn = registry.store.conn
    return (conn.execute("SELECT doc_id, rev, parent_rev, deleted, class, body FROM revs ORDER BY doc_id, rev").fetchall(),
            conn.execute("SELECT id, rev, class, deleted FROM docs ORDER BY id").fetchall(),
            derived.snapshot(conn))


def _quarantine(registry: Registry) -> list[tuple[Any, ...]]:
    return registry.store.conn.execute("SELECT doc_id, rev, reason FROM quarantine ORDER BY doc_id, rev").fetchall()


def _arrivals(registry: Registry) -> list[Arrival]:
    return [Arrival(c.doc, c.parent_rev, c.origin or registry.terminal_id, {})
            for c in registry.replication.local_changes(0, 10_000)]


def _history(registry: Registry, admin: Staff, tmp_path: Path, clock: Clock) -> list[Arrival | Refused]:
    """Everything a replica can be sent: 異動 of several persons, a fork, a conflict of the settings, a staff
    account and a 異動 by it that comes before it, a forgery and an envelope that did not open."""
    hanako = registry.apply(admin, family()).idou.rows[1].row.atena_no
    registry.idou.apply_batch(admin, [family() for _ in range(3)])
    registry.settings.update(admin, {"mayor_name": "緑川　一"})
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-password")
    registry.close()
    shutil.copytree(registry.data_dir, tmp_path / "other")
    here, there = Registry.open(registry.data_dir, clock=clock), Registry.open(tmp_path / "other", clock=clock)
    me, you = here.sign_in(ADMIN[0], ADMIN[2]), there.sign_in(ADMIN[0], ADMIN[2])
    here.apply(me, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "こちら"}}})
    fork = there.apply(you, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "あちら"}}})
    here.settings.update(me, {"mayor_name": "緑川　二"})
    there.settings.update(you, {"mayor_name": "緑川　三"})
    clerk = here.sign_in("clerk", "clerk-password")
    by_clerk = here.apply(clerk, family())
    ours = _arrivals(here)
    theirs = {a.doc.id: a for a in _arrivals(there) if a.doc.id in (fork.doc_id, "settings")}
    there.close()
    staff_event = next(a for a in ours if a.doc.doc_class == "staff" and a.doc.body["user"] == "clerk")
    clerks = next(a for a in ours if a.doc.id == by_clerk.doc_id)
    ordered = [a for a in ours if a not in (staff_event, clerks)]
    genuine = next(a.doc for a in reversed(ordered) if a.doc.doc_class == "idou")  # the admin's last 異動
    forged = documents.Document("f" * 32, genuine.rev, genuine.doc_class, {**genuine.body, "note": "forged"})
    refused = Refused("e" * 32, "1-" + "0" * 32, "idou", "does not open", {"_id": "e" * 32})
    # Settings made afresh elsewhere: a second first revision, last in the batch, that must not win.
    fresh = {"mayor_name": "緑川　四", "updated_by": ADMIN[0]}
    recreated = documents.Document("settings", documents.revision_id(here.store.data_key, None, False, fresh), "settings",
                                   fresh)
    # The clerk's 異動 comes before the event that creates the clerk: held back, then released.
    return [clerks, *ordered, theirs[fork.doc_id], theirs["settings"], Arrival(forged, None, "x", {}), refused,
            staff_event, Arrival(recreated, None, "x", {})]


def test_a_batch_received_at_once_equals_one_document_at_a_time(registry: Registry, admin: Staff, tmp_path: Path,
                                                                clock: Clock) -> None:
    sent = _history(registry, admin, tmp_path, clock)
    source = Registry.open(registry.data_dir, clock=clock)
    actor = source.sign_in(ADMIN[0], ADMIN[2])
    at_once = Registry.join(tmp_path / "at-once", source.keys.enrollment(actor, "支所1"), clock=clock)
    one_by_one = Registry.join(tmp_path / "one-by-one", source.keys.enrollment(actor, "支所2"), clock=clock)

    report = at_once.replication.receive(sent + sent[:3])  # some twice: applying a change twice is harmless
    for arrival in sent:
        one_by_one.replication.receive([arrival])

    assert (report.accepted, report.already, report.quarantined) == (len(sent) - 2, 3, 2)
    assert _documents(at_once) == _documents(one_by_one)
    assert _quarantine(at_once) == _quarantine(one_by_one) and len(_quarantine(at_once)) == 2
    expected = _documents(at_once)
    at_once.residents.rebuild(at_once.sign_in(ADMIN[0], ADMIN[2]))
    assert _documents(at_once) == expected
    assert at_once.residents.counts()["forked"] == 1
    (conflict,) = at_once.review.conflicts()
    assert len(conflict.losers) == 2 and conflict.winner.startswith("3-")
    for replica in (source, at_once, one_by_one):
        replica.close()


def test_a_batch_opened_in_a_second_process_is_stored_as_one_opened_here(registry: Registry, admin: Staff,
                                                                        tmp_path: Path, clock: Clock) -> None:
    """A large pull opens and verifies envelopes in a second process (`sync.opening`), the replica checking the rest:
    the same revisions, derived tables and quarantine as arrivals checked here in full."""
    sent = _history(registry, admin, tmp_path, clock)
    source = Registry.open(registry.data_dir, clock=clock)
    actor = source.sign_in(ADMIN[0], ADMIN[2])
    sealer = Sealer(*source.replication.sealing())
    envelopes = [sealer.seal(a.doc, a.parent_rev, a.origin) for a in sent if isinstance(a, Arrival)]
    here = Registry.join(tmp_path / "here", source.keys.enrollment(actor, "支所1"), clock=clock)
    there = Registry.join(tmp_path / "there", source.keys.enrollment(actor, "支所2"), clock=clock)
    with Opener(sealer, clock().date()) as opener:
        assert opener.use_process().result(timeout=60) != os.getpid()
        opened = opener.submit(envelopes).result(timeout=60)
    assert sum(isinstance(a, Arrival) and a.verified for a in opened) == len(envelopes) - 1  # the forgery is refused

    there.replication.receive(opened)
    here.replication.receive([a for a in sent if isinstance(a, Arrival)])

    assert _documents(there) == _documents(here)
    assert _quarantine(there) == _quarantine(here) and len(_quarantine(there)) == 1
    for replica in (source, here, there):
        replica.close()
