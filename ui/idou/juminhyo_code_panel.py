"""付番待ち（住民票コード）: how many codes are left in this terminal's pool, the residents recorded while it was
empty, and filling their codes in from it. On the numbering authority a 管理者 also imports a file of codes (one a
line) and leases codes to a terminal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.juminhyo_pool import parse_codes
from domain.roles import Permission, allowed
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from ui.common.styles import ERROR_STYLE, OK_STYLE
from ui.common.waiting_table import show_waiting, waiting_table

LEASE_DEFAULT = 100


class JuminhyoCodePanel(QWidget):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.pool = QLabel()
        self.pool.setObjectName("codePool")
        self.count = QLabel()
        self.table = waiting_table("waitingCodes")
        self.message = QLabel()
        self.message.setObjectName("codeMessage")
        self.message.setWordWrap(True)
        self.fill = QPushButton(self.tr("この端末の住民票コードを記載"))
        self.fill.setObjectName("fillCodes")
        self.fill.setToolTip(self.tr("待っている住民に、この端末の住民票コードを住民票コードの職権記載で記載します"))
        self.fill.clicked.connect(self.fill_codes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.fill)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pool)
        self.authority = allowed(staff.role, Permission.CHANGE_SETTINGS) and \
            registry.codes.state(staff).unleased is not None
        if self.authority:
            layout.addLayout(self._authority_row())
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def _authority_row(self) -> QHBoxLayout:
        """管理者 on the numbering authority: import a file of codes, lease codes to a terminal."""
        load = QPushButton(self.tr("ファイルから住民票コードを取り込む…"))
        load.setToolTip(self.tr("1行に住民票コード1件（UTF-8 のテキスト。空行と # で始まる行は読み飛ばします）。"
                                "1行でも誤りがあれば何も取り込みません"))
        load.clicked.connect(self._load_clicked)
        self.terminals = QComboBox()
        self.terminals.setObjectName("leaseTerminal")
        self.terminals.addItems(sorted(self.registry.codes.terminals(self.staff)))
        self.terminals.setCurrentText(self.registry.terminal)
        self.lease_count = QSpinBox()
        self.lease_count.setObjectName("leaseCount")
        self.lease_count.setRange(1, 100_000)
        self.lease_count.setValue(LEASE_DEFAULT)
        lease = QPushButton(self.tr("払い出す"))
        lease.setObjectName("leaseCodes")
        lease.clicked.connect(lambda: self.lease(self.terminals.currentText(), self.lease_count.value()))
        row = QHBoxLayout()
        row.addWidget(load)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("払出し先の端末")))
        row.addWidget(self.terminals)
        row.addWidget(self.lease_count)
        row.addWidget(lease)
        for button in (load, lease, self.fill):
            button.setAutoDefault(False)
        return row

    def refresh(self) -> None:
        state = self.registry.codes.state(self.staff)
        text = self.tr("この端末の住民票コードの残り {left}件").format(left=state.left)
        if state.unleased is not None:
            text += self.tr("（払い出していない住民票コード {unleased}件）").format(unleased=state.unleased)
        self.pool.setText(text)
        waiting = self.registry.codes.awaiting(self.staff)
        self.count.setText(self.tr("住民票コードを待っている住民 {count}人").format(count=len(waiting)))
        show_waiting(self.table, waiting)
        self.fill.setEnabled(bool(waiting) and state.left > 0)

    def _load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("住民票コードのファイル"), "",
                                              self.tr("テキスト (*.txt *.csv)"))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        try:
            lines = parse_codes(path.read_text(encoding="utf-8"))
            leased = self.registry.codes.import_codes(self.staff, lines)
        except (OSError, UnicodeDecodeError):
            return self._failed(self.tr("ファイルを UTF-8 のテキストとして読めませんでした。何も取り込んでいません"))
        except ValidationError as exc:
            return self._failed(self.tr("{item}：{message}。何も取り込んでいません").format(item=exc.item,
                                                                                     message=exc.message))
        except StoreError as exc:
            return self._failed(exc.message)
        return self._done(self.tr("住民票コードを{count}件取り込み、この端末へ{leased}件払い出しました").format(
            count=len(lines), leased=leased))

    def lease(self, terminal: str, count: int) -> bool:
        try:
            leased = self.registry.codes.lease(self.staff, terminal, count)
        except (ValidationError, StoreError) as exc:
            return self._failed(exc.message)
        return self._done(self.tr("端末「{terminal}」へ住民票コードを{count}件払い出しました（次の同期で届きます）").format(
            terminal=terminal, count=leased))

    def fill_codes(self) -> bool:
        try:
            count = self.registry.codes.fill(self.staff)
        except ValidationError as exc:
            return self._failed(self.tr("{item}：{message}。何も記載していません").format(item=exc.item,
                                                                                   message=exc.message))
        except StoreError as exc:
            return self._failed(exc.message)
        return self._done(self.tr("{count}人の住民票コードを記載しました").format(count=count))

    def _failed(self, text: str) -> bool:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE)
        return False

    def _done(self, text: str) -> bool:
        self.refresh()
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE)
        return True
