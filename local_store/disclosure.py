"""The one check every disclosure of personal data passes: the 照会 of a person, a search, the 交付 of any
certificate, a list of persons on a screen, an export to a file.

It decides by the 支援措置 in force (and, for a certificate, by who asks and a supervisor's judgment) and records the
disclosure in the audit. Every business area calls it where its data leaves the registry; none decides for itself
who may see a protected person.

- **照会** (`inquiry`): the person is shown with the measures in force (加害者 and note for 係長 and above only),
  audited as 照会（支援措置対象者） when she is protected.
- **Search and look-ups** (`search`, `lookup`, `marked`): a search finds what the counter typed, a look-up what the
  counter was given (a 世帯番号, the フリガナ and 生年月日 of one moving in), so every hit is shown, and each row
  carries whether the person is protected (a marker for every staff member, so the counter knows to be careful);
  the protected persons among the hits are named in an entry 照会（支援措置対象者）: seeing her row is a 照会.
- **Certificates** (`certificate`): a named 加害者 is refused always, the protected person needs a photo ID, anyone
  else a 係長's judgment (see `CertificateCheck`).
- **Who stands in an application** (`stand_in`): a 代理人 or 保証人 named as a 加害者 of the person is refused (a
  印鑑登録 by 委任状, whose 照会書 goes to her registered address and never to one the 代理人 gives, or by 保証書).
- **Lists** (`listing`): a row about a person under a measure in force is left out of a list on a screen or the
  command line unless the staff member is 係長 or above, is left out of a file whoever writes it, and stays in the
  notices the law owes to other offices. The audit entry of the list says how many rows were left out, or names the
  protected persons shown.
- **閲覧用リスト** (`listing` with `Use.ETSURAN`): the list of a 閲覧 (法11条, 11条の2) never holds a person under a
  measure in force, whoever makes it (a 支援措置 is asked for precisely so that nobody finds her address this way).

Every disclosure path and where it calls the check (tests/local_store/test_disclosure_paths.py keeps this table
whole: a service method that returns persons' data and is not in it fails the test):

| path | command line / window | service method | check |
|---|---|---|---|
| 照会 | `show` / 照会 pane | ResidentsService.person | inquiry |
| 交付履歴 of a person | `certificates-history` / 照会 pane (in ResidentsService.person) | KofuService.lines_of | inquiry |
| search | `search` / search box, result table | ResidentsService.search | search |
| search result rows | `search` / result table | ResidentsService.summaries | marked |
| 同一人の確認 (転入) | 異動 entry | ResidentsService.returning_candidates | lookup, marked |
| 個人番号 shown in full | 照会 pane | ResidentsService.record_mynumber_shown | mynumber_shown |
| 住民票の写し and its family | `certificate` / 交付 (F8) | KofuService.issue | certificate |
| 再交付 | `certificate-reissue` / 照会's 交付履歴 | KofuService.reissue | certificate |
| 罹災証明書 | `disaster certificate` / 被災者台帳 | DisasterService.issue_risai | certificate |
| 附票の写し・除附票の写し | `fuhyo certificate` / 戸籍の附票 (F8) | FuhyoService.issue | certificate |
| 附票 search | `fuhyo search` / 戸籍の附票 | FuhyoService.search | lookup |
| 照会 of a 附票 | `fuhyo show` / 戸籍の附票 | FuhyoService.show | inquiry (each resident in it), elsewhere (the others) |
| a resident's 附票 | 照会 pane | FuhyoService.of_person | inquiry (ResidentsService.person's: her own entry) |
| a received 附票 notice | `fuhyo notice` | FuhyoService.notice_plan | listing |
| 印鑑登録証明書 | `inkan certificate` / 印鑑登録 (証明書) | InkanService.certificate | certificate |
| 印鑑登録 of a person | `inkan show` / 印鑑登録 | InkanService.show | inquiry |
| 印鑑登録原票 and 印鑑登録証 | `inkan record` / 印鑑登録 | InkanService.record | inquiry |
| 印鑑登録 by a 代理人 or 保証人 | `inkan register --proxy-name`, `--guarantor` / 印鑑登録 | InkanService.register | stand_in |
| 住民票コード通知票 | `code-notice` / 異動 (登録後) | IdouService.code_notice | inquiry (hers alone: a 支援措置 does not withhold it) |
| 被災者台帳 | `disaster list` / 被災者台帳 | DisasterService.ledger | listing |
| one household's dwellings | `disaster list --household` / 「この世帯のみ」 | DisasterService.ledger (`setai_no`) | lookup |
| 被災者台帳 CSV | `disaster list --csv` / 被災者台帳 | DisasterService.ledger_csv | listing (file) |
| 付番待ち（個人番号） | `numbers waiting` / 付番待ち一覧 | MynumberService.awaiting | listing, marked |
| 付番待ち（住民票コード） | `numbers waiting --kind juminhyo-code` / 付番待ち | CodesService.awaiting | listing, marked |
| 通知一覧 | `notices list` / 通知 | NoticesService.outgoing | listing |
| 通知の持出し | `notices export` / 通知 | NoticesService.export | listing (notice) |
| 受付通知一覧 | `notices inbox` / 通知 | NoticesService.inbox | listing |
| a received notice | `notices show` / 通知 | NoticesService.proposal | listing |
| 異動一覧・日計 | `report daily` / 異動一覧・日計 | DailyService.report | listing |
| 閲覧用リスト | `etsuran list` / 閲覧 | EtsuranService.make_list | listing (閲覧) |
| 閲覧用リスト printed or saved again | 閲覧 (Ctrl+P, PDFで保存) | EtsuranService.recheck | listing (閲覧) |
| 要確認（並行した異動） | `review` / 要確認・競合・隔離 | ReviewService.forked_persons | listing |
| 番号重複 | `review` / 要確認・競合・隔離 | ReviewService.duplicate_numbers | listing |
| 同一人の疑い | `review` / 要確認・競合・隔離 | ReviewService.same_persons | listing |
| 印鑑登録の二重登録 | `review` / 要確認・競合・隔離 | InkanService.forks | listing |
| 氏名の変更と印鑑登録 | `apply` / 異動 (the 印鑑登録 room opened to ask) | InkanService.name_changes | listing |
| residents living alone (demo data) | | ResidentsService.living_alone | withheld |

Not through it, and why: 人口統計 and the open data (StatisticsService: aggregates, which count everyone, as the
README says); a bundle's 持出し and the cloud (replication of encrypted documents between the town's own terminals,
not a disclosure to a person); the raw 交付履歴 (KofuService.history: read by no screen or command), the 操作記録
(AuditService, 係長 and above) and the 支援措置 list (ProtectionService.measures, 係長 and above), whose entries name
persons by 宛名番号 only; a received notice applied or rejected (NoticesService.apply, .reject) by its id, which
only the inbox shows, to whom may see it; the 閲覧 requests and their 公表 (EtsuranService.cases, .publication,
.publication_csv): the 申出者 and 閲覧者 who asked, whose 公表 the law orders, and no resident; a 印鑑登録 written
(InkanService.register, .confirm, .abolish, .lost) returns only what the clerk wrote; a person's registrations in the 照会 pane (InkanService.of_person) are part of the
照会 already audited; the number of forks in the status bar (ReviewService.fork_count) names nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any, TypeVar

from domain import protection as rules
from domain.errors import ValidationError
from domain.kofu_rules import NEED_FRESH_DATA, DataAge, KofuRequest
from domain.protection import Measure, Process
from domain.records import Person
from domain.roles import Permission, allowed
from local_store import protection
from local_store.context import StoreContext
from local_store.database import Connection
from local_store.protection import Judgment, Protection
from local_store.protection_service import ProtectionService
from local_store.search import PersonSummary
from local_store.staff import Staff
from local_store.staff_service import StaffService

INQUIRY, INQUIRY_PROTECTED = "照会", "照会（支援措置対象者）"
JUDGED, JUDGMENT_REFUSED = "交付判断", "交付判断拒否"
JUDGED_PROTECTED, JUDGED_STALE = "支援措置", "同期遅延"  # what a judgment was needed for
SAME_JUDGE = "判断は、この請求を処理する職員とは別の係長以上の職員が行ってください（二人で確認します）"
Row = TypeVar("Row")


class Use(StrEnum):
    """What a list is for, which decides who may see the protected persons in it."""

    SCREEN = "画面"  # shown on a screen or printed by the command line: to 係長 and above only
    FILE = "ファイル"  # written to a file that leaves the counter: left out, whoever writes it
    NOTICE = "通知"  # the notices the law owes to other offices: kept (the office that receives them protects too)
    ETSURAN = "閲覧"  # a 閲覧用リスト (法11条, 11条の2): left out, whoever makes it


class CertificateCheck:
    """The check of one 交付, called inside its transaction with the persons the certificate prints; returns what
    the 交付履歴 keeps of it: how old this replica's data was, the 支援措置 check and the judgment. When it refuses
    for a measure, `refused_by` names the measures, for the refusal's record (`refusal_record`).

    `request` is as the registry vouched for it (its 本人等 by 宛名番号, with their names). A named 加害者 is refused
    whatever; a supervisor's judgment is needed for a protected person asked for by anyone but herself, and for a
    第三者 or 代理人 request on a replica whose data is older than the municipality's limit (it may lack a measure
    started on another terminal). 本人等 never wait for fresh data: the counter works through a disaster."""

    def __init__(self, protections: ProtectionService, ctx: StoreContext, actor: Staff, request: KofuRequest,
                 judgment: Judgment | None, data_age: DataAge | None) -> None:
        self._protections = protections
        self._ctx = ctx
        self._actor = actor
        self._request = request
        self._judgment = judgment
        self._data_age = data_age
        self.refused_by: tuple[Measure, ...] = ()

    def _data(self) -> dict[str, Any]:
        return {"data": self._data_age.to_json()} if self._data_age is not None else {}

    def refusal_record(self) -> dict[str, Any]:
        """What the 交付履歴 keeps of the check when the request was refused."""
        measures = {"protection": {"measures": sorted(m.id for m in self.refused_by)}} if self.refused_by else {}
        return self._data() | measures

    def __call__(self, printed: list[Person], others: Sequence[str] = ()) -> Mapping[str, Any]:
        """`others`: the persons printed who are not in the registry, as a measure names them (a 附票's members who
        live elsewhere: `domain.fuhyo.member_target`)."""
        conn, request, judgment, age = self._ctx.conn, self._request, self._judgment, self._data_age
        requester = request.requester
        measures = self._protections.in_force(conn, [p.atena_no for p in printed] + list(others), Process.KOFU)
        self.refused_by = tuple(measures)
        need = rules.kofu_check(requester, measures, protection.registered(conn, measures))
        stale = age is not None and age.stale and requester.kind in NEED_FRESH_DATA
        needed = [what for what, wanted in ((JUDGED_PROTECTED, need == "判断"), (JUDGED_STALE, stale)) if wanted]
        if needed and judgment is None:
            asked = [rules.JUDGMENT_REQUIRED] if need == "判断" else []
            raise rules.JudgmentRequired(" ".join(asked + ([age.judgment_needed()] if stale and age else [])))
        self.refused_by = ()
        record = self._data()
        if need:
            record |= protection.kofu_record(need, measures, requester.identification)
        if needed and judgment is not None:
            record |= protection.judgment_record(judgment, needed)
            self._ctx.record(judgment.judge.user, JUDGED, ",".join(p.atena_no for p in printed),
                             f"{request.kind.value} 請求者 {requester.kind.value} 処理 {self._actor.user} "
                             f"判断（{'・'.join(needed)}）: {judgment.reason.strip()}")
        return record


class DisclosureCheck:
    def __init__(self, ctx: StoreContext, protections: ProtectionService, staff: StaffService) -> None:
        self._ctx = ctx
        self._protections = protections
        self._staff = staff
        self._protected_ids: tuple[object, dict[int, str]] = (None, {})  # see _ids_of

    def inquiry(self, conn: Connection, actor: Staff, atena_no: str) -> tuple[Protection, ...]:
        """照会 of one person: the measures in force for them as the screen shows them (加害者 and note for 係長 and
        above only), and the audit entry, which says when the person is protected."""
        shown = self._protections.shown(actor, conn, atena_no)
        self._ctx.record(actor.user, INQUIRY_PROTECTED if shown else INQUIRY, atena_no)
        return shown

    def search(self, conn: Connection, actor: Staff, action: str, detail: str, person_ids: Sequence[int]) -> None:
        """A search that found the persons `person_ids` (ids of the persons table): see `lookup` (in the caller's
        lock). A search runs at each pause in typing: the hits are compared with the protected persons' ids, kept
        between searches, rather than looked up one by one."""
        protected = self._protections.protected_persons()
        named: list[str] = []
        if protected and person_ids:
            hits = set(person_ids)
            found = {i: a for i, a in self._ids_of(conn, protected).items() if i in hits}
            if found:  # checked again: a rebuild gives persons new ids
                marks = ",".join("?" * len(found))
                named = [a for i, a in conn.execute(f"SELECT id, atena_no FROM persons WHERE id IN ({marks})",
                                                    list(found)) if found[i] == a]
        self.lookup(actor, action, detail, named)

    def _ids_of(self, conn: Connection, protected: frozenset[str]) -> dict[int, str]:
        """The persons-table ids of the protected persons (ids by 宛名番号), looked up again when the protected set
        changes, a person is added, or the derived tables are rebuilt (`renumbered`)."""
        newest = conn.execute("SELECT max(id) FROM persons").fetchone()[0]
        if self._protected_ids[0] != (protected, newest):
            marks = ",".join("?" * len(protected))
            self._protected_ids = ((protected, newest), dict(conn.execute(
                f"SELECT id, atena_no FROM persons WHERE atena_no IN ({marks})", sorted(protected)).fetchall()))
        return self._protected_ids[1]

    def renumbered(self) -> None:
        """The derived tables were rebuilt: the persons' ids changed."""
        self._protected_ids = (None, {})

    def lookup(self, actor: Staff, action: str, detail: str, atena_nos: Iterable[str], target: str = "") -> None:
        """A search, or a look-up by a number or name the counter was given (the 同一人 check, a household's
        dwellings), that found `atena_nos`: every one is shown, marked when protected (`marked`), so the counter
        can serve the person who stands there. It is recorded as `action`, and the protected persons among those
        found in an entry 照会（支援措置対象者） that names them: seeing her row is a 照会."""
        self._ctx.record(actor.user, action, target, detail)
        protected = self._protections.protected_persons()
        named = sorted(protected.intersection(atena_nos)) if protected else []
        if named:
            self._ctx.record(actor.user, INQUIRY_PROTECTED, ",".join(named), f"{action}の結果に表示")

    def elsewhere(self, actor: Staff, action: str, targets: Iterable[str]) -> tuple[frozenset[str], bool]:
        """Persons of this town's 附票 who live elsewhere (`domain.fuhyo.member_target`: her 住所地 forwarded her
        支援措置 here), about to be shown with their addresses. Returns those under a measure in force and whether
        `actor` may see their addresses (係長 and above); anyone else is shown them without (the listing rule: her
        address is what her 加害者 looks for). Each shown or withheld is named in an entry 照会（支援措置対象者）."""
        protected = self._protections.protected_persons().intersection(targets)
        details = allowed(actor.role, Permission.MANAGE_PROTECTION)
        if protected:
            self._ctx.record(actor.user, INQUIRY_PROTECTED, ",".join(sorted(protected)),
                             action if details else f"{action}（住所を表示せず）")
        return frozenset(protected), details

    def marked(self, rows: list[PersonSummary]) -> list[PersonSummary]:
        """Rows of persons as a table shows them, each marked when the person is under a measure in force (shown to
        every staff member: a search finds her, and the counter must know to be careful)."""
        protected = self._protections.protected_persons()
        if not protected:
            return rows
        return [replace(r, protected=True) if r.atena_no in protected else r for r in rows]

    def certificate(self, actor: Staff, request: KofuRequest, judgment: Judgment | None,
                    data_age: DataAge | None = None) -> CertificateCheck:
        """The check a 交付 passes for the persons it prints (see `CertificateCheck`; `data_age`: how old this
        replica's data is, for a 交付 that depends on it). A judgment is two people: it is accepted only from a
        supervisor in use here who is not `actor`, the staff member processing the request, and with a reason."""
        if judgment is not None:
            if not judgment.reason.strip():
                raise ValidationError("判断の理由", "判断の理由を入力してください")
            self._staff.confirm(judgment.judge, Permission.JUDGE_PROTECTED, refused=JUDGMENT_REFUSED, verb="判断",
                                message="交付を判断できません（係長以上）",
                                detail="the judge may not judge requests for certificates")
            if judgment.judge.user == actor.user:
                with self._ctx.lock:
                    self._ctx.record(actor.user, JUDGMENT_REFUSED, "", "処理する職員が自分の請求を判断しようとしました")
                raise ValidationError("判断者", SAME_JUDGE)
        return CertificateCheck(self._protections, self._ctx, actor, request, judgment, data_age)

    def listing(self, actor: Staff, action: str, rows: Sequence[Row], persons: Callable[[Row], Iterable[str]], *,
                use: Use = Use.SCREEN, target: str = "", detail: str = "") -> list[Row]:
        """The rule for every list of persons (or of records about them) shown or handed over: the rows that may be
        disclosed, in their order, and the list recorded as `action` (in the caller's lock).

        `persons(row)` gives the 宛名番号 a row is about. A row about a person under a measure in force is left out
        of a list on a screen unless `actor` is 係長 or above, is left out of a file and of a 閲覧用リスト whoever
        makes it, and stays in the notices to other offices (`use`). The entry's detail is the number of rows disclosed and `detail`,
        followed by how many rows were left out, or which protected persons were disclosed."""
        protected = self._protections.protected_persons()
        supervisor = allowed(actor.role, Permission.MANAGE_PROTECTION)
        kept: list[Row] = []
        shown: set[str] = set()
        withheld = 0
        for row in rows:
            named = protected.intersection(persons(row)) if protected else set()
            if named and (use in (Use.FILE, Use.ETSURAN) or (use is Use.SCREEN and not supervisor)):
                withheld += 1
                continue
            shown |= named
            kept.append(row)
        notes = [f"{len(kept)}件", detail]
        if withheld:
            notes.append(f"支援措置対象者の{withheld}件を除外")
        if shown:
            whom = "係長以上に表示" if use is Use.SCREEN else "を含む"
            notes.append(f"支援措置対象者 {','.join(sorted(shown))} {whom}")
        self._ctx.record(actor.user, action, target, "　".join(n for n in notes if n))
        return kept

    def offenders_named(self, conn: Connection, names: Iterable[str]) -> list[str]:
        """Of `names`, those that are a 加害者 named in a measure in force (by canonical name, as a 交付 matches them),
        in their order: for a request to be flagged to a 係長 (in the caller's transaction)."""
        measures = [p.measure for p in self._protections.protections(conn) if p.in_force]
        if not measures:
            return []
        registered = protection.registered(conn, measures)
        return [n for n in dict.fromkeys(names) if any(rules.is_offender(n, m, registered) for m in measures)]

    def stand_in(self, conn: Connection, actor: Staff, action: str, atena_no: str, role: str, name: str,
                 atena: str = "") -> None:
        """Someone who stands in an application for a person (a 印鑑登録's 代理人, or its 保証人 who vouches for who
        she is): refused when named as a 加害者 in a measure in force for her (by 宛名番号, or by name as a 交付's
        請求者 is matched), whatever anyone judges; the refusal is recorded as `action`拒否 (in the caller's lock,
        outside a write that the refusal rolls back)."""
        measures = self._protections.in_force(conn, [atena_no], Process.KOFU)
        registered = protection.registered(conn, measures) if measures else {}
        if any((atena and atena in {o.atena_no for o in m.offenders}) or (name and rules.is_offender(name, m, registered))
               for m in measures):
            self._ctx.record(actor.user, f"{action}拒否", atena_no, f"{role}が支援措置の加害者")
            raise rules.OffenderRefused(f"{role}は支援措置の加害者として登録されています。この人の{role}にはなれません"
                                        "（判断による例外はありません）")

    def mynumber_shown(self, actor: Staff, atena_no: str) -> None:
        """The 個人番号 of a person shown in full on a screen: an audit entry of its own."""
        self._ctx.record(actor.user, "個人番号表示", atena_no, "")

    def withheld(self, atena_nos: Iterable[str]) -> list[str]:
        """Of `atena_nos`, those a list for use outside the counter leaves out: persons under a measure in force."""
        protected = self._protections.protected_persons()
        return [a for a in atena_nos if a in protected]
