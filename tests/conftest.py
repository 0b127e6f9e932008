"""Shared fixtures: a keyring file in a temporary folder (chosen explicitly), offscreen Qt, fixed clocks."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# One keyring file for the whole run, shared with the processes the tests start (they import this module too).
if "MADOGUCHI_TEST_KEYRING" not in os.environ:
    os.environ["MADOGUCHI_TEST_KEYRING"] = tempfile.mkdtemp(prefix="madoguchi-test-keyring-")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = os.environ["MADOGUCHI_TEST_KEYRING"]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from local_store.registry import Municipality, Registry  # noqa: E402
from local_store.staff import Staff  # noqa: E402

JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=JST)
TOWN = Municipality("みどり町", "さくら県", "131016", "町長 一郎")
ADMIN = ("admin", "管理者", "admin-password")
NOTIFIER = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "replica"


@pytest.fixture
def registry(data_dir: Path, clock: Clock) -> Iterator[Registry]:
    reg = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    yield reg
    reg.close()


@pytest.fixture
def admin(registry: Registry) -> Staff:
    return registry.sign_in(ADMIN[0], ADMIN[2])


def person(name: str, kana: str, birth: str, sex: str, relationship: str, **items: Any) -> dict[str, Any]:
    body = {"name": name, "name_kana": kana, "kana_confirmed": True, "birth": birth, "sex": sex,
            "relationship": relationship, "honseki": {"place": "さくら県みどり町本町1番地", "head": "山田　太郎"}}
    body.update(items)
    return body


def tennyu(*persons: dict[str, Any], address: str = "さくら県みどり町本町2丁目3番4号", date: str = "R8.11.20",
           **extra: Any) -> dict[str, Any]:
    request = {"reason": "国内転入", "idou_date": date, "notified_on": "R8.11.25", "notifier": NOTIFIER,
               "address": {"text": address, "postal_code": "123-4567"}, "previous_address": "東京都千代田区千代田1番1号",
               "persons": list(persons)}
    request.update(extra)
    return request


def family() -> dict[str, Any]:
    """A household of four moving in."""
    return tennyu(
        person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", mynumber="123456789018"),
        person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"),
        person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子"),
        person("山田　次郎", "ヤマダ　ジロウ", "H22.7.7", "男", "子"),
    )


@pytest.fixture(scope="session")
def couch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The test cloud server for the whole run (PouchDB Server, or the CouchDB named by MADOGUCHI_TEST_COUCHDB_URL)."""
    from couch_server import start_pouchdb

    server = start_pouchdb(tmp_path_factory.mktemp("couch"))
    yield server
    server.stop()


@pytest.fixture
def cloud(couch: Any) -> Iterator[Any]:
    """A fresh municipality database that admits the users of two terminals, terminal-a and terminal-b."""
    import secrets as random_names

    from couch_server import create_database

    database = create_database(couch, f"town{random_names.token_hex(4)}", ["terminal-a", "terminal-b"])
    yield database
    database.drop()
