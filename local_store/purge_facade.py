"""The facade's part for purge orders (管理者, on the terminal that holds the municipality's signing key).

A part of `Registry` (it inherits this class). An order is signed, stored as a create-only document of class
`purge` and carried out in one transaction; it replicates like any document and every terminal obeys it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain import purge as rules
from domain.errors import ValidationError
from domain.roles import Permission
from local_store import documents, purge
from local_store.audit import AuditLog
from local_store.database import Connection
from local_store.errors import StoreError
from local_store.staff import Staff


class PurgeFacade:
    _conn: Connection
    _lock: threading.RLock
    _audit: AuditLog
    _clock: Callable[[], dt.datetime]
    _data_key: bytes

    if TYPE_CHECKING:
        def _write(self) -> AbstractContextManager[Connection]: ...
        def require(self, actor: Staff, permission: Permission) -> None: ...

    def order_purge(self, actor: Staff, doc_ids: Sequence[str], reason: str) -> dict[str, Any]:
        """Sign a purge order with the municipality's key, store it and erase the documents it names here; the
        order's body. Only on the terminal that holds the municipality's signing key."""
        self.require(actor, Permission.PURGE)
        wanted = list(dict.fromkeys(doc_ids))
        if not wanted:
            raise ValidationError("消去する文書", "消去する文書を指定してください")
        if not reason.strip():
            raise ValidationError("消去の理由", "消去の理由（裁判所の命令など）を入力してください")
        with self._write() as conn:
            key = conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'").fetchone()
            if key is None:
                raise StoreError("この端末には自治体の署名鍵がないため消去命令を出せません"
                                 "（署名鍵を持つ管理者端末で実行してください）", "no municipality signing key here")
            purge.check_order(conn, wanted)
            order = rules.PurgeOrder(tuple(wanted), reason.strip(), actor.user,
                                     self._clock().isoformat(timespec="seconds"))
            unsigned = order.unsigned()
            signature = Ed25519PrivateKey.from_private_bytes(key[0]).sign(rules.signed_bytes(unsigned))
            body = {**unsigned, "signature": signature.hex()}
            doc = documents.put_new(conn, self._data_key, purge.PURGE, body)
            purge.erase(conn, wanted)
            self._audit.record(actor.user, "消去命令", doc.id, f"{len(wanted)}件: {order.reason}")
        return body

    def purge_orders(self, actor: Staff) -> list[dict[str, Any]]:
        """The purge orders held here, oldest first (管理者)."""
        self.require(actor, Permission.PURGE)
        with self._lock:
            return [{"id": d.id, **{k: v for k, v in d.body.items() if k != "signature"}}
                    for d in documents.iter_class(self._conn, purge.PURGE)]

    def purge_orders_written_here(self) -> list[tuple[str, list[str]]]:
        """The purge orders this terminal wrote, (id, documents named): the sync carries them out in the cloud."""
        with self._lock:
            return [(doc_id, documents.unpack(body)["doc_ids"]) for doc_id, body in self._conn.execute(
                "SELECT d.id, r.body FROM docs d JOIN revs r ON r.doc_id = d.id AND r.rev = d.rev "
                "WHERE d.class = ? AND r.origin = '' ORDER BY d.seq", (purge.PURGE,))]
