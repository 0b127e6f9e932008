"""The small forms of 職員の管理: a new staff member, a new password, and setting up the second factor.

Each calls the facade itself and stays open with the reason in red when it refuses; it is accepted once the change
is written. New passwords are typed twice and never leave their fields except to the facade.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain import totp
from domain.errors import ValidationError
from domain.roles import Role
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.qr_payload import qr_image
from ui.common.field_errors import error_label

QR_PIXELS_PER_MODULE = 5
MISMATCH = QT_TRANSLATE_NOOP("StaffForms", "確認のために入力したパスワードが一致しません")


def role_combo(selected: Role = Role.COUNTER) -> QComboBox:
    combo = QComboBox()
    combo.addItems([role.value for role in Role])
    combo.setCurrentText(selected.value)
    return combo


def chosen_role(combo: QComboBox) -> Role:
    return Role(combo.currentText())


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _Form(QDialog):
    """A form with an error line and 実行/キャンセル buttons; `submit` does the work."""

    def __init__(self, title: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout()
        self.error_label = error_label()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(buttons)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, change: Callable[[], object]) -> None:
        """Call the facade; accept, or show why it was refused."""
        try:
            change()
        except (ValidationError, StoreError) as exc:
            self.show_error(exc.message)
            return
        self.accept()


class NewStaffDialog(_Form):
    def __init__(self, registry: Registry, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("NewStaffDialog", "職員を追加"),
                         QCoreApplication.translate("NewStaffDialog", "追加"), parent)
        self._registry, self._actor = registry, actor
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("user")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.role = role_combo()
        self.password_edit = _password_field("password")
        self.confirm_edit = _password_field("confirm")
        self.form.addRow(self.tr("ユーザID"), self.user_edit)
        self.form.addRow("氏名", self.name_edit)  # the standard's item name
        self.form.addRow(self.tr("権限"), self.role)
        self.form.addRow(self.tr("初期パスワード"), self.password_edit)
        self.form.addRow(self.tr("初期パスワード（確認）"), self.confirm_edit)

    def submit(self) -> None:
        if self.password_edit.text() != self.confirm_edit.text():
            self.show_error(QCoreApplication.translate("StaffForms", MISMATCH))
            return
        self._run(lambda: self._registry.staff.add(self._actor, self.user_edit.text(), self.name_edit.text(),
                                                   chosen_role(self.role), self.password_edit.text()))


class PasswordDialog(_Form):
    def __init__(self, registry: Registry, actor: Staff, user: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("PasswordDialog", "パスワード再設定 ― {user}").format(user=user),
                         QCoreApplication.translate("PasswordDialog", "再設定"), parent)
        self._registry, self._actor, self._user = registry, actor, user
        self.password_edit = _password_field("password")
        self.confirm_edit = _password_field("confirm")
        self.form.addRow(self.tr("新しいパスワード"), self.password_edit)
        self.form.addRow(self.tr("新しいパスワード（確認）"), self.confirm_edit)

    def submit(self) -> None:
        if self.password_edit.text() != self.confirm_edit.text():
            self.show_error(QCoreApplication.translate("StaffForms", MISMATCH))
            return
        self._run(lambda: self._registry.staff.reset_password(self._actor, self._user, self.password_edit.text()))


class SecondFactorDialog(_Form):
    """二要素認証の設定: a new seed shown as text, as an otpauth:// URI and as a QR code for the person's
    authenticator app; the six digits the app then shows confirm it."""

    def __init__(self, registry: Registry, actor: Staff, user: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("SecondFactorDialog", "二要素認証の設定 ― {user}").format(user=user),
                         QCoreApplication.translate("SecondFactorDialog", "設定"), parent)
        self._registry, self._actor, self._user = registry, actor, user
        self._seed = totp.new_seed()
        uri = registry.staff.second_factor_uri(user, self._seed)
        note = QLabel(self.tr("{user} さんの認証アプリ（ワンタイムパスワードのアプリ）で QR コードを読み取るか、秘密鍵を入力"
                              "してもらい、アプリに表示された6桁の数字を入力してください。この画面は本人以外に見せないでください。"
                              ).format(user=user))
        note.setWordWrap(True)
        self.layout_.insertWidget(0, note)
        self.qr_label = QLabel()
        self.qr_label.setObjectName("qr")
        self.qr_label.setPixmap(_qr_pixmap(uri))
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.insertWidget(1, self.qr_label)
        self.seed_edit = QLineEdit(totp.grouped(self._seed))
        self.seed_edit.setObjectName("seed")
        self.seed_edit.setReadOnly(True)
        self.uri_edit = QLineEdit(uri)
        self.uri_edit.setObjectName("uri")
        self.uri_edit.setReadOnly(True)
        self.uri_edit.setCursorPosition(0)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("code")
        self.code_edit.setMaxLength(6)
        self.code_edit.setPlaceholderText(self.tr("6桁の数字"))
        self.form.addRow(self.tr("秘密鍵"), self.seed_edit)
        self.form.addRow("URI", self.uri_edit)
        self.form.addRow(self.tr("ワンタイムパスワード"), self.code_edit)
        self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        self._run(lambda: self._registry.staff.enable_second_factor(self._actor, self._user, self._seed,
                                                                    self.code_edit.text()))


def _qr_pixmap(text: str) -> QPixmap:
    """The QR code of `text`, each module a square of pixels (no smoothing, so that phones read it)."""
    image = qr_image(text).convert("L")
    qimage = QImage(image.tobytes(), image.width, image.height, image.width, QImage.Format.Format_Grayscale8).copy()
    size = image.width * QR_PIXELS_PER_MODULE
    return QPixmap.fromImage(qimage).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)
