"""A 除票 as the law names it: a 外国人住民's stay begins on its 外国人住民となった年月日 (法30条の45), and a stay is
named durably by the 異動 that began it, so that an older 異動 arriving late from another terminal (which shifts
the stays' numbers) never makes a 再交付 print another stay. Real replicas, real PDFs read back."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from domain.history import residences
from domain.kofu_rules import CertificateKind, RequesterKind, request_from
from local_store.kofu import Issued
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.seal import demo_seal_png
from tests.support.builders import ADMIN, NOTIFIER, Clock, person, tennyu
from tests.support.cli import cli
from tests.support.pdf_text import page_texts

FIRST = "さくら県みどり町本町2丁目3番4号"
HERE = "さくら県みどり町中町5番地"  # the return recorded on this terminal
THERE = "さくら県みどり町北町8番地"  # the return recorded on the other terminal, offline
HONNIN = {"requester": RequesterKind.HONNIN, "identification": "運転免許証"}


@pytest.fixture(autouse=True)
def seal(registry: Registry, admin: Staff) -> None:
    registry.settings.update(admin, {"seal_png": base64.b64encode(demo_seal_png("みどり町長")).decode()})


def hanako() -> dict[str, Any]:
    return person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主")


def away(atena: str, date: str) -> dict[str, Any]:
    return {"reason": "国外転出", "idou_date": date, "notified_on": date, "notifier": NOTIFIER, "targets": [atena],
            "destination": "アメリカ合衆国"}


def back(atena: str, address: str, date: str) -> dict[str, Any]:
    return tennyu({**hanako(), "returning": atena}, address=address, date=date, reason="国外転入等",
                  previous_address="アメリカ合衆国")


def johyo(atena: str, **values: Any) -> Any:
    return request_from({"kind": CertificateKind.JOHYO, "atena_nos": [atena], "requester_atena": atena, **HONNIN,
                         **values})


# --- 1. 外国人住民となった年月日 -----------------------------------------------------------------------------------

def test_the_stay_of_a_foreign_resident_begins_on_the_day_they_became_a_foreign_resident(
        registry: Registry, admin: Staff, data_dir: Path) -> None:
    """法30条の45: for a 外国人住民 the 除票 lists, and prints, 外国人住民となった年月日 where a citizen's shows
    住民となった年月日 (法7条6号)."""
    atena = registry.apply(admin, tennyu(person(
        "グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人", honseki=None,
        foreign={"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": "中長期在留者",
                 "became_resident": "2026-11-18", "residence_status": "技能実習", "period": "3年",
                 "period_expiry": "2029-11-19", "card_number": "AB12345678CD"}), date="R8.11.20")
                           ).idou.rows[0].row.atena_no
    registry.apply(admin, away(atena, "R8.11.25"))
    (stay,) = residences(registry.person(admin, atena).history)
    assert stay.describe() == "第1回　令和8年11月18日〜令和8年11月25日　国外転出"
    listed = cli(data_dir, "--as", ADMIN[0], "--password-stdin", "johyo", atena, stdin=ADMIN[2] + "\n")
    assert listed.returncode == 0, listed.stderr
    assert "第1回　令和8年11月18日〜" in listed.stdout and "令和8年11月20日〜" not in listed.stdout
    (page,) = page_texts(registry.kofu.issue(admin, johyo(atena, residence=1), render).pdfs[0])
    assert "外国人住民となった年月日令和8年11月18日" in page and page.count("住民となった年月日") == 1


# --- 2. a stay named durably -------------------------------------------------------------------------------------

class Shifted(NamedTuple):
    """Two replicas of one town after the stays of 山田　花子 were renumbered, and the 交付 of her 除票 made before."""

    here: Registry
    me: Staff
    there: Registry
    atena: str
    issued: Issued  # of the stay that was 第2回 here, now 第3回
    returned: str  # the 異動 that began that stay
    late: list[str]  # the other terminal's return and departure


def shifted(registry: Registry, admin: Staff, data_dir: Path, tmp_path: Path, clock: Clock) -> Shifted:
    """The other terminal, offline, recorded a return and a departure before this one recorded its own (and a
    second return); this one issued the 除票 of its 第2回; then the other's documents arrive and the fork is resolved."""
    atena = registry.apply(admin, tennyu(hanako(), address=FIRST, date="R8.11.1")).idou.rows[0].row.atena_no
    registry.apply(admin, away(atena, "R8.11.5"))
    registry.close()
    shutil.copytree(data_dir, tmp_path / "other")
    here, there = Registry.open(data_dir, clock=clock), Registry.open(tmp_path / "other", clock=clock)
    me, you = here.sign_in(ADMIN[0], ADMIN[2]), there.sign_in(ADMIN[0], ADMIN[2])
    late = [there.apply(you, back(atena, THERE, "R8.11.10")).doc_id, there.apply(you, away(atena, "R8.11.12")).doc_id]
    returned = here.apply(me, back(atena, HERE, "R8.11.15")).doc_id
    here.apply(me, away(atena, "R8.11.20"))
    again_here = here.apply(me, back(atena, FIRST, "R8.11.25"))
    issued = here.kofu.issue(me, johyo(atena, residence=2), render)
    (page,) = page_texts(issued.pdfs[0])
    assert f"住所{HERE}" in page
    for doc_id in late:
        arrived = there.replication.document(doc_id)
        assert arrived is not None
        here.replication.ingest(arrived)
    here.apply(me, {"reason": "職権修正", "idou_date": "R8.11.27", "parents": {atena: [again_here.doc_id, late[1]]},
                    "set": {atena: {"remarks": "二つの端末の記録を確認"}}})
    stays = residences(here.person(me, atena).history)
    assert [(s.number, s.key) for s in stays][1:] == [(2, late[0]), (3, returned), (4, again_here.doc_id)]
    return Shifted(here, me, there, atena, issued, returned, late)


def test_a_reissued_johyo_is_the_same_stay_after_an_older_idou_arrived_late(
        registry: Registry, admin: Staff, data_dir: Path, tmp_path: Path, clock: Clock) -> None:
    """Once the other terminal's documents arrived, the stay issued here as 第2回 is 第3回. The 交付履歴 names it by
    the 異動 that began it, and its 再交付 prints that stay, not the one now numbered 2."""
    here, me, there, atena, issued, returned, _ = shifted(registry, admin, data_dir, tmp_path, clock)
    (entry,) = here.kofu.history(me, atena)
    assert entry["request"]["residence"] == 2 and entry["printed"]["stays"] == {atena: returned}
    (again,) = page_texts(here.kofu.reissue(me, issued.issue_numbers[0], render).pdfs[0])
    assert again.startswith("除票の写し（再交付）") and f"住所{HERE}" in again and THERE not in again
    assert here.kofu.history(me, atena)[-1]["printed"]["stays"] == {atena: returned}
    (now_second,) = page_texts(here.kofu.issue(me, johyo(atena, residence=2), render).pdfs[0])
    assert f"住所{THERE}" in now_second  # a new request by number names the stay as numbered today
    here.close()
    there.close()
