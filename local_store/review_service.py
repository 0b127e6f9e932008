"""What waits for a 係長 or 管理者: persons with concurrent 異動 (a fork, resolved by a 職権修正 that names every
tip), mutable documents with conflicting revisions (resolved here), and arrivals held in quarantine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.errors import ValidationError
from domain.roles import Permission
from local_store import derived, documents, settings
from local_store.context import StoreContext, require
from local_store.replication import Quarantined, Replication
from local_store.staff import Staff


@dataclass(frozen=True, slots=True)
class Fork:
    atena_no: str
    name: str
    tips: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    doc_id: str
    doc_class: str
    winner: str
    losers: tuple[str, ...]


class ReviewService:
    def __init__(self, ctx: StoreContext, replication: Replication) -> None:
        self._ctx = ctx
        self._replication = replication

    def forked_persons(self) -> list[Fork]:
        """Persons with two or more concurrent 異動, waiting for a supervisor's 職権修正 that names them all."""
        with self._ctx.lock:
            return [Fork(atena_no, name, tuple(tips)) for atena_no, name, tips in derived.forked(self._ctx.conn)]

    def conflicts(self) -> list[Conflict]:
        """Mutable documents with more than one live leaf: CouchDB kept both, an administrator decides."""
        with self._ctx.lock:
            found = []
            for doc_id, rev in documents.winners(self._ctx.conn, settings.SETTINGS_ID):
                losers = documents.conflicting_revs(self._ctx.conn, doc_id)
                if losers:
                    found.append(Conflict(doc_id, settings.SETTINGS_ID, rev, tuple(losers)))
            return found

    def resolve_conflict(self, actor: Staff, doc_id: str, merged: Mapping[str, Any]) -> None:
        """Write the merged revision on the winner and delete the losing leaves (管理者)."""
        require(actor, Permission.CHANGE_SETTINGS)
        with self._ctx.write() as conn:
            losers = documents.conflicting_revs(conn, doc_id)
            if not losers:
                raise ValidationError("競合", "この文書に競合はありません")
            current = documents.get(conn, doc_id)
            assert current is not None
            documents.put_edit(conn, self._ctx.data_key, doc_id, current.doc_class,
                               {**dict(merged), "updated_by": actor.user})
            for rev in losers:
                documents.insert_revision(conn, documents.Document(
                    doc_id, documents.revision_id(self._ctx.data_key, rev, True, {}), current.doc_class, {}, True),
                    parent_rev=rev)
            self._ctx.record(actor.user, "競合解決", doc_id, ", ".join(losers))

    def quarantined(self, actor: Staff) -> list[Quarantined]:
        """Arrivals that failed the checks (管理者): kept aside, never applied."""
        require(actor, Permission.CHANGE_SETTINGS)
        return self._replication.quarantined()

    def quarantine_count(self) -> int:
        return self._replication.quarantine_count()
