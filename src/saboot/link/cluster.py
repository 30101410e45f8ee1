"""Clusters from scored pairs, honouring analysts' decisions, with stable ids.

Connected components over pairs at or above the threshold; an analyst's
"split" (cannot-link) is never overridden and an analyst's "merge"
(must-link) always holds. Incident ids are kept across re-links: a new
cluster takes the id of the old incident it shares most claims with.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from saboot.link.engine import ScoredPair


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: {i} for i in self.parent}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, forbidden: set[frozenset[str]]) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(frozenset((x, y)) in forbidden for x in self.members[ra] for y in self.members[rb]):
            return False
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True


def clusters(
    claim_ids: list[str],
    pairs: list[ScoredPair],
    threshold: float,
    must: list[tuple[str, str]],
    cannot: list[tuple[str, str]],
) -> list[list[str]]:
    ids = set(claim_ids)
    uf = _UnionFind(sorted(ids))
    forbidden = {frozenset(p) for p in cannot if p[0] in ids and p[1] in ids}
    for a, b in must:
        if a in ids and b in ids:
            uf.union(a, b, set())
    for p in sorted(pairs, key=lambda p: -p.probability):  # strongest evidence first
        if p.probability >= threshold and p.left in ids and p.right in ids:
            uf.union(p.left, p.right, forbidden)
    return sorted((sorted(m) for m in uf.members.values()), key=lambda m: m[0])


def stable_ids(groups: list[list[str]], previous: dict[str, str]) -> dict[str, list[str]]:
    """Incident id → claim ids; an old id follows most of its claims."""
    out: dict[str, list[str]] = {}
    taken: set[str] = set()
    ranked = sorted(groups, key=len, reverse=True)
    for group in ranked:
        votes = Counter(previous[c] for c in group if c in previous)
        old = next((i for i, _ in votes.most_common() if i not in taken), None)
        ident = old or "inc-" + hashlib.sha256(group[0].encode()).hexdigest()[:12]
        while ident in taken:
            ident = "inc-" + hashlib.sha256((ident + group[0]).encode()).hexdigest()[:12]
        taken.add(ident)
        out[ident] = group
    return out
