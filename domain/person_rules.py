"""Item rules of one history row (§1.1.6 mandatory items, §1.1.8 dates, §1.1.11 続柄, §1.1.18 フリガナ)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from domain.check_digits import validate_juminhyo_code, validate_mynumber
from domain.errors import ValidationError
from domain.household import validate_relationship
from domain.names import canonical
from domain.records import FOREIGN_CATEGORIES, LABELS, HonsekiKind, Person, ResidentKind, Status

_KATAKANA_NAME = re.compile(r"^[\u30A1-\u30FA\u30FC\u30FD\u30FE 　]+$")
# 在留カード番号 and 特別永住者証明書番号: two letters, eight digits, two letters (e.g. AB12345678CD).
_CARD_NUMBER = re.compile(r"^[A-Z]{2}\d{8}[A-Z]{2}$")


def _label(key: str) -> str:
    return LABELS.get(key, key)


def _require_text(value: str, key: str) -> None:
    if not value.strip():
        raise ValidationError(_label(key), f"{_label(key)}を入力してください")


def _not_after(value_iso: str, today: dt.date, key: str) -> None:
    if value_iso > today.isoformat():
        raise ValidationError(_label(key), f"{_label(key)}に今日より後の日は入れられません")


def check_kana(value: str, key: str = "name_kana") -> None:
    """フリガナ is held in katakana (§1.1.18); hiragana and half-width are refused, not silently converted."""
    if value and not _KATAKANA_NAME.match(unicodedata.normalize("NFC", value)):
        raise ValidationError(_label(key), f"{_label(key)}は全角カタカナで入力してください")


def check_person(person: Person, today: dt.date) -> None:
    """Raise a ValidationError naming the first item of `person` that breaks a rule."""
    _require_text(person.name, "name")
    _require_text(person.address.text, "address.text")
    check_kana(person.name_kana, "name_kana")
    check_kana(person.former_surname_kana, "former_surname_kana")
    validate_relationship(person.relationship, _label("relationship"))
    if person.birth.iso != "0000-00-00":
        _not_after(person.birth.iso, today, "birth")
    _not_after(person.resident_since.iso, today, "resident_since")
    if person.resident_since.iso < person.birth.iso:
        raise ValidationError(_label("resident_since"), "住民となった年月日が生年月日より前になっています")
    if person.address_since is not None:
        _not_after(person.address_since.iso, today, "address_since")
        if person.address_since.iso < person.resident_since.iso:
            raise ValidationError(_label("address_since"), "住所を定めた年月日が住民となった年月日より前になっています")
    if person.notified_on is not None:
        _not_after(person.notified_on.iso, today, "notified_on")
    if person.mynumber:
        validate_mynumber(person.mynumber, _label("mynumber"))
    if person.juminhyo_code:
        validate_juminhyo_code(person.juminhyo_code, _label("juminhyo_code"))
    if person.address.postal_code and not re.fullmatch(r"\d{3}-?\d{4}", person.address.postal_code):
        raise ValidationError(_label("address.postal_code"), "郵便番号は7桁の数字です（例: 123-4567）")
    if person.kind is ResidentKind.JAPANESE:
        _check_japanese(person)
    else:
        _check_foreign(person, today)
    if person.status is Status.RESIDENT and person.removal is not None:
        raise ValidationError(_label("status"), "住民である人に消除の記載事項があります")
    if person.status is not Status.RESIDENT and person.removal is None:
        raise ValidationError(_label("removal"), "消除事由と消除の日を入力してください")


def _check_japanese(person: Person) -> None:
    if person.foreign is not None:
        raise ValidationError(_label("kind"), "日本人住民に外国人住民の記載事項は入れられません")
    if person.honseki is None:
        raise ValidationError(_label("honseki"), "本籍・筆頭者を入力してください（ない場合は「なし」、分からない場合は「不明」）")
    if person.honseki.kind is HonsekiKind.RECORDED:
        if not person.honseki.place.strip():
            raise ValidationError("本籍", "本籍を入力してください")
        if not person.honseki.head.strip():
            raise ValidationError("筆頭者", "筆頭者を入力してください")


def _check_foreign(person: Person, today: dt.date) -> None:
    items = person.foreign
    if items is None:
        raise ValidationError(_label("foreign"), "外国人住民の記載事項（国籍・地域、在留の区分など）を入力してください")
    if person.honseki is not None:
        raise ValidationError(_label("honseki"), "外国人住民に本籍は記載しません")
    _require_text(items.alphabet_name, "foreign.alphabet_name")
    _require_text(items.nationality, "foreign.nationality")
    if items.category not in FOREIGN_CATEGORIES:
        raise ValidationError(
            _label("foreign.category"), f"「{items.category}」は区分にありません（{'、'.join(FOREIGN_CATEGORIES)}）"
        )
    _not_after(items.became_resident.iso, today, "foreign.became_resident")
    if items.category in ("中長期在留者", "特別永住者") and not _CARD_NUMBER.match(items.card_number):
        raise ValidationError(
            _label("foreign.card_number"), "在留カード等の番号は英字2桁・数字8桁・英字2桁です（例: AB12345678CD）"
        )
    if items.category == "中長期在留者":
        _require_text(items.residence_status, "foreign.residence_status")
        if items.residence_status == "永住者":  # permanent: there is no 在留期間
            return
        _require_text(items.period, "foreign.period")
        if items.period_expiry is None:
            raise ValidationError(_label("foreign.period_expiry"), "在留期間の満了の日を入力してください")


def same_person_key(name: str, birth: str, sex: str) -> tuple[str, str, str]:
    """What two records of one person share (同一人の疑い): the 氏名 in canonical form, the 生年月日 (a 不詳日 as its
    text, else the day in ISO form) and the 性別. The one rule of `review` and of the check at entry."""
    return canonical(name), birth, sex


def person_key(person: Person) -> tuple[str, str, str]:
    return same_person_key(person.name, person.birth.text or person.birth.iso, person.sex.value)
