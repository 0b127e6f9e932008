"""A 再交付 prints what the 交付 it repeats printed (§4.1.3.0.3: a 転出証明書 issued again is marked 「再交付」 with
the contents it had): the 交付履歴 keeps which rows (異動 documents, immutable) each 交付 printed, and a 異動 recorded
between the two never appears on the 再交付; a new 交付 prints today's record. Real replicas, real PDFs read back,
the command line in-process."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import pytest

from domain.kofu_rules import CertificateKind, Item, KofuIncomplete, KofuOnHold, RequesterKind, request_from
from local_store import documents
from local_store.kofu import KOFU
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.seal import demo_seal_png
from reports.verify import verify_pdf
from tests.support.builders import ADMIN, NOTIFIER, Clock, family, numbered
from tests.support.cli import cli
from tests.support.pdf_text import page_texts

FIRST = "さくら県みどり町本町2丁目3番4号"  # tennyu()'s address
MOVED = "さくら県みどり町東町1番地"
ELSEWHERE = "東京都港区芝公園1丁目1番1号"
HONNIN = {"requester": RequesterKind.HONNIN, "identification": "運転免許証"}


@pytest.fixture
def household(registry: Registry, admin: Staff) -> list[str]:
    """The Yamada household with every number a 転出証明書 prints."""
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})
    atena = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    for request in numbered(atena[:1], mynumbers=False) + numbered(atena[1:], 1):
        registry.apply(admin, request)
    return atena


def issue(registry: Registry, actor: Staff, atena: str, kind: CertificateKind, **values: Any) -> Any:
    request = request_from({"kind": kind, "atena_nos": [atena], "requester_atena": atena, **HONNIN, **values})
    return registry.kofu.issue(actor, request, render)


def move_within(registry: Registry, admin: Staff, atena: list[str]) -> None:
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notified_on": "R8.11.26", "notifier": NOTIFIER,
                           "targets": atena, "address": {"text": MOVED}})


def test_a_reissued_juminhyo_prints_the_record_of_the_first_issue_marked_reissued(
        registry: Registry, admin: Staff, household: list[str]) -> None:
    """A 転居 recorded after the 交付: its 再交付 still prints the 住所 the first copy printed, titled 「再交付」, and
    the 交付履歴 names each row printed by its 異動 document; a new 交付 prints today's 住所, unmarked."""
    first = issue(registry, admin, household[0], CertificateKind.JUMINHYO, household=True)
    move_within(registry, admin, household)
    again = registry.kofu.reissue(admin, first.issue_numbers[0], render)
    (page,) = page_texts(again.pdfs[0])
    assert page.startswith("住民票の写し（再交付）") and FIRST in page and MOVED not in page
    assert verify_pdf(again.pdfs[0], registry.kofu.public_key()).ok
    original, repeated = (e for e in registry.kofu.history(admin, household[0]) if e["disposal"] == "交付")
    assert [r["atena_no"] for r in original["printed"]["rows"]] == household
    assert repeated["printed"] == original["printed"] and repeated["reissue_of"]["doc_id"]
    (today,) = page_texts(issue(registry, admin, household[0], CertificateKind.JUMINHYO, household=True).pdfs[0])
    assert today.startswith("住民票の写し住所") and MOVED in today and FIRST not in today


def test_a_reissue_prints_the_same_history_of_idou(registry: Registry, admin: Staff, household: list[str]) -> None:
    """The 異動の履歴 of a 個人票 issued again ends where the first ended: a later 異動 is not on it."""
    first = issue(registry, admin, household[1], CertificateKind.JUMINHYO, include=[Item.HISTORY])
    move_within(registry, admin, household)
    (page,) = page_texts(registry.kofu.reissue(admin, first.issue_numbers[0], render).pdfs[0])
    assert "国内転入" in page and "転居" not in page and MOVED not in page


def test_a_lost_tenshutsu_is_issued_again_as_it_was(registry: Registry, admin: Staff, household: list[str]) -> None:
    """§4.1.3.0.3: the 転出証明書 issued again for one lost has the contents of the first, marked 「再交付」, whether
    asked for as a new 交付 of the same 転出 or as a 再交付 of its 発行番号; an entry changed in between (国民健康保険)
    is not on it. Cancelled, the first gives way to a 転出証明書 of today's record."""
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                           "notifier": NOTIFIER, "targets": household, "destination": ELSEWHERE})
    first = issue(registry, admin, household[0], CertificateKind.TENSHUTSU, household=True)
    assert "国民健康保険資格取得令和8年11月20日" not in page_texts(first.pdfs[0])[0]
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                           "set": {household[0]: {"offices": {"kokuho": {"acquired": "R8.11.20"}}}}})
    asked_again = issue(registry, admin, household[0], CertificateKind.TENSHUTSU, household=True)
    by_number = registry.kofu.reissue(admin, first.issue_numbers[0], render)
    for again in (asked_again, by_number):
        (page,) = page_texts(again.pdfs[0])
        assert page.startswith("転出証明書（再交付）") and "国民健康保険資格取得令和8年11月20日" not in page
        assert again.reissue_of == first.issue_numbers[0]
    for issued in (first, asked_again, by_number):
        registry.kofu.cancel(admin, issued.issue_numbers[0], "転出証明書の記載誤り")
    (fresh,) = page_texts(issue(registry, admin, household[0], CertificateKind.TENSHUTSU, household=True).pdfs[0])
    assert fresh.startswith("転出証明書住所") and "国民健康保険資格取得令和8年11月20日" in fresh


def test_a_tenshutsu_of_some_of_those_it_printed_is_no_reissue(registry: Registry, admin: Staff,
                                                                household: list[str]) -> None:
    """A 転出証明書 issued for 山田　太郎 alone, then asked for the whole household: printing the first again would
    leave his family without theirs, and a second unmarked one for him would be two 転出証明書 of one 転出. The
    request is put right at the counter, naming the 交付 made; the same person again is its 再交付."""
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                           "notifier": NOTIFIER, "targets": household, "destination": ELSEWHERE})
    alone = issue(registry, admin, household[0], CertificateKind.TENSHUTSU)
    with pytest.raises(KofuIncomplete, match=f"宛名番号 {household[0]} の転出証明書は発行番号 {alone.issue_numbers[0]} で"
                                             "交付済みです"):
        issue(registry, admin, household[0], CertificateKind.TENSHUTSU, household=True)
    assert len(registry.kofu.history(admin, household[0])) == 1
    others = issue(registry, admin, household[1], CertificateKind.TENSHUTSU, atena_nos=household[1:],
                   requester_atena=household[0])
    assert others.reissue_of == "" and [p.atena_no for p in others.persons] == household[1:]
    again = issue(registry, admin, household[0], CertificateKind.TENSHUTSU)
    assert again.reissue_of == alone.issue_numbers[0] and [p.atena_no for p in again.persons] == household[:1]


def test_an_issue_recorded_without_its_rows_is_not_reissued_from_today_s_record(
        registry: Registry, admin: Staff, household: list[str]) -> None:
    """A 交付 recorded before the 交付履歴 kept the rows printed cannot be printed again as it was: its 再交付 is not
    made from today's record but refused as 入力不備, naming the way out (a new 交付), and nothing is recorded."""
    first = issue(registry, admin, household[0], CertificateKind.JUMINHYO)
    (entry,) = registry.kofu.history(admin, household[0])
    number = "20261120 みどり町 本庁1 プリンタ001 000001"
    older = {key: value for key, value in entry.items() if key != "printed"} | {"issue_numbers": [number]}
    with registry.store.write() as conn:
        documents.put_new(conn, registry.store.data_key, KOFU, older)
    with pytest.raises(KofuIncomplete, match="新たに交付してください"):
        registry.kofu.reissue(admin, number, render)
    assert len(registry.kofu.history(admin, household[0])) == 2
    assert registry.kofu.reissue(admin, first.issue_numbers[0], render).reissue_of == first.issue_numbers[0]


def test_a_reissue_waits_for_the_rows_printed_on_another_terminal(registry: Registry, admin: Staff,
                                                                   household: list[str], data_dir: Path,
                                                                   tmp_path: Path, clock: Clock) -> None:
    """A 交付 made on another terminal arrives before the 異動 whose rows it printed: its 再交付 here waits for them
    (交付保留, nothing in the 交付履歴), and once they arrive it prints those rows."""
    registry.close()
    shutil.copytree(data_dir, tmp_path / "other")
    here, there = Registry.open(data_dir, clock=clock), Registry.open(tmp_path / "other", clock=clock)
    me, you = here.sign_in(ADMIN[0], ADMIN[2]), there.sign_in(ADMIN[0], ADMIN[2])
    moved = there.apply(you, {"reason": "転居", "idou_date": "R8.11.26", "notified_on": "R8.11.26",
                              "notifier": NOTIFIER, "targets": household, "address": {"text": MOVED}})
    first = issue(there, you, household[0], CertificateKind.JUMINHYO)
    (line,) = there.kofu.lines_of(you, household[0])
    entry = there.replication.document(line.doc_id)
    assert entry is not None
    here.replication.ingest(entry)
    with pytest.raises(KofuOnHold, match=f"異動 {moved.doc_id}）がこの端末にまだ届いていません"):
        here.kofu.reissue(me, first.issue_numbers[0], render)
    assert len(here.kofu.history(me, household[0])) == 1
    arrived = there.replication.document(moved.doc_id)
    assert arrived is not None
    here.replication.ingest(arrived)
    (page,) = page_texts(here.kofu.reissue(me, first.issue_numbers[0], render).pdfs[0])
    assert page.startswith("住民票の写し（再交付）") and MOVED in page
    here.close()
    there.close()


def test_the_command_line_says_a_reissue_is_the_original_content(registry: Registry, admin: Staff,
                                                                  household: list[str], data_dir: Path,
                                                                  tmp_path: Path) -> None:
    number = issue(registry, admin, household[0], CertificateKind.JUMINHYO).issue_numbers[0]
    move_within(registry, admin, household)
    registry.close()
    out = tmp_path / "again.pdf"
    ran = cli(data_dir, "--as", ADMIN[0], "--password-stdin", "certificate-reissue", number, "--out", str(out),
              stdin=ADMIN[2] + "\n")
    assert ran.returncode == 0, ran.stderr
    assert f"再交付: 発行番号 {number} の交付と同じ内容です（その後の異動は記載されません）" in ran.stdout
    (page,) = page_texts(out.read_bytes())
    assert page.startswith("住民票の写し（再交付）") and FIRST in page and MOVED not in page
    helped = cli(data_dir, "--help")
    assert "today's record" in " ".join(helped.stdout.split())
