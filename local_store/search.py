"""Search of the replica: what a query means, and the SQL that answers it from the derived tables.

- kana (ヤマダ タ, やまだたろう, タロウ): family-name prefix plus given-name prefix, or the whole name without the
  space, or the given name alone, each in the canonical form (domain.names: the kana rules of §2.1.2);
- 漢字 names and address fragments (田中, 本町2丁目): character bigrams in the FTS index, checked for the exact
  substring in the canonical form (異体字 folded, invisible characters dropped, kana as in the kana rules); an
  address in the form of domain.address_key besides, so that 寿一丁目 finds 寿1丁目 and 寿1-2-3 finds 寿1丁目2番3号
  (a query ending in a number may go on: 寿1丁目2 finds 寿1丁目23番); a number alone (一丁目) is not taken as an
  address;
- 生年月日 in 和暦 or 西暦 as typed (S50.1.1, 昭和50年1月1日, 1975-01-01);
- 宛名番号 (digits), by prefix;
- several words, of which one is a 生年月日 and/or one a 性別 (男, 女, 男性, 女性): the others searched as above, and
  only those born that day and of that sex, as on the big vendors' counter systems (ヤマダ タロウ S50.9.27 男,
  山田 S50.9.27, S50.9.27 女);
- 個人番号 only as an exact, valid 12-digit number, and only when asked for explicitly (the caller audits it).
Current residents by default (with those whose 転出予定日 has not come); 除票 on request.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.address_key import address_key
from domain.check_digits import validate_mynumber
from domain.errors import ValidationError
from domain.kana import is_kana_query, split_name
from domain.names import canonical, visible
from domain.records import Person, ResidentKind, Sex, Status
from domain.wareki import RegDate, format_seireki, format_wareki, parse_date
from local_store.database import Connection
from local_store.derived import key_bigrams

MAX_RESULTS = 1000
MOVING_OUT = "転出予定"  # the status shown for one whose 転出予定日 has not come
_TOP = "\U0010ffff"
_DIGITS = re.compile(r"^[0-9]+$")
_LATIN = re.compile(r"^[a-z][a-z .'\-]*$")
# The unary + keeps the planner from walking the kana index in order and filtering (a full scan): the matching
# rows are few and are found through the index that fits the query, then sorted.
ORDER = " ORDER BY +p.kana_full, p.atena_no"
SEXES = {"男": Sex.MALE, "男性": Sex.MALE, "女": Sex.FEMALE, "女性": Sex.FEMALE}


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: str  # what the query was taken as, in the words shown to staff
    ids: list[int]
    truncated: bool


@dataclass(frozen=True, slots=True)
class PersonSummary:
    id: int
    atena_no: str
    setai_no: str
    name: str
    name_kana: str
    birth: str
    sex: str
    address: str
    status: str
    relationship: str
    forked: bool
    awaiting_mynumber: bool
    lives_here: bool  # a 住民, or one who filed a 転出届 whose 予定日 has not come (status 転出予定)
    protected: bool = False  # under a 支援措置 in force: marked by the disclosure check (`DisclosureCheck.marked`)


@dataclass(frozen=True, slots=True)
class Query:
    """What a query was taken as, and the SQL (with its parameters) that returns the matching persons' ids."""

    kind: str
    where: str
    params: tuple[object, ...]

    @property
    def sql(self) -> str:
        """The ids in the order shown: by フリガナ, then 宛名番号 (a LIMIT may follow)."""
        return self.where + ORDER


RESIDENT_KINDS = tuple(k.value for k in ResidentKind)


def compile_query(query: str, *, today: str, include_removed: bool = False, mynumber: bool = False,
                  resident_kind: str | None = None) -> Query | None:
    """Read a query; None when it is empty. A query that cannot mean anything valid raises a ValidationError.
    `today` (ISO) decides who still lives here; `resident_kind` (住民種別: 日本人 or 外国人) narrows any query to one
    kind."""
    text = visible(unicodedata.normalize("NFKC", query)).strip()
    if not text:
        return None
    if resident_kind is not None and resident_kind not in RESIDENT_KINDS:
        raise ValidationError("住民種別", f"住民種別は{'・'.join(RESIDENT_KINDS)}のどちらかです")
    # The filters always end the WHERE clause, so their parameters come last.
    filters = [] if include_removed else [(" AND (p.resident = 1 OR p.leaves_on > ?)", today)]
    if resident_kind is not None:
        filters.append((" AND p.kind = ?", resident_kind))
    compiled = _compile(text, "".join(f for f, _ in filters), mynumber)
    return None if compiled is None else Query(compiled.kind, compiled.where,
                                               (*compiled.params, *(value for _, value in filters)))


def _compile(text: str, status: str, mynumber: bool) -> Query | None:
    if mynumber:
        return Query("個人番号", "SELECT p.id FROM persons p WHERE p.mynumber = ?" + status, (validate_mynumber(text),))
    words = text.split()
    births = [(w, day) for w in words if (day := _birth_date(w)) is not None]
    sexes = [w for w in words if w in SEXES]
    if len(words) > 1 and (births or sexes):
        return _combined(words, births, sexes, status)
    return _one(text, status)


def _birth_date(word: str) -> RegDate | None:
    try:
        return parse_date(word, item="生年月日", allow_noncalendar=True)
    except ValidationError:
        return None


def _combined(words: list[str], births: list[tuple[str, RegDate]], sexes: list[str], status: str) -> Query | None:
    """A query of several words, one a 生年月日 and/or one a 性別: the rest searched as one query, narrowed to them."""
    if len(births) > 1 or len(sexes) > 1:
        raise ValidationError("検索", "生年月日と性別はそれぞれ一つだけ入力してください")
    taken = {w for w, _ in births} | set(sexes)
    kinds = ["生年月日"] * bool(births) + ["性別"] * bool(sexes)
    narrow = " AND p.birth = ?" * bool(births) + " AND p.sex = ?" * bool(sexes)
    values = tuple(day.iso for _, day in births) + tuple(SEXES[w].value for w in sexes)
    rest = " ".join(w for w in words if w not in taken)
    if not rest:
        return Query("・".join(kinds), "SELECT p.id FROM persons p WHERE " + narrow.removeprefix(" AND ") + status,
                     values)
    found = _one(rest, narrow + status)
    return None if found is None else Query("・".join([found.kind, *kinds]), found.where, (*found.params, *values))


def _one(text: str, status: str) -> Query | None:
    """A query of one thing: a 宛名番号, a 生年月日, a name in kana, latin or 漢字, or an address."""
    compact = re.sub(r"[\s\-]", "", text)
    if _DIGITS.match(compact) and len(compact) != 8:
        return Query("宛名番号", "SELECT p.id FROM persons p WHERE p.atena_no >= ? AND p.atena_no < ?" + status,
                     (compact, compact + _TOP))
    try:
        birth = parse_date(text, item="生年月日", allow_noncalendar=True)
    except ValidationError:
        birth = None
    if birth is not None:
        return Query("生年月日", "SELECT p.id FROM persons p WHERE p.birth = ?" + status, (birth.iso,))
    if is_kana_query(text):
        return _kana(text, status)
    if _LATIN.match(text.lower()):
        words = [w.encode("utf-8").hex() for w in text.lower().split()]
        match = " AND ".join(words[:-1] + [words[-1] + "*"])
        return Query("氏名", "SELECT p.id FROM person_fts f JOIN persons p ON p.id = f.rowid WHERE person_fts MATCH ?"
                     + status, (f"name : ({match})",))
    return _kanji(text, status)


def _kana(text: str, status: str) -> Query | None:
    family, given = (canonical(part) for part in split_name(text))
    if given:
        # + on the given name: the family-name range is the narrow one; the planner must not start from the other.
        return Query("フリガナ", "SELECT p.id FROM persons p WHERE p.kana_family >= ? AND p.kana_family < ? "
                     "AND +p.kana_given >= ? AND +p.kana_given < ?" + status, (family, family + _TOP, given, given + _TOP))
    whole = canonical(text)
    if not whole:
        return None
    return Query("フリガナ", "SELECT p.id FROM persons p WHERE p.id IN (SELECT id FROM persons WHERE kana_full >= ? "
                 "AND kana_full < ? UNION SELECT id FROM persons WHERE kana_given >= ? AND kana_given < ?)" + status,
                 (whole, whole + _TOP, whole, whole + _TOP))


def _kanji(text: str, status: str) -> Query | None:
    needle = canonical(text)
    tokens = key_bigrams(needle)
    if not tokens:
        return None
    base = "SELECT p.id FROM person_fts f JOIN persons p ON p.id = f.rowid WHERE person_fts MATCH ?"
    place = _address_needle(text, needle)
    if place != needle:  # an address written with numbers: the name and the address each by its own key
        match = f"name : ({_match(needle, tokens)}) OR address : ({_match(place, key_bigrams(place))})"
        return Query("氏名・住所", base + " AND (instr(p.name_key, ?) > 0 OR instr(p.address_key, ?) > 0)" + status,
                     (match, needle, place))
    if len(tokens) == 1:  # one character, or one bigram: the index alone is exact
        return Query("氏名・住所", base + status, (_match(needle, tokens),))
    # Several bigrams may each occur without the whole: check the exact substring in the canonical form.
    return Query("氏名・住所", base + " AND (instr(p.name_key, ?) > 0 OR instr(p.address_key, ?) > 0)" + status,
                 (_match(needle, tokens), needle, needle))


def _match(key: str, tokens: list[str]) -> str:
    """The FTS expression of a key's bigrams: all of them; a key of one letter, any bigram it begins."""
    return f"{tokens[0]}*" if len(key) == 1 else " AND ".join(tokens)


def _address_needle(text: str, needle: str) -> str:
    """The query as the index keeps addresses (domain.address_key); a number it ends with may go on (寿1丁目2 finds
    寿1丁目23番). A number alone (一, 一丁目) stays as typed: every address has one."""
    place = address_key(text)
    if unicodedata.normalize("NFKC", text)[-1].isdigit():
        place = place.removesuffix(",")
    return place if sum(ch.isalnum() for ch in place) > 1 else needle


def find(conn: Connection, query: str, *, today: str, include_removed: bool = False, mynumber: bool = False,
         resident_kind: str | None = None, limit: int = MAX_RESULTS) -> SearchResult:
    compiled = compile_query(query, today=today, include_removed=include_removed, mynumber=mynumber,
                             resident_kind=resident_kind)
    if compiled is None:
        return SearchResult("", [], False)
    rows = conn.execute(compiled.sql + " LIMIT ?", (*compiled.params, limit + 1)).fetchall()
    return SearchResult(compiled.kind, [r[0] for r in rows[:limit]], len(rows) > limit)


def display_birth(person: Person) -> str:
    """生年月日 as screens show it: 和暦, except the 西暦 of foreign residents (§1.1.9)."""
    return _birth(person.birth, person.kind is ResidentKind.FOREIGN)


def _birth(birth: RegDate, foreign: bool) -> str:
    return format_seireki(birth) if foreign and not birth.is_unknown else format_wareki(birth)


SUMMARY_COLUMNS = "id, atena_no, setai_no, name, name_kana, birth, birth_text, kind, sex, address, status, " \
                  "relationship, forked, mynumber, leaves_on"


def summaries(conn: Connection, ids: list[int], today: str) -> list[PersonSummary]:
    """The table rows for `ids`, in the order given (from the derived columns: no record is decoded); `today` (ISO)
    tells a 転出 still to come (転出予定) from one that has happened."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = {r[0]: r for r in conn.execute(f"SELECT {SUMMARY_COLUMNS} FROM persons WHERE id IN ({marks})", ids)}
    result = []
    for person_id in ids:
        if person_id not in found:
            continue
        (_, atena, setai, name, kana, birth, birth_text, kind, sex, address, status, rel, forked, number,
         leaves_on) = found[person_id]
        leaving = leaves_on > today
        result.append(
            PersonSummary(
                id=person_id, atena_no=atena, setai_no=setai, name=name, name_kana=kana,
                birth=_birth(RegDate(birth, birth_text or None), kind == ResidentKind.FOREIGN.value), sex=sex,
                address=address, status=MOVING_OUT if leaving else status, relationship=rel, forked=bool(forked),
                awaiting_mynumber=status == Status.RESIDENT.value and not number,
                lives_here=status == Status.RESIDENT.value or leaving,
            )
        )
    return result
