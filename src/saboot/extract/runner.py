"""Extraction against the store: claims for stored documents, recorded in
the audit ledger with the extractor's version. A re-run supersedes earlier
claims; it never deletes them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from saboot.claims import Extraction, ExtractionInput
from saboot.extract.base import Extractor
from saboot.extract.engines import ExtractionEngine, LocalExtraction
from saboot.model import Document
from saboot.store.base import Store
from saboot.store.sql import claim_data, claims_hash


def default_extractor() -> Extractor:
    from saboot.extract.rules import RuleExtractor

    return RuleExtractor()


def input_for(doc: Document) -> ExtractionInput:
    return ExtractionInput(doc.id, doc.text, doc.published, doc.title, doc.outlet)


class ExtractionRunner:
    """One extraction run: a run id, an extractor, an actor."""

    def __init__(self, store: Store, extractor: Extractor | None = None, actor: str = "saboot") -> None:
        self.store = store
        self.extractor = extractor or default_extractor()
        self.actor = actor
        stamp = store.clock()
        self.run_id = "run-" + hashlib.sha256(f"{stamp}|{self.extractor.producer}|{actor}".encode()).hexdigest()[:12]
        self._started = False

    def extract(self, doc: Document) -> Extraction:
        """Extract and store one document's claims, with its audit entry,
        in one transaction (joining the caller's, e.g. ingest)."""
        return self.record(self.extractor.extract(input_for(doc)))

    def record(self, extraction: Extraction) -> Extraction:
        """Store one document's extraction and its audit entry, in one transaction."""
        doc_id = extraction.document_id
        digest = claims_hash([claim_data(c) for c in extraction.claims])
        with self.store.transaction():
            if not self._started:
                self.store.start_run(self.run_id, self.extractor.producer, self.actor)
                self._started = True
            self.store.add_extraction(self.run_id, extraction, digest)
            self.store.append_audit(
                actor=self.actor, action="claims.extract", subject_kind="claims", subject_id=doc_id,
                content_sha256=digest,
                payload={"run": self.run_id, "extractor": self.extractor.producer, "claims": len(extraction.claims)},
            )  # fmt: skip
        return extraction

    def run(self, docs: Iterable[Document], engine: ExtractionEngine | None = None) -> Iterator[Extraction]:
        """Extract and store each document, on ``engine`` (default: in this process)."""
        engine = engine or LocalExtraction()
        for extraction in engine.map([input_for(doc) for doc in docs], self.extractor):
            yield self.record(extraction)
