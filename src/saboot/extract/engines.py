"""The extraction-engine seam: where the extractor runs over many documents.

``local`` runs it in this process, one document after another (the default).
``spark`` runs the same extractor on Apache Spark's workers, a partition of
documents at a time, and brings the extractions back to this process as they
are done, where the runner stores each one as it does locally. Either way
the claims are the extractor's, with its versioned name: the engine decides
only where the work happens.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from saboot.claims import Extraction, ExtractionInput
from saboot.errors import ConfigError
from saboot.extract.base import Extractor
from saboot.spark import spark_session


class ExtractionEngine(ABC):
    name: str

    @abstractmethod
    def map(self, inputs: Sequence[ExtractionInput], extractor: Extractor) -> Iterator[Extraction]:
        """Each input's extraction, in the order of ``inputs``."""


class LocalExtraction(ExtractionEngine):
    name = "local"

    def map(self, inputs: Sequence[ExtractionInput], extractor: Extractor) -> Iterator[Extraction]:
        return _extract_all(extractor, inputs)


class SparkExtraction(ExtractionEngine):
    """The extractor on Spark's workers (``saboot.spark`` sets the master):
    it is sent to each worker once, and the documents in slices of about
    ``per_slice``; results stream back one slice at a time."""

    name = "spark"

    def __init__(self, master: str | None = None, per_slice: int = 200) -> None:
        self.spark = spark_session("--engine spark", master)
        self.per_slice = per_slice

    def map(self, inputs: Sequence[ExtractionInput], extractor: Extractor) -> Iterator[Extraction]:
        if not inputs:
            return
        context = self.spark.sparkContext
        shared = context.broadcast(extractor)
        slices = max(context.defaultParallelism, -(-len(inputs) // self.per_slice))
        rdd = context.parallelize(list(inputs), numSlices=slices)
        try:
            yield from rdd.mapPartitions(lambda part: _extract_all(shared.value, part)).toLocalIterator(prefetchPartitions=True)
        finally:
            shared.unpersist()


def _extract_all(extractor: Extractor, inputs: Iterable[ExtractionInput]) -> Iterator[Extraction]:
    for item in inputs:
        yield extractor.extract(item)


def extraction_engine(name: str, **options: Any) -> ExtractionEngine:
    if name == "local":
        return LocalExtraction()
    if name == "spark":
        return SparkExtraction(**options)
    raise ConfigError(f"unknown extraction engine {name!r}", where="--engine", hint="use local (default) or spark")
