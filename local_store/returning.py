"""同一人 checks at entry: former residents (除票) who may be the person moving in, by フリガナ and 生年月日; and
current residents who may be a person newly recorded, by the rule `review` uses too (`domain.person_rules`)."""

from __future__ import annotations

from domain.names import canonical
from domain.person_rules import person_key, same_person_key
from domain.records import Person
from local_store import search
from local_store.database import Connection


def candidates(conn: Connection, name_kana: str, birth_iso: str, today: str) -> list[search.PersonSummary]:
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM persons WHERE resident = 0 AND leaves_on <= ? AND birth = ? AND kana_full = ? "
        "ORDER BY atena_no", (today, birth_iso, canonical(name_kana)))]
    return search.summaries(conn, ids, today)


def same_residents(conn: Connection, person: Person) -> list[str]:
    """宛名番号 of the current residents, other than `person`, whose 氏名, 生年月日 and 性別 are the same as theirs."""
    key = person_key(person)
    rows = conn.execute("SELECT atena_no, name, birth, birth_text, sex FROM persons WHERE resident = 1 AND birth = ? "
                        "AND sex = ? AND atena_no != ? ORDER BY atena_no",
                        (person.birth.iso, person.sex.value, person.atena_no))
    return [atena for atena, name, birth, text, sex in rows if same_person_key(name, text or birth, sex) == key]
