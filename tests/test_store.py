"""The SQLite store: migrations, WAL, plain tables, the store seam."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from saboot.errors import ConfigError, NotFoundError, StoreError
from saboot.extract.runner import ExtractionRunner
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.link.engine import ScoredPair
from saboot.store import SQLiteStore, Store, open_store
from saboot.store.migrations import MIGRATIONS
from tests.conftest import CORPUS


def test_migrations_apply_once_in_order(db_path: Path) -> None:
    first = SQLiteStore(db_path)
    assert first.applied_migrations() == [name for name, _ in MIGRATIONS]
    assert first.migrate() == []
    first.close()
    again = SQLiteStore(db_path)
    assert again.migrate() == []
    again.close()


def test_wal_foreign_keys_and_plain_tables(db_path: Path) -> None:
    SQLiteStore(db_path).close()
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "blobs", "audit_log", "sightings", "_migrations"} <= tables
    raw.close()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(bad)


def test_open_store_resolves_env_and_rejects_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SABOOT_DB", str(tmp_path / "env.db"))
    open_store().close()
    assert (tmp_path / "env.db").exists()
    with pytest.raises(ConfigError, match="does not exist"):
        open_store(str(tmp_path / "nowhere" / "x.db"))


def test_unknown_document_id(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError, match="saboot documents"):
        store.get_document("deadbeef")


def test_transaction_rolls_back_on_error(store: SQLiteStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.put_blob("a" * 64, b"x")
        raise RuntimeError
    with pytest.raises(NotFoundError):
        store.read_blob("a" * 64)


def test_a_failing_database_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from saboot.cli import cli
    from tests.conftest import CORPUS

    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(cli, ["--db", db, "ingest", "-q", str(CORPUS)]).exit_code == 0
    raw = sqlite3.connect(db)
    raw.execute("DROP TABLE incident_claims")  # a table removed by hand
    raw.commit()
    raw.close()
    result = CliRunner().invoke(cli, ["--db", db, "link"])
    assert result.exit_code == 2  # an unhandled driver error would exit 1 with a traceback
    assert "the store failed: no such table: incident_claims" in result.output and "run the command again" in result.output


def test_claims_found_by_id_or_document_are_not_read_through_every_current_claim(store: SQLiteStore) -> None:
    # without statistics (no ANALYZE) SQLite's planner chose the index of current claims and read them all, 75 ms a
    # query at 69,000 claims instead of 0.2: the query keeps that index out when it can look claims up instead
    from saboot.store.base import ClaimFilter

    def read() -> None:
        store.claims(ClaimFilter(ids=("c-1",)))
        store.claims(ClaimFilter(document_ids=("d-1",), kind="event"))
        store.claims(ClaimFilter(document_id="d-1"))
        store.claims(ClaimFilter(kind="event"))

    plans = _plans(store, "SELECT data FROM claims", read)
    assert len(plans) == 4 and all("claims_current" not in plan for plan in plans[:3]), plans
    assert "claims_current" in plans[3]  # every current event claim: the index of current claims is the way to them


def _plans(store: SQLiteStore, marker: str, call: Callable[[], object]) -> list[str]:
    """SQLite's query plan of each statement naming ``marker`` that ``call`` runs on the store."""
    seen: list[tuple[str, object]] = []
    real = store.conn

    class Spy:
        def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
            if marker in sql:
                seen.append((sql, params))
            return real.execute(sql, params)  # type: ignore[arg-type]

        def executemany(self, sql: str, rows: object) -> sqlite3.Cursor:
            return real.executemany(sql, rows)  # type: ignore[arg-type]

    store.conn = Spy()  # type: ignore[assignment]
    try:
        call()
    finally:
        store.conn = real
    return [" ".join(str(r[3]) for r in real.execute("EXPLAIN QUERY PLAN " + sql, params)) for sql, params in seen]  # type: ignore[arg-type]


def test_possible_duplicates_are_read_strongest_first_from_an_index_not_sorted(store: SQLiteStore) -> None:
    # sorting every kept pair took 40 s at a million claims; read in the index's order the list stops at its fiftieth
    [plan] = _plans(store, "FROM claim_pairs p", lambda: list(store.pairs_across_incidents(0.5, 1.0)))
    assert "claim_pairs_probability" in plan and "TEMP B-TREE" not in plan, plan


def test_a_relink_reads_strong_pairs_by_index_and_neighbours_from_the_key_alone(store: SQLiteStore) -> None:
    # a million claims: the strong pairs of 114,389 claims took 42 s when each of their pairs was read to see its
    # probability, 16 s by these indexes; their 13 million pairs, 67 s read whole, 15 s as neighbours from the key
    with store.transaction():
        store.save_claim_pairs([ScoredPair("a", "b", 0.95), ScoredPair("b", "c", 0.3)])
    [strong] = _plans(store, "FROM claim_pairs", lambda: store.claim_pairs(["a", "b"], at_least=0.9))
    assert "claim_pairs_a_probability (claim_a=? AND probability>?)" in strong, strong
    assert "claim_pairs_b_probability (claim_b=? AND probability>?)" in strong, strong
    [alike] = _plans(store, "FROM claim_pairs", lambda: store.claim_neighbours(["a", "b"]))
    assert "COVERING INDEX sqlite_autoindex_claim_pairs_1 (claim_a=?)" in alike, alike


def test_the_incidents_fingerprint_reads_ids_and_hashes_from_their_index_alone(store: SQLiteStore) -> None:
    # every link run, merge and split fingerprints all incidents: reading each incident's row took 2.7 s at 886,158
    [plan] = _plans(store, "FROM incidents ORDER BY id", lambda: store.replace_incidents((), [], "test"))
    assert plan == "SCAN incidents USING COVERING INDEX incidents_hashes", plan


def test_link_records_are_kept_as_arrays_and_read_back_as_they_were(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # a record is kept as its values in order (half the size of a JSON object); one kept as an object still reads, and
    # one kept before the last fields were added reads with their defaults, however many are read at a time
    from saboot.link.records import LinkRecord
    from saboot.store import links

    record = LinkRecord("c-1", "d-1", "Dawn", "2011-09-20", "2011-09-20", "2011-09", "2011", 29.8, 66.85, 5.0, "PK",
                        "Balochistan", "pk/mastung", None, "armed_attack", "violent", 26, 26, 26, ["Lashkar-e-Jhangvi"],
                        ["Shia"], ["pilgrims", "bus"], None, None, None, None, "Balochistan/Mastung")  # fmt: skip
    other = replace(record, unique_id="c-2", terms=[])
    older = replace(record, unique_id="c-3", district=None)  # the last three fields at their defaults
    with store.transaction():
        store.save_link_records([record, other, older], {"c-1": "00ff", "c-2": "0011", "c-3": "0022"})
        kept = store.conn.execute("SELECT record FROM link_records WHERE claim_id = 'c-1'").fetchone()[0]
        assert kept.startswith('["c-1","d-1","Dawn"')
        store.conn.execute("UPDATE link_records SET record = ? WHERE claim_id = 'c-2'", (json.dumps(other.row()),))
        short = json.dumps(list(older.row().values())[:-3])
        store.conn.execute("UPDATE link_records SET record = ? WHERE claim_id = 'c-3'", (short,))
    expected = {"c-1": (record, "00ff"), "c-2": (other, "0011"), "c-3": (older, "0022")}
    assert store.link_records() == expected
    monkeypatch.setattr(links, "RECORDS_BATCH", 2)
    assert store.link_records() == expected


def test_link_digests_name_each_kept_record_s_document_and_digest(store: SQLiteStore) -> None:
    digests_of_kept_records(store)


def digests_of_kept_records(store: Store) -> None:
    """What a re-link reads of the kept link records before it knows it must score a claim: each one's document and
    digest, as ``link_records`` has them, after records are replaced (both stores)."""
    from saboot.link.records import LinkRecord

    record = LinkRecord("c-1", "d-1", "Dawn", "2011-09-20", "2011-09-20", "2011-09", "2011", 29.8, 66.85, 5.0, "PK",
                        "Balochistan", "pk/mastung", None, "armed_attack", "violent", 26, 26, 26, [], [], [])  # fmt: skip
    others = [replace(record, unique_id=f"c-{k}", document_id=f"d-{k % 2}") for k in (2, 3)]
    with store.transaction():
        store.save_link_records([record, *others], {"c-1": "01", "c-2": "02", "c-3": "03"})
        store.update_link_records(["c-2"], [replace(record, unique_id="c-4", document_id="d-9")], {"c-4": "04"})
    digests = store.link_digests()
    assert digests == {"c-1": ("d-1", "01"), "c-3": ("d-1", "03"), "c-4": ("d-9", "04")}
    assert digests == {c: (r.document_id, d) for c, (r, d) in store.link_records().items()}


def test_incidents_members_and_ids_are_read_for_the_incidents_asked_only(store: SQLiteStore) -> None:
    members_of_incidents(store)


def members_of_incidents(store: Store) -> None:
    """Each incident's claims, sorted, for the incidents asked about that exist, and every incident's id: what a
    re-link confined to some claims reads instead of which incident every claim is in (both stores)."""
    from saboot.link.model import Incident

    def incident(ident: str, *claims: str) -> Incident:
        return Incident(
            ident, claims, "bombing", "2013-02-16", "2013-02-16", "day", None, {}, (), (), (), 1, (), (), (), "low", ""
        )

    with store.transaction():
        store.save_incidents([incident("inc-b", "c-3", "c-1"), incident("inc-a", "c-2"), incident("inc-c", "c-4")], "run-1")
    assert store.incident_members(["inc-b", "inc-a", "inc-none"]) == {"inc-b": ["c-1", "c-3"], "inc-a": ["c-2"]}
    assert store.incident_members([]) == {}
    assert store.incident_ids() == {"inc-a", "inc-b", "inc-c"}
    assert store.incidents_of_claims(["c-3", "c-4", "c-9"]) == {"c-3": "inc-b", "c-4": "inc-c"}


def test_corrections_are_read_for_the_documents_asked_only(store: SQLiteStore) -> None:
    corrections_by_document(store)


def corrections_by_document(store: Store) -> None:
    """An anchor is "document@offset": "a1@5" is a1's, not a10's; none asked, none read; not asked, all (both stores)."""
    with store.transaction():
        for anchor in ("a1@5", "a10@7", "b2@0", "a1@12"):
            store.add_correction(anchor, "killed", "{}", "test", "test", "2026-12-06T00:00:00Z")
    assert [c[0] for c in store.corrections(["a1"])] == ["a1@5", "a1@12"]
    assert [c[0] for c in store.corrections(["a1", "b2"])] == ["a1@5", "b2@0", "a1@12"]
    assert store.corrections([]) == [] and len(store.corrections()) == 4


def test_documents_are_read_as_sources_together_without_their_text(store: SQLiteStore) -> None:
    source_documents_read_together(store)


def source_documents_read_together(store: Store) -> None:
    """Documents as sources: read in one query, without their text, with their current extraction's signals (none
    before one), and an id not stored named (both stores)."""
    ingestor = Ingestor(store, IngestOptions(actor="test"))
    dawn, tribune = (
        o.document_id for o in ingestor.ingest([str(CORPUS / "mastung-2011-dawn.md"), str(CORPUS / "chilas-2012-tribune.md")])
    )
    assert dawn and tribune
    [extraction] = ExtractionRunner(store, actor="test").run([store.get_document(dawn)])
    found = store.source_documents([tribune, dawn, dawn])
    assert sorted(found) == sorted([dawn, tribune]) and not hasattr(found[dawn], "text")
    for ident, doc in found.items():
        stored = store.get_document(ident)
        assert (doc.outlet, doc.title, doc.path, doc.url, doc.near_duplicate_of) == (
            stored.outlet, stored.title, stored.path, stored.url, stored.near_duplicate_of,
        )  # fmt: skip
    assert found[dawn].signals == json.loads(json.dumps(extraction.to_json()["signals"])) and found[tribune].signals == {}
    assert found[dawn].outlet == "Dawn" and store.source_documents([]) == {}
    with pytest.raises(NotFoundError, match="'nowhere'"):
        store.source_documents([dawn, "nowhere"])


def test_kept_pairs_are_read_by_either_claim_and_by_score_and_as_neighbours(store: SQLiteStore) -> None:
    pairs_by_claims(store)


def pairs_by_claims(store: Store) -> None:
    """The kept pairs with one of some claims on either side scored at least so much, and which of some claims are
    paired (both stores)."""
    kept = [ScoredPair("a", "b", 0.95), ScoredPair("b", "c", 0.5), ScoredPair("c", "d", 0.99), ScoredPair("a", "d", 0.2)]
    with store.transaction():
        store.save_claim_pairs(kept)

    def ends(found: list[ScoredPair]) -> list[tuple[str, str, float]]:
        return [(p.left, p.right, p.probability) for p in found]

    assert ends(store.claim_pairs(["b"])) == ends(kept[:2])
    assert ends(store.claim_pairs(["a", "c"], at_least=0.9)) == ends([kept[0], kept[2]])
    assert ends(store.claim_pairs(["c"], at_least=0.5)) == ends(kept[1:3])  # at least: 0.5 itself is in
    assert store.claim_pairs([]) == [] and store.claim_pairs(["z"]) == []
    # c-d and a-d leave the three; each pair is seen from both its claims, however it was given
    assert store.claim_neighbours(["a", "b", "c"]) == {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}
    assert store.claim_neighbours(["a", "d", "z"]) == {"a": {"d"}, "d": {"a"}}
    assert store.claim_neighbours(["b", "d"]) == {} and store.claim_neighbours([]) == {}
