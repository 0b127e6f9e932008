"""The window locks itself after idle time: the resident's data is hidden until someone signs in again.

Any key, click or wheel turn in the application restarts the clock. The minutes come from the municipality's
settings (`idle_lock_minutes`, 5 by default). Locking writes the audit entries held in memory; signing in again is
audited as a sign-in, and whoever signs in becomes the acting staff member. Signing out (from the window's menu)
works the same way, without a user id filled in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from local_store.registry import Registry
from local_store.staff import Staff
from ui.shell.sign_in_dialog import SignInDialog

LOCKED_NOTICE = QT_TRANSLATE_NOOP(
    "IdleLock", "一定時間操作がなかったため画面をロックしました。サインインしてください")
SIGNED_OUT_NOTICE = QT_TRANSLATE_NOOP("IdleLock", "サインアウトしました。次の方はサインインしてください")
_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class IdleLock(QObject):
    def __init__(self, window: QMainWindow, registry: Registry, current: Callable[[], Staff],
                 on_unlock: Callable[[Staff], None], minutes: float) -> None:
        super().__init__(window)
        self._window = window
        self._registry = registry
        self._current = current
        self._on_unlock = on_unlock
        self.dialog: SignInDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(round(minutes * 60_000))
        self._timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.locked:
            self._timer.start()
        return False

    def lock(self) -> None:
        self._ask_sign_in(LOCKED_NOTICE, self._current().user)

    def sign_out(self) -> None:
        """サインアウト: the data hidden as by the lock, and the sign-in asked for with no user id filled in."""
        self._ask_sign_in(SIGNED_OUT_NOTICE, "")

    def _ask_sign_in(self, notice: str, user: str) -> None:
        if self.locked:
            return
        self._timer.stop()
        self._registry.audit.flush()
        self._window.centralWidget().hide()
        dialog = SignInDialog(self._registry, place=self.tr(notice), parent=self._window)
        dialog.user_edit.setText(user)
        (dialog.password_edit if user else dialog.user_edit).setFocus()
        dialog.accepted.connect(self._unlocked)
        dialog.rejected.connect(self._window.close)  # no one signs in: the window closes (sign-out)
        self.dialog = dialog
        dialog.open()

    def _unlocked(self) -> None:
        assert self.dialog is not None and self.dialog.staff is not None
        staff, self.dialog = self.dialog.staff, None
        self._window.centralWidget().show()
        self._on_unlock(staff)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
