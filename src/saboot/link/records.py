"""Link records: the columns the linkage engine compares, built from claims.

Dates are ranges that respect precision (a month-precision claim spans the
month); places carry a tolerance by precision (a town ±3 km, a district
±40 km, a province ±250 km), so "Mastung" and "Quetta" 50 km apart can
still be one incident coded to the nearest city.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from saboot.claims import Claim

TOLERANCE_KM = {"exact": 1.0, "town": 3.0, "district": 40.0, "province": 250.0, "country": None, "unknown": None}
VIOLENT = {
    "armed_attack",
    "mass_killing",
    "targeted_killing",
    "bombing",
    "torture",
    "sexual_violence",
    "clash",
    "attack_on_property",
}
TAKEN = {"abduction", "enforced_disappearance", "arrest"}


def event_group(event_type: str) -> str:
    if event_type in VIOLENT:
        return "violent"
    if event_type in TAKEN:
        return "taken"
    return event_type


@dataclass(frozen=True)
class LinkRecord:
    unique_id: str  # claim id, or "ref:NAME:ID" for a reference row
    document_id: str
    source_key: str  # independence: outlet, else the original document
    date_lo: str | None
    date_hi: str | None
    ym: str | None
    year: str | None
    lat: float | None
    lon: float | None
    tol_km: float | None
    country: str | None
    admin1: str | None
    place_key: str | None
    undated_place: str | None  # the place key of a claim with no usable date, for blocking
    event_type: str
    event_group: str
    killed_lo: int | None
    killed_hi: int | None
    killed_best: int | None
    perpetrators: list[str]
    victims: list[str]

    def row(self) -> dict[str, Any]:
        return asdict(self)


def from_claim(claim: Claim, source_key: str) -> LinkRecord:
    d = claim.date
    loc = claim.location
    killed = claim.counts.get("killed")
    lo = killed.low if killed else None  # unknown floor ("up to 30"): any number from 0
    hi = killed.high if killed and killed.high is not None else (killed.best if killed else None)
    return LinkRecord(
        unique_id=claim.id, document_id=claim.document_id, source_key=source_key,
        date_lo=d.start, date_hi=d.end if d.start else None, ym=d.start[:7] if d.start and d.precision in ("day", "week", "month") else None,
        year=d.start[:4] if d.start and d.precision != "decade" else None,
        lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        tol_km=TOLERANCE_KM.get(loc.precision) if loc and loc.lat is not None else None,
        country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
        place_key=(place := (loc.gazetteer_id or (loc.name or "").casefold() or None) if loc and loc.precision in ("exact", "town", "district") else None),
        undated_place=place if d.precision in ("unknown", "year", "decade") else None,
        event_type=claim.event_type, event_group=event_group(claim.event_type), killed_lo=lo, killed_hi=hi,
        killed_best=killed.best if killed else None,
        perpetrators=sorted({a.name for a in claim.perpetrators if a.kind != "generic" and a.relation != "denied"}),
        victims=sorted({a.name for a in claim.victims if a.name not in ("civilians",)}),
    )  # fmt: skip
