"""The registry: opens, creates, joins and closes the replica, and builds one service per business concern over a
shared store context, as Anki's collection builds its managers.

    registry = Registry.open(data_dir, clock=clock)
    actor = registry.sign_in(user, password)
    registry.residents.search(actor, "ヤマダ")            # or registry.search(...): the most used are forwarded
    registry.kofu.issue(actor, request, render)

The window and the command line both call these services, so every operation can be run, tested and scripted
headless. Every operation runs in one transaction of the single writer, checked for the acting staff member's
rights; every disclosure of personal data passes `local_store.disclosure`. A new business area adds its own service
module and one line here (see docs/business-areas.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.canonical import canonical_json
from domain.check_digits import M11Settings, validate_local_government_code
from domain.errors import ValidationError
from domain.escrow import EscrowSecret
from domain.roles import Role
from local_store import meta, staff
from local_store.audit import AuditLog
from local_store.audit_anchor import AnchorStore
from local_store.audit_service import AuditService
from local_store.bundle_service import BundleService
from local_store.codes_service import CodesService
from local_store.context import Clock, Municipality, StoreContext
from local_store.daily_service import DailyService
from local_store.database import Connection, DatabaseError, connect, new_file, setup_done, store_error
from local_store.disaster_service import DisasterService
from local_store.disclosure import DisclosureCheck
from local_store.errors import StoreError
from local_store.etsuran_service import EtsuranService
from local_store.fuhyo_service import FuhyoService
from local_store.idou_service import Applied, IdouService
from local_store.inkan_service import InkanService
from local_store.keys_service import KeysService
from local_store.kofu_service import KofuService
from local_store.migrations import migrate
from local_store.mynumber_service import MynumberService
from local_store.notices_service import NoticesService
from local_store.numbering import Numbering
from local_store.protection import Judgment
from local_store.protection_service import ProtectionService
from local_store.purge_service import PurgeService
from local_store.recovery import with_new_code
from local_store.replication import Replication
from local_store.residents_service import PersonRecord, ResidentsService
from local_store.review_service import ReviewService
from local_store.search import MAX_RESULTS, PersonSummary, SearchResult
from local_store.settings_service import SettingsService
from local_store.staff import Staff
from local_store.staff_service import StaffService
from local_store.statistics_service import StatisticsService
from local_store.terminal_key import PassphrasePrompt, TerminalFile, forget_key, new_key
from local_store.trusted_time import TrustedTime
from local_store.unlock import open_file


class Registry:
    def __init__(self, data_dir: Path, conn: Connection, clock: Clock, terminal_key: bytes, *,
                 new_replica: str | None = None) -> None:
        """`new_replica`: terminal.json's id of a replica being made (whose terminal.json is written last)."""
        found = meta.read(conn)
        if "terminal_name" not in found:
            raise StoreError("台帳の初期設定が終わっていません（初期設定をやり直してください）", "replica was never set up")
        self.data_dir = data_dir
        self.terminal = found["terminal_name"]
        self.terminal_id = found["terminal_id"]
        self.municipality = Municipality(found["municipality_name"], found["prefecture"], found["municipality_code"],
                                         found["mayor"])
        self.is_demo = found.get("demo") == "1"
        keys = meta.secrets(conn)
        replica = new_replica or TerminalFile.load(data_dir).terminal_id
        log = AuditLog.open(conn, AnchorStore(data_dir, replica, terminal_key), terminal=self.terminal,
                            terminal_id=self.terminal_id, replica=replica, clock=clock, new=new_replica is not None)
        self.store = ctx = StoreContext(data_dir, conn, clock, keys["data_key"], self.terminal, self.terminal_id,
                                        self.municipality, log)
        signer = Ed25519PrivateKey.from_private_bytes(keys["signing_key"]) if "signing_key" in keys else None
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(found["signing_public_key"]))
        m11 = M11Settings(found.get("m11_weights_from_right", "1") == "1",
                          found.get("m11_remainder_one", "skip"))  # type: ignore[arg-type]
        numbering = Numbering(conn, self.terminal_id, public, signer, m11, clock)
        self._closed = False

        self.trusted_time = TrustedTime(ctx, found)
        self.replication = Replication(ctx, public)
        self.settings = SettingsService(ctx)
        self.staff = StaffService(ctx)
        self.audit = AuditService(ctx, self.replication)
        self.protection = ProtectionService(ctx, self.trusted_time)
        self.disclosure = DisclosureCheck(ctx, self.protection, self.staff)
        self.residents = ResidentsService(ctx, self.disclosure)
        self.idou = IdouService(ctx, numbering, self.protection, self.trusted_time, self.staff, self.disclosure)
        self.kofu = KofuService(ctx, numbering, self.disclosure, self.settings, self.replication)
        self.daily = DailyService(ctx, self.disclosure)
        self.statistics = StatisticsService(ctx, self.settings)
        self.mynumber = MynumberService(ctx, self.disclosure, self.idou)
        self.keys = KeysService(ctx, numbering, terminal_key, demo=self.is_demo)
        self.codes = CodesService(ctx, numbering, self.disclosure, self.idou)
        self.notices = NoticesService(ctx, self.disclosure, self.idou, self.staff)
        self.disaster = DisasterService(ctx, numbering, self.disclosure, self.settings, self.kofu)
        self.fuhyo = FuhyoService(ctx, numbering, self.disclosure, self.kofu)
        self.etsuran = EtsuranService(ctx, numbering, self.disclosure, self.settings)
        self.bundles = BundleService(ctx, self.replication, self.staff)
        self.purge = PurgeService(ctx)
        self.review = ReviewService(ctx, self.replication, self.disclosure)
        self.inkan = InkanService(ctx, numbering, self.disclosure, self.kofu)
        self._numbering = numbering  # for the first leases of a new replica

    # --- the most used operations, forwarded ------------------------------------------------------------------------

    def sign_in(self, user: str, password: str, one_time_password: str = "") -> Staff:
        return self.staff.sign_in(user, password, one_time_password)

    def search(self, actor: Staff, query: str, *, include_removed: bool = False, mynumber: bool = False,
               resident_kind: str | None = None, limit: int = MAX_RESULTS) -> SearchResult:
        return self.residents.search(actor, query, include_removed=include_removed, mynumber=mynumber,
                                     resident_kind=resident_kind, limit=limit)

    def summaries(self, ids: list[int]) -> list[PersonSummary]:
        return self.residents.summaries(ids)

    def person(self, actor: Staff, atena_no: str) -> PersonRecord:
        return self.residents.person(actor, atena_no)

    def apply(self, actor: Staff, request: Mapping[str, Any], judgment: Judgment | None = None) -> Applied:
        return self.idou.apply(actor, request, judgment)

    def now(self) -> dt.datetime:
        """The registry's clock: the time of the operations, and of what the window shows and names."""
        return self.store.now()

    def today(self) -> dt.date:
        """The registry's date, by which the rules decide (screens use it to explain them beforehand)."""
        return self.store.today()

    # --- opening and creating ------------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, passphrase: PassphrasePrompt | None = None, *, clock: Clock,
             recovery_code: str | None = None, admin_passphrase: str | None = None) -> Registry:
        """Open with the keyring's key (or the passphrase's), or with the 復旧コード when `recovery_code` is given, or
        the 管理者の合言葉 when `admin_passphrase` is."""
        conn, key = open_file(data_dir, passphrase, recovery_code, admin_passphrase)
        try:
            migrate(conn, clock())
            return cls(data_dir, conn, clock, key)
        except DatabaseError as exc:
            conn.close()
            raise store_error(exc) from None
        except BaseException:
            conn.close()
            raise

    @classmethod
    def create(cls, data_dir: Path, municipality: Municipality, terminal_name: str, admin: tuple[str, str, str], *,
               clock: Clock, passphrase: PassphrasePrompt | None = None, demo: bool = False) -> Registry:
        """Create a new municipality on this terminal, which becomes its numbering authority.

        `admin` is (user, display name, password) of the first administrator.
        """
        validate_local_government_code(municipality.code)
        signing = Ed25519PrivateKey.generate()
        public_hex = signing.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
        private_raw = signing.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                            serialization.NoEncryption())
        values = {
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
            first["signature"] = signing.sign(canonical_json(first)).hex()
            registry.staff.put_event(registry.store.conn, first)
            registry.settings.first(registry.store.conn, municipality.name, municipality.mayor)
            registry._numbering.grant("atena", registry.terminal_id)
            registry._numbering.grant("setai", registry.terminal_id)

        return cls._new_replica(data_dir, secrets.token_hex(8), terminal_name, values,
                                {"data_key": secrets.token_bytes(32), "signing_key": private_raw},
                                passphrase, clock, populate)

    @classmethod
    def join(cls, data_dir: Path, enrollment: Mapping[str, Any], *, clock: Clock,
             passphrase: PassphrasePrompt | None = None) -> Registry:
        """Make this terminal a replica of an existing municipality from an enrollment (`registry.keys.enrollment`).

        The replica starts empty but for its keys and number leases; the first sync restores the documents.
        """
        try:
            town = enrollment["municipality"]
            values = {"municipality_name": town["name"], "prefecture": town["prefecture"],
                      "municipality_code": town["code"], "mayor": town["mayor"],
                      "signing_public_key": enrollment["signing_public_key"], "numbering_authority": "0",
                      "demo": "1" if enrollment.get("demo") else "0",
                      "terminal_key_cert": str(enrollment["terminal_key_cert"])}
            data_key = bytes.fromhex(enrollment["data_key"])
            signing_key = bytes.fromhex(enrollment["terminal_signing_key"])
            leases = list(enrollment["leases"])
            terminal_id, terminal_name = enrollment["terminal_id"], enrollment["terminal_name"]
        except (KeyError, TypeError, ValueError):
            raise StoreError("登録情報の形が正しくありません", "malformed enrollment") from None

        def populate(registry: Registry) -> None:
            for lease in leases:
                registry._numbering.accept(lease)

        return cls._new_replica(data_dir, terminal_id, terminal_name, values,
                                {"data_key": data_key, "terminal_signing_key": signing_key}, passphrase, clock,
                                populate)

    @classmethod
    def from_escrow(cls, data_dir: Path, secret: EscrowSecret, terminal_name: str, *, clock: Clock,
                    passphrase: PassphrasePrompt | None = None) -> Registry:
        """An empty replica of a municipality that lost every terminal, with its keys rebuilt from the 分割鍵: the
        new numbering authority. The caller fills it from the cloud, then settles it (`authority_restore.settle`)."""
        signing = Ed25519PrivateKey.from_private_bytes(secret.signing_key)
        public_hex = signing.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
        values = {"municipality_name": secret.name, "prefecture": secret.prefecture, "municipality_code": secret.code,
                  "mayor": secret.mayor, "signing_public_key": public_hex, "numbering_authority": "1", "demo": "0",
                  "restored_from_escrow": "1"}
        return cls._new_replica(data_dir, secrets.token_hex(8), terminal_name, values,
                                {"data_key": secret.data_key, "signing_key": secret.signing_key},
                                passphrase, clock, lambda _registry: None)

    @classmethod
    def _new_replica(cls, data_dir: Path, terminal_id: str, terminal_name: str, values: dict[str, str],
                     secret_values: dict[str, bytes], passphrase: PassphrasePrompt | None, clock: Clock,
                     populate: Callable[[Registry], None]) -> Registry:
        """The key is stored first and terminal.json written last, so an interrupted set-up leaves no half-made
        replica that looks finished."""
        if not terminal_name.strip():
            raise ValidationError("端末名", "端末名を入力してください")
        data_dir.mkdir(parents=True, exist_ok=True)
        if (data_dir / "terminal.json").exists():
            raise StoreError("この場所にはすでに台帳があります", f"a replica already exists in {data_dir}")
        db_path = new_file(data_dir)  # refused over a file already there, but the leftover of a set-up of ours
        key, terminal_info = new_key(terminal_id, passphrase)
        try:
            conn = connect(db_path, key, None)
            migrate(conn, clock())
            values = {**values, "terminal_id": terminal_id, "terminal_name": terminal_name.strip(),
                      "m11_weights_from_right": "1", "m11_remainder_one": "skip",
                      "created_at": clock().isoformat(timespec="seconds")}
            conn.execute("BEGIN IMMEDIATE")
            meta.put(conn, values)
            meta.put_secrets(conn, secret_values)
            conn.execute("COMMIT")
            registry = cls(data_dir, conn, clock, key, new_replica=terminal_info.terminal_id)
            with registry.store.write():
                populate(registry)
            terminal_info, registry.keys.fresh_recovery_code = with_new_code(terminal_info, key)
            terminal_info.save(data_dir)
            setup_done(data_dir)
            return registry
        except BaseException:
            if terminal_info.source == "keyring":
                forget_key(terminal_id)
            raise

    # --- closing -----------------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Write what the audit holds and close; closing twice is harmless."""
        with self.store.lock:
            if self._closed:
                return
            self._closed = True
            self.store.flush()
            self.store.conn.execute("PRAGMA optimize")  # refreshes the planner's statistics where they went stale
            self.store.conn.close()

    def analyze(self) -> None:
        """Give the query planner statistics after a bulk load."""
        with self.store.lock:
            self.store.conn.execute("ANALYZE")
