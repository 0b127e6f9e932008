"""What waits for a 係長 or 管理者: persons with concurrent 異動 (a fork, resolved by a 職権修正 that names every
tip), 宛名番号 recorded for two or more people (番号重複: each shown as a person of their own), mutable documents with
conflicting revisions (resolved here), arrivals held in quarantine, whether this replica was restored from a
backup, and 同一人の疑い: living persons with the same 氏名, 生年月日 and 性別 recorded by different 異動 (one newcomer
entered on two terminals while they were apart)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.errors import ValidationError
from domain.person_rules import same_person_key
from domain.roles import Permission
from local_store import backup, derived, documents, settings
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.disclosure import DisclosureCheck
from local_store.replication import Quarantined, Replication
from local_store.staff import Staff

# The audit entries of the lists of persons (each through the disclosure check).
FORKS_LISTED, DUPLICATES_LISTED, SAME_PERSONS_LISTED = "要確認一覧", "番号重複一覧", "同一人の疑い一覧"


@dataclass(frozen=True, slots=True)
class Fork:
    atena_no: str
    name: str
    tips: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NumberedPerson:
    """One of the people recorded under a 宛名番号 that another has too: their key in the registry (the 宛名番号, or
    "宛名番号#2"… for the second and later), and the 異動 that created them."""

    key: str
    name: str
    birth: str
    status: str
    created_by: str  # document id
    created_as: str  # 異動事由
    created_at: str  # 処理日時


@dataclass(frozen=True, slots=True)
class DuplicateNumber:
    """番号重複: two or more people recorded under one 宛名番号 (by a terminal that handed it out twice)."""

    atena_no: str
    persons: tuple[NumberedPerson, ...]


@dataclass(frozen=True, slots=True)
class SamePerson:
    """同一人の疑い: two living persons whose 氏名 (compared in canonical form), 生年月日 and 性別 agree, created by
    different 異動 — perhaps one person recorded twice; a supervisor checks and removes the duplicate."""

    persons: tuple[NumberedPerson, NumberedPerson]


@dataclass(frozen=True, slots=True)
class Restored:
    """This replica was restored from a backup: when, and when the backup was made."""

    at: str
    backup_made: str
    reserve: bool  # the backup carried a reserve of numbers (a backup made before they did has none)

    @property
    def warning(self) -> str:
        """What the command line and the window say of it."""
        then = f"（{_minutes(self.backup_made)} のバックアップを {_minutes(self.at)} に復元）"
        codes = "バックアップ後にこの端末が払い出したかもしれない住民票コードは使いません"
        if not self.reserve:
            return (f"バックアップから復元しました{then}。このバックアップには予備の番号の範囲がないため、以後の番号は"
                    f"復元の後に払い出される範囲から払い出します（管理者に払い出しを依頼してください）。{codes}")
        return f"バックアップから復元しました。以後の番号は予備の範囲から払い出します{then}。{codes}"


def _minutes(stamp: str) -> str:
    """An ISO time as `YYYY-MM-DD HH:MM`; as given when it cannot be read."""
    try:
        return dt.datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


@dataclass(frozen=True, slots=True)
class Conflict:
    doc_id: str
    doc_class: str
    winner: str
    losers: tuple[str, ...]


class ReviewService:
    def __init__(self, ctx: StoreContext, replication: Replication, disclosure: DisclosureCheck) -> None:
        self._ctx = ctx
        self._replication = replication
        self._disclosure = disclosure

    def forked_persons(self, actor: Staff) -> list[Fork]:
        """Persons with two or more concurrent 異動, waiting for a supervisor's 職権修正 that names them all: a list
        of persons through the disclosure check (a protected person's fork shown to 係長 and above only)."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            found = [Fork(atena_no, name, tuple(tips)) for atena_no, name, tips in derived.forked(self._ctx.conn)]
            return self._disclosure.listing(actor, FORKS_LISTED, found, lambda fork: (fork.atena_no,))

    def fork_count(self) -> int:
        """How many persons have a fork (the status bar's count, which names nobody)."""
        with self._ctx.lock:
            return len(derived.forked(self._ctx.conn))

    def duplicate_numbers(self, actor: Staff) -> list[DuplicateNumber]:
        """番号重複: 宛名番号 under which two or more people were created, each person listed with the 異動 that
        created them (a fork is concurrent 異動 of one person; these are different people); through the
        disclosure check."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn = self._ctx.conn
            found: dict[str, list[NumberedPerson]] = {}
            for key, name, birth, status in derived.numbered_twice(conn):
                found.setdefault(derived.number_of(key), []).append(self._created(conn, key, name, birth, status))
            numbers = [DuplicateNumber(atena_no, tuple(persons)) for atena_no, persons in found.items()]
            return self._disclosure.listing(actor, DUPLICATES_LISTED, numbers, lambda number: (number.atena_no,))

    def same_persons(self, actor: Staff) -> list[SamePerson]:
        """同一人の疑い: pairs of living persons with the same canonical 氏名, 生年月日 and 性別, each created by a
        different 異動 (a repeated 住民票コード is not needed to find them); through the disclosure check."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            conn = self._ctx.conn
            groups: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {}
            for key, name, birth, birth_text, sex, status in conn.execute(
                    "SELECT atena_no, name, birth, birth_text, sex, status FROM persons WHERE resident = 1 "
                    "ORDER BY atena_no"):
                groups.setdefault(same_person_key(name, birth_text or birth, sex), []).append(
                    (key, name, birth_text or birth, status))
            found = []
            for members in groups.values():
                if len(members) < 2:
                    continue
                persons = [self._created(conn, *member) for member in members]
                found += [SamePerson((a, b)) for a, b in itertools.combinations(persons, 2)
                          if a.created_by != b.created_by]
            return self._disclosure.listing(actor, SAME_PERSONS_LISTED, found,
                                            lambda pair: (derived.number_of(p.key) for p in pair.persons))

    @staticmethod
    def _created(conn: Connection, key: str, name: str, birth: str, status: str) -> NumberedPerson:
        created = next(row for row in derived.history_rows(conn, key) if not row[1])
        return NumberedPerson(key, name, birth, status, created[0], created[3], created[2])

    def restored(self) -> Restored | None:
        """Whether this replica was restored from a backup (and so draws its numbers from the backup's reserve)."""
        with self._ctx.lock:
            found = backup.restored_from(self._ctx.conn)
        return None if found is None else Restored(found["at"], found["backup_made"], bool(found.get("reserve")))

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
