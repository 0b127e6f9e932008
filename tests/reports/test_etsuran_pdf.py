"""The 閲覧 forms read back: the 閲覧用リスト holds the four items only, in the order given, with 「閲覧用」 and the
受付番号 on every page; the 公表 holds each approved request's items."""

from __future__ import annotations

import datetime as dt

from domain.etsuran import EtsuranList, ListLine, Published
from reports.etsuran_pdf import render_list, render_publication
from tests.support.pdf_text import page_texts

NUMBER = "2026-本庁1-007"


def _lines(count: int) -> tuple[ListLine, ...]:
    return tuple(ListLine(f"甲野　{n:03d}", "昭和50年1月1日", "女" if n % 2 else "男",
                          f"さくら県みどり町本町1丁目{n}番1号") for n in range(1, count + 1))


def test_every_page_of_the_list_says_etsuran_and_its_number_and_holds_only_the_four_items() -> None:
    made = EtsuranList(NUMBER, "さくら県みどり町", dt.date(2026, 12, 1), "本町1丁目　18歳〜80歳", _lines(70))
    pages = page_texts(render_list(made))
    assert len(pages) == 3
    for n, page in enumerate(pages, start=1):
        assert page.count("閲覧用") >= 2 and page.count(f"受付番号{NUMBER}") >= 2, page  # head and foot
        assert f"{n}/3ページ" in page
        assert "住所氏名生年月日性別" in page
    text = "".join(pages)
    positions = [text.index(f"甲野{n:03d}") for n in range(1, 71)]
    assert positions == sorted(positions)  # in the order given: address order
    assert "本町1丁目2番1号甲野002昭和50年1月1日男" in text
    assert "令和8年12月1日現在" in pages[0] and "対象の範囲：本町1丁目18歳〜80歳" in pages[0]


def test_an_empty_list_still_says_whose_it_is() -> None:
    pages = page_texts(render_list(EtsuranList(NUMBER, "さくら県みどり町", dt.date(2026, 12, 1), "中町", ())))
    assert len(pages) == 1 and "閲覧用" in pages[0] and NUMBER in pages[0] and "該当する住民はいません" in pages[0]


def test_the_publication_holds_each_request_s_items() -> None:
    lines = [Published(NUMBER, "法11条の2", "みどり新聞社", "調査研究：県民の意識に関する世論調査の対象者の抽出" * 3,
                       "令和8年12月1日", "本町1丁目、中町　18歳〜80歳")] * 30
    pages = page_texts(render_publication(lines, 2026, "さくら県みどり町"))
    assert len(pages) >= 2
    assert "住民基本台帳の一部の写しの閲覧の状況（2026年）" in pages[0]
    assert "受付番号根拠申出者（請求機関）利用目的の概要閲覧の年月日対象の範囲" in pages[1]
    assert "みどり新聞社" in pages[0] and "令和8年12月1日" in pages[0] and "法11条の2" in pages[0]
