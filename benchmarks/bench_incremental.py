"""How well the weights kept by a full scoring serve claims that arrive later (``saboot.link.incremental``).

``bench_link.py``'s generated claims are shuffled; the weights are measured on all but the last ``--share`` of them
(``LinkEngine.dedupe_measured``), and those are then scored with the kept weights (``LinkEngine.rescore``) and
clustered with the pairs of the others, as ``saboot link`` does after new reports. The script prints precision and
recall of the duplicate pairs recovered, overall and among the pairs with a later claim, against a full scoring of
all the claims, and the times of each step.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_incremental.py [--n 100000] [--share 0.1] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import time

from benchmarks.bench_link import make, recovered

from saboot.link.engine import engine_for
from saboot.link.service import ALIKE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--share", type=float, default=0.1, help="the share of claims that arrive after the full scoring")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    # bench_link.py's defaults: reports differ, are worded, placed and counted as measured on GTD, PBC and ECB+
    records, truth = make(args.n, 0.05, args.seed, True, "measured", "measured", "measured", "measured")
    random.Random(args.seed).shuffle(records)  # later reports are of any incident, not only of second reports
    cut = len(records) - round(args.share * len(records))
    later = {r.unique_id for r in records[cut:]}
    ids = [r.unique_id for r in records]
    engine = engine_for("duckdb")
    start = time.perf_counter()
    full, _ = engine.dedupe_measured(records, ALIKE)
    print(f"full scoring of {len(records)} claims        {time.perf_counter() - start:7.1f} s")
    start = time.perf_counter()
    kept, model = engine.dedupe_measured(records[:cut], ALIKE)
    print(f"full scoring of the first {cut}      {time.perf_counter() - start:7.1f} s")
    start = time.perf_counter()
    fresh = engine.rescore(records, ALIKE, model, later)
    print(f"the {len(later)} later ones, kept weights   {time.perf_counter() - start:7.1f} s ({len(fresh)} pairs)")
    touching = {pair for pair in truth if pair & later}
    for name, pairs in (("full scoring", full), ("kept weights", kept + fresh)):
        precision, recall = recovered(ids, pairs, truth)
        _p, later_recall = recovered(ids, pairs, touching)
        print(
            f"{name}: precision {precision:.4f}, recall {recall:.4f}; "
            f"recall of the {len(touching)} duplicate pairs with a later claim {later_recall:.4f}"
        )


if __name__ == "__main__":
    main()
