"""Every certificate form rendered to PNG for the docs, and the 交付 screen with its preview, from a throwaway replica.

    python -m tools.certificate_samples OUTDIR

Creates a synthetic town in a temporary folder (its key under a throwaway passphrase, never in a keyring) on a fixed
date, registers a few synthetic households, issues each form through the facade as the command line does, and renders
the first page of each with poppler's `pdftoppm -r 80 -png`. Writes certificate-*.png and window-kofu.png.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from domain.kofu_rules import CertificateKind, Item, RequesterKind, request_from
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tools.offscreen import run_offscreen, settle
from tools.sample_town import first_page_png, person, sample_replica, tennyu
from ui.kofu.dialog import KofuDialog

HONNIN = {"requester": RequesterKind.HONNIN, "identification": "運転免許証"}  # the person asked for, by 宛名番号
# 鈴木 三郎 lived alone: his 除票 goes to an heir, a 第三者 who shows the need.
HEIR = {"requester": RequesterKind.DAISANSHA, "requester_name": "鈴木　一子", "requester_address": "東京都港区芝公園1丁目1番1号",
        "reason": "相続手続", "evidence": "戸籍謄本（相続関係がわかるもの）"}


SATO_MYNUMBERS = ("202600000014", "202600000022")
# 法7条9号〜11号の2 as the 選挙管理委員会 and the 国保・年金・介護・児童手当 offices entered them.
OFFICES: dict[str, dict[str, Any]] = {
    "山田　太郎": {"elector": True, "kokuho": {"acquired": "R8.11.20"},
                  "nenkin": {"kind": "1", "number": "1234-567890", "acquired": "H7.1.1"}},
    "山田　花子": {"elector": True, "kokuho": {"acquired": "R8.11.20"},
                  "nenkin": {"kind": "1", "number": "2234-567890", "acquired": "H9.3.3"}},
    "山田　一郎": {"kokuho": {"acquired": "R8.11.20"}},
    "𠮷田　葛\U000E0100子": {"elector": True, "kouki": {"acquired": "R8.11.20"}, "kaigo": {"acquired": "R8.11.20"}},
    "佐藤　一郎": {"elector": True, "kokuho": {"acquired": "R8.11.20", "retired": True},
                  "kaigo": {"acquired": "R8.11.20"}, "nenkin": {"kind": "1", "number": "3234-567890",
                                                               "acquired": "S60.4.1"}},
    "佐藤　良子": {"elector": True, "kokuho": {"acquired": "R8.11.20"},
                  "nenkin": {"kind": "3", "number": "4234-567890", "acquired": "S62.6.1", "kind_changed": "H2.4.1"}},
}


def _town(registry: Registry, admin: Staff) -> dict[str, str]:
    """The households of the samples; 宛名番号 by name."""
    requests = [
        tennyu(person("山田　太郎", "ヤマダ　タロウ", "S50.1.1", "男", "世帯主", mynumber="123456789018"),
               person("山田　花子", "ヤマダ　ハナコ", "S52.3.3", "女", "妻"),
               person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子"),
               person("𠮷田　葛\U000E0100子", "ヨシダ　クズコ", "S20.2.2", "女", "妻の母",
                      honseki={"place": "さくら県みどり町北町3番地", "head": "𠮷田　清"}),
               address="さくら県みどり町本町2丁目3番4号"),
        # 佐藤 moved in with the 住民票コード and 個人番号 their 転出証明書 gave (it carries both: 施行令24条)
        tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主", juminhyo_code="80000000011",
                      mynumber=SATO_MYNUMBERS[0]),
               person("佐藤　良子", "サトウ　ヨシコ", "S42.6.6", "女", "妻", juminhyo_code="80000000012",
                      mynumber=SATO_MYNUMBERS[1]), address="さくら県みどり町中町5番地"),
        tennyu(person("鈴木　三郎", "スズキ　サブロウ", "S10.10.10", "男", "世帯主"), address="さくら県みどり町西町7番地"),
        tennyu(person("グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人",
                      honseki=None, foreign={
                          "alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": "中長期在留者",
                          "became_resident": "2026-11-20", "residence_status": "技能実習", "period": "3年",
                          "period_expiry": "2029-11-19", "card_number": "AB12345678CD", "tsusho": "阮　安"}),
               address="さくら県みどり町東町1番地"),
    ]
    atena = {c.row.name: c.row.atena_no for r in requests for c in registry.apply(admin, r).idou.rows}
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.26", "set": {
        atena[name]: {"offices": offices} for name, offices in OFFICES.items()}})
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notified_on": "R8.11.26",
                          "notifier": {"name": "佐藤　一郎", "relation": "本人", "identification": "運転免許証"},
                          "targets": [atena["佐藤　一郎"], atena["佐藤　良子"]],
                          "destination": "東京都港区芝公園1丁目1番1号"})
    registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [atena["鈴木　三郎"]]})
    atena["田中　春子"] = _returned(registry, admin)
    return atena


def _returned(registry: Registry, admin: Staff) -> str:
    """田中 春子 lived in the town, moved away and came back under her one 宛名番号: two stays, the first a 除票."""
    haruko = person("田中　春子", "タナカ　ハルコ", "S60.6.15", "女", "世帯主",
                    honseki={"place": "大阪府大阪市北区中之島1丁目3番20号", "head": "田中　一郎"})
    notifier = {"name": "田中　春子", "relation": "本人", "identification": "運転免許証"}

    def moved(reason: str, day: str, notified: str, **items: Any) -> dict[str, Any]:
        return {"reason": reason, "idou_date": day, "notified_on": notified, "notifier": notifier, **items}

    first = {**tennyu(haruko, address="さくら県みどり町東町3番地"), "idou_date": "R8.10.1", "notified_on": "R8.10.2",
             "previous_address": "大阪府大阪市北区梅田1丁目1番1号"}
    atena = registry.apply(admin, first).idou.rows[0].row.atena_no
    registry.apply(admin, moved("転居", "R8.10.20", "R8.10.21", targets=[atena],
                                address={"text": "さくら県みどり町北町8番地"}))
    registry.apply(admin, moved("国内転出", "R8.11.5", "R8.11.2", targets=[atena],
                                destination="東京都港区芝公園4丁目2番8号"))
    back = {**tennyu({**haruko, "returning": atena}, address="さくら県みどり町南町2番地"), "idou_date": "R8.11.16",
            "notified_on": "R8.11.17", "previous_address": "東京都港区芝公園4丁目2番8号"}
    registry.apply(admin, back)
    registry.apply(admin, moved("転居", "R8.11.22", "R8.11.24", targets=[atena],
                                address={"text": "さくら県みどり町南町12番地", "katagaki": "みどり荘203号"}))
    return atena


SAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("certificate-juminhyo.png", "山田　太郎", {"kind": CertificateKind.JUMINHYO, "household": True,
                                                "include": [Item.SETAINUSHI, Item.HONSEKI]}),
    ("certificate-kojinhyo.png", "山田　太郎", {"kind": CertificateKind.JUMINHYO, "individual": True,
                                                "include": [Item.SETAINUSHI, Item.HONSEKI]}),
    ("certificate-johyo.png", "鈴木　三郎", {"kind": CertificateKind.JOHYO, **HEIR}),
    ("certificate-kisai.png", "山田　太郎", {"kind": CertificateKind.KISAI, "household": True,
                                             "include": [Item.OFFICES]}),
    ("certificate-tenshutsu.png", "佐藤　一郎", {"kind": CertificateKind.TENSHUTSU, "household": True}),
    ("certificate-foreign.png", "グエン　ヴァン　アン", {"kind": CertificateKind.JUMINHYO, "individual": True,
                                                          "include": [Item.ZAIRYU], "identification": "在留カード"}),
    ("certificate-kojinhyo-history.png", "田中　春子", {"kind": CertificateKind.JUMINHYO,
                                                        "include": [Item.HONSEKI, Item.HISTORY]}),
    ("certificate-johyo-kisai.png", "田中　春子", {"kind": CertificateKind.JOHYO_KISAI, "residence": 1}),
]


def take(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with sample_replica() as (registry, admin, scratch):
        atena = _town(registry, admin)
        for file_name, who, values in SAMPLES:
            request = request_from({**HONNIN, **values, "atena_nos": [atena[who]], "requester_atena": atena[who]})
            issued = registry.kofu.issue(admin, request, render, export=True)
            first_page_png(issued.pdfs[0], out_dir / file_name, scratch)
        dialog = KofuDialog(registry, admin, registry.person(admin, atena["山田　太郎"]))
        dialog.form.set_member(atena["山田　花子"])  # his wife asks, picked from the household
        dialog.form.identification.setCurrentText("運転免許証")
        dialog.form.whole_household.setChecked(True)
        dialog.form.items[Item.SETAINUSHI].setChecked(True)
        dialog.show()
        if not dialog.issue():
            raise SystemExit(dialog.message.text())
        settle(300)  # the preview renders its pages asynchronously
        dialog.grab().save(str(out_dir / "window-kofu.png"))
        print(out_dir / "window-kofu.png")
        dialog.printed = True
        dialog.close()


def main(argv: list[str]) -> int:
    return run_offscreen("python -m tools.certificate_samples", take, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
