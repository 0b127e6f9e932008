"""The municipality's settings: 市区町村長 and 職務代理者, the 電子公印, each terminal's printer number, the idle lock,
how old a terminal's data may be before 第三者・代理人 requests wait for a judgment, the 手数料 table, the 住所辞書. One mutable
document (CouchDB revisions, so that it replicates; a conflict is shown to an administrator and resolved in
`review_service`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from domain.address_book import Chouaza
from domain.kofu_rules import FeeTable
from domain.roles import Permission
from local_store import documents, kofu, settings
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.staff import Staff


class SettingsService:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def get(self) -> dict[str, Any]:
        """The settings as they are now (see `update`)."""
        with self._ctx.lock:
            return settings.read(self._ctx.conn)

    def update(self, actor: Staff, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some settings (管理者); the others keep their values. Returns the new settings."""
        require(actor, Permission.CHANGE_SETTINGS)
        settings.check(changes)
        with self._ctx.write() as conn:
            current = documents.get(conn, settings.SETTINGS_ID)
            body = {**(current.body if current else {}), **changes, "updated_by": actor.user}
            documents.put_edit(conn, self._ctx.data_key, settings.SETTINGS_ID, settings.SETTINGS_ID, body)
            self._ctx.record(actor.user, "設定変更", settings.SETTINGS_ID, ", ".join(sorted(changes)))
            return body

    def first(self, conn: Connection, municipality_name: str, mayor: str) -> None:
        """The settings of a new municipality, in the caller's transaction: its 市区町村長."""
        documents.put_edit(conn, self._ctx.data_key, settings.SETTINGS_ID, settings.SETTINGS_ID,
                           {"mayor_title": f"{municipality_name}長", "mayor_name": mayor})

    def printer_name(self) -> str:
        """This terminal's プリンタ番号 in the 発行番号 (settings `printers`, by terminal id)."""
        return str(self.get().get("printers", {}).get(self._ctx.terminal_id, kofu.DEFAULT_PRINTER))

    def stale_after(self) -> dt.timedelta:
        """How old a terminal's data may be before 第三者・代理人 requests wait for a judgment (`stale_after_hours`)."""
        return settings.stale_after(self.get())

    def fees(self) -> FeeTable:
        """The town's 手数料 per kind and its 無料・減免 categories (`fees`; the defaults where none are set)."""
        return settings.fee_table(self.get())

    def address_book(self) -> list[Chouaza]:
        """The 住所辞書 (in the settings, so that it replicates): empty until one is imported."""
        return [Chouaza.from_json(e) for e in self.get().get("address_book", ())]

    def set_address_book(self, actor: Staff, entries: Sequence[Chouaza]) -> None:
        """Replace the 住所辞書 (管理者; audited as a change of the settings)."""
        self.update(actor, {"address_book": [e.to_json() for e in entries]})
