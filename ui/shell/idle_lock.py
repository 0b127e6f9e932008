"""The window locks itself after idle time: the resident's data is hidden until someone signs in again.

Any key, click or wheel turn in the application restarts the clock. The minutes come from the municipality's
settings (`idle_lock_minutes`, 5 by default); a new value saved in 設定 counts at once (`set_minutes`). Locking
writes the audit entries held in memory; signing in again is audited as a sign-in, and whoever signs in becomes the
acting staff member. Signing out (from the window's menu) works the same way, without a user id filled in.

Locking hides every window of the program but the main window, whose content is hidden: dialogs, modal or not, and
message boxes. A dialog waiting in `exec()` for an answer cannot be hidden without ending it with no answer (its
caller would read that as one), so it stays where it is, veiled by a blank cover and a neutral title. When the one
who was locked out signs in again, everything comes back as it was, focus included; when someone else signs in (or
after a サインアウト), those windows are closed, so that nobody works on in another staff member's name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QWidget
from shiboken6 import isValid

from local_store.registry import Registry
from local_store.staff import Staff
from ui.shell.sign_in_dialog import SignInDialog

LOCKED_NOTICE = QT_TRANSLATE_NOOP(
    "IdleLock", "一定時間操作がなかったため画面をロックしました。サインインしてください")
SIGNED_OUT_NOTICE = QT_TRANSLATE_NOOP("IdleLock", "サインアウトしました。次の方はサインインしてください")
_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


def _waits_in_exec(widget: QWidget) -> bool:
    """A dialog run with exec(): application-modal (open() makes a dialog window-modal, show() leaves it modeless)."""
    return (isinstance(widget, QDialog) and widget.isModal()
            and widget.windowModality() is Qt.WindowModality.ApplicationModal)


def _depth(widget: QWidget) -> int:
    depth = 0
    while (widget := widget.parentWidget()) is not None:
        depth += 1
    return depth


class _Veil(QWidget):
    """A blank cover over a window that cannot be hidden, following its size; its title is neutral meanwhile."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("idleVeil")
        self.setAutoFillBackground(True)
        self._title = window.windowTitle()
        window.setWindowTitle(QCoreApplication.translate("IdleLock", "窓口 ― ロック中"))
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def lift(self) -> None:
        window = self.parentWidget()
        assert window is not None
        window.removeEventFilter(self)
        window.setWindowTitle(self._title)
        self.hide()
        self.deleteLater()


class IdleLock(QObject):
    def __init__(self, window: QMainWindow, registry: Registry, current: Callable[[], Staff],
                 on_unlock: Callable[[Staff], None], minutes: float) -> None:
        super().__init__(window)
        self._window = window
        self._registry = registry
        self._current = current
        self._on_unlock = on_unlock
        self.dialog: SignInDialog | None = None
        self._owner = ""  # who was locked out, to whom the hidden windows come back ("" after a サインアウト)
        self._hidden: list[QWidget] = []
        self._veils: dict[QWidget, _Veil] = {}
        self._focus: QWidget | None = None
        self.minutes = minutes
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

    def set_minutes(self, minutes: float) -> None:
        """A new lock time (saved in 設定): from now on, counted from this moment."""
        self.minutes = minutes
        self._timer.setInterval(round(minutes * 60_000))
        if not self.locked:
            self._timer.start()

    def remaining_ms(self) -> int:
        """Until the lock, if nothing is typed or clicked meanwhile (-1 while locked)."""
        return self._timer.remainingTime()

    def veiled(self, widget: QWidget) -> bool:
        return widget in self._veils

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
        self._owner = user
        self._hide_windows()
        dialog = SignInDialog(self._registry, place=self.tr(notice), parent=self._window)
        dialog.user_edit.setText(user)
        (dialog.password_edit if user else dialog.user_edit).setFocus()
        dialog.accepted.connect(self._unlocked)
        dialog.rejected.connect(self._window.close)  # no one signs in: the window closes (sign-out)
        self.dialog = dialog
        dialog.open()

    def _hide_windows(self) -> None:
        self._focus = QApplication.focusWidget()
        self._window.centralWidget().hide()
        for widget in QApplication.topLevelWidgets():
            if widget is self._window or not widget.isVisible():
                continue
            if _waits_in_exec(widget):
                self._veils[widget] = _Veil(widget)
            else:
                self._hidden.append(widget)
                widget.hide()

    def _unlocked(self) -> None:
        assert self.dialog is not None and self.dialog.staff is not None
        staff, self.dialog = self.dialog.staff, None
        self._window.centralWidget().show()
        if staff.user == self._owner:
            self._bring_back()
        else:
            self._close_windows()
        self._on_unlock(staff)
        self._timer.start()

    def _bring_back(self) -> None:
        for widget in sorted(filter(isValid, self._hidden), key=_depth):  # parents first, so that each comes back above its parent
            widget.show()
        self._lift_veils()
        if self._focus is not None and isValid(self._focus) and self._focus.isVisible():
            self._focus.activateWindow()
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._forget()

    def _close_windows(self) -> None:
        """Another staff member signed in: the windows of the one before are closed, as their Esc or 閉じる would
        (a message box by its escape button: no decision is taken for anyone; a dialog without its own questions)."""
        waiting = list(self._veils)
        self._lift_veils()
        for widget in sorted(filter(isValid, [*waiting, *self._hidden]), key=_depth, reverse=True):  # children first
            if isinstance(widget, QMessageBox):
                widget.close()
            elif isinstance(widget, QDialog):
                QDialog.done(widget, QDialog.DialogCode.Rejected)
            else:
                widget.close()
        self._forget()

    def _lift_veils(self) -> None:
        for veil in filter(isValid, self._veils.values()):  # gone with its window, if that was deleted meanwhile
            veil.lift()

    def _forget(self) -> None:
        self._hidden, self._veils, self._focus = [], {}, None

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
