"""Screenshots of 職員の管理 and 操作記録（監査ログ） for the docs, taken offscreen on a small synthetic demo town.

    python -m tools.screenshot_admin OUTDIR [--font FILE ...]

As `tools.screenshot`: a demo replica in a temporary folder under a throwaway passphrase. The administrator gives one
demo account a second factor, another is disabled, a third locked out by wrong passwords; the staff list and the
audit (checked for 改ざん) are saved as window-staff.png and window-audit.png in OUTDIR. A child is born while the
terminal has no 住民票コード left; then a file of codes comes in: the 付番待ち dialog's 住民票コード tab is saved as
window-juminhyo-codes.png. Last, arrivals as the cloud would bring them after someone rewrote a document there are
quarantined, and 要確認・競合・隔離 is saved as window-review.png.
"""

from __future__ import annotations

import secrets
import sys
import time
from pathlib import Path

from demo.replica import DEMO_ADMIN
from domain import totp
from domain.juminhyo_pool import parse_codes
from domain.roles import Role
from domain.wareki import format_short
from local_store import lockout
from local_store.errors import SignInError
from local_store.replication import LOST, Refused
from tools.offscreen import demo_replica, run_offscreen, save
from ui.admin.audit_dialog import AuditDialog
from ui.admin.review_dialog import ReviewDialog
from ui.admin.staff_dialog import StaffDialog
from ui.idou.mynumber_dialog import MynumberDialog


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with demo_replica(60) as registry:
        admin = registry.sign_in(DEMO_ADMIN[0], DEMO_ADMIN[2])
        seed = totp.new_seed()
        registry.staff.enable_second_factor(admin, "demo-kakaricho", seed,
                                      totp.totp(totp.seed_bytes(seed), time.time()))
        registry.staff.add(admin, "suzuki", "鈴木 一（デモ）", Role.COUNTER, secrets.token_urlsafe(12))
        registry.staff.disable(admin, "suzuki")
        registry.staff.add(admin, "sato", "佐藤 花（デモ）", Role.COUNTER, secrets.token_urlsafe(12))
        for _ in range(lockout.MAX_FAILURES):
            try:
                registry.sign_in("sato", "wrong")
            except SignInError:
                pass
        clerk = registry.sign_in("demo", "demo")
        registry.search(clerk, "さとう")

        staff = StaffDialog(registry, admin)
        staff.select_user("demo-kakaricho")
        staff.show()
        save(staff, out_dir / "window-staff.png")
        staff.close()

        audit = AuditDialog(registry, admin)
        audit.resize(1280, 720)
        audit.show()
        audit.verify()
        audit.table.setFocus()
        audit.table.scrollToBottom()  # the newest: the lock-out, the search
        save(audit, out_dir / "window-audit.png")
        audit.close()

        head = next(p for p in registry.summaries(registry.search(admin, "さとう").ids) if p.relationship == "世帯主")
        parent = registry.person(admin, head.atena_no).current
        honseki = parent.honseki
        surname, kana = parent.name.split()[0], parent.name_kana.split()[0]
        registry.apply(admin, {"reason": "出生", "idou_date": format_short(registry.today()),
                               "household": head.setai_no, "persons": [{
                                   "name": f"{surname}　みらい", "name_kana": f"{kana}　ミライ", "sex": "女",
                                   "relationship": "子", "honseki": {"place": honseki.display(), "head": honseki.head}
                                   if honseki else "不明"}]})
        codes = [f"{secrets.randbelow(10 ** 11):011d}" for _ in range(40)]
        registry.codes.import_codes(admin, parse_codes("\n".join(codes)), share=30)
        waiting = MynumberDialog(registry, admin)
        waiting.resize(1000, 560)
        waiting.tabs.setCurrentIndex(1)
        waiting.show()
        save(waiting, out_dir / "window-juminhyo-codes.png")
        waiting.close()

        rewritten, head_rev = secrets.token_hex(16), f"2-{secrets.token_hex(16)}"
        genuine_rev = f"1-{secrets.token_hex(16)}"
        other = secrets.token_hex(16)
        registry.replication.receive([
            Refused(rewritten, head_rev, "idou", "does not open: altered, or moved to another id",
                    {"_id": rewritten, "_rev": head_rev}),
            Refused(rewritten, genuine_rev, "idou", LOST, {"_id": rewritten, "_rev": genuine_rev}),
            Refused(other, genuine_rev, "settings", "sealed with another key or format", {"_id": other})])
        review = ReviewDialog(registry, admin, lambda atena_no: None)
        review.resize(1100, 560)
        review.show()
        save(review, out_dir / "window-review.png")
        review.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.screenshot_admin", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
