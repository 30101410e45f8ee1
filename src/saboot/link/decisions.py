"""Analysts' linking decisions: merge incidents, split claims out of one,
confirm that an incident's claims belong together, or withdraw the decisions
on an incident's claims so that the linker judges them again.

Each is stored as pairwise must-link / cannot-link / withdrawn decisions
between claims (which later link runs keep; a later one on the same claims
replaces an earlier one), with one audited ledger entry, and the store is
re-linked at once. The CLI and the workbench both call these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence

from saboot.alloc import paused_gc
from saboot.errors import ConfigError, NotFoundError
from saboot.link import confined, lineage
from saboot.link.model import Incident
from saboot.link.ratings import Ratings
from saboot.link.service import THRESHOLD, IncidentLinker, LinkSummary, last_run
from saboot.store.base import Store

Pair = tuple[str, str, str]


def get_incident(store: Store, incident_id: str) -> Incident:
    inc = store.get_incident(incident_id)
    if inc is None:
        raise NotFoundError(f"no incident {incident_id!r}", hint="list them with `saboot incidents` (after `saboot link`)")
    return inc


def merge(store: Store, incident_ids: Sequence[str], reason: str, actor: str) -> LinkSummary:
    """One incident from several (an analyst's decision that later links keep)."""
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise ConfigError("a merge needs two or more different incidents", where="incident ids", hint="give their ids")
    claims = [c for inc in (get_incident(store, i) for i in ids) for c in inc.claim_ids]
    pairs = [("must_link", a, b) for i, a in enumerate(claims) for b in claims[i + 1 :]]  # overrides earlier splits
    return _decide(store, pairs, "incidents.merge", ids, reason, actor)


def split(store: Store, incident_id: str, claim_ids: Sequence[str], reason: str, actor: str) -> LinkSummary:
    """Take claims out of an incident into one of their own (kept by later links)."""
    inc = get_incident(store, incident_id)
    unknown = [c for c in claim_ids if c not in inc.claim_ids]
    if unknown:
        raise ConfigError(f"not claims of {incident_id}: {', '.join(unknown)}", hint=f"see `saboot incident {incident_id}`")
    rest = [c for c in inc.claim_ids if c not in claim_ids]
    if not claim_ids or not rest:
        raise ConfigError("a split takes out some of the incident's claims, not none or all", where="claim ids")
    pairs = [("cannot_link", a, b) for a in claim_ids for b in rest]
    pairs += [("must_link", claim_ids[0], c) for c in claim_ids[1:]]
    return _decide(store, pairs, "incidents.split", [incident_id, *claim_ids], reason, actor)


def confirm(store: Store, incident_id: str, reason: str, actor: str) -> LinkSummary:
    """Accept an incident's links: its claims stay together in later links, whatever new reports arrive."""
    inc = get_incident(store, incident_id)
    if len(inc.claim_ids) < 2:
        raise ConfigError(f"{incident_id} has one claim: there is no link to confirm", hint="confirm incidents of several claims")
    pairs = [("must_link", inc.claim_ids[0], c) for c in inc.claim_ids[1:]]
    return _decide(store, pairs, "incidents.confirm", [incident_id, *inc.claim_ids], reason, actor)


def withdraw(store: Store, incident_id: str, reason: str, actor: str) -> LinkSummary:
    """Withdraw the analysts' decisions in force on an incident's claims (its merges, confirmations, and the splits
    that took claims out of it): the linker judges those claims again, as if no analyst had decided."""
    inc = get_incident(store, incident_id)
    decided = lineage.standing(store, inc)
    pairs = [(lineage.WITHDRAWN, *s.applies_to) for s in decided if s.applies_to and lineage.withdrawable(s, inc.claim_ids)]
    if not pairs:
        raise ConfigError(
            f"no analyst's link decision is in force on the claims of {incident_id}",
            hint=f"`saboot decisions` lists them; `saboot incident {incident_id}` shows its claims",
        )
    return _decide(store, pairs, "incidents.withdraw", [incident_id], reason, actor)


def relink(store: Store, actor: str, decided: Collection[str] = ()) -> LinkSummary:
    """Re-link the store (after corrections) with the threshold and outlet ratings of the last link run, as its
    ledger entry recorded them, on the embedded engine (DuckDB). After a link decision on the claims ``decided``,
    only the claims it can move are re-linked when that gives the same result (``link.confined``)."""
    threshold, ratings = last_link_settings(store)
    linker = IncidentLinker(store, actor=actor, threshold=threshold, ratings=ratings)
    with paused_gc():  # as IncidentLinker.run re-links changed claims: the collector's passes cost seconds
        confined_run = confined.relink_around(linker, decided) if decided else None
    return confined_run or linker.run()


def last_link_settings(store: Store) -> tuple[float, Ratings | None]:
    """The threshold and ratings the last ``incidents.link`` entry recorded (defaults if there is none)."""
    last = last_run(store)
    if last is None:
        return THRESHOLD, None
    data = last.payload
    ratings = None
    if isinstance(data.get("ratings_by_outlet"), dict):
        ratings = Ratings(str(data["ratings"]), str(data.get("ratings_default", "F")), dict(data["ratings_by_outlet"]))
    return float(data.get("threshold", THRESHOLD)), ratings


def _decide(store: Store, pairs: list[Pair], action: str, subjects: list[str], reason: str, actor: str) -> LinkSummary:
    if not reason.strip():
        raise ConfigError("a linking decision needs a reason", where="--reason", hint="say why, for the record")
    with store.transaction():
        for kind, a, b in pairs:
            store.add_decision(kind, a, b, actor, reason)
        body = {"decisions": pairs, "reason": reason}
        store.append_audit(
            actor=actor, action=action, subject_kind="link-decision", subject_id=subjects[0],
            content_sha256=hashlib.sha256(repr(body).encode()).hexdigest(), payload={**body, "subjects": subjects},
        )  # fmt: skip
    return relink(store, actor, {claim for _kind, a, b in pairs for claim in (a, b)})
