"""The test cloud: PouchDB Server (npm `pouchdb-server`, installed by scripts/test.sh under .cache/node), started
on a loopback port with a server admin, one user per terminal and `_security` that admits only those users.

What PouchDB Server 4.2.0 enforces, as checked against it: once a server admin exists, an anonymous request to a
database with members is refused (401); a user who is not a member is refused; `POST /_session` gives an
`AuthSession` cookie that later requests may use instead of basic auth.

`MADOGUCHI_TEST_COUCHDB_URL` (for example `http://admin:pw@127.0.0.1:5984`) points the suite at a real CouchDB
instead: the same helpers create its databases and users.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
POUCHDB_SERVER = ROOT / ".cache" / "node" / "node_modules" / ".bin" / "pouchdb-server"


@dataclass
class CouchServer:
    url: str
    admin: tuple[str, str]
    process: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


@dataclass
class CloudDatabase:
    server: CouchServer
    name: str
    users: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"{self.server.url}/{self.name}"

    @property
    def admin(self) -> tuple[str, str]:
        return self.server.admin

    def recreate(self) -> None:
        """Delete the database and create it empty again, as a cloud administrator might after a disaster."""
        requests.delete(self.url, auth=self.admin, timeout=30).raise_for_status()
        _create(self.server, self.name, [self.login(t)[0] for t in self.users])

    def login(self, terminal: str) -> tuple[str, str]:
        """The cloud user name and password of one terminal."""
        return f"{self.name}-{terminal}", self.users[terminal]

    def drop(self) -> None:
        requests.delete(self.url, auth=self.admin, timeout=30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_pouchdb(workdir: Path) -> CouchServer:
    """A CouchDB-protocol server for the tests: the real CouchDB named by the environment, or PouchDB Server."""
    real = os.environ.get("MADOGUCHI_TEST_COUCHDB_URL")
    if real:
        parts = urlsplit(real)
        bare = urlunsplit((parts.scheme, parts.hostname + (f":{parts.port}" if parts.port else ""), "", "", ""))
        return CouchServer(bare, (parts.username or "", parts.password or ""))
    if not POUCHDB_SERVER.exists():
        raise RuntimeError(f"{POUCHDB_SERVER} is missing: run the tests with scripts/test.sh, which installs it")
    workdir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    process = subprocess.Popen([str(POUCHDB_SERVER), "--in-memory", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(url, timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("PouchDB Server did not start")
        time.sleep(0.2)
    admin = ("admin", secrets.token_hex(12))
    requests.put(f"{url}/_config/admins/{admin[0]}", data=f'"{admin[1]}"', timeout=30).raise_for_status()
    return CouchServer(url, admin, process)


def _create(server: CouchServer, name: str, terminals: list[str]) -> None:
    requests.put(f"{server.url}/{name}", auth=server.admin, timeout=30).raise_for_status()
    security = {"admins": {"names": [], "roles": ["_admin"]}, "members": {"names": terminals, "roles": []}}
    requests.put(f"{server.url}/{name}/_security", json=security, auth=server.admin, timeout=30).raise_for_status()


def create_database(server: CouchServer, name: str, terminals: list[str]) -> CloudDatabase:
    """A database that only `terminals` (each a new user with a random password) and the admin may use."""
    users = {}
    for terminal in terminals:
        user = f"{name}-{terminal}"
        password = secrets.token_urlsafe(16)
        doc = {"name": user, "password": password, "roles": [], "type": "user"}
        requests.put(f"{server.url}/_users/org.couchdb.user:{user}", json=doc, auth=server.admin,
                     timeout=30).raise_for_status()
        users[terminal] = password
    database = CloudDatabase(server, name, users)
    _create(server, name, [f"{name}-{t}" for t in terminals])
    return database
