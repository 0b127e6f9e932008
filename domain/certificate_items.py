"""What a certificate shows: its items, labels and dates as the standard specification has them (§1.4, §1.5, §5).

`build_certificate` turns a decided request and the persons' current rows into a `Certificate`: plain strings in the
order they are printed, split into pages. The forms in `reports/` only place these strings; they add nothing but the
page number. Dates are 和暦, except the 生年月日 and 在留期間の満了の日 of foreign residents (西暦).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain import office_items
from domain.errors import ValidationError
from domain.history import Step
from domain.idou import MOVE_OUT
from domain.kofu_rules import (
    JOHYO_KINDS,
    MOVE_OUT_KINDS,
    CertificateKind,
    Decision,
    Item,
    KofuRequest,
    KofuWaiting,
    RequesterKind,
    moving_out_later,
    unnumbered_items,
)
from domain.records import CATEGORY_ITEMS, LABELS, NAME_ALPHABET, ForeignItems, Person, ResidentKind
from domain.wareki import RegDate, format_seireki, format_wareki

PERSONS_PER_PAGE = 4  # 世帯連記式 (§1.5)
SEAL_NOTE = "この印は黒色です"
END_MARK = "以下余白"  # after the last person of the last page: nothing can be added below
REISSUE = "再交付"  # beside the title of a certificate issued again with the original's rows (§4.1.3.0.3)
MESSAGE_PREFIX = b"MADOGUCHI-CERT-1\n"
# The 異動の履歴 of a 個人票: one line for the 前住所, then one for each 異動 of the stay.
HISTORY_HEADINGS = ("異動事由", "異動日", "届出日", "異動後の住所")
PREVIOUS_ADDRESS = "前住所"
PAGE_ROWS = 20  # rows of a 個人票 page: one for each item, the history's heading and each of its lines


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Signatory:
    """認証者: the 市区町村長, or the 職務代理者 during a configured period (§1.3.9, §5.6)."""

    title: str
    name: str


@dataclass(frozen=True, slots=True)
class Certificate:
    title: str
    kouyou: bool  # 「公用」 is printed (§5.7)
    individual: bool  # 個人票 (one person a page) rather than 世帯連記式
    header: tuple[Field, ...]  # 住所 and 世帯主 of a 世帯連記式 sheet, on every page
    pages: tuple[tuple[tuple[Field, ...], ...], ...]  # each page: its persons, each a tuple of fields
    attestation: str  # 認証文, last page only
    issued_on: str  # 交付年月日 in 和暦
    signatory: Signatory
    issue_number: str  # 発行番号 without the page part
    seal_png: bytes | None
    # 個人票 with 異動の履歴: each page's lines of the history (HISTORY_HEADINGS as labels); () when none is printed
    history: tuple[tuple[tuple[Field, ...], ...], ...] = ()

    def history_on(self, page: int) -> tuple[tuple[Field, ...], ...]:
        """The history lines printed on one page (1-based)."""
        return self.history[page - 1] if self.history else ()

    def page_issue_number(self, page: int) -> str:
        """発行番号 of one page (1-based), as §5.5 writes it: `… 連番 ページ/総ページ`."""
        return f"{self.issue_number} {page}/{len(self.pages)}"


def issue_number(day: dt.date, municipality: str, terminal: str, printer: str, serial: int) -> str:
    """発行番号 (§5.5): `発行年月日 市区町村名 発行端末名番号 プリンタ番号 連番`, e.g. `20200502 ●●市 本庁1 プリンタ001 011`."""
    return f"{day:%Y%m%d} {municipality} {terminal} {printer} {serial:03d}"


def certificate_message(issue_no: str, digest: bytes) -> bytes:
    """The bytes the municipality signs for one copy: its 発行番号 and the digest of every printed item."""
    return MESSAGE_PREFIX + issue_no.encode("utf-8") + b"\n" + digest


TERMINAL_KEY_LABEL = b"madoguchi terminal signing key v1\n"


def terminal_key_message(public_key: bytes) -> bytes:
    """What the municipality signs to certify a terminal's own signing key (its raw Ed25519 public key)."""
    return TERMINAL_KEY_LABEL + public_key


def signatory(settings: Mapping[str, Any], prefecture: str, today: dt.date) -> Signatory:
    """The 認証者 in force today; the title carries the 都道府県名 (§5.6). A blank name is not allowed."""
    title, name = str(settings.get("mayor_title", "")), str(settings.get("mayor_name", ""))
    for deputy in settings.get("deputies", ()):
        if deputy["from"] <= today.isoformat() <= deputy["to"]:
            title, name = str(deputy["title"]), str(deputy["name"])
    if not title.strip() or not name.strip():
        raise ValidationError("認証者", "市区町村長（または職務代理者）の職名と氏名が設定されていません")
    if not title.startswith(prefecture):
        title = prefecture + title
    return Signatory(title, name)


def attestation(request: KofuRequest) -> str:
    """認証文 (registry facts §1.5; the 一部 and 記載事項 variants follow the same wording)."""
    match request.kind:
        case CertificateKind.JUMINHYO:
            whose = "世帯全員の" if request.household else ""
            return f"この写しは、{whose}住民票の原本と相違ないことを証明する。"
        case CertificateKind.JOHYO:
            return "この写しは、除票の原本と相違ないことを証明する。"
        case CertificateKind.KISAI:
            return "上記の事項は、住民票に記載されていることを証明する。"
        case CertificateKind.TENSHUTSU:
            return "上記の者は、転出の届出をしたことを証明する。"
        case CertificateKind.JUNZURU:
            return "上記の者の住民票は、職権により消除したことを証明する。"
        case CertificateKind.JOHYO_KISAI:
            return "上記の事項は、除票に記載されていることを証明する。"
    raise AssertionError(request.kind)


def _date(value: RegDate | None) -> str:
    return format_wareki(value) if value is not None else ""


def address_set_on(p: Person) -> RegDate | None:
    """法7条7号 住所を定めた年月日 as the 住民票 shows it, on the 照会 and on every certificate alike: the day of the last
    move within the town; none (空欄) for one who never moved within it, whose 住民となった年月日 is that day."""
    return p.address_since if p.address_since is not None and p.address_since != p.resident_since else None


def _birth(p: Person) -> str:
    foreign = p.kind is ResidentKind.FOREIGN
    return format_seireki(p.birth) if foreign and not p.birth.is_unknown else format_wareki(p.birth)


def _bare(text: str) -> str:
    return "".join(text.split())


def _name(p: Person) -> list[Field]:
    """氏名, with the フリガナ in katakana in parentheses only where its 確認フラグ is set (§5.3, §1.1.18) and the
    name is not itself that katakana."""
    kana = p.kana_confirmed and p.name_kana and _bare(p.name_kana) != _bare(p.name)  # not a katakana name twice
    fields = [Field("氏名", f"{p.name}　（{p.name_kana}）" if kana else p.name)]
    if p.foreign is not None:
        if p.foreign.alphabet_name and p.foreign.alphabet_name != p.name:  # in the order of the 氏名の優先区分
            alphabet = Field("氏名（アルファベット）", p.foreign.alphabet_name)
            fields = [alphabet, *fields] if p.foreign.name_priority == NAME_ALPHABET else [*fields, alphabet]
        if p.foreign.tsusho:
            fields.append(Field("通称", p.foreign.tsusho))
    if p.former_surname:
        kana = p.former_surname_kana if p.kana_confirmed else ""
        fields.append(Field("旧氏", f"{p.former_surname}　（{kana}）" if kana else p.former_surname))
    return fields


def _foreign(p: Person, items: frozenset[Item], full: bool) -> list[Field]:
    """The items of 法30条の45 (its 外国人住民となった年月日 is printed with the dates of 法7条)."""
    f = p.foreign
    if f is None:
        return []
    fields = [Field("国籍・地域", f.nationality)]
    if full or Item.ZAIRYU in items:
        fields.append(Field("法第30条の45に規定する区分", f.category))
        fields += [Field(LABELS[f"foreign.{key}"], _foreign_item(f, key)) for key in CATEGORY_ITEMS.get(f.category, ())]
    return fields


def _foreign_item(f: ForeignItems, key: str) -> str:
    """One item of 法30条の45 as printed: the 在留期間の満了の日 in 西暦 (§1.1.9), the others as recorded."""
    value = getattr(f, key)
    return format_seireki(value) if isinstance(value, RegDate) else value or ""


def _honseki(p: Person) -> list[Field]:
    if p.kind is ResidentKind.FOREIGN or p.honseki is None:
        return []
    return [Field("本籍", p.honseki.display()), Field("筆頭者", p.honseki.head)]


def printed_relationship(relationship: str) -> str:
    """続柄 as the specification writes it (§1.1.11): 妻（未届）, with full-width parentheses (held half-width)."""
    return relationship.replace("(", "（").replace(")", "）")


def _became_resident(p: Person) -> Field:
    """法7条6号 住民となった年月日; for a foreign resident 法30条の45 puts 外国人住民となった年月日 in its place."""
    if p.foreign is not None:
        return Field("外国人住民となった年月日", format_wareki(p.foreign.became_resident))
    return Field("住民となった年月日", _date(p.resident_since))


def _entry_notified_on(p: Person) -> RegDate | None:
    """法7条8号 届出の年月日: of the 届出 by which the person came (or of the 職権記載); a row recorded before it was
    kept shows the 届出日 it holds."""
    return p.entry_notified_on if p.entry_notified_on is not None else p.notified_on


def person_fields(kind: CertificateKind, p: Person, decision: Decision, *, with_address: bool) -> tuple[Field, ...]:
    """One person's printed items in the order of the form."""
    if kind in MOVE_OUT_KINDS:
        return move_out_fields(kind, p, with_address=with_address)
    items = decision.items
    fields = _name(p) + [Field("生年月日", _birth(p)), Field("性別", p.sex.value)]
    if Item.SETAINUSHI in items:
        fields.append(Field("続柄", printed_relationship(p.relationship)))
    if with_address:
        fields.append(Field("住所", p.address.full()))
    # 基礎証明事項 (法12条の3第1項: 法7条1–3号 and 7号) are printed for everyone; the rest not for a 第三者.
    basic = decision.basic_only or kind in (CertificateKind.KISAI, CertificateKind.JOHYO_KISAI)
    if not basic:
        fields.append(_became_resident(p))
    fields.append(Field("住所を定めた年月日", _date(address_set_on(p))))
    if not basic:
        fields.append(Field("届出日", _date(_entry_notified_on(p))))
        fields.append(Field("転入前住所", p.previous_address))
    if not decision.basic_only:
        fields += _foreign(p, items, False)
    if Item.HONSEKI in items:
        fields += _honseki(p)
    if Item.JUMINHYO_CODE in items:
        fields.append(Field("住民票コード", p.juminhyo_code))
    if Item.MYNUMBER in items:
        fields.append(Field("個人番号", p.mynumber))
    if Item.OFFICES in items:
        fields += _offices(p, tuple(office_items.NAMES))
    if kind in JOHYO_KINDS and p.removal is not None:
        fields.append(Field("消除事由", p.removal.reason))
        label = "転出予定年月日" if p.removal.reason in MOVE_OUT else "事由の生じた年月日"
        fields.append(Field(label, format_wareki(p.removal.date)))
        if p.removal.destination:
            fields.append(Field("転出先住所", p.removal.destination))
    return tuple(fields)


def _offices(p: Person, keys: Sequence[str]) -> list[Field]:
    """法7条9号〜11号の2, each as the 住民票 has it (「記載なし」 where nothing is recorded)."""
    return [Field(office_items.NAMES[key], office_items.entry_text(p.offices, key, format_wareki)) for key in keys]


def move_out_fields(kind: CertificateKind, p: Person, *, with_address: bool) -> tuple[Field, ...]:
    """The 転出証明書 (or the 転出証明書に準ずる証明書) of one person: what 施行令24条 requires and nothing else (no
    住民となった年月日, 住所を定めた年月日 or 転入前住所, which the new town records anew): 氏名, 出生の年月日, 男女の別,
    続柄 (the 世帯主 is on the sheet), 住所, the 法30条の45 items of a foreign resident, 戸籍の表示, 住民票コード,
    個人番号, the 国民健康保険・後期高齢者医療・介護保険・国民年金・児童手当 entries (法7条10号〜11号の2), then the
    転出先, the 転出予定年月日 and the 転出届's 届出日 (for the 準ずる証明書: the 職権消除 and its day)."""
    fields = _name(p) + [Field("生年月日", _birth(p)), Field("性別", p.sex.value),
                         Field("続柄", printed_relationship(p.relationship))]
    if with_address:
        fields.append(Field("住所", p.address.full()))
    fields += _foreign(p, frozenset(), True) + _honseki(p)
    fields += [Field("住民票コード", p.juminhyo_code), Field("個人番号", p.mynumber)]
    fields += _offices(p, office_items.TENSHUTSU_KEYS)
    removal = p.removal
    assert removal is not None  # kofu_rules lets only a person 消除 or moving out have these
    if kind is CertificateKind.TENSHUTSU:
        fields += [Field("転出先住所", removal.destination), Field("転出予定年月日", format_wareki(removal.date)),
                   Field("転出届の届出年月日", _date(p.notified_on))]  # the 届出日 of the row the 転出届 made
    else:
        fields += [Field("消除事由", removal.reason), Field("事由の生じた年月日", format_wareki(removal.date))]
        if removal.destination:
            fields.append(Field("転出先住所", removal.destination))
    return tuple(fields)


def history_lines(steps: Sequence[Step], kind: CertificateKind, today: dt.date) -> list[tuple[Field, ...]]:
    """The 異動の履歴 of one stay, a line each: the 前住所 (the 転入前住所 of the 記載 that opened the stay), then every
    異動 with its 異動事由, 異動日, 届出日 and the address after it (after a 転出, the 転出先). On a 住民票 a 転出
    whose 予定日 has not come is not printed (§5.1)."""
    lines = []
    if steps and steps[0].row.previous_address:
        lines.append((PREVIOUS_ADDRESS, "", "", steps[0].row.previous_address))
    for step in steps:
        row = step.row
        if kind is CertificateKind.JUMINHYO and step.reason in MOVE_OUT and moving_out_later(row, today):
            continue
        after = row.removal.destination if step.reason in MOVE_OUT and row.removal is not None else ""
        lines.append((step.reason, _date(step.idou_date), _date(step.notified_on), after or row.address.full()))
    return [tuple(Field(h, v) for h, v in zip(HISTORY_HEADINGS, line, strict=True)) for line in lines]


def _with_history(sheets: Sequence[tuple[Field, ...]], persons: Sequence[Person], steps: Mapping[str, Sequence[Step]],
                  kind: CertificateKind, today: dt.date
                  ) -> tuple[list[tuple[tuple[Field, ...], ...]], list[tuple[tuple[Field, ...], ...]]]:
    """個人票 pages with each person's 異動の履歴 below their items, continued on pages of their own (under the
    person's 氏名) when it does not fit: (the pages' persons, the pages' history lines)."""
    pages: list[tuple[tuple[Field, ...], ...]] = []
    history: list[tuple[tuple[Field, ...], ...]] = []
    for fields, p in zip(sheets, persons, strict=True):
        lines = history_lines(steps.get(p.atena_no, ()), kind, today)
        room = max(0, PAGE_ROWS - len(fields) - 1)  # the heading takes a row
        pages.append((fields,))
        history.append(tuple(lines[:room]))
        rest = lines[room:]
        while rest:
            pages.append((tuple(_name(p)[:1]),))
            history.append(tuple(rest[:PAGE_ROWS - 2]))
            rest = rest[PAGE_ROWS - 2:]
    return pages, history


def _check_numbered(decision: Decision, persons: Sequence[Person]) -> None:
    """A 住民票コード or 個人番号 asked for that a person does not have yet (付番待ち) is not printed blank: the 交付
    waits for the number, saying why."""
    for p in persons:
        for item, reason in unnumbered_items(p).items():
            if item in decision.items:
                raise KofuWaiting(f"{p.name}（{p.atena_no}）の{reason}")


def build_certificate(
    request: KofuRequest,
    decision: Decision,
    persons: Sequence[Person],
    head: Person | None,
    *,
    signed_by: Signatory,
    issued_on: dt.date,
    issue_no: str,
    seal_png: bytes | None,
    steps: Mapping[str, Sequence[Step]] | None = None,
    reissue: bool = False,
) -> Certificate:
    """The printed content of one copy; `persons` in the household's order, `head` the 世帯主 if any; `steps`, by
    宛名番号, the 異動 of each person's stay, printed as the 異動の履歴 when it is asked for; `reissue`: a 再交付, which
    prints the rows of the 交付 it repeats (a 転出証明書 issued again for one lost, §4.1.3.0.3), titled 「再交付」."""
    _check_numbered(decision, persons)
    with_history = Item.HISTORY in decision.items
    # 除票 are 個人票 only (§1.5), and so is a 写し with its history: the 世帯連記式 shows the latest items only.
    individual = request.individual or request.kind in JOHYO_KINDS or with_history
    show_head = request.kind in MOVE_OUT_KINDS or Item.SETAINUSHI in decision.items
    header: tuple[Field, ...] = ()
    if not individual:
        header = (Field("住所", persons[0].address.full()),)
        if show_head:
            header += (Field("世帯主", head.name if head is not None else ""),)
    sheets = []
    for p in persons:
        fields = person_fields(request.kind, p, decision, with_address=individual)
        if individual and show_head:
            fields = (Field("世帯主", head.name if head is not None else ""),) + fields
        sheets.append(fields)
    per_page = 1 if individual else PERSONS_PER_PAGE
    pages = [tuple(sheets[i:i + per_page]) for i in range(0, len(sheets), per_page)]
    history: list[tuple[tuple[Field, ...], ...]] = []
    if with_history:
        pages, history = _with_history(sheets, persons, steps or {}, request.kind, issued_on)
    return Certificate(
        title=f"{request.kind.value}（{REISSUE}）" if reissue else request.kind.value,
        kouyou=request.requester.kind is RequesterKind.KOUYOU,
        individual=individual,
        header=header,
        pages=tuple(pages),
        attestation=attestation(request),
        issued_on=format_wareki(issued_on),
        signatory=signed_by,
        issue_number=issue_no,
        seal_png=seal_png,
        history=tuple(history),
    )
