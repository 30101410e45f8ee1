"""Analysts' link decisions and incident ids across re-extraction.

A link decision names claims by id, and re-extracting with a changed
extractor gives a document's claims new ids: left alone, every decision on
the old claims would silently stop applying and every incident would take a
new id. Decisions and incident ids therefore follow each superseded claim to
its successor (``saboot.successors``). A decision with a claim that has no
successor (the new extractor no longer finds that claim) is kept in the store
but reported; one with a claim an analyst rejected has nothing to apply to.
"""

from __future__ import annotations

from dataclasses import dataclass

from saboot.claims import Claim
from saboot.store.base import ClaimFilter, Store
from saboot.successors import successor_map

Decision = tuple[str, str, str]  # (must_link | cannot_link, claim id, claim id)


@dataclass(frozen=True)
class Carried:
    """The decisions and the previous incident of each claim, in terms of the current claims."""

    must: tuple[tuple[str, str], ...]
    cannot: tuple[tuple[str, str], ...]
    previous: dict[str, str]  # current claim id → the incident it (or the claim it succeeds) was in
    moved: int  # decisions that now apply to a successor of a claim they named
    orphaned: tuple[Decision, ...]  # decisions that no longer apply: a claim they name has no current successor


def carry(store: Store, extracted: list[Claim], linked: list[Claim]) -> Carried:
    """The store's decisions (a later one on the same pair replacing an earlier one) and its last incident
    assignment, each claim id replaced by its successor among the current ``extracted`` event claims; ``linked``
    are those of them analysts did not reject."""
    latest: dict[frozenset[str], Decision] = {}
    for kind, a, b in store.decisions():
        latest[frozenset((a, b))] = (kind, a, b)
    assignment = store.incident_assignment()
    current = {c.id for c in extracted}
    named = {x for _, a, b in latest.values() for x in (a, b)} | set(assignment)
    follow = successors(store, extracted, named - current)
    follow.update((c, c) for c in current)
    kept = {c.id for c in linked}
    moot = {c for c, s in follow.items() if s not in kept}  # the claim (or its successor) is rejected: nothing to apply to
    must: list[tuple[str, str]] = []
    cannot: list[tuple[str, str]] = []
    orphaned: list[Decision] = []
    moved = 0
    for kind, a, b in latest.values():
        x, y = follow.get(a), follow.get(b)
        if a in moot or b in moot:
            continue
        if x is None or y is None or (x == y and kind == "cannot_link"):
            orphaned.append((kind, a, b))
        elif x != y:
            (must if kind == "must_link" else cannot).append((min(x, y), max(x, y)))
            moved += (x, y) != (a, b) and (y, x) != (a, b)
    previous = {follow[c]: inc for c, inc in assignment.items() if c not in current and c in follow}
    previous.update((c, inc) for c, inc in assignment.items() if c in current)  # a claim's own entry comes first
    return Carried(tuple(must), tuple(cannot), previous, moved, tuple(orphaned))


def successors(store: Store, current: list[Claim], stale: set[str]) -> dict[str, str]:
    """Superseded claim id → the claim among ``current`` that succeeds it, for the ``stale`` ids that have one."""
    if not stale:
        return {}
    old = {c.id: c for c in store.claims(ClaimFilter(ids=tuple(sorted(stale)), superseded=True))}
    return successor_map(old.values(), current)
