"""What a 異動 document must be, whoever made it: checked on every local write (after `domain.idou.plan_idou`) and
on every arrival from the cloud (`local_store.arrivals`), so that a document forged on another terminal or built
by hand passes the same rules of its 異動事由 as one planned here.

The rules read the document alone (no replica, no clock): a known 異動事由; the shape each 異動事由 of issue 18
gives its rows (a 請求 of one person with its 請求者 and no 届出日, a 改製 or 再製 of residents as they were, a
未届転入 by 職権 with its last address marked, a 帰化等 or 国籍喪失等 of the right kind of resident, a new 住民票コード
on a 住民票コードの変更請求); who may make a 変更請求 (番号法7条2項, 法30条の4: the person or their 法定代理人, and a
請求者 who says 本人 bears the person's name); a 転出証明書 only on a 国内転入, readable, of a sensible length and
with a 転出予定日 near the 転入; and a 通称 history of possible dates.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.errors import ValidationError
from domain.idou import (
    LOST_NATIONALITY,
    NATURALIZED,
    REASONS,
    REQUESTED,
    UNNOTIFIED_MARK,
    UNNOTIFIED_MOVE_IN,
    Idou,
    Notifier,
)
from domain.names import canonical, check_name
from domain.records import Person, ResidentKind, Status

CHANGE_REQUESTS = {"個人番号の変更請求", "住民票コードの変更請求"}
REWRITES = {"改製", "再製"}
SELF = "本人"
# 法定代理人 of a minor (親権者, 未成年後見人) or of an adult under guardianship (成年後見人); written alone or as
# 「法定代理人（親権者）」.
LEGAL_REPRESENTATIVES = ("法定代理人", "親権者", "未成年後見人", "成年後見人")
NOT_ENTITLED = ("個人番号・住民票コードの変更請求ができるのは本人か法定代理人（親権者・未成年後見人・成年後見人）です。"
                "任意代理人からの請求は受け付けられません")
NOT_THE_PERSON = "請求者が本人の場合、氏名は請求される人の氏名と同じです"
# The items of a 転出証明書 as written on it (a 市区町村, an address, a 通称 and its towns): never longer than this.
CERTIFICATE_TEXT_LIMIT = 200
# A 転出証明書 whose 転出予定日 is further than this from the 転入's 異動日 is not the one of this move (the town's
# practice: the law fixes no bound, but a year either way cannot be one move).
CERTIFICATE_DAYS = 365


def check_document(idou: Idou) -> None:
    """Raise a ValidationError naming the item when the 異動 document breaks a rule of its 異動事由."""
    if idou.reason not in REASONS:
        raise ValidationError("異動事由", f"異動事由「{idou.reason}」は扱えません")
    if idou.notifier is not None:
        _readable(idou.notifier)
    shape = _SHAPES.get(idou.reason)
    if shape is not None:
        shape(idou)
    _check_certificate(idou)
    for change in idou.rows:
        _check_tsusho_history(change.row, idou.processed_at[:10])


def _rewrite(idou: Idou) -> None:
    if any(len(c.parents) != 1 or not c.row.is_resident for c in idou.rows):
        raise ValidationError("対象者", f"{idou.reason}は住民の住民票を一つずつ作り直すものです")


def _unnotified(idou: Idou) -> None:
    if idou.notifier is not None or not idou.note.strip():
        raise ValidationError("留意事項", "未届転入は届出によらず、経緯を留意事項に記載します")
    if any(not c.row.previous_address.endswith(UNNOTIFIED_MARK) for c in idou.rows):
        raise ValidationError("転入前住所", f"未届転入の転入前住所には「{UNNOTIFIED_MARK}」を付けます")


def _naturalized(idou: Idou) -> None:
    if any(not c.parents or c.row.kind is not ResidentKind.JAPANESE for c in idou.rows):
        raise ValidationError("住民種別", "帰化等の職権記載は外国人住民だった人を日本人住民として記載します")


def _lost_nationality(idou: Idou) -> None:
    if any(c.row.kind is not ResidentKind.JAPANESE or c.row.status is not Status.REMOVED
           or c.row.removal is None or c.row.removal.reason != LOST_NATIONALITY for c in idou.rows):
        raise ValidationError("住民種別", "国籍喪失等の職権消除は日本人住民を消除します")


def _readable(notifier: Notifier) -> None:
    check_name(notifier.name, "請求者の氏名")
    check_name(notifier.relation, "請求者の続柄")
    check_name(notifier.identification, "本人確認の方法")


def _check_request(idou: Idou) -> None:
    """A 請求 or 申出 of one resident, with its 請求者 and no 届出日; a 変更請求 by the person or their 法定代理人."""
    if idou.notifier is None or idou.notified_on is not None:
        raise ValidationError("請求者", f"{idou.reason}は請求者を記録し、届出日は入れません")
    if len(idou.rows) != 1 or len(idou.rows[0].parents) != 1 or not idou.rows[0].row.is_resident:
        raise ValidationError("対象者", f"{idou.reason}は住民一人ずつ登録してください")
    row = idou.rows[0].row
    if idou.reason == "住民票コードの変更請求" and not row.juminhyo_code:
        raise ValidationError("住民票コード", "住民票コードの変更請求には新しい住民票コードが必要です")
    if idou.reason not in CHANGE_REQUESTS:
        return
    relation = idou.notifier.relation.strip()
    if relation != SELF and not relation.startswith(LEGAL_REPRESENTATIVES):
        raise ValidationError("請求者の続柄", NOT_ENTITLED)
    if relation == SELF and canonical(idou.notifier.name) not in {canonical(n) for n in _names(row) if n}:
        raise ValidationError("請求者の氏名", NOT_THE_PERSON)


def _names(person: Person) -> tuple[str, ...]:
    """The names a person may sign a 請求 with: the 氏名, and a foreign resident's alphabet name and 通称."""
    foreign = person.foreign
    return (person.name,) + ((foreign.alphabet_name, foreign.tsusho) if foreign is not None else ())


def _check_certificate(idou: Idou) -> None:
    certificate = idou.certificate
    if certificate is None:
        return
    if idou.reason != "国内転入":
        raise ValidationError("転出証明書", "転出証明書は国内転入に記録するものです")
    for text, item in ((certificate.town, "転出証明書を発行した市区町村"), (certificate.destination, "転出証明書の転出先")):
        check_name(text, item)
        if len(text) > CERTIFICATE_TEXT_LIMIT:
            raise ValidationError(item, f"{item}は{CERTIFICATE_TEXT_LIMIT}文字以内で入力してください（{len(text)}文字）")
    planned, moved_in = certificate.planned_on, idou.idou_date
    item = "転出証明書の転出予定日"
    if not planned.is_calendar:
        raise ValidationError(item, f"{item}は暦の日付で入力してください")
    if moved_in.is_calendar and abs((planned.to_date() - moved_in.to_date()).days) > CERTIFICATE_DAYS:
        raise ValidationError(item, f"{item}が転入の異動日から1年以上離れています。この転入の転出証明書か確かめてください")


def _check_tsusho_history(person: Person, processed_on: str) -> None:
    """The 通称 history of a foreign resident (施行令30条の27), as a 転出証明書 brings it or this town keeps it: each
    entry readable and of a sensible length, recorded after the birth and not after the 異動 was processed, and
    deleted (if it was) after it was recorded."""
    if person.foreign is None:
        return
    item = "通称の記載・削除の履歴"
    for entry in person.foreign.tsusho_history:
        for text in (entry.tsusho, entry.recorded_town, entry.removed_town):
            check_name(text, item)
            if len(text) > CERTIFICATE_TEXT_LIMIT:
                raise ValidationError(item, f"{item}の各項目は{CERTIFICATE_TEXT_LIMIT}文字以内で入力してください")
        days = [d for d in (entry.recorded_on, entry.removed_on) if d is not None]
        if not all(d.is_calendar for d in days):
            raise ValidationError(item, f"{item}の年月日は暦の日付で入力してください")
        if person.birth.is_calendar and entry.recorded_on.iso < person.birth.iso:
            raise ValidationError(item, f"通称「{entry.tsusho}」を記載した年月日が生年月日より前です")
        if any(d.iso > processed_on for d in days):
            raise ValidationError(item, f"通称「{entry.tsusho}」の記載・削除の年月日が今日より後です")
        if entry.removed_on is not None and entry.removed_on.iso < entry.recorded_on.iso:
            raise ValidationError(item, f"通称「{entry.tsusho}」を削除した年月日が記載した年月日より前です")



_SHAPES: dict[str, Callable[[Idou], None]] = {
    **{reason: _check_request for reason in REQUESTED},
    **{reason: _rewrite for reason in REWRITES},
    UNNOTIFIED_MOVE_IN: _unnotified,
    NATURALIZED: _naturalized,
    LOST_NATIONALITY: _lost_nationality,
}
