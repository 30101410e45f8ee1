"""The SQL both stores share: every method of the ``Store`` interface written
once, in SQL that SQLite and PostgreSQL both accept. The engine-specific parts
(connecting, migrations, transactions, the append-only guards, matching a list
of ids) live in ``sqlite.py`` and ``postgres.py``."""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from saboot.alloc import paused_gc
from saboot.audit import canonical_json, sha256_hex
from saboot.claims import COUNT_FIELDS, Claim, Extraction, claim_from_json
from saboot.errors import NotFoundError
from saboot.model import AuditEntry, Document, Provenance, SourceDocument
from saboot.store.accounts import AccountTablesMixin
from saboot.store.base import ClaimFilter, Clock, DocumentFilter, Store
from saboot.store.dbapi import Connection, Row
from saboot.store.links import LinkTablesMixin

_DOC_COLUMNS = [
    "id",
    "sha256",
    "size",
    "media_type",
    "text",
    "text_sha256",
    "title",
    "author",
    "outlet",
    "published",
    "language",
    "path",
    "url",
    "source_kind",
    "location",
    "captured_at",
    "ingested_by",
    "saboot_version",
    "reader",
    "published_method",
    "container_sha256",
    "container_row",
    "near_duplicate_of",
    "near_duplicate_score",
]
_AUDIT_COLUMNS = [
    "seq",
    "ts",
    "actor",
    "action",
    "subject_kind",
    "subject_id",
    "content_sha256",
    "payload",
    "prev_hash",
    "entry_hash",
]


class SQLStore(AccountTablesMixin, LinkTablesMixin, Store):
    """A saboot store on a SQL connection; subclasses connect and migrate."""

    conn: Connection
    clock: Clock
    INSERT_ORDER = "rowid"  # the column that lists documents in the order they were stored

    _depth = 0  # transactions open inside the outermost one

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; a transaction
        opened inside another joins it."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._begin():
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0

    @abstractmethod
    def _begin(self) -> AbstractContextManager[None]:
        """The outermost transaction: it commits at its end and rolls back on any exception."""

    def _unindexed(self, column: str) -> str:
        """The column, written so that the query planner does not pick an index on it (where the dialect allows)."""
        return column

    @abstractmethod
    def _any_of(self, column: str, values: tuple[str, ...]) -> tuple[str, object]:
        """A condition that ``column`` is one of ``values`` (looked up by key), and its parameter."""

    @abstractmethod
    def _gathered(self, column: str) -> str:
        """An aggregate of ``column``'s values in a group as the text of a JSON list."""

    # -- blobs ----------------------------------------------------------
    def put_blob(self, sha256: str, data: bytes) -> None:
        self.conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)", (sha256, len(data), data))

    def read_blob(self, sha256: str) -> bytes:
        row = self.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise NotFoundError(f"no stored bytes with SHA-256 {sha256}", hint="list documents with `saboot documents`")
        return bytes(row[0])

    # -- documents ------------------------------------------------------
    def document_id_for_sha(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else str(row[0])

    def add_document(self, doc: Document) -> None:
        values = _document_row(doc)
        marks = ", ".join("?" for _ in _DOC_COLUMNS)
        self.conn.execute(f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) VALUES ({marks})", values)

    def add_sighting(self, document_id: str, location: str, captured_at: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO sightings (document_id, location, captured_at) VALUES (?, ?, ?)",
            (document_id, location, captured_at),
        )

    def sightings(self, document_id: str) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT location, captured_at FROM sightings WHERE document_id = ? ORDER BY id", (document_id,))
        return [(str(r[0]), str(r[1])) for r in rows]

    def get_document(self, document_id: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            row = self._by_prefix(document_id)
        return _row_document(row)

    def _by_prefix(self, prefix: str) -> Row:
        rows = self.conn.execute("SELECT * FROM documents WHERE id LIKE ? LIMIT 2", (prefix + "%",)).fetchall()
        if len(rows) != 1:
            found = "several documents start with it" if rows else "no such document"
            raise NotFoundError(f"document {prefix!r}: {found}", hint="give the full id shown by `saboot documents`")
        return rows[0]

    def list_documents(self, flt: DocumentFilter | None = None) -> list[Document]:
        flt = flt or DocumentFilter()
        where, params = _document_where(flt)
        sql = f"SELECT * FROM documents {where} ORDER BY published IS NULL, published, id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        return [_row_document(r) for r in self.conn.execute(sql, params)]

    def iter_documents(self) -> Iterator[Document]:
        for row in self.conn.execute(f"SELECT * FROM documents ORDER BY {self.INSERT_ORDER}"):
            yield _row_document(row)

    def count_documents(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    # -- near-duplicate index -------------------------------------------
    def add_bands(self, document_id: str, bands: list[tuple[int, str]]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO neardup_bands (band, bucket, document_id) VALUES (?, ?, ?)",
            [(band, bucket, document_id) for band, bucket in bands],
        )

    def band_candidates(self, bands: list[tuple[int, str]]) -> list[str]:
        if not bands:
            return []
        one = "SELECT document_id FROM neardup_bands WHERE band = ? AND bucket = ?"  # a key lookup per band, in one query
        sql = f"SELECT document_id FROM ({' UNION '.join([one] * len(bands))}) AS found ORDER BY document_id"
        return [str(row[0]) for row in self.conn.execute(sql, [v for pair in bands for v in pair])]

    # -- claims ---------------------------------------------------------
    def start_run(self, run_id: str, extractor: str, actor: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO extraction_runs (id, extractor, actor, started_at) VALUES (?, ?, ?, ?)",
            (run_id, extractor, actor, self.clock()),
        )

    def add_extraction(self, run_id: str, extraction: Extraction, claims_sha256: str) -> None:
        doc = extraction.document_id
        self.conn.execute(
            "UPDATE claims SET superseded_by = ? WHERE document_id = ? AND superseded_by IS NULL AND run_id != ?",
            (run_id, doc, run_id),
        )
        self.conn.execute(
            "UPDATE document_extractions SET superseded_by = ? WHERE document_id = ? AND superseded_by IS NULL AND run_id != ?",
            (run_id, doc, run_id),
        )
        signals = extraction.to_json()["signals"]
        self.conn.execute(
            "INSERT OR REPLACE INTO document_extractions VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                doc,
                run_id,
                extraction.extractor,
                canonical_json(signals),
                signals["genre"],
                int(signals["names_sources"]),
                claims_sha256,
            ),
        )
        rows = [_claim_row(run_id, claim) for claim in extraction.claims]
        if rows:
            marks = ", ".join("?" for _ in rows[0])
            self.conn.executemany(f"INSERT OR REPLACE INTO claims VALUES ({marks})", rows)
        self.conn.execute(
            "UPDATE extraction_runs SET documents = documents + 1, claims = claims + ? WHERE id = ?", (len(rows), run_id)
        )

    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        flt = flt or ClaimFilter()
        narrow = flt.ids is not None or flt.document_ids is not None or bool(flt.document_id)
        current = self._unindexed("superseded_by") if narrow else "superseded_by"  # found by id or document instead
        sql = f"SELECT data FROM claims WHERE {current} IS {'NOT ' if flt.superseded else ''}NULL"
        params: list[Any] = []
        for column, value in (("document_id", flt.document_id), ("kind", flt.kind), ("event_type", flt.event_type)):
            if value:
                sql += f" AND {column} = ?"
                params.append(value)
        if flt.flag:
            sql += " AND (',' || flags || ',') LIKE ?"
            params.append(f"%,{flt.flag},%")
        for column, values in (("id", flt.ids), ("document_id", flt.document_ids)):
            if values is not None:
                condition, param = self._any_of(column, values)
                sql += f" AND {condition}"
                params.append(param)
        sql += " ORDER BY date_start IS NULL, date_start, document_id, id"
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        with paused_gc():
            return [claim_from_json(json.loads(r[0])) for r in self.conn.execute(sql, params)]

    def extraction_hashes(self) -> dict[str, str]:
        out: dict[str, list[str]] = {}
        for doc in self.conn.execute("SELECT document_id FROM document_extractions WHERE superseded_by IS NULL"):
            out[str(doc[0])] = []
        for row in self.conn.execute("SELECT document_id, data FROM claims WHERE superseded_by IS NULL ORDER BY document_id, id"):
            out.setdefault(str(row[0]), []).append(str(row[1]))
        return {doc: claims_hash(items) for doc, items in out.items()}

    def source_documents(self, document_ids: Collection[str]) -> dict[str, SourceDocument]:
        ids = tuple(sorted(set(document_ids)))
        if not ids:
            return {}
        among, param = self._any_of("d.id", ids)
        rows = self.conn.execute(
            "SELECT d.id, d.outlet, d.title, d.path, d.url, d.near_duplicate_of, e.signals FROM documents d"
            f" LEFT JOIN document_extractions e ON e.document_id = d.id AND e.superseded_by IS NULL WHERE {among}",
            (param,),
        )  # fmt: skip
        found = {
            str(r[0]): SourceDocument(str(r[0]), r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] is not None else {})
            for r in rows
        }
        if missing := [i for i in ids if i not in found]:
            raise NotFoundError(
                f"{len(missing)} document(s) not stored, {missing[0]!r} first", hint="give ids shown by `saboot documents`"
            )
        return found

    # -- audit ledger ---------------------------------------------------
    def audit_head(self) -> AuditEntry | None:
        row = self.conn.execute("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else _row_audit(row)

    def _insert_audit(self, entry: AuditEntry) -> None:
        values = [getattr(entry, c) for c in _AUDIT_COLUMNS]
        self.conn.execute(f"INSERT INTO audit_log VALUES ({', '.join('?' for _ in values)})", values)

    def audit_entries(self, subject_id: str | None = None, actions: tuple[str, ...] = (), after: int = 0) -> Iterator[AuditEntry]:
        clauses, params = ["seq > ?"], list[Any]([after])
        if subject_id is not None:
            clauses.append("subject_id = ?")
            params.append(subject_id)
        if actions:
            clauses.append(f"action IN ({', '.join('?' for _ in actions)})")
            params += actions
        for row in self.conn.execute(f"SELECT * FROM audit_log WHERE {' AND '.join(clauses)} ORDER BY seq", params):
            yield _row_audit(row)

    def latest_audit_entry(self, actions: tuple[str, ...]) -> AuditEntry | None:
        marks = ", ".join("?" for _ in actions)
        row = self.conn.execute(
            f"SELECT * FROM audit_log WHERE action IN ({marks}) ORDER BY seq DESC LIMIT 1", actions
        ).fetchone()
        return None if row is None else _row_audit(row)


def claims_hash(claim_json: list[str]) -> str:
    """Fingerprint of a document's claims: their canonical JSON, sorted by id."""
    return sha256_hex("\n".join(sorted(claim_json)))


def claim_data(claim: Claim) -> str:
    return canonical_json(claim.to_json())


def _claim_row(run_id: str, c: Claim) -> list[Any]:
    loc = c.location
    counts: list[Any] = []
    for name in COUNT_FIELDS:
        q = c.counts.get(name)
        counts += [q.low, q.best, q.high] if q else [None, None, None]
    return [
        c.id, run_id, c.document_id, c.producer, c.kind, c.event_type, c.date.start, c.date.end, c.date.precision,
        loc.name if loc else None, loc.admin2 if loc else None, loc.admin1 if loc else None, loc.country if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, loc.precision if loc else None, *counts,
        ", ".join(a.name for a in c.perpetrators), ", ".join(a.name for a in c.victims), ",".join(c.flags),
        claim_data(c), None,
    ]  # fmt: skip


def _document_where(flt: DocumentFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.outlet:
        clauses.append("outlet = ? COLLATE NOCASE")
        params.append(flt.outlet)
    if flt.since:
        clauses.append("published >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("published <= ?")
        params.append(flt.until)
    if flt.contains:
        clauses.append("(instr(lower(text), lower(?)) > 0 OR instr(lower(coalesce(title, '')), lower(?)) > 0)")
        params += [flt.contains, flt.contains]
    if flt.near_duplicates is True:
        clauses.append("near_duplicate_of IS NOT NULL")
    elif flt.near_duplicates is False:
        clauses.append("near_duplicate_of IS NULL")
    if flt.copies_of:
        clauses.append("near_duplicate_of = ?")
        params.append(flt.copies_of)
    if flt.hide_sensitive:
        clauses.append("id NOT IN (SELECT target FROM sensitive_marks WHERE kind = 'document')")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _document_row(doc: Document) -> list[Any]:
    p = doc.provenance
    values: dict[str, Any] = {
        "source_kind": p.source_kind,
        "location": p.location,
        "captured_at": p.captured_at,
        "ingested_by": p.ingested_by,
        "saboot_version": p.saboot_version,
        "reader": p.reader,
        "published_method": p.published_method,
        "container_sha256": p.container_sha256,
        "container_row": p.container_row,
    }
    return [values[c] if c in values else getattr(doc, c) for c in _DOC_COLUMNS]


def _row_document(row: Row) -> Document:
    prov = Provenance(
        source_kind=row["source_kind"],
        location=row["location"],
        captured_at=row["captured_at"],
        ingested_by=row["ingested_by"],
        saboot_version=row["saboot_version"],
        reader=row["reader"],
        published_method=row["published_method"],
        container_sha256=row["container_sha256"],
        container_row=row["container_row"],
    )
    own = {c: row[c] for c in _DOC_COLUMNS if c in Document.__dataclass_fields__}
    return Document(provenance=prov, **own)


def _row_audit(row: Row) -> AuditEntry:
    return AuditEntry(**{c: row[c] for c in _AUDIT_COLUMNS})
