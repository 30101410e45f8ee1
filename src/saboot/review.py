"""Analysts' corrections of extracted claims: correct a count, a type or a
date (with a reason), or reject a claim. Every decision is an audited,
attributable ledger entry, and it survives re-extraction and re-linking:
it is keyed to the claim's anchor — its document and the offset of the words
it stands on — not to a claim id that a new extractor version would change,
and when a new extractor's claim starts elsewhere the correction passes to
that successor (``saboot.successors``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

from saboot.audit import canonical_json, sha256_hex
from saboot.claims import COUNT_FIELDS, EVENT_TYPES, Claim, DateValue, Quantity
from saboot.errors import ConfigError, NotFoundError
from saboot.link.model import Incident
from saboot.model import field_names
from saboot.store.base import ClaimFilter, Store
from saboot.successors import anchor_of, document_of, successor_map

FIELDS = (*COUNT_FIELDS, "event_type", "date", "reject", "accept")


@dataclass(frozen=True)
class Correction:
    anchor: str  # the claim's anchor when the analyst decided
    field: str
    value: dict[str, Any]
    reason: str
    actor: str
    ts: str
    # the anchor of the current claim it applies to: its own, its successor's after re-extraction
    # (``saboot.successors``), or None when no current claim stands on those words
    applies_to: str | None = None


def correct(store: Store, claim_id: str, field: str, value: dict[str, Any], reason: str, actor: str) -> Correction:
    """Record one decision on a current claim."""
    if field not in FIELDS:
        raise ConfigError(f"cannot correct {field!r}", where="--field", hint=f"use one of {', '.join(FIELDS)}")
    if not reason.strip():
        raise ConfigError("a correction needs a reason", where="--reason", hint="say why, for the record")
    if field == "event_type" and value.get("event_type") not in EVENT_TYPES:
        raise ConfigError(
            f"unknown event type {value.get('event_type')!r}", where="--type", hint=f"use one of {', '.join(EVENT_TYPES)}"
        )
    claim = next(iter(store.claims(ClaimFilter(ids=(claim_id,)))), None)
    if claim is None:
        raise NotFoundError(f"no current claim {claim_id!r}", hint="list claims with `saboot claims`")
    body = {"anchor": anchor_of(claim), "field": field, "value": value, "reason": reason, "claim": claim_id}
    with store.transaction():
        entry = store.append_audit(
            actor=actor, action="claims.correct", subject_kind="correction", subject_id=claim.document_id,
            content_sha256=sha256_hex(canonical_json(body)), payload=body,
        )  # fmt: skip
        store.add_correction(anchor_of(claim), field, canonical_json(value), reason, actor, entry.ts)
    return Correction(anchor_of(claim), field, value, reason, actor, entry.ts, anchor_of(claim))


@dataclass(frozen=True)
class Decision:
    """One analyst decision as a form or the command line states it: exactly
    one of a count (``count_field`` with low/best/high), an event type, a
    date, a rejection, or an acceptance (the claim checked and right as extracted)."""

    reason: str
    count_field: str | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    event_type: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    precision: str = "day"
    reject: bool = False
    accept: bool = False

    def field_and_value(self) -> tuple[str, dict[str, Any]]:
        chosen = [n for n, on in (("count", self.count_field), ("type", self.event_type), ("date", self.date_start),
                                  ("reject", self.reject), ("accept", self.accept)) if on]  # fmt: skip
        if len(chosen) != 1:
            raise ConfigError(
                f"a decision needs exactly one kind, got {chosen or 'none'}",
                hint="give a count (field with low/best/high), an event type, a start date, reject, or accept",
            )
        if self.count_field:
            return self.count_field, self._count()
        if self.event_type:
            return "event_type", {"event_type": self.event_type}
        if self.date_start:
            return "date", self._date()
        if self.accept:
            return "accept", {"accepted": True}
        return "reject", {"rejected": True}

    def _count(self) -> dict[str, Any]:
        given = [v for v in (self.low, self.best, self.high) if v is not None]
        if not given:
            raise ConfigError("a corrected count needs a number", where="low/best/high", hint="give at least --best")
        if any(v < 0 for v in given) or given != sorted(given):
            raise ConfigError(f"counts must be non-negative and low <= best <= high, got {given}", where="low/best/high")
        return {"low": self.low, "best": self.best, "high": self.high}

    def _date(self) -> dict[str, Any]:
        start, end = self.date_start or "", self.date_end or self.date_start or ""
        for name, value in (("date_start", start), ("date_end", end)):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ConfigError(f"{value!r} is not an ISO date", where=name, hint="write it as YYYY-MM-DD") from None
        if end < start:
            raise ConfigError(f"the date range ends ({end}) before it starts ({start})", where="date_end")
        return {"start": start, "end": end, "precision": self.precision}


def decide(store: Store, claim_id: str, decision: Decision, actor: str) -> Correction:
    """Record a decision stated as a form or the CLI states it."""
    field, value = decision.field_and_value()
    return correct(store, claim_id, field, value, decision.reason, actor)


@dataclass(frozen=True)
class IncidentReview:
    incident_id: str
    claims_key: str
    note: str
    actor: str
    ts: str


def mark_reviewed(store: Store, incident_id: str, note: str, actor: str) -> IncidentReview:
    """Record that an analyst checked an incident as it stands: it leaves the
    review queue until its set of claims changes (a new source; a re-extraction that states something else)."""
    if not note.strip():
        raise ConfigError("a review needs a note", where="--note", hint="say what you checked, for the record")
    inc = store.get_incident(incident_id)
    if inc is None:
        raise NotFoundError(f"no incident {incident_id!r}", hint="list the review queue with `saboot incidents --review`")
    key = inc.claims_key
    body = {
        "incident": incident_id,
        "claims_key": key,
        "content_key": inc.content_key,
        "claims": sorted(inc.claim_ids),
        "note": note,
    }
    with store.transaction():
        entry = store.append_audit(
            actor=actor, action="incidents.review", subject_kind="incident", subject_id=incident_id,
            content_sha256=sha256_hex(canonical_json(body)), payload=body,
        )  # fmt: skip
        store.add_incident_review(key, inc.content_key, note, actor, entry.ts)
    return IncidentReview(incident_id, key, note, actor, entry.ts)


def reviews_of(store: Store, inc: Incident) -> list[dict[str, str]]:
    return [{"note": n, "actor": a, "ts": t} for n, a, t in store.incident_reviews(inc.claims_key, inc.content_key)]


def content_key(claims: Iterable[Claim]) -> str:
    """What an incident's claims state (as analysts corrected them), whatever their ids and producers: the same after
    a re-extraction that finds the same values on the same words, so that a review still holds."""
    return sha256_hex("\n".join(sorted(canonical_json(_stated(c)) for c in claims)))


def _stated(value: Any) -> Any:
    """A claim's values, each dataclass as the list of its fields but its id and producers (a walk, not ``asdict``,
    which copies every value first and takes about twice as long: this runs for every claim of every link run)."""
    names = field_names(type(value))
    if names is not None:
        return [_stated(getattr(value, name)) for name in names if name not in ("id", "producer")]
    if isinstance(value, tuple | list):
        return [_stated(v) for v in value]
    if isinstance(value, dict):
        return {k: _stated(v) for k, v in value.items()}
    return value


def apply(claims: list[Claim], corrections: list[Correction]) -> list[Claim]:
    """Claims as analysts corrected them (later decisions win); rejected ones left out."""
    by_anchor: dict[str, list[Correction]] = {}
    for c in corrections:
        if c.applies_to is not None:
            by_anchor.setdefault(c.applies_to, []).append(c)
    out = []
    for claim in claims:
        decisions = by_anchor.get(anchor_of(claim), [])
        rejected = False
        for d in decisions:
            if d.field == "reject":
                rejected = bool(d.value.get("rejected", True))
            elif d.field == "accept":  # checked and right as extracted: nothing changes (a later accept undoes a reject)
                rejected = False
            else:
                claim = _apply_one(claim, d)
        if not rejected:
            out.append(claim)
    return out


def _apply_one(claim: Claim, d: Correction) -> Claim:
    producer = f"analyst:{d.actor}"
    flags = tuple(sorted({*claim.flags, "corrected"}))
    if d.field in COUNT_FIELDS:
        old = claim.counts.get(d.field)
        q = Quantity(d.value.get("low"), d.value.get("best"), d.value.get("high"), old.evidence if old else claim.evidence[:1],
                     producer, raw=old.raw if old else "", qualifier=f"corrected: {d.reason}")  # fmt: skip
        return replace(claim, counts={**claim.counts, d.field: q}, flags=flags)
    if d.field == "event_type":
        return replace(claim, event_type=d.value["event_type"], flags=flags)
    date = DateValue(d.value.get("start"), d.value.get("end"), d.value.get("precision", "day"), claim.date.evidence, producer,
                     f"corrected: {d.reason}")  # fmt: skip
    return replace(claim, date=date, flags=tuple(f for f in flags if f != "date_unresolved"))


def load(store: Store, documents: Collection[str] | None = None) -> list[Correction]:
    """The store's corrections (or those on the claims of these ``documents``), oldest first, each with the anchor of
    the current claim it applies to. Only the claims of the documents corrected are read."""
    found = [Correction(a, f, json.loads(v), r, who, ts) for a, f, v, r, who, ts in store.corrections(documents)]
    if not found:
        return []
    current = store.claims(ClaimFilter(document_ids=tuple(sorted({document_of(c.anchor) for c in found}))))
    where: dict[str, str | None] = {anchor_of(c): anchor_of(c) for c in current}
    lost = {c.anchor for c in found} - set(where)
    if lost:  # re-extracted since: follow each superseded claim to its successor
        stale = ClaimFilter(document_ids=tuple(sorted({document_of(a) for a in lost})), superseded=True)
        old = {c.id: c for c in store.claims(stale) if anchor_of(c) in lost}
        anchors = {c.id: anchor_of(c) for c in current}
        for claim_id, successor in successor_map(old.values(), current).items():
            where.setdefault(anchor_of(old[claim_id]), anchors[successor])
    return [replace(c, applies_to=where.get(c.anchor)) for c in found]
