"""復旧コード: the code printed in a terminal's recovery kit, which opens the replica when the keyring entry is lost.

Six groups of five characters from an alphabet without 0/O and 1/I. Each group is four random characters (120
random bits in all) and one check character (Luhn mod 32 over the group's position and its four characters), so a
mistyped character, two swapped neighbours or two swapped groups are caught and the group named.
"""

from __future__ import annotations

import secrets

from domain.errors import ValidationError

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS, DATA = 6, 4
ITEM = "復旧コード"


def _check_char(group_index: int, chars: str) -> str:
    """Luhn mod N (N = 32) over the group's number and its characters."""
    total, factor = 0, 2
    for value in reversed([group_index] + [ALPHABET.index(c) for c in chars]):
        addend = factor * value
        total += addend // 32 + addend % 32
        factor = 3 - factor
    return ALPHABET[(32 - total % 32) % 32]


def new_code() -> str:
    groups = []
    for index in range(GROUPS):
        data = "".join(secrets.choice(ALPHABET) for _ in range(DATA))
        groups.append(data + _check_char(index, data))
    return "-".join(groups)


def normalize(text: str) -> str:
    """The code as typed (any case, spaces or hyphens) in its printed form; ValidationError names a wrong group."""
    chars = "".join(c for c in text.upper() if c not in " -\u3000\t")
    if len(chars) != GROUPS * (DATA + 1):
        raise ValidationError(ITEM, f"{GROUPS}組{GROUPS * (DATA + 1)}文字で入力してください（いまは{len(chars)}文字です）")
    groups = [chars[i:i + DATA + 1] for i in range(0, len(chars), DATA + 1)]
    for index, group in enumerate(groups):
        if any(c not in ALPHABET for c in group):
            raise ValidationError(ITEM, f"{index + 1}組目に使えない文字があります（0・1・I・O は使いません）")
        if _check_char(index, group[:DATA]) != group[DATA]:
            raise ValidationError(ITEM, f"{index + 1}組目が正しくありません。入力を確かめてください")
    return "-".join(groups)
