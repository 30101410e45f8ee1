"""The SQLite store: migrations, WAL, plain tables, the store seam."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from saboot.errors import ConfigError, NotFoundError, StoreError
from saboot.store import SQLiteStore, open_store
from saboot.store.migrations import MIGRATIONS


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
