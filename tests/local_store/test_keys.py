"""Keys: the 復旧コード, 鍵の更新 (rekey), バックアップ and 復元, and a wrong password or code changing nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import keyring
import pytest

from domain import recovery_code, shamir
from domain.errors import ValidationError
from local_store import rekey
from local_store.audit import Filter
from local_store.backup import restore
from local_store.errors import StoreError, WrongKeyError, WrongPassphraseError
from local_store.registry import Registry
from local_store.terminal_key import KEYRING_SERVICE, KeyringKeyMissing, TerminalFile
from tests.support.builders import ADMIN, TOWN, Clock, family

BACKUP_PASSPHRASE = "backup-passphrase-1"


def files_of(data_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data_dir.iterdir()) if p.is_file()}


def _entry(data_dir: Path) -> str:
    return TerminalFile.load(data_dir).terminal_id


@pytest.fixture
def made(data_dir: Path, clock: Clock) -> tuple[Path, str]:
    """A replica with a household, closed; and its 復旧コード."""
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    code = registry.keys.take_fresh_recovery_code()
    assert code is not None and registry.keys.take_fresh_recovery_code() is None
    registry.apply(registry.sign_in(ADMIN[0], ADMIN[2]), family())
    registry.close()
    return data_dir, code


def _residents(registry: Registry) -> int:
    return registry.residents.counts()["residents"]


# --- GF(256) and Shamir: known vectors -------------------------------------------------------------------------------

def test_gf256_multiplication_matches_fips_197() -> None:
    # FIPS-197 §4.2: {57} • {83} = {c1}, and {57} • {13} = {fe}
    assert shamir.mul(0x57, 0x83) == 0xC1
    assert shamir.mul(0x57, 0x13) == 0xFE
    assert all(shamir.mul(a, shamir.div(1, a)) == 1 for a in range(1, 256))


def test_shamir_known_shares_and_any_two_of_three() -> None:
    # f(x) = 0x42 + 0x05 x over GF(256): f(1) = 0x47, f(2) = 0x48, f(3) = 0x4d
    assert shamir.combine([(1, b"\x47"), (2, b"\x48")]) == b"\x42"
    assert shamir.combine([(3, b"\x4d"), (1, b"\x47")]) == b"\x42"
    secret = bytes(range(64))
    shares = shamir.split(secret, 3, 2)
    for pair in ([0, 1], [0, 2], [2, 1]):
        assert shamir.combine([shares[i] for i in pair]) == secret
    assert shamir.combine(shares[:1]) != secret  # one share alone is not the secret


def test_a_mistyped_recovery_code_is_caught_and_its_group_named() -> None:
    code = recovery_code.new_code()
    assert recovery_code.normalize(code.lower().replace("-", " ")) == code
    chars = list(code)
    chars[7] = "A" if chars[7] != "A" else "B"  # the second group
    with pytest.raises(ValidationError) as err:
        recovery_code.normalize("".join(chars))
    assert "2組目" in err.value.message
    swapped = code[6:12] + code[:6] + code[12:]  # the first two groups swapped
    with pytest.raises(ValidationError):
        recovery_code.normalize(swapped)


# --- recovery ------------------------------------------------------------------------------------------------------

def test_terminal_json_holds_the_recovery_wrap_and_no_secret(made: tuple[Path, str]) -> None:
    data_dir, code = made
    info = TerminalFile.load(data_dir)
    assert info.recovery is not None
    text = (data_dir / "terminal.json").read_text()
    key = keyring.get_password(KEYRING_SERVICE, info.terminal_id)
    assert key and key not in text and code not in text and code.replace("-", "") not in text


def test_the_keyring_entry_deleted_the_recovery_code_opens_and_puts_it_back(made: tuple[Path, str]) -> None:
    data_dir, code = made
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    with pytest.raises(KeyringKeyMissing) as err:
        Registry.open(data_dir, clock=Clock())
    assert "復旧コード" in err.value.message
    registry = Registry.open(data_dir, recovery_code=code.lower().replace("-", ""), clock=Clock())
    assert _residents(registry) == 4
    registry.close()
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir)) is not None
    Registry.open(data_dir, clock=Clock()).close()  # the keyring again, as before


def test_a_wrong_recovery_code_changes_nothing(made: tuple[Path, str]) -> None:
    data_dir, _ = made
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    before = files_of(data_dir)
    with pytest.raises(WrongPassphraseError) as err:
        Registry.open(data_dir, recovery_code=recovery_code.new_code(), clock=Clock())
    assert "復旧コードが違います" in err.value.message
    with pytest.raises(ValidationError):
        Registry.open(data_dir, recovery_code="ABCDE", clock=Clock())
    assert files_of(data_dir) == before
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir)) is None


def test_a_new_recovery_code_replaces_the_old_one(made: tuple[Path, str]) -> None:
    data_dir, old = made
    registry = Registry.open(data_dir, clock=Clock())
    new = registry.keys.new_recovery_code(registry.sign_in(ADMIN[0], ADMIN[2]))
    registry.close()
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    with pytest.raises(WrongPassphraseError):
        Registry.open(data_dir, recovery_code=old, clock=Clock())
    Registry.open(data_dir, recovery_code=new, clock=Clock()).close()


# --- rekey ---------------------------------------------------------------------------------------------------------

def _rekey(data_dir: Path) -> tuple[str, str]:
    """Rekey; return the old keyring key and the new 復旧コード."""
    old = keyring.get_password(KEYRING_SERVICE, _entry(data_dir))
    assert old is not None
    codes: list[str] = []
    registry = Registry.open(data_dir, clock=Clock())
    registry.keys.rekey(registry.sign_in(ADMIN[0], ADMIN[2]), codes.append)
    registry.close()
    return old, codes[0]


def test_rekey_changes_the_key_and_every_wrap(made: tuple[Path, str]) -> None:
    data_dir, old_code = made
    old_key, new_code = _rekey(data_dir)
    new_key = keyring.get_password(KEYRING_SERVICE, _entry(data_dir))
    assert new_key != old_key
    info = TerminalFile.load(data_dir)
    assert info.pending is None
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir) + ".next") is None
    registry = Registry.open(data_dir, clock=Clock())
    assert _residents(registry) == 4
    registry.close()
    keyring.set_password(KEYRING_SERVICE, _entry(data_dir), old_key)
    with pytest.raises(WrongKeyError):
        Registry.open(data_dir, clock=Clock())  # the old key no longer opens the file
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    with pytest.raises(WrongPassphraseError):
        Registry.open(data_dir, recovery_code=old_code, clock=Clock())
    Registry.open(data_dir, recovery_code=new_code, clock=Clock()).close()


@pytest.mark.parametrize("stop", ["before rekey", "after rekey"])
def test_a_rekey_stopped_between_its_steps_leaves_a_replica_that_opens(
        made: tuple[Path, str], stop: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, _ = made

    class Killed(BaseException):
        pass

    def die(*_args: object) -> None:
        raise Killed

    if stop == "before rekey":
        original_save = TerminalFile.save

        def save_then_die(self: TerminalFile, where: Path) -> None:
            original_save(self, where)
            if self.pending is not None:
                raise Killed
        monkeypatch.setattr(TerminalFile, "save", save_then_die)
    else:
        monkeypatch.setattr(rekey, "finish_rotation", die)
    codes: list[str] = []
    registry = Registry.open(data_dir, clock=Clock())
    with pytest.raises(Killed):
        registry.keys.rekey(registry.sign_in(ADMIN[0], ADMIN[2]), codes.append)
    registry.store.conn.close()
    monkeypatch.undo()
    assert TerminalFile.load(data_dir).pending is not None
    registry = Registry.open(data_dir, clock=Clock())
    assert _residents(registry) == 4
    registry.close()
    assert TerminalFile.load(data_dir).pending is None
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir) + ".next") is None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    if stop == "after rekey":  # the file is under the new key: the new kit opens it
        Registry.open(data_dir, recovery_code=codes[0], clock=Clock()).close()


# --- backup and restore --------------------------------------------------------------------------------------------

def test_backup_and_restore_round_trip(made: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, _ = made
    registry = Registry.open(data_dir, clock=Clock())
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    out = tmp_path / "backup.mdgbak"
    registry.keys.backup(admin, out, BACKUP_PASSPHRASE)
    expected = registry.residents.counts()
    registry.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == ["backup.mdgbak"]
    key = keyring.get_password(KEYRING_SERVICE, _entry(data_dir))
    assert key is not None and bytes.fromhex(key) not in out.read_bytes()
    restored_dir = tmp_path / "restored"
    code = restore(out, restored_dir, BACKUP_PASSPHRASE, None, clock=Clock())
    copy = Registry.open(restored_dir, clock=Clock())
    assert copy.residents.counts() == expected and copy.terminal == "本庁1"
    assert copy.search(copy.sign_in(ADMIN[0], ADMIN[2]), "ヤマダ タロウ").ids
    copy.close()
    Registry.open(data_dir, clock=Clock()).close()  # the original keeps its own keyring entry
    keyring.delete_password(KEYRING_SERVICE, _entry(restored_dir))
    Registry.open(restored_dir, recovery_code=code, clock=Clock()).close()


def test_a_wrong_backup_passphrase_writes_nothing(made: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, _ = made
    registry = Registry.open(data_dir, clock=Clock())
    out = tmp_path / "backup.mdgbak"
    registry.keys.backup(registry.sign_in(ADMIN[0], ADMIN[2]), out, BACKUP_PASSPHRASE)
    registry.close()
    with pytest.raises(WrongPassphraseError) as err:
        restore(out, tmp_path / "restored", "not-the-passphrase", None, clock=Clock())
    assert "何も書き込んでいません" in err.value.message
    assert not (tmp_path / "restored").exists()
    with pytest.raises(StoreError):
        restore(out, data_dir, BACKUP_PASSPHRASE, None, clock=Clock())  # never over an existing replica


def test_the_window_opener_asks_for_the_recovery_code_until_it_is_right(made: tuple[Path, str]) -> None:
    from ui.shell.replica_opener import open_replica

    data_dir, code = made
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    answers = iter(["ABCDE", recovery_code.new_code(), code])
    asked: list[str | None] = []

    def ask_code(reason: str, error: str | None) -> str | None:
        asked.append(error)
        return next(answers)

    registry = open_replica(data_dir, lambda reason, error: None, Clock(), ask_code=ask_code)
    assert registry is not None and _residents(registry) == 4
    registry.close()
    assert asked[0] is None and "文字" in str(asked[1]) and "復旧コードが違います" in str(asked[2])
    reopened = open_replica(data_dir, lambda reason, error: None, Clock())  # the keyring again
    assert reopened is not None
    reopened.close()


# --- 管理者の合言葉 ------------------------------------------------------------------------------------------------

ADMIN_PASSPHRASE = "admin-passphrase-1"


def _set_admin_passphrase(data_dir: Path, phrase: str = ADMIN_PASSPHRASE) -> None:
    registry = Registry.open(data_dir, clock=Clock())
    registry.keys.set_admin_passphrase(registry.sign_in(ADMIN[0], ADMIN[2]), phrase)
    assert registry.keys.has_admin_passphrase()
    registry.close()


def test_the_admin_passphrase_opens_a_replica_whose_keyring_lost_the_key(made: tuple[Path, str]) -> None:
    data_dir, _ = made
    registry = Registry.open(data_dir, clock=Clock())
    with pytest.raises(StoreError, match="10文字"):
        registry.keys.set_admin_passphrase(registry.sign_in(ADMIN[0], ADMIN[2]), "short")
    registry.close()
    _set_admin_passphrase(data_dir)
    info = TerminalFile.load(data_dir)
    assert info.admin is not None and ADMIN_PASSPHRASE not in (data_dir / "terminal.json").read_text()
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    registry = Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock())
    assert _residents(registry) == 4
    found = registry.audit.entries(registry.sign_in(ADMIN[0], ADMIN[2]), Filter(action="管理者の合言葉"))
    assert [e.action for e in found] == ["管理者の合言葉の設定"]
    registry.close()
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir)) is not None  # back into the keyring
    Registry.open(data_dir, clock=Clock()).close()


def test_a_wrong_admin_passphrase_changes_nothing(made: tuple[Path, str]) -> None:
    data_dir, _ = made
    with pytest.raises(StoreError, match="管理者の合言葉が設定されていません"):
        Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock())
    _set_admin_passphrase(data_dir)
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    before = files_of(data_dir)
    with pytest.raises(WrongPassphraseError) as err:
        Registry.open(data_dir, admin_passphrase="not-the-admin-passphrase", clock=Clock())
    assert "管理者の合言葉が違います" in err.value.message
    assert files_of(data_dir) == before
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir)) is None


def test_the_admin_passphrase_is_replaced_and_removed(made: tuple[Path, str]) -> None:
    data_dir, _ = made
    _set_admin_passphrase(data_dir)
    _set_admin_passphrase(data_dir, "another-admin-passphrase")
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    with pytest.raises(WrongPassphraseError):
        Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock())
    registry = Registry.open(data_dir, admin_passphrase="another-admin-passphrase", clock=Clock())
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    assert registry.keys.remove_admin_passphrase(admin) and not registry.keys.remove_admin_passphrase(admin)
    assert "管理者の合言葉の削除" in [e.action for e in registry.audit.entries(admin, Filter(action="削除"))]
    registry.close()
    assert TerminalFile.load(data_dir).admin is None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    with pytest.raises(StoreError, match="設定されていません"):
        Registry.open(data_dir, admin_passphrase="another-admin-passphrase", clock=Clock())


def test_rekey_keeps_the_admin_wrap_given_its_passphrase_and_drops_it_without(made: tuple[Path, str]) -> None:
    data_dir, _ = made
    _set_admin_passphrase(data_dir)
    registry = Registry.open(data_dir, clock=Clock())
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    before = files_of(data_dir)
    codes: list[str] = []
    with pytest.raises(WrongPassphraseError):
        registry.keys.rekey(admin, codes.append, admin="not-the-admin-passphrase")
    assert codes == [] and files_of(data_dir) == before  # refused before anything was written
    old_wrap = TerminalFile.load(data_dir).admin
    registry.keys.rekey(admin, codes.append, admin=ADMIN_PASSPHRASE)
    registry.close()
    info = TerminalFile.load(data_dir)
    assert info.admin is not None and info.admin != old_wrap and info.pending is None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    registry = Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock())  # the new key, under the same passphrase
    registry.keys.rekey(registry.sign_in(ADMIN[0], ADMIN[2]), codes.append)  # no passphrase: the wrap is dropped
    registry.close()
    assert TerminalFile.load(data_dir).admin is None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    with pytest.raises(StoreError, match="設定されていません"):
        Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock())
    Registry.open(data_dir, recovery_code=codes[-1], clock=Clock()).close()


@pytest.mark.parametrize("stop", ["before rekey", "after rekey"])
def test_the_admin_passphrase_settles_an_interrupted_rekey(
        made: tuple[Path, str], stop: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, _ = made
    _set_admin_passphrase(data_dir)

    class Killed(BaseException):
        pass

    def die(*_args: object) -> None:
        raise Killed

    if stop == "before rekey":
        original_save = TerminalFile.save

        def save_then_die(self: TerminalFile, where: Path) -> None:
            original_save(self, where)
            if self.pending is not None:
                raise Killed
        monkeypatch.setattr(TerminalFile, "save", save_then_die)
    else:
        monkeypatch.setattr(rekey, "finish_rotation", die)
    registry = Registry.open(data_dir, clock=Clock())
    with pytest.raises(Killed):
        registry.keys.rekey(registry.sign_in(ADMIN[0], ADMIN[2]), lambda code: None, admin=ADMIN_PASSPHRASE)
    registry.store.conn.close()
    monkeypatch.undo()
    assert TerminalFile.load(data_dir).pending is not None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    registry = Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock())
    assert _residents(registry) == 4
    registry.close()
    info = TerminalFile.load(data_dir)
    assert info.pending is None and info.admin is not None
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir) + ".next") is None
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    Registry.open(data_dir, admin_passphrase=ADMIN_PASSPHRASE, clock=Clock()).close()  # the settled wrap opens the file


def test_the_window_opener_offers_the_admin_passphrase(made: tuple[Path, str]) -> None:
    from ui.shell.replica_opener import open_replica

    data_dir, _ = made
    _set_admin_passphrase(data_dir)
    keyring.delete_password(KEYRING_SERVICE, _entry(data_dir))
    answers = iter(["not-the-admin-passphrase", ADMIN_PASSPHRASE])
    asked: list[str | None] = []

    def ask_admin(reason: str, error: str | None) -> str | None:
        asked.append(error)
        return next(answers)

    def never(reason: str, error: str | None) -> str | None:
        raise AssertionError("not this question")

    assert open_replica(data_dir, never, Clock(), ask_code=never, ask_admin=ask_admin,
                        choose_admin=lambda r: None) is None
    registry = open_replica(data_dir, never, Clock(), ask_code=never, ask_admin=ask_admin,
                            choose_admin=lambda r: True)
    assert registry is not None and _residents(registry) == 4
    registry.close()
    assert asked[0] is None and "管理者の合言葉が違います" in str(asked[1])
    assert keyring.get_password(KEYRING_SERVICE, _entry(data_dir)) is not None
