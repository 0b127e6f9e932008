"""支援措置 and `apply` on the command line, in this process on a real replica: the 加害者's move to her address and
into her household is an input error naming nobody until a supervisor other than the acting one judges it (their
password read as the next secret); what is printed then leaves her out; his 届出 for her son is refused, judged or
not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain.protection import Offender, Process
from domain.roles import Role
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.cli import Ran, cli

HER_ADDRESS = "さくら県みどり町西町1丁目2番3号"
HIM = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}
DAY = {"idou_date": "R8.11.27", "notified_on": "R8.11.27"}


@pytest.fixture
def replica(tmp_path: Path, clock: Clock) -> tuple[Path, dict[str, str]]:
    """花子 and 一郎 live apart from 太郎 at HER_ADDRESS; she is protected from him."""
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    taro, hanako, ichiro, jiro = (c.row.atena_no for c in registry.apply(admin, family()).idou.rows)
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    moved = registry.apply(admin, {"reason": "転居", **DAY, "notifier": {**HIM, "name": "山田　花子"},
                                   "targets": [hanako, ichiro], "relationships": {hanako: "世帯主", ichiro: "子"},
                                   "address": {"text": HER_ADDRESS}})
    registry.protection.add(registry.sign_in("chief", "chief-pw"), [hanako], list(Process),
                            [Offender("山田　太郎", "ヤマダ　タロウ", taro)])
    registry.close()
    return data_dir, {"taro": taro, "hanako": hanako, "ichiro": ichiro, "jiro": jiro,
                      "her_setai": moved.idou.rows[0].row.setai_no}


def apply(data_dir: Path, tmp_path: Path, request: dict[str, Any], *judge: str, stdin: str = "clerk-pw\n") -> Ran:
    path = tmp_path / "idou.json"
    path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    return cli(data_dir, "--as", "clerk", "--password-stdin", "apply", str(path), *judge, stdin=stdin)


def names_nobody(ran: Ran, who: dict[str, str]) -> bool:
    text = ran.stdout + ran.stderr
    return "花子" not in text and "一郎" not in text and not any(who[k] in text for k in ("hanako", "ichiro",
                                                                                       "her_setai"))


def test_his_move_and_joining_her_household_wait_for_a_supervisor_s_judgment(
        replica: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    data_dir, who = replica
    move = {"reason": "転居", **DAY, "notifier": HIM, "targets": [who["taro"]],
            "relationships": {who["taro"]: "世帯主", who["jiro"]: "世帯主"},
            "address": {"text": "西町一丁目2番地の3"}}
    held = apply(data_dir, tmp_path, move)
    assert held.returncode == 2 and held.stderr.startswith("入力エラー: 支援措置: 支援措置の対象者に関わる届出です")
    assert "係長の判断" in held.stderr and names_nobody(held, who)
    by_himself = apply(data_dir, tmp_path, move, "--judge", "clerk", "--judgment-reason", "確認済み",
                       stdin="clerk-pw\nclerk-pw\n")
    assert by_himself.returncode == 2 and "入力エラー: 判断者" in by_himself.stderr
    move["address"] = {"text": HER_ADDRESS}
    judged = apply(data_dir, tmp_path, move, "--judge", "chief", "--judgment-reason", "実態調査で居住を確認",
                   stdin="clerk-pw\nchief-pw\n")
    assert judged.returncode == 0, judged.stderr
    assert "転居を登録しました（支援措置: 係長の判断により）" in judged.stdout and "山田　太郎" in judged.stdout

    join = {"reason": "世帯変更", **DAY, "notifier": HIM, "targets": [who["taro"]],
            "into_household": who["her_setai"], "relationships": {who["taro"]: "夫"}}
    held = apply(data_dir, tmp_path, join)
    assert held.returncode == 2 and "入力エラー: 支援措置" in held.stderr and names_nobody(held, who)
    joined = apply(data_dir, tmp_path, join, "--judge", "chief", "--judgment-reason", "調停で同居に合意",
                   stdin="clerk-pw\nchief-pw\n")
    assert joined.returncode == 0, joined.stderr
    assert "世帯変更を登録しました（支援措置: 係長の判断により）" in joined.stdout and names_nobody(joined, who)


def test_his_notification_for_her_son_is_refused_even_when_judged(replica: tuple[Path, dict[str, str]],
                                                                  tmp_path: Path) -> None:
    data_dir, who = replica
    split = {"reason": "世帯分離", **DAY, "notifier": {**HIM, "name": "やまだ　たろう", "relation": "父"},
             "targets": [who["ichiro"]], "relationships": {who["ichiro"]: "世帯主"}}
    refused = apply(data_dir, tmp_path, split, "--judge", "chief", "--judgment-reason", "父なので",
                    stdin="clerk-pw\nchief-pw\n")
    assert refused.returncode == 2 and refused.stderr.startswith("入力エラー: 届出人:") and "加害者" in refused.stderr
    assert names_nobody(refused, who)
