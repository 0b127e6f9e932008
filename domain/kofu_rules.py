"""Who may receive what: the rules of 住民基本台帳法 12条–12条の3 for a 交付請求 (registry facts §1.4, §9).

A 交付 answers a request. The request names the certificate, the persons, the 請求者 and its 種別, how the
person at the counter was identified, the 請求事由, the items asked for beyond the defaults, and the copies.
`decide` either returns what may be printed and how it is handed over, or refuses with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.errors import ValidationError
from domain.history import Residence
from domain.idou import moving_out_later
from domain.names import check_name
from domain.records import Person, Status


class CertificateKind(StrEnum):
    JUMINHYO = "住民票の写し"
    JOHYO = "除票の写し"
    KISAI = "住民票記載事項証明書"
    TENSHUTSU = "転出証明書"
    JOHYO_KISAI = "除票記載事項証明書"
    # For one whose 住民票 was 消除 by 職権 after moving without a 転出届 (§4.1.3.0.3: a 届出 14 days or more late):
    # the new town takes it with the 転入届 in place of a 転出証明書.
    JUNZURU = "転出証明書に準ずる証明書"


# The certificates of a 除票 (法15条の4): a 個人票 of one of the person's ended stays (`KofuRequest.residence`).
JOHYO_KINDS = frozenset({CertificateKind.JOHYO, CertificateKind.JOHYO_KISAI})
# The certificates a mover takes to the new town (施行令24条): every item the new town records, none left out.
MOVE_OUT_KINDS = frozenset({CertificateKind.TENSHUTSU, CertificateKind.JUNZURU})


class RequesterKind(StrEnum):
    HONNIN = "本人等"  # 本人 or a member of the same 世帯 (法12条), named by 宛名番号 and checked
    KOUYOU = "公用"  # 国・地方公共団体の機関 (法12条の2)
    DAISANSHA = "第三者"  # a stated legitimate need (法12条の3), 職務上請求 included
    DAIRININ = "代理人"  # on behalf of a 本人等 (the 委任者), with a 委任状


class Qualification(StrEnum):
    """特定事務受任者 (法12条の3第2項): who may make a 職務上請求."""

    BENGOSHI = "弁護士"
    SHIHO_SHOSHI = "司法書士"
    TOCHI_KAOKU_CHOSASHI = "土地家屋調査士"
    ZEIRISHI = "税理士"
    SHAKAI_HOKEN_ROMUSHI = "社会保険労務士"
    BENRISHI = "弁理士"
    KAIJI_DAIRISHI = "海事代理士"
    GYOSEI_SHOSHI = "行政書士"


class Item(StrEnum):
    """Items printed only when asked for (the 省略 choices; 法12条5項 omits them by default)."""

    SETAINUSHI = "世帯主・続柄"
    HONSEKI = "本籍・筆頭者"
    MYNUMBER = "個人番号"
    JUMINHYO_CODE = "住民票コード"
    ZAIRYU = "在留資格等"  # 法第30条の45区分, 在留資格, 在留期間, 満了日, 在留カード等の番号
    HISTORY = "異動の履歴"  # a 個人票 with 前住所 and every 異動 of the stay (§5.1 「履歴あり」)
    OFFICES = "選挙人名簿・国保・年金等"  # 法7条9号〜11号の2 (domain.office_items), on a 記載事項証明書


class Disposal(StrEnum):
    """処分: what became of the request."""

    HANDED = "交付"
    MAILED = "郵送"  # a copy with 個人番号 for a voluntary 代理人 goes to the 本人's address
    REFUSED = "拒否"
    CANCELLED = "取消"  # a later entry that cancels an earlier 交付 (交付の取消し): the 交付履歴 keeps both


# The command line's names for the kinds, requesters, items and qualifications.
KIND_NAMES = {"juminhyo": CertificateKind.JUMINHYO, "johyo": CertificateKind.JOHYO,
              "kisai": CertificateKind.KISAI, "tenshutsu": CertificateKind.TENSHUTSU,
              "johyo-kisai": CertificateKind.JOHYO_KISAI, "tenshutsu-junzuru": CertificateKind.JUNZURU}
REQUESTER_NAMES = {"honnin": RequesterKind.HONNIN, "kouyou": RequesterKind.KOUYOU,
                   "daisansha": RequesterKind.DAISANSHA, "dairinin": RequesterKind.DAIRININ}
ITEM_NAMES = {"setainushi": Item.SETAINUSHI, "honseki": Item.HONSEKI, "mynumber": Item.MYNUMBER,
              "juminhyo-code": Item.JUMINHYO_CODE, "zairyu": Item.ZAIRYU, "history": Item.HISTORY,
              "offices": Item.OFFICES}
QUALIFICATION_NAMES = {"bengoshi": Qualification.BENGOSHI, "shiho-shoshi": Qualification.SHIHO_SHOSHI,
                       "tochi-kaoku-chosashi": Qualification.TOCHI_KAOKU_CHOSASHI,
                       "zeirishi": Qualification.ZEIRISHI, "sharoshi": Qualification.SHAKAI_HOKEN_ROMUSHI,
                       "benrishi": Qualification.BENRISHI, "kaiji-dairishi": Qualification.KAIJI_DAIRISHI,
                       "gyosei-shoshi": Qualification.GYOSEI_SHOSHI}

# 本人確認書類 (法12条3項): one official document with a photograph, or two of the others. The one list of every
# screen, in this order; the requests' own papers (委任状, 職務上請求書, 公用請求書) are not among them.
PHOTO_IDS = ("個人番号カード", "運転免許証", "旅券", "在留カード", "特別永住者証明書", "運転経歴証明書",
             "身体障害者手帳（写真付き）", "官公署発行の写真付き身分証明書")
OTHER_IDS = ("資格確認書", "年金手帳", "介護保険被保険者証", "医療受給者証")
IDENTIFICATIONS = PHOTO_IDS + OTHER_IDS

MAX_COPIES = 20
NEVER_TO_THIRD_PARTIES = frozenset({Item.MYNUMBER, Item.JUMINHYO_CODE})
THIRD_PARTY_LAW = "（法12条の3）"
# Requests whose requester the registry cannot vouch for: on a replica whose data may lack a 支援措置 started on
# another terminal, they wait for a supervisor's judgment. 本人等 are checked against the registry and never wait.
NEED_FRESH_DATA = frozenset({RequesterKind.DAISANSHA, RequesterKind.DAIRININ})


# 手数料 (the town's 手数料条例): per copy, by kind; 無料 and 減免 categories chosen at the 交付. The settings may
# replace both tables (`local_store.settings`); these are the defaults. 公用 is free by law whatever the tables say.
RISAI = "罹災証明書"
INKAN_KIND = "印鑑登録証明書"
FUHYO_KIND, JOFUHYO_KIND = "戸籍の附票の写し", "除附票の写し"  # domain.fuhyo
DEFAULT_FEES: dict[str, int] = {CertificateKind.JUMINHYO.value: 300, CertificateKind.JOHYO.value: 300,
                                CertificateKind.KISAI.value: 300, CertificateKind.TENSHUTSU.value: 0, RISAI: 0,
                                CertificateKind.JUNZURU.value: 300,
                                CertificateKind.JOHYO_KISAI.value: 300, FUHYO_KIND: 300, JOFUHYO_KIND: 300,
                                INKAN_KIND: 300}
KOUYOU_CATEGORY = RequesterKind.KOUYOU.value
DEFAULT_CATEGORIES: dict[str, int] = {KOUYOU_CATEGORY: 0, "生活保護": 0, "罹災": 0}  # name → 円 per copy (0: 無料)
ORDINARY = "通常"  # the 日計's name for a 交付 charged by the kind's 手数料
MAX_FEE = 10000


@dataclass(frozen=True, slots=True)
class FeeTable:
    """The 手数料 per copy of each kind, and the 無料・減免 categories (name → 円 per copy, 0 for 無料)."""

    kinds: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_FEES))
    categories: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))

    def per_copy(self, kind: str, category: str = "") -> int:
        """The 手数料 of one copy of `kind` in `category` ("": none); ValidationError for an unknown category."""
        if category == KOUYOU_CATEGORY:
            return 0
        if category:
            if category not in self.categories:
                raise KofuIncomplete(f"減免区分「{category}」は設定にありません")
            return self.categories[category]
        return self.kinds.get(kind, DEFAULT_FEES.get(kind, 0))


def fee_category(request_category: str, requester: RequesterKind) -> str:
    """The category a 交付 is charged and counted under: 公用 for a 公用請求 (free by law), else the one chosen."""
    return KOUYOU_CATEGORY if requester is RequesterKind.KOUYOU else request_category


class KofuRefused(ValidationError):
    """A request the rules refuse; the reason is shown to staff and recorded in the 交付履歴 (the 日計 counts it as
    拒否), unless it is only incomplete (`KofuIncomplete`)."""

    def __init__(self, message: str) -> None:
        super().__init__("交付請求", message)


class KofuOnHold(ValidationError):
    """Not a refusal the law makes: the 交付 cannot happen yet or here. It waits for a 係長's judgment
    (`domain.protection.JudgmentRequired`), for documents the cloud has not sent yet, or for a number not given yet
    (付番待ち), or a technical limit stops it (a character no font can draw). Shown to staff; the 交付履歴 does not
    record it as 拒否 and the 日計 does not count it; the audit records it as 交付保留."""


class KofuWaiting(KofuRefused, KofuOnHold):
    """A request the rules put on hold (`KofuOnHold`), not refuse."""


class KofuIncomplete(KofuRefused):
    """入力不備, not a refusal: what the requester must state is missing, a 宛名番号 names nobody, a 世帯連記式 holds
    two households, or a person's concurrent 異動 wait for a 係長. Shown to staff and put right at the counter; the
    交付履歴 does not record it and the 日計 does not count it."""


@dataclass(frozen=True, slots=True)
class Professional:
    """A 職務上請求 by a 特定事務受任者 (法12条の3第2項・第4項): what its 職務上請求書 states."""

    qualification: Qualification
    registration_no: str  # 登録番号
    office: str  # 事務所の名称
    form_no: str  # 職務上請求書の番号
    client: str  # 依頼者の氏名又は名称

    def to_json(self) -> dict[str, str]:
        return {"qualification": self.qualification.value, "registration_no": self.registration_no,
                "office": self.office, "form_no": self.form_no, "client": self.client}

    def missing(self) -> list[str]:
        return [label for label, value in (("登録番号", self.registration_no), ("事務所", self.office),
                                           ("職務上請求書の番号", self.form_no), ("依頼者", self.client))
                if not value]


@dataclass(frozen=True, slots=True)
class Requester:
    """Who asks, and how whoever stands at the counter was identified (法12条3項).

    本人等 are named by 宛名番号, and a 代理人 names its 委任者 (a 本人等) by 宛名番号: the registry vouches for them, and
    their names are taken from it (`name`, `principal_name`), never as typed. Everyone else states who they are.
    """

    kind: RequesterKind
    name: str  # 本人等: from the registry; 公用: 機関名; 代理人 and 第三者: as stated (法人は名称)
    identification: str  # 本人確認書類 (IDENTIFICATIONS) of whoever stands at the counter
    proxy_letter: str = ""  # 代理人: the 委任状
    atena_no: str = ""  # 本人等
    address: str = ""  # 代理人 and 第三者: 住所 (法人 and 職務上請求: the office's 所在地)
    principal_atena: str = ""  # 代理人: the 委任者
    principal_name: str = ""  # 代理人: the 委任者's name, from the registry
    evidence: str = ""  # 第三者: 疎明資料 (what shows the 請求事由)
    professional: Professional | None = None  # 第三者: a 職務上請求
    agency_officer: str = ""  # 公用: 請求の任に当たる者の職名・氏名
    legal_basis: str = ""  # 公用: 法令上の根拠

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": self.kind.value, "name": self.name, "identification": self.identification}
        for key in ("proxy_letter", "atena_no", "address", "principal_atena", "principal_name", "evidence",
                    "agency_officer", "legal_basis"):
            if value := getattr(self, key):
                found[key] = value
        if self.professional is not None:
            found["professional"] = self.professional.to_json()
        return found

    def names(self) -> list[tuple[str, str]]:
        """The persons this request stands for, as (role, name): compared with the 加害者 of a 支援措置."""
        found = [("請求者", self.name), ("委任者", self.principal_name)]
        if self.professional is not None:
            found.append(("依頼者", self.professional.client))
        return [(role, name) for role, name in found if name]

    def vouched(self) -> list[tuple[str, str]]:
        """The 本人等 this request names by 宛名番号, as (role, 宛名番号)."""
        return [(role, atena) for role, atena in (("請求者", self.atena_no), ("委任者", self.principal_atena)) if atena]


@dataclass(frozen=True, slots=True)
class KofuRequest:
    kind: CertificateKind
    atena_nos: tuple[str, ...]
    requester: Requester
    reason: str = ""  # 請求事由 (利用の目的)
    household: bool = False  # 世帯全員
    individual: bool = False  # 個人票 rather than 世帯連記式
    include: frozenset[Item] = field(default_factory=frozenset)
    copies: int = 1
    fee_category: str = ""  # 無料・減免の区分 (FeeTable.categories); "" charges the kind's 手数料
    residence: int = 0  # a 除票: which of the person's stays (`domain.history.Residence.number`); 0: the latest ended

    @property
    def one_household(self) -> bool:
        """A 世帯連記式: one sheet of one household (a 除票 is a 個人票 always, and so is a 住民票 with its history)."""
        return not self.individual and self.kind not in JOHYO_KINDS and Item.HISTORY not in self.include

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "atena_nos": list(self.atena_nos), "requester": self.requester.to_json(),
                "reason": self.reason, "household": self.household, "individual": self.individual,
                "include": sorted(i.value for i in self.include), "copies": self.copies,
                **({"fee_category": self.fee_category} if self.fee_category else {}),
                **({"residence": self.residence} if self.residence else {})}


@dataclass(frozen=True, slots=True)
class Decision:
    items: frozenset[Item]
    basic_only: bool  # a 第三者 receives the 基礎証明事項 (氏名, 生年月日, 性別, 住所) and what its need names
    disposal: Disposal
    fee: int
    fee_category: str = ""  # what the 交付 was charged under ("": the kind's 手数料)


def _text(values: Mapping[str, Any], key: str) -> str:
    return str(values.get(key) or "").strip()


def request_from(values: Mapping[str, Any]) -> KofuRequest:
    """A request from plain values (the command line, the dialog); a missing or wrong value is a ValidationError.
    What each kind of requester must state is checked when the request is decided (`check_requester`)."""
    try:
        kind = CertificateKind(values["kind"])
        requester_kind = RequesterKind(values["requester"])
        qualification = Qualification(values["qualification"]) if values.get("qualification") else None
    except (KeyError, ValueError):
        raise ValidationError("交付請求", "証明書の種類と請求者の種別（職務上請求は資格）を選んでください") from None
    atena_nos = tuple(str(a).strip() for a in values.get("atena_nos", ()) if str(a).strip())
    if not atena_nos:
        raise ValidationError("対象者", "証明書の対象者を指定してください")
    copies = values.get("copies", 1)
    if not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise ValidationError("通数", f"通数は1から{MAX_COPIES}までです")
    residence = values.get("residence") or 0
    if not isinstance(residence, int) or residence < 0:
        raise ValidationError("除票", "除票は第何回の住民票かを1以上の番号で指定してください")
    if residence and (kind not in JOHYO_KINDS or len(atena_nos) > 1):
        raise ValidationError("除票", "除票の指定は一人の除票の写し・除票記載事項証明書の請求だけです")
    honnin, dairinin = requester_kind is RequesterKind.HONNIN, requester_kind is RequesterKind.DAIRININ
    third, kouyou = requester_kind is RequesterKind.DAISANSHA, requester_kind is RequesterKind.KOUYOU
    professional = None
    if third and qualification is not None:
        professional = Professional(qualification, _text(values, "registration_no"), _text(values, "office"),
                                    _text(values, "form_no"), check_name(_text(values, "client"), "依頼者の氏名"))
    requester = Requester(
        requester_kind, "" if honnin else check_name(_text(values, "requester_name"), "請求者の氏名"),
        _text(values, "identification"),
        atena_no=_text(values, "requester_atena") if honnin else "",
        address=_text(values, "requester_address") if dairinin or third else "",
        proxy_letter=_text(values, "proxy_letter") if dairinin else "",
        principal_atena=_text(values, "principal_atena") if dairinin else "",
        evidence=_text(values, "evidence") if third else "", professional=professional,
        agency_officer=_text(values, "agency_officer") if kouyou else "",
        legal_basis=_text(values, "legal_basis") if kouyou else "")
    return KofuRequest(kind, atena_nos, requester, _text(values, "reason"),
                       bool(values.get("household")), bool(values.get("individual")),
                       frozenset(Item(i) for i in values.get("include", ())), copies, _text(values, "fee_category"),
                       residence)


def check_requester(request: KofuRequest) -> None:
    """What each kind of requester must state (法12条3項, 12条の2第2項, 12条の3第4項); KofuIncomplete names what
    is missing."""
    requester = request.requester
    kind = requester.kind
    if not requester.identification:
        raise KofuIncomplete("本人確認の方法を入力してください（法12条3項）")
    if kind is RequesterKind.HONNIN and not requester.atena_no:
        raise KofuIncomplete("本人等の請求では、請求者を本人または同一世帯の人から選んでください（宛名番号）")
    if kind is RequesterKind.KOUYOU:
        if not requester.name:
            raise KofuIncomplete("公用請求には請求する機関の名称を入力してください（法12条の2）")
        if not requester.agency_officer:
            raise KofuIncomplete("公用請求には請求の任に当たる職員の職名と氏名を入力してください（法12条の2）")
        if not requester.legal_basis:
            raise KofuIncomplete("公用請求には法令上の根拠（条項）を入力してください（法12条の2）")
    if kind is RequesterKind.DAIRININ:
        if not requester.name or not requester.address:
            raise KofuIncomplete("代理人の氏名と住所を入力してください")
        if not requester.proxy_letter:
            raise KofuIncomplete("代理人による請求には委任状が必要です")
        if not requester.principal_atena:
            raise KofuIncomplete("委任状の委任者（本人等）を宛名番号で指定してください")
    if kind is RequesterKind.DAISANSHA:
        if not requester.name or not requester.address:
            raise KofuIncomplete("第三者による請求には請求者の氏名と住所（法人・職務上請求は名称と事務所の所在地）が必要です"
                              + THIRD_PARTY_LAW)
        if requester.professional is not None and (missing := requester.professional.missing()):
            raise KofuIncomplete(f"職務上請求には{'・'.join(missing)}の記載が必要です（法12条の3第4項）")
        if requester.professional is None and not requester.evidence:
            raise KofuIncomplete("第三者による請求には請求事由を明らかにする疎明資料が必要です" + THIRD_PARTY_LAW)
    if kind in (RequesterKind.DAISANSHA, RequesterKind.KOUYOU) and not request.reason:
        raise KofuIncomplete(f"{kind.value}による請求には請求事由が必要です")


def check_entitled(request: KofuRequest, role: str, asker: Person, persons: Iterable[Person], today: dt.date) -> None:
    """法12条1項 (除票: 法15条の4): a 本人等 is the person, or a member of the same 世帯 (for a 除票 or 転出証明書, one who
    was in it), and living. `asker` is the 請求者 or the 委任者 of a 代理人 (`role`), as the registry holds them."""
    who = f"{role}の{asker.name}（宛名番号 {asker.atena_no}）"
    if asker.status is Status.DECEASED:
        raise KofuRefused(f"{who}は死亡により消除されています。本人等として請求できません")
    current_only = request.kind not in JOHYO_KINDS | MOVE_OUT_KINDS
    for p in persons:
        if p.atena_no == asker.atena_no:
            continue
        if p.setai_no != asker.setai_no or (current_only and not lives_here(asker, today)):
            raise KofuRefused(f"{who}は{p.name}（宛名番号 {p.atena_no}）と同一の世帯に属していないため本人等ではありません"
                              "（第三者または代理人として請求してください）")


@dataclass(frozen=True, slots=True)
class DataAge:
    """How old this replica's data is: when it last took in all the cloud held (None: never), by the terminal's
    clock, against the municipality's limit. A replica with no cloud to sync with (`replicated` false) waits for
    nothing: it is the only copy."""

    synced_at: dt.datetime | None
    now: dt.datetime
    limit: dt.timedelta
    replicated: bool

    @property
    def stale(self) -> bool:
        return self.replicated and (self.synced_at is None or self.now - self.synced_at > self.limit)

    def note(self) -> str:
        """What the 交付 screen says of it ("" when there is nothing to say)."""
        if not self.stale:
            return ""
        if self.synced_at is None:
            return "この端末はまだクラウドと同期していません"
        hours = int((self.now - self.synced_at).total_seconds() // 3600)
        since = f"{hours}時間" if hours < 48 else f"{hours // 24}日"
        return f"この端末のデータは最後の同期から{since}経過しています"

    def judgment_needed(self) -> str:
        """Why a request that needs fresh data (NEED_FRESH_DATA) waits for a supervisor's judgment."""
        return (f"{self.note()}。他の端末で始まった支援措置がまだ届いていないおそれがあるため、第三者・代理人の請求には"
                "係長の判断（判断者のサインインと理由）が必要です")

    def to_json(self) -> dict[str, Any]:
        hour = dt.timedelta(hours=1)
        age = {"age_hours": (self.now - self.synced_at) // hour} if self.synced_at else {}
        return {"synced_at": self.synced_at.isoformat(timespec="seconds") if self.synced_at else "never", **age,
                "replicated": self.replicated, "limit_hours": self.limit // hour, "stale": self.stale}


def lives_here(person: Person, today: dt.date) -> bool:
    return person.is_resident or moving_out_later(person, today)


def decide(request: KofuRequest, persons: Iterable[Person], forked: Iterable[str], today: dt.date,
           fees: FeeTable | None = None) -> Decision:
    """What may be printed for this request, and how it is handed over; KofuRefused with the reason otherwise."""
    persons = list(persons)
    requester = request.requester
    check_requester(request)
    if requester.kind is RequesterKind.DAISANSHA and request.include & NEVER_TO_THIRD_PARTIES:
        names = "・".join(sorted(i.value for i in request.include & NEVER_TO_THIRD_PARTIES))
        raise KofuRefused(f"第三者による請求には{names}を記載できません{THIRD_PARTY_LAW}")
    if unresolved := sorted(forked):
        raise KofuIncomplete(f"宛名番号 {'、'.join(unresolved)} の人には並行した異動があり要確認です。係長が確定するまで交付できません")
    check_kind(request, persons, today)
    if Item.HISTORY in request.include and (refused := history_refusal(request.kind, requester.kind)):
        raise KofuRefused(refused)
    if Item.OFFICES in request.include and request.kind not in OFFICES_KINDS:
        raise KofuIncomplete(OFFICES_ELSEWHERE)
    items = request.include
    disposal = Disposal.HANDED
    if requester.kind is RequesterKind.DAIRININ and Item.MYNUMBER in items:
        disposal = Disposal.MAILED
    if request.fee_category == KOUYOU_CATEGORY and requester.kind is not RequesterKind.KOUYOU:
        raise KofuIncomplete("減免区分「公用」は公用請求（請求者の種別: 公用）に限ります")
    category = fee_category(request.fee_category, requester.kind)
    fee = (fees or FeeTable()).per_copy(request.kind.value, category) * request.copies
    return Decision(items, requester.kind is RequesterKind.DAISANSHA, disposal, fee, category)


def check_kind(request: KofuRequest, persons: list[Person], today: dt.date) -> None:
    """Whether this kind of certificate may be asked for these persons by this kind of requester (before anything
    else is looked at: a 第三者 asking for a 転出証明書 is refused as such, whatever was issued before)."""
    kind = request.kind
    if kind in (CertificateKind.JUMINHYO, CertificateKind.KISAI):
        for p in persons:
            if not lives_here(p, today):
                raise KofuRefused(f"{p.name}（{p.atena_no}）は住民ではありません（除票の写しを請求してください）")
    elif kind in JOHYO_KINDS:
        for p in persons:
            if lives_here(p, today):
                when = "（転出予定日の前です）" if moving_out_later(p, today) else ""
                raise KofuRefused(f"{p.name}（{p.atena_no}）の住民票はまだ除票になっていません{when}")
    elif kind in MOVE_OUT_KINDS:
        if request.requester.kind not in (RequesterKind.HONNIN, RequesterKind.DAIRININ):
            raise KofuRefused(f"{kind.value}は転出する本人等（または代理人）にだけ交付します")
        for p in persons:
            if kind is CertificateKind.TENSHUTSU and not moved_out_by_notice(p):
                raise KofuRefused(f"{p.name}（{p.atena_no}）には国内転出の届出が記録されていません")
            if kind is CertificateKind.JUNZURU and not removed_ex_officio(p):
                raise KofuRefused(f"{p.name}（{p.atena_no}）の住民票は職権で消除されていません"
                                  "（転出届をした人には転出証明書を交付します）")
            if missing := [label for label, value in (("住民票コード", p.juminhyo_code), ("個人番号", p.mynumber))
                           if not value]:
                raise KofuWaiting(f"{p.name}（{p.atena_no}）の{'・'.join(missing)}が記録されていないため{kind.value}を"
                                  "交付できません（施行令24条：転出証明書には住民票コードと個人番号を記載します）")


def moved_out_by_notice(person: Person) -> bool:
    """A 国内転出 recorded from a 転出届: the one a 転出証明書 is issued for (施行令23条)."""
    removal = person.removal
    return person.status is Status.MOVED_OUT and removal is not None and removal.reason == "国内転出"


def removed_ex_officio(person: Person) -> bool:
    """消除 by 職権 (moved away without a 転出届): the one a 転出証明書に準ずる証明書 is issued for."""
    removal = person.removal
    return person.status is Status.REMOVED and removal is not None and removal.reason == "職権消除"


def unnumbered_items(person: Person) -> dict[Item, str]:
    """付番待ち: the 住民票コード and 個人番号 a resident does not have yet, each with why it cannot be printed."""
    waiting = {Item.JUMINHYO_CODE: person.juminhyo_code, Item.MYNUMBER: person.mynumber}
    return {item: f"{item.value}は付番待ちのため記載できません" for item, value in waiting.items()
            if person.is_resident and not value}


HISTORY_KINDS = frozenset({CertificateKind.JUMINHYO, CertificateKind.JOHYO})
# 法7条9号〜11号の2 are printed on a 記載事項証明書 that asks for them (and always on the 転出証明書, 施行令24条).
OFFICES_KINDS = frozenset({CertificateKind.KISAI, CertificateKind.JOHYO_KISAI})
OFFICES_ELSEWHERE = f"{Item.OFFICES.value}は記載事項証明書で請求してください（住民票の写しには記載しません）"


def history_refusal(kind: CertificateKind, requester: RequesterKind) -> str:
    """Why the 異動の履歴 cannot be printed on this request ("" when it can). It is a 写し's (a 記載事項証明書
    certifies chosen items, not the history); a 第三者 receives the 基礎証明事項 and only the 本籍・続柄 its need names
    (法12条の3), which the history of 異動事由, 届出日 and 前住所 is not."""
    if kind not in HISTORY_KINDS:
        return f"{kind.value}には異動の履歴を記載しません（住民票・除票の写しの個人票で請求してください）"
    if requester is RequesterKind.DAISANSHA:
        return f"第三者による請求には異動の履歴を記載しません{THIRD_PARTY_LAW}"
    return ""


def item_refusals(kind: CertificateKind, requester: RequesterKind, person: Person) -> dict[Item, str]:
    """The 省略 choices that cannot be asked for in this request, each with the reason (for the 交付 screen)."""
    if kind in MOVE_OUT_KINDS:
        return {item: f"{kind.value}には全項目を記載します" for item in Item}
    refused: dict[Item, str] = unnumbered_items(person)
    if history := history_refusal(kind, requester):
        refused[Item.HISTORY] = history
    if kind not in OFFICES_KINDS:
        refused[Item.OFFICES] = OFFICES_ELSEWHERE
    if requester is RequesterKind.DAISANSHA:
        refused |= {item: f"第三者による請求には記載できません{THIRD_PARTY_LAW}" for item in NEVER_TO_THIRD_PARTIES}
    if person.foreign is None:
        refused[Item.ZAIRYU] = "外国人住民の項目です"
    else:
        refused[Item.HONSEKI] = "外国人住民には本籍がありません"
    return refused


def ended(stays: Sequence[Residence], living: bool) -> list[Residence]:
    """A person's 除票: every stay but the last, and the last too unless they live here (`lives_here`)."""
    return [s for s in stays if s is not stays[-1] or not living]


def johyo_stay(stays: Sequence[Residence], number: int, today: dt.date) -> Residence:
    """The stay a request for a 除票 names (`KofuRequest.residence`; 0: the latest 除票). A stay that has not ended is
    returned as it is: the kind's rule refuses it as no 除票 yet."""
    if not number:
        gone = ended(stays, lives_here(stays[-1].row, today))
        return gone[-1] if gone else stays[-1]
    found = next((s for s in stays if s.number == number), None)
    if found is None:
        listed = "、".join(s.describe() for s in ended(stays, lives_here(stays[-1].row, today))) or "なし"
        raise KofuIncomplete(f"{stays[-1].row.name}（{stays[-1].row.atena_no}）に第{number}回の住民票はありません"
                             f"（除票: {listed}）")
    return found


def kind_refusal(kind: CertificateKind, requester: RequesterKind, person: Person, today: dt.date) -> str:
    """Why this kind of certificate cannot be issued for this person to this requester ("" when it can)."""
    request = KofuRequest(kind, (person.atena_no,), Requester(requester, "", ""))
    try:
        check_kind(request, [person], today)
    except KofuRefused as exc:
        return exc.message
    return ""


def suggested_kind(person: Person, today: dt.date) -> CertificateKind:
    """The certificate the counter most likely wants: a 転出証明書 right after a 国内転出, a 除票 for a former
    resident, a 住民票の写し otherwise."""
    removal = person.removal
    if person.status is Status.MOVED_OUT and removal is not None and removal.reason == "国内転出":
        return CertificateKind.TENSHUTSU
    return CertificateKind.JUMINHYO if lives_here(person, today) else CertificateKind.JOHYO
