"""交付 of the 住民票 family of certificates: the requester vouched for by the registry, the request checked by the
disclosure check and decided by the rules, each copy numbered, rendered and signed, the 交付 recorded in the
交付履歴 (who asked, who processed it, who judged it, how old this replica's data was); and the 交付履歴 read back.
The documents themselves are `local_store.kofu`'s.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain.errors import ValidationError
from domain.kofu_rules import NEED_FRESH_DATA, DataAge, KofuRequest
from domain.roles import Permission
from local_store import kofu
from local_store.context import StoreContext, require
from local_store.disclosure import DisclosureCheck
from local_store.numbering import Numbering
from local_store.protection import Judgment
from local_store.replication import Replication
from local_store.settings_service import SettingsService
from local_store.staff import Staff


class KofuService:
    def __init__(self, ctx: StoreContext, numbering: Numbering, disclosure: DisclosureCheck,
                 settings: SettingsService, replication: Replication) -> None:
        self._ctx = ctx
        self._numbering = numbering
        self._disclosure = disclosure
        self._settings = settings
        self._replication = replication

    def counter(self, actor: Staff) -> kofu.Counter:
        """Where and by whom a 交付 happens now: this terminal, its printer, the acting staff member."""
        town = self._ctx.municipality
        return kofu.Counter(self._ctx.now(), self._ctx.terminal, actor.user, town.name, town.prefecture,
                            self._settings.printer_name())

    def data_age(self) -> DataAge:
        """How old this replica's data is (its last complete pull from the cloud), against the municipality's limit:
        past it, 第三者 and 代理人 requests need a supervisor's judgment, and the 交付 screen says so."""
        return DataAge(self._replication.last_synced(), self._ctx.now(), self._settings.stale_after(),
                       self._replication.replicated())

    def issue(self, actor: Staff, request: KofuRequest, render: kofu.Renderer, *, export: bool = False,
              judgment: Judgment | None = None) -> kofu.Issued:
        """Answer a 交付請求: the disclosure check and the rules decide, each copy is numbered, rendered and signed,
        and the 交付 recorded.

        A refusal (by the rules, or a character no font can draw) raises ValidationError, is recorded in the
        交付履歴 and changes nothing else. `export` (a file rather than the printer) needs 係長 or above.
        本人等 (and a 代理人's 委任者) are named by 宛名番号: their names are the registry's, and they must be 本人等 of
        the persons printed. For a person under 支援措置: a named 加害者 (請求者, 委任者 or 依頼者) is refused whatever
        `judgment` says; the protected person needs a photo ID; anyone else needs `judgment`. On a replica whose data
        is old (`data_age`), 第三者 and 代理人 need `judgment` too. A judgment is a supervisor's other than `actor`'s,
        recorded with the 交付.
        """
        require(actor, Permission.ISSUE_CERTIFICATE)
        if export:
            require(actor, Permission.EXPORT_CERTIFICATE)
        with self._ctx.lock:
            request = kofu.named(self._ctx.conn, request)
        check = self._disclosure.certificate(actor, request, judgment, self.data_age())
        at = self.counter(actor)
        try:
            if request.requester.kind in NEED_FRESH_DATA:
                self._replication.refuse_while_incomplete()  # a document the cloud withheld may be a 支援措置
            with self._ctx.write() as conn:
                issued = kofu.issue(conn, self._ctx.data_key, self._numbering, request, render, at, check)
                persons = ",".join(p.atena_no for p in issued.persons)
                mynumber = "個人番号あり" if any(i.value == "個人番号" for i in issued.decision.items) else "個人番号なし"
                self._ctx.record(actor.user, "交付", persons,
                                 f"{request.kind.value} {issued.decision.disposal.value} {mynumber} 公印あり "
                                 f"{' / '.join(issued.issue_numbers)}")
                if export:
                    self._ctx.record(actor.user, "証明書ファイル出力", persons, " / ".join(issued.issue_numbers))
                return issued
        except ValidationError as exc:
            with self._ctx.write() as conn:
                kofu.record_refusal(conn, self._ctx.data_key, request, at, f"{exc.item}: {exc.message}",
                                    check.refusal_record())
                self._ctx.record(actor.user, "交付拒否", ",".join(request.atena_nos), f"{exc.item}: {exc.message}")
            raise

    def history(self, actor: Staff, atena_no: str | None = None) -> list[dict[str, Any]]:
        """The 交付履歴 (every 交付 and refusal), oldest first."""
        require(actor, Permission.VIEW)
        with self._ctx.lock:
            return kofu.history(self._ctx.conn, atena_no)

    def public_key(self) -> Ed25519PublicKey:
        """The municipality's public key, for checking a certificate's signature."""
        with self._ctx.lock:
            return kofu.public_key(self._ctx.conn)
