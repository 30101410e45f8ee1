"""Near-duplicate detection: the same story re-published or syndicated.

Texts are cut into word 5-shingles; a MinHash signature (datasketch) split
into LSH bands finds candidates in the store; each candidate is confirmed by
the exact Jaccard overlap of the two shingle sets. A copy must never count as
independent corroboration later, so it is linked to the earliest stored
original.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from datasketch import MinHash

from saboot.store.base import Store

NAME = "neardup.minhash-lsh.v1"
SHINGLE = 5
NUM_PERM = 128
BANDS = 16  # 16 bands × 8 rows: J=0.9 is found with p > 0.999, J=0.5 with p ≈ 0.06
ROWS = NUM_PERM // BANDS
DEFAULT_THRESHOLD = 0.9

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def bands(shingle_set: set[str]) -> list[tuple[int, str]]:
    sig = MinHash(num_perm=NUM_PERM)
    sig.update_batch([s.encode("utf-8") for s in shingle_set])
    values = sig.hashvalues
    out = []
    for b in range(BANDS):
        chunk = values[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append((b, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class NearDuplicate:
    original_id: str
    score: float


@dataclass(frozen=True)
class Fingerprint:
    shingles: frozenset[str]
    bands: tuple[tuple[int, str], ...]


def fingerprint(text: str) -> Fingerprint:
    found = shingles(text)
    return Fingerprint(frozenset(found), tuple(bands(found)))


def find_original(store: Store, fp: Fingerprint, threshold: float = DEFAULT_THRESHOLD) -> NearDuplicate | None:
    """The stored document this text copies, if any (best overlap wins; a
    copy of a copy points at the first original)."""
    best: NearDuplicate | None = None
    for candidate_id in store.band_candidates(list(fp.bands)):
        candidate = store.get_document(candidate_id)
        score = jaccard(set(fp.shingles), shingles(candidate.text))
        if score >= threshold and (best is None or score > best.score):
            best = NearDuplicate(candidate.near_duplicate_of or candidate.id, round(score, 4))
    return best
