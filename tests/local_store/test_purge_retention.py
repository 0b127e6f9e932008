"""A purge order may not erase, unawares, a 異動 whose record the law keeps: 施行令34条 keeps a 除票 150 years from its
消除 (and a living resident's record has not even begun that time)."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from local_store import audit
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import family, person, tennyu

REASON = "個人情報保護委員会の決定（令和8年第7号）"
GROUND = "誤って記録された個人情報の消去"


def test_a_purge_of_a_kept_idou_is_refused_without_an_overriding_ground(registry: Registry, admin: Staff) -> None:
    """施行令34条: the 異動 of a living resident (and of a 除票 under 150 years) is kept; the order is refused and
    nothing is erased."""
    applied = registry.apply(admin, family())
    with pytest.raises(ValidationError, match="施行令34条"):
        registry.purge.order(admin, [applied.doc_id], REASON)
    assert registry.replication.document(applied.doc_id) is not None and not registry.purge.orders(admin)


def test_a_removed_persons_idou_within_150_years_is_still_kept(registry: Registry, admin: Staff) -> None:
    """A 除票 (here by 死亡 in 令和8年) is kept 150 years after its 消除 (施行令34条)."""
    applied = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
    atena_no = applied.idou.rows[0].row.atena_no
    died = registry.apply(admin, {"reason": "死亡", "idou_date": "R8.11.26", "targets": [atena_no]})
    with pytest.raises(ValidationError, match="150年保存"):
        registry.purge.order(admin, [died.doc_id, applied.doc_id], REASON)


def test_an_overriding_ground_is_signed_in_the_order_and_written_to_the_audit(
        registry: Registry, admin: Staff) -> None:
    """The override (for 誤って記録された個人情報 etc.) is named in the order itself and in the audit."""
    applied = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
    order = registry.purge.order(admin, [applied.doc_id], REASON, GROUND)
    assert order["override_ground"] == GROUND and registry.replication.document(applied.doc_id) is None
    assert [o.get("override_ground") for o in registry.purge.orders(admin)] == [GROUND]
    entries = registry.audit.entries(admin, audit.Filter(action="消去命令"))
    assert any(GROUND in e.detail for e in entries)


def test_a_removed_persons_idou_past_150_years_needs_no_ground(registry: Registry, admin: Staff) -> None:
    """Once 150 years have passed since the 消除 (施行令34条), the law no longer keeps the record."""
    applied = registry.apply(admin, tennyu(person("古川　昔", "フルカワ　ムカシ", "M1.2.1", "男", "世帯主"),
                                           date="M2.1.1", notified_on="M2.1.1"))
    atena_no = applied.idou.rows[0].row.atena_no
    died = registry.apply(admin, {"reason": "死亡", "idou_date": "M8.1.1", "targets": [atena_no]})
    order = registry.purge.order(admin, [died.doc_id, applied.doc_id], REASON)
    assert "override_ground" not in order and registry.replication.document(died.doc_id) is None
