"""Reference matching against a dense dataset: does a real incident find its
row, and does an incident that never happened find one anyway?

The Pakistan Body Count suicide attacks inside GTD's coverage stand in for
incidents (each at its city, known to the day, with PBC's killed range) and
are matched against the GTD Pakistan reference with the linker's defaults:
as reported, and fabricated by moving each one 3 or 7 days later or 1.5
degrees north. For each, the script prints how many incidents match a GTD row
(at ``service.REFERENCE_THRESHOLD``), how many of those rows lie within a day
and 60 km of the incident as given, and how many matches would corroborate it
(``ReferenceMatch.corroborates``: match probability ``CORROBORATING_MATCH``
or more and a count that does not disagree). A fabricated incident that is
corroborated is the error that matters. ``--prior`` sets the linker's prior for
a reference (``spec.REFERENCE_PRIOR``), to see what it trades.

    .venv/bin/python benchmarks/bench_references.py [--data ../shared/data] [--prior 0.02]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from dataclasses import dataclass, replace
from pathlib import Path

from saboot.link import spec
from saboot.link.engine import engine_for
from saboot.link.model import ReferenceMatch
from saboot.link.records import LinkRecord
from saboot.link.references import ReferenceRow, read_reference
from saboot.link.service import REFERENCE_THRESHOLD, count_agrees

TOWN_KM = 3.0  # an incident placed at a town, as the extractor's town precision


@dataclass(frozen=True)
class Tally:
    incidents: int
    matched: int
    near: int  # matched to a row within a day and 60 km
    corroborated: int


def rows(path: Path, fmt: str) -> list[ReferenceRow]:
    return [r for r in read_reference(path, fmt, fmt, "PK") if isinstance(r, ReferenceRow)]


def moved(row: ReferenceRow, days: int = 0, north: float = 0.0) -> ReferenceRow:
    day = (dt.date.fromisoformat(row.date_lo or "") + dt.timedelta(days=days)).isoformat()
    return replace(row, ref_id=f"{row.ref_id}+{days}d{north}", date_lo=day, date_hi=day, lat=(row.lat or 0.0) + north)


def _km(a: ReferenceRow, b: ReferenceRow) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la, lb, dl = (math.radians(v) for v in (a.lat or 0.0, b.lat or 0.0, (a.lon or 0.0) - (b.lon or 0.0)))
    return 6371 * math.acos(min(1.0, math.sin(la) * math.sin(lb) + math.cos(la) * math.cos(lb) * math.cos(dl)))


def _incident(row: ReferenceRow) -> LinkRecord:
    return replace(row.record(), unique_id=f"inc:{row.ref_id}", tol_km=TOWN_KM, source_key=f"inc:{row.ref_id}")


def tally(incidents: list[ReferenceRow], gtd: list[ReferenceRow], prior: float = spec.REFERENCE_PRIOR) -> Tally:
    by_uid = {r.record().unique_id: r for r in gtd}
    best: dict[str, tuple[float, ReferenceRow]] = {}
    for p in engine_for("duckdb").link([_incident(i) for i in incidents], [g.record() for g in gtd], REFERENCE_THRESHOLD, prior):
        ours, theirs = (p.left, p.right) if p.left.startswith("inc:") else (p.right, p.left)
        if ours not in best or p.probability > best[ours][0]:
            best[ours] = (p.probability, by_uid[theirs])
    near = corroborated = 0
    for inc in incidents:
        probability, row = best.get(f"inc:{inc.ref_id}", (0.0, None))
        if row is None or row.date_lo is None:
            continue
        days = abs((dt.date.fromisoformat(row.date_lo) - dt.date.fromisoformat(inc.date_lo or "")).days)
        near += days <= 1 and _km(inc, row) <= 60
        low = inc.killed_low if inc.killed_low is not None else inc.killed_best
        agrees = None if low is None or row.killed_best is None else count_agrees(low, inc.killed_high, row.killed_best)
        match = ReferenceMatch("gtd", row.ref_id, row.date_lo, row.place, row.killed_best, None, None, probability, agrees)
        corroborated += match.corroborates
    return Tally(len(incidents), len(best), near, corroborated)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data")
    parser.add_argument("--prior", type=float, default=spec.REFERENCE_PRIOR, help="the linker's prior for a reference")
    args = parser.parse_args()
    gtd = rows(args.data / "gtd-pakistan-2007-2018-reference.csv", "gtd")
    first, last = min(r.date_lo for r in gtd if r.date_lo), max(r.date_lo for r in gtd if r.date_lo)
    pbc = [r for r in rows(args.data / "pbc-pakistan-suicide-attacks.csv", "pbc") if r.date_lo and first <= r.date_lo <= last]
    pbc = [r for r in pbc if r.lat is not None and r.lon is not None]
    print(f"{len(gtd)} GTD rows, {len(pbc)} PBC suicide attacks inside GTD's dates ({first} … {last})")
    for label, incidents in (
        ("as reported", pbc),
        ("fabricated: 3 days later", [moved(r, days=3) for r in pbc]),
        ("fabricated: 7 days later", [moved(r, days=7) for r in pbc]),
        ("fabricated: 1.5° north", [moved(r, north=1.5) for r in pbc]),
    ):
        t = tally(incidents, gtd, args.prior)
        print(
            f"{label:26} {t.incidents} incidents: {t.matched} match a GTD row, {t.near} of them within a day and 60 km; "
            f"{t.corroborated} corroborated ({t.corroborated / t.incidents:.1%})",
            flush=True,
        )


if __name__ == "__main__":
    main()
