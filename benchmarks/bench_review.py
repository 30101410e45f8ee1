"""Analysts' pages on a store that analysts have worked on: real reports are
ingested, extracted and linked; then every event claim gets a correction and
every incident of several claims a split, and as many claims again are joined
in pairs by merges, each recorded as the workbench records it. Prints how long
(median and 95th percentile, milliseconds) an incident page, a document's
claims and ``saboot decisions`` take to assemble, which all read the
corrections and the decisions; then how long a link takes on the corrected
claims (every pair scored again) and an analyst's merge, whose re-link finds the
claims as the last run scored them, reuses its scored pairs, and re-clusters only the claims the merge can move
(``saboot.link.confined``).

The reports are the GTD summaries of ``../shared/data/gtd-afghanistan-2016.csv``
(bulk-ingested with ``text=summary,title=eventid``).

    .venv/bin/python benchmarks/bench_review.py [--gtd ../shared/data/gtd-afghanistan-2016.csv] [--pages 100]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from saboot import review
from saboot.extract.rules import RuleExtractor
from saboot.extract.runner import ExtractionRunner
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.link import decisions, lineage
from saboot.link.service import IncidentLinker
from saboot.sensitive import Redactor
from saboot.store import SQLiteStore
from saboot.store.base import ClaimFilter
from saboot.web import views

ROOT = Path(__file__).resolve().parents[1]


def worked_on(store: SQLiteStore, gtd: Path) -> None:
    """Ingest, extract and link the reports, then record an analyst's corrections and link decisions."""
    ingestor = Ingestor(store, IngestOptions(actor="bench", field_map="text=summary,title=eventid"))
    ingestor.on_stored.append(ExtractionRunner(store, RuleExtractor(), "bench").extract)
    list(ingestor.ingest([str(gtd)]))
    IncidentLinker(store, actor="bench").run()
    claims = store.claims(ClaimFilter(kind="event"))
    for c in claims:  # a toll one higher than extracted: the claims the linker sees change
        killed = c.counts.get("killed")
        toll = (killed.best or killed.low or 0) + 1 if killed else 1
        review.correct(store, c.id, "killed", {"low": toll, "best": toll, "high": toll}, "bench: a later toll", "bench")
    with store.transaction():
        for inc in store.incidents():
            for other in inc.claim_ids[1:]:
                store.add_decision("cannot_link", inc.claim_ids[0], other, "bench", "bench: separate report")
        rng = random.Random(3)
        for _ in range(len(claims) // 2):
            a, b = rng.sample(claims, 2)
            store.add_decision("must_link", a.id, b.id, "bench", "bench: one incident")


def merge_two(store: SQLiteStore, rng: random.Random, reached: list[str]) -> None:
    """An analyst's merge of two of the current incidents, picked at random; ``reached`` gets how many claims its
    re-link re-clustered (``link.confined``)."""
    summary = decisions.merge(store, rng.sample([i.id for i in store.incidents()], 2), "bench: one incident", "bench")
    reached.append("all" if summary.confined is None else str(summary.confined))


def timed(label: str, calls: list[Callable[[], object]]) -> None:
    spent = []
    for call in calls:
        start = time.perf_counter()
        call()
        spent.append((time.perf_counter() - start) * 1000)
    p95 = sorted(spent)[max(0, round(0.95 * len(spent)) - 1)]
    print(f"{label:<28} {len(spent):>4} calls: median {statistics.median(spent):8.1f} ms, p95 {p95:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gtd", type=Path, default=ROOT.parent / "shared/data/gtd-afghanistan-2016.csv")
    parser.add_argument("--pages", type=int, default=100, help="how many incident and document pages to time")
    args = parser.parse_args()
    if not args.gtd.is_file():
        parser.error(f"no file {args.gtd}: name GTD's Afghanistan summaries (../shared/data) with --gtd")
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        worked_on(store, args.gtd)
        rng = random.Random(5)
        incidents = rng.sample([i.id for i in store.incidents()], args.pages)
        documents = rng.sample([d.id for d in store.iter_documents()], args.pages)
        print(f"{store.count_documents()} documents, {len(store.corrections())} corrections, {len(store.decisions())} decisions")
        red = Redactor()
        timed("incident page", [partial(views.incident_detail, store, i, red) for i in incidents])
        timed("a document's claims", [partial(views.document_claims, store, d) for d in documents])
        timed("saboot decisions (all)", [partial(lineage.standing, store)] * 3)
        timed("link, claims corrected", [IncidentLinker(store, actor="bench").run])
        reached: list[str] = []
        timed("merge, claims as linked", [partial(merge_two, store, rng, reached)] * 3)
        print(f"{'':<28} claims re-linked: {', '.join(reached)} of {len(store.incident_assignment())}")
        store.close()


if __name__ == "__main__":
    main()
