"""How two curated datasets record the same incident: the Pakistan Body Count
suicide attacks matched to GTD's Pakistan suicide attacks (within 3 days and
30 km, nearest first), and how the matched rows differ in date, place,
killed and injured. (Matched to any GTD bombing, the differences come out wider, probably
because more of the matches are other attacks nearby.)

These are the shares ``bench_link.py --profile measured`` draws its second
reports' differences from, and the injured figures' shares in the linker's
count levels are ``spec.INJURED_M``. Two curated tables are not two news reports, but
they are the only independent records of the same incidents at hand.

    .venv/bin/python -m benchmarks.bench_pairs [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_references import _km, rows

from saboot.link import spec
from saboot.link.references import ReferenceRow, read_reference

MAX_DAYS = 3
MAX_KM = 30.0


@dataclass(frozen=True)
class Measured:
    pbc: int  # PBC suicide attacks inside GTD's dates, with coordinates
    gtd: int  # GTD's suicide attacks
    found: list[tuple[ReferenceRow, ReferenceRow, int, float]]  # (PBC row, GTD row, days apart, km apart)

    @property
    def killed(self) -> list[tuple[int, int]]:
        """(PBC's highest killed figure, GTD's) of each match where both are known."""
        return self.figures("killed")

    def figures(self, count: str) -> list[tuple[int, int]]:
        """(PBC's highest figure, GTD's highest) for ``count`` of each match where both are known."""
        pairs = [(getattr(p, f"{count}_high"), getattr(g, f"{count}_high")) for p, g, _, _ in self.found]
        return [(a, b) for a, b in pairs if a is not None and b is not None]

    def levels(self, count: str) -> dict[str, float]:
        """How often the matches' figures for ``count`` fall in each level of ``spec.count_comparison`` but the few
        one (``spec.FEW_LEVEL``, whose m is the store's share), among those where both are known and not both few,
        each row's figure compared as a claim's would be (``_figure``)."""
        found = [spec.count_level(count, _figure(p, count), _figure(g, count)) for p, g, _, _ in self.found]
        known = [level for level in found if level not in (None, spec.FEW_LEVEL)]
        return {level: known.count(level) / len(known) for level in spec.COUNT_LEVELS}


def _figure(row: ReferenceRow, count: str) -> tuple[int | None, int | None, int | None]:
    """A row's figure for ``count`` as a claim's (low, high, best): its range, the middle of the range as its best."""
    lo, hi = getattr(row, f"{count}_low"), getattr(row, f"{count}_high")
    lo, hi = (lo if lo is not None else hi), (hi if hi is not None else lo)
    return (lo, hi, round((lo + hi) / 2)) if lo is not None and hi is not None else (None, None, None)


def measure(data: Path) -> Measured:
    """PBC's suicide attacks inside GTD's dates matched to GTD's suicide attacks (``suicide`` = 1)."""
    path = data / "gtd-pakistan-2007-2018-reference.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        flags = [row.get("suicide") == "1" for row in csv.DictReader(fh)]
    read = list(read_reference(path, "gtd", "gtd", "PK"))
    if len(read) != len(flags):
        raise SystemExit(f"{path}: {len(flags)} rows but {len(read)} read; is it GTD's layout?")
    gtd = [r for r in read if isinstance(r, ReferenceRow)]
    first, last = min(r.date_lo for r in gtd if r.date_lo), max(r.date_lo for r in gtd if r.date_lo)
    suicide = [r for r, flag in zip(read, flags, strict=True) if flag and isinstance(r, ReferenceRow)]
    pbc = [r for r in rows(data / "pbc-pakistan-suicide-attacks.csv", "pbc") if r.date_lo and first <= r.date_lo <= last]
    pbc = [r for r in pbc if r.lat is not None and r.lon is not None]
    return Measured(len(pbc), len(suicide), matches(pbc, suicide))


def matches(pbc: list[ReferenceRow], gtd: list[ReferenceRow]) -> list[tuple[ReferenceRow, ReferenceRow, int, float]]:
    """Each PBC row with its nearest GTD row (fewest days apart, then fewest km) within the window, if any."""
    by_day: dict[dt.date, list[ReferenceRow]] = {}
    for g in gtd:
        if g.date_lo and g.date_lo == g.date_hi and g.lat is not None:
            by_day.setdefault(dt.date.fromisoformat(g.date_lo), []).append(g)
    out = []
    for p in pbc:
        day = dt.date.fromisoformat(p.date_lo or "")
        near = [
            (abs(shift), _km(p, g), g)
            for shift in range(-MAX_DAYS, MAX_DAYS + 1)
            for g in by_day.get(day + dt.timedelta(days=shift), [])
        ]
        near = [c for c in near if c[1] <= MAX_KM]
        if near:
            days, km, g = min(near, key=lambda c: (c[0], c[1]))
            out.append((p, g, days, km))
    return out


def shares(values: list[float], edges: list[float]) -> str:
    return "  ".join(f"≤{e:g} {sum(v <= e for v in values) / len(values):.3f}" for e in edges)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data")
    args = parser.parse_args()
    measured = measure(args.data)
    found = measured.found
    print(
        f"{measured.pbc} PBC suicide attacks inside GTD's dates, {len(found)} matched to one of GTD's {measured.gtd} suicide attacks"
    )
    days = Counter(d for _, _, d, _ in found)
    print("days apart       " + "  ".join(f"{d}: {days[d] / len(found):.3f}" for d in range(MAX_DAYS + 1)))
    print("km apart         " + shares([km for *_, km in found], [1, 5, 10, 20, 30]))
    for count in ("killed", "injured"):
        figures = measured.figures(count)
        diff = [abs(a - b) for a, b in figures]
        relative = [abs(a - b) / max(a, b) for a, b in figures if max(a, b) > 0]
        print(f"{count} (PBC max vs GTD, {len(figures)} pairs)")
        print("  difference     " + shares([float(d) for d in diff], [0, 1, 2, 5, 10]))
        print("  relative       " + shares(relative, [0, 0.1, 0.2, 0.35, 0.5, 0.75]))
        levels = ", ".join(f"{level} {share:.3f}" for level, share in measured.levels(count).items())
        print(f"  the linker's levels (ranges compared; pairs not both few): {levels}")


if __name__ == "__main__":
    main()
