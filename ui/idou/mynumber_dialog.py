"""付番待ち: the residents registered without a 個人番号, and filling the numbers in from a file of
`宛名番号,個人番号` lines (all of them, or none, with the wrong line named); on a second tab the pool of
住民票コード and the residents waiting for one (`ui.idou.juminhyo_code_panel`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.mynumber_import import parse
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from ui.common.styles import ERROR_STYLE, OK_STYLE
from ui.common.waiting_table import show_waiting, waiting_table
from ui.idou.juminhyo_code_panel import JuminhyoCodePanel


class MynumberDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.setWindowTitle(self.tr("付番待ち一覧"))
        self.table = waiting_table("waiting")
        self.count = QLabel()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        load = QPushButton(self.tr("ファイルから個人番号を記載…"))
        load.setToolTip(self.tr("1行に「宛名番号,個人番号」（UTF-8 の CSV）。1行でも誤りがあれば何も記載しません"))
        load.clicked.connect(self._load_clicked)
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.reject)
        for button in (load, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(load)
        mynumbers = QWidget()
        layout = QVBoxLayout(mynumbers)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.codes = JuminhyoCodePanel(registry, staff)
        self.tabs = QTabWidget()
        self.tabs.addTab(mynumbers, "個人番号")  # the standard's item names, not translated
        self.tabs.addTab(self.codes, "住民票コード")
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(close)
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)
        outer.addLayout(closing)
        self.resize(900, 560)
        self.refresh()

    def refresh(self) -> None:
        waiting = self.registry.mynumber.awaiting(self.staff)
        self.count.setText(self.tr("個人番号の付番を待っている住民 {count}人").format(count=len(waiting)))
        show_waiting(self.table, waiting)

    def _load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("個人番号のファイル"), "", "CSV (*.csv *.txt)")
        if path:
            self.fill_from(Path(path))

    def fill_from(self, path: Path) -> bool:
        try:
            count = self.registry.mynumber.fill(self.staff, parse(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            self._show(self.tr("ファイルを UTF-8 のテキストとして読めませんでした。何も記載していません"), error=True)
            return False
        except ValidationError as exc:
            self._show(self.tr("{item}：{message}。何も記載していません").format(item=exc.item, message=exc.message), error=True)
            return False
        except StoreError as exc:
            self._show(exc.message, error=True)
            return False
        self.refresh()
        self._show(self.tr("{count}人の個人番号を記載しました").format(count=count), error=False)
        return True

    def _show(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
