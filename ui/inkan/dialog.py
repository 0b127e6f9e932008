"""印鑑登録 (F9; 窓口 and above): the counter screen that issues the 印鑑登録証明書 on presenting the card, and the
registration screen.

証明書: the card's number is typed or read by a bar code scanner (which types it and presses Enter); Enter issues the
certificate through the check of every certificate, shown on the right; Ctrl+P prints it from memory. Someone other
than the registered person may present the card (their name), and a person under 支援措置 needs a photo ID (or a
係長's judgment, asked for as on the 交付 screen). A wrong, stopped or abolished card is refused, recorded and
counted. 「PDFで保存」 is for 係長 and above (audited as an export).

登録: the person (宛名番号; the one shown in 照会 is filled in), how identity is confirmed (a photo ID, a 保証書, the
照会書; a 代理人 always goes through the 照会書), which of the person's names the seal shows (the clerk confirms it),
and the scan of the impression: 「読み取る」 measures it off the GUI thread and shows it at true size beside the scan.
Ctrl+Enter registers; the person's registrations are listed below with 回答書の受付, 廃止 and 亡失届. The 印鑑登録証,
the 原票 and the 照会書 are printed from the registration chosen.

Keyboard: F9 opens it on the certificate tab, Ctrl+Tab changes tab, Enter in the card field issues, Ctrl+Enter
registers, Ctrl+P prints what is shown, Esc closes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.inkan import (
    AbolishReason,
    Application,
    Impression,
    InkanRecord,
    Method,
    Proxy,
    Registration,
    SealText,
)
from domain.kofu_rules import PHOTO_IDS
from domain.protection import JudgmentRequired
from domain.roles import Permission, allowed
from domain.seal_impression import measure
from local_store.errors import StoreError
from local_store.inkan_service import InkanIssued
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports import inkan_pdf
from ui.common.background import BackgroundJob
from ui.common.field_errors import error_text
from ui.common.pdf_pages import MemoryPdf, prepare_printer, send_to_printer
from ui.common.saved_file import save_file
from ui.common.styles import ERROR_STYLE, OK_STYLE
from ui.inkan.impression_view import ImpressionView
from ui.kofu.judgment_dialog import JudgmentDialog

COLUMNS = (QT_TRANSLATE_NOOP("InkanDialog", "登録番号"), QT_TRANSLATE_NOOP("InkanDialog", "状態"),
           QT_TRANSLATE_NOOP("InkanDialog", "本人確認"), QT_TRANSLATE_NOOP("InkanDialog", "登録年月日"),
           QT_TRANSLATE_NOOP("InkanDialog", "回答期限"), QT_TRANSLATE_NOOP("InkanDialog", "印影"),
           QT_TRANSLATE_NOOP("InkanDialog", "終了"))


def _reason(exc: ValidationError | StoreError) -> str:
    return error_text(exc) if isinstance(exc, ValidationError) else exc.message


class InkanDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, atena_no: str = "", parent: QWidget | None = None, *,
                 name_changed: bool = False) -> None:
        """`name_changed`: opened after a 異動 changed the person's 氏名, to ask whether the seal still matches."""
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self._name_changed = name_changed
        self.issued: InkanIssued | None = None
        self.pdf: MemoryPdf | None = None
        self.scan: bytes | None = None
        self._read_path = ""
        self.measured: Impression | None = None
        self.registrations: list[Registration] = []
        self.judgment_dialog: JudgmentDialog | None = None
        self.may_export = allowed(staff.role, Permission.EXPORT_CERTIFICATE)
        self.setWindowTitle(self.tr("印鑑登録・印鑑登録証明書"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._certificate_tab(), self.tr("印鑑登録証明書（F9）"))
        self.tabs.addTab(self._registration_tab(atena_no), self.tr("印鑑登録"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.preview = QPdfView()
        self.preview.setObjectName("preview")
        self.preview.setPageMode(QPdfView.PageMode.SinglePage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.print_button = QPushButton(self.tr("印刷（Ctrl+P）"))
        self.print_button.setObjectName("print")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self._print_clicked)
        right = QVBoxLayout()
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 1)
        right.addWidget(self.print_button)
        halves = QHBoxLayout()
        halves.addWidget(self.tabs, 3)
        halves.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(halves, 1)
        layout.addWidget(self.message)
        self._measuring = BackgroundJob(self)
        self._measuring.holds(self.read_button)
        self._measuring.failed.connect(lambda text: self.show_message(text, error=True))
        for button in self.findChildren(QPushButton):  # Enter in a field is that field's: no default button
            button.setAutoDefault(False)
        self.resize(1200, 720)
        self.card.setFocus(Qt.FocusReason.OtherFocusReason)
        self.load_registrations()
        if name_changed:
            self.tabs.setCurrentIndex(1)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.show_message(self.tr("氏名が変わりました。登録した印鑑の文字が新しい氏名と合わなければ、登録を選んで"
                                      "「廃止」を押してください（合っていればそのまま閉じます）"), error=True)

    # --- building --------------------------------------------------------------------------------------------------

    def _certificate_tab(self) -> QWidget:
        self.card = QLineEdit()
        self.card.setObjectName("cardNumber")
        self.card.setPlaceholderText(self.tr("印鑑登録証の番号（バーコードを読み取るか入力してEnter）"))
        self.card.returnPressed.connect(self._issue_pressed)
        self.presenter = QLineEdit()
        self.presenter.setObjectName("presenter")
        self.presenter.setPlaceholderText(self.tr("本人が来たときは空欄"))
        self.card_identification = QComboBox()
        self.card_identification.setObjectName("cardIdentification")
        self.card_identification.addItem(self.tr("なし（印鑑登録証のみ）"), "")
        for name in PHOTO_IDS:
            self.card_identification.addItem(name, name)
        self.fee_category = QComboBox()
        self.fee_category.setObjectName("feeCategory")
        self.fee_category.addItem(self.tr("なし"), "")
        for name in self.registry.settings.fees().categories:
            self.fee_category.addItem(name, name)
        issue = QPushButton(self.tr("交付（Enter）"))
        issue.setObjectName("issue")
        issue.clicked.connect(self._issue_pressed)
        self.save_button = QPushButton(self.tr("PDFで保存…"))
        self.save_button.setObjectName("save")
        self.save_button.setVisible(self.may_export)
        self.save_button.clicked.connect(self._save_clicked)
        form = QFormLayout()
        form.addRow(self.tr("印鑑登録証"), self.card)
        form.addRow(self.tr("来た人（代理の人の氏名）"), self.presenter)
        form.addRow(self.tr("本人確認書類"), self.card_identification)
        form.addRow(self.tr("無料・減免の区分"), self.fee_category)
        buttons = QHBoxLayout()
        buttons.addWidget(issue)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addStretch(1)
        return page

    def _registration_tab(self, atena_no: str) -> QWidget:
        self.atena = QLineEdit(atena_no)
        self.atena.setObjectName("atenaNo")
        self.atena.editingFinished.connect(self.load_registrations)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for method in Method:
            self.method.addItem(method.value, method)
        self.document = QComboBox()
        self.document.setObjectName("document")
        self.document.addItems(PHOTO_IDS)
        self.guarantor = QLineEdit()
        self.guarantor.setObjectName("guarantor")
        self.guarantor.setPlaceholderText(self.tr("保証人の宛名番号"))
        self.proxy_name = QLineEdit()
        self.proxy_name.setObjectName("proxyName")
        self.proxy_name.setPlaceholderText(self.tr("代理人が申請するときの氏名"))
        self.proxy_letter = QLineEdit()
        self.proxy_letter.setObjectName("proxyLetter")
        self.proxy_letter.setPlaceholderText(self.tr("委任状"))
        self.seal_text = QComboBox()
        self.seal_text.setObjectName("sealText")
        for text in SealText:
            self.seal_text.addItem(text.value, text)
        self.lacks_capacity = QCheckBox(self.tr("意思能力を有しない者"))
        self.lacks_capacity.setObjectName("lacksCapacity")
        self.image_path = QLineEdit()
        self.image_path.setObjectName("imagePath")
        self.image_path.setPlaceholderText(self.tr("印影を読み取った画像（PNG・JPEG）"))
        self.image_path.returnPressed.connect(self._path_entered)
        choose = QPushButton(self.tr("選ぶ…"))
        choose.clicked.connect(self._choose_image)
        self.read_button = QPushButton(self.tr("読み取る"))
        self.read_button.setObjectName("readScan")
        self.read_button.clicked.connect(self.read_scan)
        image = QHBoxLayout()
        image.addWidget(self.image_path, 1)
        image.addWidget(choose)
        image.addWidget(self.read_button)
        self.impression = ImpressionView()
        register = QPushButton(self.tr("登録（Ctrl+Enter）"))
        register.setObjectName("register")
        register.clicked.connect(self.register)
        form = QFormLayout()
        form.addRow(self.tr("宛名番号"), self.atena)
        form.addRow(self.tr("本人確認"), self.method)
        form.addRow(self.tr("写真付き証明書"), self.document)
        form.addRow(self.tr("保証人"), self.guarantor)
        form.addRow(self.tr("代理人"), self.proxy_name)
        form.addRow(self.tr("委任状"), self.proxy_letter)
        form.addRow(self.tr("印影の文字"), self.seal_text)
        form.addRow("", self.lacks_capacity)
        form.addRow(self.tr("印影"), image)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("registrations")
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        actions = QGridLayout()
        for index, (name, label, slot) in enumerate( (("confirm", self.tr("回答書の受付"), self.confirm),
                                  ("abolish", self.tr("廃止"), self.abolish), ("lost", self.tr("亡失届"), self.lost),
                                  ("printCard", self.tr("印鑑登録証"), self.show_card),
                                  ("printRecord", self.tr("原票"), self.show_record),
                                  ("printLetter", self.tr("照会書"), self.show_letter))):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(slot)
            actions.addWidget(button, *divmod(index, 3))
        registered = QVBoxLayout()
        registered.addWidget(self.table, 1)
        registered.addLayout(actions)
        page = QWidget()
        grid = QGridLayout(page)
        grid.addLayout(form, 0, 0)
        grid.addLayout(registered, 0, 1)
        grid.addWidget(self.impression, 1, 0, 1, 2)
        grid.addWidget(register, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        return page

    # --- the certificate -------------------------------------------------------------------------------------------

    def _issue_pressed(self) -> None:
        self.issue()

    def issue(self, *, export: bool = False, judgment: Judgment | None = None) -> bool:
        """Issue the certificate of the card typed or scanned; the field is emptied for the next card."""
        try:
            issued = self.registry.inkan.certificate(
                self.staff, self.card.text(), inkan_pdf.render, identification=self.card_identification.currentData(),
                proxy_name=self.presenter.text(), fee_category=self.fee_category.currentData(), export=export,
                judgment=judgment)
        except JudgmentRequired as exc:
            if judgment is None and (given := self.ask_judgment(exc.message)) is not None:
                return self.issue(export=export, judgment=given)
            self.show_message(_reason(exc), error=True)
            return False
        except (ValidationError, StoreError) as exc:  # a refusal: the facade has recorded it in the 交付履歴
            self.show_message(_reason(exc), error=True)
            self.card.selectAll()
            return False
        self.issued = issued
        self._preview(issued.pdf, self.tr("印鑑登録証明書　登録番号 {number}　{name}　手数料 {fee}円").format(
            number=issued.certificate.registration_no, name=issued.certificate.name, fee=issued.fee))
        self.card.clear()
        self.presenter.clear()
        self.card_identification.setCurrentIndex(0)
        self.show_message(self.tr("交付しました。内容を確かめて印刷してください（Ctrl+P）"))
        return True

    def ask_judgment(self, asked: str) -> Judgment | None:
        self.judgment_dialog = JudgmentDialog(self.registry, asked, self)
        accepted = self.judgment_dialog.exec() == QDialog.DialogCode.Accepted
        judgment = self.judgment_dialog.judgment if accepted else None
        self.judgment_dialog.deleteLater()
        self.judgment_dialog = None
        return judgment

    def _save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("PDFで保存"), "inkan.pdf", "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> bool:
        """係長 and above: issue the card's certificate as a file (audited as an export)."""
        if not self.may_export or not self.issue(export=True):
            return False
        assert self.issued is not None
        return save_file(path, self.issued.pdf, self.tr("{path} に保存しました（ファイル出力として監査ログに記録）").format(path=path), self.show_message)

    # --- registering -------------------------------------------------------------------------------------------------

    def _choose_image(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("印影の画像"), "", self.tr("画像 (*.png *.jpg *.jpeg)"))
        if name:
            self.image_path.setText(name)
            self.read_scan()

    def _path_entered(self) -> None:
        """Enter in the path reads the scan, unless it is the one read already (Ctrl+Enter then registers it)."""
        if self.measured is None or self.image_path.text().strip() != self._read_path:
            self.read_scan()

    def read_scan(self) -> None:
        """Read and measure the scan off the GUI thread; shown beside it at true size when it can be registered."""
        path = Path(self.image_path.text().strip())
        self._read_path = str(path)
        self.measured = self.scan = None
        self.impression.clear()

        def work(_progress: object) -> tuple[bytes, Impression]:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise ValidationError("印影", f"画像ファイルを読めません（{path}: {exc.strerror}）") from None
            return data, Impression.of(measure(data))

        self._measuring.begin(work, then=self._measured_scan)

    def _measured_scan(self, found: tuple[bytes, Impression]) -> None:
        self.scan, self.measured = found
        self.impression.show_impression(*found)
        self.show_message(self.tr("印影を読み取りました（一辺{side}mm）。印影の文字を確かめて登録してください（Ctrl+Enter）")
                          .format(side=f"{self.measured.side_mm:.1f}"))

    def application(self) -> Application:
        method = Method(self.method.currentData())
        named = self.proxy_name.text().strip() or self.proxy_letter.text().strip()
        return Application(self.atena.text().strip(), method,
                           self.document.currentText() if method is Method.PHOTO_ID else "",
                           self.guarantor.text().strip() if method is Method.GUARANTEE else "",
                           Proxy(self.proxy_name.text().strip(), self.proxy_letter.text().strip()) if named else None,
                           SealText(self.seal_text.currentData()), self.lacks_capacity.isChecked())

    def register(self) -> bool:
        if self.measured is None:
            self.show_message(self.tr("印影：印影の画像を読み取ってください"), error=True)
            return False
        try:
            done = self.registry.inkan.register(self.staff, self.application(), self.measured)
        except (ValidationError, StoreError) as exc:
            self.show_message(_reason(exc), error=True)
            return False
        self.load_registrations(select=done.id)
        waiting = self.tr("照会書を印刷して郵送してください（回答期限 {day}）").format(day=done.answer_by) \
            if done.answer_by else self.tr("印鑑登録証を印刷して渡してください")
        self.show_message(self.tr("登録しました（登録番号 {number}、{state}）。").format(
            number=done.registration_no, state=done.state.value) + waiting)
        if done.answer_by:
            self.show_letter()
        else:
            self.show_card()
        return True

    def load_registrations(self, select: str = "") -> None:
        atena_no = self.atena.text().strip()
        self.registrations = self.registry.inkan.of_person(atena_no) if atena_no else []
        self.table.setRowCount(len(self.registrations))
        for row, r in enumerate(self.registrations):
            values = (r.registration_no, r.state.value, r.method.value, r.registered_on, r.answer_by,
                      f"{r.impression.side_mm:.1f}mm", f"{r.ended_on} {r.ended_because}".strip())
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
        chosen = next((i for i, r in enumerate(self.registrations) if r.id == select), len(self.registrations) - 1)
        if chosen >= 0:
            self.table.selectRow(chosen)

    def chosen(self) -> Registration | None:
        row = self.table.currentRow()
        return self.registrations[row] if 0 <= row < len(self.registrations) else None

    def _act(self, act: str) -> None:
        r = self.chosen()
        if r is None:
            self.show_message(self.tr("印鑑登録を一覧で選んでください"), error=True)
            return
        try:
            if act == "confirm":
                done = self.registry.inkan.confirm(self.staff, r.id)
            elif act == "lost":
                done = self.registry.inkan.lost(self.staff, r.atena_no, r.id)
            else:
                done = self.registry.inkan.abolish(self.staff, r.atena_no, AbolishReason(act), r.id)
        except (ValidationError, StoreError) as exc:
            self.show_message(_reason(exc), error=True)
            return
        self.load_registrations(select=done.id)
        self.show_message(self.tr("登録番号 {number}：{state}").format(number=done.registration_no,
                                                                    state=done.state.value))

    def confirm(self) -> None:
        self._act("confirm")

    def abolish(self) -> None:
        """廃止: one of two registrations made on two terminals while apart (係長), or after a change of 氏名 the
        seal no longer matches (as this dialog was opened for), or on request."""
        twice = sum(1 for r in self.registrations if r.live) > 1
        reason = (AbolishReason.FORK if twice else AbolishReason.NAME_CHANGED if self._name_changed
                  else AbolishReason.REQUEST)
        self._act(reason.value)

    def lost(self) -> None:
        self._act("lost")

    def _record(self) -> InkanRecord | None:
        r = self.chosen()
        if r is None:
            self.show_message(self.tr("印鑑登録を一覧で選んでください"), error=True)
            return None
        try:
            return self.registry.inkan.record(self.staff, r.atena_no, r.id)
        except (ValidationError, StoreError) as exc:
            self.show_message(_reason(exc), error=True)
            return None

    def show_card(self) -> None:
        if (record := self._record()) is not None:
            self._preview(inkan_pdf.card(record), self.tr("印鑑登録証　登録番号 {number}").format(
                number=record.registration_no))

    def show_record(self) -> None:
        if (record := self._record()) is not None:
            self._preview(inkan_pdf.record_sheet(record), self.tr("印鑑登録原票　登録番号 {number}").format(
                number=record.registration_no))

    def show_letter(self) -> None:
        r = self.chosen()
        if r is None or not r.answer_by:
            self.show_message(self.tr("照会書は照会書の方法による登録だけです"), error=True)
            return
        if (record := self._record()) is not None:
            town = self.registry.settings.get()
            mayor = f"{town.get('mayor_title', '')}　{town.get('mayor_name', '')}"
            self._preview(inkan_pdf.inquiry_letter(record, dt.date.fromisoformat(r.answer_by), mayor),
                          self.tr("照会書　登録番号 {number}").format(number=record.registration_no))

    # --- shared ----------------------------------------------------------------------------------------------------

    def _preview(self, pdf: bytes, label: str) -> None:
        self.pdf = MemoryPdf(pdf, self)
        self.preview.setDocument(self.pdf.document)
        self.preview_label.setText(label)
        self.print_button.setEnabled(True)

    def _print_clicked(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send what is shown to `printer`; the pages printed."""
        if self.pdf is None:
            return 0
        pages = send_to_printer(self.pdf, printer, self.show_message)
        if pages:
            self.show_message(self.tr("%n枚を印刷に送りました", "", pages))
        return pages

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that reach the dialog from any field: Ctrl+Enter registers, Ctrl+P prints."""
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.register()
        elif event.key() == Qt.Key.Key_P and ctrl:
            self._print_clicked()
        else:
            super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self._measuring.stop()
        super().done(result)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
