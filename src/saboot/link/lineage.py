"""Analysts' link decisions and incident ids across re-extraction, and what each decision does now.

A link decision names claims by id, and re-extracting with a changed
extractor gives a document's claims new ids: left alone, every decision on
the old claims would silently stop applying and every incident would take a
new id. Decisions and incident ids therefore follow each superseded claim to
its successor (``saboot.successors``). A decision with a claim that has no
successor (the new extractor no longer finds that claim) is kept in the store
but reported; one with a claim an analyst rejected has nothing to apply to.
A later decision on the same current claims replaces an earlier one, and a
``withdrawn`` decision lapses the earlier ones without constraining the
linker. ``standing`` says which of these each recorded decision is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, replace

from saboot import review
from saboot.claims import Claim
from saboot.link.model import Incident, LinkDecision
from saboot.store.base import ClaimFilter, Store
from saboot.successors import successor_map

Decision = tuple[str, str, str]  # (must_link | cannot_link | withdrawn, claim id, claim id)
IN_FORCE, REPLACED, ORPHANED, MOOT, MET = "in_force", "replaced", "orphaned", "moot", "met"
STATUSES = (IN_FORCE, REPLACED, ORPHANED, MOOT, MET)
WITHDRAWN = "withdrawn"  # a decision's kind, besides must_link and cannot_link: the earlier ones on its claims lapse


@dataclass(frozen=True)
class Standing:
    """What one recorded decision does on the current claims."""

    decision: LinkDecision
    status: str  # IN_FORCE, REPLACED (a later decision on the same claims), ORPHANED, MOOT (a claim rejected), MET
    applies_to: tuple[str, str] | None  # the current claims it joins or keeps apart (successors after re-extraction)
    why: str

    def to_json(self) -> dict[str, object]:
        return {**asdict(self.decision), "status": self.status, "applies_to": self.applies_to, "why": self.why}


@dataclass(frozen=True)
class Applied:
    """What the decisions in force do, in terms of the current claims."""

    must: tuple[tuple[str, str], ...]
    cannot: tuple[tuple[str, str], ...]
    moved: int  # decisions that now apply to a successor of a claim they named
    orphaned: tuple[Decision, ...]  # decisions that no longer apply: a claim they name has no current successor


@dataclass(frozen=True)
class Carried(Applied):
    """The decisions, and the previous incident of each claim, in terms of the current claims."""

    previous: dict[str, str]  # current claim id → the incident it (or the claim it succeeds) was in


def carry(store: Store, extracted: list[Claim], linked: list[Claim]) -> Carried:
    """The store's decisions in force and its last incident assignment, each claim id replaced by its successor among
    the current ``extracted`` event claims; ``linked`` are those of them analysts did not reject."""
    assignment = store.incident_assignment()
    decided = store.decisions()
    follow = _follow(store, extracted, _named(decided) | set(assignment))
    done = applied(_stand(decided, follow, {c.id for c in linked}))
    previous = previous_incidents(assignment, {c.id for c in extracted}, follow)
    return Carried(done.must, done.cannot, done.moved, done.orphaned, previous)


def previous_incidents(assignment: dict[str, str], current: Collection[str], follow: dict[str, str]) -> dict[str, str]:
    """Current claim id → the incident of ``assignment`` (claim id → incident id) it, or the claim it succeeds, was in:
    a claim no longer ``current`` hands its incident to its successor (``follow``: claim id → its successor)."""
    previous = {follow[c]: inc for c, inc in assignment.items() if c not in current and c in follow}
    previous.update((c, inc) for c, inc in assignment.items() if c in current)  # a claim's own entry comes first
    return previous


def applied(stands: Iterable[Standing]) -> Applied:
    """What these standings (``standing``) make the linker do."""
    stands = list(stands)
    force = [s for s in stands if s.status == IN_FORCE and s.applies_to and s.decision.kind != WITHDRAWN]
    return Applied(
        must=tuple(s.applies_to for s in force if s.applies_to and s.decision.kind == "must_link"),
        cannot=tuple(s.applies_to for s in force if s.applies_to and s.decision.kind == "cannot_link"),
        moved=sum(s.applies_to != _pair(s.decision.claim_a, s.decision.claim_b) for s in force),
        orphaned=tuple((s.decision.kind, s.decision.claim_a, s.decision.claim_b) for s in stands if s.status == ORPHANED),
    )


def withdrawable(s: Standing, claims: Collection[str]) -> bool:
    """Whether ``saboot withdraw`` on an incident of these claims withdraws this decision: one in force on them."""
    return (
        s.status == IN_FORCE
        and s.decision.kind != WITHDRAWN
        and s.applies_to is not None
        and bool(set(claims) & set(s.applies_to))
    )


def standing(store: Store, on: Incident | None = None, status: str | None = None) -> list[Standing]:
    """Every recorded decision (or those naming a claim of one of the reports of incident ``on``; or those of one
    ``status``), oldest first, with what it does on the store's current claims: what the next ``saboot link``
    applies (``saboot decisions``). Only the documents of the claims the decisions name are read: a claim's
    successor is a claim of its own document."""
    if on is None:
        decided = store.decisions()
    else:  # those naming a claim of its reports, current or superseded, found by the claims' indexes
        reports = tuple(sorted({s.document_id for s in on.sources}))
        decided = store.decisions({c.id for c in _every_claim(store, ClaimFilter(document_ids=reports))})
    if not decided:
        return []
    named = _named(decided)
    found = {c.id: c.document_id for c in _every_claim(store, ClaimFilter(ids=tuple(sorted(named))))}
    docs = sorted({found[x] for x in named if x in found})
    extracted = store.claims(ClaimFilter(kind="event", document_ids=tuple(docs)))
    linked = review.apply(extracted, review.load(store, docs))
    stands = _stand(decided, _follow(store, extracted, named), {c.id for c in linked})
    return [s for s in stands if status in (None, s.status)]


def _every_claim(store: Store, flt: ClaimFilter) -> list[Claim]:
    """The claims that match, current and superseded."""
    return [c for old in (False, True) for c in store.claims(replace(flt, superseded=old))]


def _named(decided: Iterable[LinkDecision]) -> set[str]:
    return {x for d in decided for x in (d.claim_a, d.claim_b)}


def _follow(store: Store, extracted: list[Claim], named: set[str]) -> dict[str, str]:
    """Claim id → the current claim it is, or succeeds."""
    current = {c.id for c in extracted}
    follow = successors(store, extracted, named - current)
    follow.update((c, c) for c in current)
    return follow


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _stand(decided: Sequence[LinkDecision], follow: dict[str, str], kept: set[str]) -> list[Standing]:
    """Each decision's standing; a later decision on the same current claims replaces an earlier one, even when the
    earlier one named the claims that those succeed."""
    out: list[Standing] = []
    latest: dict[tuple[str, str], int] = {}
    for d in decided:
        x, y = follow.get(d.claim_a), follow.get(d.claim_b)
        rejected = next((c for c in (x, y) if c is not None and c not in kept), None)
        if rejected is not None:
            out.append(Standing(d, MOOT, None, f"an analyst rejected claim {rejected}: nothing to apply to"))
        elif x is None or y is None:
            gone = d.claim_a if x is None else d.claim_b
            out.append(Standing(d, ORPHANED, None, f"claim {gone} has no current successor: re-extraction no longer finds it"))
        elif x == y:
            status = ORPHANED if d.kind == "cannot_link" else MET
            out.append(Standing(d, status, None, f"both claims are now one claim, {x}"))
        else:
            pair = _pair(x, y)
            if pair in latest:
                out[latest[pair]] = replace(
                    out[latest[pair]], status=REPLACED, applies_to=None, why=f"replaced by decision {d.id}"
                )
            latest[pair] = len(out)
            moved = pair != _pair(d.claim_a, d.claim_b)
            why = f"applies to the re-extracted claims {x} and {y}" if moved else "applies"
            if d.kind == WITHDRAWN:
                why = f"withdraws the earlier decisions on claims {x} and {y}: the linker judges them"
            out.append(Standing(d, IN_FORCE, pair, why))
    return out


def successors(store: Store, current: list[Claim], stale: set[str]) -> dict[str, str]:
    """Superseded claim id → the claim among ``current`` that succeeds it, for the ``stale`` ids that have one."""
    if not stale:
        return {}
    old = {c.id: c for c in store.claims(ClaimFilter(ids=tuple(sorted(stale)), superseded=True))}
    return successor_map(old.values(), current)
