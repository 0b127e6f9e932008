"""`fuhyo` on the command line, in this process on a real replica: search and show a 附票 (residents or not), take a
town's existing 附票 from a file (each bad line named), and issue the 附票の写し to a file (係長 and above)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.roles import Role
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.cli import cli
from tests.support.pdf_text import page_texts

AS_CHIEF = ("--as", "chief", "--password-stdin")
AS_CLERK = ("--as", "clerk", "--password-stdin")
FILE = ("本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
        "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
        "さくら県みどり町西町1番地,青木　一,青木　幸子,S22.3.3,女,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n")


@pytest.fixture
def replica(tmp_path: Path, clock: Clock) -> tuple[Path, list[str]]:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    yamada = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    registry.close()
    return data_dir, yamada


def test_import_search_show_and_a_bad_file(replica: tuple[Path, list[str]], tmp_path: Path) -> None:
    data_dir, _ = replica
    bad = tmp_path / "bad.csv"
    bad.write_text(FILE.replace("S22.3.3,女", "S22.3.3,不明"), encoding="utf-8")
    refused = cli(data_dir, *AS_CHIEF, "fuhyo", "import", str(bad), stdin="chief-pw\n")
    assert refused.returncode != 0 and "3行目: 性別" in refused.stderr
    good = tmp_path / "good.csv"
    good.write_text(FILE, encoding="utf-8")
    denied = cli(data_dir, *AS_CLERK, "fuhyo", "import", str(good), stdin="clerk-pw\n")
    assert denied.returncode != 0 and "権限" in denied.stderr
    taken = cli(data_dir, *AS_CHIEF, "fuhyo", "import", str(good), stdin="chief-pw\n")
    assert taken.returncode == 0 and "附票を1件取り込みました" in taken.stdout
    found = cli(data_dir, *AS_CLERK, "fuhyo", "search", "青木　幸子", "--json", stdin="clerk-pw\n")
    [aoki] = json.loads(found.stdout)
    assert (aoki["honseki"], aoki["head"], aoki["names"]) == ("さくら県みどり町西町1番地", "青木　一", ["青木　一", "青木　幸子"])
    shown = cli(data_dir, *AS_CLERK, "fuhyo", "show", aoki["id"][:8], stdin="clerk-pw\n")
    assert shown.returncode == 0, shown.stderr
    assert "本籍 さくら県みどり町西町1番地  筆頭者 青木　一" in shown.stdout and "大阪府大阪市北区梅田1丁目1番1号" in shown.stdout


def test_the_copy_is_an_export_for_a_supervisor(replica: tuple[Path, list[str]], tmp_path: Path) -> None:
    data_dir, yamada = replica
    [found] = json.loads(cli(data_dir, *AS_CLERK, "fuhyo", "search", "山田", "--json", stdin="clerk-pw\n").stdout)
    out = tmp_path / "fuhyo.pdf"
    asked = ("fuhyo", "certificate", found["id"], "--requester", "honnin", "--relation", "honnin",
             "--requester-atena", yamada[1], "--identification", "運転免許証", "--include", "honseki", "--out", str(out))
    denied = cli(data_dir, *AS_CLERK, *asked, stdin="clerk-pw\n")
    assert denied.returncode != 0 and not out.exists()
    issued = cli(data_dir, *AS_CHIEF, *asked, stdin="chief-pw\n")
    assert issued.returncode == 0, issued.stderr
    assert "戸籍の附票の写し 1通 手数料 300円" in issued.stdout
    text = "".join(page_texts(out.read_bytes()))
    assert "さくら県みどり町本町1番地" in text and "山田花子" in text
    third = cli(data_dir, *AS_CHIEF, "fuhyo", "certificate", found["id"], "--requester", "daisansha",
                "--requester-name", "甲野　一郎", "--requester-address", "東京都港区芝公園1丁目1番1号",
                "--identification", "運転免許証", "--reason", "相続", "--evidence", "協議書",
                "--include", "juminhyo-code", "--out", str(tmp_path / "third.pdf"), stdin="chief-pw\n")
    assert third.returncode != 0 and "住民票コードは第三者の請求には記載できません" in third.stderr


def test_a_measure_forwarded_for_a_person_living_elsewhere_hides_her_address_from_a_clerk(
        replica: tuple[Path, list[str]], tmp_path: Path) -> None:
    data_dir, _ = replica
    good = tmp_path / "good.csv"
    good.write_text(FILE.replace("S22.3.3,女,大阪府大阪市北区梅田1丁目1番1号", "S22.3.3,女,京都府京都市左京区1番地"),
                    encoding="utf-8")
    assert cli(data_dir, *AS_CHIEF, "fuhyo", "import", str(good), stdin="chief-pw\n").returncode == 0
    [aoki] = json.loads(cli(data_dir, *AS_CLERK, "fuhyo", "search", "青木", "--json", stdin="clerk-pw\n").stdout)
    members = json.loads(cli(data_dir, *AS_CHIEF, "fuhyo", "show", aoki["id"], "--json",
                             stdin="chief-pw\n").stdout)["members"]
    her = next(m["id"] for m in members if m["name"] == "青木　幸子")
    added = cli(data_dir, *AS_CHIEF, "protection", "add", "--fuhyo-member", f"{aoki['id']}:{her}",
                "--offender", "青木　一", stdin="chief-pw\n")
    assert added.returncode == 0, added.stderr
    shown = cli(data_dir, *AS_CLERK, "fuhyo", "show", aoki["id"], stdin="clerk-pw\n")
    assert shown.returncode == 0, shown.stderr
    assert "京都府京都市左京区1番地" not in shown.stdout and "住所は支援措置のため表示しません" in shown.stdout
    chief = cli(data_dir, *AS_CHIEF, "fuhyo", "show", aoki["id"], stdin="chief-pw\n")
    assert "京都府京都市左京区1番地" in chief.stdout
