"""Store seam: ``open_store`` picks the engine from the configured URL.

``sqlite:///path`` or a plain path → the embedded SQLite store.
``postgresql://…`` → the PostgreSQL store (extra ``saboot[postgres]``).
"""

from __future__ import annotations

import os
from pathlib import Path

from saboot.errors import ConfigError
from saboot.store.base import ClaimFilter, DocumentFilter, IncidentFilter, MonthTotal, Store, utc_now
from saboot.store.sqlite import SQLiteStore

DEFAULT_DB = "saboot.db"

__all__ = [
    "DEFAULT_DB",
    "ClaimFilter",
    "DocumentFilter",
    "IncidentFilter",
    "MonthTotal",
    "SQLiteStore",
    "Store",
    "open_store",
    "resolve_db",
    "utc_now",
]


def resolve_db(db: str | None) -> str:
    """``--db`` beats ``SABOOT_DB`` beats ``./saboot.db``."""
    return db or os.environ.get("SABOOT_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> Store:
    target = resolve_db(db)
    if target.startswith(("postgresql://", "postgres://")):
        from saboot.store.postgres import PostgresStore  # psycopg only when asked for

        return PostgresStore(target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :]
    if target != ":memory:":
        parent = Path(target).expanduser().resolve().parent
        if not parent.is_dir():
            raise ConfigError(f"folder {parent} does not exist", where=target, hint="create it or pass another --db")
    return SQLiteStore(target)
