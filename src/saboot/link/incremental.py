"""The re-link after new reports, corrections or re-extraction, scoring only the claims that changed.

Scoring the pairs is most of a full link run, and much of that is measuring
how often the store's unrelated claims agree by chance (the u, the prior, each
word's rarity: ``LinkEngine.dedupe_measured``). A full run keeps what it
measured (``PairModel``) with a digest of each claim's link record (``Kept``).
The next run, when reports were added or claims corrected or re-extracted since,
scores only the claims whose record is new or changed, against all the others,
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
imported, when the threshold, the ratings, the engine or a version changed,
and on demand (``saboot link --full``). ``tests/test_incremental.py`` checks
that the result is what clustering all the claims on the same pairs gives.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from saboot import review
from saboot.claims import Claim
from saboot.link import confined, lineage, scored, spec
from saboot.link.engine import PairModel, ScoredPair
from saboot.link.records import LinkRecord
from saboot.link.service import ALIKE, IncidentLinker, LinkSummary, Reports, kept_by_claim, last_run
from saboot.model import AuditEntry

FORMAT = "pair-model.v1"
SHARE = 0.1  # of the claims the weights were measured on: more claims changed since, and they are measured again
SIZES = (spec.ESTIMATE_U_FROM, spec.WEIGHTED_TERMS_FROM, spec.LARGE_STORE)  # where the specification changes
NAMING_REPORTS = frozenset({"document.ingest", "claims.extract", "claims.correct"})  # their subject is a document id
PairsOf = Callable[[Collection[str]], list[ScoredPair]]
QUIET = confined.DECISIONS | confined.QUIET | NAMING_REPORTS | {"blob.store"}


@dataclass(frozen=True)
class Kept:
    """How the pairs kept by claim were scored: the weights (``model``), each claim's record digest as scored
    (``scored.record_digests``), how many claims were scored again or dropped since the weights were measured, and
    what scored them (``scored.versions``)."""

    model: PairModel
    digests: dict[str, str]
    changed: int
    versions: list[object]


def encode(kept: Kept) -> bytes:
    data = {"format": FORMAT, "model": kept.model.to_json(), "digests": kept.digests, "changed": kept.changed,
            "versions": kept.versions}  # fmt: skip
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=3)


def decode(data: bytes | None) -> Kept | None:
    """What ``encode`` wrote; None when there is nothing, or not that (damaged, or another format): a full run."""
    if data is None:
        return None
    try:
        found = json.loads(gzip.decompress(data))
        if found.get("format") != FORMAT:
            return None
        digests = {str(k): str(v) for k, v in found["digests"].items()}
        return Kept(PairModel.from_json(found["model"]), digests, int(found["changed"]), list(found["versions"]))
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None


def measured(model: PairModel, digests: dict[str, str], engine: str) -> Kept:
    """What a full run keeps: the weights it measured, and the digests of the records it measured them on."""
    return Kept(model, digests, 0, scored.versions(engine, ALIKE))


class Current(NamedTuple):
    """What a link run read: the current event claims, those analysts did not reject (corrected), their records,
    the records' digests (``scored.record_digests``) and reports, and the corrections."""

    extracted: list[Claim]
    claims: list[Claim]
    records: list[LinkRecord]
    digests: dict[str, str]
    reports: Reports
    corrections: list[review.Correction]


def relink_changed(linker: IncidentLinker, current: Current) -> LinkSummary | None:
    """Re-link scoring only the claims that changed since the last run, or None when that is not to be done (see the
    module's docstring): then the whole store is scored."""
    store = linker.store
    head, last = store.audit_head(), last_run(store)
    if last is None or not kept_by_claim(last) or not _same_settings(linker, last.payload):
        return None
    since = list(store.audit_entries(after=last.seq))
    kept = decode(store.pair_model())
    if not all(_quiet(e.action) for e in since) or kept is None or not _still_valid(linker, kept, len(current.records)):
        return None
    digests = current.digests
    changed = {c for c, d in digests.items() if kept.digests.get(c) != d}
    gone = set(kept.digests) - set(digests)
    total = kept.changed + len(changed) + len(gone)
    if total > SHARE * kept.model.claims:
        return None
    fresh = linker.engine.rescore(current.records, ALIKE, kept.model, changed)
    carried = lineage.carry(store, current.extracted, current.claims)
    assignment = store.incident_assignment()
    seeds = _seeds(current.claims, since, changed, gone, assignment)
    reached, pairs = confined.reach(seeds, _pairs_of(store.claim_pairs, changed | gone, fresh), linker.threshold,
                                    carried.must, assignment)  # fmt: skip
    by_id = {c.id: c for c in current.claims}
    claims = [by_id[c] for c in sorted(reached) if c in by_id]
    replaced = {assignment[c] for c in reached if c in assignment}
    kept_ids = set(assignment.values()) - replaced
    previous = {c.id: carried.previous[c.id] for c in claims if c.id in carried.previous}
    incidents = linker.build(claims, pairs, carried.must, carried.cannot, previous, kept_ids, current.reports)
    old = [i for i in (store.get_incident(i) for i in sorted(replaced)) if i is not None]
    before = last.payload
    lost = [c.anchor for c in current.corrections if c.applies_to is None]
    summary = LinkSummary(
        linker.run_id(len(current.claims)), len(current.claims), len(kept_ids) + len(incidents),
        int(before["multi_source"]) + confined.gained(incidents, old, lambda i: i.independent_sources > 1),
        int(before["reference_matches"]) + confined.gained(incidents, old, lambda i: bool(i.reference_matches)),
        carried.moved, len(carried.orphaned), len(lost), False, len(claims), len(changed),
    )  # fmt: skip
    scope = {"claims": len(claims), "replaced": sorted(replaced), "written": sorted(i.id for i in incidents)}
    rescored = {"claims": len(changed), "dropped": len(gone), "pairs": len(fresh), "since_measured": total,
                "measured_on": kept.model.claims}  # fmt: skip
    with store.transaction():
        if store.audit_head() != head:  # another writer came in between: what was read may be stale
            return None
        digest = store.replace_incidents(replaced, incidents, summary.run_id)
        store.update_claim_pairs(changed | gone, fresh)
        store.forget_scored_pairs()  # the pairs kept under a digest are no longer those kept by claim
        store.save_pair_model(encode(replace(kept, digests=digests, changed=total)))
        inputs = scored.inputs_key(linker.engine.name, digests, ALIKE)
        linker.record(summary, digest, inputs, carried.orphaned, lost, scope, rescored)
    return summary


def _same_settings(linker: IncidentLinker, payload: dict[str, Any]) -> bool:
    """Whether the last run linked with this linker's threshold and ratings (else every incident may change)."""
    ratings = linker.ratings
    return (payload.get("threshold"), payload.get("ratings"), payload.get("ratings_default"), payload.get("ratings_by_outlet")) == (
        linker.threshold, ratings.version, ratings.default, ratings.by_outlet,
    )  # fmt: skip


def _quiet(action: str) -> bool:
    """Whether a ledger entry leaves the incidents of claims it does not name as they were (unlike a reference import)."""
    return action in QUIET or action.startswith(confined.QUIET_PREFIXES)


def _still_valid(linker: IncidentLinker, kept: Kept, claims: int) -> bool:
    """Whether the kept weights can score these claims: measured by this engine and these versions, on a store large
    enough, and not on the other side of a size where the specification changes."""
    was = kept.model.claims
    return (
        kept.model.engine == linker.engine.name
        and kept.versions == scored.versions(linker.engine.name, ALIKE)
        and was >= linker.incremental_from
        and all((was >= size) == (claims >= size) for size in SIZES)
    )


def _seeds(
    claims: list[Claim], since: list[AuditEntry], changed: set[str], gone: set[str], assignment: dict[str, str]
) -> set[str]:
    """The claims whose incidents must be built again: those that changed, those of the incidents of the claims gone,
    those of the reports ingested, extracted or corrected since the last run, and those of the decisions since."""
    reports = {e.subject_id for e in since if e.action in NAMING_REPORTS}
    decided = {
        c for e in since if e.action in confined.DECISIONS for _kind, *pair in json.loads(e.payload)["decisions"] for c in pair
    }
    left = {assignment[c] for c in gone if c in assignment}
    members = {c for c, inc in assignment.items() if inc in left}
    return changed | decided | members | {c.id for c in claims if c.document_id in reports}


def _pairs_of(kept_pairs: PairsOf, touched: Collection[str], fresh: list[ScoredPair]) -> PairsOf:
    """``confined.reach``'s pairs of some claims: the kept ones (``Store.claim_pairs``) but those with a ``touched``
    claim (changed or gone), which are ``fresh`` now."""
    by_claim: dict[str, list[ScoredPair]] = defaultdict(list)
    for p in fresh:
        by_claim[p.left].append(p)
        by_claim[p.right].append(p)

    def pairs_of(wave: Collection[str]) -> list[ScoredPair]:
        found = [p for p in kept_pairs(wave) if p.left not in touched and p.right not in touched]
        return found + list({id(p): p for c in wave for p in by_claim.get(c, ())}.values())

    return pairs_of
