"""A replica restored from a backup never hands out a number its terminal may have handed out after the backup: each
backup carries a reserve that only its restored replica draws from, the restored 住民票コード pool starts empty, a
restored numbering authority leases beyond what it may have leased; and two people who do end up under one
宛名番号 are shown as two, in review, never as one person's fork."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from domain.juminhyo_pool import parse_codes
from local_store import derived, documents
from local_store.backup import restore
from local_store.numbering import KINDS, RESERVE_SIZE
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, Clock, person, tennyu
from tests.support.cli import cli
from ui.admin.review_dialog import ReviewDialog

PASSPHRASE = "backup-passphrase"


def abroad(name: str, kana: str, birth: str) -> dict[str, Any]:
    """A 国外転入等 of one person, who heads a household of their own (a 宛名番号, a 世帯番号, a 住民票コード)."""
    return tennyu(person(name, kana, birth, "男", "世帯主"), reason="国外転入等", previous_address="アメリカ合衆国")


def new_numbers(registry: Registry, actor: Staff, *requests: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(宛名番号, 世帯番号, 住民票コード) of the persons the requests record."""
    return [(c.row.atena_no, c.row.setai_no, c.row.juminhyo_code)
            for r in requests for c in registry.apply(actor, r).idou.rows]


THREE = [abroad("鈴木　一", "スズキ　ハジメ", "S60.1.1"), abroad("鈴木　二", "スズキ　ツギ", "S61.2.2"),
         abroad("鈴木　三", "スズキ　サブ", "S62.3.3")]
OTHER_THREE = [abroad("佐藤　一", "サトウ　ハジメ", "H1.2.1"), abroad("佐藤　二", "サトウ　ツギ", "H2.2.2"),
               abroad("佐藤　三", "サトウ　サブ", "H3.3.3")]


def restored(backup: Path, data_dir: Path, clock: Clock) -> Registry:
    restore(backup, data_dir, PASSPHRASE, None, clock=clock)
    return Registry.open(data_dir, clock=clock)


def serials(registry: Registry, kind: str, count: int) -> list[int]:
    """Serials of `kind` (the 連番 of 発行番号, the 整理番号 of 罹災証明書) drawn as a 交付 draws them."""
    with registry.store.write():
        return [registry._numbering.draw_serial(kind) for _ in range(count)]


def lease_count(registry: Registry, kind: str) -> int:
    return int(registry.store.conn.execute("SELECT count(*) FROM leases WHERE kind = ? AND terminal = ?",
                                           (kind, registry.terminal_id)).fetchone()[0])


def test_two_backups_restored_offline_and_the_terminal_itself_never_hand_out_a_number_twice(
        registry: Registry, admin: Staff, clock: Clock, tmp_path: Path) -> None:
    before = new_numbers(registry, admin, *THREE[:1])
    registry.keys.backup(admin, tmp_path / "first.mdgbak", PASSPHRASE)
    registry.keys.backup(admin, tmp_path / "second.mdgbak", PASSPHRASE)
    # The terminal goes on after its backups; each backup is restored onto a replica of its own, offline.
    live = new_numbers(registry, admin, *THREE)
    copies = [restored(tmp_path / f"{n}.mdgbak", tmp_path / n, clock) for n in ("first", "second")]
    try:
        drawn = [new_numbers(c, c.sign_in(ADMIN[0], ADMIN[2]), *OTHER_THREE) for c in copies]
        for column in (0, 1):  # 宛名番号, 世帯番号
            everyone = [n[column] for n in before + live + drawn[0] + drawn[1]]
            assert len(set(everyone)) == len(everyone) == 10
        # The serials too: the terminal draws its whole range, and never one of the reserves its backups carry.
        for kind in ("hakko", "risai"):
            from_copies = [serials(c, kind, 5) for c in copies]
            leases = lease_count(registry, kind)
            mine: list[int] = []
            while lease_count(registry, kind) == leases:
                mine += serials(registry, kind, 500)
            assert len(mine) > 90_000
            assert not set(mine) & (set(from_copies[0]) | set(from_copies[1]))
            assert not set(from_copies[0]) & set(from_copies[1])
    finally:
        for copy in copies:
            copy.close()


def test_a_restored_replica_draws_only_from_its_backups_reserve(registry: Registry, admin: Staff, clock: Clock,
                                                                tmp_path: Path) -> None:
    registry.keys.backup(admin, tmp_path / "b.mdgbak", PASSPHRASE)
    state = json.loads(registry.store.conn.execute(
        "SELECT value FROM meta WHERE key = 'numbering.ranges'").fetchone()[0])
    reserve = {span["kind"]: (span["first"], span["last"]) for span in state["backup"]}
    assert set(reserve) == set(KINDS) and all(last - first + 1 == RESERVE_SIZE for first, last in reserve.values())
    copy = restored(tmp_path / "b.mdgbak", tmp_path / "copy", clock)
    try:
        actor = copy.sign_in(ADMIN[0], ADMIN[2])
        for atena_no, setai_no, _ in new_numbers(copy, actor, *THREE):
            assert reserve["atena"][0] <= int(atena_no[:-1]) <= reserve["atena"][1]
            assert reserve["setai"][0] <= int(setai_no[:-1]) <= reserve["setai"][1]
        assert all(reserve["hakko"][0] <= s <= reserve["hakko"][1] for s in serials(copy, "hakko", 3))
        restored_state = copy.review.restored()
        assert restored_state is not None and restored_state.reserve
        assert restored_state.warning.startswith("バックアップから復元しました。以後の番号は予備の範囲から払い出します")
    finally:
        copy.close()


def test_an_authority_restored_from_a_backup_never_leases_a_range_twice(registry: Registry, admin: Staff,
                                                                       clock: Clock, tmp_path: Path) -> None:
    registry.keys.backup(admin, tmp_path / "b.mdgbak", PASSPHRASE)
    after_backup = registry.keys.enrollment(admin, "支所1")["leases"]  # leased after the backup, unknown to it
    copy = restored(tmp_path / "b.mdgbak", tmp_path / "copy", clock)
    try:
        again = copy.keys.enrollment(copy.sign_in(ADMIN[0], ADMIN[2]), "支所2")["leases"]
    finally:
        copy.close()
    for one, other in zip(after_backup, again, strict=True):
        assert one["kind"] == other["kind"] and (other["first"] > one["last"] or other["last"] < one["first"])


def code_file(*codes: str) -> list[Any]:
    return parse_codes("\n".join(codes) + "\n")


def test_a_restored_pool_hands_out_no_code_the_terminal_may_have_handed_out(registry: Registry, admin: Staff,
                                                                         clock: Clock, tmp_path: Path) -> None:
    registry.codes.import_codes(admin, code_file(*(f"9000000000{n}" for n in range(1, 7))))
    assert new_numbers(registry, admin, THREE[0])[0][2] == "90000000001"
    registry.keys.backup(admin, tmp_path / "b.mdgbak", PASSPHRASE)
    assert [n[2] for n in new_numbers(registry, admin, *THREE[1:])] == ["90000000002", "90000000003"]
    registry.close()
    clock.now += dt.timedelta(hours=1)
    copy = restored(tmp_path / "b.mdgbak", tmp_path / "copy", clock)
    try:
        actor = copy.sign_in(ADMIN[0], ADMIN[2])
        # Every code of the backup's pools and leases is given up: the terminal may have handed any of them out.
        assert copy.codes.state(actor).left == 0 and copy.codes.state(actor).unleased == 0
        waiting = new_numbers(copy, actor, *OTHER_THREE)
        assert [n[2] for n in waiting] == ["", "", ""]
        assert {p.atena_no for p in copy.codes.awaiting(actor)} == {n[0] for n in waiting}
        clock.now += dt.timedelta(minutes=1)
        copy.codes.import_codes(actor, code_file("90000000011", "90000000012", "90000000013"))  # a new pool
        assert copy.codes.fill(actor) == 3
        assert sorted(copy.person(actor, n[0]).current.juminhyo_code for n in waiting) == [
            "90000000011", "90000000012", "90000000013"]
    finally:
        copy.close()


def creation_under(registry: Registry, atena_no: str, name: str, kana: str, birth: str) -> documents.Document:
    """A 国外転入等 that a damaged terminal made under a 宛名番号 somebody else already has."""
    doc_id = registry.store.conn.execute("SELECT doc_id FROM person_rows WHERE atena_no = ?", (atena_no,)).fetchone()[0]
    body = json.loads(json.dumps(documents.body_of(registry.store.conn, doc_id)))
    row = body["rows"][0]["row"]
    row.update(name=name, name_kana=kana, birth=birth, mynumber="", juminhyo_code="")
    body["processed_at"] = "2026-11-27T11:00:00.000+09:00"
    body["terminal"] = "支所1"
    return documents.Document(documents.new_doc_id(), documents.revision_id(registry.store.data_key, None, False, body),
                              derived.IDOU, body)


def test_two_people_created_under_one_number_are_two_people_in_review(
        qtbot: QtBot, registry: Registry, admin: Staff, data_dir: Path) -> None:
    [(number, _, _)] = new_numbers(registry, admin, THREE[0])
    counts = registry.residents.counts()
    registry.replication.ingest(creation_under(registry, number, "田中　花子", "タナカ　ハナコ", "1990-04-01"))

    assert registry.review.forked_persons(admin) == []  # not one person's fork
    [duplicate] = registry.review.duplicate_numbers(admin)
    assert duplicate.atena_no == number
    assert [(p.key, p.name, p.created_as) for p in duplicate.persons] == [
        (number, "鈴木　一", "国外転入等"), (f"{number}#2", "田中　花子", "国外転入等")]
    assert registry.residents.counts()["residents"] == counts["residents"] + 1
    # Both are found, each with their own record and history.
    for query, key in (("スズキ ハジメ", number), ("田中花子", f"{number}#2")):
        found = registry.summaries(registry.search(admin, query).ids)
        assert [p.atena_no for p in found] == [key]
        record = registry.person(admin, key)
        assert len(record.history) == 1 and not record.forked
    assert registry.person(admin, f"{number}#2").current.name == "田中　花子"
    derived_tables = derived.snapshot(registry.store.conn)
    registry.residents.rebuild(admin)
    assert derived.snapshot(registry.store.conn) == derived_tables  # the same from the documents alone
    assert len(registry.review.duplicate_numbers(admin)[0].persons) == 2

    dialog = ReviewDialog(registry, admin, lambda _: None)
    qtbot.addWidget(dialog)
    assert dialog.duplicates.rowCount() == 2 and dialog.duplicates.item(1, 0).text() == f"{number}#2"
    assert dialog.forks.rowCount() == 0
    registry.close()
    shown = cli(data_dir, "--as", ADMIN[0], "--password-stdin", "review", stdin=ADMIN[2] + "\n")
    assert shown.returncode == 0, shown.stderr
    assert "番号重複（一つの宛名番号に別の人） 1 件" in shown.stdout and f"{number}#2  田中　花子" in shown.stdout


def test_the_command_line_and_the_window_say_what_a_restore_did(qtbot: QtBot, registry: Registry, admin: Staff,
                                                                clock: Clock, tmp_path: Path) -> None:
    registry.keys.backup(admin, tmp_path / "b.mdgbak", PASSPHRASE)
    done = cli(tmp_path / "copy", "restore", str(tmp_path / "b.mdgbak"), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    assert "バックアップから復元しました。以後の番号は予備の範囲から払い出します" in done.stdout
    copy = Registry.open(tmp_path / "copy", clock=clock)
    try:
        dialog = ReviewDialog(copy, copy.sign_in(ADMIN[0], ADMIN[2]), lambda _: None)
        qtbot.addWidget(dialog)
        assert "以後の番号は予備の範囲から払い出します" in dialog.restored.text()
    finally:
        copy.close()
