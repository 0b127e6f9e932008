"""The facade on a real SQLCipher replica: every kind of 異動, its rules, forks, rebuild, rights and the audit chain."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.records import Status
from domain.roles import Role
from local_store import audit, derived
from local_store.errors import PermissionDenied, SignInError
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, NOTIFIER, Clock, family, person, tennyu


def members(registry: Registry, actor: Staff, setai_no: str) -> dict[str, str]:
    """name → 続柄 of a household's residents."""
    ids = registry.store.conn.execute("SELECT atena_no FROM persons WHERE setai_no = ? AND resident = 1", (setai_no,))
    return {registry.person(actor, a).current.name: registry.person(actor, a).current.relationship for (a,) in ids}


def state(registry: Registry) -> tuple[Any, ...]:
    """Everything a 異動 could change: documents, derived tables, leases."""
    conn = registry.store.conn
    return (
        conn.execute("SELECT * FROM revs ORDER BY seq").fetchall(),
        derived.snapshot(conn),
        conn.execute("SELECT * FROM leases ORDER BY id").fetchall(),
    )


@pytest.fixture
def household(registry: Registry, admin: Staff) -> dict[str, str]:
    """The family's 宛名番号 by name, and their 世帯番号 under the key 世帯."""
    applied = registry.apply(admin, family())
    ids = {c.row.name: c.row.atena_no for c in applied.idou.rows}
    ids["世帯"] = applied.idou.rows[0].row.setai_no
    return ids


def test_tennyu_records_every_item(registry: Registry, admin: Staff, household: dict[str, str]) -> None:
    record = registry.person(admin, household["山田　太郎"])
    p = record.current
    assert p.resident_since.iso == "2026-11-20" and p.address_since == p.resident_since
    assert p.notified_on is not None and p.notified_on.iso == "2026-11-25"
    assert p.previous_address == "東京都千代田区千代田1番1号"
    assert [m.relationship for m in record.household] == ["世帯主", "妻", "子", "子"]
    assert [m.name for m in record.household][2:] == ["山田　一郎", "山田　次郎"]  # children by birth date
    assert len(record.history) == 1 and record.history[0].number == 1


def test_numbers_carry_valid_check_digits_and_never_repeat(registry: Registry, admin: Staff) -> None:
    from domain.check_digits import validate_m11

    seen = set()
    for _ in range(5):
        for change in registry.apply(admin, family()).idou.rows:
            validate_m11(change.row.atena_no, "宛名番号")
            validate_m11(change.row.setai_no, "世帯番号")
            assert change.row.atena_no not in seen
            seen.add(change.row.atena_no)


def test_tenkyo_of_whole_household_keeps_the_household(registry: Registry, admin: Staff,
                                                       household: dict[str, str]) -> None:
    targets = [household[n] for n in ("山田　太郎", "山田　花子", "山田　一郎", "山田　次郎")]
    applied = registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                                     "targets": targets, "address": {"text": "さくら県みどり町中町1丁目1番1号"}})
    assert len(applied.idou.rows) == 4 and {c.row.setai_no for c in applied.idou.rows} == {household["世帯"]}
    record = registry.person(admin, household["山田　花子"])
    assert record.current.address.text == "さくら県みどり町中町1丁目1番1号"
    assert record.current.address_since is not None and record.current.address_since.iso == "2026-11-26"
    assert record.current.resident_since.iso == "2026-11-20"
    assert [h.number for h in record.history] == [1, 2] and record.history[1].reason == "転居"


def test_tenkyo_of_part_of_a_household_forms_a_new_one(registry: Registry, admin: Staff,
                                                       household: dict[str, str]) -> None:
    ichiro = household["山田　一郎"]
    applied = registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                                     "targets": [ichiro], "relationships": {ichiro: "世帯主"},
                                     "address": {"text": "さくら県みどり町東町3番地"}})
    new_setai = applied.idou.rows[0].row.setai_no
    assert new_setai != household["世帯"]
    assert members(registry, admin, new_setai) == {"山田　一郎": "世帯主"}
    assert len(members(registry, admin, household["世帯"])) == 3


def test_tenshutsu_may_be_dated_ahead_and_is_found_until_then(registry: Registry, admin: Staff,
                                                              household: dict[str, str]) -> None:
    registry.apply(admin, {"reason": "国内転出", "idou_date": "R8.12.10", "notifier": NOTIFIER,
                           "targets": [household["山田　次郎"]], "destination": "東京都港区芝公園4丁目2番8号"})
    current = registry.person(admin, household["山田　次郎"]).current
    assert current.status is Status.MOVED_OUT
    assert current.removal is not None and current.removal.date.iso == "2026-12-10"
    assert len(registry.search(admin, "ヤマダ ジロウ").ids) == 1  # until the 予定日 he still lives here


def test_death_accepts_an_unknown_date_and_names_the_new_head_in_the_same_idou(
    registry: Registry, admin: Staff, household: dict[str, str]
) -> None:
    hanako, sons = household["山田　花子"], [household["山田　一郎"], household["山田　次郎"]]
    registry.apply(admin, {"reason": "死亡", "idou_date": "令和8年11月下旬", "targets": [household["山田　太郎"]],
                           "relationships": {hanako: "世帯主", sons[0]: "子", sons[1]: "子"}})
    current = registry.person(admin, household["山田　太郎"]).current
    assert current.status is Status.DECEASED and current.removal is not None
    assert current.removal.date.text == "令和8年11月下旬"
    assert members(registry, admin, household["世帯"]) == {"山田　花子": "世帯主", "山田　一郎": "子", "山田　次郎": "子"}


def test_head_change_rewrites_every_relationship_in_one_document(registry: Registry, admin: Staff,
                                                                  household: dict[str, str]) -> None:
    hanako = household["山田　花子"]
    rel = {household["山田　太郎"]: "夫", household["山田　一郎"]: "子", household["山田　次郎"]: "子"}
    applied = registry.apply(admin, {"reason": "世帯主変更", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                                     "targets": [hanako], "relationships": rel})
    assert {c.row.name for c in applied.idou.rows} == {"山田　花子", "山田　太郎"}
    assert members(registry, admin, household["世帯"]) == {
        "山田　花子": "世帯主", "山田　太郎": "夫", "山田　一郎": "子", "山田　次郎": "子"}


def test_split_and_merge_change_all_their_persons_in_one_document(registry: Registry, admin: Staff,
                                                                  household: dict[str, str]) -> None:
    sons = [household["山田　一郎"], household["山田　次郎"]]
    split = registry.apply(admin, {"reason": "世帯分離", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": sons,
                                   "relationships": {sons[0]: "世帯主", sons[1]: "弟"}})
    assert len(split.idou.rows) == 2
    new_setai = split.idou.rows[0].row.setai_no
    assert members(registry, admin, new_setai) == {"山田　一郎": "世帯主", "山田　次郎": "弟"}
    merge = registry.apply(admin, {"reason": "世帯合併", "idou_date": "R8.11.27", "notifier": NOTIFIER,
                                   "household": new_setai, "into_household": household["世帯"],
                                   "relationships": {sons[0]: "子", sons[1]: "子"}})
    assert len(merge.idou.rows) == 2 and {c.row.setai_no for c in merge.idou.rows} == {household["世帯"]}
    assert registry.person(admin, sons[0]).current.relationship == "子"
    assert members(registry, admin, new_setai) == {}
    assert registry.replication.document(merge.doc_id) is not None


def test_merge_is_whole_or_nothing(registry: Registry, admin: Staff, household: dict[str, str]) -> None:
    other = registry.apply(admin, tennyu(person("佐藤　一", "サトウ　ハジメ", "H1.1.8", "男", "世帯主"),
                                         person("佐藤　二", "サトウ　ツギ", "H3.1.8", "女", "妻"),
                                         address="さくら県みどり町本町2丁目3番4号"))
    first = other.idou.rows[0].row.atena_no
    before = state(registry)
    with pytest.raises(ValidationError) as err:  # the second member's 続柄 is missing: nothing may move
        registry.apply(admin, {"reason": "世帯合併", "idou_date": "R8.11.27", "notifier": NOTIFIER,
                               "household": other.idou.rows[0].row.setai_no, "into_household": household["世帯"],
                               "relationships": {first: "同居人"}})
    assert err.value.item == "続柄"
    assert state(registry) == before


def test_birth_joins_the_household_at_its_address(registry: Registry, admin: Staff, household: dict[str, str]) -> None:
    applied = registry.apply(admin, {"reason": "出生", "idou_date": "R8.11.1", "household": household["世帯"],
                                     "persons": [{"name": "山田　三郎", "name_kana": "ヤマダ　サブロウ", "sex": "男",
                                                  "relationship": "子", "honseki": {"place": "さくら県みどり町本町1番地",
                                                                                  "head": "山田　太郎"}}]})
    baby = applied.idou.rows[0].row
    assert baby.birth.iso == "2026-11-01" and baby.resident_since.iso == "2026-11-01"
    assert baby.address.text == "さくら県みどり町本町2丁目3番4号"
    order = [m.name for m in registry.person(admin, baby.atena_no).household]
    assert order[-1] == "山田　三郎"


def test_correction_changes_only_the_named_items(registry: Registry, admin: Staff, household: dict[str, str]) -> None:
    hanako = household["山田　花子"]
    registry.apply(admin, {"reason": "職権修正", "idou_date": "R8.11.27",
                           "set": {hanako: {"name": "山田　華子", "name_kana": "やまだ　はなこ", "former_surname": "鈴木"}}})
    record = registry.person(admin, hanako)
    assert record.current.name == "山田　華子" and record.current.former_surname == "鈴木"
    assert record.current.name_kana == "ヤマダ ハナコ"  # hiragana as typed is held in katakana
    assert record.history[0].row.name == "山田　花子"  # the earlier row is kept, not overwritten
    assert registry.search(admin, "華子").ids and registry.search(admin, "鈴木").ids


BAD_REQUESTS: list[tuple[str, dict[str, Any]]] = [
    ("異動事由", {"reason": "引越し"}),
    ("異動日", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主"), date="R8.12.1")),
    ("異動日", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主"), date="R8.2.30")),
    ("異動日", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主"), date="H32.1.1")),
    ("届出日", dict(tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主")), notified_on="R8.11.28")),
    ("届出日", dict(tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主")), notified_on="R8.11.19")),
    ("届出人", {k: v for k, v in tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主")).items() if k != "notifier"}),
    ("生年月日", tennyu(person("甲", "コウ", "X1.1.1", "男", "世帯主"))),
    ("生年月日", tennyu(person("甲", "コウ", "R8.11.26", "男", "世帯主"))),
    ("続柄", tennyu(person("甲", "コウ", "S50.1.1", "男", "孫"))),
    ("続柄", tennyu(person("甲", "コウ", "S50.1.1", "男", "子の子の子の子の子"))),
    ("続柄", tennyu(person("甲", "コウ", "S50.1.1", "男", "妻"))),
    ("続柄", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主"), person("乙", "オツ", "S50.1.1", "女", "世帯主"))),
    ("性別", tennyu(person("甲", "コウ", "S50.1.1", "不明", "世帯主"))),
    ("個人番号", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主", mynumber="123456789016"))),
    ("住民票コード", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主", juminhyo_code="12345"))),
    ("氏名フリガナ", tennyu(person("甲", "Kou", "S50.1.1", "男", "世帯主"))),
    ("氏名", tennyu(person("", "コウ", "S50.1.1", "男", "世帯主"))),
    ("本籍・筆頭者", tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主", honseki=None))),
    ("住所", {**tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主")), "address": {"text": ""}}),
    ("転入前住所", {k: v for k, v in tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主")).items()
                if k != "previous_address"}),
    ("在留カード等の番号", tennyu(person("グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人",
                                  honseki=None, foreign={"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム",
                                                         "category": "中長期在留者", "became_resident": "2026-11-20",
                                                         "residence_status": "技能実習", "period": "3年",
                                                         "period_expiry": "2029-11-19", "card_number": "12345"}))),
    ("異動の内容", {**tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主")), "colour": "blue"}),
    ("異動の内容", ["not", "an", "object"]),  # type: ignore[list-item]
    ("宛名番号", {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER, "targets": ["0000000000"],
              "address": {"text": "どこか"}}),
]


@pytest.mark.parametrize(("item", "request_body"), BAD_REQUESTS, ids=[f"{i}-{b}" for i, (b, _) in enumerate(BAD_REQUESTS)])
def test_bad_input_names_the_item_and_changes_nothing(registry: Registry, admin: Staff, household: dict[str, str],
                                                      item: str, request_body: dict[str, Any]) -> None:
    before = state(registry)
    with pytest.raises(ValidationError) as err:
        registry.apply(admin, request_body)
    assert err.value.item == item, err.value
    assert err.value.message
    assert state(registry) == before


def test_counter_staff_cannot_rebuild_and_wrong_passwords_are_refused(registry: Registry, admin: Staff) -> None:
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-password")
    with pytest.raises(SignInError):
        registry.sign_in("clerk", "wrong")
    clerk = registry.sign_in("clerk", "clerk-password")
    with pytest.raises(PermissionDenied):
        registry.residents.rebuild(clerk)
    with pytest.raises(PermissionDenied):
        registry.staff.add(clerk, "x", "x", Role.ADMIN, "x")


def test_rebuild_gives_the_same_derived_tables(registry: Registry, admin: Staff, household: dict[str, str]) -> None:
    registry.apply(admin, {"reason": "転居", "idou_date": "R8.11.26", "notifier": NOTIFIER,
                           "targets": [household["山田　一郎"]], "relationships": {household["山田　一郎"]: "世帯主"},
                           "address": {"text": "さくら県みどり町東町3番地"}})
    before = derived.snapshot(registry.store.conn)
    assert registry.residents.rebuild(admin) == 4
    assert derived.snapshot(registry.store.conn) == before


def test_two_idou_on_one_parent_are_both_kept_and_flagged_until_resolved(
    registry: Registry, admin: Staff, household: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    """Two terminals change the same person while offline; exchanging documents gives a fork to review."""
    registry.close()
    other_dir = tmp_path / "other-terminal"
    shutil.copytree(data_dir, other_dir)
    here, there = Registry.open(data_dir, clock=Clock()), Registry.open(other_dir, clock=Clock())
    me, you = here.sign_in(*ADMIN[::2]), there.sign_in(*ADMIN[::2])
    hanako = household["山田　花子"]
    mine = here.apply(me, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"remarks": "こちら"}}})
    theirs = there.apply(you, {"reason": "職権修正", "idou_date": "R8.11.27", "set": {hanako: {"former_surname": "佐藤"}}})
    arrived = there.replication.document(theirs.doc_id)
    assert arrived is not None
    here.replication.ingest(arrived)
    here.replication.ingest(arrived)  # applying a change twice is harmless
    record = here.person(me, hanako)
    assert record.forked and set(record.tips) == {mine.doc_id, theirs.doc_id}
    assert here.residents.counts()["forked"] == 1
    assert here.search(me, "ヤマダ ハナコ").ids and here.summaries(here.search(me, "ヤマダ ハナコ").ids)[0].forked
    with pytest.raises(ValidationError) as err:  # nothing else may be done to a forked person
        here.apply(me, {"reason": "転居", "idou_date": "R8.11.27", "notifier": NOTIFIER, "targets": [hanako],
                        "relationships": {hanako: "世帯主"}, "address": {"text": "さくら県みどり町東町1番地"}})
    assert err.value.item == "要確認"
    here.staff.add(me, "clerk", "窓口", Role.COUNTER, "clerk-password")
    clerk = here.sign_in("clerk", "clerk-password")
    resolve = {"reason": "職権修正", "idou_date": "R8.11.27", "parents": {hanako: [mine.doc_id, theirs.doc_id]},
               "set": {hanako: {"remarks": "こちら", "former_surname": "佐藤"}}}
    with pytest.raises(PermissionDenied):
        here.apply(clerk, resolve)
    here.apply(me, resolve)
    record = here.person(me, hanako)
    assert not record.forked and record.current.former_surname == "佐藤" and record.current.remarks == "こちら"
    assert [h.number for h in record.history] == [1, 2, 3, 4]
    before = derived.snapshot(here.store.conn)
    here.residents.rebuild(me)
    assert derived.snapshot(here.store.conn) == before
    here.close()
    there.close()


def test_arrivals_are_checked_before_they_are_stored(registry: Registry, admin: Staff, household: dict[str, str]) -> None:
    from local_store.documents import Document
    from local_store.errors import StoreError

    applied = registry.apply(admin, family())
    genuine = registry.replication.document(applied.doc_id)
    assert genuine is not None
    forged = Document("f" * 32, genuine.rev, genuine.doc_class, {**genuine.body, "rows": [
        {"parents": [], "row": {**genuine.body["rows"][0]["row"], "relationship": "祖父"}}]})
    with pytest.raises(StoreError):
        registry.replication.ingest(forged)
    tampered = Document("e" * 32, genuine.rev, genuine.doc_class, {**genuine.body, "note": "changed"})
    with pytest.raises(StoreError):
        registry.replication.ingest(tampered)
    assert registry.replication.document("f" * 32) is None and registry.replication.document("e" * 32) is None


def test_every_search_view_and_change_is_in_an_unbroken_audit_chain(registry: Registry, admin: Staff,
                                                                     household: dict[str, str]) -> None:
    registry.search(admin, "ヤマダ")
    registry.search(admin, "123456789018", mynumber=True)
    registry.person(admin, household["山田　太郎"])
    with pytest.raises(ValidationError):
        registry.apply(admin, {"reason": "引越し"})
    registry.close()
    reopened = Registry.open(registry.data_dir, clock=Clock())
    actions = [r[0] for r in reopened.store.conn.execute("SELECT action FROM audit ORDER BY seq")]
    for action in ("サインイン", "異動", "検索", "個人番号検索", "照会", "異動拒否"):
        assert action in actions
    assert audit.verify(reopened.store.conn, reopened.audit.chain, reopened.store.audit.anchor).whole
    conn = reopened.store.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET detail = 'edited' WHERE seq = 3")
    assert any("3 番の記録が書き換えられて" in p
               for p in audit.verify(conn, reopened.audit.chain, reopened.store.audit.anchor).tampered)
    reopened.close()


def test_the_spec_s_non_calendar_and_unknown_birth_dates_are_kept_as_written(registry: Registry, admin: Staff) -> None:
    applied = registry.apply(admin, tennyu(
        person("古川　一", "フルカワ　ハジメ", "H11.2.29", "男", "世帯主"),  # 1999 was not a leap year: as in the 戸籍
        person("古川　ウメ", "フルカワ　ウメ", "明治45年7月30日", "女", "母"),
        person("古川　某", "フルカワ　ナニガシ", "昭和20年頃", "男", "兄"),
    ))
    rows = {c.row.name: c.row for c in applied.idou.rows}
    assert rows["古川　一"].birth.iso == "1999-02-29" and not rows["古川　一"].birth.is_calendar
    assert rows["古川　ウメ"].birth.iso == "1912-07-30"
    assert rows["古川　某"].birth.text == "昭和20年頃" and rows["古川　某"].birth.iso == "1945-01-01"
    shown = registry.summaries(registry.search(admin, "フルカワ").ids)
    assert {s.name: s.birth for s in shown} == {
        "古川　一": "平成11年2月29日", "古川　ウメ": "大正元年7月30日", "古川　某": "昭和20年頃"}
    with pytest.raises(ValidationError) as err:  # the 異動日 is a calendar date
        registry.apply(admin, tennyu(person("甲", "コウ", "S50.1.1", "男", "世帯主"), date="R8.2.29"))
    assert err.value.item == "異動日"


def test_foreign_residents_dates_are_shown_in_seireki(registry: Registry, admin: Staff) -> None:
    registry.apply(admin, tennyu(person(
        "グエン　ヴァン　アン", "グエン　ヴァン　アン", "1990-01-01", "男", "世帯主", kind="外国人", honseki=None,
        foreign={"alphabet_name": "NGUYEN VAN AN", "nationality": "ベトナム", "category": "中長期在留者",
                 "became_resident": "2026-11-20", "residence_status": "技能実習", "period": "3年",
                 "period_expiry": "2029-11-19", "card_number": "AB12345678CD"})))
    (summary,) = registry.summaries(registry.search(admin, "nguyen").ids)
    assert summary.birth == "1990年1月1日"
    assert registry.search(admin, "グエン").ids == registry.search(admin, "nguyen van").ids


def test_a_search_narrowed_to_one_resident_kind(registry: Registry, admin: Staff) -> None:
    registry.apply(admin, family())
    registry.apply(admin, tennyu(person("ヤマダ　ジョン", "ヤマダ　ジョン", "1990-01-01", "男", "世帯主", kind="外国人",
                                        honseki=None, foreign={"alphabet_name": "YAMADA JOHN", "nationality": "米国",
                                                               "category": "中長期在留者", "became_resident": "2026-11-20",
                                                               "residence_status": "技術・人文知識・国際業務",
                                                               "period": "3年", "period_expiry": "2029-11-19",
                                                               "card_number": "AB12345678CD"}),
                                 address="さくら県みどり町中町5番地"))
    every = registry.search(admin, "ヤマダ")
    foreign = registry.search(admin, "ヤマダ", resident_kind="外国人")
    japanese = registry.search(admin, "ヤマダ", resident_kind="日本人")
    assert len(every.ids) == 5 and len(foreign.ids) == 1 and len(japanese.ids) == 4
    assert [s.name for s in registry.summaries(foreign.ids)] == ["ヤマダ　ジョン"]
    with pytest.raises(ValidationError):
        registry.search(admin, "ヤマダ", resident_kind="宇宙人")
