"""The 附票の写し rendered to PNG for the docs, and the 戸籍の附票 room, from a throwaway replica.

    python -m tools.fuhyo_samples OUTDIR

Creates a synthetic town in a temporary folder (its key under a throwaway passphrase, never in a keyring) on a fixed
date: a household whose 本籍 is in the town moves in (its 附票 kept from the 異動), one of them moves abroad, and the
town brings a synthetic 附票 of persons who live elsewhere from its file. The 附票の写し with its 本籍・筆頭者 is issued
to a 本人 and rendered with poppler's `pdftoppm -r 80 -png`; the room shows the 附票 found by a member's name with the
copy issued. Writes certificate-fuhyo.png and window-fuhyo.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from domain.fuhyo import request_from
from domain.kofu_rules import RequesterKind
from reports.certificate_pdf import render
from tools.offscreen import run_offscreen, settle
from tools.sample_town import NOTIFIER, first_page_png, person, sample_replica, tennyu
from ui.fuhyo.dialog import FuhyoDialog

ELSEWHERE = ("本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
             "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
             "さくら県みどり町西町1番地,青木　一,青木　幸子,S22.3.3,女,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n")


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with sample_replica() as (registry, admin, scratch):
        rows = [c.row for c in registry.apply(admin, tennyu(
            person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
            person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"),
            person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子"),
            address="さくら県みどり町本町2丁目3番4号")).idou.rows]
        registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.24", "notifier": NOTIFIER,
                               "targets": [r.atena_no for r in rows], "address": {"text": "さくら県みどり町本町5丁目1番2号"}})
        registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.12.10", "notifier": NOTIFIER,
                               "targets": [rows[2].atena_no], "destination": "アメリカ合衆国"})
        registry.fuhyo.import_text(admin, ELSEWHERE, "sample.csv")
        [found] = registry.fuhyo.search(admin, "山田　花子")
        issued = registry.fuhyo.issue(admin, request_from({
            "fuhyo": found.id, "requester": RequesterKind.HONNIN, "requester_atena": rows[1].atena_no,
            "relation": "本人", "identification": "運転免許証", "include": ["本籍・筆頭者"]}), render, export=True)
        first_page_png(issued.pdfs[0], out_dir / "certificate-fuhyo.png", scratch)
        dialog = FuhyoDialog(registry, admin)
        dialog.resize(1340, 720)
        dialog.show()
        dialog.search_field.setText("山田")
        dialog.search()
        dialog.show_fuhyo(found.id)
        dialog.requester_atena.setText(rows[1].atena_no)
        dialog.of.setCurrentIndex(1)
        dialog.identification.setCurrentText("運転免許証")
        dialog.honseki.setChecked(True)
        dialog.issue()
        settle(300)  # the preview renders its page asynchronously
        dialog.grab().save(str(out_dir / "window-fuhyo.png"))
        print(out_dir / "window-fuhyo.png")
        dialog.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.fuhyo_samples", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
