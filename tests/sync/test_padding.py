"""What the size of an envelope says: nothing of its kind, nor of how many persons a 異動 holds. The sealed content
(compressed body after a line of metadata) is padded to a power of two of at least 1 KiB."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from local_store import documents
from local_store.registry import Registry
from local_store.replication import Arrival
from local_store.staff import Staff
from sync.envelope import Sealer
from sync.opening import Opener, open_all
from tests.support.builders import family, person, tennyu


def _envelope(registry: Registry, doc_id: str) -> dict[str, Any]:
    doc = registry.replication.document(doc_id)
    assert doc is not None
    return Sealer(*registry.replication.sealing()).seal(doc, None)


def _size(envelope: dict[str, Any]) -> int:
    return len(base64.b64decode(envelope["x"]))


def test_a_one_person_and_a_three_person_idou_seal_to_the_same_size(registry: Registry, admin: Staff) -> None:
    one = registry.apply(admin, tennyu(person("鈴木　一", "スズキ　ハジメ", "S60.1.1", "男", "世帯主")))
    three = family()
    three["persons"] = three["persons"][:3]
    three_doc = registry.apply(admin, three)
    assert len(three_doc.idou.rows) == 3 and len(one.idou.rows) == 1
    small, large = _envelope(registry, one.doc_id), _envelope(registry, three_doc.doc_id)
    assert _size(small) == _size(large) == 1024 + 16  # the content and the GCM tag
    assert len(small["x"]) == len(large["x"]) and set(small) == set(large)


def test_every_kind_seals_to_a_power_of_two(registry: Registry, admin: Staff) -> None:
    """A staff event, the settings, a 異動 of many persons: each size a power of two, none smaller than 1 KiB."""
    given = [(k1 + k2, y1 + y2) for k1, y1 in zip("一二三四五", ("イチ", "ニ", "サン", "シ", "ゴ"), strict=True)
             for k2, y2 in zip("郎助平作吉太男夫", ("ロウ", "スケ", "ヘイ", "サク", "キチ", "タ", "オ", "フ"), strict=True)]
    many = tennyu(*(person(f"山田　{name}", f"ヤマダ　{kana}", "S50.1.1", "男", "世帯主" if i == 0 else "子")
                    for i, (name, kana) in enumerate(given)))
    registry.apply(admin, many)
    sizes: dict[str, int] = {}
    for doc_id, doc_class in registry.store.conn.execute("SELECT id, class FROM docs").fetchall():
        content = _size(_envelope(registry, doc_id)) - 16
        assert content >= 1024 and content & (content - 1) == 0, (doc_class, content)
        sizes[doc_class] = max(sizes.get(doc_class, 0), content)
    assert sizes["staff"] == sizes["settings"] == 1024 < sizes["idou"]


def test_a_padded_envelope_opens_to_the_document_and_its_stored_form(registry: Registry, admin: Staff) -> None:
    applied = registry.apply(admin, family())
    doc = registry.replication.document(applied.doc_id)
    assert doc is not None
    sealer = Sealer(*registry.replication.sealing())
    envelope = sealer.seal(doc, None, number=7)
    (here,) = open_all(sealer, [envelope], dt.date(2026, 11, 28))
    with Opener(sealer, dt.date(2026, 11, 28)) as opener:  # and in the second process of a large pull
        opener.use_process().result(timeout=60)
        (there,) = opener.submit([envelope]).result(timeout=60)
    for opened in (here, there):
        assert isinstance(opened, Arrival) and opened.verified
        assert (opened.doc, opened.number, opened.origin) == (doc, 7, registry.terminal_id)
        assert opened.packed == documents.pack(doc.body)
