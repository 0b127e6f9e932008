"""The 罹災証明書 rendered to PNG for the docs, and the 被災者台帳 window, from a throwaway replica.

    python -m ui.disaster_samples OUTDIR

Creates a synthetic town in a temporary folder (its key under a throwaway passphrase, never in a keyring) on a fixed
date, registers a few synthetic households, records their damage assessments (one surveyed again), issues a
罹災証明書 through the facade and renders it with poppler's `pdftoppm -r 80 -png`. Writes risai-certificate.png and window-disaster.png.
"""

from __future__ import annotations

import base64
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest

from domain.disaster import AssessmentInput
from local_store.demo import demo_municipality
from local_store.registry import Registry
from reports.risai_pdf import render
from reports.seal import demo_seal_png
from ui.admin.disaster_dialog import DisasterDialog
from ui.certificate_samples import _Clock, _person, _tennyu
from ui.screenshot import run_offscreen

QUAKE = "令和8年11月27日の地震"
HOUSEHOLDS = [
    (_tennyu(_person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
             _person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"),
             _person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子"),
             address="さくら県みどり町本町2丁目3番4号"), "中規模半壊", "①世帯　世帯人員3人\n②住家　床上浸水"),
    (_tennyu(_person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
             _person("佐藤　良子", "サトウ　ヨシコ", "S42.6.6", "女", "妻"), address="さくら県みどり町中町5番地"),
     "全壊", ""),
    (_tennyu(_person("鈴木　三郎", "スズキ　サブロウ", "S10.10.10", "男", "世帯主"), address="さくら県みどり町西町7番地"),
     "一部損壊", "③その他　物置の損壊"),
]


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="madoguchi-samples-") as tmp:
        phrase = secrets.token_urlsafe(16)
        registry = Registry.create(Path(tmp) / "replica", demo_municipality(), "本庁1", ("admin", "管理者", phrase),
                                   passphrase=lambda: phrase, demo=True, clock=_Clock())
        try:
            admin = registry.sign_in("admin", phrase)
            seal = demo_seal_png(f"{demo_municipality().name}長")
            registry.update_settings(admin, {"seal_png": base64.b64encode(seal).decode("ascii")})
            recorded = []
            for request, damage, note in HOUSEHOLDS:
                setai_no = registry.apply(admin, request).idou.rows[0].row.setai_no
                recorded.append(registry.record_assessment(admin, AssessmentInput(
                    setai_no, damage, QUAKE, surveyed_on="R8.11.27", note=note, surveyor="調査班　一")))
            registry.record_assessment(admin, AssessmentInput(  # a 再調査 of the second household
                recorded[1][1].setai_no, "大規模半壊", QUAKE, surveyed_on="R8.11.27", surveyor="調査班　二"))
            issued = registry.issue_risai(admin, recorded[0][0], render, export=True)
            source = Path(tmp) / "risai.pdf"
            source.write_bytes(issued.pdf)
            out = out_dir / "risai-certificate.png"
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(source), str(out.with_suffix(""))],
                           check=True)
            print(out)
            dialog = DisasterDialog(registry, admin, recorded[2][1].setai_no)
            dialog.cause.setText(QUAKE)
            dialog.show()
            dialog.issue()  # the first row: 山田 (its second certificate)
            QTest.qWait(300)  # the preview renders its page asynchronously
            dialog.grab().save(str(out_dir / "window-disaster.png"))
            print(out_dir / "window-disaster.png")
            dialog.close()
        finally:
            registry.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m ui.disaster_samples", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
