"""Two terminals of one municipality synced through the test cloud: A created it, B joined with an enrollment code
(claimed by B, confirmed on A)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from local_store.registry import Registry
from local_store.staff import Staff
from local_store.terminal_key import load_cloud_password
from sync import cloud as cloud_sync
from sync import joining
from tests.support.builders import ADMIN, TOWN, Clock, family


def now_clock() -> Clock:
    """The real time: the cloud's Date headers become the terminal's last trusted time."""
    return Clock(dt.datetime.now().astimezone())


def enroll(issuer: Registry, actor: Staff, terminal: str, data_dir: Path, url: str, login: tuple[str, str],
           clock: Clock | None = None) -> Registry:
    """A new terminal in `data_dir`, joined with a code that `issuer` issued: claimed, confirmed there, joined."""
    return join_with(issuer, actor, joining.issue(issuer, actor, terminal), data_dir, url, login, clock)


def join_with(issuer: Registry, actor: Staff, code: str, data_dir: Path, url: str, login: tuple[str, str],
              clock: Clock | None = None) -> Registry:
    """Join with `code`: the claim, the issuer's confirmation, the join resumed."""
    try:
        return joining.join(data_dir, url, *login, code, clock=clock or now_clock())
    except joining.EnrollmentPending:
        joining.confirm(issuer, actor)
    return joining.join(data_dir, url, *login, code, clock=clock or now_clock())


@dataclass
class Terminal:
    registry: Registry
    actor: Staff
    url: str

    def sync(self, url: str | None = None) -> Any:
        """A round with the cloud, or through `url`: a proxy in front of the same cloud, which the stored password
        does not go to unasked (`sync.cloud.configured_client`), so it is given here."""
        return cloud_sync.sync_once(self.registry, url or self.url,
                                    password=lambda: load_cloud_password(self.registry.terminal_id) or "")


def make_terminals(tmp_path: Path, cloud_db: Any, url: str) -> tuple[Terminal, Terminal]:
    a = Registry.create(tmp_path / "a", TOWN, "本庁1", ADMIN, clock=now_clock())
    cloud_sync.login(a, url, *cloud_db.login("terminal-a"))
    actor_a = a.sign_in(ADMIN[0], ADMIN[2])
    a.apply(actor_a, family())
    cloud_sync.sync_once(a)
    b = enroll(a, actor_a, "支所1", tmp_path / "b", url, cloud_db.login("terminal-b"))
    return Terminal(a, actor_a, url), Terminal(b, b.sign_in(ADMIN[0], ADMIN[2]), url)
