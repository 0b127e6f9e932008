"""The replica on disk: no plaintext, a wrong key or a damaged file changes nothing, and no silent plaintext keyring."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from demo.replica import create_demo
from local_store.errors import DamagedReplicaError, StoreError, WrongKeyError
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE, NoKeyringError, TerminalFile
from tests.support.builders import ADMIN, TOWN, Clock

ROOT = Path(__file__).resolve().parents[2]


def files_of(data_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data_dir.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "replica"
    registry = create_demo(data_dir, 400, seed=7, clock=Clock())
    # Keep the connection open while the names are looked for, so that the -wal and -shm files exist too.
    names = [r[0] for r in registry.store.conn.execute("SELECT name FROM persons")]
    (data_dir.parent / "names.txt").write_text("\n".join(names), encoding="utf-8")
    registry.close()
    return data_dir


def test_no_resident_name_is_anywhere_on_disk(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    registry = create_demo(data_dir, 300, seed=3, clock=Clock())
    conn = registry.store.conn
    names = [r[0] for r in conn.execute("SELECT name FROM persons")]
    addresses = [r[0] for r in conn.execute("SELECT DISTINCT address FROM persons")]
    assert len(names) == 300
    on_disk = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    assert {"registry.db", "registry.db-wal", "registry.db-shm", "terminal.json"} <= set(on_disk)
    for file_name, blob in on_disk.items():
        for text in names + addresses:
            # Whole names, with either space, and family names, in each encoding where they are six bytes or more:
            # random ciphertext holds a given four bytes once in about 4,000 MB, so a hundred two-character family
            # names in UTF-16 turned up by chance in one run in ten over these few megabytes.
            variants = {text, text.replace("　", " "), text.split("　")[0]}
            for variant in variants:
                for encoding in ("utf-8", "utf-16-le"):
                    pattern = variant.encode(encoding)
                    assert len(pattern) < 6 or pattern not in blob, f"{variant} in {file_name}"
    registry.close()


def test_a_wrong_key_fails_clearly_and_leaves_every_file_as_it_was(demo_dir: Path) -> None:
    before = files_of(demo_dir)
    info = TerminalFile.load(demo_dir)
    genuine = keyring.get_password(KEYRING_SERVICE, info.terminal_id)
    assert genuine is not None
    keyring.set_password(KEYRING_SERVICE, info.terminal_id, os.urandom(32).hex())
    try:
        with pytest.raises(WrongKeyError) as err:
            Registry.open(demo_dir, clock=Clock())
        assert "鍵" in err.value.message
    finally:
        keyring.set_password(KEYRING_SERVICE, info.terminal_id, genuine)
    assert files_of(demo_dir) == before
    Registry.open(demo_dir, clock=Clock()).close()


def test_a_damaged_file_is_reported_as_damaged_and_left_alone(tmp_path: Path, demo_dir: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    for p in demo_dir.iterdir():
        if p.is_file() and not p.name.endswith(("-wal", "-shm")):
            (copy / p.name).write_bytes(p.read_bytes())
    db = copy / "registry.db"
    blob = bytearray(db.read_bytes())
    blob[0:16] = bytes(16)  # the salt at the start of the file
    db.write_bytes(bytes(blob))
    before = files_of(copy)
    with pytest.raises(DamagedReplicaError) as err:
        Registry.open(copy, clock=Clock())
    assert "壊れて" in err.value.message
    assert files_of(copy) == before


def test_a_missing_replica_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        Registry.open(tmp_path / "nowhere", clock=Clock())
    assert "初期設定" in err.value.message


def _python(code: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], env=env, input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)


def test_a_plaintext_keyring_picked_by_itself_counts_as_none(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    code = (
        "import keyring\nfrom local_store.terminal_key import usable_keyring\n"
        "print(type(keyring.get_keyring()).__name__, usable_keyring())"
    )
    result = _python(code, env)
    assert result.returncode == 0, result.stderr
    picked, usable = result.stdout.split()
    assert picked in ("PlaintextKeyring", "Keyring", "ChainerBackend")
    assert usable == "None"


def test_without_a_keyring_a_passphrase_is_required_and_checked(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    data_dir = tmp_path / "replica"
    create = (
        "from pathlib import Path\n"
        "from local_store.context import Municipality\n"
        "from local_store.registry import Registry\n"
        "from tests.support.builders import Clock\n"
        "TOWN = Municipality('みどり町', 'さくら県', '131016', '町長 一郎')\nADMIN = ('admin', '管理者', 'pw')\n"
        "from local_store.terminal_key import NoKeyringError\n"
        f"d = Path({str(data_dir)!r})\n"
        "try:\n    Registry.create(d, TOWN, '本庁1', ADMIN, clock=Clock())\nexcept NoKeyringError as e:\n    print('refused', e.message)\n"
        "Registry.create(d, TOWN, '本庁1', ADMIN, passphrase=lambda: 'correct horse battery', clock=Clock()).close()\n"
        "print('created')\n"
    )
    result = _python(create, env)
    assert result.returncode == 0, result.stderr
    assert "refused" in result.stdout and "created" in result.stdout
    info = TerminalFile.load(data_dir)
    assert info.source == "passphrase" and info.wrapped is not None
    assert "correct horse" not in (data_dir / "terminal.json").read_text()
    with pytest.raises(StoreError) as err:
        Registry.open(data_dir, passphrase=lambda: "wrong passphrase", clock=Clock())
    assert err.value.message == "合言葉が違います"
    with pytest.raises(NoKeyringError):
        Registry.open(data_dir, clock=Clock())
    Registry.open(data_dir, passphrase=lambda: "correct horse battery", clock=Clock()).close()


def test_creating_twice_in_one_place_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=Clock()).close()
    with pytest.raises(StoreError):
        Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=Clock())
