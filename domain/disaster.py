"""被災者台帳 and 罹災証明書 (災害対策基本法 第90条の2, 第90条の3): damage assessments of dwellings, pure.

An assessment (住家の被害認定調査) records one dwelling of a registry household: 被災住家の所在地, 罹災原因, the
住家の被害の程度 in the six classes of the unified form (府政防第737号, with 中規模半壊 since 2020), 調査日,
追加記載事項 and 調査者. Assessments are create-only events. A dwelling is one household's place hit by one cause;
a later 再調査 of it names the assessments it replaces (`supersedes`). Two terminals that survey the same dwelling
without seeing each other's record both keep theirs: the dwelling is flagged for review, the more severe class is
shown meanwhile (the household's support is not cut by a record that may be wrong), and no 罹災証明書 is issued for
it until a 再調査 that names both settles it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from domain.address_book import Chouaza, match
from domain.certificate_items import Signatory
from domain.csv_text import Cell, csv_text
from domain.errors import ValidationError
from domain.kofu_rules import KofuRefused, Requester, RequesterKind
from domain.population import area_of
from domain.records import Person
from domain.wareki import format_wareki, parse_date


class RisaiKind(StrEnum):
    """The kind of certificate a 罹災証明書 request is, as the 交付履歴, the 日計 and the disclosure check name it."""

    RISAI = "罹災証明書"


RISAI_KIND = RisaiKind.RISAI.value  # the kind of its 交付 in the 交付履歴 (fee 0)
RISAI_FEE = 0
# Who may ask for a household's 罹災証明書: the 被災者 themselves (a member of the household), their 代理人, or an
# office (公用); a 第三者 may not.
RISAI_REQUESTERS = (RequesterKind.HONNIN, RequesterKind.DAIRININ, RequesterKind.KOUYOU)
ATTESTATION = "上記のとおり相違ないことを証明します。"
MAX_PLACE, MAX_CAUSE, MAX_NOTE, MAX_NOTE_LINES, MAX_SURVEYOR = 80, 60, 240, 4, 40
_SETAI_NO = re.compile(r"^\d{10}$")


class Damage(StrEnum):
    """住家の被害の程度, most severe first (損害割合: 50%以上, 40%台, 30%台, 20%台, 10%台, 10%未満)."""

    ZENKAI = "全壊"
    DAIKIBO = "大規模半壊"
    CHUKIBO = "中規模半壊"
    HANKAI = "半壊"
    JUNHANKAI = "準半壊"
    ICHIBU = "準半壊に至らない（一部損壊）"

    @property
    def severity(self) -> int:
        """0 for 全壊 up to 5 for 一部損壊: lower is more severe."""
        return list(Damage).index(self)


_DAMAGE_ALIASES = {"一部損壊": Damage.ICHIBU, "準半壊に至らない": Damage.ICHIBU}


def parse_damage(text: str) -> Damage:
    """A class by its name (「一部損壊」 and half-width brackets accepted); ValidationError otherwise."""
    key = unicodedata.normalize("NFKC", text).strip().replace("(", "（").replace(")", "）")
    for damage in Damage:
        if key == damage.value:
            return damage
    if key in _DAMAGE_ALIASES:
        return _DAMAGE_ALIASES[key]
    raise ValidationError("住家の被害の程度", "全壊・大規模半壊・中規模半壊・半壊・準半壊・準半壊に至らない（一部損壊）の"
                                        "いずれかを選んでください")


def dwelling_key(setai_no: str, place: str, cause: str) -> tuple[str, str, str]:
    """What makes two assessments the same dwelling: the household, the place and the cause, with width and spacing
    differences ignored."""
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())
    return setai_no, norm(place), norm(cause)


@dataclass(frozen=True, slots=True)
class Assessment:
    setai_no: str  # 世帯番号 of the registry household
    place: str  # 被災住家の所在地
    cause: str  # 罹災原因, e.g. 「令和8年11月27日の地震」
    damage: Damage  # 住家の被害の程度
    surveyed_on: dt.date  # 調査日
    note: str  # 追加記載事項 (may be empty)
    surveyor: str  # 調査者
    staff: str  # who recorded it (user id)
    terminal: str
    recorded_at: str  # ISO date and time
    head_name: str  # 世帯主氏名 and 住所 when recorded (the certificate prefers the registry's current ones)
    head_address: str
    supersedes: tuple[str, ...] = ()  # the earlier assessments of this dwelling that this 再調査 replaces

    @property
    def key(self) -> tuple[str, str, str]:
        return dwelling_key(self.setai_no, self.place, self.cause)

    def to_json(self) -> dict[str, Any]:
        return {"setai_no": self.setai_no, "place": self.place, "cause": self.cause, "damage": self.damage.value,
                "surveyed_on": self.surveyed_on.isoformat(), "note": self.note, "surveyor": self.surveyor,
                "staff": self.staff, "terminal": self.terminal, "recorded_at": self.recorded_at,
                "head": {"name": self.head_name, "address": self.head_address},
                "supersedes": list(self.supersedes)}

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> Assessment:
        """Raises KeyError, TypeError or ValueError when the body is malformed."""
        supersedes = body["supersedes"]
        if not isinstance(supersedes, list) or not all(isinstance(s, str) for s in supersedes):
            raise TypeError("supersedes")
        texts = [body[k] for k in ("setai_no", "place", "cause", "note", "surveyor", "staff", "terminal",
                                   "recorded_at")] + [body["head"]["name"], body["head"]["address"]]
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("text")
        return cls(body["setai_no"], body["place"], body["cause"], Damage(body["damage"]),
                   dt.date.fromisoformat(body["surveyed_on"]), body["note"], body["surveyor"], body["staff"],
                   body["terminal"], body["recorded_at"], body["head"]["name"], body["head"]["address"],
                   tuple(supersedes))


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    """What staff enter; `plan_assessment` checks it and fills the defaults."""

    setai_no: str
    damage: str
    cause: str
    place: str = ""  # empty: the household's address
    surveyed_on: str = ""  # 和暦 or 西暦; empty: today
    note: str = ""
    surveyor: str = ""  # empty: the staff member recording it


@dataclass(frozen=True, slots=True)
class Household:
    """The registry household as the assessment needs it."""

    setai_no: str
    head_name: str
    address: str  # the household's 住所 with its 方書
    members: int


@dataclass(frozen=True, slots=True)
class Recorder:
    staff: str
    display_name: str
    terminal: str
    now: dt.datetime


def _text(value: str, item: str, limit: int, *, required: bool = True, lines: int = 1) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError(item, f"{item}を入力してください")
    if len(text) > limit:
        raise ValidationError(item, f"{item}は{limit}文字以内で入力してください（{len(text)}文字）")
    if text.count("\n") >= lines:
        raise ValidationError(item, f"{item}は{lines}行以内で入力してください" if lines > 1 else f"{item}に改行は入れられません")
    if any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text):
        raise ValidationError(item, f"{item}に制御文字は使えません")
    return text


def check_setai_no(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip()
    if not _SETAI_NO.match(text):
        raise ValidationError("世帯番号", "世帯番号は10桁の数字で入力してください")
    return text


def plan_assessment(entry: AssessmentInput, household: Household, by: Recorder,
                    supersedes: Sequence[str]) -> Assessment:
    """The assessment to record, or ValidationError naming the item. `supersedes`: the current assessments of the
    same dwelling (a 再調査 replaces them all)."""
    damage = parse_damage(entry.damage)
    cause = _text(entry.cause, "罹災原因", MAX_CAUSE)
    place = _text(entry.place, "被災住家の所在地", MAX_PLACE, required=False) or household.address
    if not place:
        raise ValidationError("被災住家の所在地", "被災住家の所在地を入力してください")
    today = by.now.date()
    surveyed = parse_date(entry.surveyed_on, item="調査日").to_date() if entry.surveyed_on.strip() else today
    if surveyed > today:
        raise ValidationError("調査日", "調査日に未来の日付は入力できません")
    note = _text(entry.note.replace("\r\n", "\n"), "追加記載事項", MAX_NOTE, required=False, lines=MAX_NOTE_LINES)
    surveyor = _text(entry.surveyor, "調査者", MAX_SURVEYOR, required=False) or by.display_name
    return Assessment(household.setai_no, place, cause, damage, surveyed, note, surveyor, by.staff, by.terminal,
                      by.now.isoformat(timespec="milliseconds"), household.head_name, household.address,
                      tuple(supersedes))


def problem(body: Any, today: dt.date) -> str | None:
    """Why an arriving assessment is malformed or invalid, in plain words; None when it passes."""
    try:
        found = Assessment.from_json(body)
    except (KeyError, TypeError, ValueError) as exc:
        return f"a malformed 被害認定: {type(exc).__name__}"
    if not _SETAI_NO.match(found.setai_no):
        return "a 被害認定 without a 世帯番号"
    if not found.place.strip() or not found.cause.strip() or not found.surveyor.strip():
        return "a 被害認定 without its 所在地, 罹災原因 or 調査者"
    if found.surveyed_on > today + dt.timedelta(days=1):  # a day's leeway for terminals' clocks
        return "a 被害認定 surveyed in the future"
    return None


@dataclass(frozen=True, slots=True)
class Dwelling:
    """One dwelling of the 台帳: its assessment in force, and any concurrent ones."""

    shown: tuple[str, Assessment]  # (document id, assessment) in force; of concurrent ones, the more severe
    concurrent: tuple[tuple[str, Assessment], ...] = ()  # the other tips, while flagged
    history: int = 1  # how many assessments of this dwelling there are, 再調査 included

    @property
    def flagged(self) -> bool:
        return bool(self.concurrent)

    @property
    def doc_id(self) -> str:
        return self.shown[0]

    @property
    def assessment(self) -> Assessment:
        return self.shown[1]

    @property
    def tips(self) -> tuple[str, ...]:
        return (self.shown[0], *(d for d, _ in self.concurrent))


def _by_rank(items: Iterable[tuple[str, Assessment]]) -> list[tuple[str, Assessment]]:
    """The most severe first; of equal classes, the latest recorded first."""
    latest_first = sorted(items, key=lambda m: (m[1].recorded_at, m[0]), reverse=True)
    return sorted(latest_first, key=lambda m: m[1].damage.severity)


def dwellings(assessments: Iterable[tuple[str, Assessment]]) -> list[Dwelling]:
    """The 台帳's dwellings from every assessment (id, assessment): the tips of each dwelling are those no other
    assessment of it supersedes. Ordered by 世帯番号, then 所在地."""
    groups: dict[tuple[str, str, str], list[tuple[str, Assessment]]] = {}
    for item in assessments:
        groups.setdefault(item[1].key, []).append(item)
    found = []
    for key in sorted(groups):
        members = groups[key]
        replaced = {s for _, a in members for s in a.supersedes}
        tips = _by_rank(m for m in members if m[0] not in replaced)
        found.append(Dwelling(tips[0], tuple(tips[1:]), len(members)))
    return found


def tips_of(assessments: Iterable[tuple[str, Assessment]], key: tuple[str, str, str]) -> list[str]:
    """The current assessments of one dwelling (what a 再調査 of it supersedes)."""
    members = [m for m in assessments if m[1].key == key]
    replaced = {s for _, a in members for s in a.supersedes}
    return sorted(d for d, _ in members if d not in replaced)


def chouaza_of(place: str, prefix: str, book: Sequence[Chouaza]) -> str:
    """The 町字 of a place in the town: from the 住所辞書 when there is one, else read from the address."""
    if book:
        entry = match(book, prefix, place)
        if entry is not None:
            return entry.name
    return area_of(place, prefix)


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    """The 台帳's filters; empty means any."""

    damage: Damage | None = None
    chouaza: str = ""
    cause: str = ""  # a part of the 罹災原因
    flagged_only: bool = False
    setai_no: str = ""  # one household's dwellings (a look-up rather than a list)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    dwelling: Dwelling
    chouaza: str
    head_name: str  # 世帯主 now (or when recorded, if the household is gone)
    head_address: str
    members: int  # 世帯人員 now (0 if the household is gone)
    issued: tuple[str, ...] = field(default=())  # 整理番号 of the 罹災証明書 issued for the assessment shown
    persons: tuple[tuple[str, str], ...] = field(default=())  # (宛名番号, 氏名) of the household's members now


def keep(line: LedgerLine, wanted: LedgerFilter) -> bool:
    a = line.dwelling.assessment
    cause = "".join(unicodedata.normalize("NFKC", wanted.cause).split())
    return ((wanted.damage is None or a.damage is wanted.damage)
            and (not wanted.chouaza or line.chouaza == wanted.chouaza)
            and (not cause or cause in "".join(unicodedata.normalize("NFKC", a.cause).split()))
            and (not wanted.flagged_only or line.dwelling.flagged)
            and (not wanted.setai_no or a.setai_no == wanted.setai_no))


def ledger_csv(lines: Iterable[LedgerLine]) -> str:
    """The 台帳 as CSV text (`domain.csv_text`; the caller writes it as UTF-8 with a BOM, for spreadsheet programs)."""
    return csv_text([CSV_HEADER, *(csv_row(line) for line in lines)])


CSV_HEADER = ("世帯番号", "世帯主氏名", "世帯主住所", "世帯人員", "被災住家の所在地", "町字", "罹災原因",
              "住家の被害の程度", "調査日", "調査者", "追加記載事項", "記録日時", "記録端末", "要確認", "罹災証明書の整理番号")


def csv_row(line: LedgerLine) -> list[Cell]:
    a = line.dwelling.assessment
    review = ""
    if line.dwelling.flagged:
        others = "・".join(o.damage.value for _, o in line.dwelling.concurrent)
        review = f"同時に記録された調査あり（{others}）"
    return [a.setai_no, line.head_name, line.head_address, line.members, a.place, line.chouaza, a.cause,
            a.damage.value, a.surveyed_on.isoformat(), a.surveyor, a.note.replace("\n", " "), a.recorded_at[:16],
            a.terminal, review, " ".join(line.issued)]


@dataclass(frozen=True, slots=True)
class RisaiRequest:
    """A request for the 罹災証明書 of an assessment: who asks, as the 交付 of every certificate records it and the
    disclosure check reads it (`kind`, `requester`)."""

    assessment_id: str
    requester: Requester
    kind: RisaiKind = RisaiKind.RISAI

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "assessment": self.assessment_id, "requester": self.requester.to_json()}


def vouched(requester: Requester, household: Sequence[Person]) -> Requester:
    """The requester of a household's 罹災証明書 as the registry vouches for them, or KofuRefused naming what is wrong.

    A 本人等 is a member of the household and a 代理人's 委任者 one too, named by 宛名番号: their names are the
    registry's, never as typed. A 代理人 states their name and shows the 委任状; an office (公用) states its name."""
    members = {p.atena_no: p for p in household}
    if requester.kind not in RISAI_REQUESTERS:
        raise KofuRefused(f"罹災証明書は{requester.kind.value}の請求には交付しません"
                          "（被災した世帯の本人等・代理人・公用の請求にだけ交付します）")
    if not requester.identification.strip():
        raise KofuRefused("本人確認の方法を入力してください")
    if requester.kind is RequesterKind.HONNIN:
        if requester.atena_no not in members:
            raise KofuRefused("本人等の請求では、請求者を被災した世帯の人から選んでください（宛名番号）")
        return replace(requester, name=members[requester.atena_no].name)
    if not requester.name.strip():
        raise KofuRefused("請求者の氏名（公用は機関名）を入力してください")
    if requester.kind is RequesterKind.DAIRININ:
        if not requester.proxy_letter.strip():
            raise KofuRefused("代理人による請求には委任状が必要です")
        if requester.principal_atena not in members:
            raise KofuRefused("代理人の請求では、委任者を被災した世帯の人から選んでください（宛名番号）")
        return replace(requester, principal_name=members[requester.principal_atena].name)
    return requester


@dataclass(frozen=True, slots=True)
class RisaiCertificate:
    """What the 罹災証明書 of the unified form prints, as plain strings (the form only places them)."""

    number: str  # 整理番号
    issue_number: str  # 発行番号 of the copy (with the signed QR code, for `verify`)
    head_address: str  # 世帯主住所
    head_name: str  # 世帯主氏名
    cause: str  # 罹災原因
    place: str  # 被災住家の所在地
    damage: Damage  # 住家の被害の程度
    note: str  # 追加記載事項 (may be empty)
    issued_on: str  # 交付年月日 in 和暦
    signatory: Signatory  # 市区町村長, or the 職務代理者 in force
    seal_png: bytes | None  # 電子公印

    @property
    def page_issue_number(self) -> str:
        """発行番号 as printed on its only page (`… 1/1`)."""
        return f"{self.issue_number} 1/1"


def build_risai(assessment: Assessment, household: Household | None, *, number: str, issue_number: str,
                issued_on: dt.date, signed_by: Signatory, seal_png: bytes | None) -> RisaiCertificate:
    """The certificate of an assessment: 世帯主 from the registry's household as it is now, or as it was when the
    assessment was recorded if the household is gone."""
    head_name = household.head_name if household else assessment.head_name
    head_address = household.address if household else assessment.head_address
    return RisaiCertificate(number, issue_number, head_address, head_name, assessment.cause, assessment.place,
                            assessment.damage, assessment.note, format_wareki(issued_on), signed_by, seal_png)
