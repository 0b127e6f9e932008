"""個人番号 in the replica: one person's for life, so a number that another person of the registry holds (a 住民 or a
除票) is never given to someone else. The numbers are kept in the `persons` table (inside the encrypted replica),
indexed, and compared in the normalized form the 異動 rules store (`domain.check_digits.validate_mynumber`).
"""

from __future__ import annotations

from domain.errors import ValidationError
from domain.idou import Idou
from local_store.database import Connection

HELD_BY_ANOTHER = ("この個人番号は別の人（住民または除票）に記録されています。番号を確かめてください"
                   "（以前の住民が戻ったときは、同一人として元の宛名番号で記載します）")


def check_new_numbers(conn: Connection, idou: Idou) -> None:
    """A 個人番号 that a 異動 gives a person must be nobody else's (in the caller's transaction, before the 異動 is
    indexed). A number a person keeps is not checked again. The message names nobody: the other person may be
    under 支援措置."""
    for change in idou.rows:
        number, atena_no = change.row.mynumber, change.row.atena_no
        if not number:
            continue
        found = holders(conn, number)
        if found and atena_no not in found:
            raise ValidationError("個人番号", HELD_BY_ANOTHER)


def holders(conn: Connection, number: str) -> set[str]:
    """宛名番号 of the persons (住民 or 除票) who hold the 個人番号."""
    return {r[0] for r in conn.execute("SELECT atena_no FROM persons WHERE mynumber = ?", (number,))}
