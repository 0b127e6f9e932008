"""Two terminals of one municipality synced through the test cloud: A created it, B joined with an enrollment code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from local_store.registry import Registry
from local_store.staff import Staff
from sync import cloud as cloud_sync
from tests.support.builders import ADMIN, TOWN, Clock, family


def now_clock() -> Clock:
    """The real time: the cloud's Date headers become the terminal's last trusted time."""
    return Clock(dt.datetime.now().astimezone())


@dataclass
class Terminal:
    registry: Registry
    actor: Staff
    url: str

    def sync(self, url: str | None = None) -> Any:
        return cloud_sync.sync_once(self.registry, url or self.url)


def make_terminals(tmp_path: Path, cloud_db: Any, url: str) -> tuple[Terminal, Terminal]:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, url, *cloud_db.login("terminal-a"))
    actor_a = a.sign_in(ADMIN[0], ADMIN[2])
    a.apply(actor_a, family())
    cloud_sync.sync_once(a)
    code = cloud_sync.publish_enrollment(a, actor_a, "支所1")
    b = cloud_sync.join(tmp_path / "b", url, *cloud_db.login("terminal-b"), code, clock=now_clock())
    return Terminal(a, actor_a, url), Terminal(b, b.sign_in(ADMIN[0], ADMIN[2]), url)
