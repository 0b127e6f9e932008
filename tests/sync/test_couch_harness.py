"""The sync tests' cloud is real: PouchDB Server is no admin party, `_security` keeps out anonymous requests
and other users, session cookies work; the proxies do what they say."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.support.couch_proxy import FaultProxy, OpaqueSequenceProxy
from tests.support.couch_server import CloudDatabase, CouchServer, create_database

TIMEOUT = 10
REFUSED = (401, 403)


@pytest.fixture
def stranger(couch: CouchServer) -> Iterator[requests.Session]:
    """A logged-in user of another database, who is not a member of `cloud`."""
    other = create_database(couch, f"other{secrets.token_hex(4)}", ["terminal-c"])
    yield other.session("terminal-c")
    other.drop()


def get(session: requests.Session, url: str, **params: str) -> requests.Response:
    return session.get(url, params=params, timeout=TIMEOUT)


def put(session: requests.Session, url: str, doc: dict[str, Any]) -> requests.Response:
    return session.put(url, json=doc, timeout=TIMEOUT)


def post(session: requests.Session, url: str, doc: dict[str, Any]) -> requests.Response:
    return session.post(url, json=doc, timeout=TIMEOUT)


def test_the_admin_party_is_closed(couch: CouchServer, cloud: CloudDatabase) -> None:
    anonymous = requests.Session()
    assert get(anonymous, cloud.url).status_code in REFUSED
    assert put(anonymous, cloud.url + "/doc", {"a": 1}).status_code in REFUSED
    assert get(anonymous, cloud.url + "/_changes").status_code in REFUSED
    assert post(anonymous, cloud.url + "/_bulk_get", {"docs": [{"id": "doc"}]}).status_code in REFUSED
    new_admin = anonymous.put(couch.url + "/_config/admins/intruder", data='"pw"', timeout=TIMEOUT)
    assert new_admin.status_code in REFUSED
    assert get(anonymous, couch.url + "/_all_dbs").status_code in REFUSED
    if couch.process is not None:  # PouchDB Server has require_valid_user; a real CouchDB is left as it is
        assert get(anonymous, couch.url + "/").status_code in REFUSED
    # Refused database creation and deletion answer, and leave the server working.
    assert anonymous.put(couch.url + "/intruders-db", timeout=TIMEOUT).status_code in REFUSED
    assert anonymous.delete(cloud.url, timeout=TIMEOUT).status_code in REFUSED
    assert couch.request("GET", "/" + cloud.name).ok
    assert couch.request("GET", "/intruders-db").status_code == 404
    assert couch.request("GET", "/").ok


def test_a_member_writes_and_reads_with_a_session_cookie(cloud: CloudDatabase) -> None:
    name, password = cloud.login("terminal-a")
    assert name in cloud.users and cloud.users[name] == password
    assert "@" not in cloud.url and password not in cloud.url
    a = cloud.session("terminal-a")
    assert "AuthSession" in a.cookies
    assert get(a, cloud.server.url + "/_session").json()["userCtx"]["name"] == name
    written = put(a, cloud.url + "/household-1", {"v": 1})
    assert written.status_code == 201
    assert get(a, cloud.url + "/household-1").json()["v"] == 1
    assert [row["id"] for row in get(a, cloud.url + "/_changes").json()["results"]] == ["household-1"]
    got = post(a, cloud.url + "/_bulk_get?revs=true", {"docs": [{"id": "household-1"}]}).json()
    assert got["results"][0]["docs"][0]["ok"]["_rev"] == written.json()["rev"]
    assert put(a, cloud.url + "/_local/checkpoint", {"last_seq": "1"}).status_code == 201
    b = cloud.session("terminal-b")  # the other terminal sees it too
    assert get(b, cloud.url + "/household-1").json()["v"] == 1
    wrong = post(requests.Session(), cloud.server.url + "/_session", {"name": name, "password": "wrong"})
    assert wrong.status_code == 401


def test_a_user_who_is_not_a_member_is_refused(cloud: CloudDatabase, stranger: requests.Session) -> None:
    assert put(cloud.session("terminal-a"), cloud.url + "/household-1", {"v": 1}).status_code == 201
    assert get(stranger, cloud.url).status_code in REFUSED
    assert get(stranger, cloud.url + "/household-1").status_code in REFUSED
    assert get(stranger, cloud.url + "/_changes").status_code in REFUSED
    assert post(stranger, cloud.url + "/_bulk_get", {"docs": [{"id": "household-1"}]}).status_code in REFUSED
    assert post(stranger, cloud.url + "/_revs_diff", {"x": ["1-a"]}).status_code in REFUSED
    assert put(stranger, cloud.url + "/intruder", {"v": 1}).status_code in REFUSED
    bulk = post(stranger, cloud.url + "/_bulk_docs", {"docs": [{"_id": "intruder"}]})
    assert bulk.status_code in REFUSED or "error" in bulk.json()[0]
    assert cloud.server.request("GET", f"/{cloud.name}/intruder").status_code == 404


def test_members_cannot_let_others_in(cloud: CloudDatabase, stranger: requests.Session) -> None:
    a = cloud.session("terminal-a")
    before = cloud.server.request("GET", f"/{cloud.name}/_security").json()
    opened = {"members": {"names": [], "roles": []}}
    # PouchDB Server answers 401/403; CouchDB sends back each shard's refusal as a 500. Either way nothing changes.
    assert put(a, cloud.url + "/_security", opened).status_code in REFUSED + (500,)
    # PouchDB Server keeps _security as this document; to CouchDB it is an ordinary local document, which a member
    # may write and which opens nothing.
    overwrite = {"_id": "_local/_security", "_rev": "0-1", "security": opened}
    if cloud.server.is_pouchdb:
        assert put(a, cloud.url + "/_local/_security", overwrite).status_code in REFUSED
        assert post(a, cloud.url + "/_bulk_docs", {"docs": [overwrite]}).status_code in REFUSED
    else:  # written, and the checks below find the database as closed as before
        put(a, cloud.url + "/_local/_security", overwrite)
    design = {"validate_doc_update": "function () {}"}
    assert put(a, cloud.url + "/_design/open", design).status_code in REFUSED
    assert cloud.server.request("GET", f"/{cloud.name}/_security").json() == before
    assert get(stranger, cloud.url).status_code in REFUSED


def test_a_recreated_database_is_empty_with_the_same_users(cloud: CloudDatabase) -> None:
    a = cloud.session("terminal-a")
    assert put(a, cloud.url + "/household-1", {"v": 1}).status_code == 201
    cloud.recreate()
    assert get(a, cloud.url + "/household-1").status_code == 404
    assert get(a, cloud.url).json()["doc_count"] == 0
    assert get(requests.Session(), cloud.url).status_code in REFUSED


def test_the_opaque_proxy_hands_out_strings_and_takes_them_back(cloud: CloudDatabase) -> None:
    if not cloud.server.is_pouchdb:
        pytest.skip("the proxy gives PouchDB Server's numbers CouchDB's opaque form; a real CouchDB has it already")
    a = cloud.session("terminal-a")
    for n in range(3):
        assert put(a, f"{cloud.url}/doc-{n}", {"n": n}).status_code == 201
    with OpaqueSequenceProxy(cloud.server.url) as proxy:
        url = proxy.url_for(cloud.url)
        feed = get(a, url + "/_changes").json()
        seqs = [row["seq"] for row in feed["results"]] + [feed["last_seq"]]
        for seq in seqs:
            assert isinstance(seq, str) and "-g1AAAA" in seq and not seq.isdigit()
        assert len(set(seqs[:3])) == 3 and seqs[2] == seqs[3]
        after_first = get(a, url + "/_changes", since=seqs[0]).json()
        assert [row["id"] for row in after_first["results"]] == ["doc-1", "doc-2"]
        assert after_first["last_seq"] == feed["last_seq"]
        assert get(a, url + "/_changes", since=seqs[2]).json()["results"] == []
        assert get(a, url + "/_changes", since="0").json()["last_seq"] == feed["last_seq"]
        info = get(a, url).json()
        assert info["update_seq"] == feed["last_seq"]
        unknown = get(a, url + "/_changes", since="2")
        assert unknown.status_code == 400  # a number the client made up, as CouchDB answers a malformed one
        assert get(a, url + "/doc-1").json()["n"] == 1  # everything else passes unchanged
        assert ("GET", f"/{cloud.name}/_changes") in proxy.requests


def test_the_fault_proxy_forwards_and_counts(cloud: CloudDatabase) -> None:
    name, password = cloud.login("terminal-a")
    with FaultProxy(cloud.server.url) as proxy:
        url = proxy.url_for(cloud.url)
        session = requests.Session()  # logs in through the proxy: cookies pass both ways
        assert post(session, proxy.url + "/_session", {"name": name, "password": password}).ok
        assert put(session, url + "/doc", {"v": 1}).status_code == 201
        assert get(session, url + "/doc", revs="true").json()["_revisions"]["start"] == 1
        assert session.head(url + "/doc", timeout=TIMEOUT).status_code == 200
        assert proxy.requests == [("POST", "/_session"), ("PUT", f"/{cloud.name}/doc"),
                                  ("GET", f"/{cloud.name}/doc"), ("HEAD", f"/{cloud.name}/doc")]


@pytest.mark.parametrize("forward", [True, False])
def test_each_fault_kind_does_what_it_says(cloud: CloudDatabase, forward: bool) -> None:
    session = cloud.session("terminal-a")
    with FaultProxy(cloud.server.url, stall_seconds=1.0) as proxy:
        url = proxy.url_for(cloud.url)

        proxy.fail_next("500", path_contains="/doc-500", forward=forward)
        answer = put(session, url + "/doc-500", {"v": 1})
        assert answer.status_code == 500 and answer.json()["error"] == "internal_server_error"

        proxy.fail_next("malformed", path_contains="/doc-malformed", forward=forward)
        answer = put(session, url + "/doc-malformed", {"v": 1})
        assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/json"
        with pytest.raises(ValueError):
            answer.json()

        proxy.fail_next("content_type", path_contains="/doc-html", forward=forward)
        answer = put(session, url + "/doc-html", {"v": 1})
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/html")

        proxy.fail_next("drop", path_contains="/doc-drop", forward=forward)
        with pytest.raises(requests.ConnectionError):
            put(session, url + "/doc-drop", {"v": 1})

        proxy.fail_next("stall", path_contains="/doc-stall", forward=forward)
        started = time.monotonic()
        with pytest.raises(requests.Timeout):
            session.put(url + "/doc-stall", json={"v": 1}, timeout=0.3)
        assert time.monotonic() - started < 1.0

        proxy.fail_next("truncate", path_contains="/doc-truncate", forward=forward)
        with pytest.raises(requests.RequestException):  # urllib3 notices the body is shorter than announced
            put(session, url + "/doc-truncate", {"v": 1})

        assert proxy.pending() == 0
        assert put(session, url + "/doc-after", {"v": 1}).status_code == 201  # back to normal
        time.sleep(1.2)  # the stalled request has been answered by now, if it was forwarded

    stored = {row["id"] for row in get(session, cloud.url + "/_all_docs").json()["rows"]}
    lost_answers = {"doc-500", "doc-malformed", "doc-html", "doc-drop", "doc-stall"}
    # With forward, the server did the write and only its answer was lost; "truncate" always forwards.
    assert stored == {"doc-after", "doc-truncate"} | (lost_answers if forward else set())


def test_faults_match_by_path_and_count(cloud: CloudDatabase) -> None:
    session = cloud.session("terminal-a")
    with FaultProxy(cloud.server.url) as proxy:
        url = proxy.url_for(cloud.url)
        proxy.fail_next("500", count=2, path_contains="_changes")
        assert get(session, url).ok  # not a match
        assert get(session, url + "/_changes").status_code == 500
        assert get(session, url + "/_changes?since=0").status_code == 500
        assert get(session, url + "/_changes").ok
        proxy.fail_next("500", path_contains="since=now")  # the query counts too
        assert get(session, url + "/_changes?since=0").ok
        assert get(session, url + "/_changes?since=now").status_code == 500
        assert len(proxy.requests) == 6
        with pytest.raises(ValueError):
            proxy.fail_next("slow")


def test_a_proxy_stops_promptly_while_a_request_is_stalled(cloud: CloudDatabase) -> None:
    session = cloud.session("terminal-a")
    proxy = FaultProxy(cloud.server.url, stall_seconds=60)
    proxy.start()
    proxy.fail_next("stall")
    with pytest.raises(requests.Timeout):
        session.get(proxy.url_for(cloud.url), timeout=0.2)
    started = time.monotonic()
    proxy.stop()
    assert time.monotonic() - started < 5
    with pytest.raises(requests.ConnectionError):
        requests.get(proxy.url, timeout=1)
