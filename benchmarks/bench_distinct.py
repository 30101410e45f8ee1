"""Distinct incidents must stay apart: real reports of many different
incidents are ingested, extracted and linked with the defaults, and every
pair of them joined into one incident is counted.

The reports are the GTD summaries of ``../shared/data/gtd-afghanistan-2016.csv``
(one incident each, bulk-ingested with ``text=summary,title=eventid``), in
random samples of several sizes. A joined pair on different days or in
different cities (by GTD's own coding) is a clear false merge; a pair on the
same day in the same city is often one attack that GTD codes in parts ("one
of three coordinated attacks in Nesh on the same night"), which a report
would call one incident.

    .venv/bin/python benchmarks/bench_distinct.py [--gtd ../shared/data/gtd-afghanistan-2016.csv] [--sizes 150,300,600,0]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from saboot.extract.runner import ExtractionRunner, default_extractor
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.link.service import IncidentLinker
from saboot.store import SQLiteStore


def sample(rows: list[dict[str, str]], size: int, folder: Path) -> Path:
    chosen = rows if size <= 0 or size >= len(rows) else random.Random(size).sample(rows, size)
    path = folder / f"gtd-{len(chosen)}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)
    return path


def joined_pairs(store: SQLiteStore) -> list[tuple[str, str]]:
    """Pairs of GTD event ids (document titles) that the linker put in one incident."""
    out = []
    for incident in store.incidents():
        events = sorted({s.title for s in incident.sources if s.title})
        out += list(itertools.combinations(events, 2))
    return out


@dataclass(frozen=True)
class Outcome:
    claims: int
    incidents: int
    several_sources: int
    joined: int  # pairs of GTD incidents put in one incident
    apart: int  # of which GTD dates to different days or codes to different cities
    seconds: float


def measure(rows: list[dict[str, str]], size: int, folder: Path) -> Outcome:
    """Ingest a sample of ``size`` rows (0: all) into a new store in ``folder``, extract, link and count."""
    by_id = {r["eventid"]: r for r in rows}
    store = SQLiteStore(folder / f"bench-{size}.db")
    ingestor = Ingestor(store, IngestOptions(actor="bench", field_map="text=summary,title=eventid"))
    ingestor.on_stored.append(ExtractionRunner(store, default_extractor(), "bench").extract)
    list(ingestor.ingest([str(sample(rows, size, folder))]))
    start = time.perf_counter()
    summary = IncidentLinker(store, actor="bench").run()
    seconds = time.perf_counter() - start
    pairs = joined_pairs(store)
    apart = sum(
        1 for a, b in pairs if by_id[a]["summary"][:10] != by_id[b]["summary"][:10] or by_id[a]["city"] != by_id[b]["city"]
    )
    return Outcome(summary.claims, summary.incidents, summary.multi_source, len(pairs), apart, seconds)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared/data/gtd-afghanistan-2016.csv"
    parser.add_argument("--gtd", type=Path, default=default)
    parser.add_argument("--sizes", default="150,300,600,0", help="sample sizes in GTD rows; 0 = every row")
    args = parser.parse_args()
    rows = read_rows(args.gtd)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            o = measure(rows, size, Path(tmp))
            print(
                f"{size or len(rows):5d} rows: {o.claims:5d} claims  {o.incidents:5d} incidents  "
                f"{o.several_sources:3d} with several sources  {o.joined:4d} joined pairs, {o.apart:4d} of them on "
                f"different days or in different cities  (link {o.seconds:.1f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
