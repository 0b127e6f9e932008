"""住民票コード通知: the town tells a person in writing of a 住民票コード newly recorded for them (住民基本台帳法30条の3第3項:
one never recorded in any 住民基本台帳, 同条2項) or changed at their 請求 (法30条の4第3項). The 通知票 carries the 氏名, the
住所, the 住民票コード, the 異動 that recorded it and its date, the town and the 市区町村長; never the 個人番号.

Which 異動 owe one is recorded with the 異動 itself (`domain.idou.Idou.code_notices`); a 住民票コード brought on a
転出証明書 or given back by a former resident is not newly recorded and is owed none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from domain.certificate_items import Signatory
from domain.errors import ValidationError
from domain.idou import CODE_CHANGE, Idou
from domain.records import Person
from domain.wareki import RegDate, format_wareki

TITLE = "住民票コード通知票"
RECORDED = "住民基本台帳法第30条の3第3項"
CHANGED = "住民基本台帳法第30条の4第3項"


@dataclass(frozen=True, slots=True)
class CodeNotice:
    """One person's 住民票コード通知票 (the person's own: it goes to them alone, by post or at the counter)."""

    name: str
    address: str
    code: str
    reason: str  # the 異動事由 of the 異動 that recorded the code
    idou_date: RegDate
    town: str
    signatory: Signatory
    issued_on: dt.date

    @property
    def changed(self) -> bool:
        return self.reason == CODE_CHANGE

    @property
    def article(self) -> str:
        return CHANGED if self.changed else RECORDED

    def sentence(self) -> tuple[str, str]:
        """The notice's sentence, in its two printed lines."""
        done = "住民票コードの記載の変更を行った" if self.changed else "住民票に住民票コードを記載した"
        return f"{self.article}の規定により、", f"あなたの{done}ので、その旨及び住民票コードを通知します。"

    def items(self) -> list[tuple[str, str]]:
        """The lines of the form, label and value."""
        return [("氏名", self.name), ("住所", self.address), ("住民票コード", self.code),
                ("記載の事由", self.reason), ("記載の年月日", format_wareki(self.idou_date))]


@dataclass(frozen=True, slots=True)
class Recorded:
    """A 異動 that recorded a person's 住民票コード, as their history holds it."""

    doc_id: str
    idou: Idou


def owed(person: Person, history: Sequence[Recorded]) -> Recorded:
    """The 異動 that recorded the person's present 住民票コード and owes them its notice: the latest of `history` (oldest
    first) that names them among its `code_notices` with that code. ValidationError when there is none."""
    if not person.juminhyo_code:
        raise ValidationError("住民票コード", f"宛名番号 {person.atena_no} の人には住民票コードがありません（付番待ち）")
    for recorded in reversed(history):
        row = next((c.row for c in recorded.idou.rows if c.row.atena_no == person.atena_no), None)
        if (row is not None and person.atena_no in recorded.idou.code_notices
                and row.juminhyo_code == person.juminhyo_code):
            return recorded
    raise ValidationError("住民票コード通知", f"宛名番号 {person.atena_no} の人の住民票コードは新たに記載・変更したもので"
                                         "はありません（転出証明書などで持ち込まれたコードには通知しません）")


def build(person: Person, recorded: Recorded, town: str, signatory: Signatory, today: dt.date) -> CodeNotice:
    return CodeNotice(person.name, person.address.full(), person.juminhyo_code, recorded.idou.reason,
                      recorded.idou.idou_date, town, signatory, today)
