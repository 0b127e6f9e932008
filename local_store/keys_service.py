"""The keys (管理者): a new 復旧コード, the 管理者の合言葉, 分割鍵 (escrow shares), 鍵の更新, バックアップ, the
enrollment that lets a new terminal join, and the 失効 of a terminal's certificate signing key
(`domain.terminal_keys`), and the ranges of numbers granted to the terminals enrolled here after their enrollment
(`top_up_leases`).

The terminal key, data key and signing key never leave this process except wrapped (terminal.json, the backup
file), split (the shares, which the caller prints) or sealed (the enrollment, which the caller seals to the
one terminal that claimed its one-time code).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain import escrow, terminal_keys
from domain.certificate_items import terminal_key_message
from domain.errors import ValidationError
from domain.roles import Permission
from local_store import admin_passphrase, backup, documents, enrollments, meta, recovery, rekey, signing_keys
from local_store.audit import ENROLLED
from local_store.context import StoreContext, require
from local_store.enrollments import Enrollment
from local_store.errors import StoreError
from local_store.numbering import KINDS, NAMES, NLEASE, Numbering
from local_store.staff import Staff
from local_store.terminal_key import TerminalFile

ENROLLMENT_CONFIRMED = "端末登録の確認"  # target the new terminal's id, detail its name and the 確認番号
LEASES_GRANTED = "番号の払い出し"  # target the terminals' ids, detail their names and the kinds granted to each


class KeysService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, terminal_key: bytes, *, demo: bool) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._terminal_key = terminal_key
        self._demo = demo
        self.fresh_recovery_code: str | None = None  # a new replica's 復旧コード, until its kit is printed

    def key_source(self) -> str:
        """Where the terminal key is kept: "keyring" or "passphrase" (端末の合言葉)."""
        return TerminalFile.load(self._ctx.data_dir).source

    def take_fresh_recovery_code(self) -> str | None:
        """A replica just made: its 復旧コード, handed out once (for the recovery kit), then forgotten."""
        code, self.fresh_recovery_code = self.fresh_recovery_code, None
        return code

    def renew_unseen_recovery_code(self) -> None:
        """A join cut short and resumed: the 復旧コード made with the replica was never handed out, so a new one is
        made, to be handed out once (`take_fresh_recovery_code`); the unseen one stops working."""
        with self._ctx.lock:
            self.fresh_recovery_code = recovery.renew(self._ctx.data_dir, self._terminal_key)
            self._ctx.record("", "復旧キット発行", self._ctx.terminal_id, "参加の再開")

    def new_recovery_code(self, actor: Staff) -> str:
        """A new 復旧コード for this terminal's recovery kit; the previous kit stops working."""
        require(actor, Permission.MANAGE_KEYS)
        with self._ctx.lock:
            code = recovery.renew(self._ctx.data_dir, self._terminal_key)
            with self._ctx.write():
                self._ctx.record(actor.user, "復旧キット発行", self._ctx.terminal_id)
        return code

    def has_admin_passphrase(self) -> bool:
        """Whether terminal.json holds a 管理者の合言葉 wrap of the terminal key."""
        return TerminalFile.load(self._ctx.data_dir).admin is not None

    def set_admin_passphrase(self, actor: Staff, passphrase: str) -> None:
        """管理者の合言葉: wrap the terminal key under `passphrase` too (replacing a previous one)."""
        require(actor, Permission.MANAGE_KEYS)
        admin_passphrase.check_length(passphrase)
        with self._ctx.lock:
            with self._ctx.write():
                self._ctx.record(actor.user, "管理者の合言葉の設定", self._ctx.terminal_id)
            admin_passphrase.set_wrap(self._ctx.data_dir, self._terminal_key, passphrase)

    def remove_admin_passphrase(self, actor: Staff) -> bool:
        """Drop the 管理者の合言葉 wrap; False when there was none."""
        require(actor, Permission.MANAGE_KEYS)
        with self._ctx.lock:
            if not self.has_admin_passphrase():
                return False
            with self._ctx.write():
                self._ctx.record(actor.user, "管理者の合言葉の削除", self._ctx.terminal_id)
            return admin_passphrase.remove_wrap(self._ctx.data_dir)

    def rekey(self, actor: Staff, keep_code: Callable[[str], None], passphrase: str | None = None,
              admin: str | None = None) -> None:
        """鍵の更新: a new terminal key, a new 復旧コード (given to `keep_code` first) and, where there is no
        keyring, `passphrase` as the 端末の合言葉 from now on. A 管理者の合言葉 wrap is kept when `admin` (that
        passphrase) is given, and dropped when not."""
        require(actor, Permission.MANAGE_KEYS)
        with self._ctx.lock:
            if admin is not None:  # a mistyped one is refused before anything is written
                admin_passphrase.verify(TerminalFile.load(self._ctx.data_dir), admin)
            with self._ctx.write():
                self._ctx.record(actor.user, "鍵の更新", self._ctx.terminal_id)
            self._terminal_key = rekey.rotate(self._ctx.conn, self._ctx.data_dir, passphrase, keep_code, admin)
            self._ctx.audit.rekeyed(self._terminal_key)

    def escrow_shares(self, actor: Staff, count: int, threshold: int) -> list[str]:
        """分割鍵: the data key and signing key split into `count` shares, any `threshold` of which restore them."""
        require(actor, Permission.MANAGE_KEYS)
        with self._ctx.lock:
            rows = meta.secrets(self._ctx.conn)
            if "signing_key" not in rows:
                raise StoreError("分割鍵は町を作成した端末（番号の払い出し元）で作成してください",
                                 "only the numbering authority holds the signing key")
            town = self._ctx.municipality
            shares = escrow.split(escrow.EscrowSecret(rows["data_key"], rows["signing_key"], town.code,
                                                      town.prefecture, town.name, town.mayor), count, threshold)
            with self._ctx.write():
                self._ctx.record(actor.user, "分割鍵の作成", "", f"{threshold}/{count}")
        return shares

    def backup(self, actor: Staff, out: Path, passphrase: str) -> None:
        """バックアップ: an encrypted, consistent copy of this replica in `out`, its key under `passphrase`."""
        require(actor, Permission.MANAGE_KEYS)
        with self._ctx.lock:
            with self._ctx.write():
                self._ctx.record(actor.user, "バックアップ", "", out.name)
            town = self._ctx.municipality
            backup.write(self._ctx.conn, out, passphrase, {
                "municipality": town.code, "name": town.prefecture + town.name, "terminal": self._ctx.terminal,
                "terminal_id": self._ctx.terminal_id, "created_at": self._ctx.now().isoformat(timespec="seconds")},
                self._numbering)

    def enrollment(self, actor: Staff, terminal_name: str, valid_hours: int = 24) -> dict[str, Any]:
        """What a new terminal needs to join (管理者, on the numbering authority): keys, identity, signed leases.

        `issue_enrollment` keeps it until it is sealed to the terminal that claims its code (`sync.enrollment`).
        """
        require(actor, Permission.MANAGE_STAFF)
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
        with self._ctx.write() as conn:
            leases = [self._numbering.grant(kind, terminal_id) for kind in KINDS]
            self._ctx.record(actor.user, ENROLLED, terminal_id, terminal_name)
            signing_keys.remember(conn, terminal_id, terminal_name.strip(), terminal_public)
        expires = self._ctx.now() + dt.timedelta(hours=valid_hours)
        town = self._ctx.municipality
        return {
            "municipality": {"name": town.name, "prefecture": town.prefecture, "code": town.code,
                             "mayor": town.mayor},
            "signing_public_key": self._numbering.public_key.public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex(),
            "data_key": self._ctx.data_key.hex(), "terminal_id": terminal_id, "terminal_name": terminal_name.strip(),
            # the new terminal's own key for signing certificates, certified by the municipality's key
            "terminal_signing_key": terminal_key.private_bytes(serialization.Encoding.Raw,
                                                               serialization.PrivateFormat.Raw,
                                                               serialization.NoEncryption()).hex(),
            "terminal_key_cert": authority.sign(terminal_key_message(terminal_public)).hex(),
            "leases": leases, "demo": self._demo, "expires": expires.isoformat(timespec="seconds"),
        }

    def issue_enrollment(self, actor: Staff, terminal_name: str, valid_hours: int, doc_id: str,
                         secret: bytes) -> Enrollment:
        """An enrollment for a new terminal under a code, given as its documents' id and its secret (never the code
        itself): kept here until the one terminal that claims the code is confirmed (`confirm_enrollment`)."""
        payload = self.enrollment(actor, terminal_name, valid_hours)
        issued = Enrollment(doc_id, payload["terminal_name"], payload["terminal_id"], payload["expires"], secret.hex(),
                            payload)
        with self._ctx.write() as conn:
            enrollments.put(conn, issued)
        return issued

    def issued_enrollments(self, actor: Staff) -> list[Enrollment]:
        """The enrollments issued on this terminal, the latest expiry first."""
        require(actor, Permission.MANAGE_STAFF)
        with self._ctx.lock:
            return enrollments.all_issued(self._ctx.conn)

    def confirm_enrollment(self, actor: Staff, doc_id: str, claimant: str, answer: dict[str, Any],
                           check_number: str) -> Enrollment:
        """The enrollment `doc_id` was sealed to the terminal whose key is `claimant` (`answer`): recorded once, so
        that a code serves one terminal only; confirming the same claimant again gives the answer kept."""
        require(actor, Permission.MANAGE_STAFF)
        with self._ctx.write() as conn:
            issued = enrollments.get(conn, doc_id)
            if issued is None:
                raise StoreError("この登録コードはこの端末で発行されたものではありません", "enrollment not issued here")
            if issued.confirmed:
                if issued.claimant != claimant:
                    raise StoreError(f"端末「{issued.terminal_name}」の登録コードは既に別の端末の参加に使われています",
                                     "enrollment confirmed for another claimant")
                return issued
            if self._ctx.now() >= dt.datetime.fromisoformat(issued.expires):
                raise StoreError(f"端末「{issued.terminal_name}」の登録コードは期限切れです", "enrollment expired")
            issued = issued.sealed_to(claimant, answer)
            enrollments.put(conn, issued)
            self._ctx.record(actor.user, ENROLLMENT_CONFIRMED, issued.terminal_id,
                             f"{issued.terminal_name} 確認番号 {check_number}")
        return issued

    def revoke_signing_key(self, actor: Staff, terminal_name: str, reason: str, since: dt.date | None = None) -> dt.date:
        """失効: the certificate signing key of a terminal enrolled here signs nothing from `since` (today when not
        given) on: certificates it signed with a 交付 from that day are 無効 wherever they are verified, once the
        revocation has reached that terminal (管理者, on the numbering authority). Returns the day."""
        require(actor, Permission.MANAGE_KEYS)
        authority = self._numbering.signer
        if authority is None:
            raise StoreError("端末の署名鍵の失効は町を作成した端末（番号の払い出し元）で行ってください",
                             "only the numbering authority revokes terminal keys")
        if not reason.strip():
            raise ValidationError("失効の理由", "失効の理由（端末の紛失・盗難・廃止など）を入力してください")
        name, day = terminal_name.strip(), since or self._ctx.today()
        with self._ctx.write() as conn:
            keys = signing_keys.enrolled(conn, name)
            if not keys:
                raise ValidationError("端末名", f"端末「{name}」はこの端末から登録されていません")
            at = self._ctx.now().isoformat(timespec="seconds")
            for terminal_id, key in keys:
                signing_keys.revoke(conn, self._ctx.data_key, authority, terminal_keys.revocation(
                    terminal_id, name, key, day, reason.strip(), actor.user, at))
                self._ctx.record(actor.user, "端末の署名鍵の失効", terminal_id, f"{name} {day.isoformat()}から: {reason}")
        return day

    def top_up_leases(self) -> int:
        """On the numbering authority (after each sync's pull, `sync.replicator`): grant every terminal enrolled here
        and not revoked a range of each kind it is due (`Numbering.due`), as documents that reach it by sync, in one
        transaction audited once; returns how many ranges were granted (0 elsewhere, and when none is due).
        Granting what was due leaves nothing due: a second call grants nothing."""
        if self._numbering.signer is None:
            return 0
        with self._ctx.lock:
            conn = self._ctx.conn
            revoked = {body["terminal_id"] for body in signing_keys.revocations(conn)}
            due = {(terminal_id, name): kinds for terminal_id, name in sorted(signing_keys.terminals(conn).items())
                   if terminal_id not in revoked and (kinds := self._numbering.due(terminal_id))}
            if not due:
                return 0
            with self._ctx.write() as conn:
                for (terminal_id, _), kinds in due.items():
                    for kind in kinds:
                        documents.put_new(conn, self._ctx.data_key, NLEASE, self._numbering.grant(kind, terminal_id))
                self._ctx.record("", LEASES_GRANTED, " ".join(terminal_id for terminal_id, _ in due), "; ".join(
                    f"{name}: {'、'.join(NAMES[kind] for kind in kinds)}" for (_, name), kinds in due.items()))
        return sum(len(kinds) for kinds in due.values())

    def revoked_signing_keys(self) -> dict[bytes, dt.date]:
        """The terminal keys revoked, each with the first day it signs nothing (for verifying certificates)."""
        with self._ctx.lock:
            return terminal_keys.revoked_since(signing_keys.revocations(self._ctx.conn))
