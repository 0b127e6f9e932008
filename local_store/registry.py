"""The facade: every operation on the replica runs here, in one transaction, checked for the acting staff member.

The window and the command line both call this class, so every operation can be run, tested and scripted headless.
One connection, one writer: a lock serialises callers from several threads.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.address_book import Chouaza
from domain.certificate_items import terminal_key_message
from domain.check_digits import M11Settings, validate_local_government_code
from domain.errors import ValidationError
from domain.history import RowRef, numbered
from domain.household import household_order
from domain.population import MIN_AREA, Population, RowAsOf, tabulate
from domain.idou import Context, Current, Idou, plan_idou
from domain.kofu_rules import KofuRequest, lives_here
from domain.protection import Measure
from domain.records import Person
from domain.roles import Permission, Role, allowed
from domain.wareki import parse_date
from local_store import derived, documents, search, staff
from local_store import juminhyo_pool, kofu, opendata, returning
from local_store.audit import AuditLog
from local_store.audit_facade import AuditFacade
from local_store.database import DB_FILE, Connection, DatabaseError, connect
from local_store.errors import DamagedReplicaError, PermissionDenied, StoreError
from local_store.keys_facade import KeysFacade
from local_store.migrations import migrate
from local_store.numbering import KINDS, Numbering
from local_store.protection import Judgment, MeasureLog, Protection
from local_store.bundle_facade import BundleFacade
from local_store.daily_facade import DailyFacade
from local_store.disaster_facade import DisasterFacade
from local_store.juminhyo_facade import ENROLLED, JuminhyoFacade
from local_store.mynumber_facade import MynumberFacade
from local_store.notices import Outbox
from local_store.notices_facade import NoticesFacade
from local_store.protection_facade import ProtectionFacade
from local_store.purge_facade import PurgeFacade
from local_store.recovery import with_new_code
from local_store.replication import Keys, Quarantined, Replication
from local_store.staff import Staff
from local_store.staff_facade import StaffFacade
from local_store.terminal_key import PassphrasePrompt, forget_key, new_key
from local_store.unlock import open_file

Clock = Callable[[], dt.datetime]
SETTINGS_ID = "settings"
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class Municipality:
    name: str
    prefecture: str
    code: str  # 全国地方公共団体コード, six digits with its check digit
    mayor: str


@dataclass(frozen=True, slots=True)
class Applied:
    doc_id: str
    idou: Idou


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


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    number: int  # 履歴番号
    doc_id: str
    reason: str
    processed_at: str
    row: Person


@dataclass(frozen=True, slots=True)
class PersonRecord:
    current: Person
    tips: tuple[str, ...]
    history: list[HistoryEntry]
    household: list[Person]
    protection: tuple[Protection, ...] = ()  # 支援措置 in force for this person (the 照会 alerts)
    lives_here: bool = False  # a 住民, or one whose 転出予定日 has not come

    @property
    def moving_out(self) -> bool:
        """A 転出届 is recorded and its 予定日 has not come: shown as 転出予定."""
        return self.lives_here and not self.current.is_resident

    @property
    def forked(self) -> bool:
        return len(self.tips) > 1


class _State:
    """The registry's current state as the domain sees it while a 異動 is planned (inside the transaction)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def current(self, atena_no: str) -> Current | None:
        found = derived.current_row(self._conn, atena_no)
        return None if found is None else Current(Person.from_json(found[0]), tuple(found[1]))

    def document(self, doc_id: str) -> Idou | None:
        found = documents.get(self._conn, doc_id)
        return Idou.from_json(found.body) if found is not None and found.doc_class == derived.IDOU else None

    def household(self, setai_no: str) -> list[Current]:
        atenas = [r[0] for r in self._conn.execute(
            "SELECT atena_no FROM persons WHERE setai_no = ? AND resident = 1 ORDER BY atena_no", (setai_no,))]
        return [c for c in map(self.current, atenas) if c is not None]

    def living_here(self, setai_no: str, today: dt.date) -> list[Person]:
        """The members a screen shows: the 住民, and those whose 転出予定日 has not come."""
        atenas = [r[0] for r in self._conn.execute(
            "SELECT atena_no FROM persons WHERE setai_no = ? AND (resident = 1 OR leaves_on > ?) ORDER BY atena_no",
            (setai_no, today.isoformat()))]
        return [c.person for c in map(self.current, atenas) if c is not None]


class _Numbers:
    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._codes: set[str] = set()  # 住民票コード drawn while planning, not yet in the persons table

    def next_atena_no(self) -> str:
        return self._numbering.draw("atena")

    def next_setai_no(self) -> str:
        return self._numbering.draw("setai")

    def next_juminhyo_code(self) -> str:
        code = self._numbering.codes.draw(self._codes)
        if code:
            self._codes.add(code)
        return code


class Registry(StaffFacade, AuditFacade, ProtectionFacade, DailyFacade, MynumberFacade, KeysFacade, DisasterFacade,
               BundleFacade, PurgeFacade, JuminhyoFacade, NoticesFacade):
    def __init__(self, data_dir: Path, conn: Connection, clock: Clock) -> None:
        self.data_dir = data_dir
        self._conn = conn
        self._clock = clock
        self._lock = threading.RLock()
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if "terminal_name" not in meta:
            raise StoreError("台帳の初期設定が終わっていません（初期設定をやり直してください）", "replica was never set up")
        self.terminal = meta["terminal_name"]
        self.terminal_id = meta["terminal_id"]
        self.municipality = Municipality(meta["municipality_name"], meta["prefecture"], meta["municipality_code"],
                                         meta["mayor"])
        self.is_demo = meta.get("demo") == "1"
        secret_rows = dict(conn.execute("SELECT name, value FROM secrets").fetchall())
        self._data_key: bytes = secret_rows["data_key"]
        signer = Ed25519PrivateKey.from_private_bytes(secret_rows["signing_key"]) if "signing_key" in secret_rows else None
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(meta["signing_public_key"]))
        settings = M11Settings(meta.get("m11_weights_from_right", "1") == "1", meta.get("m11_remainder_one", "skip"))  # type: ignore[arg-type]
        self._numbering = Numbering(conn, self.terminal_id, public, signer, settings, clock)
        self._audit = AuditLog(self.terminal, clock)
        self.replication = Replication(conn, self._lock, self._write,
                                       Keys(self.municipality.code, self.terminal_id, self._data_key, public), clock,
                                       self._audit.record)
        self._closed = False
        self._skew: dt.timedelta | None = None
        self._trusted = meta.get("sync.trusted_time", "")  # the last trusted time (see note_server_time)
        self._trusted_dirty = False
        self._measure_log = MeasureLog()
        self._outbox = Outbox()  # the notices the 異動 owe (see NoticesFacade)
        self._terminal_key = b""  # set by whoever opened the file
        self.fresh_recovery_code: str | None = None  # a new replica's 復旧コード, until its kit is printed

    # --- opening and creating ------------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, passphrase: PassphrasePrompt | None = None, clock: Clock = local_now, *,
             recovery_code: str | None = None, admin_passphrase: str | None = None) -> Registry:
        """Open with the keyring's key (or the passphrase's), or with the 復旧コード when `recovery_code` is given, or
        the 管理者の合言葉 when `admin_passphrase` is."""
        conn, key = open_file(data_dir, passphrase, recovery_code, admin_passphrase)
        try:
            migrate(conn, clock())
            registry = cls(data_dir, conn, clock)
            registry._terminal_key = key
            return registry
        except DatabaseError:
            conn.close()
            raise DamagedReplicaError("台帳のファイルが壊れています（バックアップまたはクラウドから復元してください）",
                                      "replica file is damaged") from None
        except BaseException:
            conn.close()
            raise

    @classmethod
    def create(
        cls,
        data_dir: Path,
        municipality: Municipality,
        terminal_name: str,
        admin: tuple[str, str, str],
        *,
        passphrase: PassphrasePrompt | None = None,
        demo: bool = False,
        clock: Clock = local_now,
    ) -> Registry:
        """Create a new municipality on this terminal, which becomes its numbering authority.

        `admin` is (user, display name, password) of the first administrator.
        """
        validate_local_government_code(municipality.code)
        signing = Ed25519PrivateKey.generate()
        public_hex = signing.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
        private_raw = signing.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                            serialization.NoEncryption())
        meta = {
            "municipality_name": municipality.name,
            "prefecture": municipality.prefecture,
            "municipality_code": municipality.code,
            "mayor": municipality.mayor,
            "signing_public_key": public_hex,
            "numbering_authority": "1",
            "demo": "1" if demo else "0",
        }

        def populate(registry: Registry) -> None:
            user, display, password = admin
            first = staff.created_event(user, display, Role.ADMIN, password, by="")
            first["signature"] = signing.sign(documents.canonical_json(first)).hex()
            registry._put_staff(first)
            documents.put_edit(registry._conn, registry._data_key, SETTINGS_ID, SETTINGS_ID,
                               {"mayor_title": f"{municipality.name}長", "mayor_name": municipality.mayor})
            registry._numbering.grant("atena", registry.terminal_id)
            registry._numbering.grant("setai", registry.terminal_id)

        return cls._new_replica(data_dir, secrets.token_hex(8), terminal_name, meta,
                                {"data_key": secrets.token_bytes(32), "signing_key": private_raw},
                                passphrase, clock, populate)

    @classmethod
    def join(cls, data_dir: Path, enrollment: Mapping[str, Any], *, passphrase: PassphrasePrompt | None = None,
             clock: Clock = local_now) -> Registry:
        """Make this terminal a replica of an existing municipality from an enrollment (see `create_enrollment`).

        The replica starts empty but for its keys and number leases; the first sync restores the documents.
        """
        try:
            town = enrollment["municipality"]
            meta = {"municipality_name": town["name"], "prefecture": town["prefecture"],
                    "municipality_code": town["code"], "mayor": town["mayor"],
                    "signing_public_key": enrollment["signing_public_key"], "numbering_authority": "0",
                    "demo": "1" if enrollment.get("demo") else "0"}
            data_key = bytes.fromhex(enrollment["data_key"])
            signing_key = bytes.fromhex(enrollment["terminal_signing_key"])
            meta["terminal_key_cert"] = str(enrollment["terminal_key_cert"])
            leases = list(enrollment["leases"])
            terminal_id, terminal_name = enrollment["terminal_id"], enrollment["terminal_name"]
        except (KeyError, TypeError, ValueError):
            raise StoreError("登録情報の形が正しくありません", "malformed enrollment") from None

        def populate(registry: Registry) -> None:
            for lease in leases:
                registry._numbering.accept(lease)

        return cls._new_replica(data_dir, terminal_id, terminal_name, meta,
                                {"data_key": data_key, "terminal_signing_key": signing_key}, passphrase, clock, populate)

    @classmethod
    def _new_replica(cls, data_dir: Path, terminal_id: str, terminal_name: str, meta: dict[str, str],
                     secret_values: dict[str, bytes], passphrase: PassphrasePrompt | None, clock: Clock,
                     populate: Callable[[Registry], None]) -> Registry:
        """The key is stored first and terminal.json written last, so an interrupted set-up leaves no half-made
        replica that looks finished."""
        if not terminal_name.strip():
            raise ValidationError("端末名", "端末名を入力してください")
        data_dir.mkdir(parents=True, exist_ok=True)
        db_path = data_dir / DB_FILE
        if (data_dir / "terminal.json").exists():
            raise StoreError("この場所にはすでに台帳があります", f"a replica already exists in {data_dir}")
        for leftover in (db_path, db_path.with_name(DB_FILE + "-wal"), db_path.with_name(DB_FILE + "-shm")):
            leftover.unlink(missing_ok=True)  # an earlier set-up that never finished: its key was never recorded
        key, terminal_info = new_key(terminal_id, passphrase)
        try:
            conn = connect(db_path, key, None)
            migrate(conn, clock())
            meta = {**meta, "terminal_id": terminal_id, "terminal_name": terminal_name.strip(),
                    "m11_weights_from_right": "1", "m11_remainder_one": "skip",
                    "created_at": clock().isoformat(timespec="seconds")}
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            conn.executemany("INSERT INTO secrets (name, value) VALUES (?, ?)", secret_values.items())
            conn.execute("COMMIT")
            registry = cls(data_dir, conn, clock)
            with registry._write():
                populate(registry)
            terminal_info, registry.fresh_recovery_code = with_new_code(terminal_info, key)
            registry._terminal_key = key
            terminal_info.save(data_dir)
            return registry
        except BaseException:
            if terminal_info.source == "keyring":
                forget_key(terminal_id)
            raise

    def create_enrollment(self, actor: Staff, terminal_name: str, valid_hours: int = 24) -> dict[str, Any]:
        """What a new terminal needs to join (管理者, on the numbering authority): keys, identity, signed leases.

        The caller seals it under a one-time code and hands it over through the cloud (`sync.enrollment`).
        """
        self.require(actor, Permission.MANAGE_STAFF)
        if not terminal_name.strip():
            raise ValidationError("端末名", "新しい端末の端末名を入力してください")
        terminal_id = secrets.token_hex(8)
        authority = self._numbering.signer
        if authority is None:
            raise StoreError("端末の登録は町を作成した端末（番号の払い出し元）で行ってください",
                             "only the numbering authority enrolls terminals")
        terminal_key = Ed25519PrivateKey.generate()
        terminal_public = terminal_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                                 serialization.PublicFormat.Raw)
        with self._write():
            leases = [self._numbering.grant(kind, terminal_id) for kind in KINDS]
            self._audit.record(actor.user, ENROLLED, terminal_id, terminal_name)
        expires = self._clock() + dt.timedelta(hours=valid_hours)
        return {
            "municipality": {"name": self.municipality.name, "prefecture": self.municipality.prefecture,
                             "code": self.municipality.code, "mayor": self.municipality.mayor},
            "signing_public_key": self._numbering.public_key.public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex(),
            "data_key": self._data_key.hex(), "terminal_id": terminal_id, "terminal_name": terminal_name.strip(),
            # the new terminal's own key for signing certificates, certified by the municipality's key
            "terminal_signing_key": terminal_key.private_bytes(serialization.Encoding.Raw,
                                                               serialization.PrivateFormat.Raw,
                                                               serialization.NoEncryption()).hex(),
            "terminal_key_cert": authority.sign(terminal_key_message(terminal_public)).hex(),
            "leases": leases, "demo": self.is_demo, "expires": expires.isoformat(timespec="seconds"),
        }

    def close(self) -> None:
        """Write what the audit holds and close; closing twice is harmless."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._audit.pending or self._trusted_dirty:
                with self._write():
                    pass
            self._conn.execute("PRAGMA optimize")  # refreshes the planner's statistics where they went stale
            self._conn.close()

    def flush_audit(self) -> None:
        """Write the audit entries held in memory now (at sign-out, lock and close)."""
        with self._lock:
            if self._audit.pending:
                with self._write():
                    pass

    def analyze(self) -> None:
        """Give the query planner statistics after a bulk load."""
        with self._lock:
            self._conn.execute("ANALYZE")

    # --- transactions --------------------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; pending audit entries are appended in it."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                written = self._audit.flush(self._conn)
                trusted_written = self._trusted_dirty
                if trusted_written:
                    skew = round(self._skew.total_seconds()) if self._skew is not None else 0
                    self._conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                           [("sync.trusted_time", self._trusted), ("sync.clock_skew_s", str(skew))])
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._audit.committed(written)
            if trusted_written:
                self._trusted_dirty = False

    def _after_read(self) -> None:
        if self._audit.due():
            with self._write():
                pass

    def require(self, actor: Staff, permission: Permission) -> None:
        if not allowed(actor.role, permission):
            raise PermissionDenied(f"{actor.role.value}の権限では「{permission.value}」はできません",
                                   f"role {actor.role.name} may not {permission.name}")

    def _context(self, actor: Staff) -> Context:
        now = self._clock()
        return Context(today=now.date(), processed_at=now.isoformat(timespec="milliseconds"), terminal=self.terminal,
                       staff=actor.user)

    # --- settings (a mutable document: CouchDB revisions; a conflict is shown to an administrator) ----------------

    def settings(self) -> dict[str, Any]:
        """The municipality's settings: 市区町村長 and 職務代理者, seal and the like (see `update_settings`)."""
        with self._lock:
            doc = documents.get(self._conn, SETTINGS_ID)
            return dict(doc.body) if doc is not None else {}

    def update_settings(self, actor: Staff, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some settings (管理者); the others keep their values. Returns the new settings."""
        self.require(actor, Permission.CHANGE_SETTINGS)
        with self._write() as conn:
            current = documents.get(conn, SETTINGS_ID)
            body = {**(current.body if current else {}), **changes, "updated_by": actor.user}
            documents.put_edit(conn, self._data_key, SETTINGS_ID, SETTINGS_ID, body)
            self._audit.record(actor.user, "設定変更", SETTINGS_ID, ", ".join(sorted(changes)))
            return body

    def address_book(self) -> list[Chouaza]:
        """The 住所辞書 (in the settings, so that it replicates): empty until one is imported."""
        return [Chouaza.from_json(e) for e in self.settings().get("address_book", ())]

    def set_address_book(self, actor: Staff, entries: Sequence[Chouaza]) -> None:
        """Replace the 住所辞書 (管理者; audited as a change of the settings)."""
        self.update_settings(actor, {"address_book": [e.to_json() for e in entries]})

    # --- 異動 ------------------------------------------------------------------------------------------------------

    def apply(self, actor: Staff, request: Mapping[str, Any]) -> Applied:
        """Validate and record one 異動; a broken rule raises ValidationError and nothing is written."""
        return self.apply_batch(actor, [request])[0]

    def apply_batch(self, actor: Staff, requests: Iterable[Mapping[str, Any]]) -> list[Applied]:
        """Record several 異動 in one transaction: all of them, or (on the first error) none."""
        self._may_apply(actor)
        try:
            with self._write() as conn:
                numbers = _Numbers(self._numbering)
                return [self._record_idou(conn, actor, request, numbers) for request in requests]
        except ValidationError as exc:
            with self._lock:
                self._audit.record(actor.user, "異動拒否", "", f"{exc.item}: {exc.message}")
            raise

    def _record_idou(self, conn: Connection, actor: Staff, request: Mapping[str, Any],
                     numbers: _Numbers | None = None) -> Applied:
        """Plan and store one 異動 inside the caller's transaction (checked for `actor`'s rights by the caller)."""
        idou = self._plan(actor, request, _State(conn), numbers or _Numbers(self._numbering))
        body = idou.to_json()
        doc = documents.put_new(conn, self._data_key, derived.IDOU, body)
        derived.index_idou(conn, doc.id, body)
        self._audit.record(actor.user, "異動", doc.id, idou.reason)
        return Applied(doc.id, idou)

    def check_idou(self, actor: Staff, request: Mapping[str, Any]) -> Idou:
        """Plan one 異動 exactly as `apply` would and write nothing: the window's confirmation step.

        The planning runs in a transaction that is rolled back, so numbers drawn for it are not used up; the ones
        shown may differ from those `apply` draws when another 異動 is recorded in between.
        """
        self._may_apply(actor)
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                return self._plan(actor, request, _State(self._conn), _Numbers(self._numbering))
            finally:
                self._conn.execute("ROLLBACK")

    def _may_apply(self, actor: Staff) -> None:
        self.require(actor, Permission.APPLY_IDOU)
        if self.clock_behind() > CLOCK_TOLERANCE:
            raise StoreError("端末の時計がクラウドの時刻より遅れています。時計を合わせるまで異動は登録できません",
                             "the terminal clock is behind the last trusted time")

    def _plan(self, actor: Staff, request: Mapping[str, Any], state: _State, numbers: _Numbers) -> Idou:
        idou = plan_idou(request, state, numbers, self._context(actor))
        if any(len(c.parents) > 1 for c in idou.rows):
            self.require(actor, Permission.RESOLVE_FORK)
        self._check_idou(self._conn, idou)
        juminhyo_pool.check_new_codes(self._conn, idou)
        return idou

    # --- replication (the sync layer works on `self.replication`; these are for the window and the command line) --

    def ingest(self, doc: documents.Document, parent_rev: str | None = None, origin: str = "") -> None:
        self.replication.ingest(doc, parent_rev, origin)

    def quarantined(self, actor: Staff) -> list[Quarantined]:
        self.require(actor, Permission.CHANGE_SETTINGS)
        return self.replication.quarantined()

    def quarantine_count(self) -> int:
        return self.replication.quarantine_count()

    def sync_state(self) -> dict[str, str]:
        return self.replication.sync_state()

    def set_sync_state(self, values: Mapping[str, str]) -> None:
        self.replication.set_sync_state(values)

    def pending_changes(self) -> int:
        return self.replication.pending_changes()

    def note_server_time(self, server_time: dt.datetime) -> None:
        """The last trusted time: the latest server time seen, only ever moving forward; and how far this
        terminal's clock was from it (the skew the status bar warns of). Called for every answer from the cloud,
        from any thread: kept in memory without waiting for the writer, and written with the next transaction."""
        stamp = server_time.astimezone(dt.UTC).isoformat(timespec="seconds")
        self._skew = self._clock() - server_time
        if stamp > self._trusted:
            self._trusted, self._trusted_dirty = stamp, True

    def clock_skew(self) -> dt.timedelta:
        """This terminal's clock minus the cloud's, when last seen (positive: ahead)."""
        if self._skew is not None:
            return self._skew
        return dt.timedelta(seconds=int(self.sync_state().get("clock_skew_s", "0")))

    def clock_behind(self) -> dt.timedelta:
        """How far this terminal's clock is behind the last trusted time (zero when it is not)."""
        if not self._trusted:
            return dt.timedelta(0)
        return max(dt.timedelta(0), dt.datetime.fromisoformat(self._trusted) - self._clock())

    def last_seq(self) -> int:
        return self.replication.last_seq()

    def forked_persons(self) -> list[Fork]:
        """Persons with two or more concurrent 異動, waiting for a supervisor's 職権修正 that names them all."""
        with self._lock:
            return [Fork(r[0], r[1], tuple(json.loads(r[2]))) for r in self._conn.execute(
                "SELECT atena_no, name, tips FROM persons WHERE forked = 1 ORDER BY atena_no")]

    def conflicts(self) -> list[Conflict]:
        """Mutable documents with more than one live leaf: CouchDB kept both, an administrator decides."""
        with self._lock:
            found = []
            for doc_id, doc_class, rev in self._conn.execute(
                    "SELECT id, class, rev FROM docs WHERE class = ? ORDER BY id", (SETTINGS_ID,)).fetchall():
                losers = documents.conflicting_revs(self._conn, doc_id)
                if losers:
                    found.append(Conflict(doc_id, doc_class, rev, tuple(losers)))
            return found

    def resolve_conflict(self, actor: Staff, doc_id: str, merged: Mapping[str, Any]) -> None:
        """Write the merged revision on the winner and delete the losing leaves (管理者)."""
        self.require(actor, Permission.CHANGE_SETTINGS)
        with self._write() as conn:
            losers = documents.conflicting_revs(conn, doc_id)
            if not losers:
                raise ValidationError("競合", "この文書に競合はありません")
            current = documents.get(conn, doc_id)
            assert current is not None
            documents.put_edit(conn, self._data_key, doc_id, current.doc_class,
                               {**dict(merged), "updated_by": actor.user})
            for rev in losers:
                documents.insert_revision(conn, documents.Document(
                    doc_id, documents.revision_id(self._data_key, rev, True, {}), current.doc_class, {}, True),
                    parent_rev=rev)
            self._audit.record(actor.user, "競合解決", doc_id, ", ".join(losers))

    def document(self, doc_id: str) -> documents.Document | None:
        with self._lock:
            return documents.get(self._conn, doc_id)

    def rebuild(self, actor: Staff) -> int:
        """Rebuild the derived tables from the documents; return the number of persons."""
        self.require(actor, Permission.REBUILD)
        with self._write() as conn:
            count = derived.rebuild(conn, ((d.id, d.body) for d in documents.iter_class(conn, derived.IDOU)))
            conn.execute("ANALYZE")
            self._audit.record(actor.user, "再構築", "", str(count))
            return count

    # --- reading -------------------------------------------------------------------------------------------------

    def search(self, actor: Staff, query: str, *, include_removed: bool = False, mynumber: bool = False,
               resident_kind: str | None = None, limit: int = search.MAX_RESULTS) -> search.SearchResult:
        self.require(actor, Permission.SEARCH_MYNUMBER if mynumber else Permission.SEARCH)
        with self._lock:
            result = search.find(self._conn, query, today=self.today().isoformat(), include_removed=include_removed,
                                 mynumber=mynumber, resident_kind=resident_kind, limit=limit)
            action = "個人番号検索" if mynumber else "検索"
            self._audit.record(actor.user, action, "", json.dumps(
                {"kind": result.kind, "query": query, "removed": include_removed, "hits": len(result.ids)}
                | ({"resident_kind": resident_kind} if resident_kind else {}), ensure_ascii=False))
            self._after_read()
            return result

    def returning_candidates(self, actor: Staff, name_kana: str, birth: str) -> list[search.PersonSummary]:
        """同一人 check on 転入: persons of the 除票 with this フリガナ and 生年月日 (as typed, 和暦 or 西暦)."""
        self.require(actor, Permission.SEARCH)
        day = parse_date(birth, item="生年月日", allow_unknown=True, allow_noncalendar=True)
        with self._lock:
            found = returning.candidates(self._conn, name_kana, day.iso, self.today().isoformat())
            self._audit.record(actor.user, "同一人の確認", "", f"{len(found)}件")
        self._after_read()
        return found

    def summaries(self, ids: list[int]) -> list[search.PersonSummary]:
        """Table rows of an executed search (audited as part of it)."""
        with self._lock:
            return search.summaries(self._conn, ids, self.today().isoformat())

    def person(self, actor: Staff, atena_no: str) -> PersonRecord:
        self.require(actor, Permission.VIEW)
        with self._lock:
            state = _State(self._conn)
            current = state.current(atena_no)
            if current is None:
                raise ValidationError("宛名番号", f"宛名番号 {atena_no} の人は登録されていません")
            rows = self._conn.execute(
                "SELECT doc_id, parents, processed_at, reason FROM person_rows WHERE atena_no = ?", (atena_no,)
            ).fetchall()
            reasons = {r[0]: r[3] for r in rows}
            history = [
                HistoryEntry(number, ref.doc_id, reasons[ref.doc_id], ref.processed_at,
                             Person.from_json(derived.row_in(documents.body_of(self._conn, ref.doc_id), atena_no)))
                for number, ref in numbered(RowRef(r[0], tuple(json.loads(r[1])), r[2]) for r in rows)
            ]
            household = household_order(state.living_here(current.person.setai_no, self.today()))
            protected = self._shown(actor, self._conn, atena_no)
            self._audit.record(actor.user, "照会（支援措置対象者）" if protected else "照会", atena_no)
            self._after_read()
            return PersonRecord(current.person, current.tips, history, household, protected,
                                lives_here(current.person, self.today()))

    def record_mynumber_shown(self, actor: Staff, atena_no: str) -> None:
        """The 個人番号 of a person was shown in full on a screen: an audit entry of its own."""
        self.require(actor, Permission.VIEW)
        with self._lock:
            self._audit.record(actor.user, "個人番号表示", atena_no)
            self._after_read()

    def single_person_households(self) -> list[str]:
        """宛名番号 of residents who live alone, in number order (persons under 支援措置 left out)."""
        protected = self.protected_persons()
        with self._lock:
            return [r[0] for r in self._conn.execute(
                "SELECT min(atena_no) FROM persons WHERE resident = 1 GROUP BY setai_no HAVING count(*) = 1 "
                "ORDER BY 1"
            ) if r[0] not in protected]

    def counts(self) -> dict[str, int]:
        with self._lock:
            resident, removed, households, forked = self._conn.execute(
                "SELECT sum(resident), sum(1 - resident), count(DISTINCT CASE WHEN resident THEN setai_no END), "
                "sum(forked) FROM persons"
            ).fetchone()
            return {"residents": resident or 0, "removed": removed or 0, "households": households or 0,
                    "forked": forked or 0}

    def population(self, actor: Staff, as_of: dt.date, min_area: int = MIN_AREA,
                   progress: Callable[[int, int], None] | None = None) -> Population:
        """地域・年齢別人口 as of a date (係長 and above; audited): see `domain.population` for the rules.

        The 異動 documents are read in batches, letting go of the replica between two of them; `progress(done,
        total)` follows the documents read."""
        self.require(actor, Permission.STATISTICS)
        with self._lock:
            total = opendata.document_count(self._conn)
        rows: list[RowAsOf] = []
        done, after = 0, 0
        while True:
            with self._lock:
                batch, read, after = opendata.history_batch(self._conn, after)
            if not read:
                break
            rows.extend(batch)
            done += read
            if progress is not None:
                progress(done, total)
        town = self.municipality
        result = tabulate(rows, as_of, town.prefecture + town.name, min_area, self.address_book())
        with self._lock:
            self._audit.record(actor.user, "人口統計", "", as_of.isoformat())
        self._after_read()
        return result

    # --- 交付 (certificates) ----------------------------------------------------------------------------------------

    def printer_name(self) -> str:
        """This terminal's プリンタ番号 in the 発行番号 (settings `printers`, by terminal id)."""
        return str(self.settings().get("printers", {}).get(self.terminal_id, kofu.DEFAULT_PRINTER))

    def issue_certificate(self, actor: Staff, request: KofuRequest, render: kofu.Renderer, *,
                          export: bool = False, judgment: Judgment | None = None) -> kofu.Issued:
        """Answer a 交付請求: the rules decide, each copy is numbered, rendered and signed, and the 交付 recorded.

        A refusal (by the rules, or a character no font can draw) raises ValidationError, is recorded in the
        交付履歴 and changes nothing else. `export` (a file rather than the printer) needs 係長 or above.
        For a person under 支援措置 (see `ProtectionFacade`): a named 加害者 is refused whatever `judgment` says; the
        protected person needs a photo ID; anyone else needs `judgment`, a supervisor's, recorded with the 交付.
        """
        self.require(actor, Permission.ISSUE_CERTIFICATE)
        if export:
            self.require(actor, Permission.EXPORT_CERTIFICATE)
        self._check_judge(judgment)
        at = kofu.Counter(self._clock(), self.terminal, actor.user, self.municipality.name,
                          self.municipality.prefecture, self.printer_name())
        refused_by: list[Measure] = []
        try:
            with self._write() as conn:
                issued = kofu.issue(conn, self._data_key, self._numbering, request, render, at,
                                    self._kofu_guard(actor, request, judgment, refused_by))
                mynumber = "個人番号あり" if any(i.value == "個人番号" for i in issued.decision.items) else "個人番号なし"
                self._audit.record(actor.user, "交付", ",".join(p.atena_no for p in issued.persons),
                                   f"{request.kind.value} {issued.decision.disposal.value} {mynumber} 公印あり "
                                   f"{' / '.join(issued.issue_numbers)}")
                if export:
                    self._audit.record(actor.user, "証明書ファイル出力", ",".join(p.atena_no for p in issued.persons),
                                       " / ".join(issued.issue_numbers))
                return issued
        except ValidationError as exc:
            with self._write() as conn:
                kofu.record_refusal(conn, self._data_key, request, at, f"{exc.item}: {exc.message}",
                                    {"protection": {"measures": sorted(m.id for m in refused_by)}} if refused_by
                                    else None)
                self._audit.record(actor.user, "交付拒否", ",".join(request.atena_nos), f"{exc.item}: {exc.message}")
            raise

    def kofu_history(self, actor: Staff, atena_no: str | None = None) -> list[dict[str, Any]]:
        """The 交付履歴 (every 交付 and refusal), oldest first."""
        self.require(actor, Permission.VIEW)
        with self._lock:
            return kofu.history(self._conn, atena_no)

    def today(self) -> dt.date:
        """The facade's date, by which the 交付 rules decide (screens use it to explain them beforehand)."""
        return self._clock().date()

    def certificate_public_key(self) -> Ed25519PublicKey:
        """The municipality's public key, for checking a certificate's signature."""
        with self._lock:
            return kofu.public_key(self._conn)
