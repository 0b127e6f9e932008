"""The 戸籍の附票 room: find a 附票 by 本籍, 筆頭者 or any person's name (residents of the town or not), see it, and
issue its 写し (法20条) with the request on the right.

Keyboard only: type in the search box and Enter; Down into the results and Enter to show one; Tab through the
request; F8 issues the 附票の写し (or 除附票の写し) of the 附票 shown; Ctrl+P prints what was issued; Esc closes. A
request for a person under 支援措置 that needs a 係長's judgment opens the judgment dialog, as the 交付 screen does.
A 係長 opens the 支援措置 of the person chosen in 「誰の本人等か」 when she lives elsewhere (her 住所地 forwarded it); a
窓口 clerk sees no address of a person so protected.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.fuhyo import Fuhyo, FuhyoItem, Relation, member_target, request_from
from domain.kofu_rules import IDENTIFICATIONS, MAX_COPIES, RequesterKind
from domain.protection import JudgmentRequired
from domain.roles import Permission, allowed
from domain.wareki import format_wareki
from local_store.errors import StoreError
from local_store.fuhyo import Found
from local_store.fuhyo_service import FuhyoIssued
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from ui.admin.protection_dialog import ProtectionDialog
from ui.common.field_errors import error_text
from ui.common.pdf_pages import MemoryPdf, join_copies, prepare_printer, send_to_printer
from ui.common.styles import ERROR_STYLE
from ui.kofu.judgment_dialog import JudgmentDialog


class _Table(QTableWidget):
    """A read-only table whose Enter opens the current row."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(self, rows: list[list[str]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.setItem(r, c, QTableWidgetItem(text))


class FuhyoDialog(QDialog):
    """The room; with `atena_no`, opened on that resident's 附票 with her as the 本人 asking."""

    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None, *, atena_no: str = "") -> None:
        super().__init__(parent)
        self.registry = registry
        self.staff = staff
        self.found: list[Found] = []
        self.fuhyo: Fuhyo | None = None
        self.protected: frozenset[str] = frozenset()
        self.issued: FuhyoIssued | None = None
        self.pdf: MemoryPdf | None = None
        self.setWindowTitle(self.tr("戸籍の附票"))

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("本籍・筆頭者・氏名で検索（Enter）"))
        self.results = _Table([self.tr("本籍"), self.tr("筆頭者"), self.tr("記載されている人"), self.tr("状態")])
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.members = _Table([self.tr("氏名"), self.tr("生年月日"), self.tr("性別"), self.tr("住所"),
                               self.tr("住所を定めた年月日"), self.tr("備考")])
        left = QVBoxLayout()
        left.addWidget(self.search_field)
        left.addWidget(self.results, 2)
        left.addWidget(self.heading)
        left.addWidget(self.members, 3)

        self.requester = QComboBox()
        for kind in RequesterKind:
            self.requester.addItem(kind.value, kind)
        self.relation = QComboBox()
        for relation in Relation:
            self.relation.addItem(relation.value, relation)
        self.of = QComboBox()
        self.requester_atena = QLineEdit()
        self.requester_name = QLineEdit()
        self.requester_address = QLineEdit()
        self.identification = QComboBox()
        self.identification.addItems(["", *IDENTIFICATIONS])
        self.proxy_letter = QLineEdit()
        self.reason = QLineEdit()
        self.evidence = QLineEdit()
        self.agency_officer = QLineEdit()
        self.legal_basis = QLineEdit()
        self.honseki = QCheckBox(self.tr("本籍・筆頭者を記載"))
        self.code = QCheckBox(self.tr("住民票コードを記載（本人等のみ）"))
        self.only_chosen = QCheckBox(self.tr("選んだ人だけ（一部の写し）"))  # the person of 「誰の本人等か」
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        form = QFormLayout()
        for label, field in ((self.tr("請求者の種別"), self.requester), (self.tr("続柄"), self.relation),
                             (self.tr("誰の本人等か"), self.of), (self.tr("請求者の宛名番号"), self.requester_atena),
                             (self.tr("請求者の氏名・名称"), self.requester_name),
                             (self.tr("請求者の住所"), self.requester_address),
                             (self.tr("本人確認書類"), self.identification), (self.tr("委任状"), self.proxy_letter),
                             (self.tr("請求事由"), self.reason), (self.tr("疎明資料"), self.evidence),
                             (self.tr("請求の任に当たる職員"), self.agency_officer),
                             (self.tr("法令上の根拠"), self.legal_basis), (self.tr("通数"), self.copies)):
            form.addRow(label, field)
        for box in (self.honseki, self.code, self.only_chosen):
            form.addRow("", box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.preview = QPdfView()
        self.preview.setMinimumHeight(160)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.issue_button = QPushButton(self.tr("附票の写しを発行（F8）"))
        self.print_button = QPushButton(self.tr("印刷（Ctrl+P）"))
        self.close_button = QPushButton(self.tr("閉じる（Esc）"))
        self.protection_button = QPushButton(self.tr("支援措置（住所地から）"))
        self.protection_button.setVisible(allowed(staff.role, Permission.MANAGE_PROTECTION))
        self.protection_dialog: ProtectionDialog | None = None
        buttons = QHBoxLayout()
        for button in (self.issue_button, self.print_button, self.protection_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.message)
        right.addWidget(self.preview, 1)
        right.addLayout(buttons)

        outer = QHBoxLayout(self)
        outer.addLayout(left, 3)
        outer.addLayout(right, 2)

        self.search_field.returnPressed.connect(self.search)
        self.search_field.installEventFilter(self)
        self.results.itemActivated.connect(lambda item: self.show_fuhyo(self.found[item.row()].id))
        self.issue_button.clicked.connect(lambda: self.issue())
        self.print_button.clicked.connect(self.print_issued)
        self.close_button.clicked.connect(self.reject)
        self.protection_button.clicked.connect(self.open_protection)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_issued)
        self.print_button.setEnabled(False)
        self.issue_button.setEnabled(False)
        self.protection_button.setEnabled(False)
        self.resize(1280, 720)
        if atena_no:
            self._open_for(atena_no)
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- finding and showing --------------------------------------------------------------------------------------

    def search(self) -> None:
        query = self.search_field.text().strip()
        if not query:
            return
        try:
            self.found = self.registry.fuhyo.search(self.staff, query)
        except (ValidationError, StoreError) as exc:
            self.show_message(exc.message, error=True)
            return
        self.results.fill([[f.honseki, f.head, "・".join(f.names),
                            self.tr("除附票") if f.closed_on else self.tr("在籍")] for f in self.found])
        self.show_message(self.tr("{count}件見つかりました").format(count=len(self.found)) if self.found
                          else self.tr("見つかりません"))
        if self.found:
            self.results.setCurrentCell(0, 0)

    def show_fuhyo(self, fuhyo_id: str) -> None:
        try:
            shown = self.registry.fuhyo.show(self.staff, fuhyo_id)
        except (ValidationError, StoreError) as exc:
            self.show_message(exc.message, error=True)
            return
        self.fuhyo, self.protected = shown.fuhyo, shown.protected
        closed = self.tr("（除附票）") if shown.fuhyo.closed_on else ""
        self.heading.setText(self.tr("本籍 {honseki}　筆頭者 {head}{closed}").format(
            honseki=shown.fuhyo.honseki, head=shown.fuhyo.head, closed=closed))
        rows = []
        for m in shown.fuhyo.members:
            notes = []
            if m.key in shown.protected:
                notes.append(self.tr("支援措置") if m.addresses else self.tr("支援措置（住所は表示しません）"))
            if m.removed is not None:
                notes.append(self.tr("消除 {date} {reason}").format(date=format_wareki(m.removed.date),
                                                                     reason=m.removed.reason))
            lines = m.addresses or ()
            for index, line in enumerate(lines or [None]):
                first = index == 0
                rows.append([m.name if first else "", format_wareki(m.birth) if first else "",
                             m.sex.value if first else "",
                             "" if line is None else (self.tr("国外転出者") if line.abroad else line.address),
                             "" if line is None else format_wareki(line.since), "　".join(notes) if first else ""])
        self.members.fill(rows)
        self.of.clear()
        for m in shown.fuhyo.members:
            self.of.addItem(m.name, m.key)
        self.issued, self.pdf = None, None
        self.issue_button.setEnabled(True)
        self.protection_button.setEnabled(True)
        self.print_button.setEnabled(False)
        self.show_message(self.tr("F8 で{kind}を発行します").format(kind=shown.fuhyo.kind.value))

    def open_protection(self) -> None:
        """The 支援措置 of the person chosen in 「誰の本人等か」, when she lives elsewhere (a resident's are opened
        from her 照会)."""
        fuhyo = self.fuhyo
        member = fuhyo.member(str(self.of.currentData() or "")) if fuhyo is not None else None
        if fuhyo is None or member is None:
            return
        if member.atena_no:
            self.show_message(self.tr("この町の住民（宛名番号 {atena}）の支援措置は照会画面から登録します").format(
                atena=member.atena_no), error=True)
            return
        self.protection_dialog = ProtectionDialog(self.registry, self.staff, parent=self)
        self.protection_dialog.show_elsewhere(member_target(fuhyo.id, member.key), member.name)
        self.protection_dialog.finished.connect(lambda _result: self.show_fuhyo(fuhyo.id))
        self.protection_dialog.open()

    def _open_for(self, atena_no: str) -> None:
        """A resident's 附票, with her as the 本人 asking."""
        entries = self.registry.fuhyo.of_person(self.staff, atena_no)
        if not entries:
            self.show_message(self.tr("この人の本籍はこの町にありません（附票はありません）"), error=True)
            return
        fuhyo, member = entries[0]
        self.show_fuhyo(fuhyo.id)
        self.requester_atena.setText(atena_no)
        self.of.setCurrentIndex(max(self.of.findData(member.key), 0))

    # --- the 附票の写し -------------------------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        assert self.fuhyo is not None
        include = [item for box, item in ((self.honseki, FuhyoItem.HONSEKI), (self.code, FuhyoItem.JUMINHYO_CODE))
                   if box.isChecked()]
        members = [self.of.currentData()] if self.only_chosen.isChecked() and self.of.currentData() else []
        return {"fuhyo": self.fuhyo.id, "kind": self.fuhyo.kind, "requester": self.requester.currentData(),
                "relation": self.relation.currentData(), "of": self.of.currentData() or "",
                "requester_atena": self.requester_atena.text(), "requester_name": self.requester_name.text(),
                "requester_address": self.requester_address.text(),
                "identification": self.identification.currentText(), "proxy_letter": self.proxy_letter.text(),
                "reason": self.reason.text(), "evidence": self.evidence.text(),
                "agency_officer": self.agency_officer.text(), "legal_basis": self.legal_basis.text(),
                "include": include, "members": members, "copies": self.copies.value()}

    def issue(self, judgment: Judgment | None = None) -> bool:
        """F8: issue the 写し of the 附票 shown; False with the reason shown when it is refused or incomplete."""
        if self.fuhyo is None or self.issued is not None:
            return False
        try:
            issued = self.registry.fuhyo.issue(self.staff, request_from(self.values()), render, judgment=judgment)
        except JudgmentRequired as exc:
            if judgment is None and (given := self.ask_judgment(exc.message)) is not None:
                return self.issue(given)
            self.show_message(error_text(exc), error=True)
            return False
        except ValidationError as exc:
            self.show_message(error_text(exc), error=True)
            return False
        except StoreError as exc:
            self.show_message(exc.message, error=True)
            return False
        self.issued = issued
        self.pdf = MemoryPdf(join_copies(issued.pdfs), self)
        self.preview.setDocument(self.pdf.document)
        self.print_button.setEnabled(True)
        self.issue_button.setEnabled(False)
        self.show_message(self.tr("{kind}を発行しました（手数料 {fee}円　発行番号 {numbers}）。Ctrl+P で印刷します").format(
            kind=issued.request.kind.value, fee=f"{issued.fee:,}", numbers="、".join(issued.issue_numbers)))
        return True

    def ask_judgment(self, asked: str) -> Judgment | None:
        self.judgment_dialog = JudgmentDialog(self.registry, asked, self, processing=self.staff)
        accepted = self.judgment_dialog.exec() == QDialog.DialogCode.Accepted
        judgment = self.judgment_dialog.judgment if accepted else None
        self.judgment_dialog.deleteLater()
        return judgment

    def print_issued(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        pages = send_to_printer(self.pdf, printer, self.show_message)
        if pages:
            self.show_message(self.tr("{pages}枚を印刷に送りました").format(pages=pages))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F8:  # from wherever the focus is: no field takes F8
            self.issue()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box goes into the results."""
        if (watched is self.search_field and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down and self.results.rowCount()):
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)
