"""The new 異動事由 on the command line, against a 加害者 at the counter (in this process, on a real replica): his
転入 with her 住民票コード is held for a 係長, naming nobody and no code; a 住民票コードの変更請求 he makes for her as 本人 or as
a friend is refused; neither leaves anything of hers on the screen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain.idou_holds import HOLD_MESSAGE
from domain.juminhyo_pool import parse_codes
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock, family, person, tennyu
from tests.support.cli import Ran, cli

HER_ADDRESS = "さくら県みどり町西町1丁目2番3号"
HIM = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}
HER_CODE = "44444444441"


@pytest.fixture
def replica(tmp_path: Path, clock: Clock) -> tuple[Path, dict[str, str]]:
    """花子 lives apart from 太郎 at HER_ADDRESS with her 住民票コード HER_CODE; she is protected from him."""
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    taro, hanako, _, _ = (c.row.atena_no for c in registry.apply(admin, family()).idou.rows)
    registry.apply(admin, {"reason": "住民票コードの職権記載", "idou_date": "R8.11.25",
                           "set": {hanako: {"juminhyo_code": HER_CODE}}})
    registry.codes.import_codes(admin, parse_codes("55555555551\n"), share=1)
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notified_on": "R8.11.26",
                           "notifier": {**HIM, "name": "山田　花子"}, "targets": [hanako],
                           "relationships": {hanako: "世帯主"}, "address": {"text": HER_ADDRESS}})
    registry.protection.add(admin, [hanako], list(Process), [Offender("山田　太郎", "ヤマダ　タロウ", taro)])
    registry.close()
    return data_dir, {"taro": taro, "hanako": hanako}


def apply(tmp_path: Path, data_dir: Path, request: dict[str, Any]) -> Ran:
    path = tmp_path / "idou.json"
    path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    return cli(data_dir, "--as", "clerk", "--password-stdin", "apply", str(path), stdin="clerk-pw\n")


def shows_nothing_of_her(ran: Ran, hanako: str) -> bool:
    out = ran.stdout + ran.stderr
    return hanako not in out and "花子" not in out and "西町" not in out


def test_her_code_on_his_move_in_is_held_naming_nobody(tmp_path: Path,
                                                          replica: tuple[Path, dict[str, str]]) -> None:
    data_dir, people = replica
    newcomer = person("甲野　次郎", "コウノ　ジロウ", "S55.5.5", "男", "世帯主", juminhyo_code=HER_CODE)
    ran = apply(tmp_path, data_dir, tennyu(newcomer, notifier=HIM, address="さくら県みどり町東町9番地"))
    assert ran.returncode != 0 and HOLD_MESSAGE in ran.stderr and "住民票コード" not in ran.stderr
    assert shows_nothing_of_her(ran, people["hanako"])


@pytest.mark.parametrize("notifier", [HIM, HIM | {"relation": "知人"}], ids=["as 本人", "as a friend"])
def test_his_code_change_request_for_her_is_refused(tmp_path: Path, replica: tuple[Path, dict[str, str]],
                                                    notifier: dict[str, str]) -> None:
    data_dir, people = replica
    ran = apply(tmp_path, data_dir, {"reason": "住民票コードの変更請求", "idou_date": "R8.11.27",
                                     "targets": [people["hanako"]], "notifier": notifier})
    assert ran.returncode != 0 and "請求者" in ran.stderr
    assert "55555555551" not in ran.stdout + ran.stderr
    assert shows_nothing_of_her(ran, people["hanako"])
