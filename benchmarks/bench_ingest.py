"""Ingest throughput: N generated reports (files) into a fresh store.

    .venv/bin/python benchmarks/bench_ingest.py [--n 10000] [--db postgresql://…/EMPTY_DB]

Prints documents/s, MB/s and peak memory. The reports are generated from
templates with varying places, numbers and dates, so that no two share bytes
and few are near-duplicates (every 50th is a syndicated copy, to exercise the
near-duplicate path).
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.store import open_store

PLACES = ["Quetta", "Mastung", "Peshawar", "Karachi", "Parachinar", "Gilgit", "Chilas", "Kurram", "Dera Bugti", "Awaran"]
ACTS = ["a bomb exploded", "gunmen opened fire", "a suicide attacker struck", "armed men stopped a bus", "a grenade was thrown"]
FILLER = (
    "Police cordoned off the area and rescue teams took the wounded to hospital. Officials said an investigation had begun. "
    "Residents described scenes of panic. Security was increased across the district after the attack. "
)


def report(i: int, rng: random.Random) -> str:
    place, act = rng.choice(PLACES), rng.choice(ACTS)
    killed, injured = rng.randint(0, 60), rng.randint(0, 120)
    day = f"2013-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = f"Report {i}. On {day}, {act} in {place}, killing {killed} people and injuring {injured}, officials said. "
    extra = " ".join(f"Paragraph {i}.{k}: " + FILLER for k in range(rng.randint(2, 12)))
    return body + extra


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--db", help="an empty PostgreSQL database (postgresql://…) instead of a fresh SQLite file")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        total = 0
        previous = ""
        for i in range(args.n):
            text = report(i, rng) if i % 50 or not previous else "Syndicated. " + previous + " Copyright."
            previous = text
            data = text.encode("utf-8")
            total += len(data)
            (folder / f"r{i:06d}.txt").write_bytes(data)
        store = open_store(args.db or str(Path(tmp) / "bench.db"))
        ingestor = Ingestor(store, IngestOptions(actor="bench"))
        start = time.perf_counter()
        statuses: dict[str, int] = {}
        for outcome in ingestor.ingest([str(folder)]):
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        elapsed = time.perf_counter() - start
        near = sum(1 for d in store.iter_documents() if d.near_duplicate_of)
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports          {args.n}")
    print(f"outcomes         {statuses}")
    print(f"near-duplicates  {near}")
    print(f"input            {total / 1e6:.1f} MB")
    print(f"wall time        {elapsed:.2f} s")
    print(f"throughput       {args.n / elapsed:.0f} documents/s, {total / 1e6 / elapsed:.2f} MB/s")
    print(f"peak RSS         {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
