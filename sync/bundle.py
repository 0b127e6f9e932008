"""File-carried sync: a bundle holds what one terminal carries to another on a USB stick when neither the cloud nor
any network can be reached (`python main.py bundle export|import`, and the window's ファイルによる同期).

A bundle is one JSON file: a header (municipality code, source terminal, optional target terminal, created at, a
random bundle id, the count), the envelopes exactly as the cloud gets them (sealed by `sync.envelope`, with their
`_revisions`), and an Ed25519 signature over both. The signer is the terminal's certified key (followed by that key
and the municipality's certificate of it) or, on the terminal that holds it, the municipality's key: the same
chain as a certificate's QR code, checked against the municipality's public key on import.

Taking a bundle in goes through `Replication.receive`, as a pull from the cloud does: a revision already here is
skipped, forks and conflicts are kept, and every document is checked and quarantined like a local write. A bundle
of another municipality, with a bad signature, for another terminal, or taken in before changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain.canonical import canonical_json
from domain.certificate_items import terminal_key_message
from local_store.bundle_service import CarriedIn
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from sync.envelope import Sealer

FORMAT, VERSION = "madoguchi-bundle", 1
SIGNED_LABEL = b"madoguchi bundle v1\n"
SUFFIX = ".madoguchi-bundle"


class BundleError(StoreError):
    """A bundle that is not taken in: the message says why, and nothing was changed."""


@dataclass(frozen=True, slots=True)
class Header:
    municipality: str  # 全国地方公共団体コード
    source: str  # the writing terminal's id
    source_name: str
    target: str  # the terminal it is for (id, or name when the id was not known); "" for any terminal
    target_name: str
    created_at: str
    bundle_id: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"municipality": self.municipality, "source": self.source, "source_name": self.source_name,
                "target": self.target, "target_name": self.target_name, "created_at": self.created_at,
                "bundle_id": self.bundle_id, "count": self.count}

    @classmethod
    def from_json(cls, value: Any) -> Header:
        return cls(*(str(value[k]) for k in ("municipality", "source", "source_name", "target", "target_name",
                                              "created_at", "bundle_id")), int(value["count"]))


@dataclass(frozen=True, slots=True)
class Bundle:
    header: Header
    envelopes: list[dict[str, Any]]
    signature: bytes

    def message(self) -> bytes:
        """What is signed: a label and the digest of the header and the envelopes."""
        content = canonical_json({"header": self.header.to_json(), "envelopes": self.envelopes})
        return SIGNED_LABEL + hashlib.sha256(content).digest()

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, "version": VERSION, "header": self.header.to_json(),
                           "envelopes": self.envelopes, "signature": self.signature.hex()},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    header: Header


@dataclass(frozen=True, slots=True)
class Imported:
    header: Header
    result: CarriedIn


def signed_by_municipality(bundle: Bundle, public_key: Ed25519PublicKey) -> bool:
    """The municipality's signature, or a terminal's with the municipality's certificate of its key."""
    signature, chain = bundle.signature[:64], bundle.signature[64:]
    try:
        if chain:
            if len(chain) != 96:
                return False
            terminal_key, certificate = chain[:32], chain[32:]
            public_key.verify(certificate, terminal_key_message(terminal_key))
            Ed25519PublicKey.from_public_bytes(terminal_key).verify(signature, bundle.message())
        else:
            public_key.verify(signature, bundle.message())
        return True
    except (InvalidSignature, ValueError):
        return False


def export_bundle(registry: Registry, actor: Staff, out: Path, target: str = "", *, everything: bool = False,
                  approver: Staff | None = None) -> Written:
    """Write what `target` lacks (see `BundleService.carry_out`) to `out`, signed; then the 持出し is recorded and the
    target's mark moves on. The file appears whole or not at all."""
    outgoing = registry.bundles.carry_out(actor, target, everything=everything, approver=approver)
    municipality, terminal_id, data_key = registry.replication.sealing()
    sealer = Sealer(municipality, terminal_id, data_key)
    envelopes = [sealer.seal_change(change) for change in outgoing.changes]
    header = Header(municipality, terminal_id, registry.terminal, outgoing.target, outgoing.target_name,
                    outgoing.at.isoformat(timespec="seconds"), secrets.token_hex(16), len(envelopes))
    unsigned = Bundle(header, envelopes, b"")
    bundle = Bundle(header, envelopes, outgoing.sign(unsigned.message()))
    partial = out.with_name(out.name + ".part")
    try:
        partial.write_bytes(bundle.to_bytes())
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"持出しファイルを書き込めません（{out}）", f"cannot write the bundle: {exc}") from None
    registry.bundles.carried_out(actor, outgoing, out.name)
    return Written(out, header)


def read_bundle(path: Path) -> Bundle:
    try:
        value = json.loads(path.read_bytes())
    except OSError as exc:
        raise BundleError(f"持出しファイルを開けません（{path.name}）", f"cannot read the bundle: {exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleError("持出しファイルとして読めません（壊れているか、別の種類のファイルです）",
                          "not a bundle: not JSON") from None
    try:
        if value["format"] != FORMAT or value["version"] != VERSION:
            raise BundleError("この形式の持出しファイルには対応していません", "unknown bundle format")
        envelopes = value["envelopes"]
        if not (isinstance(envelopes, list) and all(isinstance(e, dict) for e in envelopes)):
            raise ValueError("envelopes")
        return Bundle(Header.from_json(value["header"]), envelopes, bytes.fromhex(value["signature"]))
    except (KeyError, TypeError, ValueError):
        raise BundleError("持出しファイルとして読めません（壊れているか、別の種類のファイルです）",
                          "not a bundle: malformed") from None


def _refusal(registry: Registry, bundle: Bundle) -> str | None:
    """Why this bundle must not be taken in here, in words for staff; None when it may."""
    header = bundle.header
    town = registry.municipality
    if header.municipality != town.code:
        return (f"別の自治体（団体コード {header.municipality}）の持出しファイルです。"
                f"{town.prefecture}{town.name}（{town.code}）の端末には取り込めません")
    if not signed_by_municipality(bundle, registry.kofu.public_key()):
        return "持出しファイルの署名が正しくありません（作成後に改変されたか、この町の端末が作ったものではありません）"
    if header.target and header.target not in (registry.terminal_id, registry.terminal):
        return f"この持出しファイルは端末「{header.target_name or header.target}」宛てです。この端末には取り込めません"
    if header.source == registry.terminal_id:
        return "この端末自身が作った持出しファイルです"
    if len(bundle.envelopes) != header.count:
        return "持出しファイルの文書の数が見出しと合いません"
    return None


def import_bundle(registry: Registry, actor: Staff, path: Path) -> Imported:
    """Check a bundle and take its documents in; BundleError (audited, nothing changed) when it may not be."""
    try:
        bundle = read_bundle(path)
        reason = _refusal(registry, bundle)
        if reason is not None:
            raise BundleError(reason, "bundle refused")
    except BundleError as exc:
        registry.bundles.carry_in_refused(actor, path.name, exc.message)
        raise
    municipality, terminal_id, data_key = registry.replication.sealing()
    sealer = Sealer(municipality, terminal_id, data_key)
    result = registry.bundles.carry_in(actor, path.name, bundle.header.bundle_id,
                                       (bundle.header.source, bundle.header.source_name),
                                       [sealer.open_arrival(envelope) for envelope in bundle.envelopes])
    return Imported(bundle.header, result)


def default_name(registry: Registry, target: str, at: dt.datetime) -> str:
    """A file name that says where a bundle comes from, for whom and when."""
    to = f"_{target}宛" if target else ""
    return f"持出し_{registry.terminal}{to}_{at:%Y%m%d-%H%M}{SUFFIX}"
