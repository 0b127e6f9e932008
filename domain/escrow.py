"""分割鍵 (escrow shares): the municipality's data key and signing key split among administrators, k of n.

With any k shares and the cloud, a municipality that lost every terminal is restored on a new one. The secret is
the two keys and the municipality's identity (都道府県, 市区町村名, 市区町村長), split with Shamir's scheme. Each share
is text: a readable prefix, then base 32 in groups of five, carrying the format, the 全国地方公共団体コード, the
set it belongs to (so shares of two different splits are never mixed), k, n, its own number, its bytes, and a
checksum that catches a mistyped share.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from domain import shamir
from domain.errors import ValidationError

PREFIX = "MDGS1"
ITEM = "分割鍵"
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_OURS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
_TO_OURS, _FROM_OURS = str.maketrans(_B32, _OURS), str.maketrans(_OURS, _B32)
_HEADER = 1 + 3 + 4 + 3  # version, code, set id, (threshold, count, number)
_CHECK = 4


@dataclass(frozen=True)
class EscrowSecret:
    data_key: bytes
    signing_key: bytes
    code: str  # 全国地方公共団体コード
    prefecture: str
    name: str
    mayor: str

    def _payload(self) -> bytes:
        return self.data_key + self.signing_key + f"{self.prefecture}\t{self.name}\t{self.mayor}".encode()


@dataclass(frozen=True)
class Share:
    code: str
    set_id: bytes
    threshold: int
    count: int
    number: int
    value: bytes


def _encode(share: Share) -> str:
    raw = (bytes([1]) + int(share.code).to_bytes(3, "big") + share.set_id
           + bytes([share.threshold, share.count, share.number]) + share.value)
    raw += hashlib.sha256(raw).digest()[:_CHECK]
    text = base64.b32encode(raw).decode().rstrip("=").translate(_TO_OURS)
    return "-".join([PREFIX] + [text[i:i + 5] for i in range(0, len(text), 5)])


def parse(text: str) -> Share:
    """One share as typed or scanned; ValidationError when it is not a whole, unaltered share."""
    chars = "".join(c for c in text.upper() if c not in " -\u3000\t\r\n")
    if not chars.startswith(PREFIX):
        raise ValidationError(ITEM, f"分割鍵は {PREFIX}- で始まります")
    body = chars[len(PREFIX):]
    if any(c not in _OURS for c in body):
        raise ValidationError(ITEM, "分割鍵に使えない文字があります（0・1・I・O は使いません）")
    try:
        raw = base64.b32decode(body.translate(_FROM_OURS) + "=" * (-len(body) % 8))
    except ValueError:
        raise ValidationError(ITEM, "分割鍵の長さが正しくありません。入力を確かめてください") from None
    if len(raw) <= _HEADER + _CHECK or hashlib.sha256(raw[:-_CHECK]).digest()[:_CHECK] != raw[-_CHECK:]:
        raise ValidationError(ITEM, "分割鍵が正しくありません（入力の誤りか、別の書類です）。入力を確かめてください")
    if raw[0] != 1:
        raise ValidationError(ITEM, "この版の窓口では読めない分割鍵です")
    threshold, count, number = raw[8], raw[9], raw[10]
    return Share(f"{int.from_bytes(raw[1:4], 'big'):06d}", raw[4:8], threshold, count, number, raw[_HEADER:-_CHECK])


def split(secret: EscrowSecret, count: int, threshold: int) -> list[str]:
    """`count` shares of which any `threshold` give the secret back."""
    if not 2 <= threshold <= count <= 9:
        raise ValidationError(ITEM, "分割数は2〜9、必要数は2以上で分割数以下にしてください")
    set_id = secrets.token_bytes(4)
    return [_encode(Share(secret.code, set_id, threshold, count, x, value))
            for x, value in shamir.split(secret._payload(), count, threshold)]


def combine(texts: list[str]) -> EscrowSecret:
    """The secret from k shares of one set."""
    shares = [parse(t) for t in texts]
    if not shares:
        raise ValidationError(ITEM, "分割鍵を入力してください")
    first = shares[0]
    if any((s.code, s.set_id, s.threshold, s.count) != (first.code, first.set_id, first.threshold, first.count)
           for s in shares):
        raise ValidationError(ITEM, "別の町か、別の時に作られた分割鍵が混じっています")
    if len({s.number for s in shares}) != len(shares):
        raise ValidationError(ITEM, "同じ分割鍵が二度入力されています")
    if len(shares) < first.threshold:
        raise ValidationError(ITEM, f"分割鍵があと{first.threshold - len(shares)}枚必要です（{first.count}枚のうち"
                                    f"{first.threshold}枚）")
    payload = shamir.combine([(s.number, s.value) for s in shares[:first.threshold]])
    try:
        prefecture, name, mayor = payload[64:].decode().split("\t")
    except ValueError:
        raise ValidationError(ITEM, "分割鍵から鍵を復元できません") from None
    return EscrowSecret(payload[:32], payload[32:64], first.code, prefecture, name, mayor)
