"""The re-link after an analyst's link decision, confined to the claims the decision can move.

A merge, split, confirm or withdraw changes only which claims must be, or must
not be, in one incident. When nothing else has changed since the last link
run (its ledger entry is followed by link decisions and by entries that do not
touch what the linker reads: reviews, accounts, sensitive marks), the claims
the decision can move are those joined to the decided claims, directly or
through others, by a scored pair at or above the threshold, by a decision in
force, or by having been in one incident of the last run (``reach``). Every
other claim would be clustered as the last run clustered it, from the same
pairs and decisions, and its incident would be reconciled, matched and
assessed as before (each incident's values follow from its own claims and the
reference rows alone). So only the reached claims are clustered again, and of
their groups only those that are not, claim for claim, an incident of the last
run untouched since are built again and replaced in the store (``rebuild``);
the rest keep their rows, their ids and the link run that wrote them. The ledger entry of the re-link fingerprints all the
incidents, as a full run's does, and lists the incidents it replaced. The
pairs are read from those the last full run kept one row each
(``Store.claim_pairs``): the strong ones a step of the reach at a time, then
only which of the claims reached were scored together (``Store.claim_neighbours``),
never all of them.

``tests/test_confined.py`` checks that this gives what a full re-link gives; when
the conditions do not hold, ``IncidentLinker.run`` re-links the whole store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from saboot import review
from saboot.claims import Claim
from saboot.link import lineage
from saboot.link.engine import ScoredPair
from saboot.link.model import Incident
from saboot.link.service import IncidentLinker, LinkSummary, kept_by_claim, last_run
from saboot.store.base import ClaimFilter, Store

DECISIONS = frozenset({"incidents.merge", "incidents.split", "incidents.confirm", "incidents.withdraw"})
# ledger entries that change nothing a link run reads: an incident's review note, accounts, sensitive marks
QUIET = frozenset({"incidents.review", "sensitive.mark", "sensitive.clear"})
QUIET_PREFIXES = ("users.", "tokens.")


def relink_around(linker: IncidentLinker, decided: Collection[str]) -> LinkSummary | None:
    """Re-link only the claims that a decision on the claims ``decided`` (already recorded) can move, or None when
    that cannot be done exactly (something besides decisions changed since the last run, or that run kept no pairs
    by claim)."""
    store = linker.store
    head = store.audit_head()
    last = last_run(store)
    if last is None or not _only_decisions_since(store, last.seq):
        return None
    before = last.payload
    if not linker.builds_as(before) or not kept_by_claim(last):  # older runs: no pairs by claim
        return None
    membership = Membership(store)
    if not set(decided) <= membership.incidents_of(decided).keys():
        return None
    done = lineage.applied(lineage.standing(store))
    reached = reach(decided, store, linker.threshold, done.must, membership)
    claims = _current(store, reached.claims)
    if {c.id for c in claims} != reached.claims:  # a claim of the last run is no longer current: not the store it linked
        return None
    previous = membership.incidents_of(reached.claims)
    replaced = set(previous.values())
    kept_ids = store.incident_ids() - replaced
    assigned = linker.assign({c.id: c.document_id for c in claims}, reached.pairs, done.must, done.cannot, previous,
                             kept_ids, reached.alike)  # fmt: skip
    incidents, same = rebuild(linker, assigned, membership, set(decided), lambda ids: [c for c in claims if c.id in ids],
                              reached.pairs)  # fmt: skip
    replaced -= same
    summary = summary_of(
        linker, before, incidents, replaced, (int(before["claims"]), len(reached.claims)), len(kept_ids) + len(same),
        done, len(before.get("corrections_orphaned", [])),
    )  # fmt: skip
    scope = {"claims": len(reached.claims), "replaced": sorted(replaced), "written": sorted(i.id for i in incidents)}
    with store.transaction():
        if store.audit_head() != head:  # another writer came in between: what was read may be stale
            return None
        digest = store.replace_incidents(replaced, incidents, summary.run_id)
        inputs = str(before["scored_pairs"]["inputs_sha256"])
        linker.record(summary, digest, inputs, done.orphaned, list(before.get("corrections_orphaned", [])), scope)
    return summary


class KeptIncidents(Protocol):
    """What ``Membership`` reads of the store: the ``Store``'s ``incidents_of_claims`` and ``incident_members``."""

    def incidents_of_claims(self, claim_ids: Collection[str]) -> dict[str, str]: ...

    def incident_members(self, incident_ids: Collection[str]) -> dict[str, list[str]]: ...


class Membership:
    """Which incident of the last run each claim is in, read from the store for the claims and the incidents asked
    about only (``Store.incidents_of_claims``, ``Store.incident_members``), and kept once read: a merge at a million
    claims need not read which incident every claim is in (1 s)."""

    def __init__(self, store: KeptIncidents) -> None:
        self.store = store
        self._incident: dict[str, str | None] = {}  # claim → its incident; None: in none
        self._members: dict[str, list[str]] = {}

    def incidents_of(self, claims: Iterable[str]) -> dict[str, str]:
        """claim id → its incident, for those of these claims in one."""
        wanted = set(claims)
        if unread := wanted - self._incident.keys():
            found = self.store.incidents_of_claims(unread)
            self._incident.update((c, found.get(c)) for c in unread)
        return {c: i for c in wanted if (i := self._incident[c]) is not None}

    def members(self, incidents: Iterable[str]) -> dict[str, list[str]]:
        """incident id → its claim ids, for those of these incidents that exist."""
        wanted = set(incidents)
        if unread := wanted - self._members.keys():
            found = self.store.incident_members(unread)
            self._members.update((i, found.get(i, [])) for i in unread)
            self._incident.update((c, i) for i, claims in found.items() for c in claims)
        return {i: self._members[i] for i in wanted if self._members[i]}


class KeptPairs(Protocol):
    """What ``reach`` reads of the pairs the last run kept: the ``Store``'s ``claim_pairs`` and ``claim_neighbours``."""

    def claim_pairs(self, claim_ids: Collection[str], at_least: float = 0.0) -> list[ScoredPair]: ...

    def claim_neighbours(self, claim_ids: Collection[str]) -> dict[str, set[str]]: ...


@dataclass(frozen=True)
class Reached:
    """The claims a change can move (``reach``), the scored pairs among them at the threshold, and which of them were
    scored together at all (each claim → the others: ``cluster.clusters``'s ``alike``)."""

    claims: set[str]
    pairs: list[ScoredPair]
    alike: dict[str, set[str]]


def reach(
    decided: Iterable[str], kept: KeptPairs, threshold: float, must: Iterable[tuple[str, str]], membership: Membership
) -> Reached:
    """The claims joined to ``decided`` by a pair scored at ``threshold`` or more, a must-link decision, or one incident
    of the last run (``membership``), directly or through other claims; the pairs that join them, and which
    of them are alike. The strong pairs of the claims newly reached are read a step at a time, so that only the pairs
    near the decision are read; each one's other claim is reached too, so these are all the strong pairs among the
    claims reached. The weaker pairs matter to clustering only as which claims are alike, and are read as that alone:
    at a million claims, 114,389 claims reached held 13,365,735 pairs, 2,757,813 of them strong."""
    decisions: dict[str, list[str]] = defaultdict(list)
    for a, b in must:
        decisions[a].append(b)
        decisions[b].append(a)
    seen: set[str] = set()
    strong: dict[tuple[str, str], ScoredPair] = {}  # a pair between two steps is read at both
    wave = set(decided)
    while wave:
        seen |= wave
        step: set[str] = set()
        for p in kept.claim_pairs(wave, at_least=threshold):
            strong[(p.left, p.right)] = p
            step.update((p.left, p.right))
        for claim in wave:
            step.update(decisions.get(claim, ()))
        for members in membership.members(membership.incidents_of(wave).values()).values():
            step.update(members)
        wave = step - seen
    return Reached(seen, list(strong.values()), kept.claim_neighbours(seen))


def rebuild(
    linker: IncidentLinker, assigned: Mapping[str, list[str]], membership: Membership, dirty: set[str],
    claims: Callable[[set[str]], list[Claim]], pairs: list[ScoredPair],
) -> tuple[list[Incident], set[str]]:  # fmt: skip
    """The incidents of the re-clustered claims (``assigned``) built anew, and the ids of those left as they stand:
    the groups that are, claim for claim, incidents of the last run (``membership``), none of whose claims is
    ``dirty`` (changed, or decided on, since). Such an incident would be built from the same claims,
    pairs and reference rows, and so as it stands: only the groups that changed are built and written again, and only
    their ``claims`` (as they are now, by id) are read."""
    before = membership.members(assigned)
    same = {
        ident for ident, members in assigned.items() if set(before.get(ident, ())) == set(members) and dirty.isdisjoint(members)
    }
    fresh = {ident: members for ident, members in assigned.items() if ident not in same}
    needed = {c for members in fresh.values() for c in members}
    return linker.incidents(fresh, claims(needed), pairs), same


def summary_of(
    linker: IncidentLinker, before: dict[str, Any], incidents: list[Incident], replaced: Collection[str],
    claims: tuple[int, int], kept: int, done: lineage.Applied, lost: int,
) -> LinkSummary:  # fmt: skip
    """The summary of a re-link that built ``incidents`` for the claims of the ``replaced`` ones and kept ``kept`` others,
    of ``claims`` in all and re-clustered (a pair): the counts of the last run (its ledger entry's payload, ``before``)
    as these changed them."""
    old = linker.store.get_incidents(replaced)
    total, reclustered = claims
    return LinkSummary(
        linker.run_id(total), total, kept + len(incidents),
        int(before["multi_source"]) + _gained(incidents, old, lambda i: i.independent_sources > 1),
        int(before["reference_matches"]) + _gained(incidents, old, lambda i: bool(i.reference_matches)),
        done.moved, len(done.orphaned), lost, True, reclustered, rebuilt=len(incidents),
    )  # fmt: skip


def _gained(new: list[Incident], old: list[Incident], counted: Callable[[Incident], bool]) -> int:
    """How many more of the ``new`` incidents than of the ``old`` ones are ``counted``."""
    return sum(map(counted, new)) - sum(map(counted, old))


def _only_decisions_since(store: Store, seq: int) -> bool:
    return all(leaves_alone(e.action, DECISIONS | QUIET) for e in store.audit_entries(after=seq))


def leaves_alone(action: str, allowed: frozenset[str]) -> bool:
    """Whether a ledger entry of this action is one of the ``allowed`` or changes nothing a link run reads (accounts):
    the incidents of the claims it does not name stay as they were (unlike after a reference import, say)."""
    return action in allowed or action.startswith(QUIET_PREFIXES)


def _current(store: Store, ids: set[str]) -> list[Claim]:
    """The current event claims of these ids with analysts' corrections applied, as the last run linked them."""
    extracted = store.claims(ClaimFilter(ids=tuple(sorted(ids)), kind="event"))
    return review.apply(extracted, review.load(store, sorted({c.document_id for c in extracted})))
