"""Ingestion: inputs (paths, folders, ``-``, URLs, bulk files) → stored
``Document`` records, each with its original bytes, provenance and an audit
entry, written in one transaction per document.

A failure is an ``IngestOutcome`` with the reason; the batch goes on. A
crash or Ctrl-C rolls back only the document being written, and a re-run
skips what is stored (exact bytes are never stored twice).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from saboot import __version__
from saboot.audit import canonical_json, sha256_hex
from saboot.dates import find_dates, published_from_text
from saboot.errors import InputError, ReadError, SabootError, TooLargeError
from saboot.ingest import neardup
from saboot.ingest.bulk import BULK_SUFFIXES, BulkRow, iter_rows, parse_field_map
from saboot.ingest.fetch import Fetcher, HttpFetcher
from saboot.ingest.readers import read_bytes
from saboot.model import DateMethod, Document, IngestOutcome, Provenance, ReadResult, ReportMeta, Source
from saboot.store.base import Store

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # one report; documented in the README
DEFAULT_MAX_BULK_BYTES = 512 * 1024 * 1024  # one CSV/JSONL file, stored whole


@dataclass(frozen=True)
class IngestOptions:
    actor: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    max_bulk_bytes: int = DEFAULT_MAX_BULK_BYTES
    encoding: str | None = None
    field_map: str | None = None
    near_threshold: float = neardup.DEFAULT_THRESHOLD
    meta: ReportMeta = field(default_factory=ReportMeta)  # values given on the command line win


def default_actor() -> str:
    try:
        return os.environ.get("SABOOT_ACTOR") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def expand(inputs: Iterable[str]) -> list[str]:
    """Paths, folders (recursive, hidden entries skipped), URLs and ``-``,
    in a stable order. A path that does not exist is kept: it fails with a
    clear reason when ingested."""
    items: list[str] = []
    for given in inputs:
        path = Path(given)
        if given == "-" or is_url(given) or not path.is_dir():
            items.append(given)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            items += [str(Path(root) / f) for f in sorted(files) if not f.startswith(".")]
    return items


class Ingestor:
    """Stores reports. The store and fetcher are injected seams."""

    def __init__(self, store: Store, options: IngestOptions | None = None, fetcher: Fetcher | None = None) -> None:
        self.store = store
        self.options = options or IngestOptions()
        self.actor = self.options.actor or default_actor()
        self.fetcher = fetcher or HttpFetcher()
        self.field_map = parse_field_map(self.options.field_map)
        self.on_stored: list[Callable[[Document], object]] = []  # hooks, e.g. extraction on ingest

    # -- entry points ---------------------------------------------------
    def ingest(self, inputs: Iterable[str]) -> Iterator[IngestOutcome]:
        for item in expand(inputs):
            yield from self.ingest_one(item)

    def ingest_one(self, item: str) -> Iterator[IngestOutcome]:
        """Outcomes of one input item (several for a bulk file)."""
        try:
            if item == "-":
                yield self._store_bytes(sys.stdin.buffer.read(), Source("stdin", "-"), item)
            elif is_url(item):
                fetched = self.fetcher.fetch(item, self.options.max_bytes)
                yield self._store_bytes(fetched.data, Source("url", fetched.url), fetched.url)
            elif item.lower().endswith(BULK_SUFFIXES):
                yield from self._ingest_bulk(Path(item))
            else:
                yield self._store_bytes(self._read_file(Path(item), self.options.max_bytes), Source("file", item), item)
        except SabootError as exc:
            yield IngestOutcome(item, "failed", reason=exc.render())

    def ingest_bytes(self, data: bytes, name: str) -> IngestOutcome:
        """One upload (web form, API): ``name`` is the client's file name."""
        try:
            return self._store_bytes(data, Source("upload", name), name)
        except SabootError as exc:
            return IngestOutcome(name, "failed", reason=exc.render())

    # -- steps ----------------------------------------------------------
    def _read_file(self, path: Path, limit: int) -> bytes:
        where = str(path)
        try:
            size = path.stat().st_size
            if size > limit:
                raise TooLargeError(
                    f"{size} bytes is over the {limit} byte limit", where=where, hint="raise --max-bytes, or split the file"
                )
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise InputError("no such file or folder", where=where, hint="check the path") from exc
        except IsADirectoryError as exc:  # pragma: no cover - expand() handles folders
            raise InputError("is a folder", where=where) from exc
        except OSError as exc:
            raise InputError(f"cannot read ({exc.strerror})", where=where, hint="check permissions") from exc

    def ingest_upload(self, data: bytes, name: str) -> list[IngestOutcome]:
        """One uploaded file (web form, API): a report, or a bulk .jsonl/.csv of reports."""
        if not name.lower().endswith(BULK_SUFFIXES):
            return [self.ingest_bytes(data, name)]
        if len(data) > self.options.max_bulk_bytes:
            error = TooLargeError(f"{len(data)} bytes is over the bulk limit", where=name, hint="split the file")
            return [IngestOutcome(name, "failed", reason=error.render())]
        return list(self._bulk_rows(data, name))

    def _ingest_bulk(self, path: Path) -> Iterator[IngestOutcome]:
        yield from self._bulk_rows(self._read_file(path, self.options.max_bulk_bytes), str(path))

    def _bulk_rows(self, data: bytes, path: str) -> Iterator[IngestOutcome]:
        container = hashlib.sha256(data).hexdigest()
        with self.store.transaction():
            self.store.put_blob(container, data)
            self.store.append_audit(
                actor=self.actor, action="blob.store", subject_kind="blob", subject_id=container,
                content_sha256=container, payload={"location": path, "size": len(data)},
            )  # fmt: skip
        for row in iter_rows(data, path, self.field_map):
            if isinstance(row, SabootError):
                yield IngestOutcome(row.where or path, "failed", reason=row.render())
                continue
            where = f"{path}:{row.line}"
            try:
                yield self._store_row(row, Source("bulk-row", where, container, row.line))
            except SabootError as exc:
                yield IngestOutcome(where, "failed", reason=exc.render())

    def _store_row(self, row: BulkRow, source: Source) -> IngestOutcome:
        data = row.text.encode("utf-8")
        if len(data) > self.options.max_bytes:
            raise TooLargeError(f"text of {len(data)} bytes is over the limit", where=source.location, hint="raise --max-bytes")
        result = ReadResult(text=row.text, media_type="text/plain", reader="bulk-row.v1", meta=row.meta)
        return self._store(data, source, result)

    def _store_bytes(self, data: bytes, source: Source, name: str) -> IngestOutcome:
        if len(data) > self.options.max_bytes:
            raise TooLargeError(f"{len(data)} bytes is over the limit", where=name, hint="raise --max-bytes")
        sha = hashlib.sha256(data).hexdigest()
        if self.store.document_id_for_sha(sha) is not None:  # skip parsing bytes we already hold
            return self._store(data, source, None)
        return self._store(data, source, read_bytes(data, name, self.options.encoding))

    def _store(self, data: bytes, source: Source, result: ReadResult | None) -> IngestOutcome:
        sha = hashlib.sha256(data).hexdigest()
        existing = self.store.document_id_for_sha(sha)
        if existing is not None or result is None:
            return self._sighting(existing or "", source)
        text = unicodedata.normalize("NFC", result.text)
        if not text.strip():
            raise ReadError("no text after reading", where=source.location, hint="check the file is a report")
        fp = neardup.fingerprint(text)
        original = neardup.find_original(self.store, fp, self.options.near_threshold)
        doc = self._document(data, sha, text, source, result, original)
        with self.store.transaction():
            self.store.put_blob(sha, data)
            self.store.add_document(doc)
            self.store.add_bands(doc.id, list(fp.bands))
            self.store.add_sighting(doc.id, source.location, doc.provenance.captured_at)
            self.store.append_audit(
                actor=self.actor, action="document.ingest", subject_kind="document", subject_id=doc.id,
                content_sha256=document_record_hash(doc),
                payload={"sha256": sha, "text_sha256": doc.text_sha256, "location": source.location,
                         "reader": result.reader, "near_duplicate_of": doc.near_duplicate_of},
            )  # fmt: skip
            for hook in self.on_stored:
                hook(doc)
        return IngestOutcome(source.location, "stored", doc.id, near_duplicate_of=doc.near_duplicate_of)

    def _sighting(self, document_id: str, source: Source) -> IngestOutcome:
        with self.store.transaction():
            self.store.add_sighting(document_id, source.location, self.store.clock())
        return IngestOutcome(source.location, "duplicate", document_id, reason=f"same bytes as document {document_id}")

    def _document(
        self, data: bytes, sha: str, text: str, source: Source, result: ReadResult, original: neardup.NearDuplicate | None
    ) -> Document:
        meta = merge_meta(self.options.meta, result.meta)
        published, method = resolve_published(self.options.meta, result.meta, text)
        prov = Provenance(
            source_kind=source.kind, location=source.location, captured_at=self.store.clock(),
            ingested_by=self.actor, saboot_version=__version__, reader=result.reader,
            published_method=method, container_sha256=source.container_sha256, container_row=source.container_row,
        )  # fmt: skip
        return Document(
            id=sha[:16], sha256=sha, size=len(data), media_type=result.media_type, text=text,
            text_sha256=sha256_hex(text), title=meta.title, author=meta.author, outlet=meta.outlet,
            published=published, language=meta.language,
            path=source.location if source.kind in ("file", "bulk-row", "upload") else None,
            url=meta.url or (source.location if source.kind == "url" else None), provenance=prov,
            near_duplicate_of=original.original_id if original else None,
            near_duplicate_score=original.score if original else None,
        )  # fmt: skip


def document_record_hash(doc: Document) -> str:
    return sha256_hex(canonical_json(doc.record()))


def merge_meta(given: ReportMeta, found: ReportMeta) -> ReportMeta:
    """Values given on the command line win over what the document says."""
    return replace(found, **{k: v for k, v in given.__dict__.items() if v is not None})


def normalise_date(value: str | None) -> str | None:
    """A metadata date string → ISO at the precision it has, or None."""
    if not value:
        return None
    mentions = find_dates(value)
    if mentions:
        return mentions[0].iso
    digits = value.strip()[:4]
    return digits if digits.isdigit() and len(value.strip()) == 4 else None


def resolve_published(given: ReportMeta, found: ReportMeta, text: str) -> tuple[str | None, DateMethod | None]:
    """Publication date and how it was found: given by the user, the
    document's metadata, its dateline, or a signature date at its end."""
    if normalise_date(given.published):
        return normalise_date(given.published), "user"
    if normalise_date(found.published):
        return normalise_date(found.published), "metadata"
    stated = published_from_text(text)
    if stated:
        return stated
    return None, None
