"""A 持出し needs a 管理者: the staff member signed in, or an administrator who signs in to approve it here (the bundle
and the notices dialogs write their files so; the facade checks the approver again and records the 持出し)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from domain.roles import Permission, allowed
from local_store.errors import SecondFactorRequired, StoreError
from local_store.staff import Staff
from ui.common.authenticator import Authenticator
from ui.common.styles import ERROR_STYLE


def with_approval(parent: QWidget, registry: Authenticator, staff: Staff, write: Callable[[Staff | None], None]
                  ) -> ApprovalDialog | None:
    """A 持出し: `write` at once for a 管理者; otherwise an administrator approves in the dialog returned first, and
    `write` gets them as its approver."""
    if allowed(staff.role, Permission.CARRY_OUT):
        write(None)
        return None
    approval = ApprovalDialog(registry, parent)
    approval.accepted.connect(lambda: write(approval.approver))
    approval.open()
    return approval


class ApprovalDialog(QDialog):
    """An administrator signs in here to approve one 持出し (`approver`); Esc or キャンセル rejects."""

    def __init__(self, registry: Authenticator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self.approver: Staff | None = None
        self.setWindowTitle(self.tr("持出しの承認 ― 管理者"))
        heading = QLabel(self.tr("持出しファイルの作成には管理者の承認が必要です。管理者がサインインしてください"))
        heading.setWordWrap(True)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("approverUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("approverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.otp_edit = QLineEdit()
        self.otp_edit.setObjectName("approverOtp")
        self.otp_edit.setMaxLength(6)
        self.otp_edit.setPlaceholderText(self.tr("認証アプリの6桁の数字（設定している場合）"))
        form = QFormLayout()
        form.addRow(self.tr("管理者のユーザID"), self.user_edit)
        form.addRow(self.tr("パスワード"), self.password_edit)
        form.addRow(self.tr("ワンタイムパスワード"), self.otp_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("approvalError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("承認する"))
        buttons.accepted.connect(self.try_approve)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def try_approve(self) -> None:
        try:
            found = self._registry.sign_in(self.user_edit.text().strip(), self.password_edit.text(),
                                           self.otp_edit.text().strip())
        except SecondFactorRequired as exc:
            self.error_label.setText(exc.message)
            self.otp_edit.setFocus()
            return
        except StoreError as exc:
            self.error_label.setText(exc.message)
            self.password_edit.clear()
            return
        finally:
            self.password_edit.clear()
        if not allowed(found.role, Permission.CARRY_OUT):
            self.error_label.setText(self.tr("承認できるのは管理者です"))
            return
        self.approver = found
        self.accept()
