"""初期設定: the first start on a terminal whose data folder has no replica.

Either a new municipality (its name, prefecture, 全国地方公共団体コード, mayor, optional seal, this terminal's name and
the first administrator) or a new terminal of an existing one, joined from the cloud with an enrollment code, as
`main.py init --join` does: the code is claimed, and the page waits (showing the 確認番号) until the administrator's
terminal confirms the claim; a join stopped or cut short resumes when it is run again with the same code. Before anything is written the wizard checks where the terminal key will be kept: the
OS keyring (tried with a throwaway entry), or, where there is no safe keyring, under a 端末の合言葉 chosen here.
Joining needs the keyring, which keeps the terminal's cloud password. The keyring check, creating the replica and
restoring it from the cloud run on a worker thread.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring.errors
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from local_store.context import Clock, Municipality
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE, discard_replica, usable_keyring
from sync import joining
from ui.common.background import BackgroundJob, Progress
from ui.common.recovery_kit import save_kit
from ui.first_run.pages import AdminPage, ChoicePage, JoinPage, TownPage, error_label, note, show_error

MIN_PASSPHRASE = 10  # as local_store.terminal_key requires
JOIN_WAIT_SECONDS = 30 * 60  # how long the page waits for the administrator's confirmation before it gives up
PAGE_CHOICE, PAGE_TOWN, PAGE_ADMIN, PAGE_JOIN, PAGE_KEY, PAGE_RUN = range(6)


@dataclass(frozen=True)
class KeyringCheck:
    backend: str  # the keyring's name, or "" when there is no safe keyring
    error: str  # why a safe keyring failed the check, or ""


def check_keyring(_progress: Progress) -> KeyringCheck:
    """Write, read back and remove a throwaway entry in the keyring the terminal key would be kept in."""
    backend = usable_keyring()
    if backend is None:
        return KeyringCheck("", "")
    name = getattr(backend, "name", type(backend).__name__)
    probe, value = f"keyring-check-{secrets.token_hex(4)}", secrets.token_hex(16)
    try:
        backend.set_password(KEYRING_SERVICE, probe, value)
        read = backend.get_password(KEYRING_SERVICE, probe)
        backend.delete_password(KEYRING_SERVICE, probe)
    except keyring.errors.KeyringError as exc:
        return KeyringCheck(name, QCoreApplication.translate("FirstRunWizard", "キーリングに書き込めません（{error}）").format(
            error=type(exc).__name__))
    if read != value:
        return KeyringCheck(name, QCoreApplication.translate("FirstRunWizard", "キーリングに書いた値を読み戻せません"))
    return KeyringCheck(name, "")


class KeyPage(QWizardPage):
    """Where the terminal key will be kept: the keyring, checked, or a 端末の合言葉."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("端末の鍵"))
        self.setSubTitle(self.tr("この端末の台帳は端末の鍵で暗号化されます。鍵の保管場所を確認します。"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_box = QWidget()
        form = QFormLayout(self.passphrase_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("端末の合言葉"), self.passphrase_edit)
        form.addRow(self.tr("端末の合言葉（確認）"), self.confirm_edit)
        self.passphrase_note = note(self.tr("合言葉は{count}文字以上で、窓口を起動するたびに入力します。"
                                            "忘れると、この端末の台帳を開けなくなります。").format(count=MIN_PASSPHRASE))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.passphrase_box)
        layout.addWidget(self.passphrase_note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.result: KeyringCheck | None = None
        self.checking = False
        self._job = BackgroundJob(self)
        self._job.succeeded.connect(self._checked)
        self._job.failed.connect(lambda message: self._checked(KeyringCheck("?", message)))
        self._job.finished.connect(self._job_done)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("実行 >"))
        for edit in (self.passphrase_edit, self.confirm_edit):
            edit.textChanged.connect(self.completeChanged)

    @property
    def _joining(self) -> bool:
        wizard = self.wizard()
        return isinstance(wizard, FirstRunWizard) and wizard.choice.joining

    @property
    def needs_passphrase(self) -> bool:
        return self.result is not None and not self.result.backend

    def initializePage(self) -> None:
        self.result = None
        self.passphrase_box.hide()
        self.passphrase_note.hide()
        show_error(self.error, "")
        self.status.setText(self.tr("キーリングを確認しています…"))
        if not self.checking:  # else the check still running answers
            self.checking = True
            self._job.begin(check_keyring)

    def _job_done(self) -> None:
        self.checking = False
        self.completeChanged.emit()

    def _checked(self, result: KeyringCheck) -> None:
        self.result = result
        self.completeChanged.emit()
        if result.error:
            self.status.setText(self.tr("キーリング（{backend}）が使えません。").format(backend=result.backend))
            show_error(self.error, self.tr("{error}。OSのキーリングを使えるようにしてから、もう一度初期設定をしてください。").format(
                error=result.error))
        elif result.backend:
            self.status.setText(self.tr("端末の鍵はOSのキーリング（{backend}）に保管します。"
                                        "書き込みと読み出しを確認しました。").format(backend=result.backend))
        elif self._joining:
            self.status.setText(self.tr("この端末には安全なキーリングがありません。"))
            show_error(self.error, self.tr("クラウドから参加するには、クラウドのパスワードを保管する安全なキーリングが必要です"
                                           "（Windowsの資格情報マネージャーなど）。OSのキーリングを使えるようにしてください。"))
        else:
            self.status.setText(self.tr("この端末には安全なキーリングがありません。端末の鍵は、ここで決める"
                                        "端末の合言葉で保護します。"))
            self.passphrase_box.show()
            self.passphrase_note.show()
            self.passphrase_edit.setFocus()

    def isComplete(self) -> bool:
        if self.result is None or self.result.error:
            return False
        if self.needs_passphrase:
            return not self._joining and bool(self.passphrase_edit.text())
        return True

    def validatePage(self) -> bool:
        if not self.needs_passphrase:
            return True
        if len(self.passphrase_edit.text()) < MIN_PASSPHRASE:
            return show_error(self.error, self.tr("端末の合言葉は{count}文字以上にしてください").format(count=MIN_PASSPHRASE))
        if self.passphrase_edit.text() != self.confirm_edit.text():
            return show_error(self.error, self.tr("端末の合言葉と確認用の合言葉が一致しません"))
        return show_error(self.error, "")

    def passphrase(self) -> str | None:
        return self.passphrase_edit.text() if self.needs_passphrase else None


class RunPage(QWizardPage):
    """Creates the replica, or joins and restores it from the cloud, on a worker thread; says how it went."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("初期設定を実行しています"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.error = error_label()
        self.back_button = QPushButton(self.tr("< 戻って入力を直す"))
        self.back_button.hide()
        self.stop_button = QPushButton(self.tr("待つのをやめる"))  # while a join waits for the administrator
        self.stop_button.hide()
        self.kit_button = QPushButton(self.tr("復旧キットを保存…"))  # the new terminal's 復旧コード, once
        self.kit_button.hide()
        self.kit_code: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addWidget(self.back_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.kit_button)
        layout.addStretch(1)
        self.running = False
        self._job = BackgroundJob(self)
        self._job.said.connect(self.message.setText)
        self._job.succeeded.connect(self._succeeded)
        self._job.failed.connect(self._failed)
        self._job.cancelled.connect(lambda: self._failed(self.tr("参加の確認を待つのをやめました")))
        self._job.finished.connect(self._job_done)
        self.back_button.clicked.connect(lambda: self.wizard().back())
        self.stop_button.clicked.connect(self._job.cancel)
        self.kit_button.clicked.connect(self._save_kit)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        self.setTitle(self.tr("初期設定を実行しています"))
        self.setSubTitle(self.tr("台帳の作成やクラウドからの復元には、しばらくかかることがあります。"))
        show_error(self.error, "")
        self.back_button.hide()
        self.stop_button.setVisible(wizard.choice.joining)
        self.bar.show()
        self.message.setText(self.tr("開始しています…"))
        self.running = True
        wizard.set_busy(True)
        self._job.begin(wizard.set_up)

    def _job_done(self) -> None:
        self.running = False
        self.stop_button.hide()
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            wizard.set_busy(False)
        self.completeChanged.emit()

    def _succeeded(self, summary: str) -> None:
        self.bar.hide()
        self.setTitle(self.tr("初期設定が終わりました"))
        self.setSubTitle(self.tr("この端末で窓口を使う準備ができました。"))
        wizard = self.wizard()
        self.kit_code = wizard.registry.keys.take_fresh_recovery_code() if isinstance(wizard, FirstRunWizard) and \
            wizard.registry is not None else None
        self.kit_button.setVisible(self.kit_code is not None)
        self.message.setText(summary + ("\n\n" + self.tr("この端末の復旧キット（キーリングの鍵が失われたときに台帳を開く"
                                                          "復旧コード）を保存して印刷してください。この画面を閉じると"
                                                          "二度と表示できません。")
                                        if self.kit_code else ""))

    def _save_kit(self) -> None:
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard) and wizard.registry is not None and self.kit_code is not None:
            save_kit(self, wizard.registry, self.kit_code)

    def _failed(self, message: str) -> None:
        self.bar.hide()
        self.setTitle(self.tr("初期設定ができませんでした"))
        self.setSubTitle(self.tr("入力を確かめてください。"))
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard) and wizard.choice.joining:
            self.message.setText(self.tr("「戻る」で入力を確かめて、もう一度実行してください。参加の途中で止まったときは、"
                                         "同じ登録コードで実行すると続きから参加します。"))
        else:
            self.message.setText(self.tr("この端末には何も残していません。「戻る」で入力を直して、もう一度実行してください。"))
        show_error(self.error, message)
        self.back_button.show()

    def isComplete(self) -> bool:
        wizard = self.wizard()
        return not self.running and isinstance(wizard, FirstRunWizard) and wizard.registry is not None


class FirstRunWizard(QWizard):
    """Accepted once `registry` holds the new replica, open; the caller signs in and owns it from then on."""

    def __init__(self, data_dir: Path, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.clock = clock
        self.registry: Registry | None = None
        self.setWindowTitle(self.tr("窓口 ― 初期設定"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        # Once set-up ran there is no going back through the pages: after a failure, the page's own button goes back.
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 520)
        for button, text in ((QWizard.WizardButton.BackButton, self.tr("< 戻る")),
                             (QWizard.WizardButton.NextButton, self.tr("次へ >")),
                             (QWizard.WizardButton.CommitButton, self.tr("実行")),
                             (QWizard.WizardButton.FinishButton, self.tr("完了")),
                             (QWizard.WizardButton.CancelButton, self.tr("キャンセル"))):
            self.setButtonText(button, text)
        self.choice = ChoicePage(data_dir)
        self.town = TownPage()
        self.admin = AdminPage()
        self.join = JoinPage()
        self.key = KeyPage()
        self.run = RunPage()
        for page_id, page in ((PAGE_CHOICE, self.choice), (PAGE_TOWN, self.town), (PAGE_ADMIN, self.admin),
                              (PAGE_JOIN, self.join), (PAGE_KEY, self.key), (PAGE_RUN, self.run)):
            self.setPage(page_id, page)
        self.setStartId(PAGE_CHOICE)

    def nextId(self) -> int:
        following = {PAGE_CHOICE: PAGE_JOIN if self.choice.joining else PAGE_TOWN, PAGE_TOWN: PAGE_ADMIN,
                     PAGE_ADMIN: PAGE_KEY, PAGE_JOIN: PAGE_KEY, PAGE_KEY: PAGE_RUN}
        return following.get(self.currentId(), -1)

    def set_busy(self, busy: bool) -> None:
        """No cancelling while the worker runs, nor once the replica exists (then only 完了)."""
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy and self.registry is None)

    def reject(self) -> None:
        """Not while a worker runs (it would be destroyed under the thread); a finished replica is closed."""
        if self.run.running or self.key.checking:
            return
        if self.registry is not None:
            self.registry.close()
            self.registry = None
        super().reject()

    # --- on the worker thread ------------------------------------------------------------------------------------

    def set_up(self, progress: Progress) -> str:
        """Create or join (reading only values the pages hold, which cannot change while this runs)."""
        if self.choice.joining:
            return self._join(progress)
        return self._create(progress)

    def _create(self, progress: Progress) -> str:
        town = self.town.value()
        user, display, password = self.admin.value()
        phrase = self.key.passphrase()
        progress.say(self.tr("端末の鍵を作り、台帳を作成しています…"))
        registry = Registry.create(self.data_dir, Municipality(town.name, town.prefecture, town.code, town.mayor),
                                   town.terminal, (user, display, password),
                                   passphrase=None if phrase is None else (lambda: phrase), clock=self.clock)
        try:
            if town.seal_png is not None:
                progress.say(self.tr("電子公印を設定しています…"))
                admin = registry.sign_in(user, password)
                registry.settings.update(admin, {"seal_png": base64.b64encode(town.seal_png).decode("ascii")})
        except BaseException:
            registry.close()
            discard_replica(self.data_dir, registry.terminal_id)
            raise
        self.registry = registry
        return self.tr("{town} の台帳をこの端末（{terminal}）に作成しました。「完了」の後、管理者 {user} で"
                       "サインインしてください。").format(town=f"{town.prefecture}{town.name}", terminal=town.terminal,
                                                       user=user)

    def _join(self, progress: Progress) -> str:
        given = self.join.value()
        progress.say(self.tr("クラウドに接続し、登録コードを確認しています…"))
        registry = joining.join(
            self.data_dir, given.url, given.user, given.password, given.code, ca_bundle=given.ca_bundle,
            clock=self.clock, wait=JOIN_WAIT_SECONDS,
            waiting=lambda number: progress.say(self.tr(
                "登録コードで参加を申請しました。管理者の端末で「参加を確認」を行ってもらってください。"
                "確認番号 {number}（管理者の画面の番号と同じか確かめてください）").format(number=number)),
            progress=lambda phase, count: progress.say(
                self.tr("クラウドから台帳を復元しています（{phase} {count} 件）…").format(phase=phase, count=count)))
        self.registry = registry
        counts = registry.residents.counts()
        town = registry.municipality
        return self.tr("{town} に端末「{terminal}」として参加し、クラウドから台帳を復元しました（住民 {residents} 人、"
                       "除票 {removed} 人）。「完了」の後、管理者から受け取ったユーザIDでサインインしてください。").format(
            town=f"{town.prefecture}{town.name}", terminal=registry.terminal, residents=counts["residents"],
            removed=counts["removed"])


def run_first_run_wizard(data_dir: Path, clock: Clock) -> Registry | None:
    """The new replica, open (on `clock`), or None when the wizard was cancelled."""
    wizard = FirstRunWizard(data_dir, clock)
    try:
        return wizard.registry if wizard.exec() == QWizard.DialogCode.Accepted else None
    finally:
        wizard.deleteLater()
