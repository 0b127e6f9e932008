"""被災者台帳・罹災証明書 (管理 menu; 窓口 and above): record a damage assessment, list the 台帳, issue the certificate.

The top records an assessment of a household's dwelling (the household shown in 照会 is filled in); the 台帳 below
lists every dwelling with its assessment in force, filtered by 被害の程度, 町字 and 罹災原因; a dwelling flagged for
review (two terminals surveyed it at once) shows the more severe class in red until a 再調査 settles it. 「罹災証明書を
発行」 issues the selected row's certificate to the requester entered beside it (a member of the household, their
代理人 or an office), through the check of every certificate: for a household under 支援措置 the 加害者 is refused,
the protected person needs a photo ID and anyone else a 係長's judgment, asked for here as on the 交付 screen. The
preview on the right is what was issued, 「印刷」 sends it to a printer from memory; 「PDFで保存」 and 「CSVで出力」 are
for 係長 and above (audited as exports). A household under 支援措置 is left out of the 台帳 for 窓口 (and out of the
CSV); 「この世帯のみ」 shows the household named above, whoever it is, as a search would. Nothing here needs the
network.

Keyboard: Ctrl+Enter records, F8 issues the selected row, Ctrl+P prints, Esc closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.disaster import RISAI_REQUESTERS, AssessmentInput, Damage, LedgerFilter, LedgerLine, RisaiRequest
from domain.errors import ValidationError
from domain.kofu_rules import Requester, RequesterKind
from domain.protection import JudgmentRequired
from domain.roles import Permission, allowed
from domain.wareki import format_short, format_wareki
from local_store.disaster_service import RisaiIssued
from local_store.errors import StoreError
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.csv_file import encoded, write_csv
from reports.risai_pdf import render
from ui.common.field_errors import error_text
from ui.common.pdf_pages import MemoryPdf, prepare_printer, send_to_printer
from ui.common.saved_file import save_file
from ui.common.styles import ERROR_STYLE, OK_STYLE
from ui.kofu.form import IDENTIFICATIONS
from ui.kofu.judgment_dialog import JudgmentDialog

COLUMNS = ("世帯番号", "世帯主", "住家の被害の程度", "罹災原因", "交付（整理番号）", "要確認", "町字", "被災住家の所在地",
           "調査日", "調査者")
FLAGGED = QColor(255, 224, 224)
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DisasterDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, setai_no: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.lines: list[LedgerLine] = []
        self.issued: RisaiIssued | None = None
        self.pdf: MemoryPdf | None = None
        self.judgment_dialog: JudgmentDialog | None = None
        self.may_export = allowed(staff.role, Permission.EXPORT_CERTIFICATE)
        self.setWindowTitle(self.tr("被災者台帳・罹災証明書"))

        self.household = QLineEdit(setai_no)
        self.household.setObjectName("household")
        self.damage = QComboBox()
        self.damage.setObjectName("damage")
        self.damage.addItems([option.value for option in Damage])
        self.cause = QLineEdit()
        self.cause.setObjectName("cause")
        self.cause.setPlaceholderText(self.tr("例: 令和8年11月27日の地震"))
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("空欄なら世帯の住所"))
        self.surveyed_on = QLineEdit(format_short(registry.today()))
        self.surveyed_on.setObjectName("surveyedOn")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("①世帯　②住家　③その他（記載するときだけ）"))
        self.note.setFixedHeight(64)
        self.surveyor = QLineEdit()
        self.surveyor.setObjectName("surveyor")
        self.surveyor.setPlaceholderText(staff.display_name)
        record = QPushButton(self.tr("記録（Ctrl+Enter）"))
        record.setObjectName("record")
        record.clicked.connect(self.record)
        form = QFormLayout()
        form.addRow(self.tr("世帯番号"), self.household)
        form.addRow(self.tr("住家の被害の程度"), self.damage)
        form.addRow(self.tr("罹災原因"), self.cause)
        form.addRow(self.tr("被災住家の所在地"), self.place)
        form.addRow(self.tr("調査日"), self.surveyed_on)
        form.addRow(self.tr("追加記載事項"), self.note)
        form.addRow(self.tr("調査者"), self.surveyor)
        form.addRow("", record)
        entry = QGroupBox(self.tr("被害認定調査の記録"))
        entry.setLayout(form)

        self.filter_damage = QComboBox()
        self.filter_damage.setObjectName("filterDamage")
        self.filter_damage.addItem(self.tr("すべての程度"), "")
        for option in Damage:
            self.filter_damage.addItem(option.value, option.value)
        self.filter_area = QLineEdit()
        self.filter_area.setObjectName("filterArea")
        self.filter_area.setPlaceholderText(self.tr("町字"))
        self.filter_cause = QLineEdit()
        self.filter_cause.setObjectName("filterCause")
        self.filter_cause.setPlaceholderText(self.tr("罹災原因（一部）"))
        self.flagged_only = QCheckBox(self.tr("要確認のみ"))
        self.flagged_only.setObjectName("flaggedOnly")
        self.household_only = QCheckBox(self.tr("この世帯のみ"))
        self.household_only.setObjectName("householdOnly")
        self.household_only.setToolTip(self.tr("上の世帯番号の世帯の住家だけを表示します"))
        self.household_only.setChecked(bool(setai_no))
        show = QPushButton(self.tr("表示"))
        show.clicked.connect(self.load)
        self.filter_damage.currentIndexChanged.connect(self._filter_changed)
        self.flagged_only.toggled.connect(self._filter_changed)
        self.household_only.toggled.connect(self._filter_changed)
        for field in (self.filter_area, self.filter_cause):
            field.returnPressed.connect(self.load)
        filters = QHBoxLayout()
        for widget in (self.filter_damage, self.filter_area, self.filter_cause, self.flagged_only, self.household_only,
                       show):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("ledger")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._issue_clicked)
        self.table.itemSelectionChanged.connect(self._line_chosen)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")

        self.preview = QPdfView()
        self.preview.setObjectName("preview")
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setMinimumWidth(360)
        self.preview_label = QLabel(self.tr("台帳の行を選んで「罹災証明書を発行」（F8）を押すと、ここに表示します"))
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)

        self.requester_kind = QComboBox()
        self.requester_kind.setObjectName("requester")
        for kind in RISAI_REQUESTERS:
            self.requester_kind.addItem(kind.value, kind)
        self.member = QComboBox()
        self.member.setObjectName("member")
        self.requester_name = QLineEdit()
        self.requester_name.setObjectName("requesterName")
        self.proxy_letter = QLineEdit()
        self.proxy_letter.setObjectName("proxyLetter")
        self.identification = QComboBox()
        self.identification.setObjectName("identification")
        self.identification.setEditable(True)
        self.identification.addItems(IDENTIFICATIONS)
        self.identification.setCurrentText("")
        self.requester_kind.currentIndexChanged.connect(self._requester_changed)
        asked = QFormLayout()
        asked.addRow(self.tr("請求者の種別"), self.requester_kind)
        asked.addRow(self.tr("本人等（代理人は委任者）"), self.member)
        asked.addRow(self.tr("代理人の氏名・機関名"), self.requester_name)
        asked.addRow(self.tr("委任状"), self.proxy_letter)
        asked.addRow(self.tr("本人確認の方法"), self.identification)
        request = QGroupBox(self.tr("罹災証明書の請求"))
        request.setLayout(asked)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.issue_button = QPushButton(self.tr("罹災証明書を発行（F8）"))
        self.issue_button.setObjectName("issue")
        self.print_button = QPushButton(self.tr("印刷（Ctrl+P）"))
        self.save_button = QPushButton(self.tr("PDFで保存…"))
        self.save_button.setVisible(self.may_export)
        self.csv_button = QPushButton(self.tr("CSVで出力…"))
        self.csv_button.setVisible(allowed(staff.role, Permission.EXPORT_DISASTER_LEDGER))
        close = QPushButton(self.tr("閉じる"))
        self.issue_button.clicked.connect(self._issue_clicked)
        self.print_button.clicked.connect(self._print_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        self.csv_button.clicked.connect(self._csv_clicked)
        close.clicked.connect(self.reject)
        for button in (record, show, self.issue_button, self.print_button, self.save_button, self.csv_button, close):
            button.setAutoDefault(False)

        left = QVBoxLayout()
        left.addWidget(entry)
        left.addWidget(QLabel(self.tr("被災者台帳")))
        left.addLayout(filters)
        left.addWidget(self.table, 1)
        left.addWidget(self.count_label)
        right = QVBoxLayout()
        right.addWidget(request)
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 1)
        halves = QHBoxLayout()
        halves.addLayout(left, 2)
        halves.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for button in (self.issue_button, self.print_button, self.save_button, self.csv_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(halves, 1)
        layout.addLayout(bottom)
        self.resize(1400, 820)
        self._update_buttons()
        self._requester_changed()
        self.load()
        (self.damage if setai_no else self.household).setFocus(Qt.FocusReason.OtherFocusReason)

    # --- recording -------------------------------------------------------------------------------------------------

    def entry(self) -> AssessmentInput:
        return AssessmentInput(self.household.text(), self.damage.currentText(), self.cause.text(),
                               self.place.text(), self.surveyed_on.text(), self.note.toPlainText(),
                               self.surveyor.text())

    def record(self) -> bool:
        try:
            doc_id, found = self.registry.disaster.record_assessment(self.staff, self.entry())
        except (ValidationError, StoreError) as exc:
            self.show_message(self._reason(exc), error=True)
            return False
        kind = self.tr("再調査") if found.supersedes else self.tr("調査")
        self.load()
        self._select(doc_id)
        self.show_message(self.tr("{kind}を記録しました: 世帯番号 {setai}　{damage}").format(
            kind=kind, setai=found.setai_no, damage=found.damage.value))
        return True

    # --- the 台帳 ----------------------------------------------------------------------------------------------------

    def wanted(self) -> LedgerFilter:
        damage = self.filter_damage.currentData()
        return LedgerFilter(Damage(damage) if damage else None, self.filter_area.text().strip(),
                            self.filter_cause.text().strip(), self.flagged_only.isChecked(),
                            self.household.text().strip() if self.household_only.isChecked() else "")

    def load(self) -> None:
        try:
            self.lines = self.registry.disaster.ledger(self.staff, self.wanted())
        except (ValidationError, StoreError) as exc:
            self.show_message(self._reason(exc), error=True)
            return
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            a = line.dwelling.assessment
            review = ""
            if line.dwelling.flagged:
                review = self.tr("同時の調査あり（{others}）").format(
                    others="・".join(o.damage.value for _, o in line.dwelling.concurrent))
            cells = (a.setai_no, line.head_name, a.damage.value, a.cause, "・".join(line.issued), review, line.chouaza,
                     a.place, format_wareki(a.surveyed_on), a.surveyor)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(DOC_ID_ROLE, line.dwelling.doc_id)
                if line.dwelling.flagged:
                    item.setBackground(FLAGGED)
                self.table.setItem(row, col, item)
        self.count_label.setText(self.tr("{count}件（要確認 {flagged}件）").format(
            count=len(self.lines), flagged=sum(1 for line in self.lines if line.dwelling.flagged)))
        if self.lines and not self.table.selectedItems():
            self.table.selectRow(0)
        self._line_chosen()

    def _filter_changed(self, _value: object) -> None:
        self.load()

    def _select(self, doc_id: str) -> None:
        for row, line in enumerate(self.lines):
            if line.dwelling.doc_id == doc_id:
                self.table.selectRow(row)

    def selected(self) -> LedgerLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows else None

    # --- the certificate ---------------------------------------------------------------------------------------------

    def _line_chosen(self) -> None:
        """The members of the selected row's household are who may ask as 本人等 (or name a 代理人)."""
        line = self.selected()
        chosen = self.member.currentData()
        self.member.clear()
        for atena_no, name in line.persons if line is not None else ():
            self.member.addItem(f"{name}（{atena_no}）", atena_no)
        self.member.setCurrentIndex(max(0, self.member.findData(chosen)) if self.member.count() else -1)

    def _requester_changed(self, _index: int = 0) -> None:
        kind = self.requester_kind.currentData()
        self.member.setEnabled(kind in (RequesterKind.HONNIN, RequesterKind.DAIRININ))
        self.requester_name.setEnabled(kind in (RequesterKind.DAIRININ, RequesterKind.KOUYOU))
        self.proxy_letter.setEnabled(kind is RequesterKind.DAIRININ)

    def requester(self) -> Requester:
        """Who asks, as entered: a 本人等 (or a 代理人's 委任者) is chosen among the household's members."""
        kind = RequesterKind(self.requester_kind.currentData())
        member = self.member.currentData() or ""
        return Requester(kind=kind, name=self.requester_name.text().strip() if kind is not RequesterKind.HONNIN
                         else "", identification=self.identification.currentText().strip(),
                         proxy_letter=self.proxy_letter.text().strip() if kind is RequesterKind.DAIRININ else "",
                         atena_no=member if kind is RequesterKind.HONNIN else "",
                         principal_atena=member if kind is RequesterKind.DAIRININ else "")

    def issue(self, *, export: bool = False, judgment: Judgment | None = None) -> bool:
        """Issue the selected row's 罹災証明書 to the requester entered (for the printer, or as a file when
        `export`). When the facade asks for a supervisor's judgment, the judgment dialog is opened and the request
        issued again with it."""
        line = self.selected()
        if line is None:
            self.show_message(self.tr("発行する行を台帳で選んでください"), error=True)
            return False
        request = RisaiRequest(line.dwelling.doc_id, self.requester())
        try:
            issued = self.registry.disaster.issue_risai(self.staff, request, render, export=export, judgment=judgment)
        except JudgmentRequired as exc:
            if judgment is None and (given := self.ask_judgment(exc.message)) is not None:
                return self.issue(export=export, judgment=given)
            self.show_message(self._reason(exc), error=True)
            return False
        except (ValidationError, StoreError) as exc:  # a refusal: the facade has recorded it in the 交付履歴
            self.show_message(self._reason(exc), error=True)
            return False
        self.issued = issued
        self.pdf = MemoryPdf(issued.pdf, self)
        self.preview.setDocument(self.pdf.document)
        self.preview_label.setText(self.tr("罹災証明書　整理番号 {number}　{name}　{damage}").format(
            number=issued.number, name=issued.certificate.head_name, damage=issued.certificate.damage.value))
        self.load()
        self._select(line.dwelling.doc_id)
        judged = self.tr("{judge}（{role}）の判断により").format(judge=judgment.judge.display_name,
                                                           role=judgment.judge.role.value) if judgment else ""
        self.show_message(judged + self.tr("発行しました。内容を確かめて印刷してください（Ctrl+P）") if not export
                          else judged)
        self._update_buttons()
        return True

    def ask_judgment(self, asked: str) -> Judgment | None:
        """The supervisor's sign-in and reason (a modal dialog); None when cancelled."""
        self.judgment_dialog = JudgmentDialog(self.registry, asked, self)
        accepted = self.judgment_dialog.exec() == QDialog.DialogCode.Accepted
        judgment = self.judgment_dialog.judgment if accepted else None
        self.judgment_dialog.deleteLater()
        self.judgment_dialog = None
        return judgment

    def _issue_clicked(self, _value: object = None) -> None:
        self.issue()

    def _update_buttons(self) -> None:
        self.print_button.setEnabled(self.pdf is not None)

    def _print_clicked(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the issued certificate to `printer`; the pages printed."""
        if self.pdf is None:
            return 0
        pages = send_to_printer(self.pdf, printer, self.show_message)
        if pages:
            self.show_message(self.tr("%n枚を印刷に送りました", "", pages))
        return pages

    def _save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("PDFで保存"), "risai.pdf", "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> bool:
        """係長 and above: issue the selected row's certificate as a file (audited as an export)."""
        if not self.may_export or not self.issue(export=True):
            return False
        assert self.issued is not None
        return save_file(path, self.issued.pdf, self.tr("{path} に保存しました（ファイル出力として監査ログに記録）").format(path=path), self.show_message)

    def _csv_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("CSVで出力"), "higaisha-daicho.csv", "CSV (*.csv)")
        if name:
            self.export_csv(Path(name))

    def export_csv(self, path: Path) -> bool:
        """The 台帳 as filtered, as CSV (UTF-8 with a BOM, for spreadsheet programs; 係長 and above)."""
        try:
            data = encoded(self.registry.disaster.ledger_csv(self.staff, self.wanted()))
        except StoreError as exc:
            self.show_message(exc.message, error=True)
            return False
        return save_file(path, data, self.tr("{path} に出力しました").format(path=path), self.show_message, write_csv)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that reach the dialog from any field: Ctrl+Enter records, F8 issues, Ctrl+P prints."""
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.record()
        elif event.key() == Qt.Key.Key_F8:
            self.issue()
        elif event.key() == Qt.Key.Key_P and ctrl:
            self._print_clicked()
        else:
            super().keyPressEvent(event)

    def _reason(self, exc: ValidationError | StoreError) -> str:
        return error_text(exc) if isinstance(exc, ValidationError) else exc.message

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
