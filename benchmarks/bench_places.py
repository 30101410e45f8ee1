"""How far the extractor places an incident from where GTD codes it, for the m of the linker's place levels
(``spec.PLACE``): each GTD Afghanistan 2016 summary's first event claim against GTD's city, found by the gazetteer in
GTD's province. It prints how many fall in each band of ``DISTANCE`` (the great-circle distance less the claim's
tolerance, ``records.tolerance_km``), and lists those beyond 60 km. Summaries whose city the gazetteer does not find
in its province, or that the extractor places in no town or district, are not judged.

Two reports of one incident fall beyond 60 km of each other when one of them is placed so: about twice the share of
one claim beyond it, which is the m of a band.

    .venv/bin/python -m benchmarks.bench_places [--gold ../shared/data/gtd-afghanistan-2016.csv]
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

from saboot.evaluate.extraction import GoldRow, primary_claim, read_gtd
from saboot.extract.base import ExtractionInput
from saboot.extract.gazetteer import Gazetteer, Place, default_gazetteer, skeleton
from saboot.extract.runner import default_extractor
from saboot.link import spec
from saboot.link.records import tolerance_km

BANDS = ((5.0, "within tolerance"), (60.0, "within 60 km"), (float(spec.FAR_KM), f"60-{spec.FAR_KM} km"))
FAR = "far apart"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, as ``spec.DISTANCE`` computes it before the tolerances."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    cos = math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(lo2 - lo1)
    return 6371 * math.acos(max(-1.0, min(1.0, cos)))


def gold_place(gazetteer: Gazetteer, row: GoldRow, provinces: dict[str, str]) -> Place | None:
    """GTD's city as the gazetteer has it in GTD's province (matched by ``skeleton``: "Jawzjan", "Jowzjān")."""
    admin1 = provinces.get(skeleton(row.province))
    if admin1 is None:
        return None
    found = [p for p in gazetteer.lookup(row.city, "AF", admin1) if p.lat is not None and p.lon is not None]
    return found[0] if found else None


def band(distance: float) -> str:
    return next((label for top, label in BANDS if distance <= top), FAR)


def measure(gold_file: Path) -> tuple[Counter[str], list[str]]:
    """How many summaries fall in each band (and "not judged"), and a line for each beyond 60 km."""
    gazetteer, extractor = default_gazetteer(), default_extractor()
    provinces = {skeleton(p.admin1): p.admin1 for p in gazetteer.places.values() if p.country == "AF" and p.admin1}
    counts: Counter[str] = Counter()
    far: list[str] = []
    for row in read_gtd(gold_file):
        gold = gold_place(gazetteer, row, provinces)
        claim = primary_claim(extractor.extract(ExtractionInput(row.id, row.text)))
        loc = claim.location if claim else None
        tolerance = tolerance_km(loc) if loc else None
        if gold is None or loc is None or loc.lat is None or loc.lon is None or tolerance is None or tolerance > 40:
            counts["not judged"] += 1
            continue
        assert gold.lat is not None and gold.lon is not None
        distance = max(0.0, km(gold.lat, gold.lon, loc.lat, loc.lon) - tolerance)
        counts[band(distance)] += 1
        if distance > 60:
            far.append(f"  {distance:6.0f} km  GTD {row.city}, {row.province}; extracted {loc.name}, {loc.admin1}  ({row.id})")
    return counts, far


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared/data/gtd-afghanistan-2016.csv"
    parser.add_argument("--gold", type=Path, default=default)
    args = parser.parse_args()
    counts, far = measure(args.gold)
    judged = sum(n for label, n in counts.items() if label != "not judged")
    print(f"{judged} summaries judged, {counts['not judged']} not")
    for label in [*(label for _, label in BANDS), FAR]:
        print(f"  {label:18} {counts[label]:5}  {counts[label] / max(judged, 1):.4f}")
    print("\n".join(far))


if __name__ == "__main__":
    main()
