"""The incidents that may be the same as one: where an analyst looks for a merge the linker did not make.

The last link run keeps every pair of claims it scored (``Store.save_claim_pairs``).
For an incident, the other incidents with a claim that scored ``NEAR`` or more
against one of its claims are listed, strongest first, each with that pair
(its probability and the evidence it adds up from) and every reason the
linker kept the two apart: the pair scored below the threshold (of the last
link run); an
analyst's split (a cannot-link decision in force between a claim of each);
one report that tells them apart (a claim of each from the same document);
or a claim of one and a claim of the other that do not resemble each other
at all (no pair of them scored ``ALIKE`` or more), which one incident would
join; or a claim torn between the two, resembling a claim of each as much
while those do not resemble each other (``cluster.torn_pairs``). A pair at or
above the threshold stays apart only for one of the last four.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saboot.link import lineage, spec
from saboot.link.cluster import pair_key, torn_pairs
from saboot.link.decisions import last_link_settings
from saboot.link.engine import ScoredPair
from saboot.link.model import ClaimLink, Incident, probability_text
from saboot.link.service import ALIKE
from saboot.model import plain
from saboot.store.base import Store

NEAR = 0.5  # the least probability of a pair across two incidents for them to be listed as possibly one
LIMIT = 10


@dataclass(frozen=True)
class NearIncident:
    """Another incident that may be the same one, and why the linker kept them apart."""

    incident_id: str
    date: str | None
    place: str | None
    killed: int | None
    link: ClaimLink  # the strongest pair across the two: claim_a of this incident, claim_b of the other
    apart: tuple[str, ...]  # every reason the linker kept them apart

    def to_json(self) -> dict[str, Any]:
        return {**plain(self), "summary": self.link.summary()}


def near_incidents(
    store: Store, inc: Incident, decided: list[lineage.Standing] | None = None, limit: int = LIMIT
) -> list[NearIncident]:
    """The other incidents whose claims scored ``NEAR`` or more against a claim of ``inc``, strongest first;
    ``decided``: the standing of the decisions on its reports (``lineage.standing(store, inc)``), if already read."""
    mine = set(inc.claim_ids)
    pairs = store.claim_pairs(inc.claim_ids)
    across = [p for p in pairs if (p.left in mine) != (p.right in mine)]
    where = store.incidents_of_claims({p.right if p.left in mine else p.left for p in across})
    best: dict[str, ClaimLink] = {}
    for p in sorted(across, key=lambda p: (-p.probability, p.left, p.right)):
        ours, theirs = (p.left, p.right) if p.left in mine else (p.right, p.left)
        other = where.get(theirs)
        if p.probability >= NEAR and other is not None and other != inc.id and other not in best:
            best[other] = ClaimLink(ours, theirs, round(p.probability, 6), p.evidence)
    chosen = list(best.items())[:limit]
    if not chosen:
        return []
    cannot = _splits(lineage.standing(store, inc) if decided is None else decided)
    found = [(store.get_incident(other_id), link) for other_id, link in chosen]
    threshold = last_link_settings(store)[0]
    return [_described(store, inc, other, link, pairs, cannot, threshold) for other, link in found if other is not None]


@dataclass(frozen=True)
class NearPair:
    """Two incidents that may be one: an incident (its id, date, place and killed) and the other (``near``)."""

    incident_id: str
    date: str | None
    place: str | None
    killed: int | None
    near: NearIncident

    def to_json(self) -> dict[str, Any]:
        return {**plain(self), "near": self.near.to_json()}


def borderline(store: Store, low: float = NEAR, high: float = 1.0, limit: int = 50) -> list[NearPair]:
    """Pairs of incidents whose strongest pair of claims across them scored from ``low`` to ``high``, strongest
    first (at most ``limit``): the linker's closest calls, for an analyst to review (``saboot near``)."""
    chosen: dict[frozenset[str], tuple[str, str, ScoredPair]] = {}
    for a, b, pair in store.pairs_across_incidents(low, high):
        chosen.setdefault(frozenset((a, b)), (a, b, pair))
        if len(chosen) >= limit:
            break
    threshold = last_link_settings(store)[0]
    out = []
    for a, b, pair in chosen.values():
        inc, other = store.get_incident(a), store.get_incident(b)
        if inc is None or other is None:
            continue
        link = ClaimLink(pair.left, pair.right, round(pair.probability, 6), pair.evidence)
        cannot = _splits(lineage.standing(store, inc))
        near = _described(store, inc, other, link, store.claim_pairs(inc.claim_ids), cannot, threshold)
        out.append(NearPair(inc.id, *_basics(inc), near))
    return out


def _described(
    store: Store, inc: Incident, other: Incident, link: ClaimLink, pairs: list[ScoredPair], cannot: dict[frozenset[str], int],
    threshold: float,
) -> NearIncident:  # fmt: skip
    return NearIncident(other.id, *_basics(other), link, _apart(store, inc, other, link, pairs, cannot, threshold))


def _basics(inc: Incident) -> tuple[str | None, str | None, int | None]:
    """The incident's date (as precisely as it is known: ``Incident.when``), place and best killed figure, to tell it
    by."""
    killed = inc.counts.get("killed")
    return inc.when("") or None, inc.location.name if inc.location else None, killed.best if killed else None


def _splits(decided: list[lineage.Standing]) -> dict[frozenset[str], int]:
    """The cannot-link decisions in force among these: the claim pair → the decision's id."""
    return {
        frozenset(s.applies_to): s.decision.id
        for s in decided
        if s.status == lineage.IN_FORCE and s.applies_to and s.decision.kind == "cannot_link"
    }


def _apart(
    store: Store, inc: Incident, other: Incident, link: ClaimLink, pairs: list[ScoredPair], cannot: dict[frozenset[str], int],
    threshold: float,
) -> tuple[str, ...]:  # fmt: skip
    """Why the linker made two incidents of them: every reason that holds (see the module's docstring)."""
    across = [(x, y) for x in inc.claim_ids for y in other.claim_ids]
    doc_of = {c: s.document_id for s in (*inc.sources, *other.sources) for c in s.claim_ids}
    scored = {frozenset((p.left, p.right)) for p in pairs}
    split = next(((x, y) for x, y in across if frozenset((x, y)) in cannot), None)
    same = next(((x, y) for x, y in across if doc_of.get(x) is not None and doc_of.get(x) == doc_of.get(y)), None)
    unlike = next(((x, y) for x, y in across if frozenset((x, y)) not in scored), None)
    reasons: list[str] = []
    if split is not None:
        reasons.append(f"an analyst's split keeps claims {split[0]} and {split[1]} apart (decision {cannot[frozenset(split)]})")
    if link.probability < threshold:
        reasons.append(f"their strongest pair scored {probability_text(link.probability)}, below the threshold {threshold}")
    if same is not None:
        reasons.append(f"one report, {doc_of[same[0]]}, tells them apart: claims {same[0]} and {same[1]} are two events in it")
    if unlike is not None:
        reasons.append(f"claims {unlike[0]} and {unlike[1]} do not resemble each other (no pair of them scored {ALIKE} or more)")
    if (torn := _torn(link, store, threshold)) is not None:
        reasons.append(torn)
    return tuple(reasons) or ("the last link run kept them apart; a re-link may join them",)


def _torn(link: ClaimLink, store: Store, threshold: float) -> str | None:
    """Why the pair was not joined if one of its claims is torn between it and another claim, not alike the first,
    that it resembles as much (``cluster.torn_pairs``); else None."""
    if link.probability < threshold:
        return None
    for x in (link.claim_a, link.claim_b):
        mine = [p for p in store.claim_pairs([x], threshold) if x in (p.left, p.right)]
        partners = sorted({p.right if p.left == x else p.left for p in mine})
        alike: dict[str, set[str]] = {y: set() for y in partners}
        for p in store.claim_pairs(partners):
            alike.setdefault(p.left, set()).add(p.right)
            alike.setdefault(p.right, set()).add(p.left)
        torn = torn_pairs(mine, alike)
        if pair_key(link.claim_a, link.claim_b) in torn:
            others = [y for y in partners if y not in (link.claim_a, link.claim_b) and pair_key(x, y) in torn]
            partner = link.claim_b if x == link.claim_a else link.claim_a
            return (
                f"claim {x} is torn: it resembles {', '.join(others)} as much (within {spec.TORN_BITS:g} bit of evidence), which does "
                f"not resemble {partner}; the evidence does not choose between them"
            )
    return None
