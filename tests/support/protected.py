"""A town with a person under 支援措置, as the tests of the disclosure paths build it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.protection import Offender, Process
from domain.records import Person
from domain.roles import Role
from local_store.registry import Registry
from local_store.staff import Staff
from tests.support.builders import ADMIN, TOWN, Clock, person, tennyu

STAFF = {"chief": ("係長　一", Role.SUPERVISOR), "chief2": ("係長　二", Role.SUPERVISOR),
         "clerk": ("窓口　一", Role.COUNTER)}  # each one's password is their user id and "-pw"


@dataclass(frozen=True, slots=True)
class ProtectedTown:
    """乙川 太郎 alone; 乙川 花子 and her son 一郎 in a household of their own, protected from 太郎 (named with his
    宛名番号) for 異動, 交付 and 照会; 佐藤 一郎, nobody's concern. Nobody has a 個人番号 yet (付番待ち)."""

    taro: Person
    hanako: Person
    ichiro: Person
    sato: Person

    @property
    def theirs(self) -> tuple[str, str]:
        """The 宛名番号 the measure protects, in order."""
        return self.hanako.atena_no, self.ichiro.atena_no


def protected_town(registry: Registry, admin: Staff) -> ProtectedTown:
    """The residents, the staff of STAFF, and the measure, started by chief."""
    taro = registry.apply(admin, tennyu(person("乙川　太郎", "オツカワ　タロウ", "S50.1.1", "男", "世帯主"),
                                        address="さくら県みどり町本町1丁目1番1号")).idou.rows[0].row
    hanako, ichiro = (c.row for c in registry.apply(admin, tennyu(
        person("乙川　花子", "オツカワ　ハナコ", "S52.3.3", "女", "世帯主"),
        person("乙川　一郎", "オツカワ　イチロウ", "H20.5.5", "男", "子"),
        address="さくら県みどり町本町9丁目1番1号")).idou.rows)
    sato = registry.apply(admin, tennyu(person("佐藤　一郎", "サトウ　イチロウ", "S40.4.1", "男", "世帯主"),
                                        address="さくら県みどり町中町5番地")).idou.rows[0].row
    for user, (name, role) in STAFF.items():
        registry.staff.add(admin, user, name, role, f"{user}-pw")
    registry.protection.add(registry.sign_in("chief", "chief-pw"), [hanako.atena_no], list(Process),
                            [Offender("乙川　太郎", "オツカワ　タロウ", taro.atena_no)], household=True)
    return ProtectedTown(taro, hanako, ichiro, sato)


def acting(user: str) -> tuple[str, ...]:
    """The command line's options to act as one of STAFF (the password follows on standard input: `password`)."""
    return "--as", user, "--password-stdin"


def password(user: str) -> str:
    return f"{user}-pw\n"


def protected_replica(data_dir: Path, clock: Clock) -> ProtectedTown:
    """A new replica of the protected town at `data_dir`, closed again (for the command line)."""
    registry = Registry.create(data_dir, TOWN, "本庁1", ADMIN, clock=clock)
    try:
        return protected_town(registry, registry.sign_in(ADMIN[0], ADMIN[2]))
    finally:
        registry.close()
