"""The inbox of received notices passes the listing rule for the notices about the persons of this town's 戸籍の附票:
a 附票 notice about a person under 支援措置 (one living elsewhere, whose 住所地 forwarded her measure, or a resident)
is left out of a 窓口 clerk's inbox, before and after it is recorded, and shown to a 係長 named in the audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.fuhyo import member_target
from domain.notices import Outgoing
from domain.protection import Offender, Process
from domain.roles import Role
from local_store.audit import Filter
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.notices import notice_file, write
from tests.support.protected import protected_town

HONSEKI = "さくら県みどり町西町1番地"
FILE = ("本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード\n"
        f"{HONSEKI},青木　一,青木　一,S20.2.2,男,大阪府大阪市北区梅田1丁目1番1号,S60.4.1,,,,\n"
        f"{HONSEKI},青木　一,青木　幸子,S22.3.3,女,京都府京都市左京区1番地,H10.4.1,,,,\n")
LISTED = "受付通知一覧"


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    """青木　幸子 lives in 京都 with her 本籍 here; 京都 forwarded her 支援措置 naming her husband 青木　一, who
    lives in 大阪 and is nobody's concern."""
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    registry.fuhyo.import_text(admin, FILE, "fuhyo.csv")
    fuhyo = registry.fuhyo.show(admin, registry.fuhyo.search(admin, HONSEKI)[0].id).fuhyo
    her = next(m for m in fuhyo.members if m.name == "青木　幸子")
    chief = registry.sign_in("chief", "chief-pw")
    registry.protection.add(chief, [member_target(fuhyo.id, her.key)], set(Process), [Offender("青木　一", "アオキ　ハジメ")])
    return {"her": member_target(fuhyo.id, her.key), "chief": chief, "clerk": registry.sign_in("clerk", "clerk-pw")}


def residence(notice_id: str, name: str, birth: str, address: str) -> dict[str, Any]:
    """A 附票記載事項通知 (法19条1項) from the town the person lives in: it carries her new address."""
    return {"id": notice_id, "kind": Outgoing.FUHYO.value, "sender": "京都府京都市", "addressee": "さくら県みどり町",
            "law": "住民基本台帳法第19条第1項", "person": {
                "event": "修正", "honseki": HONSEKI, "honseki_head": "青木　一", "name": name, "birth": birth,
                "address": address, "address_since": "2026-11-15"}}


def renamed(notice_id: str, honseki: str, head: str, name: str, birth: str, new_name: str) -> dict[str, Any]:
    """The 戸籍 side of the 附票: a change of name."""
    return {"id": notice_id, "kind": "戸籍の記載（附票）", "sender": "さくら県みどり町", "person": {
        "event": "氏名の変更", "honseki": honseki, "honseki_head": head, "name": name, "birth": birth,
        "date": "2026-11-20", "new_name": new_name}}


def take(registry: Registry, actor: Staff, tmp_path: Path, *notices: dict[str, Any]) -> None:
    registry.notices.import_file(actor, write(tmp_path / f"n{len(list(tmp_path.iterdir()))}.json",
                                              notice_file(*notices)))


def listed(registry: Registry, actor: Staff) -> list[str]:
    return [r.notice["id"] for r in registry.notices.inbox(actor)]


def last_listing(registry: Registry, reader: Staff, user: str) -> str:
    """The detail of `user`'s last inbox listing, as `reader` (a 係長) reads the audit."""
    registry.audit.flush()
    return [e.detail for e in registry.audit.entries(reader, Filter()) if e.action == LISTED and e.staff == user][-1]


def test_a_clerk_s_inbox_leaves_out_the_notice_of_her_new_address(registry: Registry, town: dict[str, Any],
                                                                  tmp_path: Path) -> None:
    clerk, chief = town["clerk"], town["chief"]
    take(registry, chief, tmp_path, residence("f1", "青木　幸子", "1947-03-03", "京都府京都市北区2番地"),
         residence("f2", "青木　一", "1945-02-02", "大阪府大阪市北区梅田2丁目1番1号"))
    assert listed(registry, clerk) == ["f2"]
    assert "支援措置対象者の1件を除外" in last_listing(registry, chief, "clerk")
    assert listed(registry, chief) == ["f1", "f2"]
    assert f"支援措置対象者 {town['her']} 係長以上に表示" in last_listing(registry, chief, "chief")
    her_notice = registry.notices.inbox(chief)[0].id
    with pytest.raises(ValidationError, match="見つかりません"):  # `notices show` of it: as if there were none
        registry.notices.proposal(clerk, her_notice)
    assert registry.notices.proposal(chief, her_notice).received.notice["id"] == "f1"


def test_once_recorded_under_her_new_name_the_notice_stays_out_of_a_clerk_s_inbox(
        registry: Registry, town: dict[str, Any], tmp_path: Path) -> None:
    clerk, chief = town["clerk"], town["chief"]
    take(registry, chief, tmp_path, renamed("k1", HONSEKI, "青木　一", "青木　幸子", "1947-03-03", "赤木　幸子"))
    (received,) = registry.notices.inbox(chief)
    registry.fuhyo.apply_notice(chief, received.id)
    assert listed(registry, clerk) == []
    assert [r.state for r in registry.notices.inbox(chief)] == ["処理済"]
    assert town["her"] in last_listing(registry, chief, "chief")


def test_a_fuhyo_notice_about_a_protected_resident_is_left_out_for_a_clerk(registry: Registry, admin: Staff,
                                                                            tmp_path: Path) -> None:
    """乙川　花子 lives here under 支援措置, her 本籍 in this town: the 戸籍 side sends a notice about her 附票."""
    town = protected_town(registry, admin)
    clerk, chief = registry.sign_in("clerk", "clerk-pw"), registry.sign_in("chief", "chief-pw")
    honseki = town.hanako.honseki
    assert honseki is not None
    take(registry, chief, tmp_path, renamed("k1", honseki.place, honseki.head, "乙川　花子", "1977-03-03", "甲野　花子"))
    assert listed(registry, clerk) == []
    assert listed(registry, chief) == ["k1"]
    assert f"支援措置対象者 {town.hanako.atena_no} 係長以上に表示" in last_listing(registry, chief, "chief")
