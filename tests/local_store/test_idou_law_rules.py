"""Rules of 異動 entry that must neither refuse what the law allows nor accept what it does not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.records import Status
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import JST, NOTIFIER, Clock, family, person, tennyu
from tests.support.cli import cli

ELSEWHERE = "東京都港区芝公園1丁目1番1号"


def tenshutsu(targets: list[str], planned_on: str = "R8.12.10", destination: str = ELSEWHERE,
              notified_on: str = "R8.11.26") -> dict[str, object]:
    return {"reason": "国内転出", "idou_date": planned_on, "notified_on": notified_on, "notifier": NOTIFIER,
            "targets": targets, "destination": destination}


def shibou(targets: list[str], on: str) -> dict[str, object]:
    return {"reason": "死亡", "idou_date": on, "targets": targets}


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    return [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]


def test_a_death_before_the_planned_move_replaces_the_move_out(
        registry: Registry, admin: Staff, household: list[str]) -> None:
    """法24条: a 転出 takes effect on the move; one who dies before the 転出予定日 died a resident here. The 死亡 is
    recorded in one 異動 and the 除票's reason is 死亡, not 転出."""
    registry.apply(admin, tenshutsu(household[3:]))
    applied = registry.apply(admin, shibou(household[3:], "R8.11.27"))
    assert [c.row.atena_no for c in applied.idou.rows] == household[3:]
    record = registry.person(admin, household[3])
    removal = record.current.removal
    assert record.current.status is Status.DECEASED and removal is not None
    assert (removal.reason, removal.date.iso, removal.destination) == ("死亡", "2026-11-27", "")
    assert [h.reason for h in record.history] == ["国内転入", "国内転出", "死亡"]
    # The withdrawn 転出 can no longer be fixed by the new town's 転入通知.
    with pytest.raises(ValidationError, match="国内転出の届出が記録されていません"):
        registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                               "set": {household[3]: {"moved_in": {"date": "R8.11.27", "address": ELSEWHERE}}}})


def test_a_death_on_or_after_the_planned_move_is_still_refused(
        registry: Registry, admin: Staff, household: list[str], clock: Clock) -> None:
    """A person gone on the 転出予定日 is no longer this town's to record a 死亡 for (法24条)."""
    registry.apply(admin, tenshutsu(household[3:], planned_on="R8.11.30"))
    clock.now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=JST)
    with pytest.raises(ValidationError, match="住民ではありません"):
        registry.apply(admin, shibou(household[3:], "R8.11.30"))
    applied = registry.apply(admin, shibou(household[3:], "R8.11.29"))  # died the day before: recorded late
    assert applied.idou.rows[0].row.status is Status.DECEASED


def test_a_move_out_to_an_address_in_this_town_is_refused_as_a_tenkyo(
        registry: Registry, admin: Staff, household: list[str]) -> None:
    """法23条/24条: a move within the municipality is a 転居, not a 転出."""
    with pytest.raises(ValidationError, match="転出先がこの市区町村内です。転居として届け出てください"):
        registry.apply(admin, tenshutsu(household[3:], destination="さくら県 みどり町本町5丁目1番1号"))
    assert registry.person(admin, household[3]).current.status is Status.RESIDENT


def test_a_planned_move_out_far_ahead_is_refused(registry: Registry, admin: Staff, household: list[str]) -> None:
    """法24条 lets the 転出届 precede the move (事前届出), not by years: at most 30 days after the 届出日."""
    with pytest.raises(ValidationError, match="転出予定日が届出日から30日より先です"):
        registry.apply(admin, tenshutsu(household[3:], planned_on="R10.11.26"))
    with pytest.raises(ValidationError, match="30日より先"):
        registry.apply(admin, tenshutsu(household[3:], planned_on="R8.12.27"))
    registry.apply(admin, tenshutsu(household[3:], planned_on="R8.12.26"))
    assert registry.person(admin, household[3]).current.status is Status.MOVED_OUT


def test_review_lists_living_persons_with_the_same_name_birth_and_sex_as_suspected_same_person(
        registry: Registry, admin: Staff, household: list[str]) -> None:
    """同一人 check (registry facts: one person, one 住民票; 法7条): the same newcomer entered twice — as on two
    terminals apart, before any 住民票コード — is listed in review as a pair, the 氏名 compared in canonical form."""
    first = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
    second = registry.apply(admin, tennyu(person("鈴木 一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主"),
                                          address="さくら県みどり町本町9丁目1番1号"))
    registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "女", "世帯主")))  # another sex
    pairs = registry.review.same_persons(admin)
    assert [tuple(p.created_by for p in pair.persons) for pair in pairs] == [(first.doc_id, second.doc_id)]
    assert {p.key for p in pairs[0].persons} == {first.idou.rows[0].row.atena_no, second.idou.rows[0].row.atena_no}
    registry.apply(admin, shibou([second.idou.rows[0].row.atena_no], "R8.11.27"))
    assert registry.review.same_persons(admin) == []


def test_the_command_line_review_prints_the_suspected_same_person(tmp_path: Path) -> None:
    """The same newcomer applied twice from the command line is printed by `review` as 同一人の疑い."""
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "20", "--seed", "5").returncode == 0
    path = tmp_path / "idou.json"
    path.write_text(json.dumps(tennyu(person("重複　新人", "チョウフク　シンジン", "S61.6.6", "男", "世帯主")),
                               ensure_ascii=False), encoding="utf-8")
    assert cli(data_dir, "apply", str(path)).returncode == 0
    assert cli(data_dir, "apply", str(path)).returncode == 0
    shown = cli(data_dir, "--as", "demo-admin", "--password-stdin", "review", stdin="demo\n")
    assert shown.returncode == 0, shown.stderr
    lines = [line for line in shown.stdout.splitlines() if "重複　新人" in line]
    assert "同一人の疑い" in shown.stdout and len(lines) == 1 and lines[0].count("重複　新人") == 2
