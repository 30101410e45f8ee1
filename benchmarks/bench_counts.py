"""An incident's figures as real data has them, for ``bench_link.py --counts
measured``: how many GTD Pakistan incidents (2007-2018) killed 0, 1, 2-4,
5-9, 10-49 and 50 or more; for each of those ranges, the share with no one
injured and the lognormal mu and sigma of the injured figures above 0; and
how often the extractor finds a killed or injured figure in GTD's
Afghanistan summaries when GTD codes it above 0 and when it codes 0 (a
report that does not mention the wounded usually means there were none).

    .venv/bin/python -m benchmarks.bench_counts [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import math
import statistics
from pathlib import Path

from saboot.evaluate.extraction import primary_claim, read_gtd
from saboot.extract.base import ExtractionInput
from saboot.extract.runner import default_extractor
from saboot.link.references import ReferenceRow, read_reference

RANGES = ((0, 0), (1, 1), (2, 4), (5, 9), (10, 49), (50, None))
INJURED_RANGES = 5  # the injured figures of the last two killed ranges are measured together (few incidents kill 50)


def killed_shares(rows: list[ReferenceRow]) -> list[tuple[int, int, float]]:
    """(lowest, highest, share of incidents) of each killed range; the last range's highest is the largest seen."""
    killed = [r.killed_best for r in rows if r.killed_best is not None]
    out = []
    for lo, hi in RANGES:
        top = max(killed) if hi is None else hi
        out.append((lo, top, round(sum(lo <= k <= top for k in killed) / len(killed), 3)))
    return out


def injured_given_killed(rows: list[ReferenceRow]) -> list[tuple[float, float, float]]:
    """(share with no one injured, mu, sigma of log injured above 0) for each killed range, the last ones merged."""
    known = [(r.killed_best, r.injured_low) for r in rows if r.killed_best is not None and r.injured_low is not None]
    out = []
    for k, (lo, _) in enumerate(RANGES[:INJURED_RANGES]):
        hi = RANGES[k][1] if k < INJURED_RANGES - 1 else None
        hurt = [i for killed, i in known if killed >= lo and (hi is None or killed <= hi)]
        logs = [math.log(i) for i in hurt if i > 0]
        out.append((round(1 - len(logs) / len(hurt), 3), round(statistics.mean(logs), 2), round(statistics.stdev(logs), 2)))
    return out


def stated(path: Path) -> dict[tuple[str, bool], float]:
    """How often the extractor finds each figure in GTD's summaries, when GTD codes it above 0 (True) and as 0."""
    extractor = default_extractor()
    found: dict[tuple[str, bool], list[bool]] = {(c, pos): [] for c in ("killed", "injured") for pos in (True, False)}
    for row in read_gtd(path):
        claim = primary_claim(extractor.extract(ExtractionInput(row.id, row.text)))
        for count, gold in (("killed", row.killed), ("injured", row.wounded)):
            found[(count, gold > 0)].append(claim is not None and count in claim.counts)
    return {key: round(sum(v) / len(v), 3) for key, v in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data")
    args = parser.parse_args()
    path = args.data / "gtd-pakistan-2007-2018-reference.csv"
    rows = [r for r in read_reference(path, "gtd", "gtd", "PK") if isinstance(r, ReferenceRow)]
    print(f"KILLED  {tuple(killed_shares(rows))}")
    print(f"INJURED {tuple(injured_given_killed(rows))}")
    print(f"STATED  {stated(args.data / 'gtd-afghanistan-2016.csv')}")


if __name__ == "__main__":
    main()
