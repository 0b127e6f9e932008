"""The rules of the 戸籍の附票 (domain.fuhyo), each with its article: what a 附票 holds (法17条, 17条の2), how its
処理 fold into it whatever the order they arrive in (法18条), the 除附票 and its 150 years (法21条, 施行令34条), who may
ask for a 写し and what it prints (法20条, 施行令), and the file of existing 附票."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.certificate_items import Signatory
from domain.errors import ValidationError
from domain.fuhyo import (
    Change,
    FuhyoKind,
    build_certificate,
    check_issuable,
    check_items,
    check_requester,
    document_problem,
    fold,
    kept_until,
    parse_import,
    request_from,
)
from domain.kofu_rules import KofuIncomplete, KofuRefused, RequesterKind

OPEN = {"change": "開設", "fuhyo": "F", "honseki": "さくら県みどり町本町1番地", "head": "山田　太郎", "date": "2000-01-01"}
TARO = {"change": "記載", "fuhyo": "F", "member": "t", "name": "山田　太郎", "birth": "1975-01-01", "sex": "男",
        "reason": "移行", "date": "2000-01-01"}


def doc(at: str, *changes: dict[str, object]) -> dict[str, object]:
    return {"at": at, "by": "admin", "terminal": "本庁1", "source": "職権", "changes": list(changes)}


def address(address: str, since: str, at: str = "2000-01-01") -> dict[str, object]:
    return {"change": "住所", "fuhyo": "F", "member": "t", "address": address, "since": since, "date": at}


def test_addresses_are_kept_in_the_order_of_the_day_each_was_set() -> None:
    """法17条3号・4号: 住所 and 住所を定めた年月日, in order, however the 処理 arrived."""
    docs = [("b", doc("2026-02-01T00:00", address("大阪府大阪市北区1番", "2010-04-01"))),
            ("a", doc("2026-01-01T00:00", OPEN, TARO, address("東京都港区芝1番", "2000-04-01"))),
            ("c", doc("2026-03-01T00:00", {"change": "国外転出", "fuhyo": "F", "member": "t", "since": "2026-05-01",
                                            "date": "2026-03-01"}))]
    for order in (docs, docs[::-1]):
        taro = fold(order)["F"].members[0]
        assert [(a.address, a.since.iso, a.abroad) for a in taro.addresses] == [
            ("東京都港区芝1番", "2000-04-01", False), ("大阪府大阪市北区1番", "2010-04-01", False), ("", "2026-05-01", True)]
        assert taro.abroad and taro.current_address == "国外転出者" and taro.last_address == "大阪府大阪市北区1番"


def test_a_change_whose_fuhyo_has_not_arrived_waits() -> None:
    early = ("x", doc("2026-01-01T00:00", address("東京都港区芝1番", "2000-04-01")))
    assert fold([early]) == {}
    assert len(fold([early, ("y", doc("2026-02-01T00:00", OPEN, TARO))])["F"].members) == 1


def test_the_overseas_voter_registration_is_recorded() -> None:
    """法17条の2: 在外選挙人名簿 and the town that registered her."""
    voter = {"change": "在外選挙人名簿", "fuhyo": "F", "member": "t", "town": "さくら県みどり町", "date": "2026-01-01"}
    assert fold([("a", doc("2026-01-01T00:00", OPEN, TARO, voter))])["F"].members[0].voter_town == "さくら県みどり町"


def test_a_fuhyo_closes_by_tenseki_or_when_everyone_left_and_is_kept_150_years() -> None:
    """法21条 and 施行令34条: a 除附票 is kept 150 years from the day it closed."""
    removed = {"change": "消除", "fuhyo": "F", "member": "t", "reason": "死亡", "date": "2026-11-20"}
    closed = fold([("a", doc("2026-01-01T00:00", OPEN, TARO, removed))])["F"]
    assert closed.kind is FuhyoKind.JOFUHYO and kept_until(closed) == dt.date(2176, 11, 20)
    tenseki = fold([("a", doc("2026-01-01T00:00", OPEN, {"change": "閉鎖", "fuhyo": "F", "reason": "転籍",
                                                          "date": "2024-02-29"}))])["F"]
    assert tenseki.kind is FuhyoKind.JOFUHYO and kept_until(tenseki) == dt.date(2174, 2, 28)
    request = request_from({"fuhyo": "F", "kind": FuhyoKind.JOFUHYO, "requester": RequesterKind.KOUYOU})
    check_issuable(request, closed, dt.date(2176, 11, 20))
    with pytest.raises(KofuRefused, match="150年"):
        check_issuable(request, closed, dt.date(2176, 11, 21))
    with pytest.raises(KofuIncomplete, match="除附票の写しを請求"):
        check_issuable(request_from({"fuhyo": "F", "requester": RequesterKind.KOUYOU}), closed, dt.date(2026, 12, 1))


def test_malformed_documents_are_named() -> None:
    assert document_problem(doc("2026-01-01T00:00", OPEN)) is None
    assert "unknown 附票 change" in document_problem(doc("t", {**OPEN, "change": "削除"}))
    assert "lacks head" in document_problem(doc("t", {k: v for k, v in OPEN.items() if k != "head"}))
    assert "bad item" in document_problem(doc("t", {**TARO, "sex": "不明"}))
    assert "not an object" in document_problem(doc("t", "開設"))  # type: ignore[arg-type]
    assert Change.CLOSE.value == "閉鎖"


# --- 法20条 ------------------------------------------------------------------------------------------------------------

FUHYO = fold([("a", doc("2026-01-01T00:00", OPEN, TARO, address("東京都港区芝1番", "2000-04-01")))])["F"]


def test_honninra_are_the_persons_of_the_fuhyo_and_their_spouses_and_lineal_relatives() -> None:
    """法20条1項."""
    base = {"fuhyo": "F", "requester": RequesterKind.HONNIN, "requester_name": "山田　花子", "identification": "旅券"}
    check_requester(request_from({**base, "relation": "配偶者", "of": "t"}), FUHYO)
    with pytest.raises(KofuIncomplete, match="続柄"):
        check_requester(request_from(base), FUHYO)
    with pytest.raises(KofuRefused, match="法20条1項"):
        check_requester(request_from({**base, "relation": "直系卑属", "of": "nobody"}), FUHYO)


def test_offices_state_their_officer_and_legal_ground_and_third_parties_a_legitimate_reason() -> None:
    """法20条2項 (国・地方公共団体の機関), 3項 (正当な理由), 4項 (特定事務受任者)."""
    office = {"fuhyo": "F", "requester": RequesterKind.KOUYOU, "requester_name": "さくら県", "identification": "x",
              "agency_officer": "主事", "legal_basis": "地方税法第20条の11", "reason": "滞納処分"}
    check_requester(request_from(office), FUHYO)
    with pytest.raises(KofuIncomplete, match="法20条2項"):
        check_requester(request_from({**office, "agency_officer": ""}), FUHYO)
    third = {"fuhyo": "F", "requester": RequesterKind.DAISANSHA, "requester_name": "甲野　一郎",
             "requester_address": "東京都港区芝1番", "identification": "運転免許証", "reason": "相続"}
    with pytest.raises(KofuIncomplete, match="法20条3項"):
        check_requester(request_from(third), FUHYO)
    check_requester(request_from({**third, "evidence": "遺産分割協議書"}), FUHYO)
    lawyer = {**third, "qualification": "司法書士", "registration_no": "1", "office": "甲野事務所", "form_no": "A-1",
              "client": ""}
    with pytest.raises(KofuIncomplete, match="法20条4項"):
        check_requester(request_from(lawyer), FUHYO)


def test_honseki_and_the_code_are_printed_only_when_asked_and_the_code_only_for_honninra() -> None:
    """施行令 (特別の請求がない限り 本籍・筆頭者 を省略); 住民票コード for 本人等 alone (法30条の37・38)."""
    base = {"fuhyo": "F", "requester_name": "x", "identification": "旅券"}
    assert check_items(request_from({**base, "requester": RequesterKind.DAISANSHA})) == frozenset()
    assert check_items(request_from({**base, "requester": RequesterKind.DAISANSHA, "include": ["本籍・筆頭者"]}))
    assert check_items(request_from({**base, "requester": RequesterKind.HONNIN, "include": ["住民票コード"]}))
    for kind in (RequesterKind.DAISANSHA, RequesterKind.KOUYOU):
        with pytest.raises(KofuRefused, match="住民票コード"):
            check_items(request_from({**base, "requester": kind, "include": ["住民票コード"]}))
    cert = build_certificate(request_from({**base, "requester": RequesterKind.HONNIN}), FUHYO, frozenset(),
                             signed_by=Signatory("さくら県みどり町長", "町長　一郎"), issued_on=dt.date(2026, 11, 27),
                             issue_no="20261127 みどり町 本庁1 プリンタ001 000001", seal_png=None)
    assert cert.header == () and [f.label for f in cert.pages[0][0]] == ["氏名", "生年月日", "性別", "住所",
                                                                          "住所を定めた年月日"]


def test_a_file_of_existing_fuhyo_names_each_bad_line() -> None:
    header = "本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
    good = "さくら県みどり町西町1番地,青木　一,青木　一,S20.2.2,男,大阪府大阪市北区1番,S60.4.1,,,,\n"
    assert len(parse_import(header + good)) == 1
    with pytest.raises(ValidationError) as raised:
        parse_import(header + good + "a,b,c\n" + good.replace(",男,", ",?,") + good.replace(",,,,", ",,死亡,,"))
    assert raised.value.message.splitlines() == [
        "3行目: 列の数: 11列のはずが3列です", "4行目: 性別: 性別は「男」か「女」です",
        "5行目: 消除: 消除事由と消除日は両方を入力してください"]
    with pytest.raises(ValidationError, match="1行目は見出し"):
        parse_import(good)
