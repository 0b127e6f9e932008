"""Restoring a municipality that lost every terminal: k 分割鍵 and the cloud give a new authority terminal.

The shares give the data key and signing key back; the cloud's database, pulled by the usual replicator, gives
every document, staff account and setting. Nothing is left behind when a step fails.
"""

from __future__ import annotations

from pathlib import Path

from domain import escrow
from local_store import authority_restore
from local_store.context import Clock
from local_store.registry import Registry
from local_store.terminal_key import PassphrasePrompt, discard_replica, store_cloud_password
from sync.couch_client import CloudConfig, CouchClient
from sync.replicator import Progress, Replicator


def restore_from_cloud(data_dir: Path, url: str, user: str, password: str, shares: list[str], terminal_name: str, *,
                       ca_bundle: str | None = None, passphrase: PassphrasePrompt | None = None,
                       progress: Progress | None = None,
                       clock: Clock) -> Registry:
    secret = escrow.combine(shares)
    client = CouchClient(CloudConfig(url, user, password, ca_bundle=ca_bundle))
    try:
        client.sign_in()
        client.get("", None)  # the database answers and admits this user before anything is made here
        registry = Registry.from_escrow(data_dir, secret, terminal_name, clock=clock, passphrase=passphrase)
        try:
            store_cloud_password(registry.terminal_id, password)
            registry.replication.set_sync_state({"cloud_url": url, "cloud_user": user, "cloud_ca": ca_bundle or ""})
            Replicator(registry, client).sync(progress)
            authority_restore.settle(registry.store)
        except BaseException:
            registry.close()
            discard_replica(data_dir, registry.terminal_id)
            raise
        return registry
    finally:
        client.close()
