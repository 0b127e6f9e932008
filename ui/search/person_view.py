"""照会: one person's current record, a 支援措置 banner when a measure is in force, a 要確認 banner when forked, the
異動履歴 (with 異動日 and 届出日), the person's 除票, the household and the 交付履歴.

Dates are shown in 和暦, except the 生年月日 and 在留期間の満了の日 of foreign residents (西暦, §1.1.9). A foreign
resident's items of 法30条の45 are shown, its 外国人住民となった年月日 in place of the 住民となった年月日, and every 通称 it
has had with its 記載 and 削除 (施行令30条の27). The items of 法7条9号〜11号の2 (選挙人名簿, 国保, 後期高齢者医療, 介護保険,
国民年金, 児童手当) are shown when recorded. The 年齢 beside
the 生年月日 is the 満年齢 on the registry's date as counters show it: one year more on the birthday itself (the law
counts it from the day before, 年齢計算ニ関スル法律; the display follows the counters' custom). 住所を定めた年月日 is
shown as the certificates print it (`domain.certificate_items.address_set_on`): empty for one who never moved within
the town. The 個人番号 is masked until 表示 is pressed, and masked again whenever another person is shown.

The 除票 are the person's stays in the town that have ended (`domain.history.residences`): one who came back under the
same 宛名番号 has the earlier stay as a 除票 of its own, issuable for 150 years (施行令34条); the 交付 screen names it by
its number (第1回…). The section is hidden for one who has none.

The 交付履歴 lists each 交付, refusal and cancellation of the person (日時, 証明書, 請求者の種別, 処分, 職員, 発行番号);
「交付の取消し…」 and 「再交付…」 act on the 交付 chosen in it (the window opens the dialogs; the facade decides who may).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain import office_items
from domain.certificate_items import address_set_on
from domain.history import residences
from domain.kofu_history import IssueLine
from domain.kofu_rules import PHOTO_IDS, ended
from domain.protection import Process
from domain.records import Person, ResidentKind, TsushoEntry
from domain.wareki import RegDate, format_seireki, format_wareki
from local_store.protection import Protection
from local_store.residents_service import PersonRecord
from local_store.search import MOVING_OUT, display_birth
from ui.common.dates import processed_on
from ui.common.styles import PROTECTION_STYLE
from ui.fuhyo.person_section import FuhyoSection

PLACEHOLDER = QT_TRANSLATE_NOOP("PersonView", "検索結果から人を選び、Enter または F5 で照会します")
FORKED_BANNER = QT_TRANSLATE_NOOP("PersonView", "要確認　この方には並行して登録された異動が{count}件あります。"
                                "係長が職権修正で確定するまで、記載内容を確認してから交付・異動してください。")
PROTECTION_HEADING = QT_TRANSLATE_NOOP(
    "PersonView", "支援措置　この方は支援措置の対象です。住所などの記載事項を電話や口頭で伝えないでください。")
PROTECTION_KOFU = QT_TRANSLATE_NOOP("PersonView", "交付: 加害者には交付しません。本人には写真付きの本人確認書類（{ids}）で、"
                                  "それ以外の請求は係長の判断を得て交付します。")
PROTECTION_IDOU = QT_TRANSLATE_NOOP("PersonView", "異動: 加害者からの届出は受け付けません。")
UNTRUSTED_TIME = QT_TRANSLATE_NOOP(
    "PersonView", "（終了日を過ぎていますが、端末の時刻をクラウドの時刻で確認できるまで継続します）")
AWAITING_MYNUMBER = QT_TRANSLATE_NOOP("PersonView", "付番待ち")
SHOW, HIDE = QT_TRANSLATE_NOOP("PersonView", "表示"), QT_TRANSLATE_NOOP("PersonView", "隠す")
_FULLWIDTH_STAR = "＊"

HISTORY_COLUMNS = ("履歴番号", "異動事由", "異動日", "届出日", "処理日", "住所")
HOUSEHOLD_COLUMNS = ("続柄", "氏名", "生年月日", "性別", "宛名番号")
JOHYO_COLUMNS = ("除票", "住民となった年月日", "消除事由", "住所")
ISSUE_COLUMNS = ("交付日時", "証明書", "請求者", "処分", "職員", "発行番号", "備考")
AGE = QT_TRANSLATE_NOOP("PersonView", "{birth}（{age}歳）")
ATENA_NO_ROLE = Qt.ItemDataRole.UserRole + 1


def mask_mynumber(number: str) -> str:
    """「＊＊＊＊ ＊＊＊＊ 1234」: only the last four digits."""
    if len(number) != 12:
        return _FULLWIDTH_STAR * 4
    return f"{_FULLWIDTH_STAR * 4} {_FULLWIDTH_STAR * 4} {number[8:]}"


def group_mynumber(number: str) -> str:
    """「1234 5678 9012」."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def wareki_or_blank(value: RegDate | None) -> str:
    return "" if value is None else format_wareki(value)


def protection_text(protections: tuple[Protection, ...]) -> str:
    """The 支援措置 banner: what each measure restricts and until when; the 加害者 where the facade gave them."""
    translate = QCoreApplication.translate
    lines = [translate("PersonView", PROTECTION_HEADING)]
    for item in protections:
        m = item.measure
        processes = "・".join(p.value for p in Process if p in m.processes)  # the 事務, as the standard names them
        until = translate("PersonView", "{date}まで").format(date=format_wareki(m.end))
        if item.kept_by_untrusted_time:
            until += translate("PersonView", UNTRUSTED_TIME)
        concurrent = (translate("PersonView", "（別の端末での延長・終了が重なっています。長い方の期間で継続中）")
                      if m.concurrent else "")
        lines.append(translate("PersonView", "抑止: {processes}　{until}{concurrent}").format(
            processes=processes, until=until, concurrent=concurrent))
        if m.offenders:
            names = "、".join(o.name + (f"（{o.kana}）" if o.kana else "") for o in m.offenders)
            lines.append(translate("PersonView", "加害者: {names}").format(names=names))
    processes = {p for item in protections for p in item.measure.processes}
    if Process.KOFU in processes:
        lines.append(translate("PersonView", PROTECTION_KOFU).format(ids="・".join(PHOTO_IDS)))
    if Process.IDOU in processes:
        lines.append(translate("PersonView", PROTECTION_IDOU))
    return "\n".join(lines)


def honseki_text(person: Person) -> str:
    if person.honseki is None:
        return ""
    place = person.honseki.display()
    return f"{place}　筆頭者 {person.honseki.head}" if person.honseki.head else place


def issue_row(line: IssueLine) -> tuple[str, ...]:
    """One line of the 交付履歴 as the table shows it."""
    notes = [line.note] if line.note else []
    if line.reissue_of:
        notes.append(f"再交付（元 {line.reissue_of}）")
    if line.cancelled_by:
        notes.append(f"取消し {processed_on(line.cancelled_at)} {line.cancelled_by}")
    return (f"{processed_on(line.at)} {line.at[11:16]}", line.kind, line.requester, line.status, line.staff,
            "、".join(line.issue_numbers), "　".join(notes))


def tsusho_line(entry: TsushoEntry) -> str:
    """One 通称 of the history: 「木村　明　記載 令和8年11月24日 みどり町　削除 令和9年1月5日 みどり町」."""
    text = f"{entry.tsusho}　記載 {format_wareki(entry.recorded_on)} {entry.recorded_town}".rstrip()
    if entry.removed_on is not None:
        text += f"　削除 {format_wareki(entry.removed_on)} {entry.removed_town}".rstrip()
    return text


def removal_text(person: Person) -> str:
    if person.removal is None:
        return ""
    text = f"{person.removal.reason}（{format_wareki(person.removal.date)}）"
    if person.removal.destination:
        text += f"　転出先 {person.removal.destination}"
    return text


# The items of 法30条の45 shown for a foreign resident (those on a whole line of the pane: FOREIGN_WIDE).
FOREIGN_WIDE = ("法第30条の45に規定する区分", "通称", "通称の記載・削除")
FOREIGN_ITEMS = ("氏名（アルファベット）", "氏名の優先区分", "国籍・地域", *FOREIGN_WIDE, "在留資格", "在留期間",
                 "在留期間の満了の日", "在留カード等の番号", "外国人住民となった年月日")
# 上陸期間 (一時庇護許可者) and 仮滞在期間 (仮滞在許可者): only the persons of those 区分 have them, shown when recorded.
PERMIT_PERIODS = ("上陸期間", "仮滞在期間")


def foreign_values(person: Person) -> dict[str, str]:
    """A foreign resident's items of 法30条の45 as the pane shows them (none for a 日本人住民)."""
    f = person.foreign
    if f is None:
        return {}
    return {"氏名（アルファベット）": f.alphabet_name, "国籍・地域": f.nationality, "法第30条の45に規定する区分": f.category,
            "通称": f.tsusho, "通称の記載・削除": "\n".join(tsusho_line(e) for e in f.tsusho_history),
            "在留資格": f.residence_status, "在留期間": f.period,
            "在留期間の満了の日": format_seireki(f.period_expiry) if f.period_expiry else "",
            "在留カード等の番号": f.card_number, "上陸期間": f.landing_period, "仮滞在期間": f.provisional_period,
            "外国人住民となった年月日": format_wareki(f.became_resident), "氏名の優先区分": f.name_priority}


class _ReadOnlyTable(QTableWidget):
    """A small table inside the pane: as tall as its rows, Enter activates the current row, Tab leaves it."""

    rowActivated = Signal(int)

    def __init__(self, columns: tuple[str, ...], stretch: int, parent: QWidget | None = None) -> None:
        """`stretch`: the column that takes the width left (a long name or address is elided there, whole in its
        tooltip); the others are as wide as their contents."""
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels(list(columns))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a handful of rows: cheap
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # rows are chosen, not cells: Tab goes on to what follows the table
        self.doubleClicked.connect(lambda index: self.rowActivated.emit(index.row()))

    def fill(self, rows: list[tuple[str, ...]], keys: list[str] | None = None, bold_row: int = -1) -> None:
        """Show `rows`; `keys[r]` is kept on row r (a 宛名番号, say); `bold_row` is set in bold."""
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if keys is not None:
                    item.setData(ATENA_NO_ROLE, keys[r])
                if r == bold_row:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, c, item)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += self.verticalHeader().defaultSectionSize() * max(len(rows), 1)
        self.setFixedHeight(height)

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row."""
        return [[item.text() if (item := self.item(r, c)) else "" for c in range(self.columnCount())]
                for r in range(self.rowCount())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.rowActivated.emit(self.currentRow())
            return
        super().keyPressEvent(event)


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 12pt; margin-top: 8px;")
    return label


class PersonView(QWidget):
    """The 照会 pane. `personRequested(宛名番号)` when a household member is activated; `mynumberRevealed(宛名番号)`
    when the 個人番号 is shown in full (the window records it in the audit chain)."""

    personRequested = Signal(str)
    mynumberRevealed = Signal(str)
    kofuRequested = Signal()
    protectionRequested = Signal()
    cancelRequested = Signal(object)  # 交付の取消し of this 交付 (an IssueLine)
    reissueRequested = Signal(object)  # 再交付 of this 交付 (an IssueLine)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: PersonRecord | None = None
        self._mynumber_shown = False

        self._stack = QStackedWidget()
        placeholder = QLabel(self.tr(PLACEHOLDER))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setStyleSheet("color: #666;")
        placeholder.setWordWrap(True)
        self._stack.addWidget(placeholder)

        # The banner across the top; the record's items on the left, 異動履歴 and 世帯 on the right.
        content = QWidget()
        page = QVBoxLayout(content)
        halves = QHBoxLayout()
        column = QVBoxLayout()
        lists = QVBoxLayout()

        self.protection_banner = QLabel()
        self.protection_banner.setObjectName("protectionBanner")
        self.protection_banner.setWordWrap(True)
        self.protection_banner.setStyleSheet(PROTECTION_STYLE)
        self.protection_banner.hide()
        page.addWidget(self.protection_banner)
        self.banner = QLabel()
        self.banner.setObjectName("forkedBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #ffe08a; color: #5a3b00; border: 1px solid #d4a017; "
                                  "padding: 6px; font-weight: bold;")
        self.banner.hide()
        page.addWidget(self.banner)
        page.addLayout(halves, 1)
        halves.addLayout(column, 5)
        halves.addSpacing(16)
        halves.addLayout(lists, 4)

        self.name_label = QLabel()
        name_font = QFont(self.name_label.font())
        name_font.setPointSize(name_font.pointSize() + 6)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kana_label = QLabel()
        for label in (self.name_label, self.kana_label):  # a long name wraps instead of widening the pane
            label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("padding: 2px 8px; border-radius: 3px;")
        heading = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.kana_label)
        names.addWidget(self.name_label)
        heading.addLayout(names, 1)
        heading.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        self.kofu_button = QPushButton(self.tr("F8 交付"))
        self.kofu_button.setObjectName("kofu")
        self.kofu_button.setToolTip(self.tr("この人の証明書（住民票の写し・除票の写し・記載事項証明書・転出証明書）を"
                                             "交付します"))
        self.kofu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by F8
        self.kofu_button.clicked.connect(self.kofuRequested)
        heading.addWidget(self.kofu_button, 0, Qt.AlignmentFlag.AlignTop)
        self.protection_button = QPushButton(self.tr("支援措置…"))
        self.protection_button.setObjectName("protection")
        self.protection_button.setToolTip(self.tr("この人の支援措置（開始・延長・終了）を設定します（係長以上）"))
        self.protection_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.protection_button.clicked.connect(self.protectionRequested)
        self.protection_button.hide()
        heading.addWidget(self.protection_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(heading)

        self._values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        left = ("宛名番号", "世帯番号", "生年月日", "性別", "続柄", "個人番号", "住民票コード")
        right = ("住民となった年月日", "外国人住民となった年月日", "住所を定めた年月日", "届出日", "住民状態", "在留資格",
                 "在留期間", "在留期間の満了の日", "在留カード等の番号", *PERMIT_PERIODS, "氏名の優先区分")
        for row, key in enumerate(left):
            self._add_item(grid, row, 0, key)
        for row, key in enumerate(right):
            self._add_item(grid, row, 2, key)
        wide = ("消除事由", "住所", "転入前住所", "本籍・筆頭者", "氏名（アルファベット）", "国籍・地域", *FOREIGN_WIDE,
                "備考", "印鑑登録", *office_items.NAMES.values())
        for offset, key in enumerate(wide):
            self._add_item(grid, max(len(left), len(right)) + offset, 0, key, span=3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.reveal_button = QPushButton(self.tr(SHOW))
        self.reveal_button.setObjectName("revealMynumber")
        self.reveal_button.setToolTip(self.tr("個人番号をすべて表示します"))
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.clicked.connect(self.toggle_mynumber)
        mynumber_cell = QHBoxLayout()
        mynumber_cell.setContentsMargins(0, 0, 0, 0)
        mynumber_cell.setSpacing(12)
        mynumber_cell.addWidget(self._values["個人番号"])
        mynumber_cell.addWidget(self.reveal_button)
        mynumber_cell.addStretch(1)
        grid.addLayout(mynumber_cell, left.index("個人番号"), 1)
        column.addLayout(grid)
        column.addStretch(1)

        lists.addWidget(_section_title(self.tr("異動履歴")))
        self.history_table = _ReadOnlyTable(HISTORY_COLUMNS, stretch=HISTORY_COLUMNS.index("住所"))
        self.history_table.setObjectName("history")
        lists.addWidget(self.history_table)
        self.johyo_title = _section_title(self.tr("除票"))
        lists.addWidget(self.johyo_title)
        self.johyo_table = _ReadOnlyTable(JOHYO_COLUMNS, stretch=JOHYO_COLUMNS.index("住所"))
        self.johyo_table.setObjectName("johyo")
        self.johyo_table.setToolTip(self.tr("この人の除票（住民でなくなった住民票）です。交付画面で第何回の除票かを選びます"))
        lists.addWidget(self.johyo_table)
        lists.addWidget(_section_title(self.tr("世帯")))
        self.household_table = _ReadOnlyTable(HOUSEHOLD_COLUMNS, stretch=HOUSEHOLD_COLUMNS.index("氏名"))
        self.household_table.setObjectName("household")
        self.household_table.rowActivated.connect(self._household_row_activated)
        lists.addWidget(self.household_table)
        self.fuhyo_section = FuhyoSection()  # her 附票, when her 本籍 is in this town (filled by the main window)
        lists.addWidget(self.fuhyo_section)
        lists.addWidget(_section_title(self.tr("交付履歴")))
        self.issue_table = _ReadOnlyTable(ISSUE_COLUMNS, stretch=ISSUE_COLUMNS.index("備考"))
        self.issue_table.setObjectName("issues")
        self.issue_table.currentCellChanged.connect(lambda *_: self._update_issue_buttons())
        lists.addWidget(self.issue_table)
        self.cancel_button = QPushButton(self.tr("交付の取消し…"))
        self.cancel_button.setObjectName("cancelIssue")
        self.cancel_button.setToolTip(self.tr("選んだ交付を取り消します（交付した職員はその日のうちに、係長以上はいつでも）"))
        self.cancel_button.clicked.connect(lambda: self._issue_action(self.cancelRequested))
        self.reissue_button = QPushButton(self.tr("再交付…"))
        self.reissue_button.setObjectName("reissue")
        self.reissue_button.setToolTip(self.tr("選んだ交付と同じ請求で、新しい発行番号の証明書を交付します"))
        self.reissue_button.clicked.connect(lambda: self._issue_action(self.reissueRequested))
        issue_buttons = QHBoxLayout()
        issue_buttons.addStretch(1)
        issue_buttons.addWidget(self.cancel_button)
        issue_buttons.addWidget(self.reissue_button)
        lists.addLayout(issue_buttons)
        lists.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self._stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    def _add_item(self, grid: QGridLayout, row: int, col: int, key: str, span: int = 1) -> None:
        caption = QLabel(key)
        caption.setStyleSheet("color: #555;")
        vertical = Qt.AlignmentFlag.AlignVCenter if key == "個人番号" else Qt.AlignmentFlag.AlignTop  # beside a button
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | vertical)
        value = QLabel()
        value.setObjectName(key)
        value.setWordWrap(span > 1)  # only the long items (住所, 本籍…) wrap; dates and numbers stay on one line
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._captions[key] = caption
        self._values[key] = value
        grid.addWidget(caption, row, col)
        if key != "個人番号":  # placed with its 表示 button
            grid.addWidget(value, row, col + 1, 1, span)

    # --- what is shown -------------------------------------------------------------------------------------------

    def value(self, item: str) -> str:
        """The text shown for an item (by its Japanese name), for tests and for copying."""
        return self._values[item].text()

    def is_item_shown(self, item: str) -> bool:
        return not self._captions[item].isHidden()

    def set_may_manage_protection(self, may: bool) -> None:
        """The 支援措置 button is for those who set measures (係長 and above)."""
        self.protection_button.setVisible(may)

    def clear(self) -> None:
        self.record = None
        self._stack.setCurrentIndex(0)

    def show_record(self, record: PersonRecord) -> None:
        self.record = record
        self._mynumber_shown = False
        p = record.current
        foreign = p.kind is ResidentKind.FOREIGN
        self.protection_banner.setText(protection_text(record.protection))
        self.protection_banner.setVisible(bool(record.protection))
        self.banner.setText(self.tr(FORKED_BANNER).format(count=len(record.tips)))
        self.banner.setVisible(record.forked)
        self.kana_label.setText(p.name_kana)
        self.name_label.setText(p.name)
        status = MOVING_OUT if record.moving_out else p.status.value
        self.status_label.setText(status)
        self.status_label.setStyleSheet(
            "padding: 2px 8px; border-radius: 3px; "
            + ("background: #dff0d8; color: #1e4620;" if record.lives_here else "background: #e0e0e0; color: #333;"))

        values = {
            "宛名番号": p.atena_no,
            "世帯番号": p.setai_no,
            "生年月日": (self.tr(AGE).format(birth=display_birth(p), age=record.age) if record.age is not None
                         else display_birth(p)),
            "性別": p.sex.value,
            "続柄": p.relationship,
            "住民票コード": p.juminhyo_code,
            "住民となった年月日": "" if foreign else wareki_or_blank(p.resident_since),  # see 外国人住民となった年月日
            "住所を定めた年月日": wareki_or_blank(address_set_on(p)),
            "届出日": wareki_or_blank(p.notified_on),
            "住民状態": status,
            "消除事由": removal_text(p),
            "住所": p.address.full(),
            "転入前住所": p.previous_address,
            "本籍・筆頭者": honseki_text(p),
            "備考": p.remarks,
            **foreign_values(p),
            **{name: office_items.entry_text(p.offices, key, format_wareki) for key, name in office_items.NAMES.items()
               if getattr(p.offices, key) is not None},
        }
        always = {"宛名番号", "世帯番号", "生年月日", "性別", "続柄", "住民票コード", "住所を定めた年月日", "届出日",
                  "住民状態", "住所", "個人番号"} | ({"外国人住民となった年月日"} if foreign else {"住民となった年月日"})
        for key in self._values:
            self._values[key].setText(values.get(key, ""))  # none left from the person shown before
            shown = key in always or bool(values.get(key)) or (key == "本籍・筆頭者" and not foreign)
            if key in FOREIGN_ITEMS:
                shown = foreign and bool(values.get(key))
            self._captions[key].setVisible(shown)
            self._values[key].setVisible(shown)
        self._show_mynumber()

        self.history_table.fill([
            (str(e.number), e.reason, wareki_or_blank(e.idou_date), wareki_or_blank(e.notified_on),
             processed_on(e.processed_at), e.row.address.full()) for e in record.history
        ])
        gone = ended(residences(record.history), record.lives_here)
        self.johyo_table.fill([(f"第{s.number}回", wareki_or_blank(s.row.resident_since), removal_text(s.row),
                                s.row.address.full()) for s in gone])
        self.johyo_title.setVisible(bool(gone))
        self.johyo_table.setVisible(bool(gone))
        members = record.household
        self.household_table.fill(
            [(m.relationship, m.name, display_birth(m), m.sex.value, m.atena_no) for m in members],
            keys=[m.atena_no for m in members],
            bold_row=next((i for i, m in enumerate(members) if m.atena_no == p.atena_no), -1),
        )
        self.issue_table.fill([issue_row(line) for line in record.issues])
        self._update_issue_buttons()
        self._stack.setCurrentIndex(1)

    def show_inkan(self, text: str) -> None:
        """The person's 印鑑登録, as `ui.inkan.state.state_text` states it (the window reads it with the record)."""
        self._values["印鑑登録"].setText(text)
        self._captions["印鑑登録"].setVisible(True)
        self._values["印鑑登録"].setVisible(True)

    def toggle_mynumber(self) -> None:
        self._mynumber_shown = not self._mynumber_shown
        if self._mynumber_shown and self.record is not None:
            self.mynumberRevealed.emit(self.record.current.atena_no)
        self._show_mynumber()

    def _show_mynumber(self) -> None:
        number = self.record.current.mynumber if self.record else ""
        has_number = bool(number)
        self.reveal_button.setVisible(has_number)
        if not has_number:
            resident = self.record is not None and self.record.current.is_resident
            self._values["個人番号"].setText(self.tr(AWAITING_MYNUMBER) if resident else "")
            return
        self._values["個人番号"].setText(group_mynumber(number) if self._mynumber_shown else mask_mynumber(number))
        self.reveal_button.setText(self.tr(HIDE) if self._mynumber_shown else self.tr(SHOW))

    def chosen_issue(self) -> IssueLine | None:
        """The line of the 交付履歴 chosen in its table."""
        row = self.issue_table.currentRow()
        issues = self.record.issues if self.record is not None else ()
        return issues[row] if 0 <= row < len(issues) else None

    def _update_issue_buttons(self) -> None:
        line = self.chosen_issue()
        self.reissue_button.setEnabled(line is not None and line.issued)
        self.cancel_button.setEnabled(line is not None and line.issued and not line.cancelled_by)

    def _issue_action(self, signal: SignalInstance) -> None:
        line = self.chosen_issue()
        if line is not None and line.issued:
            signal.emit(line)

    def _household_row_activated(self, row: int) -> None:
        item = self.household_table.item(row, 0)
        if item is not None:
            self.personRequested.emit(item.data(ATENA_NO_ROLE))
