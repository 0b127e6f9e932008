"""The rows of a 異動 as a table, each with what it records or changes: the 異動 entry's confirmation, and the
plan of a received notice.

The texts keep the 異動 entry's translation context (IdouDialog), where they were first written.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from domain.idou import Idou
from domain.records import Person
from domain.wareki import format_wareki

NEW_NUMBER = QT_TRANSLATE_NOOP("IdouDialog", "（登録時に付番）")
# The standard's item names stay as they are; the last column is the window's own.
ROW_COLUMNS = ("宛名番号", "氏名", "続柄", "世帯番号", "住所", QT_TRANSLATE_NOOP("IdouDialog", "記載・変更の内容"))


def _describe_change(before: Person | None, after: Person) -> str:
    """What a row records or changes, in the items' names."""
    translate = QCoreApplication.translate
    if after.removal is not None:
        text = translate("IdouDialog", "消除（{reason}　{date}）").format(reason=after.removal.reason,
                                                                         date=format_wareki(after.removal.date))
        if not after.removal.destination:
            return text
        return translate("IdouDialog", "{removal}　転出先 {destination}").format(
            removal=text, destination=after.removal.destination)
    if before is None:
        return translate("IdouDialog", "記載（{items}）").format(items="　".join(_recorded_items(after)))
    none = translate("IdouDialog", "（なし）")
    changes = []
    for label, old, new in (
        ("氏名", before.name, after.name), ("フリガナ", before.name_kana, after.name_kana),
        ("生年月日", format_wareki(before.birth), format_wareki(after.birth)),
        ("性別", before.sex.value, after.sex.value), ("続柄", before.relationship, after.relationship),
        ("世帯番号", before.setai_no, after.setai_no),
        ("住所", _address(before), _address(after)),
        ("本籍", before.honseki.display() if before.honseki else "", after.honseki.display() if after.honseki else ""),
        ("筆頭者", before.honseki.head if before.honseki else "", after.honseki.head if after.honseki else ""),
        ("備考", before.remarks, after.remarks),
    ):
        if old != new:
            changes.append(translate("IdouDialog", "{item}：{old} → {new}").format(item=label, old=old or none,
                                                                                    new=new or none))
    if before.mynumber != after.mynumber:
        changes.append(translate("IdouDialog", "個人番号を変更"))
    return translate("IdouDialog", "、", "separator between the changes").join(changes) or translate(
        "IdouDialog", "変更なし")


def _recorded_items(person: Person) -> list[str]:
    """What a new row records besides the columns (the standard's item names): フリガナ, 生年月日, 性別, 本籍 and
    筆頭者, 転入前住所."""
    items = [f"フリガナ {person.name_kana}", f"生年月日 {format_wareki(person.birth)}", person.sex.value]
    if person.honseki is not None:
        items.append(f"本籍 {person.honseki.display()}")
        if person.honseki.head:
            items.append(f"筆頭者 {person.honseki.head}")
    if person.previous_address:
        items.append(f"転入前住所 {person.previous_address}")
    return items


def _address(person: Person) -> str:
    return "　".join(part for part in (person.address.text, person.address.katagaki) if part)


def rows_table(idou: Idou, known: dict[str, Person], *, numbered: bool,
               households: Collection[str] = ()) -> QTableWidget:
    """The rows of a 異動, each with what it records or changes; `known`: the persons' rows before it, `households`:
    existing households besides theirs (any other 世帯番号 of a plan is drawn when it is recorded)."""
    table = QTableWidget(len(idou.rows), len(ROW_COLUMNS))
    table.setHorizontalHeaderLabels([QCoreApplication.translate("IdouDialog", column) for column in ROW_COLUMNS])
    table.verticalHeader().hide()
    # Each row as tall as its wrapped text at the columns' widths of the moment, and no taller.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(ROW_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
    for row, change in enumerate(idou.rows):
        person = change.row
        before = known.get(person.atena_no) if change.parents else None
        new = not change.parents
        new_number = QCoreApplication.translate("IdouDialog", NEW_NUMBER)
        values = (person.atena_no if numbered or not new else new_number, person.name, person.relationship,
                  person.setai_no if numbered or person.setai_no in {p.setai_no for p in known.values()}
                  or person.setai_no in households else new_number, _address(person), _describe_change(before, person))
        for col, text in enumerate(values):
            table.setItem(row, col, QTableWidgetItem(text))
    return table
