"""The settings document as stored: one mutable document of class `settings` (see `settings_service`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from domain.errors import ValidationError
from domain.inkan import DEFAULT_ANSWER_DAYS, check_answer_days
from domain.kofu_rules import DEFAULT_CATEGORIES, DEFAULT_FEES, KOUYOU_CATEGORY, MAX_FEE, FeeTable
from local_store import documents
from local_store.database import Connection

SETTINGS_ID = "settings"
# Past this many hours since a terminal last synced, 第三者 and 代理人 requests wait for a supervisor's judgment there
# (`domain.kofu_rules.DataAge`).
STALE_AFTER_HOURS = "stale_after_hours"
DEFAULT_STALE_AFTER_HOURS = 24
MAX_STALE_AFTER_HOURS = 24 * 30
# The 手数料 table (`domain.kofu_rules.FeeTable`): {"kinds": {kind: 円}, "categories": {name: 円}}, 0 for 無料.
FEES = "fees"
# 印鑑登録 by the 照会書 method: the days the 回答書 may take to come back (`domain.inkan`).
INKAN_ANSWER_DAYS = "inkan_answer_days"


def read(conn: Connection) -> dict[str, Any]:
    """The settings as they are now (in the caller's transaction); empty before any were written."""
    doc = documents.get(conn, SETTINGS_ID)
    return dict(doc.body) if doc is not None else {}


def stale_after(body: Mapping[str, Any]) -> dt.timedelta:
    """The municipality's limit on how old a terminal's data may be before 第三者・代理人 requests wait for a
    judgment; the default where none is set."""
    hours = body.get(STALE_AFTER_HOURS, DEFAULT_STALE_AFTER_HOURS)
    valid = isinstance(hours, int) and not isinstance(hours, bool) and 1 <= hours <= MAX_STALE_AFTER_HOURS
    return dt.timedelta(hours=hours if valid else DEFAULT_STALE_AFTER_HOURS)


def fee_table(body: Mapping[str, Any]) -> FeeTable:
    """The town's 手数料 table; the defaults for what is not set (a table `check` refused is never stored)."""
    fees = body.get(FEES) or {}
    return FeeTable({**DEFAULT_FEES, **fees.get("kinds", {})},
                    {**fees.get("categories", DEFAULT_CATEGORIES), KOUYOU_CATEGORY: 0})


def inkan_answer_days(body: Mapping[str, Any]) -> int:
    """The town's period for a 照会書's 回答書; the default where none is set."""
    days = body.get(INKAN_ANSWER_DAYS, DEFAULT_ANSWER_DAYS)
    try:
        return check_answer_days(days)
    except ValidationError:
        return DEFAULT_ANSWER_DAYS


def _amount(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_FEE


def check_fees(fees: Any) -> None:
    """A 手数料 table: every kind known, every amount an integer from 0 to MAX_FEE, every category named."""
    if not isinstance(fees, Mapping) or not isinstance(fees.get("kinds", {}), Mapping) \
            or not isinstance(fees.get("categories", {}), Mapping):
        raise ValidationError("手数料", "手数料の表の形式が正しくありません")
    for kind, amount in fees.get("kinds", {}).items():
        if kind not in DEFAULT_FEES:
            raise ValidationError("手数料", f"「{kind}」は証明書の種類ではありません")
        if not _amount(amount):
            raise ValidationError("手数料", f"{kind}の手数料は0から{MAX_FEE}円までの整数です")
    for name, amount in fees.get("categories", {}).items():
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("減免区分", "減免区分の名前を入力してください")
        if not _amount(amount):
            raise ValidationError("減免区分", f"減免区分「{name}」の手数料は0から{MAX_FEE}円までの整数です（0は無料）")
        if name == KOUYOU_CATEGORY and amount != 0:
            raise ValidationError("減免区分", "公用請求は法律により無料です")


def check(changes: Mapping[str, Any]) -> None:
    """Refuse a value the program could not use (ValidationError)."""
    if FEES in changes:
        check_fees(changes[FEES])
    if INKAN_ANSWER_DAYS in changes:
        check_answer_days(changes[INKAN_ANSWER_DAYS])
    if STALE_AFTER_HOURS in changes:
        hours = changes[STALE_AFTER_HOURS]
        if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= MAX_STALE_AFTER_HOURS:
            raise ValidationError("同期の遅れ", f"同期の遅れの上限は1から{MAX_STALE_AFTER_HOURS}時間までです")
