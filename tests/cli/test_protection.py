"""`protection` and a `certificate` judged by another supervisor on the command line: in this process on a real
replica, passwords on standard input only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.roles import Role
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.cli import cli

AS_CHIEF = ("--as", "chief", "--password-stdin")


@pytest.fixture
def replica(tmp_path: Path, clock: Clock) -> tuple[Path, dict[str, str]]:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    atenas = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "chief2", "係長 二", Role.SUPERVISOR, "chief2-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    registry.close()
    return data_dir, {"taro": atenas[0], "hanako": atenas[1]}


def test_a_supervisor_sets_a_measure_and_a_judged_certificate_is_issued(replica: tuple[Path, dict[str, str]],
                                                                        tmp_path: Path) -> None:
    data_dir, who = replica
    refused = cli(data_dir, "--as", "clerk", "--password-stdin", "protection", "add", who["hanako"], stdin="clerk-pw\n")
    assert refused.returncode == 1 and "窓口の権限では" in refused.stderr
    added = cli(data_dir, *AS_CHIEF, "protection", "add", who["hanako"], "--offender",
                f"山田　太郎,ヤマダ　タロウ,{who['taro']}", "--note", "配偶者からの暴力", stdin="chief-pw\n")
    assert added.returncode == 0, added.stderr
    assert "を開始しました" in added.stdout
    listed = cli(data_dir, *AS_CHIEF, "protection", "list", who["hanako"], "--json", stdin="chief-pw\n")
    (measure,) = json.loads(listed.stdout)
    assert measure["in_force"] and measure["processes"] == ["交付", "照会", "異動"]
    assert measure["offenders"][0]["atena_no"] == who["taro"]

    request = ("certificate", who["hanako"], "--kind", "juminhyo", "--requester", "daisansha", "--requester-name",
               "甲野　一郎", "--requester-address", "東京都千代田区霞が関1丁目1番1号", "--identification", "運転免許証",
               "--reason", "訴訟の提起", "--qualification", "bengoshi", "--registration-no", "12345", "--office",
               "甲野法律事務所", "--form-no", "A-0001", "--client", "乙川　春子", "--out", str(tmp_path / "c.pdf"))
    unjudged = cli(data_dir, *AS_CHIEF, *request, stdin="chief-pw\n")
    assert unjudged.returncode == 2 and "係長の判断" in unjudged.stderr
    by_myself = cli(data_dir, *AS_CHIEF, *request, "--judge", "chief", "--judgment-reason", "裁判所の手続",
                    stdin="chief-pw\nchief-pw\n")
    assert by_myself.returncode == 2 and "別の係長以上の職員" in by_myself.stderr
    judged = cli(data_dir, *AS_CHIEF, *request, "--judge", "chief2", "--judgment-reason", "裁判所の手続",
                 stdin="chief-pw\nchief2-pw\n")
    assert judged.returncode == 0, judged.stderr
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    by_him = cli(data_dir, *AS_CHIEF, "certificate", who["hanako"], "--kind", "juminhyo", "--requester", "honnin",
                 "--requester-atena", who["taro"], "--identification", "運転免許証", "--out", str(tmp_path / "d.pdf"),
                 "--judge", "chief2", "--judgment-reason", "夫なので", stdin="chief-pw\nchief2-pw\n")
    assert by_him.returncode == 2 and "加害者" in by_him.stderr and not (tmp_path / "d.pdf").exists()

    shown = cli(data_dir, "--as", "clerk", "--password-stdin", "show", who["hanako"], stdin="clerk-pw\n")
    assert "支援措置: 抑止" in shown.stdout and "山田　太郎" not in shown.stdout.split("世帯:")[0]
    ended = cli(data_dir, *AS_CHIEF, "protection", "end", measure["id"][:8], "--reason", "申出者からの取下げ",
                stdin="chief-pw\n")
    assert ended.returncode == 0, ended.stderr
    after = cli(data_dir, *AS_CHIEF, "protection", "list", stdin="chief-pw\n")
    assert f"{measure['id'][:8]}  終了" in after.stdout
