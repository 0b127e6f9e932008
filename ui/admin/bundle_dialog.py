"""ファイルによる同期: carry what another terminal lacks out on a file (a 管理者 approves), and take a file in.

Writing a bundle needs a 管理者: the staff member signed in, or an administrator who signs in to the approval dialog
(`ui.common.approval`); the registry checks the approver again and records the 持出し. Taking a file in shows what
happened: how many documents were accepted, were here already, or went to the quarantine; or why the file was refused.
Both run off the GUI thread (`ui.common.background`), the buttons waiting until the file is written or taken in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.roles import Permission, allowed
from local_store.registry import Registry
from local_store.staff import Staff
from sync import bundle
from ui.common.approval import ApprovalDialog, with_approval
from ui.common.background import BackgroundJob
from ui.common.dates import when
from ui.common.styles import ERROR_STYLE, OK_STYLE


class BundleDialog(QDialog):
    changed = Signal()  # a bundle was written or taken in: the banner and the lists may show something new

    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.staff = staff
        self.approval: ApprovalDialog | None = None
        self._job = BackgroundJob(self)
        self.setWindowTitle(self.tr("ファイルによる同期（持出し・持込み）"))
        self.setMinimumWidth(620)
        intro = QLabel(self.tr("クラウドにもネットワークにも接続できないとき、ほかの端末にない文書をファイル（USBメモリ）で"
                               "運びます。文書は暗号化されたまま、ファイルには署名が付きます"))
        intro.setWordWrap(True)

        self.target_edit = QLineEdit()
        self.target_edit.setObjectName("bundleTarget")
        self.target_edit.setPlaceholderText(self.tr("例: 支所1（空欄: どの端末でも取り込めます）"))
        self.everything = QCheckBox(self.tr("すべての文書（前回の持出し以降の分に限らない）"))
        self.everything.setObjectName("bundleEverything")
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("bundleOut")
        browse_out = QPushButton(self.tr("参照…"))
        browse_out.clicked.connect(self._choose_out)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse_out)
        self.export_button = QPushButton(self.tr("持出しファイルを作成"))
        self.export_button.setObjectName("exportBundle")
        self.export_button.clicked.connect(self.export)
        if not allowed(staff.role, Permission.CARRY_OUT):
            self.export_button.setToolTip(self.tr("管理者の承認が必要です（作成するときに求められます）"))
        export_form = QFormLayout()
        export_form.addRow(self.tr("宛先の端末"), self.target_edit)
        export_form.addRow("", self.everything)
        export_form.addRow(self.tr("書き出すファイル"), out_row)
        export_form.addRow("", self.export_button)
        export_box = QGroupBox(self.tr("持出し（管理者の承認・監査記録あり）"))
        export_box.setLayout(export_form)

        self.in_edit = QLineEdit()
        self.in_edit.setObjectName("bundleIn")
        browse_in = QPushButton(self.tr("参照…"))
        browse_in.clicked.connect(self._choose_in)
        in_row = QHBoxLayout()
        in_row.addWidget(self.in_edit, 1)
        in_row.addWidget(browse_in)
        self.import_button = QPushButton(self.tr("取り込む"))
        self.import_button.setObjectName("importBundle")
        self.import_button.clicked.connect(self.take_in)
        import_form = QFormLayout()
        import_form.addRow(self.tr("持出しファイル"), in_row)
        import_form.addRow("", self.import_button)
        import_box = QGroupBox(self.tr("持込み"))
        import_box.setLayout(import_form)

        self.message = QLabel()
        self.message.setObjectName("bundleMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(export_box)
        layout.addWidget(import_box)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self._job.holds(self.export_button, self.import_button)

    def _choose_out(self) -> None:
        name = bundle.default_name(self.registry, self.target_edit.text().strip(), self.registry.now())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("持出しファイルの保存先"), name,
                                              self.tr("持出しファイル (*{suffix})").format(suffix=bundle.SUFFIX))
        if path:
            self.out_edit.setText(path)

    def _choose_in(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("取り込む持出しファイル"), "",
                                              self.tr("持出しファイル (*{suffix});;すべてのファイル (*)").format(
                                                  suffix=bundle.SUFFIX))
        if path:
            self.in_edit.setText(path)

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)


    def done(self, result: int) -> None:
        """Closing waits for a bundle being written or taken in: its thread must not outlive the dialog."""
        self._job.stop()
        super().done(result)

    # --- 持出し ------------------------------------------------------------------------------------------------------

    def export(self) -> None:
        """Write the bundle; when the staff member signed in is not a 管理者, an administrator approves first."""
        if not self.out_edit.text().strip():
            self._show(self.tr("書き出すファイルを選んでください"), error=True)
            return
        self.approval = with_approval(self, self.registry, self.staff, self._export)

    def _export(self, approver: Staff | None) -> None:
        registry, staff, out = self.registry, self.staff, Path(self.out_edit.text().strip())
        target, everything = self.target_edit.text().strip(), self.everything.isChecked()
        self._show(self.tr("持出しファイルを書き出しています…"))
        self._job.begin(lambda _progress: bundle.export_bundle(registry, staff, out, target, everything=everything,
                                                                approver=approver),
                        then=self._exported, otherwise=lambda message: self._show(message, error=True))

    def _exported(self, written: bundle.Written) -> None:
        to = (self.tr("端末「{target}」宛て").format(target=written.header.target_name) if written.header.target
              else self.tr("宛先の指定なし"))
        self._show(self.tr("持出しファイルを作成しました: {file}（{target}、文書 {count} 件）").format(
            file=written.path.name, target=to, count=written.header.count))
        self.changed.emit()

    # --- 持込み ------------------------------------------------------------------------------------------------------

    def take_in(self) -> None:
        text = self.in_edit.text().strip()
        if not text:
            self._show(self.tr("取り込む持出しファイルを選んでください"), error=True)
            return
        registry, staff = self.registry, self.staff
        self._show(self.tr("持出しファイルを取り込んでいます…"))
        self._job.begin(lambda _progress: bundle.import_bundle(registry, staff, Path(text)), then=self._taken_in,
                        otherwise=lambda message: self._show(
                            self.tr("取り込めません: {reason}（何も変更していません）").format(reason=message), error=True))

    def _taken_in(self, taken: bundle.Imported) -> None:
        result = taken.result
        if result.already:
            self._show(self.tr("この持出しファイルは {time} に取込み済みです。何も変更していません").format(
                time=when(dt.datetime.fromisoformat(result.imported_at))))
            return
        text = self.tr("端末「{source}」の持出しファイルを取り込みました: 受入 {accepted} 件、取込み済み {duplicates} 件").format(
            source=taken.header.source_name, accepted=result.accepted, duplicates=result.duplicates)
        if result.quarantined:
            text += self.tr("、隔離 {count} 件（管理者が「要確認・競合・隔離」で確認してください）").format(
                count=result.quarantined)
        self._show(text, error=bool(result.quarantined))
        self.changed.emit()
