"""端末の合言葉: asked when this terminal keeps its replica key under a passphrase instead of a keyring."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.common.styles import ERROR_STYLE


class PassphraseDialog(QDialog):
    def __init__(self, reason: str, error: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("窓口 ― 端末の合言葉"))
        self.setMinimumWidth(420)
        explanation = QLabel(reason)
        explanation.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(error or "")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(bool(error))
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("開く"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (ok, cancel):
            button.setAutoDefault(False)
        ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.passphrase_edit.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel(self.tr("端末の合言葉")))
        layout.addWidget(self.passphrase_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.passphrase_edit.setFocus()

    @property
    def passphrase(self) -> str:
        return self.passphrase_edit.text()


def ask_passphrase(reason: str, error: str | None, parent: QWidget | None = None) -> str | None:
    """The passphrase typed, or None when the dialog was cancelled."""
    dialog = PassphraseDialog(reason, error, parent)
    try:
        return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
