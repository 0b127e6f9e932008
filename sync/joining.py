"""A new terminal joins the municipality: the administrator's terminal issues a one-time code, the new terminal
claims it, the administrator's terminal confirms that one claim, and the new terminal makes its replica and restores
it from the cloud (the documents: `sync.enrollment`).

    administrator                              new terminal
    issue(): code on paper, invitation  ->     join(): claim with its own key (kept, wrapped, in its folder)
    confirm(): the claim checked, the   <-     ... waits (or ends, to be run again: it resumes)
      enrollment sealed to that key     ->     join(): opens it, makes the replica, restores it, done

A code serves one terminal, whatever the cloud keeps: a second folder finds the code claimed, and the issuing
terminal seals the enrollment to the first claimant only, once. A join cut short resumes when it is run again in the
same folder with the same code; whatever it leaves behind is of no use to anyone else.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from local_store.context import Clock
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from local_store.terminal_key import TERMINAL_FILE, PassphrasePrompt, store_cloud_password
from sync import audit_replicator, enrollment
from sync.audit_replicator import AuditReplicator
from sync.cloud import check_transport, configured_client
from sync.couch_client import CloudConfig, CouchClient
from sync.enrollment import CodeKeys, EnrollmentError
from sync.replicator import Progress, Replicator

PENDING_FILE = "joining.json"  # in the new terminal's folder while its join is not done
POLL_SECONDS = 3.0
USED = "この登録コードは既に使われています"


class EnrollmentPending(EnrollmentError):
    """The code is claimed and the administrator's terminal has not confirmed it yet: run the join again later."""

    def __init__(self, check_number: str) -> None:
        super().__init__(f"登録コードで参加を申請しました。管理者の端末で参加を確認してもらってください（確認番号 {check_number}）。"
                         "確認の後、同じフォルダで同じ登録コードを使ってもう一度実行すると続きから参加します",
                         "claimed, waiting for the administrator's confirmation")
        self.check_number = check_number


# --- the administrator's terminal ---------------------------------------------------------------------------------

def issue(registry: Registry, actor: Staff, terminal_name: str, valid_hours: int = 24) -> str:
    """An enrollment for a new terminal (管理者, on the numbering authority), announced in the cloud; returns its
    one-time code, to be handed over on paper."""
    code = enrollment.new_code()
    keys = enrollment.code_keys(code)
    issued = registry.keys.issue_enrollment(actor, terminal_name, valid_hours, keys.doc_id, keys.secret)
    client = configured_client(registry)
    try:
        client.put_new(CouchClient.doc_path(keys.doc_id), enrollment.invitation(issued.expires))
    finally:
        client.close()
    return code


@dataclass
class Confirmations:
    confirmed: list[tuple[str, str]] = field(default_factory=list)  # (terminal name, 確認番号)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (terminal name, why)
    waiting: list[str] = field(default_factory=list)  # terminal names whose code nobody claimed yet


def confirm(registry: Registry, actor: Staff) -> Confirmations:
    """Seal each open enrollment issued here to the terminal that claimed its code (管理者). A claim not made with
    the code, or made after another was confirmed, is refused; an answer the cloud lost is written again."""
    report = Confirmations()
    now = registry.now()
    client = configured_client(registry)
    try:
        for issued in registry.keys.issued_enrollments(actor):
            if now >= dt.datetime.fromisoformat(issued.expires):
                continue  # claims are no longer taken, and a terminal confirmed before has long had its answer
            keys = CodeKeys(issued.doc_id, bytes.fromhex(issued.secret))
            stored = client.get(CouchClient.doc_path(keys.claim_id), missing_ok=True)
            claimant = None if stored is None else enrollment.claimant(keys, stored)
            if issued.confirmed:
                if claimant is not None and claimant != issued.claimant:
                    report.refused.append((issued.terminal_name, "既に参加を確認した端末とは別の端末からの申請です"))
                assert issued.answer is not None
                _put_answer(client, keys, issued.answer)
                continue
            if stored is None:
                report.waiting.append(issued.terminal_name)
                continue
            if claimant is None:
                report.refused.append((issued.terminal_name, "登録コードで作られていない申請です（改ざんのおそれ）"))
                continue
            assert issued.payload is not None
            check_number = enrollment.check_number(claimant)
            answer = enrollment.seal_answer(keys, claimant, issued.payload)
            kept = registry.keys.confirm_enrollment(actor, issued.doc_id, claimant, answer, check_number)
            assert kept.answer is not None
            _put_answer(client, keys, kept.answer)
            report.confirmed.append((issued.terminal_name, check_number))
    finally:
        client.close()
    return report


def _put_answer(client: CouchClient, keys: CodeKeys, answer: dict[str, Any]) -> None:
    """The answer in the cloud: written, or written over whatever else stands under its id."""
    path = CouchClient.doc_path(keys.answer_id)
    if client.put_new(path, answer):
        return
    there = client.get(path, missing_ok=True)
    if there is None or any(there.get(k) != v for k, v in answer.items()):
        client.put(path, {**answer, **({"_rev": there["_rev"]} if there else {})})


# --- the new terminal ---------------------------------------------------------------------------------------------

def join(data_dir: Path, url: str, user: str, password: str, code: str, *, clock: Clock,
         ca_bundle: str | None = None, passphrase: PassphrasePrompt | None = None, progress: Progress | None = None,
         wait: float = 0.0, waiting: Callable[[str], None] | None = None, insecure_http: bool = False) -> Registry:
    """Join with the code: claim it (or find this folder's claim), wait up to `wait` seconds for the administrator's
    confirmation (`waiting` hears the 確認番号 at each look; EnrollmentPending when it does not come), make the
    replica and restore it from the cloud. Run again in the same folder with the same code, a join cut short at
    any point resumes there."""
    check_transport(url, insecure_http=insecure_http)
    keys = enrollment.code_keys(code)
    made = (data_dir / TERMINAL_FILE).exists()
    pending = _load_pending(data_dir)
    if pending is not None and pending.get("doc_id") != keys.doc_id:
        if made:
            raise StoreError("この場所では別の登録コードで参加の途中です（その登録コードでもう一度実行してください）",
                             "another enrollment is being joined here")
        pending = None
    if made and pending is None:
        raise StoreError("この場所にはすでに台帳があります", f"a replica already exists in {data_dir}")
    client = CouchClient(CloudConfig(url, user, password, ca_bundle=ca_bundle))
    try:
        if made:
            registry = Registry.open(data_dir, passphrase=passphrase, clock=clock)
            registry.keys.renew_unseen_recovery_code()
        else:
            key = _claim(client, keys, data_dir, pending, clock)
            payload = _answer(client, keys, key, data_dir, clock, wait, waiting)
            registry = Registry.join(data_dir, payload, passphrase=passphrase, clock=clock)
        try:
            store_cloud_password(registry.terminal_id, password)
            registry.replication.set_sync_state({"cloud_url": url, "cloud_user": user, "cloud_ca": ca_bundle or ""})
            Replicator(registry, client).sync(progress)
            AuditReplicator(registry, client.sibling(audit_replicator.database_url(url))).sync()
        except BaseException:
            registry.close()  # the replica stays, with the claim: the same join resumes it
            raise
        (data_dir / PENDING_FILE).unlink(missing_ok=True)
        return registry
    finally:
        client.close()


def _claim(client: CouchClient, keys: CodeKeys, data_dir: Path, pending: dict[str, Any] | None,
           clock: Clock) -> X25519PrivateKey:
    """This folder's key for the code: the one it claimed the code with before, or a new one that claims it now.
    EnrollmentError when the code is unknown, expired or claimed by another."""
    invitation = client.get(CouchClient.doc_path(keys.doc_id), missing_ok=True)
    if invitation is None:
        raise EnrollmentError("この登録コードは使えません（誤り、または期限切れです）", "no such enrollment")
    expires = enrollment.expiry(invitation)
    if pending is not None:
        key = enrollment.unwrap_key(keys, pending["key"])
    else:
        if clock() >= dt.datetime.fromisoformat(expires):
            raise EnrollmentError("この登録コードは期限切れです。管理者に新しいコードを依頼してください", "enrollment expired")
        key = enrollment.new_terminal_key()
        _save_pending(data_dir, {"doc_id": keys.doc_id, "key": enrollment.wrap_key(keys, key)})
    mine = enrollment.public_hex(key)
    path = CouchClient.doc_path(keys.claim_id)
    if not client.put_new(path, enrollment.claim(keys, mine)):
        there = client.get(path, missing_ok=True)
        if there is not None and there.get("key") != mine and enrollment.claimant(keys, there) is None:
            # written by someone without the code (a terminal user who saw the invitation): it holds nothing
            client.put(path, {**enrollment.claim(keys, mine), "_rev": there["_rev"]})
        elif there is None or there.get("key") != mine:
            (data_dir / PENDING_FILE).unlink(missing_ok=True)
            raise EnrollmentError(USED, "the code was claimed by another terminal")
    return key


def _answer(client: CouchClient, keys: CodeKeys, key: X25519PrivateKey, data_dir: Path, clock: Clock, wait: float,
            waiting: Callable[[str], None] | None) -> dict[str, Any]:
    """The enrollment sealed to this folder's key, once the administrator's terminal confirmed the claim."""
    check_number = enrollment.check_number(enrollment.public_hex(key))
    deadline = time.monotonic() + wait
    while True:
        stored = client.get(CouchClient.doc_path(keys.answer_id), missing_ok=True)
        if stored is not None:
            return enrollment.open_answer(keys, key, stored)
        invitation = client.get(CouchClient.doc_path(keys.doc_id), missing_ok=True)
        if invitation is None or clock() >= dt.datetime.fromisoformat(enrollment.expiry(invitation)):
            (data_dir / PENDING_FILE).unlink(missing_ok=True)
            raise EnrollmentError("この登録コードは確認されないまま期限切れになりました。管理者に新しいコードを依頼してください",
                                  "enrollment expired before it was confirmed")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise EnrollmentPending(check_number)
        if waiting is not None:
            waiting(check_number)
        time.sleep(min(POLL_SECONDS, remaining))


def _load_pending(data_dir: Path) -> dict[str, Any] | None:
    try:
        found = json.loads((data_dir / PENDING_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise StoreError("参加途中の情報を読めません", f"{PENDING_FILE} is unreadable") from None
    return found if isinstance(found, dict) else None


def _save_pending(data_dir: Path, value: dict[str, Any]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / PENDING_FILE
    written = path.with_suffix(".tmp")
    written.write_text(json.dumps(value), encoding="utf-8")
    os.replace(written, path)

