"""Search on a large replica: the facade (search, audit, first page of rows) against bare SQL on the same file.

    python benchmarks/bench_search.py [--residents 300000] [--seed 1] [--data-dir DIR] [--searches 200]

Builds the demo replica once (kept in benchmarks/.cache/) and reuses it. Prints one JSON object:
residents, p50_ms, p95_ms, bare_p50_ms, bare_p95_ms, open_ms, init_s, file_mb, and the mix of searches.
The keyring is a file keyring under the cache folder, chosen explicitly (synthetic data only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", str(CACHE / "keyring"))

from demo.replica import create_demo  # noqa: E402
from domain.wareki import RegDate, format_short  # noqa: E402
from local_store.registry import Registry  # noqa: E402
from local_store.search import SUMMARY_COLUMNS, compile_query  # noqa: E402

PAGE = 50  # rows a result table shows at once


def wall_clock() -> dt.datetime:
    """Benchmarks run on the real clock (the cloud's Date headers are real too)."""
    return dt.datetime.now().astimezone()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build(data_dir: Path, residents: int, seed: int) -> float:
    """Create the replica if it is not there yet; return how long creating it took (from its record if reused)."""
    record = data_dir / "bench-init.json"
    if record.exists():
        return float(json.loads(record.read_text())["init_s"])
    started = time.perf_counter()
    create_demo(data_dir, residents, seed, clock=wall_clock).close()
    init_s = time.perf_counter() - started
    record.write_text(json.dumps({"init_s": init_s}))
    return init_s


def typical_queries(registry: Registry, count: int, seed: int) -> list[tuple[str, str]]:
    """What counter staff type, drawn from the replica: (mix, query)."""
    rng = random.Random(seed)
    rows = registry.store.conn.execute(
        "SELECT name, name_kana, birth, address, kind FROM persons WHERE resident = 1 ORDER BY random() LIMIT ?",
        (count * 4,),
    ).fetchall()
    prefix = f"{registry.municipality.prefecture}{registry.municipality.name}"
    queries: list[tuple[str, str]] = []
    for name, kana, birth, address, kind in rows:
        mix = ("kana", "kanji_name", "birth", "address")[len(queries) % 4]
        family, _, given = kana.replace("　", " ").partition(" ")
        family_name = name.replace(" ", "　").split("　")[0]
        if mix == "kana" and given:
            queries.append((mix, f"{family} {given[0]}"))
        elif mix == "kanji_name" and kind == "日本人" and len(family_name) == 2:
            queries.append((mix, family_name))
        elif mix == "birth":
            queries.append((mix, format_short(RegDate(birth)) if rng.random() < 0.7 else birth))
        elif mix == "address":
            fragment = address.removeprefix(prefix)
            match = re.match(r"^(.+?番)", fragment)
            queries.append((mix, match.group(1) if match else fragment[:6]))
        if len(queries) == count:
            break
    return queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or CACHE / f"replica-{args.residents}-{args.seed}"
    init_s = build(data_dir, args.residents, args.seed)

    open_times = []
    for _ in range(5):
        started = time.perf_counter()
        registry = Registry.open(data_dir, clock=wall_clock)  # reads the settings and keys: the key is proven
        open_times.append((time.perf_counter() - started) * 1000)
        registry.close()

    registry = Registry.open(data_dir, clock=wall_clock)
    actor = registry.sign_in("demo", "demo")
    queries = typical_queries(registry, args.searches, args.seed)
    conn = registry.store.conn
    facade_ms, bare_ms = [], []
    for round_no in range(2):  # the first round warms the page cache for both alike
        for _, query in queries:
            started = time.perf_counter()
            result = registry.search(actor, query)
            registry.summaries(result.ids[:PAGE])
            facade = (time.perf_counter() - started) * 1000

            compiled = compile_query(query, today=registry.today().isoformat())
            assert compiled is not None
            started = time.perf_counter()
            ids = [r[0] for r in conn.execute(compiled.sql + " LIMIT 1001",
                                              compiled.params)]
            page = ids[:PAGE]
            conn.execute(f"SELECT {SUMMARY_COLUMNS} FROM persons WHERE id IN ({','.join('?' * len(page))})",
                         page).fetchall()
            bare = (time.perf_counter() - started) * 1000
            if round_no == 1:
                facade_ms.append(facade)
                bare_ms.append(bare)
    counts = registry.residents.counts()
    registry.close()
    size = sum(p.stat().st_size for p in data_dir.iterdir() if p.name.startswith("registry.db"))
    mix: dict[str, int] = {}
    for kind, _ in queries:
        mix[kind] = mix.get(kind, 0) + 1
    print(json.dumps({
        "residents": counts["residents"] + counts["removed"],
        "p50_ms": round(statistics.median(facade_ms), 3),
        "p95_ms": round(_percentile(facade_ms, 0.95), 3),
        "bare_p50_ms": round(statistics.median(bare_ms), 3),
        "bare_p95_ms": round(_percentile(bare_ms, 0.95), 3),
        "open_ms": round(statistics.median(open_times), 1),
        "init_s": round(init_s, 1),
        "file_mb": round(size / 2**20, 1),
        "searches": len(facade_ms),
        "mix": mix,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
