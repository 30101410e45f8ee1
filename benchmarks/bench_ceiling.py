"""How much precision and recall the linking benchmark's data allow: the
ceiling that ``bench_link.py`` is measured against.

The synthetic claims of ``bench_link.py`` (its defaults) are linked as
``saboot link`` links them, keeping every compared pair that scores ``FLOOR``
or more. Each pair is then put in a cell by what it shows, and each cell is
scored by the share of duplicates among its pairs, which is known here
because the data are generated. Ranking pairs by that share is the best any
rule that sees only those cells can do, whatever its weights: it is told
the answer. Two kinds of cell:

- ``levels``: the specification's level for every comparison and, for two
  claims at one place, how many claims the store has there (log2, rounded):
  everything the linker weighs;
- ``finer``: those, and the days between the claims, the km between their
  places (in 5 km steps), the weighted overlap of their words (in steps of
  0.05) and whether their killed figures are equal.

Each is scored twice: on the pairs it was counted on (optimistic: a cell of
one duplicate scores 1) and cross-fitted (each half of the pairs scored by
the shares of the other half: pessimistic, since a share counted on few pairs
is noisy). Printed for each: the most recall at pairwise precision 0.98, and
the best F1, with the linker's own probabilities for comparison. Duplicates
that are never compared, or score below ``FLOOR``, count as missed.

    .venv/bin/python -m benchmarks.bench_ceiling [--n 100000] [--seed 11]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from benchmarks.bench_link import make

from saboot.link.engine import ScoredPair, engine_for, term_weights
from saboot.link.records import LinkRecord

FLOOR = 0.01
PRECISION = 0.98


@dataclass(frozen=True)
class Ceiling:
    recall_at_precision: float  # the most recall at precision PRECISION
    f1: float  # the best F1, with its precision and recall
    precision_at_f1: float
    recall_at_f1: float


def ceiling(scored: list[tuple[float, bool]], duplicates: int) -> Ceiling:
    """What thresholds on these (score, is a duplicate) pairs give; pairs of equal score are taken or left together,
    since a rule cannot tell them apart."""
    by_score: dict[float, list[int]] = {}
    for score, dup in scored:
        counts = by_score.setdefault(score, [0, 0])
        counts[0] += 1
        counts[1] += dup
    taken = hits = 0
    best_recall, best = 0.0, Ceiling(0.0, 0.0, 0.0, 0.0)
    for score in sorted(by_score, reverse=True):
        taken += by_score[score][0]
        hits += by_score[score][1]
        precision, recall = hits / taken, hits / duplicates
        if precision >= PRECISION:
            best_recall = max(best_recall, recall)
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        if f1 > best.f1:
            best = Ceiling(0.0, f1, precision, recall)
    return Ceiling(best_recall, best.f1, best.precision_at_f1, best.recall_at_f1)


def cell_shares(cells: list[Hashable], dups: list[bool]) -> dict[Hashable, float]:
    """The share of duplicates among each cell's pairs, with one pair at the overall share added to each cell."""
    total, hit = Counter(cells), Counter(c for c, d in zip(cells, dups, strict=True) if d)
    base = sum(dups) / len(dups)
    return {c: (hit[c] + base) / (n + 1) for c, n in total.items()}


def cell_ceilings(cells: list[Hashable], dups: list[bool], duplicates: int) -> tuple[Ceiling, Ceiling]:
    """The ceiling with each cell scored on its own pairs, and cross-fitted (each half by the other's shares)."""
    shares = cell_shares(cells, dups)
    inside = ceiling([(shares[c], d) for c, d in zip(cells, dups, strict=True)], duplicates)
    half = [k % 2 for k in range(len(cells))]
    by_half = [
        cell_shares(
            [c for c, h in zip(cells, half, strict=True) if h == side], [d for d, h in zip(dups, half, strict=True) if h == side]
        )
        for side in (0, 1)
    ]
    base = sum(dups) / len(dups)
    crossed = ceiling([(by_half[1 - h].get(c, base), d) for c, d, h in zip(cells, dups, half, strict=True)], duplicates)
    return inside, crossed


def _days(a: LinkRecord, b: LinkRecord) -> int | None:
    if a.date_lo is None or b.date_lo is None:
        return None
    return abs((dt.date.fromisoformat(a.date_lo) - dt.date.fromisoformat(b.date_lo)).days)


def _km(a: LinkRecord, b: LinkRecord) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la, lb = math.radians(a.lat or 0.0), math.radians(b.lat or 0.0)
    dlon = math.radians((b.lon or 0.0) - (a.lon or 0.0))
    cos = math.sin(la) * math.sin(lb) + math.cos(la) * math.cos(lb) * math.cos(dlon)
    return 6371 * math.acos(max(-1.0, min(1.0, cos)))


def cell_makers(records: list[LinkRecord]) -> dict[str, Callable[[ScoredPair, LinkRecord, LinkRecord], Hashable]]:
    at_place = Counter(r.place_key for r in records)
    weights = term_weights(records) or {}

    def overlap(a: LinkRecord, b: LinkRecord) -> float:
        wa, wb = set(a.terms), set(b.terms)
        union = sum(weights.get(t, 1) for t in wa | wb)
        return sum(weights.get(t, 1) for t in wa & wb) / union if union else 0.0

    def levels(p: ScoredPair, a: LinkRecord, b: LinkRecord) -> Hashable:
        busy = round(math.log2(at_place[a.place_key])) if a.place_key is not None and a.place_key == b.place_key else None
        # the level without what the evidence says of the place's claims (counted here in log2 steps)
        return (*(e.level.partition(", which ")[0] for e in p.evidence), busy)

    def finer(p: ScoredPair, a: LinkRecord, b: LinkRecord) -> Hashable:
        km = _km(a, b)
        return (levels(p, a, b), _days(a, b), None if km is None else round(km / 5),
                round(overlap(a, b) * 20), a.killed_best is not None and a.killed_best == b.killed_best)  # fmt: skip

    return {"levels": levels, "finer": finer}


def _line(label: str, c: Ceiling) -> str:
    return (
        f"{label:34} recall at precision ≥ {PRECISION}: {c.recall_at_precision:.3f}; best F1 {c.f1:.3f}"
        f" (P {c.precision_at_f1:.3f}, R {c.recall_at_f1:.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    records, truth = make(args.n, 0.05, seed=args.seed, profile="measured", wording_profile="measured", placing="measured", counts="measured")  # fmt: skip
    pairs = engine_for("duckdb").dedupe(records, threshold=FLOOR)
    pairs.sort(key=lambda p: hashlib.blake2b(f"{p.left}|{p.right}".encode(), digest_size=8).digest())  # halves at random
    by_id = {r.unique_id: r for r in records}
    dups = [frozenset((p.left, p.right)) in truth for p in pairs]
    print(f"claims {len(records)}, duplicate pairs {len(truth)}, pairs scored ≥ {FLOOR}: {len(pairs)} ({sum(dups)} duplicates)")
    print(_line("linker's probabilities", ceiling([(p.probability, d) for p, d in zip(pairs, dups, strict=True)], len(truth))))
    for name, make_cell in cell_makers(records).items():
        cells = [make_cell(p, by_id[p.left], by_id[p.right]) for p in pairs]
        inside, crossed = cell_ceilings(cells, dups, len(truth))
        print(_line(f"{name} ({len(set(cells))} cells), optimistic", inside))
        print(_line(f"{name}, cross-fitted", crossed))


if __name__ == "__main__":
    main()
