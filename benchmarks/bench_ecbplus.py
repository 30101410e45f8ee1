"""ECB+ document clustering beyond the two splits: CoNLL F1 on dev, on train,
on test (the held-out topics) when the folder holds it, and on random
samples of the train split's topics (held-out-like collections of 5, 9 and
14 topics), with the default settings of ``saboot eval linking``.
The samples show how the score varies with the topics a collection happens to
hold and with its size.

    .venv/bin/python benchmarks/bench_ecbplus.py [--ecbplus ../shared/data/ecbplus] [--samples 12] [--seed 3]
        [--sizes 5,9,14]

``--sizes 10``: samples of as many topics as the held-out test split holds (topics 36-45), with the share of
them that reach the issue's target, 0.95.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from saboot.evaluate.linking import gold_clusters, read_ecbplus, score, splits_in
from saboot.link.documents import NAME, cluster_documents

TARGET = 0.95  # the CoNLL F1 target


def conll(docs: dict[str, str]) -> float:
    return score(gold_clusters(list(docs)), cluster_documents(docs)).conll


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/ecbplus")
    parser.add_argument("--samples", type=int, default=12, help="random topic samples per size")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--sizes", default="5,9,14", help="how many topics a sample holds, comma-separated")
    args = parser.parse_args()
    print(NAME)
    splits = {name: read_ecbplus(args.ecbplus, name) for name in splits_in(args.ecbplus)}
    for name, docs in splits.items():
        start = time.perf_counter()
        value = conll(docs)
        print(f"{name:5} {len(docs):4d} documents  CoNLL {value:.3f}  ({time.perf_counter() - start:.1f} s)")
    if "train" not in splits:
        return
    train = splits["train"]
    topics = sorted({doc.partition("_")[0] for doc in train})
    rng = random.Random(args.seed)
    for size in (int(k) for k in args.sizes.split(",")):
        values = []
        for _ in range(args.samples):
            chosen = set(rng.sample(topics, size))
            values.append(conll({d: t for d, t in train.items() if d.partition("_")[0] in chosen}))
        print(
            f"train, {size:2d} random topics x {args.samples}: CoNLL mean {statistics.mean(values):.3f}"
            f"  min {min(values):.3f}  max {max(values):.3f}  at least {TARGET}: {sum(v >= TARGET for v in values)}"
        )


if __name__ == "__main__":
    main()
