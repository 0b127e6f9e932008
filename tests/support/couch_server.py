"""The test cloud: PouchDB Server 4.2.0 (installed by scripts/test.sh under .cache/node) on a loopback port,
with a server admin, one database per test, one user per terminal and `_security` that admits only those
users.

`MADOGUCHI_TEST_COUCHDB_URL` (for example `http://admin:pw@127.0.0.1:5984`) points the suite at a real CouchDB
instead: the same helpers create its databases and users (its server configuration is left alone).

What pouchdb-server 4.2.0 (express-pouchdb, Node 20, --in-memory) enforces, found by experiment:
- It starts as an admin party. `PUT /_config/admins/<name>` with the password as a JSON string ends it: from
  then on `/_config` needs the admin, and basic auth as the admin works everywhere.
- `_security` with `members.names` is enforced for a database: anonymous requests and users who are not
  members get 401 (never 403) on GET/PUT documents, `_changes`, `_all_docs`, `_revs_diff`, `_local`;
  `_bulk_docs` answers 201 with a per-document `unauthorized` error. Members cannot write `_design/` documents
  or `_security`.
- `POST /_session` with JSON {name, password} returns an `AuthSession` cookie that works on later requests;
  every authenticated answer refreshes it with Set-Cookie. `couch_httpd_auth/timeout` (600 s) is enforced: an
  expired cookie makes the request anonymous (401). `DELETE /_session` logs out. A wrong password gives 401.
  Basic auth works too but, unlike CouchDB 3.4+, answers without a cookie.
- `require_valid_user` is accepted by `/_config` but ignored: anonymous `GET /` and `GET /_all_dbs` still
  answer.
- Holes, closed here by a small preload script (`_GUARD_JS`, see there) so that the test cloud is as strict as
  a CouchDB 3.x set up as sync-facts §3 recommends:
  * `POST /db/_bulk_get` (and `_find`, `_explain`, `_index`) skip `_security`: anyone could read every
    document.
  * `_security` is stored as the document `_local/_security`, which any member could overwrite (with its
    `_rev`) to let other users in.
  * An unauthorised `PUT /db` never answers; an unauthorised `DELETE /db` answers 401, then leaves an
    unhandled rejection that kills the process on Node 20 (or, kept alive, wedges every later database open).
  * `require_valid_user` is emulated from the config key; `_all_dbs` is for server admins (CouchDB 3.x
    default).
- Other differences a client meets: sequences are integers; `since=<unknown string>` is echoed back as
  `last_seq`; `instance_start_time` is the server's start time and does not change when a database is
  recreated; `GET` of a `_users` document by its owner works, by others gives 500; `feed=longpoll` ignores
  `timeout=` and holds the request until a change arrives.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import requests

from sync.cloud_setup import set_up

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".cache" / "node" / "node_modules"
POUCHDB_SERVER = NODE_MODULES / "pouchdb-server" / "bin" / "pouchdb-server"
TIMEOUT = 30

# Loaded with `node --require` before pouchdb-server. It wraps express-pouchdb's authorization routes, which
# run after authentication (so the user is known) and before every database route.
_GUARD_JS = r"""
"use strict";
const path = require("path");
const from = { paths: [path.dirname(process.argv[1])] };

// Node 20 exits on an unhandled rejection, and pouchdb-server leaves some behind after refusing a request.
process.on("unhandledRejection", (err) => console.error("guard: unhandled rejection:", err && err.message));

const authorizationPath = require.resolve("express-pouchdb/lib/routes/authorization", from);
const utils = require(require.resolve("express-pouchdb/lib/utils", from));
const original = require(authorizationPath);

function isAdmin(req) {
  return req.couchSession.userCtx.roles.includes("_admin");
}

function refuse(res, reason) {
  utils.sendJSON(res, 401, { error: "unauthorized", reason: reason });
}

function requiresServerAdmin(req, res, next) {
  return isAdmin(req) ? next() : refuse(res, "You are not a server admin.");
}

function notForSession(req, res, next) {
  return req.params.db === "_session" ? next() : requiresServerAdmin(req, res, next);
}

require.cache[authorizationPath].exports = function (app) {
  original(app);
  app.use(function (req, res, next) {
    // Some routes take PouchDB options, the user among them, from the query string.
    delete req.query.userCtx;
    delete req.query.secObj;
    const required = String(app.couchConfig.get("couch_httpd_auth", "require_valid_user")) === "true";
    const anonymous = !req.couchSession.userCtx.name && !isAdmin(req);
    if (required && anonymous && req.path !== "/_session") {
      return refuse(res, "Authentication required.");
    }
    next();
  });
  // Creating or deleting a database as a non-admin hangs or wedges the server instead of answering 401.
  app.put("/:db", notForSession);
  app.delete("/:db", notForSession);
  // _security is stored as the document _local/_security, which any member could overwrite.
  app.use(function (req, res, next) {
    let target = req.originalUrl + " " + (req.headers.destination || "");
    try { target = decodeURIComponent(target); } catch (err) { /* keep it encoded */ }
    return target.includes("_local/_security") ? requiresServerAdmin(req, res, next) : next();
  });
  app.post("/:db/_bulk_docs", utils.jsonParser, function (req, res, next) {
    const docs = (req.body && Array.isArray(req.body.docs)) ? req.body.docs : [];
    const touches = docs.some((doc) => doc && doc._id === "_local/_security");
    return touches ? requiresServerAdmin(req, res, next) : next();
  });
  // Like CouchDB 3.x's admin_only_all_dbs.
  app.get("/_all_dbs", requiresServerAdmin);
  // These routes call PouchDB without the user, so the database's _security was never checked.
  app.post("/:db/_bulk_get", utils.jsonParser, function (req, res, next) {
    if (req.body && typeof req.body === "object" && !Array.isArray(req.body)) {
      req.body.userCtx = req.couchSession.userCtx;
    }
    next();
  });
  app.all(["/:db/_find", "/:db/_explain", "/:db/_index", "/:db/_index/*"], requiresServerAdmin);
};
"""


@dataclass
class CouchServer:
    """A running server: `url` has no credentials; `admin` is a server admin's (name, password)."""

    url: str
    admin: tuple[str, str]
    process: subprocess.Popen[bytes] | None = None  # None for a real CouchDB that this run did not start
    workdir: Path | None = None

    @property
    def is_pouchdb(self) -> bool:
        """PouchDB Server, which this run started (rather than a real CouchDB named by MADOGUCHI_TEST_COUCHDB_URL)."""
        return self.process is not None

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request as the server admin (basic auth); `path` starts with a slash."""
        return requests.request(method, self.url + path, auth=self.admin, timeout=TIMEOUT, **kwargs)


@dataclass
class CloudDatabase:
    """One database: `url` has no credentials; `users` maps each CouchDB user name to its password."""

    server: CouchServer
    name: str
    url: str
    users: dict[str, str]
    admin: tuple[str, str]

    def login(self, terminal: str) -> tuple[str, str]:
        """The CouchDB user name and password of one terminal."""
        name = user_name(self.name, terminal)
        return name, self.users[name]

    def session(self, terminal: str) -> requests.Session:
        """A requests session logged in as one terminal with an AuthSession cookie."""
        name, password = self.login(terminal)
        session = requests.Session()
        answer = session.post(self.server.url + "/_session", json={"name": name, "password": password},
                              timeout=TIMEOUT)
        answer.raise_for_status()
        return session

    @property
    def audit_name(self) -> str:
        """The municipality's audit database, next to this one (the same users)."""
        return self.name + "-audit"

    @property
    def audit_url(self) -> str:
        return f"{self.server.url}/{quote(self.audit_name, safe='')}"

    def recreate(self) -> None:
        recreate_database(self.server, self)

    def document_ids(self) -> list[str]:
        answer = requests.get(f"{self.url}/_all_docs", auth=self.admin, timeout=30)
        answer.raise_for_status()
        return [row["id"] for row in answer.json()["rows"]]

    def drop(self) -> None:
        drop_database(self.server, self)


def user_name(database: str, terminal: str) -> str:
    """User names are server-wide, so each database's terminals get names of their own."""
    return f"{database}-{terminal}"


def start_pouchdb(workdir: Path) -> CouchServer:
    """PouchDB Server on a free loopback port with a server admin and require_valid_user; its config, log and
    output files go to `workdir`. With MADOGUCHI_TEST_COUCHDB_URL set, that CouchDB instead."""
    real = os.environ.get("MADOGUCHI_TEST_COUCHDB_URL")
    if real:
        return connect_couchdb(real)
    node = shutil.which("node")
    if node is None or not POUCHDB_SERVER.exists():
        raise RuntimeError(f"Node or {POUCHDB_SERVER} is missing: run the tests with scripts/test.sh, which "
                           "installs PouchDB Server")
    workdir.mkdir(parents=True, exist_ok=True)
    guard = workdir / "guard.js"
    guard.write_text(_GUARD_JS, encoding="utf-8")
    output = workdir / "server.out"
    for _attempt in range(3):  # another process may take the free port before the server binds it
        port = _free_port()
        with output.open("ab") as sink:
            process = subprocess.Popen(
                [node, "--require", str(guard), str(POUCHDB_SERVER), "--in-memory", "--host", "127.0.0.1",
                 "--port", str(port), "--config", str(workdir / "config.json"),
                 "--no-stdout-logs", "--no-color"],
                cwd=workdir, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        if _wait_until_up(url, process):
            break
        process.kill()
        process.wait()
    else:
        raise RuntimeError(f"PouchDB Server did not start; see {output}")
    admin = ("madoguchi-admin", secrets.token_urlsafe(18))
    server = CouchServer(url, admin, process, workdir)
    try:
        requests.put(f"{url}/_config/admins/{admin[0]}", data=json.dumps(admin[1]),
                     timeout=TIMEOUT).raise_for_status()
        server.request("PUT", "/_config/couch_httpd_auth/require_valid_user",
                       data=json.dumps("true")).raise_for_status()
        if requests.get(url + "/_all_dbs", timeout=TIMEOUT).status_code != 401:
            raise RuntimeError("PouchDB Server is still an admin party")
    except BaseException:
        server.stop()
        raise
    return server


def connect_couchdb(url_with_credentials: str) -> CouchServer:
    """A real CouchDB given as http://admin:password@host:port; its credentials must be a server admin's."""
    parts = urlsplit(url_with_credentials)
    netloc = parts.hostname or "127.0.0.1"
    if parts.port:
        netloc += f":{parts.port}"
    url = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    server = CouchServer(url, (parts.username or "", parts.password or ""))
    who = server.request("GET", "/_session")
    who.raise_for_status()
    if "_admin" not in who.json().get("userCtx", {}).get("roles", []):
        raise RuntimeError("MADOGUCHI_TEST_COUCHDB_URL must name a server admin")
    if server.request("GET", "/_users").status_code == 404:
        server.request("PUT", "/_users").raise_for_status()
    return server


def create_database(server: CouchServer, name: str, terminals: list[str]) -> CloudDatabase:
    """A new database and its audit database (`<name>-audit`) that only the users of `terminals` (new users with
    random passwords) and the server admin may read or write, set up as `cloud setup` sets up a real cloud."""
    users = {user_name(name, terminal): secrets.token_urlsafe(18) for terminal in terminals}
    set_up(f"{server.url}/{quote(name, safe='')}", *server.admin, users)
    return CloudDatabase(server, name, f"{server.url}/{quote(name, safe='')}", users, server.admin)


def drop_database(server: CouchServer, database: CloudDatabase) -> None:
    """Delete the database, its audit database and its users (a database already gone is fine)."""
    for name in (database.name, database.audit_name):
        answer = server.request("DELETE", f"/{quote(name, safe='')}")
        if answer.status_code != 404:
            answer.raise_for_status()
    for user in database.users:
        path = f"/_users/{quote('org.couchdb.user:' + user, safe=':')}"
        found = server.request("GET", path)
        if found.ok:
            server.request("DELETE", path, params={"rev": found.json()["_rev"]}).raise_for_status()


def recreate_database(server: CouchServer, database: CloudDatabase) -> None:
    """Delete the database and create it empty again, set up as before, as after a cloud disaster; the users and
    their passwords stay."""
    answer = server.request("DELETE", f"/{quote(database.name, safe='')}")
    if answer.status_code != 404:
        answer.raise_for_status()
    set_up(database.url, *server.admin, dict.fromkeys(database.users))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> bool:
    """True once `GET /` answers; False if the process exits first or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            requests.get(url, timeout=2)
            return True
        except requests.RequestException:
            time.sleep(0.1)
    return False
