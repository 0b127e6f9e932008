"""Whatever reaches `apply` (a mutated request, a value of the wrong type, a missing item), the answer is either a
recorded 異動 or a ValidationError naming an item, and a refused request changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import ValidationError
from local_store import derived
from local_store.registry import Registry
from tests.support.builders import ADMIN, NOTIFIER, TOWN, Clock, family

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**13), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["", "R8.2.30", "H32.1.1", "S50.1.1", "令和8年11月27日", "2026-11-27", "世帯主", "孫", "男", "不明",
                     "123456789018", "12345678901", "なし", "外国人", "0001000004", "ｶﾀｶﾅ", "𠮷田"]),
    st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


@pytest.fixture(scope="module")
def fuzz_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Registry, Any, dict[str, str]]]:
    data_dir: Path = tmp_path_factory.mktemp("fuzz") / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=Clock())
    actor = registry.sign_in(ADMIN[0], ADMIN[2])
    applied = registry.apply(actor, family())
    ids = {"head": applied.idou.rows[0].row.atena_no, "wife": applied.idou.rows[1].row.atena_no,
           "setai": applied.idou.rows[0].row.setai_no}
    yield registry, actor, ids
    registry.close()


def _templates(ids: dict[str, str]) -> list[dict[str, Any]]:
    return [
        family(),
        {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [ids["wife"]],
         "relationships": {ids["wife"]: "世帯主"}, "address": {"text": "さくら県みどり町東町1番地"}},
        {"reason": "世帯分離", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": [ids["wife"]],
         "relationships": {ids["wife"]: "世帯主"}},
        {"reason": "国内転出", "idou_date": "R8.12.1", "notifier": NOTIFIER, "targets": [ids["head"]],
         "destination": "東京都港区1番"},
        {"reason": "職権修正", "idou_date": "R8.11.27", "set": {ids["head"]: {"name": "山田　太朗"}}},
        {"reason": "出生", "idou_date": "R8.11.1", "household": ids["setai"],
         "persons": [{"name": "山田　三郎", "name_kana": "ヤマダ　サブロウ", "sex": "男", "relationship": "子",
                      "honseki": "不明"}]},
    ]


def _mutate(value: Any, path: list[Any], replacement: Any) -> Any:
    if not path:
        return replacement
    key, rest = path[0], path[1:]
    if isinstance(value, dict):
        copy = dict(value)
        if rest or replacement is not _DROP:
            copy[key] = _mutate(value.get(key), rest, replacement)
        else:
            copy.pop(key, None)
        return copy
    if isinstance(value, list) and value:
        copy = list(value)
        copy[key % len(copy)] = _mutate(copy[key % len(copy)], rest, replacement)
        return copy
    return replacement


_DROP = object()


def _paths(value: Any, prefix: list[Any]) -> list[list[Any]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, [*prefix, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, [*prefix, index])
    return found


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutation_is_recorded_or_refused_with_an_item(fuzz_registry: tuple[Registry, Any, dict[str, str]],
                                                          data: st.DataObject) -> None:
    registry, actor, ids = fuzz_registry
    template = data.draw(st.sampled_from(_templates(ids)))
    request = template
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(request, [])[1:]))
        replacement = data.draw(st.one_of(JUNK, st.just(_DROP)))
        request = _mutate(request, path, replacement)
    before = (registry.store.conn.execute("SELECT count(*) FROM revs").fetchone(), derived.snapshot(registry.store.conn))
    try:
        registry.apply(actor, request)
    except ValidationError as exc:
        assert exc.item and exc.message
        after = (registry.store.conn.execute("SELECT count(*) FROM revs").fetchone(), derived.snapshot(registry.store.conn))
        assert after == before
