"""職員の管理 (管理者): every account with its 権限, whether it is in use or locked, its second factor, and what was
changed on two terminals at once; and the administrator's acts on the account chosen.

Every act goes through the facade, which checks the role, writes the staff event (it reaches the other terminals
with the next sync) and records it in the audit. A refusal is said in red under the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from local_store.staff_service import StaffAccount
from ui.admin.staff_forms import NewStaffDialog, PasswordDialog, SecondFactorDialog, chosen_role, role_combo
from ui.common.styles import ERROR_STYLE, OK_STYLE

# 氏名 is the standard's item name, not translated
COLUMNS = (QT_TRANSLATE_NOOP("StaffDialog", "ユーザID"), "氏名", QT_TRANSLATE_NOOP("StaffDialog", "権限"),
           QT_TRANSLATE_NOOP("StaffDialog", "状態"), QT_TRANSLATE_NOOP("StaffDialog", "二要素認証"),
           QT_TRANSLATE_NOOP("StaffDialog", "要確認"))


def state_text(account: StaffAccount) -> str:
    translate = QCoreApplication.translate
    if not account.active:
        return translate("StaffDialog", "利用停止")
    if account.locked_until is not None:
        return translate("StaffDialog", "ロック中（{time}まで）").format(time=f"{account.locked_until.astimezone():%H:%M}")
    return translate("StaffDialog", "利用中")


def concurrent_text(account: StaffAccount) -> str:
    if not account.concurrent:
        return ""
    return QCoreApplication.translate("StaffDialog", "{items}が別の端末で同時に変更されました（制限の強い方を適用中）").format(
        items="・".join(account.concurrent))


class StaffDialog(QDialog):
    def __init__(self, registry: Registry, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("職員の管理"))
        self.resize(960, 560)
        self._registry = registry
        self._actor = actor
        self._accounts: list[StaffAccount] = []
        self.form: QDialog | None = None

        note = QLabel(self.tr("職員の登録・権限・利用停止・パスワード再設定・二要素認証。変更は次の同期で他の端末にも届き、"
                              "操作記録に残ります。"))
        note.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("職員を追加…"))
        self.role = role_combo()
        self.role_button = QPushButton(self.tr("権限を変更"))
        self.disable_button = QPushButton(self.tr("利用停止"))
        self.enable_button = QPushButton(self.tr("利用再開"))
        self.password_button = QPushButton(self.tr("パスワード再設定…"))
        self.totp_button = QPushButton(self.tr("二要素認証を設定…"))
        self.totp_remove_button = QPushButton(self.tr("二要素認証を解除"))
        self.unlock_button = QPushButton(self.tr("ロック解除"))
        self.add_button.clicked.connect(self.open_new_staff)
        self.role_button.clicked.connect(lambda: self._act(
            lambda u: self._registry.staff.change_role(self._actor, u, chosen_role(self.role)),
            self.tr("{user} の権限を{role}にしました")))
        self.disable_button.clicked.connect(lambda: self._act(
            lambda u: self._registry.staff.disable(self._actor, u), self.tr("{user} を利用停止にしました")))
        self.enable_button.clicked.connect(lambda: self._act(
            lambda u: self._registry.staff.enable(self._actor, u), self.tr("{user} の利用を再開しました")))
        self.totp_remove_button.clicked.connect(lambda: self._act(
            lambda u: self._registry.staff.remove_second_factor(self._actor, u), self.tr("{user} の二要素認証を解除しました")))
        self.unlock_button.clicked.connect(lambda: self._act(
            lambda u: self._registry.staff.unlock(self._actor, u), self.tr("{user} のロックを解除しました")))
        self.password_button.clicked.connect(lambda: self._open_for_selected(
            PasswordDialog, self.tr("{user} のパスワードを再設定しました")))
        self.totp_button.clicked.connect(lambda: self._open_for_selected(
            SecondFactorDialog, self.tr("{user} の二要素認証を設定しました")))

        acts = QGridLayout()
        acts.addWidget(self.add_button, 0, 0)
        acts.addWidget(self.role, 0, 1)
        acts.addWidget(self.role_button, 0, 2)
        acts.addWidget(self.disable_button, 0, 3)
        acts.addWidget(self.enable_button, 0, 4)
        acts.addWidget(self.password_button, 1, 0)
        acts.addWidget(self.totp_button, 1, 1, 1, 2)
        acts.addWidget(self.totp_remove_button, 1, 3)
        acts.addWidget(self.unlock_button, 1, 4)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる（Esc）"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(acts)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh()

    # --- the list ------------------------------------------------------------------------------------------------

    def refresh(self, keep: str = "") -> None:
        try:
            self._accounts = self._registry.staff.accounts(self._actor)
        except StoreError as exc:  # no longer an administrator (a change from another terminal)
            self._accounts = []
            self.show_message(exc.message, error=True)
        self.table.setRowCount(len(self._accounts))
        for row, account in enumerate(self._accounts):
            cells = (account.user, account.display_name, account.role.value, state_text(account),
                     self.tr("設定済み") if account.second_factor else self.tr("なし"), concurrent_text(account))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5 and text:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        users = [a.user for a in self._accounts]
        self.table.selectRow(users.index(keep) if keep in users else 0)
        self._update_buttons()

    def selected_account(self) -> StaffAccount | None:
        row = self.table.currentRow()
        return self._accounts[row] if 0 <= row < len(self._accounts) else None

    def selected_user(self) -> str:
        account = self.selected_account()
        return account.user if account is not None else ""

    def select_user(self, user: str) -> None:
        self.table.selectRow([a.user for a in self._accounts].index(user))

    def _update_buttons(self) -> None:
        a = self.selected_account()
        for button, on in ((self.role_button, a is not None), (self.password_button, a is not None),
                           (self.totp_button, a is not None), (self.disable_button, a is not None and a.active),
                           (self.enable_button, a is not None and not a.active),
                           (self.totp_remove_button, a is not None and a.second_factor),
                           (self.unlock_button, a is not None and a.locked_until is not None)):
            button.setEnabled(on)
        if a is not None:
            self.role.setCurrentText(a.role.value)

    # --- acts ----------------------------------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _act(self, change: Callable[[str], None], done: str) -> None:
        """`done`: what is said once the change is written, with `{user}` (and `{role}`, the role chosen)."""
        user = self.selected_user()
        if not user:
            return
        try:
            change(user)
        except (ValidationError, StoreError) as exc:
            self.show_message(exc.message, error=True)
            return
        role = self.role.currentText()
        self.refresh(keep=user)
        self.show_message(done.format(user=user, role=role))

    def _open_for_selected(self, form: type[PasswordDialog | SecondFactorDialog], done: str) -> None:
        user = self.selected_user()
        if user:
            self._open_form(form(self._registry, self._actor, user, self), lambda: user, done)

    def open_new_staff(self) -> None:
        form = NewStaffDialog(self._registry, self._actor, self)
        self._open_form(form, lambda: form.user_edit.text().strip(), self.tr("{user} を登録しました"))

    def _open_form(self, form: QDialog, user_of: Callable[[], str], done: str) -> None:
        """Open one of the small forms (window-modal); when it has written its change, the list shows it."""
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._form_done(user_of(), done))
        self.form = form
        form.open()

    def _form_done(self, user: str, done: str) -> None:
        self.refresh(keep=user)
        self.show_message(done.format(user=user))
        self.form = None
