"""Which current claim succeeds a claim that a later extraction run superseded.

A claim's id depends on what produced it (the extractor's version) and where
the claim falls in its document, so re-extracting with a changed extractor
gives a document's claims new ids. What analysts decided about the old claims
(corrections, merges, splits) and the incident each was in pass to its
**successor**: the current claim of the same document whose evidence starts
where its did (its anchor), else the current claim whose evidence overlaps
its evidence most (the nearer start on a tie). A claim whose words no
current claim stands on has none, and what was decided about it is reported,
never moved onto a claim it was not made about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from saboot.claims import Claim


def anchor_of(claim: Claim) -> str:
    """The claim's document and the offset of the words it stands on: what corrections are keyed to."""
    return f"{claim.document_id}@{_start(claim)}"


def document_of(anchor: str) -> str:
    """The document an anchor (``anchor_of``) is in."""
    return anchor.rpartition("@")[0]


def successor_map(old: Iterable[Claim], current: Iterable[Claim]) -> dict[str, str]:
    """Each old claim's successor among ``current`` (old id → current id), for those that have one."""
    by_document: dict[str, list[Claim]] = defaultdict(list)
    for c in current:
        by_document[c.document_id].append(c)
    out: dict[str, str] = {}
    for o in old:
        candidates = by_document.get(o.document_id, [])
        same = [c for c in candidates if _start(c) == _start(o)]
        if same:
            out[o.id] = same[0].id
            continue
        best = max(((_overlap(o, c), -abs(_start(o) - _start(c)), c.id) for c in candidates), default=None)
        if best is not None and best[0] > 0:
            out[o.id] = best[2]
    return out


def _start(claim: Claim) -> int:
    return claim.evidence[0].start if claim.evidence else 0


def _overlap(a: Claim, b: Claim) -> int:
    """Characters of evidence the two claims share."""
    return sum(max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a.evidence for y in b.evidence)
