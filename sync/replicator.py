"""One round of replication between the replica and the municipality's cloud database (CouchDB protocol).

Pull: `_changes?style=all_docs` in batches; what the replica lacks (decided locally: no `_revs_diff` towards an empty
replica) is fetched with `_bulk_get` (falling back to `open_revs` GETs), opened, checked and stored in one
transaction together with the pull checkpoint. Behind a revision that is refused (altered on the server), the
genuine revisions it may hide are looked for in its history and pulled with it. Push: local revisions after the
push checkpoint, `_revs_diff`, then `_bulk_docs` with `new_edits: false` and `_revisions`, and then this terminal's
head document when it says something new (`local_store.completeness`). Sequences are opaque: stored and echoed,
never compared.

A pull is complete only when every document the known heads cite has arrived. While some are missing (`gaps`), the
report names them, the replica is not marked as synced, and the next round reads the changes again from the start
(no more often than every RESCAN_INTERVAL within one process): the cloud, or a server between, may have left them
out of `_changes`, and their ids are random, so they cannot be asked for by name.

The server keeps a checkpoint of ours in `_local/madoguchi-<terminal id>` with a round counter. If it is gone (the
database was recreated) or older than ours (restored from a backup), this terminal sends everything again and pulls
from the start: `_revs_diff` makes that cheap, and applying a revision twice is harmless. A round with nothing to do
costs two requests: the checkpoint and `_changes`. The checkpoint's `PUT` whose answer was lost is written again on
its new revision.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from local_store.completeness import Gap
from local_store.registry import Registry
from local_store.replication import LOST, Arrival, Refused
from sync import purge as cloud_purge
from sync.couch_client import CloudError, CouchClient
from sync.enrollment import PREFIX as ENROLLMENT_PREFIX
from sync.envelope import Sealer
from sync.opening import Opener

BATCH = 1000
RESCAN_INTERVAL = 600.0  # seconds: how often one process reads all changes again while documents are missing
Progress = Callable[[str, int], None]


@dataclass
class SyncReport:
    pulled: int = 0
    pushed: int = 0
    quarantined: int = 0
    requests: int = 0
    reset: str = ""  # "recreated" or "restored" when the server had lost what it held
    notes: list[str] = field(default_factory=list)
    audit_pushed: int = 0  # audit entries of this terminal sent to the audit database
    audit_pulled: int = 0  # audit entries of other terminals received from it
    missing: list[Gap] = field(default_factory=list)  # documents of other terminals still missing after the pull
    rescanned: bool = False  # the changes were read from the start, to find missing documents


@dataclass(frozen=True)
class _Changes:
    wanted: dict[str, list[str]]  # document id: the revisions `_changes` lists for it (and did not include)
    included: list[dict[str, Any]]  # the envelopes of the revisions that came with the changes
    last_seq: Any
    complete: bool


class Replicator:
    def __init__(self, registry: Registry, client: CouchClient, batch: int = BATCH) -> None:
        self.registry = registry
        self.replica = registry.replication
        self.client = client
        self.batch = batch
        municipality, terminal_id, data_key = self.replica.sealing()
        self.sealer = Sealer(municipality, terminal_id, data_key)
        self.checkpoint_id = f"_local/madoguchi-{terminal_id}"
        self._bulk_get = True
        self._rescanned: float | None = None  # when this replicator last read the changes from the start

    def sync(self, progress: Progress | None = None) -> SyncReport:
        report = SyncReport()
        started = self.client.requests_sent
        state = self.replica.sync_state()
        local_round = int(state.get("round", "0"))
        pull_since: Any = json.loads(state.get("pull_since", '"0"'))
        push_seq = int(state.get("push_seq", "0"))
        server = self.client.get(CouchClient.doc_path(self.checkpoint_id), missing_ok=True)
        if local_round > 0 and server is None:
            report.reset, pull_since, push_seq = "recreated", "0", 0
        elif server is not None and int(server.get("round", 0)) < local_round:
            report.reset, pull_since, push_seq = "restored", server.get("pull_since", "0"), 0
        if report.reset:
            self.replica.set_sync_state({"pull_since": json.dumps(pull_since), "push_seq": str(push_seq)})
        elif self._rescan_due():
            report.rescanned, pull_since = True, "0"
        began = self.registry.now()
        report.pulled, report.quarantined, pull_since = self._pull(pull_since, progress)
        report.missing = self.replica.gaps()
        self.registry.keys.top_up_leases()  # on the numbering authority: its grants leave with this push
        if not report.missing:
            self.replica.mark_synced(began)  # everything the cloud held when the pull began is here
        push_seq = int(self.replica.sync_state().get("push_seq", "0"))  # the pull may have moved it on
        report.pushed, push_seq = self._push(push_seq, progress)
        self._push_head(push_seq, again=bool(report.reset))
        report.notes += self._purge_in_cloud()
        if report.pulled or report.pushed or report.reset or server is None or push_seq != int(server.get("push_seq", -1)):
            new_round = max(local_round, int(server.get("round", 0)) if server else 0) + 1
            self._put_checkpoint({"pull_since": pull_since, "push_seq": push_seq, "round": new_round}, server)
            self.replica.set_sync_state({"round": str(new_round)})
        report.requests = self.client.requests_sent - started
        return report

    def _rescan_due(self) -> bool:
        """Whether this round reads the changes from the start: documents are missing, and this replicator has not
        looked for them in the last RESCAN_INTERVAL."""
        if not self.replica.gaps():
            return False
        now = time.monotonic()
        if self._rescanned is not None and now - self._rescanned < RESCAN_INTERVAL:
            return False
        self._rescanned = now
        return True

    def _put_checkpoint(self, body: dict[str, Any], server: dict[str, Any] | None) -> None:
        """Write the server's checkpoint on the revision read at the start of the round. A conflict means the
        revision moved: most often our own `PUT`, taken by the server although its answer was lost and the retry
        found it done. The revision is read again and the checkpoint written once more."""
        path = CouchClient.doc_path(self.checkpoint_id)
        try:
            self.client.put(path, body | ({"_rev": server["_rev"]} if server is not None else {}))
        except CloudError as exc:
            if not exc.detail.endswith("HTTP 409"):
                raise
            there = self.client.get(path, missing_ok=True)
            self.client.put(path, body | ({"_rev": there["_rev"]} if there is not None else {}))

    def _purge_in_cloud(self) -> list[str]:
        """Carry out in the cloud the purge orders written here and not yet carried out there (`sync.purge`)."""
        done = cloud_purge.done_from(self.replica.sync_state().get(cloud_purge.DONE_KEY))
        finished, notes = cloud_purge.carry_out(self.client, self.registry.purge.written_here(), done)
        if finished:
            self.replica.set_sync_state({cloud_purge.DONE_KEY: json.dumps(done + finished)})
        return notes

    # --- pull ----------------------------------------------------------------------------------------------------

    def _pull(self, since: Any, progress: Progress | None) -> tuple[int, int, Any]:
        """Batches of changes, in a pipeline: while this thread writes one batch, the fetch thread gets the
        envelopes of the next one and hands them to the opener, then reads the changes after it. Only this thread
        touches the replica: it decides what is missing before handing a batch to the fetch thread, so the fetch
        thread never waits for a write to finish. A revision listed in two batches may then be fetched twice; it is
        stored once. When the first batch is not the last, the pull is large and the envelopes are opened in a
        second process (`sync.opening`).

        Into an empty replica (a terminal joining) every revision listed is missing, so the changes come with their
        documents (`include_docs`): one request per batch instead of two, and the server reads each document once.
        A revision that is not the one included (a conflict, a deletion) is still fetched by `_bulk_get`.

        What the pull holds back is announced (audited as 隔離) with its last batch, when every staff event it
        brought is here: the cloud lists documents in no causal order, and one whose author's account comes in a
        later batch is accepted then, without an alarm (`Replication.receive`)."""
        pulled = quarantined = 0
        unannounced = False  # a batch of this pull was stored without announcing what it held back
        inline = self.replica.last_seq() == 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull") as fetcher, \
                Opener(self.sealer, self.replica.today()) as opener:
            changes = self._changes(since, inline)
            if not changes.complete:
                opener.use_process()
            opening = self._open_next(changes, fetcher, opener)
            following = None if changes.complete else fetcher.submit(self._changes, changes.last_seq, inline)
            while True:
                current, arrivals = changes, opening.result().result()
                if following is not None:
                    changes = following.result()
                    opening = self._open_next(changes, fetcher, opener)
                    following = None if changes.complete else fetcher.submit(self._changes, changes.last_seq, inline)
                arrivals += self._behind([a for a in arrivals if isinstance(a, Refused)], fetcher)
                if arrivals or current.last_seq != since or (current.complete and unannounced):
                    received = self.replica.receive(arrivals, {"pull_since": json.dumps(current.last_seq)},
                                                    from_cloud=True, announce=current.complete)
                    unannounced = not current.complete
                    pulled += received.accepted
                    quarantined += received.quarantined
                    if progress:
                        progress("受信", pulled)
                if current.complete:
                    return pulled, quarantined, current.last_seq
                since = current.last_seq

    def _open_next(self, changes: _Changes, fetcher: ThreadPoolExecutor, opener: Opener
                   ) -> Future[Future[list[Arrival | Refused]]]:
        """The arrivals of a batch of changes: the fetch thread gets the envelopes missing here and hands them, with
        those that came with the changes, to the opener (without waiting for it)."""
        missing = self.replica.missing_revs(changes.wanted)
        return fetcher.submit(lambda: opener.submit(changes.included + self._fetch(missing)))

    def _behind(self, refused: list[Refused], fetcher: ThreadPoolExecutor) -> list[Arrival | Refused]:
        """What refused revisions may hide: someone with access to the server alone can write an altered revision
        on top of a genuine one, which `_changes` then no longer names. The refused revisions' histories are
        fetched, and of their ancestors those this replica lacks and the server still holds a body of, opened
        (an altered one among them is refused in its turn). They are stored with the batch that named the refused
        ones, so the checkpoint never passes a genuine revision left behind. When the server holds none of a
        document's missing ancestors, the oldest is quarantined as lost (`LOST`), for an administrator to see. Only
        a revision that claims to be sealed with our key, or a tombstone the server made, is looked behind: a
        document of another origin has nothing genuine under it (`Sealer.claims_ours`). The fetch thread does the
        requests."""
        named: dict[str, list[str]] = {}
        for r in refused:
            if r.doc_id and r.rev and self.sealer.claims_ours(dict(r.envelope)):
                named.setdefault(r.doc_id, []).append(r.rev)
        if not named:
            return []
        ancestors: dict[str, list[str]] = {}
        for envelope in fetcher.submit(self._fetch, named).result():
            history = envelope.get("_revisions")
            if isinstance(history, dict) and isinstance(history.get("start"), int) and \
                    isinstance(history.get("ids"), list):
                revs = [f"{history['start'] - i}-{h}" for i, h in enumerate(history["ids"])][1:]
                ancestors.setdefault(str(envelope.get("_id", "")), []).extend(revs)
        missing = self.replica.missing_revs(ancestors)
        fetched = fetcher.submit(self._fetch, missing).result()
        found = {str(e.get("_id", "")) for e in fetched}
        classes = {r.doc_id: r.doc_class for r in refused}
        # Not one of them is on the server any more (compacted away): the genuine revision is recorded as lost. An
        # altered revision may name made-up ancestors, but always on top of the genuine ones: the oldest is it.
        lost = [Refused(doc_id, revs[-1], classes.get(doc_id, ""), LOST, {"_id": doc_id, "_rev": revs[-1]})
                for doc_id, revs in missing.items() if doc_id not in found]
        return [self.sealer.open_arrival(e) for e in fetched] + lost

    def _changes(self, since: Any, inline: bool) -> _Changes:
        """One batch of changes after `since`: the revisions listed for each document (design documents and
        enrollments left out), the new sequence, and whether it was the last batch. With `inline`, each document's
        current revision comes with the change; only the other revisions listed remain wanted."""
        params: dict[str, Any] = {"style": "all_docs", "since": since, "limit": self.batch}
        if inline:
            params["include_docs"] = "true"
        answer = self.client.get("/_changes", params)
        rows = answer.get("results", [])
        wanted: dict[str, list[str]] = {}
        included: list[dict[str, Any]] = []
        for row in rows:
            if str(row.get("id", "")).startswith(("_design/", ENROLLMENT_PREFIX)):
                continue
            revs = [c["rev"] for c in row.get("changes", [])]
            doc = row.get("doc")
            # A tombstone is fetched like any other revision, whatever the server keeps of its body.
            if isinstance(doc, dict) and doc.get("_rev") in revs and not doc.get("_deleted"):
                revs.remove(doc["_rev"])
                included.append(doc)
            if revs:
                wanted[row["id"]] = revs
        return _Changes(wanted, included, answer.get("last_seq", since), len(rows) < self.batch)

    def _fetch(self, missing: dict[str, list[str]]) -> list[dict[str, Any]]:
        """The envelopes of the revisions named (none: no request)."""
        if not missing:
            return []
        envelopes: list[dict[str, Any]] = []
        if self._bulk_get:
            try:
                answer = self.client.post("/_bulk_get", {"docs": [{"id": d, "rev": r} for d, revs in missing.items()
                                                                  for r in revs]}, {"revs": "true"})
                for result in answer.get("results", []):
                    envelopes += [entry["ok"] for entry in result.get("docs", []) if "ok" in entry]
                return envelopes
            except CloudError as exc:
                if exc.offline or not any(f"HTTP {code}" in exc.detail for code in (400, 404, 405, 501)):
                    raise
                self._bulk_get = False  # an older server: one GET per document from now on
        for doc_id, revs in missing.items():
            answer = self.client.get(CouchClient.doc_path(doc_id), {"revs": "true", "open_revs": json.dumps(revs)})
            envelopes += [entry["ok"] for entry in answer if isinstance(entry, dict) and "ok" in entry]
        return envelopes

    # --- push ----------------------------------------------------------------------------------------------------

    def _push(self, after_seq: int, progress: Progress | None) -> tuple[int, int]:
        pushed = 0
        while True:
            changes = self.replica.local_changes(after_seq, self.batch)
            if not changes:
                return pushed, after_seq
            wanted: dict[str, list[str]] = {}
            for change in changes:
                wanted.setdefault(change.doc.id, []).append(change.doc.rev)
            missing = self.client.post("/_revs_diff", wanted)
            docs = []
            for change in changes:
                if change.doc.rev not in missing.get(change.doc.id, {}).get("missing", []):
                    continue
                docs.append(self.sealer.seal_change(change))
            if docs:
                self._bulk_docs(docs)
            after_seq = changes[-1].seq
            self.replica.set_sync_state({"push_seq": str(after_seq)})
            pushed += len(docs)
            if progress:
                progress("送信", pushed)

    def _push_head(self, pushed_seq: int, again: bool) -> None:
        """This terminal's head document, after the documents it cites (`Replication.head_revision`); `again`
        after the cloud lost what it held."""
        revision = self.replica.head_revision(pushed_seq, again)
        if revision is not None:
            self._bulk_docs([self.sealer.seal_change(revision)])
            self.replica.head_sent(revision)

    def _bulk_docs(self, docs: list[dict[str, Any]]) -> None:
        answer = self.client.post("/_bulk_docs", {"docs": docs, "new_edits": False})
        errors = [r for r in answer if isinstance(r, dict) and "error" in r]
        if errors:
            raise CloudError("クラウドが一部の文書を受け付けませんでした",
                             f"_bulk_docs refused {len(errors)}: {errors[0].get('error')}")
