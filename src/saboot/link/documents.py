"""Document-level event clustering: which reports describe the same
real-world event, from their words alone.

Each document becomes a TF-IDF vector over its lower-cased content words,
with names (capitalised words) and numbers weighted double, because they
are what tell two earthquakes, two bombings or two arrests apart; documents
are clustered by average-linkage agglomeration of cosine distances, cut at a
threshold (tuned on ECB+ train, see ``saboot eval linking``). Used to
evaluate cross-document linking on a public benchmark; the incident linker
compares claims by the overlap of the same features (``records.terms_of``).
"""

from __future__ import annotations

import math
import re
from collections import Counter

NAME = "doc-cluster.tfidf-average.v1"
DEFAULT_THRESHOLD = 0.87
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


def cluster_documents(texts: dict[str, str], threshold: float = DEFAULT_THRESHOLD) -> list[list[str]]:
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    ids = sorted(texts)
    if len(ids) < 2:
        return [ids] if ids else []
    bags = [features(texts[i]) for i in ids]
    df: Counter[str] = Counter(w for bag in bags for w in bag)
    vocab = {w: k for k, w in enumerate(sorted(df))}
    n = len(ids)
    matrix = np.zeros((n, len(vocab)))
    for row, bag in enumerate(bags):
        for w, tf in bag.items():
            matrix[row, vocab[w]] = (1 + math.log(tf)) * math.log((1 + n) / (1 + df[w]))
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix = matrix / norms[:, None]
    distances = np.clip(pdist(matrix, metric="cosine"), 0.0, 2.0)
    distances = np.nan_to_num(distances, nan=1.0)
    labels = fcluster(linkage(distances, method="average"), t=threshold, criterion="distance")
    groups: dict[int, list[str]] = {}
    for ident, label in zip(ids, labels, strict=True):
        groups.setdefault(int(label), []).append(ident)
    return sorted(groups.values(), key=lambda g: g[0])
