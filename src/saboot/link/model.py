"""Incidents: reconciled records built from the claims of several reports."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from saboot.audit import canonical_json, sha256_hex
from saboot.claims import Location, triple
from saboot.dates import stated
from saboot.model import plain

# The NATO Admiralty code's two halves: how reliable the source is, and how credible the information.
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}


def admiralty_meaning(code: str) -> str:
    """ "B1" → "source usually reliable; information confirmed by other sources"."""
    if len(code) != 2 or code[0] not in RELIABILITY or code[1] not in CREDIBILITY:
        return ""
    return f"source {RELIABILITY[code[0]]}; information {CREDIBILITY[code[1]]}"


@dataclass(frozen=True)
class LinkDecision:
    """An analyst's decision, as recorded, that two claims are one incident (``must_link``) or not (``cannot_link``)."""

    id: int
    kind: str
    claim_a: str
    claim_b: str
    actor: str
    reason: str
    ts: str


@dataclass(frozen=True)
class SourceValue:
    """One independent source's value for a field, with its words."""

    source_key: str
    document_id: str
    claim_id: str
    low: int | None
    best: int | None
    high: int | None
    quote: str


@dataclass(frozen=True)
class Count:
    low: int | None
    best: int | None
    high: int | None
    rule: str  # how best was chosen
    sources: tuple[SourceValue, ...]

    def triple(self, unknown: str = "?") -> str:
        """``low/best/high``, e.g. "26/26/30", with ``unknown`` for a value nobody gave."""
        return triple(self.low, self.best, self.high, unknown)


@dataclass(frozen=True)
class Source:
    document_id: str
    source_key: str
    outlet: str | None
    title: str | None
    location: str | None  # path or URL
    near_duplicate_of: str | None
    genre: str | None
    names_sources: bool | None
    claim_ids: tuple[str, ...]
    reliability: str = "F"  # NATO Admiralty source rating from the ratings file (F: cannot be judged)


@dataclass(frozen=True)
class Discrepancy:
    field: str
    detail: str
    values: tuple[SourceValue, ...]


# A reference match corroborates only from this match probability on. A dataset such as GTD holds several incidents
# on most days in a country at war; a weaker match is listed, and its number can contradict, but it may be whichever
# incident happened to be recorded near that day and place (benchmarks/bench_references.py).
CORROBORATING_MATCH = 0.8


@dataclass(frozen=True)
class ReferenceMatch:
    dataset: str
    ref_id: str
    date: str | None
    place: str | None
    killed: int | None
    injured: int | None
    perpetrator: str | None
    probability: float
    agrees_on_killed: bool | None
    # when the row is one part of a coordinated attack the dataset records in several rows (GTD's ``multiple``):
    # how many of those parts match the incident, and their killed added up
    parts: int = 1
    parts_killed: int | None = None

    @property
    def parts_said(self) -> str:
        """When the row is one part of several: how many, and their killed together; else nothing."""
        if self.parts_killed is None:
            return ""
        return f" (one of {self.parts} coordinated attacks recorded that day, {self.parts_killed} killed together)"

    @property
    def killed_said(self) -> str:
        """The row's killed figure as a reader should see it, with the parts' total when it is one part of several."""
        return ("?" if self.killed is None else str(self.killed)) + self.parts_said

    @property
    def corroborates(self) -> bool:
        """Strong enough (``CORROBORATING_MATCH``) and not disagreeing on the count."""
        return self.probability >= CORROBORATING_MATCH and self.agrees_on_killed is not False


# How the comparisons are named to a reader; a comparison's level keeps the specification's own label.
COMPARISON_NAMES = {"event_type": "type", "text": "wording", "prior": "two claims picked at random"}


@dataclass(frozen=True)
class LevelEvidence:
    """One comparison of two claims: the level they reached (spec.py's label) and its match weight, log2 of the
    Bayes factor (m/u): positive speaks for one incident, negative against. The comparison "prior" is the weight of
    the chance that two claims picked at random report one incident."""

    comparison: str
    level: str
    weight: float

    def phrase(self) -> str:
        """ "place: same place ×58" — or "÷4" when the level speaks against, "no evidence" when it is missing."""
        name = COMPARISON_NAMES.get(self.comparison, self.comparison)
        if self.comparison == "prior":
            return f"{name}: 1 in {round(1 + 2**-self.weight):,}"
        if self.level.endswith("missing"):  # spec's null levels: "missing", "none on either side, or missing"
            return f"{name}: {self.level}, no evidence"
        factor = 2 ** abs(self.weight)
        shown = f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}"
        return f"{name}: {self.level} {'×' if self.weight >= 0 else '÷'}{shown}"


@dataclass(frozen=True)
class ClaimLink:
    """Why two of an incident's claims were joined: the linker's match probability and each comparison's evidence."""

    claim_a: str
    claim_b: str
    probability: float
    evidence: tuple[LevelEvidence, ...]

    def summary(self) -> str:
        """ "match probability 0.99: date: ranges overlap ×26; place: same place ×58; …; two claims picked at random:
        1 in 2,300" — every factor that was multiplied to reach the probability."""
        return f"match probability {probability_text(self.probability)}: " + "; ".join(e.phrase() for e in self.evidence)


def probability_text(p: float) -> str:
    """A probability with two decimals, or as many more as it takes not to round a near-certainty up to 1.00."""
    for places in range(2, 7):
        text = f"{p:.{places}f}"
        if float(text) < 1 or p >= 1:
            return text
    return "> 0.999999"


@dataclass(frozen=True)
class Incident:
    id: str
    claim_ids: tuple[str, ...]
    event_type: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    location: Location | None
    counts: dict[str, Count]
    perpetrators: tuple[str, ...]
    victims: tuple[str, ...]
    sources: tuple[Source, ...]
    independent_sources: int
    discrepancies: tuple[Discrepancy, ...]
    reference_matches: tuple[ReferenceMatch, ...]
    flags: tuple[str, ...]
    corroboration: str  # none, low, medium, high
    explanation: str
    # NATO Admiralty code: the best rating among the incident's sources (A-F) and the credibility of the information
    # (1 confirmed … 5 improbable, 6 cannot be judged), e.g. "B1"; see ``assess.credibility``
    admiralty: str = ""
    # the scored pairs of its claims that reached the linking threshold, strongest first: why they are one incident
    links: tuple[ClaimLink, ...] = ()
    # what its claims state, whatever their ids (``review.content_key``): a review holds while this is unchanged
    content_key: str = ""
    # the people its reports name as victims ("Hafeez Baloch"), apart from ``victims``, the groups they belonged to
    people: tuple[str, ...] = ()

    @property
    def claims_key(self) -> str:
        """What an analyst's review of the incident is attached to: its exact set of claims. New claims make a new
        set, which needs a new review (as do re-extracted claims that state something else: ``content_key``)."""
        return hashlib.sha256("\n".join(sorted(self.claim_ids)).encode()).hexdigest()

    def when(self, unknown: str = "?") -> str:
        """Its date as precisely as it is known (``dates.stated``): "2011-09" for a month, never "2011-09-01"."""
        return stated(self.date_start, self.date_end, self.date_precision, unknown)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        counts = data.pop("counts")
        for name in ("killed", "injured", "abducted", "missing", "arrested"):
            data[name] = counts.get(name)
        data["date"] = {"start": self.date_start, "end": self.date_end, "precision": self.date_precision}
        data["admiralty_meaning"] = admiralty_meaning(self.admiralty)
        for match, ref in zip(data["reference_matches"], self.reference_matches, strict=True):
            match["corroborates"] = ref.corroborates
            match["killed_said"] = ref.killed_said
        for link, claim_link in zip(data["links"], self.links, strict=True):
            link["summary"] = claim_link.summary()
        return data


_DERIVED_MATCH_KEYS = frozenset({"corroborates", "killed_said"})  # what to_json adds to a match for readers


def incident_from_json(d: dict[str, Any]) -> Incident:
    from saboot.claims import Span

    def values(items: list[dict[str, Any]]) -> tuple[SourceValue, ...]:
        return tuple(SourceValue(**v) for v in items)

    loc = d.get("location")
    counts = {
        name: Count(c["low"], c["best"], c["high"], c["rule"], values(c["sources"]))
        for name in ("killed", "injured", "abducted", "missing", "arrested")
        if (c := d.get(name)) is not None
    }
    return Incident(
        id=d["id"], claim_ids=tuple(d["claim_ids"]), event_type=d["event_type"], date_start=d["date_start"],
        date_end=d["date_end"], date_precision=d["date_precision"],
        location=Location(**{**loc, "evidence": tuple(Span(**s) for s in loc["evidence"])}) if loc else None,
        counts=counts, perpetrators=tuple(d["perpetrators"]), victims=tuple(d["victims"]),
        sources=tuple(Source(**{**s, "claim_ids": tuple(s["claim_ids"])}) for s in d["sources"]),
        independent_sources=d["independent_sources"],
        discrepancies=tuple(Discrepancy(x["field"], x["detail"], values(x["values"])) for x in d["discrepancies"]),
        reference_matches=tuple(ReferenceMatch(**{k: v for k, v in m.items() if k not in _DERIVED_MATCH_KEYS}) for m in d["reference_matches"]), flags=tuple(d["flags"]),
        corroboration=d["corroboration"], explanation=d["explanation"], admiralty=d.get("admiralty", ""),
        content_key=d.get("content_key", ""), people=tuple(d.get("people", ())),
        links=tuple(ClaimLink(x["claim_a"], x["claim_b"], x["probability"], tuple(LevelEvidence(**e) for e in x["evidence"]))
                    for x in d.get("links", [])),
    )  # fmt: skip


FINGERPRINT = "incident-hashes.v1"  # the name of ``incidents_fingerprint``'s definition, in each link run's ledger entry


def incidents_fingerprint(hashes: Iterable[tuple[str, str]]) -> str:
    """What a link run's ledger entry fingerprints (its ``content_sha256``): the SHA-256 of one line per incident, its
    id, a space and the SHA-256 of its canonical JSON (``Incident.to_json``), the lines sorted by id and joined by
    newlines. ``hashes``: (incident id, SHA-256 of its JSON). The store keeps each incident's hash with it, so that a
    re-link that replaces a few incidents fingerprints them all without reading every one, and any one incident can
    be checked against the ledger with the others' hashes alone."""
    return sha256_hex("\n".join(f"{ident} {digest}" for ident, digest in sorted(hashes)))


def incident_sha256(inc: Incident) -> str:
    """The SHA-256 of the incident's canonical JSON, as ``incidents_fingerprint`` takes it."""
    return sha256_hex(canonical_json(inc.to_json()))
