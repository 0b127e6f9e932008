"""The anchor of this terminal's audit chain, kept outside the replica's tables: the chain's head (sequence number
and hash) and the head before the last batch, under a MAC keyed from the terminal key, which the tables do not hold.

It is kept in `audit_anchor.jsonl` beside the replica and, where one exists, in the keyring, under the name of this
copy of the replica (terminal.json's `terminal_id`, which a replica restored from a backup does not share with the
original). Whoever cuts off the chain's newest entries, re-hashes it or wipes it in the tables leaves the anchor
behind, and so does a batch written on top of what was cut: `local_store.audit` reports it as tampering on the
terminal itself, before any sync. A file removed while the keyring holds an anchor is reported too.

Each batch is anchored in two steps (see `StoreContext.write`): inside its transaction, just before the commit, the
file gets the batch's head marked unsettled; after the commit, the head settled. So a kill at any moment leaves one
of: the last settled head with the tables at it or ahead (killed before the commit's mark, or after the commit), or
an unsettled head with the tables at the head before it (the batch was never committed) or at it. Tables that end
at the head before a *settled* head lost their last batch after it was committed: that is tampering. (The commit is
on disk before the head is settled: the context's connection syncs each commit, so a power failure cannot leave a
settled head ahead of the tables either.)

The file holds two fixed slots written in place in turn, each record numbered: the newest that opens is the anchor,
so a write torn by a power failure leaves the one before it (an older head is no tampering: the tables are ahead of
it). The keyring's copy is refreshed every `KEYRING_EVERY` batches and at close, as a keyring write costs more than a
batch and is not safe from a kill on every backend (the file keyring rewrites its file in place): it is there for when
the file is gone.

After 鍵の更新 the anchor is made again under the new key (`rekey`); a rotation cut short before that leaves an
anchor under the previous key, which `local_store.audit` accepts only where it names the 鍵の更新 entry itself.

What it cannot do: whoever holds the terminal key and knows all this can write an anchor of their own, or put back a
copy of an older one; a head cited in the cloud (`local_store.audit.cite`) is what catches that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring.errors

from domain.canonical import canonical_json
from local_store.terminal_key import key_check_value, usable_keyring

ANCHOR_FILE = "audit_anchor.jsonl"
KEYRING_SERVICE = "Madoguchi audit anchor"
KEYRING_EVERY = 50  # batches between the keyring copy's refreshes
SLOT = 4096  # bytes of each of the file's two slots
_LABEL = b"madoguchi audit anchor v1"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Head:
    """A place in a chain: a sequence number and the hash of the entry there ((0, GENESIS): the chain is empty)."""

    seq: int
    hash: str


EMPTY = Head(0, GENESIS)


@dataclass(frozen=True, slots=True)
class Anchor:
    """This copy's chain (`chain`, its id in the audit) at `current`, after a batch written on top of `previous`.
    `settled` is False while that batch's commit may not have happened; `under_current_key` is False for an anchor
    made under a previous terminal key."""

    chain: str
    previous: Head
    current: Head
    settled: bool = True
    under_current_key: bool = True


@dataclass(frozen=True, slots=True)
class Loaded:
    """What the stored anchors said: the one further along of those that hold, and what was wrong with the others
    (in plain Japanese, for the verdict)."""

    anchor: Anchor | None
    problems: tuple[str, ...] = ()


class AnchorStore:
    """The anchors of one copy of the replica: `replica` names it (terminal.json's id); the MAC key comes from the
    terminal key."""

    def __init__(self, data_dir: Path, replica: str, terminal_key: bytes) -> None:
        self._path = data_dir / ANCHOR_FILE
        self._replica = replica
        self._use_key(terminal_key)
        self._kept: Anchor | None = None  # what this process last wrote to the keyring,
        self._batches = 0  # and the batches settled since

    def _use_key(self, terminal_key: bytes) -> None:
        self._mac_key = hmac.new(terminal_key, _LABEL, hashlib.sha256).digest()
        self._check = key_check_value(terminal_key)

    def load(self) -> Loaded:
        """The anchor: the newest record of the file that holds, or the keyring's where it is further along (or the
        file is gone); and what is wrong with the others: a record whose MAC fails, the file gone while the keyring
        keeps an anchor."""
        problems: list[str] = []
        candidates: list[Anchor] = []
        kept = self._read_keyring()
        for where, texts in ((ANCHOR_FILE, self._read_slots()), ("キーリング", kept)):
            found: list[tuple[int, Anchor]] = []
            for text in texts:
                opened = self._open(text)
                if isinstance(opened, tuple):
                    found.append(opened)
                elif opened is not None:
                    problems.append(f"操作記録の控え（{where}）{opened}")
            if found:
                candidates.append(max(found, key=lambda f: f[0])[1])
        if kept and not self._path.exists():
            problems.append(f"操作記録の控え（{ANCHOR_FILE}）がありません（削除）")
        best = None
        for anchor in candidates:
            if best is None or anchor.current.seq > best.current.seq:
                best = anchor
        return Loaded(best, tuple(dict.fromkeys(problems)))

    def save(self, anchor: Anchor) -> None:
        """Write the anchor under the current key into the file's older slot (and, settled, to the keyring when its
        copy is due). A failure to write leaves the stored anchor behind the tables, which is no tampering; it is not
        raised, as the batch is committed already (or is about to be, and then is anchored at the next one)."""
        numbers = [n for n, _ in (self._open_any(t) for t in self._read_slots()) if n is not None]
        number = max(numbers, default=0) + 1
        body = self._sealed(anchor, number).encode("utf-8")
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
            try:
                os.lseek(fd, (number % 2) * SLOT, os.SEEK_SET)
                os.write(fd, body.ljust(SLOT - 1) + b"\n")
            finally:
                os.close(fd)
        except OSError:
            return
        if anchor.settled:
            self._batches += 1
            if self._batches >= KEYRING_EVERY:
                self.keep(anchor)

    def keep(self, anchor: Anchor | None) -> None:
        """Refresh the keyring's copy (at close, and as `save` finds it due)."""
        backend = usable_keyring()
        if anchor is None or anchor == self._kept or backend is None:
            return
        try:
            backend.set_password(KEYRING_SERVICE, self._replica, self._sealed(anchor, 0))
        except keyring.errors.KeyringError:
            return
        self._kept, self._batches = anchor, 0

    def rekey(self, terminal_key: bytes, anchor: Anchor | None) -> None:
        """鍵の更新: the MAC key from the new terminal key, and the anchor kept again under it."""
        self._use_key(terminal_key)
        if anchor is not None:
            self._kept = None
            self.save(anchor)

    # --- the stored form ---------------------------------------------------------------------------------------

    def _sealed(self, anchor: Anchor, number: int) -> str:
        fields = self._fields(anchor, number)
        return json.dumps({**fields, "key": self._check, "mac": self._mac(fields)}, ensure_ascii=False)

    def _fields(self, anchor: Anchor, number: int) -> dict[str, Any]:
        return {"format": 1, "replica": self._replica, "n": number, "chain": anchor.chain,
                "previous": [anchor.previous.seq, anchor.previous.hash],
                "current": [anchor.current.seq, anchor.current.hash], "settled": anchor.settled}

    def _mac(self, fields: dict[str, Any]) -> str:
        return hmac.new(self._mac_key, canonical_json(fields), hashlib.sha256).hexdigest()

    def _open_any(self, text: str) -> tuple[int | None, dict[str, Any] | None]:
        try:
            body = json.loads(text)
            return int(body["n"]), body
        except (ValueError, KeyError, TypeError):
            return None, None

    def _open(self, text: str) -> tuple[int, Anchor] | str | None:
        """The record's number and anchor, or what is wrong with it; None for a slot never written or torn, and for
        another copy's record (a leftover of the original beside a restored replica)."""
        number, body = self._open_any(text)
        if body is None or number is None:
            return None
        try:
            anchor = Anchor(str(body["chain"]), Head(int(body["previous"][0]), str(body["previous"][1])),
                            Head(int(body["current"][0]), str(body["current"][1])), bool(body["settled"]))
            replica, check, mac = str(body["replica"]), str(body["key"]), str(body["mac"])
        except (ValueError, KeyError, TypeError, IndexError):
            return _UNREADABLE
        if replica != self._replica:
            return None
        if check != self._check:  # made under a previous key: its MAC cannot be checked any more
            return number, Anchor(anchor.chain, anchor.previous, anchor.current, anchor.settled,
                                  under_current_key=False)
        if not hmac.compare_digest(mac, self._mac(self._fields(anchor, number))):
            return "が書き換えられています（照合できません）"
        return number, anchor

    def _read_slots(self) -> list[str]:
        try:
            blob = self._path.read_bytes()
        except OSError:
            return []
        texts = [blob[i:i + SLOT].strip(b"\x00 \n") for i in range(0, min(len(blob), 2 * SLOT), SLOT)]
        return [t.decode("utf-8", "replace") for t in texts if t]

    def _read_keyring(self) -> list[str]:
        backend = usable_keyring()
        if backend is None:
            return []
        try:
            kept = backend.get_password(KEYRING_SERVICE, self._replica)
        except keyring.errors.KeyringError:
            return []
        return [] if kept is None else [kept]


_UNREADABLE = "の形が正しくありません"
