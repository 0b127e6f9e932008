"""The cloud administrator's set-up of a municipality's cloud (Apache CouchDB 3.x), from one server admin's login:

- the municipality's database and its audit database next to it (`<name>-audit`);
- one user per terminal (created with a password generated here, or given; a user already there is left alone);
- `_security` of both databases admitting those users only (members already admitted stay);
- in the audit database, the design document whose `validate_doc_update` keeps it create-only for terminal users:
  an audit entry is never changed or deleted but by the server admin; a terminal's head may be updated; nothing is
  deleted. CouchDB runs it (with QuickJS in 3.5), and so does PouchDB Server.

Run again, it changes nothing and says so. What it does is said in Japanese, one line a change.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from sync.couch_client import CloudAuthError, CloudConfig, CouchClient

DESIGN_ID = "_design/madoguchi"
# ES5, for every engine that may run it. An entry's id starts with "a-", a terminal's head with "h-" (`sync.envelope
# Sealer.record_id`); nothing else belongs in the audit database.
AUDIT_VALIDATION = """function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf("_admin") !== -1) {
    return;
  }
  if (newDoc._deleted) {
    throw({forbidden: "audit records are never deleted"});
  }
  var id = String(newDoc._id);
  if (id.indexOf("a-") === 0) {
    if (oldDoc && !oldDoc._deleted) {
      throw({forbidden: "audit entries are created once and never changed"});
    }
    return;
  }
  if (id.indexOf("h-") === 0) {
    return;
  }
  throw({forbidden: "not an audit record"});
}"""


@dataclass
class SetupReport:
    changes: list[str] = field(default_factory=list)  # what was created or changed, one line each
    passwords: dict[str, str] = field(default_factory=dict)  # the users created now, with their passwords

    @property
    def unchanged(self) -> bool:
        return not self.changes


def audit_database(name: str) -> str:
    return name + "-audit"


def set_up(db_url: str, admin: str, admin_password: str, terminal_users: Mapping[str, str | None], *,
           ca_bundle: str | None = None) -> SetupReport:
    """Set up the database at `db_url` (https://host:port/name), its audit database and `terminal_users` (a user
    with None gets a generated password); what was already as wanted is left alone."""
    report = SetupReport()
    name = db_url.rstrip("/").rsplit("/", 1)[1]
    server = db_url.rstrip("/").rsplit("/", 1)[0]
    client = CouchClient(CloudConfig(f"{server}/_users", admin, admin_password, ca_bundle=ca_bundle))
    try:
        try:
            client.sign_in()
        except CloudAuthError:
            raise CloudAuthError("サーバー管理者の名前またはパスワードが違います", "the server refused the admin's "
                                 "credentials") from None
        session = client.sibling(f"{server}/_session").get("")
        if "_admin" not in (session.get("userCtx") or {}).get("roles", []):
            raise CloudAuthError(f"{admin} はサーバー管理者ではありません（CouchDB のサーバー管理者で実行してください）",
                                 "not a server admin")
        _database(client, "_users", report)
        for database in (name, audit_database(name)):
            _database(client.sibling(f"{server}/{quote(database, safe='')}"), database, report)
        for user, password in sorted(terminal_users.items()):
            _user(client, user, password, report)
        for database in (name, audit_database(name)):
            _security(client.sibling(f"{server}/{quote(database, safe='')}"), database, set(terminal_users), report)
        _design(client.sibling(f"{server}/{quote(audit_database(name), safe='')}"), audit_database(name), report)
    finally:
        client.close()
    return report


def _database(client: CouchClient, name: str, report: SetupReport) -> None:
    if client.get("", missing_ok=True) is None:
        client.put("", None)
        report.changes.append(f"データベース {name} を作成しました")


def _user(users: CouchClient, name: str, password: str | None, report: SetupReport) -> None:
    path = CouchClient.doc_path(f"org.couchdb.user:{name}")
    if users.get(path, missing_ok=True) is not None:
        return
    chosen = password or secrets.token_urlsafe(18)
    users.put(path, {"_id": f"org.couchdb.user:{name}", "name": name, "type": "user", "roles": [],
                     "password": chosen})
    report.passwords[name] = chosen
    report.changes.append(f"端末ユーザ {name} を作成しました")


def _security(client: CouchClient, name: str, users: set[str], report: SetupReport) -> None:
    there = client.get("/_security") or {}
    members = there.get("members") if isinstance(there.get("members"), dict) else {}
    names = set(members.get("names") or []) | users
    wanted = {"admins": {"names": [], "roles": []}, "members": {"names": sorted(names), "roles": []}}
    if there != wanted:
        client.put("/_security", wanted)
        report.changes.append(f"データベース {name} に入れる端末ユーザを {', '.join(sorted(names))} にしました")


def _design(client: CouchClient, name: str, report: SetupReport) -> None:
    path = CouchClient.doc_path(DESIGN_ID)
    there = client.get(path, missing_ok=True)
    if there is not None and there.get("validate_doc_update") == AUDIT_VALIDATION:
        return
    body = {"_id": DESIGN_ID, "language": "javascript", "validate_doc_update": AUDIT_VALIDATION}
    if there is not None:
        body["_rev"] = there["_rev"]
    client.put(path, body)
    report.changes.append(f"データベース {name} に、操作記録の書き換えと削除を拒む設計文書を書きました")
