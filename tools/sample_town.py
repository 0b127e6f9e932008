"""The synthetic town of the certificate and disaster samples: a fixed date, households moving in, and a replica in
a temporary folder with the demo 電子公印; the first page of a form rendered with poppler's `pdftoppm -r 80`."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from demo.replica import demo_municipality
from local_store.registry import Registry
from local_store.staff import Staff
from reports.seal import demo_seal_png

DAY = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
NOTIFIER = {"name": "山田　太郎", "relation": "本人", "identification": "運転免許証"}


class Clock:
    """The samples' day, a millisecond later at every reading."""

    def __init__(self) -> None:
        self.now = DAY

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now


def person(name: str, kana: str, birth: str, sex: str, relationship: str, **items: Any) -> dict[str, Any]:
    return {"name": name, "name_kana": kana, "kana_confirmed": True, "birth": birth, "sex": sex,
            "relationship": relationship, "honseki": {"place": "さくら県みどり町本町1番地", "head": "山田　太郎"}, **items}


def tennyu(*persons: dict[str, Any], address: str) -> dict[str, Any]:
    return {"reason": "国内転入", "idou_date": "R8.11.20", "notified_on": "R8.11.25", "notifier": NOTIFIER,
            "address": {"text": address, "postal_code": "123-4567"}, "previous_address": "東京都千代田区千代田1番1号",
            "persons": list(persons)}


@contextmanager
def sample_replica() -> Iterator[tuple[Registry, Staff, Path]]:
    """A new synthetic town on the samples' day in a temporary folder (its key under a throwaway passphrase, never in
    a keyring), with the demo 電子公印: the registry, its administrator signed in, and the folder for scratch files."""
    with tempfile.TemporaryDirectory(prefix="madoguchi-samples-") as tmp:
        phrase = secrets.token_urlsafe(16)
        registry = Registry.create(Path(tmp) / "replica", demo_municipality(), "本庁1", ("admin", "管理者", phrase),
                                   passphrase=lambda: phrase, demo=True, clock=Clock())
        try:
            admin = registry.sign_in("admin", phrase)
            seal = demo_seal_png(f"{demo_municipality().name}長")
            registry.settings.update(admin, {"seal_png": base64.b64encode(seal).decode("ascii")})
            yield registry, admin, Path(tmp)
        finally:
            registry.close()


def first_page_png(pdf: bytes, out: Path, scratch: Path) -> None:
    source = scratch / "sample.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(out.with_suffix(""))], check=True)
    print(out)
