"""The 交付履歴 as the counter reads it: one line per entry, a 交付 cancelled (交付の取消し) or issued again (再交付),
and who may cancel a 交付.

Every 交付, refusal and cancellation is an entry of its own (create-only, replicated); none is changed or deleted. A
cancellation names the 交付 it cancels: the 交付 stays in the history, marked 取消済, and the 日計 of the day of the
cancellation gives its 手数料 back and lists it (`domain.daily`). Two terminals apart from each other may cancel one
交付: the first cancellation (by time) counts, the other is listed as a repeat and gives nothing back.

Who may cancel (a wrong 本人確認 chosen by habit, a wrong item, a spoiled sheet): the staff member who issued the
交付, on the day of the 交付 (the day's 日計 is not closed yet, and the 係長 sees the cancellation on it), or a 係長 or
above at any time; always with a reason, which the 交付履歴 and the 日計 show. The 住民票 family of certificates and the
印鑑登録証明書 are cancelled here (a refusal or a cancellation is not). A 再交付 is a new 交付 of the same request, decided again by
the rules (a new 発行番号, the 手数料 by the usual rules), that names the 交付 it repeats.

Pure: built from the entries (document id and body) of the 交付履歴, whichever terminal made them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.errors import ValidationError
from domain.kofu_rules import INKAN_KIND, CertificateKind, Disposal

Entry = tuple[str, Mapping[str, Any]]  # (document id, body) of one 交付履歴 entry
ISSUED = frozenset({Disposal.HANDED.value, Disposal.MAILED.value})
CANCEL_REASON = "取消しの理由"
CANCELLABLE = frozenset({k.value for k in CertificateKind} | {INKAN_KIND})  # the kinds whose 交付 may be cancelled
_PAGE = re.compile(r" \d+/\d+$")  # the page part that each printed page adds to the 発行番号


@dataclass(frozen=True, slots=True)
class IssueLine:
    """One entry of a 交付履歴 as a screen or the command line lists it."""

    doc_id: str
    at: str  # ISO time
    kind: str  # 証明書の種類
    requester: str  # 請求者の種別
    disposal: str  # 交付, 郵送, 拒否 or 取消
    staff: str
    issue_numbers: tuple[str, ...]
    fee: int
    note: str = ""  # the reason of a refusal or of a cancellation
    reissue_of: str = ""  # 再交付: the 発行番号 of the 交付 it repeats
    cancelled_by: str = ""  # 取消済: who cancelled this 交付, and when
    cancelled_at: str = ""
    request: Mapping[str, Any] = field(default_factory=dict)  # as recorded (shown again for a 再交付)
    stays: Mapping[str, str] = field(default_factory=dict)  # a 除票: the stay printed (`Residence.key`), by 宛名番号

    @property
    def issued(self) -> bool:
        return self.disposal in ISSUED

    @property
    def status(self) -> str:
        """What the line says of itself: 交付, 郵送, 拒否, 取消, with 再交付 and 取消済 where they apply."""
        marks = [m for m, wanted in (("再交付", bool(self.reissue_of)), ("取消済", bool(self.cancelled_by))) if wanted]
        return self.disposal + (f"（{'・'.join(marks)}）" if marks else "")


def issue_key(text: str) -> str:
    """A 発行番号 as typed or read off a sheet, in the form the 交付履歴 holds it: spaces of any width as one, and the
    page part (「1/2」) of a printed page left out."""
    return _PAGE.sub("", " ".join(unicodedata.normalize("NFKC", text).split()))


def find(entries: Iterable[Entry], issue_no: str) -> Entry | None:
    """The 交付 that printed the copy numbered `issue_no` (any of its 発行番号 names it)."""
    wanted = issue_key(issue_no)
    return next((e for e in entries if wanted in e[1].get("issue_numbers", ())), None)


def cancellations(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The cancellation that counts for each cancelled 交付 (by its document id): the first, by time."""
    found: dict[str, Entry] = {}
    for doc_id, body in sorted((e for e in entries if e[1]["disposal"] == Disposal.CANCELLED.value),
                               key=lambda e: (e[1]["at"], e[0])):
        found.setdefault(body["cancels"]["doc_id"], (doc_id, body))
    return found


def lines(entries: Iterable[Entry]) -> list[IssueLine]:
    """Every entry as a line, oldest first; each 交付 cancelled says by whom and when."""
    entries = sorted(entries, key=lambda e: (e[1]["at"], e[0]))
    counted = cancellations(entries)
    found = []
    for doc_id, body in entries:
        cancel = counted.get(doc_id)
        note = body.get("refusal", "")
        if body["disposal"] == Disposal.CANCELLED.value:
            note = body["cancels"]["reason"]
            if counted.get(body["cancels"]["doc_id"], ("",))[0] != doc_id:
                note += "（別の取消しと重複）"
        found.append(IssueLine(
            doc_id=doc_id, at=body["at"], kind=body["request"]["kind"], requester=body["request"]["requester"]["kind"],
            disposal=body["disposal"], staff=body["staff"],
            issue_numbers=tuple(body["issue_numbers"] or body.get("cancels", {}).get("issue_numbers", ())),
            fee=int(body.get("cancels", {}).get("fee", body["fee"])), note=note,
            reissue_of=body.get("reissue_of", {}).get("issue_number", ""),
            cancelled_by=cancel[1]["staff"] if cancel else "", cancelled_at=cancel[1]["at"] if cancel else "",
            request=body["request"], stays=body.get("printed", {}).get("stays", {})))
    return found


def check_cancel(original: Mapping[str, Any], counted: Entry | None, *, user: str, supervisor: bool, today: str,
                 reason: str) -> None:
    """Whether `user` may cancel the 交付 `original` today (ISO), with `reason`; `counted`: a cancellation of it
    already recorded. ValidationError says why not."""
    kind = original["request"]["kind"]
    if original["disposal"] not in ISSUED:
        raise ValidationError("交付の取消し", f"{original['disposal']}の記録は取り消せません（取り消せるのは交付だけです）")
    if kind not in CANCELLABLE:
        raise ValidationError("交付の取消し", f"{kind}の交付はここでは取り消せません")
    if counted is not None:
        by = counted[1]
        raise ValidationError("交付の取消し", f"この交付は {by['at'][:16].replace('T', ' ')} に {by['staff']} が取り消し"
                                          "ています")
    if not supervisor and (original["staff"] != user or original["at"][:10] != today):
        raise ValidationError("交付の取消し", "交付を取り消せるのは、交付した職員がその日のうちに行うときか、係長以上の"
                                          "職員です")
    if not reason.strip():
        raise ValidationError(CANCEL_REASON, "取消しの理由を入力してください")


def cancellation(original: Entry, reason: str) -> dict[str, Any]:
    """What a cancellation entry holds of the 交付 it cancels, besides the entry's own time, terminal and staff."""
    doc_id, body = original
    return {"request": body["request"], "persons": body["persons"], "items": [], "fee": 0, "issue_numbers": [],
            "digests": [], "disposal": Disposal.CANCELLED.value, "refusal": "",
            "cancels": {"doc_id": doc_id, "issue_numbers": list(body["issue_numbers"]), "fee": body["fee"],
                        "at": body["at"], "staff": body["staff"], "reason": reason.strip()}}


def cancel_problem(body: Mapping[str, Any]) -> str | None:
    """Why a cancellation entry that arrived is malformed, in plain words; None when it is well formed."""
    cancels = body.get("cancels")
    if not isinstance(cancels, dict):
        return "a 交付の取消し without the 交付 it cancels"
    if not (isinstance(body.get("at"), str) and isinstance(cancels.get("doc_id"), str) and isinstance(cancels.get("fee"), int)
            and isinstance(cancels.get("staff"), str) and isinstance(cancels.get("at"), str)
            and isinstance(cancels.get("reason"), str) and cancels["reason"].strip()
            and isinstance(cancels.get("issue_numbers"), list)):
        return "a malformed 交付の取消し"
    return None
