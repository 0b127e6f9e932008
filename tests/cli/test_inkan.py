"""印鑑登録 on the command line, in this process on a real demo replica: register from a scan, the card and the
照会書 printed, the 回答書, show, the certificate to a file (係長 only) verified, abolition and a lost card."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from demo.seals import seal_scan
from domain.inkan import State, check_impression
from local_store.registry import Registry
from tests.support.builders import Clock
from tests.support.cli import cli

KAKARICHO = ("--as", "demo-kakaricho", "--password-stdin")


def adults(data_dir: Path) -> list[str]:
    """宛名番号 of adult residents of the demo town (born in the 昭和 era)."""
    found = json.loads(cli(data_dir, "search", "ア", "--json", "--limit", "40").stdout)["results"]
    return [r["atena_no"] for r in found if r["birth"].startswith("昭和") and r["status"] == "住民"]


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \u3000\n]+", "", text)


def test_register_issue_abolish_and_lose(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "60", "--seed", "3").returncode == 0
    first, second = adults(data_dir)[:2]
    scan = tmp_path / "seal.png"
    scan.write_bytes(seal_scan("阿部", size_mm=15))
    tiny = tmp_path / "tiny.png"
    tiny.write_bytes(seal_scan("阿部", size_mm=7))

    refused = cli(data_dir, "inkan", "register", first, "--image", str(tiny), "--identification", "photo-id",
                  "--document", "運転免許証")
    assert refused.returncode == 2 and "入力エラー: 印影" in refused.stderr and "小さすぎます" in refused.stderr

    card = tmp_path / "card.pdf"
    done = cli(data_dir, "inkan", "register", first, "--image", str(scan), "--identification", "photo-id",
               "--document", "運転免許証", "--card", str(card))
    assert done.returncode == 0, done.stderr
    number = re.search(r"印鑑登録証の番号 (\d{12})", done.stdout)
    assert number is not None and "登録" in done.stdout
    assert "印鑑登録証" in pdf_text(card)

    letter = tmp_path / "letter.pdf"
    waiting = cli(data_dir, "inkan", "register", second, "--image", str(scan), "--identification", "inquiry",
                  "--proxy-name", "鈴木　一", "--proxy-letter", "委任状", "--letter", str(letter))
    assert waiting.returncode == 0, waiting.stderr
    assert "照会中" in waiting.stdout
    assert "照会書" in pdf_text(letter)
    registration = waiting.stdout.split(": ", 1)[1].split()[0]
    confirmed = cli(data_dir, "inkan", "confirm", registration)
    assert confirmed.returncode == 0 and "回答書を受け付けました" in confirmed.stdout, confirmed.stderr

    record = tmp_path / "genpyo.pdf"
    shown = cli(data_dir, "inkan", "show", first, "--record", str(record))
    assert shown.returncode == 0 and "登録番号" in shown.stdout and "印鑑登録原票" in pdf_text(record)

    out = tmp_path / "inkan.pdf"
    card_no = number.group(1)
    by_counter = cli(data_dir, "inkan", "certificate", "--out", str(out), stdin=f"{card_no}\n")
    assert by_counter.returncode == 1 and not out.exists()  # a file is an export: 係長 and above
    issued = cli(data_dir, *KAKARICHO, "inkan", "certificate", "--out", str(out), stdin=f"demo\n{card_no}\n")
    assert issued.returncode == 0, issued.stderr
    assert "手数料 300円" in issued.stdout and "印鑑登録証明書" in pdf_text(out)
    verified = cli(data_dir, "verify", str(out))
    assert verified.returncode == 0, verified.stdout
    issue_no = issued.stdout.split("発行番号 ", 1)[1].strip()
    cancelled = cli(data_dir, *KAKARICHO, "certificate-cancel", issue_no, "--reason", "印刷を誤った", stdin="demo\n")
    assert cancelled.returncode == 0, cancelled.stderr
    assert "印鑑登録証明書" in cancelled.stdout and "手数料 300円は本日の日計で差し引きます" in cancelled.stdout

    assert cli(data_dir, "inkan", "abolish", first).returncode == 0
    again = cli(data_dir, *KAKARICHO, "inkan", "certificate", "--out", str(out), stdin=f"demo\n{card_no}\n")
    assert again.returncode == 2 and "廃止されています" in again.stderr
    lost = cli(data_dir, "inkan", "lost", second)
    assert lost.returncode == 0 and "使用を停止しました" in lost.stdout
    assert "亡失" in cli(data_dir, "inkan", "show", second).stdout


def test_a_change_of_name_is_pointed_out_after_apply(tmp_path: Path) -> None:
    data_dir = tmp_path / "replica"
    assert cli(data_dir, "init", "--demo", "40", "--seed", "4").returncode == 0
    atena = adults(data_dir)[0]
    scan = tmp_path / "seal.png"
    scan.write_bytes(seal_scan("山田", size_mm=12))
    assert cli(data_dir, "inkan", "register", atena, "--image", str(scan), "--identification", "photo-id",
               "--document", "旅券").returncode == 0
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"reason": "職権修正", "idou_date": "R8.11.27",
                                  "set": {atena: {"name": "改名　太郎", "name_kana": "カイメイ　タロウ"}}},
                                 ensure_ascii=False), encoding="utf-8")
    applied = cli(data_dir, *KAKARICHO, "apply", str(change), stdin="demo\n")
    assert applied.returncode == 0, applied.stderr
    assert f"inkan abolish {atena} --reason name-changed" in applied.stdout


def test_the_demo_town_has_seals_registered(demo: Path, clock: Clock) -> None:
    registry = Registry.open(demo, clock=clock)
    try:
        clerk = registry.sign_in("demo", "demo")
        found = registry.search(clerk, "ア", limit=500)
        registered = [r for s in registry.summaries(found.ids) for r in registry.inkan.of_person(s.atena_no)]
        assert registered and all(r.state is State.REGISTERED for r in registered)
        assert all(check_impression(r.impression) is r.impression for r in registered)
        shown = cli(demo, "inkan", "show", registered[0].atena_no)
        assert registered[0].registration_no in shown.stdout
    finally:
        registry.close()
