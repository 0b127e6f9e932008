"""設定 (管理者): the 認証者 (市区町村長 and 職務代理者), this terminal's printer number for the 発行番号, the idle lock,
how old a terminal's data may be before 第三者・代理人 requests need a judgment, and the cloud this terminal
replicates with: its sign-in, the last trusted time (a server time far ahead waits here for a 管理者, and a wrong
one can be taken back), and the enrollment codes of new terminals with the confirmation of the one that claimed each.

The municipality's items are one replicated settings document, changed through `registry.settings.update` (which
checks the role and audits the change); the cloud sign-in is checked against the server in a background job before
it is kept (`sync.cloud.login`: the password goes to the keyring, never to a file). Other roles see the settings
read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.inkan import MAX_ANSWER_DAYS
from domain.kofu_rules import KOUYOU_CATEGORY, MAX_FEE
from domain.roles import Permission, allowed
from domain.wareki import format_short, parse_date
from local_store.context import require
from local_store.errors import StoreError
from local_store.kofu import DEFAULT_PRINTER
from local_store.registry import Registry
from local_store.settings import (
    FEES,
    INKAN_ANSWER_DAYS,
    MAX_STALE_AFTER_HOURS,
    STALE_AFTER_HOURS,
    inkan_answer_days,
)
from local_store.staff import Staff
from sync import cloud, enrollment, joining
from ui.common.background import BackgroundJob
from ui.common.field_errors import error_text
from ui.common.idle_setting import DEFAULT_MINUTES
from ui.common.styles import ERROR_STYLE, OK_STYLE

DEPUTY_COLUMNS = (QT_TRANSLATE_NOOP("SettingsDialog", "開始日"), QT_TRANSLATE_NOOP("SettingsDialog", "終了日"),
                  QT_TRANSLATE_NOOP("SettingsDialog", "職名"), "氏名")  # 氏名: the standard's item name
FEE_COLUMNS = (QT_TRANSLATE_NOOP("SettingsDialog", "証明書の種類"), QT_TRANSLATE_NOOP("SettingsDialog", "手数料（円）"))
CATEGORY_COLUMNS = (QT_TRANSLATE_NOOP("SettingsDialog", "無料・減免の区分"),
                    QT_TRANSLATE_NOOP("SettingsDialog", "1通の手数料（円、0は無料）"))
FREE = QT_TRANSLATE_NOOP("SettingsDialog", "無料")  # in the categories' amount column: 0
READ_ONLY_NOTE = QT_TRANSLATE_NOOP("SettingsDialog", "設定を変えられるのは管理者だけです")
SAVED = QT_TRANSLATE_NOOP("SettingsDialog", "保存しました")
CLOUD_SAVED = QT_TRANSLATE_NOOP("SettingsDialog",
                                "クラウドに接続できました。接続先を保存しました（パスワードはキーリングに保存）")
ENROLLMENT_COLUMNS = (QT_TRANSLATE_NOOP("SettingsDialog", "端末名"), QT_TRANSLATE_NOOP("SettingsDialog", "期限"),
                      QT_TRANSLATE_NOOP("SettingsDialog", "状態"))


def _fee_table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([QCoreApplication.translate("SettingsDialog", column) for column in columns])
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setTabKeyNavigation(True)
    return table


def _amount(text: str, what: str) -> int:
    """An amount as typed (円; 無料 is 0); ValidationError when it is no whole number from 0 to MAX_FEE."""
    text = text.strip().removesuffix("円").replace(",", "")
    if text == FREE:
        return 0
    if not text.isdigit() or not 0 <= int(text) <= MAX_FEE:
        raise ValidationError(QCoreApplication.translate("SettingsDialog", "手数料"),
                              QCoreApplication.translate("SettingsDialog", "{what}の手数料は0から{max}円までの整数です")
                              .format(what=what, max=MAX_FEE))
    return int(text)


def _deputy_dates(row: list[str], number: int) -> tuple[str, str]:
    translate = QCoreApplication.translate
    item = translate("SettingsDialog", "職務代理者（{number}行目）").format(number=number)
    start = parse_date(row[0], item=translate("SettingsDialog", "{item}の開始日").format(item=item)).iso
    end_item = translate("SettingsDialog", "{item}の終了日").format(item=item)
    end = parse_date(row[1], item=end_item).iso
    if end < start:
        raise ValidationError(end_item, translate("SettingsDialog", "終了日が開始日より前になっています"))
    if not row[2].strip() or not row[3].strip():
        raise ValidationError(item, translate("SettingsDialog", "職名と氏名を入力してください"))
    return start, end


class _RowButtons(QWidget):
    """The buttons under an editable table: `add` appends a row (`add_row`), `remove` removes the row the cursor is
    on unless `removable` says that row must stay."""

    def __init__(self, table: QTableWidget, add_text: str, add_row: Callable[[], None], remove_text: str,
                 removable: Callable[[int], bool] = lambda row: True) -> None:
        super().__init__()
        self._table, self._removable = table, removable
        self.add = QPushButton(add_text)
        self.add.clicked.connect(add_row)
        self.remove = QPushButton(remove_text)
        self.remove.clicked.connect(self._remove_current)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.add, self.remove):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)

    def _remove_current(self) -> None:
        row = self._table.currentRow()
        if row >= 0 and self._removable(row):
            self._table.removeRow(row)


class SettingsDialog(QDialog):
    idle_minutes_saved = Signal(float)  # a new lock time, for the window's idle lock to count with at once

    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.may_change = allowed(staff.role, Permission.CHANGE_SETTINGS)
        self._cloud_check = BackgroundJob(self)
        self._cloud_check.succeeded.connect(self._cloud_saved)
        self._cloud_check.failed.connect(self._cloud_refused)
        self._cloud_check.finished.connect(self._cloud_check_ended)
        self.setWindowTitle(self.tr("設定"))
        settings = registry.settings.get()
        town = registry.municipality

        # --- 市区町村 ---
        self.mayor_title = QLineEdit(str(settings.get("mayor_title", "")))
        self.mayor_name = QLineEdit(str(settings.get("mayor_name", "")))
        self.deputies = QTableWidget(0, len(DEPUTY_COLUMNS))
        self.deputies.setObjectName("deputies")
        self.deputies.setHorizontalHeaderLabels([self.tr(column) for column in DEPUTY_COLUMNS])
        self.deputies.verticalHeader().hide()
        self.deputies.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.deputies.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for deputy in settings.get("deputies", ()):
            self.add_deputy([format_short(dt.date.fromisoformat(deputy["from"])),
                             format_short(dt.date.fromisoformat(deputy["to"])), deputy["title"], deputy["name"]])
        self.deputy_buttons = _RowButtons(self.deputies, self.tr("職務代理者を追加"),
                                          lambda: self.add_deputy(["", "", "", ""]), self.tr("選んだ行を削除"))
        town_page = QWidget()
        town_form = QFormLayout(town_page)
        town_form.addRow(self.tr("市区町村"), QLabel(self.tr("{town}（全国地方公共団体コード {code}）").format(
            town=f"{town.prefecture}{town.name}", code=town.code)))
        town_form.addRow(self.tr("市区町村長の職名"), self.mayor_title)
        town_form.addRow(self.tr("市区町村長の氏名"), self.mayor_name)
        town_form.addRow(QLabel(self.tr("職務代理者（期間中は証明書の認証者になります。日付は和暦でも西暦でも）")))
        town_form.addRow(self.deputies)
        town_form.addRow(self.deputy_buttons)

        # --- この端末 ---
        self.printer = QLineEdit(registry.settings.printer_name())
        self.printer.setObjectName("printer")
        self.printer.setPlaceholderText(DEFAULT_PRINTER)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(self.tr(" 分"))
        self.idle_minutes.setValue(int(settings.get("idle_lock_minutes", DEFAULT_MINUTES)))
        self.stale_hours = QSpinBox()
        self.stale_hours.setObjectName("staleHours")
        self.stale_hours.setRange(1, MAX_STALE_AFTER_HOURS)
        self.stale_hours.setSuffix(self.tr(" 時間"))
        self.stale_hours.setValue(registry.settings.stale_after() // dt.timedelta(hours=1))
        self.stale_hours.setToolTip(self.tr("最後の同期からこの時間を過ぎた端末では、第三者・代理人の請求に係長の判断が必要になります"
                                            "（他の端末で始まった支援措置が届いていないおそれがあるため）"))
        self.inkan_days = QSpinBox()
        self.inkan_days.setObjectName("inkanAnswerDays")
        self.inkan_days.setRange(1, MAX_ANSWER_DAYS)
        self.inkan_days.setSuffix(self.tr(" 日"))
        self.inkan_days.setValue(inkan_answer_days(settings))
        self.inkan_days.setToolTip(self.tr("照会書の方法による印鑑登録は、郵送した日からこの日数のうちに回答書が窓口に"
                                           "戻ったときだけ登録されます"))
        terminal_page = QWidget()
        terminal_form = QFormLayout(terminal_page)
        terminal_form.addRow(self.tr("端末名"), QLabel(self.tr("{terminal}（発行番号の発行端末名。登録時に決まります）").format(
            terminal=registry.terminal)))
        terminal_form.addRow(self.tr("プリンタ番号"), self.printer)
        terminal_form.addRow(self.tr("画面ロックまで（全端末）"), self.idle_minutes)
        terminal_form.addRow(self.tr("同期の遅れの上限（全端末）"), self.stale_hours)
        terminal_form.addRow(self.tr("印鑑登録の照会書の回答期限（全端末）"), self.inkan_days)

        # --- 手数料 ---
        fees = registry.settings.fees()
        self.fee_kinds = _fee_table(FEE_COLUMNS)
        self.fee_kinds.setObjectName("feeKinds")
        for kind, amount in fees.kinds.items():
            row = self.fee_kinds.rowCount()
            self.fee_kinds.insertRow(row)
            name = QTableWidgetItem(kind)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.fee_kinds.setItem(row, 0, name)
            self.fee_kinds.setItem(row, 1, QTableWidgetItem(str(amount)))
        self.fee_categories = _fee_table(CATEGORY_COLUMNS)
        self.fee_categories.setObjectName("feeCategories")
        for name, amount in fees.categories.items():
            self.add_category(name, amount)
        self.category_buttons = _RowButtons(  # 公用 is free by law: it stays
            self.fee_categories, self.tr("区分を追加"), lambda: self.add_category("", 0), self.tr("選んだ区分を削除"),
            lambda row: self._cell(self.fee_categories, row, 0) != KOUYOU_CATEGORY)
        fee_page = QWidget()
        fee_form = QFormLayout(fee_page)
        fee_form.addRow(QLabel(self.tr("証明書1通の手数料（手数料条例）。公用請求は法律により無料です")))
        fee_form.addRow(self.fee_kinds)
        fee_form.addRow(QLabel(self.tr("無料・減免の区分（交付のときに選びます。手数料は「無料」または金額）")))
        fee_form.addRow(self.fee_categories)
        fee_form.addRow(self.category_buttons)

        # --- クラウド ---
        state = registry.replication.sync_state()
        self.cloud_url = QLineEdit(state.get("cloud_url", ""))
        self.cloud_url.setPlaceholderText("https://cloud.example.jp/madoguchi-99301")
        self.cloud_user = QLineEdit(state.get("cloud_user", ""))
        self.cloud_password = QLineEdit()
        self.cloud_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.cloud_password.setPlaceholderText(self.tr("変えるときだけ入力"))
        self.cloud_ca = QLineEdit(state.get("cloud_ca", ""))
        self.cloud_ca.setPlaceholderText(self.tr("任意：独自の認証局の証明書ファイル"))
        self.cloud_button = QPushButton(self.tr("接続を確認して保存"))
        self.cloud_button.setObjectName("cloudSave")
        self.cloud_button.clicked.connect(self.save_cloud)
        self.cloud_message = QLabel()
        self.cloud_message.setObjectName("cloudMessage")
        self.cloud_message.setWordWrap(True)
        cloud_page = QWidget()
        cloud_form = QFormLayout(cloud_page)
        cloud_form.addRow("URL", self.cloud_url)
        cloud_form.addRow(self.tr("端末のユーザ"), self.cloud_user)
        cloud_form.addRow(self.tr("パスワード"), self.cloud_password)
        cloud_form.addRow(self.tr("認証局の証明書"), self.cloud_ca)
        cloud_form.addRow(self.cloud_button)
        cloud_form.addRow(self.cloud_message)
        self._add_trusted_time(cloud_form)
        self._add_enrollment(cloud_form)

        self.tabs = QTabWidget()
        self.tabs.addTab(town_page, self.tr("市区町村"))
        self.tabs.addTab(terminal_page, self.tr("この端末"))
        self.tabs.addTab(fee_page, self.tr("手数料"))
        self.tabs.addTab(cloud_page, self.tr("クラウド"))
        self.message = QLabel(self.tr(READ_ONLY_NOTE) if not self.may_change else "")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.reject)
        for button in (self.save_button, close, self.cloud_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        for widget in (self.mayor_title, self.mayor_name, self.deputies, self.deputy_buttons, self.printer,
                       self.idle_minutes, self.stale_hours, self.inkan_days, self.cloud_url, self.cloud_user, self.cloud_password, self.cloud_ca,
                       self.cloud_button, self.save_button, self.fee_kinds, self.fee_categories,
                       self.category_buttons):
            widget.setEnabled(self.may_change)
        self._show_trusted_time()
        self._show_enrollments()
        self.resize(760, 640)

    # --- the cloud: the last trusted time ---------------------------------------------------------------------------

    def _add_trusted_time(self, form: QFormLayout) -> None:
        self.trusted_time = QLabel()
        self.trusted_time.setObjectName("trustedTime")
        self.trusted_time.setWordWrap(True)
        self.accept_time_button = QPushButton(self.tr("クラウドの時刻を承認"))
        self.accept_time_button.setObjectName("acceptTime")
        self.accept_time_button.clicked.connect(self.accept_server_time)
        self.reset_time_button = QPushButton(self.tr("信頼する時刻を取り消す"))
        self.reset_time_button.setObjectName("resetTime")
        self.reset_time_button.clicked.connect(self.reset_trusted_time)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_time_button)
        buttons.addWidget(self.reset_time_button)
        buttons.addStretch(1)
        form.addRow(self.tr("信頼する時刻"), self.trusted_time)
        form.addRow(buttons)

    def _show_trusted_time(self) -> None:
        clock = self.registry.trusted_time
        trusted, pending = clock.last_cloud_contact(), clock.pending()
        text = trusted.strftime("%Y-%m-%d %H:%M") if trusted else self.tr("なし")
        if pending is not None:
            text += self.tr("（確認待ちのクラウドの時刻 {time}: 端末の時計や前回の時刻より大きく進んでいるため信頼していません。"
                            "正しいときだけ承認してください）").format(time=pending.strftime("%Y-%m-%d %H:%M"))
        self.trusted_time.setText(text)
        self.accept_time_button.setEnabled(self.may_change and pending is not None)
        self.reset_time_button.setEnabled(self.may_change and (trusted is not None or pending is not None))

    def accept_server_time(self) -> None:
        try:
            accepted = self.registry.trusted_time.accept_pending(self.staff)
        except StoreError as exc:
            self._show(self.cloud_message, exc.message, error=True)
            return
        self._show_trusted_time()
        self._show(self.cloud_message, self.tr("クラウドの時刻 {time} を信頼する時刻にしました").format(
            time=accepted.strftime("%Y-%m-%d %H:%M")), error=False)

    def reset_trusted_time(self) -> None:
        try:
            self.registry.trusted_time.reset(self.staff)
        except StoreError as exc:
            self._show(self.cloud_message, exc.message, error=True)
            return
        self._show_trusted_time()
        self._show(self.cloud_message, self.tr("信頼する時刻を取り消しました。次にクラウドが応答した時刻から設定し直します"),
                   error=False)

    # --- the cloud: enrollment codes ---------------------------------------------------------------------------------

    def _add_enrollment(self, form: QFormLayout) -> None:
        self.enroll_name = QLineEdit()
        self.enroll_name.setObjectName("enrollName")
        self.enroll_name.setPlaceholderText(self.tr("新しい端末の名前（例: 支所1）"))
        self.enroll_hours = QSpinBox()
        self.enroll_hours.setRange(1, 7 * 24)
        self.enroll_hours.setValue(24)
        self.enroll_hours.setSuffix(self.tr(" 時間有効"))
        self.enroll_button = QPushButton(self.tr("登録コードを発行"))
        self.enroll_button.setObjectName("enrollIssue")
        self.enroll_button.clicked.connect(self.issue_code)
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.enroll_name, 1)
        issue_row.addWidget(self.enroll_hours)
        issue_row.addWidget(self.enroll_button)
        self.enroll_code = QLineEdit()
        self.enroll_code.setObjectName("enrollCode")
        self.enroll_code.setReadOnly(True)
        self.enrollments = QTableWidget(0, len(ENROLLMENT_COLUMNS))
        self.enrollments.setObjectName("enrollments")
        self.enrollments.setHorizontalHeaderLabels([self.tr(column) for column in ENROLLMENT_COLUMNS])
        self.enrollments.verticalHeader().hide()
        self.enrollments.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.enrollments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.confirm_button = QPushButton(self.tr("参加を確認"))
        self.confirm_button.setObjectName("enrollConfirm")
        self.confirm_button.clicked.connect(self.confirm_claims)
        self.enroll_message = QLabel()
        self.enroll_message.setObjectName("enrollMessage")
        self.enroll_message.setWordWrap(True)
        self._enroll_job = BackgroundJob(self)
        self._enroll_job.holds(self.enroll_button, self.confirm_button)
        for button in (self.enroll_button, self.confirm_button, self.accept_time_button, self.reset_time_button):
            button.setAutoDefault(False)
        form.addRow(self.tr("端末の登録"), issue_row)
        form.addRow(self.tr("登録コード"), self.enroll_code)
        how = QLabel(self.tr("登録コードは紙で新しい端末に渡します。新しい端末が参加を申請したら「参加を確認」を押し、"
                             "新しい端末に表示された確認番号と同じか確かめてください。コードは最初に申請した一台だけに使えます。"))
        how.setWordWrap(True)  # within a 1366×768 screen
        form.addRow(how)
        form.addRow(self.enrollments)
        form.addRow(self.confirm_button)
        form.addRow(self.enroll_message)
        for widget in (self.enroll_name, self.enroll_hours, self.enroll_button, self.confirm_button):
            widget.setEnabled(self.may_change)

    def _show_enrollments(self) -> None:
        issued = self.registry.keys.issued_enrollments(self.staff) if self.may_change else []
        now = self.registry.now()
        self.enrollments.setRowCount(0)
        for item in issued:
            if item.confirmed:
                state = self.tr("参加を確認済み（確認番号 {number}）").format(
                    number=enrollment.check_number(item.claimant))
            elif now >= dt.datetime.fromisoformat(item.expires):
                state = self.tr("期限切れ")
            else:
                state = self.tr("申請待ち")
            row = self.enrollments.rowCount()
            self.enrollments.insertRow(row)
            expires = dt.datetime.fromisoformat(item.expires).astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
            for col, text in enumerate((item.terminal_name, expires, state)):
                self.enrollments.setItem(row, col, QTableWidgetItem(text))

    def issue_code(self) -> None:
        """A one-time code for a new terminal (in the background: the cloud is told of it)."""
        name, hours, registry, staff = self.enroll_name.text().strip(), self.enroll_hours.value(), self.registry, self.staff
        if not name:
            self._show(self.enroll_message, self.tr("新しい端末の名前を入力してください"), error=True)
            return
        self._show(self.enroll_message, self.tr("登録コードを発行しています…"), error=False)
        self._enroll_job.begin(lambda _progress: joining.issue(registry, staff, name, hours),
                               then=lambda code: self._issued(name, str(code)), otherwise=self._enroll_refused)

    def _issued(self, name: str, code: str) -> None:
        self.enroll_code.setText(code)
        self.enroll_name.clear()
        self._show_enrollments()
        self._show(self.enroll_message, self.tr("端末「{terminal}」の登録コードを発行しました。紙に書き写して新しい端末に"
                                                "渡してください（この画面を閉じると二度と表示されません）").format(terminal=name),
                   error=False)

    def confirm_claims(self) -> None:
        """Seal each enrollment to the terminal that claimed its code (in the background)."""
        registry, staff = self.registry, self.staff
        self._show(self.enroll_message, self.tr("参加の申請を確認しています…"), error=False)
        self._enroll_job.begin(lambda _progress: joining.confirm(registry, staff), then=self._confirmed,
                               otherwise=self._enroll_refused)

    def _confirmed(self, report: joining.Confirmations) -> None:
        self._show_enrollments()
        lines = [self.tr("端末「{terminal}」の参加を確認しました（確認番号 {number}）").format(terminal=name, number=number)
                 for name, number in report.confirmed]
        lines += [self.tr("端末「{terminal}」への申請を拒否しました: {reason}").format(terminal=name, reason=why)
                  for name, why in report.refused]
        if not lines:
            lines = [self.tr("確認する申請はまだありません")]
        self._show(self.enroll_message, "\n".join(lines), error=bool(report.refused))

    def _enroll_refused(self, error: str) -> None:
        self._show(self.enroll_message, error, error=True)

    def add_deputy(self, values: list[str]) -> None:
        row = self.deputies.rowCount()
        self.deputies.insertRow(row)
        for col, value in enumerate(values):
            self.deputies.setItem(row, col, QTableWidgetItem(value))

    def add_category(self, name: str, amount: int) -> None:
        row = self.fee_categories.rowCount()
        self.fee_categories.insertRow(row)
        label = QTableWidgetItem(name)
        if name == KOUYOU_CATEGORY:  # free by law: neither renamed nor charged
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.fee_categories.setItem(row, 0, label)
        shown = QTableWidgetItem(self.tr(FREE) if amount == 0 else str(amount))
        if name == KOUYOU_CATEGORY:
            shown.setFlags(shown.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.fee_categories.setItem(row, 1, shown)

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def fees(self) -> dict[str, Any]:
        """The 手数料 table as entered; ValidationError names what is wrong (the amounts: whole 円 from 0 to
        MAX_FEE)."""
        kinds = {self._cell(self.fee_kinds, r, 0): _amount(self._cell(self.fee_kinds, r, 1), self._cell(self.fee_kinds, r, 0))
                 for r in range(self.fee_kinds.rowCount())}
        categories: dict[str, int] = {}
        for r in range(self.fee_categories.rowCount()):
            name = self._cell(self.fee_categories, r, 0)
            amount = self._cell(self.fee_categories, r, 1)
            if not name and amount in ("", self.tr(FREE), FREE, "0"):
                continue  # a row added and left empty
            if not name:
                raise ValidationError(self.tr("減免区分"), self.tr("減免区分の名前を入力してください"))
            if name in categories:
                raise ValidationError(self.tr("減免区分"), self.tr("減免区分「{name}」が重複しています").format(name=name))
            categories[name] = 0 if amount == self.tr(FREE) else _amount(amount, name)
        return {"kinds": kinds, "categories": categories}

    def _deputy_rows(self) -> list[list[str]]:
        rows = []
        for row in range(self.deputies.rowCount()):
            values = [(self.deputies.item(row, c).text() if self.deputies.item(row, c) else "").strip()
                      for c in range(len(DEPUTY_COLUMNS))]
            if any(values):
                rows.append(values)
        return rows

    def changes(self) -> dict[str, Any]:
        """The settings as entered; ValidationError names what is wrong."""
        if not self.mayor_title.text().strip() or not self.mayor_name.text().strip():
            raise ValidationError(self.tr("市区町村長"), self.tr("市区町村長の職名と氏名を入力してください"))
        deputies = []
        for number, row in enumerate(self._deputy_rows(), start=1):
            start, end = _deputy_dates(row, number)
            deputies.append({"from": start, "to": end, "title": row[2], "name": row[3]})
        fees = self.fees()
        current = self.registry.settings.fees()
        same_fees = fees == {"kinds": dict(current.kinds), "categories": dict(current.categories)}
        same_days = self.inkan_days.value() == inkan_answer_days(self.registry.settings.get())
        printers = dict(self.registry.settings.get().get("printers", {}))
        printers[self.registry.terminal_id] = self.printer.text().strip() or DEFAULT_PRINTER
        return {"mayor_title": self.mayor_title.text().strip(), "mayor_name": self.mayor_name.text().strip(),
                "deputies": deputies, "idle_lock_minutes": self.idle_minutes.value(), "printers": printers,
                STALE_AFTER_HOURS: self.stale_hours.value(), **({} if same_fees else {FEES: fees}),
                **({} if same_days else {INKAN_ANSWER_DAYS: self.inkan_days.value()})}

    def save(self) -> None:
        try:
            changes = self.changes()
            current = self.registry.settings.get()
            changed = {key: value for key, value in changes.items() if current.get(key) != value}
            if changed:
                self.registry.settings.update(self.staff, changed)
        except (ValidationError, StoreError) as exc:
            self._show(self.message, error_text(exc) if isinstance(exc, ValidationError) else exc.message, error=True)
            return
        self._show(self.message, self.tr(SAVED) if changed else self.tr("変更はありません"), error=False)
        if "idle_lock_minutes" in changed:
            self.idle_minutes_saved.emit(float(changed["idle_lock_minutes"]))

    def save_cloud(self) -> None:
        """Check the cloud credentials against the server (in the background), then keep them."""
        url, user, password = self.cloud_url.text().strip(), self.cloud_user.text().strip(), self.cloud_password.text()
        if not url or not user or not password:
            self._show(self.cloud_message, self.tr("URL・ユーザ・パスワードを入力してください"), error=True)
            return
        try:
            require(self.staff, Permission.CHANGE_SETTINGS)
        except StoreError as exc:
            self._show(self.cloud_message, exc.message, error=True)
            return
        self.cloud_button.setEnabled(False)
        self._show(self.cloud_message, self.tr("クラウドに接続しています…"), error=False)
        registry, ca_bundle = self.registry, self.cloud_ca.text().strip() or None
        self._cloud_check.begin(lambda _progress: cloud.login(registry, url, user, password, ca_bundle))

    def _cloud_saved(self, _result: object) -> None:
        self._show(self.cloud_message, self.tr(CLOUD_SAVED), error=False)
        self._show_trusted_time()

    def _cloud_refused(self, error: str) -> None:
        self._show(self.cloud_message, self.tr("接続できませんでした（{error}）。接続先は保存していません。確かめてから、もう一度"
                                               "「接続を確認して保存」を押してください").format(error=error), error=True)

    def _cloud_check_ended(self) -> None:
        self.cloud_button.setEnabled(True)
        self.cloud_password.clear()

    @staticmethod
    def _show(label: QLabel, text: str, *, error: bool) -> None:
        label.setText(text)
        label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def done(self, result: int) -> None:
        """Closing waits for running cloud work: its thread must not outlive the dialog."""
        self._cloud_check.stop()
        self._enroll_job.stop()
        super().done(result)
