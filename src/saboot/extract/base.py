"""The extractor interface. The default is ``RuleExtractor``; a model-based
extractor (a spaCy pipeline, an LLM endpoint the user configures) implements
the same two members and is compared on the same evaluation."""

from __future__ import annotations

from abc import ABC, abstractmethod

from saboot.claims import Extraction, ExtractionInput


class Extractor(ABC):
    name: str
    version: str

    @property
    def producer(self) -> str:
        """Versioned name recorded on every value this extractor produces."""
        return f"{self.name}.{self.version}"

    @abstractmethod
    def extract(self, doc: ExtractionInput) -> Extraction:
        """Claims for one document. Never raises on odd text: a document it
        cannot read gives no claims and a ``problems`` entry."""
