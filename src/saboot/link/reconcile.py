"""Reconciliation: one incident's fields from its claims.

- date: the range every source allows (the intersection of the claims'
  ranges); if they do not overlap, the span of them all, and a discrepancy.
- place: the most precise place that at least as many reports support as
  any other (a gazetteer entry however spelt); a neighbourhood inside a named
  town refines it; of places tied, the one nearest the others.
- counts (UCDP convention, ``bounds``): ``low`` = the smallest lower bound
  any independent source gives, ``high`` = the largest upper bound, ``best`` =
  the median of the independent sources' best values (the lower median when
  they are even in number); unknown when no source gives a best value. A
  source's single figure ("26", "about 26") bounds it both ways; "at least 9"
  bounds it only from below and "up to 100" only from above, so that neither
  is turned into a figure its source did not give.
- event type: the type most claims give, other than ``other``; a tie goes to the type the vocabulary lists first, the
  more specific ("bombing" before "armed_attack", as the extractor reads one report).
- sources: each independent source (outlet, else the original document of a
  near-duplicate group) counts once, with its own values and words.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from functools import lru_cache

from saboot.claims import COUNT_FIELDS, PROTEST_PLACE, Claim, Location
from saboot.extract.eventtypes import default_event_types
from saboot.geo import km
from saboot.link.model import Count, Discrepancy, SourceValue

NAME = "reconcile.v6"  # v2: an open bound ("at least 9", "up to 100") is not closed at the source's own figure;
# v3: a tie between event types goes to the one the vocabulary lists first, not to the first claim's;
# v4: a place is supported as its gazetteer entry, however spelt; a tie between places goes to one inside the
# other, then to the report whose id sorts first; v5: a place a claim takes from the protest against it
# (``place_of_protest``) counts only when no claim gives a place of its own; v6: of places tied so, the one the
# reports' places lie nearest to in all, before the report whose id sorts first

PRECISION_RANK = {"exact": 0, "town": 1, "district": 2, "province": 3, "country": 4, "unknown": 5}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "unknown": 5}


def event_type(claims: list[Claim]) -> str:
    """The type most claims give (``other`` only when none gives another); of types given equally often, the one
    the vocabulary lists first."""
    order = _type_order()
    votes = Counter(c.event_type for c in claims)
    return min(votes, key=lambda t: (t == "other", -votes[t], order.get(t, len(order))))


@lru_cache(maxsize=1)
def _type_order() -> dict[str, int]:
    """Each type's place in the vocabulary, read once, not for every incident built."""
    return {t.name: n for n, t in enumerate(default_event_types().types)}


def date_range(claims: list[Claim]) -> tuple[str | None, str | None, str, list[Discrepancy]]:
    dated = [c for c in claims if c.date.start and c.date.end]
    if not dated:
        return None, max((c.date.end for c in claims if c.date.end), default=None), "unknown", []
    start = max(c.date.start for c in dated if c.date.start)
    end = min(c.date.end for c in dated if c.date.end)
    finest = min(dated, key=lambda c: DATE_RANK[c.date.precision])
    if start <= end:
        # the range all sources allow is as precise as its most precise source, never more: a date known only to
        # the year stays a year (it was called a month, and so went into January on the timeline and in exports)
        precision = "day" if start == end else finest.date.precision
        return start, end, precision, []
    lo = min(c.date.start for c in dated if c.date.start)
    hi = max(c.date.end for c in dated if c.date.end)
    values = tuple(
        SourceValue("", c.document_id, c.id, None, None, None, c.date.evidence[0].quote if c.date.evidence else str(c.date.start))
        for c in dated
    )
    return lo, hi, "unknown", [Discrepancy("date", f"sources give dates that do not overlap ({lo} … {hi})", values)]


def place(claims: list[Claim]) -> Location | None:
    """The most precise place that at least as many reports support as any other (each report once). Of places supported
    and precise alike, one inside another wins (``_within``: "Bagan" in Kurram District, a quarter of Lahore at the
    city's point), then the one nearest the places of all the reports (``_spread``), then the one of the report whose
    id sorts first: never the claims' order, which changes with
    their ids when a new extractor re-derives them. A place taken from where a protest against the deed was held
    (``place_of_protest``: "a sit-in in Parachinar against the killing of 45 passengers") counts only when no claim
    gives a place of its own: it would refine the district the reports of the deed give to the protest's town."""
    own = [c for c in claims if c.location is not None and PROTEST_PLACE not in c.flags]
    located = sorted(
        ((c.location, c.document_id) for c in own or claims if c.location is not None),
        key=lambda pair: (pair[1], pair[0].evidence[0].start if pair[0].evidence else -1),
    )
    if not located:
        return None
    support: Counter[str] = Counter(key for key, _ in {(_place_key(loc), doc) for loc, doc in located})  # per report
    top = max(support.values())
    candidates = [loc for loc, _ in located if support[_place_key(loc)] == top]
    rank = min(PRECISION_RANK[loc.precision] for loc in candidates)
    tied = [loc for loc in candidates if PRECISION_RANK[loc.precision] == rank]
    points = _report_points(located)
    best = next((a for a in tied if any(_within(a, b) for b in tied)), None) or min(tied, key=lambda a: _spread(a, points))
    finer = [
        loc for loc, _ in located if loc.admin1 == best.admin1 and PRECISION_RANK[loc.precision] < PRECISION_RANK[best.precision]
    ]
    return min(finer, key=lambda loc: PRECISION_RANK[loc.precision]) if finer else best


def _report_points(located: list[tuple[Location, str]]) -> list[tuple[float, float]]:
    """The point of each report's first place (``located`` is in the reports' order), for those with one."""
    firsts = {doc: loc for loc, doc in reversed(located)}
    return [(loc.lat, loc.lon) for loc in firsts.values() if loc.lat is not None and loc.lon is not None]


def _spread(place: Location, points: list[tuple[float, float]]) -> float:
    """How far, in all, the reports' places (``_report_points``) lie from ``place``: of three reports that each place
    one attack elsewhere ("at Babusar Top", "near Naran", "in the Chilas area"), the place between the others is
    nearest. A place with no point comes after every place with one (``math.inf``)."""
    if place.lat is None or place.lon is None:
        return math.inf
    return sum(km(place.lat, place.lon, lat, lon) for lat, lon in points)


def _place_key(loc: Location) -> str:
    """One place however a report spells it: "Qissa Khwani" and "Qissa Khwani Bazaar" are one gazetteer entry."""
    return loc.gazetteer_id or loc.name or ""


def _within(a: Location, b: Location) -> bool:
    """Whether place ``a`` lies inside ``b`` as far as the two tell: ``b`` is ``a``'s district, or the town that names
    ``a``'s district ("Lahore", of Lahore District) at the very point given for ``a`` (a quarter the gazetteer places
    at its town's point)."""
    if a.name == b.name or not a.admin2 or not b.name or a.admin1 != b.admin1:
        return False
    seat = a.admin2 == b.admin2 and a.admin2.startswith(f"{b.name} ") and a.lat is not None
    return b.name == a.admin2 or (seat and (a.lat, a.lon) == (b.lat, b.lon))


def counts(claims: list[Claim], source_of: dict[str, str]) -> tuple[dict[str, Count], list[Discrepancy]]:
    out: dict[str, Count] = {}
    problems: list[Discrepancy] = []
    for name in COUNT_FIELDS:
        per_source: dict[str, SourceValue] = {}
        for c in claims:
            q = c.counts.get(name)
            key = source_of[c.document_id]
            if q is None or key in per_source:
                continue
            per_source[key] = SourceValue(
                key, c.document_id, c.id, q.low, q.best, q.high, q.evidence[0].quote if q.evidence else q.raw
            )
        if not per_source:
            continue
        values = tuple(per_source.values())
        low, high = bounds(values)
        bests = sorted(v.best for v in values if v.best is not None)
        best = statistics.median_low(bests) if bests else None
        out[name] = Count(low, best, high, "median_low of independent sources' best values", values)
        if len(set(bests)) > 1:
            problems.append(Discrepancy(name, f"sources disagree: {', '.join(str(b) for b in bests)}", values))
    return out, problems


def bounds(values: tuple[SourceValue, ...]) -> tuple[int | None, int | None]:
    """The smallest lower and the largest upper bound that the sources give, each unknown (None) when no source gives
    one, or when a source open on that side ("at least 84") reaches past every bound the others give ("81"): the range
    then holds every figure of every source, and no bound that none of them gave."""
    lows = [v.low if v.low is not None else (v.best if v.high is None else None) for v in values]
    highs = [v.high if v.high is not None else (v.best if v.low is None else None) for v in values]
    known_lows, known_highs = [x for x in lows if x is not None], [x for x in highs if x is not None]
    low, high = min(known_lows, default=None), max(known_highs, default=None)
    if low is not None and any(v.low is None and v.high is not None and v.high < low for v in values):
        low = None
    if high is not None and any(v.high is None and v.low is not None and v.low > high for v in values):
        high = None
    return low, high


def outliers(count: Count) -> list[SourceValue]:
    """A source's figure at least three times above or below the others' median."""
    found = []
    for v in count.sources:
        others = [o.best for o in count.sources if o is not v and o.best is not None]
        if v.best is None or not others:
            continue
        median = statistics.median(others)
        if median > 0 and (v.best >= 3 * median + 3 or v.best * 3 + 3 <= median):
            found.append(v)
    return found
