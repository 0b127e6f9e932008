"""係長の判断: a request for a person under 支援措置, from someone other than the person (or a 第三者・代理人 request on
a terminal whose data is old), is answered only when a supervisor signs in here and states the reason: another
staff member than the one processing the request (two people). The facade checks the judge again and records the
judgment with the 交付. A 異動 held for 支援措置 is judged in the same dialog (`ui.idou.dialog`), with its own button.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from domain.roles import Permission, allowed
from local_store.errors import SecondFactorRequired, StoreError
from local_store.protection import Judgment
from local_store.staff import Staff
from ui.common.authenticator import Authenticator
from ui.common.field_errors import error_label

NOT_A_JUDGE = QT_TRANSLATE_NOOP("JudgmentDialog", "判断できるのは係長以上の職員です")
TWO_PEOPLE = QT_TRANSLATE_NOOP("JudgmentDialog",
                               "判断は、この請求を処理している{name}さんとは別の係長以上の職員がサインインして行います")


class JudgmentDialog(QDialog):
    """Accepted once a supervisor has signed in and given a reason (`judgment`); Esc or キャンセル rejects.
    `processing`: the staff member processing the request, who cannot be its judge."""

    def __init__(self, registry: Authenticator, reason_asked: str, parent: QWidget | None = None, *,
                 accept_text: str = "", processing: Staff | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self._processing = processing
        self.judgment: Judgment | None = None
        self.setWindowTitle(self.tr("支援措置 ― 係長の判断"))
        self.setMinimumWidth(460)

        two_people = self.tr(TWO_PEOPLE).format(name=processing.display_name) if processing is not None else ""
        heading = QLabel("\n".join(text for text in (reason_asked, two_people) if text))
        heading.setWordWrap(True)
        heading.setStyleSheet("color: #8b0000; font-weight: bold;")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("judgeUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("judgePassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.otp_edit = QLineEdit()
        self.otp_edit.setObjectName("judgeOtp")
        self.otp_edit.setMaxLength(6)
        self.otp_edit.setPlaceholderText(self.tr("認証アプリの6桁の数字（設定している場合）"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("judgmentReason")
        self.reason_edit.setPlaceholderText(self.tr("例: 裁判所の手続に必要で、請求者と加害者に関係がないことを確認した"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("判断者のユーザID"), self.user_edit)
        form.addRow(self.tr("パスワード"), self.password_edit)
        form.addRow(self.tr("ワンタイムパスワード"), self.otp_edit)
        form.addRow(self.tr("判断の理由"), self.reason_edit)

        self.error_label = error_label()
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(accept_text or self.tr("判断して交付"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.accept_button, cancel):
            button.setAutoDefault(False)
        self.accept_button.clicked.connect(self.try_accept)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.user_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the button, not Enter in a field, decides
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def try_accept(self) -> None:
        reason = self.reason_edit.toPlainText().strip()
        if not self.user_edit.text().strip():
            self.show_error(self.tr("判断者のユーザIDを入力してください"))
            return
        if not reason:
            self.show_error(self.tr("判断の理由を入力してください"))
            return
        try:
            judge = self._registry.sign_in(self.user_edit.text().strip(), self.password_edit.text(),
                                           self.otp_edit.text())
        except SecondFactorRequired as exc:
            self.show_error(exc.message)
            self.otp_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except StoreError as exc:
            self.password_edit.clear()
            self.show_error(exc.message)
            return
        finally:
            self.otp_edit.clear()
        self.password_edit.clear()
        if not allowed(judge.role, Permission.JUDGE_PROTECTED):
            self.show_error(self.tr(NOT_A_JUDGE) + self.tr("（{name}さんは{role}）").format(name=judge.display_name,
                                                                                   role=judge.role.value))
            return
        if self._processing is not None and judge.user == self._processing.user:
            self.show_error(self.tr(TWO_PEOPLE).format(name=judge.display_name))
            return
        self.judgment = Judgment(judge, reason)
        self.accept()
