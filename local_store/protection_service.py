"""支援措置: 開始, 延長, 終了 and the list (係長 and above), the measures in force for a set of persons, and the checks
of a 異動 (`domain.idou_holds`): a 届出人 who is a named 加害者 is refused, and a 異動 that brings someone to a
protected person's address or a 加害者 into their household is held for a 係長's judgment. What a disclosure must
pass for a protected person is `local_store.disclosure`'s.

Every event is written only by a staff member who may set measures, and passes the same check when it arrives at
another terminal (`local_store.arrivals`).

Time: a measure past its 終了日 stays in force until the last trusted date is past it too (`domain.protection`,
`local_store.trusted_time`); the terminal's own clock never ends a measure alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from domain import fuhyo as fuhyo_rules
from domain import idou_holds
from domain import protection as rules
from domain.errors import ValidationError
from domain.event_log import event_id
from domain.idou import Idou
from domain.idou_holds import Hold, Near
from domain.names import check_name
from domain.protection import Measure, Offender, Process
from domain.roles import Permission, allowed
from local_store import derived, fuhyo, juminhyo_pool, mynumbers, protection
from local_store.context import StoreContext, require
from local_store.database import Connection
from local_store.protection import MeasureLog, Protection
from local_store.staff import Staff
from local_store.trusted_time import TrustedTime


def _lives_elsewhere(conn: Connection, target: str) -> bool:
    """Whether `target` names a person of a 附票 here who never was a resident (`domain.fuhyo.member_target`): her
    住所地 forwarded her 支援措置 to this 本籍地, which must protect her 附票."""
    parsed = fuhyo_rules.parse_member_target(target)
    if parsed is None:
        return False
    fuhyo.refresh(conn)
    found = fuhyo.load(conn, parsed[0])
    member = found.member(parsed[1]) if found is not None else None
    return member is not None and member.key == parsed[1] and not member.atena_no


class ProtectionService:
    def __init__(self, ctx: StoreContext, trusted: TrustedTime) -> None:
        self._ctx = ctx
        self._trusted = trusted
        self._log = MeasureLog()
        self._protected: tuple[object, object, frozenset[str]] = (None, None, frozenset())  # see protected_persons

    def _dates(self) -> tuple[dt.date, dt.date | None]:
        return self._ctx.today(), self._trusted.trusted_today()

    # --- the measures ----------------------------------------------------------------------------------------------

    def measures(self, actor: Staff, atena_no: str | None = None) -> list[Protection]:
        """Every measure (in force or not) of a person, or of everyone (係長 and above; audited)."""
        require(actor, Permission.MANAGE_PROTECTION)
        with self._ctx.lock:
            found = [p for p in self.protections(self._ctx.conn) if atena_no is None or atena_no in p.measure.targets]
            self._ctx.record(actor.user, "支援措置の一覧", atena_no or "", str(len(found)))
            return found

    def shown(self, actor: Staff, conn: Connection, atena_no: str) -> tuple[Protection, ...]:
        """The measures in force for a person, as the 照会 shows them (加害者 and note for 係長 and above only)."""
        details = allowed(actor.role, Permission.MANAGE_PROTECTION)
        return tuple(protection.redacted(p, details) for p in self.protections(conn)
                     if p.in_force and atena_no in p.measure.targets)

    def protections(self, conn: Connection) -> list[Protection]:
        """Every measure, with whether it is in force today (in the caller's transaction)."""
        today, trusted = self._dates()
        return [Protection(m, rules.in_force(m, today, trusted), rules.kept_by_untrusted_time(m, today, trusted))
                for m in self._log.measures(conn)]

    def protected_persons(self) -> frozenset[str]:
        """宛名番号 of everyone under a measure in force (for the disclosure check, at each search): kept until a
        measure is stored or arrives, or the date or the trusted date changes."""
        with self._ctx.lock:
            measures, dates = self._log.measures(self._ctx.conn), self._dates()
            if self._protected[0] is not measures or self._protected[1] != dates:
                today, trusted = dates
                self._protected = (measures, dates, frozenset(
                    a for m in measures if rules.in_force(m, today, trusted) for a in m.targets))
            return self._protected[2]

    def add(self, actor: Staff, atena_nos: Sequence[str], processes: Iterable[Process],
            offenders: Sequence[Offender] = (), *, household: bool = False, start: dt.date | None = None,
            end: dt.date | None = None, note: str = "") -> Measure:
        """開始: protect the persons named (with `household`, every current member of the first one's household)."""
        require(actor, Permission.MANAGE_PROTECTION)
        processes = frozenset(processes)
        if not processes:
            raise ValidationError("抑止する事務", "抑止する事務（異動・交付・照会）を一つ以上選んでください")
        today = self._ctx.now().date()
        start = start or today
        end = end or rules.default_end(start)
        if start > today:
            raise ValidationError("開始日", "開始日に将来の日付は指定できません")
        if not start <= end <= rules.default_end(start):
            raise ValidationError("終了日", "終了日は開始日から1年以内で指定してください（続けるときは延長します）")
        offenders = [Offender(check_name(o.name.strip(), "加害者の氏名"), check_name(o.kana.strip(), "加害者のフリガナ"),
                              o.atena_no.strip()) for o in offenders]
        if any(not (o.name or o.kana) for o in offenders):
            raise ValidationError("加害者", "加害者の氏名かフリガナを入力してください")
        with self._ctx.write() as conn:
            named = [a.strip() for a in atena_nos if a.strip()]
            if not named:
                raise ValidationError("対象者", "支援措置の対象者を指定してください")
            found = protection.persons(conn, named + [o.atena_no for o in offenders if o.atena_no])
            if missing := [a for a in named + [o.atena_no for o in offenders if o.atena_no]
                           if a not in found and not _lives_elsewhere(conn, a)]:
                raise ValidationError("宛名番号", f"宛名番号 {'、'.join(missing)} の人は登録されていません")
            if household and named[0] not in found:
                raise ValidationError("対象者", "世帯での支援措置は、この町の住民を最初に指定してください")
            setai_no = found[named[0]].setai_no if household else ""
            targets = sorted(set(named) | set(derived.residents_of(conn, setai_no) if household else ()))
            if any(o.atena_no in targets for o in offenders):
                raise ValidationError("加害者", "支援措置の対象者を加害者にすることはできません")
            event = rules.start_event(targets, setai_no, processes, start, end, offenders, note.strip(), actor.user,
                                      self._ctx.stamp())
            protection.put(conn, self._ctx.data_key, event)
            self._ctx.record(actor.user, rules.EVENT_NAMES[rules.START], ",".join(targets),
                             f"{'・'.join(sorted(p.value for p in processes))} {start}〜{end} 加害者{len(offenders)}人")
            return self._measure(conn, event_id(event))

    def extend(self, actor: Staff, measure_id: str, end: dt.date | None = None, note: str = "") -> Measure:
        """延長: from one month before the 終了日, by one year (or to an earlier date given)."""
        require(actor, Permission.MANAGE_PROTECTION)
        with self._ctx.write() as conn:
            measure = self._measure(conn, measure_id)
            today, trusted = self._dates()
            if not rules.in_force(measure, today, trusted):
                raise ValidationError("延長", "終了した支援措置は延長できません。新しく開始してください")
            opens = rules.extension_opens(measure.end)
            if today < opens:
                raise ValidationError("延長", f"延長は終了日の1か月前（{opens:%Y-%m-%d}）から受け付けます")
            longest = rules.extended_end(measure.end)
            end = end or longest
            if not measure.end < end <= longest:
                raise ValidationError("終了日", f"延長後の終了日は {measure.end:%Y-%m-%d} の後、{longest:%Y-%m-%d} までです")
            return self._next(conn, actor, measure, rules.EXTEND, end, note)

    def end(self, actor: Staff, measure_id: str, note: str) -> Measure:
        """終了 (解除): the measure stops now; the reason is required."""
        require(actor, Permission.MANAGE_PROTECTION)
        if not note.strip():
            raise ValidationError("終了の理由", "支援措置を終了する理由を入力してください")
        with self._ctx.write() as conn:
            measure = self._measure(conn, measure_id)
            today, trusted = self._dates()
            if not rules.in_force(measure, today, trusted):
                raise ValidationError("終了", "この支援措置はすでに終了しています")
            return self._next(conn, actor, measure, rules.END, today, note)

    def _next(self, conn: Connection, actor: Staff, measure: Measure, kind: str, end: dt.date, note: str) -> Measure:
        protection.put(conn, self._ctx.data_key, rules.next_event(kind, measure, end, note.strip(), actor.user,
                                                              self._ctx.stamp()))
        self._ctx.record(actor.user, rules.EVENT_NAMES[kind], ",".join(measure.targets), f"{measure.id} {end}")
        return self._measure(conn, measure.id)

    def _measure(self, conn: Connection, measure_id: str) -> Measure:
        """A measure by its id, or by the first characters of it (at least six) when they name only one."""
        wanted = measure_id.strip()
        found = [m for m in self._log.measures(conn)
                 if m.id == wanted or (len(wanted) >= 6 and m.id.startswith(wanted))]
        if len(found) != 1:
            raise ValidationError("支援措置", f"支援措置 {wanted} が見つかりません" if not found
                                  else f"支援措置 {wanted} に当てはまるものが複数あります。IDをもっと長く指定してください")
        return found[0]

    # --- the checks --------------------------------------------------------------------------------------------------

    def in_force(self, conn: Connection, atena_nos: Iterable[str], process: Process) -> list[Measure]:
        """The measures in force that cover one of `atena_nos` for `process` (in the caller's transaction)."""
        today, trusted = self._dates()
        return protection.covering(self._log.measures(conn), atena_nos, process, today, trusted)

    def check_idou(self, conn: Connection, idou: Idou) -> Hold | None:
        """The 支援措置 checks of a 異動 (`domain.idou_holds`), in the caller's transaction. A 届出 whose 届出人 is a
        named 加害者 (by any spelling of the name) is refused when it changes a person the measure protects or a
        member of their household, whatever the 異動. Returns why the 異動 waits for a 係長's judgment (it brings
        a person to a protected person's address, or a 加害者 into their household, or gives another her 住民票コード
        or 個人番号), or None."""
        near = self._near(conn, idou)
        if idou.notifier is not None and any(rules.is_offender(idou.notifier.name, m, near.registered)
                                             for m in near.measures if idou_holds.touches(idou, m, near)):
            raise ValidationError("届出人", rules.IDOU_REFUSED)
        today, trusted = self._dates()
        in_force = [m for m in self._log.measures(conn) if rules.in_force(m, today, trusted)]
        return idou_holds.with_numbers(idou_holds.hold(idou, near), self._number_holders(conn, idou), in_force)

    def _number_holders(self, conn: Connection, idou: Idou) -> dict[str, str]:
        """The persons of the 異動 given a 住民票コード (or one given up at a 変更請求) or a 個人番号 that is a person's
        under a measure in force, with hers."""
        protected = self.protected_persons()
        if not protected:
            return {}
        codes = juminhyo_pool.held(conn, [c.row.juminhyo_code for c in idou.rows if c.row.juminhyo_code])
        found: dict[str, str] = {}
        for change in idou.rows:
            atena_no, number = change.row.atena_no, change.row.mynumber
            holders = {codes.get(change.row.juminhyo_code, atena_no)} | (
                mynumbers.holders(conn, number) if number else set())
            theirs = sorted(h for h in holders - {atena_no} if h in protected)
            if theirs:
                found[atena_no] = theirs[0]
        return found

    def _near(self, conn: Connection, idou: Idou) -> Near:
        today, trusted = self._dates()
        measures = tuple(m for m in self._log.measures(conn)
                         if Process.IDOU in m.processes and rules.in_force(m, today, trusted))
        if not measures:
            return Near((), {}, {}, today, ())
        town = self._ctx.municipality
        before = protection.persons(conn, [c.row.atena_no for c in idou.rows if c.parents])
        return Near(measures, protection.registered(conn, measures), before, today, (town.full_name, town.name))
