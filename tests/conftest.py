"""Shared fixtures: a keyring file in a temporary folder (chosen explicitly), offscreen Qt, a clock moved by hand (the
command line run in-process keeps it too), a new replica, the test cloud. What tests build from lives in the
`tests.support` package."""

from __future__ import annotations

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

from local_store import work_factors
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support import builders, cli
from tests.support.builders import ADMIN, TOWN, Clock

# Cheap scrypt factors for the suite's own replicas and accounts (the program's are checked in test_work_factors).
work_factors.lower_for_tests()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(autouse=True)
def numbered_families() -> None:
    """Each test's families get their 個人番号 afresh (tests.support.builders.family)."""
    builders.new_test()


@pytest.fixture(autouse=True)
def cli_clock(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line run in-process during a test keeps the test's clock, as its registries do."""
    monkeypatch.setattr(cli, "CLOCK", clock)


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


@pytest.fixture(scope="session")
def couch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The test cloud server for the whole run (PouchDB Server, or the CouchDB named by MADOGUCHI_TEST_COUCHDB_URL)."""
    from tests.support.couch_server import start_pouchdb

    server = start_pouchdb(tmp_path_factory.mktemp("couch"))
    yield server
    server.stop()


@pytest.fixture
def cloud(couch: Any) -> Iterator[Any]:
    """A fresh municipality database that admits the users of two terminals, terminal-a and terminal-b."""
    import secrets as random_names

    from tests.support.couch_server import create_database

    database = create_database(couch, f"town{random_names.token_hex(4)}", ["terminal-a", "terminal-b"])
    yield database
    database.drop()
