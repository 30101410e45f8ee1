"""``saboot eval linking``: cross-document event clustering on ECB+.

A topic's ``ecb`` and ``ecbplus`` documents report two different real-world
events of the same kind; the gold clusters are (topic, ecb|ecbplus). The
scores are MUC, B³ and CEAF-e F1 and their mean, the CoNLL F1.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from saboot.errors import ConfigError

# The corpus file of each split in the folder prepared by Barhom et al. 2019 (its held-out topics, 36-45, are "test").
SPLITS = {"dev": "ECB_Dev_corpus.txt", "train": "ECB_Train_corpus.txt", "test": "ECB_Test_corpus.txt"}


def splits_in(folder: Path) -> list[str]:
    """The splits whose corpus file is in ``folder``, in the order of ``SPLITS``."""
    return [name for name, file in SPLITS.items() if (folder / file).is_file()]


def default_split(folder: Path) -> str:
    """``dev`` when the folder holds it, else the one split it holds (a folder of the held-out topics alone)."""
    present = splits_in(folder)
    if "dev" in present or len(present) != 1:
        return "dev"
    return present[0]


def read_ecbplus(folder: Path, split: str | None = None) -> dict[str, str]:
    """Each document's text (its tokens joined by spaces), by ECB+ document id; ``split`` defaults to ``default_split``."""
    split = default_split(folder) if split is None else split
    if split not in SPLITS:
        raise ConfigError(f"unknown ECB+ split {split!r}", hint=f"use one of {', '.join(SPLITS)}")
    path = folder / SPLITS[split]
    if not path.is_file():
        present = splits_in(folder)
        hint = (
            f"this folder holds {', '.join(SPLITS[p] for p in present)}: use --split {' or --split '.join(present)}"
            if present
            else f"give the ECB+ folder prepared by Barhom et al. 2019, which holds {', '.join(SPLITS.values())}"
        )
        raise ConfigError(f"no {SPLITS[split]} here", where=str(folder), hint=hint)
    tokens: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                tokens[parts[0]].append(parts[3])
    return {doc: " ".join(words) for doc, words in tokens.items()}


def gold_event(doc_id: str) -> str:
    topic, _, name = doc_id.partition("_")
    return f"{topic}:{'ecbplus' if name.endswith('ecbplus') else 'ecb'}"


def gold_clusters(doc_ids: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for d in sorted(doc_ids):
        groups[gold_event(d)].append(d)
    return list(groups.values())


@dataclass(frozen=True)
class Scores:
    muc: float
    b3: float
    ceafe: float

    @property
    def conll(self) -> float:
        return (self.muc + self.b3 + self.ceafe) / 3


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def muc(key: list[list[str]], response: list[list[str]]) -> float:
    def recall(k: list[list[str]], r: list[list[str]]) -> float:
        where = {m: i for i, c in enumerate(r) for m in c}
        num = sum(len(c) - len({where.get(m, ("single", m)) for m in c}) for c in k)
        den = sum(len(c) - 1 for c in k)
        return num / den if den else 0.0

    return _f1(recall(response, key), recall(key, response))


def b_cubed(key: list[list[str]], response: list[list[str]]) -> float:
    k_of = {m: set(c) for c in key for m in c}
    r_of = {m: set(c) for c in response for m in c}
    items = list(k_of)
    recall = sum(len(k_of[m] & r_of.get(m, {m})) / len(k_of[m]) for m in items) / len(items)
    precision = sum(len(k_of.get(m, {m}) & r_of[m]) / len(r_of[m]) for m in r_of) / len(r_of)
    return _f1(precision, recall)


def ceaf_e(key: list[list[str]], response: list[list[str]]) -> float:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.array([[2 * len(set(k) & set(r)) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _f1(total / len(response), total / len(key))


def score(key: list[list[str]], response: list[list[str]]) -> Scores:
    return Scores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))
