"""The 除票 of each stay on the command line: `johyo` lists a person's 除票 by number, `certificate --residence`
issues the one named."""

from __future__ import annotations

from pathlib import Path

from domain.roles import Role
from local_store.registry import Registry
from tests.support.builders import ADMIN, NOTIFIER, TOWN, Clock, person, tennyu
from tests.support.cli import cli
from tests.support.pdf_text import page_texts

AS_CLERK = ("--as", "clerk", "--password-stdin")


def returned(data_dir: Path, clock: Clock) -> str:
    """山田　花子 moved in, moved away and came back; the registry closed again."""
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    hanako = person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "世帯主")
    atena = registry.apply(admin, tennyu(hanako, date="R8.11.1")).idou.rows[0].row.atena_no
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.11.15", "notified_on": "R8.11.14",
                           "notifier": NOTIFIER, "targets": [atena], "destination": "東京都港区芝公園4丁目2番8号"})
    registry.apply(admin, tennyu({**hanako, "returning": atena}, address="さくら県みどり町中町5番地", date="R8.11.24"))
    registry.staff.add(admin, "clerk", "係長 一", Role.SUPERVISOR, "clerk-pw")
    registry.close()
    return atena


def test_the_earlier_johyo_is_listed_and_issued_by_its_number(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    atena = returned(data_dir, clock)
    listed = cli(data_dir, *AS_CLERK, "johyo", atena, stdin="clerk-pw\n")
    assert listed.returncode == 0, listed.stderr
    assert "除票 山田　花子（宛名番号 " in listed.stdout and "1件" in listed.stdout
    assert "第1回　令和8年11月20日〜令和8年11月15日　国内転出" not in listed.stdout  # dates are the stay's own
    assert "第1回　令和8年11月1日〜令和8年11月15日　国内転出  さくら県みどり町本町2丁目3番4号" in listed.stdout
    out = tmp_path / "johyo.pdf"
    issued = cli(data_dir, *AS_CLERK, "certificate", atena, "--kind", "johyo", "--residence", "1",
                 "--requester", "honnin", "--requester-atena", atena, "--identification", "運転免許証",
                 "--out", str(out), stdin="clerk-pw\n")
    assert issued.returncode == 0, issued.stderr
    (page,) = page_texts(out.read_bytes())
    assert "住所さくら県みどり町本町2丁目3番4号" in page and "消除事由国内転出" in page and "中町5番地" not in page
    current = cli(data_dir, *AS_CLERK, "certificate", atena, "--kind", "johyo-kisai", "--residence", "2",
                  "--requester", "honnin", "--requester-atena", atena, "--identification", "運転免許証",
                  "--out", str(tmp_path / "no.pdf"), stdin="clerk-pw\n")
    assert current.returncode != 0 and "まだ除票になっていません" in current.stderr
