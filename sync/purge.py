"""Purge orders in the cloud: the documents an order names are erased from the municipality's database too.

After the push (the order is on the server by then), every order this terminal wrote and has not yet carried out in
the cloud is carried out: every leaf revision of each named document is listed (`open_revs=all`) and
`POST /{db}/_purge` removes them with their whole history. CouchDB allows `_purge` to admins only (since 2.3.1),
and PouchDB Server does not offer it (it answers 400): a terminal whose cloud user is a plain member gets a deleted
revision without body written over each live leaf instead. The server then no longer serves the document, but its
older revisions stay on its disk, still encrypted, until the cloud administrator purges them (`_purge` as admin)
or the server compacts. The note in the sync report says which way it went. Carrying out an order twice is
harmless.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sync.couch_client import CloudError, CouchClient

DONE_KEY = "purged_in_cloud"  # sync state: the ids of the orders carried out in the cloud, as a JSON list
_UNSUPPORTED = ("HTTP 400", "HTTP 401", "HTTP 403", "HTTP 404", "HTTP 405", "HTTP 501")


def leaf_revisions(client: CouchClient, doc_id: str) -> list[tuple[str, bool]]:
    """The server's leaf revisions of a document: (rev, deleted); none when it never had it."""
    answer = client.get(CouchClient.doc_path(doc_id), {"open_revs": "all"}, missing_ok=True)
    leaves = []
    for entry in answer or []:
        doc = entry.get("ok") if isinstance(entry, dict) else None
        if isinstance(doc, dict) and "_rev" in doc:
            leaves.append((str(doc["_rev"]), bool(doc.get("_deleted"))))
    return leaves


def erase(client: CouchClient, doc_ids: Sequence[str]) -> str:
    """Erase the documents named from the server; a note for the sync report."""
    leaves = {doc_id: leaf_revisions(client, doc_id) for doc_id in doc_ids}
    leaves = {doc_id: found for doc_id, found in leaves.items() if found}
    if not leaves:
        return "消去命令: クラウドに対象の文書はありません"
    try:
        client.post("/_purge", {doc_id: [rev for rev, _ in found] for doc_id, found in leaves.items()})
        return f"消去命令: クラウドから{len(leaves)}件の文書を全履歴ごと消去しました（_purge）"
    except CloudError as exc:
        if exc.offline or not any(code in exc.detail for code in _UNSUPPORTED):
            raise
    tombstones = [{"_id": doc_id, "_rev": rev, "_deleted": True}
                  for doc_id, found in leaves.items() for rev, deleted in found if not deleted]
    if tombstones:
        answer = client.post("/_bulk_docs", {"docs": tombstones})
        errors = [r for r in answer if isinstance(r, dict) and "error" in r]
        if errors:
            raise CloudError("クラウドで文書を消去できませんでした", f"tombstones refused: {errors[0].get('error')}")
    return (f"消去命令: クラウドで _purge を使えないため（CouchDB では管理者のみ）、{len(leaves)}件の文書に本文のない"
            "削除版を書きました。古い版は暗号化されたまま、クラウド管理者の _purge か圧縮（compaction）まで残ります")


def carry_out(client: CouchClient, orders: Sequence[tuple[str, Sequence[str]]], done: Sequence[str]
              ) -> tuple[list[str], list[str]]:
    """Carry out in the cloud the orders (id, documents named) not yet done; the ids done now and the notes."""
    finished, notes = [], []
    for order_id, doc_ids in orders:
        if order_id in done:
            continue
        notes.append(erase(client, doc_ids))
        finished.append(order_id)
    return finished, notes


def done_from(state: str | None) -> list[str]:
    return list(json.loads(state)) if state else []
