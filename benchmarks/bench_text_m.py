"""How reports of one real event compare in wording: the m probabilities of the
linker's text levels, measured on ECB+.

Each ECB+ document (train and dev) stands for a claim: its words are
``records.terms_of`` of its first two sentences. For every pair of documents
about the same event (m), about the other event of the same topic (the hard
case: another earthquake, another arrest) and about events of different
topics (u), the pair's text level is computed as the linker computes it
(``spec.TEXT``: Jaccard at least 1/5 and a shared weight of ``spec.SIMILAR_WEIGHT`` "similar wording", at least 2/25 "some
distinctive words shared", at most ``spec.FEW_TERMS`` words between them and
none shared, else "different wording"), once with every word weighing 1 (a
small store) and once with words weighing by rarity in the collection (a
large one, ``engine.term_weights``; there ``spec.TEXT_WEIGHTED`` tells apart
how little is shared below 2/25). ``spec.TEXT_WEIGHTED`` takes its m from
the second. For comparison with the unrelated pairs of ``bench_link``'s
generator, it also prints the levels of random pairs of GTD summaries.

    .venv/bin/python benchmarks/bench_text_m.py [--ecbplus ../shared/data/ecbplus] [--sentences 2] [--gtd FILE]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
from pathlib import Path

from saboot.evaluate.linking import gold_clusters, read_ecbplus
from saboot.link import spec
from saboot.link.engine import rarity_weights
from saboot.link.records import terms_of

LEVELS = ("similar wording", "some distinctive words shared", "few words, none shared", "different wording")
WEIGHTED_LEVELS = tuple(spec.WEIGHTED_TEXT_M)  # spec.TEXT_WEIGHTED's, which tell apart how little is shared
shares = spec.text_level_shares


def measure(folder: Path, sentences: int = 2) -> dict[str, dict[str, dict[str, float]]]:
    """{weighting: {kind of pair: {text level: share of those pairs}}} on ECB+'s train and dev documents."""
    docs = {**read_ecbplus(folder, "train"), **read_ecbplus(folder, "dev")}
    lead = {d: " ".join(re.split(r"(?<=[.!?])\s+", t.strip())[:sentences]) for d, t in docs.items()}
    terms = {d: set(terms_of(text)) for d, text in lead.items()}
    idf = rarity_weights(list(terms.values()))
    events = gold_clusters(list(docs))
    event_of = {d: k for k, members in enumerate(events) for d in members}
    topic = {d: d.partition("_")[0] for d in docs}
    ids = sorted(docs)
    rng = random.Random(1)
    kinds = {
        "same event (m)": [p for members in events for p in itertools.combinations(members, 2)],
        "other event, same topic": [(a, b) for a, b in itertools.combinations(ids, 2) if topic[a] == topic[b] and event_of[a] != event_of[b]],
        "other topic (u)": [(a, b) for a, b in (rng.sample(ids, 2) for _ in range(20_000)) if topic[a] != topic[b]],
    }  # fmt: skip
    return {
        name: {kind: shares(pairs, terms, weight, weighted) for kind, pairs in kinds.items()}
        for name, weight, weighted in (("every word weighs 1", {}, False), ("words weigh by rarity", idf, True))
    }


def unrelated_reports(gtd: Path, pairs: int = 20_000) -> dict[str, float]:
    """Weighted text levels of random pairs of GTD summaries (each a different incident; ``--gtd``): unrelated reports
    as alike as they come, all from one country and year and written to one formula."""
    with open(gtd, encoding="utf-8", newline="") as fh:
        terms = {str(k): set(terms_of(row["summary"])) for k, row in enumerate(csv.DictReader(fh))}
    idf = rarity_weights(list(terms.values()))
    rng = random.Random(1)
    ids = sorted(terms)
    return shares([(a, b) for a, b in (rng.sample(ids, 2) for _ in range(pairs))], terms, idf, weighted=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/ecbplus")
    parser.add_argument("--sentences", type=int, default=2)
    parser.add_argument("--gtd", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/gtd-afghanistan-2016.csv")
    args = parser.parse_args()
    print(f"ECB+ train and dev, the first {args.sentences} sentences of each document")
    for name, kinds in measure(args.ecbplus, args.sentences).items():
        print(name)
        for kind, levels in kinds.items():
            print(f"  {kind:26}" + "  ".join(f"{k} {v:.3f}" for k, v in levels.items()))
    if args.gtd.is_file():
        print(f"{args.gtd.name}, random pairs of summaries (different incidents), words weigh by rarity")
        print("  " + "  ".join(f"{k} {v:.3f}" for k, v in unrelated_reports(args.gtd).items()))


if __name__ == "__main__":
    main()
