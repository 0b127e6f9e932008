"""What a 転入 records of its 転出証明書 (法22条2項, 施行令23条), and what entry warns of without refusing: a 転出先 on
the 転出証明書 other than the address recorded, and a new person whose 氏名, 生年月日 and 性別 are a current resident's
(同一人の疑い, the rule `review` uses). Through the registry, and through `apply` on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.person_rules import person_key, same_person_key
from domain.protection import Offender, Process
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family, person, tennyu
from tests.support.cli import cli

CERTIFICATE = {"town": "東京都千代田区", "planned_on": "R8.11.18", "destination": "さくら県みどり町本町２丁目３番４号"}


def newcomer(**items: Any) -> dict[str, Any]:
    return person("鈴木　一郎", "スズキ　イチロウ", "S60.6.6", "男", "世帯主", **items)


def test_the_move_out_certificate_is_recorded_with_the_move_in(registry: Registry, admin: Staff) -> None:
    """The 転入 keeps the 転出証明書 it was based on: issuing town, 転出予定日 and 転出先 as written."""
    applied = registry.apply(admin, tennyu(newcomer(), move_out_certificate=CERTIFICATE))
    certificate = applied.idou.certificate
    assert certificate is not None
    assert (certificate.town, certificate.planned_on.iso, certificate.destination) == (
        "東京都千代田区", "2026-11-18", CERTIFICATE["destination"])
    assert applied.warnings == ()  # the same address, written with full-width digits
    stored = registry.person(admin, applied.idou.rows[0].row.atena_no).history[0]
    assert stored.reason == "国内転入"


def test_another_destination_on_the_certificate_warns_and_is_recorded(registry: Registry, admin: Staff) -> None:
    """Not refused: the person lives where they live (法22条); staff are told to make sure of it."""
    request = tennyu(newcomer(), move_out_certificate=CERTIFICATE | {"destination": "さくら県みどり町中町5番地"})
    planned = registry.idou.check(admin, request)
    (warning,) = registry.idou.warnings(admin, planned)
    assert "転出証明書の転出先" in warning and "さくら県みどり町中町5番地" in warning
    applied = registry.apply(admin, request)
    assert applied.warnings == (warning,)


@pytest.mark.parametrize("certificate, item", [
    ({"town": "東京都千代田区", "planned_on": "R8.11.18"}, "転出証明書の転出先"),
    (CERTIFICATE | {"planned_on": "そのうち"}, "転出証明書の転出予定日"),
    (CERTIFICATE | {"issued": "R8.11.1"}, "転出証明書"),
])
def test_a_malformed_certificate_is_refused(registry: Registry, admin: Staff, certificate: dict[str, str],
                                           item: str) -> None:
    with pytest.raises(ValidationError) as refused:
        registry.apply(admin, tennyu(newcomer(), move_out_certificate=certificate))
    assert refused.value.item == item


def test_a_certificate_only_on_a_domestic_move_in(registry: Registry, admin: Staff) -> None:
    with pytest.raises(ValidationError, match="move_out_certificate"):
        registry.apply(admin, tennyu(newcomer(), reason="国外転入等", previous_address="アメリカ合衆国",
                                     move_out_certificate=CERTIFICATE))


def test_entry_and_review_share_one_same_person_rule() -> None:
    """The canonical 氏名 (spaces and old forms folded, domain/names.py), 生年月日 and 性別."""
    assert same_person_key("鈴木 一郎", "1985-06-06", "男") == same_person_key("鈴木　一郎", "1985-06-06", "男")
    assert same_person_key("鈴木　一郎", "1985-06-06", "男") != same_person_key("鈴木　一郎", "1985-06-06", "女")


def test_a_newcomer_like_a_resident_warns_at_confirmation_and_on_apply(registry: Registry, admin: Staff) -> None:
    """同一人 check at entry (issue 18): the same newcomer entered twice is caught before the second is recorded,
    not only by `review` afterwards; it is a warning (two people can share name, birth and sex)."""
    first = registry.apply(admin, tennyu(newcomer())).idou.rows[0].row
    again = tennyu(newcomer() | {"name": "鈴木 一郎"}, address="さくら県みどり町中町5番地")
    planned = registry.idou.check(admin, again)
    (warning,) = registry.idou.warnings(admin, planned)
    assert "同一人の疑い" in warning and first.atena_no in warning
    assert person_key(planned.rows[0].row) == person_key(first)
    applied = registry.apply(admin, again)
    assert applied.warnings == (warning,)
    assert len(registry.review.same_persons(admin)) == 1  # review still lists the pair


def test_a_match_under_protection_is_not_named(registry: Registry, admin: Staff) -> None:
    """支援措置: the warning says there is a match, not who (the counter must not learn where they live)."""
    first = registry.apply(admin, tennyu(newcomer())).idou.rows[0].row
    registry.protection.add(admin, [first.atena_no], [Process.KOFU, Process.IDOU, Process.SHOUKAI],
                            [Offender("乙川　三郎")])
    (warning,) = registry.apply(admin, tennyu(newcomer(), address="さくら県みどり町中町5番地")).warnings
    assert "同一人の疑い" in warning and first.atena_no not in warning and "係長" in warning


@pytest.mark.parametrize("reason", ["出生", "職権記載", "未届転入"])
def test_every_new_person_is_checked(registry: Registry, admin: Staff, reason: str) -> None:
    setai = registry.apply(admin, family()).idou.rows[0].row.setai_no
    twin = person("山田　一郎", "ヤマダ　イチロウ", "H20.5.5", "男", "子", juminhyo_code="34567890123")
    request: dict[str, Any] = {"reason": reason, "idou_date": "H20.5.5", "household": setai, "persons": [twin]}
    if reason == "出生":
        del twin["birth"], twin["juminhyo_code"]
    if reason == "未届転入":
        request |= {"previous_address": "東京都千代田区千代田1番1号", "note": "実態調査", "idou_date": "R8.11.20"}
    warnings = registry.apply(admin, request).warnings
    assert len(warnings) == 1 and "同一人の疑い" in warnings[0]


def test_a_returning_or_changed_person_is_not_warned_of(registry: Registry, admin: Staff) -> None:
    taro = registry.apply(admin, family()).idou.rows[0].row.atena_no
    changed = registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.25",
                                     "set": {taro: {"remarks": "確認済み"}}})
    assert changed.warnings == ()


def test_the_command_line_apply_prints_the_warnings(tmp_path: Path, data_dir: Path, registry: Registry,
                                                    admin: Staff) -> None:
    registry.apply(admin, tennyu(newcomer()))
    registry.close()
    path = tmp_path / "idou.json"
    request = tennyu(newcomer(), address="さくら県みどり町中町5番地", move_out_certificate=CERTIFICATE)
    path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    ran = cli(data_dir, "--as", "admin", "--password-stdin", "apply", str(path), stdin="admin-password\n")
    assert ran.returncode == 0, ran.stderr
    notes = [line for line in ran.stdout.splitlines() if line.startswith("注意: ")]
    assert len(notes) == 2 and "転出証明書の転出先" in notes[0] and "同一人の疑い" in notes[1]
