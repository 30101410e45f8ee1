"""The audit ledger: an append-only, hash-chained log of every write.

Each entry records who did what to which record, the SHA-256 of the content
it recorded, and the hash of the previous entry; its own hash covers all of
that. ``verify`` recomputes the chain and every stored document's hashes.

What this protects against: a hand edit of the SQLite file (a changed text,
metadata field, blob or ledger entry, a deleted entry) is detected and named.
What it cannot do: stop someone who rewrites the whole file *and* recomputes
the whole chain. Against that, publish or timestamp the chain head
(``saboot audit head``) somewhere outside the store; a later ``verify
--head`` against that published head proves nothing before it changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from saboot.model import AuditEntry

GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    """One spelling per value, so that its hash is reproducible."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def entry_hash(
    seq: int,
    ts: str,
    actor: str,
    action: str,
    subject_kind: str,
    subject_id: str,
    content_sha256: str,
    payload: str,
    prev_hash: str,
) -> str:
    fields = [str(seq), ts, actor, action, subject_kind, subject_id, content_sha256, payload, prev_hash]
    return sha256_hex("\x1f".join(fields))


def recompute(entry: AuditEntry) -> str:
    return entry_hash(
        entry.seq,
        entry.ts,
        entry.actor,
        entry.action,
        entry.subject_kind,
        entry.subject_id,
        entry.content_sha256,
        entry.payload,
        entry.prev_hash,
    )


@dataclass(frozen=True)
class Problem:
    """One thing ``verify`` found wrong."""

    kind: str  # "entry" | "document" | "guard"
    subject: str  # "entry 12", "document 3fa…"
    detail: str


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    documents: int
    head: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_chain(entries: list[AuditEntry]) -> list[Problem]:
    """Every entry's own hash, its link to the one before, and no gaps."""
    problems: list[Problem] = []
    prev = GENESIS
    expected_seq = 1
    for entry in entries:
        name = f"entry {entry.seq}"
        if entry.seq != expected_seq:
            problems.append(
                Problem("entry", name, f"sequence jumps from {expected_seq - 1} to {entry.seq}: entries were deleted")
            )
        if entry.prev_hash != prev:
            problems.append(
                Problem("entry", name, "prev_hash does not match the previous entry's hash: the chain was cut or rewritten")
            )
        if recompute(entry) != entry.entry_hash:
            problems.append(
                Problem(
                    "entry",
                    name,
                    f"content was altered after it was written (action {entry.action} on {entry.subject_kind} {entry.subject_id})",
                )
            )
        prev = entry.entry_hash
        expected_seq = entry.seq + 1
    return problems
