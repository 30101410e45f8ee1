"""A link run's scored claim pairs, kept for the next run on the same claims.

Scoring the pairs (the engine's ``dedupe``) is most of a link run, and the
re-link after an analyst's merge, split, confirmation or withdrawal scores
exactly the claims the last run scored: a decision changes how the pairs are
clustered, not how they score. So each run keeps its pairs under the digest
of all they were scored from (the claims' link records in order, the linkage
specification, the engine, the floor and the versions of saboot, Splink and
its backends), and a run whose digest is the same reuses them: a change to
how pairs score changes ``spec.NAME``, as every one so far has. Any change to a claim — a
correction, a new report, a re-extraction — changes the digest: then only the
changed claims are scored, when the weights the last full scoring measured
still serve (``link.incremental``), and otherwise every pair is scored again.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Sequence
from importlib import metadata

import saboot
from saboot.link import spec
from saboot.link.engine import ScoredPair
from saboot.link.model import LevelEvidence
from saboot.link.records import LinkRecord

FORMAT = "scored-pairs.v1"


def inputs_key(engine: str, digests: dict[str, str], floor: float) -> str:
    """The SHA-256 of everything a run's scored pairs follow from: the claims' records (their ``record_digests``, in
    order) and ``versions``."""
    digest = hashlib.sha256(json.dumps(versions(engine, floor)).encode())
    for claim, found in digests.items():
        digest.update(f"{claim} {found}\n".encode())
    return digest.hexdigest()


def versions(engine: str, floor: float) -> list[object]:
    """What scores pairs besides the claims: the formats, the linkage specification, the engine, the floor and the
    versions of saboot, Splink and its backends."""
    return [FORMAT, spec.NAME, engine, floor, saboot.__version__, *map(_version, ("splink", "duckdb", "pyspark"))]


def record_digests(records: Sequence[LinkRecord]) -> dict[str, str]:
    """Each claim's link record as a 64-bit BLAKE2b digest (hex), by claim id in the records' order: a record's repr is
    its fields in order (lists and scalars only), so the same record has the same digest."""
    return {r.unique_id: hashlib.blake2b(repr(r).encode(), digest_size=8).hexdigest() for r in records}


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def indexed(pairs: Sequence[ScoredPair]) -> tuple[list[LevelEvidence], list[list[int]]]:
    """Each distinct piece of the pairs' evidence once, and each pair's evidence as indexes into those, in order: one
    list for all the pairs that hold the same evidence tuple (the engine gives one to all pairs alike: 1,400 for
    680,000 pairs), which the caller must not change."""
    index: dict[LevelEvidence, int] = {}
    known: dict[int, tuple[tuple[LevelEvidence, ...], list[int]]] = {}  # by the tuple's id, the tuple kept alive

    def of(evidence: tuple[LevelEvidence, ...]) -> list[int]:
        found = known.get(id(evidence))
        if found is None:
            found = known[id(evidence)] = (evidence, [index.setdefault(e, len(index)) for e in evidence])
        return found[1]

    each = [of(p.evidence) for p in pairs]
    return list(index), each


_SLICE = 50_000  # pairs encoded at a time


def encode(pairs: Sequence[ScoredPair]) -> bytes:
    """The pairs as gzipped JSON: each distinct piece of evidence once (``levels``), and each pair as its claims, its
    probability and the indexes of its evidence (a float's JSON reads back as the same float)."""
    levels, each = indexed(pairs)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=3, mtime=0) as gz:
        gz.write(b'{"levels":' + _json([[e.comparison, e.level, e.weight] for e in levels]) + b',"pairs":[')
        # a slice at a time, never all of them as one text (a million claims made 15 million pairs)
        for start in range(0, len(pairs), _SLICE):
            end = start + _SLICE
            rows = [[p.left, p.right, p.probability, ev] for p, ev in zip(pairs[start:end], each[start:end], strict=True)]
            gz.write((b"," if start else b"") + _json(rows)[1:-1])
        gz.write(b"]}")
    return out.getvalue()


def _json(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def decode(data: bytes) -> list[ScoredPair] | None:
    """The pairs ``encode`` wrote; None when ``data`` is not that (damaged, or another format): score them again."""
    try:
        found = json.loads(gzip.decompress(data))
        levels = [LevelEvidence(c, level, float(w)) for c, level, w in found["levels"]]
        return [ScoredPair(a, b, float(p), tuple(levels[i] for i in evidence)) for a, b, p, evidence in found["pairs"]]
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError):  # gzip's, json's and the shape's errors
        return None
