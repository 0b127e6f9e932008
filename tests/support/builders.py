"""What tests build registries from: the test town, its first administrator, a clock moved by hand, and 異動
requests for a family moving in."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from domain.check_digits import mynumber_check_digit
from local_store.context import Municipality

JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=JST)
TOWN = Municipality("みどり町", "さくら県", "131016", "町長 一郎")
ADMIN = ("admin", "管理者", "admin-password")
NOTIFIER = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}
TARO_MYNUMBER = "123456789018"  # 山田　太郎's in the first family() of a test
_families = itertools.count()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now

def person(name: str, kana: str, birth: str, sex: str, relationship: str, **items: Any) -> dict[str, Any]:
    body = {"name": name, "name_kana": kana, "kana_confirmed": True, "birth": birth, "sex": sex,
            "relationship": relationship, "honseki": {"place": "さくら県みどり町本町1番地", "head": "山田　太郎"}}
    body.update(items)
    return body


def tennyu(*persons: dict[str, Any], address: str = "さくら県みどり町本町2丁目3番4号", date: str = "R8.11.20",
           **extra: Any) -> dict[str, Any]:
    request = {"reason": "国内転入", "idou_date": date, "notified_on": "R8.11.25", "notifier": NOTIFIER,
               "address": {"text": address, "postal_code": "123-4567"}, "previous_address": "東京都千代田区千代田1番1号",
               "persons": list(persons)}
    request.update(extra)
    if request["reason"] in ("国外転入等", "職権記載"):  # 法30条の3: a new 住民票コード only for a first record
        request["persons"] = [p if "juminhyo_code" in p or "returning" in p else {**p, "first_record": True}
                              for p in request["persons"]]
    return request


def new_test() -> None:
    """A test begins (tests/conftest.py): its first family() is again the one with TARO_MYNUMBER."""
    global _families
    _families = itertools.count()


def family() -> dict[str, Any]:
    """A household of four moving in; only 山田　太郎 has a 個人番号: TARO_MYNUMBER in a test's first family, another
    valid one in each later family (a 個人番号 is one person's, so the registry refuses it twice). Each family is its
    own 戸籍 in the town (本町1番地 for the first, 本町2番地 for the next …), as families are: one 戸籍の附票 each."""
    n = next(_families)
    first11 = f"{99_000_000_000 + n:011d}"
    mynumber = TARO_MYNUMBER if n == 0 else first11 + str(mynumber_check_digit(first11))
    honseki = {"place": f"さくら県みどり町本町{n + 1}番地", "head": "山田　太郎"}
    return tennyu(
        person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", mynumber=mynumber, honseki=honseki),
        person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻", honseki=honseki),
        person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子", honseki=honseki),
        person("山田　次郎", "ヤマダ　ジロウ", "H22.7.7", "男", "子", honseki=honseki),
    )


def numbered(atena_nos: list[str], first: int = 0, *, mynumbers: bool = True) -> list[dict[str, Any]]:
    """The 異動 that give each person a 住民票コード and (unless `mynumbers` is false) a 個人番号 (valid, numbered from
    `first`, never TARO_MYNUMBER): persons with every number a certificate can print."""
    requests: list[dict[str, Any]] = []
    for n, atena in enumerate(atena_nos, start=first):
        first11 = f"{98_000_000_000 + n:011d}"
        requests.append({"reason": "住民票コードの職権記載", "idou_date": "R8.11.26",
                         "set": {atena: {"juminhyo_code": f"{80_000_000_000 + n:011d}"}}})
        if mynumbers:
            requests.append({"reason": "職権修正", "idou_date": "R8.11.26",
                             "set": {atena: {"mynumber": first11 + str(mynumber_check_digit(first11))}}})
    return requests
