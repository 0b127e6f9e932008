"""The main window: search at the top, results above the 照会 pane, the status bar below.

Keyboard first: type to search (at once, and again when quick typing pauses), Down into the results, Enter (or F5)
to open a person, Esc back to the search box and Esc again to clear it; F6 opens the 異動 entry (for the household
shown, or a 転入), F8 the 交付 screen for the person shown. A 12-digit number is a 個人番号: it is searched only on
Enter, and the facade audits that search. Every call to `Registry.search` goes through `_execute_search`. A 交付
chosen in the 照会's 交付履歴 is cancelled or issued again from there; after a 交付, a 再交付 or a cancellation the
照会 is shown again with it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.kofu_history import IssueLine
from domain.kofu_rules import CertificateKind
from domain.roles import Permission, allowed
from local_store.errors import StoreError
from local_store.registry import Registry
from local_store.search import RESIDENT_KINDS, SearchResult
from local_store.staff import Staff
from ui.admin.audit_dialog import AuditDialog
from ui.admin.bundle_dialog import BundleDialog
from ui.admin.daily_dialog import DailyDialog
from ui.admin.disaster_dialog import DisasterDialog
from ui.admin.etsuran_dialog import EtsuranDialog
from ui.admin.key_sheets import print_escrow_shares, print_recovery_kit
from ui.admin.notices_dialog import NoticesDialog
from ui.admin.population_dialog import PopulationDialog
from ui.admin.protection_dialog import ProtectionDialog
from ui.admin.review_dialog import ReviewDialog
from ui.admin.settings_dialog import SettingsDialog
from ui.admin.staff_dialog import StaffDialog
from ui.common.field_errors import error_text
from ui.common.idle_setting import idle_minutes
from ui.common.styles import ERROR_STYLE
from ui.fuhyo.dialog import FuhyoDialog
from ui.idou.dialog import IdouDialog
from ui.idou.mynumber_dialog import MynumberDialog
from ui.inkan.dialog import InkanDialog
from ui.inkan.state import state_text
from ui.kofu.cancel_dialog import CancelDialog
from ui.kofu.dialog import KofuDialog
from ui.search.person_table_model import PersonTableModel
from ui.search.person_view import PersonView
from ui.search.result_table import ResultTable
from ui.search.search_field import SearchField
from ui.search.search_input import (
    MYNUMBER_HINT,
    SearchRequest,
    describe_result,
    is_blank,
    looks_like_mynumber,
)
from ui.shell.disaster_banner import DisasterBanner
from ui.shell.idle_lock import IdleLock
from ui.shell.status_bar import RegistryStatusBar
from ui.shell.sync_service import SyncService

DEBOUNCE_MS = 150
NO_HITS = QT_TRANSLATE_NOOP("MainWindow", "該当する人はいません")


class MainWindow(QMainWindow):
    def __init__(self, registry: Registry, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.staff = staff
        self._last_request: SearchRequest | None = None
        town = registry.municipality
        self.setWindowTitle(self.tr("窓口 ― 住民記録（{town}）").format(town=f"{town.prefecture}{town.name}"))

        # --- search row ---
        self.search_field = SearchField()
        self.include_removed = QCheckBox(self.tr("除票を含む"))
        self.include_removed.setObjectName("includeRemoved")
        self.resident_kind = QComboBox()
        self.resident_kind.setObjectName("residentKind")
        self.resident_kind.addItem(self.tr("すべての住民"), None)
        for kind in RESIDENT_KINDS:  # 住民種別: data of the standard, shown as it is
            self.resident_kind.addItem(kind, kind)
        self.search_button = QPushButton(self.tr("F2 検索"))
        self.open_button = QPushButton(self.tr("F5 照会"))
        self.idou_button = QPushButton(self.tr("F6 異動"))
        self.idou_button.setObjectName("idou")
        self.idou_button.setToolTip(self.tr("照会中の人の世帯の異動（転居・転出・世帯の変更・出生・死亡・職権修正）か、"
                                             "転入を登録します"))
        for button in (self.search_button, self.open_button, self.idou_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by their function keys; Tab stays on the data
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_field, 1)
        search_row.addWidget(self.resident_kind)
        search_row.addWidget(self.include_removed)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.open_button)
        search_row.addWidget(self.idou_button)

        self.result_label = QLabel()
        self.result_label.setObjectName("resultLine")
        self.message_label = QLabel()
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        info_row = QHBoxLayout()
        info_row.addWidget(self.result_label)
        info_row.addWidget(self.message_label, 1)

        # --- results and 照会 ---
        self.model = PersonTableModel(registry, parent=self)
        self.table = ResultTable()
        self.table.setModel(self.model)
        self.table.apply_column_widths()
        self.person_view = PersonView()
        self.person_view.setObjectName("person")
        # Results above, 照会 below: both get the full width (the table's columns, the pane's two halves).
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.person_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        self.disaster_banner = DisasterBanner(registry.now)
        layout.addWidget(self.disaster_banner)
        layout.addLayout(search_row)
        layout.addLayout(info_row)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.status = RegistryStatusBar(registry, staff)
        self.setStatusBar(self.status)
        self.idle_lock = IdleLock(self, registry, lambda: self.staff, self._signed_in_again, idle_minutes(registry))
        self.sync_service = SyncService(registry, self)
        self.sync_service.status.connect(self.status.show_sync)
        self.sync_service.status.connect(self.disaster_banner.show_status)
        self.status.sync_button.clicked.connect(self.sync_service.sync_now)
        self.status.review_button.clicked.connect(self.open_review)
        self._build_menu()
        self.setTabOrder(self.search_field, self.resident_kind)
        self.setTabOrder(self.resident_kind, self.include_removed)
        self.setTabOrder(self.include_removed, self.table)

        # --- behaviour ---
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._typing_paused)
        self._typed_since_search = False
        self.search_field.textEdited.connect(self._text_edited)
        self.search_field.returnPressed.connect(self.search_now)
        self.search_field.downPressed.connect(self.focus_results)
        self.search_field.escapePressed.connect(self._escape_in_search)
        self.include_removed.toggled.connect(self._filters_changed)
        self.resident_kind.currentIndexChanged.connect(self._filters_changed)
        self.table.openRequested.connect(self.open_row)
        self.table.escapePressed.connect(self.focus_search)
        self.table.leftUpward.connect(self.focus_search)
        self.person_view.personRequested.connect(self.open_person)
        self.person_view.mynumberRevealed.connect(lambda atena: self.registry.residents.record_mynumber_shown(self.staff, atena))
        self.search_button.clicked.connect(self.focus_search)
        self.open_button.clicked.connect(self.open_current)
        self.idou_button.clicked.connect(self.open_idou)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.open_current)
        self.person_view.kofuRequested.connect(self.open_kofu)
        self.person_view.protectionRequested.connect(self.open_protection)
        self.person_view.cancelRequested.connect(self.cancel_issue)
        self.person_view.reissueRequested.connect(self.open_reissue)
        self.kofu_dialog: KofuDialog | None = None
        self.cancel_dialog: CancelDialog | None = None
        self.idou_dialog: IdouDialog | None = None
        self.inkan_dialog: InkanDialog | None = None

        self.resize(1280, 800)
        self.splitter.setSizes([300, 400])
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_menu(self) -> None:
        """The 管理 menu: what supervisors and administrators open now and then (the counter's work has F-keys)."""
        self.admin_menu = self.menuBar().addMenu(self.tr("管理(&K)"))
        self.admin_menu.setObjectName("adminMenu")
        settings = self.admin_menu.addAction(self.tr("設定…"))
        settings.setObjectName("openSettings")
        settings.triggered.connect(self.open_settings)
        review = self.admin_menu.addAction(self.tr("要確認・競合・隔離…"))
        review.triggered.connect(self.open_review)
        self.staff_action = self.admin_menu.addAction(self.tr("職員の管理…"))
        self.staff_action.setObjectName("openStaff")
        self.staff_action.triggered.connect(self.open_staff)
        self.audit_action = self.admin_menu.addAction(self.tr("操作記録（監査ログ）…"))
        self.audit_action.setObjectName("openAudit")
        self.audit_action.triggered.connect(self.open_audit)
        self.protection_action = self.admin_menu.addAction(self.tr("支援措置…"))
        self.protection_action.setObjectName("openProtection")
        self.protection_action.triggered.connect(self.open_protection)
        self.kit_action = self.admin_menu.addAction(self.tr("復旧キットの印刷…"))
        self.kit_action.triggered.connect(lambda: print_recovery_kit(self, self.registry, self.staff))
        self.escrow_action = self.admin_menu.addAction(self.tr("エスクロー分割の印刷…"))
        self.escrow_action.triggered.connect(lambda: print_escrow_shares(self, self.registry, self.staff))
        carry = self.admin_menu.addAction(self.tr("ファイルによる同期（持出し・持込み）…"))
        carry.setObjectName("openBundle")
        carry.triggered.connect(self.open_bundle)
        notices = self.admin_menu.addAction(self.tr("通知（送付・受付）…"))
        notices.setObjectName("openNotices")
        notices.triggered.connect(self.open_notices)
        daily = self.admin_menu.addAction(self.tr("異動一覧・日計…"))
        daily.setObjectName("openDaily")
        daily.triggered.connect(self.open_daily)
        waiting = self.admin_menu.addAction(self.tr("付番待ち一覧…"))
        waiting.setObjectName("openMynumber")
        waiting.triggered.connect(self.open_mynumber)
        statistics = self.admin_menu.addAction(self.tr("人口統計…"))
        statistics.setObjectName("openPopulation")
        statistics.triggered.connect(self.open_population)
        disaster = self.admin_menu.addAction(self.tr("被災者台帳・罹災証明書…"))
        disaster.setObjectName("openDisaster")
        disaster.triggered.connect(self.open_disaster)
        inkan = self.admin_menu.addAction(self.tr("印鑑登録・印鑑登録証明書…"))
        inkan.setObjectName("openInkan")
        inkan.setShortcut(QKeySequence(Qt.Key.Key_F9))
        inkan.triggered.connect(lambda: self.open_inkan())
        etsuran = self.admin_menu.addAction(self.tr("閲覧（住民基本台帳の一部の写し）…"))
        etsuran.setObjectName("openEtsuran")
        etsuran.triggered.connect(self.open_etsuran)
        fuhyo = self.admin_menu.addAction(self.tr("戸籍の附票（Shift+F8）…"))
        fuhyo.setObjectName("openFuhyo")
        fuhyo.triggered.connect(self.open_fuhyo)
        self.supervisor_actions = (daily, statistics)  # 係長 and above: offered to the others greyed out
        self.sign_out_action = self.menuBar().addAction(self.tr("サインアウト(&Q)"))
        self.sign_out_action.setObjectName("signOut")
        self.sign_out_action.triggered.connect(self.sign_out)
        self._show_menu_for(self.staff)

    def _show_menu_for(self, staff: Staff) -> None:
        """The menu's items as the one signed in may use them (built once; shown, hidden or greyed out here)."""
        self.staff_action.setVisible(allowed(staff.role, Permission.MANAGE_STAFF))
        self.audit_action.setVisible(allowed(staff.role, Permission.VIEW_AUDIT))
        self.protection_action.setVisible(allowed(staff.role, Permission.MANAGE_PROTECTION))
        for action in (self.kit_action, self.escrow_action):
            action.setVisible(allowed(staff.role, Permission.MANAGE_KEYS))
        self.person_view.set_may_manage_protection(allowed(staff.role, Permission.MANAGE_PROTECTION))
        daily, statistics = self.supervisor_actions
        for action, permission in ((daily, Permission.DAILY_CHECK), (statistics, Permission.STATISTICS)):
            may = allowed(staff.role, permission)
            action.setEnabled(may)
            action.setToolTip("" if may else self.tr("係長以上の権限が必要です"))

    # --- searching -----------------------------------------------------------------------------------------------

    def _text_edited(self, _text: str) -> None:
        """The first edit after a pause searches at once (an input method commits a whole word at a time); edits
        that follow quickly only restart the timer, and the search runs again once typing pauses."""
        if self._debounce.isActive():
            self._typed_since_search = True
        else:
            self.search_as_typed()
        self._debounce.start()

    def _typing_paused(self) -> None:
        if self._typed_since_search:
            self.search_as_typed()

    def _request(self, *, mynumber: bool) -> SearchRequest:
        return SearchRequest(self.search_field.text(), self.include_removed.isChecked(), mynumber,
                             self.resident_kind.currentData())

    def search_as_typed(self) -> None:
        """Search what is typed, except a 12-digit number, which waits for Enter."""
        self._typed_since_search = False
        text = self.search_field.text()
        if is_blank(text):
            self._show_result(None)
            return
        if looks_like_mynumber(text):
            self._show_result(None)
            self._show_message(self.tr(MYNUMBER_HINT))
            return
        self._execute_search(self._request(mynumber=False))

    def search_now(self) -> None:
        """Enter in the search box: search at once; a 12-digit number as 個人番号. A single hit is opened."""
        self._debounce.stop()
        self._typed_since_search = False
        text = self.search_field.text()
        if is_blank(text):
            self._show_result(None)
            return
        result = self._execute_search(self._request(mynumber=looks_like_mynumber(text)))
        if result is not None and len(result.ids) == 1:
            self.open_row(0)

    def _filters_changed(self, *_args: object) -> None:
        """除票を含む or 住民種別 changed: the last search again with the new filters."""
        if self._last_request is not None:
            self._execute_search(SearchRequest(self._last_request.query, self.include_removed.isChecked(),
                                               self._last_request.mynumber, self.resident_kind.currentData()))

    def _execute_search(self, request: SearchRequest) -> SearchResult | None:
        """The one place that calls `Registry.search`; bad input is shown in the window, never raised."""
        try:
            result = self.registry.search(self.staff, request.query, include_removed=request.include_removed,
                                          resident_kind=request.resident_kind,
                                          mynumber=request.mynumber)
        except ValidationError as exc:
            self._show_result(None)
            self._show_message(error_text(exc), error=True)
            return None
        except StoreError as exc:
            self._show_result(None)
            self._show_message(exc.message, error=True)
            return None
        self._last_request = request
        self._show_result(result)
        return result

    def _show_result(self, result: SearchResult | None) -> None:
        self._show_message("")
        if result is None:
            self._last_request = None
            self.model.clear()
            self.result_label.setText("")
            return
        self.model.set_result(result)
        self.result_label.setText(describe_result(result))
        if result.kind and not result.ids:
            self._show_message(self.tr(NO_HITS))
        if result.ids:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollToTop()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if error else "color: #555;")

    # --- moving around -------------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _escape_in_search(self) -> None:
        """Esc in the search box (the second Esc, coming back from the results): start a new search."""
        self._debounce.stop()
        self.search_field.clear()
        self._show_result(None)

    def focus_results(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # from the 照会 pane, or anything else that did not take it
            self.focus_search()
            return
        if event.key() == Qt.Key.Key_F8 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.open_fuhyo()  # Shift+F8: the 交付 key's other choice, the 附票の写し
            return
        if event.key() == Qt.Key.Key_F8:  # from wherever the focus is: no field takes F8
            self.open_kofu()
            return
        if event.key() == Qt.Key.Key_F6:
            self.open_idou()
            return
        super().keyPressEvent(event)

    # --- 照会 ---------------------------------------------------------------------------------------------------------

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> None:
        atena_no = self.model.atena_no(row)
        if atena_no is not None:
            self.open_person(atena_no)

    def open_person(self, atena_no: str) -> None:
        try:
            record = self.registry.person(self.staff, atena_no)
        except (ValidationError, StoreError) as exc:
            self._show_message(exc.message, error=True)
            return
        self.person_view.show_record(record)
        self.person_view.fuhyo_section.show_entries(self.registry.fuhyo.of_person(self.staff, atena_no))
        self.person_view.show_inkan(state_text(self.registry.inkan.of_person(atena_no)))

    def open_kofu(self) -> None:
        """F8: the 交付 screen for the person shown in 照会 (window-modal; one at a time)."""
        record = self.person_view.record
        if record is None:
            self._show_message(self.tr("交付する人を照会してから F8 を押してください"), error=True)
            return
        self._open_kofu_dialog(KofuDialog(self.registry, self.staff, record, self))

    def open_fuhyo(self) -> None:
        """Shift+F8: the 戸籍の附票 room, on the 附票 of the person shown in 照会 when her 本籍 is here."""
        record = self.person_view.record
        self.fuhyo_dialog = FuhyoDialog(self.registry, self.staff, self,
                                        atena_no=record.current.atena_no if record is not None else "")
        self.fuhyo_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.fuhyo_dialog.open()

    def open_reissue(self, line: IssueLine) -> None:
        """再交付 of a 交付 chosen in the 照会's 交付履歴: the 交付 screen with its request."""
        record = self.person_view.record
        if record is not None:
            self._open_kofu_dialog(KofuDialog(self.registry, self.staff, record, self, reissue=line))

    def _open_kofu_dialog(self, dialog: KofuDialog) -> None:
        self.kofu_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._kofu_closed)
        dialog.finished.connect(lambda _: self._show_issued(dialog.issued is not None))
        dialog.open()

    def _kofu_closed(self) -> None:
        self.kofu_dialog = None

    def cancel_issue(self, line: IssueLine) -> None:
        """交付の取消し of a 交付 chosen in the 照会's 交付履歴 (window-modal)."""
        self.cancel_dialog = CancelDialog(self.registry, self.staff, line, self)
        self.cancel_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.cancel_dialog.accepted.connect(lambda: self._show_issued(True))
        self.cancel_dialog.destroyed.connect(self._cancel_closed)
        self.cancel_dialog.open()

    def _cancel_closed(self) -> None:
        self.cancel_dialog = None

    def _show_issued(self, changed: bool) -> None:
        """The 照会 again after a 交付, a 再交付 or a cancellation: its 交付履歴 lists it."""
        record = self.person_view.record
        if changed and record is not None:
            self.open_person(record.current.atena_no)

    def open_idou(self) -> None:
        """F6: the 異動 entry for the household of the person shown in 照会, or a 転入 (window-modal)."""
        self.idou_dialog = IdouDialog(self.registry, self.staff, self.person_view.record, self)
        self.idou_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.idou_dialog.recorded.connect(self._idou_recorded)
        self.idou_dialog.tenshutsuRequested.connect(self._issue_tenshutsu)
        self.idou_dialog.destroyed.connect(self._idou_closed)
        self.idou_dialog.open()

    def _idou_recorded(self, atena_no: str) -> None:
        """Show the recorded state at once: the person in 照会, and the last search again. A 氏名 changed with a seal
        registered opens 印鑑登録 to ask whether the seal still matches."""
        self.open_person(atena_no)
        if self._last_request is not None:
            self._execute_search(self._last_request)
        recorded = self.idou_dialog.result if self.idou_dialog is not None else None
        changed = self.registry.inkan.name_changes(self.staff, recorded) if recorded is not None else []
        if changed:
            self.open_inkan(changed[0].atena_no, name_changed=True)

    def _issue_tenshutsu(self, atena_no: str) -> None:
        """After a 国内転出: the 交付 screen set for the 転出証明書 of everyone who moves out together."""
        self.open_person(atena_no)
        self.open_kofu()
        if self.kofu_dialog is not None:
            self.kofu_dialog.form.set_kind(CertificateKind.TENSHUTSU)
            self.kofu_dialog.form.whole_household.setChecked(True)

    def _idou_closed(self) -> None:
        self.idou_dialog = None

    def open_review(self) -> None:
        """The lists for supervisors and administrators: forks, conflicts, quarantined arrivals."""
        self.review_dialog = ReviewDialog(self.registry, self.staff, self.open_person, self)
        self.review_dialog.open()

    def open_daily(self) -> None:
        """異動一覧・日計: the day's 異動 for the 点検 and the 日計 of 交付 (係長 and above)."""
        self.daily_dialog = DailyDialog(self.registry, self.staff, self)
        self.daily_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.daily_dialog.open()

    def open_mynumber(self) -> None:
        """付番待ち: residents without a 個人番号 yet, and filling the numbers in from a file."""
        self.mynumber_dialog = MynumberDialog(self.registry, self.staff, self)
        self.mynumber_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.mynumber_dialog.open()

    def open_population(self) -> None:
        """人口統計: the population pyramid of a date and the open data CSV (係長 and above)."""
        self.population_dialog = PopulationDialog(self.registry, self.staff, self)
        self.population_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.population_dialog.open()

    def open_disaster(self) -> None:
        """被災者台帳・罹災証明書, for the household shown in 照会 if any (窓口 and above)."""
        record = self.person_view.record
        setai_no = record.current.setai_no if record is not None and record.current.is_resident else ""
        self.disaster_dialog = DisasterDialog(self.registry, self.staff, setai_no, self)
        self.disaster_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.disaster_dialog.open()

    def open_inkan(self, atena_no: str = "", *, name_changed: bool = False) -> None:
        """F9: 印鑑登録 and the 印鑑登録証明書 (窓口 and above), for the person shown in 照会 if any."""
        record = self.person_view.record
        if not atena_no and record is not None and record.current.is_resident:
            atena_no = record.current.atena_no
        self.inkan_dialog = InkanDialog(self.registry, self.staff, atena_no, self, name_changed=name_changed)
        self.inkan_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.inkan_dialog.destroyed.connect(self._inkan_closed)
        self.inkan_dialog.open()

    def _inkan_closed(self) -> None:
        self.inkan_dialog = None

    def open_etsuran(self) -> None:
        """閲覧 (法11条, 11条の2): requests received (窓口 and above), decided and listed (係長 and above)."""
        self.etsuran_dialog = EtsuranDialog(self.registry, self.staff, self)
        self.etsuran_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.etsuran_dialog.open()

    def open_bundle(self) -> None:
        """ファイルによる同期: 持出し (a 管理者 approves) and 持込み, when neither cloud nor network can be reached."""
        self.bundle_dialog = BundleDialog(self.registry, self.staff, self)
        self.bundle_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bundle_dialog.changed.connect(self.sync_service.sync_now)
        self.bundle_dialog.open()

    def open_notices(self) -> None:
        """通知（送付・受付）: the notices owed to other offices, and those received, recorded once confirmed."""
        self.notices_dialog = NoticesDialog(self.registry, self.staff, self)
        self.notices_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notices_dialog.open()

    def open_settings(self) -> None:
        """設定: changeable by administrators, read-only for the others."""
        self.settings_dialog = SettingsDialog(self.registry, self.staff, self)
        self.settings_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog.idle_minutes_saved.connect(self.idle_lock.set_minutes)
        self.settings_dialog.open()

    def open_staff(self) -> None:
        """職員の管理 (管理者)."""
        self.staff_dialog = StaffDialog(self.registry, self.staff, self)
        self.staff_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.staff_dialog.open()

    def open_audit(self) -> None:
        """操作記録（監査ログ） (係長, 管理者)."""
        self.audit_dialog = AuditDialog(self.registry, self.staff, self)
        self.audit_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog.open()

    def open_protection(self) -> None:
        """支援措置 (係長 and above): for the person shown in 照会, or any other by 宛名番号."""
        self.protection_dialog = ProtectionDialog(self.registry, self.staff, self.person_view.record, self)
        self.protection_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.protection_dialog.changed.connect(self._protection_changed)
        self.protection_dialog.open()

    def _protection_changed(self, atena_no: str) -> None:
        """Show the person again with the measures now in force."""
        record = self.person_view.record
        if record is not None and atena_no in [record.current.atena_no, *(m.atena_no for m in record.household)]:
            self.open_person(record.current.atena_no)

    def sign_out(self) -> None:
        """サインアウト: recorded, what was shown cleared, and the window hidden until someone signs in."""
        self.registry.staff.sign_out(self.staff)
        self._escape_in_search()
        self.person_view.clear()
        self.status.show_signed_out()
        self.idle_lock.sign_out()

    def _signed_in_again(self, staff: Staff) -> None:
        """After the idle lock or a sign-out: whoever signed in acts from now on."""
        self.staff = staff
        self.status.show_staff(staff)
        self._show_menu_for(staff)

    def start_sync(self) -> None:
        """Begin continuous sync, its rounds in the background (the window calls this once it is shown)."""
        self.sync_service.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._debounce.stop()
        self.idle_lock.stop()
        self.sync_service.shutdown()
        super().closeEvent(event)
