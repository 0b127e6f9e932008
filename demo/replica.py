"""The synthetic demo town as a replica of N residents, the same for the same seed, with demo staff.

Residents are registered through the facade like any 転入, in batches of one transaction each, so an interrupted
run leaves a smaller but whole replica. Then a few 転居, 出生, 転出 and 死亡 give histories and 除票, and one resident
in 20 has a seal registered (印鑑登録) with a drawn impression.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from demo.seals import demo_seal_scan
from demo.town import (
    DEMO_MUNICIPALITY,
    demo_address_book,
    demo_etsuran_requests,
    demo_fuhyo_csv,
    demo_requests,
)
from domain.check_digits import local_government_check_digit
from domain.errors import ValidationError
from domain.inkan import Application, Impression, Method, age_on
from domain.kofu_rules import PHOTO_IDS
from domain.population import LOWEST_MIN_AREA, OTHER_AREA
from domain.records import Person
from domain.roles import Role
from domain.seal_impression import measure
from local_store.context import Clock, Municipality
from local_store.registry import Registry
from local_store.terminal_key import PassphrasePrompt

DEMO_STAFF = (("demo", "窓口 太郎（デモ）", Role.COUNTER), ("demo-kakaricho", "係長 花子（デモ）", Role.SUPERVISOR))
DEMO_ADMIN = ("demo-admin", "管理 一郎（デモ）", "demo")
BATCH = 500
INKAN_SHARE, MAX_INKAN = 20, 300  # one resident in 20 has a seal registered, a few hundred at most
MAX_FUHYO = 40  # 附票 of persons living elsewhere: one for 50 residents, 40 at most
NOTIFIER = {"name": "本人", "relation": "本人", "identification": "個人番号カード"}


def demo_municipality() -> Municipality:
    code5 = DEMO_MUNICIPALITY["code5"]
    return Municipality(DEMO_MUNICIPALITY["name"], DEMO_MUNICIPALITY["prefecture"],
                        code5 + str(local_government_check_digit(code5)), DEMO_MUNICIPALITY["mayor"])


def create_demo(
    data_dir: Path,
    residents: int,
    seed: int,
    *,
    passphrase: PassphrasePrompt | None = None,
    progress: Callable[[int, int], None] | None = None,
    clock: Clock,
    seal_png: bytes | None = None,
) -> Registry:
    registry = Registry.create(data_dir, demo_municipality(), "本庁1", DEMO_ADMIN, passphrase=passphrase, demo=True,
                               clock=clock)
    admin = registry.sign_in(DEMO_ADMIN[0], DEMO_ADMIN[2])
    settings: dict[str, object] = {"address_book": [e.to_json() for e in demo_address_book(residents)]}
    if seal_png is not None:
        settings["seal_png"] = base64.b64encode(seal_png).decode("ascii")
    registry.settings.update(admin, settings)
    for user, name, role in DEMO_STAFF:
        registry.staff.add(admin, user, name, role, "demo")
    clerk = registry.sign_in("demo", "demo")
    today = clock().date()
    batch: list[dict[str, Any]] = []
    done = 0
    people: list[Person] = []
    for request in demo_requests(residents, seed, today):
        batch.append(request)
        if len(batch) == BATCH:
            done += _register(registry, clerk, batch, people)
            if progress:
                progress(done, residents)
    done += _register(registry, clerk, batch, people)
    if progress:
        progress(done, residents)
    _later_changes(registry, clerk, random.Random(seed), today)
    _inkan(registry, clerk, people, random.Random(seed), today)
    _etsuran(registry, clerk, today)
    _fuhyo(registry, residents, seed)
    registry.notices.begin_outbox()  # the made-up history owes no notices; what staff record from now on does
    registry.analyze()
    return registry


def _register(registry: Registry, clerk: Any, batch: list[dict[str, Any]], people: list[Person]) -> int:
    if not batch:
        return 0
    applied = registry.idou.apply_batch(clerk, batch)
    batch.clear()
    people.extend(c.row for a in applied for c in a.idou.rows)
    return sum(len(a.idou.rows) for a in applied)


def _inkan(registry: Registry, clerk: Any, people: list[Person], rng: random.Random, today: dt.date) -> None:
    """印鑑登録 of one resident in `INKAN_SHARE` (adults, a few hundred at most), each with a drawn seal of their
    surname, registered by photo ID; one seal of a surname serves everyone of it (as 三文判 do), so that the demo
    measures each seal once."""
    adults = [p for p in people if age_on(p.birth.numbers, today) >= 20]
    rng.shuffle(adults)
    seals: dict[str, Impression] = {}
    for i, person in enumerate(adults[:min(MAX_INKAN, len(people) // INKAN_SHARE)]):
        surname = person.name.split()[0]
        if surname not in seals:
            seals[surname] = Impression.of(measure(demo_seal_scan(surname, seed=len(seals))))
        try:
            registry.inkan.register(clerk, Application(person.atena_no, Method.PHOTO_ID,
                                                       identification=PHOTO_IDS[i % 3]), seals[surname])
        except ValidationError:
            continue  # moved out or died in the later changes


def _etsuran(registry: Registry, clerk: Any, today: dt.date) -> None:
    """A few 閲覧 requests for the town's most populous 町字, received by the counter: the office's and the
    newspaper's approved by the 係長 (the office's list made), the last one waiting for a decision."""
    chief = registry.sign_in("demo-kakaricho", "demo")
    population = registry.statistics.population(chief, today, min_area=LOWEST_MIN_AREA)
    areas = [a.name for a in sorted(population.areas, key=lambda a: -a.counts.total) if a.name != OTHER_AREA]
    if not areas:
        return
    received = [registry.etsuran.receive(clerk, request) for request in demo_etsuran_requests(areas, today)]
    for case in received[:2]:
        registry.etsuran.approve(chief, case.number)
    registry.etsuran.make_list(chief, received[0].number)


def _fuhyo(registry: Registry, residents: int, seed: int) -> None:
    """附票 of 戸籍 of the town whose persons live elsewhere, taken in as a town brings its existing 附票 (the
    residents whose 本籍 is in the town have theirs from their own 異動 already)."""
    chief = registry.sign_in("demo-kakaricho", "demo")
    registry.fuhyo.import_text(chief, demo_fuhyo_csv(min(MAX_FUHYO, max(1, residents // 50)), seed,
                                                     registry.today()), "demo-fuhyo.csv")


def _later_changes(registry: Registry, clerk: Any, rng: random.Random, today: dt.date) -> None:
    """Histories and 除票: of the residents living alone, 2% move within the town, 2% move out and 3% die."""
    singles = registry.residents.living_alone()
    rng.shuffle(singles)
    share = len(singles) // 50
    moves, outs, deaths = singles[:share], singles[share:2 * share], singles[2 * share:2 * share + share * 3 // 2]
    requests: list[dict[str, Any]] = []
    town = f"{DEMO_MUNICIPALITY['prefecture']}{DEMO_MUNICIPALITY['name']}"
    for i, atena in enumerate(moves):
        current = registry.person(clerk, atena).current
        since = (current.address_since or current.resident_since).to_date()
        moved = min(today, since + dt.timedelta(days=rng.randint(30, 3000))).isoformat()
        requests.append({"reason": "転居", "idou_date": moved, "notified_on": moved, "notifier": NOTIFIER,
                         "targets": [atena], "address": {"text": f"{town}緑が丘{i % 5 + 1}丁目{i % 30 + 1}番{i % 9 + 1}号"}})
    recent = today.isoformat()
    for atena in outs:
        requests.append({"reason": "国内転出", "idou_date": recent, "notified_on": recent, "notifier": NOTIFIER,
                         "targets": [atena], "destination": "東京都千代田区千代田1番1号"})
    for atena in deaths:
        requests.append({"reason": "死亡", "idou_date": recent, "targets": [atena]})
    for start in range(0, len(requests), BATCH):
        registry.idou.apply_batch(clerk, requests[start:start + BATCH])
