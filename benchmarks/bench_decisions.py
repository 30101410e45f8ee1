"""An analyst's work on a large store: generated reports (``bench_ingest.py``'s, every 50th a syndicated copy) are
ingested with extraction and linked; then incident pages, the list of possible duplicates (``saboot near``), and
merges and splits of incidents picked at random are timed. Each merge and split re-links only the claims it can
move (``saboot.link.confined``); the script prints how many it re-linked. Last, batches of new reports are
ingested and the store re-linked after each: only the changed claims are scored, with the weights the last full
scoring measured (``saboot.link.incremental``), and the script prints how many claims each re-link scored and
re-clustered, then times a full re-link (``saboot link --full``) of the same store for comparison.

    .venv/bin/python benchmarks/bench_decisions.py [--reports 10000] [--decisions 3] [--batches 3] [--batch 20]
        [--db KEEP.db] [--no-full]

With ``--db`` the linked store is kept there, and a later run with the same path starts from a copy of it instead
of ingesting again (10,000 reports take about 3 minutes to ingest, extract and link on this machine).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_ingest import report
from benchmarks.bench_review import timed

from saboot.extract.rules import RuleExtractor
from saboot.extract.runner import ExtractionRunner
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.link import decisions
from saboot.link.near import borderline
from saboot.link.service import IncidentLinker, LinkSummary
from saboot.sensitive import Redactor
from saboot.store import SQLiteStore
from saboot.web import views


def build(path: Path, reports: int, folder: Path) -> None:
    """Ingest, extract and link ``reports`` generated reports into a new store at ``path``."""
    store = SQLiteStore(path)
    start = time.perf_counter()
    ingest(store, range(reports), folder, random.Random(7))
    print(f"ingest and extract        {time.perf_counter() - start:8.1f} s")
    start = time.perf_counter()
    IncidentLinker(store, actor="bench").run()
    print(f"link                      {time.perf_counter() - start:8.1f} s")
    store.close()


def ingest(store: SQLiteStore, numbers: range, folder: Path, rng: random.Random) -> None:
    """Write the generated reports of these numbers (every 50th a syndicated copy of the one before) to ``folder``
    and ingest them with extraction."""
    previous = ""
    for i in numbers:
        text = report(i, rng) if i % 50 or not previous else "Syndicated. " + previous + " Copyright."
        previous = text
        (folder / f"r{i:06d}.txt").write_text(text, encoding="utf-8")
    ingestor = Ingestor(store, IngestOptions(actor="bench"))
    ingestor.on_stored.append(ExtractionRunner(store, RuleExtractor(), "bench").extract)
    list(ingestor.ingest([str(folder / f"r{i:06d}.txt") for i in numbers]))


def new_reports(store: SQLiteStore, first: int, batches: int, size: int, folder: Path, full: bool = True) -> None:
    """Batches of ``size`` new reports, numbered from ``first``, each ingested and then linked (timed), and (``full``)
    a full re-link at the end (timed)."""
    rng = random.Random(11)
    for b in range(batches):
        numbers = range(first + b * size, first + (b + 1) * size)
        ingest(store, numbers, folder, rng)
        start = time.perf_counter()
        done = IncidentLinker(store, actor="bench").run()
        spent = time.perf_counter() - start
        how = (
            "every claim scored"
            if done.rescored is None
            else f"{done.rescored} scored, {done.confined} re-clustered, {done.rebuilt} incidents built"
        )
        print(f"link after {size} new reports {spent:6.1f} s ({how}, of {done.claims})")
    if not full:
        return
    start = time.perf_counter()
    IncidentLinker(store, actor="bench").run(full=True)
    print(f"link --full               {time.perf_counter() - start:8.1f} s")


def decide(store: SQLiteStore, rng: random.Random, kind: str) -> LinkSummary:
    """A merge of two incidents, or a split of a claim out of an incident of several, picked at random (the picking is
    not timed: it reads which claims each incident has)."""
    members: dict[str, list[str]] = {}
    for claim, incident in sorted(store.incident_assignment().items()):
        members.setdefault(incident, []).append(claim)
    if kind == "merge":
        ids = rng.sample(sorted(members), 2)
        start = time.perf_counter()
        done = decisions.merge(store, ids, "bench: one incident", "bench")
    else:
        ident = rng.choice(sorted(i for i, claims in members.items() if len(claims) > 1))
        start = time.perf_counter()
        done = decisions.split(store, ident, members[ident][:1], "bench: another incident", "bench")
    SPENT.append(time.perf_counter() - start)
    return done


SPENT: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--decisions", type=int, default=3, help="merges, and as many splits")
    parser.add_argument("--batches", type=int, default=3, help="batches of new reports, each linked after it")
    parser.add_argument("--batch", type=int, default=20, help="new reports in a batch")
    parser.add_argument("--db", type=Path, help="keep the linked store here (and start from a copy of it next time)")
    parser.add_argument("--no-full", action="store_true", help="leave out the full re-link at the end (a large store)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kept = args.db or Path(tmp) / "linked.db"
        if not kept.exists():
            (Path(tmp) / "reports").mkdir()
            build(kept, args.reports, Path(tmp) / "reports")
        work = Path(tmp) / "work.db"
        shutil.copy(kept, work)
        store = SQLiteStore(work)
        start = time.perf_counter()
        again = decisions.relink(store, "bench")  # with this version's tables (pairs and records kept by claim)
        how = "nothing scored" if again.rescored == 0 else "pairs reused" if again.pairs_reused else "every pair scored"
        print(f"re-link, nothing changed  {time.perf_counter() - start:8.1f} s ({how})")
        print(f"{len(store.incident_assignment())} claims, {len(store.incidents())} incidents")
        rng = random.Random(3)
        red = Redactor()
        pages = rng.sample([i.id for i in store.incidents()], 100)
        timed("incident page", [lambda i=i: views.incident_detail(store, i, red) for i in pages])  # type: ignore[misc]
        timed("possible duplicates (50)", [lambda: borderline(store)] * 3)
        for kind in ("merge", "split"):
            SPENT.clear()
            done = [decide(store, rng, kind) for _ in range(args.decisions)]
            print(
                f"{kind:<26}{len(SPENT):>4} calls: median {statistics.median(SPENT):8.2f} s, max {max(SPENT):8.2f} s;"
                f" claims re-linked: {', '.join('all' if d.confined is None else str(d.confined) for d in done)};"
                f" incidents built: {', '.join('all' if d.rebuilt is None else str(d.rebuilt) for d in done)}"
            )
        (Path(tmp) / "new").mkdir()
        new_reports(store, args.reports, args.batches, args.batch, Path(tmp) / "new", full=not args.no_full)
        store.close()


if __name__ == "__main__":
    main()
