"""Re-extraction with a changed extractor keeps incident ids and analysts'
decisions: real reports are ingested, extracted and linked; an analyst's
split is recorded on every incident of several claims; the store is then
re-extracted by an extractor of another version (every claim gets a new id)
and re-linked. Prints how many incidents kept their id and their claims (by
the words the claims stand on), how many splits still hold, and the link
times before and after.

The reports are the GTD summaries of ``../shared/data/gtd-afghanistan-2016.csv``
(bulk-ingested with ``text=summary,title=eventid``) and the example corpus.

    .venv/bin/python benchmarks/bench_reextract.py [--gtd ../shared/data/gtd-afghanistan-2016.csv]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from saboot.extract.rules import RuleExtractor
from saboot.extract.runner import ExtractionRunner
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.link import decisions
from saboot.link.service import IncidentLinker
from saboot.store import SQLiteStore
from saboot.successors import anchor_of

ROOT = Path(__file__).resolve().parents[1]


class NextVersion(RuleExtractor):
    """The default extractor under another version: the same claims, with new ids."""

    @property
    def producer(self) -> str:
        return super().producer + "+next"


def members(store: SQLiteStore) -> dict[str, frozenset[str]]:
    """Incident id → the anchors of its claims (which survive re-extraction, unlike claim ids)."""
    anchor = {c.id: anchor_of(c) for c in store.claims()}
    return {i.id: frozenset(anchor[c] for c in i.claim_ids) for i in store.incidents()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gtd", type=Path, default=ROOT.parent / "shared/data/gtd-afghanistan-2016.csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        ingestor = Ingestor(store, IngestOptions(actor="bench", field_map="text=summary,title=eventid"))
        ingestor.on_stored.append(ExtractionRunner(store, RuleExtractor(), "bench").extract)
        list(ingestor.ingest([str(args.gtd)]))
        ingestor = Ingestor(store, IngestOptions(actor="bench"))
        ingestor.on_stored.append(ExtractionRunner(store, RuleExtractor(), "bench").extract)
        list(ingestor.ingest([str(ROOT / "examples/corpus")]))
        start = time.perf_counter()
        summary = IncidentLinker(store, actor="bench").run()
        first = time.perf_counter() - start
        several = [i for i in store.incidents() if len(i.claim_ids) > 1]
        for inc in several:  # each takes its first claim out: a split that later links must keep
            decisions.split(store, inc.id, [inc.claim_ids[0]], "bench: separate report", "bench")
        before = members(store)
        runner = ExtractionRunner(store, NextVersion(), "bench")
        list(runner.run(store.iter_documents()))
        start = time.perf_counter()
        again = IncidentLinker(store, actor="bench").run()
        second = time.perf_counter() - start
        after = members(store)
        kept = sum(1 for i, m in before.items() if after.get(i) == m)
        print(f"{summary.claims} claims, {summary.incidents} incidents; split out one claim of each of {len(several)}")
        print(f"after re-extraction by {runner.extractor.producer}: {again.claims} claims, {again.incidents} incidents")
        print(f"incident ids kept with the same claims: {kept} of {len(before)}")
        print(
            f"analysts' decisions moved to successors: {again.decisions_moved} claim pairs; orphaned: {again.decisions_orphaned}"
        )
        print(f"link: {first:.1f} s before, {second:.1f} s after re-extraction")
        store.close()


if __name__ == "__main__":
    main()
