"""The command line after a 異動 that records a 住民票コード anew: `apply` says the 住民票コード通知 is owed and how to
make it; `code-notice 宛名番号 --out FILE.pdf` writes the 通知票 (a file: 係長 or above, checked before anything is
recorded)."""

from __future__ import annotations

import json
from pathlib import Path

from domain.roles import Role
from local_store.registry import Registry
from tests.local_store.test_code_notice import _birth
from tests.local_store.test_juminhyo_pool import code_file, codes
from tests.support.builders import ADMIN, TOWN, Clock, family
from tests.support.cli import cli
from tests.support.pdf_text import page_texts


def test_apply_names_the_notice_and_code_notice_writes_it(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    registry.codes.import_codes(admin, code_file(*codes(1, 2)), share=2)
    setai = registry.apply(admin, family()).idou.rows[0].row.setai_no
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.close()
    request = tmp_path / "birth.json"
    request.write_text(json.dumps(_birth(setai), ensure_ascii=False), encoding="utf-8")
    applied = cli(data_dir, "--as", "clerk", "--password-stdin", "apply", str(request), stdin="clerk-pw\n")
    assert applied.returncode == 0, applied.stderr
    atena = applied.stdout.split("山田　三郎（")[1].split("）")[0]
    assert f"住民票コード通知: 宛名番号 {atena} の人に住民票コードを通知してください（code-notice {atena} --out" \
        in applied.stdout

    out = tmp_path / "notice.pdf"
    refused = cli(data_dir, "--as", "clerk", "--password-stdin", "code-notice", atena, "--out", str(out),
                  stdin="clerk-pw\n")
    assert refused.returncode != 0 and not out.exists()
    made = cli(data_dir, "--as", "chief", "--password-stdin", "code-notice", atena, "--out", str(out),
               stdin="chief-pw\n")
    assert made.returncode == 0, made.stderr
    assert f"{out}  住民票コード通知票（山田　三郎　出生 令和8年11月20日）" in made.stdout
    (page,) = page_texts(out.read_bytes())
    assert f"住民票コード{codes(1, 1)[0]}" in page and "山田三郎様" in page
    nowhere = cli(data_dir, "--as", "chief", "--password-stdin", "code-notice", atena, "--out",
                  str(tmp_path / "no" / "such.pdf"), stdin="chief-pw\n")
    assert nowhere.returncode != 0 and "保存先のフォルダがありません" in nowhere.stderr
