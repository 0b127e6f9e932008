"""閲覧 against someone who wants more than the law gives, on a real replica of the protected town: a 受付番号 given
twice by a restored terminal, a range so narrow it locates one household, a second list for one approval, a list
after a refusal from another terminal, a list printed again after a 支援措置 started, a 閲覧者 who is a 加害者, names
hiding characters, and a 公表 CSV that a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.etsuran import ETSURAN, MIN_HOUSEHOLDS, RequestInvalid, Stamp, Status, decision_event
from domain.protection import Offender, Process
from local_store import documents
from local_store.audit import Filter
from local_store.backup import restore
from local_store.etsuran_service import OFFENDER_NAMED
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, Clock, person, tennyu
from tests.support.etsuran import chosa, kikan, kyoju
from tests.support.protected import ProtectedTown, protected_town

PASSPHRASE = "backup-passphrase"
GIVEN = (("春", "ハル"), ("夏", "ナツ"), ("秋", "アキ"), ("冬", "フユ"), ("空", "ソラ"), ("海", "ウミ"))


@pytest.fixture
def town(registry: Registry, admin: Staff) -> ProtectedTown:
    return protected_town(registry, admin)


@pytest.fixture
def chief(registry: Registry, town: ProtectedTown) -> Staff:
    return registry.sign_in("chief", "chief-pw")


def approved(registry: Registry, chief: Staff, request: dict[str, Any]) -> str:
    number = registry.etsuran.receive(chief, request).number
    registry.etsuran.approve(chief, number)
    return number


def households(registry: Registry, admin: Staff, count: int, area: str = "本町1丁目") -> None:
    """`count` households of one person each in `area`, all 40 years old."""
    for n, (given, kana) in enumerate(GIVEN[:count]):
        registry.apply(admin, tennyu(person(f"丙野　{given}", f"ヘイノ　{kana}", "S61.1.1", "女", "世帯主"),
                                     address=f"さくら県みどり町{area}2番{n + 1}号"))


# --- 1. 受付番号 -------------------------------------------------------------------------------------------------------


def test_a_terminal_restored_from_a_backup_never_gives_a_request_number_again(
        registry: Registry, admin: Staff, clock: Clock, tmp_path: Path) -> None:
    first = registry.etsuran.receive(admin, kikan()).number
    registry.keys.backup(admin, tmp_path / "b.mdgbak", PASSPHRASE)
    after_backup = registry.etsuran.receive(admin, kikan()).number  # unknown to the backup
    restore(tmp_path / "b.mdgbak", tmp_path / "copy", PASSPHRASE, None, clock=clock)
    copy = Registry.open(tmp_path / "copy", clock=clock)
    try:
        again = copy.etsuran.receive(copy.sign_in(ADMIN[0], ADMIN[2]), kikan()).number
    finally:
        copy.close()
    assert len({first, after_backup, again}) == 3


# --- 3. the adversary --------------------------------------------------------------------------------------------


def test_a_survey_list_that_would_locate_one_household_is_not_made(registry: Registry, admin: Staff,
                                                                   chief: Staff, town: ProtectedTown) -> None:
    """本町1丁目 holds 乙川 太郎 alone: a 調査研究 of it, or of his age only, would point at him."""
    for request in (chosa(areas=["本町1丁目"], ages={}), chosa(areas=["本町1丁目", "中町"], ages={"from": 51, "to": 51})):
        number = approved(registry, chief, request)
        with pytest.raises(ValidationError, match=f"{MIN_HOUSEHOLDS}世帯以上") as refused:
            registry.etsuran.make_list(chief, number)
        assert refused.value.item == "対象の範囲"
        assert next(c for c in registry.etsuran.cases(chief) if c.number == number).lists == ()
    # An individual's 居住関係の確認 concerns one person by law (法11条の2第1項第3号): it may be narrow.
    assert len(registry.etsuran.make_list(chief, approved(registry, chief, kyoju(areas=["本町1丁目"]))).lines) == 1
    # Enough households make a survey.
    households(registry, admin, MIN_HOUSEHOLDS - 1)
    made = registry.etsuran.make_list(chief, approved(registry, chief, chosa(areas=["本町1丁目"], ages={})))
    assert len(made.lines) == MIN_HOUSEHOLDS


def test_one_approval_gives_one_list(registry: Registry, chief: Staff) -> None:
    number = approved(registry, chief, kikan())
    registry.etsuran.make_list(chief, number)
    with pytest.raises(ValidationError, match="作成済み"):
        registry.etsuran.make_list(chief, number)
    [case] = [c for c in registry.etsuran.cases(chief) if c.number == number]
    assert len(case.lists) == 1 and not case.flagged


def test_a_refusal_from_another_terminal_stops_the_list_and_its_copies(registry: Registry, chief: Staff) -> None:
    number = approved(registry, chief, kikan())
    made = registry.etsuran.make_list(chief, number)  # made before the refusal arrived
    other = approved(registry, chief, kikan())
    for case in (c for c in registry.etsuran.cases(chief) if c.number in (number, other)):
        body = decision_event(case.doc_id, False, "請求事由が法令の事務にあたらない",
                              Stamp("chief2", "支所1", "2026-11-27T09:00:00+09:00"))
        registry.replication.ingest(documents.Document(
            documents.new_doc_id(), documents.revision_id(registry.store.data_key, None, False, body), ETSURAN, body))
    assert all(c.status is Status.REFUSED and c.flagged for c in registry.etsuran.cases(chief))
    with pytest.raises(ValidationError, match="承認されていません"):
        registry.etsuran.make_list(chief, other)
    with pytest.raises(ValidationError, match="拒否されたため"):
        registry.etsuran.recheck(chief, made)


def test_a_person_protected_after_the_list_was_made_is_not_in_it_when_printed_again(
        registry: Registry, admin: Staff, chief: Staff, town: ProtectedTown) -> None:
    made = registry.etsuran.make_list(chief, approved(registry, chief, kikan(areas=["本町1丁目", "中町"])))
    assert "乙川　太郎" in [line.name for line in made.lines]
    assert registry.etsuran.recheck(chief, made) == made
    registry.protection.add(chief, [town.taro.atena_no], [Process.KOFU, Process.SHOUKAI])
    again = registry.etsuran.recheck(chief, made)
    assert [line.name for line in again.lines] == [line.name for line in made.lines if line.name != "乙川　太郎"]
    [entry] = [e for e in registry.audit.entries(admin, Filter()) if e.action == "閲覧用リスト再出力"
               and "除外" in e.detail]
    assert entry.target == made.number and "支援措置対象者の1件を除外" in entry.detail


@pytest.mark.parametrize("reader", ["乙川太郎", "おつかわ　たろう", "乙川　太郎"])
def test_a_reader_who_is_a_named_offender_is_flagged_to_the_supervisor(registry: Registry, admin: Staff,
                                                                       chief: Staff, reader: str) -> None:
    """乙川 太郎 is the 加害者 of the measure protecting 花子 and 一郎: as a 閲覧者, by any spelling search calls his."""
    clerk = registry.sign_in("clerk", "clerk-pw")
    case = registry.etsuran.receive(clerk, kyoju(readers=[{"name": "申出　次郎", "address": "東京都千代田区1番1号"},
                                                          {"name": reader, "address": "東京都千代田区1番1号"}]))
    assert case.offenders == ()  # a clerk is not told who is a 加害者
    [seen] = [c for c in registry.etsuran.cases(chief) if c.number == case.number]
    assert seen.offenders == (reader,)
    with pytest.raises(ValidationError, match="加害者として登録された者と一致") as refused:
        registry.etsuran.approve(chief, case.number)
    assert refused.value.item == "承認の備考"
    done = registry.etsuran.approve(chief, case.number, "同姓同名の別人であることを住民票で確認した")
    assert done.status is Status.APPROVED and done.decision is not None and done.decision.checked == (reader,)
    assert len(registry.etsuran.make_list(chief, case.number).lines) == 1  # 佐藤 一郎 of 中町
    [entry] = [e for e in registry.audit.entries(admin, Filter()) if e.action == "閲覧承認"]
    assert OFFENDER_NAMED in entry.detail and reader not in entry.detail


def test_a_stranger_s_request_is_not_flagged(registry: Registry, chief: Staff) -> None:
    assert registry.etsuran.receive(chief, kyoju()).offenders == ()


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\ud800", "\ufdd0", "\U000e0041"])
@pytest.mark.parametrize("where", ["applicant", "reader", "representative"])
def test_names_that_hide_characters_are_refused(registry: Registry, chief: Staff, hidden: str, where: str) -> None:
    name = f"申出{hidden}次郎"
    request = {"applicant": chosa(applicant=name), "representative": chosa(representative=name),
               "reader": chosa(readers=[{"name": name, "address": "さくら県さくら市3番地"}])}[where]
    with pytest.raises(RequestInvalid, match=f"使えない文字.*U\\+{ord(hidden):04X}"):
        registry.etsuran.receive(chief, request)


def test_the_publication_csv_keeps_formulas_as_text(registry: Registry, admin: Staff, chief: Staff) -> None:
    households(registry, admin, MIN_HOUSEHOLDS, area="中町")
    number = approved(registry, chief, kikan(applicant='=HYPERLINK("http://example.invalid","開く")',
                                             affairs="＋1+1", areas=["@SUM(1)", "中町"]))
    registry.etsuran.make_list(chief, number)
    approved(registry, chief, chosa(applicant="-2+3", areas=["中町"], ages={}))
    rows = list(csv.reader(io.StringIO(registry.etsuran.publication_csv(chief, 2026))))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://example.invalid","開く")' in cells and "'-2+3" in cells
    assert "'＋1+1" in cells and any(c.startswith("'@SUM(1)") for c in cells)
    assert not any(c.startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠")) for c in cells)


def test_a_reader_who_becomes_a_named_offender_after_the_approval_stops_the_list(
        registry: Registry, chief: Staff, town: ProtectedTown) -> None:
    number = approved(registry, chief, kikan(areas=["本町1丁目", "中町"]))
    made = registry.etsuran.make_list(chief, approved(registry, chief, kikan(areas=["本町1丁目", "中町"])))
    registry.protection.add(chief, [town.sato.atena_no], [Process.KOFU], [Offender("県職員　一郎")])
    for attempt in (lambda: registry.etsuran.make_list(chief, number), lambda: registry.etsuran.recheck(chief, made)):
        with pytest.raises(ValidationError, match="承認の後に支援措置の加害者と一致"):
            attempt()
