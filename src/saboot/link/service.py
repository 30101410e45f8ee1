"""``saboot link``: claims → incidents, reconciled, matched against
reference datasets and assessed, as one audited run."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from saboot import review
from saboot.alloc import paused_gc
from saboot.claims import PERSON_KIND, Claim
from saboot.link import assess, lineage, reconcile, scored, spec
from saboot.link.cluster import clusters, stable_ids
from saboot.link.engine import DuckDBEngine, LinkEngine, ScoredPair
from saboot.link.model import FINGERPRINT, ClaimLink, Incident, ReferenceMatch, Source
from saboot.link.ratings import Ratings, load_ratings
from saboot.link.records import LinkRecord, event_group, from_claim, tolerance_km
from saboot.link.references import Coverage, ReferenceRow
from saboot.model import SourceDocument
from saboot.store.base import ClaimFilter, Store

THRESHOLD = 0.9
ALIKE = 0.2  # pairs scored below it are not alike: a group joins another only if all its claims are alike theirs
REFERENCE_THRESHOLD = 0.4
INCREMENTAL_FROM = 5_000  # claims: a re-link of a smaller store scores every pair (``link.incremental``)


@dataclass(frozen=True)
class LinkSummary:
    run_id: str
    claims: int
    incidents: int
    multi_source: int
    reference_matches: int
    decisions_moved: int = 0  # analysts' decisions now applied to the successors of re-extracted claims
    decisions_orphaned: int = 0  # decisions naming a claim that has no current successor (listed in the audit entry)
    corrections_orphaned: int = 0  # corrections of a claim that has no current successor (`saboot corrections`)
    pairs_reused: bool = False  # the claims were those the last run scored: its scored pairs were reused (``scored``)
    confined: int | None = None  # the claims a re-link re-clustered (``link.confined``, ``link.incremental``); None: all
    rescored: int | None = None  # the changed claims a re-link scored again (``link.incremental``); None: all, or none
    whole_because: str | None = None  # why a run linked every claim, not only those that changed (``link.incremental``)
    rebuilt: int | None = None  # the incidents a re-link built anew (``link.confined.rebuild``); None: all


@dataclass(frozen=True)
class LastRun:
    """The newest link run's ledger entry number, and what it recorded (``IncidentLinker.record``)."""

    seq: int
    payload: dict[str, Any]


def last_run(store: Store) -> LastRun | None:
    entry = store.latest_audit_entry(("incidents.link",))
    return None if entry is None else LastRun(entry.seq, json.loads(entry.payload))


def kept_by_claim(run: LastRun | None) -> bool:
    """Whether that run kept its pairs one row each (``Store.save_claim_pairs``; runs before 2026-12-06 did not)."""
    return run is not None and bool(run.payload.get("claim_pairs"))


class Reports(NamedTuple):
    """The documents of some claims as sources, and each one's source key (``_source_keys``)."""

    docs: dict[str, SourceDocument]
    source_of: dict[str, str]


class IncidentLinker:
    def __init__(
        self,
        store: Store,
        engine: LinkEngine | None = None,
        actor: str = "saboot",
        threshold: float = THRESHOLD,
        ratings: Ratings | None = None,
        incremental_from: int | None = None,
    ) -> None:
        self.store = store
        self.ratings = ratings or load_ratings()
        self.engine = engine or DuckDBEngine()
        self.actor = actor
        self.threshold = threshold
        # the fewest claims the kept weights must have been measured on to score changed claims with (``link.incremental``)
        self.incremental_from = INCREMENTAL_FROM if incremental_from is None else incremental_from

    def run(self, full: bool = False) -> LinkSummary:
        """Link the store's claims. When some changed since the last run and the weights it kept still serve, only
        those are scored again and only the incidents they can reach are built again (``link.incremental``); with
        ``full``, every pair is scored with weights measured anew on the claims as they are."""
        from saboot.link import incremental  # it builds on this module

        done: LinkSummary | str = "asked for (--full)"
        if not full:
            # without the cyclic collector, whose full passes over every claim's link record cost seconds (20 new
            # reports at 209,000 claims: 20.5 s with it, 12 to 16 s without); reference counting still frees the rest
            with paused_gc():
                done = incremental.relink_changed(self)
        if isinstance(done, LinkSummary):
            return done
        because = done  # why every claim is linked
        extracted = self.store.claims(ClaimFilter(kind="event"))
        corrections = review.load(self.store)
        claims = review.apply(extracted, corrections)  # analysts' decisions first
        reports = self.reports(claims)
        records = self.records(claims, reports)
        digests = scored.record_digests(records)
        inputs = scored.inputs_key(self.engine.name, digests, ALIKE)
        pairs = None if full else self._kept_pairs(inputs)
        reused, model = pairs is not None, None
        if pairs is None:
            pairs, model = self.engine.dedupe_measured(records, threshold=ALIKE)
        carried = lineage.carry(self.store, extracted, claims)  # analysts' decisions, across re-extraction
        incidents = self.build(claims, pairs, carried.must, carried.cannot, carried.previous, reports=reports)
        run_id = self.run_id(len(claims))
        with self.store.transaction():
            digest = self.store.save_incidents(incidents, run_id)
            if model is not None:
                self.store.save_scored_pairs(inputs, scored.encode(pairs))
                self.store.save_pair_model(incremental.encode(incremental.measured(model, self.engine.name)))
                self.store.save_link_records(records, digests)
            if not (reused and kept_by_claim(last_run(self.store))):  # reused pairs are kept by claim already
                self.store.save_claim_pairs(pairs)
            lost = [c.anchor for c in corrections if c.applies_to is None]
            summary = LinkSummary(
                run_id, len(claims), len(incidents), sum(1 for i in incidents if i.independent_sources > 1),
                sum(1 for i in incidents if i.reference_matches), carried.moved, len(carried.orphaned), len(lost), reused,
                whole_because=because,
            )  # fmt: skip
            self.record(summary, digest, inputs, carried.orphaned, lost)
        return summary

    def build(
        self, claims: list[Claim], pairs: list[ScoredPair], must: Sequence[tuple[str, str]],
        cannot: Sequence[tuple[str, str]], previous: dict[str, str], taken: Collection[str] = (),
        reports: Reports | None = None,
    ) -> list[Incident]:  # fmt: skip
        """The incidents of these claims: clustered (``assign``), reconciled, matched against the reference datasets
        and assessed (``incidents``)."""
        assigned = self.assign({c.id: c.document_id for c in claims}, pairs, must, cannot, previous, taken)
        return self.incidents(assigned, claims, pairs, reports)

    def assign(
        self, documents: Mapping[str, str], pairs: list[ScoredPair], must: Sequence[tuple[str, str]],
        cannot: Sequence[tuple[str, str]], previous: Mapping[str, str], taken: Collection[str] = (),
        alike: Mapping[str, set[str]] | None = None,
    ) -> dict[str, list[str]]:  # fmt: skip
        """Incident id → claim ids: these claims (claim id → its document's id) clustered from their scored ``pairs``
        (or those at the threshold, and which claims are ``alike``: ``cluster.clusters``) with the analysts' decisions
        in force, claims of one document apart, each group taking the id of the ``previous`` incident of most of its
        claims (none of the ``taken`` ids)."""
        groups = clusters(list(documents), pairs, self.threshold, list(must), list(cannot), documents, alike)
        return stable_ids(groups, previous, taken)

    def incidents(
        self, assigned: Mapping[str, list[str]], claims: list[Claim], pairs: list[ScoredPair], reports: Reports | None = None
    ) -> list[Incident]:
        """The incidents of ``assign``, each built from its ``claims`` (those of every group given), with the scored
        pairs that joined them."""
        docs, source_of = reports or self.reports(claims)
        by_id = {c.id: c for c in claims}
        links = _links_by_incident(assigned, pairs, self.threshold)
        incidents = [
            replace(self._incident(ident, [by_id[c] for c in members], docs, source_of), links=links.get(ident, ()))
            for ident, members in assigned.items()
        ]
        return self._with_references(incidents, by_id)

    def builds_as(self, payload: Mapping[str, Any]) -> bool:
        """Whether the link run of this ledger ``payload`` built incidents as this linker does: with the same
        threshold, ratings, reconciliation rule and assessment rules. If not, any incident may change, and only a full re-link
        builds them all anew."""
        ratings = self.ratings
        then = ("threshold", "ratings", "ratings_default", "ratings_by_outlet", "reconcile", "assess")
        now = (self.threshold, ratings.version, ratings.default, ratings.by_outlet, reconcile.NAME, assess.NAME)
        return tuple(payload.get(key) for key in then) == now

    def run_id(self, claims: int) -> str:
        return "link-" + hashlib.sha256(f"{self.store.clock()}|{claims}".encode()).hexdigest()[:12]

    def record(
        self, summary: LinkSummary, digest: str, inputs: str, orphaned: Sequence[lineage.Decision],
        corrections_orphaned: Sequence[str], scope: Mapping[str, object] | None = None,
        rescored: Mapping[str, object] | None = None,
    ) -> None:  # fmt: skip
        """The run's ledger entry: what it was run with, what it wrote (``digest``), (``scope``) which incidents a
        re-link confined to the claims a decision or a change can move (``link.confined``, ``link.incremental``)
        replaced, and (``rescored``) which changed claims it scored again with the kept weights."""
        self.store.append_audit(
            actor=self.actor, action="incidents.link", subject_kind="link", subject_id=summary.run_id, content_sha256=digest,
            payload={"engine": self.engine.name, "spec": spec.NAME, "threshold": self.threshold, "claims": summary.claims,
                     "incidents": summary.incidents, "multi_source": summary.multi_source,
                     "reference_matches": summary.reference_matches,
                     "ratings": self.ratings.version, "ratings_default": self.ratings.default,
                     "ratings_by_outlet": self.ratings.by_outlet, "reconcile": reconcile.NAME, "assess": assess.NAME,
                     "decisions_moved": summary.decisions_moved,
                     "decisions_orphaned": [list(d) for d in orphaned], "corrections_orphaned": list(corrections_orphaned),
                     "scored_pairs": {"inputs_sha256": inputs, "reused": summary.pairs_reused},
                     "claim_pairs": True,  # the pairs are kept one row each too (``Store.save_claim_pairs``)
                     "fingerprint": FINGERPRINT,  # what content_sha256 is the SHA-256 of
                     **({"confined": scope} if scope is not None else {}),
                     **({"rescored": rescored} if rescored is not None else {}),
                     **({"whole_because": summary.whole_because} if summary.whole_because else {})},
        )  # fmt: skip

    def records(self, claims: list[Claim], reports: Reports | None = None) -> list[LinkRecord]:
        """The claims' link records, each with its document's source key (``reports`` of these claims, read when
        not given)."""
        source_of = (reports or self.reports(claims)).source_of
        with paused_gc():
            return [from_claim(c, source_of[c.document_id]) for c in claims]

    def reports(self, claims: list[Claim]) -> Reports:
        docs = self.store.source_documents({c.document_id for c in claims})
        return Reports(docs, _source_keys(self.store, docs))

    def _kept_pairs(self, inputs: str) -> list[ScoredPair] | None:
        """The pairs a run scoring these very claims kept (under their digest ``inputs``, ``scored``), if one did."""
        stored = self.store.scored_pairs(inputs)
        return scored.decode(stored) if stored is not None else None

    def _incident(self, ident: str, claims: list[Claim], docs: dict[str, SourceDocument], source_of: dict[str, str]) -> Incident:
        start, end, precision, date_problems = reconcile.date_range(claims)
        counts, count_problems = reconcile.counts(claims, source_of)
        sources = tuple(replace(s, reliability=self.ratings.of(s.outlet)) for s in _sources(claims, docs, source_of))
        return Incident(
            id=ident, claim_ids=tuple(c.id for c in claims), event_type=reconcile.event_type(claims), date_start=start, date_end=end,
            date_precision=precision, location=reconcile.place(claims), counts=counts,
            perpetrators=tuple(sorted({a.name for c in claims for a in c.perpetrators if a.relation != "denied"})),
            victims=tuple(sorted({a.name for c in claims for a in c.victims if a.kind != PERSON_KIND})),
            people=tuple(sorted({a.name for c in claims for a in c.victims if a.kind == PERSON_KIND})), sources=sources,
            independent_sources=len({s.source_key for s in sources}), discrepancies=tuple(date_problems + count_problems),
            reference_matches=(), flags=(), corroboration="none", explanation="", content_key=review.content_key(claims),
        )  # fmt: skip

    def _with_references(self, incidents: list[Incident], claims: dict[str, Claim]) -> list[Incident]:
        rows = self.store.reference_rows()
        coverage = self.store.reference_coverage()
        by_uid = {r.record().unique_id: r for r in rows}
        pairs = self.engine.link([incident_record(i) for i in incidents], [r.record() for r in rows], REFERENCE_THRESHOLD)
        killed = {i.id: (i.counts["killed"].best or i.counts["killed"].low) if "killed" in i.counts else None for i in incidents}
        best: dict[tuple[str, str], tuple[float, float, ReferenceRow]] = {}
        matched: dict[tuple[str, str], list[ReferenceRow]] = defaultdict(list)
        for p in pairs:
            inc_id, uid = (p.left, p.right) if p.right in by_uid else (p.right, p.left)
            row = by_uid.get(uid)
            if row is None:
                continue
            ours = killed.get(inc_id)
            closeness = -abs(ours - row.killed_best) if ours is not None and row.killed_best is not None else 0.0
            key = (inc_id, row.dataset)
            matched[key].append(row)
            if key not in best or (p.probability, closeness) > best[key][:2]:  # ties: the closer count
                best[key] = (p.probability, closeness, row)
        largest = max((r.killed_best or 0 for r in rows), default=None) if rows else None
        out = []
        for inc in incidents:
            matches = [_match(inc, prob, row, matched[key]) for key, (prob, _c, row) in sorted(best.items()) if key[0] == inc.id]
            missing = _not_covered(inc, coverage, {m.dataset for m in matches})
            members = [claims[c] for c in inc.claim_ids]
            inc = replace(inc, reference_matches=tuple(matches))
            found = assess.flags(inc, members, matches, missing, largest)
            inc = replace(
                inc, flags=found, corroboration=assess.corroboration(inc, matches), explanation=assess.explanation(inc, matches),
                admiralty=assess.admiralty(inc, found, matches),
            )  # fmt: skip
            out.append(inc)
        return out


def _links_by_incident(
    assigned: Mapping[str, list[str]], pairs: list[ScoredPair], threshold: float
) -> dict[str, tuple[ClaimLink, ...]]:
    """For each incident, the scored pairs of its claims at or above the threshold, strongest first: the evidence that
    joined them (claims an analyst merged may have none)."""
    incident_of = {c: ident for ident, members in assigned.items() for c in members}
    out: dict[str, list[ClaimLink]] = defaultdict(list)
    # pairs of two claims of one incident (a claim of none gets a default the other's cannot equal)
    inside = [p for p in pairs if p.probability >= threshold and incident_of.get(p.left, 0) == incident_of.get(p.right, 1)]
    for p in sorted(inside, key=lambda p: (-p.probability, p.left, p.right)):
        a, b = sorted((p.left, p.right))
        out[incident_of[p.left]].append(ClaimLink(a, b, round(p.probability, 6), p.evidence))
    return {ident: tuple(found) for ident, found in out.items()}


def incident_record(inc: Incident) -> LinkRecord:
    loc = inc.location
    killed = inc.counts.get("killed")
    return LinkRecord(
        unique_id=inc.id, document_id=inc.id, source_key=inc.id, date_lo=inc.date_start,
        date_hi=inc.date_end if inc.date_start else None, ym=inc.date_start[:7] if inc.date_start and inc.date_precision in ("day", "week", "month") else None,
        year=inc.date_start[:4] if inc.date_start else None, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        tol_km=tolerance_km(loc) if loc and loc.lat is not None else None,
        country=loc.country if loc else None, admin1=loc.admin1 if loc else None, place_key=None, undated_place=None,
        event_type=inc.event_type,
        event_group=event_group(inc.event_type, killed.best if killed else None), killed_lo=killed.low if killed else None,
        killed_hi=(killed.high if killed.high is not None else killed.best) if killed else None,
        killed_best=killed.best if killed else None, perpetrators=list(inc.perpetrators), victims=[],
    )  # fmt: skip


def _match(inc: Incident, probability: float, row: ReferenceRow, matched: list[ReferenceRow]) -> ReferenceMatch:
    """The incident's match with its best row of a dataset. When that row is one part of a coordinated attack that the
    dataset records in several rows (GTD codes each of the twin blasts of one evening as an attack of its own, where
    reports count them as one), the parts that match the incident too, on the same day, are added up: the incident's
    count agrees when it agrees with the row's or with theirs together."""
    parts = [r for r in matched if r.multiple and r.date_lo == row.date_lo] if row.multiple else [row]
    together = sum(r.killed_best or 0 for r in parts) if len(parts) > 1 else None
    killed = inc.counts.get("killed")
    agrees = None
    if killed is not None and row.killed_best is not None:
        # an open side ("up to 100", "at least 9") is judged at the figure the sources give, not as no bound at all: a
        # reference's 9 is a different number from "up to 100"
        lo = next((v for v in (killed.low, killed.best) if v is not None), 0)
        hi = killed.high if killed.high is not None else killed.best
        agrees = count_agrees(lo, hi, row.killed_best) or (together is not None and count_agrees(lo, hi, together))
    coarse = row.place_precision in ("district", "province", "country")
    place = row.place or row.admin1 or row.country
    return ReferenceMatch(
        row.dataset,
        row.ref_id,
        row.date_lo if row.date_hi in (None, row.date_lo) else f"{row.date_lo}/{row.date_hi}",  # ISO 8601's interval
        f"{place or '?'} (located to the {row.place_precision} only)" if coarse else place,
        row.killed_best,
        row.injured_high,
        row.perpetrator,
        round(probability, 4),
        agrees,
        len(parts),  # the row is among the matched ones, so at least 1
        together,
    )


def count_agrees(low: int, high: int | None, reference: int) -> bool:
    """Whether a reference's count falls in the incident's range ``low``–``high``, give or take 2 or a fifth."""
    hi = high if high is not None else low
    return low - max(2, low // 5) <= reference <= max(hi, low) + max(2, hi // 5)


def _not_covered(inc: Incident, coverage: dict[str, Coverage], matched: set[str]) -> list[str]:
    """References that cover the incident's country, date and kind (``Coverage.covers``) but lack it."""
    if not inc.date_start or inc.location is None or inc.date_precision not in ("day", "week", "month"):
        return []
    return [
        name
        for name, cov in coverage.items()
        if name not in matched and cov.covers(inc.date_start, inc.location.country or "", inc.event_type)
    ]


def _source_keys(store: Store, docs: dict[str, SourceDocument]) -> dict[str, str]:
    """Copies and documents of the same outlet count once."""
    originals = {
        **docs,
        **store.source_documents({d.near_duplicate_of for d in docs.values() if d.near_duplicate_of} - docs.keys()),
    }
    keys = {}
    for doc_id, doc in docs.items():
        original = originals[doc.near_duplicate_of] if doc.near_duplicate_of else doc
        keys[doc_id] = "outlet:" + original.outlet.casefold() if original.outlet else "document:" + original.id
    return keys


def _sources(claims: list[Claim], docs: dict[str, SourceDocument], source_of: dict[str, str]) -> tuple[Source, ...]:
    by_doc: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        by_doc[c.document_id].append(c.id)
    out = []
    for doc_id, claim_ids in by_doc.items():
        doc = docs[doc_id]
        genre = doc.signals.get("genre")
        names = doc.signals.get("names_sources")
        out.append(
            Source(
                doc_id,
                source_of[doc_id],
                doc.outlet,
                doc.title,
                doc.path or doc.url,
                doc.near_duplicate_of,
                str(genre) if genre is not None else None,
                bool(names) if names is not None else None,
                tuple(claim_ids),
            )
        )
    return tuple(out)
