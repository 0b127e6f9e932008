"""The window on a real replica, offscreen: sign-in, search as you type, 個人番号 on Enter, 照会, keys, lazy rows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from domain.errors import ValidationError
from domain.protection import Process
from domain.roles import Role
from local_store import terminal_key
from local_store.audit import Filter
from local_store.registry import Registry
from local_store.search import PersonSummary, SearchResult
from local_store.staff import Staff
from tests.support.builders import ADMIN, JST, NOTIFIER, Clock, family, person, tennyu
from tests.support.qt import search_typed, shown_names, type_text
from ui.search.person_table_model import (
    COL_BIRTH,
    COL_KANA,
    COL_NAME,
    COL_PROTECTED,
    COL_STATUS,
    COLUMNS,
    FORKED_MARK,
    PROTECTED_TOOLTIP,
    PersonTableModel,
)
from ui.search.person_view import mask_mynumber
from ui.search.result_table import ResultTable
from ui.search.search_input import MYNUMBER_HINT, describe_result, looks_like_mynumber
from ui.shell.main_window import DEBOUNCE_MS, MainWindow
from ui.shell.replica_opener import open_replica
from ui.shell.sign_in_dialog import SignInDialog
from ui.shell.status_bar import SYNC_NOT_SET_UP

MYNUMBER = "123456789018"  # 山田　太郎's in conftest.family()
WRONG_CHECK_DIGIT = "123456789012"
FOREIGNER = person("グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人", honseki=None,
                   foreign={"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": "中長期在留者",
                            "became_resident": "2026-11-20", "residence_status": "技能実習", "period": "3年",
                            "period_expiry": "2029-11-19", "card_number": "AB12345678CD"})


class RecordingRegistry:
    """The real registry, with a record of the searches and row fetches the window asks of it."""

    def __init__(self, inner: Registry) -> None:
        self._inner = inner
        self.searches: list[tuple[str, bool, bool]] = []
        self.fetched: list[list[int]] = []

    def search(self, actor: Staff, query: str, *, include_removed: bool = False, mynumber: bool = False,
               **options: Any) -> SearchResult:
        self.searches.append((query, include_removed, mynumber))
        return self._inner.search(actor, query, include_removed=include_removed, mynumber=mynumber, **options)

    def summaries(self, ids: list[int]) -> list[PersonSummary]:
        self.fetched.append(list(ids))
        return self._inner.summaries(ids)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, str]:
    """The 山田 family, a 佐藤 couple and a foreign resident; 宛名番号 by name."""
    applied = [registry.apply(admin, family()),
               registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                            person("佐藤　良子", "サトウ　ヨシコ", "S42.6.6", "女", "妻"),
                                            address="さくら県みどり町中町5番地")),
               registry.apply(admin, tennyu(FOREIGNER, address="さくら県みどり町東町1番地"))]
    return {c.row.name: c.row.atena_no for a in applied for c in a.idou.rows}


@pytest.fixture
def recording(registry: Registry) -> RecordingRegistry:
    return RecordingRegistry(registry)


@pytest.fixture
def window(qtbot: QtBot, recording: RecordingRegistry, admin: Staff, clock: Clock, town: dict[str, str]
           ) -> MainWindow:
    win = MainWindow(recording, admin)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


# --- sign-in ---------------------------------------------------------------------------------------------------------


def test_sign_in_refuses_a_wrong_password_inline_and_keeps_the_focus(qtbot: QtBot, registry: Registry) -> None:
    dialog = SignInDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_edit, ADMIN[0])
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.password_edit and dialog.error_label.isHidden()  # Enter moved on only
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.error_label.isVisible() and dialog.error_label.text() == "ユーザIDまたはパスワードが違います"
    assert dialog.staff is None and dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.focusWidget() is dialog.password_edit and dialog.password_edit.text() == ""
    assert dialog.user_edit.text() == ADMIN[0]

    qtbot.keyClicks(dialog.password_edit, ADMIN[2])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.staff is not None and dialog.staff.user == ADMIN[0]


def test_sign_in_is_cancelled_by_esc(qtbot: QtBot, registry: Registry) -> None:
    dialog = SignInDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.staff is None


# --- opening the replica ---------------------------------------------------------------------------------------------


def test_a_terminal_without_keyring_asks_for_its_passphrase_until_right(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    from tests.support.builders import TOWN

    monkeypatch.setattr(terminal_key, "usable_keyring", lambda: None)
    data_dir = tmp_path / "no-keyring"
    Registry.create(data_dir, TOWN, "支所1", ADMIN, passphrase=lambda: "correct horse battery", clock=Clock()).close()
    asked: list[str | None] = []
    answers = iter(["wrong passphrase!", "correct horse battery"])

    def ask(reason: str, error: str | None) -> str | None:
        assert "合言葉" in reason
        asked.append(error)
        return next(answers)

    registry = open_replica(data_dir, ask, Clock())
    assert registry is not None and registry.terminal == "支所1"
    registry.close()
    assert asked == [None, "合言葉が違います"]
    assert open_replica(data_dir, lambda reason, error: None, Clock()) is None  # cancelled


def test_an_empty_folder_starts_the_first_run_wizard_and_cancelling_it_makes_nothing(
        qapp: QApplication, tmp_path: Path) -> None:
    import ui.shell.app

    seen: list[str] = []

    def cancel_the_wizard() -> None:
        wizard = QApplication.activeModalWidget()
        if wizard is None:  # not shown yet: look again
            QTimer.singleShot(20, cancel_the_wizard)
            return
        seen.append(type(wizard).__name__)
        wizard.reject()

    QTimer.singleShot(0, cancel_the_wizard)
    folder = tmp_path / "nothing-here"
    assert ui.shell.app.run_window(folder, Clock()) == 0
    assert seen == ["FirstRunWizard"]
    assert not folder.exists() or not any(folder.iterdir())


def test_run_window_signs_in_and_shows_the_main_window(qtbot: QtBot, qapp: QApplication, registry: Registry,
                                                      clock: Clock, data_dir: Path) -> None:
    import ui.shell.app

    registry.close()  # run_window opens the replica itself
    seen: list[str] = []

    def sign_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog)
        dialog.user_edit.setText(ADMIN[0])
        dialog.password_edit.setText(ADMIN[2])
        dialog.try_sign_in()
        QTimer.singleShot(0, close_main_window)

    def close_main_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(w.status.staff_label.text() for w in windows)
        for w in windows:
            w.close()

    QTimer.singleShot(0, sign_in)
    assert ui.shell.app.run_window(data_dir, clock) == 0
    assert seen == [f"職員: {ADMIN[1]}　権限: 管理者"]


# --- search ----------------------------------------------------------------------------------------------------------


def test_typing_kana_shows_the_matching_rows_and_says_what_was_searched(qtbot: QtBot, window: MainWindow) -> None:
    search_typed(qtbot, window, "やまだ")
    assert sorted(shown_names(window)) == ["山田　一郎", "山田　太郎", "山田　次郎", "山田　花子"]
    assert window.result_label.text() == "フリガナ検索 4件"
    assert window.model.data(window.model.index(0, COL_KANA)).startswith("ヤマダ")
    search_typed(qtbot, window, "　はなこ")  # the box now holds 「やまだ　はなこ」
    assert shown_names(window) == ["山田　花子"]
    assert window.model.data(window.model.index(0, COL_BIRTH)) == "昭和52年3月3日"


def test_a_protected_person_is_marked_in_the_results_for_the_counter_and_her_inquiry_audited(
        qtbot: QtBot, registry: Registry, admin: Staff, town: dict[str, str]) -> None:
    registry.staff.add(admin, "chief", "係長　一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口　一", Role.COUNTER, "clerk-pw")
    registry.protection.add(registry.sign_in("chief", "chief-pw"), [town["山田　花子"]], list(Process))
    win = MainWindow(registry, registry.sign_in("clerk", "clerk-pw"))
    qtbot.addWidget(win)
    search_typed(qtbot, win, "やまだ")
    marks = {win.model.data(win.model.index(row, COL_NAME)): win.model.data(win.model.index(row, COL_PROTECTED))
             for row in range(win.model.rowCount())}
    assert marks == {"山田　一郎": "", "山田　太郎": "", "山田　次郎": "", "山田　花子": "支援"}
    hers = next(row for row in range(win.model.rowCount()) if marks[win.model.data(win.model.index(row, COL_NAME))])
    assert win.model.data(win.model.index(hers, COL_PROTECTED), Qt.ItemDataRole.ToolTipRole) == PROTECTED_TOOLTIP
    assert win.model.headerData(COL_PROTECTED, Qt.Orientation.Horizontal) == "支援"
    registry.audit.flush()
    seen = [e for e in registry.audit.entries(admin, Filter(action="照会（支援措置対象者）"))]
    assert [(e.staff, e.target, e.detail) for e in seen] == [("clerk", town["山田　花子"], "検索の結果に表示")]
    win.close()


def test_the_first_key_searches_at_once_and_quick_typing_waits_for_a_pause(
        qtbot: QtBot, window: MainWindow, recording: RecordingRegistry) -> None:
    type_text(window.search_field, "さとう")  # an input method commits the word: searched at once
    assert recording.searches == [("さとう", False, False)]
    assert sorted(shown_names(window)) == ["佐藤　一郎", "佐藤　良子"]
    qtbot.waitUntil(lambda: not window._debounce.isActive(), timeout=DEBOUNCE_MS * 10)
    assert len(recording.searches) == 1  # nothing typed since: no second search

    window.search_field.clear()
    for chunk in ("や", "ま", "だ"):
        type_text(window.search_field, chunk)
    assert recording.searches[1:] == [("や", False, False)]  # the keys after the first wait for the pause
    qtbot.waitUntil(lambda: len(recording.searches) == 3, timeout=DEBOUNCE_MS * 10)
    assert recording.searches[2] == ("やまだ", False, False)


def test_a_twelve_digit_number_is_searched_only_on_enter_as_a_mynumber(
        qtbot: QtBot, window: MainWindow, recording: RecordingRegistry) -> None:
    qtbot.keyClicks(window.search_field, MYNUMBER[:11])
    qtbot.waitUntil(lambda: recording.searches[-1][0] == MYNUMBER[:11], timeout=2000)  # a 宛名番号 prefix, as typed
    assert recording.searches[-1] == (MYNUMBER[:11], False, False)
    searched = len(recording.searches)
    qtbot.keyClicks(window.search_field, MYNUMBER[11])
    qtbot.wait(DEBOUNCE_MS * 3)
    assert len(recording.searches) == searched and window.model.rowCount() == 0  # 12 digits: never as typed
    assert window.message_label.text() == MYNUMBER_HINT

    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert recording.searches[-1] == (MYNUMBER, False, True)
    assert window.result_label.text() == "個人番号検索 1件"
    assert window.person_view.record is not None  # a single hit is opened at once
    assert window.person_view.record.current.name == "山田　太郎"


def test_an_invalid_mynumber_on_enter_shows_the_message_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    with pytest.raises(ValidationError) as expected:
        window.registry.search(window.staff, WRONG_CHECK_DIGIT, mynumber=True)
    qtbot.keyClicks(window.search_field, WRONG_CHECK_DIGIT)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert expected.value.message in window.message_label.text()
    assert window.message_label.isVisible() and window.model.rowCount() == 0


def test_removed_persons_appear_only_with_the_checkbox(qtbot: QtBot, window: MainWindow, town: dict[str, str],
                                                       clock: Clock) -> None:
    window.registry.apply(window.staff, {"reason": "国内転出", "idou_date": "R8.12.10", "notifier": NOTIFIER,
                                         "targets": [town["山田　次郎"]], "destination": "東京都港区芝公園4丁目2番8号"})
    search_typed(qtbot, window, "やまだ　じろう")  # until the 予定日 he still lives here
    assert shown_names(window) == ["山田　次郎"]
    assert window.model.data(window.model.index(0, COL_STATUS)) == "転出予定"
    clock.now = dt.datetime(2026, 12, 10, 9, 0, tzinfo=JST)
    window.search_field.clear()
    search_typed(qtbot, window, "やまだ　じろう")
    assert window.model.rowCount() == 0 and window.message_label.text() == "該当する人はいません"
    window.include_removed.setChecked(True)
    assert shown_names(window) == ["山田　次郎"]
    assert window.model.data(window.model.index(0, COL_STATUS)) == "転出"


def test_the_result_line_says_when_there_are_more() -> None:
    assert describe_result(SearchResult("フリガナ", list(range(12)), False)) == "フリガナ検索 12件"
    assert "さらにあります" in describe_result(SearchResult("フリガナ", list(range(1000)), True))
    assert describe_result(SearchResult("", [], False)) == ""
    assert looks_like_mynumber("１２３４ ５６７８ ９０１８") and not looks_like_mynumber("12345678901")


# --- keys and 照会 ------------------------------------------------------------------------------------------------------


def test_down_enter_and_esc_move_between_search_results_and_person(qtbot: QtBot, window: MainWindow) -> None:
    search_typed(qtbot, window, "さとう　いちろう")
    assert shown_names(window) == ["佐藤　一郎"]
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.focusWidget() is window.table and window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    view = window.person_view
    assert view.record is not None and view.record.current.name == "佐藤　一郎"
    assert view.value("生年月日") == "昭和40年4月1日（61歳）"  # 和暦, and the 満年齢 on the registry's date
    assert view.value("住所") == "さくら県みどり町中町5番地"
    assert [row[1] for row in view.household_table.texts()] == [m.name for m in view.record.household]

    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.search_field
    assert window.search_field.text() == "さとう　いちろう" and window.search_field.selectedText() == "さとう　いちろう"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)  # the second Esc clears
    assert window.search_field.text() == "" and window.model.rowCount() == 0


def test_the_person_pane_shows_the_record_history_and_masked_mynumber(qtbot: QtBot, window: MainWindow,
                                                                      town: dict[str, str]) -> None:
    window.open_person(town["山田　太郎"])
    view = window.person_view
    assert view.value("生年月日") == "昭和50年1月1日（51歳）"
    assert view.value("個人番号") == mask_mynumber(MYNUMBER) == "＊＊＊＊ ＊＊＊＊ 9018"
    qtbot.mouseClick(view.reveal_button, Qt.MouseButton.LeftButton)
    assert view.value("個人番号") == "1234 5678 9018" and view.reveal_button.text() == "隠す"
    window.registry.audit.flush()  # the chain records the reveal
    shown = window.registry.store.conn.execute("SELECT target FROM audit WHERE action = '個人番号表示'").fetchall()
    assert shown == [(town["山田　太郎"],)]
    assert view.value("住民となった年月日") == "令和8年11月20日" and view.value("届出日") == "令和8年11月25日"
    assert view.value("転入前住所") == "東京都千代田区千代田1番1号"
    assert view.value("本籍・筆頭者") == "さくら県みどり町本町1番地　筆頭者 山田　太郎"
    assert view.value("住民状態") == "住民" and not view.is_item_shown("消除事由")
    assert view.history_table.texts() == [["1", "国内転入", "令和8年11月20日", "令和8年11月25日", "令和8年11月27日",
                                           "さくら県みどり町本町2丁目3番4号"]]  # 異動日, 届出日, 処理日
    assert [row[0] for row in view.household_table.texts()] == ["世帯主", "妻", "子", "子"]
    assert view.banner.isHidden()
    view.household_table.setCurrentCell(1, 0)  # Enter on a household member opens that member
    qtbot.keyClick(view.household_table, Qt.Key.Key_Return)
    assert view.record is not None and view.record.current.name == "山田　花子"
    qtbot.keyClick(view.household_table, Qt.Key.Key_Escape)  # Esc from the pane, too, goes back to the search
    assert window.focusWidget() is window.search_field

    window.open_person(town["山田　花子"])  # another person: the number is masked again (she has none: 付番待ち)
    assert view.value("個人番号") == "付番待ち" and view.reveal_button.isHidden()
    window.open_person(town["山田　太郎"])
    assert view.value("個人番号") == "＊＊＊＊ ＊＊＊＊ 9018"


def test_a_foreign_residents_birth_date_is_shown_in_seireki(qtbot: QtBot, window: MainWindow,
                                                            town: dict[str, str]) -> None:
    search_typed(qtbot, window, "ぐえん")
    assert window.model.data(window.model.index(0, COL_BIRTH)) == "1990年1月1日"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    view = window.person_view
    assert view.value("生年月日") == "1990年1月1日（36歳）" and view.value("在留期間の満了の日") == "2029年11月19日"
    assert view.value("氏名（アルファベット）") == "NGUYEN VAN AN" and not view.is_item_shown("本籍・筆頭者")


def test_f5_opens_and_f2_returns_to_search(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    search_typed(qtbot, window, "さとう　よしこ")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert window.person_view.record is not None and window.person_view.record.current.name == "佐藤　良子"
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert window.focusWidget() is window.search_field
    assert window.search_button.text() == "F2 検索" and window.open_button.text() == "F5 照会"


def test_the_status_bar_says_who_where_and_that_sync_is_not_set_up(window: MainWindow) -> None:
    texts = window.status.texts()
    assert SYNC_NOT_SET_UP == "クラウド同期: 未設定" and SYNC_NOT_SET_UP in texts
    assert any(ADMIN[1] in t for t in texts) and "さくら県みどり町" in texts and "端末: 本庁1" in texts
    assert not any("オンライン" in t or "同期済" in t for t in texts)


def test_a_forked_person_is_marked_in_the_table_and_the_pane(qtbot: QtBot, registry: Registry, admin: Staff,
                                                             town: dict[str, str], data_dir: Path,
                                                             tmp_path: Path) -> None:
    registry.close()
    other_dir = tmp_path / "other-terminal"
    shutil.copytree(data_dir, other_dir)
    clock = Clock()
    here, there = Registry.open(data_dir, clock=clock), Registry.open(other_dir, clock=Clock())
    try:
        me, you = here.sign_in(ADMIN[0], ADMIN[2]), there.sign_in(ADMIN[0], ADMIN[2])
        hanako = town["山田　花子"]
        here.apply(me, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "こちら"}}})
        theirs = there.apply(you, {"reason": "職権修正", "idou_date": "R8.11.27",
                                   "set": {hanako: {"former_surname": "佐藤"}}})
        arrived = there.replication.document(theirs.doc_id)
        assert arrived is not None
        here.replication.ingest(arrived)
        win = MainWindow(here, me)
        qtbot.addWidget(win)
        search_typed(qtbot, win, "やまだ　はなこ")
        assert win.model.data(win.model.index(0, COL_STATUS)) == f"住民　{FORKED_MARK}"
        win.open_row(0)
        assert win.person_view.banner.isVisibleTo(win) and FORKED_MARK in win.person_view.banner.text()
        win.close()
    finally:
        here.close()
        there.close()


# --- the lazy model --------------------------------------------------------------------------------------------------


@pytest.fixture
def many(registry: Registry, admin: Staff) -> SearchResult:
    """260 residents named 山田 (65 families), found by one search."""
    registry.idou.apply_batch(admin, [family() for _ in range(65)])
    result = registry.search(admin, "ヤマダ")
    assert len(result.ids) == 260
    return result


def test_the_model_holds_ids_and_fetches_a_page_only_when_a_row_of_it_is_read(
        registry: Registry, many: SearchResult) -> None:
    source = RecordingRegistry(registry)
    model = PersonTableModel(source, cached_pages=2)
    model.set_result(many)
    assert model.rowCount() == 260 and model.columnCount() == len(COLUMNS) and source.fetched == []
    assert model.data(model.index(5, COL_NAME)).startswith("山田")
    assert source.fetched == [many.ids[0:100]]
    model.data(model.index(99, COL_KANA))
    assert len(source.fetched) == 1  # same page: from the cache
    model.data(model.index(259, COL_NAME))
    assert source.fetched[-1] == many.ids[200:260]
    model.data(model.index(150, COL_NAME))
    assert source.fetched[-1] == many.ids[100:200]
    model.data(model.index(0, COL_NAME))  # only two pages are kept: page 0 was dropped
    assert source.fetched[-1] == many.ids[0:100] and len(source.fetched) == 4
    model.set_result(SearchResult("フリガナ", many.ids[:3], False))
    assert model.rowCount() == 3 and len(source.fetched) == 4


def test_a_view_fetches_only_the_pages_of_the_rows_it_shows(qtbot: QtBot, registry: Registry,
                                                            many: SearchResult) -> None:
    source = RecordingRegistry(registry)
    model = PersonTableModel(source)
    view = ResultTable()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    model.set_result(many)
    qtbot.wait(20)
    view.viewport().repaint()
    assert model.rowCount() == 260
    assert source.fetched == [many.ids[0:100]]
    view.scrollToBottom()
    view.viewport().repaint()
    assert source.fetched[-1] == many.ids[200:260]
    assert many.ids[100:200] not in source.fetched  # the middle page was never on screen


def test_the_resident_kind_filter_narrows_the_results_at_once(qtbot: QtBot, window: MainWindow) -> None:
    search_typed(qtbot, window, "グエン")
    assert shown_names(window) == ["グエン　ヴァン　アン"]
    window.resident_kind.setCurrentIndex(window.resident_kind.findData("日本人"))
    assert shown_names(window) == [] and window.message_label.text() == "該当する人はいません"
    window.resident_kind.setCurrentIndex(window.resident_kind.findData("外国人"))
    assert shown_names(window) == ["グエン　ヴァン　アン"]
