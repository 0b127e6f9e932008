"""交付の取消し: the 交付 chosen in the 照会's 交付履歴, what it was, and the reason (a few usual ones offered, any typed).

The facade decides who may cancel (the staff member who issued it, on its day; a 係長 or above at any time) and says
why not here. A cancelled 交付 stays in the 交付履歴 beside its cancellation; the 日計 of the day gives its 手数料 back.
Keyboard first: the reason has the focus, Enter cancels the 交付, Esc closes without cancelling.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from domain.errors import ValidationError
from domain.kofu_history import IssueLine
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from ui.common.dates import processed_on
from ui.common.field_errors import error_label, error_text

# The usual reasons at a counter (any other is typed).
USUAL_REASONS = (QT_TRANSLATE_NOOP("CancelDialog", "本人確認書類の選択誤り"),
                 QT_TRANSLATE_NOOP("CancelDialog", "請求内容（種類・記載事項・通数）の誤り"),
                 QT_TRANSLATE_NOOP("CancelDialog", "印刷の失敗（用紙の汚損・紙詰まり）"),
                 QT_TRANSLATE_NOOP("CancelDialog", "請求者による請求の取下げ"))
AFTER = QT_TRANSLATE_NOOP("CancelDialog", "取り消した交付は交付履歴に残り、手数料は本日の日計で差し引きます。同じ請求をもう一度"
                                          "交付するときは「再交付…」を使います。")


class CancelDialog(QDialog):
    """Accepted once the facade has cancelled the 交付 `line` (`cancelled` then holds it as the 交付履歴 lists it)."""

    def __init__(self, registry: Registry, staff: Staff, line: IssueLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.staff = staff
        self.line = line
        self.cancelled: IssueLine | None = None
        self.setWindowTitle(self.tr("交付の取消し"))
        self.setMinimumWidth(520)

        what = QLabel(self.tr("{kind}　発行番号 {numbers}\n交付 {day} {time}　{staff}　請求者 {requester}　手数料 {fee}円").format(
            kind=line.kind, numbers="、".join(line.issue_numbers), day=processed_on(line.at), time=line.at[11:16],
            staff=line.staff, requester=line.requester, fee=f"{line.fee:,}"))
        what.setObjectName("issue")
        what.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        self.reason.addItems([self.tr(r) for r in USUAL_REASONS])
        self.reason.setCurrentText("")
        self.reason.lineEdit().setPlaceholderText(self.tr("選ぶか入力してください"))
        form = QFormLayout()
        form.addRow(self.tr("取消しの理由"), self.reason)
        after = QLabel(self.tr(AFTER))
        after.setWordWrap(True)
        self.error_label = error_label()
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(self.tr("取り消す（Enter）"), QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(self.tr("閉じる（Esc）"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.accept_button, close):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by their keys
        self.accept_button.clicked.connect(self.try_accept)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(after)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.try_accept()
            return
        super().keyPressEvent(event)

    def try_accept(self) -> None:
        try:
            self.cancelled = self.registry.kofu.cancel(self.staff, self.line.issue_numbers[0],
                                                       self.reason.currentText())
        except ValidationError as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            return
        except StoreError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            return
        self.accept()
