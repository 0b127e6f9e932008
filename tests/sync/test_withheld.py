"""A cloud that keeps documents back: every terminal numbers the documents it creates and cites its highest number
in a head document, so a terminal can tell that it lacks one (local_store.completeness). A gap is said by `sync` (its
own exit status), `review` and the status bar, looked for again on later rounds, and 第三者 and 代理人 交付 wait
until it closes. Two terminals, the test cloud, and a server on loopback that leaves rows out of `_changes`."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pytestqt.qtbot import QtBot

from cli.common import EXIT_INCOMPLETE, EXIT_OK
from domain.canonical import canonical_json
from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, Disposal, RequesterKind, request_from
from domain.protection import OffenderRefused
from local_store import documents
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from sync.enrollment import PREFIX as ENROLLMENT_PREFIX
from tests.support.builders import ADMIN, family
from tests.support.cli import Ran, cli
from tests.support.couch_proxy import WithholdingProxy
from tests.support.protected import protected_town
from tests.support.terminals import Terminal, enroll, make_terminals, now_clock
from ui.shell.status_bar import sync_text
from ui.shell.sync_service import SyncStatus

MISSING = "クラウドから届いていない文書があります"


def _stranger(registry: Registry, actor: Staff, atena: str, name: str) -> Any:
    """A 第三者 asks for the 住民票の写し of `atena`."""
    request = request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": [atena], "requester": RequesterKind.DAISANSHA,
                            "requester_name": name, "identification": "運転免許証",
                            "requester_address": "東京都港区芝公園1丁目1番1号", "reason": "貸金の返還請求",
                            "evidence": "金銭消費貸借契約書"})
    return registry.kofu.issue(actor, request, render)


def _sync_through(b: Terminal, cloud: Any, proxy_url: str) -> Ran:
    """B's `sync` from the command line, through a server in front of the cloud (the password asked for there)."""
    database = cloud.url.rsplit("/", 1)[1]
    return cli(b.registry.data_dir, "--as", ADMIN[0], "--password-stdin", "sync", "--remote", f"{proxy_url}/{database}",
               stdin=f"{ADMIN[2]}\n{cloud.login('terminal-b')[1]}\n", clock=now_clock())


def _number(registry: Registry, doc_id: str) -> int:
    return int(registry.store.conn.execute("SELECT number FROM doc_numbers WHERE doc_id = ?", (doc_id,)).fetchone()[0])


def test_a_withheld_support_measure_is_noticed_blocks_kofu_to_third_parties_and_arrives_later(
        tmp_path: Path, cloud: Any, qtbot: QtBot) -> None:
    """The server leaves the 支援措置 開始 that A pushed out of B's `_changes` (it cannot tell it from the others by
    anything it sees, so it is named here by id). B says so and refuses the victim's 住民票の写し to the named 加害者
    asking as a 第三者, as A does; an honest round later brings the measure, although B's checkpoint is past it."""
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    town = protected_town(a.registry, a.actor)
    a.sync()
    (shien,) = [r[0] for r in a.registry.store.conn.execute("SELECT id FROM docs WHERE class = 'shien'")]
    server = cloud.url.rsplit("/", 1)[0]
    with WithholdingProxy(server, lambda row: row["id"] == shien) as proxy:
        ran = _sync_through(b, cloud, proxy.url)
    assert proxy.withheld == [shien]
    assert ran.returncode == EXIT_INCOMPLETE, (ran.stdout, ran.stderr)
    assert f"{MISSING}（端末「本庁1」の {_number(a.registry, shien)} 番）" in ran.stderr
    assert "review" in ran.stderr

    with pytest.raises(OffenderRefused):
        _stranger(a.registry, a.actor, town.hanako.atena_no, "乙川　太郎")
    with pytest.raises(ValidationError) as refused:
        _stranger(b.registry, b.actor, town.hanako.atena_no, "乙川　太郎")
    assert MISSING in refused.value.message and "第三者・代理人" in refused.value.message
    # It waits for the cloud: not a refusal, neither in the 交付履歴 nor in the 日計.
    assert Disposal.REFUSED not in [e["disposal"] for e in b.registry.kofu.history(b.actor)]
    assert sum(t.refused for t in b.registry.daily.report(b.actor, b.registry.today()).kofu) == 0
    # 本人 is served: the counter keeps working while a document is missing.
    honnin = request_from({"kind": CertificateKind.JUMINHYO, "atena_nos": [town.sato.atena_no],
                           "requester": RequesterKind.HONNIN, "requester_atena": town.sato.atena_no,
                           "identification": "運転免許証"})
    assert b.registry.kofu.issue(b.actor, honnin, render).pdfs

    shown = cli(b.registry.data_dir, "--as", ADMIN[0], "--password-stdin", "review", stdin=ADMIN[2] + "\n",
                clock=now_clock())
    assert "クラウドから届いていない文書 1 件" in shown.stdout and "端末「本庁1」" in shown.stdout
    listed = json.loads(cli(b.registry.data_dir, "--as", ADMIN[0], "--password-stdin", "review", "--json",
                            stdin=ADMIN[2] + "\n", clock=now_clock()).stdout)
    assert [(m["name"], m["count"]) for m in listed["missing"]] == [("本庁1", 1)]
    status = SyncStatus(True, True, False, 0, None, "", 0, 0, 0, 0, missing=tuple(b.registry.replication.gaps()))
    assert "未着 1 件" in sync_text(status)

    report = b.sync()  # honest: the changes are read again from the start
    assert report.rescanned and report.missing == [] and report.pulled >= 1
    assert b.registry.replication.gaps() == []
    with pytest.raises(OffenderRefused):
        _stranger(b.registry, b.actor, town.hanako.atena_no, "乙川　太郎")
    assert b.sync().rescanned is False  # nothing missing: an ordinary round
    a.registry.close()
    b.registry.close()


def test_the_newest_documents_withheld_are_noticed_by_the_head_that_cites_them(tmp_path: Path, cloud: Any) -> None:
    """Everything A wrote since B's last round is kept back but A's head: B knows how many there are."""
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    before = {r[0] for r in a.registry.store.conn.execute("SELECT id FROM docs")}
    for _ in range(3):
        a.registry.apply(a.actor, family())
    a.sync()
    new = {r[0] for r in a.registry.store.conn.execute("SELECT id FROM docs")} - before
    with WithholdingProxy(cloud.url.rsplit("/", 1)[0], lambda row: row["id"] in new) as proxy:
        ran = _sync_through(b, cloud, proxy.url)
    assert ran.returncode == EXIT_INCOMPLETE
    numbers = sorted(_number(a.registry, doc_id) for doc_id in new)  # each 異動 and its 戸籍の附票
    first, last = numbers[0], numbers[-1]
    assert f"{MISSING}（端末「本庁1」の {first}〜{last} 番）" in ran.stderr
    assert b.sync().missing == [] and b.registry.residents.counts() == a.registry.residents.counts()
    a.registry.close()
    b.registry.close()


def _seal_v1(registry: Registry, doc: documents.Document) -> dict[str, Any]:
    """An envelope as the program sealed it before documents were numbered (version 1: class and terminal in the
    clear, no padding), for a cloud that still holds such documents."""
    municipality, terminal, key = registry.replication.sealing()

    def derive(purpose: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"madoguchi envelope " + purpose).derive(key)

    nonce = hmac.new(derive(b"nonce"), f"{doc.id}\n{doc.rev}".encode(), hashlib.sha256).digest()[:12]
    plaintext = canonical_json({"parent": None, "body": doc.body})
    aad = canonical_json([1, municipality, doc.id, doc.rev, doc.doc_class, False])
    sealed = AESGCM(derive(b"encryption")).encrypt(nonce, plaintext, aad)
    return {"_id": doc.id, "_rev": doc.rev, "v": 1, "c": doc.doc_class, "t": terminal,
            "k": hashlib.sha256(derive(b"key id")).hexdigest()[:16], "n": base64.b64encode(nonce).decode(),
            "x": base64.b64encode(sealed).decode()}


def test_documents_sealed_before_numbering_still_arrive_and_leave_no_gap(tmp_path: Path, cloud: Any) -> None:
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    old = a.registry.replication.document(a.registry.apply(a.actor, family()).doc_id)
    assert old is not None
    assert requests.post(f"{cloud.url}/_bulk_docs", json={"docs": [_seal_v1(a.registry, old)], "new_edits": False},
                         auth=cloud.admin, timeout=30).ok
    report = b.sync()
    assert report.quarantined == 0 and report.missing == []
    assert b.registry.replication.document(old.id) == old
    a.registry.close()
    b.registry.close()


def test_documents_erased_by_a_purge_order_leave_no_gap_on_a_terminal_that_never_held_them(
        tmp_path: Path, cloud: Any) -> None:
    """The erased document never arrives anywhere again: the head of a terminal that held it accounts for its
    number."""
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    erased = a.registry.apply(a.actor, family()).doc_id
    a.sync()
    a.registry.purge.order(a.actor, [erased], "裁判所の命令（令和8年(ワ)第1号）", "誤って記録された個人情報の消去")
    a.sync()
    joined = enroll(a.registry, a.actor, "支所2", tmp_path / "c", cloud.url, cloud.login("terminal-b"))
    assert joined.replication.document(erased) is None
    assert joined.replication.gaps() == [] and b.sync().missing == []
    joined.close()
    a.registry.close()
    b.registry.close()


def test_the_cloud_sees_one_kind_of_document(tmp_path: Path, cloud: Any) -> None:
    """No class, no terminal, no readable id: a server that would keep back the 支援措置 by their clear class finds
    none, and every envelope's content is padded to a power of two."""
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    protected_town(a.registry, a.actor)
    a.sync()
    b.sync()
    rows = requests.get(cloud.url + "/_all_docs", params={"include_docs": "true"}, auth=cloud.admin, timeout=30)
    stored = [row["doc"] for row in rows.json()["rows"] if not row["id"].startswith(("_design/", ENROLLMENT_PREFIX))]
    assert len(stored) >= 10
    for doc in stored:
        assert set(doc) <= {"_id", "_rev", "_deleted", "v", "k", "n", "x"}, doc.keys()
        # The settings keep their fixed id (one mutable document that every municipality has); the rest are random.
        assert doc["v"] == 2 and (doc["_id"] == "settings" or (len(doc["_id"]) == 32 and int(doc["_id"], 16) >= 0))
        content = len(base64.b64decode(doc["x"])) - 16  # less the GCM tag
        assert content >= 1024 and content & (content - 1) == 0
    joined_dir = tmp_path / "c"
    with WithholdingProxy(cloud.url.rsplit("/", 1)[0], lambda row: row.get("doc", {}).get("c") == "shien") as proxy:
        joined = enroll(a.registry, a.actor, "支所2", joined_dir, proxy.url_for(cloud.url), cloud.login("terminal-b"))
    assert proxy.withheld == []
    assert joined.protection.measures(joined.sign_in(ADMIN[0], ADMIN[2])) != []
    joined.close()
    a.registry.close()
    b.registry.close()


def test_a_sync_with_nothing_missing_exits_zero(tmp_path: Path, cloud: Any) -> None:
    a, b = make_terminals(tmp_path, cloud, cloud.url)
    ran = cli(b.registry.data_dir, "--as", ADMIN[0], "--password-stdin", "sync", stdin=ADMIN[2] + "\n",
              clock=now_clock())
    assert ran.returncode == EXIT_OK, ran.stderr
    assert MISSING not in ran.stderr
    a.registry.close()
    b.registry.close()
