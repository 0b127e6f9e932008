"""Checks on documents that arrive from the cloud: the same domain and authorization rules as a local write.

The cloud cannot read the documents, so it cannot validate them. A document that fails here goes to the quarantine
that administrators see, and touches nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain import disaster as disaster_rules
from domain import etsuran as etsuran_rules
from domain import fuhyo as fuhyo_rules
from domain import inkan as inkan_rules
from domain import protection as protection_rules
from domain import staff_events, terminal_keys
from domain.canonical import canonical_json
from domain.daily import mark_problem
from domain.errors import ValidationError
from domain.idou import Idou
from domain.idou_documents import check_document
from domain.kofu_history import cancel_problem
from domain.kofu_rules import Disposal
from domain.person_rules import check_person
from domain.roles import Permission, Role, allowed
from local_store import juminhyo_pool, notices, numbering, purge, signing_keys, staff
from local_store.database import Connection
from local_store.documents import Document, get

IDOU, STAFF, SETTINGS, SHIEN, KOFU, TENKEN, HIGAI = "idou", "staff", "settings", "shien", "kofu", "tenken", "higai"
FUHYO = "fuhyo"  # local_store.fuhyo


class Checks:
    """The checks of one batch of arrivals, inside its transaction. Each author's role is looked up once; when a
    staff event is stored, `staff_changed` forgets what was looked up. Only staff events may depend on documents
    of their own batch: the others are all checked before any of them is stored (`Replication.receive`)."""

    def __init__(self, conn: Connection, public_key: Ed25519PublicKey, today: dt.date) -> None:
        self._conn = conn
        self._public_key = public_key
        self._today = today
        self._roles: dict[str, Role | None] = {}

    def staff_changed(self) -> None:
        self._roles.clear()

    def problem(self, doc: Document, *, form_checked: bool = False) -> str | None:
        """Why this document must not be accepted, in plain words; None when it passes. With `form_checked`, what
        `form_problem` checks was checked already (where the envelope was opened)."""
        if doc.deleted:
            return None if doc.doc_class == SETTINGS else f"a {doc.doc_class} document cannot be deleted"
        if doc.doc_class == IDOU:
            return (None if form_checked else form_problem(doc, self._today)) or self._idou_authority(doc.body)
        if doc.doc_class == STAFF:
            return _staff_problem(self._conn, doc.body, self._public_key)
        if doc.doc_class == SHIEN:
            return self._protection_problem(doc.body)
        if doc.doc_class == KOFU:
            return self._kofu_problem(doc.body)
        if doc.doc_class == HIGAI:
            return self._higai_problem(doc.body)
        if doc.doc_class == FUHYO:
            return self._fuhyo_problem(doc.body)
        if doc.doc_class == inkan_rules.INKAN:
            return self._inkan_problem(doc.body)
        if doc.doc_class == etsuran_rules.ETSURAN:
            return self._etsuran_problem(doc.body)
        if doc.doc_class == TENKEN:
            malformed = mark_problem(doc.body)
            if malformed is not None:
                return malformed
            by = doc.body["by"]
            return None if self._staff_may(by, Permission.DAILY_CHECK) else f"点検 by {by!r}, who may not check"
        if doc.doc_class in notices.CLASSES:
            return notices.arrival_problem(doc.doc_class, doc.body, self._staff_may)
        if doc.doc_class == terminal_keys.TKEY:
            return signing_keys.signature_problem(doc.body, self._public_key)
        if doc.doc_class == purge.PURGE:
            return self._purge_problem(doc.body)
        if doc.doc_class == numbering.NLEASE:
            return numbering.lease_problem(doc.body, self._public_key)
        if doc.doc_class == juminhyo_pool.JCODE:
            return juminhyo_pool.signature_problem(
                doc.body, self._public_key, lambda by: self._staff_may(by, Permission.CHANGE_SETTINGS))
        if doc.doc_class == SETTINGS:
            if not isinstance(doc.body, dict):
                return "settings are not an object"
            by = doc.body.get("updated_by")
            if by is not None and not self._staff_may(str(by), Permission.CHANGE_SETTINGS):
                return f"settings changed by {by!r}, who may not change them"
            return None
        return f"unknown document class {doc.doc_class!r}"

    def _kofu_problem(self, body: Any) -> str | None:
        """A 交付履歴 entry: well formed, and made by someone who may issue certificates."""
        try:
            staff_user, kind, disposal = body["staff"], body["request"]["kind"], body["disposal"]
            numbers, fee = body["issue_numbers"], body["fee"]
        except (KeyError, TypeError):
            return "a malformed 交付 record"
        if not (isinstance(staff_user, str) and isinstance(kind, str) and isinstance(numbers, list)
                and isinstance(fee, int) and disposal in {d.value for d in Disposal}):
            return "a malformed 交付 record"
        if disposal == Disposal.CANCELLED.value:
            return cancel_problem(body) or self._cancel_authority(body)
        if kind == disaster_rules.RISAI_KIND:
            request = body["request"]
            if not (isinstance(request.get("assessment"), str) and isinstance(request.get("number"), str)):
                return "a malformed 罹災証明書 交付 record"
            if not self._staff_may(staff_user, Permission.ISSUE_RISAI):
                return f"罹災証明書 交付 by {staff_user!r}, who may not issue one"
            return None
        if not self._staff_may(staff_user, Permission.ISSUE_CERTIFICATE):
            return f"交付 by {staff_user!r}, who may not issue certificates"
        return None

    def _cancel_authority(self, body: dict[str, Any]) -> str | None:
        """A 交付の取消し: by a 係長 or above, or by the staff member who issued the 交付 on its day (the 交付 must be
        here to tell: until it arrives, the cancellation waits in the quarantine)."""
        by = body["staff"]
        if self._staff_may(by, Permission.CANCEL_ISSUE):
            return None
        if not self._staff_may(by, Permission.ISSUE_CERTIFICATE):
            return f"交付の取消し by {by!r}, who may not issue certificates"
        original = get(self._conn, body["cancels"]["doc_id"])
        if original is None or original.doc_class != KOFU:
            return "a 交付の取消し of a 交付 that has not arrived"
        if original.body.get("staff") != by or str(original.body.get("at", ""))[:10] != body["at"][:10]:
            return f"交付の取消し by {by!r} of another staff member's 交付, or of another day's"
        return None

    def _purge_problem(self, body: Any) -> str | None:
        """A purge order: well formed, signed with the municipality's key, ordered by an administrator."""
        bad = purge.signature_problem(body, self._public_key)
        if bad is not None:
            return bad
        return None if self._staff_may(body["by"], Permission.PURGE) else f"purge ordered by {body['by']!r}, who may not"

    def _higai_problem(self, body: Any) -> str | None:
        """A damage assessment: well formed, and recorded by someone who may record one."""
        malformed = disaster_rules.problem(body, self._today)
        if malformed is not None:
            return malformed
        if not self._staff_may(body["staff"], Permission.RECORD_DAMAGE):
            return f"被害認定 by {body['staff']!r}, who may not record one"
        return None

    def _etsuran_problem(self, body: Any) -> str | None:
        """A 閲覧 event: well formed (a request as the law asks for it), received by someone who may receive one,
        and decided or listed by someone who may decide (a decision whose request has not arrived changes nothing
        until it is here)."""
        malformed = etsuran_rules.problem(body)
        if malformed is not None:
            return malformed
        needed = (Permission.RECEIVE_ETSURAN if body["event"] == etsuran_rules.Event.REQUEST.value
                  else Permission.DECIDE_ETSURAN)
        return None if self._staff_may(body["staff"], needed) else f"閲覧 {body['event']} by {body['staff']!r}, who may not"

    def _inkan_problem(self, body: Any) -> str | None:
        """A 印鑑登録 event: well formed, and made by someone who may make it (an abolition with a 異動 by someone who
        may record one, an abolition of one of two registrations by a 係長)."""
        malformed = inkan_rules.problem(body)
        if malformed is not None:
            return malformed
        needed = Permission.REGISTER_INKAN
        if body["event"] == inkan_rules.ABOLISH and body["reason"] in inkan_rules.REMOVAL_REASONS.values():
            needed = Permission.APPLY_IDOU
        elif body["event"] == inkan_rules.ABOLISH and body["reason"] == inkan_rules.AbolishReason.FORK:
            needed = Permission.RESOLVE_FORK
        return None if self._staff_may(body["staff"], needed) else f"印鑑登録 by {body['staff']!r}, who may not"

    def _fuhyo_problem(self, body: Any) -> str | None:
        """A 処理 on the 戸籍の附票: well formed, and made by someone who may record one (a 移行 from a file by someone
        who may import 附票)."""
        malformed = fuhyo_rules.document_problem(body)
        if malformed is not None:
            return malformed
        needed = Permission.IMPORT_FUHYO if body["source"].startswith(fuhyo_rules.IMPORT_SOURCE) \
            else Permission.APPLY_IDOU
        return None if self._staff_may(body["by"], needed) else f"附票の記載 by {body['by']!r}, who may not"

    def _staff_may(self, user: str, permission: Permission) -> bool:
        if user not in self._roles:
            found = staff.find(self._conn, user)
            self._roles[user] = None if found is None else found[0].role
        role = self._roles[user]
        return role is not None and allowed(role, permission)

    def _protection_problem(self, body: dict[str, Any]) -> str | None:
        """A 支援措置 event is well formed and written by someone who may set measures. A 延長 or 終了 whose 開始 has
        not arrived yet is kept: it changes nothing until the 開始 is here."""
        malformed = protection_rules.problem(body)
        if malformed is not None:
            return malformed
        if not self._staff_may(body["by"], Permission.MANAGE_PROTECTION):
            return f"protection event by {body['by']!r}, who may not set measures"
        return None

    def _idou_authority(self, body: dict[str, Any]) -> str | None:
        """A 異動 of valid form is recorded by someone who may record one (and resolve a fork, when it does)."""
        by = body["staff"]
        if not self._staff_may(by, Permission.APPLY_IDOU):
            return f"異動 by {by!r}, who may not record one"
        if any(len(r["parents"]) > 1 for r in body["rows"]) and not self._staff_may(by, Permission.RESOLVE_FORK):
            return f"fork resolved by {by!r}, who may not resolve one"
        return None


def form_problem(doc: Document, today: dt.date) -> str | None:
    """What is wrong with a 異動 document by the domain rules alone, or None (and for other classes, whose checks
    all read the replica). It needs no replica: a large pull runs it where the envelopes are opened."""
    if doc.doc_class != IDOU or doc.deleted:
        return None
    try:
        idou = Idou.from_json(doc.body)
        check_document(idou)
        for change in idou.rows:
            check_person(change.row, today)
    except ValidationError as exc:
        return f"invalid 異動: {exc.item}: {exc.message}"
    except (KeyError, TypeError, ValueError) as exc:
        return f"malformed 異動: {type(exc).__name__}"
    return None if idou.rows else "a 異動 without rows"


def _staff_problem(conn: Connection, body: dict[str, Any], public_key: Ed25519PublicKey) -> str | None:
    """A staff event is well formed and written by an administrator in use here (the first administrator's creation
    is signed with the municipality's key instead); an event on an account needs the account to be known here."""
    malformed = staff_events.problem(body)
    if malformed is not None:
        return malformed
    if "signature" in body:
        if body["event"] != staff_events.CREATE:
            return "a signed staff event other than a creation"
        unsigned = {k: v for k, v in body.items() if k != "signature"}
        try:
            public_key.verify(bytes.fromhex(body["signature"]), canonical_json(unsigned))
            return None
        except (InvalidSignature, ValueError, TypeError):
            return "staff event with a bad signature"
    if not staff.authorized_by_admin(conn, body):
        return f"staff event by {body.get('by')!r}, who is not an administrator in use here"
    if body["event"] != staff_events.CREATE and staff.account(conn, body["user"]) is None:
        return f"staff event on {body['user']!r}, an account not known here yet"
    return None
