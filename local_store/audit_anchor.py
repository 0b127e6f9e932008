"""The anchor of this terminal's audit chain, kept outside the replica's tables: the chain's head (sequence number
and hash) and the head before the last batch, under a MAC keyed from the terminal key, which the tables do not hold.

It is kept twice: in `audit_anchor.json` beside the replica and, where one exists, in the keyring, under the name
of this copy of the replica (terminal.json's `terminal_id`, which a replica restored from a backup does not share
with the original). Whoever cuts off the chain's newest entries, re-hashes it or wipes it in the tables leaves the
anchor behind, and so does a batch written on top of what was cut: `local_store.audit` reports it as tampering on
the terminal itself, before any sync.

Each batch is anchored in two steps (see `StoreContext.write`): inside its transaction, just before the commit, the
file gets the batch's head marked unsettled; after the commit, the head settled, in the file and the keyring. So a
kill at any moment leaves one of: the last settled head with the tables at it or ahead (killed before the commit's
mark, or after the commit), or an unsettled head with the tables at the head before it (the batch was never
committed) or at it. Tables that end at the head before a *settled* head lost their last batch after it was
committed: that is tampering. (The commit is durable before the head is settled: the context's connection syncs
each commit, so a power failure cannot leave a settled head ahead of the tables either.)

After 鍵の更新 the anchor is made again under the new key (`rekey`); a rotation cut short before that leaves an
anchor under the previous key, which `local_store.audit` accepts only where it names the 鍵の更新 entry itself.
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

from local_store.terminal_key import key_check_value, usable_keyring

ANCHOR_FILE = "audit_anchor.json"
KEYRING_SERVICE = "Madoguchi audit anchor"
_LABEL = b"madoguchi audit anchor v1"
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

    def _use_key(self, terminal_key: bytes) -> None:
        self._mac_key = hmac.new(terminal_key, _LABEL, hashlib.sha256).digest()
        self._check = key_check_value(terminal_key)

    def load(self) -> Loaded:
        """The anchors kept in the file and in the keyring: the one further along of those that hold. A file that
        does not parse (a crash while it was replaced, on a file system that does not order it) is a problem only
        when the keyring holds no anchor either; one whose MAC fails always is."""
        found: list[Anchor] = []
        problems: list[str] = []
        for where, text in ((ANCHOR_FILE, self._read_file()), ("キーリング", self._read_keyring())):
            if text is None:
                continue
            opened = self._open(text)
            if isinstance(opened, Anchor):
                found.append(opened)
            elif opened is not None:
                problems.append(f"操作記録の控え（{where}）{opened}")
        if found:
            problems = [p for p in problems if not p.endswith(_UNREADABLE)]
        best = max(found, key=lambda a: (a.current.seq, a.settled, a.under_current_key), default=None)
        return Loaded(best, tuple(problems))

    def save(self, anchor: Anchor) -> None:
        """Write the anchor under the current key: to the file (replaced atomically), and to the keyring when it
        is settled. A failure to write leaves the stored anchor behind the tables, which is no tampering; it is not
        raised, as the batch is committed already (or is about to be, and then is anchored at the next one)."""
        body = self._sealed(anchor)
        tmp = self._path.with_name(self._path.name + ".tmp")
        try:
            tmp.write_text(body, encoding="utf-8")
            os.replace(tmp, self._path)
        except OSError:
            pass
        backend = usable_keyring() if anchor.settled else None
        if backend is not None:
            try:
                backend.set_password(KEYRING_SERVICE, self._replica, body)
            except keyring.errors.KeyringError:
                pass

    def rekey(self, terminal_key: bytes, anchor: Anchor | None) -> None:
        """鍵の更新: the MAC key from the new terminal key, and the anchor kept again under it."""
        self._use_key(terminal_key)
        if anchor is not None:
            self.save(anchor)

    # --- the stored form ---------------------------------------------------------------------------------------

    def _sealed(self, anchor: Anchor) -> str:
        fields = self._fields(anchor)
        return json.dumps({**fields, "key": self._check, "mac": self._mac(fields)}, ensure_ascii=False)

    def _fields(self, anchor: Anchor) -> dict[str, Any]:
        return {"format": 1, "replica": self._replica, "chain": anchor.chain,
                "previous": [anchor.previous.seq, anchor.previous.hash],
                "current": [anchor.current.seq, anchor.current.hash], "settled": anchor.settled}

    def _mac(self, fields: dict[str, Any]) -> str:
        payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return hmac.new(self._mac_key, payload, hashlib.sha256).hexdigest()

    def _open(self, text: str) -> Anchor | str | None:
        """The anchor, or what is wrong with it, or None when it is another copy's (a leftover of the original
        beside a restored replica)."""
        try:
            body = json.loads(text)
            anchor = Anchor(str(body["chain"]), Head(int(body["previous"][0]), str(body["previous"][1])),
                            Head(int(body["current"][0]), str(body["current"][1])), bool(body["settled"]))
            replica, check, mac = str(body["replica"]), str(body["key"]), str(body["mac"])
        except (ValueError, KeyError, TypeError, IndexError):
            return _UNREADABLE
        if replica != self._replica:
            return None
        if check != self._check:  # made under a previous key: its MAC cannot be checked any more
            return Anchor(anchor.chain, anchor.previous, anchor.current, anchor.settled, under_current_key=False)
        if not hmac.compare_digest(mac, self._mac(self._fields(anchor))):
            return "が書き換えられています（照合できません）"
        return anchor

    def _read_file(self) -> str | None:
        try:
            return self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            return ""

    def _read_keyring(self) -> str | None:
        backend = usable_keyring()
        if backend is None:
            return None
        try:
            return backend.get_password(KEYRING_SERVICE, self._replica)
        except keyring.errors.KeyringError:
            return None


_UNREADABLE = "が壊れています"
