"""Document-level event clustering: which reports describe the same
real-world event, from their words alone.

Each document becomes a TF-IDF vector over its lower-cased content words,
with names (capitalised words) and numbers weighted double, because they
are what tell two earthquakes, two bombings or two arrests apart. Documents
whose cosine similarity reaches ``min_similarity`` are joined in a graph,
each edge weighted by the square of that similarity, if it is among the
``NEIGHBOURS`` most similar documents of one of its two ends: a document is
tied to the reports nearest it, not to everything about its topic. The graph
is cut into communities by Louvain modularity optimisation (networkx).

Modularity has a resolution limit: in a larger collection it merges groups
that it would keep apart in a smaller one. The resolution therefore grows
with the number of documents, ``RESOLUTION * (n / 200) ** RESOLUTION_GROWTH``,
so that a collection of 200 documents and one of 600 are cut at the same
grain; it never falls below 1, plain modularity, for small collections.
These numbers, ``MIN_SIMILARITY`` and ``NEIGHBOURS`` were tuned on the ECB+
train and dev splits and on random dev-sized samples of train topics together
(see ``saboot eval linking``, ``benchmarks/bench_ecbplus.py`` and the README).
Used to evaluate cross-document linking on a public benchmark; the incident
linker compares claims by the overlap of the same features
(``records.terms_of``).
"""

from __future__ import annotations

import math
import re
from collections import Counter

NAME = "doc-cluster.tfidf-louvain.v3"
MIN_SIMILARITY = 0.10
NEIGHBOURS = 10
RESOLUTION = 3.0
RESOLUTION_GROWTH = 0.75
SEED = 7
STOPWORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "would", "could", "said", "says", "say", "told", "also", "one", "two", "new", "as"]
)  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")


def features(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for i, m in enumerate(_TOKEN.finditer(text)):
        word = m.group(0)
        low = word.lower()
        if low in STOPWORDS or len(low) < 2:
            continue
        weight = 2 if (word[0].isupper() and i > 0) or word[0].isdigit() else 1
        out[low] += weight
    return out


def default_resolution(n_documents: int) -> float:
    """The Louvain resolution for a collection of this many documents."""
    return max(1.0, RESOLUTION * math.pow(max(n_documents, 1) / 200, RESOLUTION_GROWTH))


def similarity_edges(bags: list[Counter[str]], min_similarity: float) -> list[tuple[int, int, float]]:
    """Pairs of documents whose TF-IDF cosine similarity reaches ``min_similarity``, with it."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n = len(bags)
    df: Counter[str] = Counter(w for bag in bags for w in bag)
    vocab = {w: k for k, w in enumerate(sorted(df))}
    rows, cols, vals = [], [], []
    for row, bag in enumerate(bags):
        for w, tf in bag.items():
            rows.append(row)
            cols.append(vocab[w])
            vals.append((1 + math.log(tf)) * math.log((1 + n) / (1 + df[w])))
    matrix = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = csr_matrix(matrix.multiply(1.0 / norms[:, None]))
    sims = (matrix @ matrix.T).tocoo()
    keep = (sims.row < sims.col) & (sims.data >= min_similarity)
    return [(int(a), int(b), float(s)) for a, b, s in zip(sims.row[keep], sims.col[keep], sims.data[keep], strict=True)]


def nearest(edges: list[tuple[int, int, float]], k: int) -> list[tuple[int, int, float]]:
    """The edges that are among the ``k`` most similar of at least one of their two ends (ties: the lower index)."""
    around: dict[int, list[tuple[float, int]]] = {}
    for a, b, sim in edges:
        around.setdefault(a, []).append((-sim, b))
        around.setdefault(b, []).append((-sim, a))
    top = {node: {other for _s, other in sorted(found)[:k]} for node, found in around.items()}
    return [(a, b, sim) for a, b, sim in edges if b in top[a] or a in top[b]]


def cluster_documents(
    texts: dict[str, str], min_similarity: float = MIN_SIMILARITY, resolution: float | None = None
) -> list[list[str]]:
    """Group documents that report the same event; each group sorted, groups ordered by their first id."""
    import networkx as nx

    ids = sorted(texts)
    if len(ids) < 2:
        return [ids] if ids else []
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(ids)))
    for a, b, sim in nearest(similarity_edges([features(texts[i]) for i in ids], min_similarity), NEIGHBOURS):
        graph.add_edge(a, b, weight=sim * sim)
    gamma = default_resolution(len(ids)) if resolution is None else resolution
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=gamma, seed=SEED)
    return sorted(([ids[i] for i in sorted(c)] for c in communities), key=lambda g: g[0])
