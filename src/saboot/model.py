"""Typed, frozen records that cross saboot's stage boundaries.

``Source`` + raw bytes →(ingest)→ ``Document`` →(extract)→ ``Claim`` (see
``saboot.claims``) →(link)→ incident →(assess)→ flags. Nothing between stages
is a loose dict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal


def plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` gives (each dataclass a dict of its fields; lists, tuples and dicts rebuilt) without
    first copying every string and number it holds (``copy.deepcopy``), which took more than half the time of a
    re-link at 69,000 claims, where every incident is written as JSON."""
    names = field_names(type(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names in order, else None; looked up once per class (``dataclasses.fields`` each time took
    a third of the time of walking a claim)."""
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELD_NAMES[cls]


SourceKind = Literal["file", "url", "stdin", "bulk-row", "upload"]
DateMethod = Literal["metadata", "dateline", "text", "user"]


@dataclass(frozen=True)
class Source:
    """Where one report came from, before it is read."""

    kind: SourceKind
    location: str  # path, URL, "-" or "path:line"
    container_sha256: str | None = None  # the CSV/JSONL file a row came from
    container_row: int | None = None


@dataclass(frozen=True)
class ReportMeta:
    """Metadata a reader found in the document itself or a bulk row supplied."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD, YYYY-MM or YYYY)
    language: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReadResult:
    """What a reader made of raw bytes: text (not yet normalised) and metadata."""

    text: str
    media_type: str
    reader: str  # versioned reader name, e.g. "html.trafilatura@2.3.1"
    meta: ReportMeta = field(default_factory=ReportMeta)


@dataclass(frozen=True)
class Provenance:
    """How a document entered the store."""

    source_kind: SourceKind
    location: str
    captured_at: str
    ingested_by: str
    saboot_version: str
    reader: str
    published_method: DateMethod | None
    container_sha256: str | None = None
    container_row: int | None = None


@dataclass(frozen=True)
class Document:
    """One stored report. ``text`` is NFC-normalised and never mutated again:
    evidence spans are offsets into it."""

    id: str
    sha256: str  # of the original bytes
    size: int
    media_type: str
    text: str
    text_sha256: str
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    language: str | None
    path: str | None
    url: str | None
    provenance: Provenance
    near_duplicate_of: str | None = None
    near_duplicate_score: float | None = None

    def record(self) -> dict[str, Any]:
        """The fields the audit ledger fingerprints (everything but the text
        itself, which is covered by ``text_sha256``)."""
        data = dataclasses.asdict(self)
        del data["text"]
        return data


@dataclass(frozen=True)
class SourceDocument:
    """What linking needs of a stored report to count and cite it as a source, never its text: who published it, what
    it is called, where it came from, the report it copies (if any), and what its current extraction noticed of it
    (``DocumentSignals``: its genre, whether it names its sources; empty when it has not been extracted)."""

    id: str
    outlet: str | None
    title: str | None
    path: str | None
    url: str | None
    near_duplicate_of: str | None
    signals: Mapping[str, object]


@dataclass(frozen=True)
class IngestOutcome:
    """The result for one input item; the batch goes on whatever it is."""

    location: str
    status: Literal["stored", "duplicate", "failed"]
    document_id: str | None = None
    reason: str | None = None
    near_duplicate_of: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One link of the hash-chained, append-only ledger."""

    seq: int
    ts: str
    actor: str
    action: str
    subject_kind: str
    subject_id: str
    content_sha256: str
    payload: str  # canonical JSON
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True)
class User:
    """A workbench account (the password hash never leaves the store layer)."""

    name: str
    role: str  # viewer, analyst, admin
    disabled: bool
    created_at: str


@dataclass(frozen=True)
class ApiToken:
    id: str
    user: str
    label: str
    created_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class SensitiveMark:
    """A document (by id) or a victim's name hidden from viewers and redacted in exports."""

    kind: str  # "document" or "name"
    target: str
    reason: str
    actor: str
    ts: str
