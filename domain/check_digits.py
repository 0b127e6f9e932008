"""Check digits of the numbers the registry holds or issues.

- 個人番号 (12 digits): 平成26年総務省令第85号 第5条; weights 6,5,4,3,2,7,6,5,4,3,2 on the first 11 digits,
  check digit 11 − (sum mod 11), or 0 when the remainder is 0 or 1.
- 全国地方公共団体コード (6 digits): JIS X 0401/0402; weights 6,5,4,3,2, check digit = last digit of
  11 − (sum mod 11).
- 宛名番号 and 世帯番号: M11W2-7 (住民記録システム標準仕様書 §1.1.13): modulus 11, weights 2 to 7 repeating,
  remainder 0 gives check digit 0. The specification v1.0 does not say from which end the weights start, nor
  what to do when 11 − remainder would be 10 (remainder 1); both are settings (M11Settings) with defaults:
  weights from the rightmost base digit, and base numbers with remainder 1 are not issued.
- 住民票コード (11 digits): only its form is checked, see validate_juminhyo_code.

Input is NFKC-normalized first (full-width digits), and spaces and dashes are dropped ("1234 5678 9018").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import cycle
from typing import Literal

from domain.errors import ValidationError

_SEPARATORS = str.maketrans("", "", " \t-‐‑−–—ー")  # after NFKC: spaces, hyphens, dashes, a typed 長音
_MYNUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_LOCAL_GOVERNMENT_WEIGHTS = (6, 5, 4, 3, 2)


def _digits(value: str, item: str, length: int | None = None) -> str:
    """The value as ASCII digits without separators; refuse anything else (and a wrong length, if given)."""
    digits = unicodedata.normalize("NFKC", value).translate(_SEPARATORS)
    if not digits:
        raise ValidationError(item, "入力されていません")
    if not (digits.isascii() and digits.isdigit()):
        raise ValidationError(item, "数字で入力してください")
    if length is not None and len(digits) != length:
        raise ValidationError(item, f"{length}桁で入力してください（{len(digits)}桁入力されています）")
    return digits


def _weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=True))


def mynumber_check_digit(first11: str) -> int:
    remainder = _weighted_sum(_digits(first11, "個人番号", 11), _MYNUMBER_WEIGHTS) % 11
    return 0 if remainder <= 1 else 11 - remainder


def validate_mynumber(value: str, item: str = "個人番号") -> str:
    """The 12-digit 個人番号, normalized; ValidationError if it is malformed or its check digit is wrong."""
    digits = _digits(value, item, 12)
    if mynumber_check_digit(digits[:11]) != int(digits[11]):
        raise ValidationError(item, "個人番号の検査用数字が正しくありません")
    return digits


def is_valid_mynumber(value: str) -> bool:
    try:
        validate_mynumber(value)
    except ValidationError:
        return False
    return True


def local_government_check_digit(code5: str) -> int:
    remainder = _weighted_sum(_digits(code5, "全国地方公共団体コード", 5), _LOCAL_GOVERNMENT_WEIGHTS) % 11
    return (11 - remainder) % 10


def validate_local_government_code(code6: str, item: str = "全国地方公共団体コード") -> str:
    digits = _digits(code6, item, 6)
    if local_government_check_digit(digits[:5]) != int(digits[5]):
        raise ValidationError(item, "全国地方公共団体コードの検査数字が正しくありません")
    return digits


@dataclass(frozen=True)
class M11Settings:
    """The details of M11W2-7 that the specification v1.0 leaves open (see the module docstring)."""

    # True: weights 2,3,…,7,2,3,… start at the rightmost base digit; False: at the leftmost.
    weights_from_right: bool = True
    # When 11 − remainder would be 10: "skip" = such a base number is not issued; "zero" = check digit 0.
    remainder_one: Literal["skip", "zero"] = "skip"

    def __post_init__(self) -> None:
        if self.remainder_one not in ("skip", "zero"):
            raise ValidationError(
                "検査数字の設定", f"余り1の扱いは skip か zero です（{self.remainder_one!r}）"
            )


def m11_check_digit(base: str, settings: M11Settings = M11Settings()) -> int | None:
    """The M11W2-7 check digit of a base number, or None when such a base number is not issued."""
    digits = _digits(base, "番号")
    ordered = reversed(digits) if settings.weights_from_right else iter(digits)
    remainder = sum(int(digit) * weight for digit, weight in zip(ordered, cycle(range(2, 8)))) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None if settings.remainder_one == "skip" else 0
    return 11 - remainder


def with_m11(base: str, settings: M11Settings = M11Settings()) -> str | None:
    """The base number followed by its check digit, or None when it is not issued."""
    digit = m11_check_digit(base, settings)
    return None if digit is None else _digits(base, "番号") + str(digit)


def validate_m11(number: str, item: str, settings: M11Settings = M11Settings()) -> str:
    """A 宛名番号 or 世帯番号 with its check digit, normalized; ValidationError if it is wrong."""
    digits = _digits(number, item)
    if len(digits) < 2:
        raise ValidationError(item, "検査数字を含めて2桁以上で入力してください")
    expected = m11_check_digit(digits[:-1], settings)
    if expected is None:
        raise ValidationError(item, "発番されることのない番号です（検査数字が定まりません）")
    if expected != int(digits[-1]):
        raise ValidationError(item, f"{item}の検査数字が正しくありません")
    return digits


def next_m11_number(base_int: int, width: int, settings: M11Settings = M11Settings()) -> tuple[str, int]:
    """The first issuable number at or after base_int (base zero-padded to width, then the check digit),
    and the next base_int to try."""
    if base_int < 0:
        raise ValidationError("番号", "基番号は0以上です")
    candidate = base_int
    while len(base := f"{candidate:0{width}d}") == width:
        digit = m11_check_digit(base, settings)
        if digit is not None:
            return base + str(digit), candidate + 1
        candidate += 1
    raise ValidationError("番号", f"{width}桁の番号を使い切りました")


def validate_juminhyo_code(value: str, item: str = "住民票コード") -> str:
    """The 11-digit 住民票コード, normalized. Its last digit is a check digit, but its formula
    (平成14年総務省告示第436号) is unconfirmed, so it is deliberately not checked: only the form is."""
    return _digits(value, item, 11)
