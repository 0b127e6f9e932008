"""サインイン: the staff member's user id and password, checked by the facade; a wrong one is said inline.

When the account has a second factor, the facade says so after a right password, and the dialog asks for the
ワンタイムパスワード (the six digits the authenticator app shows) in a row that appears under the password.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from local_store.errors import SecondFactorRequired, StoreError, WrongOneTimePassword
from local_store.staff import Staff
from ui.common.authenticator import Authenticator
from ui.common.field_errors import error_label


class SignInDialog(QDialog):
    """Accepted once the facade has signed someone in (`staff`); Esc or キャンセル rejects."""

    def __init__(self, registry: Authenticator, *, place: str = "", demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self.staff: Staff | None = None
        self.setWindowTitle(self.tr("窓口 ― サインイン"))
        self.setMinimumWidth(380)

        heading = QLabel(self.tr("住民記録システム　サインイン"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.place_label = QLabel(place)
        self.place_label.setVisible(bool(place))

        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.otp_edit = QLineEdit()
        self.otp_edit.setObjectName("otp")
        self.otp_edit.setMaxLength(6)
        self.otp_edit.setPlaceholderText(self.tr("認証アプリの6桁の数字"))
        self.otp_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self._form = QFormLayout()
        self._form.addRow(self.tr("ユーザID"), self.user_edit)
        self._form.addRow(self.tr("パスワード"), self.password_edit)
        self._form.addRow(self.tr("ワンタイムパスワード"), self.otp_edit)
        self._form.setRowVisible(self.otp_edit, False)

        self.error_label = error_label()

        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(self.tr("サインイン"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.sign_in_button, cancel):
            button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.place_label)
        layout.addLayout(self._form)
        layout.addWidget(self.error_label)
        if demo:
            hint = QLabel(self.tr("デモの町です。ユーザID demo、パスワード demo でサインインできます。"))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        layout.addWidget(buttons)

        self.user_edit.returnPressed.connect(self._next_field)
        self.password_edit.returnPressed.connect(self.try_sign_in)
        self.otp_edit.returnPressed.connect(self.try_sign_in)
        self.user_edit.textEdited.connect(self._user_changed)
        self.user_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter is the fields' own: in ユーザID it moves on, in パスワード it signs in. QDialog would also press the
        # button box's default button (which QDialogButtonBox sets on show), signing in with an empty password.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)

    def _next_field(self) -> None:
        self.password_edit.setFocus(Qt.FocusReason.TabFocusReason)

    def _user_changed(self) -> None:
        """Another user id: the one-time password asked for belonged to the one before."""
        self._ask_one_time_password(False)

    @property
    def asks_one_time_password(self) -> bool:
        return self._form.isRowVisible(self.otp_edit)

    def _ask_one_time_password(self, ask: bool) -> None:
        self.otp_edit.clear()
        self._form.setRowVisible(self.otp_edit, ask)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def try_sign_in(self) -> None:
        user = self.user_edit.text().strip()
        if not user:
            self.show_error(self.tr("ユーザIDを入力してください"))
            self.user_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            self.staff = self._registry.sign_in(user, self.password_edit.text(), self.otp_edit.text())
        except SecondFactorRequired as exc:  # the password was right: the second factor now
            self._ask_one_time_password(True)
            self.show_error(exc.message)
            self.otp_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except StoreError as exc:  # SignInError: 「ユーザIDまたはパスワードが違います」, a wrong code, a lock
            self.show_error(exc.message)
            if isinstance(exc, WrongOneTimePassword):
                self.otp_edit.clear()
                self.otp_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            self._ask_one_time_password(False)
            self.password_edit.clear()
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.password_edit.clear()
        self._ask_one_time_password(False)
        self.accept()
