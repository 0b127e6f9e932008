"""続柄 (§1.1.11) and the order of a household's members (§5.2)."""

from __future__ import annotations

from collections.abc import Iterable

from domain.errors import ValidationError
from domain.records import Person

HEAD = "世帯主"
SPOUSES = ("夫", "妻", "夫(未届)", "妻(未届)")
# The words a 続柄 chain is made of; 「の」 joins up to four of them (子の子の子の子).
LINKS = SPOUSES + ("子", "父", "母", "兄", "姉", "弟", "妹")
STANDALONE = (HEAD, "縁故者", "同居人")
MAX_LINKS = 4


def _links(value: str) -> list[str] | None:
    """Split a chain such as 「子の妻」 into its words; None when a word is not allowed."""
    # 「の」 never occurs inside a word, so a plain split is exact.
    words = value.split("の")
    return words if all(word in LINKS for word in words) else None


def normalize_relationship(value: str) -> str:
    """Full-width parentheses as staff type them become the stored half-width form: 妻（未届） → 妻(未届)."""
    return value.strip().replace("（", "(").replace("）", ")").replace(" ", "").replace("　", "")


def validate_relationship(value: str, item: str = "続柄") -> str:
    """Return the stored form of a 続柄, or raise a ValidationError naming what is wrong."""
    value = normalize_relationship(value)
    if not value:
        raise ValidationError(item, "続柄を入力してください")
    if value in STANDALONE:
        return value
    words = _links(value)
    if words is None:
        raise ValidationError(
            item,
            f"「{value}」は続柄に使えません（世帯主・夫・妻・子・父・母・兄・姉・弟・妹とその「の」による組合せ、"
            "縁故者、同居人のいずれかです）",
        )
    if len(words) > MAX_LINKS:
        raise ValidationError(item, f"「{value}」は5代以上の続柄です。縁故者としてください")
    return value


def check_household(members: Iterable[Person], item: str = "続柄") -> None:
    """A household has at most one 世帯主 (it may have none for a while, §1.1.10)."""
    heads = [m for m in members if m.is_resident and m.is_head]
    if len(heads) > 1:
        raise ValidationError(item, "一つの世帯に世帯主は一人だけです")


def _rank(relationship: str) -> tuple[int, int]:
    """(group, place within the group) of §5.2: 1 世帯主・配偶者・子, 2 子の家族, 3 父母・兄弟姉妹・祖父母, 4 others."""
    if relationship == HEAD:
        return (1, 0)
    if relationship in SPOUSES:
        return (1, 1)
    if relationship == "子":
        return (1, 2)
    words = _links(relationship)
    if words and words[0] == "子":
        # 子の夫・子の妻 come before 孫 (子の子), and each generation before the next.
        return (2, (len(words) - 1) * 2 + (0 if words[-1] in SPOUSES else 1))
    if relationship in ("父", "母"):
        return (3, 0)
    if relationship in ("兄", "姉", "弟", "妹"):
        return (3, 1)
    if words and words[0] in ("父", "母") and len(words) == 2 and words[1] in ("父", "母"):
        return (3, 2)
    if words:
        return (4, 0)
    if relationship == "縁故者":
        return (4, 1)
    return (4, 2)  # 同居人


def household_order(members: Iterable[Person]) -> list[Person]:
    """Members in the order of §5.2; within a place, by birth date and then 宛名番号.

    Among 父母, the parent who is 筆頭者 of the 戸籍 comes first.
    """

    def key(person: Person) -> tuple[int, int, int, str, str]:
        group, place = _rank(person.relationship)
        is_hittosha = (
            person.honseki is not None
            and person.honseki.head != ""
            and person.honseki.head.replace("　", "").replace(" ", "")
            == person.name.replace("　", "").replace(" ", "")
        )
        parent_first = 0 if (group, place) == (3, 0) and is_hittosha else 1
        return (group, place, parent_first, person.birth.iso, person.atena_no)

    return sorted(members, key=key)
