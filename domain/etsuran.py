"""住民基本台帳の一部の写しの閲覧 (法11条, 11条の2): the request, its rules, its decision, the 閲覧用リスト and the
yearly 公表, pure.

- **法11条** (国又は地方公共団体の機関の請求): 第1項, for 法令で定める事務の遂行; 第2項, the request names the
  機関の名称, the 請求事由 (the 事務 and, here always, its 根拠となる法令) and the 閲覧する者の職名及び氏名.
- **法11条の2** (個人又は法人の申出): 第1項各号, only for 一 統計調査・世論調査・学術研究その他の調査研究 whose public
  interest is high (総務省告示第495号: the results go back to society, published), 二 公共的団体が行う地域住民の福祉の
  向上に寄与する活動 with public interest, 三 居住関係の確認 for 訴訟の提起その他特別の事情, not for profit (here:
  a 個人's only); 第2項, the 申出 names 一 申出者の氏名及び住所 (法人: 名称, 代表者, 主たる事務所の所在地), 二 利用の目的,
  三 閲覧者の氏名及び住所, 四 閲覧事項の管理の方法, 五 a 法人's 閲覧事項を取り扱う者の範囲, 六 for 第1号 the
  調査研究の成果の取扱い; 第4項, a 個人 may name who else will use it (個人閲覧事項取扱者).
- **The decision** (法11条の2第1項 「相当と認めるとき」; 法11条第1項, an office's request only for a 法令で定める事務): a
  係長 or above approves or refuses a request waiting for it; a refusal says why. Two terminals that decide the same request
  without seeing each other: a refusal holds over an approval, and the request is flagged.
- **What is shown** (法11条第1項 「住所等」): 氏名, 出生の年月日, 男女の別, 住所 only, for the 町字 and ages asked for,
  in address order; never a person under 支援措置 (the registry's disclosure check leaves them out). One list per
  approval: a second one would be a copy nobody approved. A 調査研究 or 公益活動 concerns many residents: a list of
  fewer than `MIN_HOUSEHOLDS` households would locate a few families, not sample a population, and is not made (an
  office's 事務 and a 居住関係の確認 may concern one person by law).
- **The 公表** (法11条第3項, 11条の2第12項, 省令第3条 as towns apply it): once a year, each approved request with
  its 申出者 (or 機関), 利用目的の概要 (or 請求事由の概要), 閲覧の年月日 and the range of residents shown.

A request and what happens to it are create-only events (documents of class `etsuran`), folded here into cases.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.csv_text import csv_text
from domain.errors import ValidationError
from domain.names import check_name
from domain.wareki import RegDate, format_wareki, parse_date

ETSURAN = "etsuran"  # the document class
MAX_NAME, MAX_TEXT, MAX_READERS, MAX_AREAS, MAX_AGE = 60, 200, 10, 50, 150
MIN_HOUSEHOLDS = 5  # the fewest households a list for a 調査研究 or a 公益活動 may show


class Kind(StrEnum):
    """Who asks, which decides the article and what must be stated."""

    KIKAN = "国・地方公共団体の機関"  # 法11条
    KOJIN = "個人"  # 法11条の2
    HOJIN = "法人"  # 法11条の2

    @property
    def article(self) -> str:
        return "法11条" if self is Kind.KIKAN else "法11条の2"


class Purpose(StrEnum):
    """法11条の2第1項各号: what a 個人 or 法人 may see the registry for."""

    CHOSA = "調査研究"  # 第1号: 統計調査・世論調査・学術研究その他の調査研究（公益性が高いもの）
    KOUEKI = "公益活動"  # 第2号: 公共的団体が行う地域住民の福祉の向上に寄与する活動（公益性が高いもの）
    KYOJU = "居住関係の確認"  # 第3号: 訴訟の提起その他特別の事情による居住関係の確認（営利以外）

    @property
    def clause(self) -> str:
        return f"法11条の2第1項第{list(Purpose).index(self) + 1}号"


class Status(StrEnum):
    PENDING = "審査中"
    APPROVED = "承認"
    REFUSED = "拒否"


class Event(StrEnum):
    REQUEST = "申出"
    APPROVE = "承認"
    REFUSE = "拒否"
    LIST = "リスト作成"


@dataclass(frozen=True, slots=True)
class Reader:
    """閲覧者: 機関 give the 職名 (法11条第2項第3号), 個人・法人 the 住所 (法11条の2第2項第3号)."""

    name: str
    title: str = ""
    address: str = ""

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "address": self.address}


@dataclass(frozen=True, slots=True)
class Request:
    kind: Kind
    applicant: str  # 機関の名称, 申出者の氏名 or 法人の名称
    address: str  # 申出者の住所 or 主たる事務所の所在地 (機関: its 所在地, may be empty)
    representative: str  # 法人: 代表者又は管理人の氏名
    affairs: str  # 機関: 請求事由 (the 事務)
    legal_basis: str  # 機関: 根拠となる法令
    purpose: Purpose | None  # 個人・法人: 第1項各号
    use: str  # 個人・法人: 利用の目的
    readers: tuple[Reader, ...]
    handlers: str  # 法人: 閲覧事項を取り扱う者の範囲; 個人: 個人閲覧事項取扱者 (may be empty)
    management: str  # 個人・法人: 閲覧事項の管理の方法
    results: str  # 第1号: 調査研究の成果の取扱い
    areas: tuple[str, ...]  # 町字
    age_from: int | None
    age_to: int | None
    date: dt.date  # 閲覧の年月日

    @property
    def summary(self) -> str:
        """利用目的の概要 (機関: 請求事由の概要) as the 公表 prints it."""
        return self.affairs if self.kind is Kind.KIKAN else f"{self.purpose.value if self.purpose else ''}：{self.use}"

    @property
    def scope(self) -> str:
        """対象の範囲: the 町字 and the ages."""
        ages = ("" if self.age_from is None and self.age_to is None else
                f"　{self.age_from if self.age_from is not None else 0}歳〜"
                f"{f'{self.age_to}歳' if self.age_to is not None else ''}")
        return "、".join(self.areas) + ages

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "applicant": self.applicant, "address": self.address,
                "representative": self.representative, "affairs": self.affairs, "legal_basis": self.legal_basis,
                "purpose": self.purpose.value if self.purpose else "", "use": self.use,
                "readers": [r.to_json() for r in self.readers], "handlers": self.handlers,
                "management": self.management, "results": self.results, "areas": list(self.areas),
                "ages": {"from": self.age_from, "to": self.age_to}, "date": self.date.isoformat()}


class RequestInvalid(ValidationError):
    """A request with items missing or wrong: every one of them (`problems`: (item, message) in the form's order)."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        super().__init__("、".join(dict.fromkeys(i for i, _ in problems)), "。".join(m for _, m in problems))
        self.problems = tuple(problems)


class _Reading:
    """Collects the problems of one request as its items are read."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.problems: list[tuple[str, str]] = []

    def bad(self, item: str, message: str) -> None:
        self.problems.append((item, message))

    def text(self, value: Any, item: str, *, required: bool, limit: int = MAX_TEXT) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.bad(item, f"{item}は文字で入力してください")
            return ""
        text = unicodedata.normalize("NFC", value).strip()
        if required and not text:
            self.bad(item, f"{item}を入力してください")
        elif len(text) > limit:
            self.bad(item, f"{item}は{limit}文字以内で入力してください（{len(text)}文字）")
        else:
            try:
                check_name(text, item)  # no control, format (bidi overrides), surrogate or non-character
            except ValidationError as exc:
                self.bad(item, exc.message)
        return text

    def field(self, key: str, item: str, *, required: bool, limit: int = MAX_TEXT) -> str:
        return self.text(self.raw.get(key), item, required=required, limit=limit)

    def age(self, value: Any, item: str) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AGE:
            self.bad(item, f"{item}は0から{MAX_AGE}までの整数で入力してください")
            return None
        return value


def read_request(raw: Any, today: dt.date) -> Request:
    """The request as the law asks for it, or RequestInvalid naming every item missing or wrong. `today`: the day it
    is recorded (a 閲覧 is not planned before it)."""
    if not isinstance(raw, Mapping):
        raise RequestInvalid([("閲覧の申出", "申出の内容は項目名と値の組（JSONのオブジェクト）で渡してください")])
    r = _Reading(raw)
    kind = next((k for k in Kind if k.value == raw.get("kind")), None)
    if kind is None:
        r.bad("請求・申出の別", "請求・申出の別は「国・地方公共団体の機関」「個人」「法人」のいずれかです")
    kikan, hojin = kind is Kind.KIKAN, kind is Kind.HOJIN
    applicant = r.field("applicant", "機関の名称" if kikan else "申出者の名称" if hojin else "申出者の氏名",
                        required=True, limit=MAX_NAME)
    address = r.field("address", "主たる事務所の所在地" if hojin else "申出者の住所", required=not kikan)
    representative = r.field("representative", "代表者又は管理人の氏名", required=hojin, limit=MAX_NAME)
    affairs = r.field("affairs", "請求事由（事務の内容）", required=kikan)
    legal_basis = r.field("legal_basis", "根拠となる法令", required=kikan)
    purpose = _purpose(r, kind)
    use = r.field("use", "利用の目的", required=kind is not None and not kikan)
    readers = _readers(r, kind)
    handlers = r.field("handlers", "閲覧事項を取り扱う者の範囲", required=hojin)
    management = r.field("management", "閲覧事項の管理の方法", required=kind is not None and not kikan)
    results = r.field("results", "調査研究の成果の取扱い", required=purpose is Purpose.CHOSA)
    areas = _areas(r)
    ages = raw.get("ages") or {}
    if not isinstance(ages, Mapping):
        r.bad("年齢", "年齢は {\"from\": 20, \"to\": 79} の形で渡してください")
        ages = {}
    age_from, age_to = r.age(ages.get("from"), "年齢（から）"), r.age(ages.get("to"), "年齢（まで）")
    if age_from is not None and age_to is not None and age_from > age_to:
        r.bad("年齢", "年齢の範囲が逆です（からの年齢はまでの年齢以下にしてください）")
    on = _date(r, today)
    if r.problems or kind is None or on is None:
        raise RequestInvalid(r.problems)
    return Request(kind, applicant, address, representative, affairs, legal_basis, purpose, use, readers, handlers,
                   management, results, areas, age_from, age_to, on)


def _purpose(r: _Reading, kind: Kind | None) -> Purpose | None:
    """法11条の2第1項各号, for 個人・法人 only; 第2号 is a 公共的団体's (法人), 第3号 a 個人's."""
    raw = r.raw.get("purpose") or ""
    if kind is Kind.KIKAN or kind is None:
        return None
    purpose = next((p for p in Purpose if p.value == raw), None)
    if purpose is None:
        r.bad("利用の区分", "利用の区分は「調査研究」「公益活動」「居住関係の確認」のいずれかです（法11条の2第1項各号）")
    elif purpose is Purpose.KOUEKI and kind is not Kind.HOJIN:
        r.bad("利用の区分", "公益活動による閲覧は公共的団体（法人）の申出に限ります（法11条の2第1項第2号）")
    elif purpose is Purpose.KYOJU and kind is not Kind.KOJIN:
        r.bad("利用の区分", "居住関係の確認による閲覧は個人の申出に限ります（法11条の2第1項第3号）")
    return purpose


def _readers(r: _Reading, kind: Kind | None) -> tuple[Reader, ...]:
    raw = r.raw.get("readers")
    if not isinstance(raw, list) or not raw:
        r.bad("閲覧者", "閲覧者を1人以上入力してください")
        return ()
    if len(raw) > MAX_READERS:
        r.bad("閲覧者", f"閲覧者は{MAX_READERS}人までです")
        return ()
    readers = []
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, Mapping):
            r.bad(f"閲覧者{n}", f"閲覧者{n}は氏名などの組で渡してください")
            continue
        readers.append(Reader(r.text(entry.get("name"), f"閲覧者{n}の氏名", required=True, limit=MAX_NAME),
                              r.text(entry.get("title"), f"閲覧者{n}の職名", required=kind is Kind.KIKAN,
                                     limit=MAX_NAME),
                              r.text(entry.get("address"), f"閲覧者{n}の住所",
                                     required=kind is not None and kind is not Kind.KIKAN)))
    return tuple(readers)


def _areas(r: _Reading) -> tuple[str, ...]:
    raw = r.raw.get("areas")
    if not isinstance(raw, list) or not raw:
        r.bad("町字", "閲覧する町字を1つ以上入力してください")
        return ()
    if len(raw) > MAX_AREAS:
        r.bad("町字", f"町字は{MAX_AREAS}までです")
        return ()
    areas = [r.text(a, "町字", required=True, limit=MAX_NAME) for a in raw]
    return tuple(dict.fromkeys(unicodedata.normalize("NFKC", a) for a in areas if a))


def _date(r: _Reading, today: dt.date) -> dt.date | None:
    raw = r.raw.get("date")
    if not isinstance(raw, str):
        r.bad("閲覧の年月日", "閲覧の年月日を入力してください（例：R8.12.10、2026-12-10）")
        return None
    try:
        on = parse_date(raw, item="閲覧の年月日").to_date()
    except ValidationError as exc:
        r.bad("閲覧の年月日", exc.message)
        return None
    if on < today:
        r.bad("閲覧の年月日", "閲覧の年月日に過ぎた日は入力できません")
    return on


def request_from_json(body: Mapping[str, Any]) -> Request:
    """A request as a document holds it (checked again: it may come from another terminal), without the date rule
    (a request recorded yesterday plans a 閲覧 that may be past today)."""
    ages = body.get("ages") or {}
    raw = {**body, "ages": ages}
    return read_request(raw, dt.date.min)


# --- events and cases ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who did something, where and when (ISO 8601)."""

    staff: str
    terminal: str
    at: str

    def to_json(self) -> dict[str, str]:
        return {"staff": self.staff, "terminal": self.terminal, "at": self.at}


def request_event(number: str, request: Request, by: Stamp) -> dict[str, Any]:
    return {"event": Event.REQUEST.value, "number": number, "request": request.to_json(), **by.to_json()}


def decision_event(request_id: str, approve: bool, reason: str, by: Stamp,
                   checked: Sequence[str] = ()) -> dict[str, Any]:
    """`checked`: the names that matched a 加害者 when the 係長 approved, with the note of what was checked."""
    body = {"event": (Event.APPROVE if approve else Event.REFUSE).value, "request_id": request_id,
            "reason": reason, **by.to_json()}
    return body | ({"checked": list(checked)} if checked else {})


def list_event(request_id: str, rows: int, as_of: dt.date, by: Stamp) -> dict[str, Any]:
    return {"event": Event.LIST.value, "request_id": request_id, "rows": rows, "as_of": as_of.isoformat(),
            **by.to_json()}


def check_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise ValidationError("拒否の理由", "拒否の理由を入力してください")
    if len(text) > MAX_TEXT or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise ValidationError("拒否の理由", f"拒否の理由は改行のない{MAX_TEXT}文字以内で入力してください")
    return text


def problem(body: Any) -> str | None:
    """What is wrong with an event's form, in plain words (for arrivals), or None."""
    try:
        event = Event(body["event"])
        if not all(isinstance(body[k], str) for k in ("staff", "terminal", "at")):
            return "a malformed 閲覧 event"
        if event is Event.REQUEST:
            if not isinstance(body["number"], str) or not body["number"]:
                return "a 閲覧 request without its number"
            request_from_json(body["request"])
            return None
        if not isinstance(body["request_id"], str):
            return "a malformed 閲覧 event"
        if event is Event.REFUSE:
            check_reason(body["reason"])
        checked = body.get("checked", [])
        if not (isinstance(checked, list) and all(isinstance(n, str) for n in checked)):
            return "a malformed 閲覧 decision"
        if event is Event.LIST and not (isinstance(body["rows"], int) and isinstance(body["as_of"], str)):
            return "a malformed 閲覧用リスト record"
        return None
    except ValidationError as exc:
        return f"an invalid 閲覧 event: {exc.item}: {exc.message}"
    except (KeyError, TypeError, ValueError) as exc:
        return f"a malformed 閲覧 event: {type(exc).__name__}"


@dataclass(frozen=True, slots=True)
class Decision:
    approve: bool
    reason: str
    by: Stamp
    checked: tuple[str, ...] = ()  # names matching a 加害者 that the 係長 approved with a note


@dataclass(frozen=True, slots=True)
class ListMade:
    rows: int
    as_of: dt.date
    by: Stamp


@dataclass(frozen=True, slots=True)
class Case:
    """One request with what happened to it."""

    doc_id: str
    number: str  # 受付番号, printed on every page of its list
    request: Request
    received: Stamp
    decisions: tuple[Decision, ...]
    lists: tuple[ListMade, ...]

    @property
    def status(self) -> Status:
        """A refusal holds over an approval (two terminals that decided without seeing each other)."""
        if any(not d.approve for d in self.decisions):
            return Status.REFUSED
        return Status.APPROVED if self.decisions else Status.PENDING

    offenders: tuple[str, ...] = ()  # names in the request that are a 加害者's (filled for 係長 and above)

    @property
    def flagged(self) -> bool:
        """Decided more than once, or listed more than once (on two terminals at once): to be looked at."""
        return len(self.decisions) > 1 or len(self.lists) > 1

    @property
    def names(self) -> tuple[str, ...]:
        """The persons the request names: the 申出者 (a 法人's too), its 代表者 and the 閲覧者."""
        r = self.request
        return tuple(n for n in (r.applicant, r.representative, *(x.name for x in r.readers)) if n)

    @property
    def decision(self) -> Decision | None:
        """The decision that holds."""
        refusals = [d for d in self.decisions if not d.approve]
        return next(iter(refusals or self.decisions), None)

    @property
    def viewed_on(self) -> tuple[dt.date, ...]:
        """閲覧の年月日: the days its lists were made, or the day planned while none was."""
        return tuple(sorted({m.as_of for m in self.lists})) or (self.request.date,)


def cases(events: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Case]:
    """The requests, oldest first, each with its decisions and lists (events about a request that has not arrived
    wait for it)."""
    requests: dict[str, tuple[str, Request, Stamp]] = {}
    decisions: dict[str, list[Decision]] = {}
    lists: dict[str, list[ListMade]] = {}
    for doc_id, body in events:
        by = Stamp(body["staff"], body["terminal"], body["at"])
        event = Event(body["event"])
        if event is Event.REQUEST:
            requests[doc_id] = (body["number"], request_from_json(body["request"]), by)
        elif event is Event.LIST:
            lists.setdefault(body["request_id"], []).append(
                ListMade(body["rows"], dt.date.fromisoformat(body["as_of"]), by))
        else:
            decisions.setdefault(body["request_id"], []).append(
                Decision(event is Event.APPROVE, body["reason"], by, tuple(body.get("checked", ()))))
    found = [Case(doc_id, number, request, by, tuple(sorted(decisions.get(doc_id, ()), key=lambda d: d.by.at)),
                  tuple(sorted(lists.get(doc_id, ()), key=lambda m: m.by.at)))
             for doc_id, (number, request, by) in requests.items()]
    return sorted(found, key=lambda c: (c.received.at, c.number))


def request_number(year: int, terminal: str, serial: int) -> str:
    """The 受付番号: the year, the terminal (names are unique) and a serial drawn from the terminal's leased range
    (never given twice, even by a terminal restored from a backup)."""
    return f"{year}-{terminal}-{serial}"


def check_decidable(case: Case) -> None:
    if case.status is not Status.PENDING:
        raise ValidationError("閲覧の申出", f"受付番号 {case.number} の申出は{case.status.value}済みです")


def check_listable(case: Case) -> None:
    """Only an approved request gets its list (法11条第1項, 11条の2第1項: 閲覧させる only when approved), once."""
    if case.status is not Status.APPROVED:
        raise ValidationError("閲覧の申出", f"受付番号 {case.number} の申出は承認されていません（{case.status.value}）")
    if case.lists:
        made = case.lists[0]
        raise ValidationError("閲覧用リスト", f"受付番号 {case.number} の閲覧用リストは作成済みです（{made.by.staff}、"
                                          f"{format_wareki(made.as_of)}）。一つの承認で作れるリストは一つです")


def check_offenders_judged(case: Case, note: str) -> None:
    """A request naming a 加害者 of a 支援措置 is approved only with the 係長's note of what was checked."""
    if case.offenders and not note:
        raise ValidationError("承認の備考", f"{'、'.join(case.offenders)}は支援措置の加害者として登録された者と一致"
                                        "します。確認した内容を備考に入力してから承認してください")


def check_offenders_listable(case: Case) -> None:
    """A name that came to match a 加害者 after the approval (a 支援措置 started since) stops the list: the approval
    did not weigh it."""
    checked = case.decision.checked if case.decision is not None else ()
    unchecked = [n for n in case.offenders if n not in checked]
    if unchecked:
        raise ValidationError("閲覧の申出", f"{'、'.join(unchecked)}は承認の後に支援措置の加害者と一致するようになりました。"
                                         "この申出の閲覧用リストは作れません（改めて申出を受け、判断してください）")


def check_breadth(case: Case, households: int) -> None:
    """A list for a 調査研究 or a 公益活動 shows at least `MIN_HOUSEHOLDS` households (none is no one located)."""
    if case.request.purpose in (Purpose.CHOSA, Purpose.KOUEKI) and 0 < households < MIN_HOUSEHOLDS:
        raise ValidationError("対象の範囲", f"対象の範囲が{households}世帯だけです。{case.request.purpose.value}の"
                                         f"閲覧用リストは{MIN_HOUSEHOLDS}世帯以上の範囲でなければ作れません"
                                         "（特定の世帯を探す閲覧のおそれがあります）")


# --- the list ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resident:
    """A resident as the list may show them (法11条第1項の住所等), with the 宛名番号 for the disclosure check only."""

    atena_no: str
    household: str  # 世帯番号, for the breadth of the list
    name: str
    birth: RegDate
    sex: str
    address: str
    area: str  # 町字


@dataclass(frozen=True, slots=True)
class ListLine:
    name: str
    birth: str  # 和暦
    sex: str
    address: str
    atena_no: str = ""  # never printed: for the disclosure check when the list is printed again


@dataclass(frozen=True, slots=True)
class EtsuranList:
    number: str
    town: str
    as_of: dt.date
    scope: str
    lines: tuple[ListLine, ...]


def age_on(birth: RegDate, on: dt.date) -> int | None:
    """Years completed on the day; None for a 不詳日."""
    if birth.is_unknown:
        return None
    year, month, day = birth.numbers
    return on.year - year - ((on.month, on.day) < (month, day))


def wanted(resident: Resident, request: Request, on: dt.date) -> bool:
    """In the request's 町字 and ages (a person whose age is not known is left out when ages are asked for)."""
    if resident.area not in request.areas:
        return False
    if request.age_from is None and request.age_to is None:
        return True
    age = age_on(resident.birth, on)
    return age is not None and (request.age_from or 0) <= age <= (request.age_to if request.age_to is not None
                                                                      else MAX_AGE)


_DIGITS = re.compile(r"(\d+)")


def address_order(address: str) -> tuple[tuple[int, str | int], ...]:
    """Sorts addresses as a town reads them: the numbers of 丁目, 番地 and 号 by their value (2 before 10)."""
    parts = _DIGITS.split(unicodedata.normalize("NFKC", address))
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in parts if p)


def select(residents: Iterable[Resident], request: Request, on: dt.date) -> list[Resident]:
    """The residents the list is for, in address order: 町字 as the request lists them, then 番地 and 号 by number
    (then by 生年月日)."""
    areas = {area: n for n, area in enumerate(request.areas)}
    return sorted((r for r in residents if wanted(r, request, on)),
                  key=lambda r: (areas[r.area], address_order(r.address), r.birth.iso, r.name))


def listing(number: str, town: str, on: dt.date, request: Request, shown: Sequence[Resident]) -> EtsuranList:
    return EtsuranList(number, town, on, request.scope,
                       tuple(ListLine(r.name, format_wareki(r.birth), r.sex, r.address, r.atena_no) for r in shown))


# --- the 公表 ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Published:
    number: str
    article: str
    applicant: str
    summary: str
    viewed_on: str  # 和暦, several days joined
    scope: str


PUBLISHED_HEADER = ("受付番号", "根拠", "申出者（請求機関）", "利用目的の概要", "閲覧の年月日", "対象の範囲")


def publication(found: Iterable[Case], year: int) -> list[Published]:
    """The year's approved requests, in order of their 閲覧の年月日, as the 公表 lists them."""
    lines = []
    for case in found:
        days = [d for d in case.viewed_on if d.year == year]
        if case.status is Status.APPROVED and days:
            r = case.request
            lines.append((days[0], Published(case.number, r.kind.article, r.applicant, r.summary,
                                             "、".join(format_wareki(d) for d in days), r.scope)))
    return [p for _, p in sorted(lines, key=lambda x: (x[0], x[1].number))]


def publication_csv(lines: Sequence[Published]) -> str:
    return csv_text([PUBLISHED_HEADER, *((p.number, p.article, p.applicant, p.summary, p.viewed_on, p.scope)
                                         for p in lines)])


def check_year(value: int) -> int:
    if not 1900 <= value <= 9999:
        raise ValidationError("年", "公表する年は西暦4桁で入力してください")
    return value
