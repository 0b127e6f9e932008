"""The parts of the 異動 entry form: each builds its keys of the request (see docs/idou-json.md) and names the
widgets that show an error about one of its items.

The form never judges a request: `domain/idou.py` does, through the facade, and its ValidationError names the item;
`fields` maps such item names to the widget where the message is shown, and `cells` to the cells of a table that
hold the item.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain import office_items
from domain.address_book import Chouaza, match, problem
from domain.errors import ValidationError
from domain.household import HEAD
from domain.idou import CANCELLING, NOTIFICATION_DAYS, overdue_days
from domain.kofu_rules import IDENTIFICATIONS
from domain.records import (
    FOREIGN_CATEGORIES,
    LABELS,
    NAME_ALPHABET,
    NAME_KANJI,
    NAME_PRIORITY,
    PENSION_KINDS,
    ForeignItems,
    HonsekiKind,
    OfficeItems,
    Person,
    ResidentKind,
)
from domain.wareki import RegDate, format_wareki, parse_date
from local_store.residents_service import HistoryEntry
from local_store.search import display_birth
from ui.common.dates import processed_on
from ui.common.field_errors import Cell
from ui.common.styles import WARNING_STYLE
from ui.idou.entry_table import EntryTable

NOTIFIER_RELATIONS = ("本人", "世帯主", "同一世帯員", "代理人")
SEXES = ("男", "女")
# What staff type for 性別, read after NFKC and in lower case: the codes of forms (1 男, 2 女), letters, words.
SEX_WORDS = {word: sex for sex, words in (("男", ("1", "m", "male", "男", "男性", "おとこ", "オトコ")),
                                          ("女", ("2", "f", "female", "女", "女性", "おんな", "オンナ")))
             for word in words}


def sex_word(text: str) -> str:
    """男 or 女 for what was typed (「1」「M」「男性」「おとこ」…); the text as typed when it is neither."""
    return SEX_WORDS.get(unicodedata.normalize("NFKC", text).strip().lower(), text.strip())


class Section(QGroupBox):
    """One part of the form. `changed` whenever the user edits it."""

    changed = Signal()

    def fill(self, request: dict[str, Any]) -> None:
        raise NotImplementedError

    def fields(self) -> dict[str, QWidget]:
        raise NotImplementedError

    def cells(self, item: str) -> list[Cell]:
        """The cells (row, column) of the section's table that hold `item`; none when it is not in a table."""
        return []


DATE_PLACEHOLDER = QT_TRANSLATE_NOOP("Section", "例：R8.11.27、令和8年11月27日、2026-11-27")


def date_field(placeholder: str = DATE_PLACEHOLDER) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(QCoreApplication.translate("Section", placeholder))
    return edit


class DateEcho(QLabel):
    """Beside a date field: how the date was read (「令和8年11月20日」), or why it cannot be."""

    def __init__(self, edit: QLineEdit, item: str, *, lenient: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self._edit, self._item, self._lenient = edit, item, lenient
        self.setObjectName("dateEcho")
        edit.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        text = self._edit.text()
        if not text.strip():
            self.setText("")
            return
        try:
            lenient = self._lenient()
            value = parse_date(text, item=self._item, allow_unknown=lenient, allow_noncalendar=lenient)
        except ValidationError as exc:
            self.setText(exc.message)
            self.setStyleSheet("color: #b00020;")
            return
        self.setText(value.text if value.text else format_wareki(value))
        self.setStyleSheet("color: #1b5e20;")


LATE = QT_TRANSLATE_NOOP("NotifierSection", "届出期間（{days}日）を過ぎています（{late}日経過）")


class NotifierSection(Section):
    """届出日 and the 届出人 of a 住民届: who came to the counter and how they were identified. A 届出 past its 14 days
    (法22–25条) is said at once, under the 届出日; it is recorded all the same, and listed for the 法52条 notice.
    `requested`: the 請求者 (申出者) of a 請求 or 申出 instead, whose date is the 異動日 (no 届出日)."""

    def __init__(self, today_text: str, idou_date: QLineEdit, *, requested: bool = False) -> None:
        super().__init__(self.tr("請求・申出") if requested else self.tr("届出"))
        self.requested = requested
        self.idou_date = idou_date
        self.notified_on = date_field()
        self.notified_on.setText(today_text)
        self.late = QLabel()
        self.late.setObjectName("lateWarning")
        self.late.setStyleSheet(WARNING_STYLE)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("氏と名の間に全角空白"))
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(NOTIFIER_RELATIONS)
        self.identification = QComboBox()
        self.identification.setEditable(True)
        self.identification.addItems(IDENTIFICATIONS)
        on = QHBoxLayout()
        on.addWidget(self.notified_on, 1)
        on.addWidget(DateEcho(self.notified_on, "届出日"), 1)
        form = QFormLayout(self)
        if requested:
            self.notified_on.hide()
            self.late.hide()
            form.addRow(self.tr("請求者の氏名"), self.name)
            form.addRow(self.tr("請求者の続柄"), self.relation)
        else:
            form.addRow(self.tr("届出日"), on)
            form.addRow("", self.late)
            form.addRow(self.tr("届出人の氏名"), self.name)
            form.addRow(self.tr("届出人の続柄"), self.relation)
        form.addRow(self.tr("本人確認の方法"), self.identification)
        for edit in (self.notified_on, self.name):
            edit.textEdited.connect(self.changed)
        for combo in (self.relation, self.identification):
            combo.currentTextChanged.connect(lambda _text: self.changed.emit())
        for edit in (self.idou_date, self.notified_on):
            edit.textChanged.connect(self._check_period)
        self._check_period()

    def _check_period(self) -> None:
        if self.requested:
            return
        try:
            late = overdue_days(parse_date(self.idou_date.text(), item="異動日"),
                                parse_date(self.notified_on.text(), item="届出日"))
        except ValidationError:
            late = 0  # shown beside the date that cannot be read
        self.late.setText(self.tr(LATE).format(days=NOTIFICATION_DAYS, late=late) if late else "")
        self.late.setVisible(bool(late))

    def fill(self, request: dict[str, Any]) -> None:
        if not self.requested:
            request["notified_on"] = self.notified_on.text()
        request["notifier"] = {"name": self.name.text(), "relation": self.relation.currentText(),
                               "identification": self.identification.currentText()}

    def fields(self) -> dict[str, QWidget]:
        if self.requested:
            return {"請求者": self.name, "請求者の氏名": self.name, "請求者の続柄": self.relation,
                    "本人確認の方法": self.identification}
        return {"届出日": self.notified_on, "届出人": self.name, "本人確認の方法": self.identification}


@dataclass(frozen=True)
class Places:
    """The town's 住所辞書 for address entry: the 都道府県・市区町村名 before every address, and its 町字."""

    prefix: str
    book: tuple[Chouaza, ...] = ()


class AddressSection(Section):
    """住所, 方書 and 郵便番号 of a new household or of where the persons move. With a 住所辞書 the 住所 offers the
    town's 町字 as it is typed, and the 町字 chosen gives the 住所コード and the 郵便番号; 方書 stays free."""

    def __init__(self, title: str, places: Places | None = None) -> None:
        super().__init__(title)
        self.places = places or Places("")
        self.text = QLineEdit()
        self.text.setObjectName("address")
        self.text.setPlaceholderText(self.tr("例：さくら県みどり町本町2丁目3番4号"))
        self.katagaki = QLineEdit()
        self.postal_code = QLineEdit()
        self.postal_code.setPlaceholderText(self.tr("例：321-4901"))
        self.postal_code.setMaximumWidth(140)
        self.hint = QLabel()
        self.hint.setObjectName("addressHint")
        self.entry: Chouaza | None = None
        if self.places.book:
            completer = QCompleter([self.places.prefix + e.name for e in self.places.book], self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)  # 「本町」 offers every 本町 丁目
            self.text.setCompleter(completer)
            self.text.textChanged.connect(self._address_changed)
        form = QFormLayout(self)
        form.addRow("住所", self.text)
        form.addRow("", self.hint)
        form.addRow("方書", self.katagaki)
        form.addRow("郵便番号", self.postal_code)
        for edit in (self.text, self.katagaki, self.postal_code):
            edit.textEdited.connect(self.changed)

    def _address_changed(self, text: str) -> None:
        entry = match(self.places.book, self.places.prefix, text)
        if entry is not None and entry != self.entry:
            self.postal_code.setText(entry.postal_code)
        self.entry = entry
        trouble = problem(self.places.book, self.places.prefix, text) if text.strip() else None
        self.hint.setText(self.tr("住所辞書：{0}").format(trouble) if trouble else
                          self.tr("住所コード {0}").format(entry.code) if entry else "")
        self.hint.setStyleSheet("color: #8a5a00;" if trouble else "color: #555;")

    def fill(self, request: dict[str, Any]) -> None:
        address = {"text": self.text.text()}
        if self.katagaki.text().strip():
            address["katagaki"] = self.katagaki.text()
        if self.postal_code.text().strip():
            address["postal_code"] = self.postal_code.text()
        if self.entry is not None:
            address["code"] = self.entry.code
        request["address"] = address

    def fields(self) -> dict[str, QWidget]:
        return {"住所": self.text, "方書": self.katagaki, "郵便番号": self.postal_code}


class TextSection(Section):
    """One line of text under one request key: 転入前住所, 転出先住所, 合併先の世帯番号."""

    def __init__(self, key: str, label: str, placeholder: str = "") -> None:
        super().__init__(label)
        self.key, self.label = key, label
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.textEdited.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)

    def fill(self, request: dict[str, Any]) -> None:
        request[self.key] = self.edit.text()

    def fields(self) -> dict[str, QWidget]:
        return {self.label: self.edit}


class CertificateSection(Section):
    """The 転出証明書 a 国内転入 is based on, as written on it: the town that issued it, the 転出予定日 and the 転出先.
    Left empty (a 特例転入), nothing is sent; a 転出先 other than the new address is warned of at the confirmation."""

    def __init__(self) -> None:
        super().__init__(self.tr("転出証明書"))
        self.town = QLineEdit()
        self.town.setObjectName("certificateTown")
        self.town.setPlaceholderText(self.tr("例：東京都千代田区"))
        self.planned_on = date_field()
        self.destination = QLineEdit()
        self.destination.setPlaceholderText(self.tr("証明書に書かれた転出先"))
        planned = QHBoxLayout()
        planned.addWidget(self.planned_on, 1)
        planned.addWidget(DateEcho(self.planned_on, "転出予定日"), 1)
        form = QFormLayout(self)
        form.addRow(self.tr("発行した市区町村"), self.town)
        form.addRow(self.tr("転出予定日"), planned)
        form.addRow(self.tr("転出先"), self.destination)
        for edit in (self.town, self.planned_on, self.destination):
            edit.textEdited.connect(self.changed)

    def fill(self, request: dict[str, Any]) -> None:
        values = {"town": self.town.text(), "planned_on": self.planned_on.text(),
                  "destination": self.destination.text()}
        if any(v.strip() for v in values.values()):
            request["move_out_certificate"] = values

    def fields(self) -> dict[str, QWidget]:
        return {"転出証明書": self.town, "転出証明書を発行した市区町村": self.town,
                "転出証明書の転出予定日": self.planned_on, "転出証明書の転出先": self.destination}


class PersonItemsSection(Section):
    """A 請求 or 申出 of the person in 照会 (個人番号・住民票コードの変更請求, 旧氏・通称の記載・削除): the person, and the
    items it takes, one line each (none for a 削除 or a 住民票コード drawn from the pool)."""

    def __init__(self, person: Person, items: dict[str, str]) -> None:
        super().__init__(self.tr("対象の人（{name}　宛名番号 {atena}）").format(name=person.name, atena=person.atena_no))
        self.person = person
        self.labels = items
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for key, label in items.items():
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.textEdited.connect(self.changed)
            form.addRow(label, edit)
            self.edits[key] = edit
        if not items:
            form.addRow(QLabel(self.tr("入力する項目はありません。")))

    def fill(self, request: dict[str, Any]) -> None:
        request["targets"] = [self.person.atena_no]
        request.update({key: edit.text() for key, edit in self.edits.items()})

    def fields(self) -> dict[str, QWidget]:
        return {self.labels[key]: edit for key, edit in self.edits.items()}


class NaturalizedSection(Section):
    """職権記載（帰化等）of the foreign resident in 照会: the 氏名 and 本籍 of the 戸籍 they now have; the 宛名番号, the
    household, the 住所 and the numbers are kept."""

    def __init__(self, person: Person) -> None:
        super().__init__(self.tr("帰化等をした人（{name}　宛名番号 {atena}）").format(name=person.name,
                                                                             atena=person.atena_no))
        self.person = person
        self.edits = {key: QLineEdit() for key in ("name", "name_kana", "honseki.place", "honseki.head")}
        form = QFormLayout(self)
        for key, label in (("name", "氏名"), ("name_kana", "氏名フリガナ"), ("honseki.place", "本籍"),
                           ("honseki.head", "筆頭者")):
            self.edits[key].setObjectName(key)
            self.edits[key].textEdited.connect(self.changed)
            form.addRow(label, self.edits[key])

    def fill(self, request: dict[str, Any]) -> None:
        text = {key: edit.text() for key, edit in self.edits.items()}
        request["persons"] = [{"formerly": self.person.atena_no, "name": text["name"],
                               "name_kana": text["name_kana"], "kana_confirmed": True,
                               "honseki": {"place": text["honseki.place"], "head": text["honseki.head"]}}]

    def fields(self) -> dict[str, QWidget]:
        return {"氏名": self.edits["name"], "氏名フリガナ": self.edits["name_kana"], "本籍": self.edits["honseki.place"],
                "本籍・筆頭者": self.edits["honseki.place"], "筆頭者": self.edits["honseki.head"],
                "対象者": self.edits["name"], "住民種別": self.edits["name"]}


# --- the household's members ------------------------------------------------------------------------------------

COL_CHOSEN, COL_NAME, COL_BIRTH, COL_RELATIONSHIP, COL_NEW_RELATIONSHIP = range(5)
# 氏名, 生年月日, 続柄: the standard's item names, not translated.
MEMBER_COLUMNS = (QT_TRANSLATE_NOOP("MembersSection", "対象"), "氏名", "生年月日", "続柄",
                  QT_TRANSLATE_NOOP("MembersSection", "新しい続柄"))


class MembersSection(Section):
    """The household's members: which of them the 異動 is for (対象) and, where it changes, their new 続柄.

    `choose`: members are picked with the 対象 check boxes (otherwise the 異動 is for every member);
    `relationships`: the 新しい続柄 column is editable and sent for the members whose 続柄 is given.
    """

    def __init__(self, title: str, household: list[Person], chosen: set[str], *, choose: bool,
                 relationships: bool, hint: str = "") -> None:
        super().__init__(title)
        self.members = household
        self.choose, self.with_relationships = choose, relationships
        self.table = EntryTable(len(household), len(MEMBER_COLUMNS))
        self.table.setObjectName("members")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in MEMBER_COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Entered at the first member the 異動 is for (the person in 照会 for a 世帯分離 or a 死亡).
        self.table.start_row = next((row for row, m in enumerate(household) if m.atena_no in chosen), 0)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for row, member in enumerate(household):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled if choose
                           else Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if not choose or member.atena_no in chosen
                                else Qt.CheckState.Unchecked)
            self.table.setItem(row, COL_CHOSEN, check)
            for col, text in ((COL_NAME, member.name), (COL_BIRTH, display_birth(member)),
                              (COL_RELATIONSHIP, member.relationship)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
            new = QTableWidgetItem(member.relationship if relationships else "")
            new.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                         if relationships else Qt.ItemFlag.NoItemFlags)
            self.table.setItem(row, COL_NEW_RELATIONSHIP, new)
        self.table.setColumnHidden(COL_CHOSEN, not choose)
        self.table.setColumnHidden(COL_NEW_RELATIONSHIP, not relationships)
        self.table.setMinimumHeight(min(60 + 30 * len(household), 220))
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        layout.addWidget(self.table)

    def chosen(self) -> list[Person]:
        return [m for row, m in enumerate(self.members)
                if self.table.item(row, COL_CHOSEN).checkState() == Qt.CheckState.Checked]

    def new_relationship(self, person: Person) -> str:
        return self.table.item(self.members.index(person), COL_NEW_RELATIONSHIP).text().strip()

    def set_new_relationship(self, atena_no: str, relationship: str) -> None:
        row = next(i for i, m in enumerate(self.members) if m.atena_no == atena_no)
        self.table.item(row, COL_NEW_RELATIONSHIP).setText(relationship)

    def set_chosen(self, atena_nos: set[str]) -> None:
        for row, member in enumerate(self.members):
            self.table.item(row, COL_CHOSEN).setCheckState(
                Qt.CheckState.Checked if member.atena_no in atena_nos else Qt.CheckState.Unchecked)

    def relationships(self, persons: list[Person], *, changed_only: bool = False) -> dict[str, str]:
        found = {p.atena_no: self.new_relationship(p) for p in persons}
        return {a: r for a, r in found.items()
                if r and not (changed_only and r == next(p for p in persons if p.atena_no == a).relationship)}

    def fill(self, request: dict[str, Any]) -> None:
        request["targets"] = [p.atena_no for p in self.chosen()]

    def fields(self) -> dict[str, QWidget]:
        return {"対象者": self.table, "続柄": self.table, "新しい世帯主": self.table}

    def cells(self, item: str) -> list[Cell]:
        if item == "対象者" and self.choose:
            return [(row, COL_CHOSEN) for row in range(len(self.members))]
        if item in ("続柄", "新しい世帯主") and self.with_relationships:
            chosen = self.chosen() if self.choose else self.members
            return [(self.members.index(m), COL_NEW_RELATIONSHIP) for m in chosen]
        return []


class MoveMembers(MembersSection):
    """転居: the chosen members move; when only some do, they form a new household and need 続柄 (one 世帯主)."""

    def fill(self, request: dict[str, Any]) -> None:
        movers = self.chosen()
        request["targets"] = [p.atena_no for p in movers]
        if len(movers) < len(self.members):
            stayers = [m for m in self.members if m not in movers]
            request["relationships"] = {**self.relationships(movers),
                                        **self.relationships(stayers, changed_only=True)}


class SeparationMembers(MembersSection):
    """世帯分離: the chosen members form a new household at the same address, with their new 続柄."""

    def fill(self, request: dict[str, Any]) -> None:
        leavers = self.chosen()
        request["targets"] = [p.atena_no for p in leavers]
        request["relationships"] = self.relationships(leavers)


class HeadChangeMembers(MembersSection):
    """世帯主変更: the member whose new 続柄 is 世帯主 becomes the head; the others get their new 続柄."""

    def fill(self, request: dict[str, Any]) -> None:
        heads = [m for m in self.members if self.new_relationship(m) == HEAD and m.relationship != HEAD]
        request["targets"] = [m.atena_no for m in heads]
        request["relationships"] = self.relationships([m for m in self.members if m not in heads])


class SuccessorMembers(MembersSection):
    """After the death of the 世帯主, the members who remain: the new 世帯主 and every one's new 続柄, recorded in the
    same 異動 (§4.0.4). The sole remaining member is 世帯主 by 職権, so that cell is filled in."""

    def __init__(self, title: str, household: list[Person], hint: str) -> None:
        super().__init__(title, household, set(), choose=False, relationships=True, hint=hint)
        self.remaining: list[Person] = []
        for row in range(len(household)):  # typed anew, beside the 続柄 as it was
            self.table.item(row, COL_NEW_RELATIONSHIP).setText("")

    def follow(self, dying: list[Person]) -> None:
        """Show the members who remain when the 世帯主 is among the `dying`; nothing otherwise."""
        head_dies = any(m.is_head for m in dying)
        self.remaining = [m for m in self.members if m not in dying] if head_dies else []
        for row, member in enumerate(self.members):
            self.table.setRowHidden(row, member not in self.remaining)
        if len(self.remaining) == 1:
            self.set_new_relationship(self.remaining[0].atena_no, HEAD)
        self.setVisible(bool(self.remaining))

    def fill(self, request: dict[str, Any]) -> None:
        if self.remaining:
            request["relationships"] = self.relationships(self.remaining)

    def fields(self) -> dict[str, QWidget]:
        return {"世帯主": self.table, "続柄": self.table}

    def cells(self, item: str) -> list[Cell]:
        return [(self.members.index(m), COL_NEW_RELATIONSHIP) for m in self.remaining]


class DeathMembers(MembersSection):
    """死亡: the members who died (the person in 照会 at first) and, below them when the 世帯主 is one of them, the
    members who remain with their new 続柄 (`successor`)."""

    def __init__(self, title: str, household: list[Person], dead: set[str], successor: SuccessorMembers) -> None:
        super().__init__(title, household, dead, choose=True, relationships=False)
        self.successor = successor
        self.layout().addWidget(successor)  # after the table: Tab goes from one to the other
        successor.changed.connect(self.changed)
        self.table.itemChanged.connect(lambda _item: successor.follow(self.chosen()))
        successor.follow(self.chosen())

    def fill(self, request: dict[str, Any]) -> None:
        super().fill(request)
        self.successor.fill(request)

    def fields(self) -> dict[str, QWidget]:
        return {"対象者": self.table, **self.successor.fields()}

    def cells(self, item: str) -> list[Cell]:
        return self.successor.cells(item) if item in self.successor.fields() else super().cells(item)


class MergeMembers(MembersSection):
    """世帯合併: every member joins the other household, each with a 続柄 to its 世帯主."""

    def __init__(self, title: str, household: list[Person], hint: str) -> None:
        super().__init__(title, household, set(), choose=False, relationships=True, hint=hint)

    def fill(self, request: dict[str, Any]) -> None:
        request["household"] = self.members[0].setai_no
        request["relationships"] = self.relationships(self.members)


# --- persons to record --------------------------------------------------------------------------------------------

PERSON_COLUMNS = ("氏名", "氏名フリガナ", "生年月日", "性別", "続柄", "住民種別", "本籍", "筆頭者", "個人番号", "住民票コード",
                  "氏名（アルファベット）", "国籍・地域", "区分（法30条の45）", "在留資格", "在留期間", "在留期間の満了の日（西暦）",
                  "在留カード等の番号", "上陸期間・仮滞在期間", "外国人住民となった年月日", "通称", "氏名の優先区分")
RETURNING_ROLE = Qt.ItemDataRole.UserRole + 1
# The 法30条の45 items of a 外国人住民 (its row's 住民種別 is 外国人), as the request's `foreign` names them.
FOREIGN_KEYS = ("foreign.alphabet_name", "foreign.nationality", "foreign.category", "foreign.residence_status",
                "foreign.period", "foreign.period_expiry", "foreign.card_number", "foreign.permit_period",
                "foreign.became_resident", "foreign.tsusho", "foreign.name_priority")
# One cell for the 上陸期間 of a 一時庇護許可者 and the 仮滞在期間 of a 仮滞在許可者: its meaning follows the 区分.
PERMIT_PERIOD = "foreign.permit_period"
PROVISIONAL = "仮滞在許可者"
HONSEKI_KEYS = ("honseki.place", "honseki.head")
PERSON_KEYS = ("name", "name_kana", "birth", "sex", "relationship", "kind", *HONSEKI_KEYS, "mynumber", "juminhyo_code",
               *FOREIGN_KEYS)
# The items of the domain's messages about a person, and the column that holds each.
PERSON_ITEMS = {"氏名": "name", "氏名フリガナ": "name_kana", "生年月日": "birth", "性別": "sex", "続柄": "relationship",
                "住民種別": "kind", "本籍": "honseki.place", "本籍・筆頭者": "honseki.place", "筆頭者": "honseki.head",
                "個人番号": "mynumber", "住民票コード": "juminhyo_code",
                **{LABELS[key]: key for key in FOREIGN_KEYS if key in LABELS}, "上陸期間": PERMIT_PERIOD,
                "仮滞在期間": PERMIT_PERIOD, NAME_PRIORITY: "foreign.name_priority",
                "外国人住民の記載事項": "foreign.nationality"}
# Typed in the 住民票コード column for a person never recorded in any 住民基本台帳 (法30条の3: a new code is drawn).
FIRST_RECORD_WORD = "新規"
JAPANESE, FOREIGN = ResidentKind.JAPANESE.value, ResidentKind.FOREIGN.value
# What staff type for 住民種別, read after NFKC and in lower case.
KIND_WORDS = {word: kind for kind, words in ((JAPANESE, ("1", "j", "日", "日本", "日本人")),
                                             (FOREIGN, ("2", "f", "外", "外国", "外国人")))
              for word in words}


def kind_word(text: str) -> str:
    """日本人 or 外国人 for what was typed (「2」「外」「外国」…); the text as typed when it is neither."""
    return KIND_WORDS.get(unicodedata.normalize("NFKC", text).strip().lower(), text.strip())


def priority_word(text: str) -> str:
    """The 氏名の優先区分 for what was typed: 漢字 (「1」「漢」) or アルファベット (「2」「A」「ア」); as typed otherwise."""
    typed = unicodedata.normalize("NFKC", text).strip().lower()
    words = {NAME_KANJI: ("1", "k", "漢", NAME_KANJI), NAME_ALPHABET: ("2", "a", "ア", "アルファ", NAME_ALPHABET)}
    return next((word for word, typings in words.items() if typed in typings), text.strip())


def category_word(text: str) -> str:
    """The 法30条の45 区分 for what was typed: its number in FOREIGN_CATEGORIES (1–6) or a part of its name that no
    other 区分 has (「特別」「仮滞在」…); the text as typed otherwise."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if typed.isdigit() and 1 <= int(typed) <= len(FOREIGN_CATEGORIES):
        return FOREIGN_CATEGORIES[int(typed) - 1]
    found = [c for c in FOREIGN_CATEGORIES if typed and typed in c]
    return found[0] if len(found) == 1 else typed


class WordDelegate(QStyledItemDelegate):
    """A column whose typed text is written as the registry has it (`read`: sex_word, kind_word, category_word,
    priority_word)."""

    def __init__(self, read: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read = read

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, self._read(editor.text()))
        else:
            super().setModelData(editor, model, index)


class PersonsSection(Section):
    """The persons a 転入 or 出生 records, one row each. 出生 has no 生年月日 column: it is the 異動日.

    Ctrl+N adds a person (wherever the focus is in the dialog) and goes to their row; Ctrl+Delete removes the person
    whose row the cursor is on. The first row takes the 続柄 of `first` (世帯主 for a 転入, 子 for a 出生); the next rows
    of a 転入 start with none, for staff to type, since a household has one 世帯主."""

    def __init__(self, title: str, *, with_birth: bool, first: dict[str, str] | None = None) -> None:
        super().__init__(title)
        self.with_birth = with_birth
        self.table = EntryTable(0, len(PERSON_COLUMNS))
        self.table.setObjectName("persons")
        self.table.setHorizontalHeaderLabels(PERSON_COLUMNS)
        self.table.setColumnHidden(PERSON_KEYS.index("birth"), not with_birth)
        self.table.setColumnHidden(PERSON_KEYS.index("juminhyo_code"), not with_birth)  # a child born gets a new one
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((130, 150, 110, 50, 80, 70, 220, 110, 130, 110,
                                     200, 110, 150, 200, 80, 210, 160, 170, 210, 120, 120)):
            self.table.setColumnWidth(col, width)
        self.table.setMinimumHeight(150)
        self.delegates = [WordDelegate(read, self.table) for read in (sex_word, kind_word, category_word, priority_word)]
        for key, delegate in zip(("sex", "kind", "foreign.category", "foreign.name_priority"), self.delegates,
                                 strict=True):
            self.table.setItemDelegateForColumn(PERSON_KEYS.index(key), delegate)
        self.table.itemChanged.connect(self._item_changed)
        self._template = dict(first or {})
        add = QPushButton(self.tr("人を追加（Ctrl+N）"))
        add.clicked.connect(self.add_person)
        remove = QPushButton(self.tr("選んだ人を削除（Ctrl+Delete）"))
        remove.clicked.connect(self.remove_row)
        for button, keys in ((add, "Ctrl+N"), (remove, "Ctrl+Delete")):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by their keys; Tab stays on the fields
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(button.click)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        note = QLabel(self.tr("氏と名の間は全角空白。フリガナはカタカナ（ひらがなも可）。性別は男・女（1・2、M・F も可）。"
                              "個人番号が分からないときは空欄（付番待ち）。本籍が無い・分からないときは本籍に「なし」「不明」。"
                              "住民票コードは転出証明書などに書かれた11桁。住民票に初めて記載される人は「新規」。"
                              "外国人住民は住民種別に「外国人」（2 も可）と入れると、在留カードなどの記載事項の欄が出ます"
                              "（区分は番号 1〜6 か名称の一部、在留期間の満了の日は西暦。上陸期間・仮滞在期間は一時庇護許可者・"
                              "仮滞在許可者だけ。氏名の優先区分は 1 漢字・2 アルファベット、空欄は漢字）。"
                              "Tab で次の欄へ、矢印キーで表の中を移動します。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_row()

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = {"kind": JAPANESE} | self._template
        if row > 0:  # a family shares its 本籍 and 筆頭者, or its 住民種別 and 国籍; the household has one 世帯主
            for key in ("kind", *HONSEKI_KEYS, "foreign.nationality"):
                values[key] = self._cell(0, key)
            if values.get("relationship") == HEAD:
                values["relationship"] = ""
        blocked = self.table.blockSignals(True)
        try:
            for col, key in enumerate(PERSON_KEYS):
                self.table.setItem(row, col, QTableWidgetItem(values.get(key, "")))
        finally:
            self.table.blockSignals(blocked)
        self._follow_kind(row)
        self.table.setCurrentCell(row, 0)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == PERSON_KEYS.index("kind"):
            self._follow_kind(item.row())
        self.changed.emit()

    def foreign(self, row: int) -> bool:
        return self._cell(row, "kind") == FOREIGN

    def _follow_kind(self, row: int) -> None:
        """A 外国人 row takes the 法30条の45 items and no 本籍, a 日本人 row the other way round: the cells it does not
        take are emptied and Tab passes them by. The foreign columns are shown while one row is a 外国人住民."""
        foreign = self.foreign(row)
        blocked = self.table.blockSignals(True)
        try:
            for key in (*FOREIGN_KEYS, *HONSEKI_KEYS):
                item = self.table.item(row, PERSON_KEYS.index(key))
                if (key in FOREIGN_KEYS) == foreign:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                else:
                    item.setText("")
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        finally:
            self.table.blockSignals(blocked)
        self._show_foreign_columns()

    def _show_foreign_columns(self) -> None:
        shown = any(self.foreign(r) for r in range(self.table.rowCount()))
        for key in FOREIGN_KEYS:
            self.table.setColumnHidden(PERSON_KEYS.index(key), not shown)

    def add_person(self) -> None:
        """Ctrl+N: a row for one more person, the cursor on its first cell."""
        self.add_row()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.scrollToItem(self.table.item(self.table.rowCount() - 1, 0))
        self.changed.emit()

    def remove_row(self) -> None:
        if self.table.rowCount() > 1 and self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self._show_foreign_columns()
            self.changed.emit()

    def _cell(self, row: int, key: str) -> str:
        item = self.table.item(row, PERSON_KEYS.index(key))
        return item.text().strip() if item is not None else ""

    def set_cell(self, row: int, key: str, value: str) -> None:
        self.table.item(row, PERSON_KEYS.index(key)).setText(value)

    def _filled(self, row: int) -> bool:
        """Whether anything is typed in the row (its 住民種別 is there from the start)."""
        return any(self._cell(row, key) for key in PERSON_KEYS if key != "kind")

    def persons(self) -> list[dict[str, Any]]:
        found = []
        for row in range(self.table.rowCount()):
            if not self._filled(row):
                continue  # an empty row left at the end
            raw: dict[str, Any] = {key: self._cell(row, key) for key in PERSON_KEYS if "." not in key}
            if not self.with_birth:
                del raw["birth"]
            if not raw["mynumber"]:
                del raw["mynumber"]
            code = raw.pop("juminhyo_code")
            if code == FIRST_RECORD_WORD:
                raw["first_record"] = True
            elif code:
                raw["juminhyo_code"] = code
            if raw["kind"] == JAPANESE:
                del raw["kind"]
                place = self._cell(row, "honseki.place")
                raw["honseki"] = place if place in (HonsekiKind.NONE.value, HonsekiKind.UNKNOWN.value) else {
                    "place": place, "head": self._cell(row, "honseki.head")}
            elif raw["kind"] == FOREIGN:
                raw["foreign"] = self._foreign_items(row)
            raw["kana_confirmed"] = True  # confirmed with the resident at the counter
            if self.returning(row):
                raw["returning"] = self.returning(row)
            found.append(raw)
        return found

    def _foreign_items(self, row: int) -> dict[str, str]:
        """The row's 法30条の45 items as the request's `foreign` names them; the one period cell is the 仮滞在期間 of a
        仮滞在許可者 and otherwise the 上陸期間 (refused by name for a 区分 that has none)."""
        items = {key.removeprefix("foreign."): self._cell(row, key) for key in FOREIGN_KEYS if key != PERMIT_PERIOD}
        period = self._cell(row, PERMIT_PERIOD)
        if period:
            items["provisional_period" if items["category"] == PROVISIONAL else "landing_period"] = period
        return items

    def cell(self, row: int, key: str) -> str:
        return self._cell(row, key)

    def returning(self, row: int) -> str:
        """The 宛名番号 of the 除票 this row was confirmed to be (同一人), or ""."""
        item = self.table.item(row, 0)
        return str(item.data(RETURNING_ROLE) or "") if item is not None else ""

    def set_returning(self, row: int, atena_no: str) -> None:
        self.table.item(row, 0).setData(RETURNING_ROLE, atena_no)
        self.table.item(row, 0).setToolTip(self.tr("同一人：宛名番号 {0} を続けます").format(atena_no))

    def fill(self, request: dict[str, Any]) -> None:
        request["persons"] = self.persons()

    def fields(self) -> dict[str, QWidget]:
        return dict.fromkeys(("対象者", "住民票コード", *PERSON_ITEMS), self.table)

    def cells(self, item: str) -> list[Cell]:
        """The item's cell in each person's row (the domain's message does not say which person it is about)."""
        if item not in PERSON_ITEMS:
            return []
        key = PERSON_ITEMS[item]
        column = PERSON_KEYS.index(key)
        return [(row, column) for row in range(self.table.rowCount()) if self._filled(row)
                and (key not in (*FOREIGN_KEYS, *HONSEKI_KEYS) or (key in FOREIGN_KEYS) == self.foreign(row))]


# --- 職権修正 -------------------------------------------------------------------------------------------------------

# The fields of each 法7条9号〜11号の2 item (domain/office_items.py: the request's key, the item's name on screen).
OFFICE_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "kokuho": (("acquired", "資格取得年月日"), ("lost", "資格喪失年月日")),
    "kouki": (("acquired", "資格取得年月日"), ("lost", "資格喪失年月日")),
    "kaigo": (("acquired", "資格取得年月日"), ("lost", "資格喪失年月日")),
    "nenkin": (("number", "基礎年金番号"), ("acquired", "資格取得年月日"), ("kind_changed", "種別変更年月日"),
               ("lost", "資格喪失年月日")),
    "jidou_teate": (("began", "支給開始年月"), ("ended", "支給終了年月")),
}
ELECTOR_CHOICES = ((office_items.NOT_RECORDED, None), ("登録", True), ("登録なし", False))
OfficeValue = bool | dict[str, Any] | None


def _month_text(value: RegDate) -> str:
    """A month as staff read it (令和8年4月) from the first day that holds it."""
    return format_wareki(value).rsplit("月", 1)[0] + "月"


class OfficeSection(QGroupBox):
    """The 法7条9号〜11号の2 items of a 職権修正, as the offices report them: the 選挙人名簿への登録, and the dates and
    numbers of each 資格. Only an item whose fields were changed is sent; emptied, it is no longer recorded."""

    changed = Signal()

    def __init__(self, items: OfficeItems) -> None:
        super().__init__(self.tr("選挙人名簿・国民健康保険・後期高齢者医療・介護保険・国民年金・児童手当"))
        self.elector = QComboBox()
        self.elector.setObjectName("elector")
        self.elector.addItems([text for text, _value in ELECTOR_CHOICES])
        self.elector.setCurrentIndex([value for _text, value in ELECTOR_CHOICES].index(items.elector))
        self.retired = QCheckBox(self.tr("退職被保険者等"))
        self.retired.setChecked(items.kokuho is not None and items.kokuho.retired)
        self.pension_kind = QComboBox()
        self.pension_kind.addItems(("", *PENSION_KINDS))
        self.pension_kind.setCurrentText(items.nenkin.kind if items.nenkin is not None else "")
        self.edits: dict[str, dict[str, QLineEdit]] = {}
        form = QFormLayout(self)
        form.addRow(office_items.NAMES["elector"], self.elector)
        for key, fields in OFFICE_FIELDS.items():
            recorded = getattr(items, key)
            row = QHBoxLayout()
            if key == "nenkin":
                row.addWidget(QLabel("種別"))
                row.addWidget(self.pension_kind)
            self.edits[key] = {}
            for field, label in fields:
                value = getattr(recorded, field) if recorded is not None else None
                edit = date_field() if field != "number" else QLineEdit()
                edit.setText("" if value is None else value if isinstance(value, str) else
                             _month_text(value) if key == "jidou_teate" else format_wareki(value))
                if key == "jidou_teate":
                    edit.setPlaceholderText(self.tr("例：R8.4、令和8年4月"))
                elif field == "number":
                    edit.setPlaceholderText(self.tr("例：1234-567890"))
                edit.textEdited.connect(self.changed)
                self.edits[key][field] = edit
                row.addWidget(QLabel(label.removesuffix("年月日").removesuffix("年月")))
                row.addWidget(edit, 1)
            if key == "kokuho":
                row.addWidget(self.retired)
            form.addRow(office_items.NAMES[key], row)
        self.elector.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.pension_kind.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.retired.toggled.connect(lambda _on: self.changed.emit())
        self._initial = self.values()

    def values(self) -> dict[str, OfficeValue]:
        """Every item as the form holds it: the request's value, None for an item left empty."""
        found: dict[str, OfficeValue] = {"elector": ELECTOR_CHOICES[self.elector.currentIndex()][1]}
        for key, edits in self.edits.items():
            raw: dict[str, Any] = {field: edit.text().strip() for field, edit in edits.items()}
            if key == "nenkin":
                raw["kind"] = self.pension_kind.currentText()
            if key == "kokuho":
                raw["retired"] = self.retired.isChecked()
            found[key] = raw if any(raw.values()) else None
        return found

    def fill(self, items: dict[str, Any]) -> None:
        """The changed items into a person's correction (its `offices`)."""
        changed = {key: value for key, value in self.values().items() if value != self._initial[key]}
        if changed:
            items["offices"] = changed

    def fields(self) -> dict[str, QWidget]:
        found: dict[str, QWidget] = {office_items.ITEM: self.elector, office_items.NAMES["elector"]: self.elector,
                                     "国民年金の種別": self.pension_kind, "基礎年金番号": self.edits["nenkin"]["number"]}
        for key, fields in OFFICE_FIELDS.items():
            name = office_items.NAMES[key]
            found[name] = self.pension_kind if key == "nenkin" else self.edits[key][fields[0][0]]
            for field, label in fields:
                found.setdefault(f"{name}の{label}", self.edits[key][field])
        return found


# The 法30条の45 items a 職権修正 corrects (the 通称 has its own 異動: 通称の記載・削除), by the request's names.
FOREIGN_FIELDS = ("alphabet_name", "nationality", "category", "residence_status", "period", "period_expiry",
                  "card_number", "permit_period", "became_resident")


class ForeignSection(QGroupBox):
    """The 法30条の45 items of a 外国人住民 in a 職権修正 (a new 在留期間, a new 在留カード, another 区分 …): when one is
    changed, the whole of them is sent, as `foreign` is read; the 区分 decides which are recorded."""

    changed = Signal()

    def __init__(self, items: ForeignItems) -> None:
        super().__init__(self.tr("外国人住民の記載事項（法30条の45）"))
        self.items = items
        expiry = items.period_expiry
        self._initial = {
            "alphabet_name": items.alphabet_name, "nationality": items.nationality, "category": items.category,
            "residence_status": items.residence_status, "period": items.period,
            "period_expiry": expiry.iso if expiry is not None else "", "card_number": items.card_number,
            "permit_period": items.landing_period or items.provisional_period,
            "became_resident": format_wareki(items.became_resident),
        }
        labels = {key: LABELS.get(f"foreign.{key}", "") for key in FOREIGN_FIELDS} | {
            "permit_period": "上陸期間・仮滞在期間", "period_expiry": "在留期間の満了の日（西暦）"}
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for key in FOREIGN_FIELDS:
            edit = QLineEdit(self._initial[key])
            edit.setObjectName(f"foreign.{key}")
            edit.textEdited.connect(self.changed)
            self.edits[key] = edit
            form.addRow(labels[key], edit)
        self.edits["category"].setPlaceholderText(self.tr("番号 1〜6 か名称の一部"))
        self.edits["permit_period"].setPlaceholderText(self.tr("一時庇護許可者は上陸期間、仮滞在許可者は仮滞在期間"))
        self.priority = QComboBox()
        self.priority.setObjectName("foreign.name_priority")
        self.priority.addItems((NAME_KANJI, NAME_ALPHABET))
        self.priority.setCurrentText(items.name_priority)
        self.priority.currentTextChanged.connect(lambda _t: self.changed.emit())
        form.addRow(NAME_PRIORITY, self.priority)

    def fill(self, items: dict[str, Any]) -> None:
        """All the items into a person's correction (its `foreign`), if one of them was changed."""
        typed = {key: edit.text().strip() for key, edit in self.edits.items()}
        if typed == self._initial and self.priority.currentText() == self.items.name_priority:
            return
        foreign: dict[str, Any] = {key: typed[key] for key in FOREIGN_FIELDS if key != "permit_period"}
        foreign["category"] = category_word(typed["category"])
        for key in ("period_expiry", "became_resident"):  # unchanged: the date as held (a 不詳日 stays one)
            held = getattr(self.items, key)
            if typed[key] == self._initial[key] and held is not None:
                foreign[key] = held.to_json()
        if typed["permit_period"]:
            period_key = "provisional_period" if foreign["category"] == PROVISIONAL else "landing_period"
            foreign[period_key] = typed["permit_period"]
        foreign["tsusho"] = self.items.tsusho
        foreign["name_priority"] = self.priority.currentText()
        items["foreign"] = foreign

    def fields(self) -> dict[str, QWidget]:
        return {LABELS["foreign"]: self.edits["alphabet_name"], "上陸期間": self.edits["permit_period"],
                "仮滞在期間": self.edits["permit_period"], NAME_PRIORITY: self.priority,
                **{LABELS[f"foreign.{key}"]: self.edits[key] for key in FOREIGN_FIELDS if f"foreign.{key}" in LABELS}}


class CorrectionSection(Section):
    """職権修正 of one person's items, for example a name changed in the 戸籍: only the items changed are sent."""

    def __init__(self, person: Person) -> None:
        super().__init__(self.tr("修正する項目（{name}　宛名番号 {atena}）").format(name=person.name,
                                                                             atena=person.atena_no))
        self.person = person
        honseki = person.honseki
        self.edits: dict[str, QLineEdit] = {}
        self.sex = QComboBox()
        self.sex.addItems(SEXES)
        self.sex.setCurrentText(person.sex.value)
        self.sex.currentTextChanged.connect(lambda _t: self.changed.emit())
        self._initial = {
            "name": person.name, "name_kana": person.name_kana, "birth": format_wareki(person.birth),
            "relationship": person.relationship, "remarks": person.remarks,
            "honseki.place": honseki.display() if honseki else "", "honseki.head": honseki.head if honseki else "",
        }
        labels = {"name": "氏名", "name_kana": "氏名フリガナ", "birth": "生年月日", "relationship": "続柄",
                  "honseki.place": "本籍", "honseki.head": "筆頭者", "remarks": "備考"}
        form = QFormLayout(self)
        for key, label in labels.items():
            edit = QLineEdit(self._initial[key])
            edit.textEdited.connect(self.changed)
            self.edits[key] = edit
            form.addRow(label, edit)
            if key == "birth":
                form.addRow("性別", self.sex)
        if honseki is None:  # foreign residents have no 本籍
            for key in ("honseki.place", "honseki.head"):
                self.edits[key].setEnabled(False)
        self.foreign = ForeignSection(person.foreign) if person.foreign is not None else None
        if self.foreign is not None:
            self.foreign.changed.connect(self.changed)
            form.addRow(self.foreign)
        self.offices = OfficeSection(person.offices)
        self.offices.changed.connect(self.changed)
        form.addRow(self.offices)

    def _changed(self, key: str) -> bool:
        return self.edits[key].text().strip() != self._initial[key]

    def fill(self, request: dict[str, Any]) -> None:
        items: dict[str, Any] = {key: self.edits[key].text() for key in
                                 ("name", "name_kana", "birth", "relationship", "remarks") if self._changed(key)}
        if self.sex.currentText() != self.person.sex.value:
            items["sex"] = self.sex.currentText()
        if self._changed("honseki.place") or self._changed("honseki.head"):
            place = self.edits["honseki.place"].text().strip()
            items["honseki"] = place if place in (HonsekiKind.NONE.value, HonsekiKind.UNKNOWN.value) else {
                "place": place, "head": self.edits["honseki.head"].text()}
        if self.foreign is not None:
            self.foreign.fill(items)
        self.offices.fill(items)
        request["set"] = {self.person.atena_no: items}

    def fields(self) -> dict[str, QWidget]:
        return {"修正内容": self.edits["name"], "氏名": self.edits["name"], "氏名フリガナ": self.edits["name_kana"],
                "生年月日": self.edits["birth"], "性別": self.sex, "続柄": self.edits["relationship"],
                "本籍": self.edits["honseki.place"], "筆頭者": self.edits["honseki.head"],
                "本籍・筆頭者": self.edits["honseki.place"], "備考": self.edits["remarks"], **self.offices.fields(),
                **(self.foreign.fields() if self.foreign is not None else {})}


# --- 異動の取消し -------------------------------------------------------------------------------------------------

class CancelSection(Section):
    """異動の取消し (or 転出取消: `only` the 転出届): which of the person's 異動 to undo (newest first; the rules allow
    only the one in force)."""

    def __init__(self, history: list[HistoryEntry], only: Collection[str] = ()) -> None:
        super().__init__(self.tr("取り消す異動"))
        self.only = only
        self.choice = QComboBox()
        self.choice.setObjectName("cancels")
        for entry in reversed(history):
            if entry.reason in CANCELLING or (only and entry.reason not in only):
                continue
            self.choice.addItem(self.tr("履歴番号 {0}　{1}（処理日 {2}）").format(
                entry.number, entry.reason, processed_on(entry.processed_at)), entry.doc_id)
        note = QLabel(self.tr("転出予定日の前に転出届を取り消します。転出届の前の記載に戻ります。異動日は取消しの届出の日です。")
                      if only else self.tr("取り消すと、この異動の前の記載に戻ります（転入などの記載は消除になります）。"
                                           "異動日は取り消す異動の異動日です。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(note)
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def fill(self, request: dict[str, Any]) -> None:
        if not self.only:  # 異動の取消し takes the 異動日 of what it undoes
            request.pop("idou_date", None)
        request["cancels"] = self.choice.currentData()

    def fields(self) -> dict[str, QWidget]:
        return {"取り消す異動": self.choice}


class CorrectedSection(Section):
    """誤記修正: which of the person's 異動 entered the item wrongly (newest first)."""

    def __init__(self, history: list[HistoryEntry]) -> None:
        super().__init__(self.tr("訂正する異動"))
        self.choice = QComboBox()
        self.choice.setObjectName("corrects")
        for entry in reversed(history):
            if entry.reason not in CANCELLING:
                self.choice.addItem(self.tr("履歴番号 {0}　{1}（処理日 {2}）").format(
                    entry.number, entry.reason, processed_on(entry.processed_at)), entry.doc_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def fill(self, request: dict[str, Any]) -> None:
        request["corrects"] = self.choice.currentData()

    def fields(self) -> dict[str, QWidget]:
        return {"訂正する異動": self.choice}
