"""A 加害者 who spells his name otherwise is still the 加害者; names that cannot be compared do not enter; a name that
enters is found by search as it is plainly written. On real replicas, through the facade and the command line.

The 加害者 of the measure are 髙橋　一郎 (タカハシ　イチロウ) and 齋藤　健 (サイトウ　ケン), neither in the registry: he
asks for the 住民票の写し of the 山田 household, where 山田　花子 is protected, as a 第三者 with a 係長's judgment.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from domain.errors import ValidationError
from domain.kofu_rules import CertificateKind, KofuRequest, RequesterKind, request_from
from domain.protection import Offender, OffenderRefused, Process
from domain.roles import Role
from local_store.protection import Judgment
from local_store.registry import Registry
from local_store.staff import Staff
from reports.certificate_pdf import render
from tests.support.builders import ADMIN, NOTIFIER, TOWN, Clock, family, person, tennyu
from tests.support.cli import cli
from tests.support.notices import birth, notice_file, write

OFFENDERS = [Offender("髙橋　一郎", "タカハシ　イチロウ"), Offender("齋藤　健", "サイトウ　ケン")]
# Spellings that can be typed (no control or format character): each was a stranger's name before.
TYPED = ["タカハシ　イチロー", "タカハシ　イチロゥ", "たかはし　いちろう", "ﾀｶﾊｼ ｲﾁﾛｰ", "高橋\u3164一郎", "高橋\u180b一郎",
         "斉藤　健", "齊藤健", "斎藤 健", "サイトー　ケン", "さいとう　けん"]
# Spellings with an invisible format character: refused where they enter, and the 加害者 all the same behind that.
INVISIBLE = ["髙橋\u200b一郎", "高橋\u200c一郎", "高橋\u200d一郎", "高橋\u2060一郎", "\ufeff高橋一郎", "高\u00ad橋一郎",
             "齋藤\u200b健"]


def _measure(registry: Registry, admin: Staff) -> dict[str, Any]:
    atenas = [c.row.atena_no for c in registry.apply(admin, family()).idou.rows]
    registry.staff.add(admin, "chief", "係長 一", Role.SUPERVISOR, "chief-pw")
    registry.staff.add(admin, "clerk", "窓口 一", Role.COUNTER, "clerk-pw")
    chief = registry.sign_in("chief", "chief-pw")
    registry.protection.add(chief, [atenas[1]], [Process.IDOU, Process.KOFU, Process.SHOUKAI], OFFENDERS)
    return {"hanako": atenas[1], "chief": chief, "clerk": registry.sign_in("clerk", "clerk-pw")}


@pytest.fixture
def town(registry: Registry, admin: Staff) -> dict[str, Any]:
    return _measure(registry, admin)


def third_party(atena: str, name: str) -> KofuRequest:
    """A 第三者's request for the household's 住民票の写し, everything a 第三者 states included."""
    return request_from({"kind": CertificateKind.JUMINHYO, "requester": RequesterKind.DAISANSHA, "atena_nos": [atena],
                         "requester_name": name, "requester_address": "東京都港区芝公園1丁目1番1号",
                         "identification": "運転免許証", "reason": "債権の回収", "evidence": "金銭消費貸借契約書",
                         "household": True})


def issue(registry: Registry, town: dict[str, Any], request: KofuRequest) -> Any:
    return registry.kofu.issue(town["clerk"], request, render, judgment=Judgment(town["chief"], "債権者と確認した"))


def test_a_stranger_with_a_judgment_is_issued_the_copy(registry: Registry, town: dict[str, Any]) -> None:
    """What the 加害者 got before: the request of a stranger, answered on a 係長's judgment."""
    assert issue(registry, town, third_party(town["hanako"], "甲野　一郎")).pdfs


@pytest.mark.parametrize("spelling", TYPED)
def test_the_offender_spelled_otherwise_is_refused_even_with_a_judgment(registry: Registry, town: dict[str, Any],
                                                                        spelling: str) -> None:
    with pytest.raises(OffenderRefused) as err:
        issue(registry, town, third_party(town["hanako"], spelling))
    assert "加害者" in err.value.message and "判断による例外はありません" in err.value.message
    assert [e["disposal"] for e in registry.kofu.history(town["chief"], town["hanako"])] == ["拒否"]


@pytest.mark.parametrize("spelling", INVISIBLE)
def test_an_invisible_character_is_refused_at_entry_and_the_offender_behind_it(
        registry: Registry, town: dict[str, Any], spelling: str) -> None:
    with pytest.raises(ValidationError) as err:
        third_party(town["hanako"], spelling)
    assert err.value.item == "請求者の氏名" and "使えない文字（制御文字・書式文字）" in err.value.message
    # A request that reached the check some other way is still his.
    plain = third_party(town["hanako"], "甲野　一郎")
    disguised = replace(plain, requester=replace(plain.requester, name=spelling))
    with pytest.raises(OffenderRefused):
        issue(registry, town, disguised)


def test_names_with_control_or_format_characters_do_not_enter(registry: Registry, admin: Staff, town: dict[str, Any],
                                                              tmp_path: Path) -> None:
    bad = [
        ("氏名", tennyu(person("佐藤\u200b花子", "サトウ　ハナコ", "S60.1.1", "女", "世帯主"))),
        ("氏名フリガナ", tennyu(person("佐藤　花子", "サトウ\u2060ハナコ", "S60.1.1", "女", "世帯主"))),
        ("届出人の氏名", tennyu(person("佐藤　花子", "サトウ　ハナコ", "S60.1.1", "女", "世帯主"),
                           notifier=NOTIFIER | {"name": "佐藤\u202e花子"})),
        ("住所", tennyu(person("佐藤　花子", "サトウ　ハナコ", "S60.1.1", "女", "世帯主"), address="本町\ufeff1番")),
    ]
    for item, request in bad:
        with pytest.raises(ValidationError) as err:
            registry.apply(admin, request)
        assert err.value.item == item and err.value.message.startswith(f"{item}に使えない文字")
    assert not registry.search(admin, "サトウ").ids and not registry.search(admin, "佐藤").ids
    with pytest.raises(ValidationError, match="加害者の氏名に使えない文字"):
        registry.protection.add(town["chief"], [town["hanako"]], [Process.KOFU], [Offender("髙橋\u202e一郎")])
    with pytest.raises(ValidationError, match="加害者のフリガナに使えない文字"):
        registry.protection.add(town["chief"], [town["hanako"]], [Process.KOFU], [Offender("髙橋", "タカハシ\u200b")])
    with pytest.raises(ValidationError, match="氏名に使えない文字"):
        registry.staff.add(admin, "clerk2", "窓口\u200b二", Role.COUNTER, "clerk2-pw")
    with pytest.raises(ValidationError, match="ユーザIDに使えない文字"):
        registry.staff.add(admin, "admin\u200b", "窓口　二", Role.COUNTER, "clerk2-pw")
    notice = birth()
    notice["person"]["parent"]["name"] = "山田\u200b太郎"
    with pytest.raises(ValidationError, match="父母の氏名に使えない文字"):
        registry.notices.import_file(admin, write(tmp_path / "in.json", notice_file(notice)))
    assert registry.notices.inbox(admin) == []


PLAINLY = [
    ("𠮷田　花子", "ヨシダ　ハナコ", ["吉田", "吉田花子", "吉田 花子", "𠮷田", "ヨシダ ハナコ", "よしだ はなこ", "吉田\u200b花子"]),
    ("髙橋　葉子", "タカハシ　ヨウコ", ["高橋", "高橋葉子", "髙橋", "タカハシ ヨーコ", "ﾀｶﾊｼ"]),
    ("辻\U000e0100　次郎", "ツジ　ジロウ", ["辻", "辻次郎", "辻\U000e0101次郎", "ツジ ジロー"]),
    ("齋藤　健", "サイトウ　ケン", ["斉藤", "斎藤健", "齊藤", "齋藤", "サイトー"]),
    ("渡邉　翔", "ワタナベ　ショウ", ["渡辺", "渡邊翔", "渡邉"]),
    ("山本　ﾊﾙｶ", "ﾔﾏﾓﾄ　ﾊﾙｶ", ["山本ハルカ", "山本はるか", "山本ﾊﾙｶ", "ヤマモト ハルカ", "はるか"]),
]


def test_a_name_as_written_is_found_by_its_plain_forms(registry: Registry, admin: Staff) -> None:
    for index, (name, kana, _) in enumerate(PLAINLY):
        registry.apply(admin, tennyu(person(name, kana, f"S5{index}.1.1", "女", "世帯主"),
                                     address=f"さくら県みどり町本町{index + 1}丁目1番"))
    for name, _, queries in PLAINLY:
        for query in queries:
            found = registry.summaries(registry.search(admin, query).ids)
            assert [p.name for p in found] == [name], query


def test_the_command_line_refuses_the_offender_and_invisible_names(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "replica"
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    admin = registry.sign_in(ADMIN[0], ADMIN[2])
    town = _measure(registry, admin)
    registry.staff.add(admin, "chief2", "係長 二", Role.SUPERVISOR, "chief2-pw")  # processes; "chief" judges
    registry.close()

    def certificate(name: str) -> Any:
        return cli(data_dir, "--as", "chief2", "--password-stdin", "certificate", town["hanako"], "--kind", "juminhyo",
                   "--requester", "daisansha", "--requester-name", name,
                   "--requester-address", "東京都港区芝公園1丁目1番1号", "--identification", "運転免許証",
                   "--reason", "債権の回収", "--evidence", "金銭消費貸借契約書", "--household",
                   "--out", str(tmp_path / "c.pdf"), "--judge", "chief", "--judgment-reason", "債権者と確認した",
                   stdin="chief2-pw\nchief-pw\n")

    for spelling in ("斉藤　健", "タカハシ　イチロー"):
        refused = certificate(spelling)
        assert refused.returncode == 2 and "加害者" in refused.stderr, refused.stderr
    hidden = certificate("髙橋\u200b一郎")
    assert hidden.returncode == 2
    assert "入力エラー: 請求者の氏名: 請求者の氏名に使えない文字（制御文字・書式文字）が含まれています（3文字目、U+200B）" in hidden.stderr
    assert not (tmp_path / "c.pdf").exists()
    path = tmp_path / "idou.json"
    path.write_text(json.dumps(tennyu(person("佐藤\u200b花子", "サトウ　ハナコ", "S60.1.1", "女", "世帯主")),
                               ensure_ascii=False), encoding="utf-8")
    entered = cli(data_dir, "--as", "admin", "--password-stdin", "apply", str(path), stdin=f"{ADMIN[2]}\n")
    assert entered.returncode == 2 and "入力エラー: 氏名: 氏名に使えない文字" in entered.stderr
