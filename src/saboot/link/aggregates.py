"""Aggregate claims ("366 killed in 2021", "347 Hazaras since 1999") checked
against the sum of the matching incidents in the store and of the matching
rows of reference datasets that cover the whole period and country.

A claimed total more than three times the records (plus ten) "exceeds the
records"; one below a third of them is "below the records"; otherwise it is
"consistent". With no covering reference, the store's incidents are the only
records, and they hold only the reports ingested: a total below them is still
"below the records", but one far above them is only "above the store's
incidents", no evidence against it. With no incident and no covering
reference it is "not checkable" — which is said, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from saboot.claims import PERSON_KIND, Claim
from saboot.link.model import Incident
from saboot.link.references import Coverage, ReferenceRow
from saboot.store.base import ClaimFilter, Store

GENERIC_VICTIMS = {"civilians", "people"}
# what a verdict says in the explanation, where its name alone would say less
VERDICTS = {"above_store": "above the store's incidents, which hold only the reports ingested: no evidence against it"}


@dataclass(frozen=True)
class AggregateCheck:
    claim_id: str
    document_id: str
    claimed: int
    period: tuple[str, str]
    country: str | None
    admin1: str | None
    victims: tuple[str, ...]
    incidents_total: int
    incidents: tuple[str, ...]
    references: dict[str, int]  # dataset → total over the period and area
    verdict: str
    explanation: str


def check_aggregates(store: Store) -> list[AggregateCheck]:
    incidents = store.incidents()
    coverage = store.reference_coverage()
    rows = store.reference_rows()
    out = []
    for claim in store.claims(ClaimFilter(kind="aggregate")):
        killed = claim.counts.get("killed")
        value = None if killed is None else (killed.best if killed.best is not None else killed.low)
        if value is None or claim.date.start is None or claim.date.end is None:
            continue
        out.append(_check(claim, value, incidents, coverage, rows))
    return out


def _check(
    claim: Claim, value: int, incidents: list[Incident], coverage: dict[str, Coverage], rows: list[ReferenceRow]
) -> AggregateCheck:
    start, end = claim.date.start or "", claim.date.end or ""
    loc = claim.location
    country, admin1 = (loc.country, loc.admin1) if loc else (None, None)
    # the groups a total is of ("Hazaras"), not people it names in passing, whom no other incident need name
    victims = tuple(v.name for v in claim.victims if v.name not in GENERIC_VICTIMS and v.kind != PERSON_KIND)
    matching = [i for i in incidents if _inside(i, start, end, country, admin1, victims)]
    total = sum(_killed(i) for i in matching)
    refs: dict[str, int] = {}
    if not victims:  # reference tables do not say who the victims were
        for name, cov in coverage.items():
            if cov.covers(start, country) and cov.covers(end, country):
                refs[name] = sum(
                    r.killed_best or 0 for r in rows
                    if r.dataset == name and r.date_lo and start <= r.date_lo <= end
                    and (country is None or r.country == country) and (admin1 is None or r.admin1 == admin1)
                )  # fmt: skip
    records = max([total, *refs.values()]) if (matching or refs) else None
    verdict = _verdict(value, records, complete=bool(refs))
    return AggregateCheck(
        claim.id, claim.document_id, value, (start, end), country, admin1, victims, total, tuple(i.id for i in matching), refs,
        verdict, _explain(value, start, end, total, len(matching), refs, verdict),
    )  # fmt: skip


def _inside(inc: Incident, start: str, end: str, country: str | None, admin1: str | None, victims: tuple[str, ...]) -> bool:
    if not inc.date_start or not (start <= inc.date_start <= end):
        return False
    loc = inc.location
    if country and (loc is None or loc.country != country):
        return False
    if admin1 and (loc is None or loc.admin1 != admin1):
        return False
    return not victims or bool(set(victims) & set(inc.victims))


def _killed(inc: Incident) -> int:
    c = inc.counts.get("killed")
    if c is None:
        return 0
    return c.best if c.best is not None else (c.low or 0)


def _verdict(value: int, records: int | None, complete: bool) -> str:
    """``complete``: a reference dataset covering the whole period is among the ``records``; without one they are the
    store's incidents, which a total may exceed without evidence against it."""
    if records is None:
        return "not_checkable"
    if value > 3 * records + 10:
        return "exceeds_records" if complete else "above_store"
    if 3 * value + 10 < records:
        return "below_records"
    return "consistent"


def _explain(value: int, start: str, end: str, total: int, n: int, refs: dict[str, int], verdict: str) -> str:
    parts = [
        f"claimed {value} killed, {start} … {end}",
        f"{n} incident{'' if n == 1 else 's'} in the store add{'s' if n == 1 else ''} up to {total}",
    ]
    parts += [f"{name} has {v}" for name, v in refs.items()]
    if not refs:
        parts.append("no reference dataset covers the whole period and place")
    said = VERDICTS.get(verdict, verdict.replace("_", " "))
    return "; ".join(parts) + f": {said}"
