"""`certificate` on the command line, in this process on a real replica: 本人等 named by 宛名番号 and checked against
the registry, what 第三者 and 公用 must state, and a replica that has not synced for long."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from domain.roles import Role
from local_store.registry import Registry
from tests.support.builders import ADMIN, TOWN, Clock, family, numbered, person, tennyu
from tests.support.cli import cli
from tests.support.pdf_text import page_texts

AS_CLERK = ("--as", "clerk", "--password-stdin")  # a file is an export: the clerk is a 係長
JUMINHYO = ("--kind", "juminhyo", "--identification", "運転免許証")


@pytest.fixture
def replica(tmp_path: Path, clock: Clock) -> tuple[Path, dict[str, str]]:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    yamada = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    suzuki = registry.apply(admin, tennyu(person("鈴木　一子", "スズキ　カズコ", "S45.1.1", "女", "世帯主"),
                                          address="さくら県みどり町西町7番地")).idou.rows[0].row.atena_no
    registry.staff.add(admin, "clerk", "係長 一", Role.SUPERVISOR, "clerk-pw")
    registry.staff.add(admin, "chief", "係長 二", Role.SUPERVISOR, "chief-pw")
    registry.close()
    return data_dir, {"taro": yamada[0], "hanako": yamada[1], "suzuki": suzuki}


def history(data_dir: Path, atena: str) -> list[dict[str, Any]]:
    registry = Registry.open(data_dir, clock=Clock())
    try:
        return registry.kofu.history(registry.sign_in("chief", "chief-pw"), atena)
    finally:
        registry.close()


def test_honnin_is_named_by_number_and_checked(replica: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    data_dir, who = replica
    out = tmp_path / "c.pdf"
    declared = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, "--requester", "honnin",
                   "--requester-name", "誰か　他人", "--include", "honseki", "setainushi", "--household",
                   "--out", str(out), stdin="clerk-pw\n")
    assert declared.returncode == 2 and "請求者を本人または同一世帯の人から選んでください" in declared.stderr
    stranger = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, "--requester", "honnin",
                   "--requester-atena", who["suzuki"], "--out", str(out), stdin="clerk-pw\n")
    assert stranger.returncode == 2 and "同一の世帯に属していない" in stranger.stderr and not out.exists()
    wife = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, "--requester", "honnin",
               "--requester-atena", who["hanako"], "--out", str(out), stdin="clerk-pw\n")
    assert wife.returncode == 0, wife.stderr
    assert out.read_bytes().startswith(b"%PDF")
    entry = history(data_dir, who["taro"])[-1]
    assert entry["disposal"] == "交付" and entry["request"]["requester"] == {
        "kind": "本人等", "atena_no": who["hanako"], "name": "山田　花子", "identification": "運転免許証"}


def test_third_parties_and_offices_state_what_the_law_asks(replica: tuple[Path, dict[str, str]],
                                                           tmp_path: Path) -> None:
    data_dir, who = replica
    out = ("--out", str(tmp_path / "c.pdf"))
    professional = ("--requester", "daisansha", "--requester-name", "甲野　一郎", "--requester-address",
                    "東京都千代田区霞が関1丁目1番1号", "--reason", "訴訟の提起", "--qualification", "shiho-shoshi",
                    "--office", "甲野司法書士事務所", "--form-no", "B-000123", "--client", "株式会社みどり商事")
    missing = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, *professional, *out,
                  stdin="clerk-pw\n")
    assert missing.returncode == 2 and "職務上請求には登録番号の記載が必要です" in missing.stderr
    done = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, *professional, "--registration-no",
               "東京第1234号", *out, stdin="clerk-pw\n")
    assert done.returncode == 0, done.stderr
    entry = history(data_dir, who["taro"])[-1]
    assert entry["request"]["requester"]["professional"] == {
        "qualification": "司法書士", "registration_no": "東京第1234号", "office": "甲野司法書士事務所",
        "form_no": "B-000123", "client": "株式会社みどり商事"}
    office = ("--requester", "kouyou", "--requester-name", "さくら県みどり県税事務所", "--agency-officer",
              "納税課　主査　丙川　三郎", "--reason", "県税の滞納処分")
    no_basis = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, *office, *out, stdin="clerk-pw\n")
    assert no_basis.returncode == 2 and "法令上の根拠" in no_basis.stderr
    official = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, *office, "--legal-basis",
                   "地方税法第20条の11", *out, stdin="clerk-pw\n")
    assert official.returncode == 0 and "手数料 0円" in official.stdout


def test_a_replica_not_synced_for_long_asks_another_supervisor_for_third_parties(
        replica: tuple[Path, dict[str, str]], tmp_path: Path, clock: Clock) -> None:
    data_dir, who = replica
    registry = Registry.open(data_dir, clock=clock)
    registry.replication.set_sync_state({"cloud_url": "https://cloud.example.jp/town"})
    registry.replication.mark_synced(registry.now() - dt.timedelta(hours=30))
    registry.close()
    third = ("--requester", "daisansha", "--requester-name", "乙川　春子", "--requester-address",
             "東京都港区芝公園1丁目1番1号", "--reason", "貸金の返還請求", "--evidence", "金銭消費貸借契約書",
             "--out", str(tmp_path / "c.pdf"))
    waiting = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, *third, stdin="clerk-pw\n")
    assert waiting.returncode == 2 and "最後の同期から30時間経過しています" in waiting.stderr
    judged = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, *third, "--judge", "chief",
                 "--judgment-reason", "契約書の原本を確認", stdin="clerk-pw\nchief-pw\n")
    assert judged.returncode == 0, judged.stderr
    assert "この端末のデータは最後の同期から30時間経過しています" in judged.stdout
    own = cli(data_dir, *AS_CLERK, "certificate", who["taro"], *JUMINHYO, "--requester", "honnin",
              "--requester-atena", who["taro"], "--out", str(tmp_path / "own.pdf"), stdin="clerk-pw\n")
    assert own.returncode == 0, own.stderr  # 本人等 are never held up
    judged_entry = history(data_dir, who["taro"])[-2]
    assert judged_entry["judgment"] == {"judge": "chief", "judge_role": "係長", "reason": "契約書の原本を確認",
                                        "needed": ["同期遅延"]}
    assert judged_entry["staff"] == "clerk" and judged_entry["data"]["age_hours"] == 30


def test_office_items_by_apply_and_on_the_kisai_and_the_junzuru(replica: tuple[Path, dict[str, str]],
                                                                 tmp_path: Path) -> None:
    """法7条9号〜11号の2 set by `apply` (職権修正 `offices`), printed by `certificate --kind kisai --include offices`;
    the 転出証明書に準ずる証明書 by `--kind tenshutsu-junzuru`."""
    data_dir, who = replica
    as_admin = ("--as", ADMIN[0], "--password-stdin")
    correction = tmp_path / "offices.json"
    correction.write_text(json.dumps({"reason": "職権修正", "idou_date": "R8.11.26", "set": {who["hanako"]: {
        "offices": {"elector": True, "kaigo": {"acquired": "R8.11.20"}}}}}), encoding="utf-8")
    assert cli(data_dir, *as_admin, "apply", str(correction), stdin=ADMIN[2] + "\n").returncode == 0
    out = tmp_path / "kisai.pdf"
    kisai = cli(data_dir, *AS_CLERK, "certificate", who["hanako"], "--kind", "kisai", "--identification", "運転免許証",
                "--requester", "honnin", "--requester-atena", who["hanako"], "--include", "offices", "--out", str(out),
                stdin="clerk-pw\n")
    assert kisai.returncode == 0, kisai.stderr
    (page,) = page_texts(out.read_bytes())
    assert "選挙人名簿への登録登録" in page and "介護保険資格取得令和8年11月20日" in page
    registry = Registry.open(data_dir, clock=Clock())
    try:  # 鈴木 is given the numbers a 転出証明書 carries, then 消除 by 職権 (she left without a 転出届)
        admin = registry.sign_in(ADMIN[0], ADMIN[2])
        for request in [*numbered([who["suzuki"]], 7), {"reason": "職権消除", "idou_date": "R8.11.26",
                                                        "targets": [who["suzuki"]]}]:
            registry.apply(admin, request)
    finally:
        registry.close()
    junzuru = cli(data_dir, *AS_CLERK, "certificate", who["suzuki"], "--kind", "tenshutsu-junzuru",
                  "--identification", "運転免許証", "--requester", "honnin", "--requester-atena", who["suzuki"],
                  "--out", str(out), stdin="clerk-pw\n")
    assert junzuru.returncode == 0, junzuru.stderr
    (page,) = page_texts(out.read_bytes())
    assert page.startswith("転出証明書に準ずる証明書") and "消除事由職権消除" in page
    assert "転出証明書に準ずる証明書 1通（交付）手数料 300円" in junzuru.stdout
