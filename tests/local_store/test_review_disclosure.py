"""The review's lists of persons (要確認: forks; 番号重複; 同一人の疑い) pass the one disclosure check like every list of
persons: a protected person's row is left out for 窓口, shown to 係長 and above and named in the audit entry of the
list."""

from __future__ import annotations

import shutil
from pathlib import Path

from local_store.audit import Filter
from local_store.registry import Registry
from local_store.review_service import DUPLICATES_LISTED, FORKS_LISTED, SAME_PERSONS_LISTED
from local_store.staff import Staff
from tests.local_store.test_restore_numbers import creation_under
from tests.support.builders import ADMIN, Clock, person, tennyu
from tests.support.protected import protected_town


def _listed(registry: Registry, reader: Staff, action: str) -> list[tuple[str, str]]:
    """(staff, detail) of the audit entries of a list."""
    registry.audit.flush()
    return [(e.staff, e.detail) for e in registry.audit.entries(reader, Filter()) if e.action == action]


def _fork(here: Registry, there: Registry, atena_nos: list[str]) -> None:
    """A 職権修正 of each person on both terminals while apart, the other's arriving here: a fork of each."""
    me, you = here.sign_in(ADMIN[0], ADMIN[2]), there.sign_in(ADMIN[0], ADMIN[2])
    for atena_no in atena_nos:
        here.apply(me, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {atena_no: {"remarks": "こちら"}}})
        theirs = there.apply(you, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {atena_no: {"remarks": "あちら"}}})
        arrived = there.replication.document(theirs.doc_id)
        assert arrived is not None
        here.replication.ingest(arrived)


def test_a_protected_person_s_fork_is_left_out_for_the_counter_and_named_for_a_supervisor(
        registry: Registry, admin: Staff, data_dir: Path, tmp_path: Path) -> None:
    town = protected_town(registry, admin)
    hanako, sato = town.hanako.atena_no, town.sato.atena_no
    registry.close()
    shutil.copytree(data_dir, tmp_path / "other-terminal")
    here, there = Registry.open(data_dir, clock=Clock()), Registry.open(tmp_path / "other-terminal", clock=Clock())
    try:
        _fork(here, there, [hanako, sato])
        clerk, chief = here.sign_in("clerk", "clerk-pw"), here.sign_in("chief", "chief-pw")
        assert [f.atena_no for f in here.review.forked_persons(clerk)] == [sato]
        assert sorted(f.atena_no for f in here.review.forked_persons(chief)) == sorted([hanako, sato])
        assert here.review.fork_count() == 2  # the status bar's count names nobody
        (by_clerk, withheld), (by_chief, shown) = _listed(here, chief, FORKS_LISTED)
        assert (by_clerk, by_chief) == ("clerk", "chief")
        assert "支援措置対象者の1件を除外" in withheld and hanako not in withheld
        assert f"支援措置対象者 {hanako} 係長以上に表示" in shown
    finally:
        here.close()
        there.close()


def test_a_protected_person_recorded_twice_is_left_out_for_the_counter_and_named_for_a_supervisor(
        registry: Registry, admin: Staff) -> None:
    town = protected_town(registry, admin)
    hanako, ichiro, sato = town.hanako.atena_no, town.ichiro.atena_no, town.sato.atena_no
    # 同一人の疑い: she entered again, as on another terminal. 番号重複: a damaged terminal's copy of the 異動 that
    # recorded her and her son, each under their number again (so he is also twice the same person), and another
    # person under 佐藤's number.
    again = registry.apply(admin, tennyu(person("乙川　花子", "オツカワ　ハナコ", "S52.3.3", "女", "世帯主"),
                                         address="さくら県みどり町中町1番地")).idou.rows[0].row.atena_no
    registry.replication.ingest(creation_under(registry, hanako, "丙野　次郎", "ヘイノ　ジロウ", "1991-05-05"))
    registry.replication.ingest(creation_under(registry, sato, "田中　花子", "タナカ　ハナコ", "1990-04-01"))
    clerk, chief = registry.sign_in("clerk", "clerk-pw"), registry.sign_in("chief", "chief-pw")
    assert registry.review.same_persons(clerk) == []
    assert sorted(sorted(p.key for p in pair.persons) for pair in registry.review.same_persons(chief)) == [
        sorted([hanako, again]), [ichiro, f"{ichiro}#2"]]
    assert [d.atena_no for d in registry.review.duplicate_numbers(clerk)] == [sato]
    assert sorted(d.atena_no for d in registry.review.duplicate_numbers(chief)) == sorted([hanako, ichiro, sato])
    for action in (SAME_PERSONS_LISTED, DUPLICATES_LISTED):
        (by_clerk, withheld), (by_chief, shown) = _listed(registry, chief, action)
        assert (by_clerk, by_chief) == ("clerk", "chief")
        assert "支援措置対象者の2件を除外" in withheld and hanako not in withheld
        assert f"支援措置対象者 {','.join(sorted([hanako, ichiro]))} 係長以上に表示" in shown
