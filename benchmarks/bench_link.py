"""Linking at scale: N synthetic claims (realistic date, place and count
distributions; a share of true duplicates reported by a second source) are
linked with the default engine; prints wall time, peak memory, and the
precision and recall of the recovered duplicate pairs.

    .venv/bin/python benchmarks/bench_link.py [--n 1000000] [--dup 0.05] [--engine duckdb]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time

from saboot.extract.gazetteer import default_gazetteer
from saboot.link.cluster import clusters
from saboot.link.engine import engine_for
from saboot.link.records import LinkRecord, event_group

TYPES = ["armed_attack", "bombing", "targeted_killing", "abduction", "mass_killing", "attack_on_property"]
GROUPS = ["Tehrik-i-Taliban Pakistan (TTP)", "Lashkar-e-Jhangvi", "Taliban", "Baloch Liberation Army (BLA)"]


def make(n: int, dup_share: float, seed: int = 11) -> tuple[list[LinkRecord], set[frozenset[str]]]:
    rng = random.Random(seed)
    places = [
        p for p in default_gazetteer().places.values() if p.kind == "place" and p.country in ("PK", "AF") and p.lat is not None
    ]
    originals = int(n / (1 + dup_share))
    start = dt.date(2007, 1, 1)
    records: list[LinkRecord] = []
    truth: set[frozenset[str]] = set()
    for i in range(originals):
        day = start + dt.timedelta(days=rng.randrange(12 * 365))
        place = rng.choice(places)
        killed = int(rng.lognormvariate(0.8, 1.2))
        etype = rng.choice(TYPES)
        perp = [rng.choice(GROUPS)] if rng.random() < 0.3 else []
        records.append(_record(f"c{i}", f"d{i}", day, day, place, killed, etype, perp))
        if len(records) < n and rng.random() < dup_share:
            shift = rng.choice([0, 0, 0, 1, -1])
            other = day + dt.timedelta(days=shift)
            reported = max(0, killed + rng.choice([0, 0, 1, -1, 2]))
            records.append(_record(f"c{i}b", f"d{i}b", other, other, place, reported, etype, perp))
            truth.add(frozenset((f"c{i}", f"c{i}b")))
    return records[:n], truth


def _record(uid: str, doc: str, lo: dt.date, hi: dt.date, place: object, killed: int, etype: str, perp: list[str]) -> LinkRecord:
    return LinkRecord(
        unique_id=uid, document_id=doc, source_key=doc, date_lo=lo.isoformat(), date_hi=hi.isoformat(), ym=lo.isoformat()[:7],
        year=lo.isoformat()[:4], lat=place.lat, lon=place.lon, tol_km=10.0, country=place.country, admin1=place.admin1,  # type: ignore[attr-defined]
        place_key=place.id, undated_place=None, event_type=etype, event_group=event_group(etype), killed_lo=killed, killed_hi=killed,  # type: ignore[attr-defined]
        killed_best=killed, perpetrators=perp, victims=[],
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dup", type=float, default=0.05)
    parser.add_argument("--engine", default="duckdb")
    args = parser.parse_args()
    t0 = time.perf_counter()
    records, truth = make(args.n, args.dup)
    t1 = time.perf_counter()
    pairs = engine_for(args.engine).dedupe(records, threshold=0.5)
    t2 = time.perf_counter()
    groups = clusters([r.unique_id for r in records], pairs, 0.9, [], [])
    t3 = time.perf_counter()
    found = {frozenset((a, b)) for g in groups if len(g) > 1 for i, a in enumerate(g) for b in g[i + 1 :]}
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    print(f"claims           {len(records)} ({len(truth)} true duplicate pairs)")
    print(f"generate         {t1 - t0:.1f} s")
    print(f"predict          {t2 - t1:.1f} s ({len(pairs)} scored pairs ≥ 0.5, engine {args.engine})")
    print(f"cluster          {t3 - t2:.1f} s")
    print(f"wall (link)      {t3 - t1:.1f} s")
    print(f"precision        {precision:.4f}")
    print(f"recall           {recall:.4f}")
    print(f"peak RSS         {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
