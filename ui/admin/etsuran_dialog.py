"""閲覧 (法11条, 11条の2; 管理 menu): requests received, decided, their 閲覧用リスト, and the yearly 公表.

Three tabs. 「申出一覧」 lists every request with its 受付番号, status and lists made; a 係長 approves (F5) or refuses
(F6, with the reason typed in the field above the buttons) the selected request, and makes its 閲覧用リスト (F8),
shown on the right and sent to a printer (Ctrl+P) or saved as a PDF (an audited export). 「申出の受付」 records a
request with the items the law asks for (Ctrl+Enter); every item missing or wrong is named. 「閲覧状況の公表」 writes
the year's 公表 as a PDF or a CSV (係長). The 閲覧用リスト never holds a person under 支援措置.

The list is made and drawn off the GUI thread (`BackgroundJob`), with a busy bar and 取消 until the list is recorded
(once recorded, the approval's one list is drawn to its end). Before the list is printed or saved again it is checked
once more (`EtsuranService.recheck`, also in the background): a refusal that arrived since stops it, and a person
who came under 支援措置 since is left out. A request whose 申出者 or 閲覧者 is a 加害者 of a 支援措置 is marked
要確認 for the 係長, who approves it only with a note of what was checked.

Keyboard: Alt+1, Alt+2, Alt+3 choose a tab; F5 approves, F6 refuses, F8 makes the list, Ctrl+P prints, Ctrl+Enter
records the request entered, Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.etsuran import Case, EtsuranList, Kind, Purpose
from domain.roles import Permission, allowed
from domain.wareki import format_short, format_wareki
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from reports.csv_file import encoded, write_csv
from reports.etsuran_pdf import render_list, render_publication
from ui.common.background import BackgroundJob, Progress
from ui.common.field_errors import error_text
from ui.common.pdf_pages import MemoryPdf, prepare_printer, send_to_printer
from ui.common.saved_file import save_file
from ui.common.styles import ERROR_STYLE, OK_STYLE

COLUMNS = ("受付番号", "状態", "根拠", "申出者（請求機関）", "閲覧の年月日", "対象の範囲", "リスト", "要確認")
READER_SEPARATOR = "／"


class EtsuranDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.cases: list[Case] = []
        self.made: EtsuranList | None = None
        self.pdf: MemoryPdf | None = None
        self.may_decide = allowed(staff.role, Permission.DECIDE_ETSURAN)
        self.job = BackgroundJob(self)
        self.job.said.connect(self.show_message)
        self.job.failed.connect(lambda message: self.show_message(message, error=True))
        self.job.cancelled.connect(lambda: self.show_message(self.tr("閲覧用リストの作成を取り消しました"), error=True))
        self.job.finished.connect(self._job_ended)
        self.setWindowTitle(self.tr("閲覧（住民基本台帳の一部の写し）"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self._cases_tab(), self.tr("申出一覧（Alt+1）"))
        self.tabs.addTab(self._entry_tab(), self.tr("申出の受付（Alt+2）"))
        self.tabs.addTab(self._publication_tab(), self.tr("閲覧状況の公表（Alt+3）"))
        for index in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self, lambda index=index: self.show_tab(index))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("閉じる"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(1300, 720)
        self.load()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ----------------------------------------------------------------------------------------------------

    def _cases_tab(self) -> QWidget:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("cases")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._case_chosen)
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("拒否の理由（承認のときは備考）"))
        self.approve_button = QPushButton(self.tr("承認（F5）"))
        self.refuse_button = QPushButton(self.tr("拒否（F6）"))
        self.list_button = QPushButton(self.tr("閲覧用リスト作成（F8）"))
        self.print_button = QPushButton(self.tr("印刷（Ctrl+P）"))
        self.save_button = QPushButton(self.tr("PDFで保存…"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.job.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 0)  # busy: the work reports no count
        self.progress.hide()
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button.clicked.connect(self.refuse)
        self.list_button.clicked.connect(self.make_list)
        self.print_button.clicked.connect(self._print_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.refuse_button, self.list_button, self.print_button,
                       self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setVisible(self.may_decide)
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        self.job.holds(self.approve_button, self.refuse_button, self.list_button, self.print_button, self.save_button)
        left = QVBoxLayout()
        left.addWidget(self.table, 3)
        left.addWidget(self.details, 1)
        left.addWidget(self.reason)
        left.addLayout(buttons)
        self.preview = QPdfView()
        self.preview.setObjectName("preview")
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview_label = QLabel(self.tr("承認された申出を選んで「閲覧用リスト作成」（F8）を押すと、ここに表示します"))
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 1)
        page = QWidget()
        halves = QHBoxLayout(page)
        halves.addLayout(left, 3)
        halves.addLayout(right, 2)
        return page

    def _entry_tab(self) -> QWidget:
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in Kind:
            self.kind.addItem(f"{kind.value}（{kind.article}）", kind.value)
        self.purpose = QComboBox()
        self.purpose.setObjectName("purpose")
        self.purpose.addItem(self.tr("（機関の請求では選びません）"), "")
        for purpose in Purpose:
            self.purpose.addItem(f"{purpose.value}（{purpose.clause}）", purpose.value)
        self.fields: dict[str, QLineEdit] = {}
        labels = {"applicant": self.tr("申出者の氏名・名称（機関の名称）"), "address": self.tr("住所・所在地"),
                  "representative": self.tr("代表者又は管理人の氏名（法人）"),
                  "affairs": self.tr("請求事由・事務の内容（機関）"), "legal_basis": self.tr("根拠となる法令（機関）"),
                  "use": self.tr("利用の目的"), "handlers": self.tr("閲覧事項を取り扱う者の範囲"),
                  "management": self.tr("閲覧事項の管理の方法"), "results": self.tr("調査研究の成果の取扱い（調査研究）"),
                  "areas": self.tr("町字（「、」で区切る）"), "date": self.tr("閲覧の年月日")}
        for key in labels:
            field = QLineEdit()
            field.setObjectName(key)
            self.fields[key] = field
        self.fields["date"].setText(format_short(self.registry.today()))
        self.readers = QPlainTextEdit()
        self.readers.setObjectName("readers")
        self.readers.setTabChangesFocus(True)
        self.readers.setFixedHeight(56)
        self.readers.setPlaceholderText(self.tr("1行に1人：氏名／職名（機関）又は住所（個人・法人）"))
        self.age_from, self.age_to = QSpinBox(), QSpinBox()
        for box, name in ((self.age_from, "ageFrom"), (self.age_to, "ageTo")):
            box.setObjectName(name)
            box.setRange(-1, 150)
            box.setSpecialValueText(self.tr("指定なし"))
            box.setValue(-1)
        ages = QHBoxLayout()
        ages.addWidget(self.age_from)
        ages.addWidget(QLabel(self.tr("歳から")))
        ages.addWidget(self.age_to)
        ages.addWidget(QLabel(self.tr("歳まで")))
        ages.addStretch(1)
        record = QPushButton(self.tr("受付（Ctrl+Enter）"))
        record.setObjectName("receive")
        record.setAutoDefault(False)
        record.clicked.connect(self.receive)
        form = QFormLayout()
        form.addRow(self.tr("請求・申出の別"), self.kind)
        for key in ("applicant", "address", "representative", "affairs", "legal_basis"):
            form.addRow(labels[key], self.fields[key])
        form.addRow(self.tr("利用の区分（法11条の2第1項各号）"), self.purpose)
        form.addRow(labels["use"], self.fields["use"])
        form.addRow(self.tr("閲覧者"), self.readers)
        for key in ("handlers", "management", "results", "areas"):
            form.addRow(labels[key], self.fields[key])
        form.addRow(self.tr("年齢"), ages)
        form.addRow(labels["date"], self.fields["date"])
        form.addRow("", record)
        page = QWidget()
        page.setLayout(form)
        return page

    def _publication_tab(self) -> QWidget:
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(1900, 9999)
        self.year.setValue(self.registry.today().year)
        pdf = QPushButton(self.tr("PDFで保存…"))
        pdf.setObjectName("publishPdf")
        csv = QPushButton(self.tr("CSVで出力…"))
        csv.setObjectName("publishCsv")
        pdf.clicked.connect(lambda: self._publish_clicked(".pdf"))
        csv.clicked.connect(lambda: self._publish_clicked(".csv"))
        for button in (pdf, csv):
            button.setAutoDefault(False)
            button.setEnabled(self.may_decide)
        note = QLabel(self.tr("その年に閲覧された承認済みの申出（申出者、利用目的の概要、閲覧の年月日、対象の範囲）を"
                              "公表します（法11条第3項、法11条の2第12項）"))
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("年（西暦）")))
        row.addWidget(self.year)
        row.addWidget(pdf)
        row.addWidget(csv)
        row.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(note)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def show_tab(self, index: int) -> None:
        """A tab, with the focus on its first field."""
        self.tabs.setCurrentIndex(index)
        (self.table, self.kind, self.year)[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- the requests ------------------------------------------------------------------------------------------------

    def load(self, keep: str = "") -> None:
        try:
            self.cases = self.registry.etsuran.cases(self.staff)
        except StoreError as exc:
            self.show_message(exc.message, error=True)
            return
        self.table.setRowCount(len(self.cases))
        for row, case in enumerate(self.cases):
            r = case.request
            flags = [self.tr("複数の判断・作成")] if case.flagged else []
            flags += [self.tr("加害者と一致")] if case.offenders else []
            cells = (case.number, case.status.value, r.kind.article, r.applicant, format_wareki(r.date), r.scope,
                     str(len(case.lists)) if case.lists else "", "、".join(flags))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        chosen = next((n for n, c in enumerate(self.cases) if c.number == keep), len(self.cases) - 1)
        if self.cases:
            self.table.selectRow(chosen)
        self._case_chosen()

    def selected(self) -> Case | None:
        rows = self.table.selectionModel().selectedRows()
        return self.cases[rows[0].row()] if rows else None

    def _case_chosen(self) -> None:
        case = self.selected()
        self.details.setText("" if case is None else self._describe(case))

    def _describe(self, case: Case) -> str:
        r = case.request
        readers = "、".join(f"{x.name}（{x.title or x.address}）" for x in r.readers)
        lines = [f"{case.number}　{r.kind.value}（{r.kind.article}）　{r.applicant}　{r.address}",
                 self.tr("利用目的の概要：{summary}").format(summary=r.summary),
                 self.tr("閲覧者：{readers}").format(readers=readers)]
        if r.legal_basis:
            lines.append(self.tr("根拠となる法令：{basis}").format(basis=r.legal_basis))
        if case.offenders:
            lines.append(self.tr("要確認：{names} は支援措置の加害者として登録された者と一致します。"
                                 "承認するときは確認した内容を備考に入力してください").format(names="、".join(case.offenders)))
        if case.decision is not None:
            lines.append(self.tr("{status}：{staff}　{reason}").format(
                status=case.status.value, staff=case.decision.by.staff, reason=case.decision.reason))
        return "\n".join(lines)

    def approve(self) -> bool:
        return self._decide(True)

    def refuse(self) -> bool:
        return self._decide(False)

    def _decide(self, approve: bool) -> bool:
        case = self.selected()
        if case is None:
            self.show_message(self.tr("申出を一覧で選んでください"), error=True)
            return False
        try:
            if approve:
                done = self.registry.etsuran.approve(self.staff, case.number, self.reason.text())
            else:
                done = self.registry.etsuran.refuse(self.staff, case.number, self.reason.text())
        except (ValidationError, StoreError) as exc:
            self.show_message(self._reason(exc), error=True)
            return False
        self.reason.clear()
        self.load(done.number)
        self.show_message(self.tr("受付番号 {number} を{status}しました").format(number=done.number,
                                                                          status=done.status.value))
        return True

    def make_list(self) -> bool:
        """Start making the selected request's 閲覧用リスト in the background (recorded with the request and in the
        audit); it is shown on the right when drawn. False when it could not start."""
        case = self.selected()
        if case is None:
            self.show_message(self.tr("申出を一覧で選んでください"), error=True)
            return False
        if self.job.running:
            return False
        registry, staff, number = self.registry, self.staff, case.number
        message = self.tr("閲覧用リストを作成しています…")

        def work(progress: Progress) -> tuple[EtsuranList, bytes]:
            progress.say(message)
            made = registry.etsuran.make_list(staff, number, progress.check)  # cancelled: nothing recorded
            return made, render_list(made)

        self._begin(work, lambda result: self._list_made(number, *result))
        self.cancel_button.setEnabled(True)
        return True

    def _begin(self, work: Callable[[Progress], Any], then: Callable[[Any], None],
               otherwise: Callable[[str], None] | None = None) -> None:
        self.progress.show()
        self.job.begin(work, then=then, otherwise=otherwise)

    def _job_ended(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)

    def _list_made(self, number: str, made: EtsuranList, pdf: bytes) -> None:
        self._show_list(made, pdf)
        self.load(number)
        self.show_message(self.tr("閲覧用リストを作成しました。印刷（Ctrl+P）するか、PDFで保存してください"))

    def _show_list(self, made: EtsuranList, pdf: bytes) -> None:
        self.made = made
        self.pdf = MemoryPdf(pdf, self)
        self.preview.setDocument(self.pdf.document)
        self.preview_label.setText(self.tr("閲覧用リスト　受付番号 {number}　{count}人").format(
            number=made.number, count=len(made.lines)))

    def _checked(self, then: Callable[[], None]) -> bool:
        """Check the list made again in the background (`EtsuranService.recheck`), drawn again when someone was left
        out, then `then`; False when there is no list or work is running."""
        made = self.made
        if made is None:
            self.show_message(self.tr("先に閲覧用リストを作成してください（F8）"), error=True)
            return False
        if self.job.running:
            return False
        registry, staff = self.registry, self.staff

        def work(_: Progress) -> tuple[EtsuranList, bytes | None]:
            now = registry.etsuran.recheck(staff, made)
            return now, (render_list(now) if now != made else None)

        def checked(result: tuple[EtsuranList, bytes | None]) -> None:
            now, pdf = result
            if pdf is not None:
                self._show_list(now, pdf)
            then()
            if pdf is not None:
                self.show_message(self.tr("作成後に支援措置の対象となった{count}人を除いて出力しました").format(
                    count=len(made.lines) - len(now.lines)))

        def refused(_: str) -> None:  # a refusal arrived: the list is gone from the window
            self.made, self.pdf = None, None
            self.preview.setDocument(None)  # type: ignore[arg-type]

        self._begin(work, checked, refused)
        return True

    def _print_clicked(self) -> None:
        self._checked(self._print_dialog)

    def _print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._print(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Send the list made to `printer`, once checked again (in the background); False when it could not start."""
        return self._checked(lambda: self._print(printer))

    def _print(self, printer: QPrinter) -> int:
        if self.pdf is None:
            return 0
        pages = send_to_printer(self.pdf, printer, self.show_message)
        if pages:
            self.show_message(self.tr("%n枚を印刷に送りました", "", pages))
        return pages

    def _save_clicked(self) -> None:
        if self.made is None:
            self.show_message(self.tr("先に閲覧用リストを作成してください（F8）"), error=True)
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("PDFで保存"), f"etsuran-{self.made.number}.pdf",
                                              "PDF (*.pdf)")
        if name:
            self.save_list(Path(name))

    def save_list(self, path: Path) -> bool:
        """The list made, to a file once checked again (in the background); False when it could not start."""
        return self._checked(lambda: self._save(path))

    def _save(self, path: Path) -> None:
        if self.pdf is not None:
            save_file(path, self.pdf.data, self.tr("{path} に保存しました").format(path=path), self.show_message)

    # --- a new request -----------------------------------------------------------------------------------------------

    def entered(self) -> dict[str, Any]:
        """The request as typed, in the form `EtsuranService.receive` reads (docs/etsuran.md)."""
        values: dict[str, Any] = {key: field.text() for key, field in self.fields.items()}
        kind = Kind(self.kind.currentData())
        readers = []
        for line in self.readers.toPlainText().splitlines():
            if line.strip():
                name, _, rest = line.partition(READER_SEPARATOR)
                readers.append({"name": name, ("title" if kind is Kind.KIKAN else "address"): rest})
        values["areas"] = [a for a in values["areas"].replace(",", "、").split("、") if a.strip()]
        values["ages"] = {"from": self.age_from.value() if self.age_from.value() >= 0 else None,
                          "to": self.age_to.value() if self.age_to.value() >= 0 else None}
        return {**values, "kind": kind.value, "purpose": self.purpose.currentData(), "readers": readers}

    def receive(self) -> bool:
        try:
            case = self.registry.etsuran.receive(self.staff, self.entered())
        except (ValidationError, StoreError) as exc:
            self.show_message(self._reason(exc), error=True)
            return False
        for field in self.fields.values():
            field.clear()
        self.readers.clear()
        self.fields["date"].setText(format_short(self.registry.today()))
        self.load(case.number)
        self.tabs.setCurrentIndex(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_message(self.tr("受付番号 {number} で受け付けました。係長の承認を待ちます").format(number=case.number))
        return True

    # --- the 公表 ----------------------------------------------------------------------------------------------------

    def _publish_clicked(self, suffix: str) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("閲覧状況の公表"), f"etsuran-{self.year.value()}{suffix}",
                                              "PDF (*.pdf)" if suffix == ".pdf" else "CSV (*.csv)")
        if name:
            self.publish(Path(name))

    def publish(self, path: Path) -> bool:
        """The year's 公表 as a PDF, or as CSV (UTF-8 with a BOM) when `path` ends in .csv (係長 and above)."""
        year = self.year.value()
        saved = self.tr("{path} に保存しました").format(path=path)
        try:
            if path.suffix.lower() == ".csv":
                data = encoded(self.registry.etsuran.publication_csv(self.staff, year))
                return save_file(path, data, saved, self.show_message, write_csv)
            lines = self.registry.etsuran.publication(self.staff, year)
            pdf = render_publication(lines, year, self.registry.municipality.full_name)
        except (ValidationError, StoreError) as exc:
            self.show_message(self._reason(exc), error=True)
            return False
        return save_file(path, pdf, saved, self.show_message)

    # --- keys and messages -------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that reach the dialog from any field: F5 approves, F6 refuses, F8 makes the list, Ctrl+P prints,
        Ctrl+Enter records the request entered."""
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl and self.tabs.currentIndex() == 1:
            self.receive()
        elif key == Qt.Key.Key_F5 and self.may_decide:
            self.approve()
        elif key == Qt.Key.Key_F6 and self.may_decide:
            self.refuse()
        elif key == Qt.Key.Key_F8 and self.may_decide:
            self.make_list()
        elif key == Qt.Key.Key_P and ctrl:
            self._print_clicked()
        else:
            super().keyPressEvent(event)

    def done(self, result: int) -> None:
        """Closing waits for the work running (a list being recorded is drawn to its end and dropped)."""
        self.job.stop()
        super().done(result)

    def _reason(self, exc: ValidationError | StoreError) -> str:
        return error_text(exc) if isinstance(exc, ValidationError) else exc.message

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
