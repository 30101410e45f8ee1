"""Which claims a re-link hands the engine: those that a blocking rule can pair with a changed claim.

``LinkEngine.rescore`` scores only the pairs with a changed claim on either side (``spec.touching_changed``), but the
engine still read every claim of the store, and turning a claim into the engine's row is most of the time a re-link
takes on a large store (8.9 s of 15.8 s for 3,000 changed claims among 300,000, cProfile). A pair is compared only if
some blocking rule holds for it, and every rule requires some columns of its two claims to be equal (``l.admin1 =
r.admin1 AND l.date_lo = r.date_lo AND …``); a claim whose columns equal no changed claim's under any rule can meet
none of them. The equalities are read from the rules themselves (sqlglot, which Splink parses its SQL with), so the
rules and this selection cannot drift apart; a rule they cannot be read from keeps every claim.

The blocking keys the engine adds to a claim's own columns (``near_dates``), and how widely a claim with no date is
compared (``undated_reach``), are here too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from saboot.link import spec
from saboot.link.records import LinkRecord

Columns = tuple[str, ...]


@dataclass(frozen=True)
class Equalities:
    """The columns a blocking rule requires equal: ``left[i]`` of its l claim to ``right[i]`` of its r claim."""

    left: Columns
    right: Columns


def equalities(rule: str, dialect: str) -> Equalities | None:
    """The equalities between an l and an r column that a blocking rule's top-level conjunction requires; None when it
    requires none (an ``OR`` at the top, a rule of inequalities only) or cannot be read, and then any claim may meet a
    changed one."""
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(rule, read=dialect)
    except sqlglot.errors.SqlglotError:  # a rule sqlglot cannot read: the engine may still run it, on every claim
        return None
    left: list[str] = []
    right: list[str] = []
    for term in tree.flatten() if isinstance(tree, exp.And) else [tree]:
        if not isinstance(term, exp.EQ) or not isinstance(term.left, exp.Column) or not isinstance(term.right, exp.Column):
            continue  # a further condition only narrows the pairs
        sides = {term.left.table: term.left.name, term.right.table: term.right.name}
        if set(sides) == {"l", "r"}:
            left.append(sides["l"])
            right.append(sides["r"])
    return Equalities(tuple(left), tuple(right)) if left else None


def meeting(records: Sequence[LinkRecord], changed: Collection[str], rules: Iterable[str], dialect: str) -> list[LinkRecord]:
    """The records that some rule can pair with one of the ``changed`` claims, and those claims, in their order; every
    record when a rule's equalities cannot be read or name a column the records do not hold."""
    read = [equalities(rule, dialect) for rule in rules]
    known = [e for e in read if e is not None]
    if len(known) < len(read) or any(not _holds(c) for e in known for c in (*e.left, *e.right)):
        return list(records)
    hit = [r.unique_id in changed for r in records]
    ours = list(compress(records, hit))
    # the engine's own columns of each record, worked out once for all the rules that read them
    extra = [derived(r) for r in records] if any(c in DERIVED for e in known for c in (*e.left, *e.right)) else []
    ours_extra = list(compress(extra, hit))
    # a changed claim on the l side meets a claim whose right columns equal its left ones, and the other way round
    wanted: dict[Columns, set[object]] = {}
    for e in known:
        for mine, theirs in ((e.left, e.right), (e.right, e.left)):
            wanted.setdefault(theirs, set()).update(k for k in _values(mine, ours, ours_extra) if not _missing(k))
    for theirs, keys in wanted.items():
        if not keys:
            continue
        for i in compress(range(len(records)), map(keys.__contains__, _values(theirs, records, extra))):
            hit[i] = True
    return list(compress(records, hit))


Near = tuple[
    str | None,
    str | None,
    int | None,
    int | None,
    int | None,
    int | None,
    int | None,
    int | None,
    str | None,
    str | None,
    str | None,
]
STRADDLE_DAYS = 14  # a claim of a range this short that ends in the next month is compared in that month too


def near_dates(record: LinkRecord) -> Near:
    """The day after the claim's first day, and the month of the day 15 days on: two days at most a day apart share
    a month or this shifted month, since a month's end and the middle of the next are far apart. Then, for a claim
    with no date, the span of REPORT_SPAN_DAYS days its report came out in, and that of REPORT_SPAN_DAYS days before
    (``spec.REPORTED_PLACELESS``); for a claim of a day with no place, that day's span. Then the same two spans
    again for a claim of neither a date nor a province, and the span of a claim's day (``spec.ADRIFT_IN_SPAN``). Last,
    for a claim of a short range that ends in the month after its first day's ("last week", told on the 8th of
    November: 26 October to 7 November), the month it ends in (``spec.STRADDLING``); and for a claim of a week or a
    month placed in no province, its month and that month it ends in (``spec.PLACELESS_IN_MONTH``)."""
    after, mid = _near(record.date_lo) if record.date_lo is not None and record.ym is not None else (None, None)
    report, before = _report_spans(record.reported_by) if record.reported_by and record.date_lo is None else (None, None)
    placeless = _span(record.placeless_day) if record.placeless_day else None
    day = _span(record.date_lo) if record.date_lo is not None and record.ym is not None else None
    lost = adrift(record)
    end = _straddled(record.date_lo, record.date_hi) if record.date_lo and record.date_hi and record.ym else None
    vague = record.ym is not None and record.admin1 is None and record.placeless_day is None  # a week or a month
    return (
        after, mid, report, before, placeless, report if lost else None, before if lost else None, day, end,
        record.ym if vague else None, end if vague else None,
    )  # fmt: skip


def adrift(record: LinkRecord) -> bool:
    """A claim of neither a date nor a province (``spec.ADRIFT_IN_SPAN``)."""
    return record.date_lo is None and record.admin1 is None


@lru_cache(maxsize=100_000)
def _near(first: str) -> tuple[str, str]:
    day = dt.date.fromisoformat(first)
    return (day + dt.timedelta(days=1)).isoformat(), (day + dt.timedelta(days=15)).isoformat()[:7]


@lru_cache(maxsize=100_000)
def _straddled(first: str, last: str) -> str | None:
    """The month a range ends in if that is not the month it starts in and the range is at most STRADDLE_DAYS long."""
    if last[:7] == first[:7]:
        return None
    days = (dt.date.fromisoformat(last[:10]) - dt.date.fromisoformat(first[:10])).days
    return last[:7] if days <= STRADDLE_DAYS else None


REPORT_SPAN_DAYS = 10  # the days a report that gives no date may tell of: the week before it and its slack


def _span(day: str) -> int:
    return dt.date.fromisoformat(day[:10]).toordinal() // REPORT_SPAN_DAYS


@lru_cache(maxsize=100_000)
def _report_spans(reported_by: str) -> tuple[int, int]:
    day = dt.date.fromisoformat(reported_by[:10]).toordinal()
    return day // REPORT_SPAN_DAYS, (day - REPORT_SPAN_DAYS + 1) // REPORT_SPAN_DAYS


Cells = tuple[str | None, ...]


def near_cells(record: LinkRecord) -> Cells:
    """The claim's square in each grid (``spec.CELL_DEGREES``, ``spec.CELL_SHIFTS``), then, for a claim of no day, week or month
    that is compared across its whole province (``undated_reach``), the same squares again: the keys that bring claims
    near each other across a province's border together. An undated claim compared across its district or at its
    place only (beyond ``spec.UNDATED_PAIRS``) is not compared across the border, which would reach farther than it
    is compared at home. None for a claim with no point."""
    if record.lat is None or record.lon is None:
        return (None,) * (2 * spec.CELL_SHIFTS)
    cells = _cells(round(record.lat, 3), round(record.lon, 3))
    return (*cells, *(cells if record.undated_admin1 is not None else (None,) * spec.CELL_SHIFTS))


@lru_cache(maxsize=100_000)
def _cells(lat: float, lon: float) -> tuple[str, ...]:
    size, shifts = spec.CELL_DEGREES, spec.CELL_SHIFTS
    return tuple(f"{math.floor(lat / size + k / shifts)}:{math.floor(lon / size + k / shifts)}" for k in range(shifts))


def derived(record: LinkRecord) -> tuple[object, ...]:
    """The columns the engine adds to a record's own, in the order of DERIVED: ``near_dates``, then ``near_cells``."""
    return (*near_dates(record), *near_cells(record))


# the columns the engine adds to a record's own (``derived``)
DERIVED = {
    name: i
    for i, name in enumerate(
        [
            "day_after", "ym_mid", "report_span", "report_span_before", "placeless_span", "adrift_span",
            "adrift_span_before", "day_span", "ym_end", "placeless_ym", "placeless_ym_end",
            *(f"cell_{k}" for k in range(spec.CELL_SHIFTS)), *(f"undated_cell_{k}" for k in range(spec.CELL_SHIFTS)),
        ]
    )
}  # fmt: skip


def _holds(column: str) -> bool:
    return column in DERIVED or column in LinkRecord.__dataclass_fields__


def _values(columns: Columns, records: Sequence[LinkRecord], extra: Sequence[tuple[object, ...]]) -> Iterator[object]:
    """Each record's value of this column, or tuple of its values of these columns (as ``attrgetter`` reads them),
    read at C speed unless it is one of the engine's own columns, which ``extra`` holds for each record (``derived``)."""
    if not any(c in DERIVED for c in columns):
        return map(attrgetter(*columns), records)
    where = [(c in DERIVED, DERIVED.get(c, 0), attrgetter(c)) for c in columns]

    def value(record: LinkRecord, near: tuple[object, ...]) -> object:
        out = tuple(near[i] if engine_s else read(record) for engine_s, i, read in where)
        return out if len(out) > 1 else out[0]

    return map(value, records, extra)


def _missing(key: object) -> bool:
    """Whether a value read is or holds a missing one, for which SQL's ``=`` never holds."""
    return key is None or (isinstance(key, tuple) and None in key)


Areas = tuple[tuple[str, ...], tuple[str, ...]]  # the provinces, then the districts, compared across (``undated_areas``)


def undated_reach(records: Sequence[LinkRecord], areas: Areas | None = None) -> list[LinkRecord]:
    """The records with how widely each claim with no date is compared (``spec.UNDATED_IN_PROVINCE``,
    ``spec.UNDATED_IN_DISTRICT``): across the provinces, then the districts, of ``areas`` (``undated_areas`` of these
    records when None); the rest at their place only."""
    if areas is None:
        areas = undated_areas(records)
    provinces, districts = set(areas[0]), set(areas[1])
    return [_reach(r, provinces, districts) for r in records]


def undated_areas(records: Sequence[LinkRecord], budget: int | None = None) -> Areas:
    """The areas whose claims with no date are each compared with every claim of the area: whole provinces, the
    cheapest first (the number of their undated claims times the number of their claims), while the pairs they make
    stay within ``budget`` (``spec.UNDATED_PAIRS``); then, for the undated claims of the other provinces, whole districts
    so."""
    budget = spec.UNDATED_PAIRS if budget is None else budget
    undated = [r for r in records if r.undated_admin1 is not None or r.undated_district is not None]
    if not undated:
        return (), ()
    claims: Counter[str] = Counter()
    for r in records:
        claims.update(k for k in (r.admin1, r.district) if k is not None)
    provinces, budget = _cheapest(Counter(r.undated_admin1 for r in undated if r.undated_admin1), claims, budget)
    rest = [r for r in undated if r.undated_admin1 not in provinces]
    districts, _ = _cheapest(Counter(r.undated_district for r in rest if r.undated_district), claims, budget)
    return tuple(sorted(provinces)), tuple(sorted(districts))


def _reach(record: LinkRecord, provinces: set[str], districts: set[str]) -> LinkRecord:
    if record.undated_admin1 is None and record.undated_district is None:
        return record
    if record.undated_admin1 in provinces:
        return replace(record, undated_district=None)
    return replace(
        record, undated_admin1=None, undated_district=record.undated_district if record.undated_district in districts else None
    )


def _cheapest(undated: Counter[str], claims: Counter[str], budget: int) -> tuple[set[str], int]:
    """The areas whose undated claims may each be compared with all the area's claims, cheapest first, within
    ``budget`` pairs; and what is left of it."""
    chosen: set[str] = set()
    for area, cost in sorted(((a, n * claims[a]) for a, n in undated.items()), key=lambda ac: (ac[1], ac[0])):
        if cost > budget:
            break
        chosen.add(area)
        budget -= cost
    return chosen, budget
