"""The re-link after new reports, corrections or re-extraction, scoring only the claims that changed.

Scoring the pairs is most of a full link run, and much of that is measuring
how often the store's unrelated claims agree by chance (the u, the prior, each
word's rarity: ``LinkEngine.dedupe_measured``). A full run keeps what it
measured (``PairModel``, ``Kept``) and each claim's link record with its digest
(``Store.link_records``). The next run, when reports were added or claims
corrected or re-extracted since, reads only the reports the ledger names since
(every write is audited, so the store must be written through saboot), makes
their claims' records again, takes the other claims' records from the store,
and scores only the claims whose record is new or changed, against all the others,
with the weights measured then (``LinkEngine.rescore``): each of those pairs
scores exactly as scoring every claim with those weights would score it. The
kept pairs of the other claims stay; those of claims now gone are dropped.
Then, as after an analyst's decision (``link.confined``), only the incidents
those claims can reach are built again: the changed claims, the incidents of
the claims gone, the claims of the reports extracted or corrected since, and
the claims of the decisions recorded since, with every claim joined to them by
a pair at or above the threshold, a decision in force, or one incident of the
last run.

The result differs from a full run's only in the weights, which a full run
measures again on the claims as they now are. They are measured again (a full
run) when the claims scored or dropped since they were measured number more
than ``SHARE`` of those they were measured on, when the store has grown or
shrunk across a size at which the specification changes, on a store of fewer
than ``service.INCREMENTAL_FROM`` claims (scored whole in seconds), after a reference dataset was
imported, when the threshold, the ratings, the reconciliation rule, the engine or a version changed,
when a sample of the kept link records no longer matches the claims (``SPOT``), and on demand
(``saboot link --full``); the full run then says why (``LinkSummary.whole_because``). ``tests/test_incremental.py`` checks
that the result is what clustering all the claims on the same pairs gives.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import NamedTuple

from saboot import review
from saboot.claims import Claim
from saboot.link import confined, lineage, scored, spec
from saboot.link.engine import PairModel, ScoredPair
from saboot.link.records import LinkRecord
from saboot.link.service import ALIKE, IncidentLinker, LastRun, LinkSummary, kept_by_claim, last_run
from saboot.model import AuditEntry
from saboot.store.base import ClaimFilter, Store

FORMAT = "pair-model.v1"
SHARE = 0.1  # of the claims the weights were measured on: more claims changed since, and they are measured again
SPOT = 50  # kept link records checked against their claims at each re-link (``_spot_check``)
SIZES = (spec.ESTIMATE_U_FROM, spec.WEIGHTED_TERMS_FROM, spec.LARGE_STORE)  # where the specification changes
NAMING_REPORTS = frozenset({"document.ingest", "claims.extract", "claims.correct"})  # their subject is a document id
QUIET = confined.DECISIONS | confined.QUIET | NAMING_REPORTS | {"blob.store"}


@dataclass(frozen=True)
class Kept:
    """How the pairs kept by claim were scored: the weights (``model``), how many claims were scored again or dropped
    since the weights were measured, and what scored them (``scored.versions``). Each claim's record as scored is kept
    beside it (``Store.link_records``)."""

    model: PairModel
    changed: int
    versions: list[object]


def encode(kept: Kept) -> bytes:
    data = {"format": FORMAT, "model": kept.model.to_json(), "changed": kept.changed, "versions": kept.versions}
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=3)


def decode(data: bytes | None) -> Kept | None:
    """What ``encode`` wrote; None when there is nothing, or not that (damaged, or another format): a full run."""
    if data is None:
        return None
    try:
        found = json.loads(gzip.decompress(data))
        if found.get("format") != FORMAT:
            return None
        return Kept(PairModel.from_json(found["model"]), int(found["changed"]), list(found["versions"]))
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None


def measured(model: PairModel, engine: str) -> Kept:
    """What a full run keeps of the weights it measured."""
    return Kept(model, 0, scored.versions(engine, ALIKE))


class Fresh(NamedTuple):
    """The current event claims of the reports named since the last run, corrected (those not rejected), their link
    records with digests, and the document and kept record's digest of every claim linked (``Store.link_digests``)."""

    claims: list[Claim]
    records: dict[str, LinkRecord]
    digests: dict[str, str]
    kept: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Changes:
    """What changed since the last link run (``changes``): its ledger entry and those after it, the weights kept, the
    corrections, the reports named since as read now (``fresh``), the claims of theirs whose records are kept
    (``stale``), the claims gone and those changed, every current claim's document, and how many claims were scored
    again or dropped since the weights were measured (``total``)."""

    head: AuditEntry | None
    last: LastRun
    since: list[AuditEntry]
    kept: Kept
    corrections: list[review.Correction]
    fresh: Fresh
    stale: set[str]
    gone: set[str]
    changed: set[str]
    documents: dict[str, str]
    total: int

    def digests(self) -> dict[str, str]:
        return {c: self.fresh.digests.get(c) or self.fresh.kept[c][1] for c in self.documents}

    def records(self, store: Store) -> list[LinkRecord]:
        """Every current claim's link record: the kept ones, read whole only now (what the changed claims are scored
        against: a million of them take 8 to 15 s to read), and the fresh ones."""
        kept = store.link_records()
        return [record for c, (record, _d) in kept.items() if c not in self.stale] + list(self.fresh.records.values())


def changes(linker: IncidentLinker) -> Changes | str:
    """What changed since the last link run, or why the kept weights cannot score it (see the module's docstring).
    Only the reports named in the ledger since are read whole; the other claims' link records are those kept, known
    here by their digests (``Store.link_digests``), of which a sample is checked (``SPOT``)."""
    store = linker.store
    head, last = store.audit_head(), last_run(store)
    if last is None:
        return "the store has not been linked before"
    if not kept_by_claim(last) or not linker.builds_as(last.payload):
        return "the last link run was made with another threshold, other ratings, other reconciliation or assessment rules, or another version of saboot"
    since = list(store.audit_entries(after=last.seq))
    if other := next((e.action for e in since if not confined.leaves_alone(e.action, QUIET)), None):
        return f"the ledger records {other} since the last link run, which may change any incident"
    kept = decode(store.pair_model())
    if kept is None:
        return "the weights the last full scoring measured cannot be read"
    if unusable := _unusable(linker, kept):
        return unusable
    named = {e.subject_id for e in since if e.action in NAMING_REPORTS}
    corrections = review.load(store)
    fresh = _fresh(linker, named, corrections)
    stale = {c for c, (document, _d) in fresh.kept.items() if document in named}
    gone = stale - fresh.records.keys()
    changed = {c for c, d in fresh.digests.items() if c not in fresh.kept or fresh.kept[c][1] != d}
    documents = {c: document for c, (document, _d) in fresh.kept.items() if c not in stale}
    documents.update((c, r.document_id) for c, r in fresh.records.items())
    total = kept.changed + len(changed) + len(gone)
    was = kept.model.claims
    if not fresh.kept:
        return "the last full scoring kept no link records"
    if total > SHARE * was:
        return f"{total} claims were scored or dropped since the weights were measured on {was}: more than {SHARE:.0%}"
    if crossed := [size for size in SIZES if (was >= size) != (len(documents) >= size)]:
        return f"the store crossed {crossed[0]:,} claims, where the linkage specification changes"
    if wrong := _spot_check(linker, fresh, stale, corrections, head):
        return wrong
    return Changes(head, last, since, kept, corrections, fresh, stale, gone, changed, documents, total)


def _unusable(linker: IncidentLinker, kept: Kept) -> str:
    """Why the kept weights cannot score this linker's claims, or "": they must have been measured by its engine, with
    these versions, on a store large enough (then also not on the other side of a size where the specification
    changes: ``SIZES``)."""
    if kept.model.engine != linker.engine.name or kept.versions != scored.versions(linker.engine.name, ALIKE):
        return "the weights were measured by another engine, or another version of saboot, Splink or its backend"
    if kept.model.claims < linker.incremental_from:
        return f"the store is small (the weights were measured on {kept.model.claims:,} claims, fewer than {linker.incremental_from:,})"
    return ""


def _spot_check(
    linker: IncidentLinker, fresh: Fresh, stale: Collection[str], corrections: list[review.Correction], head: AuditEntry | None
) -> str:
    """Why the kept link records cannot be trusted, or "": ``SPOT`` of those of reports not named since, picked at
    random, are made again from the claims as they are. A record that differs means a claim changed outside the ledger
    (a row written by hand) or that this version of saboot reads claims otherwise than the one that kept them."""
    unnamed = sorted(fresh.kept.keys() - stale)
    picked = random.Random(head.entry_hash if head else "").sample(unnamed, min(SPOT, len(unnamed)))
    claims = review.apply(linker.store.claims(ClaimFilter(ids=tuple(sorted(picked)), kind="event")), corrections)
    now = scored.record_digests(linker.records(claims))
    wrong = sum(now.get(c) != fresh.kept[c][1] for c in picked)
    if not wrong:
        return ""
    return (
        f"{wrong} of {len(picked)} kept link records checked no longer match their claims (a claim changed outside "
        "saboot's ledger, or this version reads claims otherwise)"
    )


def relink_changed(linker: IncidentLinker) -> LinkSummary | str:
    """Re-link scoring only the claims that changed since the last run (``changes``), or say why that is not to be
    done: then the whole store is scored."""
    store, found = linker.store, changes(linker)
    if isinstance(found, str):
        return found
    # nothing changed, nothing to score: the kept records are not read (a million: 30 s for a re-link that changes nothing)
    scored_pairs = linker.engine.rescore(found.records(store), ALIKE, found.kept.model, found.changed) if found.changed else []
    done = lineage.applied(lineage.standing(store))
    membership = confined.Membership(store)
    seeds = _seeds(found.fresh.claims, found.since, found.changed, found.gone, membership)
    touched = found.changed | found.gone
    reached = confined.reach(seeds, _Rescored(store, touched, scored_pairs), linker.threshold, done.must, membership)
    # what clustering needs of a claim, its document, as its current link record names it, rather than the claim read
    # whole (a million claims: 15 s for the 114,389 a re-link reached)
    documents = {c: found.documents[c] for c in sorted(reached.claims) if c in found.documents}
    replaced = set(membership.incidents_of(reached.claims).values())
    kept_ids = store.incident_ids() - replaced
    follow = lineage.successors(store, found.fresh.claims, found.gone)  # a claim gone → its successor, if it has one
    known = dict(sorted(membership.incidents_of(documents.keys() | follow.keys()).items()))
    previous = lineage.previous_incidents(known, known.keys() - found.gone, follow)
    assigned = linker.assign(documents, reached.pairs, done.must, done.cannot,
                             {c: previous[c] for c in documents if c in previous}, kept_ids, reached.alike)  # fmt: skip
    incidents, same = confined.rebuild(
        linker, assigned, membership, seeds,
        lambda needed: _reached_claims(store, needed, found.fresh.claims, found.corrections),
        reached.pairs,
    )  # fmt: skip
    replaced -= same
    lost = [c.anchor for c in found.corrections if c.applies_to is None]
    summary = replace(
        confined.summary_of(linker, found.last.payload, incidents, replaced, (len(found.documents), len(documents)),
                            len(kept_ids) + len(same), done, len(lost)),
        rescored=len(found.changed), pairs_reused=False,
    )  # fmt: skip
    scope = {"claims": len(documents), "replaced": sorted(replaced), "written": sorted(i.id for i in incidents)}
    rescored = {"claims": len(found.changed), "dropped": len(found.gone), "pairs": len(scored_pairs),
                "since_measured": found.total, "measured_on": found.kept.model.claims}  # fmt: skip
    with store.transaction():
        if store.audit_head() != found.head:  # what was read may be stale
            return "another writer wrote to the store while it was re-linked"
        digest = store.replace_incidents(replaced, incidents, summary.run_id)
        store.update_claim_pairs(touched, scored_pairs)
        store.forget_scored_pairs()  # the pairs kept under a digest are no longer those kept by claim
        store.save_pair_model(encode(replace(found.kept, changed=found.total)))
        store.update_link_records(found.stale, list(found.fresh.records.values()), found.fresh.digests)
        inputs = scored.inputs_key(linker.engine.name, found.digests(), ALIKE)
        linker.record(summary, digest, inputs, done.orphaned, lost, scope, rescored)
    return summary


def _fresh(linker: IncidentLinker, named: Collection[str], corrections: list[review.Correction]) -> Fresh:
    """The claims of the ``named`` reports as the linker reads them now, and the records kept of every claim."""
    extracted = linker.store.claims(ClaimFilter(kind="event", document_ids=tuple(sorted(named)))) if named else []
    claims = review.apply(extracted, corrections)
    records = {r.unique_id: r for r in linker.records(claims)}
    return Fresh(claims, records, scored.record_digests(list(records.values())), linker.store.link_digests())


def _reached_claims(store: Store, reached: set[str], fresh: list[Claim], corrections: list[review.Correction]) -> list[Claim]:
    """The claims of these ids (all current), with the ``corrections``: those of the reports read already (``fresh``),
    and the others read by id."""
    mine = [c for c in fresh if c.id in reached]
    rest = reached - {c.id for c in mine}
    if rest:
        mine += review.apply(store.claims(ClaimFilter(ids=tuple(sorted(rest)), kind="event")), corrections)
    return sorted(mine, key=lambda c: c.id)


def _seeds(
    fresh: list[Claim], since: list[AuditEntry], changed: set[str], gone: set[str], membership: confined.Membership
) -> set[str]:
    """The claims whose incidents must be built again: those that changed, those of the incidents of the claims gone,
    those of the reports ingested, extracted or corrected since the last run (``fresh``), and those of the decisions
    since."""
    decided = {
        c for e in since if e.action in confined.DECISIONS for _kind, *pair in json.loads(e.payload)["decisions"] for c in pair
    }
    left = membership.incidents_of(gone).values()
    members = {c for claims in membership.members(left).values() for c in claims}
    return changed | decided | members | {c.id for c in fresh}


class _Rescored:
    """``confined.reach``'s view of the pairs (``confined.KeptPairs``): those the store kept (``Store.claim_pairs``) but
    those with a ``touched`` claim (changed or gone), and the ``fresh`` ones scored now in their place."""

    def __init__(self, store: confined.KeptPairs, touched: set[str], fresh: list[ScoredPair]) -> None:
        self.store, self.touched = store, touched
        self.by_claim: dict[str, list[ScoredPair]] = defaultdict(list)
        for p in fresh:
            self.by_claim[p.left].append(p)
            self.by_claim[p.right].append(p)

    def claim_pairs(self, claim_ids: Collection[str], at_least: float = 0.0) -> list[ScoredPair]:
        touched = self.touched
        found = [p for p in self.store.claim_pairs(claim_ids, at_least) if p.left not in touched and p.right not in touched]
        mine = {id(p): p for c in claim_ids for p in self.by_claim.get(c, ()) if p.probability >= at_least}
        return found + list(mine.values())

    def claim_neighbours(self, claim_ids: Collection[str]) -> dict[str, set[str]]:
        touched, inside = self.touched, set(claim_ids)
        out: dict[str, set[str]] = {}
        for c, others in self.store.claim_neighbours(claim_ids).items():
            left = others if others.isdisjoint(touched) else others - touched  # copied only when a pair is stale
            if c not in touched and left:
                out[c] = left
        for c in inside:
            for p in self.by_claim.get(c, ()):
                other = p.right if p.left == c else p.left
                if other in inside:
                    out.setdefault(c, set()).add(other)
        return out
