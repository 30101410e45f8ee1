"""Named, ordered schema migrations for the SQLite store.

Each migration is a function that receives the connection; it runs once, in
order, inside a transaction, and its name is recorded in ``_migrations``.
Add new ones at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one, so that they join the caller's
    transaction (``executescript`` would commit it)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


APPEND_ONLY_GUARDS = ("audit_log_no_update", "audit_log_no_delete", "documents_text_immutable", "blobs_immutable")


@migration("0001_documents_blobs_audit")
def m0001(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE REFERENCES blobs(sha256),
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            title TEXT, author TEXT, outlet TEXT, published TEXT, language TEXT,
            path TEXT, url TEXT,
            source_kind TEXT NOT NULL,
            location TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            ingested_by TEXT NOT NULL,
            saboot_version TEXT NOT NULL,
            reader TEXT NOT NULL,
            published_method TEXT,
            container_sha256 TEXT REFERENCES blobs(sha256),
            container_row INTEGER,
            near_duplicate_of TEXT REFERENCES documents(id),
            near_duplicate_score REAL
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_outlet ON documents(outlet);
        CREATE INDEX documents_near_dup ON documents(near_duplicate_of);
        CREATE TABLE sightings (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            location TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            UNIQUE(document_id, location)
        );
        CREATE TABLE neardup_bands (
            band INTEGER NOT NULL,
            bucket TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            PRIMARY KEY (band, bucket, document_id)
        ) WITHOUT ROWID;
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_subject ON audit_log(subject_id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text, text_sha256, sha256 ON documents
        BEGIN SELECT RAISE(ABORT, 'a stored document''s text and hashes never change; ingest a new version'); END;
        CREATE TRIGGER blobs_immutable BEFORE UPDATE ON blobs
        BEGIN SELECT RAISE(ABORT, 'blobs are content-addressed and never change'); END;
        """,
    )


@migration("0002_claims")
def m0002(conn: sqlite3.Connection) -> None:
    count_columns = "".join(
        f"{field}_low INTEGER, {field}_best INTEGER, {field}_high INTEGER,\n"
        for field in ("killed", "injured", "abducted", "missing", "arrested")
    )
    run_script(
        conn,
        f"""
        CREATE TABLE extraction_runs (
            id TEXT PRIMARY KEY,
            extractor TEXT NOT NULL,
            actor TEXT NOT NULL,
            started_at TEXT NOT NULL,
            documents INTEGER NOT NULL DEFAULT 0,
            claims INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE document_extractions (
            document_id TEXT NOT NULL REFERENCES documents(id),
            run_id TEXT NOT NULL REFERENCES extraction_runs(id),
            extractor TEXT NOT NULL,
            signals TEXT NOT NULL,
            genre TEXT NOT NULL,
            names_sources INTEGER NOT NULL,
            claims_sha256 TEXT NOT NULL,
            superseded_by TEXT REFERENCES extraction_runs(id),
            PRIMARY KEY (document_id, run_id)
        );
        CREATE TABLE claims (
            id TEXT NOT NULL,
            run_id TEXT NOT NULL REFERENCES extraction_runs(id),
            document_id TEXT NOT NULL REFERENCES documents(id),
            extractor TEXT NOT NULL,
            kind TEXT NOT NULL,
            event_type TEXT NOT NULL,
            date_start TEXT, date_end TEXT, date_precision TEXT NOT NULL,
            location_name TEXT, admin2 TEXT, admin1 TEXT, country TEXT, lat REAL, lon REAL, location_precision TEXT,
            {count_columns}
            perpetrators TEXT NOT NULL,
            victims TEXT NOT NULL,
            flags TEXT NOT NULL,
            data TEXT NOT NULL,
            superseded_by TEXT REFERENCES extraction_runs(id),
            PRIMARY KEY (id, run_id)
        );
        CREATE INDEX claims_document ON claims(document_id);
        CREATE INDEX claims_current ON claims(superseded_by, date_start);
        """,
    )


@migration("0003_incidents_references")
def m0003(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL,
            date_start TEXT, date_end TEXT, date_precision TEXT NOT NULL,
            location_name TEXT, admin1 TEXT, country TEXT, lat REAL, lon REAL,
            killed_low INTEGER, killed_best INTEGER, killed_high INTEGER,
            injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
            independent_sources INTEGER NOT NULL,
            perpetrators TEXT NOT NULL, victims TEXT NOT NULL, flags TEXT NOT NULL,
            corroboration TEXT NOT NULL,
            data TEXT NOT NULL,
            link_run TEXT NOT NULL
        );
        CREATE INDEX incidents_date ON incidents(date_start);
        CREATE TABLE incident_claims (
            incident_id TEXT NOT NULL REFERENCES incidents(id),
            claim_id TEXT NOT NULL,
            PRIMARY KEY (incident_id, claim_id)
        );
        CREATE INDEX incident_claims_claim ON incident_claims(claim_id);
        CREATE TABLE link_decisions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('must_link', 'cannot_link')),
            claim_a TEXT NOT NULL,
            claim_b TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            ts TEXT NOT NULL
        );
        CREATE TABLE reference_rows (
            dataset TEXT NOT NULL,
            ref_id TEXT NOT NULL,
            date_lo TEXT, date_hi TEXT, country TEXT, admin1 TEXT, place TEXT, lat REAL, lon REAL,
            event_type TEXT NOT NULL, killed_best INTEGER, data TEXT NOT NULL,
            PRIMARY KEY (dataset, ref_id)
        );
        CREATE INDEX reference_rows_date ON reference_rows(country, date_lo);
        """,
    )


@migration("0004_incident_indexes")
def m0004(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE INDEX incidents_admin1_type ON incidents(admin1 COLLATE NOCASE, event_type, date_start);
        CREATE INDEX incidents_type_date ON incidents(event_type, date_start);
        CREATE INDEX incidents_country_date ON incidents(country, date_start);
        CREATE INDEX incidents_killed ON incidents(killed_best);
        CREATE INDEX incidents_admin1_type_killed ON incidents(admin1 COLLATE NOCASE, event_type, killed_best);
        CREATE INDEX incidents_sources ON incidents(independent_sources);
        """,
    )


@migration("0005_corrections")
def m0005(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            anchor TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            reason TEXT NOT NULL,
            actor TEXT NOT NULL,
            ts TEXT NOT NULL
        );
        CREATE INDEX corrections_anchor ON corrections(anchor);
        """,
    )


@migration("0006_incident_reviews")
def m0006(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE incident_reviews (
            id INTEGER PRIMARY KEY,
            claims_key TEXT NOT NULL,
            note TEXT NOT NULL,
            actor TEXT NOT NULL,
            ts TEXT NOT NULL
        );
        CREATE INDEX incident_reviews_key ON incident_reviews(claims_key);
        ALTER TABLE incidents ADD COLUMN claims_key TEXT;
        CREATE INDEX incidents_claims_key ON incidents(claims_key);
        """,
    )


@migration("0007_accounts_sensitive")
def m0007(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            token_sha256 TEXT PRIMARY KEY,
            user TEXT NOT NULL REFERENCES users(name),
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            token_sha256 TEXT NOT NULL,
            user TEXT NOT NULL REFERENCES users(name),
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TABLE sensitive_marks (
            kind TEXT NOT NULL CHECK (kind IN ('document', 'name')),
            target TEXT NOT NULL,
            reason TEXT NOT NULL,
            actor TEXT NOT NULL,
            ts TEXT NOT NULL,
            PRIMARY KEY (kind, target)
        );
        """,
    )


@migration("0008_review_content_key")
def m0008(conn: sqlite3.Connection) -> None:
    """A review also holds for re-extracted claims that state the same (``review.content_key``)."""
    run_script(
        conn,
        """
        ALTER TABLE incidents ADD COLUMN content_key TEXT;
        CREATE INDEX incidents_content_key ON incidents(content_key);
        ALTER TABLE incident_reviews ADD COLUMN content_key TEXT;
        CREATE INDEX incident_reviews_content ON incident_reviews(content_key);
        """,
    )


@migration("0009_withdrawn_decisions")
def m0009(conn: sqlite3.Connection) -> None:
    """A link decision may withdraw the earlier ones on its claims (``saboot withdraw``): SQLite changes a CHECK by
    copying the table."""
    run_script(
        conn,
        """
        CREATE TABLE link_decisions_0009 (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('must_link', 'cannot_link', 'withdrawn')),
            claim_a TEXT NOT NULL,
            claim_b TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            ts TEXT NOT NULL
        );
        INSERT INTO link_decisions_0009 SELECT id, kind, claim_a, claim_b, actor, reason, ts FROM link_decisions;
        DROP TABLE link_decisions;
        ALTER TABLE link_decisions_0009 RENAME TO link_decisions;
        """,
    )


@migration("0010_scored_pairs")
def m0010(conn: sqlite3.Connection) -> None:
    """The last link run's scored claim pairs, under the digest of all they were scored from
    (``link.scored.inputs_key``), so that a re-link on unchanged claims (an analyst's merge or split) reuses them."""
    run_script(
        conn,
        """
        CREATE TABLE scored_pairs (
            inputs_sha256 TEXT PRIMARY KEY,
            data BLOB NOT NULL
        );
        """,
    )


@migration("0011_claim_pairs")
def m0011(conn: sqlite3.Connection) -> None:
    """The last link run's scored claim pairs again, one row each, found by either claim: what an incident page reads
    to list the incidents that may be the same one (``link.near``). Each pair's evidence is a list of indexes into
    ``pair_levels``, the distinct levels and weights, written once."""
    run_script(
        conn,
        """
        CREATE TABLE pair_levels (
            id INTEGER PRIMARY KEY,
            comparison TEXT NOT NULL,
            level TEXT NOT NULL,
            weight REAL NOT NULL
        );
        CREATE TABLE claim_pairs (
            claim_a TEXT NOT NULL,
            claim_b TEXT NOT NULL,
            probability REAL NOT NULL,
            levels TEXT NOT NULL,
            PRIMARY KEY (claim_a, claim_b)
        );
        CREATE INDEX claim_pairs_b ON claim_pairs(claim_b);
        """,
    )


@migration("0012_incident_hashes")
def m0012(conn: sqlite3.Connection) -> None:
    """Each incident's SHA-256 (of its canonical JSON) kept beside it: a link run's ledger entry fingerprints the
    incidents from these (``link.model.incidents_fingerprint``) rather than from every incident's JSON. Rows written
    before have none, and are hashed when read."""
    run_script(conn, "ALTER TABLE incidents ADD COLUMN data_sha256 TEXT;")


@migration("0013_pair_model")
def m0013(conn: sqlite3.Connection) -> None:
    """How the last full scoring weighed the store's claims (``link.incremental``): a re-link after new reports scores
    only the claims that changed, with those weights."""
    run_script(conn, "CREATE TABLE pair_model (data BLOB NOT NULL);")


@migration("0014_link_records")
def m0014(conn: sqlite3.Connection) -> None:
    """Each claim's link record as it was last scored, with its digest (``link.incremental``): a re-link after new
    reports reads the other claims' records from here instead of making them again from every claim."""
    run_script(
        conn,
        """
        CREATE TABLE link_records (
            claim_id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL,
            digest TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX link_records_document ON link_records(document_id);
        """,
    )


@migration("0015_decision_claims")
def m0015(conn: sqlite3.Connection) -> None:
    """The analysts' link decisions found by either claim: an incident's page reads only those on its reports'
    claims (``link.lineage.standing``)."""
    run_script(
        conn,
        """
        CREATE INDEX link_decisions_a ON link_decisions(claim_a);
        CREATE INDEX link_decisions_b ON link_decisions(claim_b);
        """,
    )


@migration("0016_pairs_by_probability")
def m0016(conn: sqlite3.Connection) -> None:
    """The kept claim pairs in the order the list of possible duplicates reads them, strongest first
    (``Store.pairs_across_incidents``): it stops at its fiftieth pair of incidents instead of sorting every pair
    (1.87 s at 209,118 claims, 40 s at a million, before)."""
    run_script(conn, "CREATE INDEX claim_pairs_probability ON claim_pairs(probability DESC, claim_a, claim_b);")


@migration("0017_pairs_by_claim_and_probability")
def m0017(conn: sqlite3.Connection) -> None:
    """Each claim's kept pairs by probability, found by either claim: a re-link reads the strong pairs of the claims it
    reaches without reading each of their weak ones (a million claims: 42 s for the strong pairs of 114,389 claims,
    16 s with these indexes). The index on claim_b alone is one of them now."""
    run_script(
        conn,
        """
        DROP INDEX claim_pairs_b;
        CREATE INDEX claim_pairs_a_probability ON claim_pairs(claim_a, probability);
        CREATE INDEX claim_pairs_b_probability ON claim_pairs(claim_b, probability);
        """,
    )


@migration("0018_incident_hashes_by_id")
def m0018(conn: sqlite3.Connection) -> None:
    """Each incident's id and hash in an index of their own: a link run, and every merge and split, fingerprints all
    the incidents from these (``Store.replace_incidents``) without reading each incident's row and JSON (886,158
    incidents: 0.8 s instead of 2.7 s)."""
    run_script(conn, "CREATE INDEX incidents_hashes ON incidents(id, data_sha256);")
