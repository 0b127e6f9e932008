"""What waits for a 係長 or 管理者: persons with concurrent 異動, 宛名番号 recorded for two people (番号重複), pairs
of living persons who may be one person recorded twice (同一人の疑い), conflicts of mutable documents, quarantined arrivals; and, on a replica restored from a backup, what the restore did.

A fork is opened in the 照会 pane (its resolution is a 職権修正 naming every concurrent 異動), and so is each person
of a 番号重複, who is a person of their own (the second and later under "宛名番号#2"…), and each person of a
同一人の疑い. A conflict can be
resolved here by keeping the revision now in force, which deletes the others. Quarantined arrivals are listed for
the administrator with why each was held back in Japanese (`quarantine_reasons`), the reason as recorded in its
tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.roles import Permission, Role, allowed
from local_store.errors import StoreError
from local_store.quarantine_reasons import explanation, kind_name
from local_store.registry import Registry
from local_store.staff import Staff
from ui.common.dates import when


def _received(at: str) -> str:
    """A quarantine entry's time of arrival in 和暦; as stored when it cannot be read."""
    try:
        return when(dt.datetime.fromisoformat(at))
    except ValueError:
        return at


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    return table


class ReviewDialog(QDialog):
    def __init__(self, registry: Registry, staff: Staff, open_person: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("要確認・競合・隔離"))
        self.resize(1000, 680)
        self._registry = registry
        self._staff = staff
        layout = QVBoxLayout(self)

        restored = registry.review.restored()
        if restored is not None:
            self.restored = QLabel(restored.warning)
            self.restored.setWordWrap(True)
            self.restored.setStyleSheet("color: #a05a00; font-weight: bold;")
            layout.addWidget(self.restored)

        forks = registry.review.forked_persons(staff)
        layout.addWidget(QLabel(self.tr("要確認（並行した異動）{count}人　― 行を選んで Enter で照会します").format(
            count=len(forks))))
        self.forks = _table(["宛名番号", "氏名", self.tr("並行した異動")],  # 宛名番号, 氏名: the standard's item names
                            [[f.atena_no, f.name, "、".join(f.tips)] for f in forks])
        self.forks.itemActivated.connect(lambda item: (open_person(forks[item.row()].atena_no), self.accept()))
        layout.addWidget(self.forks, 1)

        numbered = [p for d in registry.review.duplicate_numbers(staff) for p in d.persons]
        layout.addWidget(QLabel(self.tr("番号重複（一つの宛名番号に別の人）{count}人　― 行を選んで Enter で照会します").format(
            count=len(numbered))))
        self.duplicates = _table(["宛名番号", "氏名", "生年月日", self.tr("記載した異動")],  # the standard's item names
                                 [[p.key, p.name, p.birth, f"{p.created_as}（{p.created_by}）"] for p in numbered])
        self.duplicates.itemActivated.connect(
            lambda item: (open_person(numbered[item.row()].key), self.accept()))
        layout.addWidget(self.duplicates, 1)

        same = [p for pair in registry.review.same_persons(staff) for p in pair.persons]
        layout.addWidget(QLabel(self.tr("同一人の疑い（氏名・生年月日・性別が同じ住民）{count}組　― 行を選んで Enter で照会します")
                                .format(count=len(same) // 2)))
        self.same_persons = _table(["宛名番号", "氏名", "生年月日", self.tr("記載した異動")],  # the standard's item names
                                   [[p.key, p.name, p.birth, f"{p.created_as}（{p.created_by}）"] for p in same])
        self.same_persons.itemActivated.connect(lambda item: (open_person(same[item.row()].key), self.accept()))
        layout.addWidget(self.same_persons, 1)

        seals = [(atena, r) for atena, found in registry.inkan.forks(staff).items() for r in found]
        layout.addWidget(QLabel(self.tr("印鑑登録の二重登録（別の端末で同時に登録）{count}人　― 行を選んで Enter で照会し、"
                                        "F9 で一方を廃止します").format(count=len({atena for atena, _ in seals}))))
        self.seal_forks = _table(["宛名番号", self.tr("登録番号"), self.tr("登録した端末"), self.tr("登録日時")],
                                 [[atena, r.registration_no, r.terminal, r.registered_at[:16]] for atena, r in seals])
        self.seal_forks.setObjectName("sealForks")
        self.seal_forks.itemActivated.connect(lambda item: (open_person(seals[item.row()][0]), self.accept()))
        layout.addWidget(self.seal_forks, 1)

        self._conflicts = registry.review.conflicts()
        layout.addWidget(QLabel(self.tr("競合 {count}件").format(count=len(self._conflicts))))
        self.conflicts = _table([self.tr("文書"), self.tr("種類"), self.tr("採用中の版"), self.tr("競合する版")],
                                [[c.doc_id, kind_name(c.doc_class), c.winner, "、".join(c.losers)]
                                 for c in self._conflicts])
        layout.addWidget(self.conflicts, 1)
        self.keep_button = QPushButton(self.tr("採用中の版で解決する"))
        self.keep_button.setEnabled(bool(self._conflicts) and allowed(staff.role, Permission.CHANGE_SETTINGS))
        self.keep_button.clicked.connect(self.keep_winner)
        layout.addWidget(self.keep_button)

        if staff.role is Role.ADMIN:
            quarantined = registry.review.quarantined(staff)
            layout.addWidget(QLabel(self.tr("隔離した受信文書 {count}件").format(count=len(quarantined))))
            self.quarantine = _table([self.tr("受信日時"), self.tr("種類"), self.tr("理由"), self.tr("文書")],
                                     [[_received(q.received_at), kind_name(q.doc_class), explanation(q.reason),
                                       q.doc_id] for q in quarantined])
            for row, item in enumerate(quarantined):  # the reason as recorded, for whoever investigates
                self.quarantine.item(row, 2).setToolTip(item.reason)
            # The reason takes the room there is and wraps; each row is as tall as its reason.
            self.quarantine.horizontalHeader().setStretchLastSection(False)
            self.quarantine.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            self.quarantine.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            self.quarantine.setWordWrap(True)
            layout.addWidget(self.quarantine, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる（Esc）"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def keep_winner(self) -> None:
        row = max(self.conflicts.currentRow(), 0)
        conflict = self._conflicts[row]
        try:
            document = self._registry.replication.document(conflict.doc_id)
            assert document is not None
            self._registry.review.resolve_conflict(self._staff, conflict.doc_id, document.body)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("競合の解決"), exc.message)
            return
        self.conflicts.removeRow(row)
        del self._conflicts[row]
        self.keep_button.setEnabled(bool(self._conflicts))
