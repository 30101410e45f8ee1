"""Clusters from scored pairs, honouring analysts' decisions, with stable ids.

Groups grow from pairs at or above the threshold, strongest first; an
analyst's "split" (cannot-link) is never overridden and an analyst's "merge"
(must-link) always holds. Two groups join only when every claim of one is
at least alike every claim of the other (the engine scored the pair, at its
floor or above): a chain of look-alikes (6 August ~ 7 August ~ 8 August) no
longer joins its two ends when they do not resemble each other at all.
Incident ids are kept across re-links: a new cluster takes the id of the old
incident it shares most claims with.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping

from saboot.link import spec
from saboot.link.engine import ScoredPair


class _UnionFind:
    def __init__(self, items: Iterable[str], documents: Mapping[str, str]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: {i} for i in self.parent}
        # claims of one document are never joined (the extractor kept them apart): each group's documents
        self.documents = {i: {documents[i]} if i in documents else set() for i in self.parent} if documents else None

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(
        self, a: str, b: str, forbidden: Mapping[str, set[str]], alike: Mapping[str, set[str]] | None = None,
        must: bool = False,
    ) -> bool:  # fmt: skip
        """Join the groups of ``a`` and ``b`` (``must``: in any case) unless a pair across them is forbidden, of one
        document or (``alike`` given: each claim → the claims alike it) not alike; return whether they are one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        docs, theirs = self.documents, self.members[rb]
        if not must and docs is not None and not docs[ra].isdisjoint(docs[rb]):
            return False
        for x in self.members[ra]:  # whole groups compared as sets: a claim at a time, not a pair at a time
            if (alike is not None and not theirs <= alike.get(x, _NONE)) or not forbidden.get(x, _NONE).isdisjoint(theirs):
                return False
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        if docs is not None:
            docs[ra] |= docs.pop(rb)
        return True


_NONE: set[str] = set()


def clusters(
    claim_ids: list[str],
    pairs: list[ScoredPair],
    threshold: float,
    must: list[tuple[str, str]],
    cannot: list[tuple[str, str]],
    documents: Mapping[str, str] | None = None,
    alike: Mapping[str, set[str]] | None = None,
) -> list[list[str]]:
    """Groups of claim ids. ``pairs`` are all the pairs the engine scored at
    its floor or above; a pair missing from them is not alike. Or ``alike``
    says which are (each claim → those it was scored with at the floor or
    above), and ``pairs`` need hold only those at the threshold. Claims of one
    of the ``documents`` (claim id → document id) stay apart, as a ``cannot``
    pair keeps two claims apart; an analyst's ``must`` joins them even so."""
    ids = set(claim_ids)
    uf = _UnionFind(sorted(ids), documents or {})
    forbidden = _neighbours((a, b) for a, b in cannot if a in ids and b in ids)
    alike = _neighbours((p.left, p.right) for p in pairs) if alike is None else defaultdict(set, alike)
    for a, b in must:
        if a in ids and b in ids:
            uf.union(a, b, {}, must=True)
            alike[a] = alike[a] | {b}  # new sets: a map given is not changed
            alike[b] = alike[b] | {a}
    strong = [p for p in pairs if p.probability >= threshold and p.left in ids and p.right in ids]
    torn = torn_pairs(strong, alike)
    # strongest evidence first; equal ones in the order of their claim ids, so that the engine's row order never matters
    for p in sorted(strong, key=lambda p: (-p.probability, *pair_key(p.left, p.right))):
        if pair_key(p.left, p.right) not in torn:
            uf.union(p.left, p.right, forbidden, alike)
    return sorted((sorted(m) for m in uf.members.values()), key=lambda m: m[0])


def torn_pairs(strong: list[ScoredPair], alike: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """The pairs (each as ``pair_key``) of a claim torn between two claims that are not alike each other, alike it by
    weights within ``spec.TORN_BITS`` of each other: it joins neither, which would be a choice the evidence does not
    make (a wire's attack "in southwestern Balochistan province", alike an attack in Panjgur and one in Zhob 711 km
    apart by the same 0.98, had joined the one whose claim id came first)."""
    partners: defaultdict[str, list[tuple[float, str]]] = defaultdict(list)
    for p in strong:
        bits = _bits(p.probability)
        partners[p.left].append((bits, p.right))
        partners[p.right].append((bits, p.left))
    torn: set[tuple[str, str]] = set()
    for x, theirs in partners.items():
        theirs.sort(reverse=True)
        best = theirs[0][0]
        close = [y for bits, y in theirs if best - bits < spec.TORN_BITS]
        if any(z not in alike.get(y, _NONE) for n, y in enumerate(close) for z in close[n + 1 :]):
            torn |= {pair_key(x, y) for y in close}
    return torn


def _bits(probability: float) -> float:
    """A match probability as its weight of evidence in bits (log2 of the odds); certainty as a large finite weight."""
    p = min(max(probability, 1e-12), 1 - 1e-12)
    return math.log2(p / (1 - p))


def _neighbours(pairs: Iterable[tuple[str, str]]) -> defaultdict[str, set[str]]:
    """Each claim → the claims it is paired with."""
    out: defaultdict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        out[a].add(b)
        out[b].add(a)
    return out


def pair_key(a: str, b: str) -> tuple[str, str]:
    """A pair of claims as one key whichever comes first."""
    return (a, b) if a <= b else (b, a)


def stable_ids(groups: list[list[str]], previous: Mapping[str, str], taken: Collection[str] = ()) -> dict[str, list[str]]:
    """Incident id → claim ids; an old id follows most of its claims. The ``taken`` ids (incidents kept as they are)
    are given to none of these groups."""
    out: dict[str, list[str]] = {}
    used = set(taken)
    ranked = sorted(groups, key=len, reverse=True)
    for group in ranked:
        votes = Counter(previous[c] for c in group if c in previous)
        old = next((i for i, _ in votes.most_common() if i not in used), None)
        ident = old or "inc-" + hashlib.sha256(group[0].encode()).hexdigest()[:12]
        while ident in used:
            ident = "inc-" + hashlib.sha256((ident + group[0]).encode()).hexdigest()[:12]
        used.add(ident)
        out[ident] = group
    return out
