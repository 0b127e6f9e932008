"""Opening pulled envelopes: in a second process during a large pull, so that it uses both cores.

A pulled document costs more to open than to store: decrypting it, reading its JSON, compressing it for storage,
checking its revision id and its form (`replication.verified`). None of that needs the replica, so during a large
pull (a terminal joining, or one catching up) it runs in a process of its own while this one stores the batch
before. A thread would not do: two threads busy with Python only take turns. A small pull opens its envelopes here.

The process is started with `spawn` (a forked copy of a process with threads may inherit a lock held by another
thread, and Windows has no fork). The data key reaches it in memory, as an argument of the pool's initializer,
never through a file or its command line. It ends with the pull, or as soon as this process ends.

What it sends back is small and quick to unpickle: of each envelope, its refusal, or what was made of it (`Opened`).
This process has the envelopes, and reads the bodies again from their JSON with orjson, in about a third of the time
that unpickling whole arrivals took.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any

import orjson

from local_store.documents import Document
from local_store.replication import Arrival, Refused, verified
from sync.envelope import Sealer, stored_form

_sealer: Sealer | None = None  # in the opening process: set by `_start`


def open_all(sealer: Sealer, envelopes: Sequence[dict[str, Any]], today: dt.date) -> list[Arrival | Refused]:
    """Open and verify envelopes received; those that do not open or do not pass are refused."""
    opened = (sealer.open_arrival(envelope) for envelope in envelopes)
    return [verified(a, sealer.data_key, today) if isinstance(a, Arrival) else a for a in opened]


def _start(municipality: str, terminal: str, data_key: bytes) -> None:
    global _sealer
    _sealer = Sealer(municipality, terminal, data_key)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(parent_sentinel: int) -> None:
    """End this process when the one that started it ends, however it ends (a kill -9 too): the pool's own queues
    would keep it waiting forever."""
    multiprocessing.connection.wait([parent_sentinel])
    os._exit(0)


# An envelope opened in the second process: what was sealed with the body (class, origin terminal, its number for
# the document, parent revision), the body's canonical JSON, its stored form, and the body itself only when orjson
# would not read that JSON back into it (a number beyond what orjson holds).
Opened = tuple[str, str, int | None, str | None, bytes, bytes, dict[str, Any] | None]


def _open_in_process(envelopes: Sequence[dict[str, Any]], today: dt.date) -> list[Opened | str]:
    """`open_all`, as sent back: an arrival `Opened`, a refusal as its reason."""
    assert _sealer is not None
    return [a.reason if isinstance(a, Refused) else _sent(a) for a in open_all(_sealer, envelopes, today)]


def _sent(arrival: Arrival) -> Opened:
    body = arrival.doc.body
    try:
        readable = orjson.dumps(body, option=orjson.OPT_SORT_KEYS) == arrival.body_json  # then orjson reads it back
    except orjson.JSONEncodeError:
        readable = False
    return (arrival.doc.doc_class, arrival.origin, arrival.number, arrival.parent_rev, arrival.body_json,
            arrival.packed, None if readable else body)


def _received(envelope: dict[str, Any], sent: Opened | str) -> Arrival | Refused:
    """An arrival opened in the second process, made again here from its envelope and what was sent back."""
    kept = stored_form(envelope)
    doc_id, rev = str(kept.get("_id", "")), str(kept.get("_rev", ""))
    if isinstance(sent, str):
        return Refused(doc_id, rev, str(kept.get("c", "")), sent, kept)
    doc_class, origin, number, parent, body_json, packed, body = sent
    doc = Document(doc_id, rev, doc_class, orjson.loads(body_json) if body is None else body,
                   bool(kept.get("_deleted", False)))
    return Arrival(doc, parent, origin, kept, body_json, packed, verified=True, number=number)


class Opener:
    """Opens the envelopes of a pull: here, or in a second process once `use_process` was called and the process
    is up (it takes a few tenths of a second to start). One that cannot start, or dies, leaves the opening here."""

    def __init__(self, sealer: Sealer, today: dt.date) -> None:
        self._sealer = sealer
        self._today = today
        self._pool: ProcessPoolExecutor | None = None
        self._up: Future[int] | None = None  # done when the process has started
        self._broken = False

    def use_process(self) -> Future[int]:
        """A large pull: start the second process now. The future is done when it is up (with its process id)."""
        if self._pool is None or self._up is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
                initargs=(self._sealer.municipality, self._sealer.terminal, self._sealer.data_key))
            self._up = self._pool.submit(os.getpid)
        return self._up

    def submit(self, envelopes: Sequence[dict[str, Any]]) -> Future[list[Arrival | Refused]]:
        """The envelopes opened and verified (`open_all`)."""
        opened: Future[list[Arrival | Refused]] = Future()
        if envelopes and self._pool is not None and self._process_up():
            def settle(done: Future[list[Opened | str]]) -> None:
                try:
                    opened.set_result([_received(e, sent) for e, sent in zip(envelopes, done.result(), strict=True)])
                except BrokenProcessPool:
                    self._broken = True
                    try:
                        opened.set_result(open_all(self._sealer, envelopes, self._today))
                    except BaseException as exc:  # the batch's waiter must hear of it, not wait for ever
                        opened.set_exception(exc)
                except BaseException as exc:  # handed on to whoever waits for the batch
                    opened.set_exception(exc)

            try:
                self._pool.submit(_open_in_process, envelopes, self._today).add_done_callback(settle)
                return opened
            except BrokenProcessPool:
                self._broken = True
        opened.set_result(open_all(self._sealer, envelopes, self._today))
        return opened

    def _process_up(self) -> bool:
        return not self._broken and self._up is not None and self._up.done() and self._up.exception() is None

    def __enter__(self) -> Opener:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
