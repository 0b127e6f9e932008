"""The pool of 住民票コード: the file the national side delivers them in, and the documents that keep them.

The file: UTF-8 text (a byte order mark is allowed), one 住民票コード a line (11 digits; full-width digits and
spaces or hyphens between them are read as the same digits); blank lines and lines starting with `#` are skipped.
Only the form of a code is checked (see `domain.check_digits.validate_juminhyo_code`).

The documents (class `jcode`, replicated, signed by the municipality's key): a *pool* document holds the codes of
one imported file; a *lease* document gives some of them to one terminal, which alone draws from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.check_digits import validate_juminhyo_code
from domain.errors import ValidationError
from domain.idou import CODE_ENTRY

POOL, LEASE = "pool", "lease"
FILE_ITEM = "住民票コードのファイル"


@dataclass(frozen=True, slots=True)
class CodeLine:
    line: int
    code: str


def parse_codes(text: str) -> list[CodeLine]:
    """The codes of a file, in its order; a malformed or repeated code raises ValidationError naming its line."""
    found: list[CodeLine] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            code = validate_juminhyo_code(stripped)
        except ValidationError as exc:
            raise ValidationError(f"{number}行目", f"住民票コード: {exc.message}") from None
        if code in seen:
            raise ValidationError(f"{number}行目", f"住民票コード {code} は{seen[code]}行目と同じです")
        seen[code] = number
        found.append(CodeLine(number, code))
    if not found:
        raise ValidationError(FILE_ITEM, "住民票コードの行がありません")
    return found


def unsigned(body: Mapping[str, Any]) -> dict[str, Any]:
    """What the signature of a pool or lease document covers: everything but the signature."""
    return {k: v for k, v in body.items() if k != "signature"}


def problem(body: Any) -> str | None:
    """Why a pool or lease document is malformed, in plain words; None when its form is right."""
    if not isinstance(body, Mapping):
        return "a 住民票コード document is not an object"
    if body.get("kind") not in (POOL, LEASE):
        return "a 住民票コード document of an unknown kind"
    for key in ("terminal", "terminal_name", "issued_at", "by", "signature"):
        if not isinstance(body.get(key), str):
            return f"a 住民票コード document without {key}"
    codes = body.get("codes")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        return "a 住民票コード document without codes"
    try:
        if any(validate_juminhyo_code(c) != c for c in codes):
            return "a 住民票コード document with a code not in its normal form"
    except ValidationError:
        return "a 住民票コード document with a malformed code"
    if len(set(codes)) != len(codes):
        return "a 住民票コード document with a code twice"
    if (body["kind"] == LEASE) != bool(body["terminal"]):
        return "a 住民票コード lease names no terminal, or a pool names one"
    return None


def code_entry(atena_no: str, code: str, idou_date: str) -> dict[str, Any]:
    """The 異動 request that records the 住民票コード of a person waiting for one."""
    return {"reason": CODE_ENTRY, "idou_date": idou_date, "set": {atena_no: {"juminhyo_code": code}}}
