"""Purge orders, 法令等に基づく消去 (管理者, on the terminal that holds the municipality's signing key).

An order is signed, stored as a create-only document of class `purge` and carried out in one transaction; it
replicates like any document and every terminal obeys it (`local_store.purge`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain import purge as rules
from domain.errors import ValidationError
from domain.roles import Permission
from local_store import documents, meta, purge
from local_store.context import StoreContext, require
from local_store.errors import StoreError
from local_store.staff import Staff


class PurgeService:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def order(self, actor: Staff, doc_ids: Sequence[str], reason: str, override_ground: str = "") -> dict[str, Any]:
        """Sign a purge order with the municipality's key, store it and erase the documents it names here; the
        order's body. Only on the terminal that holds the municipality's signing key. A 異動 whose record the law
        keeps is erased only when the order names `override_ground`, the legal ground that overrides the retention;
        it is signed with the order and written to the audit."""
        require(actor, Permission.PURGE)
        wanted = list(dict.fromkeys(doc_ids))
        if not wanted:
            raise ValidationError("消去する文書", "消去する文書を指定してください")
        if not reason.strip():
            raise ValidationError("消去の理由", "消去の理由（裁判所の命令など）を入力してください")
        with self._ctx.write() as conn:
            key = meta.secrets(conn).get("signing_key")
            if key is None:
                raise StoreError("この端末には自治体の署名鍵がないため消去命令を出せません"
                                 "（署名鍵を持つ管理者端末で実行してください）", "no municipality signing key here")
            ground = override_ground.strip()
            purge.check_order(conn, wanted, self._ctx.today(), ground)
            order = rules.PurgeOrder(tuple(wanted), reason.strip(), actor.user,
                                     self._ctx.now().isoformat(timespec="seconds"), ground)
            unsigned = order.unsigned()
            signature = Ed25519PrivateKey.from_private_bytes(key).sign(rules.signed_bytes(unsigned))
            body = {**unsigned, "signature": signature.hex()}
            doc = documents.put_new(conn, self._ctx.data_key, purge.PURGE, body)
            purge.erase(conn, wanted)
            self._ctx.record(actor.user, "消去命令", doc.id, f"{len(wanted)}件: {order.reason}"
                             + (f" 保存義務に優先する根拠: {ground}" if ground else ""))
        return body

    def orders(self, actor: Staff) -> list[dict[str, Any]]:
        """The purge orders held here, oldest first (管理者)."""
        require(actor, Permission.PURGE)
        with self._ctx.lock:
            return [{"id": d.id, **{k: v for k, v in d.body.items() if k != "signature"}}
                    for d in documents.iter_class(self._ctx.conn, purge.PURGE)]

    def written_here(self) -> list[tuple[str, list[str]]]:
        """The purge orders this terminal wrote, (id, documents named): the sync carries them out in the cloud."""
        with self._ctx.lock:
            return purge.written_here(self._ctx.conn)
