"""The input pages of the first-run wizard: what to do, the municipality and its first administrator, or the cloud
to join. Each page checks its own fields and says what is wrong beside them; nothing here touches disk or network
(but for reading the seal image the administrator picked)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from domain.check_digits import validate_local_government_code
from domain.errors import ValidationError
from domain.prefectures import PREFECTURES, prefecture_of_code
from reports.seal import check_seal_png
from ui.common.field_errors import error_text
from ui.common.styles import ERROR_STYLE

MIN_ADMIN_PASSWORD = 8
NOTE_STYLE = "color: #555;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> bool:
    """Show the message (or hide the label when it is empty); True when there was nothing to say."""
    label.setText(message)
    label.setVisible(bool(message))
    return not message


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class ChoicePage(QWizardPage):
    """新しい市区町村を作成する, or クラウドから参加する."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("窓口の初期設定"))
        self.setSubTitle(self.tr("この端末にはまだ台帳がありません。どちらかを選んでください。"))
        self.new_button = QRadioButton(self.tr("新しい市区町村の台帳をこの端末に作成する（最初の1台）"))
        self.join_button = QRadioButton(self.tr("クラウドから既存の市区町村に参加する（2台目以降の端末）"))
        self.new_button.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.new_button, self.join_button):
            group.addButton(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_button)
        layout.addWidget(note(self.tr("この端末が番号（宛名番号・世帯番号）の払い出し元になり、他の端末の登録コードを発行します。")))
        layout.addSpacing(12)
        layout.addWidget(self.join_button)
        layout.addWidget(note(self.tr("クラウドの管理者から、この端末のクラウドユーザとパスワード、"
                                      "管理者端末で発行した登録コードを受け取ってから進んでください。")))
        layout.addStretch(1)
        layout.addWidget(note(self.tr("台帳の保存先: {folder}").format(folder=data_dir)))

    @property
    def joining(self) -> bool:
        return self.join_button.isChecked()


@dataclass(frozen=True)
class TownInput:
    name: str
    prefecture: str
    code: str
    mayor: str
    terminal: str
    seal_png: bytes | None


class TownPage(QWizardPage):
    """The municipality: name, prefecture, 全国地方公共団体コード (with its check digit), mayor, seal, this terminal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("市区町村"))
        self.setSubTitle(self.tr("台帳を作成する市区町村と、この端末の名前を入力してください。"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例: みどり町"))
        self.prefecture_combo = QComboBox()
        self.prefecture_combo.addItems([self.tr("（選択してください）"), *PREFECTURES])
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("6桁（検査数字を含む）"))
        self.code_edit.setMaxLength(8)
        self.mayor_edit = QLineEdit()
        self.mayor_edit.setPlaceholderText(self.tr("例: 緑川　一郎"))
        self.terminal_edit = QLineEdit("本庁1")  # a name, as data
        self.seal_preview = QLabel(self.tr("（未設定）"))
        self.seal_preview.setFixedSize(96, 96)
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seal_preview.setStyleSheet("border: 1px solid #bbb; color: #777;")
        self.seal_button = QPushButton(self.tr("画像を選ぶ…"))
        self.seal_clear = QPushButton(self.tr("外す"))
        self.seal_clear.setEnabled(False)
        self.seal_png: bytes | None = None
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.seal_preview, 0, Qt.AlignmentFlag.AlignTop)
        seal_buttons = QVBoxLayout()
        seal_buttons.addWidget(self.seal_button)
        seal_buttons.addWidget(self.seal_clear)
        seal_row.addLayout(seal_buttons)
        seal_row.setAlignment(seal_buttons, Qt.AlignmentFlag.AlignTop)
        seal_row.addStretch(1)
        self.error = error_label()

        form = QFormLayout()
        form.addRow(self.tr("市区町村名"), self.name_edit)
        form.addRow(self.tr("全国地方公共団体コード"), self.code_edit)
        form.addRow(self.tr("都道府県"), self.prefecture_combo)
        form.addRow(self.tr("市区町村長の氏名"), self.mayor_edit)
        form.addRow(self.tr("電子公印（任意）"), seal_row)
        form.addRow(self.tr("この端末の名前"), self.terminal_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr("電子公印は黒一色の画像（PNGなど）で、証明書には25mm角以内で印字されます。"
                                      "後から設定することもできます。")))
        layout.addWidget(self.error)
        layout.addStretch(1)

        for edit in (self.name_edit, self.code_edit, self.mayor_edit, self.terminal_edit):
            edit.textChanged.connect(self.completeChanged)
        self.prefecture_combo.currentIndexChanged.connect(self.completeChanged)
        self.code_edit.textChanged.connect(self._code_changed)
        self.seal_button.clicked.connect(self._choose_seal)
        self.seal_clear.clicked.connect(lambda: self.set_seal(None))

    def _code_changed(self, text: str) -> None:
        """A complete, valid code selects its prefecture."""
        try:
            code = validate_local_government_code(text)
        except ValidationError:
            return
        prefecture = prefecture_of_code(code)
        if prefecture is not None:
            self.prefecture_combo.setCurrentText(prefecture)

    def _choose_seal(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("電子公印の画像"), "", self.tr("画像 (*.png *.jpg *.jpeg *.bmp)"))
        if path:
            try:
                png = Path(path).read_bytes()
            except OSError as exc:
                show_error(self.error, self.tr("画像を読めません（{error}）").format(error=exc.strerror))
                return
            self.set_seal(png)

    def set_seal(self, png: bytes | None) -> None:
        if png is not None:
            try:
                check_seal_png(png)
            except ValidationError as exc:
                show_error(self.error, error_text(exc))
                return
        self.seal_png = png
        self.seal_clear.setEnabled(png is not None)
        pixmap = QPixmap()
        if png is not None and pixmap.loadFromData(png):
            self.seal_preview.setPixmap(pixmap.scaled(92, 92, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        else:
            self.seal_preview.setPixmap(QPixmap())
            self.seal_preview.setText(self.tr("（設定済み）") if png is not None else self.tr("（未設定）"))
        show_error(self.error, "")

    def isComplete(self) -> bool:
        return all(e.text().strip() for e in (self.name_edit, self.code_edit, self.mayor_edit, self.terminal_edit)) \
            and self.prefecture_combo.currentIndex() > 0

    def validatePage(self) -> bool:
        try:
            code = validate_local_government_code(self.code_edit.text())
        except ValidationError as exc:
            return show_error(self.error, error_text(exc))
        expected = prefecture_of_code(code)
        if expected != self.prefecture_combo.currentText():
            if expected:
                text = self.tr("全国地方公共団体コードの上2桁（{digits}）は{prefecture}です。コードか都道府県を確かめてください")
            else:
                text = self.tr("全国地方公共団体コードの上2桁（{digits}）はどの都道府県でもありません。"
                               "コードか都道府県を確かめてください")
            return show_error(self.error, text.format(digits=code[:2], prefecture=expected))
        self.code_edit.setText(code)
        return show_error(self.error, "")

    def value(self) -> TownInput:
        return TownInput(self.name_edit.text().strip(), self.prefecture_combo.currentText(),
                         self.code_edit.text().strip(), self.mayor_edit.text().strip(),
                         self.terminal_edit.text().strip(), self.seal_png)


class AdminPage(QWizardPage):
    """The first administrator: signs in after the set-up, creates the other staff and the enrollment codes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("最初の管理者"))
        self.setSubTitle(self.tr("この市区町村の最初の管理者を登録します。初期設定の後、この管理者でサインインします。"))
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("半角英数字（例: admin）"))
        self.display_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("ユーザID"), self.user_edit)
        form.addRow("氏名", self.display_edit)  # the standard's item name
        form.addRow(self.tr("パスワード"), self.password_edit)
        form.addRow(self.tr("パスワード（確認）"), self.confirm_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr("パスワードは{count}文字以上にしてください。"
                                      "他の職員のアカウントは、サインインした後に管理者が作成します。").format(
            count=MIN_ADMIN_PASSWORD)))
        layout.addWidget(self.error)
        layout.addStretch(1)
        for edit in (self.user_edit, self.display_edit, self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return all(e.text().strip() for e in (self.user_edit, self.display_edit)) and bool(self.password_edit.text())

    def validatePage(self) -> bool:
        user = self.user_edit.text().strip()
        if not (user.isascii() and user.replace("-", "").replace("_", "").replace(".", "").isalnum()):
            return show_error(self.error, self.tr("ユーザIDは半角英数字（と - _ .）で入力してください"))
        if len(self.password_edit.text()) < MIN_ADMIN_PASSWORD:
            return show_error(self.error, self.tr("パスワードは{count}文字以上にしてください").format(count=MIN_ADMIN_PASSWORD))
        if self.password_edit.text() != self.confirm_edit.text():
            return show_error(self.error, self.tr("パスワードと確認用のパスワードが一致しません"))
        return show_error(self.error, "")

    def value(self) -> tuple[str, str, str]:
        return self.user_edit.text().strip(), self.display_edit.text().strip(), self.password_edit.text()


@dataclass(frozen=True)
class JoinInput:
    url: str
    user: str
    password: str
    code: str
    ca_bundle: str | None


class JoinPage(QWizardPage):
    """The cloud to join: its URL, this terminal's cloud user and password, the enrollment code (as `init --join`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("クラウドから参加"))
        self.setSubTitle(self.tr("自治体クラウドのデータベースと、この端末の登録コードを入力してください。"))
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://cloud.example.lg.jp:6984/town")
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("例: terminal-shisho1"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX")
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("公的な認証局でないときだけ（PEM）"))
        ca_button = QPushButton(self.tr("選ぶ…"))
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(ca_button)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("クラウドのURL"), self.url_edit)
        form.addRow(self.tr("この端末のクラウドユーザ"), self.user_edit)
        form.addRow(self.tr("クラウドのパスワード"), self.password_edit)
        form.addRow(self.tr("登録コード"), self.code_edit)
        form.addRow(self.tr("認証局の証明書（任意）"), ca_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr("登録コードは管理者端末の「設定」→「クラウド」で発行され、期限内に一台の端末だけが使えます。"
                                      "実行すると参加を申請し、管理者端末で「参加を確認」されると台帳をクラウドから復元します"
                                      "（住民の数により数分かかります）。")))
        layout.addWidget(self.error)
        layout.addStretch(1)
        for edit in (self.url_edit, self.user_edit, self.password_edit, self.code_edit):
            edit.textChanged.connect(self.completeChanged)
        ca_button.clicked.connect(self._choose_ca)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("認証局の証明書"), "", self.tr("証明書 (*.pem *.crt *.cer)"))
        if path:
            self.ca_edit.setText(path)

    def isComplete(self) -> bool:
        return all(e.text().strip() for e in (self.url_edit, self.user_edit, self.code_edit)) \
            and bool(self.password_edit.text())

    def validatePage(self) -> bool:
        url = self.url_edit.text().strip()
        if not url.startswith(("https://", "http://")) or url.rstrip("/").count("/") < 3:
            return show_error(self.error, self.tr("クラウドのURLはデータベースまで入力してください（https://ホスト:ポート/データベース名）"))
        ca = self.ca_edit.text().strip()
        if ca and not Path(ca).is_file():
            return show_error(self.error, self.tr("認証局の証明書のファイルがありません（{file}）").format(file=ca))
        return show_error(self.error, "")

    def value(self) -> JoinInput:
        return JoinInput(self.url_edit.text().strip().rstrip("/"), self.user_edit.text().strip(),
                         self.password_edit.text(), self.code_edit.text().strip(), self.ca_edit.text().strip() or None)
