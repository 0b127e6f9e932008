"""The cloud as this terminal knows it: address, terminal user, CA bundle; one sync round (joining: `sync.joining`).

The address and user are settings of the replica; the password is in the OS keyring (or asked for each time).
The audit database is the registry database's address with `-audit` unless another was given at login; the same
terminal user reaches both, with one session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from domain.errors import ValidationError
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.terminal_key import load_cloud_password, store_cloud_password
from sync import audit_replicator
from sync.audit_replicator import AuditReplicator
from sync.couch_client import CloudConfig, CouchClient, is_loopback, origin
from sync.replicator import BATCH, Progress, Replicator, SyncReport

PasswordPrompt = Callable[[], str]


def _not_configured() -> StoreError:
    return StoreError("クラウドが設定されていません（管理者が cloud login で設定します）", "no cloud configured")


def configured_client(registry: Registry, remote: str | None = None,
                      password: PasswordPrompt | None = None) -> CouchClient:
    """A client of the stored cloud, or of `remote`. The stored password goes only to the server it was saved for:
    for another one it is asked for (`password`), or the request is refused."""
    state = registry.replication.sync_state()
    url, user = remote or state.get("cloud_url"), state.get("cloud_user")
    if not url or not user:
        raise _not_configured()
    same_server = origin(url) == origin(state.get("cloud_url") or "")
    secret = load_cloud_password(registry.terminal_id) if same_server else None
    if secret is None:
        if password is None:
            if not same_server:
                raise StoreError(f"保存したクラウドのパスワードは {origin(state.get('cloud_url') or '')} のためのもので、"
                                 "ほかのサーバーには送りません", "the stored credentials belong to another server")
            raise StoreError("クラウドのパスワードがキーリングにありません", "no cloud password in the keyring")
        secret = password()
    config = CloudConfig(url, user, secret, ca_bundle=(state.get("cloud_ca") or None) if same_server else None)
    return CouchClient(config, on_server_time=registry.trusted_time.note_server_time)


def audit_url(registry: Registry, remote: str | None = None) -> str:
    """The audit database's address: the one given at login, else the registry database's with `-audit`."""
    state = registry.replication.sync_state()
    if remote is None and state.get("cloud_audit_url"):
        return state["cloud_audit_url"]
    return audit_replicator.database_url(remote or state.get("cloud_url") or "")


def check_transport(url: str, *, insecure_http: bool = False) -> None:
    """Plain HTTP only to this machine, or when asked for explicitly (`--insecure-http`): passwords and session
    cookies would cross the network readable."""
    scheme = url.strip().split(":", 1)[0].lower()
    if scheme not in ("https", "http") or url.rstrip("/").count("/") < 3:
        raise ValidationError("クラウドのURL", "https://ホスト:ポート/データベース名 の形で入力してください")
    if scheme == "http" and not is_loopback(url) and not insecure_http:
        raise ValidationError("クラウドのURL", "http:// では通信が暗号化されません。https:// を使ってください"
                                               "（閉じた検証環境に限り --insecure-http で許可できます）")


def login(registry: Registry, url: str, user: str, password: str, ca_bundle: str | None = None,
          audit_db_url: str | None = None, *, insecure_http: bool = False) -> None:
    """Check the terminal's cloud credentials by signing in, then keep them (password in the keyring). Both the
    registry's and the audit database must answer: they exist and admit this user."""
    check_transport(url, insecure_http=insecure_http)
    client = CouchClient(CloudConfig(url, user, password, ca_bundle=ca_bundle),
                         on_server_time=registry.trusted_time.note_server_time)
    try:
        client.sign_in()
        client.get("", None)
        client.sibling(audit_db_url or audit_replicator.database_url(url)).get("", None)
    finally:
        client.close()
    store_cloud_password(registry.terminal_id, password)
    registry.replication.set_sync_state({"cloud_url": url, "cloud_user": user, "cloud_ca": ca_bundle or "",
                                         "cloud_audit_url": audit_db_url or ""})


class CloudLink:
    """A terminal's connection to its cloud, kept between rounds so that its session stays signed in. With
    `deadline`, a request that gets no answer gives up after that many seconds, its retries included (the command
    line, where someone waits; the window's rounds retry on their own)."""

    def __init__(self, registry: Registry, remote: str | None = None, password: PasswordPrompt | None = None,
                 batch: int = BATCH, deadline: float | None = None) -> None:
        self.client = configured_client(registry, remote, password)
        if deadline is not None:
            config = self.client.config
            self.client.config = dataclasses.replace(config, deadline=deadline, timeout=deadline / 2,
                                                     connect_timeout=min(config.connect_timeout, deadline / 2))
        self.replicator = Replicator(registry, self.client, batch)
        self.audit = AuditReplicator(registry, self.client.sibling(audit_url(registry, remote)), batch)

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """The registry's round, then the audit chains' (after the registry's was committed)."""
        report = self.replicator.sync(progress)
        started = self.client.requests_sent
        audited = self.audit.sync(others_active=bool(report.pulled))
        report.requests += self.client.requests_sent - started
        report.audit_pushed, report.audit_pulled = audited.pushed, audited.pulled
        report.quarantined += audited.quarantined
        if audited.reset:
            report.notes.append(f"audit database {audited.reset}")
        return report

    def close(self) -> None:
        self.client.close()


def sync_once(registry: Registry, remote: str | None = None, password: PasswordPrompt | None = None,
              progress: Progress | None = None, batch: int = BATCH, deadline: float | None = None) -> SyncReport:
    link = CloudLink(registry, remote, password, batch, deadline)
    try:
        return link.sync(progress)
    finally:
        link.close()

