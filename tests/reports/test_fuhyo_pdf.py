"""The 附票の写し read back: a real PDF whose QR code carries its items, signed by the town and verified as 真正; the
items the law omits unless asked (本籍・筆頭者, 住民票コード) are absent from both the page and the signed items; the
history of addresses of a 国外転出者 ends with 国外転出者; a long 附票 continues on the next page, each page signed."""

from __future__ import annotations

from pathlib import Path

from domain.fuhyo import request_from
from domain.kofu_rules import RequesterKind
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from reports.verify import verify_pdf
from tests.support.builders import NOTIFIER, family
from tests.support.pdf_text import page_texts

KOUYOU = {"requester": RequesterKind.KOUYOU, "requester_name": "さくら県みどり県税事務所",
          "agency_officer": "納税課　主査　丙川　三郎", "identification": "官公署発行の写真付き身分証明書",
          "legal_basis": "地方税法第20条の11", "reason": "県税の滞納処分"}


def items(verdict: object) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for content in verdict.contents:  # type: ignore[attr-defined]
        for section in content.sections:
            for label, value in section:
                found.setdefault(label, []).append(value)
    return found


def test_the_copy_verifies_and_carries_only_what_it_prints(registry: Registry, admin: Staff) -> None:
    rows = [c.row for c in registry.apply(admin, family()).idou.rows]
    registry.apply(admin, {"reason": "国外転出", "idou_date": "R8.12.10", "targets": [rows[2].atena_no],
                           "destination": "アメリカ合衆国", "notifier": NOTIFIER})
    [found] = registry.fuhyo.search(admin, "山田")
    issued = registry.fuhyo.issue(admin, request_from({"fuhyo": found.id, **KOUYOU}), render)
    verdict = verify_pdf(issued.pdfs[0], registry.kofu.public_key())
    assert verdict.status == "真正", verdict.reasons
    assert verdict.contents[0].title == "戸籍の附票の写し（公用）"
    signed = items(verdict)
    assert signed["氏名"] == [r.name for r in rows]
    assert "本籍" not in signed and "筆頭者" not in signed and "住民票コード" not in signed
    assert signed["住所"].count("国外転出者") == 1 and signed["転出の予定年月日"] == ["令和8年12月10日"]
    assert "本籍" not in "".join(page_texts(issued.pdfs[0]))

    asked = registry.fuhyo.issue(admin, request_from({"fuhyo": found.id, **KOUYOU, "include": ["本籍・筆頭者"]}),
                                 render)
    signed = items(verify_pdf(asked.pdfs[0], registry.kofu.public_key()))
    assert signed["本籍"] == ["さくら県みどり町本町1番地"] and signed["筆頭者"] == ["山田　太郎"]


def test_a_long_fuhyo_continues_on_the_next_page(registry: Registry, admin: Staff, tmp_path: Path) -> None:
    lines = ["本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード"]
    for n in range(8):
        lines += [f"さくら県みどり町西町1番地,青木　一,青木　{'一二三四五六七八'[n]},S{20 + n}.1.1,男,"
                  f"大阪府大阪市北区梅田{k}丁目1番1号,S{50 + k}.4.1,,,," for k in range(1, 4)]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    registry.fuhyo.import_file(admin, path)
    [found] = registry.fuhyo.search(admin, "青木")
    issued = registry.fuhyo.issue(admin, request_from({"fuhyo": found.id, **KOUYOU}), render)
    verdict = verify_pdf(issued.pdfs[0], registry.kofu.public_key())
    assert verdict.status == "真正" and len(verdict.contents) > 1
    assert len(items(verdict)["氏名"]) == 8
    texts = page_texts(issued.pdfs[0])
    assert "（次葉に続く）" in texts[0] and "以下余白" in texts[-1]
