"""The pool of 住民票コード: imported on the numbering authority, leased (signed, replicated) to terminals, drawn by
出生, 国外転入等 and 職権記載, never twice; an empty pool leaves the person waiting until a later fill."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from domain.canonical import canonical_json
from domain.errors import ValidationError
from domain.juminhyo_pool import FILE_ITEM, parse_codes
from domain.roles import Role
from local_store import documents
from local_store.backup import restore
from local_store.errors import PermissionDenied, StoreError
from local_store.juminhyo_pool import JCODE
from local_store.registry import Registry
from local_store.staff import Staff
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, Clock, family, person, tennyu
from tests.support.cli import cli
from tests.support.processes import ROOT, kill, wait_for
from tests.support.terminals import enroll, now_clock
from ui.idou.mynumber_dialog import MynumberDialog


def codes(first: int, count: int) -> list[str]:
    return [f"9{n:010d}" for n in range(first, first + count)]


def code_file(*lines: str) -> list[Any]:
    return parse_codes("\n".join(lines) + "\n")


def birth(setai_no: str, name: str = "山田　三郎") -> dict[str, Any]:
    return {"reason": "出生", "idou_date": "R8.11.20", "household": setai_no,
            "persons": [person(name, "ヤマダ　サブロウ", "R8.11.20", "男", "子")]}


@pytest.fixture
def setai(registry: Registry, admin: Staff) -> str:
    return registry.apply(admin, family()).idou.rows[0].row.setai_no


def born_code(registry: Registry, actor: Staff, setai_no: str) -> str:
    return registry.apply(actor, birth(setai_no)).idou.rows[0].row.juminhyo_code


def state(registry: Registry, actor: Staff) -> tuple[int, int, int | None]:
    pool = registry.codes.state(actor)
    return registry.replication.last_seq(), pool.left, pool.unleased


def test_the_file_format() -> None:
    lines = parse_codes("\ufeff# 住民票コード 令和8年11月分\n\n ９０００００００００１ \n90000-00000-2\n")
    assert [(line.line, line.code) for line in lines] == [(3, "90000000001"), (4, "90000000002")]


@pytest.mark.parametrize("text, item, words", [
    ("", FILE_ITEM, "行がありません"),
    ("# only a comment\n", FILE_ITEM, "行がありません"),
    ("90000000001\n\n9000000000\n", "3行目", "11桁"),
    ("90000000001\n9000000000X\n", "2行目", "数字"),
    ("90000000001\n90000000002\n90000000001\n", "3行目", "1行目と同じ"),
])
def test_a_malformed_file_is_named_by_its_line(text: str, item: str, words: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_codes(text)
    assert refused.value.item == item and words in refused.value.message


def test_an_import_is_all_or_nothing(registry: Registry, admin: Staff) -> None:
    held = codes(500, 1)[0]
    registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主",
                                        juminhyo_code=held)))
    assert registry.codes.import_codes(admin, code_file(*codes(1, 3)), share=2) == 2
    before = state(registry, admin)
    assert before[1:] == (2, 1)
    for lines, item, words in (
        ([*codes(10, 2), codes(2, 1)[0]], "3行目", "すでに取り込まれています"),  # already in the pool
        ([codes(10, 1)[0], held], "2行目", "の人がすでに持っています"),  # held by a person
    ):
        with pytest.raises(ValidationError) as refused:
            registry.codes.import_codes(admin, code_file(*lines))
        assert refused.value.item == item and words in refused.value.message
        assert state(registry, admin) == before
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    before = state(registry, admin)
    with pytest.raises(PermissionDenied):
        registry.codes.import_codes(registry.sign_in("clerk", "clerk-password"), code_file(*codes(10, 1)))
    assert state(registry, admin) == before


def test_a_birth_draws_the_next_code_and_an_empty_pool_leaves_the_child_waiting(
        registry: Registry, admin: Staff, setai: str) -> None:
    pooled = codes(1, 3)
    registry.codes.import_codes(admin, code_file(*pooled), share=2)
    assert registry.idou.check(admin, birth(setai)).rows[0].row.juminhyo_code == pooled[0]  # shown, not used up
    assert [born_code(registry, admin, setai) for _ in range(2)] == pooled[:2]
    assert registry.codes.state(admin).left == 0
    child = registry.apply(admin, birth(setai, "山田　四郎")).idou.rows[0].row
    assert child.juminhyo_code == ""
    # the four who moved in brought their codes on the 転出証明書 (here: none typed): they are not waiting
    assert [p.atena_no for p in registry.codes.awaiting(admin)] == [child.atena_no]

    with pytest.raises(StoreError):
        registry.codes.fill(admin)  # nothing left here yet
    assert registry.codes.lease(admin, "本庁1", 5) == 1  # what the pool still holds
    assert registry.codes.fill(admin) == 1
    record = registry.person(admin, child.atena_no)
    assert record.current.juminhyo_code == pooled[2]
    assert [h.reason for h in record.history] == ["出生", "住民票コードの職権記載"]
    assert registry.codes.awaiting(admin) == [] and registry.codes.fill(admin) == 0


def test_a_code_somebody_holds_is_never_drawn_nor_given_again(registry: Registry, admin: Staff, setai: str) -> None:
    pooled = codes(1, 2)
    registry.codes.import_codes(admin, code_file(*pooled))
    twins = birth(setai)
    twins["persons"].append(person("山田　五郎", "ヤマダ　ゴロウ", "R8.11.20", "男", "子"))
    assert [c.row.juminhyo_code for c in registry.apply(admin, twins).idou.rows] == pooled  # one 異動, two codes
    stranger = tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主", juminhyo_code=pooled[0]))
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, stranger)
    assert refused.value.item == "住民票コード" and "ほかの人の住民票コード" in refused.value.message


def test_a_lease_with_a_bad_signature_is_refused(registry: Registry, admin: Staff, setai: str) -> None:
    forger = Ed25519PrivateKey.generate()
    body = {"kind": "lease", "terminal": registry.terminal_id, "terminal_name": registry.terminal,
            "codes": codes(1, 2), "by": ADMIN[0], "issued_at": "2026-11-27T10:00:00+09:00"}
    body["signature"] = forger.sign(canonical_json(body)).hex()
    doc = documents.Document("forged-lease", documents.revision_id(registry.store.data_key, None, False, body), JCODE, body)
    with pytest.raises(StoreError):
        registry.replication.ingest(doc)
    [held_back] = registry.review.quarantined(admin)
    assert held_back.doc_id == "forged-lease" and "bad signature" in held_back.reason
    # Put into the replica behind the checks' back, it is still never drawn from.
    with registry.store.write() as conn:
        documents.put_new(conn, registry.store.data_key, JCODE, body)
    assert registry.codes.state(admin).left == 0
    assert born_code(registry, admin, setai) == ""


def test_two_terminals_never_draw_the_same_code(tmp_path: Path, cloud: Any) -> None:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    admin_a = a.sign_in(ADMIN[0], ADMIN[2])
    setai = a.apply(admin_a, family()).idou.rows[0].row.setai_no
    cloud_sync.sync_once(a)
    b = enroll(a, admin_a, "支所1", tmp_path / "b", cloud.url, cloud.login("terminal-b"))  # before any code came
    try:
        admin_b = b.sign_in(ADMIN[0], ADMIN[2])
        with pytest.raises(StoreError):
            b.codes.import_codes(admin_b, code_file(*codes(1, 1)))  # only the numbering authority imports
        assert sorted(a.codes.terminals(admin_a)) == ["支所1", "本庁1"]
        a.codes.import_codes(admin_a, code_file(*codes(1, 6)), share=3)
        assert a.codes.lease(admin_a, "支所1", 3) == 3
        with pytest.raises(ValidationError):
            a.codes.lease(admin_a, "支所9", 1)
        cloud_sync.sync_once(a)
        cloud_sync.sync_once(b)
        assert b.review.quarantined(admin_b) == [] and b.codes.state(admin_b).left == 3
        drawn_a = [born_code(a, admin_a, setai) for _ in range(3)]
        drawn_b = [born_code(b, admin_b, setai) for _ in range(3)]
        assert set(drawn_a) | set(drawn_b) == set(codes(1, 6)) and not set(drawn_a) & set(drawn_b)
        assert born_code(a, admin_a, setai) == born_code(b, admin_b, setai) == ""  # both pools used up
    finally:
        a.close()
        b.close()


def test_a_replica_restored_from_a_backup_draws_no_code_of_the_backups_leases(tmp_path: Path, cloud: Any) -> None:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, cloud.url, *cloud.login("terminal-a"))
    admin = a.sign_in(ADMIN[0], ADMIN[2])
    setai = a.apply(admin, family()).idou.rows[0].row.setai_no
    a.codes.import_codes(admin, code_file(*codes(1, 4)))
    born_code(a, admin, setai)
    a.keys.backup(admin, tmp_path / "a.mdgbak", "backup-passphrase")
    born_code(a, admin, setai)  # after the backup: unknown to it
    cloud_sync.sync_once(a)
    a.close()
    shutil.rmtree(tmp_path / "a")  # the terminal is lost
    restore(tmp_path / "a.mdgbak", tmp_path / "restored", "backup-passphrase", None, clock=now_clock())
    restored = Registry.open(tmp_path / "restored", clock=now_clock())
    try:
        admin = restored.sign_in(ADMIN[0], ADMIN[2])
        # The lease came back with the backup, but the terminal may have drawn any of its codes after the backup
        # (the cloud knows only what was synced): none is drawn, before the sync or after it.
        assert restored.codes.state(admin).left == 0
        cloud_sync.sync_once(restored)
        assert restored.codes.state(admin).left == 0 and born_code(restored, admin, setai) == ""
    finally:
        restored.close()


BIRTH_LOOP = """
import sys
from tests.support.builders import ADMIN, Clock, person
from local_store.registry import Registry
from pathlib import Path

registry = Registry.open(Path(sys.argv[1]), clock=Clock())
actor = registry.sign_in(ADMIN[0], ADMIN[2])
for i in range(100000):
    registry.apply(actor, {"reason": "出生", "idou_date": "R8.11.20", "household": sys.argv[2],
                           "persons": [person("山田　三郎", "ヤマダ　サブロウ", "R8.11.20", "男", "子")]})
    if i == 20:
        print("running", flush=True)
"""


def test_a_replica_killed_while_drawing_never_hands_a_code_out_twice(registry: Registry, admin: Staff, setai: str,
                                                                     data_dir: Path, tmp_path: Path) -> None:
    registry.codes.import_codes(admin, code_file(*codes(1, 5000)), share=5000)
    registry.close()
    log = tmp_path / "loop.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", BIRTH_LOOP, str(data_dir), setai], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, env=os.environ.copy())
        try:
            wait_for(log, "running", proc)
            kill(proc)
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
    reopened = Registry.open(data_dir, clock=Clock())
    try:
        actor = reopened.sign_in(ADMIN[0], ADMIN[2])
        held = [r[0] for r in reopened.store.conn.execute(
            "SELECT juminhyo_code FROM persons WHERE juminhyo_code != '' ORDER BY id")]
        assert len(held) > 20 and len(set(held)) == len(held)
        assert held == codes(1, len(held))  # drawn in order, none skipped, none twice
        assert reopened.codes.state(actor).left == 5000 - len(held)
        assert born_code(reopened, actor, setai) == codes(1 + len(held), 1)[0]
    finally:
        reopened.close()


def test_the_window_shows_the_pool_imports_and_fills(qtbot: QtBot, registry: Registry, admin: Staff, setai: str,
                                                     tmp_path: Path) -> None:
    child = registry.apply(admin, birth(setai)).idou.rows[0].row
    dialog = MynumberDialog(registry, admin)
    qtbot.addWidget(dialog)
    panel = dialog.codes
    assert "残り 0件" in panel.pool.text() and panel.table.rowCount() == 1 and not panel.fill.isEnabled()
    assert panel.table.item(0, 0).text() == child.atena_no
    file = tmp_path / "codes.txt"
    file.write_text("# 住民票コード\n90000000001\n9000000000\n", encoding="utf-8")
    assert not panel.import_from(file) and "3行目" in panel.message.text()
    file.write_text("# 住民票コード\n90000000001\n90000000002\n", encoding="utf-8")
    assert panel.import_from(file) and "残り 2件" in panel.pool.text()
    assert panel.fill.isEnabled() and panel.fill_codes()
    assert panel.table.rowCount() == 0 and "残り 1件" in panel.pool.text()
    assert registry.person(admin, child.atena_no).current.juminhyo_code == "90000000001"
    assert "払い出していない住民票コード 0件" in panel.pool.text()  # both went to this terminal (its share)
    assert [panel.terminals.itemText(i) for i in range(panel.terminals.count())] == ["本庁1"]
    assert not panel.lease("本庁1", 1) and "払い出せる住民票コードがありません" in panel.message.text()


def test_a_counter_clerk_sees_the_pool_but_cannot_import(qtbot: QtBot, registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "clerk", "窓口　花子", Role.COUNTER, "clerk-password")
    dialog = MynumberDialog(registry, registry.sign_in("clerk", "clerk-password"))
    qtbot.addWidget(dialog)
    panel = dialog.codes
    assert not panel.authority and "残り 0件" in panel.pool.text()
    assert dialog.findChild(QPushButton, "leaseCodes") is None and panel.findChild(QComboBox) is None


def test_the_command_line(registry: Registry, admin: Staff, setai: str, data_dir: Path, tmp_path: Path) -> None:
    child = registry.apply(admin, birth(setai)).idou.rows[0].row.atena_no
    registry.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return cli(data_dir, "--as", ADMIN[0], "--password-stdin", "numbers", *args, stdin=ADMIN[2] + "\n")

    assert child in run("waiting", "--kind", "juminhyo-code").stdout
    assert child in run("waiting").stdout  # 個人番号 付番待ち too, as before
    file = tmp_path / "codes.txt"
    file.write_text("90000000001\n90000000001\n", encoding="utf-8")
    refused = run("import", "--kind", "juminhyo-code", str(file))
    assert refused.returncode == 2 and "2行目" in refused.stderr
    file.write_text("# 令和8年11月分\n90000000001\n90000000002\n90000000003\n", encoding="utf-8")
    done = run("import", "--kind", "juminhyo-code", "--share", "2", str(file))
    assert done.returncode == 0 and "住民票コードを3件取り込み、この端末へ2件払い出しました" in done.stdout
    assert "残り 2件" in run("pool").stdout and "払い出していない住民票コード 1件" in run("pool").stdout
    assert "本庁1」へ住民票コードを1件" in run("lease", "--terminal", "本庁1", "--count", "5").stdout
    assert "1人の住民票コードを記載しました" in run("fill-codes").stdout
    assert child not in run("waiting", "--kind", "juminhyo-code").stdout
