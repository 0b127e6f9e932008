"""One round of replication of the audit chains with the municipality's audit database in the cloud.

The audit database is a database of its own next to the registry's (by default the same name with `-audit`), open
to the same terminal users. It holds two kinds of records, sealed like every envelope (`Sealer.seal_record`):

- one per entry of a chain (`audit-entry`), under an id derived from its terminal and sequence number, so that a
  retry writes the same document again. Entries are only ever created: `_bulk_docs` without a revision, and an entry
  already there (a retry after a lost answer) is compared with ours instead of being overwritten;
- one per terminal (`audit-head`): the head of its chain (sequence number and hash) as of its last round, updated
  by that terminal only. Every terminal keeps the highest head it has seen of each chain (`audit.cite`).

Push: this terminal's entries after the local push checkpoint, then its head. Before pushing, the head in the cloud
is read: it is cited here (a chain rewritten on this terminal since no longer matches it), it reveals a database
recreated (gone: send everything again, pull from the start) or restored from a backup (older: send again what it
lost), and when it contradicts this terminal's chain it is left in place as evidence. Pull: `_changes` with the
documents included, one request per batch; other terminals' entries, the heads and the records that did not open
(quarantined) are written in one transaction with the pull checkpoint. Sequences are opaque: stored and echoed.

A round with nothing new on this terminal skips the pull while the last one is recent and the registry's own round
brought nothing (other terminals were quiet), so that a sync with nothing to do costs no request here; a replicator's
first round pulls (the command line's only one: an unchanged database costs it one request). Entries that only record
a session (サインイン, サインアウト: the command line signs in for each command) are not worth a push of their own:
they wait for the next entry that is, or until the oldest of them is as old as the pull interval.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from local_store import audit
from local_store.registry import Registry
from local_store.replication import Refused
from sync.couch_client import CloudError, CouchClient
from sync.envelope import EnvelopeError, Sealer

BATCH = 1000
PULL_INTERVAL = 300.0  # seconds: the longest a quiet terminal waits for other terminals' entries, or to send its own
SESSION_ACTIONS = frozenset({"サインイン", "サインアウト"})  # entries that wait for others (or the interval) to be sent
# What the cloud answers for an entry already under our id: a conflict, or (where the audit database's design document
# is checked before the conflict, as PouchDB Server does) its refusal to change an entry (`sync.cloud_setup`).
HELD = frozenset({"conflict", "forbidden"})


def database_url(db_url: str) -> str:
    """The audit database's address by default: the registry's database name with `-audit`."""
    return db_url.rstrip("/") + "-audit"


@dataclass
class AuditReport:
    pushed: int = 0
    pulled: int = 0
    quarantined: int = 0
    pulled_changes: bool = False  # False when the pull was skipped (nothing new here, nothing new elsewhere)
    reset: str = ""  # "recreated" or "restored" when the audit database had lost what it held


class AuditReplicator:
    def __init__(self, registry: Registry, client: CouchClient, batch: int = BATCH,
                 pull_interval: float = PULL_INTERVAL) -> None:
        self.registry = registry
        self.client = client
        self.batch = batch
        self.pull_interval = pull_interval
        municipality, terminal_id, data_key = registry.replication.sealing()
        self.sealer = Sealer(municipality, terminal_id, data_key)
        self.terminal = registry.audit.chain  # this terminal's own chain (a restored terminal's is a new one)
        self.head_id = self.sealer.record_id("h-", "head", self.terminal)
        self._last_pull: float | None = None

    def entry_id(self, terminal: str, seq: int) -> str:
        return self.sealer.record_id("a-", "entry", terminal, seq)

    def sync(self, others_active: bool = True) -> AuditReport:
        report = AuditReport()
        state = self.registry.replication.sync_state()
        pushed = int(state.get(audit.PUSH_CHECKPOINT, "0"))
        since: Any = json.loads(state.get("audit_pull_since", '"0"'))
        cited: dict[str, tuple[int, str]] = {}
        refused: list[Refused] = []
        if self._push_due(pushed):
            head = self.client.get(CouchClient.doc_path(self.head_id), missing_ok=True)
            contradicted = False
            if head is None and pushed > 0:
                report.reset, pushed, since = "recreated", 0, "0"
            elif head is not None:
                opened = self._open(head, refused)
                if opened is not None and opened[0] == audit.HEAD_CLASS:
                    seq, digest = opened[1]["seq"], opened[1]["hash"]
                    cited[self.terminal] = (seq, digest)
                    contradicted = self.registry.audit.digest(self.terminal, seq) not in (None, digest)
                    if seq < pushed:
                        report.reset, pushed, since = "restored", seq, "0"
            if report.reset:
                self.registry.replication.set_sync_state({audit.PUSH_CHECKPOINT: str(pushed),
                                                          "audit_pull_since": json.dumps(since)})
            report.pushed, last = self._push(pushed, cited, refused)
            if last is not None and not contradicted:
                body = {"terminal": self.terminal, "seq": last["seq"], "hash": last["hash"]}
                self._put_head(body, head)
                cited[self.terminal] = (last["seq"], last["hash"])
        recent = self._last_pull is not None and time.monotonic() - self._last_pull < self.pull_interval
        if report.pushed or report.reset or others_active or not recent or cited or refused:
            report.pulled, report.quarantined = self._pull(since, cited, refused)
            report.pulled_changes = True
        return report

    def _push_due(self, pushed: int) -> bool:
        """Whether this terminal's entries after `pushed` are to be sent now: any that records more than a session,
        or session entries waiting as long as the pull interval (or a whole batch of them)."""
        waiting = self.registry.audit.own_after(pushed, self.batch)
        if not waiting:
            return False
        if len(waiting) == self.batch or any(e["action"] not in SESSION_ACTIONS for e in waiting):
            return True
        age = self.registry.now() - dt.datetime.fromisoformat(waiting[0]["at"])
        return not dt.timedelta(0) <= age < dt.timedelta(seconds=self.pull_interval)  # or the clock was set back

    # --- push ----------------------------------------------------------------------------------------------------

    def _put_head(self, body: dict[str, Any], head: dict[str, Any] | None) -> None:
        """Write this terminal's head. A conflict after a retry whose first answer was lost finds our own head
        there already; any other conflict (another writer of this terminal's head) is an error."""
        envelope = self.sealer.seal_record(self.head_id, audit.HEAD_CLASS, body)
        if head is not None:
            envelope["_rev"] = head["_rev"]
        try:
            self.client.put(CouchClient.doc_path(self.head_id), envelope)
        except CloudError as exc:
            if "HTTP 409" not in exc.detail:
                raise
            there = self.client.get(CouchClient.doc_path(self.head_id), missing_ok=True) or {}
            if (there.get("n"), there.get("x")) != (envelope["n"], envelope["x"]):
                raise

    def _push(self, pushed: int, cited: dict[str, tuple[int, str]], refused: list[Refused]
              ) -> tuple[int, dict[str, Any] | None]:
        """This terminal's entries after `pushed`, in batches; the checkpoint moves after each batch the cloud took.
        Returns how many were written and the last entry sent."""
        count, last = 0, None
        while entries := self.registry.audit.own_after(pushed, self.batch):
            docs = {self.entry_id(e["terminal"], e["seq"]): e for e in entries}
            envelopes = {doc_id: self.sealer.seal_record(doc_id, audit.ENTRY_CLASS, e) for doc_id, e in docs.items()}
            answer = self.client.post("/_bulk_docs", {"docs": list(envelopes.values())})
            results = [r for r in answer if isinstance(r, dict)]
            errors = [r for r in results if "error" in r and r.get("error") not in HELD]
            if errors:
                raise CloudError("クラウドが操作記録の一部を受け付けませんでした",
                                 f"audit _bulk_docs refused {len(errors)}: {errors[0].get('error')}")
            there = [str(r.get("id")) for r in results if r.get("error") in HELD]
            if there:
                self._compare(there, envelopes, cited, refused)
            count += len(entries) - len(there)
            pushed, last = entries[-1]["seq"], entries[-1]
            self.registry.replication.set_sync_state({audit.PUSH_CHECKPOINT: str(pushed)})
        return count, last

    def _compare(self, ids: list[str], ours: dict[str, dict[str, Any]], cited: dict[str, tuple[int, str]],
                 refused: list[Refused]) -> None:
        """Entries the cloud holds already under our ids: the same sealed bytes (a retry) are fine. Another entry
        that opens is cited (verification then finds this terminal's chain rewritten); one that does not open is
        quarantined."""
        answer = self.client.post("/_all_docs", {"keys": ids}, {"include_docs": "true"})
        for row in answer.get("rows", []):
            doc = row.get("doc")
            if not isinstance(doc, dict) or (doc.get("n"), doc.get("x")) == (ours[row["key"]].get("n"),
                                                                             ours[row["key"]].get("x")):
                continue
            opened = self._open(doc, refused)
            if opened is not None and opened[0] == audit.ENTRY_CLASS:
                seq, digest = opened[1]["seq"], opened[1]["hash"]
                if seq >= cited.get(self.terminal, (0, ""))[0]:
                    cited[self.terminal] = (seq, digest)

    # --- pull ----------------------------------------------------------------------------------------------------

    def _pull(self, since: Any, cited: dict[str, tuple[int, str]], refused: list[Refused]) -> tuple[int, int]:
        """Batches of changes with their records; while one batch is opened and stored, the fetch thread reads the
        next one."""
        pulled = quarantined = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-pull") as fetcher:
            page = self._changes(since)
            while True:
                rows, last_seq = page
                following = fetcher.submit(self._changes, last_seq) if len(rows) >= self.batch else None
                pulled += self._take(rows, last_seq, cited, refused)
                quarantined += len(refused)
                cited, refused = {}, []
                if following is None:
                    self._last_pull = time.monotonic()
                    return pulled, quarantined
                page = following.result()

    def _changes(self, since: Any) -> tuple[list[dict[str, Any]], Any]:
        """One batch of changes after `since`, with the records, and the sequence after it."""
        answer = self.client.get("/_changes", {"since": since, "include_docs": "true", "limit": self.batch})
        return answer.get("results", []), answer.get("last_seq", since)

    def _take(self, rows: list[dict[str, Any]], last_seq: Any, cited: dict[str, tuple[int, str]],
              refused: list[Refused]) -> int:
        """Open a batch's records and store its entries, with the pull checkpoint; return how many were new."""
        entries: list[dict[str, Any]] = []
        for row in rows:
            doc = row.get("doc")
            if not isinstance(doc, dict) or doc.get("_deleted") or str(row.get("id", "")).startswith("_design/"):
                continue
            opened = self._open(doc, refused)
            if opened is None:
                continue
            kind, body = opened
            if kind == audit.ENTRY_CLASS:
                entries.append(body)
            elif body["seq"] >= cited.get(body["terminal"], (0, ""))[0]:
                cited[body["terminal"]] = (body["seq"], body["hash"])
        return self.registry.audit.receive(entries, cited=cited, refused=refused,
                                           checkpoint={"audit_pull_since": json.dumps(last_seq)})

    def _open(self, envelope: dict[str, Any], refused: list[Refused]) -> tuple[str, dict[str, Any]] | None:
        """The class and body of a record whose id matches what it names; None after noting it as refused."""
        doc_id, doc_class = str(envelope.get("_id", "")), str(envelope.get("c", ""))
        try:
            body = self.sealer.open_record(envelope)
            if doc_class == audit.ENTRY_CLASS:
                audit.Stored.from_json(body)
                expected = self.entry_id(body["terminal"], body["seq"])
            elif doc_class == audit.HEAD_CLASS:
                body = {"terminal": str(body["terminal"]), "seq": int(body["seq"]), "hash": str(body["hash"])}
                expected = self.sealer.record_id("h-", "head", body["terminal"])
            else:
                raise EnvelopeError(f"not an audit record: {doc_class!r}")
            if expected != doc_id:
                raise EnvelopeError("the record names another terminal or sequence than its id")
        except (EnvelopeError, KeyError, TypeError, ValueError) as exc:
            reason = str(exc) if isinstance(exc, EnvelopeError) else f"malformed record: {type(exc).__name__}"
            refused.append(Refused(doc_id, str(envelope.get("_rev", "")), doc_class or audit.ENTRY_CLASS, reason,
                                   envelope))
            return None
        return doc_class, body
