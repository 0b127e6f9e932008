"""Screenshots of the first-run wizard for the docs, taken offscreen in a temporary folder.

    python -m tools.wizard_screenshots OUTDIR

Walks the new-municipality path with synthetic values as far as the finished set-up (the keyring counts as none,
so the 端末の合言葉 page is shown and the throwaway key is never put in a keyring), then shows the cloud page of the
join path filled in. Saves wizard-1-choice.png … wizard-5-done.png and wizard-join.png in OUTDIR.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWizard

from reports.seal import demo_seal_png
from tools.offscreen import run_offscreen, save, wait_for, wall_clock
from ui.first_run.wizard import FirstRunWizard


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="madoguchi-wizard-") as tmp:
        wizard = FirstRunWizard(Path(tmp) / "replica", wall_clock)
        wizard.resize(720, 560)
        wizard.show()
        save(wizard, out_dir / "wizard-1-choice.png")
        wizard.next()
        town = wizard.town
        town.name_edit.setText("みどり町")
        town.code_edit.setText("131016")
        town.mayor_edit.setText("緑川　一郎")
        town.set_seal(demo_seal_png("みどり町長"))
        save(wizard, out_dir / "wizard-2-town.png")
        wizard.next()
        admin = wizard.admin
        admin.user_edit.setText("admin")
        admin.display_edit.setText("管理　花子")
        for edit in (admin.password_edit, admin.confirm_edit):
            edit.setText("synthetic-password")
        save(wizard, out_dir / "wizard-3-admin.png")
        wizard.next()
        wait_for(lambda: wizard.key.result is not None, "the keyring check")
        for edit in (wizard.key.passphrase_edit, wizard.key.confirm_edit):
            edit.setText("synthetic-passphrase")
        save(wizard, out_dir / "wizard-4-key.png")
        wizard.next()
        wait_for(lambda: not wizard.run.running, "the set-up")
        save(wizard, out_dir / "wizard-5-done.png")
        if wizard.registry is not None:
            wizard.registry.close()
            wizard.registry = None

        joining = FirstRunWizard(Path(tmp) / "joining", wall_clock)
        joining.resize(720, 560)
        joining.show()
        joining.choice.join_button.setChecked(True)
        joining.next()
        joining.join.url_edit.setText("https://cloud.example.lg.jp:6984/town")
        joining.join.user_edit.setText("terminal-shisho1")
        joining.join.password_edit.setText("synthetic")
        joining.join.code_edit.setText("ABCDE-FGHJK-LMNPQ-RSTUV")
        save(joining, out_dir / "wizard-join.png")
        for shown in (wizard, joining):
            shown.button(QWizard.WizardButton.CancelButton).setEnabled(True)
            shown.reject()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.wizard_screenshots", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
