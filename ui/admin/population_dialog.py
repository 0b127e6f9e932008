"""人口統計: the 地域・年齢別人口 of a date as a population pyramid (drawn with QPainter), by 町丁目 or in total, and
exported as the open data CSV.

Counting reads every 異動 document (seconds on a large town): it runs as a background job with a progress bar and
can be cancelled; the replica is let go between two batches, so the counter's searches go on meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.population import BANDS, Counts, Population
from domain.wareki import format_short, format_wareki, parse_date
from local_store.registry import Registry
from local_store.staff import Staff
from reports.csv_file import ENCODINGS, write_csv
from reports.opendata_csv import population_csv
from ui.common.background import BackgroundJob
from ui.common.field_errors import error_text
from ui.common.styles import ERROR_STYLE, OK_STYLE

TOTAL = QT_TRANSLATE_NOOP("PopulationDialog", "全体")
MALE_COLOR, FEMALE_COLOR = QColor(70, 110, 180), QColor(200, 90, 110)
ENCODING_LABELS = {"utf-8": "UTF-8", "utf-8-bom": QT_TRANSLATE_NOOP("PopulationDialog", "UTF-8（BOM付き・表計算ソフト向け）"), "shift_jis": "Shift_JIS"}


class PyramidView(QWidget):
    """Men on the left, women on the right, one bar per five-year band, the oldest at the top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: Counts | None = None
        self.setMinimumSize(560, 460)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_counts(self, counts: Counts | None) -> None:
        self.counts = counts
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.counts is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("日付を選んで「集計」を押してください"))
            return
        bands = len(BANDS)
        metrics = painter.fontMetrics()
        label_width = metrics.horizontalAdvance("100歳以上") + 16
        number_width = metrics.horizontalAdvance("000000") + 8
        top, bottom = metrics.height() + 8, 8
        row_height = (self.height() - top - bottom) / bands
        half = (self.width() - label_width) / 2 - number_width
        centre = self.width() / 2
        largest = max(max(self.counts.male), max(self.counts.female), 1)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(QRectF(0, 0, centre - label_width / 2, top), Qt.AlignmentFlag.AlignCenter,
                         self.tr("男性 {count}人").format(count=f"{sum(self.counts.male):,}"))
        painter.drawText(QRectF(centre + label_width / 2, 0, centre - label_width / 2, top),
                         Qt.AlignmentFlag.AlignCenter,
                         self.tr("女性 {count}人").format(count=f"{sum(self.counts.female):,}"))
        for index, band in enumerate(BANDS):
            y = top + (bands - 1 - index) * row_height
            bar = row_height * 0.8
            male, female = self.counts.male[index], self.counts.female[index]
            male_width, female_width = half * male / largest, half * female / largest
            painter.fillRect(QRectF(centre - label_width / 2 - male_width, y, male_width, bar), MALE_COLOR)
            painter.fillRect(QRectF(centre + label_width / 2, y, female_width, bar), FEMALE_COLOR)
            painter.drawText(QRectF(centre - label_width / 2, y, label_width, bar), Qt.AlignmentFlag.AlignCenter,
                             band)
            painter.drawText(QRectF(centre - label_width / 2 - male_width - number_width, y, number_width - 4, bar),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{male:,}")
            painter.drawText(QRectF(centre + label_width / 2 + female_width + 4, y, number_width, bar),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{female:,}")


class PopulationDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.staff = registry, staff
        self.population: Population | None = None
        self._job = BackgroundJob(self)
        self._job.counted.connect(self._progressed)
        self._job.succeeded.connect(self._counted)
        self._job.failed.connect(lambda message: self._show_message(message, error=True))
        self._job.cancelled.connect(lambda: self._show_message(self.tr("集計を取り消しました"), error=True))
        self._job.finished.connect(self._count_ended)
        self.setWindowTitle(self.tr("人口統計（地域・年齢別人口）"))
        self.as_of = QLineEdit(format_short(registry.today()))
        self.as_of.setObjectName("asOf")
        self.as_of.setMaximumWidth(160)
        self.count_button = QPushButton(self.tr("集計"))
        self.count_button.setObjectName("count")
        self.count_button.clicked.connect(self.count)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.area = QComboBox()
        self.area.setObjectName("area")
        self.area.setMinimumWidth(180)
        self.area.currentIndexChanged.connect(self._area_changed)
        self.progress = QProgressBar()
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.pyramid = PyramidView()
        self.encoding = QComboBox()
        for key, label in ENCODING_LABELS.items():
            self.encoding.addItem(self.tr(label), key)
        self.export_button = QPushButton(self.tr("CSVで出力…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self._export_clicked)
        self.export_button.setEnabled(False)
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.reject)
        for button in (self.count_button, self.cancel_button, self.export_button, close):
            button.setAutoDefault(False)
        self.as_of.returnPressed.connect(self.count)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("調査年月日")))
        controls.addWidget(self.as_of)
        controls.addWidget(self.count_button)
        controls.addWidget(self.cancel_button)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("地域")))
        controls.addWidget(self.area)
        controls.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.encoding)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.pyramid, 1)
        layout.addLayout(bottom)
        self.resize(820, 680)

    # --- counting ------------------------------------------------------------------------------------------------

    def count(self) -> None:
        try:
            as_of = parse_date(self.as_of.text(), item=self.tr("調査年月日")).to_date()
        except ValidationError as exc:
            self._show_message(error_text(exc), error=True)
            return
        if self._job.running:
            return
        self._show_message("")
        self.count_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        registry, staff = self.registry, self.staff
        self._job.begin(lambda progress: registry.statistics.population(staff, as_of, progress=progress.count))

    def cancel(self) -> None:
        self._job.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _count_ended(self) -> None:
        self.progress.hide()
        self.count_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _counted(self, result: Population) -> None:
        self.population = result
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem(self.tr(TOTAL))
        for area in result.areas:
            self.area.addItem(area.name)
        self.area.blockSignals(False)
        self.export_button.setEnabled(True)
        self._area_changed(0)

    def _area_changed(self, index: int) -> None:
        if self.population is None or index < 0:
            return
        counts = self.population.total if index == 0 else self.population.areas[index - 1].counts
        note = "" if index == 0 else self.population.areas[index - 1].note
        self.pyramid.show_counts(counts)
        self.summary.setText(self.tr("{date}現在　{area}　総人口 {people}人　世帯数 {households}").format(
            date=format_wareki(self.population.as_of), area=self.area.currentText(), people=f"{counts.total:,}",
            households=f"{len(counts.households):,}") + (f"　（{note}）" if note else ""))

    # --- export --------------------------------------------------------------------------------------------------

    def _export_clicked(self) -> None:
        if self.population is None:
            return
        day = self.population.as_of
        path, _ = QFileDialog.getSaveFileName(self, self.tr("CSVで出力"), f"population-{day:%Y%m%d}.csv", "CSV (*.csv)")
        if path:
            self.export(Path(path), self.encoding.currentData())

    def export(self, path: Path, encoding: str) -> bool:
        assert self.population is not None and encoding in ENCODINGS
        town = self.registry.municipality
        try:
            data = population_csv(self.population, town.code, town.prefecture + town.name, encoding)
            write_csv(path, data)
        except ValidationError as exc:
            self._show_message(error_text(exc), error=True)
            return False
        except OSError as exc:
            self._show_message(self.tr("ファイルに書けませんでした（{error}）").format(error=exc.strerror), error=True)
            return False
        self._show_message(self.tr("{file} に出力しました").format(file=path.name))
        return True

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def done(self, result: int) -> None:
        """Closing cancels a count that is running and waits for its thread."""
        self._job.stop()
        super().done(result)
