"""The 交付 screen: the request on the left, the issued certificate on the right, then the printer.

「発行」 hands the request to the facade, which decides by the rules, numbers and signs every copy and records the
交付 (or the refusal, whose reason is shown here); the preview is then exactly what was issued, and 「印刷」 sends
those pages to a printer through Qt's print dialog, from memory. 「PDFで保存」 (係長 and above) issues the request
as a file instead: the facade audits it as an export. Each 交付 goes to one place: paper or a file.

For a person under 支援措置 the screen says so at the top, and so it does when this terminal's data is older than the
municipality's limit (it may lack a 支援措置 started on another terminal: 第三者 and 代理人 then need a judgment). A
request that needs a supervisor's judgment opens the judgment dialog (another supervisor than the one at this
screen signs in and states the reason), and the request is then issued with it. A request by the 加害者 (or on his
behalf) is refused with no way around it.

Keyboard first: Enter moves to the next field and issues from the last one (Ctrl+Enter from anywhere); after
issuing, Enter prints. Esc closes; with an issued certificate not yet printed, the first Esc warns and the second
closes (the 交付履歴 keeps the issue either way).

A 再交付 (from the 照会's 交付履歴) opens the same screen with the request of the 交付 it repeats, shown and not
editable: 「発行」 issues it again through the facade (a new 発行番号, the 手数料 by the usual rules), printing what that
交付 printed, marked 「再交付」; the screen says so, and that today's record is a new 交付.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.history import residences
from domain.kofu_history import IssueLine
from domain.kofu_rules import PHOTO_IDS, ended, request_from
from domain.protection import JudgmentRequired, Process
from domain.roles import Permission, allowed
from local_store.errors import StoreError
from local_store.kofu import Issued, request_of
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.residents_service import PersonRecord
from local_store.staff import Staff
from reports.certificate_pdf import render
from ui.common.field_errors import error_text
from ui.common.pdf_pages import MemoryPdf, join_copies, prepare_printer, send_to_printer
from ui.common.saved_file import save_file
from ui.common.styles import ERROR_STYLE
from ui.kofu.form import KofuForm
from ui.kofu.judgment_dialog import JudgmentDialog

UNPRINTED_WARNING = QT_TRANSLATE_NOOP(
    "KofuDialog", "発行した証明書をまだ印刷していません。閉じるにはもう一度 Esc を押してください（交付履歴には発行として残ります）")
NOT_TO_FILE = QT_TRANSLATE_NOOP("KofuDialog", "ファイルへの印刷はできません。ファイルが必要なときは係長が「PDFで保存」で出力します")
ONE_COPY_ONLY = QT_TRANSLATE_NOOP(
    "KofuDialog", "プリンタの部数は1にしてください。通数は請求の「通数」で指定します（1通ごとに発行番号が異なります）")
PROTECTED = QT_TRANSLATE_NOOP("KofuDialog", "支援措置の対象者です。加害者には交付しません。本人には写真付きの本人確認書類（{ids}）で"
                                            "交付し、それ以外の請求には係長の判断が必要です。")
STALE = QT_TRANSLATE_NOOP("KofuDialog", "{note}。他の端末で始まった支援措置が届いていないおそれがあるため、第三者・代理人の請求には"
                                        "係長の判断が必要です。")
REISSUE = QT_TRANSLATE_NOOP("KofuDialog", "再交付: {kind}（発行番号 {number}）と同じ請求で、その交付と同じ内容を「再交付」として"
                                          "印字します（その後の異動は記載されません。新しい発行番号、手数料は通常どおり）。"
                                          "今日の記録で交付するときは、新たに交付してください")
REISSUED = QT_TRANSLATE_NOOP("KofuDialog", "再交付: 発行番号 {number} の交付と同じ内容です（その後の異動は記載されません）")


class KofuDialog(QDialog):
    """The 交付 of a request for the person of `record`; with `reissue`, the 再交付 of that 交付."""

    def __init__(self, registry: Registry, staff: Staff, record: PersonRecord, parent: QWidget | None = None, *,
                 reissue: IssueLine | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.staff = staff
        self.reissue = reissue
        self.issued: Issued | None = None
        self.judgment_dialog: JudgmentDialog | None = None
        self.pdf: MemoryPdf | None = None
        self.printed = False
        self._warned = False
        person = record.current
        self.setWindowTitle(self.tr("証明書の交付 ― {name}（宛名番号 {atena}）").format(name=person.name,
                                                                                  atena=person.atena_no))

        self.form = KofuForm(person, record.household, registry.today(), fees=registry.settings.fees(),
                             johyo=ended(residences(record.history), record.lives_here))
        self.form.changed.connect(self._form_changed)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long notes wrap instead
        form_scroll.setWidget(self.form)
        form_scroll.setMinimumWidth(470)
        self.protection_label = QLabel(self.tr(PROTECTED).format(ids="・".join(PHOTO_IDS)))
        self.protection_label.setObjectName("protectionNote")
        self.protection_label.setWordWrap(True)
        self.protection_label.setStyleSheet("background: #fde2e1; color: #8b0000; border: 2px solid #c62828; "
                                            "padding: 6px; font-weight: bold;")
        self.protection_label.setVisible(any(Process.KOFU in p.measure.processes for p in record.protection))
        note = registry.kofu.data_age().note()
        self.data_age_label = QLabel(self.tr(STALE).format(note=note) if note else "")
        self.data_age_label.setObjectName("dataAge")
        self.data_age_label.setWordWrap(True)
        self.data_age_label.setStyleSheet("background: #fff4d6; color: #6b4400; border: 2px solid #c98a00; "
                                          "padding: 6px; font-weight: bold;")
        self.data_age_label.setVisible(bool(note))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.preview = QPdfView()
        self.preview.setObjectName("preview")
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setMinimumWidth(480)
        self.preview_label = QLabel(self.tr("「発行」で証明書を作成すると、ここに表示します"))
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)

        self.issue_button = QPushButton(self.tr("発行（Ctrl+Enter）"))
        self.print_button = QPushButton(self.tr("印刷（Ctrl+P）"))
        self.save_button = QPushButton(self.tr("PDFで保存（Ctrl+S）"))
        self.close_button = QPushButton(self.tr("閉じる（Esc）"))
        self.may_export = allowed(staff.role, Permission.EXPORT_CERTIFICATE)
        self.save_button.setVisible(self.may_export)
        self.save_button.setToolTip(self.tr("ファイル出力は係長以上の権限で、監査ログに記録されます"))
        for button in (self.issue_button, self.print_button, self.save_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by their keys; Tab stays on the fields
            button.setAutoDefault(False)
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(self._print_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (("Ctrl+Return", self.issue), ("Ctrl+Enter", self.issue),
                           ("Ctrl+P", self._print_clicked), ("Ctrl+S", self._save_clicked)):
            QShortcut(QKeySequence(keys), self, slot)

        left = QVBoxLayout()
        left.addWidget(self.protection_label)
        left.addWidget(self.data_age_label)
        left.addWidget(form_scroll, 1)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 1)
        halves = QHBoxLayout()
        halves.addLayout(left, 5)  # the form's notes need the width more than the preview
        halves.addLayout(right, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.issue_button, self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(halves, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        self.resize(1280, 720)  # within a 1366×768 screen
        self.form.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        if reissue is not None:
            self.setWindowTitle(self.tr("再交付 ― {name}（宛名番号 {atena}）").format(name=person.name,
                                                                              atena=person.atena_no))
            self.form.load(request_of(reissue.request), reissue.stays)
            self.form.setEnabled(False)
            self.show_message(self.tr(REISSUE).format(kind=reissue.kind, number=reissue.issue_numbers[0]))

    # --- issuing -------------------------------------------------------------------------------------------------

    def issue(self, *, export: bool = False, judgment: Judgment | None = None) -> bool:
        """Issue the request (for the printer, or as a file when `export`); False with the reason shown if refused.
        When the facade asks for a supervisor's judgment, the judgment dialog is opened and the request issued again
        with the judgment given there."""
        if self.issued is not None:
            return False
        try:
            if self.reissue is not None:
                issued = self.registry.kofu.reissue(self.staff, self.reissue.issue_numbers[0], render, export=export,
                                                    judgment=judgment)
            else:
                issued = self.registry.kofu.issue(self.staff, request_from(self.form.values()), render,
                                                  export=export, judgment=judgment)
        except JudgmentRequired as exc:
            if judgment is None and (given := self.ask_judgment(exc.message)) is not None:
                return self.issue(export=export, judgment=given)
            self.show_message(error_text(exc), error=True)
            return False
        except ValidationError as exc:  # a refusal: the facade has recorded it in the 交付履歴
            self.show_message(error_text(exc), error=True)
            return False
        except StoreError as exc:
            self.show_message(exc.message, error=True)
            return False
        self.issued = issued
        self.pdf = MemoryPdf(join_copies(issued.pdfs), self)
        self.preview.setDocument(self.pdf.document)
        copies = len(issued.pdfs)
        mailed = (self.tr("　個人番号の記載があるため本人の住所へ郵送します")
                  if issued.decision.disposal.value == "郵送" else "")
        self.preview_label.setText(
            self.tr("{kind} {copies}・{pages}　手数料 {fee}円").format(
                kind=issued.request.kind.value, copies=self.tr("%n通", "", copies),
                pages=self.tr("%n枚", "", self.pdf.page_count), fee=f"{issued.decision.fee:,}")
            + mailed + "\n" + self.tr("発行番号 {numbers}").format(numbers="、".join(issued.issue_numbers))
            + ("\n" + self.tr(REISSUED).format(number=issued.reissue_of) if issued.reissue_of else ""))
        self.form.setEnabled(False)
        if judgment:
            judge = {"judge": judgment.judge.display_name, "role": judgment.judge.role.value}
            self.show_message(self.tr("{judge}（{role}）の判断によりファイルに出力します").format(**judge) if export
                              else self.tr("{judge}（{role}）の判断により発行しました。内容を確かめて印刷してください"
                                           "（Enter で印刷）").format(**judge))
        else:
            self.show_message(self.tr("ファイルに出力します") if export
                              else self.tr("発行しました。内容を確かめて印刷してください（Enter で印刷）"))
        self._update_buttons(export=export)
        return True

    def ask_judgment(self, asked: str) -> Judgment | None:
        """The supervisor's sign-in and reason (a modal dialog); None when cancelled."""
        self.judgment_dialog = JudgmentDialog(self.registry, asked, self, processing=self.staff)
        accepted = self.judgment_dialog.exec() == QDialog.DialogCode.Accepted
        judgment = self.judgment_dialog.judgment if accepted else None
        self.judgment_dialog.deleteLater()
        self.judgment_dialog = None
        return judgment

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1e4620;")
        self.message.setVisible(bool(text))

    def _form_changed(self) -> None:
        if self.issued is None and self.reissue is None and self.message.isVisible():
            self.show_message("")

    def _update_buttons(self, *, export: bool = False) -> None:
        issued = self.issued is not None
        self.issue_button.setEnabled(not issued)
        self.print_button.setEnabled(issued and not export)
        self.save_button.setEnabled(self.may_export and not issued)

    # --- paper and files -------------------------------------------------------------------------------------------

    def _print_clicked(self) -> None:
        if self.pdf is None or not self.print_button.isEnabled():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.outputFormat() is not QPrinter.OutputFormat.NativeFormat:
            self.show_message(self.tr(NOT_TO_FILE), error=True)
            return
        if printer.copyCount() > 1:
            self.show_message(self.tr(ONE_COPY_ONLY), error=True)
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the issued pages to `printer` (chosen in the print dialog); the pages printed."""
        if self.pdf is None:
            return 0
        pages = send_to_printer(self.pdf, printer, self.show_message)
        if not pages:
            return 0
        self.printed = True
        self.show_message(self.tr("{pages}を印刷に送りました（{printer}）").format(
            pages=self.tr("%n枚", "", pages), printer=printer.printerName() or self.tr("プリンタ")))
        return pages

    def _save_clicked(self) -> None:
        if not self.save_button.isEnabled():
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("PDFで保存"), "", "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> bool:
        """係長 and above: issue the request as a file (an export the facade audits) and write it to `path`."""
        if not self.may_export or not self.issue(export=True):
            return False
        assert self.pdf is not None
        if not save_file(path, self.pdf.data, self.tr("{path} に保存しました（ファイル出力として監査ログに記録）").format(path=path), self.show_message):
            return False
        self.printed = True  # handed over as a file
        return True

    # --- keys ------------------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.issued is not None:
                self._print_clicked()
            elif self.reissue is not None or self.focusWidget() is self.form.copies:  # a 再交付 has no fields
                self.issue()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.issued is not None and not self.printed and not self._warned:
            self._warned = True
            self.show_message(self.tr(UNPRINTED_WARNING), error=True)
            return
        super().reject()
