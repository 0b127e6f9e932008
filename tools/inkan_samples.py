"""The 印鑑登録証明書 rendered to PNG for the docs, and the 印鑑登録 window, from a throwaway replica.

    python -m tools.inkan_samples OUTDIR

Creates a synthetic town in a temporary folder (its key under a throwaway passphrase, never in a keyring) on a fixed
date, registers a synthetic household, registers a drawn seal (`demo.seals`) of its 世帯主 through the facade, issues
the 印鑑登録証明書 and renders it with poppler's `pdftoppm -r 80 -png`; the window shows the registration screen with
the scan and its impression at true size, and the certificate issued from the card. Writes certificate-inkan.png and
window-inkan.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from demo.seals import seal_scan
from domain.inkan import Application, Impression, Method
from domain.seal_impression import measure
from reports.inkan_pdf import render
from tools.offscreen import run_offscreen, settle, wait_for
from tools.sample_town import first_page_png, person, sample_replica, tennyu
from ui.inkan.dialog import InkanDialog


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with sample_replica() as (registry, admin, scratch):
        head = registry.apply(admin, tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主"),
                                            person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"),
                                            address="さくら県みどり町本町2丁目3番4号")).idou.rows[0].row
        scan = seal_scan("山田", size_mm=15, rotation=4)
        scan_file = scratch / "yamada.png"
        scan_file.write_bytes(scan)
        done = registry.inkan.register(admin, Application(head.atena_no, Method.PHOTO_ID, identification="運転免許証"),
                                       Impression.of(measure(scan)))
        issued = registry.inkan.certificate(admin, done.card_no, render, export=True)
        first_page_png(issued.pdf, out_dir / "certificate-inkan.png", scratch)
        dialog = InkanDialog(registry, admin, head.atena_no)
        dialog.show()
        dialog.tabs.setCurrentIndex(1)
        dialog.image_path.setText(str(scan_file))
        dialog.read_scan()
        wait_for(lambda: dialog.measured is not None, "the scan measured")
        dialog.card.setText(done.card_no)
        dialog.issue()
        settle(300)  # the preview renders its page asynchronously
        dialog.grab().save(str(out_dir / "window-inkan.png"))
        print(out_dir / "window-inkan.png")
        dialog.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.inkan_samples", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
