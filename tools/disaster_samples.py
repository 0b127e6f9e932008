"""The 罹災証明書 rendered to PNG for the docs, and the 被災者台帳 window, from a throwaway replica.

    python -m tools.disaster_samples OUTDIR

Creates a synthetic town in a temporary folder (its key under a throwaway passphrase, never in a keyring) on a fixed
date, registers a few synthetic households, records their damage assessments (one surveyed again), issues a
罹災証明書 through the facade and renders it with poppler's `pdftoppm -r 80 -png`. Writes risai-certificate.png and window-disaster.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from domain.disaster import AssessmentInput, RisaiRequest
from domain.kofu_rules import Requester, RequesterKind
from reports.risai_pdf import render
from tools.offscreen import run_offscreen, settle
from tools.sample_town import first_page_png, person, sample_replica, tennyu
from ui.admin.disaster_dialog import DisasterDialog

QUAKE = "令和8年11月27日の地震"
HOUSEHOLDS = [
    (tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
            person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"),
            person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子"),
            address="さくら県みどり町本町2丁目3番4号"), "中規模半壊", "①世帯　世帯人員3人\n②住家　床上浸水"),
    (tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
            person("佐藤　良子", "サトウ　ヨシコ", "S42.6.6", "女", "妻"), address="さくら県みどり町中町5番地"),
     "全壊", ""),
    (tennyu(person("鈴木　三郎", "スズキ　サブロウ", "S10.10.10", "男", "世帯主"), address="さくら県みどり町西町7番地"),
     "一部損壊", "③その他　物置の損壊"),
]


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with sample_replica() as (registry, admin, scratch):
        recorded, heads = [], []
        for request, damage, note in HOUSEHOLDS:
            head = registry.apply(admin, request).idou.rows[0].row
            setai_no = head.setai_no
            heads.append(head.atena_no)
            recorded.append(registry.disaster.record_assessment(admin, AssessmentInput(
                setai_no, damage, QUAKE, surveyed_on="R8.11.27", note=note, surveyor="調査班　一")))
        registry.disaster.record_assessment(admin, AssessmentInput(  # a 再調査 of the second household
            recorded[1][1].setai_no, "大規模半壊", QUAKE, surveyed_on="R8.11.27", surveyor="調査班　二"))
        asked = Requester(RequesterKind.HONNIN, "", "運転免許証", atena_no=heads[0])  # the 世帯主 asks
        issued = registry.disaster.issue_risai(admin, RisaiRequest(recorded[0][0], asked), render, export=True)
        first_page_png(issued.pdf, out_dir / "risai-certificate.png", scratch)
        dialog = DisasterDialog(registry, admin, recorded[2][1].setai_no)
        dialog.cause.setText(QUAKE)
        dialog.household_only.setChecked(False)  # the whole 台帳
        dialog.identification.setCurrentText("運転免許証")
        dialog.show()
        dialog.issue()  # the first row: 山田 (its second certificate)
        settle(300)  # the preview renders its page asynchronously
        dialog.grab().save(str(out_dir / "window-disaster.png"))
        print(out_dir / "window-disaster.png")
        dialog.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.disaster_samples", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
